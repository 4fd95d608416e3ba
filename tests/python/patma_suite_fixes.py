# Pattern matching as CPython: line events of failed cases (test_patma's
# TestTracing), a final 'case _', the sequence/mapping kind along the MRO
# (TestInheritance), and duplicate or f-string keys refused.
import collections, collections.abc, sys
def _trace(func, *args):
    actual = []
    def trace(frame, event, arg):
        if event == "line" and frame.f_code.co_name == func.__name__:
            actual.append(frame.f_lineno - func.__code__.co_firstlineno)
        return trace
    sys.settrace(trace)
    try:
        func(*args)
    finally:
        sys.settrace(None)
    return actual
def f(command):                                         # 0
    match command.split():                              # 1
        case ["go", direction] if direction in "nesw":  # 2
            return f"go {direction}"                    # 3
        case ["go", _]:                                 # 4
            return "no go"                              # 5
        case _:                                         # 6
            return "default"                            # 7
def g(command):                                         # 0
    match command.split():                              # 1
        case ["go", direction] if direction in "nesw":  # 2
            return f"go {direction}"                    # 3
        case ["go", _]:                                 # 4
            return "no go"                              # 5
        case x:                                         # 6
            return x                                    # 7
def h(command):                                         # 0
    match command.split():                              # 1
        case ["go", direction] if direction in "nesw":  # 2
            return f"go {direction}"                    # 3
        case ["go", _]:                                 # 4
            return "no go"                              # 5
for fn in (f, g, h):
    print([_trace(fn, c) for c in ("go n", "go x", "spam")])
def k(x):
    match x:
        case 1:
            r = "one"
        case _ if x > 5:
            r = "big"
        case _:
            r = "other"
    return r
def only(x):
    match x:
        case _:
            return "any"
def one(x):
    match x:
        case [a]:
            return a
    return None
print(k(1), k(9), k(3), only(3), one([4]), one(5))
for x in range(3):
    match x:
        case 0:
            continue
        case 1:
            break
print(x)
def sm(x):
    match x:
        case [*_]:
            return "seq"
        case {}:
            return "map"
class C: pass
class M1(collections.UserDict, collections.abc.Sequence): pass
class M2(C, collections.UserDict, collections.abc.Sequence): pass
class M3(collections.UserDict, C, list): pass
class M4(dict, collections.abc.Sequence, C): pass
class S1(collections.UserList, collections.abc.Mapping): pass
class S2(C, collections.UserList, collections.abc.Mapping): pass
class S3(list, C, collections.abc.Mapping): pass
class S4(collections.UserList, dict, C): pass
for c in (M1, M2, M3, M4, S1, S2, S3, S4):
    print(c.__name__, sm(c()), c.__flags__ & (1<<5 | 1<<6))
for src in ["{0: _, False: _}", "{0: _, 0.0: _}", "{0: _, -0: _}", "{0: _, 0j: _}",
            "{1: _, True: _}", "{'a': _, 'a': _}", "{1: _, 2: _}", "{-0.0: _, 0: _}",
            "{b'a': _, 'a': _}", "{(1, 2): _, (1.0, 2): _}",
            'f""', 'f"{x}"', "0 ** 0j", "0j * 0", "0 + 0j", "-1 - 2j"]:
    code = f"match x:\n    case {src}:\n        pass\n"
    try:
        compile(code, "s", "exec"); print(src, "ok")
    except SyntaxError as e:
        print(src, "|", e.msg, e.offset, e.end_offset)
