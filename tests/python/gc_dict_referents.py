# What a dict's tp_traverse reports, as gc.get_referents lists it: a dict
# whose keys are all exact strs reports its values only; any other dict
# reports each value, then its key.
import gc


class S(str):
    pass


class K:
    def __repr__(self):
        return "K()"


def show(label, d):
    print(label, gc.get_referents(d))


show("str keys:", {"a": [1], "b": (2, [3]), "c": "text"})
show("int keys:", {1: [1], 2: "two"})
show("mixed keys:", {"a": [1], 3: [3]})
show("str subclass key:", {S("x"): [1]})
show("object key:", {K(): "v"})
d = {"a": 1}
d[5] = "five"
del d[5]
show("once held an int key:", d)
show("empty:", {})

# A cycle through a str-keyed dict is still found and collected.
gc.collect()
class Node:
    pass
n = Node()
n.self_ref = {"me": n}
del n
print("collected:", gc.collect() >= 2)
