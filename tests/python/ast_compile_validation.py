# compile() of hand-built ASTs: CPython's validator answers (ValueError for
# None where a node is required, None in statement/expression lists, wrong
# expression contexts, empty name lists) before code is generated.
import ast


def mod(m, mode="exec"):
    m.lineno = m.col_offset = 0
    ast.fix_missing_locations(m)
    try:
        compile(m, "<test>", mode)
        print("compiled")
    except (ValueError, TypeError, SyntaxError) as e:
        print(type(e).__name__, e)


def expr(node):
    mod(ast.Module([ast.Expr(node)], []))


def stmt(node):
    mod(ast.Module([node], []))


def none_field(node, attr, source):
    tree = ast.parse(source)
    for child in ast.walk(tree):
        if isinstance(child, node):
            setattr(child, attr, None)
    try:
        compile(tree, "<test>", "exec")
        print("compiled")
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)


for node, attr, source in [
    (ast.alias, "name", "import spam as SPAM"),
    (ast.arg, "arg", "def spam(SPAM): spam"),
    (ast.comprehension, "target", "[spam for SPAM in spam]"),
    (ast.comprehension, "iter", "[spam for spam in SPAM]"),
    (ast.keyword, "value", "spam(**SPAM)"),
    (ast.match_case, "pattern", "match spam:\n case SPAM: spam"),
    (ast.withitem, "context_expr", "with SPAM: spam"),
    (ast.Name, "id", "x"),
    (ast.Assign, "value", "x = 1"),
    (ast.Attribute, "attr", "x.y"),
    (ast.UnaryOp, "operand", "-x"),
    (ast.Name, "ctx", "x"),
    (ast.Assign, "targets", "x = 1"),
]:
    none_field(node, attr, source)

x_load, x_store = ast.Name("x", ast.Load()), ast.Name("x", ast.Store())
stmt(ast.Assign([None], ast.Constant(3)))
stmt(ast.Delete([None]))
expr(ast.BoolOp(ast.And(), [None, ast.Constant(1)]))
expr(ast.Dict([ast.Constant(1)], [None]))
expr(ast.List([None], ast.Load()))
expr(ast.Set([None]))
mod(ast.Module([None], []))
stmt(ast.If(ast.Constant(1), [None], []))
expr(ast.Call(x_load, [None], []))

# Contexts.
expr(ast.Attribute(x_store, "y", ast.Load()))
expr(ast.Subscript(x_load, x_store, ast.Load()))
expr(ast.UnaryOp(ast.Not(), x_store))
expr(ast.Call(x_store, [], []))
expr(ast.Lambda(ast.arguments([], [], None, [], [], None, []), x_store))
expr(ast.IfExp(x_load, x_store, x_load))
expr(ast.List([x_store], ast.Load()))
expr(ast.Tuple([ast.Starred(x_store, ast.Load())], ast.Load()))
stmt(ast.Assign([ast.Tuple([x_load], ast.Store())], ast.Constant(1)))
stmt(ast.Assign([ast.Attribute(x_store, "a", ast.Store())], ast.Constant(1)))
stmt(ast.Assign([ast.Attribute(x_load, "a", ast.Store())], ast.Constant(1)))
stmt(ast.Delete([ast.Name("x", ast.Store())]))
stmt(ast.AugAssign(x_store, ast.Add(), x_store))
stmt(ast.For(x_store, x_store, [ast.Pass()], []))
stmt(ast.With([ast.withitem(x_load, x_load)], [ast.Pass()]))
stmt(ast.Raise(x_store, None))
stmt(ast.While(x_store, [ast.Pass()], []))
stmt(ast.Expr(ast.NamedExpr(ast.Name("y", ast.Store()), ast.Constant(1))))
mod(ast.Interactive([ast.Expr(x_store)]), "single")
mod(ast.Expression(x_store), "eval")

# Comprehensions: the generators are checked before the element.
g = ast.comprehension(x_store, x_load, [], 0)
expr(ast.ListComp(x_store, []))
expr(ast.ListComp(x_store, [g]))
expr(ast.SetComp(x_load, [ast.comprehension(x_load, x_load, [], 0)]))
expr(ast.GeneratorExp(x_load, [ast.comprehension(x_store, x_store, [], 0)]))
expr(ast.DictComp(x_store, x_load, [ast.comprehension(x_store, x_load, [None], 0)]))

# Names and comparisons.
stmt(ast.Global([]))
stmt(ast.Nonlocal([]))
stmt(ast.Import([]))
stmt(ast.ImportFrom(None, [], 0))
expr(ast.Compare(x_load, [ast.In()], []))
expr(ast.Compare(x_load, [ast.In()], [ast.Constant(4), ast.Constant(5)]))
expr(ast.Compare(ast.Constant("blah"), [ast.In()], [x_load]))
