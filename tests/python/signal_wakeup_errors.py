# A signal whose number cannot be written to the wakeup descriptor is
# still handled, and the failed write is reported as an unraisable
# OSError; a full descriptor is reported unless warn_on_full_buffer=False.
import subprocess
import sys

code = r"""
import io, os, signal, socket, sys
seen = []
signal.signal(signal.SIGUSR1, lambda *a: seen.append("handled"))

def raise_and_capture():
    old, sys.stderr = sys.stderr, io.StringIO()
    try:
        signal.raise_signal(signal.SIGUSR1)
    finally:
        text, sys.stderr = sys.stderr.getvalue(), old
    return [l for l in text.splitlines() if not l.startswith(" ")]

r, w = os.pipe()
os.set_blocking(r, False)
signal.set_wakeup_fd(r)                  # a read end: write() fails
print(raise_and_capture(), seen)

a, b = socket.socketpair()
b.setblocking(False)
try:
    while True:
        b.send(b"x" * 4096)
except BlockingIOError:
    pass
signal.set_wakeup_fd(b.fileno())         # full: EAGAIN
print(raise_and_capture(), seen)
signal.set_wakeup_fd(b.fileno(), warn_on_full_buffer=False)
print(raise_and_capture(), seen)
signal.set_wakeup_fd(-1)
"""
r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
print(r.returncode, r.stdout, r.stderr)
