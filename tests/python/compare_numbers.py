# Comparisons of ints and floats, including the pairs the fast path takes
# (small exact ints, exact floats) and the ones it must leave alone.
nan = float("nan")
values = [0, 1, -1, 2**30 - 1, -(2**30) + 1, 2**30, -(2**30), 2**70, -(2**70),
          0.0, -0.0, 1.5, -2.5, nan, float("inf"), float("-inf"), True, False]
ops = [
    ("<", lambda a, b: a < b),
    ("<=", lambda a, b: a <= b),
    ("==", lambda a, b: a == b),
    ("!=", lambda a, b: a != b),
    (">", lambda a, b: a > b),
    (">=", lambda a, b: a >= b),
]
for name, f in ops:
    row = "".join("1" if f(a, b) else "0" for a in values for b in values)
    print(name, row.count("1"), row)
print(nan == nan, nan != nan, nan is nan, [nan] == [nan], nan in [nan])


class MyInt(int):
    def __lt__(self, other):
        return "custom"


print(MyInt(1) < 2, 1 < MyInt(2), MyInt(3) == 3)
print(sorted([3, -1, 2**40, 0.5, -7, 1e10, -0.0]))
print(max(range(-5, 5)), min(1.5, 1, 2))

# Arithmetic on small ints near the 30-bit compact limit and beyond.
edge = [0, 1, -1, 2**30 - 1, -(2**30 - 1), 2**30, 12345, -999999999]
for x in edge:
    for y in edge:
        r = (x + y, x - y, x * y)
        acc = x
        acc += y
        acc *= 3
        acc -= y
        print(r, acc, type(x * y).__name__)
