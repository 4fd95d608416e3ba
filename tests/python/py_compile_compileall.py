# py_compile and compileall write .pyc files that importlib's loaders read
# back: SourcelessFileLoader, SourceFileLoader.get_code, runpy.run_path on
# a .pyc, and `-m py_compile` / `-m compileall`. A .pyc whose magic number
# is not this interpreter's is refused with ImportError. File contents
# are implementation-specific; behaviour is printed.
import compileall
import importlib.util
import os
import py_compile
import runpy
import subprocess
import sys
import tempfile
from importlib.machinery import SourceFileLoader, SourcelessFileLoader

tmp = tempfile.mkdtemp()


def write(rel, text):
    path = os.path.join(tmp, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    return path


def rel(path):
    return os.path.relpath(path, tmp).replace(sys.implementation.cache_tag, "TAG")


src = write("mod1.py", "X = 40\n\ndef f(y=2):\n    return X + y\n\nprint('ran mod1', f())\n")
magic = importlib.util.MAGIC_NUMBER
print(len(magic), magic[2:], magic == importlib._bootstrap_external.MAGIC_NUMBER)

cfile = py_compile.compile(src, doraise=True)
print(rel(cfile), cfile == importlib.util.cache_from_source(src))
with open(cfile, "rb") as fh:
    head = fh.read(16)
print(head[:4] == magic, int.from_bytes(head[4:8], "little"))

loader = SourcelessFileLoader("mod1", cfile)
spec = importlib.util.spec_from_loader("mod1", loader)
m = importlib.util.module_from_spec(spec)
loader.exec_module(m)
print(m.f(3), m.f.__code__.co_filename == cfile or os.path.basename(m.f.__code__.co_filename))

code = SourceFileLoader("mod1", src).get_code("mod1")
print(type(code).__name__, os.path.basename(code.co_filename))
ns = runpy.run_path(cfile)
print(ns["X"], ns["f"]())

# A legacy .pyc loaded by file name.
legacy = py_compile.compile(src, cfile=os.path.join(tmp, "legacy.pyc"), doraise=True)
print(rel(legacy))
lspec = importlib.util.spec_from_file_location("legacy", legacy)
lmod = importlib.util.module_from_spec(lspec)
lspec.loader.exec_module(lmod)
print(lmod.f(0), type(lspec.loader).__name__)
# ... and found by import on sys.path.
sys.path.insert(0, tmp)
import legacy  # noqa: E402

print(legacy.f(1), os.path.basename(legacy.__file__))
write("pkg2/__init__.py", "B = 2\n")
py_compile.compile(os.path.join(tmp, "pkg2", "__init__.py"),
                   cfile=os.path.join(tmp, "pkg2", "__init__.pyc"), doraise=True)
os.remove(os.path.join(tmp, "pkg2", "__init__.py"))
import pkg2  # noqa: E402

print(pkg2.B, os.path.basename(pkg2.__file__))

# Hash-based pycs.
h = py_compile.compile(src, cfile=os.path.join(tmp, "h.pyc"), doraise=True,
                       invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
with open(h, "rb") as fh:
    data = fh.read()
print(int.from_bytes(data[4:8], "little"),
      data[8:16] == importlib.util.source_hash(open(src, "rb").read()))

# compileall over a package tree.
write("pkg/__init__.py", "A = 1\n")
write("pkg/sub/__init__.py", "")
write("pkg/sub/m.py", "def g():\n    return 'g'\n")
write("pkg/bad.py", "def (:\n")
print(compileall.compile_dir(os.path.join(tmp, "pkg"), quiet=2))
for root, dirs, files in sorted(os.walk(os.path.join(tmp, "pkg"))):
    dirs.sort()
    for name in sorted(files):
        print(" ", rel(os.path.join(root, name)))
print(compileall.compile_file(src, quiet=1, force=True))
mpyc = importlib.util.cache_from_source(os.path.join(tmp, "pkg", "sub", "m.py"))
loader = SourcelessFileLoader("m", mpyc)
print(loader.get_code("m").co_consts[0].co_name if hasattr(loader.get_code("m").co_consts[0], "co_name") else None)

# A pyc with another magic number is refused.
bad = os.path.join(tmp, "badmagic.pyc")
with open(bad, "wb") as fh:
    fh.write(b"\xf3\r\r\n" if magic != b"\xf3\r\r\n" else b"\x00\x00\r\n")
    fh.write(data[4:])
try:
    SourcelessFileLoader("badmagic", bad).get_code("badmagic")
except ImportError as e:
    print("ImportError:", str(e).split(":")[0])

with open(os.path.join(tmp, "foreign.pyc"), "wb") as fh:
    fh.write(b"\x00\x00\r\n" + data[4:])
try:
    import foreign  # noqa: F401
except ImportError as e:
    print("ImportError:", e)

# The command-line entry points.
for args in (["-m", "py_compile", src], ["-m", "compileall", "-q", os.path.join(tmp, "pkg", "sub")]):
    r = subprocess.run([sys.executable] + args, capture_output=True, text=True)
    print(args[1], r.returncode, r.stdout, r.stderr)
