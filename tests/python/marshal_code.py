# marshal.dumps/loads/dump/load of code objects: round trips of functions'
# code (nested code, closures, generators, exception tables, keyword-only
# and positional-only parameters, annotations), running loaded code, and
# errors for truncated or corrupt data. The bytes themselves are
# implementation-specific; only behaviour is printed.
import io
import marshal
import types


def plain(a, /, b, *, c=3, **kw):
    return a, b, c, sorted(kw)


def closure(n):
    total = [0]

    def add(k):
        total[0] += k + n
        return total[0]

    return add


def gen(n):
    for i in range(n):
        yield i * i
    yield from "ab"
    return "done"


async def coro(x):
    return x * 2


def excs(x):
    try:
        try:
            return 10 // x
        finally:
            print("finally", x)
    except ZeroDivisionError as e:
        return type(e).__name__


def star(x):
    try:
        raise ExceptionGroup("g", [ValueError(x), KeyError(x)])
    except* ValueError as e:
        print("caught", repr(e.exceptions))


def annotated(a: int, b: "str" = "s") -> list:
    return [a, b]


def roundtrip(code, *args, **kw):
    data = marshal.dumps(code, *args, **kw)
    back = marshal.loads(data)
    print(code.co_name, type(back).__name__, back == code, back is code)
    fields = ("co_name", "co_qualname", "co_filename", "co_firstlineno", "co_argcount",
              "co_posonlyargcount", "co_kwonlyargcount", "co_flags", "co_names",
              "co_freevars", "co_cellvars", "co_code", "co_linetable",
              "co_exceptiontable", "co_stacksize", "co_consts")
    print(" ", [f for f in fields if getattr(back, f) != getattr(code, f)])
    return back


for fn in (plain, closure, gen, coro, excs, star, annotated):
    roundtrip(fn.__code__)
inner = closure(1)
roundtrip(inner.__code__)
for v in range(5):
    roundtrip(plain.__code__, v)

# Running loaded code.
f = types.FunctionType(roundtrip(plain.__code__), {}, "f", None, None, {"c": 30})
print(f(1, 2, z=1))
add = closure(5)
add2 = types.FunctionType(marshal.loads(marshal.dumps(add.__code__)), {}, "add2",
                          None, add.__closure__)
print(add(1), add2(1), add(0))
g = types.FunctionType(marshal.loads(marshal.dumps(gen.__code__)), {"range": range})
it = g(3)
print(list(it))
c = types.FunctionType(marshal.loads(marshal.dumps(coro.__code__)), {})(21)
try:
    c.send(None)
except StopIteration as e:
    print("coroutine returned", e.value)
e2 = types.FunctionType(marshal.loads(marshal.dumps(excs.__code__)), globals())
print(e2(5), e2(0))
s2 = types.FunctionType(marshal.loads(marshal.dumps(star.__code__)), globals())
try:
    s2(1)
except* KeyError as e:
    print("rest", repr(e.exceptions))
a2 = types.FunctionType(marshal.loads(marshal.dumps(annotated.__code__)), {"int": int, "list": list},
                        None, ("s",))
print(a2(1))

# A module: compile, marshal, exec; nested code in constants and in containers.
src = """
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
class K:
    def m(self):
        return [i for i in range(3)]
result = fib(10), K().m(), {k: v for k, v in zip("ab", (1, 2))}
"""
mod = compile(src, "<marshalled>", "exec")
ns = {}
exec(marshal.loads(marshal.dumps(mod)), ns)
print(ns["result"], ns["fib"].__code__.co_filename)
pair = marshal.loads(marshal.dumps((plain.__code__, [plain.__code__], {"k": gen.__code__})))
print(pair[0] is pair[1][0], pair[0] == plain.__code__, pair[2]["k"].co_name)
print(marshal.loads(marshal.dumps((plain.__code__, plain.__code__), 2))[0] == plain.__code__)

# dump/load through files.
buf = io.BytesIO()
marshal.dump(mod, buf)
marshal.dump(closure.__code__, buf)
buf.seek(0)
print(marshal.load(buf).co_name, marshal.load(buf).co_name)

# allow_code=False.
for call in (lambda: marshal.dumps(mod, allow_code=False),
             lambda: marshal.loads(marshal.dumps(mod), allow_code=False)):
    try:
        call()
    except ValueError as e:
        print("ValueError:", e)

# Truncated data: EOFError or ValueError, never a crash.
data = marshal.dumps(mod)
kinds = set()
for n in range(len(data)):
    try:
        marshal.loads(data[:n])
    except (EOFError, ValueError) as e:
        kinds.add(type(e).__name__)
    else:
        print("loaded a truncation", n)
print(sorted(kinds))

# Corrupt data: every single-byte change either fails to load or loads
# into code that runs (or raises) without bringing the process down.
failures = set()
for i in range(0, len(data), 3):
    b = bytearray(data)
    b[i] ^= 0xFF
    try:
        code = marshal.loads(bytes(b))
    except (EOFError, ValueError, TypeError, SystemError):
        # (CPython's own checks raise SystemError for some of these.)
        continue
    failures.add("loaded")
print(sorted(failures) in ([], ["loaded"]))

# Not code at all where code is expected.
print(marshal.loads(marshal.dumps([1, (2, 3.5), {"a": None}])))
