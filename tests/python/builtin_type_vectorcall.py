# range(), enumerate() and list() are called without building an argument
# tuple (their own vectorcall); the results, errors and subclass behaviour
# stay those of the generic type call.
def show(f):
    try:
        r = f()
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print(repr(r))


show(lambda: range(5))
show(lambda: range(1, 9, 3))
show(lambda: range(True, 3))
show(lambda: range())
show(lambda: range(1, 2, 3, 4))
show(lambda: range(1, 2, 0))
show(lambda: range(stop=3))
show(lambda: range(*[2, 4], **{}))
show(lambda: range(1.5))
show(lambda: type.__call__(range, 3))

show(lambda: list(enumerate("ab")))
show(lambda: list(enumerate("ab", 5)))
show(lambda: list(enumerate("ab", start=-2)))
show(lambda: list(enumerate(iterable="xy")))
show(lambda: list(enumerate(start=1, iterable="xy")))
show(lambda: list(enumerate("ab", 2**70)))
show(lambda: enumerate())
show(lambda: enumerate("a", 1, 2))
show(lambda: enumerate(5))
show(lambda: enumerate("a", "b"))
show(lambda: enumerate("a", bad=1))


class E(enumerate):
    pass


show(lambda: (type(E("ab")).__name__, list(E("ab", 1))))

show(lambda: list())
show(lambda: list("abc"))
show(lambda: list(range(4)))
show(lambda: list((x * x for x in range(4))))
show(lambda: list({1: 2}))
show(lambda: list(1, 2))
show(lambda: list(5))
show(lambda: list(iterable=[1]))


class L(list):
    def __init__(self, *a, **k):
        print("L.__init__", a, k)
        super().__init__(*a)


show(lambda: (type(L("ab")).__name__, L("ab")))


class M(type):
    def __call__(cls, *a):
        return ("M called", a)


class C(metaclass=M):
    pass


show(lambda: C(1, 2))
