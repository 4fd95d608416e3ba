# time: conversions, struct_time, strftime/asctime/mktime and their errors,
# the clocks' types and monotonicity (no wall-clock values printed).
import time


def show(label, f, *args):
    try:
        r = f(*args)
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, repr(r))


t = time.gmtime(1234567890)
print(t)
print(t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, t.tm_wday, t.tm_yday, t.tm_isdst)
print(t.tm_zone, t.tm_gmtoff, len(t), t[:3], type(t).__name__, type(t).__module__)
print(time.gmtime(0), time.gmtime(-1)[:6], time.gmtime(1700000000.9)[:6], time.gmtime(-0.5)[:6])
print(time.localtime(86400 * 365)[:6], time.localtime(0).tm_zone, time.timezone, time.altzone,
      time.daylight, time.tzname)
print(time.mktime(time.localtime(1000000)), time.mktime((2000, 1, 1, 0, 0, 0, 0, 1, 0)))
print(time.asctime(t), time.asctime((2020, 2, 29, 13, 5, 9, 5, 60, 0)), time.ctime(0))
print(time.strftime("%Y-%m-%d %H:%M:%S %j %a %A %b %B %p %y %%", t))
print(repr(time.strftime("%Z|%z", (2020, 1, 1, 0, 0, 0, 0, 1, -1))),
      repr(time.strftime("%Z|%z", time.gmtime(0))), repr(time.strftime("", t)))
print(time.strftime("%Y %m %d %j %a", (2020, 0, 0, 0, 0, 0, 0, 0, -1)),
      time.strftime("%a", (2020, 1, 1, 0, 0, 0, -1, 1, -1)),
      time.strftime("%a", (2020, 1, 1, 0, 0, 0, 7, 1, -1)))
print(time.struct_time((2020, 1, 2, 3, 4, 5, 6, 7, 0)), time.struct_time((1, 2, 3, 4, 5, 6, 7, 8, 9)).tm_zone)
print(time._STRUCT_TM_ITEMS, time.CLOCK_MONOTONIC, time.CLOCK_REALTIME)

for args in [(1, 2), (2020, 1, 1, 0, 0, 0, 0, 1, -1, 5), "x", [2020, 1, 1, 0, 0, 0, 0, 1, -1],
             (2020, 13, 1, 0, 0, 0, 0, 1, -1), (2020, 1, 32, 0, 0, 0, 0, 1, -1),
             (2020, 1, 1, 24, 0, 0, 0, 1, -1), (2020, 1, 1, 0, 60, 0, 0, 1, -1),
             (2020, 1, 1, 0, 0, 62, 0, 1, -1), (2020, 1, 1, 0, 0, 0, 0, 367, -1),
             (2020, 1, 1.5, 0, 0, 0, 0, 1, -1)]:
    show("strftime", time.strftime, "%Y", args)
    show("asctime", time.asctime, args)
show("mktime", time.mktime, (1, 2))
show("strftime fmt", time.strftime, 5)
show("sleep", time.sleep, -1)
show("sleep str", time.sleep, "1")
show("gmtime nan", time.gmtime, float("nan"))
show("gmtime big", time.gmtime, 1e30)
show("gmtime str", time.gmtime, "x")

for name in ["time", "monotonic", "perf_counter", "process_time", "thread_time"]:
    f = getattr(time, name)
    g = getattr(time, name + "_ns")
    print(name, type(f()).__name__, type(g()).__name__, f() >= 0)
a = time.monotonic_ns()
time.sleep(0.02)
time.sleep(0)
b = time.monotonic_ns()
print("slept", b - a >= 20_000_000)
print("clock_gettime", type(time.clock_gettime(time.CLOCK_MONOTONIC)).__name__,
      type(time.clock_gettime_ns(time.CLOCK_REALTIME)).__name__, time.clock_getres(time.CLOCK_MONOTONIC) > 0)
print("time agrees", abs(time.time() - time.time_ns() / 1e9) < 1)
