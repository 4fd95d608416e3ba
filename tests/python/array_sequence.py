# array.array as a sequence: indexing, slices and extended slices, slice
# assignment and deletion (same-typecode arrays only), +, *, +=, *=, in,
# comparisons across typecodes, len, iteration, and Python subclasses.
import array
import collections.abc
import warnings

warnings.simplefilter("ignore", DeprecationWarning)


def show(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("  ", r)


a = array.array("i", range(10))
print(len(a), a[0], a[9], a[-1], a[-10])
show(lambda: a[10])
show(lambda: a[-11])
show(lambda: a[2**70])
show(lambda: a["x"])
show(lambda: a[1.0])
show(lambda: a[None])


class I:
    def __index__(self):
        return 3


print(a[I()], a[True])
print(a[2:5], a[:3], a[7:], a[-3:], a[:-7], a[5:2], a[100:], a[-100:2])
print(a[::2], a[1::3], a[::-1], a[::-3], a[8:2:-2], a[2:8:-1], a[-1:-4:-1])
print(a[::2**70], a[-(2**70)::], a[:2**70:3])
show(lambda: a[::0])
show(lambda: a["a":])
print(type(a[1:3]).__name__, a[:] == a, a[:] is a)

# item assignment
a[0] = 100
a[-1] = -100
a[I()] = 33
print(a)
show(lambda: a.__setitem__(10, 1))
show(lambda: a.__setitem__(-11, 1))
show(lambda: a.__setitem__(0, "x"))
show(lambda: a.__setitem__(0, 2**40))
show(lambda: a.__setitem__("x", 1))
show(lambda: a.__setitem__(2**70, 1))
print(a)

# slice assignment
b = array.array("i", range(10))
b[2:4] = array.array("i", [20, 30, 40])
print(b)
b[:3] = array.array("i")
print(b)
b[len(b):] = array.array("i", [7, 8])
print(b)
b[5:2] = array.array("i", [-1])
print(b)
b[::2] = array.array("i", [0] * ((len(b) + 1) // 2))
print(b)
b[::-3] = array.array("i", [9] * len(b[::-3]))
print(b)
b[:] = b
print(b)
b[2:5] = b
print(b)
show(lambda: b.__setitem__(slice(0, 2), [1, 2]))
show(lambda: b.__setitem__(slice(0, 2), (1, 2)))
show(lambda: b.__setitem__(slice(0, 2), array.array("h", [1, 2])))
show(lambda: b.__setitem__(slice(None, None, 2), array.array("i", [1])))
show(lambda: b.__setitem__(slice(None, None, 0), array.array("i", [1])))
show(lambda: b.__setitem__(slice(0, 2), 5))
print(b)

# deletion
c = array.array("h", range(12))
del c[0]
del c[-1]
print(c)
del c[2:4]
print(c)
del c[::3]
print(c)
del c[::-2]
print(c)
del c[100:]
del c[5:2]
print(c)
show(lambda: c.__delitem__(100))
show(lambda: c.__delitem__(-100))
show(lambda: c.__delitem__("x"))
d = array.array("b", range(20))
del d[1:15:4]
print(d)
del d[-1:2:-5]
print(d)
del d[:]
print(d)

# concatenation and repetition
e = array.array("d", [1.5])
f = array.array("d", [2.5, 3.5])
print(e + f, f + e, e + array.array("d"))
show(lambda: e + array.array("f", [1]))
show(lambda: e + [1.0])
show(lambda: [1.0] + e)
print(f * 2, 2 * f, f * 0, f * -1, array.array("d") * 5)
show(lambda: f * "x")
show(lambda: f * 2.0)
show(lambda: f * 2**70)
g = array.array("B", [1, 2])
g2 = g
g += array.array("B", [3])
g *= 2
print(g, g is g2)
g *= 1
g *= 0
print(g, g is g2)
h = array.array("B", [1])
try:
    h += [2]
except TypeError as ex:
    print("TypeError", ex)
try:
    h += array.array("b", [2])
except TypeError as ex:
    print("TypeError", ex)
h *= -3
print(h)

# membership
m = array.array("f", [1.5, 2.0, float("nan")])
print(1.5 in m, 2 in m, 3 in m, "x" in m, float("nan") in m, m.count(2))
print(1 in array.array("B", [1]), 256 in array.array("B", [0]), "a" in array.array("w", "abc"))

# comparisons, same and different typecodes
x = array.array("i", [1, 2, 3])
y = array.array("i", [1, 2, 4])
z = array.array("d", [1.0, 2.0, 3.0])
q = array.array("Q", [1, 2, 3])
print(x == y, x != y, x < y, x <= y, x > y, x >= y)
print(x == z, x != z, x < z, x <= z, z > y, q == x, q < y)
print(x == x[:2], x[:2] < x, x > x[:2], x[:2] >= x)
print(array.array("b", [-1]) < array.array("B", [255]), array.array("b", [-1]) < array.array("b", [1]))
print(array.array("Q", [2**63]) > array.array("Q", [1]), array.array("L", [2**64 - 1]) > array.array("l", [-1]))
print(array.array("w", "abc") < array.array("w", "abd"), array.array("w", "b") > array.array("u", "a"))
print(array.array("u", "\U0001f600") > array.array("u", "a"))
nan = array.array("d", [float("nan")])
print(nan == nan, nan != nan, nan == array.array("f", [float("nan")]))
print(x == [1, 2, 3], x != (1, 2, 3), array.array("b") == array.array("d"))
show(lambda: x < [1])
show(lambda: x < 3)
show(lambda: hash(x))

# iteration
it = iter(x)
print(type(it).__name__, next(it), list(it), list(it))
show(lambda: next(it))
it = iter(x)
x.append(4)
print(list(it))
it = iter(x)
next(it)
del x[:]
print(list(it))
print(list(reversed(array.array("h", [1, 2, 3]))), sorted(array.array("b", [3, -1, 2])))
print(sum(array.array("d", [0.5, 0.25])), max(array.array("I", [4, 9, 2])))
print(list(enumerate(array.array("w", "ab"))), tuple(array.array("q")))
print(isinstance(x, collections.abc.MutableSequence), isinstance(it, collections.abc.Iterator))
show(lambda: type(it)())


# subclasses
class MyArray(array.array):
    def __init__(self, typecode, data=(), extra=None):
        self.extra = extra

    def describe(self):
        return f"{type(self).__name__}({self.typecode}, {list(self)}, {self.extra})"


s = MyArray("i", [1, 2], extra="x")
print(s.describe(), repr(s), len(s), s[1], s.extra)
print(type(s + s).__name__, type(s * 2).__name__, type(s[:1]).__name__)
s += array.array("i", [3])
print(type(s).__name__, s.describe())
s.append(4)
print(s, s == array.array("i", [1, 2, 3, 4]), s.__dict__)
show(lambda: MyArray("i", [2**40]))


class Plain(array.array):
    pass


show(lambda: Plain("i", [1], x=1))
p = Plain("b", b"ab")
p.tag = 1
print(p, p.tag, isinstance(p, array.array), type(p).__mro__[1].__name__)


class WithNew(array.array):
    def __new__(cls, *args, **kwargs):
        self = super().__new__(cls, *args)
        self.kw = kwargs
        return self


n = WithNew("h", [5], flag=True)
print(n, n.kw)


class Sized(array.array):
    def __len__(self):
        return 42


print(len(Sized("b", [1])), Sized("b", [1, 2]).tolist())
