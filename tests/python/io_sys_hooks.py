import sys
print(sys.displayhook is sys.__displayhook__, sys.excepthook is sys.__excepthook__)
sys.displayhook(None)
sys.displayhook([1, 'a'])
import builtins
print(builtins._)
seen = []
def hook(t, v, tb):
    seen.append((t.__name__, str(v)))
    print('hooked', t.__name__, v, tb is not None)
sys.excepthook = hook
try:
    sys.displayhook(1, 2)
except TypeError as e:
    print('TypeError', e)
raise ValueError('boom')
