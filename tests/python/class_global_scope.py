# A class's own `global` declaration does not reach the functions defined
# in it: they still see the enclosing function's variable.
def test(x):
    class Foo:
        global x

        def __call__(self, y):
            return x + y

        def seen(self):
            return x

    return Foo()


x = 0
print(test(6)(2), test(6).seen())
x = -1
print(test(3)(2))


def outer():
    v = "outer"

    class C:
        global v
        v = "class"

        def get(self):
            return v

    return C().get(), C.__dict__.get("v")


v = "module"
print(outer(), v)

print(sorted(k for k in globals() if k in ("v", "x")))
