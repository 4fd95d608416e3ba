# The posix module's file-system and descriptor calls, in a fresh
# temporary directory (names and results only, no inode numbers or times).
import posix

base = "/tmp/ferrython-posix-%d" % posix.getpid()
posix.mkdir(base, 0o755)


def p(name):
    return base + "/" + name


def show(label, f, *args, **kw):
    try:
        r = f(*args, **kw)
    except Exception as e:
        print(label, type(e).__name__, str(e).replace(base, "BASE"),
              getattr(e, "errno", None))
    else:
        print(label, r)


fd = posix.open(p("a.txt"), posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC, 0o644)
print("write", posix.write(fd, b"hello world\n"), posix.write(fd, bytearray(b"xyz")))
print("inheritable", posix.get_inheritable(fd), posix.get_blocking(fd))
posix.close(fd)
st = posix.stat(p("a.txt"))
print("size", st.st_size, st[6], len(st), oct(st.st_mode & 0o777), st.st_mode >> 12)
print("types", type(st.st_mtime).__name__, type(st[8]).__name__, type(st.st_mtime_ns).__name__)
print("times agree", st.st_mtime_ns // 10**9 == st[8] == int(st.st_mtime))
print("stat_result", type(st).__name__, type(st).__module__, st.n_sequence_fields)

fd = posix.open(p("a.txt"), posix.O_RDONLY)
print("read", posix.read(fd, 5), posix.lseek(fd, 0, 1), posix.read(fd, 100), posix.read(fd, 10))
print("lseek", posix.lseek(fd, -3, 2), posix.read(fd, 3))
print("fstat", posix.fstat(fd).st_size, posix.isatty(fd))
fd2 = posix.dup(fd)
print("dup", fd2 != fd, posix.get_inheritable(fd2))
posix.close(fd2)
posix.close(fd)
show("close bad", posix.close, fd)

r, w = posix.pipe()
posix.write(w, b"through the pipe")
posix.close(w)
print("pipe", posix.read(r, 100), posix.read(r, 100))
posix.close(r)

show("stat missing", posix.stat, p("nope"))
show("lstat bytes", posix.lstat, p("nope").encode())
show("rename missing", posix.rename, p("nope"), p("nope2"))
show("mkdir exists", posix.mkdir, base)
show("rmdir file", posix.rmdir, p("a.txt"))
show("unlink dir", posix.unlink, base)
show("open missing", posix.open, p("nope"), posix.O_RDONLY)
show("listdir file", posix.listdir, p("a.txt"))
show("bad type", posix.stat, 1.5)
show("bad type list", posix.listdir, [])
show("embedded nul", posix.stat, "a\0b")

posix.mkdir(p("sub"))
posix.mkdir(p("sub/deeper"))
fd = posix.open(p("sub/f.bin"), posix.O_CREAT | posix.O_WRONLY, 0o600)
posix.ftruncate(fd, 100)
posix.close(fd)
print("truncated", posix.stat(p("sub/f.bin")).st_size)
posix.truncate(p("sub/f.bin"), 7)
print("truncated", posix.stat(p("sub/f.bin")).st_size)
posix.symlink("a.txt", p("link"))
posix.link(p("a.txt"), p("hard"))
print("nlink", posix.stat(p("a.txt")).st_nlink)
print("readlink", posix.readlink(p("link")), posix.readlink(p("link").encode()))
print("islink", posix.lstat(p("link")).st_mode >> 12, posix.stat(p("link")).st_mode >> 12)
print("listdir", sorted(posix.listdir(base)))
print("listdir bytes", sorted(posix.listdir(base.encode())))


class PathLike:
    def __init__(self, path):
        self.path = path

    def __fspath__(self):
        return self.path


print("fspath", posix.fspath("s"), posix.fspath(b"b"), posix.fspath(PathLike("x")))
show("fspath bad", posix.fspath, 3)
show("fspath bad return", posix.fspath, PathLike(3))
print("pathlike", sorted(posix.listdir(PathLike(p("sub")))))

with posix.scandir(base) as it:
    entries = sorted(it, key=lambda e: e.name)
for e in entries:
    print("entry", repr(e), e.name, e.path.replace(base, "BASE"), e.is_dir(), e.is_file(),
          e.is_symlink(), e.is_dir(follow_symlinks=False), e.is_file(follow_symlinks=False),
          e.stat(follow_symlinks=False).st_mode >> 12, posix.fspath(e) == e.path,
          e.inode() == posix.lstat(e.path).st_ino)
for e in posix.scandir(base.encode()):
    if e.name == b"sub":
        print("bytes entry", e.name, e.path.endswith(b"/sub"))
print("DirEntry", type(entries[0]) is posix.DirEntry)

posix.chmod(p("a.txt"), 0o600)
print("chmod", oct(posix.stat(p("a.txt")).st_mode & 0o777))
print("access", posix.access(p("a.txt"), posix.R_OK), posix.access(p("nope"), posix.F_OK))
posix.utime(p("a.txt"), (1000000000, 1200000000))
st = posix.stat(p("a.txt"))
print("utime", st.st_atime, st.st_mtime, st.st_mtime_ns)
posix.utime(p("a.txt"), ns=(5 * 10**9 + 5, 7 * 10**9 + 123456789))
st = posix.stat(p("a.txt"))
print("utime ns", st.st_atime_ns, st.st_mtime_ns, st[8])
show("utime both", posix.utime, p("a.txt"), (1, 2), ns=(1, 2))
show("utime bad", posix.utime, p("a.txt"), (1,))

dfd = posix.open(base, posix.O_RDONLY)
print("dir_fd stat", posix.stat("a.txt", dir_fd=dfd).st_size)
print("fd listdir", sorted(posix.listdir(dfd)))
posix.close(dfd)

posix.rename(p("hard"), p("renamed"))
posix.replace(p("renamed"), p("sub/moved"))
print("after rename", sorted(posix.listdir(base)), sorted(posix.listdir(p("sub"))))

cwd = posix.getcwd()
posix.chdir(p("sub"))
print("chdir", posix.getcwd().replace(base, "BASE"), posix.getcwdb().replace(base.encode(), b"BASE"))
print("relative", sorted(posix.listdir()))
posix.chdir(cwd)

for name in ["sub/f.bin", "sub/moved", "link", "a.txt"]:
    posix.unlink(p(name))
posix.rmdir(p("sub/deeper"))
posix.rmdir(p("sub"))
posix.rmdir(base)
print("cleaned", posix.access(base, posix.F_OK))

print("system", posix.system("exit 3") >> 8, posix.waitstatus_to_exitcode(posix.system("true")))
st = posix.stat_result((1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
print("stat_result new", st.st_mode, st[9], st.st_atime, st.st_ctime, st.st_atime_ns)
print("stat_result kw", posix.stat_result((1, 2, 3, 4, 5, 6, 7, 8, 9, 10), {"st_atime": 1.5}).st_atime)
print("uname", len(posix.uname()), type(posix.times()).__name__, len(posix.times()))
print("sysconf", posix.sysconf("SC_PAGESIZE") > 0, posix.sysconf_names["SC_OPEN_MAX"] == posix.sysconf_names["SC_OPEN_MAX"])
print("env", posix.putenv("FERRY_T", "v"), posix.unsetenv("FERRY_T"))
try:
    posix.putenv("A=B", "v")
except ValueError as e:
    print("putenv", e)
