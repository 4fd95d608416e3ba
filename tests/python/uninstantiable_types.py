# Internal types without a constructor of their own cannot be called from
# Python (CPython gives static types on object with no tp_new the
# DISALLOW_INSTANTIATION flag); calling one must raise, never crash.
import struct, sys, types, itertools, re, io, array, _thread, weakref

def gen():
    yield 1

async def coro():
    pass

objs = [
    iter([]), iter(()), iter({}), iter(set()), iter(range(3)), iter(""), iter(b""),
    iter(bytearray()), reversed([]), {}.keys(), {}.values(), {}.items(), iter({}.items()),
    struct.iter_unpack("b", b"a"), gen(), sys._getframe(), sys.flags, sys.version_info,
    re.compile("a").finditer("a"), re.compile("a").match("a"),
    re.compile("a").scanner("a"), iter(array.array("b")), _thread.allocate_lock(), [].append,
    "".join, int.__add__, object.__init__, (1).__add__,
]
c = coro()
objs.append(c)
for o in objs:
    t = type(o)
    try:
        t()
        print(t.__name__, "created")
    except TypeError as e:
        print(t.__name__, "TypeError", e)
c.close()
