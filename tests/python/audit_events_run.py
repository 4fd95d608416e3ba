# The audit events of the interpreter's main program (PEP 578), seen by a
# hook that sitecustomize installs in a child interpreter:
# cpython.run_command, run_file, run_module, run_stdin, run_startup and
# run_interactivehook, each with CPython's argument; a hook that refuses
# run_command stops the command.
import os, subprocess, sys, tempfile

d = tempfile.mkdtemp(prefix="_audit_run")
def write(name, text):
    with open(os.path.join(d, name), "w") as f:
        f.write(text)

write("sitecustomize.py", """
import sys
def hook(event, args):
    if event.startswith("cpython.run_"):
        shown = [a if isinstance(a, (str, int)) else type(a).__name__ for a in args]
        print("AUDIT", event, [s.replace(%r, "DIR") if isinstance(s, str) else s for s in shown], flush=True)
        if args and args[0] == "refused\\n":
            raise PermissionError("run_command refused")
sys.addaudithook(hook)
if hasattr(sys, "__interactivehook__"):
    sys.__interactivehook__ = lambda: print("interactive hook", flush=True)
""" % d)
write("script.py", "print('script ran')\n")
write("modx.py", "print('module ran')\n")
write("startup.py", "print('startup ran')\n")
os.mkdir(os.path.join(d, "pkgdir"))
write("pkgdir/__main__.py", "print('directory ran')\n")

env = dict(os.environ, PYTHONPATH=d)
env.pop("PYTHONSTARTUP", None)
def run(title, args, stdin="", **extra):
    r = subprocess.run([sys.executable] + args, input=stdin, capture_output=True,
                       text=True, cwd=d, env=dict(env, **extra))
    print(title, r.returncode)
    for line in r.stdout.splitlines():
        line = line.replace(">>> ", "").strip()
        if line:
            print("   ", line)
    if "PermissionError" in r.stderr:
        print("    PermissionError in stderr")

run("-c", ["-c", "print('command ran')"])
run("file", ["script.py"])
run("missing file", [os.path.join(d, "missing.py")])
run("-m", ["-m", "modx"])
run("directory", ["pkgdir"])
run("stdin", [], stdin="print('stdin ran')\n")
run("-", ["-"], stdin="print('stdin ran')\n")
run("-i", ["-i", "-q"], stdin="print('prompt ran')\n", PYTHONSTARTUP="startup.py")
run("-i file", ["-i", "-q", "script.py"], stdin="print('prompt ran')\n")
run("refused", ["-c", "refused"])

import shutil
shutil.rmtree(d)
