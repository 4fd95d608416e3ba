# socketpair: echo, recv_into, sendall of a large buffer from a thread,
# makefile, timeouts, non-blocking mode, options and the closed state.
import socket
import threading

a, b = socket.socketpair()
print(a.family, a.type, a.proto, type(a).__name__)
print(a.family is socket.AF_UNIX, a.type is socket.SOCK_STREAM)
print(repr(a.family), repr(a.type))

a.sendall(b"hello")
print(b.recv(100))
print(b.send(b"world"), a.recv(3), a.recv(10))

buf = bytearray(8)
a.send(b"abcdefghij")
print(b.recv_into(buf), buf)
print(b.recv_into(memoryview(buf)[2:], 1), buf)
print(b.recv(1))
view = bytearray(4)
a.send(b"wxyz")
print(b.recv_into(view, 0), view)

# A large buffer from a thread: sendall loops until everything is sent.
data = bytes(range(256)) * 4096
def sender():
    a.sendall(data)
t = threading.Thread(target=sender)
t.start()
got = bytearray()
while len(got) < len(data):
    chunk = b.recv(65536)
    if not chunk:
        break
    got += chunk
t.join()
print(len(got), got == data)

# makefile reads lines.
a.sendall(b"line one\nline two\nrest")
a.shutdown(socket.SHUT_WR)
f = b.makefile("rb")
print(f.readline(), f.readline(), f.read())
f.close()
print(b.recv(10))

# Timeouts and blocking modes.
c, d = socket.socketpair()
print(c.gettimeout(), c.getblocking(), c.timeout)
c.settimeout(0.05)
print(c.gettimeout(), c.getblocking())
try:
    c.recv(1)
except TimeoutError as e:
    print(type(e).__name__, e, isinstance(e, socket.timeout))
c.setblocking(False)
print(c.gettimeout(), c.getblocking())
try:
    c.recv(1)
except BlockingIOError as e:
    print(type(e).__name__, e.errno)
c.settimeout(None)
print(c.gettimeout(), c.getblocking())
for bad in (-1, "x", float("nan")):
    try:
        c.settimeout(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

# Options.
print(c.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE) == socket.SOCK_STREAM)
print(c.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR))
c.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
print(c.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE))
c.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, (0).to_bytes(4, "little"))
print(c.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 4))
try:
    c.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE, 2000)
except OSError as e:
    print(type(e).__name__, e)

# Default timeout applies to new sockets.
print(socket.getdefaulttimeout())
socket.setdefaulttimeout(2.5)
e1, e2 = socket.socketpair()
print(socket.getdefaulttimeout(), e1.gettimeout(), e1.getblocking())
socket.setdefaulttimeout(None)
e1.close(); e2.close()

# Closed sockets.
for s in (a, b, c, d):
    s.close()
print(a)
print(a.fileno())
a.close()
for name, call in [("recv", lambda: a.recv(1)), ("send", lambda: a.send(b"x")),
                   ("getsockname", a.getsockname), ("settimeout", lambda: a.settimeout(1)),
                   ("listen", a.listen)]:
    try:
        call()
    except OSError as e:
        print(name, type(e).__name__, e.errno)

# detach leaves the descriptor open.
x, y = socket.socketpair()
fd = x.detach()
print(x.fileno(), fd >= 0)
z = socket.socket(fileno=fd)
print(z.family == socket.AF_UNIX, z.type == socket.SOCK_STREAM)
z.sendall(b"via fd")
print(y.recv(10))
z.close(); y.close()

# dup and non-inheritable descriptors.
p, q = socket.socketpair()
r = p.dup()
print(r.get_inheritable(), p.get_inheritable())
r.sendall(b"dup")
print(q.recv(3))
for s in (p, q, r):
    s.close()

# Argument errors.
s1, s2 = socket.socketpair()
for call in (lambda: s1.recv(-1), lambda: s1.recv("x"), lambda: s1.send("str"),
             lambda: s1.recv_into(b"immutable"), lambda: s1.recv_into(bytearray(2), 5),
             lambda: s1.sendto(b"x"), lambda: s1.recv(1, 2, 3)):
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
s1.close(); s2.close()
