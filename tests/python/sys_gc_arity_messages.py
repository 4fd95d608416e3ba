# The sys and gc functions that take no argument or exactly one say so as
# CPython's METH_NOARGS / METH_O functions do, naming the module.
import gc
import sys

calls = [
    (sys, "getrefcount", ()), (sys, "getrefcount", (1, 2)), (sys, "intern", ()),
    (sys, "setrecursionlimit", ()), (sys, "getrecursionlimit", (1,)),
    (sys, "settrace", ()), (sys, "setprofile", ()), (sys, "gettrace", (1,)),
    (sys, "setswitchinterval", ()), (sys, "getswitchinterval", (1,)),
    (sys, "is_finalizing", (1,)), (sys, "exception", (1,)), (sys, "exc_info", (1,)),
    (sys, "getdefaultencoding", (1,)), (sys, "getfilesystemencoding", (1,)),
    (sys, "get_int_max_str_digits", (1,)), (sys, "getallocatedblocks", (1,)),
    (sys, "_clear_type_cache", (1,)), (sys, "get_asyncgen_hooks", (1,)),
    (sys, "_is_gil_enabled", (1,)), (sys, "is_stack_trampoline_active", (1,)),
    (sys.monitoring, "get_tool", ()), (sys.monitoring, "restart_events", (1,)),
    (gc, "enable", (1,)), (gc, "isenabled", (1,)), (gc, "get_count", (1,)),
    (gc, "set_debug", ()), (gc, "is_tracked", ()), (gc, "freeze", (1,)),
]
for mod, name, args in calls:
    try:
        getattr(mod, name)(*args)
    except TypeError as e:
        print(f"{name}: {e}")
    else:
        print(f"{name}: no error")
for f in (globals, locals):
    try:
        f(1)
    except TypeError as e:
        print(e)
