//! The `atexit` module (`Modules/atexitmodule.c`): functions registered
//! to run when the interpreter finalizes, last registered first. An
//! exception in one is reported ("Exception ignored in atexit callback")
//! and the others still run.
use crate::ffi::*;
use crate::modules::args::{arity, builtin, no_kwargs};
use crate::object::descr::{method, METHOD_END};
use crate::object::refcount::{decref, new_ref};
use crate::object::{dict, int, none, protocol, str as pystr, tuple};
use crate::runtime::errors;
use crate::Owned;
use libc::{c_int, c_void};
use std::sync::Mutex;

/// A registered call: function, positional tuple, keyword dict or NULL
/// (strong references, kept as addresses so the list can be shared).
struct Callback {
    func: usize,
    args: usize,
    kwargs: usize,
}

/// The registered callbacks, in registration order.
static CALLBACKS: Mutex<Vec<Callback>> = Mutex::new(Vec::new());

fn callbacks() -> std::sync::MutexGuard<'static, Vec<Callback>> {
    CALLBACKS.lock().unwrap_or_else(|e| e.into_inner())
}

impl Callback {
    /// Drops the references the callback holds.
    unsafe fn release(self) {
        // SAFETY: the fields are strong references (kwargs may be NULL).
        unsafe {
            decref(self.func as *mut PyObject);
            decref(self.args as *mut PyObject);
            crate::object::refcount::xdecref(self.kwargs as *mut PyObject);
        }
    }
}

/// Runs and forgets the callbacks, last registered first
/// (`atexit._run_exitfuncs`, and finalization).
pub fn run_exitfuncs() {
    loop {
        let Some(cb) = callbacks().pop() else { break };
        // SAFETY: the callback's references are alive until released.
        unsafe {
            let func = cb.func as *mut PyObject;
            let r = protocol::call(func, cb.args as *mut PyObject, cb.kwargs as *mut PyObject);
            if r.is_err() {
                if let Some(e) = errors::take() {
                    let what = protocol::repr_string(func).unwrap_or_else(|_| {
                        errors::clear();
                        "<object repr() failed>".into()
                    });
                    errors::restore(e);
                    let msg = format!("Exception ignored in atexit callback {what}");
                    match pystr::from_str(&msg) {
                        Ok(m) => {
                            crate::capi::exceptions::_Ferrython_ErrFormatUnraisable(m.into_raw())
                        }
                        Err(_) => errors::clear(),
                    }
                }
            }
            drop(r);
            cb.release();
        }
    }
}

/// Forgets every callback without running it (`atexit._clear`).
pub fn clear() {
    let all = std::mem::take(&mut *callbacks());
    for cb in all {
        // SAFETY: each callback holds its references.
        unsafe { cb.release() };
    }
}

builtin!(register, |args, kws| {
    let Some((&func, rest)) = args.split_first() else {
        return Err(errors::type_error(
            "register() takes at least 1 argument (0 given)",
        ));
    };
    if (*(*func).ob_type).tp_call.is_none() {
        return Err(errors::type_error("the first argument must be callable"));
    }
    let t = tuple::from_slice(rest)?;
    let kwargs = if kws.is_empty() {
        std::ptr::null_mut()
    } else {
        let d = dict::new()?;
        for &(k, v) in &kws {
            dict::set_item(d.as_ptr(), pystr::from_str(k)?.as_ptr(), v)?;
        }
        d.into_raw()
    };
    callbacks().push(Callback {
        func: new_ref(func) as usize,
        args: t.into_raw() as usize,
        kwargs: kwargs as usize,
    });
    Ok(Owned::from_borrowed(func))
});

builtin!(unregister, |args, kws| {
    no_kwargs("unregister", &kws)?;
    arity("unregister", args, 1, 1)?;
    // Compare outside the lock: `==` may run Python code.
    let funcs: Vec<usize> = callbacks().iter().map(|c| c.func).collect();
    let mut gone = Vec::new();
    for f in funcs {
        if protocol::rich_compare_bool(f as *mut PyObject, args[0], Py_EQ)? {
            gone.push(f);
        }
    }
    let removed: Vec<Callback> = {
        let mut cbs = callbacks();
        let (drop, keep): (Vec<_>, Vec<_>) = std::mem::take(&mut *cbs)
            .into_iter()
            .partition(|c| gone.contains(&c.func));
        *cbs = keep;
        drop
    };
    for cb in removed {
        cb.release();
    }
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(run_exitfuncs_fn, |args, kws| {
    no_kwargs("_run_exitfuncs", &kws)?;
    arity("_run_exitfuncs", args, 0, 0)?;
    run_exitfuncs();
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(clear_fn, |args, kws| {
    no_kwargs("_clear", &kws)?;
    arity("_clear", args, 0, 0)?;
    clear();
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(ncallbacks, |args, kws| {
    no_kwargs("_ncallbacks", &kws)?;
    arity("_ncallbacks", args, 0, 0)?;
    int::from_i64(callbacks().len() as i64)
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 6] = [
    method(c"register", register as *const c_void, FK),
    method(c"unregister", unregister as *const c_void, FK),
    method(c"_run_exitfuncs", run_exitfuncs_fn as *const c_void, FK),
    method(c"_clear", clear_fn as *const c_void, FK),
    method(c"_ncallbacks", ncallbacks as *const c_void, FK),
    METHOD_END,
];

static mut DEF: PyModuleDef = crate::modules::module_def::def(
    c"atexit",
    c"allow programmer to define multiple exit functions to be executed\nupon normal program termination.",
    (&raw mut METHODS).cast(),
    std::ptr::null_mut(),
);

/// `PyInit_atexit`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
