# The awaitables of async generators (asend, athrow, aclose): close() throws
# GeneratorExit in through them, throw() on a fresh one checks that the
# generator is not already running, and one never awaited warns.
import gc, warnings, types
async def gen():
    yield 1
def warned(make):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        g = gen()
        make(g)
        gc.collect()
    return [(x.category.__name__, str(x.message)) for x in w]
print(warned(lambda g: g.asend(None)))
print(warned(lambda g: g.athrow(RuntimeError)))
print(warned(lambda g: g.aclose()))
print(warned(lambda g: g.__anext__()))
def awaited(g):
    try:
        g.asend(None).send(None)
    except StopIteration:
        pass
print(warned(awaited))

@types.coroutine
def _async_yield(v):
    return (yield v)
class MyExc(Exception):
    pass
async def agenfn():
    try:
        yield
    except MyExc:
        pass
    while True:
        try:
            await _async_yield(None)
        except MyExc:
            pass
agen = agenfn()
try:
    agen.asend(None).send(None)
except StopIteration:
    pass
g1 = agen.athrow(MyExc)
g1.throw(MyExc)
g2 = agen.athrow(MyExc)
for step in (lambda: g2.throw(MyExc), lambda: g2.send(None)):
    try:
        step()
    except RuntimeError as e:
        print("RuntimeError:", e)
g3 = agen.asend(None)
for step in (lambda: g3.throw(MyExc), lambda: g3.send(None)):
    try:
        step()
    except RuntimeError as e:
        print("RuntimeError:", e)


# close() of an asend that the generator ignores GeneratorExit in.
async def ignores_exit():
    try:
        await _async_yield(None)
    except GeneratorExit:
        await _async_yield(None)
    return
    yield


agen = ignores_exit()
gen = agen.asend(None)
gen.send(None)
try:
    gen.close()
except RuntimeError as e:
    print("RuntimeError", e)
print(gen.close())
try:
    gen.send(None)
except RuntimeError as e:
    print(e)


# close() of a fresh asend closes the generator it would have started.
async def simple():
    try:
        yield 1
    finally:
        print("simple finally")


def step(awaitable):
    try:
        return ("yielded", awaitable.send(None))
    except (StopIteration, StopAsyncIteration) as e:
        return (type(e).__name__, getattr(e, "value", None))


a = simple()
print(a.asend(None).close(), a.ag_running, a.ag_frame)
print(step(a.asend(None)))
# A started one: closing fresh athrow and aclose awaitables runs its finally.
a = simple()
print(step(a.asend(None)))
print(a.athrow(ValueError).close(), a.ag_frame)
a = simple()
print(step(a.asend(None)))
print(a.aclose().close(), a.ag_frame)
print(step(a.aclose()))

# An aclose awaitable that finished by a throw() cannot be used again.
for thrown in (GeneratorExit, KeyError):
    nxt = simple().aclose()
    for _ in range(2):
        try:
            nxt.throw(thrown)
        except BaseException as e:
            print(type(e).__name__, e)
