# str literals whose escapes make lone surrogates keep them as code points
# (the parser alone would give U+FFFD), in plain, concatenated, triple-quoted
# and f-string literals, with other escapes and \N{...} around them.
s = '\ud800'
print(ascii(s), len(s), ord(s), hex(ord('\udfff')))
u = '\U0000dc80'
print(ascii(u), ord(u), u.encode('utf-8', 'surrogatepass'), u.encode('utf-8', 'surrogateescape'))
pair = 'a\ud83d\ude00b'
print(ascii(pair), len(pair), pair == 'a\U0001f600b')
print(ascii('\N{EM DASH}\ud800\x41\101\t\\\'"'), len('\N{EM DASH}\ud800'))
print('\ud800' == chr(0xd800), '\ud800' < '\ud801', '\ud800' < '\ue000', repr('\udfff'))
print({'\udc80': 1}[chr(0xdc80)], chr(0xdc80) in {'\udc80'}, hash('\udc80') == hash(chr(0xdc80)))
print(ascii('ab' '\ud800' 'cd' "\udbff"), ascii(r'\ud800'), ascii(b'\\ud800'))
print(ascii('''\ud800
\ud801\
x'''))
x = 5
print(ascii(f'\ud800{x}\udfff'), ascii(f'{{\ud800}}'), ascii(rf'\ud800{x}'))
print(ascii(f'{x!r}\udc80' f'{"\udc81"}' '\udc82'))
print(ascii(f'{chr(0xd800)}{chr(0xdc00)}'), len(f'{chr(0xd800)}{x}'))
print(ascii('\ud800' * 3), ascii(('\udc80', 'x') * 2))
print('\ud800'.encode('utf-16-le', 'surrogatepass'), '\ud800'.isprintable())
try:
    '\ud800'.encode()
except UnicodeEncodeError as e:
    print(type(e).__name__, e)


def match(v):
    match v:
        case '\ud800':
            return 'surrogate'
        case _:
            return 'other'


print(match(chr(0xd800)), match('\ufffd'))
print(ascii(eval(r"'\udc00' + '\U0000d801'")))
ns = {}
exec(compile("y = ['\\udfff', '\\ufffd']\n", "<s>", "exec"), ns)
print(ascii(ns['y']), '\ufffd' == '\N{REPLACEMENT CHARACTER}', len('\ufffd'))
