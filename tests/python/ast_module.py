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
