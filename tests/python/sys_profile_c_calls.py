# Profile functions: c_call / c_return / c_exception around calls of
# builtin functions and method descriptors; sys.monitoring CALL,
# C_RETURN and C_RAISE events.
import sys

log = []

def prof(frame, event, arg):
    # Frames that were already running when the function was set are left
    # out: ferrython reports events of frames started after it (a known
    # difference; CPython instruments every code object at once).
    if frame.f_code.co_name == "profiled":
        return
    if event.startswith("c_"):
        log.append((event, frame.f_code.co_name, getattr(arg, "__qualname__", repr(arg))))
    else:
        log.append((event, frame.f_code.co_name))

class K:
    def meth(self, x):
        return x + 1

def helper(*a, **k):
    return len(a) + len(k)

def work():
    n = len([1, 2, 3])
    s = "abc".upper()
    d = {}
    d.setdefault("k", 1)
    abs(-3)
    max(1, 2, key=None)
    K().meth(1)
    helper(*(1, 2), **{"x": 3})
    len(*["xy"])
    sorted([3, 1, 2])
    try:
        int("nope")
    except ValueError:
        pass
    try:
        [].pop()
    except IndexError:
        pass
    return n, s

def profiled():
    sys.setprofile(prof)
    work()
    sys.setprofile(None)
profiled()
for e in log:
    print(e)

print("--- a profile function that raises in c_call")
def bad(frame, event, arg):
    if event == "c_call":
        raise RuntimeError("from profile")
def call_len():
    return len("abc")
sys.setprofile(bad)
try:
    call_len()
except RuntimeError as e:
    print("RuntimeError", e)
print(sys.getprofile())

print("--- sys.monitoring")
m = sys.monitoring
E = m.events
TOOL = 4
m.use_tool_id(TOOL, "calls")
events = []
def name(c):
    return getattr(c, "__qualname__", type(c).__name__)
def argname(a):
    if a is m.MISSING:
        return "MISSING"
    return repr(a) if isinstance(a, (int, str, list, dict)) else type(a).__name__
# Only frames started after set_events are watched (see above).
fresh = {"target", "helper", "uses_len", "driver"}
def on_call(code, off, callable, arg0):
    if code.co_name not in fresh:
        return
    events.append(("CALL", code.co_name, name(callable), argname(arg0)))
def on_c_return(code, off, callable, arg0):
    if code.co_name not in fresh:
        return
    events.append(("C_RETURN", code.co_name, name(callable), argname(arg0)))
def on_c_raise(code, off, callable, arg0):
    if code.co_name not in fresh:
        return
    events.append(("C_RAISE", code.co_name, name(callable), argname(arg0)))
m.register_callback(TOOL, E.CALL, on_call)
m.register_callback(TOOL, E.C_RETURN, on_c_return)
m.register_callback(TOOL, E.C_RAISE, on_c_raise)
try:
    m.set_events(TOOL, E.C_RETURN)
except ValueError as e:
    print("ValueError", e)
m.set_events(TOOL, E.CALL)
events_set = m.get_events(TOOL)

def target():
    len("ab")
    helper(1, y=2)
    K().meth(2)
    "x".join(["a", "b"])
    divmod(7, 2)
    list()
    try:
        {}["missing"].x
    except KeyError:
        pass
    try:
        int("bad")
    except ValueError:
        pass

def driver():
    target()
def run_driver():
    driver()
    m.set_events(TOOL, 0)
run_driver()
print(hex(events_set))
for e in events:
    print(e)

print("--- a CALL callback that raises")
def boom(code, off, callable, arg0):
    if name(callable) == "len":
        raise KeyError("cb")
m.register_callback(TOOL, E.CALL, boom)
m.set_events(TOOL, E.CALL)
def uses_len():
    return len("abc")
def driver2():
    try:
        uses_len()
    except KeyError as e:
        print("KeyError", e)
def run_driver2():
    driver2()
    m.set_events(TOOL, 0)
run_driver2()
m.free_tool_id(TOOL)

print("--- a C_RAISE callback that raises replaces the exception")
def raise_other(code, off, callable, arg0):
    raise LookupError("from C_RAISE")
m.use_tool_id(TOOL, "again")
m.register_callback(TOOL, E.C_RAISE, raise_other)
m.set_events(TOOL, E.CALL)
def fails_in_c():
    try:
        int("bad")
    except Exception as e:
        print(type(e).__name__, e)
    getter = {}.get
    print(getter("x", 5))
    m.set_events(TOOL, 0)
fails_in_c()
m.free_tool_id(TOOL)

print("--- profile: bound builtin methods, c_exception with a raising profile")
log.clear()
def prof2(frame, event, arg):
    if frame.f_code.co_name == "inner":
        log.append((event, getattr(arg, "__qualname__", None)))
        if event == "c_exception":
            raise OSError("from c_exception")
def inner():
    g = {}.get
    g("k")
    try:
        [].remove(1)
    except Exception as e:
        print(type(e).__name__, e)
def bound():
    sys.setprofile(prof2)
    inner()
    print(sys.getprofile())
bound()
for e in log:
    print(e)
