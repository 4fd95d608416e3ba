import unicodedata as u

def t(f, *a):
    try:
        r = f(*a)
    except Exception as e:
        print(f.__name__, ascii(a), type(e).__name__, e)
    else:
        print(f.__name__, ascii(a), ascii(r))

print(u.unidata_version)
chars = 'aZ5 \t\n\u00e9\u0301\u0041\u030a\u212b\u00c5\u1e9b\u0323\ufb01\u2460\u00bd\u0660\u4e00\uac00\u1100\u1161\u11a8\u05d0\u0627\u200f\u202e\u3000\uff21\u00a0\U0001f600\U00010400\u0e3f\u2028\ud7a3\u0345\u0f73\U0001d15e'
for c in chars:
    for f in (u.category, u.bidirectional, u.combining, u.mirrored, u.east_asian_width, u.decomposition):
        t(f, c)
    t(u.decimal, c); t(u.digit, c); t(u.numeric, c); t(u.decimal, c, None); t(u.numeric, c, -1)
for c in '([{<>}])\u00ab\u2264':
    t(u.mirrored, c)
samples = ['', 'abc', 'caf\u00e9', 'cafe\u0301', '\u212b\u2126', '\u1e9b\u0323', 'A\u030a\u0323', '\ufb01ne \u2460\u00bd',
           '\uac00\ub098\ud7a3', '\u1100\u1161\u11a8\u1100\u1161', 'q\u0307\u0323', '\u0f73\u0f75\u0f81', 'e\u0301\u0300\u0302',
           '\u0041\u0300\u0316\u0323', '\uff21\uff22\u3000x', '\u00c7\u0301', 'a\u0345\u0313', '\U0001d15e\U0001d160',
           '\u0958\u095f', '\u2fa1d\u2f800', 'i\u0307\u0301', '\u1e0a\u0323\u0307']
for s in samples:
    for form in ('NFC', 'NFD', 'NFKC', 'NFKD'):
        r = u.normalize(form, s)
        print(form, ascii(s), ascii(r), u.is_normalized(form, s), u.is_normalized(form, r))
t(u.normalize, 'NFX', 'a'); t(u.normalize, 'NFC', 5); t(u.category, 'ab'); t(u.category, 5); t(u.digit, 'x')
t(u.decimal, 'x'); t(u.numeric, 'x'); t(u.combining, '')
total = 0
for cp in range(0, 0x30000, 7):
    c = chr(cp)
    text = u.category(c) + u.bidirectional(c) + u.east_asian_width(c) + u.decomposition(c)
    total += sum(map(ord, text)) * (cp % 13 + 1) + u.combining(c) * 7 + u.mirrored(c) * 3
    if cp % 49 == 0:
        total += len(u.normalize('NFKC', c + '\u0301')) + len(u.normalize('NFD', c))
print(total)
for c in 'a\u00e9\u4e00\uac00\ub098\ud7a3\U00020000\U0002a6df\U00017000\U0001b170\uf900\U0001f600\u0000\u0378\ue000\U000e0100\ufe00':
    t(u.name, c); t(u.name, c, 'dflt')
for n in ['LATIN SMALL LETTER A', 'latin small letter a', 'CJK UNIFIED IDEOGRAPH-4E00', 'HANGUL SYLLABLE GA', 'hangul syllable hih',
          'HANGUL SYLLABLE GAG', 'TANGUT IDEOGRAPH-17000', 'GRINNING FACE', 'NO SUCH THING', 'CJK UNIFIED IDEOGRAPH-0041',
          'HANGUL SYLLABLE XX', 'hangul syllable ga', 'CJK UNIFIED IDEOGRAPH-4e00', 'CJK UNIFIED IDEOGRAPH-04E00', 'tangut ideograph-17000', 'VARIATION SELECTOR-256', 'CJK COMPATIBILITY IDEOGRAPH-F900']:
    t(u.lookup, n)
acc = 0
for cp in range(0, 0x110000, 3):
    n = u.name(chr(cp), '')
    acc = (acc * 7 + len(n) + sum(map(ord, n[:3])) + sum(map(ord, n[-3:]))) % 1000000007
    if n and cp % 33 == 0:
        acc = (acc + ord(u.lookup(n))) % 1000000007
print(acc)
