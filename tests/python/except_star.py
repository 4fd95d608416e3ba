# except* and exception groups: matching, splitting, re-raising, errors.
import sys


def show(e, indent=0):
    pad = " " * indent
    if isinstance(e, BaseExceptionGroup):
        print(f"{pad}{type(e).__name__}({e.message!r}) notes={getattr(e, '__notes__', None)}")
        for sub in e.exceptions:
            show(sub, indent + 2)
    else:
        print(f"{pad}{type(e).__name__}({e})")


def run(f):
    try:
        f()
        print("no exception")
    except BaseException as e:
        print("escaped:")
        show(e, 2)


def basic():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), ValueError(3)])
    except* ValueError as e:
        print("V:", type(e).__name__, repr(e.message), [str(x) for x in e.exceptions])
        print("handled is match:", sys.exception() is e)
    except* TypeError as e:
        print("T:", [str(x) for x in e.exceptions])


run(basic)


def partial():
    try:
        raise ExceptionGroup("eg", [ValueError(1), KeyError(2), OSError(3)])
    except* ValueError:
        print("caught ValueError part")


run(partial)


def naked():
    try:
        raise ValueError("naked")
    except* ValueError as e:
        print("naked wrapped:", type(e).__name__, repr(e.message), e.exceptions)
        # (3.14 gives the wrapping group a traceback entry for this frame;
        # 3.13.0 leaves it None, so it is not printed here.)
        print("wrapped is naked:", e.exceptions[0].args)


run(naked)


def naked_unmatched():
    try:
        raise KeyError("k")
    except* ValueError:
        print("not here")


run(naked_unmatched)


def nested():
    inner = ExceptionGroup("inner", [ValueError("a"), TypeError("b")])
    try:
        raise ExceptionGroup("outer", [inner, ValueError("c"), OSError("d")])
    except* ValueError as e:
        show(e)
    except* (TypeError, OSError) as e:
        show(e)


run(nested)


def reraise():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise
    except* TypeError:
        pass


run(reraise)


def reraise_both():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), KeyError(3)])
    except* ValueError:
        raise
    except* TypeError:
        raise


run(reraise_both)


def raise_new():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise KeyError("new")


run(raise_new)


def raise_new_and_rest():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise KeyError("new")
    except* TypeError:
        raise


run(raise_new_and_rest)


def raise_new_context():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ValueError:
        try:
            raise KeyError("inner")
        except KeyError as k:
            print("context is group:", type(k.__context__).__name__)


run(raise_new_context)


def base_group():
    try:
        raise BaseExceptionGroup("beg", [KeyboardInterrupt(), ValueError(1)])
    except* KeyboardInterrupt as e:
        print("KI:", type(e).__name__, e.exceptions)
    except* ValueError as e:
        print("VE:", type(e).__name__, e.exceptions)


run(base_group)


def bad_type():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ExceptionGroup:
        pass


run(bad_type)


def bad_type_tuple():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* (ValueError, BaseExceptionGroup):
        pass


run(bad_type_tuple)


def not_exc_type():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* int:
        pass


run(not_exc_type)


def with_finally_else():
    try:
        try:
            pass
        except* ValueError:
            print("no")
        else:
            print("else ran")
        finally:
            print("finally ran")
        try:
            raise ExceptionGroup("eg", [ValueError(1)])
        except* ValueError:
            print("caught")
        finally:
            print("finally after catch")
    except Exception as e:
        print("bad", e)


run(with_finally_else)


def notes_kept():
    eg = ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    eg.add_note("a note")
    try:
        raise eg
    except* ValueError as e:
        print("match notes:", e.__notes__)


run(notes_kept)


def in_loop():
    for i in range(3):
        try:
            raise ExceptionGroup("eg", [ValueError(i)])
        except* ValueError as e:
            print("loop", i, e.exceptions)
        print("after", i)


run(in_loop)


# return/continue in except* are SyntaxErrors.
for src in ["def f():\n  try:\n    pass\n  except* ValueError:\n    return 1\n",
            "for x in y:\n  try:\n    pass\n  except* ValueError:\n    continue\n"]:
    try:
        compile(src, "<s>", "exec")
    except SyntaxError as e:
        print("SyntaxError:", e.msg)

# split / subgroup / derive directly.
eg = ExceptionGroup("top", [ValueError(1), ExceptionGroup("sub", [TypeError(2), ValueError(3)])])
m, r = eg.split(ValueError)
show(m)
show(r)
show(eg.subgroup(lambda e: isinstance(e, TypeError)))
print(eg.subgroup(KeyError))
d = eg.derive([KeyError(9)])
show(d)


class MyEG(ExceptionGroup):
    def derive(self, excs):
        return MyEG(self.message + "!", excs)


try:
    raise MyEG("mine", [ValueError(1), TypeError(2)])
except* ValueError as e:
    show(e)
except* TypeError as e:
    show(e)

print("done")
