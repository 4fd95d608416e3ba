# csv over _csv: reader/writer, quoting modes, dialects and their validation,
# DictReader/DictWriter, Sniffer, field_size_limit, errors.
import csv, io
out = io.StringIO()
w = csv.writer(out)
print(w.writerow(['a', 'b,c', 'd"e', 'f\ng', '', None, 1, 2.5, True]))
w.writerows([[1, 2], [], ['x'], [''], [None]])
print(repr(out.getvalue()))
print(list(csv.reader(io.StringIO(out.getvalue(), newline=''))))
rows = [['a', '', None, 3, 4.5, 'x y'], ['', None]]
for name in ['QUOTE_MINIMAL', 'QUOTE_ALL', 'QUOTE_NONNUMERIC', 'QUOTE_STRINGS', 'QUOTE_NOTNULL']:
    q = getattr(csv, name)
    out = io.StringIO()
    csv.writer(out, quoting=q).writerows(rows)
    text = out.getvalue()
    print(name, repr(text))
    try: print(list(csv.reader(io.StringIO(text), quoting=q)))
    except ValueError as e: print('ValueError', e)
out = io.StringIO()
csv.writer(out, quoting=csv.QUOTE_NONE, escapechar='\\').writerow(['a,b', 'c"d', 'e\\f', 'g\nh'])
print(repr(out.getvalue()), list(csv.reader(io.StringIO(out.getvalue()), quoting=csv.QUOTE_NONE, escapechar='\\')))
out = io.StringIO()
csv.writer(out, doublequote=False, escapechar='\\').writerow(['a"b', 'c\\d'])
print(repr(out.getvalue()))
out = io.StringIO()
csv.writer(out, delimiter='\t', lineterminator='\n', quotechar="'").writerow(["it's", 'a\tb', 'c'])
print(repr(out.getvalue()))
out = io.StringIO()
csv.writer(out, lineterminator='!').writerow(['a!b', 'c'])
print(repr(out.getvalue()))
print(list(csv.reader(['a;b;"c;d"'], delimiter=';')))
print(list(csv.reader(['a, b,  "c"'], skipinitialspace=True)))
print(list(csv.reader(io.StringIO('a,b\r\n"multi\nline",x\r\n\r\nlast', newline=''))))
# DictReader / DictWriter
data = 'name,age,city\r\nAnn,30,Oslo\r\nBob,25\r\nCy,40,Rome,extra,more\r\n'
r = csv.DictReader(io.StringIO(data))
print(r.fieldnames)
for row in r: print(row)
r = csv.DictReader(io.StringIO(data), fieldnames=['n', 'a'], restkey='rest', restval='?')
for row in r: print(row, r.line_num)
out = io.StringIO()
dw = csv.DictWriter(out, fieldnames=['x', 'y'], restval='-', extrasaction='ignore')
dw.writeheader()
dw.writerow({'x': 1, 'y': 'two, three'})
dw.writerows([{'x': 3}, {'y': 4, 'z': 5}])
print(repr(out.getvalue()))
try: csv.DictWriter(io.StringIO(), fieldnames=['x']).writerow({'x': 1, 'q': 2})
except ValueError as e: print('ValueError', e)
# dialects
class My(csv.Dialect):
    delimiter = '|'
    quotechar = "'"
    doublequote = True
    skipinitialspace = False
    lineterminator = '\n'
    quoting = csv.QUOTE_MINIMAL
csv.register_dialect('my', My)
csv.register_dialect('semi', delimiter=';', quoting=csv.QUOTE_ALL)
print(sorted(csv.list_dialects()))
d = csv.get_dialect('my')
print(d.delimiter, d.quotechar, d.escapechar, repr(d.lineterminator), d.quoting, d.doublequote, d.skipinitialspace, d.strict)
out = io.StringIO()
csv.writer(out, 'semi').writerow(['a', 1])
csv.writer(out, dialect='my').writerow(["x|y", "q'r"])
print(repr(out.getvalue()))
csv.unregister_dialect('semi')
try: csv.get_dialect('semi')
except csv.Error as e: print('Error', e)
class Bad(csv.Dialect):
    delimiter = ''
try: Bad()
except csv.Error as e: print('Error', e)
class Bad2(csv.Dialect):
    pass
try: Bad2()
except csv.Error as e: print('Error', e)
print(csv.excel.delimiter, csv.excel_tab.delimiter, csv.unix_dialect.quoting)
# errors
for text, kw in [('a,"b', {'strict': True}), ('"a"b', {'strict': True}), ('a\rb', {}), ('x' * 20, {})]:
    old = csv.field_size_limit(10)
    try: print(list(csv.reader([text], **kw)))
    except csv.Error as e: print('Error', e)
    csv.field_size_limit(old)
try: csv.writer(io.StringIO(), quoting=csv.QUOTE_NONE).writerow(['a,b'])
except csv.Error as e: print('Error', e)
try: csv.writer(io.StringIO()).writerow(5)
except csv.Error as e: print('Error', e)
print(csv.field_size_limit())
# Sniffer
sample = 'id;name;score\n1;"Ann";3.5\n2;"Bob";4.0\n3;"Cy";2.25\n'
s = csv.Sniffer()
dia = s.sniff(sample)
print(repr(dia.delimiter), repr(dia.quotechar), dia.doublequote, dia.skipinitialspace, s.has_header(sample))
dia = s.sniff('a,b,c\n1,2,3\n4,5,6\n', delimiters=',;')
print(repr(dia.delimiter), s.has_header('a,b,c\n1,2,3\n4,5,6\n'))
try: s.sniff('')
except csv.Error as e: print('Error', e)
print(list(csv.reader(io.StringIO(sample), dia)))

# _csv directly
import _csv
print(repr(_csv.__doc__))
D=_csv.Dialect
for kw in [dict(delimiter=''), dict(delimiter='ab'), dict(delimiter=1), dict(delimiter=None), dict(quotechar=1), dict(quotechar='ab'), dict(quotechar=None), dict(quotechar=None, quoting=0), dict(escapechar='ab'), dict(escapechar=1), dict(lineterminator=1), dict(lineterminator=None), dict(quoting='a'), dict(quoting=7), dict(quoting=1.0), dict(delimiter='\n'), dict(delimiter=' ', skipinitialspace=True), dict(quotechar='\r'), dict(escapechar='\n'), dict(delimiter=',', quotechar=','), dict(delimiter=',', escapechar=','), dict(quotechar='"', escapechar='"'), dict(lineterminator=''), dict(quoting=True), dict(bogus=1), dict(quoting=2**40), dict(lineterminator='\r\n', delimiter='\r'), dict(quotechar=''), dict(escapechar=''), dict(quoting=3, quotechar=None), dict(delimiter=' ', quotechar=' '), dict(delimiter='\t',escapechar='\t'), dict(quoting=_csv.QUOTE_NONE), dict(quotechar='"', quoting=_csv.QUOTE_NONE), dict(delimiter=' ', skipinitialspace=False), dict(escapechar=' ', skipinitialspace=True), dict(quotechar=' ', skipinitialspace=True), dict(doublequote=0, strict=[1], skipinitialspace='')]:
    try: d=D(**kw); print(kw, 'ok', repr(d.delimiter), repr(d.quotechar), repr(d.escapechar), repr(d.lineterminator), d.quoting, d.doublequote, d.skipinitialspace, d.strict)
    except Exception as e: print(kw, type(e).__name__, e)
try: D(1,2)
except Exception as e: print(type(e).__name__, e)
d=D(); print(type(d.strict), type(d.doublequote), type(d.skipinitialspace))
try: d.delimiter='x'
except Exception as e: print(type(e).__name__, e)
try: d.strict=1
except Exception as e: print(type(e).__name__, e)
print(D('excel').delimiter, D(csv.excel_tab).delimiter, D(d) is d, D(d, delimiter=';').delimiter)
try: D('nope')
except Exception as e: print(type(e).__name__, e)
try: _csv.get_dialect('nope')
except Exception as e: print(type(e).__name__, e)
try: _csv.unregister_dialect('nope')
except Exception as e: print(type(e).__name__, e)
try: _csv.register_dialect(1)
except Exception as e: print(type(e).__name__, e)
try: _csv.register_dialect('x', 1, 2)
except Exception as e: print(type(e).__name__, e)
try: _csv.register_dialect('x', delimiter='')
except Exception as e: print(type(e).__name__, e)
try: _csv.register_dialect()
except Exception as e: print(type(e).__name__, e)
print(_csv.list_dialects(), _csv.field_size_limit(), _csv.field_size_limit(10), _csv.field_size_limit())
try: _csv.field_size_limit('a')
except Exception as e: print(type(e).__name__, e)
try: _csv.field_size_limit(1,2)
except Exception as e: print(type(e).__name__, e)
try: _csv.field_size_limit(limit=5); print(_csv.field_size_limit(new_limit=131072))
except Exception as e: print(type(e).__name__, e)
print(_csv.QUOTE_MINIMAL, _csv.QUOTE_ALL, _csv.QUOTE_NONNUMERIC, _csv.QUOTE_NONE, _csv.QUOTE_STRINGS, _csv.QUOTE_NOTNULL)
print(_csv.Error.__mro__, _csv.Error.__module__)
print(type(_csv.reader([])), type(_csv.writer(open('/dev/null','w'))), type(_csv.reader([]).dialect).__name__, _csv.reader([]).line_num)
for f in [lambda: _csv.reader(1), lambda: _csv.reader(), lambda: _csv.writer(1), lambda: _csv.writer(), lambda: _csv.reader([], 'nope'), lambda: _csv.reader([], delimiter=''), lambda: _csv.reader([], 'excel', 1), lambda: _csv.Reader(), lambda: _csv.Writer()]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
print(_csv.Dialect.__mro__, _csv.Reader, _csv.Writer, sorted(_csv._dialects))
r = _csv.reader(['a,b'])
print(iter(r) is r, next(r), r.line_num)
try: next(r)
except StopIteration: print('stop')
for rows in [['a,"b\nc",d'], ['a,"b'], ['"a"b,c'], ['a,b\0c'], [1], ['a\rb'], [b'x']]:
    try: print(list(_csv.reader(rows)))
    except Exception as e: print(type(e).__name__, e)
    try: print(list(_csv.reader(rows, strict=True)))
    except Exception as e: print(type(e).__name__, e)
w = _csv.writer(open('/dev/null', 'w'))
for row in [1, [object.__new__(type('X', (), {'__str__': lambda s: 1/0}))], ['a\nb'], [None]]:
    try: print(w.writerow(row))
    except Exception as e: print(type(e).__name__, e)
w2 = _csv.writer(open('/dev/null', 'w'), quoting=_csv.QUOTE_NONE)
for row in [['a,b'], ['a"b'], ['']]:
    try: print(w2.writerow(row))
    except Exception as e: print(type(e).__name__, e)
w3 = _csv.writer(open('/dev/null', 'w'), quoting=_csv.QUOTE_NONE, escapechar='\\')
print(w3.writerow(['a,b"c\\d\ne']))
try: print(w3.writerows(1))
except Exception as e: print(type(e).__name__, e)
print(w3.dialect.escapechar)
