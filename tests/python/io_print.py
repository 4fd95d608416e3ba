# print(), the standard streams and input().
import sys
print('a', 'b', sep='-', end='!\n')
print('x', 'y', sep=None, end=None)
print()
print(1, 2.5, None, [1, 'two'], sep=', ')
print('to stderr', file=sys.stderr)
print('flushed', flush=True)
for bad in [dict(sep=1), dict(end=b'x')]:
    try:
        print('z', **bad)
    except TypeError as e:
        print('TypeError', e)
try:
    print('z', bogus=1)
except TypeError as e:
    print('TypeError', e)
class Collect:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
c = Collect()
print('p', 'q', 3, file=c, sep='+')
print(c.parts)
print(sys.stdout is sys.__stdout__, sys.stderr is sys.__stderr__, sys.stdin is sys.__stdin__)
print(type(sys.stdout).__name__, sys.stdout.mode, sys.stdin.mode, sys.stdout.name, sys.stderr.name, sys.stdin.name)
print(sys.stdout.encoding, sys.stderr.errors, sys.stdout.fileno(), sys.stderr.fileno(), sys.stdin.fileno())
print(sys.stdout.writable(), sys.stdout.readable(), sys.stdin.readable())
print(repr(sys.stdout))
print(sys.stdout.write('direct\n'))
sys.stdout.buffer.write(b'')
old = sys.stdout
sys.stdout = Collect()
print('captured', 42)
got = sys.stdout.parts
sys.stdout = old
print(got)
sys.stdout = None
print('dropped')
sys.stdout = old
print('back')
# input() reads from sys.stdin; with nothing left it raises EOFError.
class FakeIn:
    def __init__(self, lines):
        self.lines = lines
    def readline(self):
        return self.lines.pop(0) if self.lines else ''
sys.stdin = FakeIn(['first line\n', 'last'])
print(repr(input()), repr(input('prompt> ')))
try:
    input()
except EOFError as e:
    print('EOFError', e)
sys.stdin = sys.__stdin__
del sys.stdout
try:
    print('lost')
except RuntimeError as e:
    sys.stdout = sys.__stdout__
    print('RuntimeError', e)
