# memoryview: construction, attributes, indexing, slicing, conversion,
# comparison, assignment, casts, release and the buffer exports it holds.
def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


b = b"hello world"
m = memoryview(b)
print(type(m).__name__, len(m), m.nbytes, m.readonly, m.itemsize)
print(m.format, m.ndim, m.shape, m.strides, m.suboffsets)
print(m.c_contiguous, m.f_contiguous, m.contiguous, repr(m).startswith("<memory at"))
print(m.obj is b, m[0], m[-1], m[1:5].tobytes(), m[::2].tobytes())
print(m[::-1].tobytes(), m[::2].strides, m[::2].contiguous, len(m[3:3]))
print(m.tobytes(), m.tolist()[:3], m.hex(), m[:4].hex(":"))
print(m == b, m == b"hello", m != b, m == m[:], m[:5] == memoryview(b"hello"))
print(m == "hello world", m == 5, m[::2] == b[::2])
print(bytes(m[6:]), bytearray(m[:5]), list(m[:3]))
print(hash(m) == hash(b), hash(m[:5]) == hash(b"hello"))
attempt("index", lambda: m[11])
attempt("negative", lambda: m[-12])
attempt("key", lambda: m["a"])
attempt("setro", lambda: m.__setitem__(0, 1))
attempt("delete", lambda: m.__delitem__(0))
attempt("int", lambda: memoryview(5))
attempt("str", lambda: memoryview("abc"))
attempt("noarg", lambda: memoryview())
attempt("kw", lambda: memoryview(object=b"ab").tobytes())

ba = bytearray(b"abcdef")
w = memoryview(ba)
print(w.readonly, w.obj is ba)
w[0] = 65
w[1:3] = b"XY"
w[-1] = ord("z")
print(ba)
attempt("range", lambda: w.__setitem__(0, 256))
attempt("type", lambda: w.__setitem__(0, b"a"))
attempt("structure", lambda: w.__setitem__(slice(0, 2), b"abc"))
attempt("resize", lambda: ba.append(1))
attempt("hash writable", lambda: hash(w))
w2 = memoryview(w)
print(w2.obj is ba, w2.tobytes())
w.release()
attempt("resize with w2", lambda: ba.extend(b"!"))
w2.release()
ba.append(ord("!"))
print(ba, repr(w).startswith("<released memory"))
attempt("released len", lambda: len(w))
attempt("released item", lambda: w[0])
attempt("released tobytes", lambda: w.tobytes())
print(w == w, w == w2)

with memoryview(bytearray(b"ctx")) as c:
    print(c.tobytes(), repr(c)[:8])
print(repr(c)[:17])

x = memoryview(bytearray(range(8)))
i = x.cast("i")
print(i.format, i.itemsize, len(i), i.shape, i.strides, i.nbytes)
i[0] = -1
print(x.tolist(), i.tolist(), i[1])
print(i.cast("B").tolist() == x.tolist(), x.cast("c")[:2].tolist())
s = x.cast("B", shape=[2, 4])
print(s.ndim, s.shape, s.strides, s.tolist())
attempt("2d index", lambda: s[0])
attempt("2d len", lambda: len(s))
attempt("bad cast", lambda: x.cast("i", shape=[3]))
attempt("non-byte", lambda: i.cast("h"))
attempt("format", lambda: x.cast("<i"))
attempt("multiple", lambda: memoryview(b"abc").cast("h"))
attempt("strided", lambda: x[::2].cast("B"))
h = memoryview(bytearray(8)).cast("h")
h[1] = 300
attempt("h range", lambda: h.__setitem__(0, 40000))
print(h.tolist(), h == [0, 300, 0, 0], memoryview(b"\x01\x00").cast("h") == memoryview(b"\x01"))
d = memoryview(bytearray(16)).cast("d")
d[0] = 1.5
print(d.tolist(), d[1])
q = memoryview(bytearray(2)).cast("?")
q[1] = 5
print(q.tolist(), q.format)
r = memoryview(b"xyz").toreadonly()
print(r.readonly, r.tobytes())
e = memoryview(bytearray(b"abc"))
with e:
    inner = memoryview(e)
attempt("exported release", lambda: e.tobytes())
print(inner.tobytes())

# Zero-dimensional views, Fortran order, cast rules, strided and
# overlapping slice assignment, iteration and use as bytes-like.
m = memoryview(b"abc")
try: print(m[...] is m)
except Exception as e: print(type(e).__name__, e)
print(type(iter(m)).__name__)
z = memoryview(b"\x05").cast("B", shape=[])
print(z.ndim, z.shape, z.strides, z.tolist(), z[()], z[...] is z)
try: len(z)
except Exception as e: print(type(e).__name__, e)
try: z[0]
except Exception as e: print(type(e).__name__, e)
print(z == memoryview(b"\x05").cast("B", shape=[]))
x = memoryview(bytearray(range(6))).cast("B", shape=[2,3])
print(x.tobytes("F"), x.tobytes("A"), x.tobytes(None))
try: x.tobytes("X")
except Exception as e: print(type(e).__name__, e)
print(x.cast("B").tolist())
try: x.cast("c", shape=[3,2])
except Exception as e: print(type(e).__name__, e)
try: memoryview(b"ab") < memoryview(b"b")
except Exception as e: print(type(e).__name__, e)
print(memoryview(b"ab").cast("B", [2]) .shape)
try: memoryview(b"ab").cast(1)
except Exception as e: print(type(e).__name__, e)
try: memoryview(b"ab").cast("B", shape=[0])
except Exception as e: print(type(e).__name__, e)
try: memoryview(b"abc")[1:2] = b"x"
except Exception as e: print(type(e).__name__, e)
try: memoryview(b"abc", 1)
except Exception as e: print(type(e).__name__, e)
mm = memoryview(bytearray(b"abcdef"))
mm[::2] = b"XYZ"
print(mm.obj)
mm[1:4] = mm[0:3]
print(mm.obj)
print(list(reversed(memoryview(b"abc"))), b"x" in memoryview(b"x"), 120 in memoryview(b"x"))
print(memoryview(b"a").__class__, memoryview.__name__)
print(b"-".join([memoryview(b"ab"), b"cd"]), bytes(memoryview(b"q")) + memoryview(b"r"))

# Mixed with bytes-like consumers, and packing errors per format.
m = memoryview(b"abc")
print(b"abc" == m, m == bytearray(b"abc"), bytearray(b"abc") == m)
ba = bytearray(b"x"); ba += m; print(ba)
print(int.from_bytes(memoryview(b"\x01\x02"), "big"), m.obj.decode())
print(b"abc".startswith(memoryview(b"ab")), memoryview(b"abc").tobytes().upper())
d = {memoryview(b"k"): 1}
print(d[b"k"] if b"k" in d else "no", d.get(memoryview(b"k")))
print(memoryview(b"\xff").cast("b")[0], memoryview(b"\x00\x00\xc0\x7f").cast("f")[0])
m2 = memoryview(bytearray(4)).cast("I"); m2[0] = 2**32 - 1; print(m2[0], m2.tolist())
try: m2[0] = -1
except Exception as e: print(type(e).__name__, e)
try: m2[0] = 1.5
except Exception as e: print(type(e).__name__, e)
c = memoryview(bytearray(b"ab")).cast("c"); c[0] = b"z"; print(c.tolist())
try: c[0] = b"zz"
except Exception as e: print(type(e).__name__, e)
try: c[0] = 1
except Exception as e: print(type(e).__name__, e)
f = memoryview(bytearray(8)).cast("d")
try: f[0] = "x"
except Exception as e: print(type(e).__name__, e)
f[0] = 3; print(f[0])
print(memoryview(b"abc").__len__(), memoryview(b"").tolist(), memoryview(b"").tobytes())

# Half-precision items.
m = memoryview(bytearray(8)).cast('e')
for v in [1.5, -0.1, 65504.0, 6e-8, 1e-9, float('inf'), float('nan'), 3, 2.0**-24*1.5, 65519.0, -2.0**-14, 0.333]:
    m[0] = v; print(m[0], m.tobytes()[:2])
for v in [65520.0, 1e300, 'x']:
    try: m[0] = v
    except Exception as e: print(type(e).__name__, e)
print(m.tolist(), m.format, m.itemsize)

# Multi-dimensional items through tuples of indices.
x = memoryview(bytearray(range(6))).cast('B', [2,3])
print(x[1, 2], x[0, -1])
for k in [(1,), (1,2,3), (5,0), (0,5), (1, slice(None)), ('a', 1), (True, 0)]:
    try: print(x[k])
    except Exception as e: print(type(e).__name__, e)
x[1, 1] = 99; print(x.tolist())
try: x[1,1] = 300
except Exception as e: print(type(e).__name__, e)
try: x[1] = 3
except Exception as e: print(type(e).__name__, e)
try: x[0, 9] = 3
except Exception as e: print(type(e).__name__, e)
y = memoryview(b'ab')
print(y[0,], y[-1,])
z = memoryview(b"\x07").cast("B", shape=[])
print(z[()])

# Constructor argument errors.
for f in [lambda: memoryview(foo=1), lambda: memoryview(b"a", object=b"b"), lambda: memoryview(b"a", b"b"), lambda: memoryview(object=b"a", foo=2)]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
