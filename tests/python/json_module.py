import sys
# json through the _json accelerators: dumps/loads options, hooks, errors with positions, recursion.
import json, _json
from json import JSONDecodeError
from collections import OrderedDict
print(json.scanner.make_scanner is _json.make_scanner, json.decoder.scanstring is _json.scanstring, json.encoder.c_make_encoder is _json.make_encoder)
doc = {"a": [1, 2.5, -3, 1e100, 10**30, True, False, None, "x\u00e9\u4e2d\U0001f600\n\t\"\\/"], "b": {"c": {}, "d": [], "e": [[]]}, "z": -0.0, "k": 12345678901234567890}
for kw in [{}, {"sort_keys": True}, {"indent": 2}, {"indent": "\t", "sort_keys": True}, {"separators": (",", ":")}, {"ensure_ascii": False}, {"indent": 0}, {"indent": 3, "separators": (" ,", " : ")}]:
    s = json.dumps(doc, **kw)
    print(kw, s)
    print(json.loads(s) == doc)
print(json.dumps({1: 2, 2.5: 3, True: 4, None: 5, False: 6}))
print(json.dumps({(1, 2): 3}, skipkeys=True), json.dumps([float('nan'), float('inf'), -float('inf')]))
for bad in [{(1, 2): 3}, [float('nan')], object()]:
    try: json.dumps(bad, allow_nan=False)
    except (TypeError, ValueError) as e: print(type(e).__name__, e)
l = []; l.append(l)
try: json.dumps(l)
except ValueError as e: print(e)
d = {}; d['x'] = d
try: json.dumps(d)
except ValueError as e: print(e)
print(json.dumps(l, check_circular=False) if False else 'skip')
class P:
    def __init__(self, v): self.v = v
print(json.dumps([P(1), {"p": P([P(2)])}], default=lambda o: {"P": o.v}))
class Me: pass
m = Me()
try: json.dumps(m, default=lambda o: o)
except ValueError as e: print(e)
class F(float):
    def __repr__(self): return 'F!'
class I(int):
    def __repr__(self): return 'I!'
class S(str): pass
class L(list): pass
class D(dict): pass
print(json.dumps([F(1.5), I(7), S('s'), L([1]), D(a=1), (1, 2), OrderedDict([('b', 1), ('a', 2)])]))
print(json.dumps({S('k'): 1, S('a'): 2}, sort_keys=True), json.dumps({I(3): 1}))
try: json.dumps({1: 1, 'a': 2}, sort_keys=True)
except TypeError as e: print(e)
print(json.loads('{"a": 1, "b": [1, 2, {"c": null}], "d": "\\u00e9\\ud83d\\ude00\\n"}'))
print(json.loads('[1.5, -0, 0.0e0, 1E5, -1e-5, 123456789012345678901234567890, "x"]'))
print(json.loads('{"a": 1}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"a": 1, "b": 2, "a": 3}', object_pairs_hook=lambda p: p))
print(json.loads('[1.1, 2]', parse_float=lambda s: 'F' + s, parse_int=lambda s: 'I' + s))
print(json.loads('[NaN, Infinity, -Infinity]'), json.loads('[NaN]', parse_constant=lambda s: s))
from decimal import Decimal
print(json.loads('1.10', parse_float=Decimal))
print(json.loads(' \n"abc" \t'), json.loads('"\\"\\\\\\/\\b\\f\\n\\r\\t"'))
print(json.loads('"\\ud800"') == chr(0xd800), json.loads('"\\ud800\\u0041"') == chr(0xd800) + 'A')
print(json.loads('"\u4e2d\\u4e2d"'), json.loads('["\U0001f600", {"\u00e9": 1}]'))
errs = ['', '[', '[1,]', '{"a":1,}', '{"a" 1}', '{1: 2}', '[1 2]', '"abc', '"\\x"', '"\\u12"', '"\\u12zz"', '"a\nb"', 'nul', '[1] x', '{"a": }', '-', '--1', '01', '[tru]', '{', '{"a"', '1.', '"\\ud800\\uzzzz"', '[1, 2', '  ']
for e in errs:
    try: json.loads(e); print('no error', repr(e))
    except JSONDecodeError as ex: print(repr(e), '->', ex.msg, ex.pos, ex.lineno, ex.colno)
print(json.loads('"a\nb"', strict=False))
print(_json.scanstring('"abc" x', 1), _json.scanstring('ab\\nc"', 0), _json.encode_basestring('a"\u00e9\x01'), _json.encode_basestring_ascii('a"\u00e9\x01\U0001f600'))
try: _json.scanstring(1, 0)
except TypeError as e: print(e)
try: _json.encode_basestring_ascii(b'x')
except TypeError as e: print(e)
try: _json.scanstring('"abc', 10)
except ValueError as e: print(e)
try: _json.scanstring(b'xxx', sys.maxsize + 1)
except OverflowError as e: print(type(e).__name__, e)
dec = json.JSONDecoder()
print(dec.raw_decode('[1, 2] rest'), dec.scan_once('  {"a": 1}', 2))
try: dec.scan_once('xyz', 0)
except StopIteration as e: print('StopIteration', e.value)
big = {"items": [{"id": i, "name": "item%d" % i, "tags": ["a", "b\u00e9"], "price": i * 1.25, "ok": i % 2 == 0} for i in range(2000)]}
s = json.dumps(big)
print(len(s), json.loads(s) == big, len(json.dumps(big, indent=1)), json.loads(json.dumps(big, sort_keys=True, indent=2)) == big)
deep = 1
for _ in range(500): deep = [deep]
print(json.loads(json.dumps(deep)) == deep)
deep = 1
for _ in range(100000): deep = [deep]
try: json.dumps(deep)
except RecursionError as e: print('RecursionError')
try: json.loads('[' * 100000 + ']' * 100000)
except RecursionError as e: print('RecursionError')
enc = json.JSONEncoder(indent=2, sort_keys=True)
print(list(enc.iterencode({'b': [1], 'a': 2}))[:3], enc.encode({'b': [1]}))
e2 = _json.make_encoder(None, str, _json.encode_basestring_ascii, None, ': ', ', ', False, False, True)
print(e2({'a': [1, 2]}, 0), e2.sort_keys, e2.indent, e2.key_separator)
e3 = _json.make_encoder({}, str, lambda s: '<' + s + '>', '  ', ':', ',', False, True, True)
print(e3({'b': [1, {'c': 2}], 'a': 'x', (1,): 2}, 1))
e4 = _json.make_encoder(None, str, lambda s: 1, None, ':', ',', False, False, True)
try: e4(['x'], 0)
except TypeError as e: print(e)
try: _json.make_encoder([], str, str, None, ':', ',', False, False, True)
except TypeError as e: print(e)
sc = _json.make_scanner(json.JSONDecoder(strict=False))
print(sc.strict, sc.object_hook, sc.parse_float, sc('"a\tb"', 0))
try: sc('1', -1)
except ValueError as e: print(e)
print(json.dumps("\u2028\u2029\x7f\x00"), json.dumps("\u2028", ensure_ascii=False))
print(json.dumps(10**50), json.dumps(-2**63), json.dumps(2**63), json.dumps(1e-7), json.dumps(0.1 + 0.2), json.dumps(1e22))
