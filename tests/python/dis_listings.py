# dis.dis of Ferrython's own bytecode (expected output in
# expected/dis_listings.out): loops, exception handling, with, comprehensions,
# closures, generators, async functions, match, f-strings, keyword calls,
# classes, imports; nested code objects are disassembled recursively.
import dis
import io
import os
import re


def show(x, **kw):
    out = io.StringIO()
    dis.dis(x, file=out, **kw)
    text = re.sub(r" at 0x[0-9a-f]+", "", out.getvalue())
    print(text.replace(__file__, os.path.basename(__file__)))


def loops(n):
    total = 0
    for i in range(n):
        if i % 3 == 0:
            continue
        total += i
    while total > 100:
        total //= 2
    else:
        total -= 1
    return total


def handlers(x):
    try:
        y = 1 / x
    except ZeroDivisionError as e:
        y = None
    except (TypeError, ValueError):
        raise RuntimeError("bad") from None
    else:
        y += 1
    finally:
        print("done")
    return y


def context(path):
    with open(path) as fh:
        return fh.read()


def comprehensions(xs):
    return [x * 2 for x in xs if x], {x: 1 for x in xs}, {x for x in xs}, sum(x for x in xs)


def closure(a):
    b = [a]

    def inner(c):
        nonlocal a
        a += c
        return a, b

    return inner


def generator(n):
    got = yield n
    yield from range(got)


async def coroutine(session, items):
    async with session as s:
        await s.send(1)
    async for it in items:
        print(it)


def matcher(p):
    match p:
        case [1, *rest]:
            return rest
        case {"k": v, **others}:
            return v, others
        case int() | float() as num if num > 0:
            return num
        case _:
            return None


def fstrings(name, width):
    return f"{name!r:>{width}} and {width:03d} {name=}"


def calls(f, *args, **kw):
    f(1, 2, key=3)
    f(*args, **kw)
    return f(*args, x=1, **kw).method(key="v")


class Point:
    dims: int = 2

    def __init__(self, x, y):
        self.x, self.y = x, y

    def norm(self):
        return super().__repr__()


for fn in (loops, handlers, context, comprehensions, closure, generator, coroutine,
           matcher, fstrings, calls):
    print("=====", fn.__name__)
    show(fn)
print("===== class")
show(Point)
print("===== class annotate")
show(Point.__annotate__)
print("===== source, depth=0")
show("import os.path as p\nfrom sys import argv\ndef f(): return argv\ndel p", depth=0)
print("===== show_offsets, show_caches")
show(Point.norm, show_offsets=True, show_caches=True)


def fails(d):
    return d["key"] + 1


print("===== distb, Bytecode.from_traceback")
try:
    fails({})
except KeyError as e:
    tb = e.__traceback__.tb_next
    out = io.StringIO()
    dis.distb(tb, file=out)
    print(out.getvalue())
    bc = dis.Bytecode.from_traceback(e.__traceback__)
    print(bc.current_offset == tb.tb_lasti, bc.codeobj is fails.__code__)
    print(bc.dis())
