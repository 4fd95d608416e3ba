# codecs.charmap_build (PyUnicode_BuildEncodingMap): an EncodingMap for
# ordinary decoding tables (U+FFFE entries unmapped), a dict for tables it
# cannot hold; only the first 256 characters count. Encoding through both.
import codecs
import encodings.cp1252
import encodings.cp437
import encodings.mac_roman

def show(label, table):
    m = codecs.charmap_build(table)
    size = m.size() if type(m).__name__ == "EncodingMap" else len(m)
    print(label, type(m).__name__, size)
    for text in ("abc", "\u20ac", "\ufffe", "\x00", "\U0001f600", "xyz\u00e9"):
        try:
            print("  ", ascii(text), codecs.charmap_encode(text, "strict", m))
        except UnicodeEncodeError as e:
            print("  ", ascii(text), type(e).__name__, e.start, e.end, e.reason)
    print("  ignore:", codecs.charmap_encode("a\ufffe\U0001f600b", "ignore", m))
    return m

show("cp1252", encodings.cp1252.decoding_table)
show("cp437", encodings.cp437.decoding_table)
show("mac_roman", encodings.mac_roman.decoding_table)
show("latin-1", "".join(map(chr, range(256))))
show("short", "\x00abc")
show("long", "\x00" + "".join(map(chr, range(1, 300))))
show("no leading NUL", "abc\ufffe")
show("second NUL", "\x00a\x00b")
show("astral", "\x00a\U0001f600")
show("spread", "\x00" + "".join(chr(0x100 * i + 0x41) for i in range(1, 256)))
try:
    show("empty", "")
except TypeError as e:
    print("empty:", type(e).__name__, e)
print("\u20ac\u2122".encode("cp1252"), b"\x80\x99".decode("cp1252"))
try:
    "\ufffe".encode("cp1252")
except UnicodeEncodeError as e:
    print(type(e).__name__, e)
try:
    codecs.charmap_build(b"x")
except TypeError as e:
    print(type(e).__name__, e)
