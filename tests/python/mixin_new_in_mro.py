# A `__new__` defined in Python by a class later in the MRO than the new
# class's builtin or C base (a mixin after `Generic` or `int`) is the one
# instances are made with (CPython looks every slot dunder up in the MRO;
# `type.__new__` stores a class's `__new__` as a staticmethod).
from typing import Generic, TypeVar

T = TypeVar("T")


class A(Generic[T]):
    pass


class B:
    def __new__(cls, arg):
        obj = super().__new__(cls)
        obj.arg = arg
        return obj


class C(A, B):
    pass


c = C("foo")
print(type(c).__name__, c.arg)


class Mixin:
    def __new__(cls, *args):
        print("Mixin.__new__", cls.__name__, args)
        return super().__new__(cls, *args)


class E(Mixin, int):
    pass


e = E(5)
print(type(e).__name__, e + 1)


class F(Mixin, str):
    pass


print(repr(F("xy")))

try:
    C()
except TypeError as exc:
    print(type(exc).__name__, exc)
