import itertools
from itertools import (count, cycle, repeat, accumulate, batched, chain, compress,
                       dropwhile, filterfalse, groupby, islice, pairwise, starmap,
                       takewhile, tee, zip_longest, product, permutations,
                       combinations, combinations_with_replacement)

def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

# count
c = count()
print(next(c), next(c), repr(c))
print(list(islice(count(10, 3), 4)), repr(count(5, 2)), repr(count(1.5)))
print(list(islice(count(0.5, 0.25), 3)), repr(count(2, 1.0)))
c = count(2**63 - 2)
print(next(c), next(c), next(c), repr(c))
show("count-str", lambda: count('a'))
print(list(islice(count(start=3, step=-1), 3)))
# cycle
print(list(islice(cycle('abc'), 7)), list(cycle([])))
# repeat
r = repeat('x', 3)
print(r, r.__length_hint__(), list(r), r.__length_hint__(), repr(r))
print(list(repeat(1, -2)), list(islice(repeat(None), 2)), repr(repeat([1])))
show("repeat-hint", lambda: repeat(1).__length_hint__())
print(list(repeat(object=7, times=2)))
# accumulate
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], initial=10)))
print(list(accumulate([3, 1, 4, 1, 5], max)), list(accumulate([], initial=0)))
print(list(accumulate('abc')), list(accumulate([1, 2], func=lambda a, b: a * 10 + b)))
# batched
print(list(batched('abcdefg', 3)), list(batched([], 2)))
show("batched-strict", lambda: list(batched('abcde', 2, strict=True)))
show("batched-zero", lambda: batched('ab', 0))
print(list(batched(range(4), n=2, strict=True)))
# chain
print(list(chain('ab', [1, 2], ())), list(chain.from_iterable(['xy', 'z'])))
show("chain-kw", lambda: chain(a=1))
show("chain-bad", lambda: list(chain([1], 5)))
# compress
print(list(compress('ABCDEF', [1, 0, 1, 0, 1, 1])), list(compress(data='ab', selectors=[0, 1])))
# dropwhile / takewhile / filterfalse
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 3, 8])))
print(list(takewhile(lambda x: x < 5, [1, 4, 6, 3, 8])))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, '', 'a'])))
# groupby
print([(k, list(g)) for k, g in groupby('AAAABBBCCDAABBB')])
print([k for k, g in groupby('AAAABBBCCD')])
print([(k, list(g)) for k, g in groupby([1, 2, 3, 4, 5, 6], key=lambda x: x // 3)])
gb = groupby('aabb')
k1, g1 = next(gb)
k2, g2 = next(gb)
print(k1, list(g1), k2, list(g2))
# islice
print(list(islice('ABCDEFG', 2)), list(islice('ABCDEFG', 2, 4)), list(islice('ABCDEFG', 2, None)))
print(list(islice('ABCDEFG', 0, None, 2)), list(islice(range(10), 1, 8, 3)))
show("islice-neg", lambda: islice('abc', -1))
show("islice-start", lambda: islice('abc', 'x', 2))
show("islice-step", lambda: islice('abc', 0, 2, 0))
show("islice-args", lambda: islice('abc'))
it = iter(range(10))
print(list(islice(it, 3)), next(it))
# pairwise
print(list(pairwise('ABCDE')), list(pairwise('A')), list(pairwise('')))
# starmap
print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])), list(starmap(max, [[1, 5], [7, 2]])))
# tee
a, b = tee(iter([1, 2, 3]))
print(next(a), list(b), list(a))
print(tee('abc', 0), len(tee('abc', 3)))
t1, t2, t3 = tee(range(100), 3)
print(sum(t1), list(islice(t2, 60, 62)), len(list(t3)))
c = t2.__copy__()
print(next(c), next(t2))
show("tee-neg", lambda: tee('a', -1))
print(type(a).__name__, type(tee('ab')[0]).__name__)
# zip_longest
print(list(zip_longest('ABCD', 'xy', fillvalue='-')), list(zip_longest()))
print(list(zip_longest([1, 2], [3])))
try:
    zip_longest('a', fill=1)
except TypeError as e:
    print("zl-kw", type(e).__name__)
# product
print(list(product('AB', 'xy')), list(product(range(2), repeat=3))[:4], list(product()))
print(list(product('ab', [])), len(list(product('abc', repeat=2))))
show("product-neg", lambda: product('a', repeat=-1))
# permutations
print(list(permutations('ABC', 2)), len(list(permutations(range(4)))))
print(list(permutations([1, 2, 3])), list(permutations('ab', 3)), list(permutations('ab', 0)))
show("perm-r", lambda: permutations('abc', 'x'))
show("perm-neg", lambda: permutations('abc', -1))
# combinations
print(list(combinations('ABCD', 2)), list(combinations(range(4), 3)), list(combinations('ab', 3)))
print(list(combinations('abc', 0)))
show("comb-neg", lambda: combinations('abc', -1))
print(list(combinations_with_replacement('ABC', 2)), list(combinations_with_replacement('', 2)))
print(list(combinations_with_replacement('', 0)))
# subclassing
class MyCount(count):
    pass
m = MyCount(3)
print(next(m), repr(m), isinstance(m, count))
class MyChain(chain):
    def __init__(self, *a):
        self.extra = len(a)
mc = MyChain('ab', 'c')
print(list(mc), mc.extra, type(MyChain.from_iterable(['x'])).__name__)
print(count.__module__, count.__name__, type(iter(count())) is count)
print(sorted(n for n in dir(itertools) if not n.startswith('__')))
