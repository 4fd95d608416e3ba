# code.co_lines() and code.co_positions(): which lines and source spans a
# code object covers (the offsets themselves depend on the bytecode).


def f(a, b):
    x = a + b
    if x > 3:
        return [x,
                x * 2]
    return None


def g():
    return 1


for co in (f.__code__, g.__code__, compile("a = 1\nb = 2\n\nc = 3", "<s>", "exec")):
    lines = list(co.co_lines())
    print(co.co_name, sorted({l for _, _, l in lines if l}))
    print(all(s < e for s, e, _ in lines), all(a[1] <= b[0] for a, b in zip(lines, lines[1:])))
    pos = list(co.co_positions())
    print(all(len(p) == 4 for p in pos), lines[-1][1] == 2 * len(pos))
    if co is f.__code__:
        spans = sorted({p for p in pos if p[0] is not None and p[0] != co.co_firstlineno})
        print(spans[:1], spans[-1:])
