# Differential test: bytes patterns (ASCII classes by default, LOCALE,
# IGNORECASE), bytes-like subjects, and str subjects of every PEP 393 width.
from re_support import re

for pat, flags, s in [
    (rb'\w+', 0, b'caf\xe9 ok_1'),
    (rb'\w+', re.L, b'abc def'),
    (rb'\W', re.L, b'a b'),
    (rb'[a-z]+', re.I, b'HeLLo \xc0\xe0'),
    (rb'\xe0', re.I, b'\xc0\xe0'),
    (rb'\xe0', re.L | re.I, b'\xe0'),
    (rb'a', re.L | re.I, b'A'),
    (rb'[ab]', re.L | re.I, b'xB'),
    (rb'(a)\1', re.L | re.I, b'aA'),
    (rb'\bx\b', re.L, b'a x b'),
    (rb'\d+\s+', 0, b'12 \t34'),
    (rb'(?i)K', 0, b'k'),
    (rb'.+', re.S, b'a\nb'),
    (rb'[^\x00-\x7f]+', 0, b'ab\xff\xfecd'),
    (rb'x*', 0, b''),
]:
    p = re.compile(pat, flags)
    m = p.search(s)
    print(pat, int(flags), s, m and (m.span(), m.group()), p.findall(s))

for subject in [b'a1b2', bytearray(b'a1b2'), memoryview(b'a1b2')]:
    m = re.search(rb'(\d)', subject)
    print(type(subject).__name__, m.group(1), type(m.group(1)).__name__,
          re.sub(rb'\d', b'#', subject), re.split(rb'\d', subject), re.findall(rb'\d', subject))
print(re.search(rb'(\d)', bytearray(b'x9')).string)

# One pattern over subjects of each str width.
for s in ['abc xyz', 'abc é xyz', 'abc € xyz', 'abc 😀 xyz', '😀€é a😀']:
    print(re.findall(r'\w+|\S', s), re.sub(r'\s', '_', s), [m.span() for m in re.finditer(r'.', s)][:3])
    print(re.search(r'(?<=\s)\S+(?=\s)', s), re.split(r'\s+', s))
print(re.sub('a', '€', 'aXa'), re.sub('€', 'a', '€X€'), re.sub('😀', 'é', 'x😀'))
print(re.fullmatch('[^a]+', '😀€é'), re.match('.{3}', '😀€é').group())
print(re.search('é', 'cafe café').span(), re.search('€+', 'a€€b').span())
print(re.search(r'\u20ac', 'x€'), re.search('[\u20ac-\u20af]', 'x€').span())

class S(str):
    pass

print(re.sub('a', 'b', S('aa')), type(re.sub('a', 'b', S('aa'))).__name__, type(re.match('a', S('a')).group()).__name__)
print(re.sub('a', S(r'\\'), 'xa'))
