# _posixsubprocess.fork_exec (pipes, env, exec and chdir failures), select.select,
# select.poll and fcntl on pipes.
import _posixsubprocess, posix, select


def readall(fd):
    out = b""
    while True:
        chunk = posix.read(fd, 100)
        if not chunk:
            return out
        out += chunk


r, w = posix.pipe()
er, ew = posix.pipe()
pid = _posixsubprocess.fork_exec([b"/bin/sh", "-c", "echo hello $X; echo err >&2; exit 3"], [b"/bin/sh"], True, (ew,), None, [b"X=world"],
    -1, -1, r, w, -1, w, er, ew, True, False, -1, None, None, None, -1, None, False)
posix.close(w); posix.close(ew)
print(readall(er))
out = b""
while True:
    chunk = posix.read(r, 100)
    if not chunk: break
    out += chunk
print(out)
p, st = posix.waitpid(pid, 0)
print(p == pid, posix.waitstatus_to_exitcode(st))
er, ew = posix.pipe()
pid = _posixsubprocess.fork_exec([b"nope"], [b"/nonexistent/nope"], True, (ew,), None, None,
    -1, -1, -1, -1, -1, -1, er, ew, True, False, -1, None, None, None, -1, None, False)
posix.close(ew)
print(readall(er))
posix.waitpid(pid, 0)
er, ew = posix.pipe()
pid = _posixsubprocess.fork_exec([b"true"], [b"/bin/true"], True, (ew,), "/nonexistent", None,
    -1, -1, -1, -1, -1, -1, er, ew, True, False, -1, None, None, None, -1, None, False)
posix.close(ew)
print(readall(er))
posix.waitpid(pid, 0)
r, w = posix.pipe()
print(select.select([r], [w], [], 0)[1] == [w], select.select([r], [], [], 0.01))
posix.write(w, b"x")
p = select.poll(); p.register(r, select.POLLIN)
print(p.poll(0) == [(r, select.POLLIN)], select.select([r], [], [], None)[0] == [r])
p.unregister(r)
try: p.unregister(r)
except KeyError as e: print("KeyError", e.args[0] == r)
try: p.modify(r, 1)
except OSError as e: print(type(e).__name__, e)
import fcntl
print(fcntl.fcntl(r, fcntl.F_GETFD) & fcntl.FD_CLOEXEC, fcntl.fcntl(r, fcntl.F_SETFD, 0), fcntl.fcntl(r, fcntl.F_GETFD))
fcntl.flock(r, fcntl.LOCK_EX); fcntl.flock(r, fcntl.LOCK_UN)
