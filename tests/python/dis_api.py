# dis on code whose bytecode Ferrython and CPython 3.13 compile alike:
# the listing, Instruction fields, line starts, code_info, stack effects.
import dis
import io


def add(a, b):
    return a + b


def attr(o):
    return o.x.y


dis.dis(add)
dis.dis(attr)
print(list(dis.findlinestarts(add.__code__)))
print(list(dis.findlinestarts(attr.__code__)))
for ins in dis.get_instructions(add):
    print(ins.opname, ins.opcode == dis.opmap[ins.opname], ins.arg, ins.argval,
          repr(ins.argrepr), ins.offset, ins.start_offset, ins.starts_line,
          ins.line_number, ins.label, ins.positions, ins.cache_info,
          ins.is_jump_target, ins.jump_target, ins.baseopname == ins.opname)
bc = dis.Bytecode(attr)
print([type(i).__name__ for i in bc])
print([(i.opname, i.argval, i.argrepr) for i in bc])
print(bc.dis().count("\n"))
print(bc.first_line, bc.codeobj is attr.__code__, bc.exception_entries)
print(dis.code_info(add))
out = io.StringIO()
dis.show_code(attr, file=out)
print(out.getvalue())
out = io.StringIO()
dis.disassemble(add.__code__, lasti=4, file=out)
print(out.getvalue())
print(len(add.__code__.co_code), add.__code__.co_exceptiontable)
print(type(add.__code__.co_linetable).__name__)
print(dis.findlabels(add.__code__.co_code))
print(add.__code__._varname_from_oparg(1))
for args, kw in [((dis.opmap["POP_TOP"],), {}), ((dis.opmap["LOAD_CONST"], 0), {}),
                 ((dis.opmap["CALL"], 3), {}), ((dis.opmap["BUILD_MAP"], 2), {}),
                 ((dis.opmap["BUILD_TUPLE"], -1), {}), ((dis.opmap["BINARY_OP"], 0), {"jump": True}),
                 ((dis.opmap["RETURN_VALUE"],), {"jump": 2}), ((300,), {})]:
    try:
        print(dis.stack_effect(*args, **kw))
    except Exception as e:
        print(type(e).__name__, e)
print(dis.opname[dis.opmap["LOAD_GLOBAL"]], dis.opmap["EXTENDED_ARG"] in dis.hasarg,
      dis.opmap["LOAD_CONST"] in dis.hasconst, dis.opmap["LOAD_ATTR"] in dis.hasname,
      dis.opmap["LOAD_FAST"] in dis.haslocal, dis.opmap["LOAD_DEREF"] in dis.hasfree,
      dis.opmap["JUMP_BACKWARD"] in dis.hasjump, dis.opmap["COMPARE_OP"] in dis.hascompare)


# co_linetable in CPython's location-table format (Objects/locations.md),
# decoded here, gives the positions co_positions() reports.
def decode_linetable(code):
    data = iter(code.co_linetable)
    line = code.co_firstlineno

    def varint():
        b = next(data)
        val, shift = b & 63, 0
        while b & 64:
            b = next(data)
            shift += 6
            val |= (b & 63) << shift
        return val

    def svarint():
        v = varint()
        return -(v >> 1) if v & 1 else v >> 1

    out = []
    for first in data:
        assert first & 0x80
        kind, length = (first >> 3) & 15, (first & 7) + 1
        if kind == 15:
            pos = (None, None, None, None)
        elif kind == 14:
            line += svarint()
            end = line + varint()
            col, end_col = varint() - 1, varint() - 1
            pos = (line, end, None if col < 0 else col, None if end_col < 0 else end_col)
        elif kind == 13:
            line += svarint()
            pos = (line, line, None, None)
        elif kind >= 10:
            line += kind - 10
            pos = (line, line, next(data), next(data))
        else:
            b = next(data)
            col = kind * 8 + (b >> 4)
            pos = (line, line, col, col + (b & 15))
        out.extend([pos] * length)
    return out


def several(x, *args):
    try:
        for i in range(x):
            yield (i,
                   args[i] if i < len(args) else
                   None)
    except IndexError:
        raise


def long_lines():
    value = ("a very long expression that is placed far to the right of the line, beyond", 1)[
        0]
    return value


for fn in (add, attr, several, long_lines):
    co = fn.__code__
    print(fn.__name__, decode_linetable(co) == list(co.co_positions()),
          len(co.co_code) // 2 == len(list(co.co_positions())))

# What modulefinder reads: imports (name, level, fromlist) and stored names.
code = compile("import os\nimport a.b as c\nfrom . import x, y\nfrom ..pkg import *\n", "<s>", "exec")
print(list(dis._find_imports(code)))
print(list(dis._find_store_names(code)))
