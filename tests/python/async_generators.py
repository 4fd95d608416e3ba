# Async generators (PEP 525), async for/with, and delegation of throw/close
# through yield from / await, driven by a small pure-Python event loop.
import sys


class Sleep:
    """An awaitable that suspends to the loop once, passing it a value."""

    def __init__(self, tag):
        self.tag = tag

    def __await__(self):
        got = yield ("sleep", self.tag)
        return got


def run(coro, log=False):
    """Drive a coroutine to completion; every suspension gets a reply."""
    n = 0
    value = None
    while True:
        try:
            req = coro.send(value)
        except StopIteration as e:
            return e.value
        n += 1
        if log:
            print("  loop got", req)
        value = f"reply{n}"


async def ticker(n):
    for i in range(n):
        r = await Sleep(i)
        yield i, r
    print("  ticker done")


async def main_basic():
    out = []
    async for item in ticker(3):
        out.append(item)
    return out


print(run(main_basic(), log=True))


# asend / athrow / aclose by hand.
async def echo():
    received = []
    try:
        while True:
            try:
                v = yield len(received)
                received.append(v)
            except ValueError as e:
                print("  echo caught", repr(e))
                yield "recovered"
    finally:
        print("  echo finally, received", received)


async def main_methods():
    g = echo()
    print(type(g).__name__, g.__name__, g.__qualname__, g.ag_running, g.ag_await)
    print("anext:", await g.__anext__())
    print("asend a:", await g.asend("a"))
    print("asend b:", await g.asend("b"))
    print("athrow:", await g.athrow(ValueError("bad")))
    print("asend c:", await g.asend("c"))
    r = await g.aclose()
    print("aclose returned", r)
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("exhausted after aclose")
    print("aclose again:", await g.aclose())


run(main_methods())


# Exceptions escaping, StopAsyncIteration conversion, return.
async def raiser():
    yield 1
    raise KeyError("k")


async def bad_stop():
    yield 1
    raise StopAsyncIteration


async def bad_stop_iter():
    yield 1
    raise StopIteration


async def early_return():
    yield 1
    return
    yield 2


async def collect(agen):
    out = []
    try:
        async for x in agen:
            out.append(x)
    except Exception as e:
        print("  collect error:", type(e).__name__, e, "| cause:", type(e.__cause__).__name__)
    return out


for f in [raiser, bad_stop, bad_stop_iter, early_return]:
    print(f.__name__, run(collect(f())))


# Async comprehensions and async generator expressions.
async def comp():
    a = [x async for x in ticker(3)]
    b = [x[0] * 10 async for x in ticker(4) if x[0] % 2]
    g = (x[0] + 100 async for x in ticker(2))
    c = [y async for y in g]
    print(type(g).__name__)
    return a, b, c


print(run(comp()))


# async with.
class ACM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    async def __aenter__(self):
        await Sleep("enter " + self.name)
        return self.name.upper()

    async def __aexit__(self, et, ev, tb):
        await Sleep("exit " + self.name)
        print("  exit", self.name, et.__name__ if et else None)
        return self.suppress


async def with_main():
    async with ACM("a") as a, ACM("b") as b:
        print("  inside", a, b)
    async with ACM("s", suppress=True):
        raise ValueError("suppressed")
    try:
        async with ACM("n"):
            raise KeyError("propagates")
    except KeyError as e:
        print("  caught", repr(e))
    return "with done"


print(run(with_main(), log=True))


# Errors of the async protocols.
class NoAiter:
    pass


class BadAiter:
    def __aiter__(self):
        return 1


class BadAnext:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 5


async def err_cases():
    for obj in [NoAiter(), BadAiter(), BadAnext()]:
        try:
            async for _ in obj:
                pass
        except TypeError as e:
            print("  TypeError:", e)
    try:
        async with NoAiter():
            pass
    except TypeError as e:
        print("  TypeError:", e)
    try:
        await 3
    except TypeError as e:
        # (the message changed in 3.14: "'int' object can't be awaited")
        print("  TypeError for await 3")


run(err_cases())


# Reusing awaitables, running state.
async def reuse():
    g = ticker(2)
    aw = g.__anext__()
    print("first:", await aw)
    try:
        await aw
    except RuntimeError as e:
        print("  RuntimeError:", e)
    close = g.aclose()
    await close
    try:
        await close
    except RuntimeError as e:
        print("  RuntimeError:", e)


run(reuse())


# The asend awaitable driven by hand: values of inner awaits pass through.
g = ticker(2)
aw = g.asend(None)
print(type(aw).__name__, aw.send(None))
try:
    aw.send("direct")
except StopIteration as e:
    print("StopIteration value", e.value)
print("ag_running after", g.ag_running)
g2 = ticker(1)
try:
    g2.asend(None).send("not none")
except TypeError as e:
    print("TypeError:", e)


# athrow into a generator suspended in an await: the awaitable sees it.
class Catcher:
    def __await__(self):
        try:
            yield "waiting"
        except ValueError:
            print("  awaitable caught ValueError")
            return "handled"
        return "normal"


async def awaits_catcher():
    r = await Catcher()
    yield r


g = awaits_catcher()
a = g.__anext__()
print(a.send(None))
try:
    a.throw(ValueError)
except StopIteration as e:
    print("yielded after throw:", e.value)


# aclose while suspended inside an await; ignoring GeneratorExit.
async def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2


async def close_stubborn():
    g = stubborn()
    await g.__anext__()
    try:
        await g.aclose()
    except RuntimeError as e:
        print("  RuntimeError:", e)


run(close_stubborn())


# sys.set_asyncgen_hooks / get_asyncgen_hooks.
print(sys.get_asyncgen_hooks())
events = []
sys.set_asyncgen_hooks(firstiter=lambda g: events.append(("first", g.__name__)),
                       finalizer=lambda g: events.append(("final", g.__name__)))
h = sys.get_asyncgen_hooks()
print(type(h).__name__, callable(h.firstiter), callable(h[1]))


async def hooked():
    yield 1
    yield 2


g = hooked()
run(g.__anext__())
del g
print(events)
try:
    sys.set_asyncgen_hooks(firstiter=3)
except TypeError as e:
    print("TypeError:", e)
try:
    sys.set_asyncgen_hooks(finalizer="x")
except TypeError as e:
    print("TypeError:", e)
sys.set_asyncgen_hooks(None, None)
print(sys.get_asyncgen_hooks())


# Generators: throw/close delegate through yield from.
def inner():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("  inner caught", e)
        yield 3
    finally:
        print("  inner finally")
    return "inner result"


def outer():
    r = yield from inner()
    print("  outer got", r)
    yield "after"


g = outer()
print(next(g), g.gi_yieldfrom.__name__, g.gi_suspended, g.gi_code.co_name)
print(g.throw(ValueError("x")))
print(next(g))
print(g.gi_yieldfrom)
g.close()
g = outer()
next(g)
g.close()
print("closed delegating generator", g.gi_frame)


# A suspended generator that is dropped runs its finally block.
def fin():
    try:
        yield 1
    finally:
        print("  fin finally ran")


g = fin()
next(g)
del g
print("after del")


# Coroutine attributes and close.
async def co():
    await Sleep("x")
    return 5


c = co()
print(type(c).__name__, c.cr_code.co_name, c.cr_await, c.cr_suspended, c.cr_running)
c.send(None)
print(type(c.cr_await).__name__, c.cr_suspended)
c.close()
print(c.cr_frame)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)

# Async generator attributes.
ag = ticker(1)
print(ag.ag_code.co_name, ag.ag_frame is not None, ag.ag_suspended)
print(repr(ag).startswith("<async_generator object ticker at"))
ag.__name__ = "renamed"
print(ag.__name__)
try:
    ag.__name__ = 5
except TypeError as e:
    print("TypeError:", e)


# A coroutine cannot be delegated to from a plain generator.
async def plain_coro():
    return 1


def delegating():
    yield from plain_coro()


try:
    next(delegating())
except TypeError as e:
    print("TypeError:", e)
