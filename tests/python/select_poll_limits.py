# select.poll: timeouts beyond a C int of milliseconds overflow, a tiny
# negative timeout still blocks, event masks are checked, a second poll()
# on the same object while one waits is refused; select.select reads a
# list that fileno() shrinks as it goes.
import os
import select
import sys
import threading
import time

p = select.poll()
p.register(1)
for t in (1 << 64, 2**31 * 1000.0):
    try:
        p.poll(t)
    except OverflowError as e:
        print("OverflowError", e)
for m in (-1, 1 << 16):
    for f in (p.register, p.modify):
        try:
            f(1, m)
        except (ValueError, OverflowError) as e:
            print(type(e).__name__, e)

r, w = os.pipe()
for timeout in (-1e-100, -0.1, None):
    q = select.poll()
    q.register(r, select.POLLIN)
    t = threading.Thread(target=q.poll, args=(timeout,))
    t.start()
    t.join(0.1)
    print(timeout, "blocks:", t.is_alive())
    if timeout is None:
        try:
            q.poll()
        except RuntimeError as e:
            print("RuntimeError", e)
    os.write(w, b"x")
    t.join()
    os.read(r, 1)
print(p.poll(0) == [(1, select.POLLOUT)] or p.poll(0))

a = []
class F:
    def fileno(self):
        del a[-1]
        return sys.__stdout__.fileno()
a[:] = [F()] * 10
res = select.select([], a, [], 0)
print(len(res[1]), len(a), res == ([], a[:5], []))
