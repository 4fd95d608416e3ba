# T.__new__(S) refuses a subtype S whose nearest base with a C __new__ is
# not T (CPython's "is not safe" check in tp_new_wrapper): the types of
# sys.flags / os.stat_result and builtins reached through object.__new__
# used to be built with the wrong layout and crash on deallocation.
import sys, os

cases = [
    (tuple, type(sys.flags), ((1,),)),
    (tuple, type(sys.version_info), ((1,),)),
    (tuple, os.stat_result, ((1,),)),
    (type(sys.flags), type(sys.flags), (sys.flags,)),
    (object, int, ()),
    (object, list, ()),
    (object, dict, ()),
    (int, bool, (1,)),
    (tuple, int, ()),
    (object, 5, ()),
]
for base, sub, args in cases:
    try:
        r = base.__new__(sub, *args)
        print("made", type(r).__name__)
    except TypeError as e:
        print(type(e).__name__, e)

class T(tuple):
    def __new__(cls, *a):
        return super().__new__(cls, *a)

class U(T):
    pass

print(tuple.__new__(U, (1, 2)), type(tuple.__new__(U, (1,))).__name__)

class L(list):
    pass

class M(L):
    def __new__(cls):
        return list.__new__(cls)

print(type(M()).__name__, type(object.__new__(type("X", (), {}))).__name__)
try:
    object.__new__(L)
except TypeError as e:
    print(e)
