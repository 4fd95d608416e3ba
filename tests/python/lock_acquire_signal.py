# A signal that arrives while the main thread waits in lock.acquire() (or
# RLock.acquire()) has its Python handler run during the wait; the wait
# then goes on (and still takes the lock), or ends with the exception
# the handler raised (KeyboardInterrupt on SIGINT).
import _thread
import os
import signal
import threading
import time

received = []

def handler(signum, frame):
    received.append(signum)

def interrupter(lock, signum, release):
    time.sleep(0.3)
    os.kill(os.getpid(), signum)
    time.sleep(0.3)
    if release:
        lock.release()

signal.signal(signal.SIGUSR1, handler)
for make in (_thread.allocate_lock, threading.RLock):
    lock = make()
    taken = threading.Event()
    def holder():
        lock.acquire()
        taken.set()
        interrupter(lock, signal.SIGUSR1, True)
    t = threading.Thread(target=holder)
    t.start()
    taken.wait()
    got = lock.acquire()
    print(type(lock).__name__, got, received == [signal.SIGUSR1])
    lock.release()
    t.join()
    received.clear()

# A handler that raises ends the wait (here SIGINT's default one).
lock = _thread.allocate_lock()
lock.acquire()
t = threading.Thread(target=interrupter, args=(lock, signal.SIGINT, False))
t.start()
start = time.monotonic()
try:
    lock.acquire(timeout=10)
    print("not interrupted")
except KeyboardInterrupt:
    print("KeyboardInterrupt", time.monotonic() - start < 5)
t.join()
print(lock.locked())
