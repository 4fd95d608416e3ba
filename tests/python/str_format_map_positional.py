# str.format_map has no positional arguments; huge field numbers and too
# many str() arguments get CPython's errors.
for f in ["{}", "{0}", "{0[1]}", "{a}", "{a[0]}", "{a.real}"]:
    try:
        print(repr(f.format_map({"a": [2]})))
    except Exception as e:
        print(f, type(e).__name__, e)

for f in ["{9223372036854775808}", "{99999999999999999999999}", "{0}"]:
    try:
        print(f.format("x"))
    except Exception as e:
        print(type(e).__name__, e)

try:
    str(1, 2, 3, 4)
except TypeError as e:
    print(type(e).__name__, e)
print("{0}{1}".format("a", "b"), "{}".format(5), "{x}".format_map({"x": 1}))
