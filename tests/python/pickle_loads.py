# _pickle.loads / load / Unpickler: round trips of pickle.py's output for
# protocols 0-5, find_class and persistent_load, and CPython's errors for
# truncated or malformed data.
import _pickle, pickle, io, collections, datetime, fractions, decimal
class C:
    def __init__(self): self.a = 1; self.b = [1, 2]
    def __eq__(self, o): return type(o) is C and o.__dict__ == self.__dict__
class S:
    __slots__ = ('x', 'y')
    def __init__(self): self.x = 1; self.y = 'q'
    def __eq__(self, o): return (o.x, o.y) == (self.x, self.y)
objs = [None, True, False, 0, 1, -1, 255, 256, 65535, 65536, -2**31, 2**31, 2**100, -2**100,
        1.5, float('inf'), -0.0, 'abc', 'é\u20ac\U0001f600', '\ud800', b'', b'xyz', bytearray(b'ab'),
        (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), [], [1, [2]], {}, {'a': 1, 2: (3,)}, set(), {1, 2}, frozenset({3}),
        C(), S(), collections.OrderedDict(a=1), collections.deque([1, 2]), datetime.date(2020, 1, 2),
        fractions.Fraction(1, 3), decimal.Decimal('1.5'), complex(1, 2), range(3), slice(1, 2), type, len, C,
        collections.namedtuple('P', 'x y')]
P = objs[-1]; objs[-1] = P
objs.append(list(range(3000)))
objs.append({i: str(i) for i in range(1200)})
l = [1]; l.append(l); 
ok = True
for proto in range(6):
    for o in objs:
        try:
            d = pickle._dumps(o, proto)
        except TypeError:
            continue
        r = _pickle.loads(d)
        if not (r == o or (o != o)):
            print('MISMATCH', proto, o, r); ok = False
    r = _pickle.loads(pickle._dumps(l, proto))
    print(proto, r[1] is r, ok)
    f = io.BytesIO()
    pickle._dump([1, 2], f, proto); pickle._dump('x', f, proto)
    f.seek(0)
    print(_pickle.load(f), _pickle.load(f), f.read())
    f.seek(0)
    u = _pickle.Unpickler(f)
    print(u.load(), u.load())
bad = [b'', b'\x80\x05', b'(', b'.', b'K', b'\x80\x06.', b'z', b'\xff', b'\x80\x02K\x01K\x02e.', b'I12\n', b'I1a\n.', b'S"ab\n.', b'Sab\n.',
       b'h\x05.', b'g3\n.', b'p-1\n.', b']K\x01a0(.', b'(t.', b'(K\x01d.', b'\x97.', b'N\x98.', b'\x93.', b'K\x01K\x02\x93.', b'Q.', b'P1\n.',
       b'\x82\x00.', b'\x82\xff.', b'cbuiltins\nlen\n.', b'cbuiltins\nnope\n.', b'c__builtin__\nlen\n.', b'\x8b\xff\xff\xff\xff.', b'F1.5x\n.', b'\x81.',
       b'K\x01)\x81.', b'cbuiltins\nint\nK\x01\x81.', b'1.', b'(1.', b'(0.', b'K\x01(0.']
for b in bad:
    try:
        print(repr(b), repr(_pickle.loads(b)))
    except Exception as e:
        print(repr(b), type(e).__name__, e)
print(_pickle.loads(b'S\'\\x41\\n\'\n.'), _pickle.loads(b'U\x03\xe9ab.', encoding='latin1'), _pickle.loads(b'U\x03\xe9ab.', encoding='bytes'))
try: _pickle.loads(b'U\x03\xe9ab.')
except Exception as e: print(type(e).__name__)
print(_pickle.loads(b'\x80\x02c__builtin__\nset\n]\x85R.'), _pickle.loads(b'cUserDict\nUserDict\n)R.'))
class U(_pickle.Unpickler):
    def find_class(self, m, n):
        print('find', m, n); return super().find_class(m, n)
    def persistent_load(self, pid): return ('P', pid)
print(U(io.BytesIO(b'cbuiltins\nlen\nP7\n\x86.')).load())
u = _pickle.Unpickler(io.BytesIO(b'K\x05Q.'))
try: u.load()
except Exception as e: print(type(e).__name__, e)
class V(_pickle.Unpickler):
    persistent_load = lambda self, x: x * 2
print(V(io.BytesIO(b"K\x05Q.")).load())
u = _pickle.Unpickler(io.BytesIO(b'K\x05Q.'))
try:
    u.persistent_load = print
except AttributeError as e:
    print(type(e).__name__, e)
for b in [b"P1\n.", b"I010\n.", b"I 5\n.", b"I0x10\n.", b"L0x10\n.", b"I1_0\n.", b"g1_0\n.", b"cbuiltins\nlen.x\n.", b"\x80\x04cbuiltins\nlen.x\n.", b"\x80\x04cbuiltins\n<locals>.x\n.", b"\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00K\x01.", b"\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00K\x01K\x02.", b"\x80\x04\x95\x05\x00"]:
    try: print(b, _pickle.loads(b))
    except Exception as e: print(b, type(e).__name__, e)
buf = pickle._dumps(pickle.PickleBuffer(bytearray(b'zz')), 5, buffer_callback=lambda b: False)
print(_pickle.loads(buf, buffers=[b'q']), _pickle.loads(b'\x80\x05\x97\x98.', buffers=[bytearray(b'ab')]).readonly)
try: _pickle.loads(b'\x97.', buffers=[])
except Exception as e: print(type(e).__name__, e)
class Q:
    class In: pass
print(_pickle.loads(pickle._dumps(Q.In, 4)))
u4 = _pickle.Unpickler(io.BytesIO(b'\x80\x04N.'))
u4.load()
u0 = _pickle.Unpickler(io.BytesIO())
for u, m, n in [(u0, 'math', None), (u4, 'math', None), (u0, None, 'log'), (u0, '', 'log'), (u0, 'spam', 'log'), (u4, 'builtins', 'str.upper'), (u0, 'builtins', 'str.upper'), (u0, '__builtin__', 'str'), (u4, 'os', '')]:
    try:
        print(u.find_class(m, n))
    except Exception as e:
        print(type(e).__name__, e if m and n else '')
