# A scanner (re.finditer, Pattern.scanner) holds its bytes-like subject's
# buffer while it lives, so a bytearray cannot be resized under it.
import array
import gc
import re


def try_extend(b):
    try:
        b.extend(b"x" * 400)
        print("resized to", len(b))
    except BufferError as e:
        print("BufferError", e)


b = bytearray(b"xax")
it = re.finditer(b"a", b)
try_extend(b)
print([m.span() for m in it])
try_extend(b)
del it
gc.collect()
try_extend(b)

b = bytearray(b"abcabc")
sc = re.compile(b"b").scanner(b, 1, 5)
try_extend(b)
print(sc.search().span(), sc.search())
del sc
try_extend(b)

# A memoryview subject is held too (through the view's own export).
b = bytearray(b"aaa")
m = memoryview(b)
it = re.finditer(b"a", m)
try_extend(b)
print(len(list(it)))
del it, m
try_extend(b)

a = array.array("b", b"zz")
it = re.finditer(b"z", a)
try:
    a.append(1)
    print("appended")
except BufferError as e:
    print("BufferError", e)
del it
a.append(1)
print(len(a))

# str subjects and refused subjects.
print([m.group() for m in re.finditer("b", "abcb")])
try:
    re.finditer("a", b"a")
except TypeError as e:
    print("TypeError", e)
