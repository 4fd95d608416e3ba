# weakref.ref refuses keyword arguments in __init__; struct.unpack_from
# with a negative offset too close to the end; functools.partial and
# lru_cache wrappers let __dict__ be replaced but not deleted.
import functools
import struct
import weakref


class C:
    pass


c = C()
try:
    weakref.ref(c, callback=None)
except TypeError as e:
    print("TypeError", e)


class MyRef(weakref.ref):
    def __init__(self, ob, callback=None, **extra):
        super().__init__(ob, callback)
        self.extra = extra


try:
    r = MyRef(c, None)
    print(r() is c)
except TypeError as e:
    print("TypeError", e)

buf = bytearray(10)
for fmt, off in (("<I", -2), ("<I", -4), ("<B", -11), ("<I", 8), ("<B", -1)):
    try:
        print(fmt, off, struct.unpack_from(fmt, buf, off))
    except struct.error as e:
        print(fmt, off, "error", e)
for fmt, off in (("<I", -2), ("<B", -11)):
    try:
        struct.pack_into(fmt, buf, off, 1)
        print(fmt, off, bytes(buf))
    except struct.error as e:
        print(fmt, off, "error", e)

for obj in (functools.partial(hex), functools.lru_cache(None)(hex)):
    name = type(obj).__name__
    try:
        del obj.__dict__
    except TypeError as e:
        print(name, "TypeError", e)
    obj.__dict__ = {"a": 1}
    print(name, obj.a)
    try:
        obj.__dict__ = [1]
    except TypeError as e:
        print(name, "TypeError", e)
