# Statically allocated tuples (the empty tuple, ExceptionGroup's bases)
# met by the cycle collector while it walks garbage that refers to them.
import gc

print(gc.is_tracked(()), gc.is_tracked(ExceptionGroup.__bases__))
print(ExceptionGroup.__bases__)


class Node:
    __slots__ = ("other", "__weakref__")


gc.disable()
gc.collect()
for i in range(5000):
    a = Node()
    b = Node()
    a.other = [b, (), ExceptionGroup.__bases__]
    b.other = [a, ()]
del a, b
print(gc.collect())
print(gc.collect())
print(gc.is_tracked(()))
gc.enable()
