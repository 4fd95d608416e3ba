# Locks take weak references; an unstarted thread handle refuses _set_done.
import _thread
import gc
import threading
import weakref

for make in (_thread.allocate_lock, _thread.RLock, threading.Lock, threading.RLock):
    lock = make()
    ref = weakref.ref(lock)
    print(type(lock).__name__, ref() is lock)
    del lock
    gc.collect()
    print(ref())

class Sub(_thread.RLock):
    pass

s = Sub()
r = weakref.ref(s)
del s
print(r())

h = _thread._ThreadHandle()
try:
    h._set_done()
except RuntimeError as e:
    print("RuntimeError", e)
try:
    h.join()
except RuntimeError as e:
    print("RuntimeError", e)
