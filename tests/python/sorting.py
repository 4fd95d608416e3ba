# sorting tuples (first items decoded once), strings, floats; ties and errors.
seed = [12345]
def rnd():
    seed[0] = (seed[0] * 1103515245 + 12345) % 2147483648
    return seed[0] / 2147483648
items = [(int(rnd() * 21), rnd()) for _ in range(2000)]
print(sorted(items)[:5], sorted(items) == sorted(items, key=lambda t: t)) 
words = [(w, i) for i, w in enumerate("the quick brown fox jumps over the lazy dog the end".split())]
print(sorted(words))
print(sorted(words, reverse=True))
fl = [(rnd() * 3 // 1, i) for i in range(50)]
print(sorted(fl)[:8])
mixed = [(1, "a"), (1, 2)]
try:
    print(sorted(mixed))
except TypeError as e:
    print("TypeError", e)
d = {"b": 2, "a": 1, "c": 0}
print(sorted(d.items()), sorted(d.items(), key=lambda kv: kv[1]))
print(sorted([(2, [1]), (1, [3]), (2, [0])]))
x = float('nan')
print(sorted([(x, 2), (x, 1)]))
