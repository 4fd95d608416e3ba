# errno: constants and errorcode, and OSError subclasses picked by errno.
import errno

print(errno.ENOENT, errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK, errno.EINTR, errno.EEXIST)
print(errno.errorcode[2], errno.errorcode[11], errno.errorcode[95], errno.errorcode[35])
print(len(errno.errorcode), sorted(n for n in dir(errno) if n.startswith("E"))[:8])
print(all(errno.errorcode[getattr(errno, n)] for n in dir(errno) if n.startswith("E")))
for code in [errno.ENOENT, errno.EEXIST, errno.EACCES, errno.EPERM, errno.EISDIR, errno.ENOTDIR,
             errno.EAGAIN, errno.ECHILD, errno.ESRCH, errno.EPIPE, errno.ETIMEDOUT, errno.EINTR, 1000]:
    e = OSError(code, "message")
    print(code, type(e).__name__, e.errno, e)
