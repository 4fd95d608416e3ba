import _io as io
d = '/tmp/ferrython_io_t4_%d_' % (hash(__file__) & 0xffffffff)
data = 'ab\r\ncd\rxé€\n' * 50 + 'end'
with open(d + 'm.txt', 'w', newline='') as f:
    f.write(data)
for nl in [None, '', '\n', '\r', '\r\n']:
    with open(d + 'm.txt', newline=nl, encoding='utf-8') as f:
        f._CHUNK_SIZE = 7
        lines = []
        cookies = []
        while True:
            c = f.tell()
            line = f.readline()
            if not line:
                break
            cookies.append(c)
            lines.append(line)
        print(repr(nl), len(lines), lines[:4], f.newlines)
        ok = True
        for c, l in list(zip(cookies, lines))[::13]:
            f.seek(c)
            if f.readline() != l:
                ok = False
        print('seek ok', ok)
        f.seek(0)
        print(repr(f.read(5)), f.tell() > 0)
with open(d + 'm.txt', encoding='utf-8') as f:
    it = iter(f)
    next(it)
    try:
        f.tell()
    except OSError as e:
        print('OSError', e)
    list(it)
    print(f.tell())
# BufferedRandom interplay
with open(d + 'r.bin', 'w+b') as f:
    f.write(b'abcdefghij')
    f.seek(2)
    print(f.read(2), f.tell())
    f.write(b'XY')
    print(f.tell())
    f.seek(0)
    print(f.read())
    f.seek(3)
    f.write(b'Q')
    print(f.read(2))
    f.flush()
    f.seek(0)
    print(f.read(), f.raw.tell())
with open(d + 'r.txt', 'w+', encoding='utf-8') as f:
    f.write('hello\nworld\n')
    f.seek(0)
    print(repr(f.readline()))
    f.write('X')
    f.seek(0)
    print(repr(f.read()))
# detach / reconfigure / write_through / line_buffering
b = io.BytesIO()
t = io.TextIOWrapper(b, encoding='utf-8', write_through=True)
t.write('abc')
print(b.getvalue(), t.write_through, t.line_buffering)
t.reconfigure(line_buffering=True)
print(t.line_buffering)
raw = t.detach()
print(raw is b)
try:
    t.write('x')
except ValueError as e:
    print('ValueError', e)
try:
    t.buffer
except ValueError as e:
    print('ValueError', e)
t = io.TextIOWrapper(io.BytesIO(b'xyz'), encoding='ascii')
t.reconfigure(encoding='latin-1')
print(t.encoding, t.errors, t.read())
try:
    t.reconfigure(encoding='utf-8')
except Exception as e:
    print(type(e).__name__, e)
# subclassing
class MyFile(io.FileIO):
    def read(self, n=-1):
        return super().read(n).upper()
with open(d + 'r.txt', 'w') as f:
    f.write('lower\n')
mf = MyFile(d + 'r.txt')
print(mf.read(), mf.mode, type(mf).__name__, mf.closed)
mf.close()
print(mf.closed)
class MyText(io.TextIOWrapper):
    def readline(self, size=-1):
        return '>' + super().readline(size) if True else ''
mt = MyText(io.BufferedReader(io.FileIO(d + 'r.txt')), encoding='utf-8')
print(repr(mt.readline()), repr(mt.readline()))
mt.close()
class Rec(io.BytesIO):
    def __init__(self):
        super().__init__()
        self.log = []
    def write(self, b):
        self.log.append(bytes(b))
        return super().write(b)
r = Rec()
bw = io.BufferedWriter(r, 4)
bw.write(b'ab'); bw.write(b'cdef'); bw.flush()
print(r.log, r.getvalue())
pair = io.BufferedRWPair(io.BytesIO(b'in data'), io.BytesIO())
print(pair.read(2), pair.peek(1)[:1], pair.write(b'out'), pair.readable(), pair.writable(), pair.closed)
pair.close()
print(pair.closed)
fio = io.FileIO(d + 'r.txt', 'r')
print(fio.readall(), fio.seek(0), fio.read(2), fio.tell(), fio.truncate if False else '', fio.isatty(), fio.fileno() > 2)
ba = bytearray(3)
print(fio.readinto(ba), ba)
try:
    fio.write(b'x')
except Exception as e:
    print(type(e).__name__, e)
fio.close()
try:
    fio.read()
except ValueError as e:
    print(e)
print(repr(fio))
fd_owner = io.FileIO(d + 'r.txt', 'r')
f2 = io.FileIO(fd_owner.fileno(), 'r', closefd=False)
print(f2.read(), f2.closefd, repr(f2).startswith('<_io.FileIO fd='), f2.name == fd_owner.fileno())
f2.close()
print(fd_owner.read(1) == b'', fd_owner.closed)
fd_owner.close()
for bad in [lambda: io.FileIO(d + 'r.txt', 'rw'), lambda: io.FileIO(-1), lambda: io.FileIO(d + 'r.txt', closefd=False), lambda: io.BufferedReader(io.BytesIO(), 0), lambda: io.BufferedWriter(io.FileIO(d + 'r.txt'))]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
def opener(path, flags):
    import _io
    return _io.FileIO(path, 'r', closefd=False).fileno() if False else __import__('_io').FileIO(path).__class__ and -5
try:
    open(d + 'r.txt', opener=opener)
except ValueError as e:
    print(e)
t = io.TextIOWrapper(io.BytesIO('a\nb'.encode()), encoding='utf-8', newline='\r\n')
t.write('x\ny')
print(t.buffer.getvalue())
