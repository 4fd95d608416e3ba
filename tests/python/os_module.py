# skip: os.py needs sys._get_cpu_count_config and sys.audit, glob/shutil need _thread (corelib/threads); remove this line once they land
# os, os.path, stat, shutil, glob, fnmatch, tempfile and subprocess over posix.
import os
import stat
import posixpath

print(os.name, os.sep, os.curdir, os.path is posixpath, os.path.join("a", "b", "c"))
print(os.getcwd() == os.path.abspath("."), os.path.splitext("x/y.tar.gz"), os.path.basename("/a/b"))
base = "/tmp/ferrython-os-%d" % os.getpid()
os.makedirs(base + "/x/y")
with open(base + "/x/f.txt", "w") as f:
    f.write("hi")
print(sorted(os.listdir(base + "/x")), os.path.isdir(base + "/x"), os.path.isfile(base + "/x/f.txt"),
      os.path.exists(base + "/nope"), os.path.islink(base + "/x"))
print(os.path.getsize(base + "/x/f.txt"), stat.S_ISDIR(os.stat(base).st_mode), stat.filemode(os.stat(base + "/x/f.txt").st_mode)[0])
print([(r.replace(base, "B"), sorted(ds), sorted(fs)) for r, ds, fs in sorted(os.walk(base))])
print(os.fsencode("x"), os.fsdecode(b"y"), os.fspath(base + "/x") == base + "/x")
os.environ["FERRY"] = "1"
print(os.getenv("FERRY"), os.environb[b"FERRY"], "FERRY" in os.environ)
del os.environ["FERRY"]
print(os.getenv("FERRY"), os.supports_dir_fd >= {os.stat, os.open}, os.scandir in os.supports_fd)
try:
    os.remove(base + "/nope")
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename.replace(base, "B"))

import fnmatch
import glob
import shutil
import tempfile

print(sorted(p.replace(base, "B") for p in glob.glob(base + "/x/*")), fnmatch.fnmatch("a.py", "*.py"))
shutil.copy(base + "/x/f.txt", base + "/g.txt")
print(open(base + "/g.txt").read())
shutil.rmtree(base)
print(os.path.exists(base))
with tempfile.TemporaryDirectory() as t:
    fd, name = tempfile.mkstemp(dir=t)
    os.write(fd, b"abc")
    os.close(fd)
    print(os.path.isdir(t), os.path.getsize(name))
print(os.path.exists(t))

import subprocess

r = subprocess.run(["/bin/sh", "-c", "echo out; echo err >&2; exit 4"], capture_output=True)
print(r.returncode, r.stdout, r.stderr)
print(subprocess.check_output(["echo", "hello"], text=True))
try:
    subprocess.run(["/nonexistent/binary"])
except FileNotFoundError as e:
    print(type(e).__name__, e.errno)
