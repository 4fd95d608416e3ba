# Class annotations inside compound statements count only once their
# statement has run (3.13: the executed ones are in __annotations__; 3.14:
# __annotate__ checks a hidden `__conditional_annotations__` cell).
class C:
    a: int
    if False:
        b: int
    else:
        c: str
    for i in range(0):
        d: int
    else:
        e: bytes
    while False:
        f: int
    try:
        g: float
        raise ValueError
        h: complex
    except ValueError:
        j: list
    finally:
        k: dict
    with open(__file__) as fh:
        m: set
    match 1:
        case 2:
            n: int
        case _:
            o: tuple
    p: frozenset


print(C.__annotations__)
print("__conditional_annotations__" in C.__dict__)


def make(flag):
    class D:
        __private: int
        if flag:
            x: int = 1
        y: str
    return D


print(make(True).__annotations__, make(False).__annotations__)


class E:
    if True:
        x: "forward"
print(E.__annotations__)


class F:
    if True:
        q: int
    def method(self):
        return __class__
print(F.__annotations__, F().method() is F)
