# The array module's typecodes: item sizes, the range of every integer
# typecode with CPython's OverflowError / TypeError messages, floats,
# unicode items, the constructor's initializers and errors, and the
# DeprecationWarning for 'u'.
import array
import warnings


def show(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("  ", r)


print(array.typecodes, array.ArrayType is array.array)
print(array.array.__name__, array.array.__module__, array.array.__qualname__)
print(sorted(k for k in vars(array) if not k.startswith("__")))
print(array.__doc__.splitlines()[0])
print(array.array.__doc__.splitlines()[0])

warnings.simplefilter("ignore", DeprecationWarning)
for tc in array.typecodes:
    a = array.array(tc)
    print(tc, a.typecode, a.itemsize, repr(a), len(a))

# Range edges of the integer typecodes.
edges = {
    "b": (-(2**7), 2**7 - 1),
    "B": (0, 2**8 - 1),
    "h": (-(2**15), 2**15 - 1),
    "H": (0, 2**16 - 1),
    "i": (-(2**31), 2**31 - 1),
    "I": (0, 2**32 - 1),
    "l": (-(2**63), 2**63 - 1),
    "L": (0, 2**64 - 1),
    "q": (-(2**63), 2**63 - 1),
    "Q": (0, 2**64 - 1),
}
for tc, (lo, hi) in edges.items():
    print(tc, array.array(tc, [lo, hi, 0, 1]))
    for v in [lo - 1, hi + 1, lo - 2**64, hi + 2**64, 2**100]:
        print(" ", tc, v, end="")
        show(lambda: array.array(tc, [v]))

# Everything the edges above do not reach: small ints in wide checks.
probe = [2**7, -(2**7) - 1, 2**8, -1, 2**15, -(2**15) - 1, 2**16, 2**31,
         -(2**31) - 1, 2**32, 2**63, -(2**63) - 1, 2**64]
for tc in "bBhHiIlLqQ":
    out = []
    for v in probe:
        try:
            array.array(tc, [v])
            out.append("ok")
        except OverflowError as e:
            out.append(str(e))
    print(tc, out)

# Wrong types, for every typecode.
class Idx:
    def __index__(self):
        return 7


class Flt:
    def __float__(self):
        return 2.5


for tc in array.typecodes:
    for v in [1.5, "x", None, b"a", Idx(), Flt(), True, 3]:
        print(" ", tc, type(v).__name__, end="")
        show(lambda: array.array(tc, [v]).tolist())

# Floats.
f = array.array("f", [0.1, 1e39, -1e39, float("inf"), float("nan"), -0.0])
print(f.tolist()[0] == 0.1, f[1], f[2], f[3], f[4] != f[4], str(f[5]))
d = array.array("d", [0.1, 1e308, 2**53 + 1])
print(d.tolist())
print(array.array("f", [1, 2, 3]), array.array("d", [True]))
show(lambda: array.array("d", [2**2000]))

# Unicode typecodes.
for tc in "uw":
    print(tc, array.array(tc, "abc\u00e9\u20ac\U0001f600"))
    for v in ["", "ab", 1, b"a"]:
        print(" ", tc, repr(v), end="")
        show(lambda: array.array(tc, [v]))
    print(" ", array.array(tc, ["x", "y"]), array.array(tc, iter("hi")))

# Initializers: list, tuple, bytes, bytearray, str, array, iterables.
print(array.array("h", (1, 2, 3)))
print(array.array("h", b"\x01\x00\x02\x00"))
print(array.array("B", bytearray(b"xyz")))
print(array.array("i", array.array("i", [4, 5])))
print(array.array("d", array.array("i", [4, 5])))
print(array.array("i", range(5)))
print(array.array("l", (x * x for x in range(4))))
print(array.array("b", {3: "a"}))
print(array.array("w", array.array("u", "hey")))
print(array.array("u", array.array("w", "hey")))
show(lambda: array.array("h", b"\x01\x00\x02"))
show(lambda: array.array("b", "abc"))
show(lambda: array.array("i", array.array("w", "ab")))
show(lambda: array.array("i", array.array("u", "ab")))
show(lambda: array.array("b", 5))
show(lambda: array.array("b", None))
show(lambda: array.array("x"))
show(lambda: array.array("x", 5))
show(lambda: array.array("x", [1]))
show(lambda: array.array("bb"))
show(lambda: array.array(""))
show(lambda: array.array(1))
show(lambda: array.array(b"b"))
show(lambda: array.array())
show(lambda: array.array("b", [], []))
show(lambda: array.array("b", [], x=1))
show(lambda: array.array(typecode="b"))
show(lambda: array.array("b", [1, 2, 300]))
show(lambda: array.array("b", [1, "2"]))

# The 'u' typecode is deprecated.
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    array.array("u")
    array.array("u", "ab")
    array.array("w")
    array.array("b")
print([(x.category.__name__, str(x.message)) for x in w])
with warnings.catch_warnings():
    warnings.simplefilter("error")
    show(lambda: array.array("u"))
    print(array.array("w", "ok"))
