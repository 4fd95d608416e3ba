# Annotations of functions and classes, evaluated lazily through the
# compiler's __annotate__ functions (PEP 649/749) and cached.
evaluated = []


def note(x):
    evaluated.append(x)
    return x


def f(a: note("a"), *args: note("args"), b: note("b") = 1, **kw: note("kw")) -> note("ret"):
    pass


# (When they are evaluated differs: 3.14 waits for the first access,
# 3.13 evaluates them at the def; only the results are compared.)
print(f.__annotations__)
print(f.__annotations__ is f.__annotations__, evaluated)


def g():
    pass


print(g.__annotations__)
g.__annotations__ = {"x": 1}
print(g.__annotations__)
for bad in [1, [1]]:
    try:
        g.__annotations__ = bad
    except TypeError as e:
        print("TypeError:", e)
g.__annotations__ = None
print(g.__annotations__)


class A:
    x: int
    y: "str" = 3
    z: note("class z")


print(A.__annotations__, A.__annotations__ is A.__annotations__)
print(evaluated.count("class z"))


class B(A):
    w: list


class C:
    pass


print(B.__annotations__, C.__annotations__)
A.__annotations__ = {"q": 1}
print(A.__annotations__, B.__annotations__)
del A.__annotations__
try:
    del C.__annotations__
    del C.__annotations__
except AttributeError as e:
    print("AttributeError:", e)
for t in [int, object]:
    try:
        t.__annotations__
    except AttributeError as e:
        print("AttributeError:", e)


def outer():
    local_type = dict

    def inner(x: local_type) -> local_type:
        pass
    return inner


print(outer().__annotations__)


class Scope:
    T = int

    def m(self, x: T) -> "T":
        pass


print(Scope.m.__annotations__)
