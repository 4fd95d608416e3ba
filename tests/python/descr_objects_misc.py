# method-wrapper comparison, hash and introspection; bound methods as
# descriptors and their repr; staticmethod/classmethod __dict__; the
# __doc__ of classes through type's descriptor; Ellipsis has no __bool__.
# (CPython 3.13's classmethod copies __annotations__ into its dict; 3.14,
# as ferrython, reads them through the callable.)
import types


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


l = []
print(l.__add__ == l.__add__, l.__add__ != l.__add__)
print(l.__add__ == [].__add__, l.__add__ != [].__add__)
print(l.__add__ == l.__mul__, l.__add__ != l.__mul__)
show(lambda: l.__add__ < l.__add__)
print(l.__add__.__name__, l.__add__.__qualname__, l.__add__.__objclass__)
print(l.__add__.__self__ is l, l.__add__.__doc__ == list.__add__.__doc__)
print(hash(l.__add__) == hash(l.__add__), {l.__add__: 1}[l.__add__])
print((1).__add__ == (1).__add__, (1).__add__ == (2).__add__)


class A:
    def meth(self):
        return self


class B:
    pass


a, b = A(), B()
m = a.meth
print(m.__get__(b, B) is m, m.__get__(None, A) is m)
b.meth = a.meth.__get__(b, B)
print(b.meth() is a)
print(repr(A().meth).startswith("<bound method A.meth of <"))


class MyCallable:
    def __call__(self, arg):
        pass


func = MyCallable()
method = types.MethodType(func, 7)
print(repr(method))
func.__name__ = "name"
print(repr(method))
func.__qualname__ = "qualname"
print(repr(method))
func.__qualname__ = 5
print(repr(method))
meth = classmethod(1).__get__(1)
print(repr(meth))
show(meth)

def g():
    "g docstring"


def own(d):
    return {k: v for k, v in d.items() if k != "__annotations__"}


sm = staticmethod(g)
print(own(sm.__dict__))
sm.x = 42
print(sm.x, own(sm.__dict__))
del sm.x
print(hasattr(sm, "x"))


def f(cls, arg):
    "f docstring"
    return (cls, arg)


cm = classmethod(f)
print(sorted(k for k in cm.__dict__ if k != "__annotations__"))
cm.__dict__ = {"y": 1}
print(cm.__dict__)


class X:
    "elephant"


X.__doc__ = "banana"
print(X.__doc__, X.__dict__["__doc__"])
show(lambda: type(list).__dict__["__doc__"].__set__(list, "blah"))
show(lambda: type(X).__dict__["__doc__"].__delete__(X))
print(X.__doc__, type(type.__dict__["__doc__"]).__name__)
print(type.__doc__ == type.__dict__["__doc__"].__get__(type))
print(int.__doc__ == int.__dict__["__doc__"])


class NoDoc:
    pass


class WithDescrDoc:
    class D:
        def __get__(self, obj, owner):
            return "doc for " + owner.__name__

    __doc__ = D()


print(NoDoc.__doc__, WithDescrDoc.__doc__)
print(dir(object()) == dir(Ellipsis), bool(Ellipsis), "__bool__" in dir(None))
