# _symtable and symtable: entries (names, types, lines, flags with scopes) with
# list/set/dict comprehensions inlined as CPython 3.12+ reports them.
import _symtable as s
def show(t, ind=''):
    print(ind, t.name, t.type, t.lineno, t.nested, t.varnames, sorted(t.symbols.items()), repr(t).split('(')[0])
    for c in t.children: show(c, ind+'  ')
src = '''
x = 1
def f(a, *b, c=1, **d):
    global g
    y = [i for i in a]
    z = {k: v for k, v in d.items() if v}
    w = (j for j in b)
    q = [lambda: i for i in a]
    return lambda: y
class C:
    def m(self): return __class__
    n = [t for t in range(3)]
async def h():
    nonlocal_ = 1
    def inner():
        nonlocal nonlocal_
        return nonlocal_
    return [await v for v in ()]
import os.path as p
from sys import argv
def outer():
    x = 1
    def mid():
        return [x for _ in ()]
    return mid
'''
show(s.symtable(src, 'f', 'exec'))
show(s.symtable('a + b', 'f', 'eval'))
for a in [('x=', 'f', 'exec'), ('x', 'f', 'bad'), (5, 'f', 'exec')]:
    try: s.symtable(*a)
    except Exception as e: print(type(e).__name__, e)
import symtable
t = symtable.symtable(src, 'f', 'exec')
print(t.get_type(), t.get_identifiers() and sorted(t.get_identifiers()))
f = t.lookup('f').get_namespace()
print(f.get_parameters(), f.get_locals(), f.get_globals(), f.get_frees(), f.get_nonlocals())
print(sorted(s.get_name() for s in f.get_symbols() if s.is_local()))
C = t.lookup('C').get_namespace()
print(C.get_methods(), [c.get_name() for c in t.get_children()])
o = t.lookup('outer').get_namespace()
print(o.lookup('x').is_cell() if hasattr(o.lookup('x'), 'is_cell') else None, o.get_children()[0].get_frees())
print(t.lookup('p').is_imported(), t.lookup('argv').is_imported(), t.lookup('x').is_assigned())
