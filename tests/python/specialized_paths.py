# The eval loop's fast paths (calls with exactly the positional parameters,
# int/float compares and arithmetic, list stores, tuple/list unpacking,
# __init__ and operator slots calling Python functions directly) must give
# the generic paths' results and errors.


def two(a, b):
    return (a, b)


def defaults(a, b=2):
    return (a, b)


def star(*args):
    return args


def kwonly(a, *, k=1):
    return (a, k)


def gen(a):
    yield a


for _ in range(3):
    print(two(1, 2), defaults(1), defaults(1, 3), star(1, 2), kwonly(1), list(gen(5)))
for args in [(), (1,), (1, 2, 3)]:
    try:
        two(*args)
    except TypeError as e:
        print(type(e).__name__, e)


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


print(depth(200))
try:
    depth(100000)
except RecursionError as e:
    print(type(e).__name__)

# Compares of exact ints and floats, small and big, NaN, mixed types.
vals = [0, 1, -1, 2**30 - 1, 2**30, 2**60, -(2**61), 2**100, 0.0, -0.0, 0.5, float("nan"),
        float("inf"), float("-inf"), True, False, 3]
table = []
for a in vals:
    for b in vals:
        table.append("".join("1" if r else "0" for r in (a < b, a <= b, a == b, a != b, a > b, a >= b)))
print(len(table), table.count("101001"), table.count("010110"), table.count("000100"), hash("".join(table)) == hash("".join(table)))
print(sorted(table)[::17])

# Float arithmetic and its errors.
x = 1.0
for i in range(10):
    x = x * 1.25 - 0.5 / 3 + x / 7
    x += 0.125
    x -= 0.0625
    x *= 1.0
    x /= 1.0
print(repr(x))
for op in ["/", "//", "%"]:
    try:
        eval("1.5 " + op + " 0.0")
    except ZeroDivisionError as e:
        print(type(e).__name__, e)
print(2.0 ** 0.5, -0.0 * 1.0, 1e308 * 10.0, (1e308 * 10.0) - 1e308 * 10.0)

# List stores by index.
lst = [0, 1, 2]
for i in range(-3, 3):
    lst[i] = i * 10
print(lst)
for i in [3, -4, 2**70]:
    try:
        lst[i] = 0
    except IndexError as e:
        print(type(e).__name__, e)
lst[True] = "t"
print(lst)


class L(list):
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 2)


ll = L([1, 2])
for i in range(2):
    ll[i] = i + 5
print(ll)

# Unpacking.
for seq in [(1, 2), [3, 4], "ab", range(2), iter([7, 8])]:
    a, b = seq
    print(a, b)
for seq in [(1,), [1], ()]:
    try:
        a, b = seq
    except ValueError as e:
        print(type(e).__name__, e)


# __init__ and operator slots.
class P:
    def __init__(self, x, y=0, *, z=0):
        self.x = x + y + z

    def __add__(self, other):
        return P(self.x + other.x)

    def __eq__(self, other):
        return self.x == other.x

    __hash__ = None


print((P(1) + P(2, 3) + P(0, z=4)).x, P(1) == P(1), P(1) != P(2))
try:
    P()
except TypeError as e:
    print(type(e).__name__, e)


class R:
    def __init__(self):
        return 1


try:
    R()
except TypeError as e:
    print(type(e).__name__, e)
P.__init__ = lambda self, *a, **k: setattr(self, "x", (a, k))
print(P(1, z=2).x)
