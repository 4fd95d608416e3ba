# sys._baserepl() runs the basic prompt loop over stdin (a pipe here, so
# the statements run as a file in __main__) and returns None.
import subprocess
import sys

code = "import sys; r = sys._baserepl(); print('returned', r, x)"
r = subprocess.run([sys.executable, "-c", code], input="x = 41\nx += 1\nprint('ran', x)\n",
                   capture_output=True, text=True)
print(r.returncode, r.stdout, r.stderr)
r = subprocess.run([sys.executable, "-c", "import sys; sys._baserepl(1)"],
                   capture_output=True, text=True)
print(r.returncode, r.stderr.splitlines()[-1].split(":")[0])
