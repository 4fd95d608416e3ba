from _collections import defaultdict, _count_elements, _tuplegetter

def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

d = defaultdict(list)
d['a'].append(1); d['a'].append(2); d['b']
print(d, len(d), d.default_factory, isinstance(d, dict))
print(d['zz'], 'zz' in d, d.get('nope'), 'nope' in d)
e = defaultdict()
print(e, e.default_factory)
show("missing-none", lambda: e['x'])
show("bad-factory", lambda: defaultdict(5))
f = defaultdict(int, {'x': 1}, y=2)
f['z'] += 3
print(sorted(f.items()), repr(defaultdict(None, a=1)))
c = f.copy(); print(type(c).__name__, c == f, c is f, c.default_factory)
c2 = f.__copy__(); print(c2)
print(f.__reduce__()[:2], sorted(f.__reduce__()[4]))
f.default_factory = str
print(f['new'] == '', f)
u = defaultdict(int, a=1) | {'b': 2}
print(u, type(u).__name__)
u2 = {'c': 3} | defaultdict(list, a=1)
print(u2, type(u2).__name__)
u |= {'q': 9}
print(u)
print(defaultdict(int).__or__([1]))
class DD(defaultdict):
    pass
dd = DD(lambda: 42)
print(dd[1], type(dd.copy()).__name__)
r = defaultdict(list)
r.default_factory = r.copy
print(repr(r).startswith('defaultdict(<built-in method copy of collections.defaultdict object at'))
rr = defaultdict(None)
rr['self'] = rr
print(rr)
print(defaultdict.__module__, defaultdict.__name__, defaultdict.__mro__[1].__name__)
show("missing-direct", lambda: defaultdict(int).__missing__('k'))

# _count_elements
m = {}
_count_elements(m, 'abracadabra')
print(sorted(m.items()))
class M(dict):
    def get(self, k, default=None):
        return dict.get(self, k, default)
m2 = M(a=5)
_count_elements(m2, 'aab')
print(sorted(m2.items()))
show("count-bad", lambda: _count_elements({}, 5))

# _tuplegetter
class P(tuple):
    x = _tuplegetter(0, 'first')
    y = _tuplegetter(1, 'second')
p = P((3, 4))
print(p.x, p.y, P.x.__doc__, type(P.x).__name__)
P.x.__doc__ = 'changed'
print(P.x.__doc__, P.x.__reduce__())
show("tg-set", lambda: setattr(p, 'x', 1))
show("tg-del", lambda: delattr(p, 'x'))
show("tg-short", lambda: P((1,)).y)
class Q:
    z = _tuplegetter(0, None)
show("tg-notuple", lambda: Q().z)
