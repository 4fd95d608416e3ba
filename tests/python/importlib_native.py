# importlib over the native import system: _imp, sys.meta_path's finder,
# import_module, find_spec, reload, module specs, the import lock,
# _warnings.warn (with an ignore filter) and marshal.version.
import importlib
import importlib.util
import os
import sys
import tempfile
import warnings

import _imp
import _warnings
import marshal

m = importlib.import_module("json.decoder")
print(m.__name__, m.__spec__.name, m.__spec__.parent)
print(importlib.util.find_spec("nonexistent_module_xyz"))
s = importlib.util.find_spec("csv")
print(s.name, s.origin.endswith("csv.py"), s.submodule_search_locations, s.has_location)
s = importlib.util.find_spec("email")
print(s.submodule_search_locations[0].endswith("email"), s.parent)
print(importlib.util.find_spec("itertools").origin, _imp.is_builtin("itertools"))
print(_imp.is_builtin("sys"), _imp.is_builtin("nonexistent_module_xyz"), _imp.is_frozen("csv"))
print(".so" in " ".join(_imp.extension_suffixes()))

tmp = tempfile.mkdtemp()
sys.path.insert(0, tmp)
src = os.path.join(tmp, "reloadme.py")
with open(src, "w") as f:
    f.write("X = 1\n")
r = importlib.import_module("reloadme")
print(r.X, r.__file__ == src, r.__spec__.origin == src)
print(r.__cached__ == importlib.util.cache_from_source(src))
with open(src, "w") as f:
    f.write("X = 2000\nY = 3\n")
r2 = importlib.reload(r)
print(r2 is r, r.X, r.Y)
os.mkdir(os.path.join(tmp, "pkgx"))
with open(os.path.join(tmp, "pkgx", "__init__.py"), "w") as f:
    f.write("NAME = __name__\n")
with open(os.path.join(tmp, "pkgx", "sub.py"), "w") as f:
    f.write("from . import NAME\nWHO = NAME + '.sub'\n")
sub = importlib.import_module(".sub", "pkgx")
print(sub.WHO, sub.__spec__.name, sys.modules["pkgx"].__path__ == [os.path.join(tmp, "pkgx")])
try:
    importlib.import_module("pkgx.missing")
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)

_imp.acquire_lock()
_imp.acquire_lock()
print(_imp.lock_held())
_imp.release_lock()
_imp.release_lock()
print(_imp.lock_held())
print(_imp._override_frozen_modules_for_tests(0))
try:
    _imp.release_lock()
except RuntimeError as e:
    print(type(e).__name__, e)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    print(_warnings.warn("ignored", UserWarning))
print(marshal.version)
