# Command-line tools of the standard library run with `-m` through
# sys.executable (ferrython or CPython): json.tool, timeit, unittest
# discovery with a failing test, base64, calendar; runpy's errors.
import os, subprocess, sys, tempfile

def run(*args, stdin=None):
    r = subprocess.run([sys.executable, *args], input=stdin, capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr

code, out, err = run("-m", "json.tool", "--sort-keys", stdin='{"b": [1, 2], "a": {"x": null}}')
print(code, out, err)
code, out, err = run("-m", "json.tool", stdin='{"b": ')
print(code, repr(out), err.strip().splitlines()[-1])
code, out, err = run("-m", "timeit", "-n", "3", "-r", "2", "x = 1")
print(code, out.split(":")[0])
code, out, err = run("-m", "calendar", "2024", "2")
print(code, out)
code, out, err = run("-m", "base64", "-e", stdin="hello")
print(code, out, err)

with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, "test_sample.py"), "w") as f:
        f.write(
            "import unittest\n"
            "class T(unittest.TestCase):\n"
            "    def test_ok(self):\n"
            "        self.assertEqual(1 + 1, 2)\n"
            "    def test_bad(self):\n"
            "        self.assertEqual([1, 2], [1, 3])\n"
            "    @unittest.skip('later')\n"
            "    def test_skip(self):\n"
            "        pass\n"
            "    def test_error(self):\n"
            "        raise KeyError('k')\n"
        )
    code, out, err = run("-m", "unittest", "discover", "-s", d, "-v")
    lines = [l for l in err.splitlines() if not l.startswith(("Ran ", "  File"))]
    print(code, repr(out))
    print("\n".join(lines))
    # A package runs its __main__; errors name the interpreter.
    os.makedirs(os.path.join(d, "pkg", "sub"))
    for name, text in (("pkg/__init__.py", ""), ("pkg/sub/__init__.py", ""),
                       ("pkg/__main__.py", "import sys\nprint('main of', __spec__.name, sys.argv[1:])\n"),
                       ("pkg/sub/mod.py", "print('mod', __name__, __package__)\n")):
        with open(os.path.join(d, name), "w") as f:
            f.write(text)
    for args in (["pkg", "a", "b"], ["pkg.sub.mod"], ["pkg.sub"], ["pkg.nosuch"]):
        r = subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=d)
        print(r.returncode, r.stdout, r.stderr.replace(sys.executable, "EXE"))
