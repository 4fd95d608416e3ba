# With `from __future__ import annotations` each annotation is kept as the
# string CPython's AST unparser writes for it: spacing, parentheses and
# literals regenerated from the tree, not copied from the source.
from __future__ import annotations
def f(a: list[int] | None, b: "x" = 1, *c: *tuple[int, ...], d: lambda x, /, y=2, *z, k=1, **kw: x+1, e: (1, 2), f: {1: 2, **g}, h: [i for i in j if k], l: a.b[c:d:e, ::2], m: not x, n: -x ** 2, q: f"{x!r:>{w}} {{lit}} {y=} {z = !s:^10}", r: 1 if a else 2, s: x @ y, t: a < b < c, u: {*a, *b}, w: ...) -> dict[str, int]: pass
for k, v in f.__annotations__.items():
    print(k, v)
class C:
    x: int = 3
    y: Callable[[int, str], list[tuple[()]]]
    z: 1e100 + 1.5e-7 + 0xff + 1e400 + 2j + 1e400j
    w: (a, *b)
    q: a[()]
    a1: (x for x in y)
    a2: f(x for x in y)
    a3: f(*a, b, c=1, **d)
    a4: (1).real
    a5: 1.5.real
    a6: (-1) ** 2
    a7: 2 ** -1
    a8: (2 ** 3) ** 4
    a9: 2 ** 3 ** 4
    b1: (a or b) and c
    b2: not (a == b)
    b3: (a if b else c) if d else e
    b5: 'it''s' "x"
    b6: b'\x00\xff'
    b7: '\udc80'
    b9: {k: v for k, v in d.items() if k async for z in w}
    c1: [a[1:2], a[:], a[::], a[1:], a[:, 1], a[*b]]
    c2: {}
    c3: (a, b)[0]
    c4: x.y.z(1)(2)[3]
    c5: ~a + +b - -c
    c6: a if b else lambda: c
    c7: f'{ {1: 2}[1] }'
    c8: None | True | False
    c9: 1_000_000
    d1: 0.1 + 1e16 + 1e-5 + 123456789012345678901234567890
    d2: 'a\n\t\\\'"'
    d3: f'{x:{"a"}}'
for k, v in C.__annotations__.items():
    print(k, v)


def multi_line(
    x: dict[  # a comment inside
        str,
        int,
    ],
    y: "Forward" = None,
) -> None:
    pass


for k, v in multi_line.__annotations__.items():
    print(k, v)
