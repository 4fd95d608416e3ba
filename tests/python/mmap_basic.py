# The mmap module: anonymous and file-backed maps, the file-like methods,
# indexing and slices, find, resize, buffer use and the error cases.
import mmap
import os
import re
import tempfile
import weakref


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


print("constants", mmap.ACCESS_DEFAULT, mmap.ACCESS_READ, mmap.ACCESS_WRITE, mmap.ACCESS_COPY)
print("pages", mmap.PAGESIZE == os.sysconf("SC_PAGESIZE"), mmap.ALLOCATIONGRANULARITY == mmap.PAGESIZE)
print("flags", mmap.MAP_SHARED, mmap.MAP_PRIVATE, mmap.MAP_ANONYMOUS == mmap.MAP_ANON, mmap.PROT_READ, mmap.PROT_WRITE)
print("madv", mmap.MADV_NORMAL, mmap.MADV_DONTNEED, mmap.MADV_FREE)
print("error", mmap.error is OSError)

# ---- anonymous map -------------------------------------------------------
m = mmap.mmap(-1, 64)
print(repr(m), len(m), m.closed, m.tell(), m.seekable())
print("zeroed", m[:8], m[0], m[-1])
print("write", m.write(b"hello world\nsecond line\nthird"), m.tell())
print("seek", m.seek(0), m.readline(), m.readline(), m.tell())
print("read", m.read(5), m.read_byte(), m.seek(-3, 2), m.read(), m.read(10))
m.seek(0)
print("find", m.find(b"o"), m.find(b"o", 5), m.rfind(b"o"), m.find(b"line", 0, 10), m.find(b"zzz"), m.find(b"l", -50))
print("rfind", m.rfind(b"line"), m.rfind(b"e", 0, 12), m.find(b""), m.rfind(b"", 2, 1))
m[0] = ord("H")
m[6:11] = b"WORLD"
m[::16] = bytes(4)
print("assigned", m[:30])
print("slices", m[1:5], m[-5:], m[10:2:-3], m[100:], len(m[::7]))
m.move(32, 0, 11)
print("moved", m[32:43])
print("iter", list(m)[1:3], b"W" in m)
m.seek(60)
m.write_byte(0x41)
print("write_byte", m[60], m.tell())
print("flush", m.flush(), m.flush(0, mmap.PAGESIZE if len(m) >= mmap.PAGESIZE else len(m)))
print("madvise", m.madvise(mmap.MADV_NORMAL), m.madvise(mmap.MADV_WILLNEED, 0, 10))

# buffer protocol
mv = memoryview(m)
print("memoryview", mv.nbytes, mv.readonly, mv.format, bytes(mv[1:5]))
show("close while exported", m.close)
show("resize while exported", lambda: m.resize(10))
mv.release()
print("bytes", bytes(m)[:12], bytearray(m)[1:3])
print("re", re.search(rb"WO.LD", m).span(), re.findall(rb"line", m))

# resize
m.seek(50)
m.resize(200)
print("grown", len(m), m.tell(), m[190:], m[:5])
m.resize(20)
print("shrunk", len(m), m.tell(), m.read(5), repr(m))
show("read_byte past end", m.read_byte)
show("write past end", lambda: m.write(b"x"))

# error cases
for label, f in [
    ("index", lambda: m[20]),
    ("negative index", lambda: m[-21]),
    ("str index", lambda: m["a"]),
    ("item value", lambda: m.__setitem__(0, 256)),
    ("item type", lambda: m.__setitem__(0, b"a")),
    ("item delete", lambda: m.__delitem__(0)),
    ("slice delete", lambda: m.__delitem__(slice(0, 2))),
    ("slice size", lambda: m.__setitem__(slice(0, 2), b"abc")),
    ("slice str", lambda: m.__setitem__(slice(0, 2), "ab")),
    ("seek whence", lambda: m.seek(0, 3)),
    ("seek range", lambda: m.seek(21)),
    ("seek negative", lambda: m.seek(-1)),
    ("find str", lambda: m.find("a")),
    ("find no args", lambda: m.find()),
    ("read float", lambda: m.read(1.5)),
    ("write_byte big", lambda: m.write_byte(300)),
    ("write_byte negative", lambda: m.write_byte(-1)),
    ("move range", lambda: m.move(0, 15, 10)),
    ("flush range", lambda: m.flush(0, 100)),
    ("madvise start", lambda: m.madvise(mmap.MADV_NORMAL, 50)),
    ("madvise length", lambda: m.madvise(mmap.MADV_NORMAL, 0, -1)),
    ("resize negative", lambda: m.resize(-1)),
    ("size of anonymous", lambda: m.size()),
    ("concat", lambda: m + m),
    ("length", lambda: mmap.mmap(-1, -1)),
    ("offset", lambda: mmap.mmap(-1, 10, offset=-1)),
    ("zero length", lambda: mmap.mmap(-1, 0)),
    ("access", lambda: mmap.mmap(-1, 10, access=7)),
    ("access and prot", lambda: mmap.mmap(-1, 10, prot=mmap.PROT_READ, access=mmap.ACCESS_WRITE)),
    ("bad fd", lambda: mmap.mmap(-2, 10)),
    ("missing", lambda: mmap.mmap()),
    ("keyword", lambda: mmap.mmap(-1, 10, size=3)),
]:
    show(label, f)

with m:
    print("in with", m.closed)
print("after with", m.closed, repr(m))
for label, f in [
    ("closed len", lambda: len(m)),
    ("closed read", m.read),
    ("closed index", lambda: m[0]),
    ("closed enter", m.__enter__),
    ("closed bytes", lambda: bytes(m)),
    ("closed close", m.close),
    ("closed seekable", m.seekable),
]:
    show(label, f)

# read-only and copy-on-write maps
r = mmap.mmap(-1, 16, prot=mmap.PROT_READ)
print("read-only", repr(r), memoryview(r).readonly)
show("write readonly", lambda: r.write(b"x"))
show("setitem readonly", lambda: r.__setitem__(0, 1))
show("writable view of readonly", lambda: r.__setitem__(slice(0, 1), memoryview(r)[:1]))
show("resize readonly", lambda: r.resize(32))
c = mmap.mmap(-1, 16, access=mmap.ACCESS_COPY)
show("resize copy", lambda: c.resize(32))


class Sub(mmap.mmap):
    pass


s = Sub(-1, 8)
print("subclass", type(s).__name__, len(s), weakref.ref(s)() is s)

# ---- file-backed maps ----------------------------------------------------
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "data.bin")
    with open(path, "wb") as f:
        f.write(b"0123456789" * mmap.PAGESIZE)
    with open(path, "r+b") as f:
        fm = mmap.mmap(f.fileno(), 0)
        print("file map", len(fm), fm.size(), fm[:12], fm.find(b"90"))
        fm[0:4] = b"ABCD"
        fm.flush()
        fm.close()
    with open(path, "rb") as f:
        print("written through", f.read(6))
    with open(path, "r+b") as f:
        off = mmap.mmap(f.fileno(), 20, offset=mmap.PAGESIZE)
        print("offset map", len(off), off[:10], repr(off).split(",")[-1])
        off.close()
        ro = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        print("read access", ro[:4], memoryview(ro).readonly)
        show("write read access", lambda: ro.write(b"x"))
        ro.close()
        cow = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_COPY)
        cow[:4] = b"copy"
        print("copy access", cow[:4], cow.flush())
        cow.close()
        g = mmap.mmap(f.fileno(), 0)
        g.resize(100)
        print("resized file", len(g), g.size(), os.path.getsize(path))
        g.close()
        show("length too big", lambda: mmap.mmap(f.fileno(), 1000))
        show("offset too big", lambda: mmap.mmap(f.fileno(), 0, offset=mmap.PAGESIZE))
    with open(path, "rb") as f:
        print("after copy", f.read(4))
    empty = os.path.join(tmp, "empty")
    open(empty, "wb").close()
    with open(empty, "r+b") as f:
        show("empty file", lambda: mmap.mmap(f.fileno(), 0))
    with open(path, "r+b") as f:
        with mmap.mmap(f.fileno(), 10, trackfd=False) as nt:
            show("trackfd size", nt.size)
            show("trackfd resize", lambda: nt.resize(5))
            print("trackfd read", nt[:3])
