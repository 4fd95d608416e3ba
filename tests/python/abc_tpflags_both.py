# __abc_tpflags__ sets a class's sequence/mapping flag (what match/case
# patterns test) and may not ask for both.
from collections.abc import Collection, Mapping, Sequence

try:
    class Both(Collection):
        __abc_tpflags__ = Sequence.__flags__ | Mapping.__flags__
except TypeError as e:
    print("TypeError", e)


class Seq(Collection):
    __abc_tpflags__ = 1 << 5

    def __len__(self):
        return 0

    def __iter__(self):
        return iter(())

    def __contains__(self, x):
        return False


print("__abc_tpflags__" in Seq.__dict__)
match Seq():
    case [*rest]:
        print("sequence", rest)
    case _:
        print("not a sequence")


class NotInt(Collection):
    __abc_tpflags__ = True

    def __len__(self):
        return 0

    def __iter__(self):
        return iter(())

    def __contains__(self, x):
        return False


print("__abc_tpflags__" in NotInt.__dict__)
match NotInt():
    case [*rest]:
        print("sequence", rest)
    case _:
        print("not a sequence")
