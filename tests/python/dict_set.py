# dict, set, frozenset, views, iterators and mappingproxy: methods, operators,
# order, errors and messages, as CPython 3.13 gives them.
d = {'a': 1, 'b': 2}
print(d, len(d), d.get('a'), d.get('z', 0))
d['c'] = 3; del d['a']; d['a'] = 9
print(d, list(d), list(d.values()), list(d.items()))
print(d.keys() & {'a', 'x'}, sorted(d.keys() | {'q'}), d.keys() - {'a'})
print({1, 2, 3} | {3, 4}, {1, 2} & {2}, frozenset([1, 2]))
s = set(range(20)); s.discard(5); s.add(100); print(s)
class D(dict):
    def __missing__(self, k): return k * 2
print(D()[21], D(a=1), dict(zip('abc', range(3))))
print({k: k * k for k in range(5)})
print({x % 3 for x in range(10)})
try:
    for k in d: d[k + 'x'] = 1
except RuntimeError as e: print(e)
try:
    s2 = {1, 2}
    for x in s2: s2.add(x + 10)
except RuntimeError as e: print(e)
print(dict.fromkeys('ab', 0), d.setdefault('z', 5), d.pop('z'), d.popitem())
print(hash(frozenset({1, 2})), {1: 2} == {1: 2}, {1, 2} <= {1, 2, 3})
print(sorted({'b': 1, 'a': 2}.items()), list(reversed({1: 1, 2: 2})))
d2 = {}; d2['self'] = d2; print(d2)
print({1: 'a'} | {2: 'b'}, type({}.keys()).__name__, {}.keys().mapping)
x = {1, 2}; x |= {3}; x &= {1, 3}; x -= {1}; x ^= {7}; print(x)
print(set('abc') == frozenset('cab'), repr(set()), repr(frozenset()))
print(isinstance({}, dict), issubclass(D, dict), D.__mro__)
print(dict([(1, 2), (3, 4)], x=5), sorted(d))
print({**{'a': 1}, 'b': 2}, {*[1, 2], 3})
def err(f):
    try:
        r = f()
        print('ok', r)
    except Exception as e:
        print(type(e).__name__, e)
err(lambda: {}[[]])
err(lambda: {}['k'])
err(lambda: {}.pop('k'))
err(lambda: {}.popitem())
err(lambda: set().pop())
err(lambda: {1}.remove(2))
err(lambda: {[]: 1})
err(lambda: {[]})
err(lambda: dict(1))
err(lambda: dict([1]))
err(lambda: dict([(1, 2, 3)]))
err(lambda: dict(1, 2))
err(lambda: {}.update(1, 2))
err(lambda: {} < {})
err(lambda: {1} < 3)
err(lambda: {1} | [1])
err(lambda: hash({}))
err(lambda: hash(set()))
err(lambda: hash({}.keys()))
err(lambda: frozenset(a=1))
err(lambda: set(a=1))
err(lambda: {}.get())
err(lambda: {}.fromkeys())
err(lambda: dict.fromkeys(1))
err(lambda: {1: 2}.keys() & 1)
err(lambda: {1: 2}.items() ^ {(1, 2)})
err(lambda: {1: 2}.values() == {1: 2}.values())
err(lambda: set([1]) in {frozenset([1])})
err(lambda: {frozenset([1]): 2}[{1}])
err(lambda: set.union())
err(lambda: set().union(1))
err(lambda: {1}.issubset(1))
err(lambda: len({1: 2}.items()))
err(lambda: {}.__sizeof__())
err(lambda: set().__sizeof__())
err(lambda: {1: 2}.__reversed__().__length_hint__())
err(lambda: iter(set()).__length_hint__())
err(lambda: type({}.items().__iter__()).__name__)
err(lambda: type(reversed({}.values())).__name__)
err(lambda: type(iter(set())).__name__)
err(lambda: {1: 2} | 1)
err(lambda: {1: 2}.__ror__({3: 4}))
err(lambda: {1: 2}.__or__([]))
MP = type({}.keys().mapping)
m = MP({'a': 1})
err(lambda: m['a'])
err(lambda: m.__setitem__('a', 2))
err(lambda: MP([]))
err(lambda: m | {'b': 2})
err(lambda: repr(m))
class S(set): pass
err(lambda: repr(S([1, 2])))
err(lambda: S([1]) | S([2]))
err(lambda: frozenset([1]) | {2})
err(lambda: {2} | frozenset([1]))
err(lambda: {1: 1}.keys().isdisjoint([2]))
err(lambda: {(1, 2)} == {1: 2}.items())
err(lambda: {1: 2}.items() == {(1, 2)})
err(lambda: sorted({3: 1, 1: 2}))
print(type(m).__name__, m.get('a'), m.get('z', 5), list(m.keys()), list(m.items()), m.copy(), 'a' in m, len(m), list(reversed(m)))
class DD(dict):
    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self.extra = 1
dd = DD({1: 2}, z=3)
print(dd, dd.extra, type(dd.copy()).__name__, dd == {1: 2, 'z': 3})
class K:
    def __init__(self, v): self.v = v
    def __hash__(self): return hash(self.v)
    def __eq__(self, o): return isinstance(o, K) and o.v == self.v
    def __repr__(self): return f'K({self.v})'
d = {K(1): 'a', K(2): 'b'}
print(d[K(1)], K(2) in d, K(3) in d, d)
s = {K(1), K(1), K(2)}
print(len(s), K(1) in s, sorted(s, key=lambda k: k.v))
d = dict.fromkeys(range(10))
for k in list(d):
    if k % 2: del d[k]
d[1] = 'back'
print(d, list(d.items())[-1])
print({i: i for i in range(100)} == dict(zip(range(100), range(100))))
s = set(range(100)); print(sum(s), len(s), min(s), max(s))
print(frozenset(range(3)) in {frozenset([0, 1, 2])}, hash(frozenset(range(100))))
def err(f):
    try:
        print('ok', f())
    except Exception as e:
        print(type(e).__name__, e)
class Evil:
    def __init__(self, d): self.d = d
    def __hash__(self): return 1
    def __eq__(self, o):
        self.d.clear()
        return False
d = {}
d[Evil(d)] = 1
try:
    d[Evil(d)]
except KeyError:
    print('KeyError')
print(len(d))
class Eq1:
    def __hash__(self): return 1
    def __eq__(self, o): return True
d = {1: 'one'}
d[Eq1()] = 'eq'
print(d)
s = {1}; s.add(Eq1()); print(len(s))
class BadHash:
    def __hash__(self): raise ValueError('nope')
err(lambda: {BadHash(): 1})
err(lambda: {BadHash()})
err(lambda: {}.get(BadHash()))
err(lambda: BadHash() in set())
class BadEq:
    def __hash__(self): return 1
    def __eq__(self, o): raise KeyError('eq')
err(lambda: {1: 1, BadEq(): 2})
err(lambda: {1, BadEq()})
d = {'a': 1}
d.update(d); d |= d; print(d)
d.__init__({'b': 2}, c=3); print(d)
err(lambda: d.__init__(1, 2))
d = {i: str(i) for i in range(6)}
it = iter(d.items()); next(it)
d.pop(3); d[3] = 'x'
err(lambda: list(it))
d = dict.fromkeys('abcdef')
print(list(reversed(d.keys())), list(reversed(d.items()))[:2])
ri = reversed(d); next(ri); d['z'] = 1
err(lambda: next(ri))
print({1: 2}.keys() == {1}, {1: 2}.keys() != {1, 3}, {1: 2}.items() <= {(1, 2), (3, 4)})
print({1, 2}.isdisjoint({3}), frozenset({1}).union([2], (3,)), {1, 2, 3}.difference([1], {2}))
print({1, 2, 3}.intersection([2, 3], (3,)), {1, 2}.symmetric_difference([2, 3]))
s = {1, 2, 3}; s.intersection_update([1, 2], [2]); print(s)
s = {1, 2, 3}; s.difference_update([1], [2]); print(s)
s = {1, 2}; s.symmetric_difference_update({2, 3}); print(s)
s = {1}; s.update([2], {3}, {4: 5}); print(s)
print(type(set.__doc__).__name__, set.__text_signature__, dict.__doc__.splitlines()[0])
print(sorted(dir(set)) == sorted(dir(set)), 'isdisjoint' in dir(frozenset))
print([k for k in {'x': 1, 'y': 2}], [v for v in {'x': 1}.values()])
a = {1: [1]}; b = a.copy(); b[1].append(2); print(a, a is not b)
print({True: 'a', 1: 'b', 1.0: 'c'})
print({0, False, 0.0}, {1, True})
s = set()
for x in [-1, -2, 2**64, 2**61 - 1, 2**61, -2**61, 1.5, 0.0, -0.0]:
    s.add(x)
print(s, [hash(x) for x in s])

# sets take weak references; set and bytearray subclasses pickle their
# slots and dict along with the items
import weakref, pickle, gc
s = {1, 2}
fs = frozenset("ab")
ws, wfs = weakref.ref(s), weakref.ref(fs)
print(ws() is s, wfs() is fs, sorted(weakref.proxy(s)))
del s, fs
gc.collect()
print(ws(), wfs())
class SlotSet(set):
    __slots__ = ("x", "__dict__")
class SlotFrozen(frozenset):
    __slots__ = ("x",)
class SlotBytes(bytearray):
    __slots__ = ("x",)
for cls in (SlotSet, SlotFrozen, SlotBytes):
    o = cls(b"ab" if cls is SlotBytes else "ab")
    o.x = [1]
    p = pickle.loads(pickle.dumps(o))
    print(type(p).__name__, sorted(p), p.x, o.__reduce__()[2])
o = SlotSet("a")
o.y = 2
print(pickle.loads(pickle.dumps(o)).y, SlotSet("a").__reduce__()[2])

# a __hash__ result that fits a C long is the hash itself (-1 becomes -2);
# a larger one is hashed as an int; so an object can share a str's hash
class Key3:
    def __hash__(self):
        return hash("key3")
    def __eq__(self, other):
        return isinstance(other, Key3) or other == "key3"
class StrSub(str):
    pass
print(hash(Key3()) == hash("key3"))
for key3 in (StrSub("key3"), Key3()):
    d = {"key1": 42, "key2": 43, key3: 44}
    print(d.get("key3"), d.get(StrSub("key3")), d.get(Key3()), {key3} == {"key3"})
class Minus:
    def __hash__(self):
        return -1
class Big:
    def __hash__(self):
        return 2**64 + 3
class IntSub(int):
    pass
class SubHash:
    def __hash__(self):
        return IntSub(2**63 - 1)
print(hash(Minus()), hash(Big()), hash(SubHash()))
