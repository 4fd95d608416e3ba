# Text files in encodings that go through the codec registry.
import sys
sys.path.insert(0, '/root/.pyenv/versions/3.13.0/lib/python3.13')
d = '/tmp/ferrython_io_codecs_%d_' % (hash(__file__) & 0xffffffff)
f = open(d + 'u16.txt', 'w', encoding='utf-16')
f.write('hi\nthere')
f.close()
print(open(d + 'u16.txt', 'rb').read())
f = open(d + 'u16.txt', encoding='utf-16')
print(repr(f.readline()), f.tell(), repr(f.read()))
f.close()
print(open(d + 'u16.txt', encoding='cp1252', errors='replace').read()[:3])
with open(d + 'c.txt', 'w', encoding='cp1252') as f:
    f.write('€uro\nligne 2\n')
print(open(d + 'c.txt', 'rb').read(), repr(open(d + 'c.txt', encoding='cp1252').read()))
with open(d + 'c.txt', encoding='cp1252') as f:
    f.readline()
    p = f.tell()
    print(repr(f.readline()))
    f.seek(p)
    print(repr(f.readline()), f.encoding)
with open(d + 'c.txt', 'a', encoding='utf-16') as f:
    f.write('x')
print(open(d + 'c.txt', 'rb').read()[-4:])
try:
    open(d + 'c.txt', encoding='rot13')
except LookupError as e:
    print('LookupError', e)
try:
    open(d + 'c.txt', encoding='nonesuch')
except LookupError as e:
    print('LookupError', e)
