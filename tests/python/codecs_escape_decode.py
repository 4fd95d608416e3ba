# codecs.escape_decode (PyBytes_DecodeEscape underneath) and
# codecs.unicode_escape_decode: results, errors, and the
# DeprecationWarning for the first unknown or too-large octal escape,
# raised as an error under the "error" filter.
import codecs
import warnings

cases = [b"", b"plain", b"\\x41\\101\\n\\t\\\\", b"a\\\nb", b"\\q", b"\\q\\z", b"\\777",
         b"\\400x\\q", b"\\8", b"\\\xfa", b"\\x4", b"\\x4g", b"trailing\\", b"\\N{DASH}", b"\\u20ac"]
for decode in (codecs.escape_decode, codecs.unicode_escape_decode):
    for data in cases:
        for errors in (None, "replace", "ignore"):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    result = decode(data, errors)
                except Exception as e:
                    result = "%s: %s" % (type(e).__name__, e)
            print(decode.__name__, data, errors, ascii(result),
                  [(w.category.__name__, str(w.message)) for w in caught])

with warnings.catch_warnings():
    warnings.simplefilter("error")
    for data in (b"\\q", b"\\777", b"ok"):
        for decode in (codecs.escape_decode, codecs.unicode_escape_decode):
            try:
                print(decode(data))
            except DeprecationWarning as e:
                print("raised", type(e).__name__, e)
print(codecs.escape_decode("\\x41 str"), codecs.escape_decode(bytearray(b"\\x42")))
