# csv: a delimiter, escapechar or quotechar inside the lineterminator is
# refused; empty fields are quoted (or refused) when the delimiter is a
# space and skipinitialspace is set; a lone None field must be quoted.
import csv, io
for kw in [dict(delimiter='\x85', lineterminator='\x85'), dict(delimiter='\n', lineterminator='\n'), dict(lineterminator='\r\n', delimiter='\r')]:
    try:
        csv.reader([], **kw); print("ok", kw)
    except ValueError as e:
        print("ValueError", e)
for row, kw in [([None], dict(quoting=csv.QUOTE_STRINGS)), ([None], dict(quoting=csv.QUOTE_NOTNULL)), (['', ''], dict(delimiter=' ', skipinitialspace=True)), ([None, None], dict(delimiter=' ', skipinitialspace=True)), ([''], dict(delimiter=' ', skipinitialspace=True))]:
    s = io.StringIO()
    try:
        csv.writer(s, **kw).writerow(row); print(repr(s.getvalue()))
    except csv.Error as e:
        print("Error", e)
for kw in [dict(escapechar='\x85', lineterminator='\x85'), dict(quotechar='\x85', lineterminator='\x85'), dict(delimiter=';', lineterminator='a;b'), dict(lineterminator='\x85')]:
    try:
        csv.writer(io.StringIO(), **kw); print("ok", kw)
    except ValueError as e:
        print("ValueError", e)
for row, kw in [(['', 'x'], dict(delimiter=' ', skipinitialspace=True, quoting=csv.QUOTE_NONE, escapechar='\\')), ([None, 'x'], dict(delimiter=' ', skipinitialspace=True, quoting=csv.QUOTE_NOTNULL)), (['', 'x'], dict(delimiter=' ', skipinitialspace=True, quoting=csv.QUOTE_STRINGS)), (['', ''], dict(delimiter=' ')), ([None], dict(quoting=csv.QUOTE_ALL))]:
    s = io.StringIO()
    try:
        csv.writer(s, **kw).writerow(row); print(repr(s.getvalue()))
    except csv.Error as e:
        print("Error", e)
