# The standard streams of a child interpreter under PYTHONIOENCODING (the
# built-in codecs and ones from the encodings package) and
# PYTHONUNBUFFERED, with piped input and output (the child runs through
# posix.fork/execve so that only the posix module is needed).
import posix
import sys

code = r'''
import sys
print(sys.stdout.encoding, sys.stdout.errors, sys.stdin.encoding, sys.stderr.errors)
print(sys.stdout.line_buffering, sys.stderr.line_buffering, sys.stdout.write_through,
      type(sys.stdout.buffer).__name__, type(sys.stdin.buffer).__name__)
print(repr(input('> ')))
print(sys.stdin.readline(), end='')
print(repr(sys.stdin.read()))
print('\u20ac \xe9')
sys.stderr.write('to stderr \u20ac\n')
try:
    input()
except EOFError as e:
    print('EOF', e)
'''


def read_all(fd):
    out = b''
    while True:
        chunk = posix.read(fd, 4096)
        if not chunk:
            return out
        out += chunk


def run(env_extra, data):
    env = {k: v for k, v in posix.environ.items()
           if k not in (b'PYTHONIOENCODING', b'PYTHONUNBUFFERED')}
    env.update(env_extra)
    in_r, in_w = posix.pipe()
    out_r, out_w = posix.pipe()
    err_r, err_w = posix.pipe()
    pid = posix.fork()
    if pid == 0:
        posix.dup2(in_r, 0)
        posix.dup2(out_w, 1)
        posix.dup2(err_w, 2)
        for fd in (in_r, in_w, out_r, out_w, err_r, err_w):
            posix.close(fd)
        exe = sys.executable.encode()
        posix.execve(exe, [exe, b'-c', code.encode()], env)
        posix._exit(127)
    for fd in (in_r, out_w, err_w):
        posix.close(fd)
    posix.write(in_w, data)
    posix.close(in_w)
    out = read_all(out_r)
    err = read_all(err_r)
    posix.close(out_r)
    posix.close(err_r)
    _, status = posix.waitpid(pid, 0)
    return posix.waitstatus_to_exitcode(status), out, err


for extra in [{b'PYTHONIOENCODING': b'latin-1:replace'},
              {b'PYTHONIOENCODING': b'utf8'},
              {b'PYTHONIOENCODING': b'ascii:backslashreplace'},
              {b'PYTHONIOENCODING': b'UTF-8:strict', b'PYTHONUNBUFFERED': b'1'},
              # Codecs of the encodings package, looked up at startup.
              {b'PYTHONIOENCODING': b'cp1252'},
              {b'PYTHONIOENCODING': b'cp424:replace'},
              {b'PYTHONIOENCODING': b'koi8_r:xmlcharrefreplace'}]:
    code_, out, err = run(extra, b'first\nsecond\nthird')
    print(extra, code_)
    print(out)
    print(err)
