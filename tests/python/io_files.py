import _io as io
import sys
# Files live in /tmp under a name derived from this script's path, so
# that worktrees running the suite at once do not share them.
d = '/tmp/ferrython_io_%d_' % (hash(__file__) & 0xffffffff)
# text write/read
with open(d + 'a.txt', 'w') as f:
    print(type(f).__name__, f.mode, f.encoding, f.line_buffering, f.name == d + 'a.txt')
    print(f.write('line1\nline2\r\nline3\rline4'))
    print(f.tell())
with open(d + 'a.txt', 'rb') as f:
    print(f.read())
with open(d + 'a.txt') as f:
    print(repr(f.readline()))
    print(repr(f.readline()))
    print(f.readlines())
    print(f.newlines)
with open(d + 'a.txt') as f:
    print(repr(f.readline()), f.tell())
    print(repr(f.readline()), f.tell())
with open(d + 'a.txt', newline='') as f:
    print([l for l in f])
with open(d + 'a.txt', newline='\r') as f:
    print(f.readlines())
with open(d + 'a.txt', newline='\r\n') as f:
    print(f.readlines())
# tell/seek round trip
with open(d + 'a.txt') as f:
    f.readline()
    pos = f.tell()
    rest = f.read()
    f.seek(pos)
    print(f.read() == rest, pos)
    f.seek(0)
    print(repr(f.read(3)), f.tell())
# unicode
with open(d + 'u.txt', 'w', encoding='utf-8') as f:
    f.write('héllo wörld €\n' * 3)
with open(d + 'u.txt', encoding='utf-8') as f:
    print(f.read(4), f.tell())
    p = f.tell()
    print(repr(f.readline()))
    f.seek(p)
    print(repr(f.readline()))
with open(d + 'u.txt', 'rb') as f:
    print(len(f.read()))
# append
with open(d + 'a.txt', 'a') as f:
    f.write('\nappended')
print(open(d + 'a.txt').read().splitlines()[-1])
# binary modes
with open(d + 'b.bin', 'wb') as f:
    print(type(f).__name__, f.write(b'0123456789'), f.tell())
with open(d + 'b.bin', 'r+b') as f:
    print(type(f).__name__, f.read(3), f.tell())
    f.write(b'XY')
    print(f.tell())
    f.seek(0)
    print(f.read())
    f.seek(-2, 2)
    print(f.read(), f.seek(0, 1))
    f.truncate(4)
    f.seek(0)
    print(f.read())
with open(d + 'b.bin', 'rb', buffering=0) as f:
    print(type(f).__name__, f.read(), f.mode, f.closefd, f.readable(), f.writable(), f.seekable())
f = open(d + 'b.bin', 'rb')
print(f.peek(2)[:2], f.read1(2), repr(f.raw).replace(d, 'D/'), f.closed)
f.close()
print(f.closed)
try:
    f.read()
except ValueError as e:
    print('ValueError', e)
# errors
for args in [('rw',), ('rt b',), ('rtb',), ('x+r',), ('z',), ('rr',), ('',)]:
    try:
        open(d + 'a.txt', *args)
    except Exception as e:
        print(type(e).__name__, e)
try:
    open(d + 'a.txt', 'rb', encoding='utf-8')
except Exception as e:
    print(type(e).__name__, e)
try:
    open(d + 'a.txt', 'rb', newline='')
except Exception as e:
    print(type(e).__name__, e)
try:
    open(d + 'a.txt', 'r', buffering=0)
except Exception as e:
    print(type(e).__name__, e)
try:
    open(d + 'nonexistent/x')
except Exception as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename == d + 'nonexistent/x')
try:
    open('/tmp')
except Exception as e:
    print(type(e).__name__, e.errno, e.filename)
try:
    open(d + 'a.txt', newline='x')
except Exception as e:
    print(type(e).__name__, e)
try:
    open(1.5)
except Exception as e:
    print(type(e).__name__, e)
with open(d + 'a.txt', 'x' if False else 'w') as f:
    pass
try:
    open(d + 'a.txt', 'x')
except FileExistsError as e:
    print('FileExistsError', e.errno)
f = open(d + 'a.txt', 'w')
try:
    f.read()
except Exception as e:
    print(type(e).__name__, e, isinstance(e, OSError), isinstance(e, ValueError))
f.close()
try:
    f.write('x')
except ValueError as e:
    print(e)
print( io.UnsupportedOperation.__mro__[1:3], io.UnsupportedOperation.__module__)
