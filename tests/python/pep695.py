# PEP 695/696 at runtime: type aliases, generic functions, type parameter
# objects with lazily evaluated bounds, constraints and defaults, and the
# _typing module. (Generic classes and subscription need typing.py.)
import _typing
from _typing import TypeVar, ParamSpec, TypeVarTuple, TypeAliasType, NoDefault

evaluated = []


def note(what, value):
    evaluated.append(what)
    return value


# type statements: the value is computed on first access, once.
type Alias = note("Alias value", (int, str))
print(type(Alias).__name__, Alias, Alias.__name__, Alias.__module__, Alias.__type_params__)
print("before access:", evaluated)
print(Alias.__value__, Alias.__value__ is Alias.__value__, evaluated)
print(Alias.__parameters__, repr(Alias), Alias.__reduce__())

type Gen[T, *Ts, **P] = (T, Ts, P)
T, Ts, P = Gen.__type_params__
# (__parameters__ shows *Ts as typing.Unpack[Ts], which needs typing.py.)
print(Gen.__type_params__)
print([type(p).__name__ for p in Gen.__type_params__])
print(Gen.__value__[0] is T)

type Undefined = no_such_name
try:
    Undefined.__value__
except NameError as e:
    print("NameError:", e)

# Type parameters made by the syntax: inferred variance, lazy bounds.
evaluated.clear()


def f[X: note("bound", int), Y: (note("constraints", str), bytes), Z = note("default", float)](a: X, b: Y) -> Z:
    return a


X, Y, Z = f.__type_params__
print(X, Y, Z, "evaluated so far:", evaluated)
print(X.__bound__, X.__constraints__, X.__default__, X.has_default())
print(Y.__bound__, Y.__constraints__, Y.__default__, Y.has_default())
print(Z.__bound__, Z.__constraints__, Z.__default__, Z.has_default())
print("evaluated:", evaluated)
print(X.__bound__ is X.__bound__, evaluated.count("bound"))
print(X.__covariant__, X.__contravariant__, X.__infer_variance__, X.__name__)
print(f.__annotations__)
print(f(1, "s"))


def plain():
    pass


print(plain.__type_params__)
plain.__type_params__ = (X,)
print(plain.__type_params__)
for bad in [[X], None]:
    try:
        plain.__type_params__ = bad
    except TypeError as e:
        print("TypeError:", e)


class Box:
    def method[M](self, x: M) -> M:
        return x


print(Box.method.__type_params__, Box().method(3))


def with_defaults[A = int, *B = note("tuple default", (str,)), **C = [bool]]():
    pass


A, B, C = with_defaults.__type_params__
print(A.__default__, B.__default__, C.__default__, [p.has_default() for p in (A, B, C)])
print(type(B).__name__, B.__name__, repr(B))

# Nested scopes: the type parameter is visible in the body and annotations.


def outer[O]():
    def inner(x: O) -> O:
        return x
    return inner, O


inner, O = outer()
print(inner.__annotations__["x"] is O, O)

# Direct construction.
t = TypeVar("T")
print(t, t.__name__, t.__module__, t.__bound__, t.__constraints__, t.__default__, t.has_default())
print(TypeVar("Co", covariant=True), TypeVar("Contra", contravariant=True),
      TypeVar("Inf", infer_variance=True))
print(TypeVar("D", default=None).__default__, TypeVar("D", default=3).has_default())
for make in [lambda: TypeVar("B", covariant=True, contravariant=True),
             lambda: TypeVar("B", covariant=True, infer_variance=True),
             lambda: TypeVar("B", int),
             lambda: TypeVar(1),
             lambda: TypeVar(),
             lambda: TypeVar("B", foo=1),
             lambda: ParamSpec("P", 1),
             lambda: TypeAliasType("A", int, type_params=[1]),
             lambda: TypeAliasType(1, int),
             lambda: type(NoDefault)(1)]:
    try:
        make()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

p = ParamSpec("P")
print(p, p.args, p.kwargs, p.args.__origin__ is p, p.args == p.args, p.args == ParamSpec("P").args)
print(type(p.args).__name__, type(p.kwargs).__name__, p.__bound__, p.__default__)
tvt = TypeVarTuple("Ts")
print(tvt, tvt.__default__, tvt.has_default(), TypeVarTuple("Ts", default=None).__default__)
alias = TypeAliasType("Direct", list, type_params=(t,))
print(alias, alias.__value__, alias.__type_params__, alias.__module__)
print(repr(NoDefault), type(NoDefault).__name__, type(NoDefault)() is NoDefault, NoDefault.__reduce__())
print(t.__reduce__(), p.__reduce__(), tvt.__reduce__())

# Type parameters cannot be subclassed, nor can their types.
for base in [t, p, tvt, p.args]:
    try:
        class Sub(base):
            pass
    except TypeError as e:
        print("TypeError:", e)
try:
    class SubT(TypeVar):
        pass
except TypeError as e:
    print("TypeError:", e)

print(type(t).__module__, type(t).__qualname__, _typing.Generic.__name__, _typing._idfunc(42))
print(sorted(n for n in dir(_typing) if not n.startswith("__")))

# The module of a syntax type parameter is the type's (typing); of one made
# by calling TypeVar, the caller's.
print(X.__module__, t.__module__)

# Non-default type parameters may not follow defaults.
try:
    compile("type A[T = int, *Ts] = 1\n", "<s>", "exec")
except SyntaxError as e:
    print("SyntaxError:", e.msg)

# PEP 560 __mro_entries__, which Generic[...] bases rely on.


class Entry:
    def __mro_entries__(self, bases):
        print("mro_entries got", len(bases), "bases")
        return (dict,)


class FromEntry(Entry(), int.__class__ and object):
    pass


print(FromEntry.__mro__, [b.__class__.__name__ for b in FromEntry.__orig_bases__])
print("__orig_bases__" in vars(dict))


class BadEntry:
    def __mro_entries__(self, bases):
        return [int]


try:
    class FromBad(BadEntry()):
        pass
except TypeError as e:
    print("TypeError:", e)

# Generic aliases of type aliases and of builtin containers.
type L[E] = list[E]
print(L[int], type(L[int]).__name__, L[int].__origin__ is L, L[int].__args__)
print(L.__value__, L.__value__.__args__[0] is L.__type_params__[0])
type NotGeneric = int
try:
    NotGeneric[int]
except TypeError as e:
    print("TypeError:", e)


def gf[E](x: list[E]) -> dict[str, E]:
    pass


print(gf.__annotations__)
