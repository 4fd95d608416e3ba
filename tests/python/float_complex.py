# float and complex from Python: repr, arithmetic and its errors, exact
# comparisons with ints, hashing, methods, constructors, formatting.


def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


inf = float("inf")
nan = float("nan")
for x in [0.1, 1e16, 1e-5, 5e-324, 1 / 3, 2.5, -0.0, 1e22, 123456789.125, inf, -inf, nan]:
    print(repr(x), str(x), hash(x) if x == x else "nan")

print(7.5 + 2, 2 * 7.5, 7.5 / 2, 7.5 // -2, 7.5 % -2, divmod(-7.5, 2), -7.5 ** 2, 2 ** 0.5)
print(-7.0 % 3.0, 7.0 % -3.0, 0.0 % -3.0, -0.0 // 5.0, 5.0 % inf, -5.0 % inf, inf - inf)
t("1.0 / 0", lambda: 1.0 / 0)
t("1.0 // 0.0", lambda: 1.0 // 0.0)
t("1.0 % 0.0", lambda: 1.0 % 0.0)
t("divmod(1.0, 0)", lambda: divmod(1.0, 0))
t("0.0 ** -1", lambda: 0.0 ** -1)
t("(-8.0) ** (1/3)", lambda: (-8.0) ** (1 / 3))
t("(-1.0) ** 0.5", lambda: (-1.0) ** 0.5)
t("1e300 ** 2", lambda: 1e300 ** 2)
t("pow(2.0, 3.0, 5)", lambda: pow(2.0, 3.0, 5))
t("1.0 + 10**400", lambda: 1.0 + 10 ** 400)
t("float(10**400)", lambda: float(10 ** 400))
t("int(inf)", lambda: int(inf))
t("int(nan)", lambda: int(nan))
print(int(1e20), int(-2.75), int(1e300) == 10 ** 300, float(2 ** 53 + 1))

print(1e300 < 10 ** 301, 10 ** 301 > 1e300, float(2 ** 53) == 2 ** 53 + 1, float(2 ** 53) < 2 ** 53 + 1)
print(inf > 10 ** 400, -inf < -(10 ** 400), nan == 1, nan != 1, 1.0 == 1, 1.5 > True, -0.0 == 0)
print(hash(1.0) == hash(1), hash(1e20) == hash(10 ** 20), hash(-1.0), hash(0.5), hash(inf), hash(-inf))
print(hash(2.0 ** 61) == hash(2 ** 61), hash(1.5) == hash(complex(1.5, 0)), hash(1 + 2j))
print({1.0: "a", 1: "b"}, 1.0 in {1}, 2 in {2.0})

for x in [0.1, -2.5, 1e300, 5e-324, 3.0, 2.5, 3.5, -0.5]:
    print(x.is_integer(), x.as_integer_ratio() if x != 1e300 else "big", x.hex(), round(x),
          x.__trunc__(), x.__floor__(), x.__ceil__(), x.real, x.imag, x.conjugate())
for x, n in [(2.675, 2), (0.125, 2), (5.0, -1), (15.0, -1), (1234.5678, -2), (1.5, 400), (-4.0, -1)]:
    print(round(x, n), end=" ")
print()
t("round(1.7976931348623157e308, -308)", lambda: round(1.7976931348623157e308, -308))
t("round(inf)", lambda: round(inf))
t("nan.as_integer_ratio()", lambda: nan.as_integer_ratio())
t("float.fromhex('0x1.8p1')", lambda: float.fromhex("0x1.8p1"))
t("float.fromhex('zz')", lambda: float.fromhex("zz"))
t("float.__getformat__('double')", lambda: float.__getformat__("double"))

t("float()", lambda: float())
t("float(' 1_000.5 ')", lambda: float(" 1_000.5 "))
t("float('abc')", lambda: float("abc"))
t("float(b'2.5')", lambda: float(b"2.5"))
t("float(None)", lambda: float(None))
t("float(x=1)", lambda: float(x=1))


class F:
    def __float__(self):
        return 2.5


class I:
    def __index__(self):
        return 7


class MyFloat(float):
    pass


t("float(F())", lambda: float(F()))
t("float(I())", lambda: float(I()))
m = MyFloat("1.25")
print(type(m).__name__, m, m + 1, type(m + 1).__name__, type(MyFloat.fromhex("0x1p1")).__name__)
print(isinstance(m, float), float(m), type(float(m)).__name__, m == 1.25, hash(m) == hash(1.25))

print(format(1234567.891, ",.2f"), format(0.5, "%"), format(1.5, "e"), f"{2.5:>8.3f}|{-0.0:z.1f}")
t("format(1.5, 'd')", lambda: format(1.5, "d"))

for z in [1 + 2j, 1j, complex(-0.0, -0.0), complex(nan, inf), complex(1.5, -0.0), 0j]:
    print(repr(z), str(z), z.real, z.imag, z.conjugate(), abs(z) if z == z else "nan")
a, b = 1 + 2j, 3 - 4j
print(a + b, a - b, a * b, a / b, a ** 2, a ** b, 2 ** a, a + 1, 1 - a, a * 0.5, -a, +a, a == 1 + 2j)
print(1 + 0j == 1, 1 + 0j == 1.0, 1j == 1, (1 + 1j) ** 101, 2 ** 0.5j, (1 + 1j) ** -3)
t("a / 0", lambda: a / 0)
t("0j ** -1", lambda: 0j ** -1)
t("(1e200j) ** 2", lambda: (1e200j) ** 2)
t("a < b", lambda: a < b)
t("a // 2", lambda: a // 2)
t("pow(a, 2, 3)", lambda: pow(a, 2, 3))
t("abs(complex(1.7e308, 1.7e308))", lambda: abs(complex(1.7e308, 1.7e308)))
for s in ["1+2j", " ( 1-2.5e3J ) ", "1_0j", "-j", "1+j", "infj", "(1+2j", "abc", "1__0j"]:
    t("complex(%r)" % s, lambda: complex(s))
t("complex(1, 2)", lambda: complex(1, 2))
t("complex(1j, 1j)", lambda: complex(1j, 1j))
t("complex(real=1, imag=2)", lambda: complex(real=1, imag=2))
t("complex('1', 2)", lambda: complex("1", 2))
t("complex(None)", lambda: complex(None))
t("complex(1, 2, 3)", lambda: complex(1, 2, 3))


class C:
    def __complex__(self):
        return 3j


t("complex(C())", lambda: complex(C()))
print(format(1 + 2j, ""), format(1 + 2j, "10.2f"), format(1234.5 + 1j, ","), format(3 - 4j, "^16"))
t("format(1+2j, '010')", lambda: format(1 + 2j, "010"))
