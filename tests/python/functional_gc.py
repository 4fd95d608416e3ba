# Cycles through the functional modules' objects are collected.
import gc
from _collections import deque, defaultdict
from _functools import partial
from itertools import cycle, chain, tee, groupby

freed = []

class It:
    """An iterator the collector can see through."""
    def __init__(self, items):
        self.items = items
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= len(self.items):
            raise StopIteration
        self.i += 1
        return self.items[self.i - 1]

class Tracked:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        freed.append(self.name)

def make_cycles():
    d = deque([Tracked("deque")]); d.append(d)
    dd = defaultdict(list); dd['self'] = dd; dd['t'] = Tracked("defaultdict")
    t = Tracked("partial"); t.p = partial(print, t)
    cl = [Tracked("cycle")]; c = cycle(It(cl)); cl.append(c); next(c)
    src = [Tracked("tee")]; a, b = tee(It(src)); src.append(a); next(a)
    ch = [Tracked("chain")]; ch.append(chain.from_iterable(It([ch])))
    gl = [Tracked("groupby"), 1]; g = groupby(It(gl)); gl.append(g); k, grp = next(g)
    class P(partial):
        pass
    t2 = Tracked("partial-subclass"); pp = P(print, t2); pp.me = pp; t2.pp = pp

gc.collect()
make_cycles()
n = gc.collect()
print("collected something:", n > 0)
print(sorted(freed))
