# obj.__class__ = cls (object_set_class): between mutable classes with the
# same instance layout, module subclasses included; other cases raise
# CPython's TypeErrors.
import sys
import types


class A:
    def who(self):
        return "A"


class B:
    def who(self):
        return "B"


class WithSlots:
    __slots__ = ("x", "y")


class SameSlots:
    __slots__ = ("y", "x")


class OtherSlots:
    __slots__ = ("z",)


class SubList(list):
    pass


class OtherList(list):
    pass


class Mod(types.ModuleType):
    def hello(self):
        return "hello from " + self.__name__


a = A()
a.attr = 1
a.__class__ = B
print(type(a).__name__, a.who(), a.attr, isinstance(a, B))

s = WithSlots()
s.x = 1
s.__class__ = SameSlots
print(type(s).__name__, s.x)

l = SubList([1, 2])
l.__class__ = OtherList
print(type(l).__name__, l)

m = types.ModuleType("m")
m.__class__ = Mod
print(m.hello())


def attempt(obj, cls):
    try:
        obj.__class__ = cls
        print("ok", type(obj).__name__)
    except TypeError as e:
        print(type(e).__name__, e)


attempt(A(), WithSlots)
attempt(WithSlots(), OtherSlots)
attempt(A(), SubList)
attempt(1, bool)
attempt(A(), int)
attempt(object(), A)
attempt(A(), 3)
attempt(SubList(), dict)
try:
    del a.__class__
except TypeError as e:
    print(type(e).__name__, e)
sys.modules[__name__].__class__ = Mod
print(sys.modules[__name__].hello())
