# _pickle's exception classes and PickleBuffer (PEP 574): views of the
# wrapped object, raw(), release(), argument errors, and pickle.py pickling
# it in and out of band.
import _pickle, pickle, weakref, array, copy
print(_pickle.PickleError.__mro__)
print(_pickle.PicklingError.__mro__, _pickle.UnpicklingError.__mro__)
print(pickle.PickleBuffer is _pickle.PickleBuffer)
PB = _pickle.PickleBuffer
# Docstrings are ours (their text differs from CPython's by design); the
# signatures are CPython's.
print(PB, PB.__module__, type(PB.__doc__).__name__)
print(type(PB.raw.__doc__).__name__, PB.raw.__text_signature__, PB.release.__text_signature__)
print(_pickle.Pickler.__text_signature__, _pickle.Pickler.dump.__text_signature__)
b = bytearray(b"hello")
pb = PB(b)
m = memoryview(pb)
print(m.obj is b, m.tobytes(), m.readonly, m.format)
m[0] = ord('j')
print(b)
for _ in range(2):
    r = PB(b'abc').raw()
    print(r.tobytes(), r.readonly, r.format, r.shape, r.strides, r.ndim, r.itemsize)
r = pb.raw()
print(r.tobytes(), r.format, r.shape, r.strides, r.ndim, r.itemsize, r.obj is b)
print(r.contiguous, r.c_contiguous, r.f_contiguous, r.readonly)
a = array.array('i', [1, 2, 3])
r = PB(a).raw()
print(r.tolist(), r.format, r.shape, len(r), r.nbytes, memoryview(PB(a)).format)
mv = memoryview(b'abcdefgh')
for x in (mv[::2], mv[::-1]):
    try:
        PB(x).raw()
    except Exception as e:
        print(type(e).__name__, e)
print(memoryview(PB(mv[::2])).tolist())
r = PB(memoryview(bytes(range(12))).cast('B', (3, 4))).raw()
print(r.shape, r.tolist())
pb.release()
pb.release()
for f in (pb.raw, lambda: memoryview(pb), lambda: bytes(pb)):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
for args, kw in (((), {}), ((1,), {}), ((b'', b''), {}), ((), {'buffer': b''}), (('s',), {})):
    try:
        PB(*args, **kw)
    except Exception as e:
        print(type(e).__name__, e)
try:
    class C(PB):
        pass
except TypeError as e:
    print(type(e).__name__, e)
print(weakref.ref(PB(b'x'))())
x = PB(b'abc')
for proto in range(6):
    try:
        print(proto, pickle.dumps(x, proto))
    except Exception as e:
        print(proto, type(e).__name__, e)
pbb = PB(bytearray(b'xyz'))
print(pickle.dumps(pbb, 5), pickle.loads(pickle.dumps(pbb, 5)))
bufs = []
d = pickle.dumps(pbb, 5, buffer_callback=bufs.append)
print(d, bufs[0] is pbb, pickle.loads(d, buffers=bufs) is pbb)
try:
    copy.copy(x)
except Exception as e:
    print(type(e).__name__, e)
print(bytes(PB(b'abc')), bytearray(PB(b'q')))
with memoryview(PB(b'abc')) as m:
    print(m.tobytes())
