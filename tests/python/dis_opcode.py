# opcode/_opcode/_opcode_metadata describe Ferrython's instruction set
# (expected output in expected/dis_opcode.out): every opcode with its
# number, argument kind, inline cache size and stack effects.
import _opcode
import _opcode_metadata
import dis
import opcode

print(opcode.HAVE_ARGUMENT, opcode.EXTENDED_ARG, _opcode_metadata.MIN_INSTRUMENTED_OPCODE,
      _opcode_metadata._specializations, _opcode_metadata._specialized_opmap,
      _opcode.ENABLE_SPECIALIZATION)
print(all(opcode.opname[v] == k for k, v in opcode.opmap.items()))
kinds = ("hasarg", "hasconst", "hasname", "hasjump", "hasfree", "haslocal", "hasexc")
for kind in kinds[1:]:
    print(kind, sorted(opcode.opname[op] for op in getattr(opcode, kind)))


def effects(op):
    row = []
    for arg in (0, 1, 2, 3):
        cell = []
        for jump in (None, True, False):
            try:
                cell.append(_opcode.stack_effect(op, arg, jump=jump))
            except ValueError:
                cell.append("E")
        row.append(cell[0] if cell[0] == cell[1] == cell[2] else tuple(cell))
    return row


for name, op in sorted(opcode.opmap.items(), key=lambda kv: kv[1]):
    flags = "".join(k[3] if op in getattr(opcode, k) else "." for k in kinds)
    print(f"{op:3} {name:26} {flags} valid={_opcode.is_valid(op)} "
          f"caches={dis._inline_cache_entries.get(name, 0)} {effects(op)}")

for args in [(opcode.opmap["BUILD_TUPLE"], -1), (opcode.opmap["CALL"], 2**31 - 1),
             (opcode.opmap["LOAD_GLOBAL"], -1), (opcode.opmap["UNPACK_EX"], 0x0102),
             (opcode.opmap["ENTER_EXECUTOR"], 0), (200, 0), (-1, 0)]:
    try:
        print(args, _opcode.stack_effect(*args))
    except ValueError as e:
        print(args, "ValueError", e)
