# termios on a pseudo-terminal: attributes, window size, line control,
# errors, and the stdlib users (tty, getpass, shutil.get_terminal_size, pty).
import os, sys, termios, tty, pty, getpass, shutil, io

master, slave = os.openpty()
print(os.isatty(master), os.isatty(slave), os.get_inheritable(master), os.get_inheritable(slave))
m2, s2 = pty.openpty()
print(os.isatty(s2))
os.close(m2); os.close(s2)

attr = termios.tcgetattr(slave)
print(type(attr).__name__, len(attr), [type(x).__name__ for x in attr])
print(len(attr[6]) == termios.NCCS, attr[3] & termios.ICANON != 0, attr[6][termios.VINTR])
print(all(type(c) is bytes for c in attr[6]))

# raw mode: ICANON off makes VMIN/VTIME counts
tty.setraw(slave)
raw = termios.tcgetattr(slave)
print(raw[3] & termios.ICANON, raw[3] & termios.ECHO, type(raw[6][termios.VMIN]).__name__, raw[6][termios.VMIN], raw[6][termios.VTIME])
print(raw[2] & termios.CSIZE == termios.CS8)
termios.tcsetattr(slave, termios.TCSANOW, attr)
print(termios.tcgetattr(slave) == attr)
tty.setcbreak(slave)
cb = termios.tcgetattr(slave)
print(cb[3] & termios.ICANON, cb[3] & termios.ECHO, cb[6][termios.VMIN])
termios.tcsetattr(slave, termios.TCSADRAIN, attr)

# speeds
new = list(attr); new[4] = new[5] = termios.B9600
termios.tcsetattr(slave, termios.TCSANOW, new)
a = termios.tcgetattr(slave)
print(a[4] == termios.B9600, a[5] == termios.B9600)
termios.tcsetattr(slave, termios.TCSANOW, attr)

# window size
termios.tcsetwinsize(slave, (24, 80))
print(termios.tcgetwinsize(slave), termios.tcgetwinsize(master))
termios.tcsetwinsize(master, [50, 132])
print(termios.tcgetwinsize(slave))
print(os.get_terminal_size(slave))
os.environ.pop('COLUMNS', None); os.environ.pop('LINES', None)
saved = sys.__stdout__
fobj = os.fdopen(os.dup(slave), 'w')
sys.__stdout__ = fobj
print(shutil.get_terminal_size(), file=saved)
sys.__stdout__ = saved
fobj.close()

# line control
termios.tcdrain(slave)
termios.tcflush(slave, termios.TCIOFLUSH)
termios.tcflow(slave, termios.TCOON)
termios.tcsendbreak(slave, 0)
print('line control ok')

# a file object works where a descriptor is expected
with os.fdopen(os.dup(slave), 'rb', buffering=0) as f:
    print(termios.tcgetattr(f) == attr, termios.tcgetwinsize(f))

# input through the pty (canonical mode: a line at a time)
os.write(master, b'hello\n')
print(os.read(slave, 100))

# getpass on the terminal: echo is off while reading
pid, fd = pty.fork()
if pid == 0:
    try:
        pw = getpass.getpass('Password: ')
        print('got', repr(pw))
    finally:
        os._exit(0)
out = b''
def readsome():
    global out
    try:
        data = os.read(fd, 1024)
    except OSError:
        return False
    out += data
    return bool(data)
while b'Password: ' not in out and readsome():
    pass
os.write(fd, b'secret\n')
while readsome():
    pass
os.waitpid(pid, 0)
os.close(fd)
print(out.replace(b'\r\n', b'\n').decode().strip().splitlines())

# errors
class E: pass
r, w = os.pipe()
for f, args in ((termios.tcgetattr, (r,)), (termios.tcgetwinsize, (r,)), (termios.tcdrain, (r,)),
                (termios.tcsetattr, (r, termios.TCSANOW, attr)), (termios.tcgetattr, (999,)),
                (termios.tcgetattr, ('x',)), (termios.tcgetattr, (-1,)), (termios.tcgetattr, (E(),)),
                (termios.tcsetattr, (slave, termios.TCSANOW, attr[:6])),
                (termios.tcsetattr, (slave, termios.TCSANOW, tuple(attr))),
                (termios.tcsetattr, (slave, termios.TCSANOW, attr[:6] + [attr[6][:5]])),
                (termios.tcsetattr, (slave, termios.TCSANOW, attr[:6] + [['ab'] * termios.NCCS])),
                (termios.tcsetattr, (slave, termios.TCSANOW, ['x'] + attr[1:])),
                (termios.tcsetattr, (slave, 12345, attr)),
                (termios.tcsetwinsize, (slave, (1,))), (termios.tcsetwinsize, (slave, 5)),
                (termios.tcsetwinsize, (slave, (70000, 1))), (termios.tcsetwinsize, (slave, (-1, 1))),
                (termios.tcsetwinsize, (slave, ('a', 1))), (termios.tcsetwinsize, (slave, {0: 1, 1: 2})),
                (termios.tcflush, (slave, 99)), (termios.tcflow, (slave, 99))):
    try:
        f(*args)
        print(f.__name__, 'no error')
    except termios.error as e:
        print(f.__name__, 'termios.error', e.args[0], type(e.args[1]).__name__)
    except Exception as e:
        print(f.__name__, type(e).__name__, e)
print(termios.error.__mro__, termios.error.__module__)
os.close(master); os.close(slave); os.close(r); os.close(w)
