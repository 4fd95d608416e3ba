# The audit events (PEP 578) of running the main program, as CPython
# raises them, seen by a hook that sitecustomize installs in a child
# interpreter: a script file is opened (`open`, mode 'rb'), compiled
# (`compile` without source) and run (`exec`); a `.pyc` script is opened
# twice and unmarshalled, with no `exec` event; `-c` compiles its text;
# `-m` and a directory load their module through the importer; standard
# input compiles as `<stdin>`; a hook refusing the script's `open` makes
# it a file that cannot be opened. The C API's string runners and
# compilers raise `compile` with the source bytes too.
import os, py_compile, subprocess, sys, tempfile

d = os.path.realpath(tempfile.mkdtemp(prefix="_audit_script"))
def write(name, text):
    with open(os.path.join(d, name), "w") as f:
        f.write(text)

write("sitecustomize.py", """
import sys
D = %r
started = False
def shown(a):
    if type(a).__name__ == "code":
        a = a.co_filename
    if isinstance(a, str):
        return a.replace(D, "DIR").replace(sys.implementation.cache_tag, "TAG")
    return a if isinstance(a, int) or a is None else type(a).__name__
def ours(args):
    names = [a.co_filename if type(a).__name__ == "code" else a for a in args]
    return any(isinstance(a, str) and (a.startswith(D) or a in ("<string>", "<stdin>"))
               for a in names)
def hook(event, args):
    global started
    if event.startswith("cpython.run_"):
        started = True
    if started and event in ("open", "compile", "exec", "marshal.loads", "os.listdir") and ours(args):
        print("AUDIT", event, [shown(a) for a in args], flush=True)
        if event == "open" and args[0].endswith("refused.py"):
            raise PermissionError("refused")
sys.addaudithook(hook)
""" % d)
write("script.py", "print('script ran')\n")
write("refused.py", "print('never')\n")
write("modx.py", "print('module ran')\n")
os.mkdir(os.path.join(d, "pkgdir"))
write("pkgdir/__main__.py", "print('directory ran')\n")
py_compile.compile(os.path.join(d, "script.py"), cfile=os.path.join(d, "compiled.pyc"),
                   doraise=True)

env = dict(os.environ, PYTHONPATH=d, PYTHONDONTWRITEBYTECODE="1")
env.pop("PYTHONSTARTUP", None)
def run(title, args, stdin=""):
    r = subprocess.run([sys.executable] + args, input=stdin, capture_output=True,
                       text=True, cwd=d, env=env)
    print(title, r.returncode)
    for line in r.stdout.splitlines():
        print("   ", line)
    if "can't open file" in r.stderr:
        print("    can't open file")

run("file", ["script.py"])
run("pyc file", ["compiled.pyc"])
run("-c", ["-c", "print('command ran')"])
run("-m", ["-m", "modx"])
run("directory", ["pkgdir"])
run("stdin", ["-"], stdin="print('stdin ran')\n")
run("refused open", ["refused.py"])

import shutil
shutil.rmtree(d)

import ctypes
def hook(event, args):
    if event in ("compile", "exec"):
        print("   ", event, [a if isinstance(a, (str, bytes)) else type(a).__name__ for a in args])
sys.addaudithook(hook)
api = ctypes.pythonapi
print("PyRun_SimpleString")
api.PyRun_SimpleString(b"x = 1\n")
print("PyRun_String")
api.PyRun_String.restype = ctypes.py_object
api.PyRun_String.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.py_object, ctypes.py_object]
api.PyRun_String(b"y = 2\n", 257, {}, {})
print("Py_CompileString")
api.Py_CompileString.restype = ctypes.py_object
api.Py_CompileString(b"z = 3\n", b"name", 257)
