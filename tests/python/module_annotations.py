# Module-level annotations as CPython 3.14 makes them (PEP 649/749, with
# gh-130907): module code stores an `__annotate__` function and a
# `__conditional_annotations__` set instead of an `__annotations__` dict;
# `module.__annotations__` calls `__annotate__(1)`, reports only the
# annotated assignments that ran, and is cached in the namespace unless the
# module is still being imported. 3.13 differs (eager `__annotations__`),
# hence expected/module_annotations.out.
import importlib  # modules imported from here on get a spec
import os
import sys
import tempfile
import types

here = tempfile.mkdtemp()
sys.path.insert(0, here)
with open(os.path.join(here, "annmod_a.py"), "w") as f:
    f.write(
        '"""doc"""\n'
        "v1: int\n"
        "import annmod_b\n"
        "v2: str = 'x'\n"
        "if False:\n"
        "    v3: float\n"
        "try:\n"
        "    v4: bytes\n"
        "    raise ValueError\n"
        "    v5: complex\n"
        "except ValueError:\n"
        "    pass\n"
        "obj = type('O', (), {})()\n"
        "obj.attr: int = 5\n"
    )
with open(os.path.join(here, "annmod_b.py"), "w") as f:
    f.write(
        "import annmod_a\n"
        "print('while importing:', annmod_a.__annotations__)\n"
        "print('cached while importing:', '__annotations__' in annmod_a.__dict__)\n"
    )
with open(os.path.join(here, "annmod_future.py"), "w") as f:
    f.write(
        "from __future__ import annotations\n"
        "a: undefined_name\n"
        "if False:\n"
        "    b: int\n"
        "names = sorted(k for k in globals() if 'annot' in k)\n"
    )

import annmod_a

print(annmod_a.__annotations__)
print("cached:", annmod_a.__dict__["__annotations__"] is annmod_a.__annotations__)
print(sorted(annmod_a.__conditional_annotations__))
f = annmod_a.__annotate__
print(f.__name__, f.__qualname__, f.__code__.co_varnames[:1])
print(f(1), f(2))
try:
    f(3)
except NotImplementedError as e:
    print(type(e).__name__)
print(annmod_a.__spec__._initializing)
print(annmod_a.obj.attr)

import annmod_future

print(annmod_future.names, annmod_future.__annotations__)
print(annmod_future.__conditional_annotations__, annmod_future.__annotate__)

# This module: the global `__annotations__` is not defined... (a module
# whose own code names it stays eager: annotations_eager_compat.py)
x: int = 3
print([k for k in globals() if "annot" in k])


def bare():
    return __annotations__


try:
    bare()
except NameError as e:
    print(type(e).__name__, e)
# ...until the module's `__annotations__` is read (__main__ has no spec).
m = sys.modules[__name__]
print(m.__annotations__, bare() is m.__annotations__)

# Setting `__annotate__` drops the cached dict; None keeps it.
m.__annotate__ = lambda format: {"z": format}
print("__annotations__" in globals(), m.__annotations__)
m.__annotate__ = None
print(m.__annotations__, m.__annotate__)
for bad in [5, "s"]:
    try:
        m.__annotate__ = bad
    except TypeError as e:
        print(type(e).__name__, e)
try:
    del m.__annotate__
except TypeError as e:
    print(type(e).__name__, e)
# Setting or deleting `__annotations__` drops `__annotate__`.
m.__annotate__ = lambda format: {}
m.__annotations__ = {"q": 1}
print(globals().get("__annotate__", "gone"), m.__annotate__, m.__annotations__)
del m.__annotations__
try:
    del m.__annotations__
except AttributeError as e:
    print(type(e).__name__, e)

# A new module: empty annotations (cached), `__annotate__` None (stored).
n = types.ModuleType("n")
print(n.__annotations__, n.__annotate__, sorted(n.__dict__))
n = types.ModuleType("n")
n.__annotate__ = lambda format: 5
try:
    n.__annotations__
except TypeError as e:
    print(type(e).__name__, e)
n.__annotate__ = lambda format: 1 / 0
try:
    n.__annotations__
except ZeroDivisionError as e:
    print(type(e).__name__, e)

# Code executed into a plain namespace.
ns = {}
exec("a: int = 1\nif a > 5:\n    b: str\nc: float\n", ns)
print(ns["__annotate__"](1), ns["__conditional_annotations__"], "__annotations__" in ns)
ns = {}
exec("obj = [0]\nobj[0]: int = 1\n", ns)
print(sorted(k for k in ns if k.startswith("__")), ns["obj"])
