# code.replace and function.__code__ assignment, and a generator made
# awaitable the way types.coroutine does it (CO_ITERABLE_COROUTINE).


def f(a, b=2):
    return a + b


co = f.__code__
c2 = co.replace(co_name="g", co_consts=co.co_consts, co_firstlineno=100)
print(c2.co_name, co.co_name, c2 is co, c2.co_argcount, c2.co_firstlineno)
f.__code__ = c2
print(f(1), f.__code__.co_name)
for bad in [dict(co_argcount=5), dict(co_name=1), dict(bogus=1)]:
    try:
        co.replace(**bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__)
try:
    co.replace(1)
except TypeError:
    print("TypeError for a positional argument")


def h():
    pass


h.__code__ = (lambda: 7).__code__
print(h(), h.__code__.co_name)
try:
    h.__code__ = 5
except TypeError as e:
    print("TypeError:", e)


def outer():
    y = 1
    return lambda: y


try:
    h.__code__ = outer().__code__
except ValueError as e:
    print("ValueError:", e)


def gen():
    x = yield "from gen"
    return x * 2


gen.__code__ = gen.__code__.replace(co_flags=gen.__code__.co_flags | 0x100)


async def main():
    return await gen()


c = main()
print(c.send(None))
try:
    c.send(21)
except StopIteration as e:
    print("result", e.value)


def plain_gen():
    yield 1


async def bad():
    await plain_gen()


try:
    bad().send(None)
except TypeError:
    # (3.14 words it "'generator' object can't be awaited")
    print("TypeError: a plain generator is not awaitable")
