# The cycle collector and the gc module: cycles through instances, lists,
# dicts, closures, classes and tracebacks are freed; __del__ runs once
# (PEP 442), also for resurrected objects; gc module API and errors.
import gc

print(gc.isenabled(), gc.get_threshold())
gc.collect()

log = []

class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        log.append(self.name)

# A self-referencing instance, a two-instance cycle, a cycle through a list.
a = Node("self"); a.me = a
b = Node("b"); c = Node("c"); b.other = c; c.other = b
d = Node("list"); d.items = [1, d]
del a, b, c, d
print("before collect:", sorted(log))
n = gc.collect()
print("collected:", n >= 4, sorted(log))

# Objects not in a cycle are freed by reference counting alone.
log.clear()
e = Node("plain")
del e
print("refcount:", log)

# Closures: a recursive inner function is a cycle through its cell.
def make():
    token = Node("closure")
    def inner():
        return inner, token
    return inner
f = make()
log.clear()
del f
gc.collect()
print("closure:", log)

# A class whose method refers back to it, and its instances.
def make_class():
    class K:
        def m(self):
            return K
    k = K(); k.self = k
    k.node = Node("class")
    return k
log.clear()
make_class()
gc.collect()
print("class:", log)

# A traceback cycle: the frame's locals hold the exception.
def fail():
    node = Node("traceback")
    try:
        raise ValueError("x")
    except ValueError as exc:
        err = exc
    return None
log.clear()
fail()
gc.collect()
print("traceback:", log)

# Resurrection: __del__ stores self; the object survives, __del__ does not
# run again when it finally dies.
saved = []
class Phoenix:
    calls = 0
    def __del__(self):
        Phoenix.calls += 1
        saved.append(self)
p = Phoenix(); p.me = p
del p
gc.collect()
print("resurrected:", len(saved), Phoenix.calls, gc.is_finalized(saved[0]))
saved.clear()
gc.collect()
print("calls after death:", Phoenix.calls)

# DEBUG_SAVEALL keeps garbage in gc.garbage instead of freeing it.
gc.set_debug(gc.DEBUG_SAVEALL)
x = []; x.append(x)
del x
gc.collect()
print("saved:", any(type(o) is list and o and o[0] is o for o in gc.garbage))
gc.set_debug(0)
gc.garbage.clear()
print("debug:", gc.get_debug(), gc.DEBUG_LEAK == gc.DEBUG_COLLECTABLE | gc.DEBUG_UNCOLLECTABLE | gc.DEBUG_SAVEALL)

# Callbacks see start and stop.
phases = []
def cb(phase, info):
    phases.append((phase, info["generation"]))
gc.callbacks.append(cb)
gc.collect(1)
gc.callbacks.remove(cb)
print("callbacks:", phases)

# Introspection.
l = [1, 2]; l.append(l)
print(gc.is_tracked(l), gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked(Node("t")))
print(l in gc.get_referents(l), [r for r in gc.get_referents(l) if r is not l])
holder = [l]
print(any(r is holder for r in gc.get_referrers(l)))
print(any(o is holder for o in gc.get_objects()))
stats = gc.get_stats()
print(len(stats), sorted(stats[0]))
log.clear()

# Automatic collection: many cycles without an explicit collect stay bounded.
for i in range(50000):
    y = Node("auto"); y.me = y
print("automatic:", len(log) > 40000, gc.get_count()[0] <= gc.get_threshold()[0])
log.clear()

# Errors.
for bad in (lambda: gc.collect(3), lambda: gc.collect(-1), lambda: gc.collect("0"),
            lambda: gc.set_threshold(), lambda: gc.get_objects(generation=7),
            lambda: gc.is_tracked()):
    try:
        bad()
    except (TypeError, ValueError) as exc:
        print(type(exc).__name__)
gc.disable(); print(gc.isenabled()); gc.enable(); print(gc.isenabled())
gc.freeze(); print(gc.get_freeze_count() > 0); gc.unfreeze(); print(gc.get_freeze_count())
