# After fork() in a worker thread, the child has one thread: the parent's
# other threads (the main one included) are finished for join() and gone
# from sys._current_frames().
import os
import sys
import threading
import time
import warnings

warnings.simplefilter("ignore", DeprecationWarning)
main = threading.current_thread()
stop = threading.Event()
sleeper = threading.Thread(target=stop.wait)
sleeper.start()


def worker():
    pid = os.fork()
    if pid:
        _, status = os.waitpid(pid, 0)
        print("child exit", os.waitstatus_to_exitcode(status))
        return
    try:
        main.join(5)
        sleeper.join(5)
        print("main alive", main.is_alive(), "sleeper alive", sleeper.is_alive())
        print("threads", len(sys._current_frames()), threading.active_count())
        print("is main", threading.current_thread() is threading.main_thread())
        t = threading.Thread(target=lambda: print("new thread runs"))
        t.start()
        t.join()
        sys.stdout.flush()
    finally:
        os._exit(0)


w = threading.Thread(target=worker)
w.start()
w.join()
stop.set()
sleeper.join()
print("parent done")
