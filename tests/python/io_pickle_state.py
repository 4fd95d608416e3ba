# BytesIO and StringIO pickle through __getstate__/__setstate__ (value,
# newline, position, instance dict); file-backed streams cannot be
# pickled.
import io
import pickle

b = io.BytesIO(b"abc")
b.read(1)
b.x = 1
print(b.__getstate__())
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    try:
        b2 = pickle.loads(pickle.dumps(b, proto))
        print(proto, b2.getvalue(), b2.tell(), b2.x)
    except TypeError as e:
        print(proto, "TypeError", e)
print(io.BytesIO().__getstate__())

s = io.StringIO("h\u00e9llo\r\nworld", newline=None)
s.read(2)
s.y = 2
print(s.__getstate__())
s2 = pickle.loads(pickle.dumps(s))
print(repr(s2.getvalue()), s2.tell(), s2.y, s2.read())
for nl in ["", "\r", "\r\n", "\n"]:
    print(repr(io.StringIO("a\nb", newline=nl).__getstate__()))

s = io.StringIO()
for st in [
    (1, 2),
    [1, 2, 3, 4],
    ("a", None, "x", None),
    ("a", None, -1, None),
    ("a", None, 0, 5),
    (1, None, 0, None),
    ("a", 5, 0, None),
    ("a", "z", 0, None),
    ("a\r\nb", "\n", 1, {"k": "v"}),
]:
    try:
        s.__setstate__(st)
        print("ok", repr(s.getvalue()), s.tell(), s.__dict__)
    except Exception as e:
        print(type(e).__name__, e)
b = io.BytesIO()
for st in [(1, 2), (b"xy", "1", None), (b"xy", -1, None), (b"xy", 1, []), (1, 0, None), (bytearray(b"z"), 1, {"a": 1})]:
    try:
        b.__setstate__(st)
        print("ok", b.getvalue(), b.tell(), b.__dict__)
    except Exception as e:
        print(type(e).__name__, e)
view = b.getbuffer()
try:
    b.__setstate__((b"new", 0, None))
except BufferError as e:
    print("BufferError", e)
del view
s.close()
try:
    s.__getstate__()
except ValueError as e:
    print("ValueError", e)

with open(__file__, "rb") as f:
    for obj in (f, f.raw):
        try:
            pickle.dumps(obj)
        except TypeError as e:
            print("TypeError", e)
with open(__file__, encoding="utf-8") as f:
    try:
        pickle.dumps(f)
    except TypeError as e:
        print("TypeError", e)

