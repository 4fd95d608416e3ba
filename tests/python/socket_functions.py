# _socket's module functions: byte order, address text conversions,
# getaddrinfo/getnameinfo on numeric addresses, constants, exceptions.
import _socket
import socket

print(socket.htons(1), socket.ntohs(256), socket.htonl(1), socket.ntohl(16777216))
print(socket.htons(0x1234) == 0x3412, socket.htonl(0x12345678) == 0x78563412)
for f, v in [(socket.htons, -1), (socket.htons, 70000), (socket.ntohs, 65536),
             (socket.htonl, -1), (socket.htonl, 2**32), (socket.ntohl, 2**40),
             (socket.htons, 2**70), (socket.htonl, 2**70), (socket.htonl, "x"),
             (socket.htons, 1.5)]:
    try:
        print(f(v))
    except (OverflowError, TypeError) as e:
        print(f.__name__, type(e).__name__, e)

print(socket.inet_aton("127.0.0.1"), socket.inet_aton("1"), socket.inet_aton("0x7f.1"))
print(socket.inet_ntoa(b"\x7f\x00\x00\x01"), socket.inet_ntoa(bytearray(b"abcd")))
print(socket.inet_pton(socket.AF_INET, "10.1.2.3"))
print(socket.inet_pton(socket.AF_INET6, "::1"))
print(socket.inet_pton(socket.AF_INET6, "2001:db8::ff00:42:8329"))
print(socket.inet_ntop(socket.AF_INET, b"\x0a\x01\x02\x03"))
print(socket.inet_ntop(socket.AF_INET6, bytes(15) + b"\x01"))
print(socket.inet_ntop(socket.AF_INET6, bytes(10) + b"\xff\xff\x01\x02\x03\x04"))
print(socket.inet_ntop(socket.AF_INET6, bytes(16)))
for call in [lambda: socket.inet_aton("not an address"), lambda: socket.inet_aton(b"1.2.3.4"),
             lambda: socket.inet_aton("1.2.3.4\0"), lambda: socket.inet_ntoa(b"abc"),
             lambda: socket.inet_ntoa("abcd"), lambda: socket.inet_pton(socket.AF_INET, "1.2.3"),
             lambda: socket.inet_pton(socket.AF_INET6, "1:::2"), lambda: socket.inet_pton(99, "x"),
             lambda: socket.inet_ntop(99, b"abcd"), lambda: socket.inet_ntop(socket.AF_INET, b"abc"),
             lambda: socket.inet_ntop(socket.AF_INET6, b"abcd"), lambda: socket.inet_pton(socket.AF_INET, b"1.2.3.4")]:
    try:
        print(call())
    except (OSError, ValueError, TypeError) as e:
        print(type(e).__name__, e)

for info in socket.getaddrinfo("127.0.0.1", 80, type=socket.SOCK_STREAM):
    print(info)
print(socket.getaddrinfo("127.0.0.1", "http", socket.AF_INET, socket.SOCK_STREAM))
print(socket.getaddrinfo(None, 0, socket.AF_INET, socket.SOCK_DGRAM, 0, socket.AI_PASSIVE))
print(socket.getaddrinfo("::1", 8080, socket.AF_INET6, socket.SOCK_DGRAM))
print(_socket.getaddrinfo(b"127.0.0.1", b"22", 0, socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST))
for call in [lambda: socket.getaddrinfo(1, 2), lambda: socket.getaddrinfo("x", 1.5),
             lambda: socket.getaddrinfo("127.0.0.1", 80, family=12345),
             lambda: socket.getaddrinfo("127.0.0.1", "notaport", flags=socket.AI_NUMERICSERV)]:
    try:
        print(call())
    except (OSError, TypeError) as e:
        print(type(e).__name__, e, isinstance(e, socket.gaierror), getattr(e, "errno", None))

print(socket.getnameinfo(("127.0.0.1", 80), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))
print(socket.getnameinfo(("::1", 443, 0, 0), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))
for call in [lambda: socket.getnameinfo("x", 0), lambda: socket.getnameinfo(("127.0.0.1",), 0),
             lambda: socket.getnameinfo(("127.0.0.1", 80, 0), 0)]:
    try:
        print(call())
    except (OSError, TypeError) as e:
        print(type(e).__name__, e)

print(socket.gethostbyname("127.0.0.1"), socket.gethostbyname(""), socket.gethostbyname("<broadcast>"))
print(type(socket.gethostname()).__name__)
print(socket.getprotobyname("tcp"), socket.getprotobyname("udp"))
try:
    socket.getprotobyname("no-such-protocol")
except OSError as e:
    print(type(e).__name__, e)
try:
    socket.getservbyport(70000)
except OverflowError as e:
    print(type(e).__name__, e)
try:
    socket.getservbyname("no-such-service", "tcp")
except OSError as e:
    print(type(e).__name__, e)

print(socket.CMSG_LEN(0) > 0, socket.CMSG_LEN(4), socket.CMSG_SPACE(4), socket.CMSG_SPACE(0))
for f in (socket.CMSG_LEN, socket.CMSG_SPACE):
    try:
        f(-1)
    except OverflowError as e:
        print(type(e).__name__, e)

print(socket.if_nametoindex("lo") > 0, socket.if_indextoname(socket.if_nametoindex("lo")))
print(any(name == "lo" for _, name in socket.if_nameindex()))
try:
    socket.if_nametoindex("no-such-interface")
except OSError as e:
    print(type(e).__name__, e)

print(socket.error is OSError, socket.timeout is TimeoutError)
print(socket.herror.__mro__[1:3], socket.gaierror.__name__, socket.gaierror.__module__)
print(socket.has_ipv6, socket.SocketType is _socket.socket, _socket.socket.__name__, _socket.socket.__module__)
names = ["AF_INET", "AF_INET6", "AF_UNIX", "AF_UNSPEC", "SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW",
         "SOCK_NONBLOCK", "SOCK_CLOEXEC", "SOL_SOCKET", "SO_REUSEADDR", "SO_REUSEPORT", "SO_ERROR",
         "SO_KEEPALIVE", "SO_RCVBUF", "SO_SNDBUF", "IPPROTO_TCP", "IPPROTO_UDP", "IPPROTO_IPV6",
         "IPV6_V6ONLY", "IP_TOS", "TCP_NODELAY", "TCP_KEEPIDLE", "MSG_PEEK", "MSG_DONTWAIT",
         "MSG_NOSIGNAL", "SHUT_RD", "SHUT_WR", "SHUT_RDWR", "AI_PASSIVE", "AI_CANONNAME",
         "NI_NUMERICHOST", "NI_MAXHOST", "EAI_NONAME", "EAI_AGAIN", "INADDR_ANY",
         "INADDR_LOOPBACK", "INADDR_NONE", "SOMAXCONN", "SCM_RIGHTS", "SCM_CREDENTIALS",
         "IPV6_JOIN_GROUP", "IP_ADD_MEMBERSHIP", "SO_PEERCRED", "TCP_USER_TIMEOUT"]
print([getattr(_socket, n) for n in names])
print(socket.AddressFamily.AF_INET6, socket.AddressFamily(1).name, socket.SocketKind(2).name)
print(socket.MsgFlag.MSG_PEEK | socket.MsgFlag.MSG_DONTWAIT)
print(socket.AddressInfo.AI_PASSIVE)

s = _socket.socket()
print(repr(s).replace(str(s.fileno()), "N"), s.family, s.type, s.proto, s.timeout)
s.close()
print(repr(s))
nb = socket.socket(socket.AF_INET, socket.SOCK_STREAM | socket.SOCK_NONBLOCK)
print(nb.type, nb.gettimeout(), nb.getblocking())
nb.close()
for call in [lambda: _socket.socket(fileno=-5), lambda: _socket.socket(fileno=1.5),
             lambda: _socket.socket(99999), lambda: _socket.socket(socket.AF_INET, 99999),
             lambda: _socket.socket(family="x")]:
    try:
        call()
    except (OSError, ValueError, TypeError) as e:
        print(type(e).__name__, e)

class Sub(_socket.socket):
    __slots__ = ("extra",)
sub = Sub(socket.AF_INET, socket.SOCK_DGRAM)
sub.extra = 5
print(type(sub).__name__, sub.type, sub.extra)
sub.close()

import sys
events = []
sys.addaudithook(lambda ev, args: events.append((ev, len(args))) if ev.startswith("socket.") else None)
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.close()
socket.getaddrinfo("127.0.0.1", 80)
socket.gethostname()
socket.gethostbyname("127.0.0.1")
print(events)
