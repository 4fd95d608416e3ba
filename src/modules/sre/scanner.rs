//! `_sre.SRE_Scanner` (`Pattern.scanner()`, behind `finditer`): repeated
//! `match`/`search` calls over one subject, each starting where the last
//! match ended.
use super::pattern::{self, match_once, open_subject, Mode};
use super::text::with_units;
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{descr, none};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};

#[repr(C)]
pub struct ScannerObject {
    pub ob_base: PyObject,
    pub pattern: *mut PyObject,
    string: *mut PyObject,
    pos: usize,
    endpos: usize,
    start: usize,
    must_advance: bool,
    done: bool,
    executing: bool,
    /// A buffer export of a bytes-like subject (NULL for a str), held for
    /// the scanner's life as CPython's scanner state holds it: a
    /// bytearray cannot be resized under it.
    view: *mut Py_buffer,
}

/// `_sre.SRE_Scanner`.
pub static mut SCANNER_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(scanner_dealloc),
    tp_traverse: Some(scanner_traverse),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_methods: (&raw const SCANNER_METHODS).cast_mut().cast(),
    tp_members: (&raw const SCANNER_MEMBERS).cast_mut().cast(),
    ..type_template(c"_sre.SRE_Scanner", std::mem::size_of::<ScannerObject>(), 0)
};

static SCANNER_METHODS: [PyMethodDef; 3] = [
    descr::method(c"match", s_match as *const _, METH_NOARGS),
    descr::method(c"search", s_search as *const _, METH_NOARGS),
    descr::METHOD_END,
];

static SCANNER_MEMBERS: [PyMemberDef; 2] = [
    PyMemberDef {
        name: c"pattern".as_ptr(),
        r#type: _Py_T_OBJECT,
        offset: std::mem::offset_of!(ScannerObject, pattern) as Py_ssize_t,
        flags: Py_READONLY,
        doc: std::ptr::null(),
    },
    PyMemberDef {
        name: std::ptr::null(),
        r#type: 0,
        offset: 0,
        flags: 0,
        doc: std::ptr::null(),
    },
];

/// A scanner of `string` for pattern `op` between `pos` and `endpos`.
pub unsafe fn new(
    op: *mut PyObject,
    string: *mut PyObject,
    pos: isize,
    endpos: isize,
) -> PyResult<Owned> {
    // SAFETY: op is a pattern; the new object is filled before use.
    unsafe {
        let (subject, a, b) = open_subject(pattern::pat(op), string, pos, endpos)?;
        let view = if subject.isbytes {
            let mut v: Box<Py_buffer> = Box::new(std::mem::zeroed());
            crate::object::buffer::get(string, &mut *v, PyBUF_SIMPLE)?;
            Box::into_raw(v)
        } else {
            std::ptr::null_mut()
        };
        drop(subject);
        let sc = crate::object::alloc::generic_alloc(&raw mut SCANNER_TYPE, 0);
        if sc.is_null() {
            release_view(view);
            return Err(Raised::assume());
        }
        let s = sc.cast::<ScannerObject>();
        incref(op);
        (*s).pattern = op;
        incref(string);
        (*s).string = string;
        (*s).pos = a;
        (*s).endpos = b;
        (*s).start = a;
        (*s).view = view;
        crate::object::gc::track(sc);
        Ok(Owned::from_raw_unchecked(sc))
    }
}

unsafe extern "C" fn scanner_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the fields are owned or NULL.
    unsafe {
        crate::object::gc::untrack(op);
        let s = op.cast::<ScannerObject>();
        errors::release((*s).pattern);
        errors::release((*s).string);
        release_view((*s).view);
        crate::object::alloc::gc_free(op.cast());
    }
}

/// Releases and frees a scanner's buffer export (NULL: none).
unsafe fn release_view(view: *mut Py_buffer) {
    if !view.is_null() {
        // SAFETY: view came from Box::into_raw and holds a successful get.
        unsafe {
            let mut v = Box::from_raw(view);
            crate::object::buffer::release(&mut *v);
        }
    }
}

unsafe extern "C" fn scanner_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: op is a scanner owning these fields (or NULL).
    unsafe {
        let s = op.cast::<ScannerObject>();
        crate::object::gc::visit_all(&[(*s).pattern, (*s).string], visit, arg)
    }
}

unsafe fn next(op: *mut PyObject, mode: Mode) -> PyResult<Owned> {
    // SAFETY: op is a scanner; its pattern and string are live.
    unsafe {
        let sc = op.cast::<ScannerObject>();
        if (*sc).executing {
            return Err(errors::value_error(
                "regular expression scanner already executing",
            ));
        }
        if (*sc).done {
            return Ok(Owned::from_borrowed_static(none::none()));
        }
        (*sc).executing = true;
        let r = (|| {
            let p = (*sc).pattern;
            let (s, _, _) = open_subject(pattern::pat(p), (*sc).string, 0, isize::MAX)?;
            let end = (*sc).endpos.min(s.len);
            let (pos, start, adv) = ((*sc).pos, (*sc).start, (*sc).must_advance);
            with_units!(s, |t| match_once(p, &s, t, pos, start, end, mode, adv))
        })();
        (*sc).executing = false;
        let (m, span) = r?;
        match span {
            Some((a, b)) => {
                (*sc).must_advance = a == b;
                (*sc).start = b;
            }
            None => (*sc).done = true,
        }
        Ok(m)
    }
}

unsafe extern "C" fn s_match(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a scanner.
    guard_obj(|| unsafe { next(op, Mode::Match) })
}

unsafe extern "C" fn s_search(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a scanner.
    guard_obj(|| unsafe { next(op, Mode::Search) })
}
