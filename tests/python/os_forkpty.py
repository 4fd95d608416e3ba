# os.forkpty and pty.fork: the child runs on a new pseudo-terminal (its
# stdio is the terminal, it leads a session), the parent reads its output
# through the master descriptor.
import os, pty, sys

def read_all(fd):
    out = b''
    while True:
        try:
            data = os.read(fd, 1024)
        except OSError:  # EIO once the child closed the terminal
            break
        if not data:
            break
        out += data
    return out

pid, fd = os.forkpty()
if pid == 0:
    print('child', os.isatty(0), os.isatty(1), os.getsid(0) == os.getpid(), fd)
    sys.stdout.flush()
    os._exit(3)
print(pid > 0, fd >= 0, os.isatty(fd), os.get_inheritable(fd))
print(read_all(fd).replace(b'\r\n', b'\n'))
_, status = os.waitpid(pid, 0)
print(os.waitstatus_to_exitcode(status))
os.close(fd)

pid, fd = pty.fork()
if pid == pty.CHILD:
    os.write(1, b'from pty.fork\n')
    os._exit(0)
print(read_all(fd).replace(b'\r\n', b'\n'))
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
os.close(fd)

try:
    os.forkpty(1)
except TypeError as e:
    print('TypeError', e)
