# sys.monitoring INSTRUCTION, LINE, JUMP and BRANCH events carry the code
# offsets CPython 3.13 gives: `return None` is one RETURN_CONST, a jump to
# a short block that returns is replaced by a copy of it, and `except*`
# handlers have CPython's layout. Also line events of sys.settrace through
# nested ifs and try/else/finally.
import sys

E = sys.monitoring.events
TOOL = 3


def record(func, events, *args):
    log = []

    def instruction(code, offset):
        if code is func.__code__:
            log.append(("instruction", offset))

    def line(code, lineno):
        if code is func.__code__:
            log.append(("line", lineno - code.co_firstlineno))

    def jump(code, src, dst):
        if code is func.__code__:
            log.append(("jump", src, dst))

    def branch(code, src, dst):
        if code is func.__code__:
            log.append(("branch", src, dst))

    sys.monitoring.use_tool_id(TOOL, "offsets")
    try:
        for ev, cb in ((E.INSTRUCTION, instruction), (E.LINE, line),
                       (E.JUMP, jump), (E.BRANCH, branch)):
            sys.monitoring.register_callback(TOOL, ev, cb)
        sys.monitoring.set_events(TOOL, events)
        try:
            func(*args)
        finally:
            sys.monitoring.set_events(TOOL, 0)
    finally:
        sys.monitoring.free_tool_id(TOOL)
    return log


def simple():
    a = 1
    b = 2
    c = 3


def c_call():
    a = 1
    [].append(2)
    c = 3


def try_except():
    try:
        line = 2
        raise KeyError
    except:
        line = 5
    line = 6


def returns(flag):
    if flag:
        return 'yes' if flag > 1 else 'one'
    return 7


class Foo:
    def meth(self):
        pass


def except_star():
    try:
        try:
            raise KeyError
        except* Exception as e:
            f = Foo(); f.meth()
    except KeyError:
        pass


def nested_ifs(a, b):
    if a == 1:
        if b == 1:
            x = 4
        else:
            y = 6
    else:
        z = 8


def try_else_finally():
    try:
        2
    except:
        4
    else:
        6
        if False:
            8
        else:
            10
        if try_else_finally.__name__ == 'Fred':
            12
    finally:
        14


for f, args in ((simple, ()), (c_call, ()), (try_except, ()), (returns, (0,)),
                (returns, (1,)), (returns, (2,))):
    print(f.__name__, args, record(f, E.INSTRUCTION | E.LINE, *args))
print("except_star", record(except_star, E.LINE | E.JUMP | E.BRANCH))
for f, args in ((nested_ifs, (1, 1)), (nested_ifs, (1, 2)), (nested_ifs, (2, 1)),
                (try_else_finally, ())):
    print(f.__name__, args, record(f, E.LINE | E.JUMP | E.BRANCH, *args))

# The same code under sys.settrace: line and return events.
def trace(func, *args):
    log = []

    def tracer(frame, event, arg):
        if frame.f_code is func.__code__:
            line = frame.f_lineno
            log.append((line and line - func.__code__.co_firstlineno, event))
        return tracer

    sys.settrace(tracer)
    try:
        func(*args)
    finally:
        sys.settrace(None)
    return log


for f, args in ((nested_ifs, (1, 1)), (nested_ifs, (1, 2)), (try_else_finally, ()),
                (except_star, ()), (returns, (2,))):
    print("settrace", f.__name__, args, trace(f, *args))


# A decorated class body starts on its first decorator's line.
def decorated_class():
    def decorator(arg):
        def _dec(c):
            return c
        return _dec

    @decorator(6)
    @decorator(
        len([8]),
    )
    class MyObject:
        pass


def trace_all(func):
    log = []
    base = func.__code__.co_firstlineno

    def tracer(frame, event, arg):
        log.append((frame.f_code.co_name, frame.f_lineno - base, event))
        return tracer

    sys.settrace(tracer)
    try:
        func()
    finally:
        sys.settrace(None)
    return log


print(trace_all(decorated_class))
