# _thread: starting threads, joining handles, locks, RLocks, _local, and
# the sys switch interval (output is deterministic: joins and sorted results).
import _thread
import sys


def show(f, *args):
    try:
        print(f(*args))
    except Exception as e:
        print(type(e).__name__, e)


print(sys.getswitchinterval())
sys.setswitchinterval(0.0001)
print(sys.getswitchinterval())
show(sys.setswitchinterval, 0)
show(sys.setswitchinterval, -1.5)
show(sys.setswitchinterval, "x")
sys.setswitchinterval(0.005)

print(_thread.error is RuntimeError, _thread.LockType is _thread.lock)
print(_thread.TIMEOUT_MAX, type(_thread.TIMEOUT_MAX).__name__)
print(_thread.daemon_threads_allowed(), _thread._is_main_interpreter())
print(_thread.get_ident() == _thread._get_main_thread_ident())
print(type(_thread.get_native_id()).__name__)

# Locks.
l = _thread.allocate_lock()
print(type(l).__name__, l.locked())
print(l.acquire(), l.locked(), l.acquire(False), l.acquire(True, 0.01), l.acquire(timeout=0))
l.release()
show(l.release)
for a in [(False, 1), (True, -2), (True, 1e20), (True, -1)]:
    show(l.acquire, *a)
l.release()
show(l.acquire, 1, 2, 3)
show(lambda: l.acquire(blocking=False, bogus=1))
with l:
    print("in with:", l.locked())
print("after with:", l.locked())
l.acquire()
l._at_fork_reinit()
print("after _at_fork_reinit:", l.locked())
show(_thread.allocate_lock().acquire_lock)

# RLock.
r = _thread.RLock()
with r:
    with r:
        print(r._is_owned(), r._recursion_count())
print(r._is_owned(), r._recursion_count())
show(r.release)
r.acquire()
state = r._release_save()
print(state[0], state[1] == _thread.get_ident(), r._is_owned())
r._acquire_restore(state)
print(r._recursion_count())
r.release()
show(r._release_save)


class MyRLock(_thread.RLock):
    pass


m = MyRLock()
print(m.acquire(), m._is_owned())
m.release()

# Threads and handles.
counter = [0]
mu = _thread.allocate_lock()
results = []


def work(n):
    for i in range(n):
        with mu:
            counter[0] += 1
    with mu:
        results.append(n)


handles = [_thread.start_joinable_thread(lambda n=n: work(n), daemon=False) for n in (300, 500, 700)]
for h in handles:
    h.join()
print(sorted(results), counter[0], [h.is_done() for h in handles])
print(all(type(h.ident) is int for h in handles), len({h.ident for h in handles}) >= 1)
handles[0].join()
show(_thread._ThreadHandle().join)
me = _thread._make_thread_handle(_thread.get_ident())
print(me.is_done(), me.ident == _thread.get_ident())
show(me.join)
me._set_done()
print(me.is_done())
me.join()

done = _thread.allocate_lock()
done.acquire()


def f(a, b=0):
    results.append(a + b)
    done.release()


ident = _thread.start_new_thread(f, (1,), {"b": 41})
done.acquire()
print(results[-1], type(ident).__name__)
show(_thread.start_new_thread, 1, ())
show(_thread.start_new_thread, f, [])
show(_thread.start_new_thread, f, (), [])
show(_thread.start_joinable_thread, 1)


def quits():
    try:
        _thread.exit()
    finally:
        done.release()


_thread.start_new_thread(quits, ())
done.acquire()
print("exit() ended the thread quietly")

# Thread-local data.
loc = _thread._local()
loc.x = 1


def g():
    results.append((hasattr(loc, "x"), sorted(loc.__dict__)))
    loc.x = 2
    loc.y = 3
    done.release()


_thread.start_new_thread(g, ())
done.acquire()
print(results[-1], loc.x, hasattr(loc, "y"))
show(_thread._local, 1)


class Counter(_thread._local):
    def __init__(self, start):
        self.value = start
        results.append("init")


c = Counter(10)
c.value += 1


def h():
    c.value += 5
    results.append(c.value)
    done.release()


_thread.start_new_thread(h, ())
done.acquire()
print(results[-2:], c.value)
show(setattr, loc, "__dict__", {})

# Stack size.
print(_thread.stack_size())
show(_thread.stack_size, 100)
show(_thread.stack_size, -1)
print(_thread.stack_size(1 << 20), _thread.stack_size(0))

# The default threading.excepthook.
sys.stderr = sys.stdout


class FakeThread:
    name = "worker-1"


err = ValueError("boom")
args = _thread._ExceptHookArgs((ValueError, err, None, FakeThread()))
print(type(args).__name__, args.exc_type.__name__, args.thread.name, len(args))
print(_thread._excepthook(args))
print(_thread._excepthook(_thread._ExceptHookArgs((SystemExit, SystemExit(1), None, FakeThread()))))
show(_thread._excepthook, (1, 2, 3, 4))
