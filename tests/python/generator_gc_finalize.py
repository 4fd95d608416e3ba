# A suspended generator in an unreachable cycle is closed by the collector
# (its tp_finalize) before the cycle is broken, so its finally block still
# sees its locals and the values its frame holds; coroutines that never
# ran warn, async generators go to the finalizer hook, and a generator its
# finally block resurrects is not cleared.
import gc
import sys
import warnings


def gen():
    me = yield
    items = [1, 2]
    try:
        for x in items:
            yield x
    finally:
        print("finally", items, x, me is not None)


g = gen()
next(g)
g.send(g)
del g
gc.collect()
print("after first collect")

saved = []


def resurrecting():
    me = yield
    data = {"k": [me]}
    try:
        yield 1
    finally:
        saved.append(data)
        print("resurrecting finally")


g = resurrecting()
next(g)
g.send(g)
del g
gc.collect()
print(len(saved), list(saved[0]), saved[0]["k"][0].gi_suspended)
saved.clear()
gc.collect()


class Holder:
    pass


async def coro(h):
    return h


h = Holder()
h.c = coro(h)
del h
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    gc.collect()
print([str(x.message) for x in w])

events = []
sys.set_asyncgen_hooks(finalizer=lambda a: events.append(a.__name__))


async def agen(box):
    me = box[0]
    try:
        yield me is not None
    finally:
        events.append("agen finally")


box = []
a = agen(box)
box.append(a)
try:
    a.__anext__().send(None)
except StopIteration as e:
    print("first", e.value)
del a, box
gc.collect()
print(events)
sys.set_asyncgen_hooks(None, None)
