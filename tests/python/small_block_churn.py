# Many short-lived objects of every small size, grown and shrunk in place
# (str, bytes, bytearray, tuple, list, dict, set): the memory of freed
# objects is handed out again, so every value must read back exactly as
# built, across several rounds of allocation and release.
import gc


def build(round_no):
    out = []
    for n in range(0, 600, 7):
        s = "x" * n + str(round_no)
        b = bytes(range(n % 256)) * (1 + n // 256)
        ba = bytearray(b)
        ba.extend(b"yz" * (n % 13))
        del ba[: n // 3]
        t = tuple(i * round_no for i in range(n // 8))
        lst = list(t)
        lst.extend(range(n // 16))
        del lst[::2]
        d = {str(i): i for i in range(n // 20)}
        st = {i % 17 for i in range(n // 10)}
        out.append((n, s, b, bytes(ba), t, lst, d, frozenset(st)))
    return out


def check(round_no, items):
    total = 0
    for n, s, b, ba, t, lst, d, st in items:
        assert s == "x" * n + str(round_no), n
        assert b == bytes(range(n % 256)) * (1 + n // 256), n
        expect = bytearray(b)
        expect.extend(b"yz" * (n % 13))
        del expect[: n // 3]
        assert ba == bytes(expect), n
        assert t == tuple(i * round_no for i in range(n // 8)), n
        e = list(t)
        e.extend(range(n // 16))
        del e[::2]
        assert lst == e, n
        assert d == {str(i): i for i in range(n // 20)}, n
        assert st == frozenset(i % 17 for i in range(n // 10)), n
        total += len(s) + len(b) + len(ba) + len(t) + len(lst) + len(d) + len(st)
    return total


totals = []
keep = []
for r in range(1, 6):
    items = build(r)
    totals.append(check(r, items))
    # Keep every other round alive so freed and live blocks interleave.
    if r % 2:
        keep.append(items)
    del items
    gc.collect()
for i, items in enumerate(keep):
    check(2 * i + 1, items)
print(totals)

# Strings grown one character at a time move between size classes.
s = ""
for i in range(700):
    s += chr(65 + i % 26)
print(len(s), s[:30], s[-5:])

# Cycles of objects with dicts, freed by the collector, then reused.
class Cell:
    def __init__(self, v):
        self.v = v
        self.me = self

for r in range(3):
    cells = [Cell(i) for i in range(2000)]
    assert sum(c.v for c in cells) == 1999 * 1000
    del cells
    print("round", r, gc.collect() >= 2000)
