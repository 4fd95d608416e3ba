# open() with a bad encoding or (in development mode) a bad error handler
# raises LookupError and closes the file it opened without a
# ResourceWarning; TextIOWrapper checks the error handler in dev mode only.
import subprocess
import sys

code = r"""
import warnings, io
warnings.simplefilter("always")
for kw in ({"encoding": "no-such-codec"}, {"errors": "no-such-handler"}):
    try:
        open(__file__, **kw)
        print("opened", kw)
    except LookupError as e:
        print("LookupError", e)
with open(__file__, "rb") as fp:
    try:
        io.TextIOWrapper(fp, encoding="utf-8", errors="no-such-handler")
        print("wrapped")
    except LookupError as e:
        print("LookupError", e)
"""
with open("io_open_failure_cleanup_child.py", "w") as f:
    f.write(code)
try:
    for flags in ([], ["-X", "dev"]):
        r = subprocess.run(
            [sys.executable, *flags, "io_open_failure_cleanup_child.py"],
            capture_output=True,
            text=True,
        )
        print(flags, r.returncode)
        print(r.stdout, end="")
        print("stderr:", repr(r.stderr))
finally:
    import os

    os.remove("io_open_failure_cleanup_child.py")
