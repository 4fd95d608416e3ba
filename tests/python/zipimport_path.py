# Zip archives on sys.path (CPython's zipimport through sys.path_hooks and
# sys.path_importer_cache; modules, packages, namespace portions), the frozen importlib names zipimport uses, and
# running an archive or a directory as a program (its __main__ module).
import importlib.util
import os
import subprocess
import sys
import tempfile
import zipfile

import _frozen_importlib
import _frozen_importlib_external
import zipimport

print(_frozen_importlib.ModuleSpec.__name__, _frozen_importlib_external.SourceFileLoader.__name__)
print(zipimport.zipimporter in sys.path_hooks)

tmp = tempfile.mkdtemp()
archive = os.path.join(tmp, "lib.zip")
with zipfile.ZipFile(archive, "w") as z:
    z.writestr("zmod.py", "VALUE = 'from zip'\n")
    z.writestr("zpkg/__init__.py", "from . import sub\n")
    z.writestr("zpkg/sub.py", "import zmod\nNAME = __name__ + ':' + zmod.VALUE\n")
    z.writestr("broken.py", "raise ValueError('broken module')\n")
    z.writestr("nspkg/", "")
    z.writestr("nspkg/inzip.py", "WHERE = 'zip'\n")

sys.path.insert(0, archive)
import zmod
import zpkg

print(zmod.VALUE, os.path.relpath(zmod.__file__, tmp))
print(type(zmod.__loader__).__name__, zmod.__spec__.name, zmod.__spec__.origin == zmod.__file__)
print(zpkg.sub.NAME, zpkg.__package__, [os.path.relpath(p, tmp) for p in zpkg.__path__])
print(type(sys.path_importer_cache[archive]).__name__)
spec = importlib.util.find_spec("zpkg.sub")
print(spec.name, type(spec.loader).__name__)
print(importlib.util.find_spec("not_in_the_zip"))
try:
    import broken
except ValueError as e:
    print(type(e).__name__, e, "broken" in sys.modules)
try:
    import zpkg.missing
except ImportError as e:
    print(type(e).__name__, e)

# A namespace package with a portion in the archive and one in a directory.
nsdir = os.path.join(tmp, "dir")
os.makedirs(os.path.join(nsdir, "nspkg"))
with open(os.path.join(nsdir, "nspkg", "indir.py"), "w") as f:
    f.write("WHERE = 'dir'\n")
sys.path.append(nsdir)
import nspkg.inzip
import nspkg.indir

print(nspkg.inzip.WHERE, nspkg.indir.WHERE, [os.path.relpath(p, tmp) for p in nspkg.__path__])

# A hook of the program's own is consulted for entries that are not directories.
class Finder:
    def __init__(self, path):
        if not path.startswith("virtual:"):
            raise ImportError("not mine")
        self.path = path

    def find_spec(self, fullname, target=None):
        if fullname != "virtual_mod":
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.WHERE = self.path

sys.path_hooks.append(Finder)
sys.path.append("virtual:one")
import virtual_mod

print(virtual_mod.WHERE, type(sys.path_importer_cache["virtual:one"]).__name__)
sys.path_hooks.remove(Finder)

# Running an archive, a directory, and an archive without __main__.
app = os.path.join(tmp, "app.zip")
with zipfile.ZipFile(app, "w") as z:
    z.writestr("__main__.py", "import sys, helper\nprint('main', __name__, helper.X, sys.argv[1:])\n")
    z.writestr("helper.py", "X = 7\n")
appdir = os.path.join(tmp, "appdir")
os.mkdir(appdir)
with open(os.path.join(appdir, "__main__.py"), "w") as f:
    f.write("import sys, os\nprint('dir main', __name__, os.path.basename(sys.path[0]))\n")
empty = os.path.join(tmp, "empty.zip")
with zipfile.ZipFile(empty, "w") as z:
    z.writestr("other.py", "")
for target in (app, appdir, empty):
    r = subprocess.run([sys.executable, target, "a", "b"], capture_output=True, text=True)
    err = r.stderr.replace(sys.executable, "PYTHON").replace(tmp, "TMP")
    print(r.returncode, r.stdout.strip(), err.strip())
