# aiter/anext, iter(callable, sentinel) and breakpoint/sys.breakpointhook.
import sys


def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value


async def agen(n):
    for i in range(n):
        yield i


class ARange:
    def __init__(self, n):
        self.i, self.n = 0, n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i


async def main():
    it = aiter(agen(2))
    print(type(it).__name__, await anext(it), await anext(it))
    print("default:", await anext(it, "done"))
    try:
        await anext(it)
    except StopAsyncIteration:
        print("StopAsyncIteration without default")
    r = aiter(ARange(2))
    print(await anext(r), await anext(r), await anext(r, None))
    aw = anext(ARange(0), 99)
    print(type(aw).__name__)
    print(await aw)
    for bad in [1, [], ARange]:
        try:
            aiter(bad)
        except TypeError as e:
            print("TypeError:", e)
    try:
        anext([])
    except TypeError as e:
        print("TypeError:", e)

    class BadAiter:
        def __aiter__(self):
            return 1

    try:
        aiter(BadAiter())
    except TypeError as e:
        print("TypeError:", e)
    return "main done"


print(run(main()))

# anext(..., default) driven by hand: throw and close reach the awaitable.
aw = anext(agen(1), "d")
print(aw.send(None) if False else "skip")
try:
    aw.send(None)
except StopIteration as e:
    print("first value via StopIteration:", e.value)

# iter(callable, sentinel)
vals = iter([1, 2, 3, None, 5])
it = iter(lambda: next(vals), None)
print(type(it).__name__, list(it), list(it))
count = 0


def counter():
    global count
    count += 1
    if count == 3:
        raise StopIteration
    return count


print(list(iter(counter, object())))
try:
    iter(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    iter()
except TypeError as e:
    print("TypeError:", type(e).__name__)


def raiser():
    raise KeyError("k")


try:
    next(iter(raiser, 0))
except KeyError as e:
    print("KeyError", e)

# breakpoint() goes through sys.breakpointhook.
calls = []
sys.breakpointhook = lambda *a, **k: calls.append((a, k)) or "hooked"
print(breakpoint(1, x=2), calls)
del sys.breakpointhook
try:
    breakpoint()
except RuntimeError as e:
    print("RuntimeError:", e)
sys.breakpointhook = sys.__breakpointhook__
import posix
posix.putenv("PYTHONBREAKPOINT", "0")
print(breakpoint())
posix.putenv("PYTHONBREAKPOINT", "builtins.len")
print(breakpoint([1, 2, 3]))
