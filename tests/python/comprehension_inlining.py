# PEP 709: list, set and dict comprehensions run inline in the enclosing
# frame; their iteration variables stay isolated from the enclosing scope.
import sys
import traceback
import asyncio


def show(label, value):
    print(label, repr(value))


def err(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, "no error", repr(r))


# ---- isolation of the iteration variable -------------------------------

def isolation():
    x = "outer"
    r = [x for x in range(3)]
    show("list keeps outer x", (r, x))
    s = {x for x in "ab"}
    show("set keeps outer x", (sorted(s), x))
    d = {x: x * 2 for x in range(2)}
    show("dict keeps outer x", (d, x))


isolation()


def unbound_after():
    r = [y for y in range(2)]
    try:
        y
    except NameError as e:
        print("y after comp:", type(e).__name__, e)
    return r


show("unbound_after", unbound_after())


def param_shadowed(x):
    r = [x * 2 for x in range(3)]
    return r, x


show("param shadowed", param_shadowed("p"))


def tuple_targets():
    a, b = "A", "B"
    r = [(b, a) for a, b in [(1, 2), (3, 4)]]
    r2 = [c for (a, *c) in ["xyz", "uv"]]
    return r, r2, a, b


show("tuple targets", tuple_targets())


def nested():
    i = "i"
    j = "j"
    r = [[i * j for j in range(3)] for i in range(3)]
    r2 = [(i, j) for i in range(2) for j in range(i)]
    return r, r2, i, j


show("nested", nested())


def nested_same_name():
    x = 10
    r = [[x for x in range(x)] for x in range(3)]
    return r, x


show("nested same name", nested_same_name())


def inner_iter_sees_outer():
    n = 3
    return [(a, b) for a in range(n) for b in range(a, n)]


show("inner iter", inner_iter_sees_outer())


def condition_before_binding():
    # `y` is the comprehension's (bound by the second `for`): reading it in
    # the first `if` is an UnboundLocalError.
    try:
        return [1 for x in range(2) if y for y in range(2)]
    except UnboundLocalError as e:
        return type(e).__name__, str(e)


show("cond before binding", condition_before_binding())


def outer_unbound_local():
    try:
        return [z for _ in range(1)]
    finally:
        pass
    z = 1


err("outer unbound local", outer_unbound_local)


def global_name_inside():
    return [len(s) for s in ["a", "bb"]]


show("global inside", global_name_inside())

# ---- exceptions restore the variables ----------------------------------


def exc_restores():
    x = "before"
    try:
        [1 / (x - 2) for x in range(5)]
    except ZeroDivisionError as e:
        print("caught", type(e).__name__, e)
    return x


show("exception restores", exc_restores())


def exc_restores_unbound():
    try:
        [1 / 0 for q in range(5)]
    except ZeroDivisionError:
        pass
    try:
        return q
    except NameError as e:
        return type(e).__name__, str(e)


show("exception unbound", exc_restores_unbound())


def exc_in_iter():
    x = "kept"

    def gen():
        yield 1
        raise ValueError("from iterator")

    try:
        [x for x in gen()]
    except ValueError as e:
        print("iterator error", e)
    return x


show("exc in iter", exc_restores() and exc_in_iter())


def exc_in_dict_value():
    k = "k"
    v = "v"
    try:
        {k: 1 // v for k, v in [(1, 1), (2, 0)]}
    except ZeroDivisionError as e:
        print("dict value error", e)
    return k, v


show("dict value exc", exc_in_dict_value())

# ---- cells and closures ------------------------------------------------


def lambdas_capture():
    fs = [lambda: y for y in range(3)]
    return [f() for f in fs]


show("lambdas capture last", lambdas_capture())


def lambdas_default():
    return [f() for f in [lambda y=y: y for y in range(3)]]


show("lambdas default", lambdas_default())


def outer_cell():
    y = "outer"

    def get():
        return y

    r = [y for y in range(3)]
    return r, y, get()


show("outer cell", outer_cell())


def outer_cell_and_capture():
    y = "outer"

    def get():
        return y

    fs = [lambda: y for y in range(2)]
    return [f() for f in fs], y, get()


show("outer cell and capture", outer_cell_and_capture())


def free_from_enclosing():
    base = 100

    def inner(xs):
        return [base + x for x in xs]

    return inner([1, 2])


show("free from enclosing", free_from_enclosing())


def closure_over_outer_in_comp():
    k = 5
    fs = [lambda: k + i for i in range(2)]
    k = 6
    return [f() for f in fs]


show("closure over outer", closure_over_outer_in_comp())


def enclosing_free_shadowed():
    y = "enclosing"

    def inner():
        g = lambda: y
        r = [y for y in range(2)]
        return r, g()

    return inner()


err("enclosing free shadowed", enclosing_free_shadowed)


def enclosing_free_captured():
    y = "enclosing"

    def inner():
        g = lambda: y
        fs = [lambda: y for y in range(2)]
        return [f() for f in fs], g(), y

    return inner()


err("enclosing free captured", enclosing_free_captured)


def nonlocal_after():
    x = 0

    def bump():
        nonlocal x
        x += 1
        return [x + i for i in range(2)]

    return bump(), bump(), x


show("nonlocal", nonlocal_after())

# ---- walrus ------------------------------------------------------------


def walrus_function():
    r = [last := v * 2 for v in range(4)]
    return r, last


show("walrus in function", walrus_function())


def walrus_nested():
    r = [[total := total + b for b in range(a)] for a in range(3) if (total := 0) == 0]
    return r, total


show("walrus nested", walrus_nested())

mod_result = [w := c.upper() for c in "abc"]
show("walrus module", (mod_result, w))


def walrus_closure():
    fs = []
    r = [(seen := v, fs.append(lambda: seen)) for v in range(3)]
    return len(r), seen, [f() for f in fs]


show("walrus closure", walrus_closure())

# ---- module level ------------------------------------------------------

m = "module m"
mod_list = [m for m in range(3)]
show("module keeps m", (mod_list, m))
show("module var not leaked", "_leak" in globals())
_ = [_leak for _leak in range(2)]
show("module var not leaked after", "_leak" in globals())
mod_lambdas = [lambda: q for q in range(3)]
show("module lambdas", [f() for f in mod_lambdas])
show("module no q", "q" in globals())

mod_locals = [sorted(k for k in locals() if not k.startswith("__")) for mx in range(1)]
show("module locals inside", mod_locals)
show("module vars inside", [vars().get("mx", "none") for mx in range(1)])
show("module locals after", "mx" in locals())

# ---- class bodies ------------------------------------------------------


class C1:
    a = 10
    b = [i * 2 for i in range(3)]
    try:
        c = [a for _ in range(2)]
    except NameError as e:
        c = str(e)
    d = [i * 3 for i in range(a // 5)]  # the first iterable sees class names
    i = "class i"
    e = [i for i in range(2)]


show("class b", C1.b)
show("class c", C1.c)
show("class d", C1.d)
show("class i kept", (C1.i, C1.e))
show("class attrs", sorted(k for k in vars(C1) if not k.startswith("__")))


def class_in_function():
    z = "func z"

    class K:
        z = "class z"
        r = [z for _ in range(1)]
        s = [lambda: n for n in range(2)]

    return K.r, K.z, [f() for f in K.s]


show("class in function", class_in_function())


class C2:
    names = ["x", "y"]
    upper = {n: n.upper() for n in names}
    lens = {len(n) for n in names}


show("class dict/set", (C2.upper, C2.lens))


class C4:
    a = 1
    inside = [sorted(locals()) for y in range(1)]
    frame_name = [sys._getframe().f_code.co_name for z in range(1)]
    after = sorted(k for k in locals() if not k.startswith("__"))


show("class locals", (C4.inside, C4.frame_name, C4.after, "y" in vars(C4)))


class C3:
    def method(self):
        return [super().__class__.__name__ for _ in range(1)]

    def uses_class(self):
        return [__class__.__name__ for _ in range(1)]


show("super in comp", (C3().method(), C3().uses_class()))

# ---- frames, tracebacks, locals ----------------------------------------


def frames():
    here = sys._getframe()
    inside = [sys._getframe() for _ in range(1)][0]
    return inside is here, inside.f_code.co_name


show("frame is enclosing", frames())


def traceback_names():
    try:
        [1 / 0 for _ in range(1)]
    except ZeroDivisionError as e:
        return [f.name for f in traceback.extract_tb(e.__traceback__)]


show("traceback names", traceback_names())


def deeper():
    return {k: 1 / k for k in [0]}


try:
    deeper()
except ZeroDivisionError as e:
    show("traceback deeper", [f.name for f in traceback.extract_tb(e.__traceback__)])


def locals_inside():
    outer_v = 1
    seen = [sorted(locals()) for inner_v in range(1)][0]
    return seen, sorted(locals())


show("locals inside", locals_inside())


def code_names():
    def f(xs):
        return [y for y in xs], {y for y in xs}, {y: y for y in xs}

    consts = [c for c in f.__code__.co_consts if hasattr(c, "co_name")]
    return f.__code__.co_varnames, [c.co_name for c in consts]


show("code names", code_names())


def genexp_not_inlined():
    g = (x for x in range(2))
    return type(g).__name__, g.gi_code.co_name


show("genexp", genexp_not_inlined())


def comp_in_genexp():
    g = ([y * x for y in range(x)] for x in range(3))
    return list(g)


show("comp in genexp", comp_in_genexp())


def genexp_in_comp():
    return [list(y + 1 for y in range(x)) for x in range(3)]


show("genexp in comp", genexp_in_comp())


def comp_in_lambda():
    f = lambda n: [i * n for i in range(n)]
    return f(3)


show("comp in lambda", comp_in_lambda())


def qualnames():
    fs = [lambda: 0 for _ in range(1)]
    return fs[0].__qualname__


show("lambda qualname", qualnames())

# ---- tracing -----------------------------------------------------------


def traced():
    r = [a
         for a in range(2)]
    return r


events = []


def tracer(frame, event, arg):
    if frame.f_code is traced.__code__:
        events.append((event, frame.f_lineno - traced.__code__.co_firstlineno, frame.f_code.co_name))
    return tracer


sys.settrace(tracer)
traced()
sys.settrace(None)
show("trace events", events)

# ---- async comprehensions ----------------------------------------------


async def agen(n):
    for i in range(n):
        yield i


async def async_comps():
    x = "outer"
    a = [x async for x in agen(3)]
    b = {x: x async for x in agen(2)}
    c = [await asyncio.sleep(0, x) for x in range(2)]
    d = [[y async for y in agen(x)] for x in range(3)]
    here = sys._getframe()
    e = [sys._getframe() is here async for _ in agen(1)]
    return a, b, c, d, e, x


show("async comps", asyncio.run(async_comps()))


async def async_exc():
    v = "kept"
    try:
        [1 / v async for v in agen(2)]
    except ZeroDivisionError as e:
        print("async error", e)
    return v


show("async exc", asyncio.run(async_exc()))

# ---- errors ------------------------------------------------------------

for src in [
    "[x for x in range(3) if (x := 1)]",
    "class A:\n    [(y := 1) for _ in range(2)]",
    "def f():\n    [i := 0 for i in range(2)]",
    "[(lambda: (j := 1)) for j in range(1)]",
    "def f():\n    return [x async for x in y]",
]:
    try:
        compile(src, "<s>", "exec")
    except SyntaxError as e:
        print("SyntaxError:", e.msg)
    else:
        print("compiled:", src.splitlines()[-1])
