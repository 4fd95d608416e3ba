# Deleting a special method from a class turns its protocol off again
# (the type slot goes empty), for the class and its subclasses; a partner
# dunder (__radd__ for +, __delitem__ for item assignment) keeps it on.


def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


class A:
    def __getitem__(self, k):
        return k

    def __int__(self):
        return 3

    def __len__(self):
        return 0

    def __iter__(self):
        return iter([1, 2])

    def __call__(self):
        return "called"

    def __add__(self, o):
        return "add"

    def __radd__(self, o):
        return "radd"

    def __setitem__(self, k, v):
        pass

    def __delitem__(self, k):
        pass

    def __neg__(self):
        return "neg"

    def __contains__(self, x):
        return True


class B(A):
    pass


a, b = A(), B()
attempt("before", lambda: (a[1], int(a), len(a), list(a), a(), a + 1, -a, 5 in a))
for name in ["__getitem__", "__int__", "__len__", "__iter__", "__call__", "__neg__", "__contains__"]:
    delattr(A, name)
attempt("getitem", lambda: a[1])
attempt("sub getitem", lambda: b[1])
attempt("int", lambda: int(a))
attempt("len", lambda: len(b))
attempt("iter", lambda: iter(a))
attempt("call", lambda: a())
attempt("neg", lambda: -b)
attempt("contains", lambda: 5 in a)
attempt("bool", lambda: bool(a))
del A.__add__
attempt("radd kept", lambda: 1 + a)
attempt("add gone", lambda: a + 1)
del A.__radd__
attempt("radd gone", lambda: 1 + a)
del A.__setitem__
A.__dict__  # the class is still usable


def setit():
    a[0] = 1
    return "set"


def delit():
    del a[0]
    return "deleted"


attempt("setitem via delitem", setit)
attempt("delitem", delit)
del A.__delitem__
attempt("setitem gone", setit)

# Re-adding turns it back on; deleting from a subclass falls back to the base.
A.__getitem__ = lambda self, k: ("again", k)
attempt("re-added", lambda: b[2])
B.__getitem__ = lambda self, k: ("sub", k)
attempt("override", lambda: b[2])
del B.__getitem__
attempt("back to base", lambda: b[2])


# A builtin base still provides the protocol after the override goes.
class L(list):
    def __getitem__(self, i):
        return "mine"


l = L([7, 8])
print(l[0])
del L.__getitem__
print(l[0], len(l))

# unittest.mock deletes magic methods this way.
from unittest import mock

m = mock.MagicMock()
del m.__getitem__
attempt("mock getitem", lambda: m["foo"])
m = mock.MagicMock(spec=[])
attempt("mock list", lambda: list(mock.MagicMock(spec=object)))
attempt("mock int", lambda: int(mock.MagicMock(spec=object)))
