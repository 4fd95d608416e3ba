# Surrogate escapes in t-string (PEP 750, 3.14) literal text stay code
# points; raw t-strings keep the backslashes.
x = 1
t = t'a\ud800{x}\udfff{x:\udc80}'
print(ascii(t.strings), [ascii(i.format_spec) for i in t.interpolations])
r = rt'\ud800{x}'
print(ascii(r.strings))
