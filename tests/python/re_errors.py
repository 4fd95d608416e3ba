# Differential test: errors from compiling patterns (re.error with
# positions, from re/_parser.py), from _sre itself, and pathological
# patterns that must neither crash nor recurse without bound.
from re_support import re
import _sre

BAD = [
    'a(b', 'a)b', '[a', '[z-a]', '*a', 'a**', 'a{2,1}', '(?P<1a>x)',
    '(?P<a>x)(?P<a>y)', '(?P=nope)', r'\1', '(?<=a+)b', '(?<=a|bc)d', '(?z)',
    r'\p', '(?', '(?P', '(?P<a', 'a{1', r'\x4', r'\u12', r'\U1234567',
    '(?i', '(?#unterminated', '(?(1)a|b|c)', '(?(x)a)', 'a\n(b',
    r'[\w-z]', r'\8', '(?<!ab*)c', '(?-x:a)', '(?a)' if False else '(?au)',
    'x' * 5 + '(?x', '(?P<a-b>c)', '((a)', 'a|*',
]
for pat in BAD:
    try:
        re.compile(pat)
        print(repr(pat), 'compiled')
    except re.error as e:
        print(repr(pat), type(e).__name__, e.msg, e.pos, e.lineno, e.colno)
        print('   ', str(e))

for pat in [b'(?u)a', b'[a']:
    try:
        re.compile(pat)
    except Exception as e:
        print(repr(pat), type(e).__name__, e)
for pat, fl in [('a', re.L), ('a', re.A | re.U)]:
    try:
        re.compile(pat, fl)
    except Exception as e:
        print(repr(pat), int(fl), type(e).__name__, e)

# _sre.compile checks the code it gets.
for code in [[], [1], [17, 9, 1], [16], [13, 5, 0, 0, 1], [7, 0, 1], [24, 4, 5, 3, 1, 1],
             [11, 0, 1], [15, 2, 1], [0, 1], [4, 99, 0, 1]]:
    try:
        _sre.compile('x', 0, code, 0, {}, ())
        print(code, 'ok')
    except Exception as e:
        print(code, type(e).__name__, e)
for args in [('x', 0, (1,), 0, {}, ()), ('x', 0, [1], 0, [], ()), ('x', 0, [-1], 0, {}, ()),
             ('x', 0, [2 ** 40], 0, {}, ()), ('x', 0, ['a'], 0, {}, ()), (5, 0, [1], 0, {}, ())]:
    try:
        print(_sre.compile(*args))
    except Exception as e:
        print(type(e).__name__, e)
p = _sre.compile(None, 0, [16, 97, 1], 0, {}, ())
print(p.pattern, p.match('ab'), p.match(b'ab'))
for t in [[], ['a', 1], ['a', -1, 'b'], ['a', 'x', 'b'], ('a',)]:
    try:
        print(type(_sre.template(p, t)).__name__)
    except Exception as e:
        print(repr(t), type(e).__name__, e)
print(_sre.getcodesize(), _sre.ascii_iscased(ord('a')), _sre.ascii_iscased(ord('1')),
      _sre.unicode_iscased(0x1c5), _sre.ascii_tolower(ord('Q')), _sre.ascii_tolower(0xc0),
      _sre.unicode_tolower(0xc0), _sre.unicode_tolower(0x130), _sre.unicode_tolower(-5))
for f in (_sre.ascii_tolower, _sre.unicode_iscased):
    for v in (1.5, 2 ** 40, 'a'):
        try:
            f(v)
        except Exception as e:
            print(type(e).__name__, e)

# Pathological patterns: deep backtracking stacks, not deep recursion.
s = 'ab' * 50000
print(len(re.match(r'(?:ab)*', s).group()))
print(len(re.match(r'(?:a|b)*?$', s).group()))
print(len(re.match(r'(a|b)*', s).group()), re.match(r'(a|b)*', s).group(1))
print(re.match(r'((?:a|b)*)*c', 'ab' * 12))
print(len(re.fullmatch(r'(?:(?:a)(?:b))+', s).group()))
print(re.search(r'(x+x+)+y', 'x' * 18))
print(len(re.findall(r'(?=(a))', s)))
print(re.match(r'(?:(a)|b)*', 'ab' * 1000).group(1))
nested = '(' * 50 + 'a' + ')' * 50
print(re.match(nested, 'a').span(50))
print(re.sub(r'(?<=a)', '-', 'aaa'))
