# The audit events the runtime itself raises (PEP 578), with CPython's
# arguments: builtins, compile/exec, import, open, os.*, sys._getframe,
# function.__code__, code.__new__, time.sleep, gc; and a hook that raises
# aborts the operation.
import sys, os, io, gc, time

WATCH = ("os.", "open", "exec", "compile", "import", "builtins.", "sys._getframe",
         "object.", "code.", "time.", "gc.")

def show(a):
    if isinstance(a, (list, dict)) or type(a).__name__ in ("code", "function", "frame"):
        return type(a).__name__
    if isinstance(a, tuple):
        return "(" + ", ".join(show(x) for x in a) + ")"
    # The process id differs from run to run: replaced where it stands alone
    # or ends the scratch directory's name, never inside another number
    # (open()'s flags 524865 hold the pid 4865).
    r = repr(a)
    pid = str(os.getpid())
    return "PID" if r == pid else r.replace("_audit_" + pid, "_audit_PID")

events = []
def hook(event, args):
    if not event.startswith(WATCH):
        return
    if event == "code.__new__":
        # The bytecode, stack size and flags are the compiler's own.
        args = args[1:7]
    if event == "builtins.id":
        args = ("<id>",)
    events.append(event + " " + show(args))
    if event == "os.mkdir" and args[0].endswith("forbidden"):
        raise PermissionError("no mkdir: " + args[0])

def flush(label):
    print(label)
    for e in events:
        print("   ", e)
    events.clear()

sys.addaudithook(hook)
flush("installed")

d = "/tmp/_ferrython_audit_%d" % os.getpid()
os.mkdir(d, 0o755)
os.listdir(d)
os.listdir()
with os.scandir(d) as it:
    list(it)
flush("directories")

open(d + "/f", "w").close()
open(d + "/f", "rb").close()
open(d + "/f", "a+").close()
io.open_code(d + "/f").close()
fd = os.open(d + "/f", os.O_RDONLY)
open(fd, closefd=False).close()
os.close(fd)
flush("open")

os.rename(d + "/f", d + "/g")
os.replace(d + "/g", d + "/f")
os.truncate(d + "/f", 0)
os.chmod(d + "/f", 0o644)
os.utime(d + "/f", (1, 2))
os.symlink(d + "/f", d + "/s")
os.link(d + "/f", d + "/h")
os.remove(d + "/s")
os.unlink(d + "/h")
os.remove(d + "/f")
cwd = os.getcwd()
os.chdir(d)
os.chdir(cwd)
os.rmdir(d)
flush("files")

os.putenv("FERRYTHON_AUDIT_X", "1")
os.unsetenv("FERRYTHON_AUDIT_X")
os.kill(os.getpid(), 0)
os.system("true")
flush("process")

code = compile("x = 1", "fname", "exec")
exec(code)
exec("y = 2")
print(eval("1 + 1"), eval(code))
flush("compile and exec")

import _string
import _string
flush("import")

frame = sys._getframe()
def f():
    return 1
f.__code__ = f.__code__.replace(co_name="g")
print(f.__code__.co_name, id(f) > 0)
time.sleep(0)
gc.get_referents(f, 1)
gc.get_referrers(frame)
gc.get_objects(1) and None
flush("objects")

sys.stdin = io.StringIO("an answer\n")
print(input("question? "))
flush("input")

try:
    os.mkdir(d + "forbidden")
except PermissionError as e:
    print("PermissionError", show(str(e)), os.path.exists(d + "forbidden"))
flush("refused")
