# threading on top of _thread: Thread (join, names, results), Lock, RLock,
# Condition, Event, Semaphore, Barrier, Timer, local, enumerate,
# current_thread/main_thread, excepthook; queue.Queue between threads.
import threading
import sys

print(threading.current_thread().name, threading.main_thread() is threading.current_thread())
print(threading.active_count(), [t.name for t in threading.enumerate()])

out = []
lock = threading.Lock()


def work(i):
    with lock:
        out.append((i, threading.current_thread().name))


ts = [threading.Thread(target=work, args=(i,), name=f"w{i}") for i in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(out), [t.is_alive() for t in ts])

# RLock and Condition: a producer/consumer handshake.
cond = threading.Condition(threading.RLock())
items = []


def consumer():
    with cond:
        while len(items) < 3:
            cond.wait()
        out.append(("consumed", list(items)))


c = threading.Thread(target=consumer)
c.start()
for i in range(3):
    with cond:
        items.append(i)
        cond.notify_all()
c.join()
print(out[-1])

# Event and Semaphore.
ev = threading.Event()
sem = threading.Semaphore(2)
inside = []
peak = [0]


def gated(i):
    ev.wait()
    with sem:
        with lock:
            inside.append(i)
            peak[0] = max(peak[0], len(inside))
        with lock:
            inside.remove(i)


gs = [threading.Thread(target=gated, args=(i,)) for i in range(6)]
for g in gs:
    g.start()
print("event set before:", ev.is_set())
ev.set()
for g in gs:
    g.join()
print("peak inside semaphore <= 2:", peak[0] <= 2, "event:", ev.wait(0))

# Barrier.
barrier = threading.Barrier(3)
ids = []


def at_barrier():
    n = barrier.wait()
    with lock:
        ids.append(n)


bs = [threading.Thread(target=at_barrier) for _ in range(3)]
for b in bs:
    b.start()
for b in bs:
    b.join()
print(sorted(ids))

# Timer.
fired = threading.Event()
t = threading.Timer(0.05, fired.set)
t.start()
t.join()
print("timer fired:", fired.is_set())

# threading.local.
data = threading.local()
data.v = "main"
seen = []


def reader():
    seen.append(getattr(data, "v", None))
    data.v = "thread"
    seen.append(data.v)


r = threading.Thread(target=reader)
r.start()
r.join()
print(seen, data.v)

# Exceptions in threads go to threading.excepthook.
caught = []
threading.excepthook = lambda args: caught.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))


def fails():
    raise ValueError("bad")


f = threading.Thread(target=fails, name="failing")
f.start()
f.join()
print(caught)
threading.excepthook = threading.__excepthook__

# A daemon thread and thread idents.
d = threading.Thread(target=lambda: None, daemon=True)
d.start()
d.join()
print(d.daemon, type(d.ident).__name__, type(d.native_id).__name__, d.ident != threading.get_ident())

# queue.Queue between threads.
import queue

q = queue.Queue()
results = []


def worker():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        results.append(item * item)
        q.task_done()


workers = [threading.Thread(target=worker) for _ in range(3)]
for w in workers:
    w.start()
for i in range(10):
    q.put(i)
for _ in workers:
    q.put(None)
q.join()
for w in workers:
    w.join()
print(sorted(results))
try:
    queue.Queue().get(timeout=0.01)
except queue.Empty:
    print("queue.Empty")
print(threading.active_count())
