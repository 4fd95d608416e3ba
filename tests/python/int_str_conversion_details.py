# int() of buffers and of text with surrogates, the DeprecationWarning for
# __int__/__index__ returning an int subclass, %-format width/precision
# overflow, huge format field indexes, ascii() of an ASCII str subclass repr.
import warnings, array
class BadIndex:
    def __index__(self): return True
class BadInt:
    def __int__(self): return True
class BadInt2(int):
    def __int__(self): return True
for o in (BadIndex(), BadInt(), BadInt2()):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        n = int(o)
    print(n, type(n).__name__, [str(x.message) for x in w])
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print([10, 20][BadIndex()], [str(x.message)[:40] for x in w])
print(int(memoryview(b'123')[1:3]), int(memoryview(b'1234')), int(array.array('b', b'100')))
for bad in ('123\ud800', memoryview(b'12x'), object()):
    try:
        int(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
for s in ('%%%df' % 2**64, '%%.%df' % 2**64):
    for f in (s, s.encode()):
        try:
            f % 3.2
        except ValueError as e:
            print(type(e).__name__, e)
big = "23098475029384702983476098230754973209482573"
for f in ("{" + big + "}", "{[" + big + "]}", "{0[" + big + "]}"):
    try:
        f.format([0])
    except ValueError as e:
        print(type(e).__name__, e)
class S(str): pass
class R:
    def __repr__(self): return S('<abc>')
class U:
    def __repr__(self): return S('<\xe9>')
print(type(ascii(R())).__name__, ascii(R()), type(ascii(U())).__name__, ascii(U()))
