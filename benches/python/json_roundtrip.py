# json.dumps and json.loads of a large nested document (compact and
# indented, with escapes and non-ASCII), whichever implementation the json
# package finds (the _json accelerator or the pure-Python fallback).
import json

records = []
for i in range(4000):
    records.append({
        "id": i,
        "name": f"item {i} \"quoted\" caf\u00e9",
        "price": i * 1.25,
        "tags": ["a", "b", "c"][: i % 4],
        "active": i % 3 == 0,
        "parent": None if i % 5 else i - 1,
        "dims": {"w": i % 17, "h": i % 23, "unit": "cm\n"},
    })
doc = {"version": 3, "records": records}

total = 0
for _ in range(3):
    s = json.dumps(doc)
    back = json.loads(s)
    total += len(s)
    assert back == doc
pretty = json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False)
back = json.loads(pretty)
print(total, len(pretty), back["records"][-1]["name"], back == doc)
print(json.dumps(back["records"][7], sort_keys=True))
