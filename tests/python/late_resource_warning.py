# A file left open in __main__ is reported at exit (ResourceWarning from
# the file's finalizer while the modules are torn down), as CPython does:
# the warning machinery keeps working after sys.modules lets go of
# `warnings`, `_warnings` and `sys`, and prints the plain form (it does
# not import `warnings` again once finalization has begun).
import os
import subprocess
import sys

here = os.path.abspath(__file__)
for code in [
    f"f = open({here!r})",
    f"import sys\nkeep = [open({here!r}, 'rb')]",
    # The globals outlive the module (a function refers to them): the file
    # dies in the last collection, when `warnings` is gone from
    # sys.modules and is not imported again.
    f"def keep(): pass\nraw = open({here!r}, 'rb', buffering=0)",
]:
    r = subprocess.run([sys.executable, "-Wd", "-c", code], capture_output=True, text=True)
    print(r.returncode, r.stderr.replace(here, "HERE"))
r = subprocess.run([sys.executable, "-c", f"f = open({here!r})"], capture_output=True, text=True)
print("without -Wd:", repr(r.stderr))
