//! The `_bisect` module (CPython's `Modules/_bisectmodule.c`): binary
//! search in a sorted sequence, with an optional `key`, and insertion that
//! keeps it sorted.
use crate::ffi::*;
use crate::modules::args::{builtin, Args};
use crate::object::descr::{method, METHOD_END};
use crate::object::exceptions::PyExc_OverflowError;
use crate::object::{int, list, none, number, protocol};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;

/// The parsed arguments: `(a, x, lo=0, hi=None, *, key=None)`.
struct Params {
    a: *mut PyObject,
    x: *mut PyObject,
    lo: isize,
    hi: Option<isize>,
    key: *mut PyObject,
}

unsafe fn params(fname: &str, args: Args, kws: &[(&str, *mut PyObject)]) -> PyResult<Params> {
    // SAFETY: the arguments are valid objects.
    unsafe {
        if args.len() > 4 {
            return Err(errors::type_error(format!(
                "{fname}() takes at most 4 positional arguments ({} given)",
                args.len()
            )));
        }
        let names = ["a", "x", "lo", "hi", "key"];
        let mut v: [*mut PyObject; 5] = [std::ptr::null_mut(); 5];
        v[..args.len()].copy_from_slice(args);
        for &(k, val) in kws {
            let Some(i) = names.iter().position(|&n| n == k) else {
                return Err(errors::type_error(format!(
                    "{fname}() got an unexpected keyword argument '{k}'"
                )));
            };
            if !v[i].is_null() {
                return Err(errors::type_error(format!(
                    "argument for {fname}() given by name ('{k}') and position ({})",
                    i + 1
                )));
            }
            v[i] = val;
        }
        for (i, n) in names[..2].iter().enumerate() {
            if v[i].is_null() {
                return Err(errors::type_error(format!(
                    "{fname}() missing required argument '{n}' (pos {})",
                    i + 1
                )));
            }
        }
        let lo = if v[2].is_null() {
            0
        } else {
            number::as_ssize(v[2], PyExc_OverflowError)?
        };
        if lo < 0 {
            return Err(errors::value_error("lo must be non-negative"));
        }
        let hi = if v[3].is_null() || v[3] == none::none() {
            None
        } else {
            Some(number::as_ssize(v[3], PyExc_OverflowError)?)
        };
        let key = if v[4] == none::none() {
            std::ptr::null_mut()
        } else {
            v[4]
        };
        Ok(Params {
            a: v[0],
            x: v[1],
            lo,
            hi,
            key,
        })
    }
}

/// The insertion point of `x` (already transformed by the key) in
/// `a[lo:hi]`: after equal items when `right`, before them otherwise.
unsafe fn search(p: &Params, x: *mut PyObject, right: bool) -> PyResult<isize> {
    // SAFETY: p's objects are valid.
    unsafe {
        let mut lo = p.lo;
        let mut hi = match p.hi {
            Some(h) => h,
            None => protocol::len(p.a)?,
        };
        while lo < hi {
            let mid = ((lo as usize + hi as usize) / 2) as isize;
            let i = int::from_i64(mid as i64)?;
            let mut item = protocol::get_item(p.a, i.as_ptr())?;
            if !p.key.is_null() {
                item = protocol::call_args(p.key, &[item.as_ptr()])?;
            }
            let go_left = if right {
                protocol::rich_compare_bool(x, item.as_ptr(), Py_LT)?
            } else {
                !protocol::rich_compare_bool(item.as_ptr(), x, Py_LT)?
            };
            if go_left {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        Ok(lo)
    }
}

unsafe fn insort(p: &Params, right: bool) -> PyResult<Owned> {
    // SAFETY: p's objects are valid.
    unsafe {
        let kx = if p.key.is_null() {
            Owned::from_borrowed(p.x)
        } else {
            protocol::call_args(p.key, &[p.x])?
        };
        let at = search(p, kx.as_ptr(), right)?;
        if list::check_exact(p.a) {
            list::insert(p.a, at, p.x)?;
        } else {
            let i = int::from_i64(at as i64)?;
            protocol::call_method_obj(p.a, "insert", &[i.as_ptr(), p.x])?;
        }
        Ok(Owned::from_borrowed_static(none::none()))
    }
}

builtin!(bisect_right, |args, kws| {
    let p = params("bisect_right", args, &kws)?;
    int::from_i64(search(&p, p.x, true)? as i64)
});

builtin!(bisect_left, |args, kws| {
    let p = params("bisect_left", args, &kws)?;
    int::from_i64(search(&p, p.x, false)? as i64)
});

builtin!(insort_right, |args, kws| {
    let p = params("insort_right", args, &kws)?;
    insort(&p, true)
});

builtin!(insort_left, |args, kws| {
    let p = params("insort_left", args, &kws)?;
    insort(&p, false)
});

const FK: libc::c_int = METH_FASTCALL | METH_KEYWORDS;

static mut FUNCTIONS: [PyMethodDef; 5] = [
    method(c"bisect_right", bisect_right as *const c_void, FK),
    method(c"insort_right", insort_right as *const c_void, FK),
    method(c"bisect_left", bisect_left as *const c_void, FK),
    method(c"insort_left", insort_left as *const c_void, FK),
    METHOD_END,
];

/// `PyInit__bisect`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the table is static.
        unsafe { crate::modules::objtype::new_module("_bisect", (&raw mut FUNCTIONS).cast(), &[]) }
    })
}
