# A failing sys.monitoring EXCEPTION_HANDLED callback: its exception
# replaces the one being caught and unwinds from the same place. CPython
# 3.13 unwinds it from just before the handler instead, which finds the
# same handler again and loops forever, so expected/ holds ferrython's
# output rather than CPython's run.
import sys

mon = sys.monitoring
E = mon.events
TOOL = 3
mon.use_tool_id(TOOL, "test")
handled = []

def failing(code, offset, exc):
    if code.co_name == "f_caught":
        handled.append(type(exc).__name__)
        raise RuntimeError("from the callback")

mon.register_callback(TOOL, E.EXCEPTION_HANDLED, failing)

def f_caught():
    try:
        raise KeyError("x")
    except KeyError:
        return "handled"

mon.set_events(TOOL, E.EXCEPTION_HANDLED)
try:
    print(f_caught())
except RuntimeError as e:
    print("RuntimeError", e)
mon.set_events(TOOL, 0)
mon.free_tool_id(TOOL)
print(handled)
