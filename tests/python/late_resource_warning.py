# A file left open in __main__ is reported at exit (ResourceWarning from
# the file's finalizer while the modules are torn down), as CPython does:
# the warning machinery keeps working after sys.modules lets go of
# `warnings`, `_warnings` and `sys`, and prints the plain form.
import os
import subprocess
import sys

here = os.path.abspath(__file__)
for code in [
    f"f = open({here!r})",
    f"import sys\nkeep = [open({here!r}, 'rb')]",
]:
    r = subprocess.run([sys.executable, "-Wd", "-c", code], capture_output=True, text=True)
    print(r.returncode, r.stderr.replace(here, "HERE"))
r = subprocess.run([sys.executable, "-c", f"f = open({here!r})"], capture_output=True, text=True)
print("without -Wd:", repr(r.stderr))
