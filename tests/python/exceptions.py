# Exceptions: try/except/else/finally, raise from, chaining, custom
# exception classes, and the messages of common errors.
def check(fn):
    try:
        fn()
    except Exception as e:
        print(type(e).__name__ + ":", e)

check(lambda: 1 / 0)
check(lambda: [][1])
check(lambda: {}["k"])
check(lambda: int("x"))
check(lambda: "a" + 1)
check(lambda: None.attr)
check(lambda: len(5))
check(lambda: [1, 2, 3].index(9))
check(lambda: (1, 2)[5])
check(lambda: float("abc"))
check(lambda: {}.pop("missing"))
check(lambda: int.from_bytes)

class AppError(Exception):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code

try:
    raise AppError(7, "bad thing")
except AppError as e:
    print(e.code, e, e.args, repr(e))

def order():
    log = []
    try:
        log.append("try")
        raise ValueError("v")
    except ValueError:
        log.append("except")
    else:
        log.append("else")
    finally:
        log.append("finally")
    try:
        log.append("try2")
    except Exception:
        log.append("no")
    else:
        log.append("else2")
    finally:
        log.append("finally2")
    return log

print(order())

def returns_in_finally():
    try:
        return "try"
    finally:
        print("finally runs")

print(returns_in_finally())
try:
    try:
        raise KeyError("inner")
    except KeyError as e:
        raise RuntimeError("outer") from e
except RuntimeError as e:
    print(repr(e), repr(e.__cause__), e.__suppress_context__)
try:
    try:
        raise KeyError("first")
    except KeyError:
        raise ValueError("second")
except ValueError as e:
    print(repr(e), repr(e.__context__))
try:
    raise TypeError
except (ValueError, TypeError) as e:
    print("caught", type(e).__name__, e.args)
for i in range(3):
    try:
        if i == 1:
            continue
        print("loop", i)
    finally:
        print("cleanup", i)
def gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen closed")
g = gen()
print(next(g))
g.close()
print(issubclass(KeyError, LookupError), isinstance(ZeroDivisionError(), ArithmeticError))
e = ValueError("a", 2)
print(e.args, str(e), repr(e), str(ValueError()), repr(KeyError("k")), str(KeyError("k")))
raise SystemExit(3)
