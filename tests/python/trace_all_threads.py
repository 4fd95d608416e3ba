# threading.settrace_all_threads / setprofile_all_threads (through
# sys._settraceallthreads / sys._setprofileallthreads): a thread already
# running gets the function too, and threads started later get it from
# threading's own hook; removing it stops the events everywhere.
import sys, threading

events = []
lock = threading.Lock()

def tracer(frame, event, arg):
    if frame.f_code.co_name.startswith("work"):
        with lock:
            events.append((threading.current_thread().name, event, frame.f_code.co_name))
    return tracer

def work_a():
    return 1

def work_b():
    return 2

go = threading.Event()
done = threading.Event()

def running():
    go.wait()
    work_a()
    done.set()

t = threading.Thread(target=running, name="early")
t.start()
threading.settrace_all_threads(tracer)
print(sys.gettrace() is tracer, threading.gettrace() is tracer)
go.set()
done.wait()
t.join()
later = threading.Thread(target=work_b, name="late")
later.start()
later.join()
work_a()
threading.settrace_all_threads(None)
print(sys.gettrace())
work_b()
for e in sorted(set(events)):
    print(e)

calls = []
def profiler(frame, event, arg):
    if event == "call" and frame.f_code.co_name.startswith("work"):
        calls.append(frame.f_code.co_name)

threading.setprofile_all_threads(profiler)
print(sys.getprofile() is profiler, threading.getprofile() is profiler)
work_a()
p = threading.Thread(target=work_b)
p.start()
p.join()
threading.setprofile_all_threads(None)
work_a()
print(calls, sys.getprofile())
try:
    sys._settraceallthreads()
except TypeError as e:
    print(type(e).__name__)
