# marshal: CPython's byte format for core values, versions 0-5, references,
# dump/load on files and the errors of bad data.
import io
import marshal
import sys

print(marshal.version)



def s(*parts):
    # A str built at run time: not interned, whatever the compiler does
    # with literals.
    return "".join(parts)


def t(*items):
    return tuple(list(items))


# Containers are built at run time so that their items are referenced
# only by them (marshal gives shared objects a reference slot).
VALUES = [
    None, True, False, Ellipsis, StopIteration,
    0, 1, -1, 255, 2**31 - 1, -2**31, 2**31, -2**31 - 1, 2**62, 2**64, -(2**100) + 7, 10**50,
    0.0, -0.0, 1.5, 0.1, 1e300, -2.5e-300, float("inf"), float("-inf"), 1e16, 123456789.0,
    1j, -2.5 + 0.5j, complex(0.1, -1e10),
    s(), s("ab", "c"), s("hello ", "world"), sys.intern(s("hello ", "world!")), s("\xe9", "\xe9"),
    s("latin-1: ", "\xff"), s("BMP: ", "\u20ac\u4e2d"), s("astral: ", "\U0001f600"),
    s("surrogate: ", chr(0xd800)), s("x") * 300, s("\xe9") * 300,
    bytes(), bytes([97, 98]), bytes([0, 255]) * 200,
    t(), t(1), t(1, "a", t(2.5, None)), tuple(range(300)),
    [], [1, [2, [3]]], {}, {"a": 1, "b": [1, 2]}, {1: {2: {3: None}}},
    set(), frozenset(), {1, 2, 3}, frozenset({"a", "b", 3}), {t(1, 2), t(3, 4)}, {1.5, -2, "z", bytes([121])},
]

for v in VALUES:
    for version in range(6):
        data = marshal.dumps(v, version)
        back = marshal.loads(data)
        same = back == v or (v != v and back != back)
        # Sets print in hash order, which differs between runtimes.
        r = sorted(map(repr, v)) if isinstance(v, (set, frozenset)) else repr(v)
        print(version, ascii(r)[:60], data[:80], len(data), same, type(back).__name__)

# Shared objects become references from version 3 on.
shared = [1.5, s("x ", "y")]
pair = [shared, shared, (shared,)]
for version in range(6):
    data = marshal.dumps(pair, version)
    back = marshal.loads(data)
    print(version, data, back, back[0] is back[1])
big = 2**70
print(marshal.dumps([big, big, big]))
s = sys.intern("interned_name")
print(marshal.dumps((s, s, s)))

# Buffers are written as bytes.
print(marshal.dumps(bytearray(b"ab")), marshal.dumps(memoryview(b"cd")))

# Files.
f = io.BytesIO()
# dump returns what the file's write returned.
print(marshal.dump(1, f), marshal.dump("two", f, 2), marshal.dump([3.0], f))
class Writer:
    def write(self, data):
        return ("wrote", len(data))
print(marshal.dump(None, Writer()))
print(f.getvalue())
f.seek(0)
print(marshal.load(f), marshal.load(f), marshal.load(f), f.read())
for call in [lambda: marshal.load(f), lambda: marshal.load(io.StringIO("x")),
             lambda: marshal.load(io.BytesIO(b"i\x01"))]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)

# Data written by hand, and bad data.
for data in [b"", b"0", b"N", b"S", b".", b"q", b"r\x00\x00\x00\x00", b"i\x01", b"i\x01\x00\x00\x00",
             b"I\x01\x00\x00\x00\x00\x00\x00\x80", b"l\x01\x00\x00\x00\x00\x00",
             b"l\x02\x00\x00\x00\x01\x00\x01\x00", b"l\xfe\xff\xff\xff\xff\x7f\x01\x00",
             b"l\x01\x00\x00\x00\x00\x80", b"(\x01\x00\x00\x00", b")\x01N", b"(\xff\xff\xff\xff",
             b"s\xff\xff\xff\xff", b"s\x05\x00\x00\x00ab", b"u\x02\x00\x00\x00\xc3\xa9", b"t\x01\x00\x00\x00a",
             b"z\x03abc", b"a\x01\x00\x00\x00\xff", b"[\x01\x00\x00\x000", b"{N0", b"{i\x01\x00\x00\x00N0",
             b"<\x02\x00\x00\x00NN", b">\x00\x00\x00\x00", b"\xdb\x01\x00\x00\x00r\x00\x00\x00\x00",
             b"f\x031.5", b"f\x03abc", b"x\x011\x012", b"g" + b"\x00" * 7,
             b"r\x00\x00\x00\x00"]:
    try:
        print(data, repr(marshal.loads(data)))
    except Exception as e:
        print(data, type(e).__name__, e)

for v in [object(), [object()], {1: object}, marshal, lambda: 0, type, 1 .__class__, range(3),
          {"k": {1, frozenset({object()})}}]:
    try:
        print(marshal.dumps(v))
    except Exception as e:
        print(type(e).__name__, e)
try:
    marshal.dumps((lambda: 0).__code__, allow_code=False)
except Exception as e:
    print(type(e).__name__, e)
x = []
for _ in range(3000):
    x = [x]
try:
    marshal.dumps(x)
except Exception as e:
    print(type(e).__name__, e)
for call in [lambda: marshal.dumps(), lambda: marshal.dumps(1, 2, 3), lambda: marshal.dumps(1, 2.0),
             lambda: marshal.dumps(1, foo=1), lambda: marshal.loads("abc"), lambda: marshal.loads(),
             lambda: marshal.loads(b"N", allow_code=False), lambda: marshal.dumps(1, 2**40)]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
