# `**=` on classes: __ipow__ (given only the exponent), its NotImplemented
# fallback to __pow__/__rpow__, inheritance, and __ipow__ set on the class
# after it was created.
import operator


class A:
    def __ipow__(self, other):
        print("A.__ipow__", other)
        return ("ipow", other)


a = A()
a **= 3
print(a)


class B:
    def __ipow__(self, other):
        print("B.__ipow__ declines")
        return NotImplemented

    def __pow__(self, other):
        return ("pow", other)


b = B()
b **= 2
print(b)


class R:
    def __repr__(self):
        return "R()"

    def __rpow__(self, other):
        return ("rpow", other)


class C(B):
    pass


c = C()
c **= R()
print(c)
x = 2
x **= 10
print(x)


class Late:
    pass


late = Late()
try:
    late **= 2
except TypeError as e:
    print(type(e).__name__, e)
Late.__ipow__ = lambda self, o: ("late", o)
late **= 2
print(late)
del Late.__ipow__
late = Late()
try:
    late **= 2
except TypeError as e:
    print(type(e).__name__, e)
print(operator.ipow(A(), 5))
print(pow(2, 5, 3), operator.ipow(3, 2))
