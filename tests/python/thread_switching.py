# The GIL switches between threads that never block: the main thread spins
# until a worker (which needs the GIL to run at all) sets a flag; workers
# that spin hand over to each other; interrupt_main raises
# KeyboardInterrupt in the spinning main thread.
import _thread
import sys

sys.setswitchinterval(0.001)
flag = []


def setter():
    flag.append("set by worker")


_thread.start_new_thread(setter, ())
spins = 0
while not flag:
    spins += 1
print(flag, spins >= 0)

# Two spinning workers, each waiting for the other's progress.
progress = [0, 0]
finished = []
mu = _thread.allocate_lock()


def ping(me, other):
    n = 0
    while progress[other] < 50 or progress[me] < 50:
        n += 1
        if n % 100 == 0 and progress[me] < 50:
            progress[me] += 1
    with mu:
        finished.append(me)


h1 = _thread.start_joinable_thread(lambda: ping(0, 1))
h2 = _thread.start_joinable_thread(lambda: ping(1, 0))
h1.join()
h2.join()
print(sorted(finished), progress)

# Many threads, one counter under a lock, results collected and sorted.
total = [0]
seen = []
handles = []
for k in range(8):

    def body(k=k):
        for i in range(100):
            with mu:
                total[0] += k
        with mu:
            seen.append(k)

    handles.append(_thread.start_joinable_thread(body))
for h in handles:
    h.join()
print(total[0], sorted(seen), _thread._count())

# interrupt_main from a worker interrupts the spinning main thread.
try:
    _thread.start_new_thread(_thread.interrupt_main, ())
    while True:
        pass
except KeyboardInterrupt:
    print("KeyboardInterrupt in main")

# time.sleep releases the GIL: the worker runs while the main thread sleeps.
import time

order = []
_thread.start_new_thread(order.append, ("worker",))
time.sleep(1.0)
order.append("main after sleep")
print(order)
