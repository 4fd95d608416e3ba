# Imports of source modules and packages: absolute, relative, submodules,
# `from ... import`, sys.modules caching, errors; and the sys basics.
import sys
import pkg
import pkg.util
from pkg import util as u
from pkg.sub import VALUE
from pkg.util import *

print(pkg.NAME, pkg.util.double(4), u is pkg.util, VALUE, double(5), pkg.loaded)
print("pkg" in sys.modules, "pkg.sub" in sys.modules, sys.modules["pkg.util"] is u)
print(pkg.sub.VALUE, type(pkg).__name__, pkg.__name__, pkg.util.__package__)
try:
    import no_such_module_anywhere
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e, e.name if hasattr(e, "name") else "")
try:
    from pkg import missing_name
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
print(sys.argv[0].endswith("imports.py"), sys.maxsize == 2 ** 63 - 1, sys.byteorder)
def depth():
    return sys._getframe(0).f_code.co_name, sys._getframe(1).f_code.co_name
print(depth(), sys.getrecursionlimit())
sys.setrecursionlimit(500)
def recurse(n):
    return recurse(n + 1)
try:
    recurse(0)
except RecursionError as e:
    print("RecursionError:", e)
sys.exit("bye")
