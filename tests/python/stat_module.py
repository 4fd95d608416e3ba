# _stat: the C accelerator of stat.py.
import _stat

print(_stat.filemode(0o140755), _stat.filemode(0o020644), _stat.filemode(0o4755 | 0o100000),
      _stat.filemode(0o1777 | 0o40000), _stat.filemode(0o7000), _stat.filemode(0o120777))
for v in [-1, "x", 2**40, 1.0]:
    try:
        print(_stat.S_ISDIR(v))
    except Exception as e:
        print(type(e).__name__, e)
for mode in [0o40755, 0o100644, 0o120777, 0o20666, 0o60660, 0o10600, 0o140777]:
    print(oct(mode), [n for n in ["S_ISDIR", "S_ISREG", "S_ISLNK", "S_ISCHR", "S_ISBLK", "S_ISFIFO",
                                  "S_ISSOCK", "S_ISDOOR", "S_ISPORT", "S_ISWHT"] if getattr(_stat, n)(mode)],
          _stat.S_IMODE(mode), _stat.S_IFMT(mode))
print(sorted((n, getattr(_stat, n)) for n in dir(_stat) if n.isupper() and isinstance(getattr(_stat, n), int)))
