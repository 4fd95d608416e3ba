# SyntaxError messages and positions from CPython's grammar hints
# (`invalid_*` rules) and tokenizer checks, compared with CPython 3.13.

CASES = [
    # augmented assignment, assignment targets
    "a, b += 1, 2",
    "del a += b",
    'b"" = 1',
    "... = 1",
    "a if 1 else b = 1",
    "(x for x in x) += 1",
    "None += 1",
    "f() += 1",
    "{1, 2, 3} = 42",
    "{1: 2, 3: 4} = 42",
    "f'{x}' = 42",
    "for i < (): pass",
    "for x in range 10: pass",
    "for x in y z: pass",
    # comprehensions
    "[x for x if range(1)]",
    "[x,y for x,y in range(100)]",
    "{x,y for x,y in range(100)}",
    "x = (a if b: c)",
    # parameters
    "def foo(/,a,b=,c): pass",
    "def foo(a,/,/,b,c): pass",
    "def foo(a,*b,c,/,d,e): pass",
    "def foo(a,**b=3): pass",
    "def foo(a=1,/*,b,c): pass",
    "def foo(a,d=,c): pass",
    "lambda a,d=,c: None",
    "lambda a,**b=3: None",
    "def f(x, (y, z), w): pass",
    "lambda x, (y, z), w: None",
    "def f(*None): pass",
    "lambda *None: 0",
    # call arguments
    "f(x()=2)",
    "f((x)=2)",
    "f(a or b=1)",
    "f(lambda x: x[0] = 3)",
    "f(__debug__=1)",
    "f(a=)",
    "f(a, b, c=, d)",
    "f(*args=[0])",
    "f(**kwargs={'a': 1})",
    "f(x, *)",
    "class C(x for x in L): pass",
    # '=' where an expression goes on
    "if x = 3: pass",
    "while x.a = 3: pass",
    "(x, y, z=3, d, e)",
    "[z=3]",
    "{z=3}",
    # displays, stars, slices
    "{1:2, 3:4, 5:}",
    "{1: *12+1, 23: 1}",
    "A[*(1:2)]",
    "A[*]",
    "A[:*]",
    "A[:(*b)]",
    "del (*x)",
    "x = (*a)",
    # imports, annotations, operators
    "from t import x,",
    "import a from b",
    "import a.y.z, b.y.z from b.y.z as bar",
    "import a from b as bar",
    "import a from b.c",
    "[]: int",
    "([]): int",
    "3 + not 3",
    "- not 3",
    # type parameters
    "type A[] = int",
    "class A[]: ...",
    "def some[](): ...",
    "def f[T: (yield)](): pass",
    "def f[T: (int, (yield))](): pass",
    "def f[T = (yield)](): pass",
    "def f[*Ts = (yield)](): pass",
    "def f[**P = [(yield), int]](): pass",
    "type A[T: (await 3)] = int",
    "type A = (yield 3)",
    "type A = (x := 3)",
    "class A[T]((x := 3)): ...",
    "class A[T]((yield from [])): ...",
    # try / match
    "try:\n  pass\nexcept A, B, C as blech:\n  pass",
    "try:\n  something()\nexcept* A:\npass",
    "try: pass\nexcept* ValueError: pass\nexcept TypeError: pass",
    "try: pass\nexcept ValueError: pass\nexcept* TypeError: pass",
    "match x:\n  case 42 as 1+2+4:\n    ...",
    "match x:\n  case Foo(z=1, y=2, x):\n    ...",
    "match y:\n case e(e=v,v,",
    # scopes
    "class A:\n  def f(self):\n    nonlocal __x",
    # tokenizer
    "a = 3 \\ 4",
    'print\x17("Hello")',
    "with(0,,):\n\x01",
    '"blech\\"',
    'r"blech\\"',
    "'a\\'b",
]

for src in CASES:
    try:
        compile(src, "<s>", "exec")
        print(repr(src), "compiled")
    except SyntaxError as e:
        print(repr(src))
        print("   ", type(e).__name__, repr(e.msg), e.lineno, e.offset,
              e.end_lineno, e.end_offset, repr(e.text))

# A line continuation at the end of input (CPython's end_offset is -1).
for src in ["x = 1 +\\", "A.\u03bc\\\n"]:
    try:
        compile(src, "<s>", "exec")
    except SyntaxError as e:
        print(repr(src), type(e).__name__, repr(e.msg), e.lineno, e.offset)

# Errors from the symbol table and the compiler carry no text of their own.
for src in ["return 1", "break", "def f():\n  x = 1\n  global x", "f(**a, *b)",
            "nonlocal x", "x: int = 1\nglobal x", "await x", "yield"]:
    try:
        compile(src, "<s>", "exec")
    except SyntaxError as e:
        print(repr(src), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, repr(e.text))

# f-string tokenizer messages.
for src in ['f"', "f'''", "rf'abc", "b'abc", "f'''{\xa0}'''", 'f\'{"s"!r{":10"}}\'']:
    try:
        compile(src, "<s>", "exec")
    except SyntaxError as e:
        print(repr(src), repr(e.msg), e.lineno, e.offset, e.end_lineno, e.end_offset)

# `single` mode: a one-line compound statement needs its newline; the
# "multiple statements" range starts after the first line's statements.
for src in ["def f(): pass", "def f(): pass\n", "if 1: pass\nelse: pass",
            "if 1:\n  pass", "@d\ndef f(): pass", "x = 5 # comment\nx = 6\n",
            "f()\nxy # blah\nblah()", "x = 1; y = 2\nz = 3\n", "if 1: pass\nx = 2"]:
    for flags in (0, 0x200):
        try:
            compile(src, "<single>", "single", flags)
            print(repr(src), flags, "compiled")
        except SyntaxError as e:
            print(repr(src), flags, type(e).__name__, repr(e.msg), e.lineno, e.offset,
                  e.end_lineno, e.end_offset, repr(e.text))

# At the prompt (PyCF_ALLOW_INCOMPLETE_INPUT | PyCF_DONT_IMPLY_DEDENT) the
# same statements are incomplete input.
for src in ["def f(): pass", "if 1: pass\nelse: pass", "if 1:\n  pass", "@d\ndef f(): pass"]:
    try:
        compile(src, "<single>", "single", 0x4200)
    except SyntaxError as e:
        print(repr(src), type(e).__name__, e.lineno, e.offset, repr(e.text))
