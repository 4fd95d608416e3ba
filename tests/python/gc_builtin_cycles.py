# Cycles through builtin container-holding objects (iterators, super,
# _io objects, _sre matches and scanners) are found and freed by the
# collector, and gc.is_tracked reports them as CPython does.
import gc
import io
import re
import weakref

freed = []


class Box:
    pass


class BA(bytearray):
    pass


def watch(name, obj):
    # The callback runs when obj is freed; keep the weakref alive.
    refs.append(weakref.ref(obj, lambda r, name=name: freed.append(name)))


refs = []


def make_cycles():
    b = Box()
    b.it = iter([b])
    watch("list_iterator", b)

    b = Box()
    b.it = reversed([b])
    watch("list_reverseiterator", b)

    b = Box()
    b.it = iter((b,))
    watch("tuple_iterator", b)

    class Seq:
        def __getitem__(self, i):
            raise IndexError

    s = Seq()
    s.it = iter(s)
    watch("iterator", s)

    b = Box()
    b.it = iter({b: 1})
    watch("dict_keyiterator", b)

    b = Box()
    b.it = iter({b})
    watch("set_iterator", b)

    b = Box()
    b.sup = super(Box, b)
    watch("super", b)

    for name, f in [
        ("BytesIO", lambda: io.BytesIO(b"data")),
        ("StringIO", lambda: io.StringIO("text")),
        ("BufferedReader", lambda: io.BufferedReader(io.BytesIO(b"x"))),
        ("BufferedWriter", lambda: io.BufferedWriter(io.BytesIO())),
        ("BufferedRandom", lambda: io.BufferedRandom(io.BytesIO())),
        ("BufferedRWPair", lambda: io.BufferedRWPair(io.BytesIO(), io.BytesIO())),
        ("TextIOWrapper", lambda: io.TextIOWrapper(io.BytesIO(), encoding="utf-8")),
        ("FileIO", lambda: io.FileIO("/dev/null")),
    ]:
        o = f()
        o.me = o
        watch(name, o)

    # A stream whose buffer refers back to the wrapper.
    raw = io.BytesIO()
    t = io.TextIOWrapper(raw, encoding="utf-8")
    raw.owner = t
    watch("BytesIO under TextIOWrapper", raw)

    # A BytesIO buffer export referring back to its BytesIO.
    bio = io.BytesIO(b"abc")
    view = bio.getbuffer()
    bio.view = view
    watch("BytesIO with an export", bio)

    ba = BA(b"abc")
    ba.m = re.match(b"a", ba)
    watch("Match", ba)



gc.collect()
gc.disable()
make_cycles()
print("freed before collecting:", sorted(freed))
n = gc.collect()
print("collected something:", n > 0)
print("freed:", len(freed), "of", len(refs))
print("still alive:", sorted(set(
    name for name in [
        "list_iterator", "list_reverseiterator", "tuple_iterator", "iterator",
        "dict_keyiterator", "set_iterator", "super", "BytesIO", "StringIO",
        "BufferedReader", "BufferedWriter", "BufferedRandom", "BufferedRWPair",
        "TextIOWrapper", "FileIO", "BytesIO under TextIOWrapper",
        "BytesIO with an export", "Match",
    ] if name not in freed)))
gc.enable()

# gc.is_tracked of the objects themselves.
L = [1]
p = re.compile("a(b)")
f = open("/dev/null", "rb")
objs = [
    ("list_iterator", iter(L)),
    ("list_reverseiterator", reversed(L)),
    ("tuple_iterator", iter((1,))),
    ("str_iterator", iter("ab")),
    ("str_ascii_iterator", iter("\xe9")),
    ("bytes_iterator", iter(b"ab")),
    ("bytearray_iterator", iter(bytearray(b"ab"))),
    ("iterator", iter(type("Q", (), {"__getitem__": lambda s, i: i})())),
    ("callable_iterator", iter(lambda: 1, 2)),
    ("dict_keyiterator", iter({})),
    ("set_iterator", iter(set())),
    ("super", super(int, 1)),
    ("BytesIO", io.BytesIO()),
    ("StringIO", io.StringIO()),
    ("BufferedReader", f),
    ("FileIO", f.raw),
    ("TextIOWrapper", io.TextIOWrapper(io.BytesIO(), encoding="utf-8")),
    ("BufferedRWPair", io.BufferedRWPair(io.BytesIO(), io.BytesIO())),
    ("IncrementalNewlineDecoder", io.IncrementalNewlineDecoder(None, True)),
    ("Pattern", p),
    ("Match", p.match("ab")),
    ("SRE_Scanner", p.scanner("ab")),
]
for name, o in objs:
    print(name, type(o).__name__, gc.is_tracked(o))
f.close()
