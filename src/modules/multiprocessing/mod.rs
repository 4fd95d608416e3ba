//! The `_multiprocessing` module (CPython's
//! `Modules/_multiprocessing/multiprocessing.c`): `SemLock` (in
//! `semlock`), `sem_unlink`, and the `flags` dict naming the semaphore
//! features this platform has.
mod semlock;

use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::object::descr::{method, METHOD_END};
use crate::object::none;
use crate::object::{dict, int, module, str as pystr};
use crate::runtime::errors::{self, PyResult};
use libc::{c_int, c_void};

builtin!(mp_sem_unlink, |args, kws| {
    let [n] = bind("sem_unlink", args, &kws, ["name"], 1, 1)?;
    let n = n.unwrap();
    if !pystr::check(n) {
        return Err(errors::type_error(format!(
            "sem_unlink() argument must be str, not {}",
            crate::object::typeobj::type_name(n)
        )));
    }
    let name = std::ffi::CString::new(pystr::as_str(n)?)
        .map_err(|_| errors::value_error("embedded null character"))?;
    if libc::sem_unlink(name.as_ptr()) < 0 {
        return Err(errors::os_error(
            errors::last_errno(),
            n,
            std::ptr::null_mut(),
        ));
    }
    Ok(none::owned())
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 2] = [
    method(c"sem_unlink", mp_sem_unlink as *const c_void, FK),
    METHOD_END,
];

/// `PyInit__multiprocessing`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the method table and the type are static; the module is
        // new.
        unsafe {
            let m = crate::modules::new_module("_multiprocessing", (&raw mut METHODS).cast())?;
            let d = module::dict_of(m.as_ptr());
            let tp = &raw mut semlock::SEMLOCK_TYPE;
            if (*tp).tp_flags & Py_TPFLAGS_READY == 0 {
                crate::object::typeobj::ready(tp)?;
                // The largest value a semaphore takes (Linux: INT_MAX).
                let max = match libc::sysconf(libc::_SC_SEM_VALUE_MAX) {
                    n if n > 0 && n < c_int::MAX as libc::c_long => n,
                    _ => c_int::MAX as i64,
                };
                dict::set_item(
                    (*tp).tp_dict,
                    crate::interned!("SEM_VALUE_MAX"),
                    int::from_i64(max)?.as_ptr(),
                )?;
                crate::object::typeobj::modified(tp);
            }
            dict::set_item(d, crate::interned!("SemLock"), tp.cast())?;
            let flags = dict::new()?;
            for k in ["HAVE_SEM_OPEN", "HAVE_SEM_TIMEDWAIT"] {
                dict::set_item(flags.as_ptr(), pystr::intern(k), int::small(1))?;
            }
            dict::set_item(d, crate::interned!("flags"), flags.as_ptr())?;
            PyResult::Ok(m)
        }
    })
}
