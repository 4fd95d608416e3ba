# Pickling and copying of the builtin iterators (list/tuple/str iterators,
# reversed, map, filter, zip, enumerate) and of builtin functions and
# methods; constructors without keyword parameters accept keywords only for
# a subclass's own __init__ (itertools, map, filter, tuple) or __new__ (list).
import copy
import itertools
import pickle

for it in [
    iter([1, 2, 3]),
    iter((1, 2, 3)),
    iter("abc"),
    iter("\u20acbc"),
    reversed([1, 2, 3]),
    reversed((1, 2, 3)),
    map(abs, [-1, -2]),
    filter(None, [0, 1, 2]),
    zip([1, 2], [3, 4]),
    zip([1], [2], strict=True),
    enumerate("ab", 5),
]:
    next(it)
    r = it.__reduce__()
    print(type(it).__name__, r[0], type(r[1]).__name__, r[2:] if len(r) > 2 else "")
    print(list(pickle.loads(pickle.dumps(it))), list(copy.copy(it)))
for seq in [[1], (1,), "x", "\u20ac"]:
    e = iter(seq)
    list(e)
    print(e.__reduce__())
e = reversed([1])
list(e)
print(e.__reduce__())
e = reversed((1, 2))
list(e)
print(e.__reduce__())
it = iter([1, 2, 3, 4])
it.__setstate__(2)
print(list(it))
it = iter([1, 2])
it.__setstate__(-5)
print(list(it))
it = iter((1, 2))
it.__setstate__(-5)
print(list(it))
it = iter("abc")
it.__setstate__(10)
print(list(it))
it = reversed([1, 2, 3])
it.__setstate__(10)
print(list(it))
it = reversed("abc")
it.__setstate__(1)
print(list(it))

print(pickle.loads(pickle.dumps(len)) is len, len.__reduce__())
print([].append.__reduce__()[0], [].append.__reduce__()[1][1])
m = pickle.loads(pickle.dumps([5].append))
print(m.__name__, m.__self__)


def show(f):
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)


class T(tuple):
    pass


class T2(tuple):
    def __init__(self, *a, newarg=None):
        self.newarg = newarg


class L(list):
    pass


class L2(list):
    def __new__(cls, seq, newarg=None):
        return super().__new__(cls, seq)


class F(filter):
    def __init__(self, *a, newarg=None):
        self.newarg = newarg


class F2(filter):
    pass


class M(map):
    def __init__(self, *a, newarg=None):
        self.newarg = newarg


class C(itertools.chain):
    pass


class C2(itertools.cycle):
    def __init__(self, *a, newarg=None):
        self.newarg = newarg


class S(itertools.islice):
    def __init__(self, *a, newarg=None):
        self.newarg = newarg


class D(itertools.dropwhile):
    pass


show(lambda: T([1], x=1))
show(lambda: (T2([1, 2], newarg=3), T2([1], newarg=3).newarg))
show(lambda: L([1], x=1))
show(lambda: L2([1, 2], newarg=3))
show(lambda: (list(F(None, [0, 1], newarg=3)), F(None, [], newarg=4).newarg))
show(lambda: F2(None, [], newarg=3))
show(lambda: list(M(abs, [-1], newarg=3)))
show(lambda: C([1], newarg=3))
show(lambda: (next(C2([5], newarg=1)), C2([], newarg=2).newarg))
show(lambda: list(S("abc", 2, newarg=1)))
show(lambda: D(bool, [], newarg=1))
show(lambda: tuple([1], x=1))

# dict and set iterators pickle as an iterator over the rest; range,
# bytes and callable iterators; an exhausted one pickles an empty sequence
def rest_cases():
    d = {1: 2, 3: 4, 5: 6}
    return [
        ("keys", lambda: iter(d)),
        ("values", lambda: iter(d.values())),
        ("items", lambda: iter(d.items())),
        ("rkeys", lambda: reversed(d)),
        ("rvalues", lambda: reversed(d.values())),
        ("ritems", lambda: reversed(d.items())),
        ("set", lambda: iter({1, 2, 3})),
        ("frozenset", lambda: iter(frozenset({1, 2, 3}))),
        ("bytes", lambda: iter(b"abc")),
        ("bytearray", lambda: iter(bytearray(b"abc"))),
        ("range", lambda: iter(range(1, 9, 3))),
        ("longrange", lambda: iter(range(2**70, 2**70 + 3))),
        ("callable", lambda: iter([0, 2, 3, 4].pop, 0)),
    ]
for name, make in rest_cases():
    it = make()
    next(it)
    r = it.__reduce__()
    print(name, type(it).__name__, r[0].__name__, r[1][1:] if name == "callable" else r[1:])
    print("  ", list(pickle.loads(pickle.dumps(it))), list(copy.copy(it)) if name != "callable" else "", list(it))
    print("  exhausted", it.__reduce__()[1:], list(pickle.loads(pickle.dumps(it))))
it = iter({1: 2, 3: 4})
print(it.__reduce__(), next(it), it.__reduce__())

# range: count, index, pickling and the iterators' state
r = range(1, 10, 2)
print(r.count(3), r.count(4), r.count(3.0), r.count(True), r.index(7), r.index(True), r.index(7.0), r.__reduce__())
for x in (4, 4.0, "a"):
    try:
        r.index(x)
    except ValueError as e:
        print(type(e).__name__, e)
print(range(2**70, 2**71, 3).index(2**70 + 9), range(10, 0, -3).index(4), range(10).__reduce_ex__(2))
print(pickle.loads(pickle.dumps(range(2, 30, 7))))
for r in (range(10), range(2**70, 2**70 + 10), range(10, 0, -3)):
    for st in (-5, 3, 100):
        it = iter(r)
        it.__setstate__(st)
        print(list(it), it.__reduce__())
    it = iter(r)
    next(it)
    print(it.__length_hint__(), list(pickle.loads(pickle.dumps(it))))
for it in (iter(range(10)), iter(range(2**70, 2**70 + 10))):
    for st in ("x", 2**100):
        try:
            it.__setstate__(st)
            print(list(it))
        except Exception as e:
            print(type(e).__name__, e)

# descriptors pickle as getattr(owner, name), a method-wrapper as
# getattr(self, name); NotImplemented and Ellipsis as their names
class Slotted:
    __slots__ = ("x",)
for o in (list.append, list.__add__, Slotted.__dict__["x"], [1].__add__, NotImplemented, Ellipsis):
    r = o.__reduce__()
    print(r if isinstance(r, str) else (r[0].__name__, r[1]), pickle.loads(pickle.dumps(o)) == o)
print(pickle.loads(pickle.dumps([1].__add__))([2]), pickle.loads(pickle.dumps(list.append)) is list.append)
