# Instance dicts (also after variable-size bases), __weakref__, class
# keywords reaching __init_subclass__, metaclass dispatch from type(),
# __mro_entries__, type attributes, reversed(range).
class A:
    pass
a = A(); a.z = 1
print(a.__dict__, vars(a), a.__weakref__)
a.__dict__ = {'w': 2}
print(a.w)
try:
    a.__dict__ = 3
except TypeError as e:
    print('TypeError', e)
class I(int): pass
i = I(5); i.x = 3
print(i, i.x, i.__dict__, I(0).__dict__, I(2**100) + 1)
class T(tuple): pass
t = T((1, 2)); t.a = 1
print(t, t.__dict__)
class B(bytes): pass
b = B(b'xyz'); b.q = 1
print(b, b.__dict__)
class S:
    __slots__ = ('p',)
print(hasattr(S(), '__dict__'), '__weakref__' in S.__dict__)

class Base:
    def __init_subclass__(cls, /, flag=None, **kw):
        super().__init_subclass__(**kw)
        cls.flag = flag
class Sub(Base, flag='on'): pass
print(Sub.flag)
try:
    class Bad(Base, nope=1): pass
except TypeError as e:
    print('TypeError', e)

class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        ns['made_by'] = mcls.__name__
        return super().__new__(mcls, name, bases, ns)
class WithMeta(metaclass=Meta): pass
Dyn = type('Dyn', (WithMeta,), {})
print(type(Dyn).__name__, Dyn.made_by, list(WithMeta.__dict__)[:2])

class Entries:
    def __mro_entries__(self, bases):
        return (dict,)
class FromEntries(Entries()): pass
print(FromEntries.__bases__, FromEntries.__orig_bases__[0].__class__.__name__)

print(int.__base__, bool.__bases__, A.__base__, A.mro(), bool in int.__subclasses__())
A.__name__ = 'Renamed'; A.__qualname__ = 'Q.Renamed'; A.__module__ = 'mod'
print(A, A.__name__, A.__qualname__)
try:
    A.__name__ = 5
except TypeError as e:
    print('TypeError', e)
try:
    int.__module__ = 'x'
except TypeError as e:
    print('TypeError', e)
print(list(reversed(range(5))), list(reversed(range(1, 10, 3))), list(reversed(range(0))),
      list(reversed(range(10, 0, -4))), list(reversed(range(2**70, 2**70 + 2))))
print(object.__sizeof__(A()) > 0, object.__init_subclass__() is None,
      object.__subclasshook__(int) is NotImplemented)
