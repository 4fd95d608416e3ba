# Special methods used by builtins (bytes, reversed, list's length hint,
# sys.getsizeof, dict's __missing__, complex, round, pickling's
# __getnewargs__) are looked up on the type and bound by their descriptor,
# never through __getattribute__/__getattr__; comparison slots treat a
# failing __get__ as a missing method; object.__init__'s messages.
import math
import pickle
import sys
def run_context(manager):
    with manager:
        pass
def iden(self): return self
def hello(self): return b"hello"
def empty_seq(self): return []
def zero(self): return 0
def complex_num(self): return 1j
def stop(self): raise StopIteration
def return_true(self, thing=None): return True
def do_isinstance(obj): return isinstance(int, obj)
def do_issubclass(obj): return issubclass(int, obj)
def do_dict_missing(checker):
    class DictSub(checker.__class__, dict): pass
    assert DictSub()["hi"] == 4
def some_number(self_, key): return 4
def swallow(*args): pass
def format_impl(self, spec): return "hello"
specials = [
    ("__bytes__", bytes, hello, set(), {}),
    ("__reversed__", reversed, empty_seq, set(), {}),
    ("__length_hint__", list, zero, set(), {"__iter__" : iden, "__next__" : stop}),
    ("__sizeof__", sys.getsizeof, zero, set(), {}),
    ("__instancecheck__", do_isinstance, return_true, set(), {}),
    ("__missing__", do_dict_missing, some_number, set(("__class__",)), {}),
    ("__subclasscheck__", do_issubclass, return_true, set(("__bases__",)), {}),
    ("__enter__", run_context, iden, set(), {"__exit__" : swallow}),
    ("__exit__", run_context, swallow, set(), {"__enter__" : iden}),
    ("__complex__", complex, complex_num, set(), {}),
    ("__format__", format, format_impl, set(), {}),
    ("__floor__", math.floor, zero, set(), {}),
    ("__trunc__", math.trunc, zero, set(), {}),
    ("__ceil__", math.ceil, zero, set(), {}),
    ("__dir__", dir, empty_seq, set(), {}),
    ("__round__", round, zero, set(), {}),
]
class Fail(Exception): pass
class Checker(object):
    def __getattr__(self, attr):
        raise Fail("__getattr__ called with {0}".format(attr))
    def __getattribute__(self, attr):
        if attr not in ok:
            raise Fail("__getattribute__ called with {0}".format(attr))
        return object.__getattribute__(self, attr)
class SpecialDescr(object):
    def __init__(self, impl): self.impl = impl
    def __get__(self, obj, owner):
        record.append(1)
        return self.impl.__get__(obj, owner)
class MyException(Exception): pass
class ErrDescr(object):
    def __get__(self, obj, owner): raise MyException
for name, runner, meth_impl, ok, env in specials:
    res = []
    class X(Checker): pass
    for attr, obj in env.items(): setattr(X, attr, obj)
    setattr(X, name, meth_impl)
    try: runner(X()); res.append("ok")
    except Exception as e: res.append(f"{type(e).__name__}: {e}")
    record = []
    class X(Checker): pass
    for attr, obj in env.items(): setattr(X, attr, obj)
    setattr(X, name, SpecialDescr(meth_impl))
    try: runner(X()); res.append("ok" if record == [1] else f"record {record}")
    except Exception as e: res.append(f"{type(e).__name__}: {e}")
    class X(Checker): pass
    for attr, obj in env.items(): setattr(X, attr, obj)
    setattr(X, name, ErrDescr())
    try: runner(X()); res.append("no raise")
    except MyException: res.append("ok")
    except Exception as e: res.append(f"{type(e).__name__}: {e}")
    print(name, res)


class Picky:
    def __getstate__(self):
        return {}

    def __getattr__(self, attr):
        if attr in ("__getnewargs__", "__getnewargs_ex__"):
            raise AssertionError(attr)
        return None


for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    r = Picky().__reduce_ex__(proto)
    print(proto, len(r), r[2] if proto >= 2 else r[1][0].__name__)


def t(f, *a, **k):
    try:
        r = f(*a, **k)
        print("ok", type(r).__name__)
    except Exception as e:
        print(type(e).__name__, e)


class C:
    pass


t(C, 42)
t(object.__init__, C(), 5)
t(object.__init__, object(), 5)
t(C().__init__, 1)


def booh(self):
    raise AttributeError("booh")


class E2:
    __eq__ = property(booh)
    __lt__ = property(booh)


t(lambda: E2() == E2())
t(lambda: E2() != E2())
t(lambda: E2() < E2())


class WrongSlot(int):
    __eq__ = str.__eq__


t(lambda: WrongSlot() == WrongSlot())


class Base:
    pass


class Exception2(Base, Exception):
    pass


for ExceptionType in Exception, Exception2:
    e = ExceptionType()
    e.__dict__ = {"a": 1}
    print(e.a)


class Meta1(type, Base):
    pass


class D(metaclass=Meta1):
    pass


t(Base.__dict__["__dict__"].__set__, D, {})
t(lambda: Base.__dict__["__dict__"].__get__(D)["__module__"])
