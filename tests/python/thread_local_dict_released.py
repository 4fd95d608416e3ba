# A thread's attributes in a threading.local go away when the thread ends,
# even when that thread was the last to use the local; threading's dummy
# thread for a thread it did not start is dropped the same way.
import _thread
import gc
import threading
import weakref

class Obj:
    pass

loc = threading.local()
refs = []

def work():
    o = Obj()
    loc.value = o
    refs.append(weakref.ref(o))

t = threading.Thread(target=work)
t.start()
t.join()
gc.collect()
print("value gone:", refs[0]() is None)
print("main has no value:", hasattr(loc, "value"))

done = threading.Lock()
done.acquire()
seen = []

def foreign():
    d = threading.current_thread()
    seen.append((d.ident, type(d).__name__, d.ident in threading._active))
    done.release()

_thread.start_new_thread(foreign, ())
done.acquire()
for _ in range(100):
    if seen[0][0] not in threading._active:
        break
    threading.Event().wait(0.01)
print(seen[0][1:], "removed:", seen[0][0] not in threading._active)

class Sub(threading.local):
    def __init__(self, n):
        self.n = n
        self.m = n + 1

s = Sub(5)
out = []
def use():
    out.append((s.n, s.m, sorted(s.__dict__)))
t = threading.Thread(target=use)
t.start()
t.join()
print(out, s.__dict__)
