# TCP and UDP over 127.0.0.1 (ports chosen by the system), AF_UNIX path
# sockets, refused connections, select and selectors with sockets.
import os
import select
import selectors
import socket
import tempfile
import threading

# A TCP echo server with a client in a thread.
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
print(srv.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
srv.bind(("127.0.0.1", 0))
srv.listen()
host, port = srv.getsockname()
print(host, 0 < port < 65536)

def client(results):
    with socket.create_connection((host, port), timeout=5) as c:
        results.append(c.getpeername() == (host, port))
        c.sendall(b"ping over tcp")
        results.append(c.recv(100))
        f = c.makefile("rwb")
        f.write(b"first\nsecond\n")
        f.flush()
        results.append(f.readline())
        f.close()

results = []
t = threading.Thread(target=client, args=(results,))
t.start()
conn, peer = srv.accept()
print(type(conn).__name__, peer[0], conn.getsockname() == (host, port))
print(conn.gettimeout(), conn.family.name, conn.type.name)
data = conn.recv(100)
conn.sendall(data.upper())
rf = conn.makefile("rb")
line = rf.readline()
conn.sendall(b"echo " + line)
print(data, line, rf.readline())
rf.close()
t.join()
print(results)
conn.close()
srv.close()

# create_server and accept with a timeout.
srv = socket.create_server(("127.0.0.1", 0))
srv.settimeout(0.05)
try:
    srv.accept()
except TimeoutError as e:
    print("accept", type(e).__name__, e)
port = srv.getsockname()[1]
srv.close()

# Nobody listens on that port any more.
c = socket.socket()
try:
    c.connect(("127.0.0.1", port))
except ConnectionRefusedError as e:
    print(type(e).__name__, e.errno)
print(c.connect_ex(("127.0.0.1", port)) == __import__("errno").ECONNREFUSED)
c.close()

# UDP.
u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2.bind(("127.0.0.1", 0))
print(u2.sendto(b"datagram", u1.getsockname()))
data, addr = u1.recvfrom(100)
print(data, addr == u2.getsockname())
u2.sendto(b"into", 0, u1.getsockname())
buf = bytearray(10)
n, addr = u1.recvfrom_into(buf)
print(n, buf[:n], addr == u2.getsockname())
u1.connect(u2.getsockname())
u1.send(b"connected")
print(u2.recv(100))
u1.close(); u2.close()

# AF_UNIX with a path, and the abstract namespace.
d = tempfile.mkdtemp()
path = os.path.join(d, "sock")
us = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
us.bind(path)
us.listen(1)
print(us.getsockname() == path, os.path.exists(path))
uc = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
uc.connect(path)
sc, addr = us.accept()
print(repr(addr), uc.getpeername() == path)
uc.sendall(b"unix")
print(sc.recv(10))
for s in (sc, uc, us):
    s.close()
os.unlink(path)
os.rmdir(d)
ab = socket.socket(socket.AF_UNIX)
ab.bind(b"\0ferrython-test-" + str(os.getpid()).encode())
print(ab.getsockname().startswith(b"\0ferrython-test-"))
ab.close()
try:
    socket.socket(socket.AF_UNIX).bind("x" * 200)
except OSError as e:
    print(type(e).__name__, e)

# select and selectors.
a, b = socket.socketpair()
print(select.select([a], [], [], 0))
b.send(b"x")
r, w, x = select.select([a], [a], [], 1)
print(r == [a], w == [a], x)
sel = selectors.DefaultSelector()
sel.register(a, selectors.EVENT_READ, data="reader")
events = sel.select(timeout=1)
print([(k.fileobj is a, k.data, m) for k, m in events])
print(a.recv(1))
print(sel.select(timeout=0))
sel.unregister(a)
sel.close()
a.close(); b.close()

# Address errors.
s = socket.socket()
for addr in [("127.0.0.1",), "127.0.0.1", (1, 2), ("a\0", 2), ("127.0.0.1", 70000),
             ("127.0.0.1", -1), ("127.0.0.1", 1.5), ("127.0.0.1", "80")]:
    try:
        s.bind(addr)
    except (TypeError, OverflowError, OSError) as e:
        print(type(e).__name__, e)
s.close()
s6 = socket.socket(socket.AF_INET6)
s6.bind(("::1", 0))
name = s6.getsockname()
print(len(name), name[0], name[2:])
s6.close()
