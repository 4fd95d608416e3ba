# The message of SystemExit goes through sys.stderr after what it holds;
# a .pyc file given as the script runs, with SourcelessFileLoader.
import os
import py_compile
import subprocess
import sys
import tempfile


def run(*args):
    p = subprocess.run([sys.executable, *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


print(run("-c", "import sys; sys.stderr.write('unflushed,'); sys.exit('message')"))
print(run("-c", "import sys; sys.stderr = None; sys.exit('no stream')"))
print(run("-c", "import sys; sys.exit(('a', 1))"))
print(run("-c", "raise SystemExit(3)"))

with tempfile.TemporaryDirectory() as d:
    src = os.path.join(d, "script.py")
    with open(src, "w") as f:
        f.write("import importlib, sys\n"
                "print('ran', __name__, __file__.endswith('.pyc'), type(__loader__).__name__, sys.argv[1:])\n")
    pyc = os.path.join(d, "script.pyc")
    py_compile.compile(src, pyc, doraise=True)
    print(run(pyc, "x", "y"))
