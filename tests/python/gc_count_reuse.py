# The collector's generation-0 count follows the memory of new collected
# objects (CPython's _PyObject_GC_Link and PyObject_GC_Del), not tracking:
# lists, tuples and dicts a free list recycles are not counted again, so a
# loop that keeps making and dropping a few of them runs no collection,
# while one that keeps many alive does.
import gc


def collections():
    return sum(s["collections"] for s in gc.get_stats())


gc.collect()
before = collections()
for i in range(100000):
    t = [i]
    u = (i, t)
    d = {"k": u}
print("reused shells, collections:", collections() - before)
print("count stays small:", gc.get_count()[0] < 100)

gc.collect()
before = collections()
keep = [[i] for i in range(10000)]
print("kept lists trigger collections:", collections() - before > 0)
del keep

gc.collect()
base = gc.get_count()[0]
x = []
print("a new list counts:", gc.get_count()[0] >= base)
