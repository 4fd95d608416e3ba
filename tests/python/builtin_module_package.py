# Builtin modules get the __package__ importlib gives them ('' at the top
# level, the spec's parent), as CPython's _init_module_attrs sets it.
import sys, builtins, _io, _thread, posix, _imp, marshal, time, math, _json, _collections, itertools
for m in (sys, builtins, _io, _thread, posix, _imp, marshal, time, math, _json, _collections, itertools):
    print(m.__name__, repr(m.__package__), m.__spec__.parent == m.__package__)
