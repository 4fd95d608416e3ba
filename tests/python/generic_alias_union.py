import sys
GA = type(list[int])
print(GA, list[int], dict[str, list[int]], tuple[()], tuple[int, ...], type[int])
print(list[int].__origin__, list[int].__args__, list[int].__parameters__)
print(list[int] == list[int], list[int] == list[str], hash(list[int]) == hash(list[int]))
print(list[int]([1, 2]), list[int].append)
U = int | str
print(type(U), U, U.__args__, int | None, None | int, int | int, int | str | int)
print(U == (str | int), hash(U) == hash(str | int), list[int] | None)
print(isinstance(1, int | str), isinstance(1.0, int | str), issubclass(bool, int | str))
try:
    isinstance([], list[int])
except TypeError as e:
    print("TypeError", e)
try:
    int | 3
except TypeError as e:
    print("TypeError", e)
class MyList(list[int]): pass
print(MyList.__bases__, MyList.__mro__)
print(GA(dict, (int, str)), GA(list, int))
print(list[int].__reduce__())
print(*list[int], next(iter(tuple[int])))
print(repr(sys.implementation.__class__), type(sys.implementation).__name__)
class M(type):
    def __instancecheck__(cls, x): return x == 5
    def __subclasscheck__(cls, x): return x is float
class A(metaclass=M): pass
print(isinstance(5, A), isinstance(4, A), issubclass(float, A), issubclass(int, A), isinstance(5, (str, A)))
class FakeCls:
    __bases__ = (int,)
class FakeInst:
    __class__ = FakeCls
print(issubclass(FakeCls, int), isinstance(FakeInst(), FakeCls))
try:
    isinstance(1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    issubclass(1, int)
except TypeError as e:
    print("TypeError", e)
