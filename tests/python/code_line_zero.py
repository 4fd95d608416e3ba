# A module's (and eval code's) RESUME has line 0, which the location
# table keeps apart from "no line" (None).
import sys

mod = compile("x = 1\ndef f(a):\n    return a + 1\n", "<m>", "exec")
print("module positions", list(mod.co_positions())[:2])
print("module lines", list(mod.co_lines())[:2])
func = [c for c in mod.co_consts if hasattr(c, "co_code")][0]
print("function lines", list(func.co_lines())[:2])
print("function positions", list(func.co_positions())[:2])

ev = compile("a + 1", "<e>", "eval")
print("eval", list(ev.co_lines())[0], list(ev.co_positions())[0])
single = compile("y = 2\n", "<s>", "single")
print("single", list(single.co_lines())[0], list(single.co_positions())[0])

# Line 0 survives a round trip through co_linetable and a moved first line.
again = mod.replace(co_linetable=mod.co_linetable)
print("replaced", list(again.co_positions())[:2])
moved = mod.replace(co_firstlineno=5)
print("moved", list(moved.co_lines())[:2], list(moved.co_positions())[:2])

# The call event of module code reports line 0.
events = []


def tracer(frame, event, arg):
    if frame.f_code is mod:
        events.append((event, frame.f_lineno))
    return tracer


sys.settrace(tracer)
exec(mod, {})
sys.settrace(None)
print("events", events)


# Code without a line reads as None in tracebacks and frames.
def fails():
    1 / 0


fails.__code__ = fails.__code__.replace(co_linetable=b"\xf8\xf8\xf8\xf9\xf8\xf8\xf8")
try:
    fails()
except ZeroDivisionError as e:
    tb = e.__traceback__.tb_next
    print("no line", tb.tb_lineno, tb.tb_frame.f_lineno)
    print("no positions", set(fails.__code__.co_positions()))
