# LOAD_ATTR / STORE_ATTR inline caches: each site is warmed in a loop, then
# the type, the instance or the attribute changes, and the site must see it.


def get_x(o):
    return o.x


def set_x(o, v):
    o.x = v


def call_m(o):
    return o.m()


def warm(f, *args):
    for _ in range(5):
        r = f(*args)
    return r


class A:
    cls_attr = "class"

    def __init__(self):
        self.x = 1

    def m(self):
        return "A.m"


a = A()
print("warm", warm(get_x, a), warm(call_m, a))

# Class attribute reassignment: a method replaced on the class.
A.m = lambda self: "patched"
print("monkeypatched", call_m(a))

# Instance attribute shadowing a method.
a.m = lambda: "instance"
print("shadowed", call_m(a))
del a.m
print("unshadowed", call_m(a))

# A data descriptor added later takes precedence over the instance dict.
A.x = property(lambda self: "prop")
print("property", get_x(a))
del A.x
print("property gone", get_x(a))

# Deleting the attribute: AttributeError from a warm site.
del a.x
try:
    get_x(a)
except AttributeError as e:
    print(type(e).__name__, e)
warm(set_x, a, 5)
print("stored", get_x(a), a.__dict__)


# Another type through the same warm sites, then __dict__ changes.
class B:
    def __init__(self):
        self.x = "B.x"

    def m(self):
        return "B.m"


warm(get_x, a)
warm(call_m, a)
b = B()
print("other type", call_m(b), get_x(b))
b.__dict__["x"] = "via __dict__"
print("dict write", get_x(b))
b.__dict__ = {"x": "new dict"}
print("dict replaced", get_x(b))
b.__dict__.clear()
try:
    get_x(b)
except AttributeError as e:
    print(type(e).__name__, e)


# Base class modified after the subclass's caches are warm.
class Base:
    def m(self):
        return "Base.m"


class Sub(Base):
    pass


s = Sub()
s.x = 0
warm(call_m, s)
Base.m = lambda self: "Base.m patched"
print("base patched", call_m(s))
Sub.m = lambda self: "Sub.m"
print("sub override", call_m(s))
del Sub.m
print("sub override gone", call_m(s))


# __bases__ assignment.
class Other:
    def m(self):
        return "Other.m"


class Mixed(Base):
    pass


mx = Mixed()
warm(call_m, mx)
Mixed.__bases__ = (Other,)
print("bases changed", call_m(mx))


# __getattribute__ / __getattr__ / __setattr__ defined later.
class G:
    def __init__(self):
        self.x = "G.x"


g = G()
warm(get_x, g)
G.__getattribute__ = lambda self, n: "getattribute " + n
print(get_x(g))
del G.__getattribute__
print(get_x(g))
warm(set_x, g, "plain")
G.__setattr__ = lambda self, n, v: object.__setattr__(self, n, v * 2)
set_x(g, "ab")
print("setattr hook", get_x(g))


# A non-data descriptor on the class: the instance dict wins while it has
# the name, the descriptor otherwise.
class NonData:
    def __get__(self, obj, owner):
        return "nondata"


class N:
    pass


n = N()
n.x = "inst"
warm(get_x, n)
N.x = NonData()
print("instance over non-data", get_x(n))
del n.x
print("non-data", get_x(n))


# __slots__ members.
class P:
    __slots__ = ("x", "y")

    def __init__(self):
        self.x = 10


p = P()
print("slot", warm(get_x, p))
warm(set_x, p, 11)
print("slot stored", get_x(p))
del p.x
try:
    get_x(p)
except AttributeError as e:
    print(type(e).__name__, e)
set_x(p, 12)
print("slot again", get_x(p))


class Q:
    __slots__ = ("x",)


try:
    warm(set_x, Q(), 1)
    print("Q ok", get_x(Q()) if False else "skip")
except AttributeError as e:
    print(type(e).__name__, e)
P.x = "no longer a slot"
print("slot replaced", get_x(p))
try:
    set_x(p, 13)
except AttributeError as e:
    print(type(e).__name__, e)


# Many instances with different dict layouts through one site.
class L:
    pass


objs = []
for i in range(6):
    o = L()
    if i % 2:
        o.pad = i
    o.x = i
    objs.append(o)
print("polymorphic", [get_x(o) for o in objs] * 1 == [get_x(o) for o in objs])
for o in objs:
    set_x(o, o.x * 10)
print([get_x(o) for o in objs])

# Modules.
import types

mod = types.ModuleType("m")
mod.x = "module x"
print(warm(get_x, mod))
mod.x = "module x2"
print(get_x(mod))
del mod.x
mod.__getattr__ = lambda name: "module getattr " + name
print(get_x(mod))
mod.x = "back"
print(get_x(mod))

# Method loads on builtins and list.append through a warm site.
def append(lst, v):
    lst.append(v)


lst = []
for i in range(4):
    append(lst, i)
print(lst)


class MyList(list):
    pass


ml = MyList()
append(ml, 1)
MyList.append = lambda self, v: list.append(self, -v)
append(ml, 2)
print(ml)
