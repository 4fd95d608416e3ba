# More audit events with CPython's arguments: marshal, _thread, sqlite3,
# object.__setattr__ from the special type attributes and __class__,
# sys.excepthook (in a child process), and __cantrace__ (hooks run with
# tracing off unless they ask for it).
import io
import marshal
import sqlite3
import subprocess
import sys
import _thread

seen = []


class Hook:
    def __call__(self, event, args):
        if event.startswith(("marshal.", "_thread.", "sqlite3.", "object.__setattr__", "test.")):
            seen.append((event, args))


hook = Hook()
sys.addaudithook(hook)


def show(title):
    print(title)
    for event, args in seen:
        print(" ", event, tuple(a if isinstance(a, (str, int, bytes, tuple, type(None))) else type(a).__name__ for a in args))
    seen.clear()


o = ("a", 1)
data = marshal.dumps(o)
marshal.loads(data)
buf = io.BytesIO()
marshal.dump(o, buf, 2)
buf.seek(0)
marshal.load(buf)
show("marshal")


class A:
    pass


class B:
    pass


class C(A):
    pass


a = A()
C.__name__ = "X"
C.__qualname__ = "Q"
C.__bases__ = (B,)
C.new_attr = 1
a.__class__ = B
a.plain = 2
try:
    int.__name__ = "y"
except TypeError as e:
    print(type(e).__name__, e)
show("setattr")

lock = _thread.allocate_lock()
lock.acquire()


class Func:
    def __call__(self):
        sys.audit("test.func")
        lock.release()


_thread.start_new_thread(Func(), ())
lock.acquire()
_thread.start_new_thread(Func(), (), {})
lock.acquire()
h = _thread.start_joinable_thread(Func())
h.join()
show("threads")

cx = sqlite3.connect(":memory:")
cx.close()
cx = sqlite3.Connection(":memory:")
cx.close()
show("sqlite3")

traced = []


def trace(frame, event, arg):
    if frame.f_code is Hook.__call__.__code__:
        traced.append(event)


sys.settrace(trace)
sys.audit("test.one")
hook.__cantrace__ = True
sys.audit("test.two")
hook.__cantrace__ = False
sys.audit("test.three")
sys.settrace(None)
print("traced", traced)
seen.clear()

child = r'''
import sys
def hook(event, args):
    if event == "sys.excepthook":
        print(event, args[0] is sys.excepthook, args[1].__name__, repr(args[2]), type(args[3]).__name__)
sys.addaudithook(hook)
def excepthook(t, v, tb):
    print("excepthook", t.__name__)
sys.excepthook = excepthook
raise RuntimeError("fatal")
'''
r = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True)
print(r.returncode, r.stdout.split("\n"), r.stderr)
