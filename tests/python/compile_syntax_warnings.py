# Compile-time SyntaxWarnings: issued through the warnings filters once per
# compile, and raised as a SyntaxError at their position when a filter makes
# them errors.
import warnings


def check(src, mode="exec"):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            compile(src, "<t>", mode)
        except SyntaxError as e:
            print("  SyntaxError", e.msg, e.lineno, e.offset)
    for x in w:
        print(" ", x.category.__name__, x.message, x.filename, x.lineno)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("error")
        try:
            compile(src, "<t>", mode)
            print("  no error")
        except SyntaxError as e:
            print("  error:", type(e).__name__, e.msg, e.lineno, e.offset,
                  e.end_lineno, e.end_offset, repr(e.text))
    print("  leaked", len(w))


cases = [
    "assert (x, y)",
    "assert(False,)",
    "assert x, 'msg'",
    "x = 1\nassert(x, 'm')\n",
    "x is 1",
    "x is not 'a'",
    "(1, 2) is not x",
    "x == 3 is y",
    "x is None or x is ... or x is True",
    "def f():\n    return 1 is x\n",
    "[(1, 2) (3, 4)]",
    "[(x, y) (3, 4)]",
    "[{1: 2} (3, 4)]",
    "[(i for i in r) (3, 4)]",
    "[f'{x}' (3, 4)]",
    "[None (3, 4)]",
    "[... (3, 4)]",
    "[True (3, 4)]",
    "(lambda: 1)()",
    "[{1, 2} [i, j]]",
    "[(lambda x, y: x) [i, j]]",
    "[12.3j [i, j]]",
    "[(1, 2) [i, j]]",
    "[b'abc' [i, j]]",
    "[[1, 2] [[3, 4]]]",
    "[[1, 2] [3]]",
    "'abc'[1:2]",
    "x = 'a\\d'",
    "x = 1\ny = '''ab\ncd\\d'''\n",
    "f'{x}a\\d'",
    "b'\\q'",
    "'\\777'",
    "x = r'\\d' + rb'\\q'",
    "1if x else y\n",
    "x=1\ny = 0x1for x in y\n",
    "[1.0for x in y]",
    "1jif x else y",
    "1e3and x",
    "0b1or x",
    "0o7in x",
    "9not in x",
    "1.is x",
    "'\\d' is 1",
]
for src in cases:
    print(repr(src))
    check(src)
print(repr("0xfor x"), "eval")
check("0xfor x", "eval")

# A module's warnings go through the filters with the caller's registry:
# "default" shows a warning once per location.
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("default")
    for _ in range(3):
        compile("x is 1", "<reg>", "exec")
print("default action:", len(w))

# exec() and eval() warn as compile() does.
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    exec("y = 5 is 5")
    print(eval("'\\q'"))
print([str(x.message) for x in w])
