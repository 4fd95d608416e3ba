# os.kill() of the running process runs the Python signal handler before
# kill() returns, so an exception the handler raises is raised by kill().
import os
import signal

events = []


def handler(signum, frame):
    events.append(signum == signal.SIGUSR1)
    raise KeyboardInterrupt("from handler")


old = signal.signal(signal.SIGUSR1, handler)
try:
    try:
        os.kill(os.getpid(), signal.SIGUSR1)
        events.append("after kill")
    except KeyboardInterrupt as e:
        events.append(("caught", str(e)))
    events.append("after try")
finally:
    signal.signal(signal.SIGUSR1, old)
print(events)
