# faulthandler's reports of fatal errors: a real NULL read, a crash while
# the collector runs (the "Garbage-collecting" line), Py_FatalError from a
# native thread with no thread state (every thread listed, none current),
# and the list of extension modules after the traceback.
import re
import subprocess
import sys

def run(code):
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    lines = [re.sub("0x[0-9a-f]+", "0xADDR", l) for l in r.stderr.splitlines()]
    return r.returncode, lines

rc, lines = run("import faulthandler\nfaulthandler.enable()\nfaulthandler._read_null()\n")
print(rc, lines[:4])

rc, lines = run("""
import faulthandler, gc
faulthandler.enable()
class RefCycle:
    def __del__(self):
        faulthandler._sigsegv()
a = RefCycle(); b = RefCycle(); a.b = b; b.a = a
a = b = None
gc.collect()
""")
print(rc, lines[:5])

rc, lines = run("import faulthandler\nfaulthandler.enable()\nfaulthandler._fatal_error_c_thread()\n")
print(rc < 0, lines[:5])

rc, lines = run("""import faulthandler, sys
sys.stdlib_module_names = frozenset()
faulthandler.enable()
faulthandler._sigsegv()
""")
ext = [l for l in lines if l.startswith("Extension modules:")]
print(rc, len(ext), re.fullmatch(r"Extension modules: .* \(total: \d+\)", ext[0]) is not None)
names = ext[0][len("Extension modules: "):].rsplit(" (", 1)[0].split(", ")
print("sys" in names, "faulthandler" in names)

# With the standard library's names left in place, its modules are not listed.
rc, lines = run("import faulthandler\nfaulthandler.enable()\nfaulthandler._sigsegv()\n")
print(rc, [l for l in lines if "Extension" in l])
