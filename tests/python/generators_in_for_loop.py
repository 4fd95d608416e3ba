# Generators run by a for loop go on in the loop's own evaluation: values,
# return, exceptions and their tracebacks, StopIteration inside, recursion,
# the handled exception, gi_running, f_back, close and tracing started or
# stopped while such a generator runs.
import sys

def numbers(n):
    for i in range(n):
        yield i

def squares(it):
    for x in it:
        yield x * x

print(sum(squares(numbers(10))))

def ret():
    yield 1
    return 42
print(list(ret()))
for v in ret():
    print("v", v)

def raiser():
    yield 1
    raise ValueError("boom")
try:
    for v in raiser():
        print("got", v)
except ValueError as e:
    print("caught", e, type(e.__traceback__.tb_next.tb_frame.f_code.co_name))
    tb = e.__traceback__
    names = []
    while tb:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print(names)

def stopper():
    yield 1
    raise StopIteration
try:
    for v in stopper():
        print("s", v)
except RuntimeError as e:
    print("runtime", e, type(e.__cause__).__name__)

def running():
    g = yield_self[0]
    yield g.gi_running
    yield sys._getframe(1).f_code.co_name
    yield sys._getframe().f_back.f_code.co_name

yield_self = [None]
g = running()
yield_self[0] = g
for v in g:
    print("r", v)
print(g.gi_frame, g.gi_running)

def exc_state():
    yield sys.exception()
    try:
        raise KeyError("inner")
    except KeyError:
        yield sys.exception()
    yield sys.exception()

try:
    raise TypeError("outer")
except TypeError:
    for v in exc_state():
        print("exc", repr(v))
    print("after", repr(sys.exception()))

def deep(n):
    if n:
        for x in deep(n - 1):
            yield x
    else:
        yield "bottom"
print(list(deep(50)))

def rec_limit():
    def inf(n):
        for x in inf(n + 1):
            yield x
        yield n
    try:
        for x in inf(0):
            pass
    except RecursionError as e:
        print("recursion", type(e).__name__)
rec_limit()

def breaking():
    try:
        yield 1
        yield 2
    finally:
        print("finally")
for v in breaking():
    print("b", v)
    break
print("after break")

def closer():
    try:
        yield 1
    except GeneratorExit:
        print("exit")
        raise
g = closer()
for v in g:
    g2 = v
    break
g.close()

def sender():
    x = yield 1
    print("sent", x)
    yield 2
g = sender()
print(next(g))
for v in g:
    print("rest", v)

def reentrant():
    yield next(gg)
gg = reentrant()
try:
    for v in gg:
        pass
except ValueError as e:
    print("reentrant", e)

class It:
    def __iter__(self):
        return (i for i in range(3))
print([x for x in It()])
print(sum(x for x in range(100) if x % 3 == 0))

def gen_in_except():
    try:
        1/0
    except ZeroDivisionError:
        for v in numbers(2):
            yield v
        yield repr(sys.exception())
print(list(gen_in_except()))

def lineno():
    yield sys._getframe(1).f_lineno
for v in lineno():
    print("line", v)


events = []
def tr(frame, ev, arg):
    events.append((frame.f_code.co_name, ev, frame.f_lineno))
    return tr
def g():
    yield 1
    sys.settrace(tr)
    yield 2
    yield 3
def main():
    out = []
    for v in g():
        out.append(v)
    return out
print(main())
sys.settrace(None)
for e in events:
    print(e)
def g2():
    yield 1
    sys.settrace(None)
    yield 2
events.clear()
sys.settrace(tr)
def main2():
    return [v for v in g2()]
print(main2())
sys.settrace(None)
for e in events: print(e)
