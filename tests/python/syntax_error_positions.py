# Where SyntaxErrors point, as CPython 3.13 reports them: `import *` in a
# function at the star, a name both global and nonlocal at the first of
# the two statements, an unknown __future__ feature at the statement, a
# non-ASCII bytes literal and a str literal that is not UTF-8 on the whole
# literal, two expressions in an f-string field, an open bracket before a
# backslash at the end of input, and assignment to a yield expression.
sources = [
    b'Python = "\xcf\xb3\xf2\xee\xed" +',
    b'x = 1\ny = "ab\xf2cd" + ""',
    b'x = "ab\xf2"',
    b'x = 1 \xf2',
    b'b"foo\xd0\xb6\xd0\xb6\xd0\xb6"',
    "x = b'\u00e9'",
    "def f():\n  from _ import *",
    "def f():\n  global x\n  nonlocal x",
    "def f():\n  nonlocal x\n  global x",
    "def g():\n  x = 1\n  def f():\n    nonlocal x\n    nonlocal x\n    global x",
    "def f():\n  nonlocal y",
    "from __future__ import doesnt_exist",
    '"\\\n"(1 for c in I,\\\n\\',
    "(1,\\\n",
    "f'{6 0}'",
    "f'{a b}'",
    "f'{a b c}'",
    "f'{a $}'",
    "f'{a.b c}'",
    "f'{a!r b}'",
    "f'{a 1:x}'",
    "f'{x:{a b}}'",
    "f'{a ; b}'",
    "def f(): (yield bar) += y",
    "def f(): x = (yield) = 1",
    "def f(): del (yield)",
]
for s in sources:
    try:
        compile(s, "<f>", "exec")
        print(repr(s), "compiled")
    except SyntaxError as e:
        print(repr(s))
        # Not compared: CPython's end of a literal that is not UTF-8
        # (counted in a way of its own) and of a __future__ error (None).
        unplaced = e.msg.startswith(("(unicode error)", "future feature"))
        end = () if unplaced else (e.end_lineno, e.end_offset)
        print("   ", e.msg, e.lineno, e.offset, *end)
