# Calls of method descriptors (methods of builtin types): through the type
# (str.upper(s)), as methods (s.upper()), with keywords, on subclass
# instances, and the errors for a missing or wrong self.
import sys

print(str.upper("abc"), "abc".upper())
print(str.split("a b c", maxsplit=1), "a,b".split(sep=","))
print(str.replace("aaa", "a", "b", 2))
l = [3, 1, 2]
list.append(l, 4)
list.sort(l, key=lambda v: -v)
print(l, list.__len__(l))
d = {"k": 1}
print(dict.get(d, "k"), dict.get(d, "x", 5), dict.setdefault(d, "y", 7), d)
print(int.to_bytes(258, length=2, byteorder="big"), (5).bit_length())


class S(str):
    pass


print(str.upper(S("sub")), type(str.upper(S("sub"))).__name__)
m = str.startswith
print(m("hello", "he"), m("hello", ("x", "h")), m("hello", "l", 2))

for bad in (lambda: str.upper(), lambda: str.upper(1), lambda: list.append((), 1),
            lambda: str.upper("a", "b"), lambda: list.append([], x=1),
            lambda: str.strip("a", chars="b")):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)

f = str.join
print(f(",", ["a", "b"]), f.__name__, f.__qualname__, f.__objclass__)
print([str.lower(s) for s in "ABC"])
print(list(map(str.strip, [" a ", "b "])))
print(sorted(["b", "A", "c"], key=str.lower))


def frame_namespaces():
    fr = sys._getframe()
    return fr.f_globals is globals(), fr.f_builtins is __builtins__.__dict__


print(frame_namespaces())
