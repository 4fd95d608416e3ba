# 3.14 (PEP 749): a class body keeps its annotate function in its namespace
# as __annotate_func__, which type.__annotate__ (a descriptor on type)
# reads. ferrython moves it out of the class dict (CPython 3.13's typing
# would take it for a protocol member) and keeps the evaluated dict as
# __annotations__ in the class dict, where CPython 3.13's library reads it
# (3.14 names it __annotations_cache__).
class M(type):
    def __new__(mcls, name, bases, ns):
        print(name, "namespace:", "__annotate_func__" in ns, "__annotate__" in ns)
        return super().__new__(mcls, name, bases, ns)


class C(metaclass=M):
    x: int
    y: "str" = 1


f = C.__annotate__
print(f.__name__, f.__qualname__, f is C.__annotate__, f(1))
print("__annotate__" in C.__dict__, "__annotate__" in type.__dict__)
print("__annotate_func__" in C.__dict__, sorted(k for k in C.__dict__ if "annot" in k))
print(C.__annotations__)


class D:
    pass


print(D.__annotate__, "__annotate_func__" in D.__dict__)
print(D.__annotations__)


class E:
    def __annotate__(format):
        return {"z": float}


print(E.__annotations__, E.__annotate__.__name__)
C.__annotate__ = lambda format: {"w": bytes}
print(C.__annotate__(1), C.__annotations__)
C.__annotate__ = None
print(C.__annotate__, C.__annotations__)
C.__annotations__ = {"v": 1}
print(C.__annotate__, C.__annotations__, "__annotate_func__" in C.__dict__)


# Protocol members (typing) are the names a class body defines.
from typing import Protocol, get_protocol_members, runtime_checkable


@runtime_checkable
class P(Protocol):
    a: int

    def b(self): ...


class Q(P, Protocol):
    c: "undefined_name"


class Impl:
    a = 1

    def b(self):
        pass


print(sorted(get_protocol_members(P)), sorted(get_protocol_members(Q)))
print(isinstance(Impl(), P), isinstance(object(), P))
try:
    issubclass(Impl, P)
except TypeError as e:
    print(type(e).__name__, e)
