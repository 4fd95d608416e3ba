# frame.clear(): CPython's errors for running and suspended frames, and the
# locals of a finished frame dropped; traceback.clear_frames and unittest's
# assertRaises rely on it.
import sys
def f():
    x = [1, 2]
    fr = sys._getframe()
    try:
        fr.clear()
    except RuntimeError as e:
        print(type(e).__name__, e)
    return sys._getframe()
fr = f()
print(sorted(fr.f_locals))
print(fr.clear(), sorted(fr.f_locals))
def g():
    y = 1
    yield sys._getframe()
gen = g()
gf = next(gen)
try:
    gf.clear()
except RuntimeError as e:
    print(type(e).__name__, e)
print(next(gen, 'done'))
try:
    raise ValueError
except ValueError as e:
    tb = e.__traceback__
import traceback
traceback.clear_frames(tb)
print('cleared')
import unittest, io
class T(unittest.TestCase):
    def test_fail(self): self.assertEqual(1, 2)
    def test_raises(self):
        with self.assertRaises(ValueError): int('x')
    def test_raises_msg(self):
        with self.assertRaisesRegex(ValueError, 'invalid literal'): int('x')
r = unittest.TextTestRunner(stream=io.StringIO(), verbosity=0).run(
    unittest.defaultTestLoader.loadTestsFromTestCase(T))
print(r.testsRun, len(r.failures), len(r.errors))
print(r.failures[0][1].splitlines()[-1])
