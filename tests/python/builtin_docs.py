# Docstrings and signatures of builtins: which objects have a doc, the
# signature lines that inspect reads, and docstrings of Python code. The
# doc texts themselves differ from CPython's by design and are not printed.
import builtins
import inspect

names = ["abs", "all", "any", "ascii", "bin", "callable", "chr", "delattr",
         "divmod", "format", "hasattr", "hash", "hex", "id", "input",
         "isinstance", "issubclass", "len", "oct", "ord", "pow", "print",
         "repr", "round", "setattr", "sorted", "sum", "aiter",
         "compile", "exec", "eval", "globals", "locals", "breakpoint",
         "__import__"]
for n in names:
    f = getattr(builtins, n)
    print(n, type(f.__doc__).__name__, f.__text_signature__, inspect.signature(f))
import io
print(open is io.open, type(open.__doc__).__name__, inspect.signature(open))
print(io.open_code.__text_signature__, io.text_encoding.__text_signature__)
print(type(builtins.__doc__).__name__)
# A default that has no repr: inspect refuses the signature.
print(anext.__text_signature__)

# Several signatures: no __text_signature__, a usage line first instead.
for n in ["max", "min", "iter", "next", "getattr", "vars", "dir", "__build_class__"]:
    f = getattr(builtins, n)
    print(n, f.__text_signature__, f.__doc__.startswith(n + "("))

types = [int, str, bytes, bytearray, list, tuple, dict, set, frozenset, float,
         complex, bool, object, type, range, slice, memoryview, property,
         classmethod, staticmethod, super, enumerate, zip, map, filter,
         reversed, BaseException, Exception, ValueError, OSError, KeyError]
for t in types:
    print(t.__name__, type(t.__doc__).__name__, t.__text_signature__)
for t in [list, tuple, set, frozenset, bool, float, complex, zip, map,
          filter, enumerate, reversed, classmethod, staticmethod, object,
          memoryview]:
    print(t.__name__, inspect.signature(t))

# Methods of the builtin types: signature lines and that each has a doc.
methods = [str.join, str.split, str.encode, str.replace, str.center,
           str.maketrans, bytes.hex, bytes.fromhex, bytes.decode,
           bytearray.append, bytearray.pop, bytes.maketrans, list.append,
           list.sort, list.index, tuple.count, dict.get, dict.pop,
           dict.fromkeys, dict.keys, set.union, set.add, frozenset.issubset,
           int.to_bytes, int.from_bytes, int.bit_length, float.hex,
           float.fromhex, float.__round__, complex.conjugate, object.__dir__,
           object.__reduce_ex__, object.__init_subclass__, object.__subclasshook__,
           type.mro, type.__subclasses__, type.__prepare__, range.index,
           slice.indices, memoryview.tobytes, memoryview.cast, property.getter,
           enumerate.__reduce__, zip.__setstate__, reversed.__reduce__,
           BaseException.with_traceback, BaseException.add_note,
           list.__class_getitem__, dict.__class_getitem__]
for m in methods:
    print(m.__qualname__, type(m.__doc__).__name__, m.__text_signature__)
for m in [str.join, "".join, list.sort, [].sort, dict.fromkeys, int.from_bytes,
          type.__prepare__]:
    print(m.__name__, inspect.signature(m))
print(dict.update.__text_signature__, dict.update.__doc__.startswith("D.update("))
undocumented = []
for t in [int, str, bytes, bytearray, list, tuple, dict, set, frozenset,
          float, complex, object, type, range, slice, property, enumerate,
          zip, map, filter, reversed, BaseException]:
    for k, v in vars(t).items():
        if type(v).__name__ in ("method_descriptor", "classmethod_descriptor",
                                "wrapper_descriptor", "builtin_function_or_method"):
            # CPython leaves these pickling helpers without a doc.
            if k in ("__getnewargs__", "__reduce__", "__setstate__"):
                continue
            if not isinstance(v.__doc__, str):
                undocumented.append(t.__name__ + "." + k)
print("undocumented:", undocumented)
for d in [int.real, int.denominator, float.imag, memoryview.nbytes,
          BaseException.__context__]:
    print(d.__name__, type(d.__doc__).__name__)

# Slot wrappers, bound or not.
for w in [int.__add__, (1).__add__, list.__len__, [].__len__, dict.__setitem__,
          object.__init__, object.__repr__, int.__pow__, float.__rpow__,
          type.__call__, str.__contains__, int.__neg__]:
    print(w.__name__, type(w.__doc__).__name__, w.__text_signature__,
          inspect.signature(w))
print(int.__new__.__text_signature__, type(int.__new__.__doc__).__name__)

# Member and getset descriptors take the doc of their definition.
print(type(int.real.__doc__).__name__, type(slice.start.__doc__).__name__)

# Bound methods of Python functions have the function's doc.
class C:
    def m(self):
        """Method doc."""
    def n(self):
        pass
print(repr(C().m.__doc__), repr(C().n.__doc__), repr(C.m.__doc__))
print(C.__qualname__ is C.__qualname__, type(C).__qualname__)

# Docstrings of Python code keep their text; inspect.cleandoc trims it.
def f():
    """First line.

        Indented more.
    Back.
    """
print(repr(f.__doc__))
print(repr(inspect.cleandoc(f.__doc__)))
print(repr(inspect.getdoc(f)))

import functools
@functools.wraps(max)
def wrapper(*a, **k):
    return max(*a, **k)
print(wrapper.__doc__ == max.__doc__, wrapper.__name__, wrapper.__doc__.startswith("max("))

import unittest
class T(unittest.TestCase):
    def test_one(self):
        """Tests the one-line description."""
    def test_multi(self):
        """Tests a longer
        description."""
    def test_none(self):
        pass
for name in ["test_one", "test_multi", "test_none"]:
    print(T(name).shortDescription())

# functools.cmp_to_key's keys show the signature of their call.
key = functools.cmp_to_key(lambda a, b: 0)
print(inspect.signature(functools.cmp_to_key), inspect.signature(key))

# property.__name__ (from __set_name__ or the getter) lets inspect.getdoc
# find the doc of an inherited property.
class Base:
    @property
    def value(self):
        "The value."
class Derived(Base):
    def _get(self):
        pass
    value = property(_get)
print(Derived.value.__name__, repr(Derived.value.__doc__), inspect.getdoc(Derived.value))
print(property(len).__name__)
try:
    property().__name__
except AttributeError as e:
    print(type(e).__name__, e)
p = property(len)
p.__name__ = "renamed"
print(p.__name__)

# The io classes carry their constructor signatures.
import _io
for n in ["BufferedReader", "BufferedWriter", "BufferedRandom", "BufferedRWPair",
          "FileIO", "BytesIO", "StringIO", "TextIOWrapper",
          "IncrementalNewlineDecoder"]:
    t = getattr(_io, n)
    print(n, type(t.__doc__).__name__, inspect.signature(t))
class MyReader(_io.BufferedReader):
    """A subclass with its own doc."""
print(inspect.signature(MyReader))

# The time module's clocks have signatures (pydoc shows "time()").
import time
for n in ["time", "time_ns", "monotonic", "monotonic_ns", "perf_counter",
          "perf_counter_ns", "process_time", "process_time_ns", "thread_time",
          "thread_time_ns", "tzset"]:
    f = getattr(time, n)
    print(n, type(f.__doc__).__name__, inspect.signature(f))
