# sys attributes CPython 3.14 added (so checked against expected output):
# sys.implementation.supports_isolated_interpreters, the sys._jit
# namespace and sys.is_remote_debug_enabled, with what they report for a
# runtime without sub-interpreters, JIT or remote debugging; sys.__doc__.
import sys

impl = sys.implementation
print(sorted(vars(impl)))
print(type(impl.supports_isolated_interpreters).__name__, impl.supports_isolated_interpreters)
print(type(sys._jit).__name__, sys._jit.__name__)
print(sys._jit.is_available(), sys._jit.is_enabled(), sys._jit.is_active())
print(sys.is_remote_debug_enabled())
for f in (sys._jit.is_available, sys.is_remote_debug_enabled):
    try:
        f(1)
    except TypeError:
        print("TypeError")
print(type(sys.__doc__).__name__, len(sys.__doc__) > 0)
