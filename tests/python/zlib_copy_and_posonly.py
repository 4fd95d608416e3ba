# copy.copy / copy.deepcopy of zlib stream objects, and the positional-only
# data arguments of zlib's functions and methods.
import copy
import zlib

data = b"spam and eggs " * 50
for f in (lambda o: o.copy(), copy.copy, copy.deepcopy):
    c0 = zlib.compressobj(9)
    head = c0.compress(data)
    c1 = f(c0)
    print(type(c1).__name__, c1 is c0)
    s0 = head + c0.compress(data) + c0.flush()
    s1 = head + c1.compress(b"other") + c1.flush()
    print(zlib.decompress(s0) == data * 2, zlib.decompress(s1) == data + b"other")
    comp = zlib.compress(data)
    d0 = zlib.decompressobj()
    first = d0.decompress(comp[:20])
    d1 = f(d0)
    print(type(d1).__name__, first + d1.decompress(comp[20:]) == data)

for call in (
    lambda: zlib.compress(data=data),
    lambda: zlib.decompress(data=zlib.compress(data)),
    lambda: zlib.decompressobj().decompress(data=b""),
    lambda: zlib.crc32(data=b"x"),
    lambda: zlib.adler32(b"x", value=1),
):
    try:
        call()
        print("no error")
    except TypeError as e:
        print("TypeError", e)
print(zlib.compress(data, level=1, wbits=15)[:2] == zlib.compress(data, 1)[:2])
print(zlib.decompress(zlib.compress(data), wbits=15, bufsize=10) == data)
print(zlib.decompressobj().decompress(zlib.compress(data), max_length=5))
