# Freeing a long chain of class instances (each holding the next in a
# slot, in its __dict__, or through a list) must not overflow the stack
# (test_descr's test_slots_trash).
import gc


class Slotted:
    __slots__ = ["x"]

    def __init__(self, x):
        self.x = x


class Plain:
    def __init__(self, x):
        self.x = x


class WithDel:
    freed = 0

    def __init__(self, x):
        self.x = x

    def __del__(self):
        WithDel.freed += 1


for cls in (Slotted, Plain, WithDel):
    o = None
    for i in range(200_000):
        o = cls(o)
    del o
    print(cls.__name__, "freed")
print(WithDel.freed)

o = None
for i in range(100_000):
    o = Plain([o])
del o
gc.collect()
print("mixed freed")
