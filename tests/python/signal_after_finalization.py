# Python signal handlers are dropped when finalization starts, before the
# modules are torn down: a SIGINT simulated by a finalizer then has no
# handler and is reported as ignored (an unraisable OSError), and one
# whose handler was reset to SIG_DFL/SIG_IGN after it arrived likewise.
import subprocess
import sys

programs = [
    # test_signal's test__thread_interrupt_main.
    "import _thread\n"
    "class Foo:\n"
    "    def __del__(self):\n"
    "        _thread.interrupt_main()\n"
    "x = Foo()\n",
    "import signal, _thread\n"
    "signal.signal(signal.SIGINT, lambda *a: print('handled'))\n"
    "_thread.interrupt_main()\n"
    "print('after')\n",
]
for code in programs:
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    print(r.returncode, repr(r.stdout), [l for l in r.stderr.splitlines() if not l.startswith("  ")])
