# random.py over _random: CPython's exact numbers for the same seeds.
# Until `os` offers what random.py uses (urandom, register_at_fork), a
# stand-in gives random.py those two names.
import sys
try:
    import os
    os.urandom, os.register_at_fork
except Exception:
    class _FakeOs:
        pass
    os = _FakeOs()
    os.urandom = lambda n: bytes(n)
    os.register_at_fork = lambda **k: None
    sys.modules['os'] = os
import random
random.seed(42); print(random.random(), random.randint(1, 100), random.choice('abcdef'))
l = list(range(10)); random.shuffle(l); print(l, random.sample(range(100), 5), random.gauss(0, 1), random.uniform(1, 2))
random.seed('hello'); print(random.random(), random.getrandbits(70), random.randrange(10**30))
random.seed(b'bytes'); print(random.expovariate(2), random.betavariate(2, 3), random.choices('abc', k=5))
r = random.Random(123); print(r.triangular(), r.normalvariate(), r.vonmisesvariate(1, 2), r.binomialvariate(20, 0.3))
st = r.getstate(); a = r.random(); r.setstate(st); print(a == r.random(), st[0], len(st[1]))
print(random.Random(2**100).random(), random.Random(-5).random(), random.Random(3.25).random())
