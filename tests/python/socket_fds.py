# socket.send_fds / recv_fds: passing descriptors over a socketpair.
import os
import socket

a, b = socket.socketpair()
r, w = os.pipe()
print(socket.send_fds(a, [b"payload"], [r, w]))
msg, fds, flags, addr = socket.recv_fds(b, 100, 2)
print(msg, len(fds), flags, addr)
os.write(fds[1], b"written through the passed end")
print(os.read(r, 100))
for fd in fds + [r, w]:
    os.close(fd)
print(socket.send_fds(a, [b"none"], []))
print(socket.recv_fds(b, 100, 1))
a.close(); b.close()
