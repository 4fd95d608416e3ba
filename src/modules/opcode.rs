//! The `_opcode` module (CPython's `Modules/_opcode.c`): facts about
//! CPython 3.13's instruction set for `opcode.py` and `dis.py`.
//!
//! The answers are about CPython 3.13's opcode numbers, which the library's
//! `_opcode_metadata.py` (read by `opcode.py`) uses; they are not about
//! Ferrython's own bytecode (`ferrython_compiler::bytecode`), which numbers
//! and encodes some instructions differently. Ferrython has no tier-2
//! executors, so `get_executor` reports that, as a CPython build without
//! them does.
use crate::ffi::*;
use crate::modules::args::{bind, builtin, Args};
use crate::object::descr::{method, METHOD_END};
use crate::object::{bool as pybool, int, list, none, number, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};

/// The largest opcode number (`MAX_REAL_OPCODE` is 254; pseudo-instructions
/// run from 256 to 267).
const MAX_OPCODE: i64 = 267;

/// Whether `op` is an opcode of CPython 3.13: a real, specialized,
/// instrumented or pseudo instruction.
fn is_valid(op: i64) -> bool {
    matches!(op, 0..=118 | 149..=222 | 236..=253 | 256..=MAX_OPCODE)
}

/// The specialized forms (`BINARY_OP_ADD_INT` ...), which have no stack
/// effect of their own: 3 (`BINARY_OP_INPLACE_ADD_UNICODE`) and 150-222.
fn is_specialized(op: i64) -> bool {
    op == 3 || (150..=222).contains(&op)
}

/// Whether `op` uses its argument (`OPCODE_HAS_ARG`).
fn has_arg(op: i64) -> bool {
    matches!(
        op,
        45..=118
            | 149
            | 162..=206
            | 208
            | 211
            | 220..=222
            | 236
            | 240..=245
            | 248..=253
            | 256..=262
            | 264..=267
    )
}

/// The opcodes whose argument indexes `co_consts`.
const HAS_CONST: &[i64] = &[83, 103, 240];
/// The opcodes whose argument indexes `co_names`.
const HAS_NAME: &[i64] = &[
    63, 66, 67, 74, 75, 82, 90, 91, 92, 93, 108, 113, 114, 192, 202, 205, 206, 211, 259, 260, 261,
    262,
];
/// The opcodes whose argument is a jump offset.
const HAS_JUMP: &[i64] = &[
    72, 77, 78, 79, 97, 98, 99, 100, 104, 188, 189, 190, 256, 257,
];
/// The opcodes whose argument indexes the free (cell) variables.
const HAS_FREE: &[i64] = &[64, 84, 89, 94, 109];
/// The opcodes whose argument indexes the local variables.
const HAS_LOCAL: &[i64] = &[3, 65, 85, 86, 87, 88, 110, 111, 112, 258, 267];
/// The pseudo-instructions that set up an exception handler.
const HAS_EXC: &[i64] = &[264, 265, 266];

/// The stack effect of `op` with argument `a`; `jump` selects the branch
/// taken (`Some(true)`), not taken (`Some(false)`) or the larger of the two
/// (`None`). `None` for an opcode without one, or an argument that would
/// pop or push a negative number of values.
fn stack_effect(op: i64, a: i64, jump: Option<bool>) -> Option<i64> {
    let pp = |popped: i64, pushed: i64| (popped >= 0 && pushed >= 0).then_some(pushed - popped);
    let e = match op {
        // CACHE, CHECK_EG_MATCH, CHECK_EXC_MATCH, FORMAT_SIMPLE, GET_AITER,
        // RESERVED, GET_ITER, GET_YIELD_FROM_ITER, MAKE_FUNCTION, NOP,
        // SETUP_ANNOTATIONS, TO_BOOL, the UNARY_* ops.
        0 | 6 | 7 | 14 | 16 | 17 | 19 | 21 | 26 | 30 | 37 | 40..=43 => 0,
        // BEFORE_ASYNC_WITH, BEFORE_WITH, GET_ANEXT, GET_LEN,
        // LOAD_ASSERTION_ERROR, LOAD_BUILD_CLASS, LOAD_LOCALS, MATCH_KEYS,
        // MATCH_MAPPING, MATCH_SEQUENCE, PUSH_EXC_INFO, PUSH_NULL,
        // RETURN_GENERATOR, WITH_EXCEPT_START.
        1 | 2 | 18 | 20 | 23 | 24 | 25 | 27 | 28 | 29 | 33 | 34 | 35 | 44 => 1,
        // BINARY_SLICE, DELETE_SUBSCR, END_ASYNC_FOR.
        4 | 9 | 10 => -2,
        // BINARY_SUBSCR, CLEANUP_THROW, END_FOR, END_SEND, EXIT_INIT_CHECK,
        // FORMAT_WITH_SPEC, INTERPRETER_EXIT, POP_EXCEPT, POP_TOP,
        // RETURN_VALUE.
        5 | 8 | 11 | 12 | 13 | 15 | 22 | 31 | 32 | 36 => -1,
        38 => -4, // STORE_SLICE
        39 => -3, // STORE_SUBSCR
        // BINARY_OP, CALL_INTRINSIC_2, COMPARE_OP, CONTAINS_OP, DELETE_ATTR,
        // DICT_MERGE, DICT_UPDATE, IMPORT_NAME, IS_OP, LIST_APPEND,
        // LIST_EXTEND, POP_JUMP_IF_*, RERAISE, SET_ADD,
        // SET_FUNCTION_ATTRIBUTE, SET_UPDATE, STORE_DEREF, STORE_FAST,
        // STORE_GLOBAL, STORE_NAME.
        45 | 56 | 58 | 59 | 63 | 68 | 75 | 76 | 97..=100 | 106 | 109 | 110 | 113 | 114 => -1,
        // DICT_UPDATE, LIST_APPEND, LIST_EXTEND, RERAISE, SET_ADD, SET_UPDATE.
        69 | 80 | 81 | 102 | 105 | 107 => return pp(a + 1, a),
        95 => return pp(a + 2, a),            // MAP_ADD
        115 => return pp(a, a),               // SWAP
        46 => return pp(a + 1, 1),            // BUILD_CONST_KEY_MAP
        47 | 49 | 51 | 52 => return pp(a, 1), // BUILD_LIST, BUILD_SET, BUILD_STRING, BUILD_TUPLE
        48 => return pp(2 * a, 1),            // BUILD_MAP
        50 => {
            // BUILD_SLICE
            if a == 3 {
                -2
            } else {
                -1
            }
        }
        53 => return pp(2 + a, 1), // CALL
        54 => -2 - (a & 1),        // CALL_FUNCTION_EX
        57 => return pp(3 + a, 1), // CALL_KW
        // CALL_INTRINSIC_1, CONVERT_VALUE, COPY_FREE_VARS, DELETE_DEREF,
        // DELETE_FAST, DELETE_GLOBAL, DELETE_NAME, ENTER_EXECUTOR,
        // EXTENDED_ARG, GET_AWAITABLE, JUMP_BACKWARD(_NO_INTERRUPT),
        // JUMP_FORWARD, LOAD_FROM_DICT_OR_*, MAKE_CELL, RETURN_CONST, SEND,
        // STORE_FAST_LOAD_FAST, SWAP, YIELD_VALUE, RESUME.
        55
        | 60
        | 62
        | 64..=67
        | 70
        | 71
        | 73
        | 77..=79
        | 89
        | 90
        | 94
        | 103
        | 104
        | 111
        | 118
        | 149 => 0,
        // COPY, FOR_ITER, IMPORT_FROM, LOAD_CONST, LOAD_DEREF, LOAD_FAST,
        // LOAD_FAST_AND_CLEAR, LOAD_FAST_CHECK, LOAD_NAME.
        72 | 74 | 83..=87 | 92 => 1,
        61 => return pp(a, a + 1),                      // COPY
        82 => a & 1,                                    // LOAD_ATTR
        88 => 2,                                        // LOAD_FAST_LOAD_FAST
        91 => 1 + (a & 1),                              // LOAD_GLOBAL
        93 | 242 => -2 + (a & 1),                       // (INSTRUMENTED_)LOAD_SUPER_ATTR
        96 | 108 | 112 => -2, // MATCH_CLASS, STORE_ATTR, STORE_FAST_STORE_FAST
        101 => return pp(a, 0), // RAISE_VARARGS
        116 => return pp(1, (a & 0xff) + (a >> 8) + 1), // UNPACK_EX
        117 => return pp(1, a), // UNPACK_SEQUENCE
        // INSTRUMENTED_RESUME, _RETURN_CONST, _YIELD_VALUE, _FOR_ITER,
        // _CALL, _CALL_KW, _CALL_FUNCTION_EX, _INSTRUCTION, _JUMP_*,
        // _POP_JUMP_IF_*.
        236 | 240 | 241 | 243..=253 => 0,
        // INSTRUMENTED_END_FOR, _END_SEND, _RETURN_VALUE.
        237..=239 => -1,
        // JUMP, JUMP_NO_INTERRUPT, POP_BLOCK.
        256 | 257 | 263 => 0,
        258 | 259 => 1,  // LOAD_CLOSURE, LOAD_METHOD
        260..=262 => -1, // LOAD_SUPER_METHOD, LOAD_ZERO_SUPER_*
        267 => -1,       // STORE_FAST_MAYBE_NULL
        // SETUP_CLEANUP pushes two values on the exceptional path;
        // SETUP_FINALLY and SETUP_WITH one.
        264..=266 => {
            let on_jump = if op == 264 { 2 } else { 1 };
            if jump == Some(false) {
                0
            } else {
                on_jump
            }
        }
        _ => return None,
    };
    Some(e)
}

/// The names of the one-argument intrinsics (`CALL_INTRINSIC_1`).
const INTRINSIC1: &[&str] = &[
    "INTRINSIC_1_INVALID",
    "INTRINSIC_PRINT",
    "INTRINSIC_IMPORT_STAR",
    "INTRINSIC_STOPITERATION_ERROR",
    "INTRINSIC_ASYNC_GEN_WRAP",
    "INTRINSIC_UNARY_POSITIVE",
    "INTRINSIC_LIST_TO_TUPLE",
    "INTRINSIC_TYPEVAR",
    "INTRINSIC_PARAMSPEC",
    "INTRINSIC_TYPEVARTUPLE",
    "INTRINSIC_SUBSCRIPT_GENERIC",
    "INTRINSIC_TYPEALIAS",
];

/// The names of the two-argument intrinsics (`CALL_INTRINSIC_2`).
const INTRINSIC2: &[&str] = &[
    "INTRINSIC_2_INVALID",
    "INTRINSIC_PREP_RERAISE_STAR",
    "INTRINSIC_TYPEVAR_WITH_BOUND",
    "INTRINSIC_TYPEVAR_WITH_CONSTRAINTS",
    "INTRINSIC_SET_FUNCTION_TYPE_PARAMS",
    "INTRINSIC_SET_TYPEPARAM_DEFAULT",
];

/// `BINARY_OP`'s arguments in order: (name, operator symbol).
const NB_OPS: &[(&str, &str)] = &[
    ("NB_ADD", "+"),
    ("NB_AND", "&"),
    ("NB_FLOOR_DIVIDE", "//"),
    ("NB_LSHIFT", "<<"),
    ("NB_MATRIX_MULTIPLY", "@"),
    ("NB_MULTIPLY", "*"),
    ("NB_REMAINDER", "%"),
    ("NB_OR", "|"),
    ("NB_POWER", "**"),
    ("NB_RSHIFT", ">>"),
    ("NB_SUBTRACT", "-"),
    ("NB_TRUE_DIVIDE", "/"),
    ("NB_XOR", "^"),
    ("NB_INPLACE_ADD", "+="),
    ("NB_INPLACE_AND", "&="),
    ("NB_INPLACE_FLOOR_DIVIDE", "//="),
    ("NB_INPLACE_LSHIFT", "<<="),
    ("NB_INPLACE_MATRIX_MULTIPLY", "@="),
    ("NB_INPLACE_MULTIPLY", "*="),
    ("NB_INPLACE_REMAINDER", "%="),
    ("NB_INPLACE_OR", "|="),
    ("NB_INPLACE_POWER", "**="),
    ("NB_INPLACE_RSHIFT", ">>="),
    ("NB_INPLACE_SUBTRACT", "-="),
    ("NB_INPLACE_TRUE_DIVIDE", "/="),
    ("NB_INPLACE_XOR", "^="),
];

/// An argument converted as Argument Clinic's `int` converter does.
unsafe fn c_int_arg(o: *mut PyObject) -> PyResult<i64> {
    // SAFETY: o valid.
    unsafe {
        let i = number::index(o)?;
        match int::as_i64(i.as_ptr()) {
            Ok(v) if i32::try_from(v).is_ok() => Ok(v),
            r => {
                if r.is_err() {
                    errors::clear();
                }
                Err(errors::overflow_error(
                    "Python int too large to convert to C int",
                ))
            }
        }
    }
}

/// Rejects arguments to a function that takes none.
fn no_args(name: &str, args: Args, kws: &[(&str, *mut PyObject)]) -> PyResult<()> {
    if args.is_empty() && kws.is_empty() {
        return Ok(());
    }
    Err(errors::type_error(if args.is_empty() {
        format!("_opcode.{name}() takes no keyword arguments")
    } else {
        format!("_opcode.{name}() takes no arguments ({} given)", args.len())
    }))
}

fn py_bool(b: bool) -> PyResult<Owned> {
    Ok(Owned::from_borrowed_static(pybool::from_bool(b)))
}

builtin!(op_stack_effect, |args, kws| {
    if args.is_empty() || args.len() > 2 {
        return Err(errors::type_error(if args.is_empty() {
            "stack_effect() takes at least 1 positional argument (0 given)".to_string()
        } else {
            format!(
                "stack_effect() takes at most 2 positional arguments ({} given)",
                args.len()
            )
        }));
    }
    let mut jump_arg = None;
    for &(k, v) in &kws {
        if k == "jump" {
            jump_arg = Some(v);
        } else {
            return Err(errors::type_error(format!(
                "stack_effect() got an unexpected keyword argument '{k}'"
            )));
        }
    }
    let (opcode, oparg) = (args[0], args.get(1).copied());
    let op = c_int_arg(opcode)?;
    let a = match oparg {
        Some(o) if o != none::none() => {
            let i = number::index(o)?;
            let v = int::as_i64(i.as_ptr()).map_err(|_| {
                errors::clear();
                errors::overflow_error("Python int too large to convert to C long")
            })?;
            // CPython passes the C long on as an int.
            v as i32 as i64
        }
        _ => 0,
    };
    let jump = match jump_arg {
        None => None,
        Some(j) if j == none::none() => None,
        Some(j) if j == pybool::from_bool(true) => Some(true),
        Some(j) if j == pybool::from_bool(false) => Some(false),
        Some(_) => {
            return Err(errors::value_error(
                "stack_effect: jump must be False, True or None",
            ))
        }
    };
    match (is_valid(op) && !is_specialized(op))
        .then(|| stack_effect(op, a, jump))
        .flatten()
    {
        Some(e) => int::from_i64(e),
        None => Err(errors::value_error("invalid opcode or oparg")),
    }
});

/// Defines a `has_*`-style predicate on one `opcode` argument.
macro_rules! predicate {
    ($fn_name:ident, $py:literal, |$op:ident| $test:expr) => {
        builtin!($fn_name, |args, kws| {
            let [o] = bind($py, args, &kws, ["opcode"], 1, 1)?;
            let $op = c_int_arg(o.unwrap_or(none::none()))?;
            py_bool($test)
        });
    };
}

predicate!(op_is_valid, "is_valid", |op| is_valid(op));
predicate!(op_has_arg, "has_arg", |op| is_valid(op) && has_arg(op));
predicate!(op_has_const, "has_const", |op| HAS_CONST.contains(&op));
predicate!(op_has_name, "has_name", |op| HAS_NAME.contains(&op));
predicate!(op_has_jump, "has_jump", |op| HAS_JUMP.contains(&op));
predicate!(op_has_free, "has_free", |op| HAS_FREE.contains(&op));
predicate!(op_has_local, "has_local", |op| HAS_LOCAL.contains(&op));
predicate!(op_has_exc, "has_exc", |op| HAS_EXC.contains(&op));

/// A list of str.
fn str_list(names: &[&str]) -> PyResult<Owned> {
    list::from_vec(
        names
            .iter()
            .map(|n| pystr::from_str(n))
            .collect::<PyResult<_>>()?,
    )
}

builtin!(op_intrinsic1, |args, kws| {
    no_args("get_intrinsic1_descs", args, &kws)?;
    str_list(INTRINSIC1)
});

builtin!(op_intrinsic2, |args, kws| {
    no_args("get_intrinsic2_descs", args, &kws)?;
    str_list(INTRINSIC2)
});

builtin!(op_nb_ops, |args, kws| {
    no_args("get_nb_ops", args, &kws)?;
    let items = NB_OPS
        .iter()
        .map(|&(n, s)| tuple::from_vec(vec![pystr::from_str(n)?, pystr::from_str(s)?]))
        .collect::<PyResult<_>>()?;
    list::from_vec(items)
});

builtin!(op_specialization_stats, |args, kws| {
    no_args("get_specialization_stats", args, &kws)?;
    // Ferrython collects no specialization statistics (CPython answers
    // None unless built with Py_STATS).
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(op_get_executor, |args, kws| {
    let [code, offset] = bind("get_executor", args, &kws, ["code", "offset"], 2, 2)?;
    let code = code.unwrap_or(none::none());
    if !crate::vm::code::check(code) {
        return Err(errors::type_error(format!(
            "expected a code object, not '{}'",
            crate::object::typeobj::type_name(code)
        )));
    }
    c_int_arg(offset.unwrap_or(none::none()))?;
    Err(errors::runtime_error(
        "Executors are not available in this build",
    ))
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 15] = [
    method(c"stack_effect", op_stack_effect as *const c_void, FK),
    method(c"is_valid", op_is_valid as *const c_void, FK),
    method(c"has_arg", op_has_arg as *const c_void, FK),
    method(c"has_const", op_has_const as *const c_void, FK),
    method(c"has_name", op_has_name as *const c_void, FK),
    method(c"has_jump", op_has_jump as *const c_void, FK),
    method(c"has_free", op_has_free as *const c_void, FK),
    method(c"has_local", op_has_local as *const c_void, FK),
    method(c"has_exc", op_has_exc as *const c_void, FK),
    method(c"get_intrinsic1_descs", op_intrinsic1 as *const c_void, FK),
    method(c"get_intrinsic2_descs", op_intrinsic2 as *const c_void, FK),
    method(c"get_nb_ops", op_nb_ops as *const c_void, FK),
    method(
        c"get_specialization_stats",
        op_specialization_stats as *const c_void,
        FK,
    ),
    method(c"get_executor", op_get_executor as *const c_void, FK),
    METHOD_END,
];

/// `PyInit__opcode`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the method table is static; the module is new.
        unsafe {
            let m = crate::modules::new_module("_opcode", (&raw mut METHODS).cast())?;
            let d = crate::object::module::dict_of(m.as_ptr());
            crate::object::dict::set_item(
                d,
                pystr::intern("__doc__"),
                pystr::from_str("Opcode support module.")?.as_ptr(),
            )?;
            // The eval loop specializes instructions in place (PEP 659).
            let one = int::from_i64(1)?;
            for name in ["ENABLE_SPECIALIZATION", "ENABLE_SPECIALIZATION_FT"] {
                crate::object::dict::set_item(d, pystr::intern(name), one.as_ptr())?;
            }
            PyResult::Ok(m)
        }
    })
}
