# Audit events (PEP 578) of the modules written in Rust, with CPython's
# arguments: fcntl, signal.pthread_kill, socket, resource, syslog, array,
# mmap, sqlite3, _thread, tempfile. File descriptors, ports and thread
# ids are shown by name (they differ from run to run).
import sys, os, array, mmap, fcntl, resource, syslog, signal, socket, sqlite3
import _thread, threading, tempfile
import encodings.idna, unicodedata  # imported by the host name functions

names = {}
TMP = tempfile.gettempdir() + "/_audit"
def show(a):
    if isinstance(a, (list, dict, set)):
        return type(a).__name__
    if isinstance(a, tuple):
        return "(" + ", ".join(show(x) for x in a) + ")"
    if isinstance(a, int) and not isinstance(a, bool) and a in names:
        return names[a]
    if isinstance(a, str) and a.startswith(TMP):
        return "TMPNAME"
    if isinstance(a, (str, int, float, bytes, bool, type(None))):
        return repr(a)
    return type(a).__name__

log = []
logging = False
def hook(event, args):
    if logging:
        log.append(event + " " + show(args))
    if event == "fcntl.flock" or event == "socket.gethostbyname" and args[0] == "refused":
        raise PermissionError(event)
sys.addaudithook(hook)

def section(name, f):
    global logging
    logging = True
    try:
        r = f()
    except Exception as e:
        r = "%s: %s" % (type(e).__name__, e)
    logging = False
    print(name, "->", show(r))
    for l in log:
        print("   ", l)
    log.clear()

section("array", lambda: array.array("i"))
section("array list", lambda: array.array("i", [1, 2]))
section("array bytes", lambda: array.array("b", b"ab"))
class A(array.array):
    pass
section("array subclass", lambda: A("d", (1.0,)))

f = tempfile.TemporaryFile()
f.write(b"x" * 4096)
f.flush()
fd = f.fileno()
names[fd] = "FD"
section("mmap", lambda: mmap.mmap(fd, 0).close())
section("mmap anonymous", lambda: mmap.mmap(-1, 10).close())
section("mmap access", lambda: mmap.mmap(fd, 100, access=mmap.ACCESS_READ, offset=0).close())

section("fcntl", lambda: fcntl.fcntl(fd, fcntl.F_GETFD))
section("fcntl file", lambda: fcntl.fcntl(f, fcntl.F_SETFD, 1))
section("fcntl bytes", lambda: fcntl.fcntl(f, fcntl.F_GETFD, b"ab"))
section("ioctl", lambda: fcntl.ioctl(fd, 0x541B, b"    "))
section("lockf", lambda: fcntl.lockf(fd, fcntl.LOCK_UN))
section("lockf all", lambda: fcntl.lockf(f, fcntl.LOCK_EX, 10, 1, 0))
section("flock refused", lambda: fcntl.flock(fd, fcntl.LOCK_EX))

lim = resource.getrlimit(resource.RLIMIT_CORE)
section("setrlimit", lambda: resource.setrlimit(resource.RLIMIT_CORE, lim))
section("prlimit", lambda: resource.prlimit(0, resource.RLIMIT_CORE) and None)
section("openlog", lambda: syslog.openlog("x", 0, syslog.LOG_USER))
section("setlogmask", lambda: syslog.setlogmask(syslog.LOG_UPTO(syslog.LOG_EMERG)) and None)
section("syslog", lambda: syslog.syslog(syslog.LOG_DEBUG, "msg"))
section("closelog", lambda: syslog.closelog())

names[threading.get_ident()] = "TID"
section("pthread_kill", lambda: signal.pthread_kill(threading.get_ident(), 0))

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
section("bind", lambda: s.bind(("127.0.0.1", 0)))
port = s.getsockname()[1]
names[port] = "PORT"
section("connect", lambda: s.connect(("127.0.0.1", port)))
s2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
section("sendto", lambda: s2.sendto(b"x", ("127.0.0.1", port)))
section("sendmsg", lambda: s2.sendmsg([b"x"], [], 0, ("127.0.0.1", port)))
s.close()
s2.close()
section("gethostbyname", lambda: socket.gethostbyname("127.0.0.1"))
section("gethostbyname_ex", lambda: socket.gethostbyname_ex("127.0.0.1") and None)
section("gethostbyaddr", lambda: socket.gethostbyaddr("127.0.0.1") and None)
section("getnameinfo", lambda: socket.getnameinfo(("127.0.0.1", 80), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))
section("getaddrinfo", lambda: socket.getaddrinfo("127.0.0.1", 80, socket.AF_INET, socket.SOCK_STREAM) and None)
section("getservbyname", lambda: socket.getservbyname("http", "tcp"))
section("getservbyport", lambda: socket.getservbyport(80))
section("gethostbyname refused", lambda: socket.gethostbyname("refused"))

section("sqlite3.connect", lambda: sqlite3.connect(":memory:").close())

done = _thread.allocate_lock()
done.acquire()
def worker(*a, **k):
    done.release()
section("start_new_thread", lambda: (_thread.start_new_thread(worker, (1,)), done.acquire()) and None)
section("start_new_thread kwargs", lambda: (_thread.start_new_thread(worker, (), {"a": 1}), done.acquire()) and None)

section("mkstemp", lambda: (lambda r: (os.close(r[0]), os.remove(r[1])))(tempfile.mkstemp(prefix="_audit")) and None)
section("mkdtemp", lambda: os.rmdir(tempfile.mkdtemp(prefix="_audit")))
