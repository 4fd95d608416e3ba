# signal's interval timers (setitimer/getitimer, ItimerError) and waits
# for blocked signals (sigwait, sigwaitinfo, sigtimedwait with
# struct_siginfo).
import os
import signal
import time

print(signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF)
print(issubclass(signal.ItimerError, OSError), signal.ItimerError.__name__)
print(signal.getitimer(signal.ITIMER_REAL))
print(signal.setitimer(signal.ITIMER_REAL, 100, 5))
delay, interval = signal.getitimer(signal.ITIMER_REAL)
print(99 < delay <= 100, interval)
print(signal.setitimer(signal.ITIMER_REAL, 0)[1])
print(signal.getitimer(signal.ITIMER_REAL))
try:
    signal.setitimer(-1, 0)
except signal.ItimerError as e:
    print("ItimerError", e.errno)

fired = []
signal.signal(signal.SIGALRM, lambda *a: fired.append("alarm"))
signal.setitimer(signal.ITIMER_REAL, 0.01)
end = time.monotonic() + 5
while not fired and time.monotonic() < end:
    time.sleep(0.001)
print(fired)

signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1, signal.SIGUSR2])
os.kill(os.getpid(), signal.SIGUSR1)
print(signal.sigwait([signal.SIGUSR1]) == signal.SIGUSR1)
os.kill(os.getpid(), signal.SIGUSR2)
info = signal.sigwaitinfo([signal.SIGUSR2])
print(type(info).__name__, info.si_signo == signal.SIGUSR2, info.si_pid == os.getpid(),
      info.si_uid == os.getuid(), len(info))
print(signal.sigtimedwait([signal.SIGUSR1], 0.01))
os.kill(os.getpid(), signal.SIGUSR1)
print(signal.sigtimedwait([signal.SIGUSR1], 1).si_signo == signal.SIGUSR1)
for bad in (-1.0, float("nan")):
    try:
        signal.sigtimedwait([signal.SIGUSR1], bad)
    except ValueError as e:
        print("ValueError", e)
