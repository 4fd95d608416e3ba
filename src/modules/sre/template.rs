//! `_sre.SRE_Template`: a replacement string compiled by
//! `re._parser.parse_template` (literal pieces and group numbers), and its
//! expansion for a match (`sub` with a template, `Match.expand`).
use super::matchobj::MatchObject;
use super::pattern::check as is_pattern;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::{type_name, type_template};
use crate::object::{buffer, bytes, int, list, none, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use std::ptr::null_mut;

#[repr(C)]
pub struct TemplateObject {
    pub ob_base: PyObject,
    /// The text before the first group reference.
    literal: *mut PyObject,
    /// (group number, the text after it or NULL when empty).
    items: *mut Vec<(usize, *mut PyObject)>,
}

/// `_sre.SRE_Template`.
pub static mut TEMPLATE_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    tp_dealloc: Some(template_dealloc),
    ..type_template(
        c"_sre.SRE_Template",
        std::mem::size_of::<TemplateObject>(),
        0,
    )
};

unsafe fn items<'a>(t: *mut PyObject) -> &'a [(usize, *mut PyObject)] {
    // SAFETY: t is a template whose items were set at creation.
    unsafe { &*(*t.cast::<TemplateObject>()).items }
}

/// `_sre.template(pattern, template)`: `template` is the list
/// `[literal, group, literal, ..., group, literal]`.
pub unsafe fn new(template: *mut PyObject) -> PyResult<Owned> {
    let invalid = || errors::type_error("invalid template");
    // SAFETY: template is a list; the new object is filled before use.
    unsafe {
        let parts = list::items(template).to_vec();
        if parts.len() % 2 == 0 {
            return Err(invalid());
        }
        let mut v = Vec::with_capacity(parts.len() / 2);
        let mut owned = Vec::new();
        for pair in parts[1..].chunks(2) {
            if !int::check(pair[0]) {
                return Err(errors::type_error("an integer is required"));
            }
            let index = int::as_i64(pair[0])?;
            if index < 0 {
                return Err(invalid());
            }
            let lit = pair[1];
            let empty = (pystr::check(lit) && pystr::len(lit) == 0)
                || (bytes::check(lit) && bytes::size(lit) == 0);
            let lit = if empty {
                null_mut()
            } else {
                owned.push(Owned::from_borrowed(lit));
                lit
            };
            v.push((index as usize, lit));
        }
        let op = crate::object::alloc::generic_alloc(&raw mut TEMPLATE_TYPE, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        let t = op.cast::<TemplateObject>();
        incref(parts[0]);
        (*t).literal = parts[0];
        owned.into_iter().for_each(|o| {
            o.into_raw();
        });
        (*t).items = Box::into_raw(Box::new(v));
        Ok(Owned::from_raw_unchecked(op))
    }
}

unsafe extern "C" fn template_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the fields are owned or NULL.
    unsafe {
        let t = op.cast::<TemplateObject>();
        errors::release((*t).literal);
        if !(*t).items.is_null() {
            for &(_, l) in (*(*t).items).iter() {
                errors::release(l);
            }
            drop(Box::from_raw((*t).items));
        }
        crate::object::alloc::raw_free(op.cast());
    }
}

/// The replacement when it references no group.
pub unsafe fn literal_only(t: *mut PyObject) -> Option<Owned> {
    // SAFETY: t is a template.
    unsafe {
        items(t)
            .is_empty()
            .then(|| Owned::from_borrowed((*t.cast::<TemplateObject>()).literal))
    }
}

/// Compiles replacement `repl` for pattern `p` with
/// `re._compile_template` (`compile_template` in `sre.c`).
pub unsafe fn compile_template(p: *mut PyObject, repl: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: p is a pattern, repl live.
    unsafe {
        debug_assert!(is_pattern(p));
        let re = crate::runtime::import::import_absolute("re")?;
        let func = protocol::getattr_str(re.as_ptr(), "_compile_template")?;
        let mut r = protocol::call_args(func.as_ptr(), &[p, repl]);
        if r.is_err() && errors::matches(crate::object::exceptions::PyExc_TypeError) {
            // An unhashable replacement (bytearray, a str subclass with
            // __eq__ ...) is retried as its basic str or bytes.
            let basic = if pystr::check(repl) && !pystr::check_exact(repl) {
                errors::clear();
                Some(pystr::copy_exact(repl)?)
            } else if buffer::check(repl) && !bytes::check_exact(repl) {
                errors::clear();
                Some(bytes::from_object(repl)?)
            } else {
                None
            };
            if let Some(b) = basic {
                r = protocol::call_args(func.as_ptr(), &[p, b.as_ptr()]);
            }
        }
        let r = r?;
        if (*r.as_ptr()).ob_type != &raw mut TEMPLATE_TYPE {
            return Err(errors::runtime_error(format!(
                "the result of compiling a replacement string is {}",
                type_name(r.as_ptr())
            )));
        }
        Ok(r)
    }
}

/// The replacement for match `m` (`expand_template`).
pub unsafe fn expand(t: *mut PyObject, m: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: t is a template, m a match.
    unsafe {
        let literal = (*t.cast::<TemplateObject>()).literal;
        let its = items(t);
        if its.is_empty() {
            return Ok(Owned::from_borrowed(literal));
        }
        let mo = &*m.cast::<MatchObject>();
        let pieces = list::new(0)?;
        list::append(pieces.as_ptr(), literal)?;
        for &(index, lit) in its {
            if index >= mo.groups() {
                return Err(errors::index_error("no such group"));
            }
            let g = mo.slice(index, none::none())?;
            if g.as_ptr() != none::none() {
                list::append(pieces.as_ptr(), g.as_ptr())?;
            }
            if !lit.is_null() {
                list::append(pieces.as_ptr(), lit)?;
            }
        }
        if pystr::check(literal) {
            let empty = pystr::empty()?;
            crate::object::str_methods::join(empty.as_ptr(), pieces.as_ptr())
        } else {
            errors::check(crate::object::bytes_methods::b_join(
                bytes::empty(),
                pieces.as_ptr(),
            ))
        }
    }
}
