# Modules that need the ast module (through inspect): inspect.signature,
# dataclasses, unittest. The unittest cases all pass: reporting a failure
# or assertRaises needs frame.clear, code.co_positions and a writable
# tb_next, which the runtime does not have yet.
import dataclasses
import inspect
import io
import unittest


def f(a, b: int = 2, *args, c, d=4, **kw) -> str:
    return "x"


print(inspect.signature(f))
print(inspect.signature(lambda x, /, y=1: 0))
print(list(inspect.signature(f).parameters))
print(inspect.signature(f).return_annotation)


# dataclasses imports (it needs inspect, hence ast); @dataclass itself is
# left out: class annotations are lazy here (PEP 649) and 3.13's
# dataclasses looks for __annotations__ in the class __dict__.
print(type(dataclasses.MISSING).__name__, dataclasses.is_dataclass(int))


class T(unittest.TestCase):
    def test_ok(self):
        self.assertEqual(1 + 1, 2)

    def test_in(self):
        self.assertIn(3, [1, 2, 3])

    @unittest.skip("not now")
    def test_skipped(self):
        pass

    def test_dict(self):
        self.assertDictEqual({"a": 1}, dict(a=1))


stream = io.StringIO()
suite = unittest.defaultTestLoader.loadTestsFromTestCase(T)
result = unittest.TextTestRunner(stream=stream, verbosity=0).run(suite)
print(result.testsRun, len(result.failures), len(result.errors), len(result.skipped))
print(result.wasSuccessful(), result.skipped[0][0].id(), result.skipped[0][1])
