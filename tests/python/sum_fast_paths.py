# sum(): exact ints add up in a machine integer while they fit, floats with
# compensated (Neumaier) summation as CPython 3.12+, and anything else
# through +; each switch keeps the exact result.


class MyInt(int):
    def __add__(self, other):
        return "MyInt.__add__"

    __radd__ = __add__


class MyFloat(float):
    def __radd__(self, other):
        return "MyFloat.__radd__"


print(sum([0.1] * 10))
print(sum([1e100, 1.0, -1e100, 1.0]))
print(sum([1, 2, 3]), sum([True, True, 2]), sum([], 5))
print(sum([2**62, 2**62, -2**62]))
print(sum([2**63 - 1, 1]), sum([-(2**63), -1]), sum([2**100, 1, 0.5]))
print(sum([1, 0.1, 0.2, 0.3]), sum([0.1, 2, 0.2, True]))
print(sum([0.1, 2**70, 0.2]), sum([0.5, 3 + 4j, 1]))
print(sum([1.0, float("inf"), -1e308]), sum([float("inf"), float("-inf")]))
print(sum([1e308, 1e308, -1e308]), sum([-0.0, -0.0]), sum([], -0.0))
print(sum([1, MyInt(2)]), sum([1, MyFloat(2.5)]), sum([0.5, MyInt(3)]))
print(sum([[1], [2]], []), sum(((1,), (2,)), ()))
print(sum(range(100000)), sum(x * 0.1 for x in range(1000)))
print(type(sum([True, False])), type(sum([1.0, 2])), type(sum([1, 2.0])))
try:
    sum([1, "a"])
except TypeError as e:
    print("TypeError", e)
try:
    sum([1.5, "a"])
except TypeError as e:
    print("TypeError", e)
