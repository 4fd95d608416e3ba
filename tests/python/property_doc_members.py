# property: read-only fget/fset/fdel members, a writable __doc__ (taken
# from the getter, and again from a new getter), __name__, and the doc
# of property subclass instances kept in their dict.
def show(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
def g(self):
    "getter doc"
    return 1
p = property(g)
show(lambda: p.__doc__)
show(lambda: p.__name__)
p.__doc__ = 42
show(lambda: p.__doc__)
for a in ("fget", "fset", "fdel"):
    try: setattr(p, a, 42)
    except AttributeError as e: print(e)
show(lambda: p.setter(None).__doc__)
q = property(g, doc="explicit")
show(lambda: q.setter(None).__doc__)
show(lambda: q.getter(lambda s: 2).__doc__)
show(lambda: p.getter(lambda s: 2).__doc__)
def g2(self):
    "other doc"
show(lambda: p.getter(g2).__doc__)
class SubProp(property): pass
sp = SubProp(g)
show(lambda: sp.__doc__)
show(lambda: sp.__dict__)
class SlotProp(property): __slots__ = ()
show(lambda: SlotProp(g).__doc__)
show(lambda: SlotProp(g, doc="x").__doc__)
show(lambda: type(SlotProp(None, doc="x")).__name__)
class C:
    @property
    def foo(self):
        "hello"
        return 1
    @foo.setter
    def foo(self, v): pass
show(lambda: C.foo.__doc__)
show(lambda: C.foo.__name__)
p.__name__ = "renamed"
show(lambda: p.__name__)
show(lambda: property().__name__)
del p.__doc__
show(lambda: p.__doc__)
show(lambda: sorted(x for x in dir(property) if not x.startswith('__') or x in ('__doc__', '__name__')))


class K:
    p = property()

    class Inner:
        q = property(g)


unnamed = property()
K.unnamed = unnamed
show(lambda: K().p)
show(lambda: setattr(K(), "p", 1))
show(lambda: delattr(K(), "p"))
show(lambda: setattr(K.Inner(), "q", 1))
show(lambda: delattr(K.Inner(), "q"))
show(lambda: unnamed.__get__(K()))
show(lambda: unnamed.__set__(K(), 1))


class S:
    __slots__ = ("a",)


show(lambda: S().a)
