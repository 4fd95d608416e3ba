# A failed assert is located at its test expression (the traceback's
# columns), not at the whole statement.
import traceback


def run(src):
    try:
        exec(compile(src, "<a>", "exec"), {})
    except AssertionError as e:
        fs = traceback.extract_tb(e.__traceback__)[-1]
        print(repr(src), fs.lineno, fs.end_lineno, fs.colno, fs.end_colno, repr(str(e)))


run("assert None")
run("assert 0")
run("assert 1 > 2")
run("assert 1 > 2 and 3 > 2")
run('assert 1 > 2, "message"')
run("assert (\n    1 > 2)")
run('assert (\n    1 > 2), "Message"')
run("assert (\n    1 > 2\n)")
run("x = 1\nif x:\n    assert x < 0, f'x={x}'")

# The uncaught-exception report marks the failed test with carets.
import os
import subprocess
import sys
import tempfile

with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "failing.py")
    for src in ["assert 1 > 2, 'message'\n", "x = 1\nassert (\n    x > 2\n)\n",
                "x = 1\ny = x.foo\n"]:
        with open(path, "w") as f:
            f.write(src)
        r = subprocess.run([sys.executable, path], capture_output=True, text=True)
        print(r.returncode, r.stderr.splitlines()[2:])
