# Small behaviours of builtin types: bool's &, | and ^ give bools (also
# when folded at compile time), ~ on a bool warns, __complex__ returning a
# complex subclass warns, staticmethod and classmethod show their callable
# in their repr, bytearray.extend lets a __len__ error through, and
# `print >> f` hints at the print function.
import sys
import warnings

print(True & True, True | False, True ^ True, False & 1, 1 | False, type(True & True))
t, f = True, False
print(t & t, t | f, t ^ t, f & 1, type(t ^ f))
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(~f, ~t, ~1)
for x in w:
    print(x.category.__name__, x.message)


class Complex1(complex):
    def __new__(cls, value=0j):
        return complex.__new__(cls, 2 * value)

    def __complex__(self):
        return self


class Complex2(complex):
    def __complex__(self):
        return None


with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(complex(Complex1(1j)))
for x in w:
    print(x.category.__name__, x.message)
try:
    complex(Complex2(1j))
except TypeError as e:
    print("TypeError", e)


def func():
    pass


class SM(staticmethod):
    pass


print(repr(staticmethod(len)), repr(classmethod(len)), repr(SM(len)))
print(repr(staticmethod(func)).startswith("<staticmethod(<function func at "))
print(repr(staticmethod.__new__(staticmethod)))


class BadLen:
    def __iter__(self):
        return iter(range(3))

    def __len__(self):
        raise RuntimeError("hello")


class BadHint:
    def __iter__(self):
        return iter(range(3))

    def __length_hint__(self):
        raise RuntimeError("hint")


for src in (BadLen(), BadHint()):
    b = bytearray(b"ab")
    try:
        b.extend(src)
        print("extended", b)
    except RuntimeError as e:
        print("RuntimeError", e)
b = bytearray()
b.extend(iter([1, 2]))
print(b)
try:
    b.extend(5)
except TypeError as e:
    print(e)
try:
    print >> sys.stderr
except TypeError as e:
    print(e)
try:
    len >> sys.stderr
except TypeError as e:
    print(e)
