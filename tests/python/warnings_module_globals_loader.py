# _warnings.warn_explicit(module_globals=...) finds the source line through
# the loader importlib blesses: __spec__.loader, else __loader__ with a
# DeprecationWarning; a disagreement warns, no loader at all raises.
import _warnings
import types
import warnings


class Loader:
    def get_source(self, name):
        return "first line\nsecond line of %s\n" % name


def run(globs):
    with warnings.catch_warnings(record=True) as w:
        warnings.filterwarnings("always")
        try:
            _warnings.warn_explicit("eggs", UserWarning, "bar", 2, module_globals=globs)
        except Exception as e:
            print("  raised", type(e).__name__, e)
    for x in w:
        print("  ", x.category.__name__, x.message)


cases = [
    {"__name__": "bar"},
    {"__name__": "bar", "__loader__": None},
    {"__name__": "bar", "__spec__": None},
    {"__name__": "bar", "__loader__": None, "__spec__": None},
    {"__name__": "bar", "__spec__": types.SimpleNamespace()},
    {"__name__": "bar", "__loader__": None, "__spec__": types.SimpleNamespace(loader=None)},
    {"__name__": "bar", "__loader__": object()},
    {"__name__": "bar", "__loader__": object(), "__spec__": None},
    {"__name__": "bar", "__loader__": object(), "__spec__": types.SimpleNamespace()},
    {"__name__": "bar", "__loader__": object(), "__spec__": types.SimpleNamespace(loader=object())},
    {"__name__": "bar", "__spec__": types.SimpleNamespace(loader=Loader())},
]
for i, g in enumerate(cases):
    print(i, sorted(g))
    run(g)
