# Small behaviours found by CPython's test suite: sys.intern of a string
# with lone surrogates, int.__sizeof__ of a subclass, slices of a range
# longer than sys.maxsize and slice.indices with huge lengths, the
# DeprecationWarning of a __float__ that returns a float subclass,
# TextIOWrapper.reconfigure's flags, os.fpathconf with a bool, and an
# async generator expression nested in a plain one.
import asyncio
import io
import os
import sys
import warnings

print(ascii(sys.intern("ab\udfff")))
s = "".join(["x", "yz"])
print(sys.intern(s) is sys.intern("xyz"))
for bad in (type("S", (str,), {})("a"), 1):
    try:
        sys.intern(bad)
    except TypeError as e:
        print(e)


class MyInt(int):
    pass


for v in (0, 1, -1, 2**30, 2**60):
    print(MyInt(v).__sizeof__() - MyInt.__basicsize__ == v.__sizeof__() - int.__basicsize__)

x = range(-sys.maxsize, sys.maxsize)
idx = sys.maxsize + 1
print(x[idx : idx + 1], x[idx : idx + 1][0])
print(x[::-1][:3], x[5:-5:10**20], x[-3:])
print(range(10)[2:8:2], range(10)[::-1], range(10)[-100:100], range(0, 20, 3)[1::-2])
print(slice(None).indices(10**30), slice(-5, None, -1).indices(10**20))
print(slice(0, 10, 10**30).indices(5), slice(-10**30, 10**30).indices(7))
for bad in [(1.5,), ("a",), (None, None, 0)]:
    try:
        slice(*bad).indices(3)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    slice(1, 2).indices(-1)
except ValueError as e:
    print(e)


class FloatSub(float):
    def __float__(self):
        return self


class ReturnsSub:
    def __float__(self):
        return FloatSub(1.5)


with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(float(FloatSub(2.5)), float(ReturnsSub()))
    import math

    print(math.sqrt(ReturnsSub()))
for warning in w:
    print(warning.category.__name__, warning.message)
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        float(ReturnsSub())
    except DeprecationWarning as e:
        print("error:", type(e).__name__)


class BadIndex:
    def __index__(self):
        1 / 0

    def __bool__(self):
        return True


t = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
for v in [BadIndex(), 2**1000, "x", 1.5, 2, 0, None, True]:
    for name in ("line_buffering", "write_through"):
        try:
            t.reconfigure(**{name: v})
            print(name, getattr(t, name))
        except Exception as e:
            print(name, type(e).__name__)

with warnings.catch_warnings():
    warnings.simplefilter("error", RuntimeWarning)
    for fd in (False, True):
        try:
            os.fpathconf(fd, "PC_NAME_MAX")
        except RuntimeWarning as e:
            print("fpathconf", e)
r, w_ = os.pipe()
with open(r, "rb") as f:
    print(os.fpathconf(f, "PC_PIPE_BUF") == os.fpathconf(r, "PC_PIPE_BUF"))
os.close(w_)


async def agen(n):
    for i in range(n):
        yield i


async def nested():
    gens = ((i async for i in agen(j)) for j in [3, 5])
    print(type(gens).__name__)
    return [x for g in gens async for x in g]


print(asyncio.run(nested()))
