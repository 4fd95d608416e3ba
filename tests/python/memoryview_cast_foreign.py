# memoryview.cast to a byte format accepts any source format, such as the
# '<B' and '<i' of ctypes arrays (ssl's sendall casts its data this way);
# other casts need a native byte source.
import ctypes

data = (ctypes.c_ubyte * 4).from_buffer_copy(b"data")
m = memoryview(data)
print(m.format, m.itemsize, m.shape)
b = m.cast("B")
print(b.format, b.tobytes(), len(b), b.tolist())
for T in [ctypes.c_int * 2, ctypes.c_double * 2, ctypes.c_short * 3]:
    v = memoryview(T())
    print(v.format, v.cast("B").nbytes, v.cast("c").format, v.cast("b").shape)
    for fmt in ["i", "d", "H"]:
        try:
            v.cast(fmt)
        except TypeError as e:
            print(fmt, e)
try:
    m.cast("<B")
except ValueError as e:
    print(e)
