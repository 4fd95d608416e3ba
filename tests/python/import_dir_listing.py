# Directory listings cached by the path search (CPython's FileFinder):
# a directory is listed again when its modification time changes, and
# importlib.invalidate_caches() forgets every listing.
import importlib
import importlib.util
import os
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True
d = tempfile.mkdtemp()
sys.path.insert(0, d)


def write(name, text):
    with open(os.path.join(d, name), "w") as f:
        f.write(text)


def try_import(name):
    try:
        m = importlib.import_module(name)
        print(name, "imported", sorted(k for k in vars(m) if not k.startswith("__")))
    except ImportError as e:
        print(name, type(e).__name__, e)


write("dl_first.py", "x = 1\n")
try_import("dl_first")
st = os.stat(d)

# A file made while the directory's time stays the same is not seen...
write("dl_second.py", "y = 2\n")
os.utime(d, ns=(st.st_atime_ns, st.st_mtime_ns))
try_import("dl_second")
print("find_spec", importlib.util.find_spec("dl_second"))
# ... until the caches are invalidated.
importlib.invalidate_caches()
try_import("dl_second")

# A changed modification time lists the directory again.
write("dl_third.py", "z = 3\n")
os.utime(d, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
try_import("dl_third")

# Packages and their submodules, a removed module.
os.mkdir(os.path.join(d, "dl_pkg"))
write(os.path.join("dl_pkg", "__init__.py"), "p = 1\n")
write(os.path.join("dl_pkg", "sub.py"), "s = 1\n")
try_import("dl_pkg")
try_import("dl_pkg.sub")
try_import("dl_pkg.missing")
os.remove(os.path.join(d, "dl_first.py"))
sys.modules.pop("dl_first")
importlib.invalidate_caches()
try_import("dl_first")

# A directory named like a module file is not taken for one.
os.mkdir(os.path.join(d, "dl_dir.py"))
importlib.invalidate_caches()
try_import("dl_dir")
print(importlib.invalidate_caches())

sys.path.remove(d)
shutil.rmtree(d)
