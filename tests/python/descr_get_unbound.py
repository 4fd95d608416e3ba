# A class's __get__ is called as found on the class, with the descriptor
# first: a builtin function (which does not bind) works as __get__ too,
# and a __get__ that removes the descriptor from its class while it runs
# does not crash.


class SliceGet:
    __get__ = slice  # slice(descriptor, instance, owner)


class C:
    attr = SliceGet()


s = C.attr
print(type(s).__name__, type(s.start).__name__, s.stop, s.step.__name__)
s = C().attr
print(type(s.stop).__name__, s.step.__name__)


class Py:
    def __get__(self, obj, owner):
        return type(self).__name__, obj is None, owner.__name__


class D:
    attr = Py()


print(D.attr, D().attr)


class SelfRemoving:
    def __get__(self, obj, owner):
        del owner.attr
        owner.filler = [str(i) for i in range(1000)]
        return type(self).__name__


class E:
    attr = SelfRemoving()


print(E.attr, hasattr(E, "attr"))


class NotCallable:
    __get__ = 42


class F:
    attr = NotCallable()


try:
    F.attr
except TypeError as e:
    print(type(e).__name__, e)
