# Fixes found running CPython's test_iter, test_keywordonlyarg,
# test_positional_only_arg, test_named_expressions, test_unpack_ex,
# test_extcall, test_genexps, test_super, test_raise, test_builtin,
# test_enumerate and test_yield_from.
import asyncio, ast, operator, sys, types, warnings


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


# An iterator whose class loses __next__ while a for loop runs it.
class BadIterator:
    def __iter__(self):
        return self
    def __next__(self):
        del BadIterator.__next__
        return 1
def loop():
    for i in BadIterator():
        pass
show(loop)

# ... and a sequence losing __getitem__ under iter() and reversed().
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        if i > 2:
            raise IndexError
        return i
it, rev = iter(Seq()), reversed(Seq())
print(next(it), next(rev), operator.length_hint(rev))
del Seq.__getitem__
show(lambda: next(it))
show(lambda: next(rev))
for s in ('hello', tuple('hello'), list('hello')):
    r = reversed(s)
    print(operator.length_hint(r), end=' ')
    list(r)
    print(operator.length_hint(r))

# Private parameter names are mangled, and so are global names and
# assignment-expression targets.
class X:
    def f(self, *, __a=42):
        return __a
    def g(self, __a=7, /):
        return __a
print(X().f(), X.f.__kwdefaults__, X.f.__code__.co_varnames, X().g(), X.g.__code__.co_varnames)

class Foo:
    def f(self_):
        global __x1
        __x1 = 0
        [_Foo__x1 := 1 for a in [2]]
        print(__x1, end=' ')
        [__x1 := 2 for a in [3]]
        print(__x1)
Foo().f()
print(_Foo__x1)


def compile_error(code):
    try:
        compile(code, "s", "exec")
        print("compiled", code)
    except SyntaxError as e:
        print(e.msg, e.offset, e.end_offset)

for code in [
    "[i for i in (i := range(5))]",
    "[i for i in (lambda:(j := range(5)))()]",
    "[i for i in range(5) for j in (i := range(5))]",
    "[i for i in [(j := True) for j in range(5)]]",
    "{i: 1 for i in (j := range(5))}",
    "lambda: [i for i in [j for j in (k := range(5))]]",
    "[[(j := 0) for j in range(3)] for i in range(2)]",
    "[*a for a in b]",
    "{*a for a in b}",
    "(*a for a in b)",
    "{**a for a in b}",
    "dict(a = i for i in range(10))",
    "f(x, a = i for i in y)",
    "print p;",
    "print 'a;b';",
    "if 1:\n    print  f(1);\n",
    "class Foo:\n    def bar(self):\n        [[(__x:=2) for _ in range(2)] for __x in range(2)]\n",
]:
    compile_error(code)


# Call-site errors.
class BrokenSequence:
    def __getitem__(self, idx):
        raise TypeError("myerror")
def g(*a, **k):
    pass
def f(**k):
    pass
nothing = None
show(lambda: g(*BrokenSequence()))
show(lambda: f(**{1: 2}))
show(lambda: nothing(*g))
show(lambda: nothing(**g))
show(lambda: f(**{1: 3}, **{1: 5}))
show(lambda: f(**{'a': 1}, **{'a': 2}))


# __classcell__ that a metaclass drops; super() whose argument is a cell.
class Meta(type):
    def __new__(cls, name, bases, namespace):
        namespace.pop('__classcell__', None)
        return super().__new__(cls, name, bases, namespace)
class WithoutClassRef(metaclass=Meta):
    pass
def with_ref():
    class WithClassRef(metaclass=Meta):
        def f(self):
            return __class__
show(with_ref)

class Y:
    def meth(self):
        super()
    def m2(self):
        (lambda: self)()
        return type(super().__repr__).__name__
def outer():
    k = Y()
    def inner():
        return k
    return inner
show(lambda: Y.meth(outer().__closure__[0]))
print(Y().m2())


# raise with a class whose constructor gives no exception.
class ConstructsNone(BaseException):
    @classmethod
    def __new__(*args, **kwargs):
        return None
def raise_from():
    raise IndexError from ConstructsNone
def raise_it():
    raise ConstructsNone
show(raise_from)
show(raise_it)


# types.TracebackType and types.CellType can be made by hand.
def get_tb():
    try:
        raise OSError()
    except OSError as e:
        return e.__traceback__
other_tb, frame = get_tb(), sys._getframe()
tb = types.TracebackType(other_tb, frame, 1, 2)
print(tb.tb_next is other_tb, tb.tb_frame is frame, tb.tb_lasti, tb.tb_lineno)
tb = types.TracebackType(tb_next=None, tb_frame=frame, tb_lasti=3, tb_lineno=4)
print(tb.tb_next, tb.tb_lasti, tb.tb_lineno)
for args in [("no", frame, 1, 2), (other_tb, "no", 1, 2), (other_tb, frame, "no", 2),
             (other_tb, frame, 1, "nuh-uh"), (None, frame, 1)]:
    show(lambda: types.TracebackType(*args))

print(types.CellType(35).cell_contents)
show(lambda: types.CellType().cell_contents)
show(lambda: types.CellType(1, 2))
show(lambda: types.CellType(x=1))
def three_freevars():
    a = b = c = 0
    def f():
        return a, b, c
    return f
f3 = three_freevars()
print(types.FunctionType(f3.__code__, {}, closure=(types.CellType(35), types.CellType(72), f3.__closure__[2]))())


# compile() takes any bytes-like source; module code as a function runs
# with its globals as its locals.
print(eval(compile(memoryview(b"1+2"), "name", "eval")), eval(compile(bytearray(b"3*2"), "name", "eval")))
co = compile('a = await asyncio.sleep(0, result=1)', '?', 'exec', flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
gl = {'asyncio': asyncio, 'a': 0}
asyncio.run(types.FunctionType(co, gl)())
print(gl['a'])
gl = {}
types.FunctionType(compile('b = 5', '?', 'exec'), gl)()
print(gl['b'])


# bytearray.join holds its separator exported while the items are gathered.
ba = bytearray(b',')
def resizing():
    ba.clear()
    yield b'A'
show(lambda: ba.join(resizing()))
print(bytearray(b'-').join([b'a', bytearray(b'b')]))
d = {}
d[1] = d.values()
print(repr(d), repr({1: 2}.items()), repr({}.keys()))


# Relative imports find their package from __spec__, with CPython's warnings.
spec = types.SimpleNamespace
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    show(lambda: __import__('', {'__package__': None, '__spec__': None, '__name__': '__main__'},
                            fromlist=('foo',), level=1))
    print(__import__('decoder', {'__spec__': spec(parent='json'), '__name__': 'x'},
                     fromlist=('x',), level=1).__name__)
    __import__('decoder', {'__package__': 'json', '__spec__': spec(parent='jsonx')},
               fromlist=('x',), level=1)
    print([(x.category.__name__, str(x.message)) for x in w])
show(lambda: __import__('a', {'__package__': 3}, level=1))
show(lambda: __import__('a', {'__spec__': spec(parent=3)}, level=1))


# Closing a generator whose sub-iterator's __getattr__ fails reports the
# failure as unraisable and still closes.
class Broken:
    def __iter__(self):
        return self
    def __next__(self):
        return 1
    def __getattr__(self, attr):
        1/0
def gen():
    yield from Broken()
seen = []
sys.unraisablehook = lambda u: seen.append(u.exc_type.__name__)
gi = gen()
next(gi)
gi.close()
print(seen, gi.gi_frame)
