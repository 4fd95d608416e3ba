# str/bytes find, count, index, replace, split and partition on inputs
# that take quadratic time with a naive scan (CPython's test_adaptive_find
# and test_find_with_memory); 1-byte and wider strs. (CPython's rfind is
# not linear, so it is checked on small inputs only.) No timing is taken:
# with a quadratic scan the million-character cases would not finish.
for wide in ("", "\u20ac", "\U0001f600"):
    for N in (1000, 100_000, 1_000_000):
        A, B = "a" * N, "b" * N
        haystack = A + A + B + A + A + wide
        needle = A + B + B + A
        print(N, repr(wide), haystack.find(needle), haystack.count(needle),
              (haystack + needle).find(needle), (haystack + needle).count(needle))
        print(len(haystack.replace(needle, "x")), len((haystack + needle).split(needle)),
              len((haystack + needle).partition(needle)[0]), needle in haystack)
    for N in (1000, 30_000):
        needle = "ab" * N + wide
        haystack = ("ab" * (N - 1) + "b") * 2 + wide
        print(N, haystack.find(needle), haystack.count(needle),
              (haystack + needle).find(needle), (haystack + needle).index(needle),
              (haystack + needle).count(needle))
for N in (1000, 1_000_000):
    A, B = b"a" * N, b"b" * N
    haystack = A + A + B + A + A
    needle = A + B + B + A
    print(N, haystack.find(needle), haystack.count(needle),
          (haystack + needle).find(needle),
          len(bytearray(haystack + needle).replace(needle, b"")))

# Small cases over a two-letter alphabet, with start/end, against a
# plain scan.
import itertools

def naive_find(h, n, lo, hi):
    for i in range(lo, hi - len(n) + 1):
        if h[i:i + len(n)] == n:
            return i
    return -1

def naive_rfind(h, n, lo, hi):
    for i in range(hi - len(n), lo - 1, -1):
        if h[i:i + len(n)] == n:
            return i
    return -1

bad = 0
for hl in range(9):
    for h in map("".join, itertools.product("a\u0101", repeat=hl)):
        for nl in range(1, 5):
            for n in map("".join, itertools.product("a\u0101", repeat=nl)):
                lo, hi = 1 if hl > 2 else 0, hl
                if h.find(n, lo, hi) != naive_find(h, n, lo, hi):
                    bad += 1
                if h.rfind(n, lo, hi) != naive_rfind(h, n, lo, hi):
                    bad += 1
print("mismatches", bad)
print("xaxax".count("x"), "aaaa".count("aa"), "aaaa".count(""), "abc".rfind(""), "abc".find("", 2))
print(b"aaaa".count(b"aa"), b"abc".rfind(b""), b"abc".find(b"c", 1, 2), b"aXbXc".split(b"X"))
print("\u20acab\u20acab".rsplit("ab", 1), "\u20acab\u20acab".rpartition("\u20ac"))
