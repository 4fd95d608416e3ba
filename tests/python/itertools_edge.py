# Reentrancy, errors from the sources, laziness and exhaustion.
from itertools import (chain, groupby, islice, tee, product, accumulate, cycle,
                       zip_longest, starmap, pairwise, batched, count)

def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

def gen_err(n):
    yield from range(n)
    raise KeyError('boom')

show("chain-err", lambda: list(chain([0], gen_err(2))))
show("accumulate-err", lambda: list(accumulate([1, 'a'])))
show("starmap-err", lambda: list(starmap(len, [1])))
show("pairwise-err", lambda: list(pairwise(gen_err(3))))
show("batched-err", lambda: list(batched(gen_err(3), 2)))
show("product-noniter", lambda: product(1))
show("cycle-noniter", lambda: cycle(5))

# tee re-entrancy
def reent():
    yield 1
    yield next(t[0])
t = tee(reent(), 2)
show("tee-reenter", lambda: list(t[0]))

# groupby: an old grouper is dead once the parent advances
g = groupby('aaabbb')
_, first = next(g)
_, second = next(g)
print(list(first), list(second))
# exhausted iterators stay exhausted
it = islice('abc', 2)
print(list(it), list(it))
z = zip_longest([1], [])
print(list(z), list(z))
c = chain('a')
print(list(c), list(c))
# laziness: islice does not over-consume
src = iter(range(10))
print(list(islice(src, 2, 4)), list(src))
# large counts
c = count(10**20, 10**19)
print(next(c), next(c))
print(list(islice(count(-2), 4)))
# tee of a tee copies
a, = tee([1, 2, 3], 1)
b, c2 = tee(a)
print(list(b), list(c2))
# a weak reference to a tee object
import sys
print(list(zip_longest('ab', 'c', 'def', fillvalue=0)))
print(list(product('ab', repeat=0)))
