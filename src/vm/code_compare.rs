//! Equality and hashing of code objects (`code_richcompare` and
//! `code_hash` in CPython's `Objects/codeobject.c`): two code objects are
//! equal when they would run the same way — same name, counts, flags,
//! first line, instructions, constants (of the same types), names,
//! locals and tables; the file name and qualified name do not count.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::{bool as pybool, float, none, protocol, str as pystr};
use crate::runtime::errors::PyResult;
use crate::vm::code::{check, data, CodeData};
use crate::Owned;
use ferrython_compiler::bytecode::units_without_caches;

/// Constants are equal when they have the same type and compare equal;
/// floats compare by their bits, so `0.0` and `-0.0` differ.
unsafe fn const_eq(a: *mut PyObject, b: *mut PyObject) -> PyResult<bool> {
    // SAFETY: a and b are live constants.
    unsafe {
        if a == b {
            return Ok(true);
        }
        if (*a).ob_type != (*b).ob_type {
            return Ok(false);
        }
        if float::check_exact(a) {
            return Ok(float::value(a).to_bits() == float::value(b).to_bits());
        }
        protocol::rich_compare_bool(a, b, Py_EQ)
    }
}

unsafe fn strs_eq(a: &[*mut PyObject], b: &[*mut PyObject]) -> PyResult<bool> {
    if a.len() != b.len() {
        return Ok(false);
    }
    for (&x, &y) in a.iter().zip(b) {
        // SAFETY: names are strs.
        if x != y && unsafe { pystr::as_str(x)? != pystr::as_str(y)? } {
            return Ok(false);
        }
    }
    Ok(true)
}

unsafe fn code_eq(a: &CodeData, b: &CodeData) -> PyResult<bool> {
    let same = a.argcount == b.argcount
        && a.posonlyargcount == b.posonlyargcount
        && a.kwonlyargcount == b.kwonlyargcount
        && a.flags == b.flags
        && a.firstlineno == b.firstlineno
        && a.code.len() == b.code.len()
        && units_without_caches(&a.code).eq(units_without_caches(&b.code))
        && a.consts.len() == b.consts.len()
        && a.localspluskinds == b.localspluskinds
        && a.linetable.entries() == b.linetable.entries()
        && a.exceptiontable == b.exceptiontable;
    // SAFETY: the fields are live objects of the code objects.
    unsafe {
        if !same
            || !strs_eq(&[a.name.as_ptr()], &[b.name.as_ptr()])?
            || !strs_eq(&a.names, &b.names)?
            || !strs_eq(&a.localsplusnames, &b.localsplusnames)?
        {
            return Ok(false);
        }
        for (&x, &y) in a.consts.iter().zip(&b.consts) {
            if !const_eq(x, y)? {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// `tp_richcompare` of `code`: `==` and `!=` only.
pub unsafe extern "C" fn code_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: libc::c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a code object, b checked before it is read as one.
        unsafe {
            if !check(b) || (op != Py_EQ && op != Py_NE) {
                return Ok(Owned::from_borrowed(none::not_implemented()));
            }
            let eq = a == b || code_eq(data(a), data(b))?;
            Ok(Owned::from_borrowed(pybool::from_bool(eq == (op == Py_EQ))))
        }
    })
}

/// `tp_hash` of `code`: from the fields equality compares that are
/// cheap to hash.
pub unsafe extern "C" fn code_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: op is a code object.
    let d = unsafe { data(op) };
    // SAFETY: the name is a str.
    let mut h = match unsafe { protocol::hash(d.name.as_ptr()) } {
        Ok(h) => h as u64,
        Err(_) => return -1,
    };
    let mut mix = |v: u64| h = (h ^ v).wrapping_mul(0x100_0000_01b3);
    for v in [
        d.argcount,
        d.posonlyargcount,
        d.kwonlyargcount,
        d.flags,
        d.firstlineno,
    ] {
        mix(u64::from(v));
    }
    mix(d.consts.len() as u64);
    for u in units_without_caches(&d.code) {
        mix(u64::from(u));
    }
    let h = h as Py_hash_t;
    if h == -1 {
        -2
    } else {
        h
    }
}
