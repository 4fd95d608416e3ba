# A frame knows the generator or coroutine that runs it: frame.clear()
# follows CPython 3.13's rules for generator frames, and frames thrown
# into through `yield from` / `await` chains see their callers.
import sys
import traceback
import warnings


def names(f):
    out = []
    while f is not None:
        out.append(f.f_code.co_name)
        f = f.f_back
    return out


def try_clear(frame):
    try:
        return frame.clear()
    except RuntimeError as e:
        return f"{type(e).__name__}: {e}"


# A suspended generator's frame cannot be cleared; its finally block waits.
def gen_with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("finally ran")


g = gen_with_finally()
next(g)
print("suspended:", try_clear(g.gi_frame), g.gi_suspended)
print("after refused clear:", next(g))
g.close()

# An unstarted generator's frame: clearing it closes the generator.
g = gen_with_finally()
f = g.gi_frame
print("unstarted:", try_clear(f), g.gi_frame, list(g))

# A finished generator's frame is an ordinary frame again.
def keeps_frame():
    x = [1, 2]
    yield sys._getframe()


g = keeps_frame()
f = next(g)
print("frame identity:", f is g.gi_frame, f.f_back)
for _ in g:
    pass
print("finished:", g.gi_frame, try_clear(f), dict(f.f_locals))

# Clearing the running generator's frame or its caller's.
def clears_itself():
    f = sys._getframe()
    yield try_clear(f)
    yield try_clear(f.f_back)
    yield names(f.f_back)


print("running:", list(clears_itself()))

# A generator delegating a throw() is executing: its frame cannot be cleared.
def leaf(outer_frames):
    try:
        yield 1
    except ValueError:
        yield [try_clear(f) for f in outer_frames]


def mid(frames):
    yield from leaf(frames)


frames = []
g = mid(frames)
next(g)
frames.append(g.gi_frame)
print("delegating:", g.throw(ValueError))

# An unstarted coroutine's frame: clearing it warns that the coroutine was
# never awaited, and the coroutine can still run.
async def coro():
    return "coro result"


c = coro()
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print("unstarted coroutine:", try_clear(c.cr_frame))
print([(x.category.__name__, str(x.message)) for x in w])
print(c.cr_frame is not None, c.cr_suspended)
try:
    c.send(None)
except StopIteration as e:
    print("coroutine returned", e.value, c.cr_frame)

# Suspended coroutine and async generator frames.
class Suspend:
    def __await__(self):
        yield "suspended"


async def waits():
    await Suspend()


c = waits()
c.send(None)
print("suspended coroutine:", try_clear(c.cr_frame), c.cr_frame.f_back)
c.close()


async def agen():
    yield 1


a = agen()
print("unstarted async generator:", try_clear(a.ag_frame), a.ag_frame)
a = agen()
try:
    a.asend(None).send(None)
except StopIteration as e:
    print("async generator yielded", e.value)
print("suspended async generator:", try_clear(a.ag_frame))
try:
    a.aclose().send(None)
except StopIteration:
    print("async generator closed", a.ag_frame)


# throw() into a generator nested in `yield from`: the delegate's frame
# has the delegating frames as its callers.
def inner():
    try:
        yield 1
    except ValueError:
        print("inner sees", names(sys._getframe()))
        yield 2


def middle():
    return (yield from inner())


def outer():
    yield from middle()


g = outer()
next(g)
print("thrown:", g.throw(ValueError))
print("after throw:", g.gi_frame.f_back, g.gi_yieldfrom.gi_frame.f_back)


def quiet_inner():
    yield 1


def quiet_middle():
    yield from quiet_inner()


def quiet_outer():
    yield from quiet_middle()


g = quiet_outer()
next(g)
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print("traceback:", [f.f_code.co_name for f, _ in traceback.walk_tb(e.__traceback__)])


# The same through `await`.
class Fut:
    def __await__(self):
        try:
            yield "fut"
        except ValueError:
            print("fut sees", names(sys._getframe()))
            raise


async def c1():
    await Fut()


async def c2():
    try:
        await c1()
    except ValueError as e:
        print("await traceback:", [f.f_code.co_name for f, _ in traceback.walk_tb(e.__traceback__)])
        print("c2 sees", names(sys._getframe()))
        return 5


def drive():
    c = c2()
    print("awaiting:", c.send(None))
    try:
        c.throw(ValueError)
    except StopIteration as e:
        print("stop", e.value)


drive()


# A trace function sees the same callers of a generator thrown into.
def tracer(frame, event, arg):
    if event in ("call", "return", "exception"):
        print(event, frame.f_code.co_name, names(frame.f_back)[:3])


def g3():
    try:
        yield 1
    except ValueError:
        pass
    yield 2


def w3():
    yield from g3()


def run():
    g = w3()
    next(g)
    sys.settrace(tracer)
    g.throw(ValueError)
    sys.settrace(None)


run()
