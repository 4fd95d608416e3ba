# A module or class body that names `__annotations__` itself keeps 3.13's
# eager annotations (SETUP_ANNOTATIONS, each simple `name: T` stored into
# the `__annotations__` dict as it runs), which CPython 3.13's library and
# test data rely on; other bodies keep 3.14's lazy `__annotate__`.
import os
import sys
import tempfile

log = []


def note(tag, value=None):
    log.append(tag)
    return value


__annotations__["early"] = 0
first: note("ann first", int) = note("value first", 1)
second: str
(paren): note("ann paren", bool) = True
obj = type("O", (), {})()
obj.attr: note("ann attr", int) = 5
d = {}
d["k"]: note("ann sub", float)
if False:
    skipped: int
print(log)
print(__annotations__)
print(sorted(k for k in globals() if "annot" in k))
print(sys.modules[__name__].__annotations__ is __annotations__)


class M(type):
    __annotations__["123"] = 123
    o: type = object


print(M.__annotations__, M.__dict__["__annotations__"] is M.__annotations__)


class Private:
    __annotations__
    __x: int
    y: "fwd"


print(Private.__annotations__)


class Lazy:
    # no `__annotations__` here: stays lazy in 3.14, same result
    a: int


print(Lazy.__annotations__)


class Sub(M):
    pass


print(Sub.__annotations__)


def make():
    T = list

    class Inner:
        z: T
        print("inner sees", __annotations__)

    return Inner


print(make().__annotations__)

try:

    class Bad:
        __annotations__
        a: undefined_name

except NameError as e:
    print(type(e).__name__, e)

ns = {"__annotations__": {"pre": 0}}
exec("x: int = 1\ny: 'str'\nprint(sorted(__annotations__))\n", ns)
print(ns["__annotations__"])
ns = {}
exec("__annotations__ = {'new': 1}\nw: int\n", ns)
print(ns["__annotations__"])
try:
    exec("del __annotations__\nv: int\n", {})
except NameError as e:
    print(type(e).__name__, e)
try:
    exec("print(__annotations__)\n", {})
except NameError as e:
    print(type(e).__name__, e)

here = tempfile.mkdtemp()
sys.path.insert(0, here)
with open(os.path.join(here, "eager_ann_mod.py"), "w") as f:
    f.write(
        '"""doc"""\n'
        "__annotations__[1] = 2\n"
        "x: int = 5\n"
        "class C:\n"
        "    y: 'C' = None\n"
        "f: tuple[int, int]\n"
    )
import eager_ann_mod

print(eager_ann_mod.__doc__, eager_ann_mod.__annotations__)
print(eager_ann_mod.__annotations__ is eager_ann_mod.__dict__["__annotations__"])
print(eager_ann_mod.C.__annotations__)
os.remove(os.path.join(here, "eager_ann_mod.py"))
