# codecs: how lookup() normalizes an encoding name before asking the
# search functions, and surrogateescape encoding of a run that only
# starts with escaped bytes (the error covers the rest of the run).
import codecs

seen = []


def search(name):
    seen.append(name)
    if name == "aaa_8":
        return (1, 2, 3, 4)
    return None


codecs.register(search)
for name in ["aaa_8", "AAA-8", "AAA---8", "AAA   8", "aaa\xe9\u20ac-8", "AAA.8", "-AAA-8-", "a\xe9\u20ac-8"]:
    try:
        print(ascii(name), codecs.lookup(name))
    except LookupError as e:
        print(ascii(name), "LookupError", e)
print(seen)
codecs.unregister(search)

for enc in ["utf-8", "latin-1", "ascii"]:
    for text in ["[\udc80]", "[\udc80\ud800\udfff]", "[\udc80\udcff\u20ac\udc81]"]:
        try:
            print(enc, text.encode(enc, "surrogateescape"))
        except UnicodeEncodeError as e:
            print(enc, ascii(e.object[e.start : e.end]), e.start, e.end, e.reason)
