# 3.14 (PEP 749): a class body keeps its annotate function in the class
# dict as __annotate_func__, which type.__annotate__ (a descriptor on type)
# reads; a class without one records __annotate_func__ = None once asked.
# (ferrython also keeps the evaluated dict as __annotations__ in the class
# dict, where CPython 3.13's library reads it; 3.14 names it
# __annotations_cache__.)
class M(type):
    def __new__(mcls, name, bases, ns):
        print(name, "namespace:", "__annotate_func__" in ns, "__annotate__" in ns)
        return super().__new__(mcls, name, bases, ns)


class C(metaclass=M):
    x: int
    y: "str" = 1


f = C.__dict__["__annotate_func__"]
print(f.__name__, f.__qualname__, f is C.__annotate__, f(1))
print("__annotate__" in C.__dict__, "__annotate__" in type.__dict__)
print(C.__annotations__)


class D:
    pass


print("__annotate_func__" in D.__dict__)
print(D.__annotate__, D.__dict__["__annotate_func__"])
print(D.__annotations__)


class E:
    def __annotate__(format):
        return {"z": float}


print(E.__annotations__, E.__annotate__.__name__)
C.__annotate__ = lambda format: {"w": bytes}
print(C.__dict__["__annotate_func__"](1), C.__annotations__)
C.__annotations__ = {"v": 1}
print(C.__annotate__, C.__dict__["__annotate_func__"], C.__annotations__)
