import cmath

def t(f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print(f.__name__, a, type(e).__name__, e)
    else:
        print(f.__name__, a, repr(r))

inf, nan = float('inf'), float('nan')
print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.infj, cmath.nan, cmath.nanj)
parts = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 1e-310, 1e300, -1e308, 800.0, inf, -inf, nan]
values = [complex(r, i) for r in parts for i in parts]
values += [1, -3, 2.5, complex(1, 1e-200), complex(1, 0), complex(-1, 0)]
for name in ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cos', 'cosh', 'exp', 'log', 'log10',
             'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'phase', 'polar', 'isfinite', 'isinf', 'isnan']:
    f = getattr(cmath, name)
    for z in values:
        t(f, z)
for r in parts:
    for phi in parts:
        t(cmath.rect, r, phi)
t(cmath.log, 8, 2); t(cmath.log, 1j, 1j); t(cmath.log, 5, 1); t(cmath.log, 0); t(cmath.log, 2, 0)
t(cmath.sqrt, 'a'); t(cmath.sqrt); t(cmath.exp, 1, 2)
class Z:
    def __complex__(self): return 3 + 4j
    def __repr__(self): return 'Z()'
class Fl:
    def __float__(self): return 2.0
    def __repr__(self): return 'Fl()'
t(cmath.sqrt, Z()); t(cmath.sqrt, Fl()); t(cmath.phase, -1); t(cmath.polar, 3 + 4j)
for z in [1e300+1e-310j, 1e300+1e-300j, -1e300+1e-310j, 1e300-1e-310j, 1+1e-320j]:
    t(cmath.phase, z); t(cmath.polar, z)
t(cmath.isclose, 1 + 1j, 1 + 1.0000000001j); t(cmath.isclose, 1j, 1.1j, rel_tol=0.2); t(cmath.isclose, 0j, 1e-12, abs_tol=1e-9)
t(cmath.isclose, 1j, 1j, rel_tol=-1); t(cmath.isclose, complex(inf, 0), complex(inf, 0)); t(cmath.isclose, complex(nan, 0), 0)
