# TextIOWrapper: when pending writes go to the buffer (never more than a
# chunk concatenated; a write made while flushing starts a new chunk),
# text decoded ahead kept over a write on a non-seekable stream,
# reconfigure() keeping a setting given as None, a bad newline.
import io


class Recorder(io.RawIOBase):
    def __init__(self):
        self.stack = []

    def writable(self):
        return True

    def write(self, b):
        self.stack.append(bytes(b))
        return len(b)


class Limited(Recorder):
    def write(self, b):
        if len(b) > limit:
            raise RuntimeError("too much")
        return super().write(b)


raw = Limited()
t = io.TextIOWrapper(raw, encoding="ascii")
limit = t._CHUNK_SIZE
t.write("abc")
t.write("def")
print(raw.stack)
try:
    t.write("x" * (limit + 1))
except RuntimeError as e:
    print("RuntimeError", e)
print(raw.stack)
t.write("ghi")
t.write("x" * limit)
print([len(b) for b in raw.stack], [b[:8] for b in raw.stack])


class Reentrant(Recorder):
    written = False

    def write(self, b):
        if not self.written:
            self.written = True
            t.write("middle")
        return super().write(b)


raw = Reentrant()
t = io.TextIOWrapper(raw, encoding="ascii")
t.write("abc")
t.write("def")
t.write("g" * 8192)
t.flush()
print([b[:8] for b in raw.stack], [len(b) for b in raw.stack])

p = io.BufferedRWPair(io.BytesIO(b"foo\nbar\n"), io.BytesIO())
f = io.TextIOWrapper(p, encoding="ascii")
line = f.readline()
f.write(line)
print(repr(line + f.readline()))

t = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", line_buffering=True, write_through=True)
t.reconfigure()
t.reconfigure(line_buffering=None, write_through=None)
print(t.line_buffering, t.write_through)
t.reconfigure(line_buffering=False)
t.reconfigure(line_buffering=None)
print(t.line_buffering, t.write_through)
for nl in ["\udcfe", "xyz"]:
    try:
        t.reconfigure(newline=nl)
    except ValueError as e:
        print(type(e).__name__, e)
    try:
        io.StringIO(newline=nl)
    except ValueError as e:
        print(type(e).__name__, e)
