# Each generator has its own handled exception (gi_exc_state): a yield
# inside an except block does not leak the exception into the caller, the
# caller's exception is seen inside a generator that handles none, and
# throw() chains onto the generator's own handled exception.
import sys


def show(*a):
    print(*[type(x).__name__ if isinstance(x, BaseException) else x for x in a])


def store():
    try:
        show("start", sys.exception())
        yield
    except Exception as exc:
        show("thrown in", sys.exception(), exc.__context__)
        yield
        show("still", sys.exception())
        yield
        raise


make = store()
next(make)
try:
    raise ValueError()
except Exception as exc:
    try:
        make.throw(exc)
    except Exception:
        pass
    show("caller after throw", sys.exception())
show("caller outside", sys.exception())
next(make)
show("caller after next", sys.exception())
try:
    next(make)
except ValueError as e:
    show("reraised", e, e.__context__)
show("end", sys.exception())


def sees_caller():
    show("in gen", sys.exception())
    yield "done"


g = sees_caller()
try:
    raise KeyError
except Exception:
    print(next(g))
show("after", sys.exception())


def nested():
    try:
        raise KeyError("a")
    except KeyError:
        for i in range(3):
            yield i
            show("resumed", sys.exception())


try:
    raise IndexError
except IndexError:
    for i in nested():
        show("loop", i, sys.exception())
show("done", sys.exception())


def ctx():
    try:
        try:
            yield
        except ValueError:
            show("ctx handler", sys.exception())
            raise TypeError()
    except Exception as exc:
        show("ctx", sys.exception(), exc.__context__)
    show("ctx after", sys.exception())
    yield
    show("ctx last", sys.exception())
    yield "done"


g = ctx()
next(g)
try:
    raise ValueError
except Exception as exc:
    g.throw(exc)
show(next(g))


# A generator left suspended inside an except block, alive until exit.
def keeper():
    try:
        raise RuntimeError("kept")
    except RuntimeError:
        yield 1


kept = keeper()
next(kept)
show("kept", sys.exception())
print("exit")
