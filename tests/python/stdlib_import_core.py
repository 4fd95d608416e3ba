# Pure-Python standard library modules imported from the installed CPython
# library and used: types, abc, copyreg, keyword, enum, operator, heapq,
# numbers, string (Template and Formatter need _string; re is not needed).
import sys
import types, abc, copyreg, keyword, enum, operator, heapq, numbers

print(types.SimpleNamespace(a=1, b='x'), types.FunctionType.__name__, types.GenericAlias)
ns = types.SimpleNamespace({'k': 1}, z=2)
print(ns, ns == types.SimpleNamespace(k=1, z=2), ns.__reduce__()[0].__name__)
print(type(types.SimpleNamespace.__replace__(ns, z=3)).__name__)
print(types.UnionType, types.NoneType, types.MappingProxyType({'a': 1})['a'])
print(keyword.iskeyword('match'), keyword.iskeyword('lambda'), keyword.softkwlist[:2])

class Color(enum.Enum):
    RED = 1
    GREEN = 2
print(Color.RED, Color(2), list(Color), Color['GREEN'].value, Color.RED is Color.RED)

class Perm(enum.IntFlag):
    R = 4
    W = 2
    X = 1
print(Perm.R | Perm.W, int(Perm.R | Perm.X), Perm(6))

class Shape(enum.StrEnum):
    SQUARE = enum.auto()
print(Shape.SQUARE, Shape.SQUARE == 'square')

print(operator.itemgetter(1, 0)('ab'), operator.attrgetter('real')(3), operator.add(2, 3))
h = [5, 1, 4, 2]
heapq.heapify(h)
print([heapq.heappop(h) for _ in range(4)], heapq.nlargest(2, [3, 9, 1, 7]))
print(isinstance(3, numbers.Integral), isinstance(2.5, numbers.Rational), issubclass(float, numbers.Real))

class Meters(numbers.Real):
    pass
try:
    Meters()
except TypeError as e:
    print('TypeError', str(e).split(' without')[0])

print(copyreg.__newobj__(list) == [], copyreg._slotnames(types.SimpleNamespace))
print(sys.stdlib_module_names >= {'os', 'abc', 'enum', 'sys', 'types'}, 'ferrython' in sys.stdlib_module_names)
print(type(sys.flags).__name__, sys.flags.optimize, sys.flags.no_site in (0, 1), len(sys.float_info), sys.int_info.bits_per_digit)
print(sys.hash_info.modulus, sys.hash_info.inf, sys.maxsize == 2**63 - 1, sys.getfilesystemencoding())
print(type(sys.implementation).__name__, sys.implementation.version[:2] >= (3, 13), sys.implementation.cache_tag is None or isinstance(sys.implementation.cache_tag, str))
