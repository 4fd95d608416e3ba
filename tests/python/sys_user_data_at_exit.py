# Objects that a program leaves in sys are released when sys is wiped at
# the end of finalization: what their __del__ raises then goes unreported
# (sys.stderr is gone), and what it reads from sys is missing. Finalizers
# that run while the other modules are torn down still see the original
# sys, streams included, not a new one.
import subprocess
import sys

programs = [
    # test_sys's test_sys_ignores_cleaning_up_user_data.
    "import struct, sys\n"
    "class C:\n"
    "    def __init__(self):\n"
    "        self.pack = struct.pack\n"
    "    def __del__(self):\n"
    "        self.pack('I', -42)\n"
    "sys.x = C()\n",
    "import sys, os\n"
    "class C:\n"
    "    def __del__(self, sys=sys, os=os):\n"
    "        os.write(1, b'sys has %d names\\n' % len(sys.__dict__))\n"
    "        raise ValueError('unreported')\n"
    "sys.x = C()\n",
    "import sys\n"
    "class Saver:\n"
    "    def __del__(self, sys=sys):\n"
    "        print('same sys', sys.modules is modules, sys.stdout is stdout)\n"
    "modules, stdout = sys.modules, sys.stdout\n"
    "keep = Saver()\n",
]
for code in programs:
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    print(r.returncode, repr(r.stdout), repr(r.stderr))
