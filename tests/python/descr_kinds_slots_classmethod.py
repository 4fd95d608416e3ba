# Descriptor kinds and what classmethod/staticmethod copy from the callable.
import types
import abc
from dataclasses import dataclass

# function.__globals__ is a member, so MemberDescriptorType is the type of
# __slots__ descriptors (dataclasses relies on it).
print(types.MemberDescriptorType.__name__, types.GetSetDescriptorType.__name__)
for name in ("__globals__", "__builtins__", "__closure__"):
    print(name, type(types.FunctionType.__dict__[name]).__name__)


def outer():
    x = 1

    def inner():
        return x

    return inner


print(outer().__closure__[0].cell_contents, (lambda: 0).__closure__)
print(outer().__globals__ is globals(), outer().__builtins__ is __builtins__.__dict__
      if hasattr(__builtins__, "__dict__") else True)
try:
    outer().__globals__ = {}
except AttributeError as e:
    print("AttributeError", e)


class Slotted:
    __slots__ = ("x",)


print(type(Slotted.__dict__["x"]) is types.MemberDescriptorType)


@dataclass
class C:
    __slots__ = ("x",)
    x: int


try:
    C()
except TypeError as e:
    print("TypeError", e)
print(C(3))


# Private slot names are mangled like private attributes.
class Priv:
    __slots__ = ["__s", "__dunder__", "_t"]

    def __init__(self):
        self.__s = 1

    def get(self):
        return self.__s


print(sorted(k for k in Priv.__dict__ if "s" in k or "t" in k))
print(Priv().get())


class _Under:
    __slots__ = ("__p",)


print("_Under__p" in _Under.__dict__)


# classmethod / staticmethod copy __name__, __qualname__, __doc__ and
# __module__, and expose __annotations__ and __isabstractmethod__.
def f(x: int) -> str:
    "f's doc"


for wrap in (classmethod, staticmethod):
    w = wrap(f)
    print(wrap.__name__, w.__name__, w.__qualname__, w.__doc__, w.__module__)
    print(w.__annotations__, w.__isabstractmethod__, w.__wrapped__ is f)
    w.__annotations__ = {"y": 1}
    print(w.__annotations__, f.__annotations__)
    del w.__annotations__
    try:
        del w.__annotations__
    except AttributeError as e:
        print("AttributeError", e)


class Abstract(abc.ABC):
    @classmethod
    @abc.abstractmethod
    def cm(cls):
        pass

    @staticmethod
    @abc.abstractmethod
    def sm():
        pass


print(sorted(Abstract.__abstractmethods__))
try:
    Abstract()
except TypeError as e:
    print("TypeError", e)

print(classmethod(len).__name__, staticmethod(print).__qualname__)
