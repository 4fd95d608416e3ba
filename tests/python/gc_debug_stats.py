# gc.DEBUG_STATS reports each collection on stderr as CPython does: the
# generation collected, the size of every generation and of the permanent
# one, then what was found and how long it took.
import gc
import io
import re
import sys


class Cycle:
    def __init__(self):
        self.me = self


gc.collect()
gc.freeze()
err = io.StringIO()
old, sys.stderr = sys.stderr, err
gc.set_debug(gc.DEBUG_STATS)
try:
    for _ in range(3):
        Cycle()
    gc.collect(2)
    gc.collect(0)
finally:
    gc.set_debug(0)
    sys.stderr = old
    gc.unfreeze()
for line in err.getvalue().splitlines():
    print(re.sub(r"\d+\.\d+s", "N.NNNNs", re.sub(r"(?<=[ :])\d+(?=[ ,]|$)", "N", line)))
lines = err.getvalue().splitlines()
found = re.search(r"done, (\d+) unreachable, (\d+) uncollectable", lines[3])
print("found at least the cycles:", int(found[1]) >= 3, "kept:", found[2])
print("permanent non-empty:", int(lines[2].rsplit(" ", 1)[1]) > 0)

# DEBUG_COLLECTABLE names each object found unreachable, with its address.
err = io.StringIO()
sys.stderr = err
gc.set_debug(gc.DEBUG_COLLECTABLE)
try:
    c = Cycle()
    where = hex(id(c))
    del c
    gc.collect()
finally:
    gc.set_debug(0)
    sys.stderr = old
print([line.replace(where, "ADDR") for line in err.getvalue().splitlines() if where in line])
