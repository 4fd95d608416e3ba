# The audit events of ctypes (PEP 578) with CPython's arguments:
# dlopen, dlsym, dlsym/handle, addressof, cdata, cdata/buffer, string_at,
# wstring_at, get_errno, set_errno, PyObj_FromPtr, call_function (of
# _ctypes.call_function and call_cdeclfunction; a plain foreign call
# raises none). Addresses and handles
# differ from run to run and are shown as ADDR.
import sys, ctypes, ctypes.util, _ctypes

def show(a):
    if isinstance(a, tuple):
        return "(" + ", ".join(show(x) for x in a) + ")"
    if isinstance(a, int) and not isinstance(a, bool) and abs(a) > 1 << 20:
        return "ADDR"
    if isinstance(a, (str, int, bytes, bool, type(None))):
        return repr(a)
    return type(a).__name__

log = []
logging = False
def hook(event, args):
    if logging and event.startswith("ctypes."):
        log.append(event + " " + show(args))
    if event == "ctypes.dlsym" and args[1] == "labs":
        raise PermissionError(event)
sys.addaudithook(hook)

def section(name, f):
    global logging
    logging = True
    try:
        r = f()
    except Exception as e:
        r = "%s: %s" % (type(e).__name__, e)
    logging = False
    print(name, "->", show(r))
    for l in log:
        print("   ", l)
    log.clear()

name = ctypes.util.find_library("c")
section("CDLL", lambda: ctypes.CDLL(name) and None)
libc = ctypes.CDLL(name)
section("CDLL None", lambda: ctypes.CDLL(None) and None)
section("attribute", lambda: libc.strlen and None)
section("item", lambda: libc["abs"] and None)
section("call", lambda: libc.abs(-3))
section("prototype from tuple", lambda: ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int)(("abs", libc))(-4))
section("refused", lambda: libc.labs)
section("in_dll", lambda: ctypes.c_void_p.in_dll(libc, "stdout") and None)
section("_ctypes.dlopen", lambda: _ctypes.dlopen(None) and None)
h = _ctypes.dlopen(None)
section("_ctypes.dlsym", lambda: _ctypes.dlsym(h, "abs") and None)
i = ctypes.c_int(5)
section("addressof", lambda: ctypes.addressof(i) and None)
a = ctypes.addressof(i)
section("from_address", lambda: ctypes.c_int.from_address(a).value)
section("from_buffer", lambda: ctypes.c_char.from_buffer(bytearray(b"ab"), 1).value)
section("from_buffer_copy", lambda: ctypes.c_char.from_buffer_copy(b"ab", 1).value)
s = ctypes.create_string_buffer(b"hi")
w = ctypes.create_unicode_buffer("hi")
section("string_at", lambda: ctypes.string_at(s, 2))
section("string_at to NUL", lambda: ctypes.string_at(s))
section("wstring_at", lambda: ctypes.wstring_at(w, 2))
section("wstring_at to NUL", lambda: ctypes.wstring_at(w))
section("create_string_buffer", lambda: ctypes.create_string_buffer(b"abc", 5) and None)
section("create_unicode_buffer", lambda: ctypes.create_unicode_buffer("abc") and None)
section("get_errno", lambda: ctypes.get_errno())
section("set_errno", lambda: ctypes.set_errno(7))
section("get_errno again", lambda: ctypes.get_errno())
section("PyObj_FromPtr", lambda: _ctypes.PyObj_FromPtr(id(i)) is i)
section("pointer", lambda: ctypes.pointer(i).contents.value)
section("cast", lambda: ctypes.cast(ctypes.pointer(i), ctypes.c_void_p) and None)
abs_addr = ctypes.cast(libc.abs, ctypes.c_void_p).value
section("call_function", lambda: _ctypes.call_function(abs_addr, (-9,)))
section("call_cdeclfunction", lambda: _ctypes.call_cdeclfunction(abs_addr, (-11,)))
section("call_function list", lambda: _ctypes.call_function(abs_addr, [-9]))
section("call_function arity", lambda: _ctypes.call_function(abs_addr))
def refuse(event, args):
    if event == "ctypes.call_function" and args[1] == (-13,):
        raise PermissionError(event)
sys.addaudithook(refuse)
section("call_function refused", lambda: _ctypes.call_function(abs_addr, (-13,)))
