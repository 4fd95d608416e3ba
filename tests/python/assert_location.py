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
