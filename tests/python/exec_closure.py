# exec/eval of a code object with free variables: eval refuses it, exec
# needs closure= with exactly the right cells; the argument checks of both.


def f(x):
    return lambda: x + 1


g = f(3)


def show(fn):
    try:
        print(repr(fn()))
    except Exception as e:
        print(type(e).__name__, e)


show(lambda: eval(g.__code__))
show(lambda: exec(g.__code__, {}))
show(lambda: exec(g.__code__))
show(lambda: exec(g.__code__, {}, closure=()))
show(lambda: exec(g.__code__, {}, closure=(1,)))
show(lambda: exec(g.__code__, {}, closure=list(g.__closure__)))
show(lambda: exec(g.__code__, {}, closure=g.__closure__ * 2))
show(lambda: exec(g.__code__, {}, closure=g.__closure__))
show(lambda: exec("1", {}, closure=g.__closure__))
show(lambda: exec((lambda: 1).__code__, {}, closure=g.__closure__))
show(lambda: exec((lambda: 1).__code__, {}, closure=None))
show(lambda: eval("1", {}, closure=None))
show(lambda: exec("1", [], {}))
show(lambda: exec("1", {}, 3))
show(lambda: eval("1", [], {}))
show(lambda: eval("1", {}, 3))
show(lambda: eval("1", {"a": 1}.keys(), {}))
show(lambda: eval("1", None, []))
show(lambda: eval(" \t 1 + 2"))
show(lambda: eval("x", globals=None, locals={"x": 7}))


# A closure's cells are shared with the code run by exec.
def counter():
    n = 0

    def bump():
        nonlocal n
        n += 1
        return n

    return bump


b = counter()
ns = {}
exec(b.__code__, ns, closure=b.__closure__)
print(b(), b.__closure__[0].cell_contents)
