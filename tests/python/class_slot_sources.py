# Which dunders a new class's slots dispatch to: its own namespace, Python
# functions inherited through the MRO (also from a mixin placed before a
# builtin base), and not names bound to something else earlier in the MRO.


class Mixin:
    def __repr__(self):
        return "Mixin.__repr__"

    def __len__(self):
        return 7

    def __neg__(self):
        return "neg"

    def __add__(self, other):
        return ("add", other)

    def __eq__(self, other):
        return "eq"

    __hash__ = object.__hash__


class E(Mixin, int):
    pass


e = E(5)
print(repr(e), len(e), -e, e + 1, e == 3)


class L(Mixin, list):
    pass


l = L([1, 2])
print(repr(l), len(l), l + [3])


class F(float):
    def __abs__(self):
        return "own abs"

    def __bool__(self):
        return False


print(abs(F(-1.5)), bool(F(2.0)), F(2.0) + 1)


# A non-function value earlier in the MRO hides a function later on.
class Shadow(int):
    __neg__ = int.__neg__


class G(Shadow, Mixin):
    pass


print(-G(4))


class H:
    pass


H.__len__ = lambda self: 3
print(len(H()))


class K(dict):
    def __missing__(self, key):
        return key * 2

    def __contains__(self, key):
        return key == "yes"


k = K()
print(k[21], "yes" in k, "no" in k)


class Weird:
    locals()["__len__"] = lambda self: 11
    locals()["__ñame__"] = 1


print(len(Weird()))

# A dunder set on a base later reaches the subclass.


class Base:
    pass


class Sub(Base):
    pass


Base.__iter__ = lambda self: iter([1, 2, 3])
print(list(Sub()))


class StrKey(str):
    pass


ns = {StrKey("__len__"): lambda self: 5}
T = type("T", (), ns)
print(len(T()))
