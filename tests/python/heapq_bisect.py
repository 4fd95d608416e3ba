import _heapq as hq
import _bisect as bs

def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

h = []
for x in [5, 3, 8, 1, 9, 2, 7]:
    hq.heappush(h, x)
print(h, [hq.heappop(h) for _ in range(3)], h)
print(hq.heapreplace(h, 0), h, hq.heappushpop(h, -1), hq.heappushpop(h, 6), h)
data = [9, 4, 7, 1, 8, 2, 6, 3, 5, 0, 11, 10]
hq.heapify(data); print(data)
print([hq.heappop(data) for _ in range(len(data))])
m = [3, 1, 4, 1, 5, 9, 2, 6]
hq._heapify_max(m); print(m, hq._heappop_max(m), hq._heapreplace_max(m, 0), m)
show("pop-empty", lambda: hq.heappop([]))
show("replace-empty", lambda: hq.heapreplace([], 1))
print(hq.heappushpop([], 5))
show("not-list", lambda: hq.heappush((), 1))
show("heapify-bad", lambda: hq.heapify({}))
show("arity", lambda: hq.heappush([]))
show("arity1", lambda: hq.heappop())
show("cmp-err", lambda: hq.heapify([1, 'a', 2]))
class Evil:
    def __init__(self, heap): self.heap = heap
    def __lt__(self, o):
        self.heap.clear()
        return True
ev = []
ev.append(1)
ev.append(Evil(ev))
show("mutate", lambda: hq.heappush(ev, Evil(ev)))
pairs = []
for p in [(2, 'b'), (1, 'a'), (2, 'a'), (0, 'z')]:
    hq.heappush(pairs, p)
print([hq.heappop(pairs) for _ in range(4)])
big = list(range(3000, 0, -1)); hq.heapify(big); print(big[:8], [hq.heappop(big) for _ in range(5)])

# bisect
a = [1, 2, 2, 2, 3, 5]
print(bs.bisect_right(a, 2), bs.bisect_left(a, 2), bs.bisect_right(a, 0), bs.bisect_left(a, 9))
print(bs.bisect_right(a, 2, 2), bs.bisect_left(a, 2, 0, 2), bs.bisect_right(a, 2, lo=1, hi=3), bs.bisect_left(a, 3, hi=None))
b = []
for x in [5, 1, 4, 1, 3]:
    bs.insort_right(b, x)
print(b)
bs.insort_left(b, 4); bs.insort_right(b, 4, 0, 3); print(b)
recs = [('a', 1), ('b', 3), ('c', 5)]
print(bs.bisect_left(recs, 3, key=lambda r: r[1]), bs.bisect_right(recs, 3, key=lambda r: r[1]))
bs.insort_left(recs, ('d', 4), key=lambda r: r[1]); print(recs)
bs.insort_right(recs, ('e', 3), key=lambda r: r[1]); print(recs)
show("lo-neg", lambda: bs.bisect_right(a, 1, -1))
show("missing", lambda: bs.bisect_left(a))
show("kw-bad", lambda: bs.bisect_left(a, 1, foo=2))
show("cmp-err", lambda: bs.bisect_left([1, 2], 'x'))
print(bs.bisect_left('acegi', 'd'), bs.bisect_right((1, 3, 5), 3))
class L(list):
    def insert(self, i, x):
        print('insert', i, x)
        super().insert(i, x)
s = L([1, 3]); bs.insort_left(s, 2); print(s)
print(sorted(n for n in dir(bs) if not n.startswith('__')))

# The pure-Python modules over the accelerators.
import heapq, bisect
print(heapq.heappush is hq.heappush, bisect.bisect is bs.bisect_right, bisect.insort is bs.insort_right)
print(heapq.nlargest(3, [5, 1, 8, 3, 9]), heapq.nsmallest(2, [5, 1, 8]), list(heapq.merge([1, 4], [2, 3], [0])))
print(list(heapq.merge(['b', 'd'], ['a', 'c'], key=str.upper)), list(heapq.merge([4, 1], [3, 2], reverse=True)))
it = iter([1])
print(it.__next__.__self__ is it)
