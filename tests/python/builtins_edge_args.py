# Builtins' argument handling as CPython 3.13 does it: chr() of huge ints,
# len() of a hugely negative __len__, pow()/eval()/exec() keywords in any
# combination, sum() refusing a bytearray start, zip() passing iter()'s
# own error on, object.__ne__ for None, and dir() of a traceback.
import sys

for v in (-1, 0x110000, 2**32 - 1, -2**32, 2**1000, -2**1000):
    try:
        chr(v)
    except Exception as e:
        print("chr", type(e).__name__, e)
print(ascii(chr(0x10FFFF)))


class HugeNegativeLen:
    def __len__(self):
        return -sys.maxsize - 10


class HugeLen:
    def __len__(self):
        return sys.maxsize + 1


for obj in (HugeNegativeLen(), HugeLen()):
    try:
        len(obj)
    except Exception as e:
        print("len", type(e).__name__, e)

print(pow(base=5, exp=2, mod=14), pow(2, exp=5), pow(2, 6, mod=10), pow(exp=3, base=2))
for call in (lambda: pow(2), lambda: pow(2, 3, base=1), lambda: pow(2, 3, x=1)):
    try:
        call()
    except TypeError as e:
        print("pow", e)

data = {"A_GLOBAL_VALUE": 456}
A_GLOBAL_VALUE = 123
print(eval("globals()['A_GLOBAL_VALUE']", globals=data))
print(eval("globals()['A_GLOBAL_VALUE']", locals=data))
print(eval("x + y", {"x": 1}, locals={"y": 2}))
g = {}
exec("global z\nz = 1", globals=g)
g.pop("__builtins__", None)
print(g)
g = {}
exec("global z\nz = 1", locals=g)
print(g, z)
for call in (
    lambda: eval("1", globals={}, closure=None),
    lambda: exec("1", {}, {}, {}),
    lambda: exec("1", {}, globals={}),
):
    try:
        call()
    except TypeError as e:
        print("exec/eval", e)

try:
    sum([bytearray(b"a"), bytearray(b"b")], bytearray(b""))
except TypeError as e:
    print("sum", e)

exception = TypeError("from __iter__")


class BadIterable:
    def __iter__(self):
        raise exception


try:
    zip(BadIterable())
except TypeError as e:
    print("zip", e is exception, e)
try:
    zip([], 5)
except TypeError as e:
    print("zip", e)

print(None.__ne__(None), None.__ne__(0), None.__eq__(None), None.__eq__(1))
try:
    raise IndexError
except IndexError as e:
    print(dir(e.__traceback__))
for c in ['eval(1,2,3,4)', 'exec()', 'eval()', 'exec("1",{},{},{},{})', 'eval("1", {}, {}, x=1)', 'pow()', 'pow(1,2,3,4)']:
    try:
        eval(c)
    except TypeError as e:
        print(c, '->', e)


class M:
    def __getitem__(self, key):
        if key == "a":
            return 12
        raise KeyError(key)

    def keys(self):
        return list("zyx")


for src in ["a", "b", "dir()", "locals() is m"]:
    m = M()
    try:
        print(src, eval(src, globals(), m))
    except Exception as e:
        print(src, type(e).__name__, e)
