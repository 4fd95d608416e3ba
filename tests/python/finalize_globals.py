# At exit, finalizers and weak reference callbacks that read module
# globals: a module that nothing holds any more is collected with its
# globals intact; one that is still alive has its globals set to None
# (names with one leading underscore first), never deleted. This is what
# logging's _removeHandlerRef relies on.
import sys
import types
import weakref


class Resource:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("closing", self.name, "registry", _registry, "helper", helper.__name__)


def helper():
    pass


_registry = ["r"]
res = Resource("res")
_private = Resource("_private")

kept = types.ModuleType("kept")
exec(
    """
import weakref

class Resource:
    def __del__(self):
        print("kept: registry", _registry, "lock", _lock, "last", last)

def _on_dead(wr):
    handlers, lock = _handlerList, _lock
    print("kept: callback sees", handlers, lock)

_registry = [1]
_lock = "lock"
_handlerList = []
last = "last"
res = Resource()
target = Resource()
_handlerList.append(weakref.ref(target, _on_dead))
""",
    kept.__dict__,
)
print(kept, sorted(kept.__dict__)[:6], kept.__doc__)
for args in [(), (1,), ("a", "b", "c")]:
    try:
        types.ModuleType(*args)
    except TypeError as e:
        print("TypeError:", e)
print(types.ModuleType("m", "doc").__dict__, weakref.ref(kept)() is kept)
sys.modules["kept"] = kept
sys.kept_alive = kept
print("done")
