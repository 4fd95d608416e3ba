import abc, _abc
print(abc.ABCMeta.__module__, type(abc.ABC))
class Base(abc.ABC):
    @abc.abstractmethod
    def f(self): ...
    @abc.abstractmethod
    def g(self): ...
print(sorted(Base.__abstractmethods__))
try:
    Base()
except TypeError as e:
    print("TypeError", e)
class Half(Base):
    def f(self): return 1
try:
    Half()
except TypeError as e:
    print("TypeError", e)
class Full(Half):
    def g(self): return 2
print(Full().f(), Full().g(), isinstance(Full(), Base), issubclass(Full, Base))
class Other: pass
print(isinstance(Other(), Base), issubclass(Other, Base))
Base.register(Other)
print(isinstance(Other(), Base), issubclass(Other, Base), issubclass(Other, Half))
class Hook(abc.ABC):
    @classmethod
    def __subclasshook__(cls, C):
        return True if hasattr(C, 'quack') else NotImplemented
class Duck:
    def quack(self): pass
print(issubclass(Duck, Hook), isinstance(Duck(), Hook), issubclass(int, Hook))
tok = abc.get_cache_token()
Hook.register(int)
print(abc.get_cache_token() > tok, issubclass(int, Hook), issubclass(bool, Hook))
try:
    Hook.register(3)
except TypeError as e:
    print("TypeError", e)
class Cyc(abc.ABC): pass
class Sub(Cyc): pass
try:
    Sub.register(Cyc)
except RuntimeError as e:
    print("RuntimeError", e)
reg, cache, neg, ver = _abc._get_dump(Hook)
print(len(reg), type(cache).__name__, isinstance(ver, int))
print(Cyc.__subclasses__() == [Sub], int.__subclasses__())
print(type.__subclasses__(type)[:0], Base.__instancecheck__(Full()))
import copyreg
class P:
    def __init__(self): self.a = 1; self.b = [2]
p = P()
r = p.__reduce_ex__(2)
print(r[0] is copyreg.__newobj__, r[1] == (P,), r[2], r[3:])
class S:
    __slots__ = ('x', 'y')
s = S(); s.x = 5
print(s.__reduce_ex__(4)[2], object().__reduce_ex__(2)[1:3])
print(p.__getstate__(), object().__getstate__())
import _collections_abc as cabc
class MySeq:
    def __len__(self): return 2
    def __getitem__(self, i): return 'ab'[i]
cabc.Sequence.register(MySeq)
cabc.Sequence.register(bytes)
def kind(x):
    match x:
        case [a, b]: return 'sequence of two'
        case _: return 'other'
print(kind(MySeq()), kind(b'xx'), kind([1, 2]))
