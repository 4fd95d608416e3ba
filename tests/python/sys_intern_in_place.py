# sys.intern(s) returns s itself when no equal string was interned before,
# and that first string for every equal one interned later.
import random
import sys

s = "never interned before" + str(random.randrange(0, 10**9))
print(sys.intern(s) is s, sys._is_interned(s))
s2 = s.swapcase().swapcase()
print(s2 is s, sys._is_interned(s2), sys.intern(s2) is s)
t = "".join(["x", "y", "z", str(random.randrange(10**6))])
u = sys.intern(t)
print(u is t, sys.intern(t[:]) is t)
for bad in (b"abc", 1, None):
    try:
        sys.intern(bad)
    except TypeError as e:
        print("TypeError", e)
class S(str):
    pass
try:
    sys.intern(S("abc"))
except TypeError as e:
    print("TypeError", e)
