# Function, cell and module details from test_funcattrs and test_module.
import types, warnings, json
# Cells compare by contents; they are unhashable.
C = types.CellType
print(C(2) < C(3), C() < C('saturday'), C() == C(), C(-36) == C(-36.0), C(True) > C(), C(1) == 1)
for f in (lambda: hash(C(1)), lambda: C(1) < 1):
    try:
        f()
    except TypeError as e:
        print(e)
print(types.CellType.__hash__)
# A function's __dict__ can be replaced by a dict, not deleted.
def b():
    pass
d = {'known_attr': 7}
b.__dict__ = d
print(b.__dict__ is d, b.known_attr)
for v in (None, 5):
    try:
        b.__dict__ = v
    except TypeError as e:
        print(e)
try:
    del b.__dict__
except TypeError as e:
    print(e)
# __code__ of another kind warns.
def A(): pass
def B(): yield
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    A.__code__ = B.__code__
    print([str(x.message) for x in w])
# Imported modules and exec'd code see the builtins dict as __builtins__.
g = {}
exec('x = 1', g)
print(type(g['__builtins__']).__name__, type(json.__builtins__).__name__, type(__builtins__).__name__)
g = {}
eval('1', g)
print(type(g['__builtins__']).__name__, json.loads.__builtins__ is json.__builtins__)
# An uninitialized module's __doc__ is the module type's.
m = types.ModuleType.__new__(types.ModuleType)
print(m.__doc__ == types.ModuleType.__doc__, type(types.ModuleType.__doc__).__name__, types.ModuleType('x').__doc__)
