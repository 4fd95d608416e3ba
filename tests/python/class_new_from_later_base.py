# A class whose first base defines no __new__ still uses a __new__ found
# later in its MRO (unittest.mock's per-instance subclasses depend on it).
class Base:
    def __init__(self, *a, **k):
        pass


class WithNew(Base):
    def __new__(cls, /, *args, **kw):
        new = type(cls.__name__, (cls,), {"__doc__": cls.__doc__})
        print("__new__ of", cls.__name__, args, kw)
        return super(WithNew, cls).__new__(new)


class Mixin(Base):
    def __init__(self, spec=None, **kw):
        super().__init__(spec, **kw)


class M(Mixin, WithNew):
    pass


m = M(1, k=2)
print([c.__name__ for c in type(m).__mro__])
print(type(m) is M, type(m).__bases__ == (M,))


class WithClassNew(Base):
    @classmethod
    def make(cls):
        return cls()


class Counting:
    count = 0

    def __new__(cls, *args):
        Counting.count += 1
        return super().__new__(cls)


class N(Mixin, Counting):
    pass


N()
N(3)
print(Counting.count)

from unittest import mock

mk = mock.Mock()
print(type(mk).__mro__[1] is mock.Mock)
mk.foo(1)
print(mk.foo.call_count, repr(mk.foo).startswith("<Mock name='mock.foo'"))
mm = mock.MagicMock()
print(len(mm), bool(mm), mm.attr.return_value is mm.attr())
