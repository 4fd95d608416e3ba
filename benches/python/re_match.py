# The re module over a large text: patterns compiled once, then search,
# findall, finditer with groups, sub with a template and with a function.
import re

words = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu "
         "user42@example.com 2024-05-17 12:34:56 ERROR WARN INFO id=0x1F3A ").split()
lines = []
for i in range(20000):
    w = words[i % len(words)]
    lines.append(f"{i:05d} {w} {words[(i * 7) % len(words)]} value={i * 37 % 1000}")
text = "\n".join(lines)

word = re.compile(r"\b[a-z]+\b")
email = re.compile(r"([\w.]+)@([\w.]+)\.(com|org)")
date = re.compile(r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)")
value = re.compile(r"value=(\d+)$", re.M)
level = re.compile(r"^\d+ (?:ERROR|WARN)\b.*$", re.M)
hexid = re.compile(r"id=0x([0-9A-F]+)", re.I)

print(len(word.findall(text)))
print(sum(1 for _ in email.finditer(text)), email.search(text).groups())
print(len(date.findall(text)), date.search(text).groupdict())
print(sum(int(v) for v in value.findall(text)))
print(len(level.findall(text)))
print(len(hexid.findall(text)))
print(len(date.sub(r"\g<d>/\g<m>/\g<y>", text)))
print(len(value.sub(lambda m: str(int(m.group(1)) * 2), text)))
n = 0
for line in lines[:5000]:
    if word.match(line, 6) and value.search(line):
        n += 1
print(n, re.split(r"\s+", lines[123]))
