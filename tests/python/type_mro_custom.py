# A metaclass's own mro(), checked as CPython checks it; __bases__
# assignment recomputing the MROs (and slots) of a class and its
# subclasses, undoing them when one fails, and surviving reentrant
# assignments from inside mro().


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


class A:
    def f(self):
        return "A"


class B(A):
    pass


class C(A):
    def f(self):
        return "C"


class D(B, C):
    pass


class Reverse(type):
    def mro(cls):
        order = type.mro(cls)
        order.reverse()
        return order


class X(D, B, C, A, metaclass=Reverse):
    pass


print([k.__name__ for k in X.__mro__], X().f())
print([k.__name__ for k in D.mro()], type.mro(D) == list(D.__mro__))


def bad_mro(result):
    class M(type):
        def mro(cls):
            return result

    class Y(metaclass=M):
        pass

    return Y.__mro__


show(lambda: bad_mro([1]))
show(lambda: bad_mro(1))
show(lambda: bad_mro([]))
show(lambda: bad_mro([dict, object]))


class Seen(type):
    def mro(cls):
        print("mro of", cls.__name__, "while __mro__ is", cls.__mro__)
        return type.mro(cls)


class S1(metaclass=Seen):
    pass


class S2(S1):
    pass


# gh-92112: an mro() leaving the class out, deleting itself.
class Lone:
    pass


class Vanish(type):
    def mro(cls):
        del Vanish.mro
        return (Lone,)


try:

    class V(metaclass=Vanish):
        pass

except TypeError as e:
    print("TypeError", e)


# __bases__ assignment re-dispatches the slots.
class P:
    pass


class Q:
    def __getattribute__(self, name):
        if name == "a":
            return 2
        return super().__getattribute__(name)

    def meth(self):
        return 1

    def __len__(self):
        return 7


class R(P):
    pass


class T(R):
    pass


r, t = R(), T()
R.__bases__ = (Q,)
print(r.meth(), t.meth(), r.a, t.a, len(r), len(t), Q.__subclasses__() == [R])
print([k.__name__ for k in T.__mro__], P.__subclasses__())
R.__bases__ = (P,)
print([k.__name__ for k in T.__mro__], hasattr(t, "a"))

for bases in [(), (R,), (T,), (P, P), (int,), (1,), [P]]:
    try:
        R.__bases__ = bases
    except TypeError as e:
        print("TypeError", e)
try:
    del R.__bases__
except TypeError as e:
    print("TypeError", e)


# A failing mro() part way down restores every MRO already changed.
class Once(type):
    def __new__(mcls, name, bases, ns):
        mcls.flag = 0
        return super().__new__(mcls, name, bases, ns)

    def mro(cls):
        if cls.flag > 0:
            raise RuntimeError("bozo")
        cls.flag += 1
        return type.mro(cls)


class C1:
    pass


class C2:
    pass


class D1(C1):
    pass


class E1(D1):
    pass


class F1(D1, metaclass=Once):
    pass


before = (D1.__mro__, E1.__mro__, F1.__mro__)
try:
    D1.__bases__ = (C2,)
except RuntimeError as e:
    print("RuntimeError", e)
print(before == (D1.__mro__, E1.__mro__, F1.__mro__), D1.__bases__ == (C1,))


# Reentrant __bases__ assignments from mro().
class Helper(type):
    ready = False


class Re1(Helper):
    def mro(cls):
        if Helper.ready and cls.__name__ == "K":
            Helper.ready = False
            K.__bases__ = (J2,)
        return type.mro(cls)


class H(metaclass=Re1):
    pass


class J1(H):
    pass


class J2(H):
    pass


class K(H):
    pass


Helper.ready = True
K.__bases__ = (J1,)
J1.__bases__ = (K,)
print(K.__bases__ == (J2,), J2.__subclasses__() == [K], J1.__subclasses__())
print(J1.__bases__ == (K,), K.__subclasses__() == [J1])


class Re2(Helper):
    def mro(cls):
        if Helper.ready:
            if cls.__name__ == "L1":
                L2.__bases__ = (L1,)
            if cls.__name__ == "L2":
                L1.__bases__ = (L2,)
        return type.mro(cls)


class G(metaclass=Re2):
    pass


class L1(G):
    pass


class L2(G):
    pass


Helper.ready = True
try:
    L1.__bases__ += ()
except TypeError as e:
    print("TypeError", e)
Helper.ready = False
print([k.__name__ for k in L1.__mro__], [k.__name__ for k in L2.__mro__])


# The MRO stays alive while a lookup compares a key that reassigns it.
class Key:
    def __hash__(self):
        return hash("mykey")

    def __eq__(self, other):
        Z.__bases__ = (Base2,)


class Base:
    mykey = "from Base"
    mykey2 = "from Base"


class Base2:
    mykey = "from Base2"
    mykey2 = "from Base2"


import warnings

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    Z = type("Z", (Base,), {Key(): 5})
print([str(x.message) for x in w], [x.category.__name__ for x in w])
print(Z.mykey, Z.mykey2)
