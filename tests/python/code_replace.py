# code.replace and function.__code__ assignment, and a generator made
# awaitable the way types.coroutine does it (CO_ITERABLE_COROUTINE).


def f(a, b=2):
    return a + b


co = f.__code__
c2 = co.replace(co_name="g", co_consts=co.co_consts, co_firstlineno=100)
print(c2.co_name, co.co_name, c2 is co, c2.co_argcount, c2.co_firstlineno)
f.__code__ = c2
print(f(1), f.__code__.co_name)
for bad in [dict(co_argcount=5), dict(co_name=1), dict(bogus=1)]:
    try:
        co.replace(**bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__)
try:
    co.replace(1)
except TypeError:
    print("TypeError for a positional argument")


def h():
    pass


h.__code__ = (lambda: 7).__code__
print(h(), h.__code__.co_name)
try:
    h.__code__ = 5
except TypeError as e:
    print("TypeError:", e)


def outer():
    y = 1
    return lambda: y


try:
    h.__code__ = outer().__code__
except ValueError as e:
    print("ValueError:", e)


def gen():
    x = yield "from gen"
    return x * 2


gen.__code__ = gen.__code__.replace(co_flags=gen.__code__.co_flags | 0x100)


async def main():
    return await gen()


c = main()
print(c.send(None))
try:
    c.send(21)
except StopIteration as e:
    print("result", e.value)


def plain_gen():
    yield 1


async def bad():
    await plain_gen()


try:
    bad().send(None)
except TypeError:
    # (3.14 words it "'generator' object can't be awaited")
    print("TypeError: a plain generator is not awaitable")


# replace() of every kind of field, copy.replace, types.CodeType, code
# equality; co_code and the tables as code objects expose them.
import copy
import types


def sample(a, b=2, *, c=3):
    """doc"""
    x = a + b

    def inner():
        return x

    return inner() + c


co = sample.__code__
moved = co.replace(co_name="moved", co_qualname="K.moved", co_filename="elsewhere.py",
                   co_firstlineno=co.co_firstlineno + 100)
print(moved.co_name, moved.co_qualname, moved.co_filename, moved.co_firstlineno - co.co_firstlineno)
print([l - 100 if l else l for _, _, l in moved.co_lines()] == [l for _, _, l in co.co_lines()])
print(moved == co, moved.replace(co_name="sample", co_qualname="sample",
                                 co_firstlineno=co.co_firstlineno) == co)
same = co.replace(co_code=co.co_code, co_linetable=co.co_linetable,
                  co_exceptiontable=co.co_exceptiontable, co_consts=co.co_consts,
                  co_names=co.co_names, co_varnames=co.co_varnames,
                  co_cellvars=co.co_cellvars, co_freevars=co.co_freevars,
                  co_nlocals=co.co_nlocals, co_stacksize=co.co_stacksize, co_flags=co.co_flags)
print(same == co, list(same.co_positions()) == list(co.co_positions()))
print(copy.replace(co, co_name="r").co_name, co.__replace__(co_argcount=1).co_argcount)
renamed = co.replace(co_varnames=("p", "q", "r", "inner"))
print(renamed.co_varnames, renamed.co_cellvars)
f2 = types.FunctionType(co.replace(co_consts=tuple(99 if c == "doc" else c for c in co.co_consts)),
                        globals(), "f2", (2,), None, {"c": 3})
print(f2(1), f2.__doc__)
args = (co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount, co.co_nlocals,
        co.co_stacksize, co.co_flags, co.co_code, co.co_consts, co.co_names,
        co.co_varnames, co.co_filename, co.co_name, co.co_qualname, co.co_firstlineno,
        co.co_linetable, co.co_exceptiontable, co.co_freevars, co.co_cellvars)
built = types.CodeType(*args)
print(built == co, hash(built) == hash(co), built.co_cellvars, built.co_varnames)
print(types.FunctionType(built, globals(), "b", (2,), None, {"c": 3})(1))
print(len({co, built, moved}))
for bad in [dict(co_names=5), dict(co_consts=[1]), dict(co_name=3), dict(co_bogus=1),
            dict(co_code=b"\x00"), dict(co_linetable=3),
            dict(co_nlocals=1)]:
    try:
        co.replace(**bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__)
try:
    types.CodeType(*args[:5])
except TypeError:
    print("TypeError: too few arguments")
try:
    types.FunctionType(built, globals())
except TypeError as e:
    print("TypeError:", e)
try:
    types.FunctionType(built, globals(), None, None, (1,))
except (TypeError, ValueError) as e:
    print(type(e).__name__)
