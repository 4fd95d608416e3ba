# The search strategies of _sre: a literal prefix (str of each width,
# bytes, bytearray), the INFO charset, a first-character test taken from
# the pattern's first consuming item, and the general case; plus greedy
# repeats whose tail starts with group marks before a literal. Every
# result must be what a plain left-to-right search gives.
import re

subjects = [
    "00012 alpha user42@example.com value=17\n00013 beta id=0x1f3a value=9",
    "héllo wörld user@exämple.org 2024-05-17 ÉCOLE école",
    "\u20ac\u20ac abc@def.com \u0100\u0101 id=0X1F \u0130 idx",
    "\U0001f600 zz@yy.org 1999-12-31 \U0001f601 WARN end",
    "",
    "a",
    "aaa",
]
patterns = [
    (r"\b[a-z]+\b", 0),
    (r"([\w.]+)@([\w.]+)\.(com|org)", 0),
    (r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)", 0),
    (r"value=(\d+)$", re.M),
    (r"^\d+ (?:ERROR|WARN|alpha)\b.*$", re.M),
    (r"id=0x([0-9A-F]+)", re.I),
    (r"[\u20ac\u0100-\u0101]+", 0),
    (r"(a|b)*c", 0),
    (r"x*", 0),
    (r"a*?", 0),
    (r"(?:ab)+", 0),
    (r"(\w)\1", 0),
    (r"\s+", 0),
    (r"é\w+", re.I),
    (r"\W+", re.A),
    (r"[^a-z ]+", 0),
    (r".", 0),
    (r"(?s).", 0),
    (r"((a)\w*)o", 0),
    (r"(\w+)(?P<at>@)", 0),
    (r"(?:(\d+)|x)-", 0),
    (r"\d+(?=\s)", 0),
    (r"(?<=\s)\w", 0),
    (r"\ba", 0),
    (r"^a", 0),
    (r"(^a)", 0),
    (r"\Aa", re.M),
    (r"(?i)\u0130", 0),
    (r"(?i)k", 0),
    (r"(?i)[k-l]+", 0),
    (r"a++", 0),
    (r"(?>\w+)@", 0),
]
for pat, flags in patterns:
    rx = re.compile(pat, flags)
    for s in subjects:
        print(repr(pat), repr(s[:12]), rx.findall(s),
              [m.span() for m in rx.finditer(s)],
              rx.sub("<>", s)[:40], rx.split(s)[:6])
        m = rx.search(s, 3)
        print("  ", m and (m.span(), m.groups(), m.lastindex))

# Bytes and bytearray subjects use the byte search for literal prefixes.
for pat in [rb"value=(\d+)", rb"abc", rb"ab[cd]", rb"\xe9t\xe9", rb"(?i)abc"]:
    rx = re.compile(pat)
    for s in [b"xx value=12 value=3 abc abd ABC", bytearray(b"\xe9t\xe9 value=5"),
              memoryview(b"aabcabc"), b""]:
        print(pat, bytes(s)[:10], rx.findall(s), [m.span() for m in rx.finditer(s)])
# A prefix of characters beyond Latin-1 never occurs in a Latin-1 string.
print(re.findall("\u20acab", "abab \u20acab"), re.findall("\u20acab", "ab ab"))
abc, digits = re.compile("abc"), re.compile(r"\d+")
print(re.findall("ab\u20ac", "ab ab"), abc.search("xxabcx", 3), abc.search("xxabcx", 2, 4))
print(abc.search("abcabc", 1).span(), abc.search("abcabc", 0, 5).span())
print(digits.search("ab12cd", 1, 3), digits.search("ab12cd", 1, 4).span())

# Greedy repeats followed by a group mark and a literal still report the
# groups of the match they settle on.
for pat, s in [
    (r"(a(b)x*)c", "abxxxc abxx abc"),
    (r"(\w*)(@)(\w+)", "foo@bar baz@@qux"),
    (r"(?:(\w+)(-))+(\d)", "ab-cd-3 x-y"),
    (r"((b)x*)c|bxd", "bxxd bxc"),
    (r"(a(b)(?:c|d)(e)x*)f", "abdexxf abcexf"),
    (r"(x*)(y)", "xxxz xxy"),
]:
    print(pat, [(m.span(), m.groups()) for m in re.finditer(pat, s)])

# A locale pattern's first-character test follows the locale at match time.
print(re.findall(rb"(?L)\w+", b"ab \xe9t\xe9 cd"), re.findall(rb"(?Li)AB", b"ab Ab aB"))
