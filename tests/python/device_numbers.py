# os.major, os.minor and os.makedev: the parts of device numbers, NODEV,
# and the argument errors named as CPython names them.
import os
for d in [0, 0x0801, os.makedev(8, 1), os.makedev(-1, -1), 2**32 + 5]:
    print(os.major(d), os.minor(d))
for bad in [(-2,), ("x",), ()]:
    try:
        os.major(*bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    os.minor(1, device=2)
except TypeError as e:
    print(e)
try:
    os.makedev(1)
except TypeError as e:
    print(e)
