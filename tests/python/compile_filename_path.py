# compile() takes its filename as os.fsdecode does: str, bytes decoded with
# the file-system codec, or an os.PathLike; anything else is a TypeError and
# a NUL is a ValueError.
import pathlib


class Named:
    def __init__(self, name):
        self.name = name

    def __fspath__(self):
        return self.name


for name in ['plain.py', b'bytes.py', b'\xff\xc3\xa9.py', pathlib.Path('/p/q.py'),
             Named(b'from-fspath.py'), Named('str-fspath.py')]:
    code = compile('x = 1', name, 'exec')
    print(ascii(code.co_filename), type(code.co_filename).__name__)

for bad in [3, None, bytearray(b'ba.py'), Named(4)]:
    try:
        compile('x = 1', bad, 'exec')
    except TypeError as e:
        print('TypeError', e)

for nul in ['a\0b', b'a\0b']:
    try:
        compile('x = 1', nul, 'exec')
    except ValueError as e:
        print('ValueError', e)

try:
    compile('x = (', b'\xffbad.py', 'exec')
except SyntaxError as e:
    print('SyntaxError', ascii(e.filename))
