# _tokenize.TokenizerIter under tokenize.generate_tokens / tokenize /
# untokenize: token streams, positions, lines and errors, compared with
# CPython 3.13.
import io
import token
import tokenize

import _tokenize

SNIPPETS = [
    'if x:\n    y = 1\n\nz\n',
    'if x:\n  if y:\n    pass\n',
    'x = (1,\n  2)  # c\n',
    'a = 1',
    '# only\n',
    'x = \\\\\n  1\n',
    'x = \\\n  1\n',
    's = """a\nb""" + 1\n',
    '\n\n',
    '',
    '  \n# c\nx\n',
    'f"a{b!r:>{w}} {{c}} d{e=}"\n',
    'f"""x\n{y}z"""\n',
    'é = "ü"; x\n',
    'if a:\n\tb\n',
    'x\r\ny\r\n',
    '(\n',
    '"abc\n',
    '"""abc\n',
    '1if x else 2\n',
    '$\n',
    'x?\n',
    '€\n',
    '  x\n y\n',
    '0777\n',
    '1_000.5e-3j 0x_1f 0b101 0o17 1. .5 1e5\n',
    'a ... b .c\n',
    'x = 1 \\\n',
    'f"{x:}{y}" f"{x = !r:^3}"\n',
    'f"{\'a\' if x else \'b\'}" rf"\\{x}\\n"\n',
    'f"{x:%H:%M}"\n',
    'f"""{\nx\n}"""\n',
    'x = )\n',
    '(]\n',
    "'''a'''\n",
    'f"abc\n',
    'f"{x"\n',
    '"a\\\nb"\n',
    '\x0cx\n',
    'x\n\x0c  y\n',
    'if x:\n    a\n  # c\n    b\n',
    'def f():\n    x\n\n# c\n\ny\n',
    'x  ',
    'x # c',
    'if x:\n  y',
    'x = b"abc\n',
    '1_\n',
    '1__0\n',
    '0x\n',
    '1e\n',
    '0b12\n',
    '1.e5j\n',
    'f"{x:{w}}"\n',
    'f"\\N{DASH}{x}"\n',
    'x # c\r\n',
    'x:=1\n',
    'f"{x:=1}"\n',
    'f"{a}" "b"\n',
    'a\n  \\\n  b\n',
    'if x:\n\ty\n        z\n',
    'if x:\n        y\n\tz\n',
    '0o78\n',
    '0xg\n',
    '1_a\n',
    '1abc\n',
    '0_7\n',
    '09.5\n',
    '1E+5 1e-5 1.5J\n',
    "x = u'a' br'b' Rb'c' BR'd' rB'e'\n",
    "ub'x'\n",
    "fb'x'\n",
    "f'{x!r}' F'{y}' fR'{z}' Rf'a'\n",
    "f'{{}}'\n",
    "f'}'\n",
    "f'{'\n",
    "f'{x}}'\n",
    "f'{{x}'\n",
    "f'''a\n{b\n}c\n'''\n",
    "f'{x:{y:{z}}}'\n",
    "f'{x!s:}'\n",
    "f'{x:\\n}'\n",
    'f\'{"a"}\'\n',
    'f\'{f"{x}"}\'\n',
    "f'a' f'b{c}d' 'e'\n",
    "f''\n",
    'f""""""\n',
    'x = [\n    1,\n    # c\n    2,\n]\n',
    'def f(a, *, b=1) -> int: ...\n',
    'a @= b; c //= d; e **= f; g >>= h; i <<= j\n',
    "x = {'a': 1, **y}\n",
    'class A:\n    def f(self):\n        return 1\n\n    x = 2\n',
    '@dec\ndef f(): pass\n',
    'x = 1 if y else 2\n',
    'async def f():\n    await x\n',
    'lambda: (yield)\n',
    'print(*a, **k)\n',
    "x = '''\n'''\n",
    "a = 'x' \\\n    'y'\n",
    'if True:\n    pass\n  \n',
    '\n\n\nx\n',
    '   \n',
    '#!\n#c\n',
    'x = 1\n\n\n',
    'x\\\n',
    '\\\n',
    'a = 1;\n',
    'x = ~a ^ b | c & d\n',
    'a -> b\n',
    'a != b <> c\n',
    'a\xa0b\n',
    "x = '\\\n'\n",
    'x = "\\"\n',
    "x = '\\\\'\n",
    "r'\\'\n",
    "rb'\\''\n",
    "f'{x:{{}}>10}'\n",
    "f'{x!r=}'\n",
    "f'{x=!r:10}'\n",
    "f'{ x = }'\n",
    "f'{lambda x: 1}'\n",
    "f'{(lambda x: 1)}'\n",
    "f'{x:a{b}c{d}e}'\n",
    "f'{a}{b}{c}'\n",
    "f'\\{x}'\n",
    "f'\\\\{x}'\n",
    "f'a\\\nb'\n",
    "f'''{x\n:>10}'''\n",
    'def f():\n\tif x:\n\t\tpass\n',
    'if x:\n\n    y\n',
    'x = 1 # é\n',
    "'é' 'ü'\n",
    '"""é\nü""" x\n',
    'if x:\n  y\n    z\n',
    'try:\n  x\nexcept:\n  y\n',
]


def show(src):
    print("=====", repr(src))
    try:
        for t in tokenize.generate_tokens(io.StringIO(src).readline):
            print(token.tok_name[t.type], repr(t.string), t.start, t.end, repr(t.line))
    except tokenize.TokenError as e:
        print("TokenError", e.args)
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno)


for s in SNIPPETS:
    show(s)

# Round trips: full tokens give the source back; bytes mode starts with
# ENCODING and honours a coding cookie and a BOM.
for src in ["def f(a, b=1):\n    return f'{a!r:>{b}}'  # c\n", "x = [\n  1,\n]\n\nif x:\n\ty\n"]:
    toks = list(tokenize.generate_tokens(io.StringIO(src).readline))
    print(tokenize.untokenize(toks) == src)
    print(repr(tokenize.untokenize([t[:2] for t in toks])))
for raw in [b"# -*- coding: latin-1 -*-\nx = '\xe9'\n", b"\xef\xbb\xbfx = 1\n", b"x = '\xc3\xa9'\n"]:
    toks = list(tokenize.tokenize(io.BytesIO(raw).readline))
    print([tuple(t) for t in toks[:3]])
    print(tokenize.untokenize(toks))

# The iterator itself.
it = _tokenize.TokenizerIter(io.StringIO("if x:  # c\n    y = (1,\n 2)\n").readline, extra_tokens=False)
print(iter(it) is it)
for t in it:
    print(t)
print(list(it))
for t in _tokenize.TokenizerIter(io.BytesIO("x = 'é'\n".encode()).readline, extra_tokens=True, encoding="utf-8"):
    print(t)
for args, kw in [((io.StringIO("x\n").readline,), {}), ((), {"extra_tokens": True}),
                 ((io.StringIO("x\n").readline,), {"extra_tokens": True, "encoding": "utf-8"}),
                 ((io.BytesIO(b"x\n").readline,), {"extra_tokens": True}),
                 ((lambda: 1 / 0,), {"extra_tokens": True}),
                 ((iter(["a\n", "b"]).__next__,), {"extra_tokens": True})]:
    try:
        print(list(_tokenize.TokenizerIter(*args, **kw)))
    except Exception as e:
        print(type(e).__name__, e)
