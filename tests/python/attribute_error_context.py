# A failed attribute lookup records the attribute name and the object on
# the AttributeError (name/obj), and an undefined global its name on the
# NameError, as the "Did you mean" hints of tracebacks need.
import sys


class A:
    blech = None

    def method(self):
        return 1


obj = A()
for label, get in [
    ("attr", lambda: obj.bluch),
    ("method", lambda: obj.bluch()),
    ("getattr", lambda: getattr(obj, "bluch")),
    ("object.__getattribute__", lambda: object.__getattribute__(obj, "bluch")),
    ("module", lambda: sys.bluch),
    ("type", lambda: A.bluch),
    ("int", lambda: (5).bluch),
]:
    try:
        get()
    except AttributeError as e:
        print(label, e.name, type(e.obj).__name__, e.obj is obj or e.obj is sys or e.obj is A)


class Custom:
    def __getattr__(self, name):
        raise AttributeError("custom", name="given", obj=None)


try:
    Custom().missing
except AttributeError as e:
    print("custom", e.name, e.obj)
try:
    del obj.nothing
except AttributeError as e:
    print("delete", e)
try:
    bluch
except NameError as e:
    print("NameError", e.name, e)


def f():
    try:
        undefined_here
    except NameError as e:
        return e.name


print(f())
