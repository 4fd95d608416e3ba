# io.text_encoding() and EncodingWarning (PEP 597) under -X utf8 and
# -X warn_default_encoding; the abstract _io classes have __dict__;
# builtins.open is io.open; stdout written by a finalizer at exit is
# flushed.
import io
import subprocess
import sys

code = "import io; print(io.text_encoding(None))"
for opt in ("utf8=0", "utf8=1"):
    r = subprocess.run([sys.executable, "-X", opt, "-c", code], capture_output=True)
    print(opt, r.stdout.strip())

code = """if 1:
    import io, tempfile, os
    name = os.path.join(tempfile.mkdtemp(), "f")
    with open(name, "w") as f:
        pass
    io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    def read_text(p):
        with open(p, encoding=io.text_encoding(None)) as f:
            return f.read()
    read_text(name)
"""
r = subprocess.run([sys.executable, "-X", "warn_default_encoding", "-c", code], capture_output=True)
lines = [l for l in r.stderr.decode().splitlines() if "EncodingWarning" in l]
print(r.returncode, lines)

code = """if 1:
    import io
    class C:
        def __del__(self):
            io.TextIOWrapper(io.BytesIO())
            print("ok")
    c = C()
"""
r = subprocess.run([sys.executable, "-c", code], capture_output=True)
print(r.returncode, r.stdout)

for o in (io.IOBase(), io.RawIOBase(), io.BufferedIOBase(), io.TextIOBase(), io.StringIO(), io.BytesIO()):
    o.attr = 1
    print(type(o).__name__, o.__dict__)
print(io.open is open, open.__module__)
