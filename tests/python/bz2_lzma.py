# The _bz2 and _lzma modules and the library built on them: one-shot and
# incremental round trips, max_length, unused_data, errors on bad data,
# the file APIs, tarfile, zipfile and shutil archives.
import bz2
import io
import lzma
import os
import shutil
import tarfile
import tempfile
import zipfile

import _bz2
import _lzma


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


data = b"".join(b"line %d of some text, repeated a little: %s\n" % (i, b"ab" * (i % 7)) for i in range(2000))
print("data", len(data))

# ---- bz2 -----------------------------------------------------------------
for level in (1, 5, 9):
    c = bz2.compress(data, level)
    print("bz2 level", level, c[:4], bz2.decompress(c) == data)
show("bz2 empty", lambda: bz2.decompress(bz2.compress(b"")))
c = bz2.compress(data)
show("bz2 concatenated", lambda: bz2.decompress(c + c) == data * 2)

comp = _bz2.BZ2Compressor(3)
parts = [comp.compress(data[i:i + 1000]) for i in range(0, len(data), 1000)]
parts.append(comp.flush())
print("bz2 incremental", bz2.decompress(b"".join(parts)) == data)
show("bz2 flush twice", comp.flush)
show("bz2 compress after flush", lambda: comp.compress(b"x"))
show("bz2 compress str", lambda: _bz2.BZ2Compressor().compress("text"))
for args in [(0,), (10,), ("9",), (1, 2)]:
    show("BZ2Compressor%r" % (args,), lambda: _bz2.BZ2Compressor(*args))
show("BZ2Decompressor(1)", lambda: _bz2.BZ2Decompressor(1))

d = _bz2.BZ2Decompressor()
print("bz2 fresh", d.eof, d.needs_input, d.unused_data)
out = d.decompress(c[:100], max_length=10)
print("bz2 limited", len(out), d.needs_input, d.eof)
while not d.eof:
    out += d.decompress(b"" if not d.needs_input else c[100:] + b"trailing", 4096)
print("bz2 drained", out == data, d.eof, d.needs_input, d.unused_data)
show("bz2 after eof", lambda: d.decompress(b"more"))
show("bz2 garbage", lambda: bz2.decompress(b"BZh9" + b"\x00" * 40))
show("bz2 not bz2", lambda: bz2.decompress(b"plain text that is long enough"))
show("bz2 truncated", lambda: bz2.decompress(c[:-10]))
show("bz2 negative max_length", lambda: len(_bz2.BZ2Decompressor().decompress(c, -5)))
show("bz2 zero max_length", lambda: _bz2.BZ2Decompressor().decompress(c, 0))

# ---- lzma ----------------------------------------------------------------
for fmt in (lzma.FORMAT_XZ, lzma.FORMAT_ALONE):
    for preset in (0, 6, 9 | lzma.PRESET_EXTREME):
        c = lzma.compress(data, format=fmt, preset=preset)
        print("lzma", fmt, preset, c[:3], lzma.decompress(c) == data)
for check in (lzma.CHECK_NONE, lzma.CHECK_CRC32, lzma.CHECK_CRC64, lzma.CHECK_SHA256):
    dec = lzma.LZMADecompressor()
    print("check", check, dec.check, end=" ")
    print(dec.decompress(lzma.compress(data, check=check)) == data, dec.check)
filters = [
    {"id": lzma.FILTER_DELTA, "dist": 4},
    {"id": lzma.FILTER_X86, "start_offset": 0},
    {"id": lzma.FILTER_LZMA2, "preset": 1, "dict_size": 1 << 20, "mf": lzma.MF_BT4, "mode": lzma.MODE_NORMAL},
]
raw = lzma.compress(data, format=lzma.FORMAT_RAW, filters=filters)
print("raw", lzma.decompress(raw, format=lzma.FORMAT_RAW, filters=filters) == data)
xz = lzma.compress(data, filters=filters[2:])
print("xz filters", lzma.decompress(xz) == data)
one = [{"id": lzma.FILTER_LZMA1, "lc": 2, "lp": 1, "pb": 1}]
print("alone filters", lzma.decompress(lzma.compress(data, format=lzma.FORMAT_ALONE, filters=one)) == data)
c = lzma.compress(data)
print("lzma concatenated", lzma.decompress(c + c) == data * 2)

d = lzma.LZMADecompressor()
out = d.decompress(c[:200], max_length=100)
print("lzma limited", len(out), d.needs_input, d.eof)
while not d.eof:
    out += d.decompress(b"" if not d.needs_input else c[200:] + b"junk", 5000)
print("lzma drained", out == data, d.eof, d.needs_input, d.unused_data, d.check)
show("lzma after eof", lambda: d.decompress(b"x"))
show("lzma garbage", lambda: lzma.decompress(b"definitely not lzma data at all"))
show("lzma truncated", lambda: lzma.decompress(c[:-10]))
show("lzma corrupt", lambda: lzma.decompress(c[:40] + bytes(20) + c[60:]))
show("lzma memlimit", lambda: lzma.decompress(c, memlimit=1024))
show("lzma raw no filters", lambda: lzma.LZMACompressor(format=lzma.FORMAT_RAW))
show("lzma bad format", lambda: lzma.LZMACompressor(format=9))
show("lzma check with alone", lambda: lzma.LZMACompressor(format=lzma.FORMAT_ALONE, check=lzma.CHECK_CRC32))
show("lzma preset and filters", lambda: lzma.LZMACompressor(preset=1, filters=filters))
show("lzma bad preset", lambda: lzma.LZMACompressor(preset=42))
show("lzma bad filter id", lambda: lzma.LZMACompressor(filters=[{"id": 99}]))
show("lzma filter without id", lambda: lzma.LZMACompressor(filters=[{"dist": 1}]))
show("lzma filter not a dict", lambda: lzma.LZMACompressor(filters=[3]))
show("lzma filter bad option", lambda: lzma.LZMACompressor(filters=[{"id": lzma.FILTER_LZMA2, "colour": 1}]))
show("lzma too many filters", lambda: lzma.LZMACompressor(filters=[{"id": lzma.FILTER_DELTA}] * 5))
show("lzma alone two filters", lambda: lzma.LZMACompressor(format=lzma.FORMAT_ALONE, filters=filters))
show("lzma decompressor filters", lambda: lzma.LZMADecompressor(filters=filters))
show("lzma raw memlimit", lambda: lzma.LZMADecompressor(format=lzma.FORMAT_RAW, memlimit=1 << 20))
comp = lzma.LZMACompressor()
comp.compress(b"abc")
comp.flush()
show("lzma flush twice", comp.flush)
show("lzma compress after flush", lambda: comp.compress(b"x"))
print("checks supported", [lzma.is_check_supported(i) for i in range(17)])
print("encode props", _lzma._encode_filter_properties({"id": lzma.FILTER_LZMA1, "preset": 3}))
print("decode props", _lzma._decode_filter_properties(lzma.FILTER_LZMA1, b"]\x00\x00\x10\x00"))
print("decode lzma2", _lzma._decode_filter_properties(lzma.FILTER_LZMA2, b"\x10"))
print("decode delta", _lzma._decode_filter_properties(lzma.FILTER_DELTA, b"\x03"))
print("LZMAError", lzma.LZMAError.__mro__[1].__name__, lzma.LZMAError.__module__)
print("constants", lzma.FORMAT_AUTO, lzma.CHECK_UNKNOWN, lzma.CHECK_ID_MAX, lzma.FILTER_LZMA1, lzma.PRESET_EXTREME, lzma.MF_HC3, lzma.MODE_FAST)

# ---- file APIs -----------------------------------------------------------
with tempfile.TemporaryDirectory() as tmp:
    p = os.path.join(tmp, "t.bz2")
    with bz2.open(p, "wt", encoding="utf-8") as f:
        f.write("héllo\n" * 100)
    with bz2.BZ2File(p) as f:
        print("BZ2File", f.readline(), len(f.read()), f.seekable())
        f.seek(3)
        print("BZ2File seek", f.read(4), f.tell())
    with bz2.open(p, "ab") as f:
        f.write(b"appended")
    with bz2.open(p, "rb") as f:
        print("bz2 appended", f.read()[-12:])
    q = os.path.join(tmp, "t.xz")
    with lzma.open(q, "wb", preset=1) as f:
        f.write(data)
    with lzma.LZMAFile(q) as f:
        print("LZMAFile", f.read(12), f.peek(1)[:1])
    with lzma.open(q, "rt", encoding="ascii") as f:
        print("lzma lines", sum(1 for _ in f))
    buf = io.BytesIO()
    with lzma.LZMAFile(buf, "w", format=lzma.FORMAT_ALONE) as f:
        f.write(b"in memory")
    print("LZMAFile memory", lzma.decompress(buf.getvalue()))

    # tarfile with xz and bz2
    src = os.path.join(tmp, "src")
    os.mkdir(src)
    for name, body in [("a.txt", b"alpha\n" * 50), ("b.bin", bytes(range(256)) * 4)]:
        with open(os.path.join(src, name), "wb") as f:
            f.write(body)
    for mode in ("w:xz", "w:bz2", "w:gz"):
        tp = os.path.join(tmp, "arch." + mode[2:])
        with tarfile.open(tp, mode) as t:
            t.add(os.path.join(src, "a.txt"), "a.txt")
            t.add(os.path.join(src, "b.bin"), "b.bin")
        with tarfile.open(tp) as t:
            names = t.getnames()
            print("tar", mode, names, t.extractfile("b.bin").read() == bytes(range(256)) * 4)

    # shutil archives
    for fmt in ("gztar", "bztar", "xztar"):
        arc = shutil.make_archive(os.path.join(tmp, "sh_" + fmt), fmt, src)
        out_dir = os.path.join(tmp, "out_" + fmt)
        shutil.unpack_archive(arc, out_dir)
        print("shutil", fmt, os.path.basename(arc), sorted(os.listdir(out_dir)))

    # zipfile with bzip2 and lzma
    for method in (zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA, zipfile.ZIP_DEFLATED):
        zp = os.path.join(tmp, "z%d.zip" % method)
        with zipfile.ZipFile(zp, "w", compression=method) as z:
            z.writestr("data.txt", data)
            z.write(os.path.join(src, "b.bin"), "b.bin")
        with zipfile.ZipFile(zp) as z:
            info = z.getinfo("data.txt")
            print("zip", method, info.compress_type, z.read("data.txt") == data, z.testzip())
