# compile() with a file name holding surrogate escapes (the undecodable
# bytes of a path): the code objects, nested ones too, keep the name, and
# tracebacks show it.
import traceback

name = "sc\udcffript\udce9.py"
src = "def f():\n    return 1/0\nclass C:\n    def g(self): pass\nf()\n"
code = compile(src, name, "exec")
print(ascii(code.co_filename))
print([ascii(c.co_filename) for c in code.co_consts if hasattr(c, "co_filename")])
try:
    exec(code, {})
except ZeroDivisionError as e:
    tb = traceback.extract_tb(e.__traceback__)
    print([(ascii(f.filename), f.lineno, f.name) for f in tb[1:]])
print(ascii(compile("1", name, "eval").co_filename), eval(compile("1 + 1", name, "eval")))
try:
    compile("1 +", name, "exec")
except SyntaxError as e:
    print(type(e).__name__, e.lineno)
print(type(compile("x = 1", name, "exec", 0x400)).__name__)
