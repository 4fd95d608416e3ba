from _collections import deque

def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

d = deque([1, 2, 3])
d.append(4); d.appendleft(0)
print(d, len(d), d[0], d[-1], d[2], bool(d), bool(deque()))
print(d.pop(), d.popleft(), d)
d.extend('ab'); d.extendleft('xy')
print(d, d.count('a'), d.index(2), d.index('a', 2), d.index(2, -6, -1))
show("index-missing", lambda: d.index(99))
show("index-range", lambda: d.index(1, 3))
show("index-bad", lambda: d.index(1, 'a'))
d.remove('a'); print(d)
show("remove-missing", lambda: d.remove('zz'))
d.insert(2, 'I'); d.insert(-1, 'J'); d.insert(100, 'K'); d.insert(-100, 'L')
print(d)
d.rotate(); print(d)
d.rotate(-3); print(d)
d.rotate(100); print(d)
d.reverse(); print(d)
d[0] = 'first'; del d[1]; print(d)
show("getitem-oob", lambda: d[100])
show("getitem-slice", lambda: d[1:2])
show("setitem-oob", lambda: d.__setitem__(-100, 1))
show("pop-empty", lambda: deque().pop())
show("popleft-empty", lambda: deque().popleft())
print('K' in d, 'nope' in d)
d.clear(); print(d, len(d))
# maxlen
m = deque(range(10), maxlen=3)
print(m, m.maxlen, deque().maxlen)
m.append(10); print(m)
m.appendleft(-1); print(m)
m.extend(range(5)); print(m)
m.extendleft('ab'); print(m)
show("insert-full", lambda: m.insert(0, 1))
show("maxlen-neg", lambda: deque(maxlen=-1))
show("maxlen-str", lambda: deque(maxlen='a'))
z = deque('abc', maxlen=0); z.append(1); print(z)
# copy, concat, repeat
c = m.copy(); print(c, c is m, c == m, c.maxlen)
print(m.__copy__(), type(m.__copy__()).__name__)
print(deque([1, 2]) + deque([3]), deque([1, 2]) * 2, 2 * deque('ab'), deque('ab') * 0)
show("concat-list", lambda: deque([1]) + [2])
e = deque([1, 2]); e += [3, 4]; print(e)
e *= 2; print(e)
f = deque('abc', maxlen=4); f *= 3; print(f)
print(deque([1, 2], maxlen=2) + deque([3]))
# comparisons
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) != deque([1, 3]), deque([1]) < deque([1, 2]))
print(deque([2]) > deque([1, 5]), deque([1, 2]) <= deque([1, 2]), deque([1]) == [1])
show("lt-list", lambda: deque([1]) < [1])
show("hash", lambda: hash(deque()))
# iteration
d = deque(range(5))
print(list(d), list(reversed(d)), list(iter(d)))
it = iter(d); next(it)
print(it.__length_hint__(), type(it).__name__, type(reversed(d)).__name__)
d.append(9)
show("mutated", lambda: next(it))
d2 = deque(range(3))
for x in d2:
    pass
try:
    for x in d2:
        d2.append(x)
except RuntimeError as e:
    print("RuntimeError", e)
# repr recursion and subclass
r = deque([1]); r.append(r); print(r)
class D(deque):
    pass
s = D([1, 2], maxlen=5)
print(s, type(s.copy()).__name__, s.copy().maxlen, isinstance(s, deque))
print(type(s + deque([3])).__name__)
# extend with itself
d = deque([1, 2]); d.extend(d); print(d)
d = deque([1, 2]); d.extendleft(d); print(d)
# __init__ again
d = deque([1, 2, 3]); d.__init__('ab'); print(d)
print(deque.__module__, deque.__name__)
# pickling protocol pieces
d = deque([1, 2], maxlen=4)
red = d.__reduce__()
print(red[0].__name__, red[1], red[2], list(red[3]))
# count mutating
class Evil:
    def __eq__(self, other):
        dd.clear()
        return False
dd = deque([Evil(), 1])
show("count-mutate", lambda: dd.count(1))
