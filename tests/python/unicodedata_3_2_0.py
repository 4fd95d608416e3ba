# unicodedata.ucd_3_2_0: the Unicode 3.2.0 answers that stringprep and the
# idna codec rely on, next to the current ones.
import unicodedata, stringprep
from unicodedata import ucd_3_2_0 as old

print(type(old).__name__, type(old).__module__, old.unidata_version, unicodedata.UCD is type(old))
print(sorted(n for n in dir(old) if not n.startswith('_')))
try:
    unicodedata.UCD()
except TypeError as e:
    print('TypeError', e)

chars = ['a', '\u00e9', '\u0221', '\u0237', '\u20b5', '\U0002F868', '\u0600',
         '\u08a0', '\u1e9e', '\U0001F600', '\u4dc0', '\u9fa6', '\u0345', '\u0f77', '\u2183',
         '\U0001D7CE', '\u00bd', '\u3405', '\u0660', '\U00010107', '\u05c5', '\u2160']
for ch in chars:
    row = []
    for db in (unicodedata, old):
        row.append((db.category(ch), db.bidirectional(ch), db.combining(ch), db.mirrored(ch),
                    db.east_asian_width(ch), db.decomposition(ch), db.decimal(ch, None),
                    db.digit(ch, None), db.numeric(ch, None), db.name(ch, None)))
    print(ascii(ch), row[0] == row[1], row[1])

# a sample of code points: counts of differences from the current database
diff = {}
for cp in list(range(0, 0x30000, 3)) + list(range(0xE0000, 0xE0200)):
    ch = chr(cp)
    for f in ('category', 'bidirectional', 'combining', 'mirrored', 'east_asian_width', 'decomposition'):
        if getattr(unicodedata, f)(ch) != getattr(old, f)(ch):
            diff[f] = diff.get(f, 0) + 1
    for f in ('decimal', 'digit', 'numeric', 'name'):
        if getattr(unicodedata, f)(ch, None) != getattr(old, f)(ch, None):
            diff[f] = diff.get(f, 0) + 1
print(sorted(diff.items()))

# normalization: the corrected mappings, characters new since 3.2.0
for s in ['\U0002F868\U0002F874\U0002F91F\U0002F95F\U0002F9BF', 'e\u0301', '\u1e9b\u0323',
          '\U0001109A', '\U00011099\U000110BA', '\ufb01', '\u2460']:
    print([ascii(old.normalize(f, s)) for f in ('NFC', 'NFD', 'NFKC', 'NFKD')],
          [old.is_normalized(f, s) for f in ('NFC', 'NFD')])
for f in [lambda: old.normalize('X', 'a'), lambda: old.name('\U0001F600'),
          lambda: old.decimal('a'), lambda: old.numeric('\u2183'), lambda: old.category('ab')]:
    try:
        print(f())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(old.lookup('LATIN SMALL LETTER A'), old.name('\u00e9'))

# users: stringprep tables and the idna codec
print(stringprep.in_table_a1('\u0221'), stringprep.in_table_a1('a'), stringprep.in_table_c12('\u00a0'),
      stringprep.in_table_d1('\u05d0'), stringprep.in_table_d2('a'), stringprep.map_table_b2('\u00df'))
print('bücher.example'.encode('idna'), b'xn--bcher-kva.example'.decode('idna'))
print('ÄÖÜ.de'.encode('idna'), 'straße.de'.encode('idna'))
print('a\u0221b.com'.encode('idna'))
for bad in ['a\u200eb.com', '\u05d0a.com']:
    try:
        bad.encode('idna')
    except UnicodeError as e:
        print(type(e).__name__, e)
