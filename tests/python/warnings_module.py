# _warnings (Python/_warnings.c) under warnings.py: filters, registries,
# actions, warn / warn_explicit arguments, -W options.
import subprocess
import sys
import warnings

import _warnings

print(warnings.filters is _warnings.filters, warnings.defaultaction, _warnings._defaultaction)
print(warnings.onceregistry is _warnings._onceregistry)
for f in _warnings.filters:
    print(f[0], f[1], f[2].__name__, f[3], f[4])


def record(action, *calls):
    with warnings.catch_warnings(record=True) as log:
        warnings.simplefilter(action)
        for c in calls:
            c()
    for w in log:
        print("  ", w.category.__name__, w.message, type(w.message).__name__,
              w.filename == __file__, w.lineno, w.source)
    return len(log)


def where():
    warnings.warn("from where", stacklevel=2)


print(record("always", lambda: warnings.warn("plain"),
             lambda: warnings.warn("dep", DeprecationWarning),
             lambda: warnings.warn(RuntimeWarning("instance")),
             lambda: warnings.warn("with source", ResourceWarning, source=42),
             where))


def same():
    for _ in range(3):
        warnings.warn("repeated")


print("default", record("default", same, same))
print("always", record("always", same))
print("once", record("once", same, lambda: warnings.warn("repeated")))
print("module", record("module", same, lambda: warnings.warn("repeated")))
print("ignore", record("ignore", same))

with warnings.catch_warnings():
    warnings.simplefilter("error")
    for c in [lambda: warnings.warn("boom"), lambda: warnings.warn("b2", FutureWarning),
              lambda: warnings.warn(UserWarning("inst"))]:
        try:
            c()
        except Warning as e:
            print(type(e).__name__, e)

with warnings.catch_warnings(record=True) as log:
    warnings.filterwarnings("error", message="bad.*")
    warnings.filterwarnings("ignore", category=UserWarning, module="nomatch")
    warnings.filterwarnings("always", category=UserWarning)
    try:
        warnings.warn("bad thing")
    except UserWarning as e:
        print("raised", e)
    warnings.warn("good thing")
    print([str(w.message) for w in log])

for args, kw in [(("x", int), {}), (("x", "str"), {}), (("x", UserWarning, "2"), {}),
                 (("x",), {"skip_file_prefixes": ["a"]}), ((), {}), (("x",), {"bogus": 1})]:
    try:
        warnings.warn(*args, **kw)
    except Exception as e:
        print(type(e).__name__, e)

# warn_explicit: registries and module names.
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("default")
    reg = {}
    for _ in range(2):
        warnings.warn_explicit("explicit", UserWarning, "somefile.py", 7, registry=reg)
    warnings.warn_explicit("explicit", UserWarning, "somefile.py", 8, module="m", registry=None)
    warnings.warn_explicit(UserWarning("inst"), None, "x.py", 1)
    print(sorted((k, v) for k, v in reg.items() if k != "version"))
    print([(str(w.message), w.filename, w.lineno) for w in log])
for args in [("m", UserWarning, 3, 1), ("m", UserWarning, "f", "1")]:
    try:
        warnings.warn_explicit(*args)
    except Exception as e:
        print(type(e).__name__, e)

# Bad filter state.
with warnings.catch_warnings():
    warnings.filters[:] = [("bogus", None, Warning, None, 0)]
    warnings._filters_mutated()
    try:
        warnings.warn("x")
    except RuntimeError as e:
        print("RuntimeError", str(e).splitlines()[0])

# The registry records where a warning was shown.
g = {"__name__": "fake"}
exec("import warnings\nwarnings.simplefilter('default')\nwarnings.warn('in exec')\n", g)
print(sorted(k for k in g["__warningregistry__"] if k != "version"))

# -W options and PYTHONWARNINGS reach the filters.
code = "import warnings; warnings.warn('w-opt'); print('not raised')"
for opts, env in [(["-W", "error"], {}), (["-W", "ignore"], {}), ([], {"PYTHONWARNINGS": "error::UserWarning"})]:
    r = subprocess.run([sys.executable] + opts + ["-c", code], capture_output=True, text=True,
                       env={"PATH": "/usr/bin:/bin", **env})
    print(opts, env, r.returncode, r.stdout.strip(), r.stderr.strip().splitlines()[-1:])
