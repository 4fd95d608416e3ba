# An instruction with EXTENDED_ARG prefixes: tb_lasti is the offset of the
# instruction itself, which dis marks as the current one.
import dis
import io

count = 300
src = "def f():\n    return (" + ", ".join(f"n{i}" for i in range(count)) + ")\n"
ns = {f"n{i}": i for i in range(count - 10)}
exec(src, ns)
f = ns["f"]
try:
    f()
except NameError as e:
    tb = e.__traceback__.tb_next
    [ins] = [i for i in dis.get_instructions(f) if i.offset == tb.tb_lasti]
    print(e, ins.opname, ins.arg, ins.argval, ins.start_offset < ins.offset)
    out = io.StringIO()
    dis.distb(tb, file=out)
    print([line for line in out.getvalue().splitlines() if "-->" in line])
    print(tb.tb_lineno, tb.tb_frame.f_lasti == tb.tb_lasti)


def gen():
    x = yield 1
    yield x


g = gen()
next(g)
print(g.send(5), g.gi_frame.f_lasti in [i.offset for i in dis.get_instructions(gen)])
