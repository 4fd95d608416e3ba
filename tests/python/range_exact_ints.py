# range keeps exact ints, iterates values near the i64 limits exactly, and
# only takes the arithmetic containment test for exact ints.
r = range(0, -18446744073709551618, -9223372036854775808)
print(list(r), list(reversed(r)))
print(list(range(-(2**64), 2**64, 2**63)))
print(list(range(2**63 - 3, 2**63 + 1)), list(range(-(2**63) + 1, -(2**63) - 2, -1)))
print(list(range(9223372036854775806, 9223372036854775807)))

for args in [(True,), (True, False, True), (False, True)]:
    r = range(*args)
    print(r, [type(v).__name__ for v in (r.start, r.stop, r.step)])


class Sub(int):
    pass


print(type(range(Sub(3)).stop).__name__)


class AlwaysEqual(int):
    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


print(AlwaysEqual(11) in range(10), 11 in range(10), True in range(2), 1.0 in range(3))
print(AlwaysEqual(11) in range(10**30, 10**30 + 5))
