# The faulthandler module: enable/disable/is_enabled, dump_traceback to a
# file (one thread or all), register/unregister of a user signal,
# dump_traceback_later, argument errors, and a real crash in a child
# process started with -X faulthandler or PYTHONFAULTHANDLER.
import faulthandler
import os
import re
import signal
import subprocess
import sys
import tempfile


def norm(text):
    text = text.replace(__file__, "FILE")
    return re.sub(r"0x[0-9a-f]{16}", "0xTHREAD", text)


def captured(fn):
    with tempfile.TemporaryFile() as f:
        fn(f)
        f.seek(0)
        return norm(f.read().decode())


print(faulthandler.is_enabled())
faulthandler.enable()
print(faulthandler.is_enabled())
print(faulthandler.disable(), faulthandler.disable(), faulthandler.is_enabled())


def inner(f, **kw):
    faulthandler.dump_traceback(f, **kw)


def outer(f, **kw):
    inner(f, **kw)


print(captured(lambda f: outer(f, all_threads=False)), end="")
print(captured(lambda f: outer(f)), end="")
print(captured(lambda f: faulthandler.dump_traceback(f.fileno(), False)), end="")

# A user signal.
def on_signal(f):
    faulthandler.register(signal.SIGUSR1, file=f, all_threads=False)
    os.kill(os.getpid(), signal.SIGUSR1)


print(captured(on_signal), end="")
print(faulthandler.unregister(signal.SIGUSR1), faulthandler.unregister(signal.SIGUSR1))

# dump_traceback_later, cancelled, then fired into a file.
faulthandler.dump_traceback_later(60)
faulthandler.cancel_dump_traceback_later()
faulthandler.cancel_dump_traceback_later()


def later(f):
    import time
    faulthandler.dump_traceback_later(0.05, file=f)
    time.sleep(0.5)
    faulthandler.cancel_dump_traceback_later()


print(captured(later).splitlines()[0])

for call in [
    lambda: faulthandler.register(signal.SIGSEGV),
    lambda: faulthandler.register(0),
    lambda: faulthandler.unregister(1000),
    lambda: faulthandler.dump_traceback_later(0),
    lambda: faulthandler.dump_traceback_later(-1.5),
    lambda: faulthandler.enable(file=3.5),
    lambda: faulthandler.enable(file=-1),
]:
    try:
        call()
        print("no error")
    except Exception as e:
        print(type(e).__name__, e)

crash = "import faulthandler\ndef f():\n    faulthandler._sigsegv()\nf()\n"
for args, env in [
    (["-X", "faulthandler", "-c", crash], {}),
    (["-c", crash], {"PYTHONFAULTHANDLER": "1"}),
    (["-c", "import faulthandler\nfaulthandler.enable(all_threads=False)\nfaulthandler._sigabrt()"], {}),
    (["-c", "import faulthandler\nprint(faulthandler.is_enabled())"], {"PYTHONFAULTHANDLER": "1"}),
]:
    r = subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )
    print(r.returncode, repr(r.stdout), norm(r.stderr).splitlines())
