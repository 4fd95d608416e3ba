import atexit, sys
class Failing:
    def __call__(self): raise ValueError('boom')
    def __repr__(self): return '<Failing>'
def g(*a, **k): print('g', a, k, sys.is_finalizing())
def h(): print('h must not run')
print(atexit.register(g, 1, k=2) is g)
atexit.register(Failing())
atexit.register(h)
atexit.register(h)
print(atexit._ncallbacks())
atexit.unregister(h)
atexit.register(print, 'last registered, first run')
try:
    atexit.register(3)
except TypeError as e:
    print('TypeError', e)
print('end of script')
