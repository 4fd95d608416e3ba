# PEP 578 audit hooks from Python: sys.addaudithook, sys.audit, the
# sys.addaudithook event, a hook refusing an event or a new hook.
import sys

seen = []
def hook(event, args):
    if event.startswith("test."):
        seen.append((event, args))
    if event == "test.refuse":
        raise PermissionError("refused: " + repr(args))
sys.addaudithook(hook)
sys.audit("test.plain")
sys.audit("test.args", 1, "two", [3])
try:
    sys.audit("test.refuse", 42)
except PermissionError as e:
    print("PermissionError", e)
print(seen)

added = []
def gatekeeper(event, args):
    if event == "sys.addaudithook":
        added.append("asked")
        raise RuntimeError("no more hooks")
sys.addaudithook(gatekeeper)
print(sys.addaudithook(lambda e, a: added.append("never")))
sys.audit("test.after")
print(added, seen[-1])

for bad in (lambda: sys.audit(), lambda: sys.audit(5), lambda: sys.addaudithook()):
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
