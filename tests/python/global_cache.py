# LOAD_GLOBAL through its inline cache: every way the namespaces can change
# after a name was found must be seen by the next load.
import builtins

real_len = builtins.len


def f():
    return len("abc"), x


x = 1
print(f())
x = 2  # value replaced in place
print(f())
len = lambda s: 99  # a global now shadows the builtin
print(f())
del len  # and is gone again
print(f())
builtins.len = lambda s: -1  # the builtin itself replaced
print(f())
builtins.len = real_len
print(f())
del x
try:
    f()
except NameError as e:
    print(type(e).__name__, e)
for i in range(40):  # the globals table grows (and moves)
    globals()["y%d" % i] = i
x = 7
print(f())
for i in range(40):
    del globals()["y%d" % i]
print(f())


def h():
    return [x for _ in range(2)]


print(h())

# One code object run with different globals.
code = compile("def k(): return z\n", "m", "exec")
d1 = {"z": 1}
exec(code, d1)
d2 = {"z": 2}
exec(code, d2)
print(d1["k"](), d2["k"](), d1["k"](), d2["k"]())
d3 = dict(d2)  # a copy has the same keys
d3["z"] = 3
print(d2["k"](), d3["k"].__globals__ is d2)
d2.pop("z")
try:
    d2["k"]()
except NameError as e:
    print(type(e).__name__, e)
d2["z"] = "back"
print(d2["k"]())
d1["w"] = 0
print(d1.popitem())
del d1["z"]
d1["z"] = "after popitem"
print(d1["k"]())
d1.clear()
try:
    exec("print(z)", d1)
except NameError as e:
    print(type(e).__name__, e)


# Builtins seen through a module's own __builtins__ dict.
fake = {"len": lambda s: "fake len", "print": print}
exec("def m(): return len('x')\nprint(m())\nprint(m())", {"__builtins__": fake})
fake["len"] = lambda s: "changed"
exec("def m(): return len('x')\nprint(m())", {"__builtins__": fake})


# A loop reading a global that another function rebinds.
def bump():
    global counter
    counter += 1


counter = 0
for _ in range(5):
    bump()
    print(counter, end=" ")
print()

# The caches are not part of co_code.
def g():
    return abs(-1) + x


g()
g()
cc = g.__code__.co_code
print(g.__code__.replace().co_code == cc, bytes(cc) == cc)
print(all(b == 0 for op, arg in zip(cc[::2], cc[1::2]) if op == 0 for b in (arg,)))

# Code objects whose caches were filled compare and hash as before, and
# survive marshal.
import marshal

h0 = hash(g.__code__)
c2 = marshal.loads(marshal.dumps(g.__code__))
print(c2 == g.__code__, hash(c2) == h0, g.__code__.replace() == g.__code__)
g()
print(hash(g.__code__) == h0, marshal.loads(marshal.dumps(g.__code__)) == c2)
print(type(g)(c2, globals())())
