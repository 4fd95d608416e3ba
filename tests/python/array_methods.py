# Every method of array.array with its error cases, the typecode and
# itemsize attributes, and files through fromfile / tofile.
import array
import os
import tempfile
import warnings

warnings.simplefilter("ignore", DeprecationWarning)


def show(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("  ", r)


a = array.array("i", [1, 2, 3])
print(a.append(4), a)
show(lambda: a.append("x"))
show(lambda: a.append(2**40))
show(lambda: a.append())
show(lambda: a.append(1, 2))
print(a)

# insert, clamped like list.insert
a.insert(0, 0)
a.insert(-1, 9)
a.insert(100, 10)
a.insert(-100, -1)
print(a)
show(lambda: a.insert(0))
show(lambda: a.insert("x", 1))
show(lambda: a.insert(0, "x"))
show(lambda: a.insert(2**70, 1))
print(a)

# pop
print(a.pop(), a.pop(0), a.pop(-2), a)
show(lambda: a.pop(100))
show(lambda: a.pop(-100))
show(lambda: a.pop("x"))
show(lambda: a.pop(1, 2))
show(lambda: array.array("b").pop())
show(lambda: a.pop(2**70))

# count, index, remove
b = array.array("h", [5, 1, 5, 2, 5, 3])
print(b.count(5), b.count(7), b.count(5.0), b.count("5"))
print(b.index(5), b.index(5, 1), b.index(5, -2), b.index(2, 0, 4), b.index(3, -1))
show(lambda: b.index(5, 5))
show(lambda: b.index(2, 0, 3))
show(lambda: b.index(7))
show(lambda: b.index(5, "x"))
show(lambda: b.index(5, 0, None))
show(lambda: b.index())
show(lambda: b.index(1, 2, 3, 4))
print(b.index(5, -100, 100), b.index(1, 0, 2**70), b.index(5, -(2**70)))
print(b.remove(5), b)
show(lambda: b.remove(7))
show(lambda: b.count())

# extend
c = array.array("h", [1])
c.extend([2, 3])
c.extend((4,))
c.extend(array.array("h", [5, 6]))
c.extend(x for x in range(7, 9))
c.extend(c)
print(c)
show(lambda: c.extend(array.array("i", [1])))
show(lambda: c.extend(5))
show(lambda: c.extend(["x"]))
show(lambda: c.extend([1, 2**20]))
print(c)

# fromlist / tolist
e = array.array("B")
e.fromlist([1, 2, 3])
print(e, e.tolist(), type(e.tolist()))
show(lambda: e.fromlist((4,)))
show(lambda: e.fromlist([4, 256]))
show(lambda: e.fromlist([4, "x"]))
show(lambda: e.fromlist("abc"))
print(e)

# frombytes / tobytes
g = array.array("H")
g.frombytes(b"\x01\x00\x02\x00")
g.frombytes(bytearray(b"\x03\x00"))
g.frombytes(memoryview(b"\x04\x00"))
g.frombytes(array.array("B", [5, 0]))
g.frombytes(b"")
print(g, g.tobytes())
show(lambda: g.frombytes(b"\x01"))
show(lambda: g.frombytes("ab"))
show(lambda: g.frombytes(5))
show(lambda: g.frombytes(array.array("i", [1])))
show(lambda: g.frombytes(memoryview(array.array("H", [1]))))
print(g)

# fromunicode / tounicode
for tc in "uw":
    u = array.array(tc, "ab")
    u.fromunicode("c\u20ac")
    u.fromunicode("")
    print(tc, u, u.tounicode(), u.tolist())
    show(lambda: u.fromunicode(1))
    show(lambda: u.fromunicode(b"x"))
show(lambda: array.array("b").fromunicode("x"))
show(lambda: array.array("b").fromunicode(1))
show(lambda: array.array("i", [1]).tounicode())
w = array.array("w")
w.frombytes(b"\x00\x00\x11\x00")
show(lambda: w.tounicode())
show(lambda: w[0])
show(lambda: repr(w))
u = array.array("u")
u.frombytes(b"\x00\x00\x11\x00")
show(lambda: u.tounicode())
show(lambda: u[0])
u = array.array("u")
u.frombytes(b"\xff\xff\xff\xff")
show(lambda: u.tounicode())
show(lambda: u.tolist())
print(array.array("w", "\ufeffab").tounicode())

# reverse, byteswap, clear
for tc in "bBhHiIlLqQfd":
    r = array.array(tc, [1, 2, 3])
    r.reverse()
    before = r.tobytes()
    r.byteswap()
    after = r.tobytes()
    print(tc, r.tolist() if tc in "bB" else len(r), after == b"".join(
        before[i:i + r.itemsize][::-1] for i in range(0, len(before), r.itemsize)))
    r.byteswap()
    print("  ", r)
r = array.array("w", "ab")
r.byteswap()
print(r.tobytes())
show(lambda: r.byteswap(1))
print(array.array("i").reverse(), array.array("i", [1]).byteswap())
r = array.array("d", [1.5, 2.5])
print(r.clear(), r, len(r))
show(lambda: r.clear(1))

# buffer_info, __sizeof__, copies, attributes
s = array.array("i", [1, 2, 3])
addr, n = s.buffer_info()
print(type(addr).__name__, addr != 0, n, array.array("i").buffer_info()[1])
print(s.__sizeof__(), array.array("d").__sizeof__())
s.append(4)
print(s.__sizeof__())
for k in range(20):
    s.append(k)
print(s.__sizeof__())
t = s.__copy__()
t2 = s.__deepcopy__({})
print(t == s, t is s, t2 == s, type(t).__name__)
show(lambda: s.__deepcopy__())
print(s.typecode, s.itemsize)
show(lambda: setattr(s, "typecode", "b"))
show(lambda: setattr(s, "itemsize", 2))
show(lambda: setattr(s, "spam", 1))
print(array.array[int], array.array.__class_getitem__(str))

# tofile / fromfile with a real file
h = array.array("i", range(10))
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "data.bin")
    with open(path, "wb") as f:
        print(h.tofile(f))
        array.array("i").tofile(f)
    print(os.path.getsize(path))
    back = array.array("i")
    with open(path, "rb") as f:
        back.fromfile(f, 4)
        back.fromfile(f, 0)
        print(back)
        back.fromfile(f, 6)
        print(back)
        try:
            back.fromfile(f, 1)
        except EOFError as e:
            print("EOFError", e)
        print(back)
    with open(path, "rb") as f:
        short = array.array("i", [99])
        try:
            short.fromfile(f, 12)
        except EOFError as e:
            print("EOFError", e, short)
    with open(path, "rb") as f:
        big = array.array("d")
        try:
            big.fromfile(f, 6)
        except EOFError as e:
            print("EOFError", e, len(big))
    with open(path, "rb") as f:
        show(lambda: h.fromfile(f, -1))
        show(lambda: h.fromfile(f))
        show(lambda: h.fromfile(f, "x"))
    with open(path, "w") as f:
        show(lambda: h.tofile(f))
    with open(path, "r") as f:
        show(lambda: h.fromfile(f, 1))
    show(lambda: h.tofile(1))
    show(lambda: h.fromfile(None, 1))
    big_data = array.array("B", range(256)) * 600
    with open(path, "wb") as f:
        big_data.tofile(f)
    print(os.path.getsize(path))
    with open(path, "rb") as f:
        again = array.array("B")
        again.fromfile(f, len(big_data))
    print(again == big_data)


class Reader:
    def read(self, n):
        print("read", n)
        return b"\x01" * n


class Writer:
    def __init__(self):
        self.chunks = []

    def write(self, b):
        self.chunks.append(len(b))


class BadReader:
    def read(self, n):
        return "text"


m = array.array("h")
m.fromfile(Reader(), 3)
print(m)
show(lambda: m.fromfile(BadReader(), 1))
wr = Writer()
(array.array("q", [0]) * 20000).tofile(wr)
print(wr.chunks)

# Argument errors of the methods CPython gives a defining class.
z = array.array("b")
show(lambda: z.extend())
show(lambda: z.extend(1, 2))
show(lambda: z.extend(bb=[1]))
show(lambda: z.tofile())
show(lambda: z.tofile(1, 2))
show(lambda: z.fromfile(1, 2, 3))
show(lambda: z.fromfile(f=1, n=2))
show(lambda: z.__reduce_ex__())
show(lambda: z.__reduce_ex__(1, 2))
show(lambda: iter(z).__reduce__(1))
show(lambda: z.tolist(1))
show(lambda: z.count(1, 2))
