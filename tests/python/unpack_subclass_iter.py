# Unpacking reads only exact tuples and lists directly: a subclass that
# defines __iter__ is unpacked through it (platform.uname_result does this
# to add its lazy `processor` field).
class Longer(tuple):
    def __iter__(self):
        yield from super().__iter__()
        yield "extra"

class Reversed(list):
    def __iter__(self):
        return reversed(self[:])

a, b, c = Longer((1, 2))
print(a, b, c)
x, *rest = Longer((1, 2))
print(x, rest)
p, q, r = Reversed([1, 2, 3])
print(p, q, r)
first, *middle, last = Reversed([1, 2, 3, 4])
print(first, middle, last)

import platform
system, node, release, version, machine, processor = platform.uname()
print(system == platform.system(), isinstance(processor, str))

# (Exact tuples, lists and dicts add "got N" to the message in 3.14.)
for value in [Longer((1, 2)), iter(range(5)), "abc"]:
    try:
        u, v = value
    except ValueError as e:
        print(type(value).__name__, e)
for value in [Longer(()), {1: 1}, (1,), iter(range(1))]:
    try:
        u, v = value
    except ValueError as e:
        print(type(value).__name__, e)

# The same for star-arguments, str.join and the other consumers.
def f(*a):
    return a

for value in [Longer((1, 2)), Reversed([1, 2])]:
    print(f(*value), [*value], (*value,), list(value), tuple(value))
    try:
        print("-".join(type(value)(("a", "b"))))
    except TypeError as e:
        print(e)
    print("-".join(map(str, value)), 9 in value, "extra" in value)
