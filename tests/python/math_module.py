import math

def t(f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print(f.__name__, a, type(e).__name__, e)
    else:
        print(f.__name__, a, repr(r))

inf, nan = float('inf'), float('nan')
print(math.pi, math.e, math.tau, math.inf, math.nan)
vals = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, 1e-300, 1e300, 710.0, 3, -7, inf, -inf, nan, 10**400]
for name in ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cbrt', 'cos', 'cosh',
             'exp', 'exp2', 'expm1', 'fabs', 'log1p', 'sin', 'sinh', 'sqrt', 'tan', 'tanh',
             'erf', 'erfc', 'gamma', 'lgamma', 'log', 'log2', 'log10', 'degrees', 'radians',
             'isfinite', 'isinf', 'isnan', 'frexp', 'modf', 'ulp', 'ceil', 'floor', 'trunc']:
    f = getattr(math, name)
    for v in vals:
        t(f, v)
for x in [0.1, 1.5, 2.5, 4.25, 10.5, 50.3, 171.5, 180.2, -0.5, -1.5, -3.7, -150.25, -250.5, 1e-25]:
    t(math.gamma, x)
    t(math.lgamma, x)
pairs = [(0.0, 0.0), (1.0, 0.0), (-1.0, 0.0), (2.0, 3.0), (-2.0, 0.5), (2.0, -1074.0), (10.0, 400.0),
         (inf, 2.0), (-inf, 3.0), (-inf, -3.0), (nan, 0.0), (1.0, nan), (0.5, inf), (2.0, -inf), (-1.0, inf),
         (0.0, -1.0), (-0.0, -3.0), (5.5, 2.0), (-5.5, 2.0), (1e308, 1e-308)]
for name in ['atan2', 'copysign', 'remainder', 'fmod', 'pow', 'hypot', 'nextafter', 'log']:
    f = getattr(math, name)
    for a, b in pairs:
        t(f, a, b)
for x in [10**400, 2**1100, 3**2000, 10**20, 2**1024 - 1, 1]:
    t(math.log, x)
    t(math.log2, x)
    t(math.log10, x)
    t(math.log, x, 7)
t(math.log, 0); t(math.log, -5); t(math.log, 10, 1); t(math.log, 'a'); t(math.log, 8, 2)
t(math.ldexp, 1.0, 1.5); t(math.ldexp, 1.0, 10**30); t(math.ldexp, 1.0, -10**30); t(math.ldexp, 1.5, 1023)
t(math.ldexp, 1.5, 1024); t(math.ldexp, 3.0, -1075); t(math.ldexp, -0.0, 5)
t(math.trunc, 'x'); t(math.floor, 'x'); t(math.ceil, []); t(math.floor, 2**70); t(math.ceil, True)
t(math.floor, -2.5); t(math.ceil, -2.5); t(math.trunc, -2.5); t(math.floor, inf); t(math.ceil, nan)
class F:
    def __floor__(self): return 'floor!'
    def __ceil__(self): return 'ceil!'
    def __trunc__(self): return 'trunc!'
    def __float__(self): return 2.5
    def __repr__(self): return 'F()'
t(math.floor, F()); t(math.ceil, F()); t(math.trunc, F()); t(math.sqrt, F())
t(math.fsum, [0.1] * 10); t(math.fsum, [1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50])
t(math.fsum, [1e308, 1e308]); t(math.fsum, [inf, -inf]); t(math.fsum, [inf, 1.0]); t(math.fsum, [1, 'a'])
t(math.fsum, [nan, 1.0]); t(math.fsum, []); t(math.fsum, [2.0**53, -0.5, -2.0**-54]); t(math.fsum, range(10))
t(math.fsum, [1.0, 1e-16, 1e-16, 1e-16])
t(math.hypot); t(math.hypot, 3); t(math.hypot, 3, 4); t(math.hypot, 1e-320, 1e-320, 3e-320)
t(math.hypot, 1.5, 2.7, 3.1, 0.1); t(math.hypot, inf, nan); t(math.hypot, nan, 1); t(math.hypot, 1e308, 1e308)
t(math.hypot, 'a')
t(math.dist, (1, 2), (4, 6)); t(math.dist, [1.5, 2.25, 3.1], (0.1, 0.2, 0.3)); t(math.dist, (1, 2), (1, 2, 3))
t(math.dist, [1, 2], 3); print(math.dist(iter([1.0]), iter([3.0])))
t(math.prod, [1, 2, 3, 4]); t(math.prod, [1.5, 2, 3]); t(math.prod, [1, 2], start=3); t(math.prod, [])
t(math.prod, ['a', 3]); t(math.prod, [2**40, 2**40, 2**40])
t(math.sumprod, [1, 2, 3], [4, 5, 6]); t(math.sumprod, [0.1] * 10, [1] * 10); t(math.sumprod, [1, 2], [3])
t(math.sumprod, [0.1, 0.2, 0.3], [0.3, 0.2, 0.1]); t(math.sumprod, [2**62, 2**62], [4, 4])
t(math.sumprod, [1, 2.5, True, 3], [1.5, 2, 0.25, 'x']); t(math.sumprod, [1e308, 1e308, -1e308], [10, 10, 10])
t(math.sumprod, [], []); t(math.sumprod, [1.5, 2], [True, False])
t(math.fma, 2.0, 3.0, 1.0); t(math.fma, 0.1, 10, -1); t(math.fma, inf, 0, 1); t(math.fma, 1e308, 10, 0)
t(math.fma, nan, 0, 1)
t(math.nextafter, 1.0, 2.0, steps=3); t(math.nextafter, 1.0, 2.0, steps=-1); t(math.nextafter, 0.0, -1.0, steps=2)
t(math.nextafter, 5e-324, 1.0, steps=0); t(math.nextafter, 1.0, 1.0000000000000004, steps=10**30)
t(math.nextafter, -1.0, 1.0, steps=2**62)
t(math.isclose, 1, 1 + 1e-10); t(math.isclose, 1, 1.1, rel_tol=0.2); t(math.isclose, 0, 1e-12, abs_tol=1e-9)
t(math.isclose, 1, 1, rel_tol=-1); t(math.isclose, inf, inf); t(math.isclose, nan, nan); t(math.isclose, a=1, b=1)
t(math.sqrt); t(math.sqrt, x=1); t(math.atan2, 1); t(math.sqrt, 10**400)
# integer functions
t(math.factorial, 0); t(math.factorial, 20); t(math.factorial, 100); t(math.factorial, 2.0); t(math.factorial, -1)
t(math.factorial, 10**30); t(math.factorial, True)
print(math.factorial(3000).bit_length(), math.factorial(3000) % (10**40 + 7))
t(math.gcd); t(math.gcd, 12); t(math.gcd, -12); t(math.gcd, 12, 18, -30); t(math.gcd, 2**100, 6 * 2**80, 0); t(math.gcd, 1.5)
t(math.lcm); t(math.lcm, 4, 6, 10); t(math.lcm, 4, 0, 3); t(math.lcm, -4, 6); t(math.lcm, 2**70, 3**40)
for n in [0, 1, 2, 3, 4, 15, 16, 17, 10**50, 2**127, 2**128 - 1, 10**100 + 12345]:
    t(math.isqrt, n)
t(math.isqrt, -1); t(math.isqrt, 2.0)
t(math.comb, 10, 3); t(math.comb, 10, 11); t(math.comb, 10**30, 3); t(math.comb, 100, 50); t(math.comb, -1, 2)
t(math.comb, 1, -2); t(math.comb, 1.0, 2); t(math.comb, 300, 150)
t(math.perm, 5); t(math.perm, 5, None); t(math.perm, 10, 3); t(math.perm, 3, 10); t(math.perm, 5, -1); t(math.perm, 10**20, 2)
