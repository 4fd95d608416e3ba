# marshal.load reads a file as CPython does: read(0) to check that it
# gives bytes, then readinto() of exactly the bytes each field needs,
# with CPython's errors for short, long and odd readinto results.
import io
import marshal
import os
import sys
import tempfile


class Recorder:
    """A BytesIO that records the calls made on it."""

    def __init__(self, data):
        self.b = io.BytesIO(data)
        self.calls = []

    def __getattr__(self, name):
        attr = getattr(self.b, name)

        def wrap(*a):
            self.calls.append(
                (name, tuple(("view", len(x)) if isinstance(x, memoryview) else x for x in a))
            )
            return attr(*a)

        return wrap


for v in [1, "abc", (1, 2.5, b"xy"), [None] * 3, {1: "a"}, 2**100, 1.5j, frozenset([7])]:
    f = Recorder(marshal.dumps(v) + marshal.dumps("tail"))
    print(marshal.load(f), f.calls)
    f.calls.clear()
    print(marshal.load(f), f.calls, f.b.tell())


class Odd:
    """Gives its data until call `after`, then returns `ret` or raises `exc`."""

    def __init__(self, data, ret=None, exc=None, after=0):
        self.b = io.BytesIO(data)
        self.ret = ret
        self.exc = exc
        self.n = 0
        self.after = after

    def read(self, n=-1):
        return self.b.read(n)

    def readinto(self, buf):
        self.n += 1
        print(" ", type(buf).__name__, buf.readonly, buf.format, buf.nbytes, buf.contiguous)
        if self.n > self.after:
            if self.exc:
                raise self.exc
            return self.ret
        return self.b.readinto(buf)


def show(f):
    try:
        print(repr(marshal.load(f)))
    except Exception as e:
        print(type(e).__name__, e)


d = marshal.dumps((1, "hello"))
for kw in [
    dict(ret="x"),
    dict(ret=99),
    dict(ret=-1),
    dict(ret=2**70),
    dict(ret=0),
    dict(ret=None, after=1),
    dict(exc=OSError("boom")),
    dict(exc=OSError("boom"), after=2),
    dict(exc=EOFError("mine"), after=2),
]:
    print(kw)
    show(Odd(d, **kw))

# Data that ends early: at a type code, at a short length, inside a field.
for data in [b"", b"i\x01", b")", b"z", b"g", b"\xa9\x02", b"s\x05\x00\x00\x00ab"]:
    show(io.BytesIO(data))


class NoReadinto:
    def read(self, n):
        return b"N"


class StrRead:
    def read(self, n):
        return ""

    def readinto(self, b):
        return 0


class ByteArrayRead:
    def read(self, n):
        return bytearray()

    def readinto(self, b):
        b[0:1] = b"N"
        return 1


class Keeps:
    """Keeps the view it was given, past the load."""

    def read(self, n):
        return b""

    def readinto(self, b):
        self.kept = b
        b[:] = b"N"
        return 1


for f in [NoReadinto(), StrRead(), ByteArrayRead()]:
    show(f)
k = Keeps()
show(k)
print(len(k.kept))

# The audit event comes after the read(0) check.
sys.addaudithook(lambda e, a: e == "marshal.load" and print("audit", e, a))


class ReadFails:
    def read(self, n):
        print("read", n)
        raise OSError("no")


show(ReadFails())
show(io.BytesIO(marshal.dumps([1])))

# A real file: several objects one after the other, the position after each.
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "data")
    with open(path, "wb") as w:
        for v in [1, "two", [3.0, b"four"], {"five": (5,)}]:
            marshal.dump(v, w)
    for buffering in [-1, 0]:
        with open(path, "rb", buffering=buffering) as r:
            while True:
                try:
                    print(marshal.load(r), r.tell())
                except EOFError as e:
                    print("EOFError", e)
                    break

# The same truncated data from memory.
for data in [b"", b"i\x01", b")", b"z", b"g", b"\xa9\x02", b"s\x05\x00\x00\x00ab"]:
    try:
        marshal.loads(data)
    except EOFError as e:
        print("loads", data, e)
