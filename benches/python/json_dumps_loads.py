# json.dumps / json.loads of a mixed document (objects, arrays, strings
# with escapes and non-ASCII text, ints, floats), compact and indented.
import json

doc = {
    "users": [
        {
            "id": i,
            "name": "user%d" % i,
            "email": "user%d@example.com" % i,
            "score": i * 1.5 + 0.25,
            "active": i % 3 == 0,
            "tags": ["alpha", "beta", "caf\u00e9", "line\nbreak"],
            "address": {"street": "%d Main St" % i, "city": "Springfield", "zip": "%05d" % i},
            "history": [i, i + 1, i + 2, None, -i],
        }
        for i in range(400)
    ],
    "meta": {"count": 400, "version": "1.0", "ratio": 0.75},
}

total = 0
for _ in range(40):
    s = json.dumps(doc)
    total += len(s)
    back = json.loads(s)
    total += len(back["users"])
    t = json.dumps(doc, indent=2, sort_keys=True)
    total += len(json.loads(t)["users"])
    u = json.dumps(doc, ensure_ascii=False)
    total += len(u)
print(total, back == doc)
