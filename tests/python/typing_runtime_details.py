# Details of typing's runtime objects that typing.py (3.13) and CPython's
# test_typing rely on.
import typing
import weakref
from typing import Callable, Tuple, TypeVar, TypeVarTuple

T = TypeVar("T")
T1 = TypeVar("T1")
T2 = TypeVar("T2")
Ts = TypeVarTuple("Ts")

# An unpacked tuple among the arguments is spliced in (`_unpack_args`).
print(list[T][*tuple[int]], list[T][*Tuple[int]])
print(dict[T1, T2][*tuple[int, str]], dict[T1, T2][int, *tuple[str]])
print(dict[T1, T2][*tuple[()], *Tuple[int, str]])
print(tuple[*Ts][*tuple[int]], tuple[*Ts][*tuple[*Ts]], tuple[*Ts][*tuple[int, ...]])
try:
    list[T][*tuple[int, ...]]
except TypeError as e:
    print(type(e).__name__, e)

# `__iter__ = None` inherited from a mixin after another base.
for t in [typing.Union, typing.List, typing.Tuple, typing.Callable, typing.Annotated]:
    try:
        iter(t)
    except TypeError as e:
        print(type(e).__name__, e)


class Off:
    __slots__ = ()
    __iter__ = None


class Plain:
    pass


class Seq(Plain, Off):
    def __getitem__(self, i):
        if i < 3:
            return i
        raise IndexError


try:
    list(Seq())
except TypeError as e:
    print(type(e).__name__, e)

# A type parameter made by code without __name__ in its globals.
ns = {}
exec("from typing import TypeVar, ParamSpec, TypeVarTuple\n"
     "T = TypeVar('T'); P = ParamSpec('P'); Ts = TypeVarTuple('Ts')", ns, ns)
print(ns["T"].__module__, ns["P"].__module__, ns["Ts"].__module__)
print(T.__module__, Ts.__module__)

# Type parameters take weak references.
for cls in [TypeVar, typing.ParamSpec, TypeVarTuple]:
    vals = weakref.WeakValueDictionary()
    for x in range(5):
        vals[x] = cls(str(x))
    print(cls.__name__, len(vals) <= 5)

# dir() of an alias lists its origin's names and its own.
d = set(dir(Callable[..., int]))
print("__args__" in d, "__call__" in d, "__origin__" in d, "__dir__" in d)
print(sorted(set(dir(list[int])) - set(dir(list))))


# A failing __set_name__ gets a note naming the attribute and the class.
class Bad:
    def __set_name__(self, owner, name):
        raise ValueError("no " + name)


try:
    class Holder:
        attr = Bad()
except ValueError as e:
    print(type(e).__name__, e, e.__notes__)
