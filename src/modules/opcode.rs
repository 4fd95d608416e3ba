//! The `_opcode` module (CPython's `Modules/_opcode.c`): facts about
//! Ferrython's instruction set (`ferrython_compiler::bytecode`) for
//! `opcode.py` and `dis.py`.
//!
//! The opcode numbers are Ferrython's own, the ones `_opcode_metadata`
//! (`src/modules/opcode_metadata.rs`) lists in `opmap` and code objects
//! carry in `co_code`; numbers that are not one of our opcodes (including
//! the names above 255 that `_opcode_metadata` adds for `dis.py`) are not
//! valid. Ferrython has no tier-2 executors, so `get_executor` reports
//! that, as a CPython build without them does.
use crate::ffi::*;
use crate::modules::args::clinic_int;
use crate::modules::args::{bind, builtin, Args};
use crate::object::descr::{method, METHOD_END};
use crate::object::{bool as pybool, int, list, none, number, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use ferrython_compiler::bytecode::Opcode;
use libc::{c_int, c_void};

/// The opcode numbered `op`, if there is one.
fn opcode(op: i64) -> Option<Opcode> {
    u8::try_from(op).ok().and_then(Opcode::from_u8)
}

/// Whether `op` counts stack values with its argument, so that a negative
/// or huge argument has no stack effect.
fn counts_values(op: Opcode) -> bool {
    use Opcode::*;
    matches!(
        op,
        BUILD_SLICE
            | BUILD_TUPLE
            | BUILD_LIST
            | BUILD_SET
            | BUILD_STRING
            | BUILD_MAP
            | UNPACK_SEQUENCE
            | UNPACK_EX
            | CALL
            | CALL_KW
            | RAISE_VARARGS
    )
}

/// The stack effect of `op` with argument `a`; `jump` selects the branch
/// taken (`Some(true)`), not taken (`Some(false)`) or the larger of the two
/// (`None`). `None` for an argument that would pop or push a negative
/// number of values (or more than any stack holds).
fn stack_effect(op: Opcode, a: i64, jump: Option<bool>) -> Option<i64> {
    // Counts up to 2**30 keep the compiler's i32 arithmetic in range.
    if counts_values(op) && !(0..1 << 30).contains(&a) {
        return None;
    }
    // Other arguments only matter through their low bits.
    let (fall, taken) = op.stack_effect(a as u32);
    Some(match jump {
        Some(true) => taken,
        Some(false) => fall,
        None => fall.max(taken),
    } as i64)
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
    let (op_obj, oparg) = (args[0], args.get(1).copied());
    let op = i64::from(clinic_int(op_obj)?);
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
    match opcode(op).and_then(|op| stack_effect(op, a, jump)) {
        Some(e) => int::from_i64(e),
        None => Err(errors::value_error("invalid opcode or oparg")),
    }
});

/// Defines a `has_*`-style predicate on one `opcode` argument.
macro_rules! predicate {
    ($fn_name:ident, $py:literal, |$op:ident| $test:expr) => {
        builtin!($fn_name, |args, kws| {
            let [o] = bind($py, args, &kws, ["opcode"], 1, 1)?;
            let $op = i64::from(clinic_int(o.unwrap_or(none::none()))?);
            py_bool($test)
        });
    };
}

predicate!(op_is_valid, "is_valid", |op| opcode(op).is_some());
predicate!(op_has_arg, "has_arg", |op| opcode(op)
    .is_some_and(Opcode::has_arg));
predicate!(op_has_const, "has_const", |op| opcode(op)
    .is_some_and(Opcode::has_const));
predicate!(op_has_name, "has_name", |op| opcode(op)
    .is_some_and(Opcode::has_name));
predicate!(op_has_jump, "has_jump", |op| opcode(op)
    .is_some_and(Opcode::is_jump));
predicate!(op_has_free, "has_free", |op| opcode(op)
    .is_some_and(Opcode::has_free));
predicate!(op_has_local, "has_local", |op| opcode(op)
    .is_some_and(Opcode::has_local));
// Exception handlers live in the exception table; no instruction sets one
// up (CPython's `SETUP_*` pseudo-instructions never reach a code object).
predicate!(op_has_exc, "has_exc", |_op| false);

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
    clinic_int(offset.unwrap_or(none::none()))?;
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
                crate::interned!("__doc__"),
                pystr::from_str("Opcode support module.")?.as_ptr(),
            )?;
            // The eval loop does not rewrite instructions (no PEP 659
            // specialization): `_co_code_adaptive` is `co_code`.
            let zero = int::from_i64(0)?;
            for name in ["ENABLE_SPECIALIZATION", "ENABLE_SPECIALIZATION_FT"] {
                crate::object::dict::set_item(d, pystr::intern(name), zero.as_ptr())?;
            }
            PyResult::Ok(m)
        }
    })
}
