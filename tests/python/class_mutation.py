# Classes changed after creation: dunders assigned or deleted later reach
# the type slots (also of subclasses), __bases__ assignment, and the
# class attributes typing relies on.


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, "raised", type(e).__name__, e)


class A:
    pass


class B(A):
    pass


def refuse(self, *a):
    raise TypeError("refused")


A.__init__ = refuse
show("B()", lambda: B())
del A.__init__
show("B() again", lambda: type(B()).__name__)
A.__add__ = lambda self, other: ("add", other)
A.__radd__ = lambda self, other: ("radd", other)
A.__len__ = lambda self: 7
A.__repr__ = lambda self: "<an A>"
A.__call__ = lambda self, x: x * 2
A.__getitem__ = lambda self, k: k
A.__eq__ = lambda self, o: True
print(B() + 1, 1 + B(), len(B()), repr(B()), B()(21), B()[3], B() == 5)
print(hash(A) == hash(A), type(hash(B())).__name__)
A.__hash__ = None
show("hash after None", lambda: hash(B()))
A.__iter__ = lambda self: iter([1, 2])
print(list(B()), sorted(B()))
A.__bool__ = lambda self: False
print(bool(B()), not B())

# format() looks __format__ up on the type, not the instance.
print(f"{A}", format(B), "{}".format(int), f"{A!r:>30}")


class F:
    def __format__(self, spec):
        return "F:" + spec


f = F()
f.__format__ = lambda spec: "instance"
print(f"{f:xy}", format(f))


# __bases__ assignment
class X:
    def who(self):
        return "X"


class Y:
    def who(self):
        return "Y"


class Z(X):
    pass


class Sub(Z):
    pass


print(Z.__bases__, Sub().who(), Sub.__mro__)
Z.__bases__ = (Y,)
print(Z.__bases__, Z.__base__, Sub().who(), Sub.__mro__)
Z.__bases__ = (X, Y)
print(Sub.__mro__, Sub().who())
show("cycle", lambda: setattr(X, "__bases__", (Sub,)))
show("empty", lambda: setattr(Z, "__bases__", ()))
show("not tuple", lambda: setattr(Z, "__bases__", [X]))
show("not class", lambda: setattr(Z, "__bases__", (1,)))
show("layout", lambda: setattr(Z, "__bases__", (int,)))
class Plain:
    pass


show("from object", lambda: setattr(Plain, "__bases__", (X,)))
show("builtin", lambda: setattr(int, "__bases__", (object,)))
show("delete", lambda: delattr(Z, "__bases__"))
print(Z.__bases__)

# __type_params__, __annotate__ and the class dict
print(X.__type_params__, int.__type_params__, type.__type_params__)
X.__type_params__ = (1,)
print(X.__type_params__)
show("builtin type params", lambda: setattr(int, "__type_params__", ()))


class G[T]:
    x: T
    y: int

    def m(self) -> T:
        pass


print(sorted(k for k in G.__dict__ if k.startswith("__class")))
print(G.__annotations__, G.__type_params__)
print("__annotations__" in G.__dict__, G.__dict__["__annotations__"])
show("builtin annotate", lambda: setattr(int, "__annotate__", None))


class M(type):
    def __new__(mcls, name, bases, ns):
        print("namespace annotations", ns.get("__annotations__"))
        return super().__new__(mcls, name, bases, ns)


class WithMeta(metaclass=M):
    p: int
    q: "str" = "s"
