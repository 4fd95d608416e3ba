# list, tuple, bytes, bytearray and slice from Python: methods, operators,
# slicing, sorting (keys, stability, errors, mutation), repr, errors, as CPython 3.13.
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
l = [5, 3, 8, 1]
t(lambda: sorted(l))
t(lambda: l[1:3])
t(lambda: l[::-1])
t(lambda: l * 2)
t(lambda: [1, [2, (3,)]])
t(lambda: list(range(5)))
t(lambda: tuple(x * 2 for x in range(4)))
t(lambda: list("abc"))
t(lambda: [1, 2] == [1, 2])
t(lambda: (1, 2) < (1, 3))
t(lambda: 3 in l)
t(lambda: l.index(8))
t(lambda: len(l))
def m():
    a = [1, 2, 3, 4, 5, 6]
    a[1:3] = "xy"
    a[::2] = [0, 0, 0]
    del a[-1]
    a.append(9); a.insert(0, -1); a.extend((7, 8)); a.remove(0)
    a += [1]
    a *= 2
    return a
t(m)
t(lambda: b"hello world".split())
t(lambda: b"a,b,,c".split(b","))
t(lambda: b"  x  ".strip())
t(lambda: b"abc".upper() + bytes([65, 66]))
t(lambda: bytearray(b"abc") + b"d")
t(lambda: b"%s=%d" % (b"x", 5))
t(lambda: bytes.fromhex("ff 00"))
t(lambda: b"\x00\xff".hex(":"))
t(lambda: [c for c in b"ab"])
t(lambda: b"abc"[1], )
t(lambda: b"abcdef"[1:5:2])
t(lambda: slice(1, 10, 2).indices(5))
t(lambda: [0, 1, 2, 3, 4, 5][slice(None, None, -2)])
t(lambda: hash((1, 2, 3)))
t(lambda: (1, 2, 3).count(2))
t(lambda: sorted(["b", "A", "a", "B"], key=str.lower))
t(lambda: sorted([3, 1, 2], reverse=True))
t(lambda: [1, 2, 3].pop())
t(lambda: [].pop())
t(lambda: [1][5])
t(lambda: (1,)[5])
t(lambda: b""[0])
t(lambda: list.__sizeof__([]))
t(lambda: tuple.__len__((1, 2)))
t(lambda: bytearray(3))
t(lambda: b"x" in b"xyz")
t(lambda: bytes("abc", "ascii"))
t(lambda: str(b"abc", "ascii"))
t(lambda: b"abc".decode())
t(lambda: reversed([1, 2, 3]).__length_hint__())
t(lambda: list(reversed([1, 2, 3])))
t(lambda: [*range(3), *"ab"])
t(lambda: (*[1, 2],))
t(lambda: [1, 2, 3][-1])
t(lambda: [1, 2, 3][True])
t(lambda: ([1] * 3)[1:])
t(lambda: repr([[]] * 2))
a = [1]; a.append(a)
t(lambda: a)
t(lambda: isinstance((), tuple))
t(lambda: type(iter([])).__name__)
t(lambda: [x for x in (1, 2)][::-1])
t(lambda: max([3, 9, 2]))
t(lambda: sum((1, 2, 3)))
t(lambda: b"a b".split(maxsplit=1))
t(lambda: bytes(range(5)))
t(lambda: list(map(lambda x: x + 1, [1, 2])))
data = [(i * 37) % 101 for i in range(300)]
t(lambda: sorted(data) == sorted(data, reverse=True)[::-1])
pairs = [(i % 7, i) for i in range(50)]
t(lambda: sorted(pairs, key=lambda p: p[0])[:10])
t(lambda: sorted(pairs, key=lambda p: p[0], reverse=True)[:10])
def bad_key(x):
    if x == 7:
        raise ValueError("boom")
    return x
L = list(range(20))
t(lambda: L.sort(key=bad_key))
t(lambda: sorted(L) == list(range(20)))
class C:
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        return self.v < o.v
    def __repr__(self): return f"C({self.v})"
t(lambda: sorted([C(3), C(1), C(2)]))
M = [3, 2, 1]
class Evil:
    def __lt__(self, o):
        M.append(1)
        return False
t(lambda: M.sort(key=lambda x: Evil()))
t(lambda: M)
t(lambda: sorted([1.5, -2.0, float('inf'), 0.0]))
t(lambda: sorted(["b", "aa", "a", "", "ab"]))
t(lambda: sorted(["é", "e", "z", "ß"]))
t(lambda: sorted([10**20, -10**20, 5, 0]))
t(lambda: sorted([True, 0, -1, 2]))
t(lambda: sorted([(1, "b"), (1, "a"), (0, "z")]))
t(lambda: [3, 1, 2].sort(key=None))
t(lambda: list((1, 2)) + list(b"ab"))
t(lambda: [1, 2, 3] < [1, 2])
t(lambda: [1, 2] < [1, "a"])
t(lambda: {(1, 2): 3}[(1, 2)])
t(lambda: (1, [2]).__hash__())
t(lambda: hash((1, [2])))
t(lambda: bytearray(b"hello").replace(b"l", b"L"))
ba = bytearray(b"abc")
ba[0] = 65; ba[1:2] = b"XYZ"; ba.append(33); del ba[-1]
t(lambda: ba)
t(lambda: b"abc" == bytearray(b"abc"))
t(lambda: b"-".join([b"a", bytearray(b"b")]))
t(lambda: b"x".center(7, b"*"))
t(lambda: b"tab\there".expandtabs(4))
t(lambda: b"Hello World".swapcase().title())
t(lambda: (b"a" * 3).count(b"a"))
t(lambda: b"abc".startswith((b"x", b"ab")))
t(lambda: slice(1, 2) == slice(1, 2))
t(lambda: hash(slice(1, 2)) == hash(slice(1, 2)))
t(lambda: repr(slice(None, -1, 2)))
t(lambda: (1, 2, 3)[::-1])
t(lambda: tuple([1, 2]) is not None)
t(lambda: [1, 2, 3].copy())
t(lambda: list.__reversed__([1, 2]).__class__.__name__)
import sys
t(lambda: type(sys.version_info).__name__)
# deeply nested containers are freed without exhausting the C stack
deep = []
for i in range(100000): deep = [deep]
del deep
deep = ()
for i in range(100000): deep = (deep, i)
del deep
deep = {}
for i in range(100000): deep = {"k": deep}
del deep
deep = frozenset()
for i in range(100000): deep = frozenset([deep])
del deep
class DeepDict(dict): pass
deep = DeepDict()
for i in range(100000): deep = DeepDict(k=deep)
del deep
class DeepList(list): pass
deep = DeepList()
for i in range(100000): deep = DeepList([deep])
del deep
print("deep nesting freed")
