# The audit events (PEP 578) of importing modules from files, as
# CPython's importlib raises them: `import`, `os.listdir` when a path
# entry's directory is first listed, `open` of the cache file (also when
# it is missing) and of the source, `compile` of the source, or
# `marshal.loads` of cached code, then `exec` of the module's code; a
# sourceless `.pyc`; reload, runpy and importlib.import_module; a hook
# refusing one of the events stops the import (refusing the cache file's
# `open` with an OSError only skips the cache). Writing the cache raises
# events of its own in CPython (`marshal.dumps`, `os.open` ...) that
# ferrython's cache, not written by importlib, does not: the imports
# watched do not write it.
import importlib, os, py_compile, runpy, shutil, sys, tempfile

d = os.path.realpath(tempfile.mkdtemp(prefix="_audit_import"))
tag = sys.implementation.cache_tag

def write(rel, text):
    os.makedirs(os.path.dirname(os.path.join(d, rel)), exist_ok=True)
    with open(os.path.join(d, rel), "w") as f:
        f.write(text)

write("pkg/__init__.py", "X = 1\n")
write("pkg/sub.py", "from . import leaf\nY = 2\n")
write("pkg/leaf.py", "Z = 3\n")
write("plain.py", "W = 4\n")
write("other/compiled_src.py", "V = 5\n")
write("runme.py", "print('runme ran', __name__)\n")
write("pkg/fresh.py", "from .leaf import Z\n")
REFUSED = {"os.listdir": "r_listdir", "exec": "r_exec", "open": "r_open",
           "compile": "r_compile", "marshal.loads": "r_loads"}
for module in REFUSED.values():
    write(module + ".py", "print('ran')\n")

def show(a):
    if isinstance(a, (bytes, list)):
        return type(a).__name__
    if type(a).__name__ == "code":
        return "code " + a.co_name
    if isinstance(a, str) and a.startswith(d):
        return "DIR" + a[len(d):].replace(tag, "TAG")
    return repr(a)

EVENTS = {"import", "os.listdir", "open", "compile", "marshal.loads", "exec"}
on = False
refuse = None
def hook(event, args):
    if not on or event not in EVENTS:
        return
    print("  ", event, ", ".join(show(a) for a in args))
    if event == refuse and args[0] != d:
        raise PermissionError(f"{event} refused")
sys.addaudithook(hook)

def watch(title, action):
    global on
    print(title)
    on = True
    try:
        action()
    except Exception as e:
        print("   raised", type(e).__name__, e)
    finally:
        on = False

sys.path.insert(0, d)
sys.dont_write_bytecode = True

def imp():
    import pkg.sub
    print("   pkg.sub", pkg.sub.Y, pkg.leaf.Z)
watch("package, submodules, no cache", imp)
watch("plain module, no cache", lambda: __import__("plain"))
watch("already imported", lambda: __import__("plain"))

# Write the cache quietly, then import from it.
sys.dont_write_bytecode = False
del sys.modules["plain"]
import plain
del sys.modules["plain"]
sys.dont_write_bytecode = True
watch("plain module, cached", lambda: __import__("plain"))
watch("reload, cached", lambda: importlib.reload(sys.modules["plain"]))
watch("import_module", lambda: importlib.import_module(".fresh", "pkg"))

# A .pyc without source, written by the running interpreter.
py_compile.compile(os.path.join(d, "other/compiled_src.py"),
                   cfile=os.path.join(d, "compiled.pyc"), doraise=True)
def sourceless():
    import compiled
    print("   compiled", compiled.V)
watch("sourceless .pyc", sourceless)

watch("runpy.run_module", lambda: runpy.run_module("runme"))

# r_loads is imported once to write its cache; r_listdir lives in a
# directory of its own, first on the path: a hook refusing its listing
# (only that one) with PermissionError makes it look empty.
sys.dont_write_bytecode = False
import r_loads
del sys.modules["r_loads"]
sys.dont_write_bytecode = True
os.mkdir(os.path.join(d, "alone"))
os.rename(os.path.join(d, "r_listdir.py"), os.path.join(d, "alone", "r_listdir.py"))
sys.path.insert(0, os.path.join(d, "alone"))
for event, module in REFUSED.items():
    refuse = event
    watch(f"refused {event}", lambda: __import__(module))
    print("   in sys.modules:", module in sys.modules)
refuse = None
sys.path.pop(0)

sys.path.remove(d)
shutil.rmtree(d)
