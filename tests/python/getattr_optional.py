# hasattr, getattr with a default and ABC class creation look attributes up
# without raising when they are missing; what a descriptor raises must
# still behave as before.
import abc
import sys
import types


class Prop:
    @property
    def missing(self):
        raise AttributeError("from the property")

    @property
    def broken(self):
        raise ValueError("not an AttributeError")

    plain = 1


p = Prop()
p.inst = 2
print(hasattr(p, "plain"), hasattr(p, "inst"), hasattr(p, "nope"), hasattr(p, "missing"))
print(getattr(p, "nope", "dflt"), getattr(p, "missing", "dflt"), getattr(p, "inst", "dflt"))
try:
    hasattr(p, "broken")
except ValueError as e:
    print(type(e).__name__, e)
try:
    getattr(p, "nope")
except AttributeError as e:
    print(type(e).__name__, e, e.name, e.obj is p)


class Meta(type):
    meta_attr = "from the metaclass"

    @property
    def meta_prop(cls):
        return "meta property of " + cls.__name__

    @property
    def meta_missing(cls):
        raise AttributeError("meta says no")


class K(metaclass=Meta):
    own = 3


print(hasattr(K, "own"), hasattr(K, "meta_attr"), hasattr(K, "meta_prop"), hasattr(K, "zzz"))
print(getattr(K, "meta_prop", None), getattr(K, "meta_missing", "dflt"), getattr(K, "zzz", "dflt"))
print(hasattr(int, "real"), hasattr(int, "nope"), getattr(type, "nope", "dflt"))
try:
    getattr(K, "zzz")
except AttributeError as e:
    print(type(e).__name__, e)

m = types.ModuleType("m")
m.x = 1
print(hasattr(m, "x"), hasattr(m, "y"), getattr(m, "y", "dflt"))
m.__getattr__ = lambda name: "hook:" + name
print(hasattr(m, "y"), getattr(m, "y", "dflt"))
try:
    getattr(types.ModuleType("n"), "y")
except AttributeError as e:
    print(type(e).__name__, e)
print(hasattr(sys, "path"), hasattr(sys, "no_such_thing"))


class Base(abc.ABC):
    @abc.abstractmethod
    def f(self):
        ...

    @property
    @abc.abstractmethod
    def g(self):
        ...

    def h(self):
        return 1


class Half(Base):
    def f(self):
        return 2


class Full(Half):
    g = 5


print(sorted(Base.__abstractmethods__), sorted(Half.__abstractmethods__), sorted(Full.__abstractmethods__))
try:
    Half()
except TypeError as e:
    print(type(e).__name__, e)
print(Full().f(), Full().g, Full().h())
