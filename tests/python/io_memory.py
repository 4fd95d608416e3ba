import _io as io
b = io.BytesIO(b'hello\nworld\n')
print(b.read(3), b.tell(), b.readline(), b.readlines(), b.read())
b.seek(0); print(list(b))
b.seek(20); b.write(b'x'); print(b.getvalue())
print(b.seek(-3, 2), b.read(), b.truncate(5), b.getvalue(), b.tell())
for bad in [(-1,), (0, 3)]:
    try: b.seek(*bad)
    except Exception as e: print(type(e).__name__, e)
try: b.write('s')
except Exception as e: print(type(e).__name__, e)
ba = bytearray(4); b.seek(0); print(b.readinto(ba), ba)
v = b.getbuffer(); print(bytes(v), len(v))
try: b.write(b'zz')
except Exception as e: print(type(e).__name__, e)
v.release(); print(b.write(b'zz'))
b.close(); print(b.closed)
try: b.read()
except Exception as e: print(type(e).__name__, e)
s = io.StringIO('abc\ndef\r\nghi\rjkl')
print(repr(s.read(2)), s.tell(), repr(s.readline()), s.readlines())
print(repr(s.getvalue()))
s = io.StringIO('a\r\nb\rc\n', newline=None)
print(repr(s.getvalue()), s.newlines, s.readlines())
s = io.StringIO(newline='')
s.write('a\r\nb\rc\nd'); s.seek(0); print(s.readlines())
s = io.StringIO(newline='\r\n')
s.write('a\nb\n'); print(repr(s.getvalue())); s.seek(0); print(s.readlines())
s = io.StringIO(); print(s.write('hé€𝄞'), s.tell(), repr(s.getvalue()))
s.seek(10); s.write('z'); print(repr(s.getvalue()))
for bad in [lambda: s.seek(-1), lambda: s.seek(1, 1), lambda: s.seek(0, 5), lambda: s.write(b'x'), lambda: io.StringIO(5), lambda: io.StringIO(newline=5), lambda: io.StringIO(newline='z')]:
    try: bad()
    except Exception as e: print(type(e).__name__, e)
print(s.truncate(2), repr(s.getvalue()), s.readable(), s.writable(), s.seekable(), s.line_buffering, s.closed)
with io.StringIO('x\ny') as s2: print(list(s2))
print(s2.closed)
class MyIO(io.StringIO):
    def __init__(self):
        super().__init__('q\nw\n')
        self.extra = 1
m = MyIO(); print(m.readlines(), m.extra, isinstance(m, io._TextIOBase), isinstance(m, io._IOBase))
class R(io._RawIOBase):
    def __init__(self, data):
        self.data = data; self.pos = 0
    def readable(self): return True
    def readinto(self, b):
        n = min(len(b), len(self.data) - self.pos, 3)
        b[:n] = self.data[self.pos:self.pos+n]; self.pos += n
        return n
r = R(b'abcdefghij\nklm\n')
print(r.read(2), r.read(), r.read())
br = io.BufferedReader(R(b'line one\nline two\nlast'), 4)
print(br.readline(), br.peek(1)[:1], br.read(3), list(br))
t = io.TextIOWrapper(io.BufferedReader(R('àb\ncd\n'.encode())), encoding='utf-8')
print(t.readlines())
print(io._IOBase().closed, io._IOBase().readable(), io._IOBase().seekable())
try: io._IOBase().seek(0)
except Exception as e: print(type(e).__name__, e)
x = io._IOBase(); x.close(); print(x.closed)
try: x.flush()
except Exception as e: print(type(e).__name__, e)
d = io.IncrementalNewlineDecoder(None, True)
print(repr(d.decode('a\r')), repr(d.decode('\nb\r', final=True)), d.newlines, d.getstate())
tw = io.TextIOWrapper(io.BytesIO(), encoding='ascii', newline='\r\n')
tw.write('a\nb'); tw.flush(); print(tw.buffer.getvalue(), tw.encoding, tw.errors)
try:
    tw.write('é')
except UnicodeEncodeError as e: print('UnicodeEncodeError', e)
tw2 = io.TextIOWrapper(io.BytesIO(b'\xff\xfeabc'), encoding='latin-1')
print(repr(tw2.read()))
tw3 = io.TextIOWrapper(io.BytesIO('x\ny'.encode()), encoding='utf-8')
print(tw3.readline(), tw3.tell(), tw3.read())
tw3.seek(0); print(tw3.read(1), tw3.tell())
print(repr(tw3), tw3.name if hasattr(tw3, 'name') else 'noname')
