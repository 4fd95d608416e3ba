# sys.settrace / sys.setprofile: call, line, return and exception events,
# local trace functions, a trace function that raises, sys.call_tracing,
# sys.gettrace/getprofile.
import sys

events = []

def name(frame):
    return frame.f_code.co_name

def local(frame, event, arg):
    events.append((event, name(frame), frame.f_lineno - base,
                   arg if event == "return" else type(arg[1]).__name__ if event == "exception" else None))
    return local

def tracer(frame, event, arg):
    events.append((event, name(frame), frame.f_lineno - base, None))
    return local if name(frame) != "untraced" else None

base = sys._getframe().f_lineno

def add(a, b):
    c = a + b
    return c

def loop(n):
    total = 0
    for i in range(n):
        total += i
    return total

def fails():
    raise ValueError("boom")

def catches():
    try:
        fails()
    except ValueError:
        return "caught"

def untraced():
    x = 1
    return x

def gen():
    yield 1
    yield 2

def run():
    add(1, 2)
    loop(2)
    catches()
    untraced()
    list(gen())

print(sys.gettrace())
sys.settrace(tracer)
print(sys.gettrace() is tracer)
run()
sys.settrace(None)
print(sys.gettrace())
for e in events:
    print(e)

# Profiling: call and return of Python functions (the C function events are
# left out).
prof = []
def profiler(frame, event, arg):
    if not event.startswith("c_"):
        prof.append((event, name(frame), arg if event == "return" else None))
sys.setprofile(profiler)
add(3, 4)
catches()
sys.setprofile(None)
print(sys.getprofile())
for e in prof:
    print(e)

# A trace function that raises is removed; its exception propagates.
def bad(frame, event, arg):
    if event == "line":
        raise RuntimeError("trace failed in " + name(frame))
    return bad
sys.settrace(bad)
try:
    add(5, 6)
except RuntimeError as e:
    print("RuntimeError", e)
print(sys.gettrace())

# call_tracing calls a function with positional arguments from a tuple.
print(sys.call_tracing(add, (7, 8)))
try:
    sys.call_tracing(add, [1, 2])
except TypeError as e:
    print("TypeError", e)
