# asctime and strftime check the time tuple as CPython's gettmarg and
# checktm do: the year must fit a C int after subtracting 1900, and the
# day of week may not be below -1.
import time

INT_MAX = 2**31 - 1
MINYEAR = -INT_MAX - 1 + 1900
for func in (time.asctime, lambda t: time.strftime("%Y %a", t)):
    print(func((MINYEAR, 6, 1) + (0,) * 6)[-12:])
    print(func((INT_MAX, 6, 1) + (0,) * 6)[-12:])
    for t in ((MINYEAR - 1,) + (0,) * 8, (INT_MAX + 1,) + (0,) * 8):
        try:
            func(t)
        except OverflowError as e:
            print("OverflowError", e)
    for wday in (-2, -1, 0, 6, 7, 100):
        try:
            print(wday, func((1900, 1, 1, 0, 0, 0, wday, 1, -1)))
        except ValueError as e:
            print(wday, "ValueError", e)
