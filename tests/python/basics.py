# Numbers, strings and containers: operators, methods, formatting.
print(7 // 2, -7 // 2, 7 % -3, 2 ** 10, 2 ** -1, 10 / 4, divmod(-7, 2))
print(1 + 2.5, 3 * 1.5, 0.1 + 0.2, round(2.675, 2), round(7.5), abs(-3), abs(-2.5))
print(10 ** 20 * 3, (10 ** 20) // 7, -(2 ** 64) >> 3, 255 & 15 | 64 ^ 1, ~5)
print(int("42"), int("ff", 16), int(" -7 "), float("1e3"), str(1.0), repr(1e16), 1e-5)
print(True + True, True and 0, None or "x", not [], 3 if 0 else 4)
print(1 < 2 < 3, 1 < 3 < 2, "a" < "b", [1, 2] < [1, 3], (1, 2) == (1, 2))
s = "Hello, World"
print(s.lower(), s.upper(), s.swapcase(), s.title(), s[::-1], s[2:5], s[-3:])
print(s.find("o"), s.rfind("o"), s.count("l"), s.replace("l", "L", 2), s.startswith("He"))
print(s.split(", "), "-".join(["a", "b", "c"]), "  x  ".strip(), "x".center(5, "*"))
print("%d items at %.2f each: %s" % (3, 1.5, "ok"), "{} and {!r}".format("a", "b"))
print(f"{12345.678:,.1f} {42:08b} {'left':<6}| {3.5:>7.3f} {1/3:.3%}")
l = [5, 3, 8, 1]
l.append(7)
l.extend([2, 2])
l.insert(0, 9)
print(l, len(l), l.index(8), l.count(2), sorted(l), sorted(l, reverse=True))
l.sort(key=lambda x: -x)
print(l, l.pop(), l.pop(0), l)
del l[1:3]
print(l, l[::2], list(reversed(l)), min(l), max(l), sum(l))
t = (1, "two", 3.0)
print(t, t[1], t[-1], len(t), t + (4,), t * 2, 3.0 in t)
d = {"a": 1, "b": 2}
d["c"] = 3
del d["a"]
print(d, list(d.keys()), list(d.values()), list(d.items()), d.get("z", 0), "b" in d)
d.update(x=10)
print(d.pop("b"), d.setdefault("y", []), d)
st = {3, 1, 2}
st.add(5)
st.discard(1)
print(sorted(st), {1, 2} | {2, 3}, {1, 2} & {2, 3}, {1, 2} - {2}, frozenset([1]) <= {1, 2})
print(list(range(5)), list(range(2, 10, 3)), list(enumerate("ab")), list(zip("ab", [1, 2])))
print([x * 2 for x in range(5) if x % 2], {x: x * x for x in range(3)}, {x % 3 for x in range(9)})
a, (b, c), *rest = 1, (2, 3), 4, 5
print(a, b, c, rest)
x = y = 0
x += 5
y -= 2
print(x, y, bytes([104, 105]), b"abc".upper(), bytearray(b"xy"), chr(65), ord("a"))
print(hex(255), oct(8), bin(5), isinstance(3, int), isinstance(True, int), type(3.0).__name__)
