# More everyday standard library on the Rust core: dataclasses, enum,
# collections, operator, inspect, traceback, warnings, datetime, glob,
# fnmatch, shutil, queue with threads, abc, types.
import dataclasses, enum, collections, operator, inspect, traceback, warnings
import datetime, glob, fnmatch, shutil, queue, threading, abc, types, os, tempfile, io

print("--- dataclasses")
@dataclasses.dataclass(order=True)
class Point:
    x: int
    y: int = 0
    tags: list = dataclasses.field(default_factory=list, compare=False)
p = Point(1, 2)
print(p, p == Point(1, 2, ["t"]), p < Point(1, 3), dataclasses.asdict(p), dataclasses.astuple(p))
print(dataclasses.replace(p, y=5), [f.name for f in dataclasses.fields(Point)])
@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Frozen:
    a: int
    b: str = "b"
fz = Frozen(a=1)
try:
    fz.a = 2
except dataclasses.FrozenInstanceError as e:
    print("FrozenInstanceError", e)
print(fz, hash(fz) == hash(Frozen(a=1)), Frozen.__slots__)
try:
    Frozen(1)
except TypeError as e:
    print("TypeError", e)
@dataclasses.dataclass
class Node:
    value: int
    children: "list[Node]" = dataclasses.field(default_factory=list)
    def __post_init__(self):
        self.value *= 10
print(Node(1, [Node(2)]))
print(inspect.signature(Node))

print("--- enum")
class Color(enum.Enum):
    RED = 1
    GREEN = enum.auto()
    BLUE = enum.auto()
print(list(Color), Color(2), Color["BLUE"], Color.RED.name, Color.RED.value, len(Color))
class Perm(enum.IntFlag):
    R = 4
    W = 2
    X = 1
print(Perm.R | Perm.W, int(Perm.R | Perm.X), Perm(7), list(Perm(6)), Perm.R in Perm(5))
class Shape(enum.StrEnum):
    CIRCLE = enum.auto()
    SQUARE = "sq"
print(Shape.CIRCLE, Shape.SQUARE.upper(), Shape("sq") is Shape.SQUARE)
try:
    Color(9)
except ValueError as e:
    print("ValueError", e)
@enum.unique
class U(enum.Enum):
    A = 1
    B = 2
print(U.A < U.B if hasattr(U.A, "__lt__") and False else "unique ok")

print("--- collections")
c = collections.Counter("abracadabra")
print(c.most_common(3), c["z"], (c + collections.Counter("aaz")).most_common(2), sorted(c.elements())[:4])
P = collections.namedtuple("P", "x y", defaults=[0])
pt = P(1)
print(pt, pt._asdict(), pt._replace(y=9), P._fields, P._make([3, 4]))
od = collections.OrderedDict.fromkeys("abc")
od.move_to_end("a")
print(list(od), od.popitem(last=False))
cm = collections.ChainMap({"a": 1}, {"a": 2, "b": 3})
print(cm["a"], cm["b"], len(cm), dict(cm.new_child({"c": 4})))
dd = collections.defaultdict(list)
for k, v in [("x", 1), ("y", 2), ("x", 3)]:
    dd[k].append(v)
print(dict(dd))

print("--- operator")
rows = [{"n": "b", "v": 2}, {"n": "a", "v": 1}]
print(sorted(rows, key=operator.itemgetter("n")), list(map(operator.attrgetter("real"), [1, 2.5])))
print(operator.methodcaller("split", ",")("a,b"), operator.add(1, 2), operator.contains([1], 1))

print("--- inspect")
def sample(a, b: int = 2, *args, c, d=4, **kw) -> str:
    "Doc."
    return ""
sig = inspect.signature(sample)
print(sig, [(p.name, str(p.kind)) for p in sig.parameters.values()])
print(sig.bind(1, c=3).arguments, inspect.isfunction(sample), inspect.isclass(Point), inspect.getdoc(sample))
# (3.14 keeps a class's annotate function in the class: left out here.)
print([n for n, _ in inspect.getmembers(Point, inspect.isfunction) if not n.startswith("__annotate")][:4])
def gen():
    yield 1
print(inspect.isgeneratorfunction(gen), inspect.getgeneratorstate(gen()))
print(inspect.getsource(sample).splitlines()[0])

print("--- traceback")
def fail():
    return 1 / 0
try:
    fail()
except ZeroDivisionError as e:
    lines = traceback.format_exception(e)
    print(lines[0], lines[-1], len(traceback.extract_tb(e.__traceback__)))
    print(traceback.format_exception_only(type(e), e))
    fs = traceback.extract_tb(e.__traceback__)[-1]
    print(fs.name, fs.line)

print("--- warnings")
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    warnings.warn("careful", UserWarning)
    warnings.warn("old", DeprecationWarning)
print([(str(x.message), x.category.__name__) for x in w])
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        warnings.warn("boom")
    except UserWarning as e:
        print("raised", e)

print("--- datetime")
d = datetime.datetime(2024, 2, 29, 13, 45, 30, 123456)
print(d, d.isoformat(), d.strftime("%Y-%m-%d %H:%M:%S %j %a %b"), d + datetime.timedelta(days=1, hours=12))
print(datetime.date(2024, 3, 1) - datetime.date(2024, 2, 1), datetime.timedelta(seconds=90061.5))
tz = datetime.timezone(datetime.timedelta(hours=-5), "EST")
a = datetime.datetime(2024, 1, 1, 12, tzinfo=tz)
print(a, a.astimezone(datetime.timezone.utc), a.utcoffset(), a.tzname())
print(datetime.datetime.fromisoformat("2024-05-06T07:08:09+02:00"), datetime.date.fromisoformat("2024-05-06").weekday())
print(datetime.datetime.strptime("2024-05-06 07:08", "%Y-%m-%d %H:%M"), tuple(datetime.date(2024, 1, 1).isocalendar()))
print(repr(datetime.time(1, 2, 3)), datetime.datetime(2024, 1, 1) < datetime.datetime(2024, 1, 2), datetime.MAXYEAR)

print("--- glob, fnmatch, shutil")
with tempfile.TemporaryDirectory() as d:
    for name in ("a.txt", "b.txt", "c.py", "sub/d.txt", "sub/deep/e.txt"):
        path = os.path.join(d, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(name)
    rel = lambda ps: sorted(os.path.relpath(p, d) for p in ps)
    print(rel(glob.glob(os.path.join(d, "*.txt"))), rel(glob.glob(os.path.join(d, "**", "*.txt"), recursive=True)))
    print(fnmatch.filter(os.listdir(d), "*.py"), fnmatch.fnmatch("X.TXT", "*.txt"), fnmatch.fnmatchcase("X.TXT", "*.txt"))
    shutil.copytree(os.path.join(d, "sub"), os.path.join(d, "copy"))
    print(rel(glob.glob(os.path.join(d, "copy", "**"), recursive=True)))
    shutil.copy(os.path.join(d, "a.txt"), os.path.join(d, "a2.txt"))
    shutil.move(os.path.join(d, "a2.txt"), os.path.join(d, "copy", "a3.txt"))
    print(open(os.path.join(d, "copy", "a3.txt")).read(), shutil.disk_usage(d).total > 0)
    shutil.rmtree(os.path.join(d, "copy"))
    print(sorted(os.listdir(d)), shutil.which("sh") is not None)
    archive = shutil.make_archive(os.path.join(d, "arch"), "gztar", os.path.join(d, "sub"))
    print(os.path.basename(archive))

print("--- queue and threads")
q = queue.Queue()
results = []
lock = threading.Lock()
def worker():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        with lock:
            results.append(item * item)
        q.task_done()
threads = [threading.Thread(target=worker) for _ in range(3)]
for t in threads:
    t.start()
for i in range(20):
    q.put(i)
for _ in threads:
    q.put(None)
q.join()
for t in threads:
    t.join()
print(sorted(results) == [i * i for i in range(20)], q.empty())
pq = queue.PriorityQueue()
for x in (3, 1, 2):
    pq.put(x)
print([pq.get() for _ in range(3)])
try:
    queue.Queue(maxsize=1).get(timeout=0.01)
except queue.Empty:
    print("Empty")
ev = threading.Event()
threading.Timer(0.01, ev.set).start()
print(ev.wait(5))

print("--- abc, types")
class Base(abc.ABC):
    @abc.abstractmethod
    def run(self): ...
try:
    Base()
except TypeError as e:
    print("TypeError", e)
class Impl(Base):
    def run(self): return "ran"
print(Impl().run(), isinstance(Impl(), Base), issubclass(Impl, Base))
ns = types.SimpleNamespace(a=1, b=2)
ns.c = 3
print(ns, ns == types.SimpleNamespace(a=1, b=2, c=3))
mp = types.MappingProxyType({"k": 1})
try:
    mp["k"] = 2
except TypeError as e:
    print("TypeError", e)
print(mp["k"], types.FunctionType, type(len) is types.BuiltinFunctionType)
