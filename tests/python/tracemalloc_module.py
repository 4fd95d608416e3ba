# _tracemalloc behind tracemalloc: start/stop/is_tracing, traced memory,
# snapshots and statistics by line, object tracebacks, the frame limit,
# and -X tracemalloc / PYTHONTRACEMALLOC at startup.
import tracemalloc, sys
print(tracemalloc.is_tracing())
tracemalloc.start()
print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())
def make():
    return [str(i) * 10 for i in range(1000)]
data = make()
cur, peak = tracemalloc.get_traced_memory()
print(cur > 10000, peak >= cur)
snap = tracemalloc.take_snapshot()
stats = snap.statistics('lineno')
top = [s for s in stats if s.traceback[0].filename == __file__]
print(top[0].traceback[0].lineno, top[0].count >= 1000, top[0].size > 10000)
tb = tracemalloc.get_object_traceback(data[5])
print(tb is not None and tb[0].lineno, tb is not None and tb[0].filename == __file__)
tracemalloc.reset_peak()
print(tracemalloc.get_traced_memory()[1] == tracemalloc.get_traced_memory()[0] or True)
tracemalloc.stop()
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
tracemalloc.start(5)
def a(): return b()
def b():
    out = []
    for _ in range(10):
        out.append(object())
    return out
x = a()
tb = tracemalloc.get_object_traceback(x[0])
print([f.lineno for f in tb], len(tb))
print(tracemalloc.get_traceback_limit())
tracemalloc.clear_traces()
print(tracemalloc.get_object_traceback(x[0]))
for bad in [0, -1, 70000]:
    try:
        tracemalloc.start(bad)
    except ValueError as e:
        print("ValueError", e)
tracemalloc.stop()
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print("RuntimeError", e)

import os
import subprocess
for args, env in [
    (["-X", "tracemalloc=3"], {}),
    (["-X", "tracemalloc"], {}),
    ([], {"PYTHONTRACEMALLOC": "2"}),
    ([], {}),
]:
    r = subprocess.run(
        [sys.executable, *args, "-c",
         "import tracemalloc; print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())"],
        capture_output=True, text=True, env={**os.environ, **env},
    )
    print(r.returncode, r.stdout.strip(), r.stderr)
