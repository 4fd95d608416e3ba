# %-formatting and format() with huge widths and precisions: OverflowError,
# ValueError or MemoryError as in CPython, never a crash (test_format).
import sys
big = sys.maxsize
cases = [("%.*d", (big, 1)), ("%.*d", (2**31, 1)), ("%.*d", (2**31 - 1 - 2**31, 1)), ("%.*f", (big, 1.5)),
         ("%*d", (big, 1)), ("%*s", (big, "x")), ("%-*s", (big, "x")), ("%*c", (big, "x")), ("%.2147483648d", (1,)),
         ("%.2147483647s", ("ab",)), ("%*d", (-5, 3)), ("%.*s", (-1, "abc")), ("%*.*f", (8, 2, 3.14159)),
         ("%.100d", (1,)), ("%#.117x", (1,)), ("%*d", (2**64, 1)), ("%9223372036854775808d", (1,)), ("%*f", (big, 1.0)), ("%*r", (big, 1))]
for f, a in cases:
    for ff in (f, f.encode()):
        try:
            r = ff % a
            print(repr(r)[:40], len(r))
        except (OverflowError, ValueError, MemoryError, TypeError) as e:
            print(type(e).__name__, e)
for s in ["9223372036854775807", "9223372036854775806"]:
    for v in (1, 1.0, "x", 1j, "\u00e9"):
        try:
            format(v, s)
        except Exception as e:
            print(type(e).__name__, e)

# Precisions past what Rust's formatter takes (65535) pad zeros.
for f in ['%.70000f', '%.70000e', '%.70000g', '%#.70000g', '%.1100f', '%.1200e']:
    for x in (1.5, 0.1, 1e-300, 5e-324, 1.7976931348623157e308, -2.5):
        r = f % x
        print(f, x, len(r), r[:30], r[-5:], __import__("zlib").crc32(r.encode()))
print(format(0.1, '.2000f') == '%.2000f' % 0.1, len(format(0.1, '.70000'))) 
