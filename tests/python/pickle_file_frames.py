# Pickler.dump and pickle.dump hand a file each full frame (and each
# large bytes/str payload) as it is completed, not the whole pickle at
# the end, as CPython's C pickler does; the chunks are the same.
import io
import pickle


class Chunks:
    def __init__(self):
        self.chunks = []

    def write(self, chunk):
        self.chunks.append(chunk)
        return len(chunk)


objects = [(str(i).encode("ascii"), i % 42, {"i": str(i)}) for i in range(10000)]
objects.append("0123456789abcdef" * (64 * 1024 // 16 + 1))
objects.append(b"\x00" * 70000)
objects.append(bytearray(b"\x01" * 70000))
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    for dump in (lambda o, f: pickle.Pickler(f, proto).dump(o), lambda o, f: pickle.dump(o, f, proto)):
        w = Chunks()
        dump(objects, w)
        data = b"".join(w.chunks)
        print(proto, len(w.chunks), [len(c) for c in w.chunks][:12], type(w.chunks[0]).__name__)
        print(data == pickle.dumps(objects, proto), pickle.loads(data) == objects)

# Small pickles are one write.
w = Chunks()
pickle.dump({"a": 1}, w, 5)
print(len(w.chunks))


# A write that fails stops the dump after the frames before it.
class Fails(Chunks):
    def write(self, chunk):
        if self.chunks:
            raise OSError("disk full")
        return super().write(chunk)


f = Fails()
try:
    pickle.dump(objects, f, 4)
except OSError as e:
    print("OSError", e, len(f.chunks))
