# array.array as a buffer exporter: memoryview formats and shapes, bytes(),
# struct.pack_into / unpack_from, readinto, hashlib, bytes.join, and the
# BufferError for resizing while a view is alive.
import array
import hashlib
import io
import struct
import warnings

warnings.simplefilter("ignore", DeprecationWarning)


def show(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("  ", r)


for tc in array.typecodes:
    a = array.array(tc, "ab" if tc in "uw" else [1, 2])
    with memoryview(a) as m:
        print(tc, m.format, m.itemsize, m.ndim, m.shape, m.strides, m.nbytes,
              m.readonly, m.contiguous, m.c_contiguous, len(m), m.obj is a)
        if tc not in "uw":
            print("  ", m.tolist(), m[0], m[-1])
    print("  ", bytes(a) == a.tobytes(), len(bytes(a)))

# writing through a view
a = array.array("i", [1, 2, 3])
with memoryview(a) as m:
    m[0] = 10
    m[1:3] = array.array("i", [20, 30])
    print(a, m.tolist())
    with m.cast("B") as mb:
        mb[0] = 11
        print(mb.format, len(mb), a[0])
    show(lambda: m.__setitem__(0, 2**40))
    show(lambda: m.__setitem__(0, 1.5))
with memoryview(array.array("d", [0.5, 1.5])) as m:
    print(m.tolist(), m[1], m.cast("B").nbytes)
with memoryview(array.array("w", "hi")) as m:
    show(lambda: m[0])
    show(lambda: m.tolist())
    print(m.tobytes())
empty = array.array("q")
with memoryview(empty) as m:
    print(m.shape, m.nbytes, m.tobytes(), m.tolist())

# struct
b = array.array("B", bytes(12))
struct.pack_into("<iH", b, 2, -2, 513)
print(b, struct.unpack_from("<iH", b, 2), struct.unpack_from("<6H", b))
show(lambda: struct.pack_into("<q", b, 8, 1))
h = array.array("h", [0] * 4)
struct.pack_into("=hh", h, 2, 7, -7)
print(h, struct.unpack("4h", h), struct.unpack("4h", memoryview(h)))
print(list(struct.iter_unpack("<h", array.array("h", [5, 6]))))

# files
buf = io.BytesIO(b"\x01\x00\x00\x00\x02\x00\x00\x00\x03\x00")
r = array.array("i", [0, 0, 0])
print(buf.readinto(r), r)
r2 = array.array("b", [0] * 4)
print(io.BytesIO(b"xyz").readinto(r2), r2)
bio = io.BytesIO()
print(bio.write(array.array("h", [1, -1])), bio.getvalue())

# bytes-like consumers
d = array.array("H", [0x6261, 0x6463])
print(b"".join([d, b"!"]), b"-".join([array.array("B", b"xy"), bytearray(b"z")]))
print(bytearray(d), bytes(array.array("b")), d.tobytes() in b"abcd")
print(hashlib.md5(d).hexdigest(), hashlib.sha256(array.array("d", [1.0])).hexdigest()[:16])
print(b"ab" in bytes(d), bytes(d).decode(), memoryview(d).tobytes().hex())
print(array.array("B", b"abc") == array.array("B", bytes(memoryview(b"abc"))))
print(array.array("b", memoryview(b"\x01\x02")), array.array("i", memoryview(array.array("i", [7]))))

# resizing while exported
x = array.array("i", [1, 2, 3])
m = memoryview(x)
for name, f in [
    ("append", lambda: x.append(4)),
    ("extend", lambda: x.extend([4])),
    ("extend empty", lambda: x.extend([])),
    ("insert", lambda: x.insert(0, 4)),
    ("pop", lambda: x.pop()),
    ("remove", lambda: x.remove(1)),
    ("clear", lambda: x.clear()),
    ("frombytes", lambda: x.frombytes(b"\0\0\0\0")),
    ("frombytes self", lambda: x.frombytes(memoryview(x).cast("B"))),
    ("fromlist", lambda: x.fromlist([1])),
    ("fromlist empty", lambda: x.fromlist([])),
    ("iadd", lambda: x.__iadd__(array.array("i", [1]))),
    ("imul", lambda: x.__imul__(2)),
    ("imul 1", lambda: x.__imul__(1)),
    ("del item", lambda: x.__delitem__(0)),
    ("del slice", lambda: x.__delitem__(slice(0, 2))),
    ("del empty slice", lambda: x.__delitem__(slice(2, 0))),
    ("grow slice", lambda: x.__setitem__(slice(0, 1), array.array("i", [5, 6]))),
    ("same size slice", lambda: x.__setitem__(slice(0, 2), array.array("i", [5, 6]))),
    ("set item", lambda: x.__setitem__(2, 9)),
    ("reverse", lambda: x.reverse()),
    ("byteswap", lambda: x.byteswap()),
]:
    try:
        r = f()
        print(name, "ok", x)
    except BufferError as e:
        print(name, "BufferError", e)
x.byteswap()
print(x, m.tolist())
m.release()
x.append(4)
print(x)
with memoryview(x) as m1, memoryview(x) as m2:
    m1.release()
    show(lambda: x.append(5))
    print(m2[0])
x.append(5)
print(x)
v = memoryview(x)
del v
x.append(6)
print(x)
