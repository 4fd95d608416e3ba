# type(name, bases, dict) keeps a dotted name whole, refuses a __doc__
# with lone surrogates, and setting __module__ drops __firstlineno__.
for name in "A", "\xc4", "B.A", "42", "":
    A = type(name, (), {})
    print(repr(A.__name__), repr(A.__qualname__), A.__module__)
class M(type):
    pass
print(M("x.y.Z", (), {}).__name__, M("x.y.Z", (), {}).__qualname__)
for doc in "x", "x\x00y", b"x", 42, None:
    print(repr(type("A", (), {"__doc__": doc}).__doc__))
try:
    type("A", (), {"__doc__": "x\udcdcy"})
except UnicodeEncodeError as e:
    print(type(e).__name__, e.reason)
A = type("A", (), {"__firstlineno__": 42})
print(A.__dict__["__firstlineno__"])
A.__module__ = "testmodule"
print("__firstlineno__" in A.__dict__, A.__module__)
A.__firstlineno__ = 43
print(A.__dict__["__firstlineno__"])
