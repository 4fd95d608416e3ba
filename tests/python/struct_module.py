import sys
sys.path.insert(0, '/root/.pyenv/versions/3.13.0/lib/python3.13')
import struct

def t(f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print(repr(r))

for fmt in 'bBhHiIlLqQnNP':
    for o in ['@', '<', '>', '=', '!']:
        try:
            size = struct.calcsize(o + fmt)
        except struct.error as e:
            print(o + fmt, 'error', e)
            continue
        for v in [0, 1, -1, 2**(size * 8 - 1) - 1, -2**(size * 8 - 1), 2**(size * 8) - 1, 2**(size * 8), 2**70, -2**70]:
            print(o + fmt, size, v, end=' ')
            t(struct.pack, o + fmt, v)
        print(struct.unpack(o + fmt, bytes(range(1, size + 1))), struct.unpack(o + fmt, b'\xff' * size))
for o in '@<>':
    for v in [0.0, -0.0, 1.5, -2.25, 1e-8, 65504.0, 65520.0, 1e10, 1e300, 1e-320, float('inf'), float('-inf'), float('nan'), 0.1, 3]:
        for c in 'efd':
            print(o + c, v, end=' ')
            t(struct.pack, o + c, v)
    print(struct.unpack(o + 'efd', struct.pack(o + 'efd', 0.333, 0.333, 0.333)))
for fmt in ['', 'x', 'cbx', 'hi', 'ih', 'bq', '=hi', '<qb', '@hq0q', '3s', '3p', '2x3x', '5sH', 'P?', '0i', ' i h ', '!HHI', '10c']:
    print(repr(fmt), struct.calcsize(fmt))
t(struct.calcsize, '3'); t(struct.calcsize, 'y'); t(struct.calcsize, '3 i'); t(struct.calcsize, '<n'); t(struct.calcsize, '99999999999999999999i')
t(struct.calcsize, 'i\0'); t(struct.calcsize, 5); t(struct.calcsize, b'<ii')
t(struct.pack, 'i', 1.5); t(struct.pack, 'i', '1'); t(struct.pack, 'c', b'ab'); t(struct.pack, 'c', 1); t(struct.pack, 's', 1)
t(struct.pack, 'd', 'x'); t(struct.pack, 'ii', 1); t(struct.pack, 'i', 1, 2); t(struct.pack, 'i', True)
t(struct.pack, 'c', bytearray(b'a'))
class I:
    def __index__(self): return 7
t(struct.pack, 'i', I()); t(struct.pack, 'f', I()); t(struct.pack, 'q', 2.0)
t(struct.pack, '0s', b'abc'); t(struct.pack, '5p', b'abcdefgh'); t(struct.pack, '300p', b'a' * 300); t(struct.pack, '5s', b'ab')
t(struct.unpack, '5p', b'\x09abcd'); t(struct.pack, 's', 'str'); t(struct.pack, '3s', bytearray(b'ab')); t(struct.unpack, '1p', b'\x05')
t(struct.pack, '?', []); t(struct.pack, '?', 'x'); t(struct.unpack, '??', b'\x00\x05')
t(struct.pack, '<hcs3p?q', -2, b'z', b'abc', b'de', True, 2**40)
t(struct.unpack, '<hcs3p?q', b'\xfe\xffzade\x00\x01\x00\x00\x00\x00\x01\x00\x00\x00'[:17] + b'\x00')
t(struct.unpack, 'ii', b'1234'); t(struct.unpack, 'i', 5); t(struct.unpack, 'i', memoryview(b'abcd'))
t(struct.unpack, 'i', bytearray(b'abcd'))
ba = bytearray(10)
t(struct.pack_into, '<hi', ba, 2, 1, -1); print(ba)
t(struct.pack_into, '<h', ba, -2, 0x4142); print(ba)
t(struct.pack_into, 'i', bytearray(2), 0, 1); t(struct.pack_into, 'i', bytearray(8), 6, 1); t(struct.pack_into, 'i', bytearray(8), -9, 1)
t(struct.pack_into, 'i', bytearray(8), -2, 1); t(struct.pack_into, 'i', b'12345678', 0, 1); t(struct.pack_into, 'i', ba)
t(struct.pack_into, 'i', ba, 0); t(struct.pack_into, 'i')
t(struct.unpack_from, 'i', b'123', 0); t(struct.unpack_from, '<i', b'12345', 1); t(struct.unpack_from, 'i', b'12345', -9)
t(struct.unpack_from, '<h', b'12345', -2); t(struct.unpack_from, '<h', buffer=b'12345', offset=3); t(struct.unpack_from, '<h', b'12')
t(struct.iter_unpack, 'i', b'12345'); t(struct.iter_unpack, '', b'1')
it = struct.iter_unpack('<hb', b'abcdefghi')
print(type(it).__name__, it.__length_hint__(), list(it), it.__length_hint__())
s = struct.Struct('<ih')
print(s.format, s.size, repr(s), s.pack(1, 2), s.unpack(b'\x01\x00\x00\x00\x02\x00'), s.unpack_from(b'xx' + s.pack(3, 4), 2))
print(list(s.iter_unpack(s.pack(5, 6) * 2)))
t(struct.Struct, 5); t(struct.Struct, 'i\0'); t(struct.Struct, 'z')
s2 = struct.Struct(b'>q')
print(s2.format, s2.size, s2.pack(-5))
class MyStruct(struct.Struct):
    def __init__(self):
        super().__init__('<2H')
ms = MyStruct()
print(ms.size, ms.format, ms.pack(1, 2), isinstance(ms, struct.Struct))
print(struct.Struct.__name__, struct.error.__module__, struct.error.__mro__[1].__name__)
try:
    struct.pack('b', 300)
except struct.error as e:
    print('caught', type(e).__name__, e.args)
t(struct.unpack, '<e', b'\x01\x00'); t(struct.unpack, '<e', b'\x00\x7c'); t(struct.unpack, '>e', b'\xfc\x00')
t(struct.unpack, '@bhq', struct.pack('@bhq', 1, 2, 3)); print(struct.pack('@bhq', 1, 2, 3))
