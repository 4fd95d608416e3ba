# sys.monitoring (PEP 669): tool ids, callbacks, event sets, and the
# PY_START / PY_RESUME / PY_RETURN / PY_YIELD / LINE / RAISE / PY_UNWIND
# events of Python functions.
import sys

m = sys.monitoring
E = m.events
print(m.DEBUGGER_ID, m.COVERAGE_ID, m.PROFILER_ID, m.OPTIMIZER_ID)
print(sorted((k, getattr(E, k)) for k in dir(E) if k.isupper()))
print(type(m.DISABLE).__name__, m.DISABLE is not m.MISSING)

TOOL = 3
print(m.get_tool(TOOL))
m.use_tool_id(TOOL, "tester")
print(m.get_tool(TOOL))
for bad in (lambda: m.use_tool_id(TOOL, "again"), lambda: m.use_tool_id(6, "x"),
            lambda: m.set_events(4, E.LINE), lambda: m.set_events(TOOL, 1 << 20),
            lambda: m.register_callback(TOOL, E.LINE | E.PY_START, print),
            lambda: m.get_events(-1)):
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)

events = []
base = sys._getframe().f_lineno

def on_start(code, offset):
    events.append(("PY_START", code.co_name))
def on_resume(code, offset):
    events.append(("PY_RESUME", code.co_name))
def on_return(code, offset, value):
    events.append(("PY_RETURN", code.co_name, value))
def on_yield(code, offset, value):
    events.append(("PY_YIELD", code.co_name, value))
def on_line(code, line):
    # Frames already running when the events were set are left out:
    # ferrython starts reporting at the next frame (a known difference).
    if code.co_name != "<module>":
        events.append(("LINE", code.co_name, line - base))
def on_raise(code, offset, exc):
    events.append(("RAISE", code.co_name, type(exc).__name__))
def on_unwind(code, offset, exc):
    events.append(("PY_UNWIND", code.co_name, type(exc).__name__))

def square(x):
    y = x * x
    return y

def gen():
    yield 1

def fails():
    raise KeyError("k")

def work():
    square(3)
    list(gen())
    try:
        fails()
    except KeyError:
        pass

print(m.register_callback(TOOL, E.PY_START, on_start))
print(m.register_callback(TOOL, E.PY_START, on_start) is on_start)
for ev, cb in ((E.PY_RESUME, on_resume), (E.PY_RETURN, on_return), (E.PY_YIELD, on_yield),
               (E.LINE, on_line), (E.RAISE, on_raise), (E.PY_UNWIND, on_unwind)):
    m.register_callback(TOOL, ev, cb)
m.set_events(TOOL, E.PY_START | E.PY_RESUME | E.PY_RETURN | E.PY_YIELD | E.LINE | E.RAISE | E.PY_UNWIND)
print(m.get_events(TOOL))
work()
m.set_events(TOOL, 0)
for e in events:
    print(e)

# Only the chosen events reach the callbacks.
events.clear()
m.set_events(TOOL, E.PY_RETURN)
square(5)
m.set_events(TOOL, E.NO_EVENTS)
print(events)

m.free_tool_id(TOOL)
print(m.get_tool(TOOL), m.get_events(TOOL))

# STOP_ITERATION: a for loop, `yield from` or `await` that runs a generator
# or coroutine to its end gets the StopIteration its return makes; other
# iterators (and next(), list()) do not raise the event.
m.use_tool_id(TOOL, "tester")
stops = []


def on_stop(code, offset, exc):
    stops.append((code.co_name, type(exc).__name__, exc.args))


def returns_two():
    yield 1
    return 2


def returns_none():
    yield 1


def for_loop(g):
    for _ in g():
        pass


def delegates(g):
    return (yield from g())


class Stops:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration(5)


async def answer():
    return 9


async def awaits():
    return await answer()


def stop_cases():
    for_loop(returns_two)
    for_loop(returns_none)
    print("loops:", stops)
    stops.clear()
    print(list(delegates(returns_two)), list(delegates(returns_none)), stops)
    stops.clear()
    for _ in Stops():
        pass
    print(next(iter([]), None), list(returns_two()), stops)
    try:
        awaits().send(None)
    except StopIteration as e:
        print("await:", e.value, stops)
    stops.clear()


m.register_callback(TOOL, E.STOP_ITERATION, on_stop)
m.set_events(TOOL, E.STOP_ITERATION)
stop_cases()
m.set_events(TOOL, 0)
# As a local event, only in the code objects that have it.
m.set_local_events(TOOL, for_loop.__code__, E.STOP_ITERATION)
stop_cases()
m.set_local_events(TOOL, for_loop.__code__, 0)


# A callback returning DISABLE turns the event off at that loop.
def disabling(code, offset, exc):
    stops.append(code.co_name)
    return m.DISABLE


m.register_callback(TOOL, E.STOP_ITERATION, disabling)
m.set_events(TOOL, E.STOP_ITERATION)
for _ in range(3):
    for_loop(returns_two)
print("disabled:", stops)
m.set_events(TOOL, 0)
m.register_callback(TOOL, E.STOP_ITERATION, None)
m.free_tool_id(TOOL)
