# sys.unraisablehook: exceptions in __del__ reach the hook as an
# UnraisableHookArgs; a failing hook is reported; with the hook removed,
# the default report is written.
import sys

print(sys.__unraisablehook__ is sys.unraisablehook, type(sys.unraisablehook).__name__)

class Noisy:
    def __del__(self):
        raise ValueError("in __del__")

seen = []
def hook(u):
    seen.append((type(u).__name__, len(u), u.exc_type.__name__, str(u.exc_value),
                 u.err_msg, u.exc_traceback is not None, u.exc_value is u[1]))
sys.unraisablehook = hook
Noisy()
print(seen)

for bad in ((), (1,), (1, 2)):
    try:
        sys.__unraisablehook__(*bad)
    except TypeError as e:
        print("TypeError", e)

# The default hook writes to sys.stderr.
import io
sys.stderr = io.StringIO()
sys.unraisablehook = sys.__unraisablehook__
Noisy()
report = sys.stderr.getvalue()
sys.stderr = sys.__stderr__
print(report.splitlines()[0].startswith("Exception ignored in:"), report.splitlines()[-1])
