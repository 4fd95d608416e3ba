# A sequence pattern with a `*_` wildcard reads the other items by index
# (the ones after the star through the length) instead of iterating the
# subject, so a sequence whose __getitem__ never raises still matches.
import collections.abc


class Seq(collections.abc.Sequence):
    def __init__(self):
        self.reads = []

    def __getitem__(self, i):
        self.reads.append(i)
        return i

    def __len__(self):
        return 42


s = Seq()
match s:
    case [x, *_, y]:
        print("matched", x, y, s.reads)
s = Seq()
match s:
    case [_, a, *_, _, b, _]:
        print("matched", a, b, s.reads)
s = Seq()
match s:
    case [*_, 40, z]:
        print("matched", z, s.reads)
    case _:
        print("no")
s = Seq()
match s:
    case [1, *_]:
        print("one")
    case [0, *_, 41] if s.reads:
        print("guarded", s.reads)
match [1, 2, 3, 4]:
    case [1, *rest, 4]:
        print("rest", rest)
match (1,):
    case [a, *_, b]:
        print("too short")
    case [*_]:
        print("any sequence")
