# Modules imported at start-up, before importlib (site, os ...), and the
# importlib package itself have a spec and a loader like any later import:
# runpy, importlib.reload and find_spec rely on them.
import importlib
import importlib.util
import os
import subprocess
import sys

# (CPython freezes os, posixpath, site and importlib.util: their origin
# differs, so only the names are compared.)
for name in ("os", "posixpath", "site", "importlib.util"):
    m = sys.modules[name]
    print(name, m.__spec__.name, m.__spec__.parent, m.__spec__.loader is m.__loader__)
s = importlib.__spec__
print(s.name, s.origin == importlib.__file__, s.parent, s.submodule_search_locations == importlib.__path__,
      s.loader is importlib.__loader__, s.has_location)
print(__spec__ is None or __spec__.name)
print(importlib.reload(os) is os, os.__spec__.name)
print(importlib.util.find_spec("os").name)
r = subprocess.run([sys.executable, "-m", "importlib"], capture_output=True, text=True)
print(r.returncode, r.stderr.replace(sys.executable, "PYTHON").strip())
r = subprocess.run([sys.executable, "-c", "import importlib, sys; print(sys.modules['__main__'].__spec__)"],
                   capture_output=True, text=True)
print(r.returncode, r.stdout.strip())
