from _functools import partial, reduce, cmp_to_key, _lru_cache_wrapper

def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

def f(*a, **k):
    return a, k

# partial
p = partial(f, 1, 'x', k=2)
print(p(3), p(3, k=5, z=0), p())
print(p.func is f, p.args, p.keywords)
q = partial(p, 3, z=1)
print(q.func is f, q.args, q.keywords, q(4))
show("no-args", lambda: partial())
show("not-callable", lambda: partial(5))
print(repr(partial(len, 'abc')), repr(partial(max, 1, default=0)))
class P(partial):
    pass
print(repr(P(len, [1])).startswith("__main__.P("), type(P(len)).__name__, P(len, 'ab')())
print(partial(f).keywords, partial(f).args)
red = p.__reduce__()
print(red[0] is partial, red[1][0] is f, red[2][1:])
p2 = partial(len)
p2.__setstate__((f, (9,), {'a': 1}, None))
print(p2(), p2.args)
show("bad-state", lambda: p2.__setstate__(5))
show("bad-state2", lambda: p2.__setstate__((1, 2, 3, 4)))
p.attr = 'x'
print(p.attr, p.__dict__)
show("readonly", lambda: setattr(p, 'func', len))
r = partial(f)
r.__setstate__((f, (r,), {}, None))
print(repr(r).endswith("...)"))
# keyword-only call through vectorcall paths
g = partial(f, 1)
print(g(2, x=3), partial(f)(x=1), partial(f, y=2)(1, x=3))
print(partial(pow, 2)(10), list(map(partial(int, base=2), ['101', '11'])))

# reduce
print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 1))
print(reduce(lambda a, b: a + b, [], 'init'), reduce(lambda a, b: a + b, 'abc'))
show("empty", lambda: reduce(lambda a, b: a, []))
show("noiter", lambda: reduce(lambda a, b: a, 5))
show("args", lambda: reduce(len))

# cmp_to_key
K = cmp_to_key(lambda a, b: (a > b) - (a < b))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
print(K(1) < K(2), K(2) <= K(2), K(3) == K(3), K(1) != K(1), K(5) > K(1), K(1) >= K(4))
print(K(7).obj, type(K(1)).__name__)
show("other", lambda: K(1) < 5)
show("hash", lambda: hash(K(1)))

# _lru_cache_wrapper
class Info(tuple):
    def __new__(cls, *a):
        return tuple.__new__(cls, a)
calls = []
def sq(x):
    calls.append(x)
    return x * x
c = _lru_cache_wrapper(sq, 2, False, Info)
print(c(2), c(2), c(3), c(4), c(2), c.cache_info(), calls)
c.cache_clear()
print(c.cache_info(), c(3), c.cache_info())
u = _lru_cache_wrapper(sq, None, False, Info)
for i in [1, 2, 1, 1, 3]:
    u(i)
print(u.cache_info())
z = _lru_cache_wrapper(sq, 0, False, Info)
z(1); z(1)
print(z.cache_info())
t = _lru_cache_wrapper(lambda x: type(x).__name__, 10, True, Info)
print(t(1), t(1.0), t(True), t.cache_info())
ut = _lru_cache_wrapper(lambda x: type(x).__name__, 10, False, Info)
print(ut(1), ut(1.0), ut.cache_info())
kw = _lru_cache_wrapper(f, 10, False, Info)
print(kw(1, a=2), kw(1, a=2), kw(1, b=2), kw.cache_info())
show("unhashable", lambda: kw([1]))
show("bad-func", lambda: _lru_cache_wrapper(5, 1, False, Info))
show("bad-maxsize", lambda: _lru_cache_wrapper(f, 'x', False, Info))
class A:
    m = _lru_cache_wrapper(lambda self, x: x + 1, 10, False, Info)
print(A().m(1), A.m is A.__dict__['m'], c.__copy__() is c, c.__deepcopy__({}) is c)
def fib(n):
    return n if n < 2 else cached_fib(n - 1) + cached_fib(n - 2)
cached_fib = _lru_cache_wrapper(fib, None, False, Info)
print(cached_fib(80), cached_fib.cache_info())
c.__wrapped__ = sq
print(c.__wrapped__ is sq, c.__dict__ == {'__wrapped__': sq})
