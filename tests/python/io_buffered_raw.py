# How the buffered classes use their raw stream: readinto() for reads
# (its answer checked), positions checked, readinto1() at most one raw
# read, BlockingIOError.characters_written for a raw stream that would
# block, re-initialization that fails, and the per-object lock that keeps
# threads from writing the same bytes twice.
import io
import threading
import time


class MockRawIO(io.RawIOBase):
    def __init__(self, reads=()):
        self._reads = list(reads)
        self.writes = []

    def readable(self):
        return True

    def writable(self):
        return True

    def seekable(self):
        return True

    def readinto(self, b):
        if not self._reads:
            return 0
        d = self._reads.pop(0)
        b[: len(d)] = d
        return len(d)

    def write(self, b):
        self.writes.append(bytes(b))
        return len(b)

    def seek(self, pos, whence=0):
        return 0

    def tell(self):
        return 0


class Misbehaved(MockRawIO):
    def seek(self, pos, whence=0):
        return -123

    def tell(self):
        return -456

    def readinto(self, b):
        super().readinto(b)
        return len(b) * 5


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


b = io.BufferedReader(Misbehaved([b"abc", b"d", b"efg"]))
show(lambda: b.seek(0))
show(b.tell)
show(lambda: b.read(10))
b.close = lambda: None
show(lambda: b.__init__(MockRawIO(), buffer_size=-1))
show(b.read)
w = io.BufferedWriter(MockRawIO())
show(lambda: w.__init__(MockRawIO(), buffer_size=0))
show(lambda: w.write(b"x"))


class NotAnInt(MockRawIO):
    def readinto(self, b):
        return b""


try:
    io.BufferedReader(NotAnInt()).read(3)
except OSError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)

raw = MockRawIO((b"abc", b"de", b"fgh", b"jkl"))
b = io.BufferedReader(raw, buffer_size=10)
buf = bytearray(2)
print(b.peek(3), b.readinto1(buf), buf, b.readinto1(buf), b.readinto1(buf), buf)
buf = bytearray(20)
print(b.peek(3), b.readinto1(buf), buf[:6])
show(io.BufferedReader(MockRawIO()).truncate)


class NonBlockingWriter(MockRawIO):
    """Writes up to the first byte equal to block_on; a write starting
    with that byte would block (and clears block_on)."""

    block_on = None

    def write(self, b):
        b = bytes(b)
        if self.block_on is not None and self.block_on in b:
            n = b.index(self.block_on)
            if n == 0:
                self.block_on = None
                return None
            b = b[:n]
        self.writes.append(b)
        return len(b)


raw = NonBlockingWriter()
bufio = io.BufferedWriter(raw, 8)
print(bufio.write(b"abcd"), bufio.write(b"efghi"))
raw.block_on = ord("k")
print(bufio.write(b"jklmn"))
raw.block_on = ord("0")
try:
    bufio.write(b"opqrwxyz0123456789")
except BlockingIOError as e:
    print("blocked:", e.characters_written, e.args[1:])
print(b"".join(raw.writes))
raw.writes.clear()
print(bufio.write(b"ABCDEFGHI"), b"".join(raw.writes))


class SlowFlushRaw(MockRawIO):
    def __init__(self):
        super().__init__()
        self.in_flush = threading.Event()

    def flush(self):
        self.in_flush.set()
        time.sleep(0.25)


raw = SlowFlushRaw()
bufio = io.BufferedWriter(raw, 8)
t = threading.Thread(target=bufio.close)
t.start()
raw.in_flush.wait()
show(lambda: bufio.write(b"spam"))
print(bufio.closed)
t.join()


class SlowWriter(MockRawIO):
    def write(self, b):
        time.sleep(0.001)
        return super().write(b)


raw = SlowWriter()
bufio = io.BufferedWriter(raw, 16)
errors = []


def writer(n):
    try:
        for i in range(20):
            bufio.write(b"%02d%02d;" % (n, i))
    except Exception as e:
        errors.append(e)


threads = [threading.Thread(target=writer, args=(n,)) for n in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
bufio.flush()
data = b"".join(raw.writes)
print(errors, len(data), sorted(data.split(b";")[:-1]) == sorted(b"%02d%02d" % (n, i) for n in range(5) for i in range(20)))


class Reentrant(MockRawIO):
    def write(self, b):
        bufio.flush()
        return len(b)


bufio = io.BufferedWriter(Reentrant(), 4)
try:
    bufio.write(b"0123456789")
except RuntimeError as e:
    print(type(e).__name__, str(e).startswith("reentrant call inside"))
