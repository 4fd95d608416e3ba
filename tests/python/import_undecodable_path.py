# Directories whose names are not UTF-8 (str entries holding surrogate
# escapes, as os.fsdecode makes them) are searched by the importer like
# any other: modules, packages, submodules and namespace portions found
# there carry the escaped names in __file__, __spec__, __path__ and
# co_filename. A script's directory and PYTHONPATH entries may be such
# directories too.
import importlib.util
import os
import subprocess
import sys
import tempfile

def rel(p, base):
    return ascii(os.path.relpath(p, base))

with tempfile.TemporaryDirectory() as d:
    top = os.path.join(d, os.fsdecode(b"d\xe9j\xe0"))
    os.mkdir(top)
    with open(os.path.join(top, "undecodable_mod.py"), "w") as f:
        f.write("def where():\n    return where.__code__.co_filename\n")
    pkg = os.path.join(top, "undecodable_pkg")
    os.mkdir(pkg)
    with open(os.path.join(pkg, "__init__.py"), "w") as f:
        f.write("")
    with open(os.path.join(pkg, os.fsdecode(b"sub.py")), "w") as f:
        f.write("x = 1\n")
    os.mkdir(os.path.join(top, "undecodable_ns"))
    with open(os.path.join(top, "undecodable_ns", "part.py"), "w") as f:
        f.write("y = 2\n")
    sys.path.insert(0, top)
    try:
        import undecodable_mod
        print(rel(undecodable_mod.__file__, d), rel(undecodable_mod.where(), d))
        print(rel(undecodable_mod.__spec__.origin, d), undecodable_mod.__spec__.has_location)
        print(rel(os.path.dirname(undecodable_mod.__cached__), d))
        import undecodable_pkg.sub
        print(rel(undecodable_pkg.__file__, d), [rel(p, d) for p in undecodable_pkg.__path__])
        print(rel(undecodable_pkg.sub.__file__, d), undecodable_pkg.sub.x)
        import undecodable_ns.part
        print([rel(p, d) for p in undecodable_ns.__path__], undecodable_ns.part.y)
        print(rel(importlib.util.find_spec("undecodable_mod").origin, d))
    finally:
        sys.path.remove(top)

    # A script in such a directory imports its neighbours.
    script = os.path.join(top, "main.py")
    with open(script, "w") as f:
        f.write("import sys, os, undecodable_mod\n"
                "print(ascii(os.path.basename(sys.path[0])), ascii(os.path.basename(undecodable_mod.__file__)))\n")
    r = subprocess.run([sys.executable, os.fsencode(script)], capture_output=True)
    print(r.returncode, r.stdout.decode(), r.stderr.decode()[-200:])
    # PYTHONPATH may name such a directory too.
    env = dict(os.environb)
    env[b"PYTHONPATH"] = os.fsencode(top) + b":" + os.fsencode(d)
    r = subprocess.run([sys.executable, "-c", "import sys, os, undecodable_pkg.sub as s; "
                        "print(ascii(os.path.basename(os.path.dirname(os.path.dirname(s.__file__)))), "
                        "[ascii(os.path.basename(p)) for p in sys.path[1:2]])"],
                       env=env, capture_output=True)
    print(r.returncode, r.stdout.decode(), r.stderr.decode()[-200:])
