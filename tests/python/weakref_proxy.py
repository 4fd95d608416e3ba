# weakref.proxy passes arithmetic, items, len, in, iteration, bytes() and
# reversed() on to its referent; a dead proxy raises ReferenceError
import weakref, gc
class N:
    def __init__(s, v): s.v = v
    def __add__(s, o): return N(s.v + (o.v if isinstance(o, N) else o))
    def __radd__(s, o): return N(o + s.v)
    def __iadd__(s, o): s.v += o; return s
    def __neg__(s): return N(-s.v)
    def __index__(s): return s.v
    def __len__(s): return 3
    def __getitem__(s, i): return i * 2
    def __setitem__(s, i, v): print('set', i, v)
    def __delitem__(s, i): print('del', i)
    def __contains__(s, x): return x == 1
    def __bytes__(s): return b'N'
    def __reversed__(s): return iter([3, 2])
    def __iter__(s): return iter([1, 2])
a = N(5)
p = weakref.proxy(a)
print((p + 1).v, (1 + p).v, (-p).v, len(p), p[4], 1 in p, 2 in p, bytes(p), list(reversed(p)), list(p), [10, 20, 30, 40, 50, 60][p], hex(p))
p[1] = 2
del p[3]
p += 2
print(type(p).__name__, a.v)
l = [1, 2, 3]
class L(list): pass
l = L([1, 2, 3])
q = weakref.proxy(l)
print(q * 2, q + [4], len(q), q[1], 3 in q, list(q), sorted(q, reverse=True))
it = iter(L([1]).__iter__())
class It:
    def __iter__(s): return s
    def __next__(s): raise StopIteration
i = It()
pi = weakref.proxy(i)
print(list(pi), next(iter(q)))
try: next(weakref.proxy(a))
except TypeError as e: print(e)
del a
gc.collect()
for f in (lambda: p + 1, lambda: len(p), lambda: list(p)):
    try: f()
    except ReferenceError as e: print(type(e).__name__, e)
