# warn_explicit takes any str filename, lone surrogates (undecodable
# bytes) and a ".py" suffix included, for the record and the display.
import io
import sys
import warnings

names = ["nonascii\xe9\u20ac", "surrogate\udc80", "mod\udc80.py", ".py", ""]
with warnings.catch_warnings(record=True) as w:
    warnings.resetwarnings()
    warnings.filterwarnings("always", category=UserWarning)
    for filename in names:
        warnings.warn_explicit("text", UserWarning, filename, 1)
        print(ascii(w[-1].filename))

# Module-specific filters see the name without ".py".
with warnings.catch_warnings(record=True) as w:
    warnings.resetwarnings()
    warnings.filterwarnings("ignore", module="mod\udc80")
    warnings.warn_explicit("text", UserWarning, "mod\udc80.py", 1)
    warnings.warn_explicit("text", UserWarning, "other\udc80.py", 1)
    print([ascii(x.filename) for x in w])

with warnings.catch_warnings():
    warnings.simplefilter("always")
    err, sys.stderr = sys.stderr, io.StringIO()
    try:
        warnings.warn_explicit("shown", UserWarning, "surrogate\udc80", 3)
    finally:
        text, sys.stderr = sys.stderr.getvalue(), err
print(ascii(text))
