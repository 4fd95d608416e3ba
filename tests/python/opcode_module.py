# _opcode (Modules/_opcode.c): the parts of its interface that do not depend
# on the instruction set (argument handling, errors, operator and intrinsic
# names); dis_opcode.py covers Ferrython's opcodes themselves.
import _opcode
import dis
import opcode

print(_opcode.__doc__)
print(opcode.opname[opcode.opmap["CALL"]], dis.opname[opcode.opmap["LOAD_CONST"]])
for name in ("is_valid", "has_arg", "has_const", "has_name", "has_jump", "has_free",
             "has_local", "has_exc"):
    f = getattr(_opcode, name)
    print(name, [op for op in range(-1, 300) if f(op)] == [op for op in range(-1, 300) if f(opcode=op)],
          [f(op) for op in (-1, 300, 1000)])
print(dis.stack_effect(opcode.opmap["CALL"], 3), dis.stack_effect(opcode.opmap["POP_TOP"]),
      dis.stack_effect(opcode.opmap["BUILD_MAP"], 2, jump=False))

print(_opcode.get_intrinsic1_descs())
print(_opcode.get_intrinsic2_descs())
print(_opcode.get_nb_ops())
print(_opcode.get_specialization_stats())

for args, kw in [((), {}), ((1, 2, 3), {}), ((1,), {"foo": 1}), (("a",), {}),
                 ((opcode.opmap["BUILD_TUPLE"], "x"), {}),
                 ((opcode.opmap["BUILD_TUPLE"], 0), {"jump": 3}), ((2**31,), {}),
                 ((1, 2**63), {}), ((1.5,), {}), ((300, 0), {}), ((-5,), {})]:
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
