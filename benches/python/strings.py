parts = []
for i in range(60000):
    s = "item" + str(i)
    if s.endswith("7"):
        s = s.upper()
    parts.append(s)
text = ",".join(parts)
print(len(text), text[:30], text.count("ITEM"))
words = text.split(",")
print(len(words), sum(len(w) for w in words), f"{len(words):,}")
