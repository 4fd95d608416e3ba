# Everyday pure-Python standard library modules on top of the Rust core:
# functools, contextlib, pathlib, argparse, string, textwrap, base64,
# signal (the enum wrapper), copy.
import functools, contextlib, pathlib, argparse, string, textwrap, base64, signal, copy
import io, os, sys, tempfile

print("--- functools")
@functools.lru_cache(maxsize=2)
def sq(x):
    print("computing", x)
    return x * x
print(sq(2), sq(2), sq(3), sq(4), sq(2))
print(sq.cache_info())
sq.cache_clear()
print(sq.cache_info())

def deco(f):
    @functools.wraps(f)
    def inner(*a, **k):
        return f(*a, **k)
    return inner
@deco
def documented(a, b=2):
    "Adds."
    return a + b
print(documented.__name__, documented.__doc__, documented.__wrapped__.__name__, documented(1))

@functools.singledispatch
def kind(x):
    return "object"
@kind.register
def _(x: int):
    return "int"
@kind.register(list)
def _(x):
    return "list"
print(kind(1), kind([]), kind("s"), kind(True))

@functools.total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(V(1) <= V(2), V(3) >= V(2), V(1) > V(2))

class C:
    @functools.cached_property
    def expensive(self):
        print("once")
        return 42
c = C()
print(c.expensive, c.expensive, "expensive" in c.__dict__)
p = functools.partial(int, base=2)
print(p("101"), p.func is int, p.keywords, repr(functools.partial(max, 1))[:26])
print(functools.reduce(lambda a, b: a * b, range(1, 6)))
print(sorted(["b", "A", "c"], key=functools.cmp_to_key(lambda a, b: (a.lower() > b.lower()) - (a.lower() < b.lower()))))

print("--- contextlib")
@contextlib.contextmanager
def tag(name):
    print("<%s>" % name)
    try:
        yield name.upper()
    finally:
        print("</%s>" % name)
with tag("a") as t:
    print("inside", t)
try:
    with tag("b"):
        raise KeyError("x")
except KeyError as e:
    print("caught", e)
with contextlib.suppress(ZeroDivisionError):
    1 / 0
print("suppressed")
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print("captured")
print(repr(buf.getvalue()))
with contextlib.ExitStack() as stack:
    for n in ("x", "y"):
        stack.enter_context(tag(n))
    stack.callback(print, "callback ran")
    print("body")
with contextlib.nullcontext(5) as v:
    print("null", v)
class Closable:
    def close(self): print("closed")
with contextlib.closing(Closable()):
    pass
@contextlib.asynccontextmanager
async def atag():
    print("aenter")
    yield 1
    print("aexit")
async def use():
    async with atag() as v:
        print("async body", v)
co = use()
try:
    co.send(None)
except StopIteration:
    print("async done")

print("--- pathlib")
p = pathlib.PurePosixPath("/usr/lib/python3.13/os.py")
print(p.name, p.stem, p.suffix, p.parent, p.parts, p.with_suffix(".pyc"), p.relative_to("/usr"))
print(pathlib.PurePosixPath("a/b") / "c" / "../d", pathlib.PurePosixPath("a/b").match("*/b"))
with tempfile.TemporaryDirectory() as d:
    base = pathlib.Path(d)
    (base / "sub").mkdir()
    f = base / "sub" / "data.txt"
    print(f.write_text("hello\nworld\n"))
    print(f.read_text().splitlines(), f.exists(), f.is_file(), f.is_dir(), f.stat().st_size)
    (base / "b.py").write_bytes(b"x = 1\n")
    print(sorted(x.relative_to(base).as_posix() for x in base.rglob("*")))
    print(sorted(x.name for x in base.glob("*.py")))
    f.rename(base / "moved.txt")
    print(sorted(x.name for x in base.iterdir()))
    (base / "moved.txt").unlink()
    try:
        (base / "nope").read_text()
    except FileNotFoundError as e:
        print("FileNotFoundError", e.errno)

print("--- argparse")
parser = argparse.ArgumentParser(prog="tool", description="A tool.")
parser.add_argument("files", nargs="*")
parser.add_argument("-v", "--verbose", action="count", default=0)
parser.add_argument("--level", type=int, choices=[1, 2, 3], default=1)
parser.add_argument("--name", required=False, help="a name")
ns = parser.parse_args(["-vv", "--level", "2", "a", "b"])
print(sorted(vars(ns).items()))
top = argparse.ArgumentParser(prog="top")
sub = top.add_subparsers(dest="cmd")
run = sub.add_parser("run")
run.add_argument("--fast", action="store_true")
ns = top.parse_args(["run", "--fast"])
print(ns.cmd, ns.fast)
print(parser.format_help())
err = io.StringIO()
old = sys.stderr
sys.stderr = err
try:
    parser.parse_args(["--level", "9"])
except SystemExit as e:
    print("exit", e.code)
finally:
    sys.stderr = old
print(err.getvalue())

print("--- string")
t = string.Template("$who likes ${what}")
print(t.substitute(who="tim", what="kung pao"), t.safe_substitute(who="x"))
try:
    t.substitute(who="x")
except KeyError as e:
    print("KeyError", e)
print(string.capwords("hello   world  again"), string.ascii_letters[:5], string.punctuation[:6])
print(string.Formatter().format("{0}-{x:>4}", 1, x="y"))

print("--- textwrap")
text = "The quick brown fox jumps over the lazy dog. " * 3
print(textwrap.wrap(text, 30))
print(textwrap.fill(text, 40, initial_indent="> ", subsequent_indent="  "))
print(repr(textwrap.dedent("    a\n      b\n    c\n")))
print(repr(textwrap.indent("a\n\nb\n", "+ ")))
print(textwrap.shorten("Hello  world, this is long", width=15))

print("--- base64")
data = bytes(range(20)) + b"hello?>"
for enc, dec in [(base64.b64encode, base64.b64decode), (base64.urlsafe_b64encode, base64.urlsafe_b64decode),
                 (base64.b32encode, base64.b32decode), (base64.b16encode, base64.b16decode),
                 (base64.a85encode, base64.a85decode), (base64.b85encode, base64.b85decode),
                 (base64.b32hexencode, base64.b32hexdecode)]:
    e = enc(data)
    print(enc.__name__, e, dec(e) == data)
try:
    base64.b64decode(b"abc", validate=True)
except Exception as e:
    print(type(e).__name__, e)
print(base64.encodebytes(b"x" * 60))

print("--- signal")
print(signal.SIGINT, repr(signal.SIGTERM), signal.Signals(2).name, signal.getsignal(signal.SIGINT))
got = []
old = signal.signal(signal.SIGUSR1, lambda s, f: got.append(signal.Signals(s).name))
signal.raise_signal(signal.SIGUSR1)
print(got, old)
signal.signal(signal.SIGUSR1, signal.SIG_DFL)
print(signal.getsignal(signal.SIGUSR1), signal.SIG_IGN, type(signal.SIG_DFL).__name__)

print("--- copy")
orig = {"a": [1, 2, {"b": (3, [4])}], "s": {1, 2}}
shallow = copy.copy(orig)
deep = copy.deepcopy(orig)
orig["a"][2]["b"][1].append(5)
print(shallow["a"] is orig["a"], deep, deep["a"] is orig["a"])
class P:
    def __init__(self): self.items = [1]
    def __copy__(self):
        n = P(); n.items = self.items; return n
q = P()
print(copy.copy(q).items is q.items, copy.deepcopy(q).items is q.items)
