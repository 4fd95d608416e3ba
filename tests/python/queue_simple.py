# _queue.SimpleQueue and _queue.Empty: argument errors, FIFO order, blocking
# gets woken by other threads, timeouts, weak references, subclasses.
import _queue
q=_queue.SimpleQueue
for f in [lambda: q(1), lambda: q(a=1), lambda: q().get(timeout=-1), lambda: q().get(False, 1), lambda: q().get(timeout='x'), lambda: q().get(1,2,3), lambda: q().put(), lambda: q().get_nowait(), lambda: q().get(timeout=0.01), lambda: q().put(1,2,3,4), lambda: q().get(timeout=float('nan')), lambda: q().get(timeout=1e300),
  lambda: q().get_nowait(1), lambda: q().empty(1), lambda: q().qsize(x=1), lambda: q().put_nowait(), lambda: q().put_nowait(1,2), lambda: q().get(x=1), lambda: q().put(1, timeout=-1), lambda: q().get_nowait(x=1),lambda: q().put(1,2,3,x=4)]:
  try: print(f())
  except Exception as e: print(type(e).__name__, e)
import weakref; print(weakref.ref(q())() is None)
print(q[int])
print(_queue.Empty.__mro__, [n for n in dir(_queue) if not n.startswith('__')])
q = _queue.SimpleQueue
print(queue.Empty is _queue.Empty, queue.SimpleQueue is q)
print([n for n in dir(q) if not n.startswith('__') or n == '__class_getitem__'])
print(q.__module__, q.__doc__)
print(repr(_queue.Empty.__doc__), _queue.Empty.__module__)
s = q()
print(s.empty(), s.qsize())
for i in range(5):
    s.put(i)
s.put_nowait('x')
s.put(None, block=False, timeout=3)
print(s.empty(), s.qsize())
print([s.get() for _ in range(3)], s.get(False), s.get_nowait(), s.get(timeout=1), s.get(True, None))
try:
    s.get(timeout=0.05)
except queue.Empty as e:
    print('empty', repr(e))
print(s.qsize())
# threads: consumers block without the GIL, producers wake them
out = q()
def consumer():
    while True:
        item = s.get()
        if item is None:
            break
        out.put(item * 2)
ts = [threading.Thread(target=consumer) for _ in range(4)]
for t in ts: t.start()
time.sleep(0.05)
for i in range(200):
    s.put(i)
for t in ts: s.put(None)
for t in ts: t.join()
got = []
while not out.empty():
    got.append(out.get())
print(len(got), sum(got), sorted(got) == [2 * i for i in range(200)])
# a timed get wakes up when another thread puts
def later():
    time.sleep(0.1)
    s.put('late')
threading.Thread(target=later).start()
print(s.get(timeout=5))
# weakrefs, gc, subclass
r = weakref.ref(s); del s; gc.collect(); print(r())
class Sub(q):
    pass
c = Sub(); c.put(c); del c; print(gc.collect() >= 1)
print(q[int], Sub[str])
print(type(q().__sizeof__()))
