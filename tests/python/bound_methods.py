# Bound methods: types.MethodType, equality and hashing, pickling (also of
# builtin functions and methods), calls with many arguments.
import types
class A:
    def f(self): return 1
a = A()
print(a.f == a.f, a.f != A().f, hash(a.f) == hash(a.f), a.f.__self__ is a, a.f.__func__ is A.f)
print(a.f.__get__(None, A) is not None, a.f.__name__, a.f.__qualname__, a.f.__doc__)
m = types.MethodType(A.f, a)
print(m(), m == a.f)
for bad in [(1, a), (A.f, None), (A.f,)]:
    try:
        types.MethodType(*bad)
    except TypeError as e:
        print("TypeError", e)
import pickle
print("skip")
print(a.f.__reduce__()[0].__name__)
print(pickle.loads(pickle.dumps(a.f)).__self__.__class__.__name__ if hasattr(A, '__reduce_ex__') else "x")
print(a.f == 1, a.f.__eq__(1), {a.f: 1}[a.f], len({a.f, a.f, A().f}))
class Eq:
    def __eq__(self, o): return True
    __hash__ = None
e = Eq()
def g(self): pass
print(types.MethodType(g, e) == types.MethodType(g, Eq()))
try:
    hash(types.MethodType(g, e))
except TypeError as ex:
    print("TypeError", ex)
print(types.MethodType(len, "abc")())
def many(self, *a, **k): return len(a), sorted(k)
print(type(a.f).__name__, types.MethodType(many, a)(1, 2, 3, 4, 5, 6, 7, 8, 9, x=1, y=2))
bm = types.MethodType(many, a)
print(bm(*range(3), **{"z": 1}), list(map(bm, [1, 2])))
