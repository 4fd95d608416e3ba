import _operator as op
from _operator import itemgetter, attrgetter, methodcaller

def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

print(op.add(1, 2), op.sub(5, 3), op.mul('a', 3), op.truediv(7, 2), op.floordiv(7, 2), op.mod(7, 3))
print(op.pow(2, 10), op.lshift(1, 4), op.rshift(256, 3), op.and_(12, 10), op.or_(12, 10), op.xor(12, 10))
print(op.neg(5), op.pos(-5), op.abs(-3), op.inv(5), op.invert(0), op.index(7), op.truth([]), op.not_(0))
print(op.lt(1, 2), op.le(2, 2), op.eq(1, 1.0), op.ne('a', 'a'), op.gt(3, 2), op.ge(1, 2))
print(op.is_(None, None), op.is_not(1, None))
print(op.concat([1], [2]), op.concat('ab', 'cd'), op.contains([1, 2], 2), op.countOf([1, 1, 2], 1), op.indexOf('abc', 'c'))
show("concat-int", lambda: op.concat(1, 2))
show("indexOf-missing", lambda: op.indexOf([1], 5))
show("add-bad", lambda: op.add(1, 'a'))
show("add-arity", lambda: op.add(1))
show("neg-arity", lambda: op.neg())
show("index-bad", lambda: op.index(1.5))
l = [1, 2, 3]
op.setitem(l, 0, 'x'); op.delitem(l, 1)
print(l, op.getitem(l, 1), op.getitem({'k': 'v'}, 'k'))
a = [1]
print(op.iadd(a, [2]) is a, a, op.iconcat(a, [3]), op.imul(2, 3), op.isub(5, 1), op.ipow(2, 3))
print(op.iand(6, 3), op.ior(6, 3), op.ixor(6, 3), op.ilshift(1, 2), op.irshift(8, 1), op.imod(7, 4), op.itruediv(1, 4), op.ifloordiv(9, 2))
class M:
    def __matmul__(self, o): return 'matmul'
    def __imatmul__(self, o): return 'imatmul'
print(op.matmul(M(), 1), op.imatmul(M(), 1))
class H:
    def __length_hint__(self): return 5
print(op.length_hint([1, 2]), op.length_hint(H()), op.length_hint(object(), 7))
show("lh-bad", lambda: op.length_hint([], 'x'))
print(op.call(max, 1, 5, 3), op.call(dict, a=1), op.call(sorted, [3, 1], reverse=True))
print(op._compare_digest(b'abc', b'abc'), op._compare_digest(b'abc', b'abd'), op._compare_digest('ab', 'ab'), op._compare_digest(b'a', b'ab'))
print(op._compare_digest(bytearray(b'x'), b'x'))
show("cd-mix", lambda: op._compare_digest('a', b'a'))
show("cd-nonascii", lambda: op._compare_digest('é', 'é'))
show("cd-int", lambda: op._compare_digest(1, 2))

# itemgetter
g = itemgetter(1)
print(g([1, 2, 3]), g((4, 5)), g('xyz'), g({1: 'one'}), itemgetter(0, 2)('abc'), itemgetter(slice(1, 3))([1, 2, 3, 4]))
print(itemgetter(-1)([1, 2]), repr(g), repr(itemgetter(1, 'a')), g.__reduce__())
show("ig-empty", lambda: itemgetter())
show("ig-arity", lambda: g(1, 2))
show("ig-kw", lambda: g(x=1))
show("ig-range", lambda: g([1]))
print(sorted([(2, 'b'), (1, 'z'), (3, 'a')], key=itemgetter(1)))
# attrgetter
class O:
    pass
o = O(); o.a = 1; o.b = O(); o.b.c = 'deep'
print(attrgetter('a')(o), attrgetter('b.c')(o), attrgetter('a', 'b.c')(o))
print(repr(attrgetter('a', 'b.c')), attrgetter('a', 'b.c').__reduce__())
show("ag-missing", lambda: attrgetter('zz')(o))
show("ag-int", lambda: attrgetter(1))
show("ag-empty", lambda: attrgetter())
# methodcaller
print(methodcaller('upper')('abc'), methodcaller('split', ',')('a,b'), methodcaller('split', sep='-', maxsplit=1)('a-b-c'))
print(repr(methodcaller('m', 1, k=2)), methodcaller('m', 1).__reduce__())
r = methodcaller('m', 1, k=2).__reduce__()
print(type(r[0]).__name__, r[1], r[0]('x')(type('T', (), {'m': lambda self, a, k: (a, k)})()))
show("mc-empty", lambda: methodcaller())
show("mc-int", lambda: methodcaller(1))
show("mc-missing", lambda: methodcaller('zz')(1))
print(type(g).__name__, itemgetter.__module__)
# is_none/is_not_none are new in 3.14
print(sorted(n for n in dir(op) if not n.startswith('__') and n not in ('is_none', 'is_not_none')))

import operator
print(operator.add is op.add, operator.__add__(1, 2), operator.itemgetter is itemgetter, operator.__lt__(1, 2))
