# Differential test of the regular expression engine: many patterns, each
# searched, matched and fully matched against several subjects.
from re_support import re

CASES = [
    # literals, classes, anchors
    (r'abc', 0, ['abc', 'xabcx', 'ab', '']),
    (r'a.c', 0, ['abc', 'a\nc', 'ac']),
    (r'a.c', re.S, ['a\nc']),
    (r'^abc$', 0, ['abc', 'abc\n', 'x\nabc\n']),
    (r'^abc$', re.M, ['x\nabc\ny', 'abc']),
    (r'\Aab\Z', 0, ['ab', 'ab\n']),
    (r'[a-c]+', 0, ['xxabcabcz', 'ddd']),
    (r'[^a-c]+', 0, ['abxyzc']),
    (r'[\d\s]+', 0, ['ab 12 3x']),
    (r'\w+', 0, ['héllo wörld', 'a_b1']),
    (r'\w+', re.A, ['héllo wörld']),
    (r'\W+', 0, ['ab, cd!']),
    (r'\bfoo\b', 0, ['foo', 'afoo', 'a foo b', 'foobar']),
    (r'\Bfoo\B', 0, ['afoob', 'foo']),
    (r'\d+', 0, ['abc ٣٤٥ 123']),
    (r'\d+', re.A, ['abc ٣٤٥ 123']),
    (r'\s+', 0, ['a \t\u3000b']),
    (r'[\u0400-\u04ff]+', 0, ['abc Привет мир']),
    (r'[^\x00-\x7f]+', 0, ['abc 😀😁 x']),
    (r'😀+', 0, ['a😀😀b']),
    (r'[😀-😂]', 0, ['x😁']),
    # quantifiers
    (r'a*', 0, ['', 'aaa', 'baaa']),
    (r'a+?', 0, ['aaa']),
    (r'a{2,3}', 0, ['a', 'aa', 'aaaa']),
    (r'a{2,3}?', 0, ['aaaa']),
    (r'a{,2}b', 0, ['aaab']),
    (r'(ab)*c', 0, ['ababc', 'c', 'abab']),
    (r'(ab)+?c', 0, ['ababc']),
    (r'(a|b)*?c', 0, ['abbac']),
    (r'(?:a|ab)(c|bcd)(d*)', 0, ['abcd']),
    (r'(a*)*b', 0, ['aaab', 'b']),
    (r'(a*)+b', 0, ['aab']),
    (r'(a|)+b', 0, ['aab']),
    (r'(?:x*)*y', 0, ['xxy']),
    (r'(a+|b+)*c', 0, ['aabbac']),
    (r'(.*)(\d+)', 0, ['abc123']),
    (r'(.*?)(\d+)', 0, ['abc123']),
    (r'.*foo', 0, ['xfooyfooz']),
    (r'x{3}', 0, ['xxxx']),
    (r'(?:ab){2,}', 0, ['abababx']),
    # possessive and atomic
    (r'a*+a', 0, ['aaa']),
    (r'a++b', 0, ['aaab']),
    (r'(?>a+)b', 0, ['aaab']),
    (r'(?>a|ab)c', 0, ['abc']),
    (r'(ab)*+c', 0, ['ababc']),
    (r'(?:a|ab)++c', 0, ['ababc', 'aac']),
    (r'x?+x', 0, ['x']),
    (r'a{1,2}+a', 0, ['aaa']),
    # alternation
    (r'cat|dog|bird', 0, ['hotdog', 'a bird']),
    (r'a(b|c|d)e', 0, ['ace', 'abe', 'axe']),
    (r'(a|ab)(c|bcd)', 0, ['abcd']),
    # groups and backreferences
    (r'(a)(b)?(c)', 0, ['ac', 'abc']),
    (r'(?P<first>\w+) (?P=first)', 0, ['hello hello', 'a b']),
    (r'(\w)\1', 0, ['abccd']),
    (r'(a)|(b)', 0, ['b', 'a']),
    (r'((a)|b)+', 0, ['ab', 'ba']),
    (r'(a*)\1', 0, ['aaaa']),
    (r'(?i)(a)\1', 0, ['aA']),
    (r'(x)?(?(1)a|b)', 0, ['xa', 'b', 'xb']),
    (r'(?P<q>")?\w+(?(q)")', 0, ['"word"', 'word', '"word']),
    (r'(a)?(?(1)b)c', 0, ['abc', 'c']),
    # lookaround
    (r'foo(?=bar)', 0, ['foobar', 'foobaz']),
    (r'foo(?!bar)', 0, ['foobar', 'foobaz']),
    (r'(?<=a)b', 0, ['ab', 'cb']),
    (r'(?<!a)b', 0, ['ab', 'cb']),
    (r'(?<=(a))b', 0, ['ab']),
    (r'(?=(\w+))\w', 0, ['abc']),
    (r'\w+(?<=c)', 0, ['abcd abc']),
    (r'(?<=\d{3})x', 0, ['12x 123x']),
    (r'^(?!.*foo).*$', re.M, ['bar\nfoo\nbaz']),
    # ignore case
    (r'abc', re.I, ['ABC', 'aBc']),
    (r'[a-z]+', re.I, ['HeLLo']),
    (r'straße', re.I, ['STRASSE', 'STRAßE', 'strasse']),
    (r'ǅ', re.I, ['ǆ', 'Ǆ']),
    (r'[ǅ]', re.I, ['ǆ']),
    (r'σ', re.I, ['Σ', 'ς']),
    (r'[σ]+', re.I, ['ΣσςΣ']),
    (r'k', re.I, ['K', '\u212a']),
    (r'k', re.I | re.A, ['K', '\u212a']),
    (r'[k-m]+', re.I, ['KLM\u212a']),
    (r'i', re.I, ['İ', 'ı', 'I']),
    (r'[^a]', re.I, ['A', 'b']),
    (r'(?i:A)b', 0, ['ab', 'aB']),
    (r'(?-i:a)b', re.I, ['AB', 'aB']),
    (r'\u0100+', re.I, ['\u0101\u0100']),
    (r'[\U00010400-\U0001044f]+', re.I, ['\U00010428\U00010400']),
    (r'\U00010400', re.I, ['\U00010428']),
    # verbose
    (r'''a  # comment
         b c''', re.X, ['abc', 'a b c']),
    (r'[ ]x', re.X, [' x']),
    # misc
    (r'', 0, ['', 'abc']),
    (r'$', 0, ['abc', 'abc\n']),
    (r'\n', 0, ['a\nb']),
    (r'[\b]', 0, ['a\bb']),
    (r'a|b|', 0, ['c']),
    (r'(?s:.)+', 0, ['a\nb']),
    (r'.+', 0, ['ab\ncd']),
    (r'x*y*z*', 0, ['xxzz']),
    (r'[]a]+', 0, ['a]]b']),
    (r'[-a]+', 0, ['-a-']),
    (r'\x41\101\u0041\U00000061', 0, ['AAAa']),
]

for pat, flags, subjects in CASES:
    p = re.compile(pat, flags)
    for s in subjects:
        out = []
        for how in ('match', 'fullmatch', 'search'):
            m = getattr(p, how)(s)
            out.append(None if m is None else (m.span(), m.groups(), m.lastindex))
        print(repr(pat), int(flags), repr(s), out)
        print('  findall', p.findall(s))
