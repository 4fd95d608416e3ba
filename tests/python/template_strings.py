# Template strings (PEP 750, Python 3.14): t"..." gives a Template with
# the static strings and the Interpolation objects apart, unformatted.
# CPython 3.13 cannot parse this file: expected/template_strings.out holds
# CPython 3.14's output.
name = "World"
x = 3.14159
t = t"Hello {name}!"
print(type(t), t)
print(t.strings, t.interpolations, t.values)
i = t.interpolations[0]
print(type(i), i, i.value, i.expression, i.conversion, repr(i.format_spec))
print(list(t))

print("== conversions, specs, debug ==")
t2 = t"{x:.2f} and {name!r:>10} {x=} {x=:.1f} {name!a} {name!s}"
print(t2.strings)
for it in t2.interpolations:
    print(it)
print(list(t2))
w = 8
print(t"{x:{w}.{w-5}}".interpolations[0].format_spec)
print(t"{x:>{w}}".interpolations[0], t"{{literal}} {x}".strings)

print("== empty and concatenated ==")
print(t"", list(t""), t"".strings, t"".interpolations, t"".values)
print(t"a" t"{x}" t"b")
print(t"{x}{name}", list(t"{x}{name}"))
multi = t"""one {
    name
} two"""
print(multi.strings, multi.interpolations[0].value)

print("== + ==")
s = t"a{1}b" + t"c{2}d"
print(s)
print(t"" + t"", t"{3}" + t"")
for bad in ["str", 1, None]:
    try:
        t"x" + bad
    except TypeError as e:
        print("TypeError", type(bad).__name__)
try:
    "s" + t"x"
except TypeError as e:
    print("TypeError str + template")

print("== constructors ==")
Template = type(t)
Interpolation = type(i)
print(Template.__name__, Template.__module__, Interpolation.__name__, Interpolation.__module__)
print(Template("a", "b", Interpolation(1, "x"), Interpolation(2), "c"))
print(Template(), Template(Interpolation(1, "one", "r", ">5")))
print(Template(Interpolation(1), Interpolation(2)).strings)
for args, kw in [((1,), {}), ((), {"strings": ("a",)})]:
    try:
        Template(*args, **kw)
    except TypeError:
        print("TypeError", args, kw)
print(Interpolation("v", "expr", None, "spec"), Interpolation(value=1, conversion="s"))
for args in [(), (1, 2), (1, "x", "q"), (1, "x", 3)]:
    try:
        print(Interpolation(*args))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, args)

print("== match, iteration, rendering ==")
match i:
    case Interpolation(value, expr, conv, spec):
        print("matched", value, expr, conv, repr(spec))
print(Interpolation.__match_args__)
for cls in (Template, Interpolation):
    try:
        type("X", (cls,), {})
    except TypeError as e:
        print("TypeError:", e)
for attr in ("strings", "interpolations"):
    try:
        setattr(t, attr, ())
    except AttributeError:
        print("AttributeError", attr)


def render(tmpl):
    out = []
    for item in tmpl:
        if isinstance(item, str):
            out.append(item)
            continue
        v = item.value
        if item.conversion == "r":
            v = repr(v)
        elif item.conversion == "s":
            v = str(v)
        elif item.conversion == "a":
            v = ascii(v)
        out.append(format(v, item.format_spec))
    return "".join(out)


print(render(t2))
print(render(t"{ {'a': 1}['a'] } {[y for y in range(3)]} {'nested ' + f'{name}'} {t}"))
calls = []


def side(v):
    calls.append(v)
    return v


tt = t"{side(1)}{side(2)}{side(3)}"
print(calls, tt.values)
print(render(t"{'é'!a} {'é'!r} {'é'!s}"))
