# With `from __future__ import annotations` annotations become strings and
# are never evaluated, but a yield, await or named expression in one is
# still a SyntaxError, as in CPython. A lambda's body and a comprehension
# past its first iterable are scopes of their own, where they are allowed.
sources = [
    "def f(x: (a := 1)): pass",
    "def f() -> (yield): pass",
    "async def f(x: await y): pass",
    "def f(*args: (yield), **kw: int): pass",
    "x: (a := 1) = 3",
    "class C:\n    y: (yield x)",
    "def g():\n    z: (yield from w) = 1",
    "def g():\n    lst[0]: (a := 2)",
    "w: lambda b=(yield): 0",
    "w: {k: v for k in (yield)}",
    "ok: lambda: (yield)",
    "ok: [(y := 1) for z in w]",
    "ok: (x for x in y if (await z))",
    "ok: dict[str, list[int]] | None",
]
for src in sources:
    try:
        compile("from __future__ import annotations\n" + src, "<ann>", "exec")
        print("compiles:", src.splitlines()[-1])
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset, e.end_offset)
