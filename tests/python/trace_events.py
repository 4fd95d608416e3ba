# sys.settrace / sys.setprofile event sequences, with line numbers relative
# to each traced function's first line: line events where CPython raises
# them (loops, try/except/finally, with, break/continue, constant tests,
# implicit returns, class bodies), generators and throw/close, frames that
# were running when tracing started, f_trace_lines / f_trace_opcodes, and
# f_lineno assignment (jumps) with its errors.
import sys
import warnings

warnings.simplefilter("ignore", RuntimeWarning)


def record(fn, *args, tracer=None):
    events = []
    base = fn.__code__.co_firstlineno

    def trace(frame, event, arg):
        if frame.f_code.co_filename == __file__ and frame.f_code.co_name != "trace":
            events.append((frame.f_code.co_name, frame.f_lineno - base, event))
        return trace

    sys.settrace(tracer or trace)
    try:
        fn(*args)
    except Exception as e:
        events.append(("raised", type(e).__name__))
    finally:
        sys.settrace(None)
    return events


def show(fn, *args):
    print(fn.__name__)
    for e in record(fn, *args):
        print("   ", e)


def loops():
    total = 0
    for i in range(3):
        if i == 1:
            continue
        total += i
    n = 2
    while n:
        n -= 1
    while 1:
        break
    while 0:
        pass
    if 0:
        pass
    return total


def handlers():
    x = "hello"
    try:
        3 / 0
    except ZeroDivisionError as e:
        if x == "raise":
            raise ValueError()
    try:
        2 / 0
    except IndexError:
        4
    except ZeroDivisionError:
        pass
    finally:
        y = 6
    return y


class CM:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        return True


def with_break():
    for i in (1, 2):
        with CM():
            break
    with CM():
        1 / 0
    pass


def breaks():
    TRUE = 1
    while TRUE:
        while TRUE:
            break
        break


def implicit_return(a):
    if a:
        b = 1
    else:
        b = 2


def class_body():
    class A:
        if 3 < 9:
            a = 1
        else:
            a = 2


def gen():
    x = yield 1
    try:
        y = yield 2
    except KeyError:
        pass
    yield 3


def use_gen():
    it = gen()
    next(it)
    it.send(5)
    it.throw(KeyError)
    it.close()


def sub():
    yield from gen()


def use_sub():
    it = sub()
    next(it)
    next(it)
    it.throw(KeyError)


def raises():
    1 / 0


def calls_raises():
    try:
        raises()
    except Exception:
        pass


for fn in (loops, handlers, with_break, breaks, class_body, use_gen, use_sub, calls_raises):
    show(fn)
show(implicit_return, True)
show(implicit_return, False)


# A frame already running when tracing starts: its f_trace set first.
def started_inside():
    events = []

    def trace(frame, event, arg):
        events.append((frame.f_lineno - started_inside.__code__.co_firstlineno, event))
        return trace

    sys._getframe().f_trace = trace
    sys.settrace(trace)
    a = 1
    b = 2
    sys.settrace(None)
    return events


print("started_inside", started_inside())


# f_trace_lines off: no line events; f_trace_opcodes on: opcode events.
def lines_off():
    a = 1
    b = 2
    return a + b


def config_tracer(lines, opcodes):
    kinds = []

    def trace(frame, event, arg):
        if frame.f_code is lines_off.__code__:
            frame.f_trace_lines = lines
            frame.f_trace_opcodes = opcodes
            kinds.append(event)
        return trace

    return kinds, trace


kinds, t = config_tracer(False, False)
record(lines_off, tracer=t)
print("lines off", kinds)
kinds, t = config_tracer(True, True)
record(lines_off, tracer=t)
print("opcodes on", "opcode" in kinds, kinds.count("line"))
f = sys._getframe()
print(f.f_trace_lines, f.f_trace_opcodes)
for attr in ("f_trace_lines", "f_trace_opcodes"):
    try:
        setattr(f, attr, 1)
    except TypeError as e:
        print(attr, type(e).__name__, e)


# f_lineno assignment: a jump from a line event.
def jumper(target_offset, at_offset, event="line"):
    done = []

    def trace(frame, ev, arg):
        if frame.f_code is not jumpy.__code__ or done:
            return trace
        first = frame.f_code.co_firstlineno
        if ev == event and frame.f_lineno == first + at_offset:
            done.append(1)
            try:
                frame.f_lineno = first + target_offset
            except ValueError as e:
                out.append(("error", str(e)))
        return trace

    return trace


def jumpy(out):
    out.append(1)
    out.append(2)
    out.append(3)
    for i in range(2):
        out.append(5)
    out.append(6)


for target, at in ((3, 1), (1, 3), (5, 1), (6, 5), (0, 1), (100, 1)):
    out = []
    record(jumpy, out, tracer=jumper(target, at))
    print("jump", at, "->", target, out)
out = []
record(jumpy, out, tracer=jumper(3, 0, "call"))
print("jump from call", out)
try:
    sys._getframe().f_lineno = 1
except ValueError as e:
    print(type(e).__name__, e)


# sys.setprofile sees call/return and c_call/c_return.
def profiled():
    len([1])
    return 1


prof = []


def profiler(frame, event, arg):
    if frame.f_code is profiled.__code__:
        prof.append((event, getattr(arg, "__name__", None) if event.startswith("c_") else None))


sys.setprofile(profiler)
profiled()
sys.setprofile(None)
print("profile", prof)


# A generator run to its end by a for loop or `yield from` shows the trace
# function an `exception` event with its StopIteration in the caller.
def stop_gen():
    yield 1
    return 2


def stop_loop():
    for _ in stop_gen():
        pass


def stop_delegate():
    r = yield from stop_gen()
    return r


def stop_tracer(frame, event, arg):
    if event == "exception":
        print("exception in", frame.f_code.co_name, arg[0].__name__, arg[1].args, arg[2],
              frame.f_lineno - frame.f_code.co_firstlineno)
    return stop_tracer


sys.settrace(stop_tracer)
stop_loop()
list(stop_delegate())
sys.settrace(None)


# f_lineno can be set from a generator's `return` event at a yield (it
# goes on there when resumed, the value sent in dropped) and from its
# `call` event when it resumes; not from the `call` event of its start.
def jump_in_generator(jump_event, frm, to):
    out = []

    def gen():
        out.append(1)
        x = yield 2
        out.append(("x", x))
        y = yield 4
        out.append(("y", y))
        yield 6

    first = gen.__code__.co_firstlineno
    done = []

    def tr(frame, event, arg):
        if frame.f_code is gen.__code__:
            out.append((event, frame.f_lineno - first))
            if event == jump_event and not done and frame.f_lineno - first == frm:
                done.append(True)
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        frame.f_lineno = first + to
                    out.append(("jumped", frame.f_lineno - first))
                except ValueError as e:
                    out.append(("error", str(e)))
        return tr

    sys.settrace(tr)
    g = gen()
    res = []
    try:
        res.append(next(g))
        for v in "abcd":
            res.append(g.send(v))
    except StopIteration:
        res.append("stop")
    sys.settrace(None)
    print(jump_event, frm, to, res)
    print("  ", out)


for args in (("return", 2, 3), ("return", 2, 1), ("return", 2, 5), ("return", 6, 1),
             ("call", 2, 3), ("call", 2, 5), ("call", 2, 1), ("call", 0, 1)):
    jump_in_generator(*args)
