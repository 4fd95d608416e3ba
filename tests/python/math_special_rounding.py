# math.floor/ceil/trunc bind __floor__/__ceil__/__trunc__ like a special
# method lookup (a descriptor's __get__ runs and may raise); factorial of a
# huge negative number is a ValueError.
import math


class BadDescr:
    def __get__(self, obj, objtype=None):
        raise ValueError("from __get__")


class Bound:
    def __get__(self, obj, objtype=None):
        return lambda: ("bound", type(obj).__name__)


for fn, special in [(math.floor, "__floor__"), (math.ceil, "__ceil__"), (math.trunc, "__trunc__")]:
    Bad = type("Bad", (), {special: BadDescr()})
    Good = type("Good", (), {special: Bound()})
    try:
        fn(Bad())
    except ValueError as e:
        print(fn.__name__, type(e).__name__, e)
    print(fn.__name__, fn(Good()))
    t = type("Plain", (), {})()
    setattr(t, special, lambda: 1)
    try:
        fn(t)
    except TypeError as e:
        print(fn.__name__, type(e).__name__)
for v in [-1, -10**100, 10**100]:
    try:
        math.factorial(v)
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
