# concurrent.futures.ThreadPoolExecutor: map, submit/result, exceptions,
# as_completed, shutdown; non-daemon threads are joined at exit.
import concurrent.futures as cf
import threading


def square(x):
    return x * x


with cf.ThreadPoolExecutor(max_workers=4) as ex:
    print(list(ex.map(square, range(10))))
    futs = [ex.submit(square, i) for i in range(5)]
    print([f.result() for f in futs])
    bad = ex.submit(lambda: 1 / 0)
    try:
        bad.result()
    except ZeroDivisionError as e:
        print(type(e).__name__, e)
    print(type(bad.exception()).__name__)
    print(sorted(f.result() for f in cf.as_completed([ex.submit(square, i) for i in range(4)])))
    done, pending = cf.wait([ex.submit(square, 7)])
    print(len(done), len(pending))
print(threading.active_count())

# A non-daemon thread still running when the main code ends is joined.
ev = threading.Event()


def late():
    ev.wait(0.2)
    print("late thread finished")


threading.Thread(target=late).start()
print("main code done")
