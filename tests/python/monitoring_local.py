# sys.monitoring (PEP 669): local events set per code object, callbacks
# returning DISABLE, and restart_events().
import sys

m = sys.monitoring
E = m.events
TOOL = 4

for bad in (lambda: m.get_local_events(TOOL, None),
            lambda: m.set_local_events(TOOL, len, E.LINE),
            lambda: m.get_local_events(7, (lambda: 0).__code__),
            lambda: m.set_local_events(TOOL, (lambda: 0).__code__, E.LINE),
            lambda: m.set_local_events(TOOL, (lambda: 0).__code__, E.RAISE),
            lambda: m.set_local_events(TOOL, (lambda: 0).__code__, E.C_RETURN)):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

m.use_tool_id(TOOL, "local")
base = sys._getframe().f_lineno
events = []

def f(n):
    total = 0
    total += n
    return total

def g(n):
    return f(n) + 1

def on_line(code, line):
    events.append(("LINE", code.co_name, line - base))

def on_start(code, offset):
    events.append(("PY_START", code.co_name))

def on_return(code, offset, value):
    events.append(("PY_RETURN", code.co_name, value))

m.register_callback(TOOL, E.LINE, on_line)
m.register_callback(TOOL, E.PY_START, on_start)
m.register_callback(TOOL, E.PY_RETURN, on_return)

# Local events fire only in the chosen code object.
m.set_local_events(TOOL, f.__code__, E.LINE | E.PY_START)
m.set_local_events(TOOL, g.__code__, E.PY_RETURN)
print(m.get_local_events(TOOL, f.__code__) == E.LINE | E.PY_START,
      m.get_local_events(TOOL, g.__code__) == E.PY_RETURN,
      m.get_local_events(TOOL, on_line.__code__), m.get_events(TOOL))
g(2)
f(5)
m.set_local_events(TOOL, f.__code__, 0)
m.set_local_events(TOOL, g.__code__, E.NO_EVENTS)
g(3)
for e in events:
    print(e)
print(m.get_local_events(TOOL, f.__code__))

# A callback returning DISABLE turns its event off at that location for
# that tool until restart_events().
events.clear()

def counting_start(code, offset):
    events.append(("PY_START", code.co_name))
    return m.DISABLE

def line_once(code, line):
    events.append(("LINE", code.co_name, line - base))
    return m.DISABLE

m.register_callback(TOOL, E.PY_START, counting_start)
m.register_callback(TOOL, E.LINE, line_once)
m.set_local_events(TOOL, f.__code__, E.PY_START | E.LINE)
m.set_events(TOOL, E.PY_START)
for i in range(3):
    g(i)
print(events)
events.clear()
m.restart_events()
g(1)
g(2)
print(events)
m.set_events(TOOL, 0)
m.set_local_events(TOOL, f.__code__, 0)

# DISABLE from a callback of an event that cannot be disabled: the
# callback is removed and ValueError raised.
def on_raise(code, offset, exc):
    events.append(("RAISE", code.co_name, type(exc).__name__))
    return m.DISABLE

def fails():
    raise KeyError("k")

def catcher():
    try:
        fails()
    except KeyError:
        return "caught"

events.clear()
m.register_callback(TOOL, E.RAISE, on_raise)
m.set_events(TOOL, E.RAISE)
try:
    catcher()
except ValueError as e:
    print("ValueError", e)
print(m.register_callback(TOOL, E.RAISE, None))
print(catcher())
m.set_events(TOOL, 0)
print(events)

# C_RETURN cannot be disabled either; CALL can.
events.clear()

def on_call(code, offset, func, arg0):
    events.append(("CALL", code.co_name, getattr(func, "__name__", "?")))
    return m.DISABLE

def on_c_return(code, offset, func, arg0):
    events.append(("C_RETURN", code.co_name, func.__name__))
    return m.DISABLE

def uses_len(items):
    n = 0
    for x in items:
        n += len(x)
    return n

m.register_callback(TOOL, E.CALL, on_call)
m.set_local_events(TOOL, uses_len.__code__, E.CALL)
print(uses_len(["a", "bc", "def"]))
print(events)
events.clear()
m.restart_events()
m.register_callback(TOOL, E.C_RETURN, on_c_return)
try:
    m.set_local_events(TOOL, uses_len.__code__, E.CALL | E.C_RETURN)
except ValueError as e:
    print("ValueError", e)
m.set_local_events(TOOL, uses_len.__code__, E.CALL | E.C_RETURN | E.C_RAISE)
try:
    uses_len(["xy"])
except ValueError as e:
    print("ValueError", e)
print(events)
print(m.register_callback(TOOL, E.C_RETURN, None))

m.free_tool_id(TOOL)
print(m.get_tool(TOOL))
