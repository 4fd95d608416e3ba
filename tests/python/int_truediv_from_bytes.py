# int / int rounds half-way cases to even (also at the overflow edge), and
# int.from_bytes takes what bytes() takes (__bytes__ included).
DBL_MIN_OVERFLOW = 2**1024 - 2**970
for a, b in [
    (DBL_MIN_OVERFLOW, 1),
    (DBL_MIN_OVERFLOW - 1, 1),
    (2**1025 - 1, 2),
    (2**53 + 1, 1),
    (2**54 + 2, 2),
    (3 * 2**60 + 1, 2**8),
    (2**80 + 2**27, 1),
    (2**80 + 3 * 2**27, 1),
    (-(2**80) - 2**27, 1),
]:
    try:
        print(repr(a / b))
    except OverflowError as e:
        print("OverflowError", e)


class ValidBytes:
    def __bytes__(self):
        return b"\x01\x02"


class InvalidBytes:
    def __bytes__(self):
        return "abc"


class MissingBytes:
    pass


print(int.from_bytes(ValidBytes()), int.from_bytes(ValidBytes(), "little"))
print(int.from_bytes(bytearray(b"\xff"), signed=True), int.from_bytes([1, 0]))
print(int.from_bytes(memoryview(b"\x00\x10")))
for bad in [InvalidBytes(), MissingBytes(), "ab", 5, [256]]:
    try:
        int.from_bytes(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
