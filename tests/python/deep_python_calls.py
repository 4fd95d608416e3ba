# Python-to-Python calls run in one eval loop: deep recursion, the
# recursion limit, exceptions through many frames, frame links, and the
# call forms (keywords, *args, **kwargs, defaults, closures, methods).
import sys
import traceback


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


# Deeper than the native stack would allow if each call recursed in Rust.
old = sys.getrecursionlimit()
sys.setrecursionlimit(100000)
print("deep", depth(50000))
sys.setrecursionlimit(old)


def forever(n):
    return forever(n + 1)


for _ in range(3):
    try:
        forever(0)
    except RecursionError as e:
        print(type(e).__name__, e)
print("recovered", depth(100))


# Where the limit stops a recursion: the frames below count too.
def reach(n):
    try:
        return reach(n + 1)
    except RecursionError:
        return n


sys.setrecursionlimit(200)
here = len(traceback.extract_stack())
print("reach plus stack", reach(0) + here > 150)
sys.setrecursionlimit(old)


# An exception raised 500 frames deep, caught at the top.
def down(n):
    if n == 0:
        raise ValueError("bottom")
    return down(n - 1)


try:
    down(500)
except ValueError as e:
    tb = e.__traceback__
    names = []
    while tb is not None:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print(type(e).__name__, e, len(names), names[0], names[1], names[-1])
    print([f.lineno for f in traceback.extract_tb(e.__traceback__)][-3:])


# Caught in the middle and re-raised with another type.
def middle(n):
    if n == 0:
        try:
            down(10)
        except ValueError as e:
            raise KeyError("mid") from e
    return middle(n - 1)


try:
    middle(20)
except KeyError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)


# A handler in a caller: finally blocks run on the way out.
log = []


def guarded(n):
    try:
        if n == 0:
            1 / 0
        return guarded(n - 1)
    finally:
        log.append(n)


try:
    guarded(5)
except ZeroDivisionError as e:
    print(type(e).__name__, e, log)


# f_back chains and sys._getframe.
def chain(n):
    if n == 0:
        f = sys._getframe()
        out = []
        while f is not None and len(out) < 6:
            out.append((f.f_code.co_name, f.f_lineno))
            f = f.f_back
        return out
    return chain(n - 1)


print(chain(3))


def caller_name():
    return sys._getframe(1).f_code.co_name


def outer_fn():
    return caller_name()


print(outer_fn())


# Generators inside recursion, recursion inside generators.
def gen_tree(n):
    if n == 0:
        yield 0
        return
    for v in gen_tree(n - 1):
        yield v + 1
    yield depth(n)


print(list(gen_tree(4)))


def rec_gen(n):
    def g():
        yield depth(n)
        yield n

    return sum(g()) + (rec_gen(n - 1) if n else 0)


print(rec_gen(30))


# The call forms.
def kw(a, b=2, *, c=3):
    return (a, b, c)


def star(*args, **kwargs):
    return (args, sorted(kwargs.items()))


def make_adder(k):
    def add(x):
        return x + k

    return add


class C:
    def __init__(self, v):
        self.v = v

    def get(self, extra=0):
        return self.v + extra

    @staticmethod
    def st(x):
        return x * 2


print(kw(1), kw(1, 5), kw(1, c=9), kw(b=7, a=0))
print(star(), star(1, 2), star(1, x=2), star(*[1, 2], **{"y": 3}))
print(make_adder(10)(5), [make_adder(i)(i) for i in range(4)])
c = C(4)
m = c.get
print(c.get(), c.get(1), m(2), C.get(c, extra=3), C.st(21))
args = (1,)
print(kw(*args), kw(*args, **{"c": 0}))
for bad in (lambda: kw(), lambda: kw(1, 2, 3), lambda: kw(1, d=2), lambda: kw(1, a=1)):
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__, e)


# Deep recursion through keyword calls and defaults.
def kdepth(n, acc=0, *, step=1):
    return acc if n == 0 else kdepth(n - 1, acc=acc + step, step=step)


print(kdepth(800), kdepth(800, step=2))


# Mutual recursion and a value returned through many frames.
def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


print(is_even(900), is_odd(901), is_even(7))


# An exception escaping from a function called by a builtin.
def bad_key(x):
    if x == 3:
        raise IndexError("key")
    return -x


try:
    sorted([1, 2, 3], key=bad_key)
except IndexError as e:
    print(type(e).__name__, e)
print(sorted([1, 2, 3], key=bad_key if False else (lambda x: -x)))
