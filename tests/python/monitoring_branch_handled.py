# sys.monitoring's BRANCH, EXCEPTION_HANDLED and RERAISE events (shown by
# line, since bytecode offsets differ between versions) and DISABLE for a
# branch location.
import sys

mon = sys.monitoring
E = mon.events
TOOL = 3
mon.use_tool_id(TOOL, "test")
seen = []

def line_of(code, offset):
    for i, pos in enumerate(code.co_positions()):
        if i * 2 == offset:
            return None if pos[0] is None else pos[0] - code.co_firstlineno
    return None

def on_branch(code, src, dest):
    if code.co_name.startswith("f_"):
        seen.append(("BRANCH", code.co_name, line_of(code, src), line_of(code, dest), dest > src))

def on_handled(code, offset, exc):
    if code.co_name.startswith("f_"):
        seen.append(("HANDLED", code.co_name, type(exc).__name__))

def on_reraise(code, offset, exc):
    if code.co_name.startswith("f_"):
        seen.append(("RERAISE", code.co_name, line_of(code, offset), type(exc).__name__))

mon.register_callback(TOOL, E.BRANCH, on_branch)
mon.register_callback(TOOL, E.EXCEPTION_HANDLED, on_handled)
mon.register_callback(TOOL, E.RERAISE, on_reraise)

def f_branches(x):
    total = 0
    for i in range(2):
        if i == x:
            total += 10
        else:
            total += 1
    y = None if x else 5
    if y is None:
        total += 100
    return total

def f_handles():
    try:
        raise KeyError("a")
    except KeyError:
        pass
    try:
        try:
            raise ValueError("b")
        finally:
            pass
    except ValueError:
        return "caught"

def f_with_reraise():
    class CM:
        def __enter__(self):
            return self
        def __exit__(self, *a):
            return False
    with CM():
        raise IndexError("c")

mon.set_events(TOOL, E.BRANCH | E.EXCEPTION_HANDLED | E.RERAISE)
print(f_branches(1))
print(f_handles())
try:
    f_with_reraise()
except IndexError:
    pass
mon.set_events(TOOL, 0)
for s in seen:
    print(s)

# DISABLE: a callback returning it turns BRANCH off at that location.
seen.clear()
def disabling(code, src, dest):
    if code.co_name == "f_loop":
        seen.append(line_of(code, src))
        return mon.DISABLE
mon.register_callback(TOOL, E.BRANCH, disabling)
def f_loop():
    n = 0
    for i in range(5):
        n += i
    return n
mon.set_events(TOOL, E.BRANCH)
print(f_loop(), f_loop())
mon.set_events(TOOL, 0)
mon.restart_events()
print(seen)

mon.free_tool_id(TOOL)
