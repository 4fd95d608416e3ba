# object.__setattr__ / __delattr__ applied to an object whose type (or a
# C type between it and object) overrides tp_setattro is refused
# ("Carlo Verre's hack"), while Python classes in between do not count.


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


show(lambda: object.__setattr__(str, "foo", 42))
show(lambda: object.__delattr__(str, "lower"))
show(lambda: hasattr(str, "foo"))
show(lambda: object.__setattr__(1, "x", 1))
show(lambda: type.__setattr__(int, "x", 1))
show(lambda: object.__setattr__(type("K", (), {}), "x", 1))


class Indirect(type):
    def __setattr__(cls, key, value):
        object.__setattr__(cls, key, value)


class Direct(type):
    def __setattr__(cls, key, value):
        type.__setattr__(cls, key, value)


class Plain:
    pass


for meta in (Indirect, Direct):
    Mixed = type("Mixed", (Plain, meta), {})
    obj = Mixed("Obj", (object,), {})
    try:
        obj.test = True
        print(meta.__name__, "set", obj.test)
    except TypeError as e:
        print(meta.__name__, "TypeError", e)


class P:
    def __setattr__(self, k, v):
        object.__setattr__(self, k, v * 2)

    def __delattr__(self, k):
        object.__delattr__(self, k)


class Q(P):
    pass


q = Q()
q.x = 4
print(q.x)
del q.x
print(hasattr(q, "x"))
show(lambda: object.__setattr__(q, "y", 1) or q.y)


class Lst(list):
    pass


show(lambda: object.__setattr__(Lst(), "z", 3))
