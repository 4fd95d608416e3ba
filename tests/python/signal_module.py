# _signal: Python handlers run between bytecodes, errors from handlers, SIGINT's
# default handler, masks, the wakeup descriptor checks.
import _signal, posix
print(_signal.strsignal(2), _signal.strsignal(64), _signal.getsignal(2), _signal.getsignal(13), _signal.getsignal(15))
for a in [0, 65, 'x']:
  try: _signal.signal(a, _signal.SIG_DFL)
  except Exception as e: print(type(e).__name__, e)
try: _signal.signal(2, 5)
except Exception as e: print(type(e).__name__, e)
try: _signal.signal(9, _signal.SIG_IGN)
except Exception as e: print(type(e).__name__, e)
try: _signal.strsignal(100)
except Exception as e: print(type(e).__name__, e)
got = []
def h(signum, frame):
    got.append((signum, type(frame).__name__))
print(_signal.signal(_signal.SIGUSR1, h))
print(_signal.getsignal(_signal.SIGUSR1) is h)
posix.kill(posix.getpid(), _signal.SIGUSR1)
for i in range(100): pass
print(got)
_signal.raise_signal(_signal.SIGUSR1)
print(got)
def boom(signum, frame):
    raise ValueError("from handler %d" % signum)
_signal.signal(_signal.SIGUSR2, boom)
try:
    _signal.raise_signal(_signal.SIGUSR2)
except ValueError as e:
    print("caught", e)
try:
    posix.kill(posix.getpid(), _signal.SIGINT)
    for i in range(1000): pass
except KeyboardInterrupt:
    print("KeyboardInterrupt")
print(_signal.signal(_signal.SIGUSR1, _signal.SIG_DFL) is h, _signal.getsignal(_signal.SIGUSR1))
old = _signal.pthread_sigmask(_signal.SIG_BLOCK, [_signal.SIGUSR1])
print(old, _signal.SIGUSR1 in _signal.pthread_sigmask(_signal.SIG_SETMASK, old))
print(len(_signal.valid_signals()), _signal.NSIG, _signal.alarm(0))
r, w = posix.pipe()
try: _signal.set_wakeup_fd(w)
except ValueError as e: print(e.__class__.__name__, str(e).replace(str(w), 'W'))
posix.set_blocking(w, False)
print(_signal.set_wakeup_fd(w), _signal.set_wakeup_fd(-1) == w)
