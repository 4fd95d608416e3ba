# Functions: defaults, keywords, *args/**kwargs, closures, lambdas,
# decorators, recursion, and CPython's messages for bad calls.
def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))

print(f(1, c=3))
print(f(1, 5, 6, 7, c=8, e=9, z=0))
print(f(*[1, 2], **{"c": 3, "d": 5}))

def pos_only(a, b, /, c):
    return a + b + c

print(pos_only(1, 2, c=3))
for bad in (lambda: f(), lambda: f(1), lambda: f(1, c=1, a=2), lambda: pos_only(1, b=2, c=3),
            lambda: pos_only(1, 2, 3, 4), lambda: f(1, c=2, **{"c": 3})):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)

def counter():
    n = 0
    def inc(step=1):
        nonlocal n
        n += step
        return n
    return inc

c = counter()
print(c(), c(), c(10))

def deco(fn):
    def wrapper(*a, **k):
        return "<" + str(fn(*a, **k)) + ">"
    wrapper.__name__ = fn.__name__
    return wrapper

@deco
def hello(name):
    """Say hello."""
    return "hello " + name

print(hello("you"), hello.__name__)

def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

print(fact(20), fact(30))
square = lambda x: x * x
print(list(map(square, range(5))), list(filter(lambda v: v > 2, range(5))))
print(sorted(["bb", "a", "ccc"], key=len), max([3, 1, 2], key=lambda v: -v))

def gen_fib(limit):
    a, b = 0, 1
    while a < limit:
        yield a
        a, b = b, a + b

print(list(gen_fib(100)), sum(x for x in gen_fib(1000) if x % 2 == 0))
g = (i * i for i in range(4))
print(next(g), next(g), list(g))

def scoped():
    x = 1
    def inner():
        return x
    x = 2
    return inner()

print(scoped())
total = 0
def add_global(v):
    global total
    total += v
add_global(5)
add_global(6)
print(total)
try:
    undefined_name
except NameError as e:
    print("NameError:", e)

def use_before():
    print(local_var)
    local_var = 1

try:
    use_before()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
