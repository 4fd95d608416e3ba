# os.fork() (and os.forkpty()) once finalization has begun raise
# PythonFinalizationError, reported as unraisable from a __del__; an
# atexit callback still runs before that point and may fork.
import subprocess
import sys

code = """if 1:
    import atexit
    import os
    import sys

    def at_exit():
        pid = os.fork()
        if pid == 0:
            os._exit(7)
        print("atexit fork:", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), flush=True)

    atexit.register(at_exit)

    class AtFinalization:
        def __del__(self):
            print("OK", sys.is_finalizing(), flush=True)
            for fork in (os.fork, os.forkpty):
                try:
                    fork()
                except BaseException as e:
                    print(type(e).__name__, e, flush=True)
                else:
                    print("shouldn't be printed", flush=True)
            pid = os.fork()

    at_finalization = AtFinalization()
"""
p = subprocess.run([sys.executable, "-c", code], capture_output=True)
print(p.returncode)
print(p.stdout.decode())
print(b"can't fork at interpreter shutdown" in p.stderr)
print(b"Exception ignored in" in p.stderr, b"PythonFinalizationError" in p.stderr)
