# Pickling and copying arrays: __reduce_ex__ at every protocol,
# array._array_reconstructor with machine format codes (including the
# conversions for other machines' formats), copy / deepcopy, iterator
# pickling, and subclasses with instance attributes.
import array
import copy
import pickle
import warnings

warnings.simplefilter("ignore", DeprecationWarning)


def show(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("  ", r)


samples = {
    "b": [-128, 0, 127], "B": [0, 255], "u": "h\u00e9\U0001f600", "w": "w\u20ac",
    "h": [-32768, 32767], "H": [65535], "i": [-(2**31), 7], "I": [2**32 - 1],
    "l": [-(2**63)], "L": [2**64 - 1], "q": [2**63 - 1, -1], "Q": [2**64 - 1, 0],
    "f": [0.5, -2.0], "d": [0.1, float("inf")],
}
for tc, init in samples.items():
    a = array.array(tc, init)
    print(tc, a.__reduce_ex__(2)[0].__name__, a.__reduce_ex__(3)[1][1:3])
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        b = pickle.loads(pickle.dumps(a, proto))
        assert b == a and type(b) is array.array and b is not a, (tc, proto)
    e = array.array(tc)
    print("  ", [pickle.loads(pickle.dumps(e, p)) == e for p in range(6)])
    print("  ", copy.copy(a) == a, copy.deepcopy(a) == a, copy.copy(a) is a)

a = array.array("i", [1, 2])
print(a.__reduce_ex__(0))
print(a.__reduce_ex__(1))
print(a.__reduce_ex__(True))
print(a.__reduce_ex__(-1))
print(a.__reduce_ex__(3))
print(a.__reduce_ex__(5))
show(lambda: a.__reduce__())
show(lambda: a.__reduce_ex__("x"))
show(lambda: a.__reduce_ex__(1.0))
show(lambda: a.__reduce_ex__(2**70))
print(pickle.dumps(array.array("b", [1]), 0))
print(pickle.dumps(array.array("B", [1, 2]), 2))
print(pickle.dumps(array.array("h", [1]), 3))

# The reconstructor.
R = array._array_reconstructor
print(R(array.array, "i", 8, b"\x01\x00\x00\x00"))
print(R(array.array, "i", 9, b"\x00\x00\x00\x01"))
print(R(array.array, "l", 13, b"\x00" * 7 + b"\x05"))
print(R(array.array, "i", 13, b"\xff" * 8))
print(R(array.array, "b", 0, b"\xff"))
print(R(array.array, "B", 1, b"\xff"))
print(R(array.array, "H", 5, b"\x80\x00"))
print(R(array.array, "Q", 7, b"\x00\x00\x00\x09"))
print(R(array.array, "d", 15, b"\x3f\x80\x00\x00"))
print(R(array.array, "f", 17, b"\x3f\xf0" + b"\x00" * 6))
print(R(array.array, "d", 14, b"\x00\x00\x00\x40"))
print(R(array.array, "w", 21, b"\x00\x00\x00a\x00\x00\x00b"))
print(R(array.array, "u", 20, "xy".encode("utf-32-le")))
print(R(array.array, "w", 18, "ab".encode("utf-16-le")))
print(R(array.array, "w", 19, "\U0001f600!!".encode("utf-16-be")))
print(R(array.array, "w", 20, b""))
show(lambda: R(array.array, "b", 21, b"\x00\x00\x00a"))
show(lambda: R(array.array, "w", 19, b"\x00a"))
show(lambda: R(array.array, "i", 13, b"\x00"))
show(lambda: R(array.array, "w", 21, b"\x00\x11\x00\x00"))
show(lambda: R(1, "b", 1, b""))
show(lambda: R(int, "b", 1, b""))
show(lambda: R(array.array, "x", 1, b""))
show(lambda: R(array.array, "bb", 1, b""))
show(lambda: R(array.array, 98, 1, b""))
show(lambda: R(array.array, "b", 22, b""))
show(lambda: R(array.array, "b", -1, b""))
show(lambda: R(array.array, "b", "1", b""))
show(lambda: R(array.array, "b", 2**40, b""))
show(lambda: R(array.array, "b", 1, [1]))
show(lambda: R(array.array, "b", 1, bytearray(b"1")))
show(lambda: R(array.array, "b", 1))
show(lambda: R(array.array, "b", 1, b"", 5))
show(lambda: R(array.array, "i", 8, b"\x00"))

# Iterators.
orig = array.array("h", [3, 1, 4, 1, 5])
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    it = iter(orig)
    next(it)
    next(it)
    it2, data = pickle.loads(pickle.dumps((it, orig), proto))
    print(proto, list(it2), list(it), data == orig)
it = iter(orig)
print(it.__reduce__())
next(it)
print(it.__reduce__())
list(it)
print(it.__reduce__())
fresh = iter(array.array("b", [9, 8, 7]))
fresh.__setstate__(2)
print(list(fresh))
fresh = iter(array.array("b", [9, 8, 7]))
fresh.__setstate__(-5)
print(list(fresh))
fresh = iter(array.array("b", [9, 8, 7]))
fresh.__setstate__(10)
print(list(fresh))
fresh = iter(array.array("b", [9]))
show(lambda: fresh.__setstate__("x"))
show(lambda: fresh.__setstate__(2**70))
show(lambda: fresh.__setstate__(1.0))
print(list(fresh))


# Subclasses keep their type and instance dict.
class Sub(array.array):
    pass


class Slots(array.array):
    __slots__ = ("x",)


s = Sub("d", [1.0, 2.0])
s.note = "hello"
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    t = pickle.loads(pickle.dumps(s, proto))
    print(proto, type(t).__name__, t, t.note, t.__dict__)
print(s.__reduce_ex__(2)[0] is Sub, s.__reduce_ex__(4)[2])
print(type(copy.copy(s)).__name__, type(copy.deepcopy(s)).__name__)
print(R(Sub, "b", 1, b"\x05"), type(R(Sub, "b", 1, b"\x05")).__name__)
sl = Slots("i", [4])
print(sl.__reduce_ex__(4))
u = pickle.loads(pickle.dumps(array.array("u", "ab"), 4))
print(u, u.typecode)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    pickle.loads(pickle.dumps(array.array("w", "ab"), 4))
    data = pickle.dumps(array.array("b", [1]), 4)
    pickle.loads(data)
print(len(w))
