# The io module of the standard library over _io: the ABCs, Python
# subclasses of them, codecs.open, io.open being the builtin open.
import io, codecs
s = io.StringIO()
print('x', file=s)
print(repr(s.getvalue()))
class Raw(io.RawIOBase):
    def readable(self): return True
    def readinto(self, b):
        b[:2] = b'ok'
        return 2
print(io.BufferedReader(Raw()).read(5))
w = io.TextIOWrapper(io.BytesIO(), encoding='utf-8')
print(isinstance(w, io.TextIOBase), io.open is open, isinstance(w, io.IOBase))
print(issubclass(io.BytesIO, io.BufferedIOBase), issubclass(io.StringIO, io.TextIOBase), issubclass(io.BufferedRandom, io.BufferedIOBase))
print(io.SEEK_END, io.DEFAULT_BUFFER_SIZE, io.UnsupportedOperation is __import__('_io').UnsupportedOperation)
class Upper(io.TextIOBase):
    def __init__(self): self.parts = []
    def writable(self): return True
    def write(self, s):
        self.parts.append(s.upper()); return len(s)
u = Upper()
print('hello', 'there', file=u)
print(u.parts, u.closed, u.encoding)
u.close(); print(u.closed)
with codecs.open('/tmp/ferrython_io_module_%d.txt' % (hash(__file__) & 0xffffffff), 'w', 'utf-16') as f:
    f.write('hé')
with codecs.open('/tmp/ferrython_io_module_%d.txt' % (hash(__file__) & 0xffffffff), 'r', 'utf-16') as f:
    print(repr(f.read()))
print(io.text_encoding(None), io.text_encoding('x'))
b = io.BytesIO(b'abc\ndef\n')
print(b.readlines(), list(io.BytesIO(b'1\n2')), b.getbuffer().nbytes)
t = io.TextIOWrapper(io.BufferedRandom(io.BytesIO(b'')) if False else io.BytesIO(), encoding='utf-8', newline='')
t.write('a\r\nb'); t.seek(0); print(repr(t.read()))
