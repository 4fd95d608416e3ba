# __slots__ validation at class creation (identifiers, one __dict__ and
# __weakref__, no clash with class variables), __classcell__ checks, and
# deleting an instance __dict__.
import copy


def show(f, *a, **k):
    try:
        r = f(*a, **k)
        print("ok", r.__name__ if isinstance(r, type) else r)
    except Exception as e:
        print(type(e).__name__, e)


class A:
    pass


for bases, ns in [
    ((), {"__slots__": [None]}),
    ((), {"__slots__": ["foo bar"]}),
    ((), {"__slots__": ["foo\0bar"]}),
    ((), {"__slots__": ["1"]}),
    ((), {"__slots__": [""]}),
    ((), {"__slots__": "a b"}),
    ((), {"__slots__": ["a", "a"]}),
    ((), {"__slots__": ["ñame"]}),
    ((), {"__slots__": ["__dict__", "__dict__"]}),
    ((), {"__slots__": ["__weakref__", "__weakref__"]}),
    ((A,), {"__slots__": ["__dict__"]}),
    ((A,), {"__slots__": ["__weakref__"]}),
    ((int,), {"__slots__": ["__weakref__"]}),
    ((tuple,), {"__slots__": ["a"]}),
    ((tuple,), {"__slots__": ()}),
    ((), {"__slots__": ["foo"], "foo": None}),
    ((), {"__slots__": ["__x"], "_B__x": 1}),
    ((), {"__slots__": ["__x"], "__x": 1}),
    ((), {"__slots__": ["__dict__"], "__dict__": 1}),
    ((), {"__slots__": ["__qualname__"], "__qualname__": "Q"}),
    ((), {"__classcell__": 42}),
    ((), {"__slots__": ["__classcell__"], "__classcell__": 42}),
]:
    show(type, "B", bases, ns)


class Meta(type):
    def __new__(mcls, name, bases, ns, attr):
        print(attr in ns)
        return super().__new__(mcls, name, bases, ns)


class C1:
    def __init__(self):
        self.b = 42


class C2(C1, metaclass=Meta, attr="__classcell__"):
    __slots__ = ["__classcell__"]

    def __init__(self):
        super().__init__()


print(type(C2.__dict__["__classcell__"]).__name__)
c = C2()
print(c.b, hasattr(c, "__classcell__"))
c.__classcell__ = 42
print(c.__classcell__)


class Q1(metaclass=Meta, attr="__qualname__"):
    __slots__ = ["__qualname__"]


print(Q1.__qualname__, type(Q1.__dict__["__qualname__"]).__name__)


# Deleting the instance dict: the next use starts a fresh one.
a = A()
a.x = 1
del a.__dict__
print(a.__dict__, vars(a), hasattr(a, "x"))
a.y = 2
print(a.__dict__, copy.copy(a).__dict__)
del a.__dict__
print(copy.copy(a).__dict__, a.__getstate__())
for bad in (None, [], 1):
    try:
        a.__dict__ = bad
    except TypeError as e:
        print("TypeError", e)


class L(list):
    pass


l = L()
l.z = 1
del l.__dict__
print(l.__dict__)
