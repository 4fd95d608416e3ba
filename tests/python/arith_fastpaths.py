# The eval loop's fast paths for exact ints and floats (BINARY_OP,
# COMPARE_OP, subscripts) and list slice assignment must give the same
# results, exceptions and messages as the general number protocol.
import math

inf, nan = float("inf"), float("nan")
big = 2**53 + 1
values = [0, 1, -1, 7, -7, 3, 2**30, -(2**30), 2**59, -(2**60) + 1, big, -big,
          2**64, 0.0, -0.0, 1.5, -2.25, 1e308, -1e308, 5e-324, inf, -inf, nan]
ops = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
    "//": lambda a, b: a // b,
    "%": lambda a, b: a % b,
    "&": lambda a, b: a & b,
    "|": lambda a, b: a | b,
    "^": lambda a, b: a ^ b,
}


def show(r):
    if isinstance(r, float):
        return "%s:%r" % (type(r).__name__, r) + ("(neg)" if math.copysign(1, r) < 0 else "")
    return "%s:%r" % (type(r).__name__, r)


for sym, f in ops.items():
    lines = []
    for a in values:
        for b in values:
            try:
                r = show(f(a, b))
            except Exception as e:
                r = "%s: %s" % (type(e).__name__, e)
            lines.append("%r %s %r = %s" % (a, sym, b, r))
    print(sym, len(lines))
    for line in lines:
        print(" ", line)

# In-place forms on locals, list items and attributes.
x = 5
x //= -2
print("x //= -2", x)
x = -7
x %= 3
print("x %= 3", x)
y = 0.5
y += 1
y *= 4
y -= 2
y /= 8
print("float in-place", y)
l = [1.0, 2, 3.5]
l[0] += l[1]
l[2] -= 0.5
l[1] /= 4
print("list items", l)
try:
    z = 1.0
    z /= 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    z = 10
    z %= 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)

# A float operand someone else holds is never changed by the result.
a = 1.25
b = a + 1.0
c = a * a
d = (a + 0.0) - a
print("shared", a, b, c, d)
items = [0.5, 0.25]
total = items[0] + items[1]
print("items kept", items, total)


def chain(v):
    return ((v * 2.0 + 1.0) / 3.0 - v) * v


print("chain", chain(3.0), chain(-0.0), chain(inf))


# Subclasses and overrides keep their own methods.
class F(float):
    def __add__(self, other):
        return "F.__add__"

    def __rmul__(self, other):
        return "F.__rmul__"


class I(int):
    def __sub__(self, other):
        return "I.__sub__"

    def __rfloordiv__(self, other):
        return "I.__rfloordiv__"

    def __lt__(self, other):
        return "I.__lt__"


print(F(1.0) + 2.0, 2.0 * F(3.0), 2 * F(3.0), F(1.5) - 0.5, type(F(1.5) - 0.5).__name__)
print(I(5) - 1, 7 // I(2), 1.5 // I(2), I(3) < 4, I(3) + 1, type(I(3) + 1).__name__)
print(True + True, True * 2.5, 3 - True, True / 2, type(True + 1.0).__name__)

# Comparisons: NaN, signed zeros, ints against floats.
cmps = [(1, 1.0), (big, float(big)), (2**53, float(2**53)), (0.0, -0.0), (nan, nan),
        (inf, 2**1000), (-inf, -(2**1000)), (3, 2), (-5, 2**59)]
for a, b in cmps:
    print(a, b, a < b, a <= b, a == b, a != b, a > b, a >= b)

# Subscripts with small, negative, big and bool indices.
t = (10, 20, 30)
for i in (0, -1, 2, True, -3):
    print("index", i, t[i], [10, 20, 30][i])
for i in (3, -4, 2**62, -(2**62), 2**100):
    for seq in (t, list(t)):
        try:
            seq[i]
        except IndexError as e:
            print(type(seq).__name__, i, "IndexError", e)
try:
    t[1.0]
except TypeError as e:
    print("TypeError", e)
m = [0, 0, 0]
m[-1] = 5
m[True] = 4
print("stores", m)

# Slice assignment from lists, tuples, itself and other iterables.
a = list(range(8))
a[2:5] = [9, 9]
print(a)
a[:3] = a[::-1]
print(a)
a[1:1] = (1, 2)
print(a)
a[3:] = a
print(a)
a[:] = (x * 2 for x in range(3))
print(a)
a[1:2] = []
print(a)
a[:] = []
print(a)
try:
    a[:] = 5
except TypeError as e:
    print("TypeError", e)

seen = []


class Watch:
    def __del__(self):
        seen.append(list(watched))


watched = [Watch(), 1, 2]
watched[0:1] = [7, 8]
print("finalizer saw", seen, watched)

# Slices by None, small, negative, big and bool bounds.
s = list(range(6))
tp = tuple(s)
bounds = [None, 0, 2, -2, 5, 9, -9, True, 2**62, -(2**62), 2**100, -(2**100)]
for lo in bounds:
    for hi in bounds:
        print("slice", lo, hi, s[lo:hi], tp[lo:hi])
print("whole tuple is itself", tp[:] is tp, tp[0:] is tp, tp[-100:100] is tp)
print("whole list is a copy", s[:] is s, s[:] == s)
for lo, hi in [(None, None), (1, 3), (-2, None), (4, 1), (2**70, None), (True, -1)]:
    u = list(range(6))
    u[lo:hi] = ["x", "y"]
    print("store slice", lo, hi, u)
try:
    s[1.0:2]
except TypeError as e:
    print("TypeError", e)
try:
    tp[:"a"]
except TypeError as e:
    print("TypeError", e)
try:
    s["a":] = []
except TypeError as e:
    print("TypeError", e)
print("str slice", "hello"[1:-1], b"bytes"[::2], range(10)[2:5])


class Grow:
    def __init__(self, target):
        self.target = target

    def __iter__(self):
        self.target.extend([7, 7])
        return iter(["a", "b"])


g = [1, 2, 3]
g[-2:] = Grow(g)
print("iterated before the bounds", g)

# Int results of one, two and more digits (2**30 and 2**60 boundaries).
for v in (2**30 - 1, 2**30, 2**31, 2**59, -(2**59), 2**60 - 1, -(2**60 - 1), 300000 * 299999):
    print("int", v, v * 1, -v + 0, v + 1 - 1, v * 2, v * -3, v // 7, v % 1000, hex(v))
