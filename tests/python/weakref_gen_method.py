# Generators, coroutines, async generators and bound methods take weak
# references, cleared (callbacks run) when they are freed.
import gc
import weakref


def gen():
    yield 1


async def coro():
    pass


async def agen():
    yield 1


class C:
    def m(self):
        pass


dead = []
for make in (gen, coro, agen, lambda: C().m):
    o = make()
    r = weakref.ref(o, lambda ref, n=type(o).__name__: dead.append(n))
    print(type(o).__name__, r() is o)
    if type(o).__name__ == "coroutine":
        o.close()
    del o
    gc.collect()
    print(r())
print(dead)
g = gen()
p = weakref.proxy(g)
print(next(p), list(p))
m = C().m
print(weakref.WeakMethod(m)() == m)
