import _random

def t(f, *a):
    try:
        r = f(*a)
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print(repr(r))

r = _random.Random(42)
print([r.random() for _ in range(5)])
print([r.getrandbits(k) for k in (0, 1, 7, 31, 32, 33, 64, 100, 1000)])
for s in [0, 1, -1, 2**32, 2**32 - 1, 2**100 + 12345, -(2**70), 3.5, -0.0, (1, 2)]:
    r.seed(s)
    print(repr(s), r.random(), r.getrandbits(40))
st = r.getstate()
print(type(st).__name__, len(st), st[-1], st[:3])
a = [r.random() for _ in range(700)]
r.setstate(st)
b = [r.random() for _ in range(700)]
print(a == b, a[-1])
t(r.setstate, [1, 2])
t(r.setstate, (1, 2))
t(r.setstate, st[:-1] + (625,))
t(r.setstate, st[:-1] + (-1,))
t(r.setstate, ('a',) + st[1:])
t(r.getrandbits, -1)
t(r.getrandbits, 2.0)
t(_random.Random, 1, 2)
t(lambda: _random.Random(x=1))
t(r.seed, 1, 2)
r2 = _random.Random()
print(0.0 <= r2.random() < 1.0)

class My(_random.Random):
    def __init__(self, x, extra=None):
        super().__init__(x)
        self.extra = extra
    def random(self):
        return super().random() * 2

m = My(7, extra='e')
print(m.extra, m.random(), isinstance(m, _random.Random), type(m).__mro__[1].__name__)
m.seed(7)
print(m.getrandbits(20))
r.seed(12345)
print(r.getstate()[:4], r.getstate()[-2:])
