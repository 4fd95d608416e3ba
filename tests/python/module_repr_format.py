# Module reprs name where a module came from; object.__format__ accepts
# only an empty spec.
import sys
import builtins

print(sys)
print(builtins)
print(repr(sys.modules["sys"]))
print(type(sys).__name__)


class Plain:
    def __str__(self):
        return "plain!"


print(format(Plain()))
print(format(Plain(), ""))
print(f"{Plain()}")
print("{}|{:}".format(Plain(), Plain()))
for spec in ["x", ">10", "d"]:
    try:
        format(Plain(), spec)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    object.__format__(Plain(), 5)
except TypeError as e:
    print(type(e).__name__, e)
print(object.__format__(Plain(), ""))


class Custom:
    def __format__(self, spec):
        return "custom:" + spec


print(format(Custom(), "abc"), f"{Custom():zz}")
