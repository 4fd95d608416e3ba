# sys.path_hooks has a hook for directories, as in CPython: pkgutil finds
# the modules and packages of a directory (iter_modules, walk_packages),
# get_importer gives a FileFinder, and runpy.run_path runs a directory's
# __main__.py; an entry that is no directory gets no importer.
import os
import pkgutil
import runpy
import sys
import tempfile

with tempfile.TemporaryDirectory() as d:
    for name in ("alpha.py", "beta.py", "__main__.py"):
        with open(os.path.join(d, name), "w") as f:
            f.write("value = %r\n" % name)
    pkg = os.path.join(d, "gamma_pkg")
    os.mkdir(pkg)
    open(os.path.join(pkg, "__init__.py"), "w").close()
    open(os.path.join(pkg, "delta.py"), "w").close()
    importer = pkgutil.get_importer(d)
    print(type(importer).__name__, importer.path == d)
    print(pkgutil.get_importer(os.path.join(d, "alpha.py")))
    print(sorted((m.name, m.ispkg) for m in pkgutil.iter_modules([d])))
    sys.path.insert(0, d)
    try:
        print(sorted(m.name for m in pkgutil.walk_packages([d])))
        ns = runpy.run_path(d)
        print(ns["value"], ns["__name__"])
    finally:
        sys.path.remove(d)
hook = sys.path_hooks[-1]
try:
    hook("/no/such/dir")
except ImportError as e:
    print("ImportError", e, e.path)
