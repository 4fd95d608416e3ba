# codecs: the surrogatepass error handler as a callable, incremental
# decoding that waits for the rest of an escape or a surrogate, and the
# note a failing codec function gets ("encoding with 'name' codec failed").
import codecs

for enc in ["utf-8", "utf-8-sig", "unicode-escape", "raw-unicode-escape", "utf-16", "utf-32"]:
    data = "\ud901".encode(enc, "surrogatepass")
    got = []
    for i in range(1, len(data)):
        dec = codecs.getincrementaldecoder(enc)("surrogatepass")
        got.append((dec.decode(data[:i]), dec.decode(data[i:], True)))
    print(enc, ascii(got))

print(ascii(b"abc\xed\xa0\x80def".decode("utf-8", "surrogatepass")))
try:
    b"abc\xed\xa0".decode("utf-8", "surrogatepass")
except UnicodeDecodeError as e:
    print(e)

for d in [b"a\\", b"a\\u00", b"a\\\\", b"a\\x4", b"a\\N{LATIN", b"a\\1", b"a\\U0001", b"a\\\\\\", b"a\\\\u0041"]:
    print(d, ascii(codecs.unicode_escape_decode(d, "strict", False)), ascii(codecs.raw_unicode_escape_decode(d, "strict", False)))
print(ascii(codecs.raw_unicode_escape_decode(b"\\u0041\\")))
try:
    codecs.unicode_escape_decode(b"a\\u0041\\")
except UnicodeDecodeError as e:
    print(e)

h = codecs.lookup_error("surrogatepass")
print(h is codecs.lookup_error("surrogatepass"))
for e in [
    UnicodeEncodeError("utf-8", "a\ud800b", 1, 2, "x"),
    UnicodeEncodeError("utf-16-be", "\udc00\ud800", 0, 2, "x"),
    UnicodeEncodeError("UTF_32LE", "\udc00", 0, 1, "x"),
    UnicodeEncodeError("latin-1", "\udc00", 0, 1, "x"),
    UnicodeEncodeError("utf-8", "ab", 0, 1, "x"),
    UnicodeDecodeError("utf-8", b"\xed\xa0\x80", 0, 1, "x"),
    UnicodeDecodeError("utf-32-le", b"\x00\xd8\x00\x00", 0, 1, "x"),
    UnicodeDecodeError("utf-16be", b"\xd8\x00", 0, 1, "x"),
    UnicodeDecodeError("utf-8", b"\xe0\x80\x80", 0, 1, "x"),
    UnicodeDecodeError("utf-8", b"\xed\xa0", 0, 1, "x"),
]:
    try:
        print(ascii(h(e)))
    except Exception as x:
        print(type(x).__name__, x)
try:
    h(ValueError())
except TypeError as e:
    print(e)


def failing(*args):
    raise RuntimeError("codec broke")


def search(name):
    if name == "notes_test":
        return codecs.CodecInfo(failing, failing, name=name)


codecs.register(search)
for call in [
    lambda: "x".encode("notes_test"),
    lambda: codecs.encode("x", "notes_test"),
    lambda: b"x".decode("notes_test"),
    lambda: codecs.decode(b"x", "notes_test"),
]:
    try:
        call()
    except RuntimeError as e:
        print(e, e.__notes__)
codecs.unregister(search)
