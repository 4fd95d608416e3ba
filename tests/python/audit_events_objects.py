# Audit events (PEP 578) raised by the core with CPython's arguments:
# builtins, compile/exec, function and code objects, the attributes that
# expose code and frames (object.__getattr__), type attribute changes,
# gc, marshal, pickle, time.sleep and the sys functions.
import sys, gc, io, marshal, pickle, time, types, threading, _pickle, ast

def show(a):
    if isinstance(a, (list, dict, set)):
        return type(a).__name__
    if isinstance(a, tuple):
        return "(" + ", ".join(show(x) for x in a) + ")"
    if isinstance(a, type):
        return "type " + a.__name__
    if isinstance(a, (str, int, float, bytes, bool, type(None))):
        return repr(a)
    return type(a).__name__

log = []
logging = False
def hook(event, args):
    if logging and event not in ("builtins.id", "code.__new__"):
        log.append(event + " " + show(args))
    if event == "code.__new__" and logging:
        # The bytecode and stack size are the compiler's own.
        log.append(event + " " + show(args[1:4] + args[5:7]))
    if event == "object.__getattr__" and args[1] == "refused":
        raise PermissionError("no")
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

section("addaudithook", lambda: sys.addaudithook(lambda e, a: None))
sys.breakpointhook = lambda *a: "bp"
section("breakpoint", lambda: breakpoint())
sys.stdin = io.StringIO("line\nline2\n")
section("input", lambda: input())
section("input prompt", lambda: input("p> "))
section("compile", lambda: compile("1", "f", "eval"))
section("compile ast", lambda: compile(compile("1", "f", "eval", 0x400), "f", "eval"))
section("exec", lambda: exec("a = 1", {}))
section("eval", lambda: eval("1"))

def fn(a, b=1, *, c=2):
    return a
section("code.replace", lambda: fn.__code__.replace(co_name="z"))
section("function()", lambda: types.FunctionType(fn.__code__, {}))
section("__code__ set", lambda: setattr(fn, "__code__", fn.__code__))
section("__defaults__ set", lambda: setattr(fn, "__defaults__", (3,)))
section("__defaults__ None", lambda: setattr(fn, "__defaults__", None))
section("__defaults__ del", lambda: delattr(fn, "__defaults__"))
section("__kwdefaults__ set", lambda: setattr(fn, "__kwdefaults__", {"c": 1}))
section("__kwdefaults__ None", lambda: setattr(fn, "__kwdefaults__", None))
section("__defaults__ bad", lambda: setattr(fn, "__defaults__", 1))
section("__globals__", lambda: fn.__globals__)
section("__doc__ set", lambda: setattr(fn, "__doc__", "d"))

def gen():
    yield 1
g = gen()
section("gi_code", lambda: g.gi_code)
section("gi_frame", lambda: g.gi_frame)
section("gi_running", lambda: g.gi_running)
async def co():
    pass
c = co()
section("cr_code", lambda: c.cr_code)
section("cr_frame", lambda: c.cr_frame)
c.close()
async def ag():
    yield 1
a = ag()
section("ag_code", lambda: a.ag_code)
section("ag_frame", lambda: a.ag_frame)
f = sys._getframe()
section("f_code", lambda: f.f_code)
section("f_back", lambda: f.f_back)
section("f_globals", lambda: f.f_globals)
try:
    1 / 0
except Exception as e:
    tb = e.__traceback__
section("tb_frame", lambda: tb.tb_frame)
section("tb_lineno", lambda: tb.tb_lineno)

class K:
    pass
section("type __name__", lambda: setattr(K, "__name__", "K2"))
section("type __qualname__", lambda: setattr(K, "__qualname__", "K2"))
section("type __doc__", lambda: setattr(K, "__doc__", "d"))
section("type __module__", lambda: setattr(K, "__module__", "m"))
section("type __bases__", lambda: setattr(K, "__bases__", (object,)))
section("type other", lambda: setattr(K, "x", 1))
k = K()
class L:
    pass
section("__class__", lambda: setattr(k, "__class__", L))

section("gc.get_objects", lambda: gc.get_objects() and None)
section("gc.get_objects 0", lambda: gc.get_objects(0) and None)
section("gc.get_referrers", lambda: gc.get_referrers(K) and None)
section("gc.get_referents", lambda: gc.get_referents(K, fn) and None)
section("marshal.dumps", lambda: marshal.dumps((1, "a")))
section("marshal.dumps v2", lambda: marshal.dumps((1, "a"), 2))
section("marshal.loads", lambda: marshal.loads(marshal.dumps(1)))
b = io.BytesIO()
marshal.dump(1, b)
b.seek(0)
section("marshal.load", lambda: marshal.load(b))
section("pickle.loads", lambda: pickle.loads(pickle.dumps(io.BytesIO)))
section("pickle global", lambda: pickle.loads(b"cbuiltins\nlen\n."))
section("Unpickler", lambda: _pickle.Unpickler(io.BytesIO(pickle.dumps(len, 4))).load())
section("time.sleep", lambda: time.sleep(0))
section("time.sleep float", lambda: time.sleep(0.001))
section("sys._getframe", lambda: sys._getframe(0))
section("sys._getframemodulename", lambda: sys._getframemodulename())
section("sys._getframemodulename 1", lambda: sys._getframemodulename(depth=1))
section("sys._current_frames", lambda: sys._current_frames() and None)
section("sys._current_exceptions", lambda: sys._current_exceptions() and None)
section("settrace", lambda: sys.settrace(None))
section("setprofile", lambda: sys.setprofile(None))
section("settrace_all_threads", lambda: threading.settrace_all_threads(None))
section("set_asyncgen_hooks", lambda: sys.set_asyncgen_hooks(None, None))
section("set_asyncgen_hooks firstiter", lambda: sys.set_asyncgen_hooks(firstiter=len))
section("set_asyncgen_hooks finalizer", lambda: sys.set_asyncgen_hooks(finalizer=len))
section("set_asyncgen_hooks bad", lambda: sys.set_asyncgen_hooks(finalizer=1))
sys.set_asyncgen_hooks(None, None)
section("monitoring.register_callback", lambda: sys.monitoring.register_callback(1, 1, None))
section("sys.audit", lambda: sys.audit("x.y", 1, "two"))

# A hook that raises aborts the operation.
def refuse(event, args):
    if event in ("function.__new__", "sys.set_asyncgen_hook_firstiter") or (
            event == "object.__getattr__" and args[1] in ("gi_code", "tb_frame")) or (
            event == "object.__setattr__" and args[1] == "__defaults__"):
        raise PermissionError(event)
sys.addaudithook(refuse)
section("refused function()", lambda: types.FunctionType(fn.__code__, {}))
section("refused gi_code", lambda: g.gi_code)
section("refused tb_frame", lambda: tb.tb_frame)
section("refused __defaults__", lambda: setattr(fn, "__defaults__", (5,)))
print(fn.__defaults__)
section("refused set_asyncgen_hooks", lambda: sys.set_asyncgen_hooks(len, len))
print(sys.get_asyncgen_hooks())
