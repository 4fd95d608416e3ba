# Loads of locals that may be unbound on some path raise UnboundLocalError;
# loads of locals bound on every path need no check (the compiler's flow
# analysis), including after loops, handlers, comprehensions and `del`.
import dis
import sys


def attempt(f, *args):
    try:
        print(f.__name__, "->", f(*args))
    except UnboundLocalError as e:
        print(f.__name__, "UnboundLocalError:", e)


def branch(flag):
    if flag:
        x = 1
    return x


def both_branches(flag):
    if flag:
        x = 1
    else:
        x = 2
    return x + x


def loop_body(n):
    for i in range(n):
        last = i
    return last


def while_loop(n):
    while n:
        n -= 1
        y = n
    return y


def deleted(flag):
    x = 1
    if flag:
        del x
    return x


def deleted_then_bound():
    x = 1
    del x
    x = 2
    return x * x


def handler(flag):
    try:
        if flag:
            raise ValueError
        z = 1
    except ValueError:
        pass
    return z


def handler_binds(flag):
    try:
        if flag:
            raise ValueError
        z = 1
    except ValueError:
        z = 2
    return z


def except_as():
    try:
        raise KeyError("k")
    except KeyError as e:
        pass
    return e


def finally_path(flag):
    try:
        if flag:
            w = 1
    finally:
        pass
    return w


def comprehension_restores(flag):
    if flag:
        i = "outer"
    [i for i in range(3)]
    return i


def comprehension_unbound():
    [j for j in range(3)]
    return j
    j = 0


def with_block(flag):
    class Ctx:
        def __enter__(self):
            return "entered"

        def __exit__(self, *a):
            return True

    with Ctx() as v:
        if flag:
            raise RuntimeError
        u = v
    return u


def generator(flag):
    if flag:
        g = 1
    yield 0
    yield g


def checked_load_binds(flag):
    if flag:
        q = 5
    try:
        q
    except UnboundLocalError:
        return "unbound"
    return q + q


for f, args in [
    (branch, (True,)),
    (branch, (False,)),
    (both_branches, (False,)),
    (loop_body, (3,)),
    (loop_body, (0,)),
    (while_loop, (2,)),
    (while_loop, (0,)),
    (deleted, (False,)),
    (deleted, (True,)),
    (deleted_then_bound, ()),
    (handler, (False,)),
    (handler, (True,)),
    (handler_binds, (True,)),
    (except_as, ()),
    (finally_path, (True,)),
    (finally_path, (False,)),
    (comprehension_restores, (True,)),
    (comprehension_restores, (False,)),
    (comprehension_unbound, ()),
    (with_block, (False,)),
    (with_block, (True,)),
    (checked_load_binds, (True,)),
    (checked_load_binds, (False,)),
]:
    attempt(f, *args)

for flag in (True, False):
    g = generator(flag)
    print(next(g))
    try:
        print(next(g))
    except UnboundLocalError as e:
        print("generator UnboundLocalError:", e)


# Locals bound on every path are loaded without a check, as CPython does.
def checks(f):
    return sorted(
        i.argval for i in dis.get_instructions(f) if i.opname == "LOAD_FAST_CHECK"
    )


def plain(a, b):
    s = a + b
    for k in range(3):
        s += k
    t = s * 2
    return s, t


print("checks", checks(plain), checks(both_branches), checks(handler_binds))
print("checks", checks(branch), checks(deleted), checks(finally_path))


# Jumping over an assignment with f_lineno binds the skipped locals to
# None (with a RuntimeWarning) rather than leaving them unbound.
def jumper():
    a = 1
    b = 2
    return a, b


def tracer(frame, event, arg):
    if event == "line" and frame.f_code is jumper.__code__:
        if frame.f_lineno == jumper.__code__.co_firstlineno + 1:
            frame.f_lineno = jumper.__code__.co_firstlineno + 3
    return tracer


import warnings

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    sys.settrace(tracer)
    r = jumper()
    sys.settrace(None)
print("jumped", r, [str(x.message) for x in w])
