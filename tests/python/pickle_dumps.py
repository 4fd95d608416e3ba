# _pickle.dumps / Pickler: the bytes for every kind of object and protocol are
# CPython's (memo, framing, batching, nested names, reducers, hooks).
import _pickle, pickle, io, collections, datetime, fractions, decimal, copyreg
class C:
    def __init__(self): self.a = 1; self.b = [1, 2]
class S:
    __slots__ = ('x', 'y')
    def __init__(self): self.x = 1; self.y = 'q'
class R:
    def __reduce__(self): return (R, (), {'z': 1}, iter([1, 2]), iter([('k', 'v')]))
    def extend(self, x): pass
    def __setitem__(self, k, v): pass
class RBig:
    def __reduce__(self): return (RBig, (), None, iter(range(2001)), iter({i: -i for i in range(1000)}.items()))
    def extend(self, x): pass
    def __setitem__(self, k, v): pass
class RBadPairs:
    def __reduce__(self): return (RBadPairs, (), None, None, iter([1]))
    def __setitem__(self, k, v): pass
class NE:
    def __getnewargs_ex__(self): return ((1,), {'a': 2})
    def __new__(cls, *a, **k): return object.__new__(cls)
class Outer:
    class Inner: pass
P = collections.namedtuple('P', 'x y')
big = list(range(2500))
objs = [None, True, False, 0, 1, -1, 255, 256, 65535, 65536, -2**31, 2**31 - 1, 2**31, 2**63, -2**63, 2**100, -2**100, -128, -129, 127, 128, -2**31 - 1,
        1.5, float('inf'), -0.0, 1e300, 'abc', 'é\u20ac\U0001f600', '\ud800', 'a\\b\nc\r\x00\x1a', '', b'', b'xyz', b'\xff\x00', bytearray(b'ab'), bytearray(),
        (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), [], [1, [2]], {}, {'a': 1, 2: (3,)}, set(), {1, 2}, frozenset(), frozenset({3}),
        C(), S(), R(), RBig(), RBadPairs(), NE(), collections.OrderedDict(a=1), collections.deque([1, 2]), datetime.date(2020, 1, 2),
        fractions.Fraction(1, 3), decimal.Decimal('1.5'), complex(1, 2), range(3), slice(1, 2), type, len, C, Outer.Inner, P(1, 2),
        type(None), type(NotImplemented), type(...), None, ..., NotImplemented, big, {i: i for i in range(1001)}, set(range(1001)),
        b'x' * 70000, 'y' * 70000, [b'z' * 40000, b'w' * 40000], pickle.loads, io.BytesIO, collections.OrderedDict]
t = (1, 2); l = [t, t, [t]]; objs.append(l)
r = []; r.append(r); objs.append(r)
d = {}; d['self'] = d; objs.append(d)
tr = ([],); tr[0].append(tr); objs.append(tr)
import hashlib
for proto in range(6):
    h = []
    for o in objs:
        try:
            b = _pickle.dumps(o, proto)
        except Exception as e:
            b = (type(e).__name__, str(e))
        h.append(b)
        if isinstance(b, bytes) and len(b) < 200 and not isinstance(o, (list, dict, set)):
            print(proto, b)
    print(proto, 'digest', hashlib.sha1(repr(h).encode()).hexdigest())
    for i, b in enumerate(h):
        if isinstance(b, bytes) and len(b) >= 200:
            print(proto, i, len(b), hashlib.sha1(b).hexdigest())
print(_pickle.dumps([1, 2]), _pickle.dumps(1, protocol=-1))
for bad in [lambda: _pickle.dumps(1, 6), lambda: _pickle.dumps(lambda: 1), lambda: _pickle.dumps(1, 4, buffer_callback=print), lambda: _pickle.Pickler(io.BytesIO(), 2, buffer_callback=print)]:
    try: bad()
    except Exception as e: print(type(e).__name__, e)
class PP(_pickle.Pickler):
    def persistent_id(self, obj):
        return 'X' if obj == 42 else None
f = io.BytesIO(); PP(f, 2).dump([1, 42]); print(f.getvalue())
f = io.BytesIO(); PP(f, 0).dump([1, 42]); print(f.getvalue())
class RO(_pickle.Pickler):
    def reducer_override(self, obj):
        return (int, (7,)) if obj == 'swap' else NotImplemented
f = io.BytesIO(); RO(f, 3).dump(['swap', 'x']); print(f.getvalue())
f = io.BytesIO(); p = _pickle.Pickler(f, 3); p.dispatch_table = {C: lambda o: (int, (9,))}; p.dump(C()); print(f.getvalue())
f = io.BytesIO(); p = _pickle.Pickler(f, 2); p.dump('a'); p.dump('a'); p.clear_memo(); p.dump('a'); print(f.getvalue())
f = io.BytesIO(); p = _pickle.Pickler(f, 2); p.fast = 1; t = (1,); p.dump([t, t]); print(f.getvalue())
pb = pickle.PickleBuffer(bytearray(b'ab'))
print(_pickle.dumps(pb, 5), _pickle.dumps(pickle.PickleBuffer(b'ro'), 5), _pickle.dumps(pb, 5, buffer_callback=lambda b: False), _pickle.dumps(pickle.PickleBuffer(b'ro'), 5, buffer_callback=lambda b: False))
