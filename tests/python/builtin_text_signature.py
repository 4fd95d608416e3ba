# Builtins whose doc starts with a signature line show it as
# __text_signature__ (which inspect.signature reads) and the rest as
# __doc__.
import functools
import inspect
import operator

for f in (functools.cmp_to_key, functools._lru_cache_wrapper.cache_info,
          functools._lru_cache_wrapper.cache_clear, operator.attrgetter,
          operator.itemgetter, operator.methodcaller):
    print(f.__name__, repr(f.__text_signature__), str(inspect.signature(f)))

lru = functools.lru_cache(1)(lambda a, /, b, c=True: None)
print(str(inspect.signature(lru)), str(inspect.signature(lru.cache_info)),
      str(inspect.signature(lru.cache_clear)))
for g in (operator.attrgetter("x"), operator.itemgetter(1), operator.methodcaller("m")):
    print(type(g).__name__, g.__text_signature__, str(inspect.signature(g)))

# The doc no longer starts with the signature.
for f in (functools.cmp_to_key, operator.attrgetter, operator.itemgetter,
          operator.methodcaller, functools._lru_cache_wrapper.cache_info):
    print(f.__name__, f.__doc__ is None or not f.__doc__.startswith(f.__name__ + "("))

# No doc, no signature.
print(type(len).__text_signature__)
