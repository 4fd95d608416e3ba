# builtin_function_or_method.__module__ (the m_module member): inspect and
# doctest use it to tell which module a builtin belongs to.
import math, inspect, doctest, enum, json
print(len.__module__, math.sqrt.__module__, [].append.__module__)
print(inspect.getmodule(len).__name__, inspect.getmodule(math.floor).__name__)
f = math.sqrt
f.__module__ = 'elsewhere'
print(f.__module__, math.sqrt.__module__)
f.__module__ = 'math'
print(type(len).__dict__['__module__'].__class__.__name__)
finder = doctest.DocTestFinder()
print(sorted(t.name for t in finder.find(json))[:3])
print(len(doctest.DocTestSuite(enum)._tests) > 0)
