# A NUL in source code: compile(), exec(), eval(), ast.parse() and
# symtable() refuse a str or bytes source holding one with a SyntaxError
# that has only its message; a script file (or a program piped to stdin)
# reports it at the line holding the NUL, showing that line up to it.
import ast
import os
import subprocess
import sys
import symtable
import tempfile

sources = ["a = 1\x00", "x = 1\nb\x00c = 2\n", "\x00", "'ab\x00c'", "# c\x00\nx = 1\n"]
runs = [
    ("compile exec", lambda s: compile(s, "f", "exec")),
    ("compile eval", lambda s: compile(s, "f", "eval")),
    ("exec", lambda s: exec(s, {})),
    ("eval", lambda s: eval(s, {})),
    ("ast.parse", ast.parse),
    ("symtable", lambda s: symtable.symtable(s, "f", "exec")),
]
for src in sources:
    for s in (src, src.encode(), b"\xff" + src.encode()):
        for what, run in runs:
            try:
                run(s)
                print(what, ascii(s), "ran")
            except SyntaxError as e:
                print(what, ascii(s), type(e).__name__, e.args, e.filename, e.lineno, e.offset,
                      ascii(e.text), e.end_lineno, e.end_offset)

with tempfile.TemporaryDirectory() as d:
    programs = [b"x = 1\nprint(x)\ny = 'a\x00b'\n", b"\x00", b"a\x00", b"x=1\n   \x00\n",
                b'"""\n\x00"""\n', b"x = 1 +\n\x00\n", b"y=2\nx = $\n\x00",
                b"# coding: latin-1\nx = '\xe9\x00'\n"]
    show = ("import sys\n"
            "def hook(t, e, tb):\n"
            "    print(type(e).__name__, e.args, e.lineno, e.offset, ascii(e.text))\n"
            "sys.excepthook = hook\n")
    with open(os.path.join(d, "sitecustomize.py"), "w") as f:
        f.write(show)
    env = dict(os.environ, PYTHONPATH=d)
    script = os.path.join(d, "script.py")
    for program in programs:
        with open(script, "wb") as f:
            f.write(program)
        # (CPython cannot read a Latin-1 program from a pipe.)
        piped = [] if b"latin-1" in program else [(["-"], program)]
        for args, stdin in [([script], None), *piped]:
            r = subprocess.run([sys.executable, *args], input=stdin, env=env,
                               capture_output=True)
            print(r.returncode, r.stdout.decode().replace(d, "DIR"))
    # Without the hook: the traceback shows the line.
    with open(script, "wb") as f:
        f.write(programs[0])
    r = subprocess.run([sys.executable, script], capture_output=True)
    print(r.returncode, r.stderr.decode().replace(d, "DIR"))
    # An imported module: the string form, from compile().
    with open(os.path.join(d, "nulmod.py"), "wb") as f:
        f.write(programs[0])
    sys.path.insert(0, d)
    try:
        import nulmod
    except SyntaxError as e:
        print("import", e.args, e.filename, e.lineno)
