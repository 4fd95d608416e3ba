# Assignments to yield expressions and other non-targets: CPython's
# messages ("assignment to yield expression not possible" for a bare
# yield, the '==' hint for a parenthesized one or any first target of a
# statement's target list) and positions.
cases = [
    "def f(): x = yield = y",
    "def f(): (yield bar) = y",
    "def f(): yield = 1",
    "def f(): (yield) = 1",
    "def f(): x = (yield) = 1",
    "def f(): (yield) += 1",
    "def f(): yield x = 1",
    "def f(): x = yield from y = 1",
    "def f(): (yield from y) = 1",
    "def f(): [(yield)] = 1",
    "def f(): a, (yield) = 1, 2",
    "def f(): del (yield)",
    "def f(): yield = yield = 1",
    "def f():\n    x = 1; (yield) = 2",
    "def f():\n    if x: (yield) = 2",
    "a, f() = 1, 2",
    "a, f() = 1",
    "a, (yield) = 1",
    "def f(): a, b, (yield) = 1, 2, 3",
    "a, x + 1 = 2",
    "a , f() = 3",
    "a,f()=3",
    "f() = 1",
    "x = f() = 1",
    "(a, f()) = 1",
    "[a, f()] = 1",
]
for s in cases:
    try:
        compile(s, "<s>", "exec")
        print(repr(s), "ok")
    except SyntaxError as e:
        print(repr(s), "|", e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
