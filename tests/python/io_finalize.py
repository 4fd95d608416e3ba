# Finalizing _io objects: the __del__ slot wrapper of tp_finalize, close()
# run by the finalizer (errors go to sys.unraisablehook), ResourceWarning
# for files left open, and close() errors chained to flush() errors.
import gc
import io
import os
import sys
import tempfile
import warnings

path = os.path.join(tempfile.mkdtemp(), "f")


def hook(u):
    print("unraisable:", u.exc_type.__name__, u.exc_value, type(u.object).__name__)


sys.unraisablehook = hook

print(io.IOBase.__del__)
print(hasattr(io.FileIO, "__del__"), hasattr(io.TextIOWrapper, "__del__"))

for base in (io.FileIO, io.BufferedWriter, io.TextIOWrapper):
    record = []

    class Tracked(base):
        def __del__(self):
            record.append(1)
            super().__del__()

        def close(self):
            record.append(2)
            super().close()

        def flush(self):
            record.append(3)
            super().flush()

    raw = io.FileIO(path, "w")
    if base is io.FileIO:
        raw.close()
        f = Tracked(path, "w")
    elif base is io.BufferedWriter:
        f = Tracked(raw)
    else:
        f = Tracked(io.BufferedWriter(raw), encoding="ascii")
    del f
    gc.collect()
    print(base.__name__, record)


class FailingClose(io.RawIOBase):
    def close(self):
        raise OSError("close failed")


r = FailingClose()
del r
gc.collect()

warnings.simplefilter("always")
for args, kwargs in [(("wb",), {"buffering": 0}), (("wb",), {}), (("w",), {"encoding": "utf-8"})]:
    with warnings.catch_warnings(record=True) as caught:
        f = open(path, *args, **kwargs)
        text = repr(f)
        del f
        gc.collect()
    print([(w.category.__name__, str(w.message) == "unclosed file " + text) for w in caught])

r, w = os.pipe()
with warnings.catch_warnings(record=True) as caught:
    f = open(r, "rb", closefd=False)
    del f
    gc.collect()
print("closefd=False warnings:", len(caught))
os.close(r)
os.close(w)


class MockRaw(io.RawIOBase):
    def writable(self):
        return True

    def readable(self):
        return True

    def seekable(self):
        return True

    def tell(self):
        return 0

    def write(self, b):
        return len(b)


for tp in (io.BufferedWriter, io.BufferedRandom, io.TextIOWrapper):
    raw = MockRaw()

    def bad_close():
        raise OSError("close")

    def bad_flush():
        raise OSError("flush")

    raw.close = bad_close
    f = tp(raw) if tp is not io.TextIOWrapper else tp(raw, encoding="ascii")
    f.flush = bad_flush
    try:
        f.close()
    except OSError as e:
        print(tp.__name__, e.args, repr(e.__context__), f.closed)
    f.flush = lambda: None
    raw.close = lambda: None



def reader_close():
    raise NameError("reader")


def writer_close():
    raise ValueError("writer")


reader, writer = MockRaw(), MockRaw()
reader.close = reader_close
writer.close = writer_close
pair = io.BufferedRWPair(reader, writer)
try:
    pair.close()
except NameError as e:
    print("pair:", e, repr(e.__context__))
reader.close = lambda: None
writer.close = lambda: None
os.unlink(path)
