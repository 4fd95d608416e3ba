# The _ast module: node classes, constructors, defaults, pickling support,
# ast.parse / ast.dump of many constructs, compile() of ASTs, error cases.
import _ast
import ast
import warnings

warnings.simplefilter("ignore", DeprecationWarning)


def show(label, f):
    try:
        r = f()
    except Exception as e:  # noqa: BLE001
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", r)


# --- the classes -----------------------------------------------------------
names = sorted(n for n in dir(_ast) if not n.startswith("__"))
print(len(names))
for n in names:
    c = getattr(_ast, n)
    if not isinstance(c, type):
        print(n, c)
        continue
    own = {k: v for k, v in sorted(vars(c).items())
           if k in ("_fields", "_attributes", "__match_args__", "_field_types",
                    "end_lineno", "end_col_offset")
           or (k in c._fields and v is None)}
    print(n, c.__bases__[0].__name__, c.__module__, own, repr(c.__doc__))
print(_ast.AST.__module__, _ast.AST.__name__, _ast.AST.__qualname__)
print(ast.Name.__mro__)
print(ast.expr.__subclasses__()[:3])

# --- constructors ----------------------------------------------------------
def fields(node):
    return sorted((k, ast.dump(v) if isinstance(v, ast.AST) else v)
                  for k, v in vars(node).items())

show("Name()", lambda: fields(ast.Name()))
show("Name('x')", lambda: fields(ast.Name("x")))
show("Name(id='x', ctx=Store())", lambda: fields(ast.Name(id="x", ctx=ast.Store())))
show("Name(3 args)", lambda: ast.Name("x", ast.Load(), 3))
show("Name dup", lambda: ast.Name("x", id="y"))
show("Name(foo=1)", lambda: fields(ast.Name(foo=1)))
show("Name(lineno=3)", lambda: fields(ast.Name("a", lineno=3)))
show("Constant()", lambda: fields(ast.Constant()))
show("Call()", lambda: fields(ast.Call()))
show("FunctionDef('f')", lambda: fields(ast.FunctionDef("f")))
show("arguments()", lambda: fields(ast.arguments()))
show("AST()", lambda: fields(ast.AST()))
show("AST(1)", lambda: ast.AST(1))
show("AST(a=1)", lambda: fields(ast.AST(a=1)))
show("Load(1)", lambda: ast.Load(1))
show("expr(1)", lambda: ast.expr(1))
show("Load() is Load()", lambda: ast.Load() is ast.Load())
show("Constant(1).kind", lambda: ast.Constant(1).kind)
show("Name().end_lineno", lambda: ast.Name("x").end_lineno)
show("Name().lineno", lambda: ast.Name("x").lineno)


class N(ast.Name):
    _fields = ("a",)


show("subclass N(1)", lambda: fields(N(1)))
show("reduce Name", lambda: ast.Name("x").__reduce__()[:2])
show("reduce Load", lambda: ast.Load().__reduce__())
show("reduce AST", lambda: ast.AST().__reduce__())
show("dump Name", lambda: ast.dump(ast.Name("x")))
show("dump FunctionDef", lambda: ast.dump(ast.FunctionDef("f")))
show("dump BinOp", lambda: ast.dump(ast.BinOp(ast.Constant(1), ast.Add(), ast.Constant(2))))
show("match_args", lambda: ast.BinOp.__match_args__)

import copy
import pickle
n = ast.BinOp(ast.Name("a"), ast.Mult(), ast.Constant(2), lineno=1)
show("copy", lambda: ast.dump(copy.deepcopy(n), include_attributes=True))
show("pickle", lambda: ast.dump(pickle.loads(pickle.dumps(n)), include_attributes=True))

match n:
    case ast.BinOp(ast.Name(x), ast.Mult(), ast.Constant(v)):
        print("matched", x, v)

print(_ast.PyCF_ONLY_AST, _ast.PyCF_TYPE_COMMENTS, _ast.PyCF_ALLOW_TOP_LEVEL_AWAIT,
      _ast.PyCF_OPTIMIZED_AST)

# --- ast.parse + ast.dump ---------------------------------------------------
def d(s, mode='exec'):
    print(repr(s))
    try: print(ast.dump(ast.parse(s, mode=mode), include_attributes=True))
    except Exception as e: print(type(e).__name__, e)
d('f"a{b!r:>{w}} c" "x"')
d('f"{x=}"')
d('f"{x=:3}"')
d('f"{ x = }"')
d('"a" f""')
d('u"a" "b"')
d('@dec\nasync def f(a, /, b=1, *c, d, e=2, **f) -> int: pass')
d('@dec\n# c\n@ dec2 \nclass A(B, metaclass=M, **k): x = 1')
d('f(x for x in y)')
d('a[1:2, ::3]')
d('if a: pass\nelif b: pass\nelse: pass')
d('if a: pass\nelif b: pass\nelif c:\n  pass\n')
d('from . import (a as b, c)')
d('import a.b as c, d')
d('x: int = 1\n(y): int')
d('f"{x}" f"{y}"')
d('f""')
d('(int, str) -> int', 'func_type')
d('() -> int', 'func_type')
d('x = 1', 'single')
d('1 + 2j', 'eval')
d('0xFFFFFFFFFFFFFFFFFFFF + 1_000 + 1.5e3')
d('lambda: 0')
d('lambda x, *a, y=1, **k: 0')
d('match x:\n case [1, *r] | {"a": 2, **kw} | C(1, b=2) as z if z: pass\n case None: pass\n case _: pass')
d('type X[T: int, *Ts, **P] = list[T]')
d('def f[T=int](): pass')
d('try:\n pass\nexcept* E as e:\n pass\nelse:\n pass\nfinally:\n pass')
d('with a as b, c: pass')
d('async def f():\n async with a: pass\n async for x in y: pass\n await z\n [i async for i in j]')
d('global a, b\nnonlocal c')
d('del a, b[1], c.d')
d('x = yield\ny = yield from z')
d('a if b else c; not a; -a; ~a; +a; a @ b; a // b; a ** b; a << b; a >> b; a | b ^ c & d')
d('a < b <= c != d is e is not f in g not in h')
d('{**a, "b": 1}; {1, 2}; [*a]; (a, *b) = c; {k: v for k, v in x if k}; {s for s in t}')
d('x += 1; x[1:] = 2; (x := 3)')
d('print(*a, **k, sep="")')
d('"""doc"""\nb"x" b"y"\n...\nNone\nTrue')
d("r'\\d' 'x'")
d('x = (1,\n 2)')
d('raise E from F\nassert x, "m"\nreturn\nbreak\ncontinue')
d('for x in y:\n pass\nelse:\n pass\nwhile 1:\n pass\nelse:\n pass')
d('é = "ü"; x = é')
d('f"{\'a\'!a}"')
d('def f():\n    return 1;\n')
d('if a:\n    b;\nelif c: d ;\nelse: e;')
d('try:\n    a\nexcept E:\n    b;\n')
d('f"{1+2 = # c\n  }"')
d("f'{x}\\udfff{{}}'")
d('for x in y: pass;')
d('def f(a: (int) = 1, *b: (x), c, **d: (y)): pass')
d('lambda a, *b, c=1, **d: 0')
d('def f(*, a): pass')
d('f(a=(b), **(c))')
d('class A(x=(1)): pass')

# --- compile() of AST objects -----------------------------------------------
def run(src, mode='exec'):
    t = ast.parse(src, mode=mode)
    c = compile(t, '<ast>', mode)
    if mode == 'eval':
        return eval(c)
    ns = {}
    exec(c, ns)
    return ns.get('r')
print(run('r = [x * 2 for x in range(5) if x % 2]'))
print(run('1 + 2 * 3', 'eval'))
print(run('def f(a, /, b=2, *c, d, e=5, **k):\n    return a, b, c, d, e, k\nr = f(1, d=4, z=9)'))
print(run('x = 5\nr = f"{x!r:>{x}} {x=} {x:3}"'))
print(run('class A:\n    "doc"\n    y = 1\n    def m(self): return self.y + 1\nr = (A().m(), A.__doc__)'))
print(run('import math\nfrom os import path as p\nr = (math.pi > 3, p.sep)'))
print(run('try:\n    1/0\nexcept ZeroDivisionError as e:\n    r = type(e).__name__\nfinally:\n    pass'))
print(run('match (1, 2):\n    case (1, y) if y > 1: r = y\n    case _: r = 0'))
print(run('r = {**{"a": 1}, "b": 2}; del r["a"]'))
print(run('r = 10**30 + -5 + 0.5j'))
print(run('async def g():\n    return 1\nr = g.__code__.co_flags & 0x80 != 0'))
print(run('r = (lambda *a, **k: (a, k))(1, x=2)'))
print(run('if 0:\n    r = 1\nelif 1:\n    r = 2\nelse:\n    r = 3'))
print(run('with open("/dev/null") as f:\n    r = f.read()'))
print(run('type X[T] = list[T]\nr = X.__value__'))
print(run('r = [1, 2, 3][1:]; r[0:1] = [9]'))
# hand-built trees
m = ast.Module([ast.Expr(ast.Call(ast.Name('print', ast.Load()), [ast.Constant('hi')], []))], [])
ast.fix_missing_locations(m)
exec(compile(m, '<hand>', 'exec'))
e = ast.Expression(ast.BinOp(ast.Constant(2), ast.Pow(), ast.Constant(10)))
print(eval(compile(ast.fix_missing_locations(e), '<hand>', 'eval')))
t = ast.parse('x = 1\ny = 2\nraise ValueError(x + y)')
try: exec(compile(t, 'tb.py', 'exec'))
except ValueError as e: print('line', e.__traceback__.tb_next.tb_lineno)
def err(tree, mode='exec'):
    try: compile(tree, '<err>', mode)
    except Exception as e: print(type(e).__name__, e)
err(ast.Name('x', ast.Load()))
err(ast.Module([ast.Expr(ast.Name('x', ast.Load()))], []))
err(ast.fix_missing_locations(ast.Module([ast.Assign([ast.Name('x', ast.Load())], ast.Constant(1))], [])))
err(ast.fix_missing_locations(ast.Module([ast.FunctionDef('f', ast.arguments(), [], [])], [])))
err(ast.fix_missing_locations(ast.Module([ast.Expr(ast.Constant([1]))], [])))
err(ast.fix_missing_locations(ast.Module([ast.Expr(ast.Name(1, ast.Load()))], [])))
err(ast.fix_missing_locations(ast.Module(ast.Pass(), [])))
err(ast.fix_missing_locations(ast.Module([ast.Expr(ast.Load())], [])))
err(ast.fix_missing_locations(ast.Module([ast.Expr(ast.Name('None', ast.Load()))], [])))
err(ast.Expression(ast.Name('x', ast.Load())), 'exec')
print(compile(ast.parse('x'), 'f', 'exec', ast.PyCF_ONLY_AST).__class__.__name__)
show("compile bad mode", lambda: compile("x", "f", "bad"))
show("compile func_type", lambda: compile("x", "f", "func_type"))
show("compile int", lambda: compile(1, "f", "exec"))
show("compile flags", lambda: compile("x", "f", "exec", 0xFFFFFF))
show("compile kw", lambda: compile("x", "f", "exec", bogus=1))
show("parse syntax error", lambda: ast.parse("x = = 1"))
show("parse bytes", lambda: ast.dump(ast.parse(b"# coding: latin-1\nx = '\xe9'")))
show("parse bytes koi8", lambda: ast.dump(ast.parse("# coding: koi8-r\nx = 'привет'".encode("koi8-r"))))
show("surrogates", lambda: ast.dump(ast.parse(r"x = '\ud800' 'a\udfffb' '\N{BULLET}'")))
show("literal_eval", lambda: ast.literal_eval("{'a': [1, 2.5, -3j, (True, None)], 'b': b'x'}"))
show("unparse", lambda: ast.unparse(ast.parse("def f(a, *, b=1) -> int:\n    return [x async for x in a if x]")))
show("walk", lambda: sorted({type(n).__name__ for n in ast.walk(ast.parse("a = b(c, *d)"))}))
show("get_docstring", lambda: ast.get_docstring(ast.parse('"""Doc\n   string."""\nx = 1'), clean=False))
show("increment_lineno", lambda: ast.dump(ast.increment_lineno(ast.parse("x"), 3), include_attributes=True))
show("get_source_segment", lambda: ast.get_source_segment("a = foo(1,\n  2)", ast.parse("a = foo(1,\n  2)").body[0].value))


class Rename(ast.NodeTransformer):
    def visit_Name(self, node):
        return ast.copy_location(ast.Name(node.id.upper(), node.ctx), node)


tree = Rename().visit(ast.parse("abc = 1\nr = abc + 1"))
ns = {}
exec(compile(tree, "<transformed>", "exec"), ns)
print(ns["R"], ns["ABC"])
c = compile('"doc"\nassert 0, 1\nr = 1', "<opt>", "exec", optimize=2)
ns = {}
exec(c, ns)
print("optimize=2", "doc" in c.co_consts, ns["r"])
c = compile(ast.parse("assert 0\nr = 1"), "<opt>", "exec", optimize=1)
exec(c, ns)
print("optimize=1 ast", ns["r"])
print("top-level await", bool(compile("await x", "f", "exec", ast.PyCF_ALLOW_TOP_LEVEL_AWAIT).co_flags & 0x80))
