# sendmsg/recvmsg with ancillary data (descriptor passing), recvmsg_into,
# and the ResourceWarning for sockets that are never closed.
import gc
import os
import socket
import struct
import warnings

a, b = socket.socketpair()
print(a.sendmsg([b"ab", b"cd", memoryview(b"ef")]))
print(b.recvmsg(10))

r, w = os.pipe()
os.write(w, b"through a passed descriptor")
payload = struct.pack("ii", r, w)
print(a.sendmsg([b"fds"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, payload)]))
msg, anc, flags, addr = b.recvmsg(10, socket.CMSG_SPACE(2 * 4))
print(msg, flags, addr, len(anc))
level, kind, data = anc[0]
print(level == socket.SOL_SOCKET, kind == socket.SCM_RIGHTS, len(data))
r2, w2 = struct.unpack("ii", data)
print(r2 not in (r, w), w2 not in (r, w), os.get_inheritable(r2))
print(os.read(r2, 100))
for fd in (r, w, r2, w2):
    os.close(fd)

# Too little room for the ancillary data: MSG_CTRUNC.
r, w = os.pipe()
a.sendmsg([b"x"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, struct.pack("ii", r, w))])
msg, anc, flags, addr = b.recvmsg(10, socket.CMSG_LEN(4))
print(msg, flags & socket.MSG_CTRUNC != 0, [(l, t, len(d)) for l, t, d in anc])
for _, _, d in anc:
    for fd in struct.unpack("i" * (len(d) // 4), d):
        os.close(fd)
os.close(r); os.close(w)

buf1, buf2 = bytearray(3), bytearray(5)
a.sendmsg([b"scattered"])
print(b.recvmsg_into([buf1, memoryview(buf2)]), buf1, buf2)

for call in [lambda: a.sendmsg(5), lambda: a.sendmsg([b"x"], 5),
             lambda: a.sendmsg([b"x"], [1]), lambda: a.sendmsg([b"x"], [(1, 2)]),
             lambda: a.sendmsg(["str"]), lambda: b.recvmsg(-1), lambda: b.recvmsg(1, -1),
             lambda: b.recvmsg_into(5), lambda: b.recvmsg_into([b"ro"])]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
a.close(); b.close()

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    s = socket.socket()
    text = repr(s)
    del s
    gc.collect()
print([(w.category.__name__, str(w.message) == "unclosed " + text) for w in caught])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    s = socket.socket()
    s.close()
    del s
    gc.collect()
print(len(caught))
