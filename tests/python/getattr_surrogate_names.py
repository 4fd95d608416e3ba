# Attribute names holding lone surrogates: a missing attribute is an
# AttributeError naming it (the generic paths, modules, types, super,
# pyexpat parsers, thread locals), set/delete work where a __dict__
# exists, and hasattr() is simply False.
import sys
import threading
import types
import xml.parsers.expat


class C:
    pass


class S:
    __slots__ = ("a",)


class Sub(C):
    def probe(self, name):
        return getattr(super(), name)


objs = [object(), C(), S(), 1, "s", [], types.SimpleNamespace(), sys, C, type,
        len, xml.parsers.expat.ParserCreate(), threading.local(), list[int]]
for o in objs:
    for name in ["\ud800", "x\udcff"]:
        label = type(o).__name__
        try:
            print(label, ascii(getattr(o, name)))
        except Exception as e:
            print(label, type(e).__name__, ascii(str(e)))
        try:
            setattr(o, name, 1)
            print(label, "set", ascii(getattr(o, name)))
            delattr(o, name)
            print(label, "deleted", hasattr(o, name))
        except Exception as e:
            print(label, type(e).__name__, ascii(str(e)))
        print(label, hasattr(o, name), getattr(o, name, "default"))

try:
    Sub().probe("\ud800")
except AttributeError as e:
    print("super", ascii(str(e)))
ns = {}
try:
    exec(compile("x", "f", "exec").replace(co_names=("\ud800",)), ns)
except (NameError, UnicodeError) as e:
    print(type(e).__name__, ascii(str(e)))

# Names that are not strs at all are TypeErrors, not crashes.
for call in (lambda: type.__getattribute__(list, type),
             lambda: type.__setattr__(C, 3, 1),
             lambda: object.__getattribute__(C(), 3),
             lambda: Sub().probe(3)):
    try:
        call()
    except TypeError as e:
        print("TypeError", e)
