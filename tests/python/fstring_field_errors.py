# SyntaxErrors inside f-string replacement fields, as CPython's grammar
# names them (empty or invalid expressions, unmatched brackets, lambdas).
srcs = [
    "f'{!r}'", "f'{ !r}'", "f'{!}'", "f'''{\t\x0c\r\n!a}'''", "f'{!'",
    "f'{!s:'", "f'{!x}'", "f'{ !xr:a}'", "f'{:}'", "f'{ :!}'", "f'{:2}'",
    "f'{:'", "F'{[F'{:'}[F'{:'}]]]", "f'{=}'", "f'{ =:}'", "f'{   =!}'",
    "f'{='", "f'{}'", "f'{ }'", "f'{.}'", "\nf'{.}'", "f'{,}'", "f'{3)+(4}'",
    "f'{1=}{;'", "f'{1=}{+;'", "f'{((}'", "f'{a[4)}'", "f'{a(4]}'",
    "f'{a(4}'", "f'{)#}'", "f'{4:{/5}}'", "f'{3:{{>10}'", "f'{1, lambda:x}'",
    "f'{a + }'", "f'{+;'", "f'{-}'", "f'{not}'", "f'{a.}'", "f'{*}'",
    "f'{x:{.}}'", "f'{x;}'", "f'{x!r:}'", "x = {.}",
]
for s in srcs:
    try:
        compile(s, "<t>", "exec")
        print(repr(s), "compiles")
    except SyntaxError as e:
        print(repr(s), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
