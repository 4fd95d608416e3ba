# A module's repr as importlib's _module_repr builds it: from its spec
# (origin, has_location, loader, namespace path), else from __name__,
# __file__ and __loader__.
import importlib.machinery
import sys
from types import ModuleType


class BareLoader:
    pass


class FullLoader:
    def module_repr(self, module):
        return "never used"


def show(m):
    text = repr(m)
    print(text if " object at " not in text else text.split(" object at ")[0] + ">")


m = ModuleType("foo")
show(m)
del m.__name__
show(m)
m = ModuleType("foo")
m.__loader__ = BareLoader
show(m)
m.__loader__ = FullLoader
show(m)
del m.__name__
show(m)
m = ModuleType("foo")
m.__file__ = "/tmp/foo.py"
m.__loader__ = BareLoader
show(m)
m = ModuleType("fo'o")
show(m)
m = ModuleType("foo")
loader = importlib.machinery.NamespaceLoader("foo", ["bar"], "baz")
m.__loader__ = loader
m.__spec__ = importlib.machinery.ModuleSpec("foo", loader)
show(m)
m.__spec__ = importlib.machinery.ModuleSpec("foo", BareLoader())
show(m)
spec = importlib.machinery.ModuleSpec("foo", None, origin="built-in")
m.__spec__ = spec
show(m)
spec.has_location = True
show(m)
m.__spec__ = importlib.machinery.ModuleSpec("foo", None)
show(m)
show(sys)
