//! The `sys` module (`Python/sysmodule.c`): `argv`, `path` (the module
//! search path the import system reads), `modules`, the path
//! configuration (`prefix`, `_stdlib_dir` ...), version and build
//! information (`info.rs`), the configuration's flags and options,
//! `exit`, recursion limits, `_getframe`, `exc_info`/`exception`,
//! `intern`, `getrefcount`, `getsizeof`, the int string limit.
mod features;
pub(crate) mod info;
mod internals;
mod monitoring;
mod stdlib_names;
mod trace;
pub mod unraisable;
use crate::ffi::*;
use crate::modules::args::{arity, builtin, no_kwargs};
use crate::object::descr::{method, METHOD_END};
use crate::object::structseq::{self, PyStructSequence_Desc, PyStructSequence_Field};
use crate::object::{dict, exceptions as exc, int, list, none, number, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;
use std::ffi::CStr;
use std::ptr::null_mut;

builtin!(sys_exit, |args, kws| {
    no_kwargs("exit", &kws)?;
    arity("exit", args, 0, 1)?;
    let code = args.first().copied().unwrap_or(null_mut());
    Err(errors::set_object(exc::PyExc_SystemExit, code))
});

builtin!(sys_baserepl, |args, kws| {
    // `sys._baserepl()`: the basic prompt loop over the C stdin, as
    // CPython's pyrepl falls back on (errors are printed by the loop).
    no_kwargs("_baserepl", &kws)?;
    arity("sys._baserepl", args, 0, 0)?;
    let mut flags = crate::capi::runfile::PyCompilerFlags {
        cf_flags: 0,
        cf_feature_version: 14,
    };
    // SAFETY: the C stdin stream is open; flags is a live PyCompilerFlags.
    unsafe {
        crate::capi::runfile::PyRun_AnyFileExFlags(
            crate::runtime::interactive::c_stdin(),
            c"<stdin>".as_ptr(),
            0,
            &mut flags,
        )
    };
    Ok(none::owned())
});

builtin!(sys_getrecursionlimit, |args, kws| {
    arity("sys.getrecursionlimit", args, 0, 0)?;
    int::from_i64(crate::runtime::tstate::get().recursion_limit as i64)
});

builtin!(sys_setrecursionlimit, |args, kws| {
    no_kwargs("setrecursionlimit", &kws)?;
    arity("sys.setrecursionlimit", args, 1, 1)?;
    if crate::object::float::check(args[0]) {
        return Err(errors::type_error(
            "'float' object cannot be interpreted as an integer",
        ));
    }
    let n = number::index(args[0]).and_then(|i| int::as_i64(i.as_ptr()))?;
    if n < 1 {
        return Err(errors::value_error(
            "recursion limit must be greater or equal than 1",
        ));
    }
    let ts = crate::runtime::tstate::get();
    if (n as i32) <= ts.recursion_depth {
        return Err(errors::recursion_error(format!(
            "cannot set the recursion limit to {n} at the recursion depth {}: the limit is too low",
            ts.recursion_depth
        )));
    }
    // SAFETY: the current thread state's interpreter is live.
    unsafe { (*ts.interp).set_recursion_limit(n.min(i32::MAX as i64) as i32) };
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(sys_getswitchinterval, |args, kws| {
    arity("sys.getswitchinterval", args, 0, 0)?;
    crate::object::float::from_f64(crate::runtime::gil::switch_interval())
});

builtin!(sys_setswitchinterval, |args, kws| {
    no_kwargs("setswitchinterval", &kws)?;
    arity("sys.setswitchinterval", args, 1, 1)?;
    let v = crate::object::float::as_f64(args[0])?;
    if v <= 0.0 {
        return Err(errors::value_error(
            "switch interval must be strictly positive",
        ));
    }
    crate::runtime::gil::set_switch_interval(v);
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(sys_getrefcount, |args, kws| {
    arity("sys.getrefcount", args, 1, 1)?;
    int::from_i64((*args[0]).ob_refcnt as i64)
});

builtin!(sys_audit, |args, kws| {
    no_kwargs("audit", &kws)?;
    let Some((&event, rest)) = args.split_first() else {
        return Err(errors::type_error(
            "audit() missing 1 required positional argument: 'event'",
        ));
    };
    if !pystr::check(event) {
        return Err(errors::type_error(format!(
            "expected str for argument 'event', not {}",
            crate::object::typeobj::type_name(event)
        )));
    }
    if crate::runtime::audit::active() {
        let name = std::ffi::CString::new(pystr::as_str(event)?)
            .map_err(|_| errors::value_error("embedded null character"))?;
        let t = tuple::from_vec(rest.iter().map(|&a| Owned::from_borrowed(a)).collect())?;
        crate::runtime::audit::audit_tuple(&name, t.as_ptr())?;
    }
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(sys_addaudithook, |args, kws| {
    let [hook] = crate::modules::args::bind("addaudithook", args, &kws, ["hook"], 1, 1)?;
    crate::runtime::audit::add_python_hook(hook.unwrap_or(none::none()))?;
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(sys_intern, |args, kws| {
    arity("sys.intern", args, 1, 1)?;
    if !pystr::check(args[0]) {
        let name = if args[0] == none::none() {
            "None"
        } else {
            crate::object::typeobj::type_name(args[0])
        };
        return Err(errors::type_error(format!(
            "intern() argument must be str, not {name}"
        )));
    }
    if !pystr::check_exact(args[0]) {
        return Err(errors::type_error(format!(
            "can't intern {}",
            crate::object::typeobj::type_name(args[0])
        )));
    }
    let mut s = crate::object::refcount::new_ref(args[0]);
    pystr::intern_in_place(&mut s)?;
    Ok(Owned::from_raw_unchecked(s))
});

builtin!(sys_getframe, |args, kws| {
    arity("_getframe", args, 0, 1)?;
    let mut depth = match args.first() {
        Some(&d) => int::as_i64(number::index(d)?.as_ptr())?,
        None => 0,
    };
    let mut f = crate::vm::frame::current();
    while depth > 0 && !f.is_null() {
        f = crate::vm::frame::fr(f).f_back;
        depth -= 1;
    }
    if f.is_null() {
        return Err(errors::value_error("call stack is not deep enough"));
    }
    crate::runtime::audit::audit(c"sys._getframe", &[f])?;
    Ok(Owned::from_borrowed(f))
});

fn handled() -> *mut PyObject {
    crate::runtime::tstate::get().topmost_handled()
}

builtin!(sys_exception, |args, kws| {
    arity("sys.exception", args, 0, 0)?;
    let h = handled();
    Ok(Owned::from_borrowed(if h.is_null() {
        none::none()
    } else {
        h
    }))
});

builtin!(sys_exc_info, |args, kws| {
    arity("sys.exc_info", args, 0, 0)?;
    let h = handled();
    if h.is_null() || h == none::none() {
        let n = none::none();
        return tuple::pack(&[n, n, n]);
    }
    let tb = (*h.cast::<PyBaseExceptionObject>()).traceback;
    tuple::pack(&[
        (*h).ob_type.cast(),
        h,
        if tb.is_null() { none::none() } else { tb },
    ])
});

builtin!(sys_getdefaultencoding, |args, kws| {
    arity("sys.getdefaultencoding", args, 0, 0)?;
    pystr::from_str("utf-8")
});

builtin!(sys_get_int_max_str_digits, |args, kws| {
    arity("sys.get_int_max_str_digits", args, 0, 0)?;
    int::from_i64(int::max_str_digits() as i64)
});

builtin!(sys_set_int_max_str_digits, |args, kws| {
    let v = match (args, kws.as_slice()) {
        ([v], []) => *v,
        ([], [("maxdigits", v)]) => *v,
        _ => {
            return Err(errors::type_error(
                "set_int_max_str_digits() takes exactly one argument (maxdigits)",
            ))
        }
    };
    let n = int::as_i64(number::index(v)?.as_ptr())?;
    if n != 0 && n < int_text_threshold() {
        return Err(errors::value_error(format!(
            "maxdigits must be 0 or larger than {}",
            int_text_threshold()
        )));
    }
    int::set_max_str_digits(n as usize);
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(sys_getfilesystemencoding, |args, kws| {
    arity("sys.getfilesystemencoding", args, 0, 0)?;
    pystr::from_str(&crate::runtime::fs_codec::encoding())
});

builtin!(sys_getfilesystemencodeerrors, |args, kws| {
    arity("sys.getfilesystemencodeerrors", args, 0, 0)?;
    pystr::from_str(&crate::runtime::fs_codec::errors())
});

builtin!(sys_is_finalizing, |args, kws| {
    arity("sys.is_finalizing", args, 0, 0)?;
    Ok(Owned::from_borrowed_static(crate::object::bool::from_bool(
        crate::runtime::lifecycle::is_finalizing(),
    )))
});

builtin!(sys_getsizeof, |args, kws| {
    let (obj, default) = match (args, kws.as_slice()) {
        ([o], []) => (*o, None),
        ([o, d], []) | ([o], [("default", d)]) => (*o, Some(*d)),
        _ => {
            return Err(errors::type_error(
                "getsizeof() takes at most 2 arguments (object, default)",
            ))
        }
    };
    match sizeof(obj) {
        Ok(n) => int::from_i64(n),
        Err(e) => match default {
            Some(d) if errors::matches(exc::PyExc_TypeError) => {
                errors::clear();
                Ok(Owned::from_borrowed(d))
            }
            _ => Err(e),
        },
    }
});

/// The size `sys.getsizeof` reports: `__sizeof__()` plus the GC header.
unsafe fn sizeof(obj: *mut PyObject) -> PyResult<i64> {
    // SAFETY: obj is a valid object.
    unsafe {
        let Some(r) = crate::object::protocol::call_special(obj, "__sizeof__", &[])? else {
            return Err(errors::type_error(format!(
                "Type {} doesn't define __sizeof__",
                crate::object::typeobj::type_name(obj)
            )));
        };
        if !int::check(r.as_ptr()) {
            return Err(errors::type_error("an integer is required"));
        }
        let n = int::as_i64(r.as_ptr())?;
        if n < 0 {
            return Err(errors::value_error("__sizeof__() should return >= 0"));
        }
        let gc = if (*(*obj).ob_type).tp_flags & Py_TPFLAGS_HAVE_GC != 0 {
            2 * size_of::<usize>() as i64
        } else {
            0
        };
        Ok(n + gc)
    }
}

builtin!(sys_get_cpu_count_config, |args, kws| {
    arity("sys._get_cpu_count_config", args, 0, 0)?;
    let n = crate::runtime::config::current().map_or(-1, |c| c.cpu_count);
    int::from_i64(n as i64)
});

builtin!(sys_getframemodulename, |args, kws| {
    let depth = match (args, kws.as_slice()) {
        ([], []) => 0,
        ([d], []) | ([], [("depth", d)]) => int::as_i64(number::index(*d)?.as_ptr())?,
        _ => {
            return Err(errors::type_error(
                "_getframemodulename() takes at most 1 argument (depth)",
            ))
        }
    };
    crate::runtime::audit::audit_with(c"sys._getframemodulename", || {
        Ok(vec![int::from_i64(depth)?])
    })?;
    let mut f = crate::vm::frame::current();
    let mut depth = depth;
    while depth > 0 && !f.is_null() {
        f = crate::vm::frame::fr(f).f_back;
        depth -= 1;
    }
    if f.is_null() {
        return Ok(Owned::from_borrowed_static(none::none()));
    }
    let frame = crate::vm::frame::fr(f);
    if !frame.func.is_null() {
        return crate::object::protocol::getattr(frame.func, crate::interned!("__module__"));
    }
    let name = dict::get_item_known_hash_str(frame.globals, crate::interned!("__name__"));
    Ok(Owned::from_borrowed(if name.is_null() {
        none::none()
    } else {
        name
    }))
});

fn int_text_threshold() -> i64 {
    crate::object::int_text::MAX_STR_DIGITS_THRESHOLD as i64
}

builtin!(sys_set_asyncgen_hooks, |args, kws| {
    arity("set_asyncgen_hooks", args, 0, 2)?;
    let mut hooks = [args.first().copied(), args.get(1).copied()];
    for (k, v) in kws {
        let i = match k {
            "firstiter" => 0,
            "finalizer" => 1,
            _ => {
                return Err(errors::type_error(format!(
                    "set_asyncgen_hooks() got an unexpected keyword argument '{k}'"
                )))
            }
        };
        if hooks[i].is_some() {
            return Err(errors::type_error(format!(
                "argument for set_asyncgen_hooks() given by name ('{k}') and position ({})",
                i + 1
            )));
        }
        hooks[i] = Some(v);
    }
    let [first, fin] = hooks;
    if let Some(f) = fin {
        crate::vm::asyncgen::check_hook(f, "finalizer")?;
    }
    if let Some(f) = first {
        crate::vm::asyncgen::check_hook(f, "firstiter")?;
    }
    // Both events come before either hook changes: a refused one leaves
    // both as they were. CPython sets the finalizer first and, when the
    // firstiter event is refused, sets the old one back, which raises the
    // finalizer's event again.
    use crate::runtime::audit::audit;
    if fin.is_some() {
        audit(c"sys.set_asyncgen_hook_finalizer", &[])?;
    }
    if first.is_some() {
        if let Err(e) = audit(c"sys.set_asyncgen_hook_firstiter", &[]) {
            if fin.is_some() {
                errors::keeping_raised(|| audit(c"sys.set_asyncgen_hook_finalizer", &[]).ok());
            }
            return Err(e);
        }
    }
    let ts = crate::runtime::tstate::get();
    for (v, slot) in [
        (fin, &mut ts.async_gen_finalizer),
        (first, &mut ts.async_gen_firstiter),
    ] {
        if let Some(v) = v {
            let new = if v == none::none() {
                null_mut()
            } else {
                crate::object::refcount::new_ref(v)
            };
            crate::object::refcount::xdecref(std::mem::replace(slot, new));
        }
    }
    Ok(Owned::from_borrowed_static(none::none()))
});

static mut ASYNCGEN_HOOKS_FIELDS: [PyStructSequence_Field; 3] = [
    PyStructSequence_Field {
        name: c"firstiter".as_ptr(),
        doc: std::ptr::null(),
    },
    PyStructSequence_Field {
        name: c"finalizer".as_ptr(),
        doc: std::ptr::null(),
    },
    PyStructSequence_Field {
        name: std::ptr::null(),
        doc: std::ptr::null(),
    },
];

static mut ASYNCGEN_HOOKS_DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"asyncgen_hooks".as_ptr(),
    doc: std::ptr::null(),
    fields: (&raw mut ASYNCGEN_HOOKS_FIELDS).cast(),
    n_in_sequence: 2,
};

builtin!(sys_get_asyncgen_hooks, |args, kws| {
    no_kwargs("get_asyncgen_hooks", &kws)?;
    arity("sys.get_asyncgen_hooks", args, 0, 0)?;
    let tp = structseq::new_type(&raw mut ASYNCGEN_HOOKS_DESC)?;
    let v = structseq::new(tp.as_ptr().cast())?;
    let ts = crate::runtime::tstate::get();
    for (i, h) in [ts.async_gen_firstiter, ts.async_gen_finalizer]
        .into_iter()
        .enumerate()
    {
        let h = if h.is_null() { none::none() } else { h };
        structseq::set_item(
            v.as_ptr(),
            i as Py_ssize_t,
            crate::object::refcount::new_ref(h),
        );
    }
    Ok(v)
});

// `sys.breakpointhook(*args, **kws)`: calls the function that
// `$PYTHONBREAKPOINT` names (`pdb.set_trace` by default; "0" disables
// breakpoints), warning when it cannot be imported.
builtin!(sys_breakpointhook, |args, kws| {
    let env = std::env::var("PYTHONBREAKPOINT").ok();
    let hookname = match env.as_deref() {
        None | Some("") => "pdb.set_trace",
        Some("0") => return Ok(Owned::from_borrowed_static(none::none())),
        Some(h) => h,
    };
    let (modpath, funcname) = hookname.rsplit_once('.').unwrap_or(("builtins", hookname));
    let hook = crate::runtime::import::import_absolute(modpath)
        .and_then(|m| crate::object::protocol::getattr_str(m.as_ptr(), funcname));
    let hook = match hook {
        Ok(h) => h,
        Err(_) => {
            errors::clear();
            let msg = std::ffi::CString::new(format!(
                "Ignoring unimportable $PYTHONBREAKPOINT: \"{hookname}\""
            ))
            .map_err(|_| errors::value_error("embedded null character"))?;
            if crate::capi::warnings::PyErr_WarnEx(exc::PyExc_RuntimeWarning, msg.as_ptr(), 1) < 0 {
                return Err(errors::Raised::assume());
            }
            return Ok(Owned::from_borrowed_static(none::none()));
        }
    };
    let names: Vec<*mut PyObject> = kws.iter().map(|&(k, _)| pystr::intern(k)).collect();
    let mut all: Vec<*mut PyObject> = args.to_vec();
    all.extend(kws.iter().map(|&(_, v)| v));
    let kn = tuple::from_slice(&names)?;
    errors::check(crate::capi::call::vectorcall(
        hook.as_ptr(),
        all.as_ptr(),
        args.len(),
        if names.is_empty() {
            null_mut()
        } else {
            kn.as_ptr()
        },
    ))
});

const FK: libc::c_int = METH_FASTCALL | METH_KEYWORDS;

static mut SYS_METHODS: [PyMethodDef; 52] = [
    method(c"audit", sys_audit as *const c_void, FK),
    method(c"addaudithook", sys_addaudithook as *const c_void, FK),
    method(
        c"getfilesystemencoding",
        sys_getfilesystemencoding as *const c_void,
        FK,
    ),
    method(
        c"getfilesystemencodeerrors",
        sys_getfilesystemencodeerrors as *const c_void,
        FK,
    ),
    method(c"is_finalizing", sys_is_finalizing as *const c_void, FK),
    method(c"_baserepl", sys_baserepl as *const c_void, FK),
    method(
        c"is_remote_debug_enabled",
        features::sys_is_remote_debug_enabled as *const c_void,
        FK,
    ),
    method(c"getsizeof", sys_getsizeof as *const c_void, FK),
    method(
        c"_get_cpu_count_config",
        sys_get_cpu_count_config as *const c_void,
        FK,
    ),
    method(
        c"_getframemodulename",
        sys_getframemodulename as *const c_void,
        FK,
    ),
    method(c"exit", sys_exit as *const c_void, FK),
    method(
        c"getrecursionlimit",
        sys_getrecursionlimit as *const c_void,
        FK,
    ),
    method(
        c"setrecursionlimit",
        sys_setrecursionlimit as *const c_void,
        FK,
    ),
    method(c"getrefcount", sys_getrefcount as *const c_void, FK),
    method(
        c"getswitchinterval",
        sys_getswitchinterval as *const c_void,
        FK,
    ),
    method(
        c"setswitchinterval",
        sys_setswitchinterval as *const c_void,
        FK,
    ),
    method(c"intern", sys_intern as *const c_void, FK),
    method(c"_getframe", sys_getframe as *const c_void, FK),
    method(c"exception", sys_exception as *const c_void, FK),
    method(c"exc_info", sys_exc_info as *const c_void, FK),
    method(
        c"getdefaultencoding",
        sys_getdefaultencoding as *const c_void,
        FK,
    ),
    method(
        c"get_int_max_str_digits",
        sys_get_int_max_str_digits as *const c_void,
        FK,
    ),
    method(
        c"set_int_max_str_digits",
        sys_set_int_max_str_digits as *const c_void,
        FK,
    ),
    method(c"breakpointhook", sys_breakpointhook as *const c_void, FK),
    method(
        c"set_asyncgen_hooks",
        sys_set_asyncgen_hooks as *const c_void,
        FK,
    ),
    method(
        c"get_asyncgen_hooks",
        sys_get_asyncgen_hooks as *const c_void,
        FK,
    ),
    method(c"settrace", trace::sys_settrace as *const c_void, FK),
    method(c"gettrace", trace::sys_gettrace as *const c_void, FK),
    method(c"setprofile", trace::sys_setprofile as *const c_void, FK),
    method(c"getprofile", trace::sys_getprofile as *const c_void, FK),
    method(
        c"_settraceallthreads",
        trace::sys_settraceallthreads as *const c_void,
        FK,
    ),
    method(
        c"_setprofileallthreads",
        trace::sys_setprofileallthreads as *const c_void,
        FK,
    ),
    method(
        c"call_tracing",
        trace::sys_call_tracing as *const c_void,
        FK,
    ),
    method(
        c"activate_stack_trampoline",
        trace::sys_activate_stack_trampoline as *const c_void,
        FK,
    ),
    method(
        c"deactivate_stack_trampoline",
        trace::sys_deactivate_stack_trampoline as *const c_void,
        FK,
    ),
    method(
        c"is_stack_trampoline_active",
        trace::sys_is_stack_trampoline_active as *const c_void,
        FK,
    ),
    method(
        c"_is_gil_enabled",
        trace::sys_is_gil_enabled as *const c_void,
        FK,
    ),
    method(
        c"unraisablehook",
        unraisable::sys_unraisablehook as *const c_void,
        FK,
    ),
    method(
        c"_current_frames",
        internals::sys_current_frames as *const c_void,
        FK,
    ),
    method(
        c"_current_exceptions",
        internals::sys_current_exceptions as *const c_void,
        FK,
    ),
    method(
        c"_clear_type_cache",
        internals::sys_clear_type_cache as *const c_void,
        FK,
    ),
    method(
        c"_clear_internal_caches",
        internals::sys_clear_internal_caches as *const c_void,
        FK,
    ),
    method(
        c"getunicodeinternedsize",
        internals::sys_getunicodeinternedsize as *const c_void,
        FK,
    ),
    method(
        c"_is_interned",
        internals::sys_is_interned as *const c_void,
        FK,
    ),
    method(
        c"_is_immortal",
        internals::sys_is_immortal as *const c_void,
        FK,
    ),
    method(
        c"getallocatedblocks",
        internals::sys_getallocatedblocks as *const c_void,
        FK,
    ),
    method(
        c"_debugmallocstats",
        internals::sys_debugmallocstats as *const c_void,
        FK,
    ),
    method(
        c"getdlopenflags",
        internals::sys_getdlopenflags as *const c_void,
        FK,
    ),
    method(
        c"setdlopenflags",
        internals::sys_setdlopenflags as *const c_void,
        FK,
    ),
    method(
        c"get_coroutine_origin_tracking_depth",
        internals::sys_get_coroutine_origin_tracking_depth as *const c_void,
        FK,
    ),
    method(
        c"set_coroutine_origin_tracking_depth",
        internals::sys_set_coroutine_origin_tracking_depth as *const c_void,
        FK,
    ),
    METHOD_END,
];

/// The namespace of the `sys` module (borrowed; the interpreter keeps it,
/// as CPython's `interp->sysdict`), creating the module on first use;
/// NULL before initialization and once the interpreter is cleared. During
/// finalization it is the same dict after `sys.modules` lets go of `sys`,
/// and empty once `sys` is wiped.
pub fn namespace() -> *mut PyObject {
    let ts = crate::runtime::tstate::current();
    if ts.is_null() {
        return null_mut();
    }
    // SAFETY: a current thread state has a live interpreter.
    let sysdict = unsafe { (*(*ts).interp).sysdict };
    if !sysdict.is_null() {
        return sysdict;
    }
    if crate::modules::sys_modules().is_null() {
        return null_mut();
    }
    match crate::runtime::import::import_absolute("sys") {
        // SAFETY: m is the sys module.
        Ok(m) => unsafe { crate::object::module::dict_of(m.as_ptr()) },
        Err(_) => {
            errors::clear();
            null_mut()
        }
    }
}

/// `sys.<name>` (borrowed), NULL when absent.
pub fn get(name: &str) -> *mut PyObject {
    let d = namespace();
    // SAFETY: d is NULL or a dict.
    unsafe {
        if d.is_null() {
            return null_mut();
        }
        dict::get_str(d, name)
    }
}

/// Sets `sys.<name>` to `value` (a valid object); nothing happens before
/// initialization.
pub unsafe fn set(name: &str, value: *mut PyObject) -> PyResult<()> {
    let d = namespace();
    if d.is_null() {
        return Ok(());
    }
    // SAFETY: d is a dict; value valid.
    unsafe { dict::set_item(d, pystr::intern(name), value) }
}

/// The list `sys.path`, if `sys` has been imported (borrowed).
pub fn path_list() -> *mut PyObject {
    let p = get("path");
    // SAFETY: p is NULL or an object.
    if p.is_null() || !unsafe { list::check(p) } {
        null_mut()
    } else {
        p
    }
}

/// `sys.version`, also what `ferrython -VV` prints after "Python ".
pub const VERSION_TEXT: &str = concat!("3.14.0 (ferrython ", env!("CARGO_PKG_VERSION"), ")");

/// `sys.copyright` (`Py_GetCopyright`).
pub const COPYRIGHT: &CStr = c"Copyright (c) the Ferrython authors.\n\
Ferrython runs the standard library of CPython:\n\
Copyright (c) 2001 Python Software Foundation.\nAll Rights Reserved.";

/// `sys.__doc__`.
const DOC: &str = "The interpreter's own state and settings: the command line (argv),\n\
the module search path (path) and loaded modules (modules), the standard\n\
streams, the hooks called on errors, tracing and auditing, recursion and\n\
switch limits, and facts about this build (version, implementation,\n\
limits of the numeric types).";

/// `sys.platform` (`Py_GetPlatform`).
pub const PLATFORM: &CStr = c"linux";

/// A str, or None.
fn str_or_none(v: Option<&str>) -> PyResult<Owned> {
    match v {
        Some(v) => pystr::from_str(v),
        None => Ok(Owned::from_borrowed_static(none::none())),
    }
}

/// The `sys` attributes that come from the configuration: flags,
/// options, the original command line and the path configuration.
/// A list of the command-line words `v` as str, their undecodable bytes
/// escaped (`os.fsdecode`).
fn os_strs(v: &[std::ffi::OsString]) -> PyResult<Owned> {
    use std::os::unix::ffi::OsStrExt;
    list::from_vec(
        v.iter()
            .map(|s| crate::runtime::fs_codec::decode_locale(s.as_bytes()))
            .collect::<PyResult<Vec<_>>>()?,
    )
}

fn set_config_values(
    set: &dyn Fn(&str, *mut PyObject) -> PyResult<()>,
    cfg: &crate::runtime::config::Config,
) -> PyResult<()> {
    let strs = |v: &[String]| -> PyResult<Owned> {
        list::from_vec(
            v.iter()
                .map(|s| pystr::from_str(s))
                .collect::<PyResult<Vec<_>>>()?,
        )
    };
    set("flags", info::flags(cfg)?.as_ptr())?;
    set("orig_argv", os_strs(&cfg.orig_argv)?.as_ptr())?;
    set("warnoptions", strs(&cfg.warnoptions)?.as_ptr())?;
    let xoptions = dict::new()?;
    for x in &cfg.xoptions {
        let (k, v) = match x.split_once('=') {
            Some((k, v)) => (k, pystr::from_str(v)?),
            None => (
                x.as_str(),
                Owned::from_borrowed_static(crate::object::bool::py_true()),
            ),
        };
        // SAFETY: xoptions is a dict.
        unsafe { dict::set_item(xoptions.as_ptr(), pystr::from_str(k)?.as_ptr(), v.as_ptr())? };
    }
    set("_xoptions", xoptions.as_ptr())?;
    set(
        "dont_write_bytecode",
        crate::object::bool::from_bool(!cfg.write_bytecode),
    )?;
    set(
        "pycache_prefix",
        str_or_none(cfg.pycache_prefix.as_deref())?.as_ptr(),
    )?;
    set("prefix", str_or_none(cfg.prefix.as_deref())?.as_ptr())?;
    set(
        "exec_prefix",
        str_or_none(cfg.exec_prefix.as_deref())?.as_ptr(),
    )?;
    set(
        "base_prefix",
        str_or_none(cfg.base_prefix.as_deref())?.as_ptr(),
    )?;
    set(
        "base_exec_prefix",
        str_or_none(cfg.base_exec_prefix.as_deref())?.as_ptr(),
    )?;
    set("platlibdir", pystr::from_str(&cfg.platlibdir)?.as_ptr())?;
    set(
        "_stdlib_dir",
        str_or_none(cfg.stdlib_dir.as_deref())?.as_ptr(),
    )?;
    Ok(())
}

/// Creates the `sys` module for the current interpreter.
pub fn create() -> PyResult<Owned> {
    // SAFETY: the interpreter is live; the method table is static.
    unsafe {
        let m = crate::modules::new_module("sys", (&raw mut SYS_METHODS).cast())?;
        let d = crate::object::module::dict_of(m.as_ptr());
        let interp = &*crate::runtime::tstate::get().interp;
        let set = |k: &str, v: *mut PyObject| dict::set_item(d, pystr::intern(k), v);
        set("argv", os_strs(&interp.argv)?.as_ptr())?;
        set("path", os_strs(&interp.path)?.as_ptr())?;
        set("modules", interp.modules)?;
        set("version", pystr::from_str(VERSION_TEXT)?.as_ptr())?;
        let version_info = info::version_info()?;
        set("version_info", version_info.as_ptr())?;
        set("hexversion", int::from_i64(info::HEXVERSION)?.as_ptr())?;
        set(
            "implementation",
            info::implementation(version_info.as_ptr())?.as_ptr(),
        )?;
        set("float_info", info::float_info()?.as_ptr())?;
        set("int_info", info::int_info()?.as_ptr())?;
        set("hash_info", info::hash_info()?.as_ptr())?;
        set("thread_info", info::thread_info()?.as_ptr())?;
        set("api_version", int::from_i64(1013)?.as_ptr())?;
        set("monitoring", monitoring::create()?.as_ptr())?;
        set("_jit", features::create_jit()?.as_ptr())?;
        set("__doc__", pystr::from_str(DOC)?.as_ptr())?;
        set(
            "__unraisablehook__",
            dict::get_item_known_hash_str(d, crate::interned!("unraisablehook")),
        )?;
        set("abiflags", pystr::from_str("")?.as_ptr())?;
        set("float_repr_style", pystr::from_str("short")?.as_ptr())?;
        set("copyright", pystr::from_cstr(COPYRIGHT.as_ptr())?.as_ptr())?;
        let finder = crate::modules::imp::native_importer()?;
        set("meta_path", list::from_slice(&[finder])?.as_ptr())?;
        let hook = crate::runtime::path_finder::directory_hook()?;
        set("path_hooks", list::from_vec(vec![hook])?.as_ptr())?;
        set("path_importer_cache", dict::new()?.as_ptr())?;
        let cfg = crate::runtime::config::current().unwrap_or_default();
        set_config_values(&set, &cfg)?;
        set("platform", pystr::from_cstr(PLATFORM.as_ptr())?.as_ptr())?;
        set(
            "byteorder",
            pystr::from_str(if cfg!(target_endian = "little") {
                "little"
            } else {
                "big"
            })?
            .as_ptr(),
        )?;
        set("maxsize", int::from_i64(isize::MAX as i64)?.as_ptr())?;
        set("maxunicode", int::from_i64(0x10ffff)?.as_ptr())?;
        let exe = crate::runtime::pathconfig::executable(&cfg);
        set("executable", pystr::from_str(&exe)?.as_ptr())?;
        set("_base_executable", pystr::from_str(&exe)?.as_ptr())?;
        let names = tuple::from_vec(
            crate::modules::builtin_names()
                .into_iter()
                .map(pystr::from_str)
                .collect::<PyResult<Vec<_>>>()?,
        )?;
        set("builtin_module_names", names.as_ptr())?;
        set(
            "stdlib_module_names",
            stdlib_names::names(cfg.stdlib_dir.as_deref())?.as_ptr(),
        )?;
        set(
            "__breakpointhook__",
            dict::get_item_known_hash_str(d, crate::interned!("breakpointhook")),
        )?;
        // The streams may need a codec from the `encodings` package
        // (`PYTHONIOENCODING=cp424`), whose import reads `sys`: it is
        // registered first, as CPython creates the streams after its
        // import system is complete.
        dict::set_item(interp.modules, crate::interned!("sys"), m.as_ptr())?;
        let ip = crate::runtime::tstate::get().interp;
        crate::object::refcount::incref(d);
        let old = std::mem::replace(&mut (*ip).sysdict, d);
        crate::object::refcount::xdecref(old);
        crate::modules::io::stdio::install(m.as_ptr(), d)?;
        Ok(m)
    }
}
