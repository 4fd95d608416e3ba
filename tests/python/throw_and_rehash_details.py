# gen.throw(): the three-argument form warns, and an exception class that
# cannot be instantiated throws that error into the generator;
# dict.fromkeys() of a set or frozenset reuses the stored hashes.
import warnings


class E(Exception):
    def __new__(cls, *args, **kwargs):
        return cls


def boring():
    yield


gen = boring()
try:
    gen.throw(E)
except TypeError as e:
    print(type(e).__name__, e)
try:
    next(gen)
except StopIteration:
    print("StopIteration: finished")


def catching():
    try:
        yield
    except TypeError as e:
        print("inside:", type(e).__name__, e)
    yield "after"


gen = catching()
next(gen)
print(gen.throw(E))


def g():
    yield 42


for args in [(TypeError, TypeError(24), None), (TypeError, None), (TypeError,)]:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            g().throw(*args)
        except TypeError as e:
            print(type(e).__name__, e, [(x.category.__name__, str(x.message)) for x in w])


class H(int):
    hash_count = 0

    def __hash__(self):
        self.hash_count += 1
        return int.__hash__(self)


d = dict.fromkeys(map(H, range(10)))


def count():
    return sum(e.hash_count for e in d)


print(count())
for t in (set, frozenset):
    s = t(d)
    print(t.__name__, count())
    s.difference(d)
    print("difference", count())
    if hasattr(s, "symmetric_difference_update"):
        s.symmetric_difference_update(d)
        print("symmetric_difference_update", count())
    print(sorted(dict.fromkeys(set(d))) == sorted(d), count())
    print(dict.fromkeys(frozenset(d), 123) == dict.fromkeys(d, 123), count())
