# _pickle's Pickler.memo / Unpickler.memo: PicklerMemoProxy and
# UnpicklerMemoProxy (clear, copy, __reduce__), assigning a proxy or a
# dict, priming a memo so that a later dump refers to earlier objects,
# and the errors for bad assignments.
import _pickle
import io
import pickle


def dumps_with(pickler_memo, obj, proto=2):
    f = io.BytesIO()
    p = _pickle.Pickler(f, proto)
    if pickler_memo is not None:
        p.memo = pickler_memo
    p.dump(obj)
    return f.getvalue(), p


shared = ["abcdefg", "abcdefg"]
data = [shared, shared, 44]
first, p1 = dumps_with(None, data)
m = p1.memo
print(type(m).__name__, type(m).__module__, [n for n in dir(m) if not n.startswith("_")])
copy = m.copy()
print(type(copy).__name__, len(copy), sorted(v[0] for v in copy.values()))
print(all(k == id(v[1]) for k, v in copy.items()))
red = m.__reduce__()
print(red[0] is dict, type(red[1]).__name__, len(red[1][0]))
try:
    hash(m)
except TypeError as e:
    print("hash:", e)

# A primed pickler refers to the objects it already memoized.
primed, p2 = dumps_with(p1.memo, data)
print(len(primed) < len(first), len(p2.memo.copy()))
primed_from_dict, _ = dumps_with(p1.memo.copy(), data)
print(primed_from_dict == primed)

u1 = _pickle.Unpickler(io.BytesIO(first))
got1 = u1.load()
print(got1 == data, sorted(u1.memo.copy()), type(u1.memo).__name__)
print(u1.memo.__reduce__()[0] is dict, len(u1.memo.__reduce__()[1][0]))
u2 = _pickle.Unpickler(io.BytesIO(primed))
u2.memo = u1.memo
got2 = u2.load()
print(got2 == data, got2 is got1)
u2.memo.clear()
print(u2.memo.copy(), len(u1.memo.copy()) > 0)

# clear() empties the pickler's memo; the next dump starts afresh.
p1.memo.clear()
print(p1.memo.copy())
p1.dump(data)
print(len(p1.memo.copy()))

# The proxy pickles as a copy of the memo (a plain dict).
print(type(pickle.loads(pickle.dumps(u1.memo))).__name__)

p = _pickle.Pickler(io.BytesIO())
u = _pickle.Unpickler(io.BytesIO(b""))
for target, value in [
    (p, 5),
    (p, {1: 2}),
    (p, {1: (2,)}),
    (p, {1: ("a", 3)}),
    (p, u.memo),
    (u, [1]),
    (u, {"a": 1}),
    (u, {-1: None}),
    (u, p.memo),
    (u, object),
]:
    try:
        target.memo = value
        print("set", type(target).__name__)
    except Exception as e:
        print(type(e).__name__, e)
for target in (p, u):
    try:
        del target.memo
    except Exception as e:
        print(type(e).__name__, e)
u.memo = {1: None}
p.memo = {}
print(p.memo.copy())
