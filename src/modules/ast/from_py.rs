//! `_ast` objects -> code (`compile(ast_object, filename, mode)`).
use super::PYCF_ONLY_AST;
use crate::ffi::*;
use crate::object::typeobj::short_name;
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// The root node class `mode` takes.
fn root_class(mode: &str) -> &'static str {
    match mode {
        "exec" => "Module",
        "eval" => "Expression",
        "single" => "Interactive",
        _ => "FunctionType",
    }
}

/// `compile()` of an AST object.
pub fn compile(source: *mut PyObject, filename: &str, mode: &str, flags: i64) -> PyResult<Owned> {
    let _ = filename;
    let want = root_class(mode);
    let cls = super::class(want)?;
    // SAFETY: source and cls are live objects.
    unsafe {
        if !crate::object::typeobj::instance_of(source, cls.as_ptr().cast()) {
            return Err(errors::type_error(format!(
                "expected {want} node, got {}",
                short_name((*source).ob_type)
            )));
        }
        if flags & PYCF_ONLY_AST != 0 {
            return Ok(Owned::from_borrowed(source));
        }
    }
    Err(errors::not_implemented_error(
        "compile(): compiling an AST object to code is not supported yet",
    ))
}
