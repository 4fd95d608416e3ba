# codeop and code.InteractiveConsole over compile()'s
# PyCF_ALLOW_INCOMPLETE_INPUT / PyCF_DONT_IMPLY_DEDENT flags.
import code
import codeop
import contextlib
import sys

cases = [
    "x = 1", "if 1:", "if 1:\n  x = 1", "if 1:\n  x = 1\n", "(1,", "1 +",
    "x = '''abc", "x = (1,\n2)", "a b", "if 1:\n  pass\nelse",
    "for x in y:\n  pass\n\nz", "1 + \\", "", "# comment", "@dec",
    "class A:\n  x=1\n y=2", "def f():\n  return 1\n", "x = 'abc",
]
for src in cases:
    for symbol in ("single", "exec", "eval"):
        try:
            r = codeop.compile_command(src, "<in>", symbol)
            print(repr(src), symbol, "None" if r is None else type(r).__name__)
        except SyntaxError as e:
            print(repr(src), symbol, type(e).__name__, e.msg, e.lineno)

flags = 0x200 | 0x4000
for src in ["if 1:\n  x = 1", "(1,", "a b\n", "", "if 1:\n"]:
    try:
        compile(src, "<in>", "single", flags, True)
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), type(e).__name__, issubclass(type(e), SyntaxError), e.msg)

# A __future__ import is remembered by CommandCompiler.
cc = codeop.CommandCompiler()
print(cc("from __future__ import annotations") is not None)

# The interactive console: prompts as the basic REPL decides them.
console = code.InteractiveConsole({"__name__": "__console__"}, filename="<console>")
lines = [
    "x = 6", "x * 7", "if x:", "  print('in block')", "", "def f():",
    "  return 5", "", "f()", "undefined_name", "(1,", " 2)", "a b",
    "raise ValueError('bad')", "'''s", "t'''", "None",
]
with contextlib.redirect_stderr(sys.stdout):
    for line in lines:
        more = console.push(line)
        print("push", repr(line), "->", more)

# interact() with a scripted raw_input.
feed = iter(["y = 2", "y + 1", "for i in range(2):", "  i", "", "import sys", "sys.ps1"])
class Scripted(code.InteractiveConsole):
    def raw_input(self, prompt=""):
        try:
            line = next(feed)
        except StopIteration:
            raise EOFError
        print(prompt + line)
        return line
with contextlib.redirect_stderr(sys.stdout):
    Scripted().interact(banner="banner", exitmsg="bye")
print("displayhook after:", sys.displayhook is sys.__displayhook__)
