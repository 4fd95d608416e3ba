# Expression statements compiled in "single" mode go through
# sys.displayhook (doctest captures them by replacing sys.stdout).
import builtins
import io
import sys

old = sys.stdout
sys.stdout = buf = io.StringIO()
for src in ["1+1", "None", "'x'", "[1, 'a']"]:
    exec(compile(src, "<s>", "single"))
sys.stdout = old
print(repr(buf.getvalue()), builtins._)


def hook(v):
    print("hook", repr(v))
    return "ignored"


sys.displayhook = hook
exec(compile("3", "<s>", "single"))
exec(compile("None", "<s>", "single"))
del sys.displayhook
try:
    exec(compile("3", "<s>", "single"))
except RuntimeError as e:
    print(type(e).__name__, e)
sys.displayhook = sys.__displayhook__
exec(compile("4", "<s>", "single"))
