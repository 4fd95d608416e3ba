# The os functions behind audit events CPython raises: lchown and fchown
# (`os.chown`, with -1 for dir_fd), lockf, the extended attribute calls
# (getxattr, setxattr, listxattr, removexattr), posix_spawn and
# posix_spawnp (`os.posix_spawn`); and mknod, makedev/major/minor,
# getpgid, chroot. Results, errors and the events hooks see.
import os, sys, stat, tempfile
d = os.path.realpath(tempfile.mkdtemp(prefix="_os_audit"))
f = os.path.join(d, "file")
with open(f, "w") as fh:
    fh.write("data")
events = []
def shown(a):
    if isinstance(a, (str, bytes)):
        return a.replace(d if isinstance(a, str) else d.encode(), "DIR" if isinstance(a, str) else b"DIR")
    if isinstance(a, list):
        return [shown(x) for x in a]
    return a
def hook(ev, args):
    if ev.startswith("os.") and ev not in ("os.listdir", "os.remove", "os.rmdir", "os.scandir", "os.mkdir"):
        events.append((ev, tuple(shown(a) for a in args)))
sys.addaudithook(hook)
def show(title, fn, *a, **k):
    events.clear()
    try:
        r = fn(*a, **k)
        if isinstance(r, list): r = sorted(r)
        out = repr(r)
    except Exception as e:
        out = f"{type(e).__name__}: {e}".replace(d, "DIR")
    print(title, out)
    for e in events:
        print("   ", e)

uid, gid = os.getuid(), os.getgid()
show("lchown", os.lchown, f, uid, gid)
show("lchown -1", os.lchown, f, -1, -1)
show("lchown missing", os.lchown, f + "x", uid, gid)
show("lchown float", os.lchown, f, 1.5, gid)
fd = os.open(f, os.O_RDWR)
show("fchown", os.fchown, fd, uid, -1)
show("fchown bad fd", os.fchown, 999, uid, gid)
show("lockf", os.lockf, fd, os.F_LOCK, 4)
show("lockf test", os.lockf, fd, os.F_TEST, 4)
show("lockf unlock", os.lockf, fd, os.F_ULOCK, 4)
show("lockf keywords", os.lockf, fd=fd, command=os.F_LOCK, length=4)
show("lockf bad", os.lockf, 999, os.F_LOCK, 4)
show("getpgid", lambda: os.getpgid(0) == os.getpgrp())
show("getpgid bad", os.getpgid, 10**7)
show("setxattr", os.setxattr, f, "user.test", b"value")
show("getxattr", os.getxattr, f, "user.test")
show("getxattr bytes", os.getxattr, f.encode(), b"user.test")
show("listxattr", os.listxattr, f)
show("listxattr fd", os.listxattr, fd)
show("setxattr create exists", os.setxattr, f, "user.test", b"v2", os.XATTR_CREATE)
show("setxattr replace", os.setxattr, f, "user.test", bytearray(b"v3"), os.XATTR_REPLACE)
show("getxattr fd", os.getxattr, fd, "user.test")
show("getxattr big", lambda: len(os.setxattr(f, "user.big", b"x" * 1000) or os.getxattr(f, "user.big")))
show("getxattr missing", os.getxattr, f, "user.nope")
show("getxattr nofollow fd", os.getxattr, fd, "user.test", follow_symlinks=False)
show("removexattr", os.removexattr, f, "user.test")
show("removexattr again", os.removexattr, f, "user.test")
show("getxattr bad attr", os.getxattr, f, 5)
show("getxattr bad path", os.getxattr, 1.5, "user.x")
show("listxattr none", lambda: isinstance(os.listxattr(), list))
show("listxattr missing", os.listxattr, f + "x")
os.close(fd)
fifo = os.path.join(d, "fifo")
show("mknod", os.mknod, fifo, stat.S_IFIFO | 0o600)
show("mknod isfifo", lambda: stat.S_ISFIFO(os.stat(fifo).st_mode))
show("mknod exists", os.mknod, fifo, stat.S_IFIFO | 0o600)
show("mknod kw", os.mknod, path=fifo + "2", mode=stat.S_IFIFO | 0o600, device=0, dir_fd=None)
show("mknod dir_fd", lambda: os.mknod("fifo3", stat.S_IFIFO | 0o600, dir_fd=os.open(d, os.O_RDONLY)))
show("mknod dir_fd str", os.mknod, "fifo4", dir_fd="x")
show("stat dir_fd float", os.stat, "x", dir_fd=1.5)
import warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    show("stat dir_fd bool", os.stat, "nonexisting", dir_fd=True)
    print("   ", [(w.category.__name__, str(w.message)) for w in caught])
st = os.stat(f)
show("major/minor/makedev", lambda: os.makedev(os.major(st.st_dev), os.minor(st.st_dev)) == st.st_dev)
show("major keywords", os.major, device=0)
show("makedev keywords", os.makedev, major=0, minor=0)
show("NODEV", lambda: (os.major(-1), os.minor(-1), os.makedev(-1, -1)))
for x in (-2, 2**64, -2**63 - 1):
    show("major bad", os.major, x)
    show("makedev bad", os.makedev, x, 0)
show("makedev 2**32", os.makedev, 2**32, 0)
show("major float", os.major, 1.5)
show("chroot", os.chroot, f + "x")
show("in supports", lambda: ("mknod" in [fn.__name__ for fn in os.supports_dir_fd], "chown" in [fn.__name__ for fn in os.supports_follow_symlinks]))
show("consts", lambda: (os.XATTR_CREATE, os.XATTR_REPLACE, os.XATTR_SIZE_MAX, os.POSIX_SPAWN_OPEN, os.POSIX_SPAWN_CLOSE, os.POSIX_SPAWN_DUP2, os.POSIX_SPAWN_CLOSEFROM))

# posix_spawn
out = os.path.join(d, "out")
def spawn_wait(fn, *a, **k):
    pid = fn(*a, **k)
    return os.waitpid(pid, 0)[1]
show("spawn", spawn_wait, os.posix_spawn, "/bin/sh", ["sh", "-c", "echo $X > " + out], {"X": "hello"})
print("   out:", open(out).read().strip())
show("spawnp", spawn_wait, os.posix_spawnp, "sh", ["sh", "-c", "exit 3"], {"PATH": os.environ["PATH"]})
show("spawn env None", spawn_wait, os.posix_spawn, "/bin/sh", ("sh", "-c", "exit 0"), None)
show("spawn file_actions", spawn_wait, os.posix_spawn, "/bin/sh", ["sh", "-c", "echo fa"], {},
     file_actions=[(os.POSIX_SPAWN_OPEN, 1, out, os.O_WRONLY | os.O_TRUNC, 0o644),
                   (os.POSIX_SPAWN_DUP2, 1, 2), (os.POSIX_SPAWN_CLOSE, 0), (os.POSIX_SPAWN_CLOSEFROM, 3)])
print("   out:", open(out).read().strip())
show("spawn setpgroup", spawn_wait, os.posix_spawn, "/bin/sh", ["sh", "-c", "exit 0"], {}, setpgroup=0, resetids=True, setsid=False, setsigmask=[2], setsigdef=[15])
show("spawn setsid", spawn_wait, os.posix_spawn, "/bin/sh", ["sh", "-c", "exit 0"], {}, setsid=True)
show("spawn missing", os.posix_spawn, "/nonexistent", ["x"], {})
show("spawnp missing", os.posix_spawnp, "nonexistent-prog", ["x"], {})
for args, kw in [(("/bin/true", [], {}), {}), (("/bin/true", "x", {}), {}), (("/bin/true", [""], {}), {}),
                 (("/bin/true", ["a"], 5), {}), (("/bin/true", ["a"], {}, 1), {}), (("/bin/true", ["a", 5], {}), {}),
                 (("/bin/true", ["a"], {"a=b": "c"}), {}), ((5, ["a"], {}), {}),
                 (("/bin/true", ["a"], {}), dict(file_actions=[()])), (("/bin/true", ["a"], {}), dict(file_actions=[5])),
                 (("/bin/true", ["a"], {}), dict(file_actions=[(99,)])), (("/bin/true", ["a"], {}), dict(file_actions=[(1,)])),
                 (("/bin/true", ["a"], {}), dict(file_actions=[(1, "x")])), (("/bin/true", ["a"], {}), dict(file_actions=[(0, 1, "p", 0)])),
                 (("/bin/true", ["a"], {}), dict(file_actions=[(2, 1)])), (("/bin/true", ["a"], {}), dict(file_actions=[(3,)])),
                 (("/bin/true", ["a"], {}), dict(file_actions=5)), (("/bin/true", ["a"], {}), dict(file_actions=[(1, -5)])),
                 (("/bin/true", ["a"], {}), dict(setsigmask=[99999])), (("/bin/true", ["a"], {}), dict(setsigmask=5)),
                 (("/bin/true", ["a"], {}), dict(setpgroup=None)), (("/bin/true", ["a"], {}), dict(setpgroup="x")),
                 (("/bin/true", ["a"], {}), dict(bogus=1)), (("/bin/true", ["a"], {}), dict(scheduler=(1, 2)))]:
    show("spawn error", os.posix_spawn, *args, **kw)

import shutil
shutil.rmtree(d)
