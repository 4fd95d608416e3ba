# format() with an empty spec gives str() of a str/int/float subclass;
# hex()/oct()/bin() of an int subclass ignore its __format__.
import enum


class S(str):
    def __str__(self):
        return "S!"


class I(int):
    def __str__(self):
        return "I!"

    def __format__(self, spec):
        return "formatted"


class F(float):
    def __str__(self):
        return "F!"


print(format(S("ab")), format(S("ab"), "<4") + "|", f"{S('ab')}", "{}".format(S("ab")))
print(str.__format__(S("ab"), ""), str.__format__(S("ab"), ">3"))
print(format(I(3)), int.__format__(I(3), ""), int.__format__(I(3), "d"))
print(format(F(2.5)), float.__format__(F(2.5), ""), float.__format__(F(2.5), "g"))
print(hex(I(255)), oct(I(8)), bin(I(5)), hex(-I(255)))


class Idx:
    def __index__(self):
        return 10


print(hex(Idx()), oct(Idx()), bin(Idx()))
for bad in (1.5, "x", None):
    try:
        hex(bad)
    except TypeError as e:
        print("TypeError", e)


class NewStrEnum(enum.StrEnum):
    def __str__(self):
        return self.name.upper()

    first = enum.auto()


print(str(NewStrEnum.first), format(NewStrEnum.first), f"{NewStrEnum.first}")


class MyInt(int):
    def __new__(cls, value):
        return super().__new__(cls, value)


class HexMixin:
    def __repr__(self):
        return hex(self)


class MyIntEnum(HexMixin, MyInt, enum.Enum):
    __repr__ = HexMixin.__repr__


class Foo(MyIntEnum):
    TEST = 1


print(isinstance(Foo.TEST, MyInt), Foo._member_type_ is MyInt, repr(Foo.TEST))
