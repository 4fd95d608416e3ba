# posix argument handling: a bool passed as a file descriptor warns
# (RuntimeWarning), `__fspath__ = None` opts a class out of os.PathLike,
# an error or audit event names the __fspath__() result, float times are
# rounded down to nanoseconds, an unclosed scandir iterator warns, a
# signal number too large for a C long is out of range.
import gc
import os
import signal
import sys
import tempfile
import warnings

d = tempfile.mkdtemp()
for name in "ab":
    open(os.path.join(d, name), "w").close()

warnings.simplefilter("always")
with warnings.catch_warnings(record=True) as caught:
    it = os.scandir(d)
    next(it)
    del it
    gc.collect()
    it = os.scandir(d)
    list(it)
    del it
    with os.scandir(d) as it:
        next(it)
    del it
print([(w.category.__name__, str(w.message).startswith("unclosed scandir iterator <posix.ScandirIterator")) for w in caught])

calls = [
    (os.fsync, ()),
    (os.fdatasync, ()),
    (os.fchdir, ()),
    (os.pathconf, ("PC_NAME_MAX",)),
    (os.truncate, (0,)),
    (os.fdopen, ()),
]
for f, args in calls:
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        for fd in (False, True):
            try:
                f(fd, *args)
                print(f.__name__, "no error")
            except Exception as e:
                print(f.__name__, type(e).__name__, e)


class Foo:
    __fspath__ = None


class Bar:
    def __fspath__(self):
        return os.path.join(d, "missing", "bar")


class Baz(Bar):
    __fspath__ = None


def hook(event, args):
    if event == "os.mkdir":
        print(event, args[0] == os.path.join(d, "missing", "bar"))


sys.addaudithook(hook)
for o in (Foo(), Bar(), Baz()):
    for f in (os.fspath, open, os.stat, os.mkdir):
        try:
            r = f(o)
            print(f.__name__, r == os.path.join(d, "missing", "bar"))
        except TypeError as e:
            print(f.__name__, type(e).__name__, e)
        except OSError as e:
            print(f.__name__, type(e).__name__, e.filename == os.path.join(d, "missing", "bar"))

fn = os.path.join(d, "a")
for t in [1.002003, 1.0020030005, 4.005006000000001, -1.5, 1e9 + 0.123456789, 5]:
    os.utime(fn, (t, t))
    print(os.stat(fn).st_atime_ns)
try:
    os.utime(fn, (float("nan"), 1.0))
except ValueError as e:
    print(type(e).__name__, e)

for mask in ([1 << 1000], [0], [signal.NSIG]):
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, mask)
    except ValueError as e:
        print(type(e).__name__, e)
