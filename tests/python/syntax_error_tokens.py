# SyntaxError messages and positions for number literals, former
# statements (print/exec) and SyntaxError's constructor, as CPython's
# tokenizer and parser report them.


def check(src):
    try:
        compile(src, "<t>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), type(e).__name__, e.msg, e.lineno, e.offset,
              e.end_lineno, e.end_offset)


numbers = [
    "0b12", "0b1_2", "0b2", "0b1_", "0b", "0o18", "0o1_8", "0o8", "0o1_",
    "0o", "0x1_", "0x", "1_", "012", "x = 0012 + 1", "0_1", "007", "1.2_",
    "1e2_", "1e+", "(0x+1)", "x = 32e-+4", "x = 0o9", "1__2", "1.5_", "1ex",
    "0x_", "0b_1", "0o_8", "0o1__", "1_000j", "1jx", "0.5x", "0e", "0_0",
    "0.", "0j", "0xfand x", "1andy", "x = 1__if", "0xf\u20447", "1\u20447",
    "1.\u20447", "x = \u2044",
]
for s in numbers:
    check(s)

for kw in ("print", "exec"):
    for case in ["{} foo", "{} {{1:foo}}", "if 1: {} foo", "if 1:\n    {} foo",
                 "{} 'old style'", "{} f(a+b,c)", "{} (a+b,c) $ 42",
                 "x = {} foo", "{} foo  # c", "x.{} foo", "{}er foo"]:
        src = case.format(kw)
        check(src)
        check(src.replace("foo", "(foo.)"))

for args in [(), ("m",), ("m", 1), ("m", (1, 2, 3)), ("m", ("f", 1, 2, "t")),
             ("m", ("f", 1, 2, "t", 1)), ("m", ("f", 1, 2, "t", 1, 2)),
             ("m", ("f", 1, 2, "t", 1, 2, 3))]:
    try:
        e = SyntaxError(*args)
        print(args, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
    except TypeError as x:
        print(args, type(x).__name__, x)

# `yield from` in a comprehension is reported as 'yield'.
for src in ["def g(): [(yield from x) for x in ()]",
            "def g(): {(yield from x) for x in ()}",
            "def g(): ((yield from x) for x in ())"]:
    check(src)
