# Source modules are cached in __pycache__/NAME.<cache_tag>.pyc: the cache
# is written on first import, used while the source is unchanged, and
# ignored when the source changes or the cache file is damaged. A coding
# cookie in the source is honoured.
import os
import sys
import tempfile

sys.dont_write_bytecode = False
tmp = tempfile.mkdtemp()
sys.path.insert(0, tmp)
src = os.path.join(tmp, "cachedmod.py")
cache = os.path.join(tmp, "__pycache__", f"cachedmod.{sys.implementation.cache_tag}.pyc")


def write(text):
    with open(src, "w") as f:
        f.write(text)


def load():
    sys.modules.pop("cachedmod", None)
    import cachedmod
    return cachedmod


write("VALUE = 1\ndef f(x=(1, 2.5, 'a', b'b', None, ...)):\n    return [x, -3j, 10**30]\n")
m = load()
print(m.VALUE, m.f(), m.__cached__ == cache, os.path.exists(cache))
st = os.stat(cache)
m = load()
print(m.VALUE, m.f(), os.stat(cache).st_mtime_ns == st.st_mtime_ns)
print(m.f.__code__.co_filename == src)

write("VALUE = 22\n")
m = load()
print(m.VALUE, hasattr(m, "f"))

with open(cache, "wb") as f:
    f.write(b"not a cache file at all")
m = load()
print(m.VALUE)

write("def broken(:\n")
try:
    load()
except SyntaxError as e:
    print(type(e).__name__, e.lineno)

with open(os.path.join(tmp, "latin.py"), "wb") as f:
    f.write(b"# -*- coding: latin-1 -*-\nS = '\xe9t\xe9'\n")
import latin
print(latin.S, len(latin.S))

sys.dont_write_bytecode = True
with open(os.path.join(tmp, "nowrite.py"), "w") as f:
    f.write("X = 5\n")
import nowrite
print(nowrite.X, os.path.exists(os.path.join(tmp, "__pycache__",
      f"nowrite.{sys.implementation.cache_tag}.pyc")))
