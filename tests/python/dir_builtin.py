# dir(obj) calls __dir__ looked up on the type: object.__dir__ (instance
# dict, class and bases), type.__dir__ (class and bases, not the
# metaclass), module.__dir__ (a module-level __dir__ function), a
# metaclass's own __dir__ (enum classes).
import enum
import sys
import types


class M(type):
    def __dir__(cls):
        return ["zz", "aa"]


class C(metaclass=M):
    wowser = 1


print(dir(C))


class E(enum.Enum):
    A = 1

    def wowser(self):
        pass


print("wowser" in dir(E), dir(E))
print(object.__dir__, type.__dir__, types.ModuleType.__dir__)


class A:
    def __dir__(self):
        return ("b", "a")


print(dir(A()))
m = types.ModuleType("m")
m.__dir__ = lambda: ["q", "p"]
print(dir(m))
print(len(dir(sys)) > 50, "path" in dir(sys))
print(sorted(object.__dir__(A()))[:3], sorted(type.__dir__(A))[:3], dir(1)[:3], dir([])[-3:])


class B:
    x = 1


class B2(B):
    z = 3


b = B2()
b.y = 2
print([n for n in dir(b) if not n.startswith("__")], [n for n in dir(B2) if not n.startswith("__")])
print("mro" in dir(type), "mro" in dir(B2), "__dir__" in dir(object))


class NoDir:
    __dir__ = None


try:
    dir(NoDir())
except TypeError as e:
    print(type(e).__name__, e)
