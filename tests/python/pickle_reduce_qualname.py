# An object whose __reduce__ returns a dotted qualified name (a cached
# method, a NewType nested in a class, mock's sentinels) pickles at every
# protocol: before protocol 4 as getattr(parent, name), as CPython does.
import functools
import pickle
import typing
from unittest import mock


class Outer:
    @functools.lru_cache()
    def cached(self, x):
        return x

    @staticmethod
    @functools.lru_cache()
    def cached_static(x):
        return x

    class Inner:
        pass

    Name = typing.NewType("Outer.Name", str)


Outer.Name.__qualname__ = "Outer.Name"
Outer.Name.__module__ = __name__

for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    for obj in (Outer.cached, Outer.cached_static, Outer.Inner, Outer.Name):
        data = pickle.dumps(obj, proto)
        print(proto, data)
        print(pickle.loads(data) is obj)
    s = mock.sentinel.whatever
    print(proto, pickle.loads(pickle.dumps(s, proto)) is s)
