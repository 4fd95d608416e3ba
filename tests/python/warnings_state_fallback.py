# The warn functions keep the last filters, once-registry and default
# action they found on the warnings module, and use them once the module
# attribute is deleted.
import warnings


def attempt(what):
    try:
        warnings.warn(what)
        print(what, "-> no exception")
    except UserWarning as e:
        print(what, "-> raised", e)


with warnings.catch_warnings():
    warnings.filterwarnings("error", "", Warning, "", 0)
    attempt("with filters")
    saved = warnings.filters
    del warnings.filters
    attempt("filters deleted")
    warnings.filters = saved

message = UserWarning("once test")
original = warnings.onceregistry
try:
    with warnings.catch_warnings(record=True) as w:
        warnings.resetwarnings()
        warnings.filterwarnings("once", category=UserWarning)
        warnings.warn_explicit(message, UserWarning, "file", 42)
        print(len(w), w[-1].message)
        warnings.warn_explicit(message, UserWarning, "file", 42)
        print(len(w))
        warnings.onceregistry = {}
        warnings.warn_explicit(message, UserWarning, "file", 42)
        print(len(w))
        del warnings.onceregistry
        warnings.warn_explicit(message, UserWarning, "file", 42)
        print(len(w))
finally:
    warnings.onceregistry = original

original = warnings.defaultaction
try:
    with warnings.catch_warnings(record=True) as w:
        warnings.resetwarnings()
        warnings.defaultaction = "ignore"
        warnings.warn_explicit(UserWarning("x"), UserWarning, "file", 1)
        del warnings.defaultaction
        warnings.warn_explicit(UserWarning("y"), UserWarning, "file", 2)
        print([str(x.message) for x in w])
finally:
    warnings.defaultaction = original
