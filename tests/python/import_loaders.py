# Modules show importlib's loaders as __loader__ and __spec__.loader:
# SourceFileLoader for source modules (also those imported before
# importlib), BuiltinImporter for builtin modules and the class
# SourceFileLoader for the __main__ script.
import sys
import json
import importlib
import importlib.abc
import importlib.machinery as machinery
import importlib.util
import os
import textwrap
import tempfile

print("main", type(__loader__).__name__, __spec__)
for m in (json, textwrap):
    loader = m.__loader__
    print(m.__name__, type(loader).__name__, m.__spec__.loader is loader,
          isinstance(loader, machinery.SourceFileLoader),
          isinstance(loader, importlib.abc.InspectLoader))
print("sys", sys.__loader__ is machinery.BuiltinImporter,
      sys.__spec__.loader is machinery.BuiltinImporter,
      type(sys.__spec__) is machinery.ModuleSpec, sys.__spec__.origin)

import json.decoder
loader = json.decoder.__loader__
print("json.decoder", type(loader).__name__, loader.name,
      os.path.basename(loader.path), loader.is_package("json.decoder"))
print("json", json.__loader__.is_package("json"),
      os.path.basename(json.__loader__.get_filename("json")))
print("get_source", json.__loader__.get_source("json").splitlines()[0])
code = json.decoder.__loader__.get_code("json.decoder")
print("get_code", type(code).__name__, os.path.basename(code.co_filename))
try:
    json.__loader__.get_filename("other")
except ImportError as e:
    print(type(e).__name__, e)

spec = importlib.util.find_spec("json.scanner")
print("find_spec", type(spec.loader).__name__, spec.name, spec.parent,
      os.path.basename(spec.origin), spec.has_location)
spec = importlib.util.find_spec("_json")
print("find_spec _json", spec.name, spec.loader is not None)
print("spec of builtin", importlib.util.find_spec("sys").loader is machinery.BuiltinImporter)

# A loader class of one's own, derived from SourceFileLoader, keeps its
# source_to_code.
sys.dont_write_bytecode = True
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "loader_mod.py")
    with open(path, "w") as f:
        f.write("value = 6 * 7\n")

    class Shouting(machinery.SourceFileLoader):
        def source_to_code(self, data, path):
            return compile(data.replace(b"6 * 7", b"'HI'"), path, "exec")

    for cls in (machinery.SourceFileLoader, Shouting):
        spec = importlib.util.spec_from_file_location("loader_mod", path, loader=cls("loader_mod", path))
        m = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(m)
        print(cls.__name__, m.value, m.__loader__ is spec.loader)

    sys.path.insert(0, d)
    import loader_mod
    print("imported", type(loader_mod.__loader__).__name__, loader_mod.__spec__.loader is loader_mod.__loader__,
          loader_mod.__spec__.origin == path, loader_mod.value)
    importlib.reload(loader_mod)
    print("reloaded", loader_mod.value)
    sys.path.remove(d)

# BuiltinImporter, the loader of builtin modules and of -c's __main__.
B = machinery.BuiltinImporter
print("builtin", B.find_spec("sys").loader is B, B.find_spec("json"),
      B.find_spec("sys", None).origin, B.is_package("sys"), B.get_code("sys"),
      B.get_source("sys"), B._ORIGIN)
for f in (B.get_code, B.get_source, B.is_package):
    try:
        f("json")
    except ImportError as e:
        print(type(e).__name__, e, e.name)
try:
    B.create_module(importlib.util.find_spec("json"))
except ImportError as e:
    print(type(e).__name__, e, e.name)
print(B.create_module(B.find_spec("sys")) is sys, B.exec_module(sys))
print(isinstance(B, type), issubclass(B, object), isinstance(B.find_spec("sys"), machinery.ModuleSpec))

# __main__ of -c and of standard input has BuiltinImporter from the start.
import subprocess
for args, stdin in ((["-c", "print(__loader__)"], None), ([], "print(__loader__)\n")):
    out = subprocess.run([sys.executable, *args], input=stdin, capture_output=True, text=True).stdout
    print("main loader", args, out.strip() == repr(B))
