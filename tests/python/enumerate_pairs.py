# enumerate's pairs: each one is a whole tuple of its own as long as it is
# held, also when the enumerate reuses the last pair no one kept (as
# CPython does); unpacking, big and negative starts, subclasses, the
# collector's view of the pairs.
import gc
import sys

print(list(enumerate("ab")), list(enumerate("xy", 5)))
pairs = [p for p in enumerate([10, 20, 30])]
print(pairs, pairs[0] is not pairs[1], len({id(p) for p in pairs}))
e = enumerate("abc")
first = next(e)
second = next(e)
print(first, second, first is second)
total = 0
for i, v in enumerate(range(5), start=-2):
    total += i * v
print(total)
e = enumerate(["x", "y", "z"], sys.maxsize - 1)
print(next(e), next(e), next(e))
kept = []
for pair in enumerate([[1], [2], [3]]):
    if pair[0] % 2 == 0:
        kept.append(pair)
print(kept)


class E(enumerate):
    pass


print(list(E("pq", 1)), isinstance(E("a"), enumerate))
e = enumerate([[], {}])
p = next(e)
print(gc.is_tracked(p), p)
del p
p = next(e)
print(gc.is_tracked(p), p)
e = enumerate(iter([object()]))
gc.collect()
print([type(x).__name__ for x in next(e)])
