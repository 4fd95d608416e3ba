# The cycle collector and weak references: a weak reference is a GC
# object that owns its callback (so a cycle through a callback is
# garbage), a weak reference that is itself garbage has its callback
# dropped uncalled, and a collected module lets go of its namespace
# without emptying it (a function kept alive elsewhere still finds its
# globals). At exit, logging's _removeHandlerRef used to run with
# logging's globals emptied and print a NameError.
import gc
import types
import weakref


class Node:
    pass


# A cycle through a weak reference's callback is collected.
n = Node()
n.r = weakref.ref(n, lambda r, n=n: None)
probe = weakref.ref(n)
del n
gc.collect()
print("cycle through callback collected:", probe() is None)

# A weak reference that is part of the garbage: no callback.
called = []
o = Node()
o.self = o
o.wr = weakref.ref(o, lambda r: called.append("o"))
del o
gc.collect()
print("garbage weakref callback:", called)

# A weak reference that survives: its callback runs once.
keep = []
p = Node()
p.self = p
keep.append(weakref.ref(p, lambda r: called.append("p")))
del p
gc.collect()
print("live weakref callback:", called, keep[0]() is None)

# A module collected while its namespace is still in use.
m = types.ModuleType("m")
exec("x = 1\ndef f():\n    return x\n", m.__dict__)
f = m.f
holder = Node()
holder.self = holder
holder.mod = m
mref = weakref.ref(m)
del m, holder
gc.collect()
print("module collected:", mref() is None, "function still works:", f())

# Weak reference subclasses, proxies and the weak containers still work.
class Ref(weakref.ref):
    pass


a = Node()
r1 = Ref(a, lambda r: called.append("sub"))
r1.extra = r1
px = weakref.proxy(a)
d = weakref.WeakValueDictionary()
d["a"] = a
s = weakref.WeakSet([a])
fin = weakref.finalize(a, called.append, "fin")
print(r1() is a, type(px).__name__, len(d), len(s))
del a
gc.collect()
print(sorted(called), len(d), len(s), fin.alive)
del r1
gc.collect()


class Meth:
    def m(self):
        return 42


mm = Meth()
wm = weakref.WeakMethod(mm.m)
print(wm()())
del mm
gc.collect()
print(wm())

# types.MethodType binds any callable (WeakMethod rebuilds methods so).
print(types.MethodType(len, [1, 2])())
for args in ((len,), (1, 2), (len, None)):
    try:
        types.MethodType(*args)
    except TypeError as e:
        print(type(e).__name__, e)
