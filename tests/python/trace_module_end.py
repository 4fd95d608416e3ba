# The implicit `return None` that ends module code has no line of its
# own: a jump over the last statement does not raise a line event for it.
import sys

src = "x = 1\nif []:\n    print('unreachable')\n"
code = compile(src, "<mod>", "exec")
events = []


def tracer(frame, event, arg):
    if frame.f_code is code:
        events.append((event, frame.f_lineno))
    return tracer


sys.settrace(tracer)
exec(code, {})
sys.settrace(None)
print(events)
print([line for _, _, line in code.co_lines()][-1:])
