# The codec registry (_codecs) under the codecs module and the encodings
# package of the standard library.
import sys
sys.path.insert(0, '/root/.pyenv/versions/3.13.0/lib/python3.13')
import codecs
import _io as io
print(codecs.lookup('utf-8').name, codecs.lookup('UTF8').name, codecs.lookup('latin1').name)
print('héllo'.encode('cp1252'), b'h\xe9llo \x80'.decode('cp1252'))
print('abc'.encode('utf-16'), 'abc'.encode('utf-16-le'), b'\xff\xfea\x00'.decode('utf-16'))
print(codecs.encode('abc', 'rot13'))
print(codecs.utf_8_decode(b'ab\xc3', None, False), codecs.utf_8_encode('é'))
print(codecs.escape_decode(b'a\\n\\x41'), codecs.escape_encode(b'a\n\x01'))
print(codecs.charmap_build('abc'))
print('ä€'.encode('cp1252', 'replace'), 'ä€'.encode('ascii', 'xmlcharrefreplace'), 'ä€'.encode('ascii', 'backslashreplace'))
print(b'a\xffb'.decode('ascii', 'replace'), b'a\xffb'.decode('utf-8', 'surrogateescape').encode('utf-8', 'surrogateescape'))
try:
    codecs.lookup('nope')
except LookupError as e:
    print('LookupError', e)
try:
    b'\x81'.decode('cp1252')
except UnicodeDecodeError as e:
    print('UnicodeDecodeError', e)
try:
    'x'.encode('rot13')
except LookupError as e:
    print('LookupError', e)
print(codecs.lookup_error('strict'), codecs.lookup_error('ignore'))
try:
    codecs.lookup_error('nosuch')
except LookupError as e:
    print('LookupError', e)
def handler(e):
    return ('<%d>' % e.start, e.end)
codecs.register_error('mine', handler)
print('a\u0100b'.encode('cp1252', 'mine'))
print(codecs.decode(b'\xe9', 'latin-1'), codecs.encode('é', 'utf-8'))
print(codecs.utf_16_ex_decode(b'\xfe\xff\x00a', None, 0, True))
print(codecs.utf_32_encode('a'), codecs.utf_32_be_decode(b'\x00\x00\x00a'))
print(codecs.unicode_escape_encode('é\n'), codecs.raw_unicode_escape_decode(b'\\u00e9'))
print(codecs.latin_1_encode('ÿ'), codecs.ascii_decode(b'ok'))
r = codecs.getreader('utf-8')(io.BytesIO('héllo\nx'.encode()))
print(r.readline(), r.read())
w = io.BytesIO()
sw = codecs.getwriter('utf-16')(w)
sw.write('ab')
print(w.getvalue())
dec = codecs.getincrementaldecoder('utf-8')()
print(repr(dec.decode(b'\xc3')), repr(dec.decode(b'\xa9', final=True)))
search_calls = []
def search(name):
    search_calls.append(name)
    if name == 'my_codec':
        return codecs.CodecInfo(lambda s, e='strict': (s.upper().encode(), len(s)),
                                lambda b, e='strict': (bytes(b).decode().lower(), len(b)),
                                name='my-codec')
    return None
codecs.register(search)
print('shout'.encode('my-codec'), b'QUIET'.decode('My Codec'), search_calls)
codecs.unregister(search)
# Handlers registered with register_error serve the built-in codecs too.
def count(e):
    return ('?%d' % (e.end - e.start), e.end)
codecs.register_error('count', count)
print('aé€b'.encode('ascii', 'count'), 'aé€b'.encode('latin-1', 'count'))
print(b'a\xff\xfeb'.decode('utf-8', 'count'), b'a\x80b'.decode('ascii', 'count'))
def as_bytes(e):
    return (b'<%d>' % e.start, e.end)
codecs.register_error('as_bytes', as_bytes)
print('xé'.encode('ascii', 'as_bytes'), 'é'.encode('utf-16-le', 'as_bytes') if False else 'ok')
def skip_rest(e):
    return ('!', -1)
codecs.register_error('skip_rest', skip_rest)
print('ab\xe9cd'.encode('ascii', 'skip_rest'))
def bad_result(e):
    return 42
codecs.register_error('bad_result', bad_result)
try:
    'é'.encode('ascii', 'bad_result')
except TypeError as e:
    print('TypeError', e)
def out_of_range(e):
    return ('', 99)
codecs.register_error('out_of_range', out_of_range)
try:
    'é'.encode('ascii', 'out_of_range')
except IndexError as e:
    print('IndexError', e)
try:
    'é'.encode('ascii', 'never_registered')
except LookupError as e:
    print('LookupError', e)
print('aé€\U0001f600\ue000'.encode('ascii', 'namereplace'), codecs.namereplace_errors is not None)
print(codecs.strict_errors is codecs.lookup_error('strict'))
