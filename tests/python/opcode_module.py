# _opcode (Modules/_opcode.c): what opcode.py and dis.py read from it.
import _opcode
import dis
import opcode

print(_opcode.__doc__)
print(opcode.opmap["LOAD_CONST"], dis.opname[opcode.opmap["CALL"]], opcode.HAVE_ARGUMENT)
for name in ("hasarg", "hasconst", "hasname", "hasjump", "hasfree", "haslocal", "hasexc"):
    print(name, getattr(opcode, name))
for name in ("is_valid", "has_arg", "has_local", "has_jump"):
    f = getattr(_opcode, name)
    print(name, [op for op in range(-1, 300) if f(op)] == [op for op in range(-1, 300) if f(opcode=op)],
          [f(op) for op in (-1, 0, 3, 17, 119, 149, 150, 222, 223, 236, 254, 256, 267, 268)])

# Stack effects of every opcode over a range of arguments, with and
# without the jump.
for op in range(0, 270):
    row = []
    for a in (None, 0, 1, 2, 3, 4, 255, 256, 513, -1, -3):
        for j in (None, True, False):
            try:
                if a is None:
                    row.append(_opcode.stack_effect(op, jump=j))
                else:
                    row.append(_opcode.stack_effect(op, a, jump=j))
            except ValueError as e:
                row.append("E")
    if set(row) != {"E"}:
        print(op, opcode.opname[op], row)
print(dis.stack_effect(opcode.opmap["CALL"], 3), dis.stack_effect(opcode.opmap["SETUP_CLEANUP"], 0, jump=False))

print(_opcode.get_intrinsic1_descs())
print(_opcode.get_intrinsic2_descs())
print(_opcode.get_nb_ops())
print(_opcode.get_specialization_stats(), _opcode.ENABLE_SPECIALIZATION)

for args, kw in [((), {}), ((1, 2, 3), {}), ((1,), {"foo": 1}), (("a",), {}), ((45, "x"), {}),
                 ((45, 0), {"jump": 3}), ((2**31,), {}), ((1, 2**63), {}), ((1.5,), {}),
                 ((300, 0), {}), ((150, 0), {}), ((254,), {})]:
    try:
        print(_opcode.stack_effect(*args, **kw))
    except Exception as e:
        print(type(e).__name__, e)
for call in (lambda: _opcode.has_arg(), lambda: _opcode.has_arg("x"), lambda: _opcode.has_arg(2**40),
             lambda: _opcode.get_nb_ops(1), lambda: _opcode.get_executor(len, 0),
             lambda: _opcode.get_executor((lambda: 0).__code__, 0)):
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
