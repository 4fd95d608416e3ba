import _string
for f in ["", "abc", "a{{b}}c", "{0}", "x{name!r:>{w}}y", "{a.b[c]}", "{}{}", "{:}", "{!s}", "}}", "{0[1]x}"]:
    try:
        print(repr(f), list(_string.formatter_parser(f)))
    except ValueError as e:
        print(repr(f), "ValueError", e)
for f in ["{", "}", "a{0", "{!}", "{0!rx}", "{0:{}"]:
    try:
        print(repr(f), list(_string.formatter_parser(f)))
    except ValueError as e:
        print(repr(f), "ValueError", e)
for n in ["a", "0", "a.b[0][x].c", "12[3]", "a[", "a[0]b", "a..b", "a[]", ""]:
    try:
        first, rest = _string.formatter_field_name_split(n)
        print(repr(n), repr(first), list(rest))
    except ValueError as e:
        print(repr(n), "ValueError", e)
print("{0}{{x}}{a!r:^5}".format(1, a="q"))
try:
    "{".format()
except ValueError as e:
    print(e)
try:
    _string.formatter_parser(1)
except TypeError as e:
    print("TypeError", e)
