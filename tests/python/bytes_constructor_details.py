# bytes()/bytearray() argument checks, ord() of a bytearray, deleting an
# extended slice by assigning b'', bytearray.__init__ from an iterator,
# FileIO.readinto of a read-only buffer, and -X dev codec name checks.
for t in (bytes, bytearray):
  for a,k in [((1,), {'encoding':'x'}), (('a',1),{}), (('a','ascii',1),{}), (('a',),{'errors':'strict'}), ((1,),{'errors':'strict'}), (('',), {'errors':'ignore'})]:
    try: print(t(*a, **k))
    except TypeError as e: print(e)
print(ord(bytearray(b'a')), ord(b'b'))
b = bytearray(range(10)); v = memoryview(b)
try: b[1:-1:2] = b""
except BufferError as e: print(e)
v.release(); b[1:-1:2] = b""; print(b)
b = bytearray()
def g():
    for i in range(1, 6):
        yield i
        print(list(b), b.__alloc__() > len(b))
b.__init__(g()); print(b)
import io
f=io.FileIO('/dev/null')
try: f.readinto(b'')
except TypeError as e: print(e)
import subprocess
import sys

code = """
for call in [lambda: b''.decode('ascii', 'Boom'), lambda: ''.encode('latin1', 'Boom'),
             lambda: bytes('', 'utf8', 'Boom'), lambda: str(b'', 'ascii', 'Boom'),
             lambda: bytearray('', 'ascii', 'Boom'), lambda: b'x'.decode('utf-8', 'strict')]:
    try:
        print(repr(call()))
    except LookupError as e:
        print(type(e).__name__, e)
"""
for opts in (["-X", "dev"], []):
    print(subprocess.run([sys.executable, *opts, "-c", code], capture_output=True, text=True).stdout)
