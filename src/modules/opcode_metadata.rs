//! The `_opcode_metadata` module: the opcode table `opcode.py` builds
//! `opcode.opmap`/`opname` and `dis` from. CPython generates it as a
//! pure-Python file from its instruction definitions; Ferrython's describes
//! Ferrython's instruction set (`ferrython_compiler::bytecode::Opcode`), so
//! it is a builtin module, found before the library's file of that name.
//!
//! `dis.py` (3.13) looks up `ENTER_EXECUTOR` in `opmap` at import.
//! Ferrython has no such instruction; the name is numbered above 255 so
//! that no code unit can carry it, as CPython numbers its
//! pseudo-instructions, and `_opcode.is_valid` is false for it.
use crate::ffi::*;
use crate::object::descr::METHOD_END;
use crate::object::{dict, int, module, str as pystr};
use crate::runtime::errors::PyResult;
use ferrython_compiler::bytecode::Opcode;

/// Names `dis.py` requires that are not Ferrython instructions, with
/// their numbers (outside the byte range).
const DIS_ONLY_NAMES: [(&str, i64); 1] = [("ENTER_EXECUTOR", 256)];

/// `HAVE_ARGUMENT`: opcodes below it ignore their argument. Ferrython's
/// numbering mixes instructions with and without one, so this is only the
/// first opcode that takes one; `opcode.hasarg` is the full answer.
fn have_argument() -> i64 {
    Opcode::ALL
        .iter()
        .find(|op| op.has_arg())
        .map_or(0, |&op| op as i64)
}

static mut METHODS: [PyMethodDef; 1] = [METHOD_END];

/// `PyInit__opcode_metadata`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the method table is static; the module is new.
        unsafe {
            let m = crate::modules::new_module("_opcode_metadata", (&raw mut METHODS).cast())?;
            let d = module::dict_of(m.as_ptr());
            let opmap = dict::new()?;
            let real = Opcode::ALL.iter().map(|&op| (op.name(), op as i64));
            for (name, num) in real.chain(DIS_ONLY_NAMES) {
                let v = int::from_i64(num)?;
                dict::set_item(opmap.as_ptr(), pystr::intern(name), v.as_ptr())?;
            }
            dict::set_item(d, crate::interned!("opmap"), opmap.as_ptr())?;
            // The eval loop does not specialize instructions: no families.
            for name in ["_specializations", "_specialized_opmap"] {
                dict::set_item(d, pystr::intern(name), dict::new()?.as_ptr())?;
            }
            let have_arg = int::from_i64(have_argument())?;
            dict::set_item(d, crate::interned!("HAVE_ARGUMENT"), have_arg.as_ptr())?;
            // No instrumented instructions: every opcode byte is below it.
            let min_instr = int::from_i64(256)?;
            dict::set_item(
                d,
                crate::interned!("MIN_INSTRUMENTED_OPCODE"),
                min_instr.as_ptr(),
            )?;
            PyResult::Ok(m)
        }
    })
}
