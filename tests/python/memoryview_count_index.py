# memoryview.count and memoryview.index (new in 3.14; the expected output
# is in expected/memoryview_count_index.out, as CPython 3.13 lacks them).


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


m = memoryview(b"abracadabra")
show("count a", lambda: m.count(ord("a")))
show("count z", lambda: m.count(ord("z")))
show("count 97.0", lambda: m.count(97.0))
show("count str", lambda: m.count("a"))
show("count no arg", lambda: m.count())
show("index a", lambda: m.index(ord("a")))
show("index a 1", lambda: m.index(ord("a"), 1))
show("index a -4", lambda: m.index(ord("a"), -4))
show("index a 1 3", lambda: m.index(ord("a"), 1, 3))
show("index a -100 100", lambda: m.index(ord("a"), -100, 100))
show("index a 5 -5", lambda: m.index(ord("a"), 5, -5))
show("index c -5 -1", lambda: m.index(ord("c"), -5, -1))
show("index z", lambda: m.index(ord("z")))
show("index no arg", lambda: m.index())
show("index 4 args", lambda: m.index(1, 2, 3, 4))
show("index bad start", lambda: m.index(97, "x"))
show("index None start", lambda: m.index(97, None))
show("index huge stop", lambda: m.index(98, 0, 10**30))

# other formats and slices
ints = memoryview(bytearray(range(12))).cast("i")
show("ints", lambda: ints.tolist())
show("count int 0x07060504", lambda: ints.count(0x07060504))
show("index int 0x07060504", lambda: ints.index(0x07060504))
import struct

a = memoryview(struct.pack("4d", 1.5, 2.5, 1.5, 0.0)).cast("d")
show("count 1.5", lambda: a.count(1.5))
show("index 0", lambda: a.index(0))
show("strided count", lambda: m[::2].count(ord("a")))
show("strided index", lambda: m[::-1].index(ord("c")))
b = memoryview(b"xyz").cast("c")
show("count b'y'", lambda: b.count(b"y"))
show("index b'z'", lambda: b.index(b"z"))
bools = memoryview(bytes([0, 1, 1])).cast("?")
show("count True", lambda: bools.count(True))
show("index 1", lambda: bools.index(1))

# errors from the view
z = memoryview(b"abcd").cast("i", [])
show("0-dim count", lambda: z.count(1))
show("0-dim index", lambda: z.index(1))
md = memoryview(bytes(6)).cast("B", [2, 3])
show("2-dim count", lambda: md.count(0))
show("2-dim index", lambda: md.index(0))
r = memoryview(b"abc")
r.release()
show("released count", lambda: r.count(97))
show("released index", lambda: r.index(97))
show("released index bad start", lambda: r.index(97, "x"))


class Releaser:
    def __init__(self, view):
        self.view = view

    def __eq__(self, other):
        self.view.release()
        return False


buf = bytearray(b"abc")
v = memoryview(buf)
show("released while counting", lambda: v.count(Releaser(v)))
v = memoryview(buf)
show("released while searching", lambda: v.index(Releaser(v)))


class Always:
    def __eq__(self, other):
        return True


show("count Always", lambda: memoryview(b"abc").count(Always()))
show("index Always 1", lambda: memoryview(b"abc").index(Always(), 1))


class Boom:
    def __eq__(self, other):
        raise RuntimeError("boom")


show("count Boom", lambda: memoryview(b"abc").count(Boom()))
show("index Boom", lambda: memoryview(b"abc").index(Boom()))
show("methods", lambda: [hasattr(memoryview, n) for n in ("count", "index")])
