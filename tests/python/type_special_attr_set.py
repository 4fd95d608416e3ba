# The setters of type's __name__, __qualname__, __module__, __bases__ and
# __type_params__ called straight through the descriptor on a builtin
# (static) type must raise TypeError, not write heap-type fields that a
# static type does not have.
for attr in ("__name__", "__qualname__", "__module__", "__bases__", "__type_params__"):
    d = type.__dict__[attr]
    for tp in (str, int, list, type, object):
        for value in ("Oink", (object,)):
            try:
                d.__set__(tp, value)
            except TypeError as e:
                print(attr, tp.__name__, type(e).__name__, e)
            else:
                print(attr, tp.__name__, "set!")
        try:
            d.__delete__(tp)
        except TypeError as e:
            print("del", attr, tp.__name__, type(e).__name__, e)
print(str.__name__, str.__qualname__, str.__module__, str.__bases__)


class X:
    pass


for attr in ("__name__", "__qualname__"):
    try:
        delattr(X, attr)
    except TypeError as e:
        print("del X", attr, e)
    try:
        setattr(X, attr, 5)
    except TypeError as e:
        print("X", attr, e)
X.__qualname__ = "Outer.X"
X.__name__ = "Y"
print(X.__name__, X.__qualname__, repr(X).endswith("Outer.X'>"))
