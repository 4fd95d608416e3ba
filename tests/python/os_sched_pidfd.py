# os.sched_param and the os.sched_* functions, os.pidfd_open and
# signal.pidfd_send_signal, with CPython's results and errors.
import os
import signal
import sys


def t(f, *a, **k):
    try:
        r = f(*a, **k)
        print(f.__name__, "ok", repr(r))
    except BaseException as e:
        print(f.__name__, type(e).__name__, e)


sp = os.sched_param
print(sp, sp.__name__, sp.__qualname__, sp.__module__)
print(sp.n_fields, sp.n_sequence_fields, sp.n_unnamed_fields, sp.__match_args__)
print(repr(sp(5)), sp(sched_priority=3), sp(None).sched_priority)
t(sp)
t(sp, 1, 2)
t(sp, (1,))
t(sp, 1, sched_priority=2)
p = sp(7)
print(p == (7,), p[0], len(p), isinstance(p, tuple), p.sched_priority)
t(type, "Sub", (sp,), {})

# A process's policy and parameter.
policies = {v for k, v in vars(os).items() if k.startswith("SCHED_")}
print(os.sched_getscheduler(0) in policies)
t(os.sched_getscheduler, -1)
t(os.sched_getscheduler)
t(os.sched_getscheduler, "x")
t(os.sched_getscheduler, pid=0)
t(os.sched_getparam, 0)
t(os.sched_getparam, -1)
t(os.sched_getparam)
for param in [43, sp(None), sp(2**40), sp(-(2**40)), sp(2**70), sp(1.5), sp(True), sp(0)]:
    t(os.sched_setparam, 0, param)
t(os.sched_setparam, -1, sp(0))
t(os.sched_setparam, 0)
mine = os.sched_getscheduler(0)
t(os.sched_setscheduler, 0, mine, sp(0))
t(os.sched_setscheduler, 0, mine, None)
t(os.sched_setscheduler, -1, mine, sp(0))
t(os.sched_setscheduler, 0, 999, sp(0))
t(os.sched_setscheduler, 0, 2**40, sp(0))
t(os.sched_setscheduler, 0, os.SCHED_BATCH, sp(0))
print(os.sched_getscheduler(0) == os.SCHED_BATCH)
t(os.sched_setscheduler, 0, mine, sp(0))
print(os.sched_getscheduler(0) == mine)

# Priorities, yielding, the round-robin quantum.
for policy in [os.SCHED_OTHER, os.SCHED_FIFO, os.SCHED_RR, -23, 1.5]:
    t(os.sched_get_priority_min, policy)
    t(os.sched_get_priority_max, policy)
t(os.sched_get_priority_max, policy=os.SCHED_FIFO)
t(os.sched_yield)
t(os.sched_yield, 1)
t(os.sched_rr_get_interval, -1)
interval = os.sched_rr_get_interval(0)
print(type(interval).__name__, 0 <= interval < 1)

# CPU affinity.
m = os.sched_getaffinity(0)
t(os.sched_setaffinity, 0, m)
for mask in [[-10], map(int, "0X"), [1 << 128], [], 5, ["a"], [1 << 40], [100000], [True]]:
    t(os.sched_setaffinity, 0, mask)
t(os.sched_setaffinity, -1, m)
t(os.sched_setaffinity, 0, list(m))
print(os.sched_getaffinity(0) == m)
t(os.sched_getaffinity)
t(os.sched_getaffinity, pid=0)

# posix_spawn's scheduler.
code = "import os; print(os.sched_getscheduler(0), os.sched_getparam(0), flush=True)"
for s in [(1,), (1, 2, 3), (None, 5), ("x", sp(0)), (None, sp(None)),
          (None, sp(0)), (os.SCHED_OTHER, sp(0)), (999, sp(0))]:
    try:
        pid = os.posix_spawn(sys.executable, [sys.executable, "-c", code], os.environ, scheduler=s)
        print(s, "spawned", os.waitpid(pid, 0)[1], flush=True)
    except Exception as e:
        print(s, type(e).__name__, e, flush=True)

# pidfd_open and pidfd_send_signal.
t(os.pidfd_open, -1)
t(os.pidfd_open, "x")
t(os.pidfd_open, os.getpid(), 12345)
fd = os.pidfd_open(os.getpid(), 0)
print(os.get_inheritable(fd), os.get_blocking(fd))
os.close(fd)
fd = os.pidfd_open(pid=os.getpid(), flags=os.O_NONBLOCK)
print(os.get_blocking(fd))
os.close(fd)
t(signal.pidfd_send_signal, 0, signal.SIGINT)
me = os.open(f"/proc/{os.getpid()}", os.O_DIRECTORY)
t(signal.pidfd_send_signal, me, signal.SIGINT, object(), 0)
t(signal.pidfd_send_signal, me, signal.SIGINT, None, 5)
t(signal.pidfd_send_signal, me, 1000)
t(signal.pidfd_send_signal, me)
t(signal.pidfd_send_signal, me, 2, None, 0, 1)
t(signal.pidfd_send_signal, me, signal.SIGINT, siginfo=None)
t(signal.pidfd_send_signal, me, signal.SIGINT)
got = []
signal.signal(signal.SIGUSR1, lambda *a: got.append(a[0]))
pfd = os.pidfd_open(os.getpid())
signal.pidfd_send_signal(pfd, signal.SIGUSR1)
print(got == [signal.SIGUSR1])
os.close(pfd)
os.close(me)
pid = os.fork()
if pid == 0:
    import time

    time.sleep(30)
    os._exit(0)
pfd = os.pidfd_open(pid)
signal.pidfd_send_signal(pfd, signal.SIGTERM)
print(os.waitpid(pid, 0)[1] == signal.SIGTERM)
os.close(pfd)
