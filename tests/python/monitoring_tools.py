# sys.monitoring: _all_events(), the order tools are called in (highest id
# first), C_RETURN/C_RAISE not kept in a tool's event set, CALL and
# C_RETURN/C_RAISE for the super() call of LOAD_SUPER_ATTR, and LINE
# events for an attribute name on its own line.
import sys

M = sys.monitoring
E = M.events

print(M._all_events())
M.use_tool_id(1, "one")
M.use_tool_id(4, "four")
M.set_events(1, E.CALL | E.LINE | E.C_RETURN | E.C_RAISE)
M.set_events(4, E.CALL)
print(sorted(M._all_events().items()), M.get_events(1), M.get_events(4))
try:
    M.set_events(1, E.C_RETURN)
except ValueError as e:
    print(type(e).__name__, e)
M.set_events(1, 0)
M.set_events(4, 0)
print(M._all_events())

# Highest tool id first.
log = []
def rec(tool):
    def cb(code, offset, *rest):
        log.append((tool, code.co_name))
    return cb

def f():
    return 1

M.register_callback(1, E.PY_START, rec(1))
M.register_callback(4, E.PY_START, rec(4))
M.set_events(1, E.PY_START)
M.set_events(4, E.PY_START)
f()
M.set_events(1, 0)
M.set_events(4, 0)
print(log)
log.clear()

# super() inside a method: the call of super is reported.
class A:
    x = 10
    def m(self, v):
        return v

class B(A):
    def m(self, v):
        return super().m(v) + super().x

    def bad(self):
        return super(3, self).x

calls = []
def on_call(code, offset, callable, arg0):
    name = getattr(callable, "__name__", type(callable).__name__)
    calls.append(("call", name, arg0 is M.MISSING))
def on_c_return(code, offset, callable, arg0):
    calls.append(("C return", callable.__name__))
def on_c_raise(code, offset, callable, arg0):
    calls.append(("C raise", callable.__name__))

M.register_callback(1, E.CALL, on_call)
M.register_callback(1, E.C_RETURN, on_c_return)
M.register_callback(1, E.C_RAISE, on_c_raise)
b = B()
M.set_events(1, E.CALL)
r = b.m(5)
try:
    b.bad()
except TypeError as e:
    err = (type(e).__name__, str(e))
M.set_events(1, 0)
print(r, err)
for c in calls:
    print(*c)

# An attribute name on its own line gets its own LINE event.
lines = []
def on_line(code, line):
    if code.co_name == "g":
        lines.append(line - code.co_firstlineno)

def g(obj):
    v = (obj
         .real)
    w = obj.conjugate(
    )
    return (v,
            w)

M.register_callback(1, E.LINE, on_line)
M.set_events(1, E.LINE)
g(3)
M.set_events(1, 0)
print(lines)
M.free_tool_id(1)
M.free_tool_id(4)
print(M.get_tool(1), M._all_events())
