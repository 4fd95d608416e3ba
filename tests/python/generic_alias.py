from _collections import deque, defaultdict
from _functools import partial
g = list[int]
print(g, type(g), g.__origin__, g.__args__, g.__parameters__, g == list[int], g != list[str], hash(g) == hash(list[int]))
print(dict[str, list[int]], tuple[int, ...], tuple[()], deque[int], defaultdict[str, int], partial[int])
print(g([1, 2]), g.__name__, list[int].append is list.append)
GA = type(g)
print(GA(list, int), GA(dict, (str, int)), GA.__name__, GA.__module__)
class A(list[int]): pass
print(A.__bases__, A.__mro__)
print(g.__reduce__())
class TV:
    def __typing_subst__(self, x): return x
    def __repr__(self): return '~T'
T = TV()
h = dict[str, T]
print(h, h.__parameters__, h[int])
try: h[int, str]
except TypeError as e: print(e)
try: g[int]
except TypeError as e: print(e)
print(list[list[T]][int], frozenset[int], set[str])
