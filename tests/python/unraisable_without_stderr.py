# An exception raised where it cannot propagate (a __del__) is reported on
# sys.stderr; with sys.stderr None, nothing is written.
import re
import subprocess
import sys

programs = [
    "import sys\n"
    "class A:\n"
    "    def __del__(self): 1/0\n"
    "a = A()\n"
    "sys.stderr = None\n"
    "del a\n"
    "print('done')\n",
    "import sys\n"
    "class A:\n"
    "    def __del__(self): 1/0\n"
    "a = A()\n"
    "del a\n",
]
for code in programs:
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    err = [re.sub("0x[0-9a-f]+", "ADDR", l) for l in r.stderr.splitlines()
           if not l.startswith("  ")]
    print(r.returncode, r.stdout.strip(), err)
