import zlib

def t(f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print(repr(r) if not isinstance(r, bytes) or len(r) < 200 else (len(r), r[:40]))

data = [b'', b'a', b'hello world' * 20, bytes(range(256)) * 40]
for d in data:
    for level in (-1, 0, 1, 6, 9):
        t(zlib.compress, d, level)
    for wbits in (15, 9, -15, -9, 31, 25):
        c = zlib.compress(d, wbits=wbits)
        print(wbits, c[:30], zlib.decompress(c, wbits) == d, zlib.decompress(c, wbits=wbits, bufsize=1) == d)
    print(zlib.decompress(zlib.compress(d, wbits=31), 47) == d, zlib.decompress(zlib.compress(d), 32 + 15) == d)
    t(zlib.crc32, d); t(zlib.crc32, d, 12345); t(zlib.adler32, d); t(zlib.adler32, d, 7)
t(zlib.crc32, b'abc', -1); t(zlib.adler32, b'abc', 2**40)
t(zlib.decompress, b'garbage'); t(zlib.decompress, zlib.compress(b'abc')[:-2]); t(zlib.compress, b'x', 10)
t(zlib.compress, b'x', wbits=5); t(zlib.decompress, b'x', wbits=99); t(zlib.decompress, zlib.compress(b'a') + b'trailing')
t(zlib.compress, 'str'); t(zlib.compressobj, 10); t(zlib.decompressobj, wbits=99)
t(zlib.decompressobj().decompress, b'x', -1); t(zlib.decompressobj().flush, 0)
t(zlib.compressobj, zdict='abc'); t(zlib.decompressobj, zdict='abc')
for level, strategy in [(-1, 0), (9, 1), (1, 2), (6, 3), (6, 4)]:
    c = zlib.compressobj(level, zlib.DEFLATED, -12, 9, strategy)
    out = c.compress(data[2]) + c.compress(data[3]) + c.flush(zlib.Z_SYNC_FLUSH) + c.compress(b'tail') + c.flush()
    print(level, strategy, len(out), out[:20], zlib.decompress(out, -12) == data[2] + data[3] + b'tail')
c = zlib.compressobj()
a = c.compress(b'abc' * 100)
c2 = c.copy()
print(a + c.flush() == a + c2.flush(), c.flush(zlib.Z_NO_FLUSH))
t(c.compress, b'x'); t(c.flush); t(c.copy)
d = zlib.decompressobj()
t(d.decompress, zlib.compress(b'abc') + b'xyz')
print(d.eof, d.unused_data, d.unconsumed_tail)
t(d.decompress, b'more'); print(d.unused_data); t(d.flush); t(d.copy)
d = zlib.decompressobj()
t(d.decompress, zlib.compress(b'abc' * 1000), 10)
print(len(d.unconsumed_tail), d.eof)
rest = d.flush()
print(len(rest), rest[:10], d.eof, d.unconsumed_tail)
d = zlib.decompressobj()
comp = zlib.compress(data[3])
pieces = [d.decompress(comp[i:i + 7]) for i in range(0, len(comp), 7)]
print(b''.join(pieces) == data[3], d.eof, d.unused_data)
d = zlib.decompressobj()
out = d.decompress(comp, max_length=100)
while d.unconsumed_tail:
    out += d.decompress(d.unconsumed_tail, max_length=100)
print(out == data[3], d.eof)
d = zlib.decompressobj()
d.decompress(comp[:50])
d2 = d.copy()
print(d.decompress(comp[50:]) == d2.decompress(comp[50:]))
c = zlib.compressobj(zdict=b'hello')
x = c.compress(b'hello hello') + c.flush()
print(x)
t(zlib.decompress, x)
t(zlib.decompressobj(zdict=b'hello').decompress, x)
c = zlib.compressobj(wbits=-15, zdict=b'hello')
x = c.compress(b'hello hello') + c.flush()
t(zlib.decompressobj(wbits=-15, zdict=b'hello').decompress, x)
print(type(zlib.compressobj()).__name__, type(zlib.decompressobj()).__name__, zlib.error.__mro__[1].__name__)
print(zlib.MAX_WBITS, zlib.DEFLATED, zlib.DEF_MEM_LEVEL, zlib.DEF_BUF_SIZE, zlib.Z_BEST_COMPRESSION, zlib.Z_DEFAULT_COMPRESSION)
print(zlib.Z_FINISH, zlib.Z_SYNC_FLUSH, zlib.Z_FULL_FLUSH, zlib.Z_BLOCK, zlib.Z_TREES, zlib.Z_RLE, zlib.Z_FIXED)
print(zlib.ZLIB_VERSION == zlib.ZLIB_RUNTIME_VERSION)
# _ZlibDecompressor, which gzip reads with
comp = zlib.compress(data[3], wbits=31)
for max_length in (-1, 0, 1, 100, 5000, 20000):
    d = zlib._ZlibDecompressor(wbits=31)
    out = d.decompress(comp[:100], max_length)
    print(max_length, len(out), d.needs_input, d.eof)
    while not d.eof:
        out += d.decompress(comp[100:] if d.needs_input and len(out) < 10 else b'', 4096)
        if d.needs_input and not d.eof:
            out += d.decompress(comp[100:], 4096)
            break
    print(len(out))
d = zlib._ZlibDecompressor()
print(d.decompress(zlib.compress(b'abc') + b'junk'), d.eof, d.unused_data, d.needs_input)
t(d.decompress, b'x')
d = zlib._ZlibDecompressor(-15)
c = zlib.compressobj(wbits=-15)
raw = c.compress(b'stream' * 50) + c.flush()
print(d.decompress(raw[:10]), d.needs_input, d.decompress(raw[10:]) [:12], d.eof)
t(zlib._ZlibDecompressor().decompress, b'bad data')
print(type(zlib._ZlibDecompressor()).__name__)
