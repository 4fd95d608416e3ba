# ctypes over the _ctypes module: simple types, pointers, arrays,
# structures/unions/bit fields, libc calls (strlen, abs, qsort with a
# Python callback, snprintf into a buffer, errno), string_at, cast,
# from_buffer, pythonapi, and CPython's errors.
import ctypes
import ctypes.util
import sys
from ctypes import *


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


print("-- simple types")
for typ in [c_bool, c_char, c_wchar, c_byte, c_ubyte, c_short, c_ushort, c_int, c_uint,
            c_long, c_ulong, c_longlong, c_ulonglong, c_size_t, c_ssize_t, c_float,
            c_double, c_longdouble, c_char_p, c_wchar_p, c_void_p, py_object]:
    x = typ()
    print(typ.__name__, repr(x) if typ is not py_object else "-", sizeof(typ), alignment(typ),
          memoryview(x).format)
print(c_int(-5), c_uint(-1), c_byte(200), c_char(65), c_wchar("z"), c_double(2),
      c_float(0.1), c_longdouble(1.5), c_bool(7), c_void_p(12), c_ushort(70000))
print(c_int(5).value, c_char_p(b"hi").value, c_wchar_p("hé").value, c_void_p().value)
print(c_longdouble(-1e300).value, c_longdouble(5e-320).value, c_longdouble(2.5).value)
print(bool(c_int(0)), bool(c_int(2)), c_int(3).__ctypes_from_outparam__())


class MyInt(c_int):
    pass


print(type(MyInt(4).__ctypes_from_outparam__()).__name__, MyInt(9).value)
print(c_int.__ctype_be__.__name__, c_int.__ctype_le__ is c_int, bytes(c_int.__ctype_be__(5)))
v = c_int(1)
v.value = 42
print(v.value, bytes(v), bytes(c_short(258)), memoryview(c_int(5)).tobytes())
for typ, val in [(c_int, 1.5), (c_int, "x"), (c_char, "x"), (c_char, b"xy"), (c_char, 300),
                 (c_wchar, 5), (c_wchar, "ab"), (c_double, "x"), (c_char_p, 1.5),
                 (c_char_p, "s"), (c_wchar_p, b"x"), (c_void_p, "x")]:
    t(lambda: typ(val))
print(c_int(2**40 + 3), c_void_p(2**70), c_void_p(-1))
t(lambda: py_object().value)
print(py_object([1, 2]).value)

print("-- from_param")
print(c_int.from_param(3), c_void_p.from_param(None), type(c_char_p.from_param(b"x")).__name__)
for typ in [c_char_p, c_wchar_p, c_void_p, c_int]:
    for val in [1.5, "x", b"x", 7, (c_int * 2)()]:
        try:
            r = typ.from_param(val)
            print(typ.__name__, type(val).__name__, type(r).__name__)
        except TypeError as e:
            print(typ.__name__, type(val).__name__, "TypeError", e)


def mk_simple(code):
    class X(ctypes._SimpleCData):
        pass
    if code is not None:
        X._type_ = code
    return X


for code in ["y", 1, "ii"]:
    def make(code=code):
        class X(ctypes._SimpleCData):
            _type_ = code
    t(make)


def no_type():
    class X(ctypes._SimpleCData):
        pass


t(no_type)

print("-- pointers and arrays")
i = c_int(42)
p = pointer(i)
print(p.contents, p[0], type(p).__name__, POINTER(c_int) is type(p))
p[0] = 7
print(i.value, p.contents.value)
pi = POINTER(c_int)()
print(bool(pi))
t(lambda: pi[0])
t(lambda: pi.contents)
pp = pointer(p)
print(pp.contents.contents.value, pp[0][0])
a = (c_int * 5)(5, 3, 1, 4, 2)
print(list(a), len(a), a[1:3], a[-1], a[::2], type(a).__name__, sizeof(a))
a[0] = 10
a[1:3] = [20, 30]
print(list(a), memoryview(a).format, memoryview(a).shape)
t(lambda: a[5])
t(lambda: (c_int * 2)(1, 2, 3))
t(lambda: c_int * -1)
t(lambda: a.__delitem__(0))
t(lambda: a.__setitem__(slice(0, 2), [1]))
print(c_int * 3 is c_int * 3, (c_char * 2).__name__, POINTER(c_double).__name__)
m = (c_int * 3 * 2)()
m[1][2] = 5
print(m[1][2], sizeof(m), memoryview(m).format, memoryview(m).shape)
buf = create_string_buffer(b"abc", 8)
print(sizeof(buf), buf.value, buf.raw, buf[0], buf[:3])
buf.value = b"xyz!"
print(buf.value)
t(lambda: setattr(buf, "value", b"123456789"))
u = create_unicode_buffer("héllo")
print(u.value, sizeof(u), u[1], u[:3])
ip = cast(a, POINTER(c_int))
print(ip[2], ip[:3])
print(cast(c_char_p(b"cast me"), c_void_p).value is not None)
print(cast(buf, c_char_p).value, cast(addressof(i), POINTER(c_int)).contents.value)
t(lambda: cast(1, c_int))
print(string_at(buf), string_at(buf, 2), wstring_at(u), wstring_at(u, 2))
memset(buf, ord("z"), 3)
memmove(buf, b"Q", 1)
print(buf.value)
print(c_int.from_address(addressof(i)).value)
print(type(byref(i)).__name__, byref(i)._obj is i)

print("-- structures")


class P(Structure):
    _fields_ = [("x", c_int), ("y", c_short)]


class U(Union):
    _fields_ = [("i", c_int), ("d", c_double)]


class S(Structure):
    _fields_ = [("p", P), ("u", U), ("q", POINTER(c_int)), ("a", P * 2),
                ("b", c_ubyte, 3), ("c", c_ubyte, 6), ("e", c_longlong, 40), ("f", c_int, 30)]


print(memoryview(S()).format, memoryview(U()).format, sizeof(S), sizeof(U), sizeof(P))
print(S.b, S.c, S.e, S.f, S.a, S.u, S.p, S.q, U.i, U.d)
s = S()
s.b = 5
s.c = 63
s.e = -3
s.f = 12345
print(s.b, s.c, s.e, s.f)
s.b = 9
print(s.b, s.c)
s.p.x = 4
s.a[1].y = 9
print(s.p.x, s.a[1].y, s.a[0].y)
s.p = P(7, 8)
s.a = (P(1, 2), P(3, 4))
print(s.p.x, s.p.y, [(e.x, e.y) for e in s.a])
n = c_int(99)
s.q = pointer(n)
print(s.q.contents.value, s.q[0])
u1 = U()
u1.d = 1.0
print(hex(u1.i & 0xffffffff), bytes(P(1, 2)))


class K(Structure):
    _pack_ = 1
    _fields_ = [("a", c_char), ("b", c_int), ("c", c_short, 3)]


print(sizeof(K), K.b, K.c, memoryview(K()).format)


class A(Structure):
    _anonymous_ = ("u",)
    _fields_ = [("u", U), ("z", c_int)]


an = A()
an.i = 5
print(an.u.i, A.i, A.z, sizeof(A))
print(P(1, 2).x, P(y=3).y)
t(lambda: P(1, 2, 3))
t(lambda: P(1, x=2))


def mk(fields):
    class B(Structure):
        _fields_ = fields
    return B


t(lambda: mk([("a", c_double, 3)]))
t(lambda: mk([("a", c_int, 33)]))
t(lambda: mk([("a", 5)]))
t(lambda: mk([(1, c_int)]))
t(lambda: mk(5))
P2 = mk([("x", c_int)])
P2()
t(lambda: setattr(P2, "_fields_", []))


class Node(Structure):
    pass


Node._fields_ = [("val", c_int), ("next", POINTER(Node))]
n1 = Node(1)
n2 = Node(2, pointer(n1))
print(n2.next.contents.val, bool(n1.next))


class BE(BigEndianStructure):
    _fields_ = [("a", c_int), ("b", c_short)]


print(bytes(BE(1, 2)), BE(1, 2).a, BE.a)
print(P.from_buffer_copy(b"\x05\x00\x00\x00\x06\x00\x00\x00").y)
ba = bytearray(8)
fb = P.from_buffer(ba)
fb.x = 0x01020304
print(ba, fb._objects is not None)
t(lambda: P.from_buffer(b"12345678"))
t(lambda: P.from_buffer(bytearray(3)))
t(lambda: P.from_buffer_copy(b"12"))
sb = create_string_buffer(4)
resize(sb, 32)
print(sizeof(sb))
t(lambda: resize(sb, 2))
t(lambda: sizeof(5))
t(lambda: byref(5))
t(lambda: addressof(5))

print("-- calls")
libc = CDLL(ctypes.util.find_library("c"))
print(ctypes.util.find_library("c"))
print(libc.strlen(b"hello"), libc.abs(-7), CDLL(None).abs(-8))
libc.strlen.argtypes = [c_char_p]
libc.strlen.restype = c_size_t
print(libc.strlen(b"abcdef"))
out = create_string_buffer(32)
n = libc.snprintf(out, 32, b"%d-%s-%.2f", 42, b"xy", c_double(3.14159))
print(n, out.value)
CMP = CFUNCTYPE(c_int, POINTER(c_int), POINTER(c_int))
arr = (c_int * 6)(5, 3, 1, 4, 2, 0)
libc.qsort(arr, len(arr), sizeof(c_int), CMP(lambda x, y: x[0] - y[0]))
print(list(arr))


class Pt(Structure):
    _fields_ = [("x", c_int), ("y", c_int)]


pts = (Pt * 3)(Pt(3, 0), Pt(1, 1), Pt(2, 2))
CMPS = CFUNCTYPE(c_int, POINTER(Pt), POINTER(Pt))
libc.qsort(pts, 3, sizeof(Pt), CMPS(lambda a, b: a[0].x - b[0].x))
print([(q.x, q.y) for q in pts])


class DivT(Structure):
    _fields_ = [("quot", c_int), ("rem", c_int)]


libc.div.restype = DivT
libc.div.argtypes = [c_int, c_int]
d = libc.div(17, 5)
print(d.quot, d.rem)
libc.strtol.restype = c_long
libc.strtol.argtypes = [c_char_p, POINTER(c_char_p), c_int]
end = c_char_p()
print(libc.strtol(b"123abc", byref(end), 10), end.value)
libc.labs.argtypes = [c_long]
libc.labs.restype = c_long
print(libc.labs(-2**40))
t(lambda: libc.labs())
t(lambda: libc.labs("x"))
libc.abs.errcheck = lambda r, f, a: r * 100
print(libc.abs(-3))
t(lambda: CDLL(None).abs(1.5))
t(lambda: CDLL(None).abs(2**80))
t(lambda: CFUNCTYPE(c_int)(1.5))
t(lambda: setattr(libc.abs, "restype", 5))
t(lambda: setattr(libc.abs, "argtypes", 5))
t(lambda: setattr(libc.abs, "argtypes", [5]))
t(lambda: setattr(libc.abs, "errcheck", 5))
try:
    libc.no_such_function_here
except AttributeError as e:
    print("AttributeError", "undefined symbol: no_such_function_here" in str(e))
set_errno(5)
print(get_errno(), set_errno(0), get_errno())
libe = CDLL(None, use_errno=True)
print(libe.close(-1), get_errno())
F = CFUNCTYPE(c_int, c_int, c_double)
f = F(lambda x, y: int(x * y))
print(f(3, 2.5), F._flags_, F._restype_ is c_int)
PF = PYFUNCTYPE(py_object, py_object)
print(PF(lambda x: [x, x])(5))
CFUNCTYPE(None, c_char_p)(lambda s: print("got", s))(b"abc")
seen = []
sys.unraisablehook = lambda u: seen.append((u.exc_type.__name__, str(u.exc_value)))


def bad(x, y):
    raise ValueError("boom")


libc.qsort(arr, 2, sizeof(c_int), CMP(bad))
sys.unraisablehook = sys.__unraisablehook__
print(seen[:1])

print("-- pythonapi")
api = pythonapi
api.PyLong_FromLong.restype = py_object
api.PyLong_FromLong.argtypes = [c_long]
print(api.PyLong_FromLong(12345))
o = object()
rc = sys.getrefcount(o)
api.Py_IncRef(py_object(o))
print(sys.getrefcount(o) - rc)
api.Py_DecRef(py_object(o))
print(sys.getrefcount(o) - rc)
api.PyUnicode_FromString.restype = py_object
api.PyUnicode_FromString.argtypes = [c_char_p]
print(api.PyUnicode_FromString(b"hi there"))
api.PyLong_AsLong.argtypes = [py_object]
api.PyLong_AsLong.restype = c_long
t(lambda: api.PyLong_AsLong("x"))
print(api.PyLong_AsLong(77))
