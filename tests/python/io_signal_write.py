# A buffered write that a signal interrupts (a short write, not EINTR) runs
# the handler, whose exception stops the write instead of blocking again.
import io, os, signal, threading
def handler(*a): 1/0
signal.signal(signal.SIGALRM, handler)
r, w = os.pipe()
read_results = []
def _read():
    read_results.append(os.read(r, 1))
t = threading.Thread(target=_read, daemon=True)
signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])
t.start()
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGALRM])
wio = io.open(w, "wb", closefd=False)
signal.alarm(1)
try:
    wio.write(b"xy" * (2 * 1024 * 1024 + 1))
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
finally:
    signal.alarm(0)
    t.join()
read_results.append(os.read(r, 1))
print(read_results)
os.close(w)
os.close(r)
try:
    wio.close()
except OSError as e:
    pass
