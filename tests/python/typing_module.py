# The typing module over our _typing: generics, type variables, special
# forms, protocols, TypedDict, NamedTuple, introspection helpers and the
# PEP 695 syntax working together with typing.py.
import typing
from typing import (
    Any, Annotated, Callable, ClassVar, Concatenate, Final, Generic, Literal,
    NamedTuple, NewType, Optional, ParamSpec, Protocol, TypedDict, TypeVar,
    TypeVarTuple, Union, Unpack, get_args, get_origin, get_type_hints,
    overload, runtime_checkable, cast, assert_never, TypeAlias, Self,
    NotRequired, Required, LiteralString, Never, TypeGuard, dataclass_transform,
    final, no_type_check, reveal_type, is_typeddict, get_overloads,
)
import collections.abc


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, "raised", type(e).__name__, e)


print("== TypeVar ==")
T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
N = TypeVar("N", bound=int)
S = TypeVar("S", str, bytes)
Co = TypeVar("Co", covariant=True)
Contra = TypeVar("Contra", contravariant=True)
Inf = TypeVar("Inf", infer_variance=True)
D = TypeVar("D", default=int)
print(T, N, S, Co, Contra, Inf, D)
print(T.__name__, T.__module__, T.__bound__, T.__constraints__)
print(N.__bound__, S.__constraints__, Co.__covariant__, Contra.__contravariant__)
print(Inf.__infer_variance__, D.__default__, D.has_default(), T.has_default())
print(T.__default__ is typing.NoDefault, repr(typing.NoDefault))
show("both", lambda: TypeVar("X", int, bound=str))
show("one constraint", lambda: TypeVar("X", int))
show("co+contra", lambda: TypeVar("X", covariant=True, contravariant=True))
show("no name", lambda: TypeVar())
show("subclass", lambda: type("X", (T,), {}))
print(T | None, None | T, T | int)
print(get_args(T | None), get_origin(T | None))
print(list[T], dict[K, V], list[T][int], dict[str, V][float])
print(T == T, T == TypeVar("T"), hash(T) == hash(T))
print(type(T).__name__, isinstance(T, TypeVar))
print(typing.TypeVar is type(T))
print(Optional[T], Union[T, int, None])

print("== Generic ==")


class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item

    def get(self) -> T:
        return self.item


print(Box, Box[int], Box[int].__origin__, Box[int].__args__)
print(Box.__parameters__, Box[int].__parameters__, Box[K].__parameters__)
b = Box[int](3)
print(b.get(), type(b).__name__, b.__orig_class__)
print(Box[int] == Box[int], Box[int] == Box[str], hash(Box[int]) == hash(Box[int]))
show("box too many", lambda: Box[int, str])
show("box none", lambda: Box[()])


class Pair(Generic[K, V]):
    pass


print(Pair[str, int], Pair[str, V], Pair[str, V][bytes])
show("pair few", lambda: Pair[int])


class IntBox(Box[int]):
    pass


print(IntBox.__orig_bases__, IntBox.__parameters__, IntBox.__mro__)


class Mixed(Box[T], Pair[K, V]):
    pass


print(Mixed.__parameters__)
show("generic not generic", lambda: Generic[int])
show("generic dup", lambda: type("Bad", (Generic[T, T],), {}))
show("Generic()", lambda: type(Generic()).__name__)
show("not all", lambda: type("Bad", (Box[T], Generic[K]), {}))


class WithDefault(Generic[T, D]):
    pass


print(WithDefault[str], WithDefault[str, bytes])


class Node(Generic[T]):
    def __init__(self, value: T, children: "list[Node[T]]" = None):
        self.value = value
        self.children = children or []


tree = Node(1, [Node(2), Node(3)])
print([c.value for c in tree.children])
print(get_type_hints(Node.__init__))

print("== ParamSpec and Concatenate ==")
P = ParamSpec("P")
print(P, P.args, P.kwargs, P.__name__, P.args.__origin__ is P)
print(type(P.args).__name__, type(P.kwargs).__name__)
print(P.args == P.args, P.kwargs == ParamSpec("P").kwargs)


def deco(f: Callable[P, T]) -> Callable[P, list[T]]:
    def inner(*args: P.args, **kwargs: P.kwargs) -> list[T]:
        return [f(*args, **kwargs)]

    return inner


@deco
def add(x: int, y: int) -> int:
    return x + y


print(add(2, 3))
print(Callable[P, T], Callable[P, T][[int, str], bool])
print(Callable[Concatenate[int, P], T])
print(Callable[Concatenate[int, P], T][[str], bytes])


class Fn(Generic[P, T]):
    pass


print(Fn[[int], str], Fn[..., str], Fn[int, str])
print(Fn[[int], str].__args__)

print("== TypeVarTuple ==")
Ts = TypeVarTuple("Ts")
print(Ts, Ts.__name__, list(iter(Ts)), Unpack[Ts], *Ts)


class Array(Generic[Unpack[Ts]]):
    pass


print(Array[int, str], Array[()], Array[int].__args__)
print(tuple[int, *Ts], tuple[int, *Ts][str, bytes])
show("ts subst", lambda: Ts.__typing_subst__(int))

print("== special forms ==")
print(Any, Optional[int], Union[int, str], Union[int, int], Union[int])
print(Union[int, Union[str, bytes]], Optional[Union[int, str]])
print(int | str, int | None, (int | str) == Union[int, str])
print(Literal[1, "a", None], Literal[1, 2] == Literal[2, 1])
print(get_args(Literal[1, 2, 1]), get_origin(Literal[1]))
print(ClassVar[int], Final[str], Annotated[int, "meta", 3])
print(get_args(Annotated[int, "meta"]), get_origin(Annotated[int, "m"]) is Annotated)
print(Annotated[int, "a"].__metadata__, Annotated[Annotated[int, 1], 2])
print(Callable[[int, str], bool], Callable[..., int], Callable[[], None])
print(get_args(Callable[[int], str]), get_origin(Callable[[int], str]))
print(typing.List[int], typing.Dict[str, int], typing.Tuple[int, ...])
print(typing.Set[T][int], typing.FrozenSet, typing.Type[int], typing.Iterable[str])
print(get_origin(typing.List[int]), get_args(typing.Dict[str, int]))
print(get_origin(list[int]), get_args(dict[str, list[int]]), get_origin(int))
print(TypeGuard[int], typing.TypeIs[int], Never, LiteralString, Self)
show("union bad", lambda: Union[1])
show("optional two", lambda: Optional[int, str])
show("literal call", lambda: Literal())
show("any call", lambda: Any())
show("classvar nested", lambda: ClassVar[ClassVar[int]])
show("isinstance union", lambda: isinstance(3, int | str))
show("isinstance Union", lambda: isinstance(3, Union[int, str]))
show("isinstance list[int]", lambda: isinstance([], list[int]))
show("isinstance List[int]", lambda: isinstance([], typing.List[int]))
print(isinstance([], typing.List), issubclass(list, typing.Sequence))
print(issubclass(dict, typing.Mapping), isinstance(3, typing.Hashable))

print("== NewType and cast ==")
UserId = NewType("UserId", int)
print(UserId, UserId(5), type(UserId(5)).__name__, UserId.__supertype__)
print(cast(int, "x"), cast("str", 3))
show("newtype subclass", lambda: type("X", (UserId,), {}))

print("== Protocol ==")


@runtime_checkable
class Closable(Protocol):
    def close(self) -> None: ...


class HasSize(Protocol):
    size: int

    def area(self) -> int: ...


class File:
    def close(self):
        return "closed"


print(Closable._is_runtime_protocol, Closable.__protocol_attrs__)
show("non-runtime isinstance", lambda: isinstance(File(), HasSize))
show("instantiate protocol", lambda: HasSize())


class Sized2(HasSize, Protocol):
    def extra(self) -> int: ...


class Impl(HasSize):
    size = 3

    def area(self):
        return self.size * 2


print(Impl().area(), Sized2._is_protocol, Impl._is_protocol)


@runtime_checkable
class SupportsLen(Protocol):
    def __len__(self) -> int: ...


print(SupportsLen.__protocol_attrs__, typing.SupportsInt.__protocol_attrs__)


class GenProto(Protocol[T]):
    def get(self) -> T: ...


print(GenProto[int], GenProto.__parameters__)

print("== TypedDict ==")


class Movie(TypedDict):
    title: str
    year: int


class Movie2(Movie, total=False):
    rating: float


class Movie3(TypedDict):
    name: Required[str]
    note: NotRequired[str]


m: Movie = {"title": "X", "year": 1}
print(m, type(m).__name__, Movie(title="a", year=2))
print(Movie.__required_keys__, Movie.__optional_keys__, Movie.__total__)
print(sorted(Movie2.__required_keys__), sorted(Movie2.__optional_keys__))
print(Movie3.__required_keys__, Movie3.__optional_keys__)
print(Movie.__annotations__, is_typeddict(Movie), is_typeddict(dict))
print(get_type_hints(Movie2))
Point = TypedDict("Point", {"x": int, "y": int})
print(Point(x=1, y=2), Point.__required_keys__ == {"x", "y"})
show("typeddict isinstance", lambda: isinstance({}, Movie))


class GenTD(TypedDict, Generic[T]):
    item: T


print(GenTD[int], GenTD.__parameters__)

print("== NamedTuple ==")


class Emp(NamedTuple):
    name: str
    id: int = 3

    def describe(self):
        return f"{self.name}#{self.id}"


e = Emp("guido")
print(e, e.describe(), e._fields, e._field_defaults, Emp.__annotations__)
print(e._replace(id=9), e._asdict(), Emp._make(["a", 1]))
print(isinstance(e, tuple), Emp.__mro__)
Emp2 = NamedTuple("Emp2", [("a", int), ("b", str)])
print(Emp2(1, "x"), Emp2.__annotations__)
show("nt default order", lambda: NamedTuple("X", [("a", int)], b=3))


class GenNT(NamedTuple, Generic[T]):
    value: T


print(GenNT[int], GenNT(5))

print("== annotations and get_type_hints ==")


class A:
    x: int
    y: "list[A]"
    z: ClassVar[int] = 3
    w: Optional["A"] = None


def func(a: int, b: "str" = "s", *args: T, c: Annotated[int, "meta"] = 1, **kw: float) -> "A":
    return A()


print(get_type_hints(A))
print(get_type_hints(func))
print(get_type_hints(func, include_extras=True))
print(func.__annotations__)


def no_hints(a, b):
    pass


print(get_type_hints(no_hints), get_type_hints(None.__class__))
show("bad forward ref", lambda: get_type_hints(type("Q", (), {"__annotations__": {"a": "Undefined"}})))
print(typing.ForwardRef("int"), typing.ForwardRef("int") == typing.ForwardRef("int"))

print("== overload ==")


@overload
def over(x: int) -> int: ...
@overload
def over(x: str) -> str: ...
def over(x):
    return x * 2


print(over(2), over("a"), len(get_overloads(over)))
show("overload direct", lambda: get_overloads(over)[0](1))


@final
class Leaf:
    pass


print(Leaf.__final__)


@no_type_check
def untyped(a: int) -> str:
    return a


print(untyped.__no_type_check__, get_type_hints(untyped))
print(reveal_type.__name__)
show("assert_never", lambda: assert_never(3))


@dataclass_transform()
def model(cls):
    return cls


print(model.__dataclass_transform__)

print("== PEP 695 ==")


class Stack[T]:
    def __init__(self) -> None:
        self.items: list[T] = []

    def push(self, item: T) -> None:
        self.items.append(item)


print(Stack.__type_params__, Stack.__parameters__, Stack[int])
print(Stack.__mro__, Stack.__orig_bases__)
(TT,) = Stack.__type_params__
print(type(TT).__name__, TT.__name__, TT.__module__, isinstance(TT, TypeVar))
s = Stack[int]()
s.push(3)
print(s.items, s.__orig_class__)


class Bounded[U: int, *Vs, **Q]:
    pass


U_, Vs_, Q_ = Bounded.__type_params__
print(U_, U_.__bound__, Vs_, Q_, type(Vs_).__name__, type(Q_).__name__)
print(Bounded[bool, str, bytes, [int]])


class Constrained[C: (str, bytes)]:
    pass


print(Constrained.__type_params__[0].__constraints__)


def first[X](xs: list[X]) -> X:
    return xs[0]


print(first([7, 8]), first.__type_params__, first.__annotations__)


def with_default[X = int, *Y = *tuple[int, ...], **Z = [str]](): pass


Xd, Yd, Zd = with_default.__type_params__
print(Xd.__default__, Yd.__default__, Zd.__default__)

type IntList = list[int]
type Pairish[A, B] = tuple[A, B]
type Rec = list[Rec] | int
print(IntList, IntList.__value__, IntList.__name__, IntList.__type_params__)
print(Pairish, Pairish.__type_params__, Pairish[int, str], Pairish[int, str].__args__)
print(Rec.__value__, type(IntList).__name__, IntList.__module__)
print(get_origin(Pairish[int, str]) is Pairish, get_args(Pairish[int, str]))
show("alias call", lambda: IntList())
show("alias subclass", lambda: type("X", (IntList,), {}))
show("alias no params", lambda: IntList[int])
TA = typing.TypeAliasType("TA", int | str, type_params=())
print(TA, TA.__value__, TA | None)


class Sub[T](Box[T]):
    pass


print(Sub.__orig_bases__, Sub.__parameters__, Sub[str])


class Proto695[T](Protocol):
    def get(self) -> T: ...


print(Proto695.__parameters__, Proto695[int])

print("== misc ==")
print(typing.TYPE_CHECKING, typing.AnyStr, typing.Text is str)
print(typing.get_protocol_members(Closable) if hasattr(typing, "get_protocol_members") else None)
print(typing.Sequence[int], typing.Mapping[str, int], typing.Generator[int, None, None])
print(collections.abc.Callable[[int], str], collections.abc.Iterable[int])
print(typing.IO, typing.TextIO, typing.BinaryIO.__mro__[1])
print(typing.Awaitable[int], typing.Coroutine[int, int, int], typing.AsyncIterator[int])
print(typing.OrderedDict[str, int], typing.DefaultDict[str, int], typing.Counter[str])
print(typing.Pattern, typing.Match[str])
print(sorted(n for n in ("TypeVar", "Generic", "Protocol") if n in typing.__all__))
print(typing.Literal["a"] | None, Optional[Literal[1]])
