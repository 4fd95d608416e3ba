# Deep nesting never crashes: the parser gives up with MemoryError where
# CPython 3.13's does (its stack of 6000 grammar rules), the compiler with
# RecursionError past CPython's depth of about 10000 nodes, brackets with
# SyntaxError past 200; below those limits everything compiles and runs.
import ast
import copy
import json
import marshal
import pickle

N = 200_000
M = 20_000


def show(name, f):
    try:
        r = f()
    except (MemoryError, RecursionError, SyntaxError, ValueError) as e:
        print(name, type(e).__name__, e)
    else:
        print(name, "ok", repr(r)[:60])


# Parser stack: chains of unary operators, `not`, lambdas, conditional
# expressions and right-associative powers.
show("minus", lambda: compile("-" * N + "1", "", "eval"))
show("lambda", lambda: compile("lambda: " * N + "1", "", "eval"))
for name, src in [
    ("plus", "+" * M + "1"),
    ("invert", "~" * M + "1"),
    ("not", "not " * M + "1"),
    ("ifexp", "1 if 1 else " * M + "1"),
    ("pow", "2" + "**2" * M),
    ("minus 6000", "-" * 6000 + "1"),
    ("lambda 3100", "lambda: " * 3100 + "1"),
    ("minus pow 2100", "-2**" * 2100 + "1"),
    ("not minus", "not -" * 1 + "-" * 7000 + "1"),
]:
    show(name, lambda: compile(src, "", "eval"))
    show(name + " exec", lambda: compile("x = " + src + "\n", "", "exec"))

# Brackets: the tokenizer's limit of 200.
show("parens", lambda: compile("(" * N + "1" + ")" * N, "", "eval"))
show("lists", lambda: compile("[" * 1000 + "]" * 1000, "", "eval"))
show("calls", lambda: compile("f(" * 1000 + ")" * 1000, "", "eval"))
show("parens 199", lambda: eval("(" * 199 + "1" + ")" * 199))
show("lists 199", lambda: len(eval("[" * 199 + "]" * 199)))

# Compiler passes: long left-associative chains make deep trees.
for name, src in [
    ("add chain", "1" + "+1" * N),
    ("attr chain", "a" + ".b" * M),
    ("call chain", "f" + "()" * M),
    ("subscript chain", "a" + "[0]" * M),
    ("add chain 12000", "1" + "+1" * 12_000),
    ("minus paren add", "-" * 1000 + "(1" + "+1" * 9500 + ")"),
]:
    show(name, lambda: compile(src, "", "eval"))

# Below the limits: 1000-level expressions compile and run.
print(eval("-" * 1001 + "1"), eval("not " * 1001 + "0"), eval("~" * 1000 + "5"))
print(eval("1" + "+1" * 1000), eval("2" + "**1" * 1000))
print(eval("1 if 0 else " * 1000 + "7"))
f = eval("lambda: " * 1000 + "42")
for _ in range(1000):
    f = f()
print(f)
print(eval("(" + "lambda x: " * 500 + "x" + ")" + "(1)" * 500))
print(eval("(1).real" + ".real" * 1000))
print(eval("-" * 5000 + "1"), eval("1" + "+1" * 9000))

# Deeply nested blocks and functions, up to the indentation limit of 100.
src = "".join(" " * i + "def f%d():\n" % i for i in range(98)) + " " * 98 + "return 1\n"
ns = {}
exec(compile(src, "", "exec"), ns)
print(sorted(ns)[1:], [c.co_name for c in ns["f0"].__code__.co_consts if hasattr(c, "co_name")])
src = "".join(" " * i + "if 1:\n" for i in range(99)) + " " * 99 + "x = 'deep'\n"
exec(src, ns)
print(ns["x"])
src = "".join(" " * i + "if 1:\n" for i in range(101)) + " " * 101 + "pass\n"
show("blocks 101", lambda: compile(src, "", "exec"))

# A 10^5-line file compiles and runs.
ns = {}
exec(compile("x = 0\n" + "x += 1\n" * 100_000, "big", "exec"), ns)
print(ns["x"])

# The ast module: parse, compile and literal_eval.
show("ast.parse minus", lambda: ast.parse("-" * N + "1"))
show("ast.parse add chain", lambda: ast.parse("1" + "+1" * M))
tree = ast.parse("-" * 3000 + "1", mode="eval")
print(eval(compile(tree, "", "eval")))
tree = ast.parse("1" + "+1" * 8000, mode="eval")
print(eval(compile(tree, "", "eval")))
show("literal_eval minus", lambda: ast.literal_eval("-" * M + "1"))
show("literal_eval lists", lambda: ast.literal_eval("[" * 100 + "]" * 100))


# Deep objects: repr, ==, marshal, pickle, json and deepcopy.
def deep_list(n):
    x = []
    for _ in range(n):
        x = [x]
    return x


def deep_tuple(n):
    x = ()
    for _ in range(n):
        x = (x,)
    return x


d = deep_list(100_000)
show("repr list", lambda: repr(d))
show("repr tuple", lambda: repr(deep_tuple(100_000)))
show("eq tuple", lambda: deep_tuple(100_000) == deep_tuple(100_000))
show("marshal", lambda: marshal.dumps(deep_tuple(100_000)))
show("marshal loads", lambda: marshal.loads(b")\x01" * 100_000 + b")\x00"))
show("pickle", lambda: pickle.dumps(d))
show("json dumps", lambda: json.dumps(d))
show("json loads", lambda: json.loads("[" * 100_000 + "]" * 100_000))
try:
    copy.deepcopy(d)
except RecursionError as e:
    print("deepcopy", type(e).__name__)
print(len(repr(deep_list(500))), json.loads(json.dumps(deep_list(300))) == deep_list(300))

# A long chain of exceptions: formatted, then freed without recursion.
import traceback

e = ValueError(0)
for i in range(1, 5000):
    e2 = ValueError(i)
    e2.__cause__ = e
    e = e2
print(len(traceback.format_exception(e)))
for i in range(200_000):
    e2 = KeyError(i)
    e2.__context__ = e
    e = e2
try:
    raise e
except KeyError as k:
    print(repr(k), repr(k.__context__), repr(k.__context__.__context__))
e = None
print("freed")
