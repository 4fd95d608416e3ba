# Namespace packages (PEP 420): directories without __init__.py, split over
# several sys.path entries; a None entry in sys.modules blocks an import.
import os
import sys
import tempfile

root = tempfile.mkdtemp()
a, b = os.path.join(root, "a"), os.path.join(root, "b")
for base, sub in ((a, "one"), (b, "two")):
    os.makedirs(os.path.join(base, "nspkg", sub))
    with open(os.path.join(base, "nspkg", sub, "mod.py"), "w") as f:
        f.write(f"NAME = {sub!r}\n")
os.makedirs(os.path.join(b, "shadowed"))
with open(os.path.join(a, "shadowed.py"), "w") as f:
    f.write("KIND = 'module'\n")
sys.path[:0] = [a, b]

import nspkg
print([os.path.relpath(p, root) for p in nspkg.__path__], nspkg.__file__, nspkg.__package__)
print(nspkg.__spec__.name, nspkg.__spec__.origin, [os.path.relpath(p, root) for p in nspkg.__spec__.submodule_search_locations])
import nspkg.one.mod
from nspkg.two import mod
print(nspkg.one.mod.NAME, mod.NAME, mod.__name__, mod.__package__, nspkg.two.__package__)
import shadowed
print(shadowed.KIND)

sys.modules["blocked_mod"] = None
for stmt in ("import blocked_mod", "from blocked_mod import x", "from blocked_mod import *"):
    try:
        exec(stmt)
    except ImportError as e:
        print(type(e).__name__, e, e.name)
