# A finished coroutine refuses send() and throw() with RuntimeError; close()
# stays quiet. Generators re-raise what is thrown into them.


async def coroutine():
    return "spam"


coro = coroutine()
try:
    coro.send(None)
except StopIteration as e:
    print("StopIteration", e.value)
for action in ("send", "throw", "throw-type"):
    try:
        if action == "send":
            coro.send(None)
        elif action == "throw":
            coro.throw(Exception("wat"))
        else:
            coro.throw(ValueError)
    except Exception as e:
        print(action, type(e).__name__, e)
coro.close()
coro.close()
print("closed")

it = coroutine().__await__()
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.value)
for f in (lambda: next(it), lambda: it.send(None), lambda: it.throw(Exception("wat"))):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)


def gen():
    yield 1


g = gen()
list(g)
try:
    g.throw(Exception("wat"))
except Exception as e:
    print("generator", type(e).__name__, e)


# The docs of the coroutine methods speak of coroutines.
import types

ct = types.CoroutineType
print('into coroutine' in ct.send.__doc__, 'inside coroutine' in ct.close.__doc__, 'in coroutine' in ct.throw.__doc__)
print('of the coroutine' in ct.__dict__['__name__'].__doc__, 'of the coroutine' in ct.__dict__['__qualname__'].__doc__)


async def f():
    pass


c = f()
w = c.__await__()
print(w.send.__doc__ == ct.send.__doc__)
c.close()


def g():
    yield


print(type(g()).send.__doc__ is not None)
