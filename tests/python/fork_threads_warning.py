# os.fork() in a process that runs other threads warns (DeprecationWarning,
# in the parent only); without other threads it does not.
import os
import threading
import warnings


def fork_and_report(label):
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always")
        pid = os.fork()
        if pid == 0:
            os._exit(len(ws))
        _, status = os.waitpid(pid, 0)
    print(label, "child saw", os.waitstatus_to_exitcode(status), "warnings")
    for w in ws:
        text = str(w.message).replace(str(os.getpid()), "PID")
        print(label, w.category.__name__, text, os.path.basename(w.filename))


fork_and_report("alone:")

release = threading.Event()
t = threading.Thread(target=release.wait)
t.start()
try:
    fork_and_report("threaded:")
finally:
    release.set()
    t.join()

with warnings.catch_warnings():
    warnings.simplefilter("error")
    t = threading.Thread(target=release.wait)
    release.clear()
    t.start()
    try:
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        os.waitpid(pid, 0)
        print("warning turned into an error is dropped: fork returned")
    finally:
        release.set()
        t.join()
