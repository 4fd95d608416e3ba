# PEP 667: frame.f_locals of a function is a write-through proxy over its
# variables; locals() is a snapshot dict of them.
import copy
import sys
from collections.abc import Mapping


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


def basics():
    x = 1
    y = 2
    d = sys._getframe().f_locals
    print(type(d).__name__, isinstance(d, Mapping), isinstance(d, dict))
    print(len(d), sorted(d), sorted(d.keys()), d["x"], d.get("y"), d.get("zz", "default"))
    print(sorted(map(repr, d.values())) == sorted(map(repr, [1, 2, d])))
    print(("x", 1) in d.items(), "x" in d, "zz" in d, d.__contains__("y"))
    print(reversed(d) == list(reversed(d.keys())), type(reversed(d)).__name__)
    d["x"] = 10
    print("write-through", x, d["x"])
    d.update({"x": 11, "extra": 12})
    print("update", x, d["extra"], locals()["extra"], "extra" in locals())
    print("setdefault", d.setdefault("x", 0), d.setdefault("fresh", 5), d["fresh"])
    attempt("update list", lambda: d.update([1, 2]))
    attempt("missing", lambda: d["nope"])
    attempt("del", lambda: d.__delitem__("x"))
    attempt("clear", lambda: d.clear())
    attempt("pop", lambda: d.pop("x"))
    c = d.copy()
    c["x"] = -1
    print("copy", type(c).__name__, x, sorted(c))
    print("repr", repr(d) == repr(dict(d)))
    print("eq", d == dict(d), d != dict(d), d == [1])
    merged = d | {"z": 3}
    print("or", type(merged).__name__, merged["z"], "z" in d)
    d |= {"y": 30}
    print("ior", y)
    try:
        d |= 3
    except TypeError as e:
        print("ior int TypeError")
    attempt("copy.copy", lambda: copy.copy(d))
    attempt("copy.deepcopy", lambda: copy.deepcopy(d))
    d[1] = "non-str key"
    print("non-str key", d[1])
    match d:
        case {"x": value}:
            print("match mapping", value)


basics()


def closure_writes():
    a = 1
    b = 2

    def inner():
        total = a + b
        f = sys._getframe().f_locals
        print("inner sees", f["a"], f["b"], f["total"])
        f["a"] = 100
        f["b"] = 200

    inner()
    print("outer after", a, b)


closure_writes()


def write_before_binding(key):
    proxy = sys._getframe().f_locals
    proxy[key] = 2
    print("bound by proxy", z)
    z = 1


class Sub(str):
    pass


class LooksLikeZ:
    def __hash__(self):
        return hash("z")

    def __eq__(self, other):
        return other == "z"


for key in ("z", Sub("z"), LooksLikeZ()):
    write_before_binding(key)


def unhashable_keys():
    class NoHash(str):
        __hash__ = None

    proxy = sys._getframe().f_locals
    attempt("unhashable get", lambda: proxy[NoHash("x")])
    attempt("unhashable set", lambda: proxy.__setitem__(NoHash("x"), 0))


unhashable_keys()


def make_frame():
    u = 1
    v = 2
    return sys._getframe()


def proxy_type():
    return type(sys._getframe().f_locals)


FrameLocalsProxy = proxy_type()
print(FrameLocalsProxy.__name__, FrameLocalsProxy(make_frame()) == {"u": 1, "v": 2})
attempt("no args", lambda: FrameLocalsProxy())
attempt("not a frame", lambda: FrameLocalsProxy(123))
attempt("keyword", lambda: FrameLocalsProxy(frame=sys._getframe()))

# Module and class bodies keep their dict.
print("module", type(sys._getframe().f_locals).__name__, sys._getframe().f_locals is globals())


class Body:
    x = 1
    sys._getframe().f_locals["x"] = 2
    sys._getframe().f_locals["y"] = 3


print("class body", Body.x, Body.y)
