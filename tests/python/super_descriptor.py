# super objects: unbound super as a class attribute binds through __get__,
# subclasses of super rebind by calling themselves, proxies are accepted
# through __class__, and the __thisclass__/__self__/__self_class__ members.


class A:
    def meth(self, a):
        return "A(%r)" % a


class C(A):
    def meth(self, a):
        return "C(%r)" % a + self.__super.meth(a)


C._C__super = super(C)
print(C().meth(3))

s = super(C)
print(s.__get__(None, C) is s)
bound = s.__get__(C(), C)
print(type(bound).__name__, type(bound.__self__).__name__, bound.__thisclass__.__name__)
print(bound.__self_class__.__name__, s.__self__, s.__self_class__)
print(bound.__get__(A(), A) is bound)


class mysuper(super):
    def __init__(self, *args):
        return super(mysuper, self).__init__(*args)


class E(C):
    def meth(self, a):
        return "E(%r)" % a + mysuper(E, self).meth(a)


print(E().meth(5))


class F(E):
    def meth(self, a):
        s = self.__super
        return "F(%r)[%s]" % (a, type(s).__name__) + s.meth(a)


F._F__super = mysuper(F)
print(F().meth(6))


# A proxy whose __class__ is a subclass of the type.
class Proxy:
    def __init__(self, obj):
        self.__obj = obj

    def __getattribute__(self, name):
        if name.startswith("_Proxy__"):
            return object.__getattribute__(self, name)
        return getattr(self.__obj, name)


class B:
    def f(self):
        return "B.f"


class D(B):
    def f(self):
        return super(D, self).f() + "->D.f"


print(D.__dict__["f"](Proxy(D())))

for args in [(A, 1), (A, int), (C, A())]:
    try:
        super(*args)
    except TypeError as e:
        print(type(e).__name__, e)

print(super.__thisclass__.__name__, super.__self__.__name__)
sup = super(C, C())
super.__init__(sup, A, A())
print(sup.__thisclass__.__name__, type(sup.__self__).__name__)
