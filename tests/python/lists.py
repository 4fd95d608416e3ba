# list and tuple from Python: every slice shape read, assigned and deleted,
# dunder methods, iterators, subclasses, identity-before-equality.
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
base = list(range(10))
for start in (None, -12, -3, 0, 2, 9, 15):
    for stop in (None, -12, -2, 0, 5, 15):
        for step in (None, -3, -1, 1, 2):
            s = slice(start, stop, step)
            a = base[:]
            t(lambda: (a[s], tuple(base)[s]))
            n = len(a[s])
            a[s] = [100 + i for i in range(n)]
            b = base[:]
            del b[s]
            print(a, b)
a = [1, 2, 3]
a[1:1] = [9, 9]
print(a)
a[:] = a
print(a)
a[::-1] = a
print(a)
t(lambda: a.__setitem__(slice(None, None, 2), [1]))
t(lambda: a.__setitem__(slice(0, 2), 5))
t(lambda: a.__getitem__(1.5))
t(lambda: a.__setitem__(1.5, 0))
t(lambda: a.__delitem__('x'))
t(lambda: [].insert(0, 1) or 'inserted')
t(lambda: [1, 2].index(2, -1))
t(lambda: [1, 2].index(1, 1))
t(lambda: [1, 2].pop(-3))
t(lambda: [].sort(key=len, reverse=1))
t(lambda: [3, 2].sort(reverse=None))
t(lambda: list(range(3)) * -1)
t(lambda: [0] * 3 + [1])
t(lambda: (0,) * 2 + (1,))
t(lambda: (1, 2) * True)
t(lambda: [1, 2].__mul__(2))
t(lambda: [1, 2].__rmul__(2))
t(lambda: [1, 2].__add__((3,)))
t(lambda: [1].__iadd__((2,)))
t(lambda: [1].__imul__(3))
t(lambda: [1, 2].__contains__(2))
t(lambda: [1, 2].__len__())
t(lambda: [1, 2].__eq__((1, 2)))
t(lambda: [1, 2].__lt__([1, 3]))
t(lambda: (1, 2).__lt__([1, 3]))
t(lambda: list.__hash__)
t(lambda: tuple.__hash__((1,)) == hash((1,)))
t(lambda: [1, 2, 3].__reversed__().__length_hint__())
it = iter([1, 2, 3]); next(it)
t(lambda: it.__length_hint__())
t(lambda: list(it))
t(lambda: list(it))
t(lambda: tuple(iter((1, 2))))
class L(list): pass
class T(tuple): pass
t(lambda: L([1, 2]))
t(lambda: type(L([1]) + [2]).__name__)
t(lambda: T((1, 2)))
t(lambda: type(T((1,))[:]).__name__)
t(lambda: T(x for x in 'ab'))
t(lambda: isinstance(T(), tuple))
t(lambda: L('abc').pop())
t(lambda: sorted(L([3, 1, 2])))
t(lambda: [[]] == [[]])
t(lambda: [float('nan')] == [float('nan')])
n = float('nan')
t(lambda: [n] == [n])
t(lambda: (n,) == (n,))
t(lambda: [n].count(n))
t(lambda: [n].index(n))
t(lambda: n in [n])
