# BaseException.__setstate__ holds each key and value while setting it:
# a key whose __hash__ empties the state dict must not free them.
import gc

d = {}


class HashClears(str):
    def __hash__(self):
        d.clear()
        return super().__hash__()


class Value(str):
    pass


exc = Exception()
d[HashClears("attr")] = Value("value")
exc.__setstate__(d)
gc.collect()
print(exc.attr, type(exc.attr).__name__, d)
e = ValueError(1)
e.__setstate__({"a": 1, "b": [2]})
print(e.a, e.b, e.args)
try:
    e.__setstate__([1])
except TypeError as err:
    print(err)
e.__setstate__(None)
print(e.__reduce__())
