# pickle.dumps / pickle.loads of a mixed object graph (dicts, lists, tuples,
# strings, bytes, ints, floats, shared references) at protocols 2, 4 and 5.
import pickle

shared = ("shared", 1.5, b"\x00\x01")
doc = {
    "rows": [
        {
            "id": i,
            "name": "row%d" % i,
            "score": i * 0.5,
            "flags": (i % 2 == 0, None, -i),
            "tags": ["a", "b\u00e9", shared],
            "blob": bytes(range(i % 50)),
            "big": 2 ** (40 + i % 30),
        }
        for i in range(300)
    ],
    "set": set(range(100)),
}
total = 0
for _ in range(20):
    for proto in (2, 4, 5):
        data = pickle.dumps(doc, proto)
        back = pickle.loads(data)
        total += len(data) + len(back["rows"])
        assert back["rows"][7]["tags"][2] is back["rows"][9]["tags"][2]
print(total, back == doc)
