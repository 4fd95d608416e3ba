# sys.getallocatedblocks() counts the small blocks the object allocator
# has handed out and not freed: it grows with live objects and falls back
# when they go.
import gc
import sys

gc.collect()
base = sys.getallocatedblocks()
print(type(base).__name__, base > 0)

# Ten thousand small objects (plus their list) are at least that many more
# blocks.
held = [object() for _ in range(10000)]
grown = sys.getallocatedblocks()
print("grew by 10000 or more:", grown - base >= 10000)

del held
gc.collect()
after = sys.getallocatedblocks()
print("fell back:", after < grown - 9000, abs(after - base) < 1000)

# Objects in reference cycles are freed by a collection.
class Node:
    pass

nodes = []
for _ in range(2000):
    n = Node()
    n.me = n
    nodes.append(n)
del nodes, n
before = sys.getallocatedblocks()
gc.collect()
print("collection freed blocks:", before - sys.getallocatedblocks() >= 2000)

# A second collection right after frees nearly nothing (test_sys's check).
gc.collect()
b = sys.getallocatedblocks()
gc.collect()
print("stable:", abs(sys.getallocatedblocks() - b) < 50)
