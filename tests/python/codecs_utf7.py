# The UTF-7 codec (_codecs.utf_7_encode / utf_7_decode behind
# encodings.utf_7): round trips, RFC 2152 examples, every error and the
# incremental decoder.
import codecs

samples = [
    "", "abc", "Hi Mom -\u263a-!", "A\u2262\u0391.", "\u65e5\u672c\u8a9e",
    "Item 3 is \u00a31.", "1 + 1 = 2", "a+b", "a-b", "+-", "~\\", "\x00\x01\n\t",
    "\U0001f400", "x\U0001f400y", "\ud800", "\udc00x", "caf\u00e9 au lait",
    "!\"#$%&*;<=>@[]^_`{|}", "end with shift \u00e9", "\u00e9-", "\u00e9a", "\u00e9/",
    "\u00e9 ", "A" * 3 + "\u20ac" * 5 + "B",
]
for s in samples:
    b = s.encode("utf-7")
    back = b.decode("utf-7")
    print(repr(s), b, back == s)

data = [
    b"+AGEAYgBj-", b"+ZeVnLIqe-", b"+2D3cAA-", b"+2D3cAA", b"+2D3-", b"+2D0-x", b"+AGE",
    b"+AG", b"a+AG", b"+!", b"+", b"a\x80z", b"+AB-", b"+AGE+", b"1+-2", b"+AGEA-",
    b"+AGE-+AGI-", b"+AGEx", b"+ZZZ-", b"-+-", b"+/v8-", b"+AGE\x80",
]
for d in data:
    for errors in ("strict", "replace", "ignore", "backslashreplace", "surrogateescape"):
        try:
            r = repr(d.decode("utf-7", errors))
        except UnicodeDecodeError as e:
            r = "%s: %s %r" % (type(e).__name__, e, (e.start, e.end))
        print(d, errors, r)
    print("  partial:", codecs.utf_7_decode(d, "replace", False))

dec = codecs.getincrementaldecoder("utf-7")()
out = []
for byte in b"Hi +AGEAYgBj- and +2D3cAA- x":
    out.append(dec.decode(bytes([byte])))
out.append(dec.decode(b"", True))
print(out)
print("".join(out))

for bad in (5, None, "str"):
    try:
        codecs.utf_7_decode(bad)
    except TypeError as e:
        print("decode", type(bad).__name__, type(e).__name__, e)
for bad in (b"x", 5):
    try:
        codecs.utf_7_encode(bad)
    except TypeError as e:
        print("encode", type(bad).__name__, type(e).__name__, e)
print(codecs.utf_7_encode("a\u00e9", None), codecs.utf_7_decode(b"+AOk-", None, True))
print(codecs.lookup("utf7").name, "\u00e9".encode("U7"))

def handler(e):
    return ("<%d:%d>" % (e.start, e.end), e.end)
codecs.register_error("abi1.utf7", handler)
print(b"a+!b\x80+AG".decode("utf-7", "abi1.utf7"))
