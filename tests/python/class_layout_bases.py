# Which base gives a class its instance layout (best_base/solid_base):
# __slots__ make a layout, __dict__ and __weakref__ do not.
class A:
    __slots__ = ('a', 'b')
class B(A):
    pass
class C:
    __slots__ = ('c',)
class D:
    pass
class E(D): pass
class F(E, D): pass
# Classes with __dict__/__weakref__ differ in __basicsize__: CPython 3.12+
# keeps those two before the object header, ferrython inside it.
for cls in (int, object, A, C):
    print(cls.__name__, cls.__basicsize__, cls.__itemsize__)
for cls in (int, object, A, B, D, E, F):
    print(cls.__name__, cls.__dictoffset__ != 0, cls.__weakrefoffset__ != 0, cls.__flags__ & (1 << 9) != 0)
# pathlib's classes: Path derives from PathBase (no slots of its own) and
# PurePath (slots); instances must have PurePath's layout.
import pathlib
q = pathlib.Path("/tmp") / "sub"
for name in ("_raw_paths", "_drv", "_str", "_hash"):
    try:
        print(name, repr(getattr(q, name)))
    except AttributeError:
        print(name, "unset")
print(str(q), q.__fspath__(), pathlib.PosixPath.__base__.__name__)
for bases in [(A, C), (B, C), (D, A), (A, D), (int, D), (int, str), (list, dict), (E, A), (F, B)]:
    try:
        t = type("X", bases, {})
        print([b.__name__ for b in bases], t.__base__.__name__)
    except TypeError as e:
        print([b.__name__ for b in bases], "TypeError", e)
class I1(int): pass
class I2(int): pass
try:
    class I3(I1, I2): pass
    print("I3 ok", I3.__base__.__name__)
except TypeError as e:
    print("TypeError", e)
class S1: __slots__ = ('x',)
class S2(S1): __slots__ = ('y',)
class S3(S1): pass
try:
    class S4(S2, S3): pass
    print("S4", S4.__base__.__name__)
except TypeError as e:
    print("TypeError", e)
