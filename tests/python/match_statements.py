# Structural pattern matching: every pattern kind, guards, and the errors.


def describe(x):
    match x:
        case None:
            return "none"
        case True:
            return "true"
        case 0 | 1 | 2 as small:
            return f"small {small}"
        case -3:
            return "minus three"
        case 1.5 | 2j:
            return f"float/complex {x}"
        case "hi" | b"hi":
            return f"greeting {x!r}"
        case str(s) if len(s) > 3:
            return f"long str {s}"
        case str():
            return "short str"
        case []:
            return "empty seq"
        case [a]:
            return f"one {a}"
        case [a, b] if a == b:
            return f"pair of equal {a}"
        case [a, b]:
            return f"pair {a} {b}"
        case [first, *middle, last]:
            return f"first {first} middle {middle} last {last}"
        case {"kind": "point", "x": px, "y": py}:
            return f"point {px},{py}"
        case {"kind": k, **rest}:
            return f"kind {k} rest {sorted(rest.items())}"
        case {}:
            return "some mapping"
        case _:
            return f"other {type(x).__name__}"


for v in [None, True, False, 0, 1, 2, 3, -3, 1.5, 2j, "hi", b"hi", "hello", "ab",
          [], (), [1], (1, 1), [1, 2], [1, 2, 3, 4], "x" * 2, range(3),
          {"kind": "point", "x": 1, "y": 2}, {"kind": "z", "a": 1, "b": 2},
          {"other": 1}, {}, 4.5, object, b"xx", bytearray(b"ab")]:
    print(repr(v)[:30], "->", describe(v))


# Strings, bytes and bytearrays are not sequences for patterns.
for v in ["ab", b"ab", bytearray(b"ab"), [1, 2], (1, 2), range(2), memoryview(b"ab")]:
    match v:
        case [a, b]:
            print(type(v).__name__, "seq", a, b)
        case _:
            print(type(v).__name__, "not seq")


# Value patterns (dotted names) and literal comparisons.
class Color:
    RED = 1
    GREEN = 2


for c in [1, 2, 3, 1.0, True]:
    match c:
        case Color.RED:
            print(c, "red")
        case Color.GREEN:
            print(c, "green")
        case other:
            print(c, "other", other)


# Class patterns.
class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Point3(Point):
    __match_args__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


def where(p):
    match p:
        case Point3(0, 0, 0):
            return "origin3"
        case Point3(x, y, z=5):
            return f"z5 {x} {y}"
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=y):
            return f"on y axis at {y}"
        case Point(x, 0):
            return f"on x axis at {x}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point():
            return "somewhere"
        case int(n) | float(n):
            return f"number {n}"
        case list([*_]) | tuple((*_,)):
            return "list or tuple"
        case dict({"a": a}):
            return f"dict with a={a}"
        case _:
            return "unknown"


for p in [Point(0, 0), Point(0, 3), Point(4, 0), Point(2, 2), Point(1, 2),
          Point3(0, 0, 0), Point3(1, 2, 5), Point3(1, 2, 3), 7, 7.5, [1], (1,),
          {"a": 9}, "s"]:
    print(where(p))


# Builtin types match themselves positionally; subclasses inherit that.
class MyInt(int):
    pass


class MyList(list):
    pass


for v in [True, 5, MyInt(6), 2.5, "s", b"b", bytearray(b"c"), [1], (2,), {3: 4},
          {5}, frozenset({6}), MyList([7])]:
    match v:
        case bool(x):
            print("bool", x)
        case int(x):
            print("int", x, type(x).__name__)
        case float(x) | str(x) | bytes(x) | bytearray(x):
            print("scalar", x)
        case list(x) | tuple(x) | dict(x) | set(x) | frozenset(x):
            print("container", x)


# Mapping patterns use .get and never call __missing__.
class Loud(dict):
    def __missing__(self, key):
        print("missing called")
        return 0

    def get(self, key, default=None):
        print("get", key)
        return super().get(key, default)


match Loud(a=1, b=2):
    case {"a": 1, "zz": _}:
        print("wrong")
    case {"a": a, **rest}:
        print("a", a, "rest", rest)

match {"a": None}:
    case {"a": None}:
        print("None value matched")

# Sequence patterns: star in the middle, nested, and length checks.
for seq in [[1, 2, 3, 4, 5], [1, 2], (1, [2, 3]), [1, (2, 3), 4]]:
    match seq:
        case [1, [2, x]]:
            print("nested", x)
        case [a, (b, c), d]:
            print("nested tuple", a, b, c, d)
        case [*head, 4, 5]:
            print("head", head)
        case [1, *rest]:
            print("rest", rest)

# Capture variables remain bound after the match; as-patterns.
match (1, 2):
    case (a, b) as whole:
        pass
print(a, b, whole)

match [1, [2, 3]]:
    case [x, [y, z] as inner] as outer:
        print(x, y, z, inner, outer)

# Guards see the captures and can fail.
for n in range(5):
    match n:
        case x if x % 2 == 0:
            print(n, "even")
        case x:
            print(n, "odd")

# Or-patterns with captures in each alternative.
for v in [(1, "a"), ["b", 2], 3]:
    match v:
        case (1, s) | [s, 2]:
            print("or capture", s)
        case _:
            print("no", v)


# Errors.
class BadArgsList:
    __match_args__ = ["x"]


class BadArgsElem:
    __match_args__ = (1,)


class Dup:
    x = 1
    __match_args__ = ("x", "x")


class NoArgs:
    pass


def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)


def m1():
    match BadArgsList():
        case BadArgsList(x):
            pass


def m2():
    match BadArgsElem():
        case BadArgsElem(y):
            pass


def m3():
    match Dup():
        case Dup(a, b):
            pass


def m4():
    match NoArgs():
        case NoArgs(a):
            pass


def m5():
    match 1:
        case len():
            pass


def m6():
    k = Color

    match {1: 2, 3: 4}:
        case {1: _, k.RED: _}:
            pass


def m7():
    match Point(1, 2):
        case Point(1, 2, 3):
            pass


def m8():
    match 5:
        case int(1, 2):
            pass


def m9():
    match Dup():
        case Dup(a, x=b):
            pass


for f in [m1, m2, m3, m4, m5, m6, m7, m8, m9]:
    err(f)

# A missing attribute is a failed match, not an error.
match Point(1, 2):
    case Point(w=1):
        print("wrong")
    case Point(x=1):
        print("attr x matched")

# __match_args__ longer than the pattern is fine; NoArgs() with keywords.
n = NoArgs()
n.a = 5
match n:
    case NoArgs(a=v):
        print("kw on plain class", v)

# match as a soft keyword.
match = 3
print(match)
