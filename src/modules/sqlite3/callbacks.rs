//! Python callables that SQLite calls back (CPython's `connection.c`
//! `func_callback`, `step_callback`, `final_callback`, the window
//! callbacks, `collation_callback`, `authorizer_callback`,
//! `progress_callback` and `trace_callback`) and the `Connection` methods
//! that register them. SQLite runs them inside `sqlite3_step`, with the
//! GIL released, so each takes the GIL first; an exception is reported
//! (`enable_callback_tracebacks`) or dropped, and SQLite gets an error.
use super::connection::{conn, cstring_arg};
use super::errors;
use super::values::{from_value, set_result};
use crate::capi::gil::{PyGILState_Ensure, PyGILState_Release};
use crate::ffi::*;
use crate::modules::args::clinic_int;
use crate::modules::args::{self, builtin};
use crate::modules::objtype;
use crate::object::exceptions::PyExc_AttributeError;
use crate::object::{int, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self as rterr, PyResult};
use crate::Owned;
use libc::{c_char, c_int, c_uint, c_void};
use libsqlite3_sys as sq;
use std::ffi::CStr;
use std::ptr::null_mut;
use std::sync::atomic::Ordering;

/// What SQLite keeps for a function, aggregate or collation: the callable.
struct FnCtx {
    callable: Owned,
}

/// Runs `f` holding the GIL.
fn with_gil<R>(f: impl FnOnce() -> R) -> R {
    let g = PyGILState_Ensure();
    let r = f();
    PyGILState_Release(g);
    r
}

/// `xDestroy`: frees a context when SQLite drops the function.
unsafe extern "C" fn destroy_ctx(p: *mut c_void) {
    // SAFETY: p came from Box::into_raw of an FnCtx.
    with_gil(|| drop(unsafe { Box::from_raw(p.cast::<FnCtx>()) }));
}

fn new_ctx(callable: *mut PyObject) -> *mut c_void {
    // SAFETY: callable is a live object.
    Box::into_raw(Box::new(FnCtx {
        callable: unsafe { Owned::from_borrowed(callable) },
    }))
    .cast()
}

/// `print_or_clear_traceback`: the pending exception goes to
/// `sys.unraisablehook` when tracebacks are enabled, else is dropped.
pub(super) fn print_or_clear(obj: *mut PyObject) {
    if super::CALLBACK_TRACEBACKS.load(Ordering::Relaxed) {
        // SAFETY: an exception is set; obj valid.
        unsafe { crate::capi::exceptions::PyErr_WriteUnraisable(obj) };
    } else {
        rterr::clear();
    }
}

/// Reports the pending exception and fails the SQL call: `MemoryError`
/// and `OverflowError` as SQLite's out-of-memory and too-big errors,
/// others with `msg`.
unsafe fn fail(ctx: *mut sq::sqlite3_context, obj: *mut PyObject, msg: &CStr) {
    // SAFETY: an exception is set; ctx is the running call's context.
    unsafe {
        let nomem = rterr::matches(crate::object::exceptions::PyExc_MemoryError);
        let toobig = rterr::matches(crate::object::exceptions::PyExc_OverflowError);
        print_or_clear(obj);
        if nomem {
            sq::sqlite3_result_error_nomem(ctx);
        } else if toobig {
            sq::sqlite3_result_error_toobig(ctx);
        } else {
            sq::sqlite3_result_error(ctx, msg.as_ptr(), -1);
        }
    }
}

/// The callable of the running function.
unsafe fn callable_of(ctx: *mut sq::sqlite3_context) -> *mut PyObject {
    // SAFETY: the user data is the FnCtx registered with the function.
    unsafe {
        (*sq::sqlite3_user_data(ctx).cast::<FnCtx>())
            .callable
            .as_ptr()
    }
}

/// The arguments of the running call as a tuple.
unsafe fn py_args(argc: c_int, argv: *mut *mut sq::sqlite3_value) -> PyResult<Owned> {
    let mut v = Vec::with_capacity(argc.max(0) as usize);
    for i in 0..argc.max(0) as usize {
        // SAFETY: argv holds argc values.
        v.push(unsafe { from_value(*argv.add(i))? });
    }
    tuple::from_vec(v)
}

unsafe fn call_with(f: *mut PyObject, args: &Owned) -> PyResult<Owned> {
    // SAFETY: f valid; args a tuple.
    unsafe { protocol::call(f, args.as_ptr(), null_mut()) }
}

unsafe extern "C" fn func_callback(
    ctx: *mut sq::sqlite3_context,
    argc: c_int,
    argv: *mut *mut sq::sqlite3_value,
) {
    with_gil(|| {
        // SAFETY: called by SQLite for a function registered here.
        unsafe {
            let f = callable_of(ctx);
            let r = py_args(argc, argv)
                .and_then(|a| call_with(f, &a))
                .and_then(|v| set_result(ctx, v.as_ptr()));
            if r.is_err() {
                fail(ctx, f, c"user-defined function raised exception");
            }
        }
    })
}

/// The aggregate instance slot of the running call; NULL on no memory.
unsafe fn agg_slot(ctx: *mut sq::sqlite3_context, alloc: bool) -> *mut *mut PyObject {
    let n = if alloc {
        std::mem::size_of::<*mut PyObject>() as c_int
    } else {
        0
    };
    // SAFETY: ctx is the running aggregate's context (zeroed on first use).
    unsafe { sq::sqlite3_aggregate_context(ctx, n).cast() }
}

unsafe extern "C" fn step_callback(
    ctx: *mut sq::sqlite3_context,
    argc: c_int,
    argv: *mut *mut sq::sqlite3_value,
) {
    with_gil(|| {
        // SAFETY: called by SQLite for an aggregate registered here.
        unsafe {
            let cls = callable_of(ctx);
            let slot = agg_slot(ctx, true);
            if slot.is_null() {
                sq::sqlite3_result_error_nomem(ctx);
                return;
            }
            if (*slot).is_null() {
                match protocol::call_args(cls, &[]) {
                    Ok(inst) => *slot = inst.into_raw(),
                    Err(_) => {
                        return fail(
                            ctx,
                            cls,
                            c"user-defined aggregate's '__init__' method raised error",
                        )
                    }
                }
            }
            let Ok(step) = protocol::getattr_str(*slot, "step") else {
                return fail(
                    ctx,
                    cls,
                    c"user-defined aggregate's 'step' method not defined",
                );
            };
            if py_args(argc, argv)
                .and_then(|a| call_with(step.as_ptr(), &a))
                .is_err()
            {
                fail(
                    ctx,
                    cls,
                    c"user-defined aggregate's 'step' method raised error",
                );
            }
        }
    })
}

unsafe extern "C" fn final_callback(ctx: *mut sq::sqlite3_context) {
    with_gil(|| {
        // SAFETY: called by SQLite for an aggregate registered here.
        unsafe {
            let slot = agg_slot(ctx, false);
            if slot.is_null() || (*slot).is_null() {
                // No rows: step never ran; the result is NULL.
                return;
            }
            let inst = Owned::from_raw_unchecked(std::mem::replace(&mut *slot, null_mut()));
            let saved = rterr::take();
            let r = protocol::call_method_obj(inst.as_ptr(), "finalize", &[])
                .and_then(|v| set_result(ctx, v.as_ptr()));
            if r.is_err() {
                let msg = if rterr::matches(PyExc_AttributeError) {
                    c"user-defined aggregate's 'finalize' method not defined"
                } else {
                    c"user-defined aggregate's 'finalize' method raised error"
                };
                fail(ctx, callable_of(ctx), msg);
            }
            if let Some(e) = saved {
                rterr::restore(e);
            }
        }
    })
}

unsafe extern "C" fn value_callback(ctx: *mut sq::sqlite3_context) {
    with_gil(|| {
        // SAFETY: called by SQLite for a window function registered here.
        unsafe {
            let slot = agg_slot(ctx, true);
            let cls = callable_of(ctx);
            if slot.is_null() || (*slot).is_null() {
                sq::sqlite3_result_null(ctx);
                return;
            }
            match protocol::call_method_obj(*slot, "value", &[]) {
                Err(_) => {
                    let msg = if rterr::matches(PyExc_AttributeError) {
                        c"user-defined aggregate's 'value' method not defined"
                    } else {
                        c"user-defined aggregate's 'value' method raised error"
                    };
                    fail(ctx, cls, msg);
                }
                Ok(v) => {
                    if set_result(ctx, v.as_ptr()).is_err() {
                        fail(
                            ctx,
                            cls,
                            c"unable to set result from user-defined aggregate's 'value' method",
                        );
                    }
                }
            }
        }
    })
}

unsafe extern "C" fn inverse_callback(
    ctx: *mut sq::sqlite3_context,
    argc: c_int,
    argv: *mut *mut sq::sqlite3_value,
) {
    with_gil(|| {
        // SAFETY: called by SQLite for a window function registered here.
        unsafe {
            let slot = agg_slot(ctx, true);
            let cls = callable_of(ctx);
            if slot.is_null() || (*slot).is_null() {
                return;
            }
            let Ok(m) = protocol::getattr_str(*slot, "inverse") else {
                return fail(
                    ctx,
                    cls,
                    c"user-defined aggregate's 'inverse' method not defined",
                );
            };
            let Ok(a) = py_args(argc, argv) else {
                return fail(
                    ctx,
                    cls,
                    c"unable to build arguments for user-defined aggregate's 'inverse' method",
                );
            };
            if call_with(m.as_ptr(), &a).is_err() {
                fail(
                    ctx,
                    cls,
                    c"user-defined aggregate's 'inverse' method raised error",
                );
            }
        }
    })
}

/// `name` of a registration method as a C string.
unsafe fn name_arg(o: *mut PyObject, fname: &str) -> PyResult<std::ffi::CString> {
    // SAFETY: o valid.
    unsafe { cstring_arg(o, fname, "'name'") }
}

type XFunc = unsafe extern "C" fn(*mut sq::sqlite3_context, c_int, *mut *mut sq::sqlite3_value);
type XFinal = unsafe extern "C" fn(*mut sq::sqlite3_context);

/// Registers (or, with `None`, removes) a scalar function or aggregate.
unsafe fn register(
    slf: *mut PyObject,
    name: &CStr,
    narg: c_int,
    flags: c_int,
    callable: *mut PyObject,
    cbs: (Option<XFunc>, Option<XFunc>, Option<XFinal>),
) -> c_int {
    // SAFETY: slf is a checked Connection.
    unsafe {
        let db = conn(slf).db;
        if callable == none::none() {
            return sq::sqlite3_create_function_v2(
                db,
                name.as_ptr(),
                narg,
                flags,
                null_mut(),
                None,
                None,
                None,
                None,
            );
        }
        sq::sqlite3_create_function_v2(
            db,
            name.as_ptr(),
            narg,
            flags,
            new_ctx(callable),
            cbs.0,
            cbs.1,
            cbs.2,
            Some(destroy_ctx),
        )
    }
}

builtin!(pub create_function, |slf, args, kws| {
    let pos_kws: Vec<_> = kws.iter().filter(|(k, _)| *k != "deterministic").cloned().collect();
    let det = kws.iter().find(|(k, _)| *k == "deterministic").map(|&(_, v)| v);
    let [name, narg, func] =
        args::bind("create_function", args, &pos_kws, ["name", "narg", "func"], 3, 3)?;
    super::connection::keyword_deprecation("create_function", &["name", "narg", "func"], &pos_kws)?;
    let c = conn(slf);
    c.checked()?;
    let name = name_arg(name.unwrap(), "create_function")?;
    let narg = clinic_int(narg.unwrap())?;
    let mut flags = sq::SQLITE_UTF8;
    if let Some(d) = det {
        if protocol::is_true(d)? {
            flags |= sq::SQLITE_DETERMINISTIC;
        }
    }
    let rc = register(slf, &name, narg, flags, func.unwrap(), (Some(func_callback), None, None));
    if rc != sq::SQLITE_OK {
        return Err(errors::operational("Error creating function"));
    }
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(pub create_aggregate, |slf, args, kws| {
    let [name, narg, cls] = args::bind(
        "create_aggregate",
        args,
        &kws,
        ["name", "n_arg", "aggregate_class"],
        3,
        3,
    )?;
    super::connection::keyword_deprecation(
        "create_aggregate",
        &["name", "n_arg", "aggregate_class"],
        &kws,
    )?;
    let c = conn(slf);
    c.checked()?;
    let name = name_arg(name.unwrap(), "create_aggregate")?;
    let narg = clinic_int(narg.unwrap())?;
    let rc = register(
        slf,
        &name,
        narg,
        sq::SQLITE_UTF8,
        cls.unwrap(),
        (None, Some(step_callback), Some(final_callback)),
    );
    if rc != sq::SQLITE_OK {
        return Err(errors::operational("Error creating aggregate"));
    }
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(pub create_window_function, |slf, args, kws| {
    args::no_kwargs("create_window_function", &kws)?;
    args::arity("create_window_function", args, 3, 3)?;
    let c = conn(slf);
    let db = c.checked()?;
    let name = cstring_arg(args[0], "create_window_function", "1")?;
    let narg = clinic_int(args[1])?;
    let cls = args[2];
    let rc = if cls == none::none() {
        sq::sqlite3_create_window_function(
            db,
            name.as_ptr(),
            narg,
            sq::SQLITE_UTF8,
            null_mut(),
            None,
            None,
            None,
            None,
            None,
        )
    } else {
        sq::sqlite3_create_window_function(
            db,
            name.as_ptr(),
            narg,
            sq::SQLITE_UTF8 | sq::SQLITE_DETERMINISTIC,
            new_ctx(cls),
            Some(step_callback),
            Some(final_callback),
            Some(value_callback),
            Some(inverse_callback),
            Some(destroy_ctx),
        )
    };
    if rc != sq::SQLITE_OK {
        let msg = CStr::from_ptr(sq::sqlite3_errstr(rc)).to_string_lossy();
        return Err(errors::programming(&msg));
    }
    Ok(Owned::from_borrowed_static(none::none()))
});

unsafe extern "C" fn collation_callback(
    p: *mut c_void,
    n1: c_int,
    t1: *const c_void,
    n2: c_int,
    t2: *const c_void,
) -> c_int {
    with_gil(|| {
        // A failed call leaves its exception for the statement to raise;
        // later comparisons of the same step give up at once.
        if !rterr::occurred().is_null() {
            return 0;
        }
        // SAFETY: p is the collation's FnCtx; the texts have the lengths.
        unsafe {
            let f = (*p.cast::<FnCtx>()).callable.as_ptr();
            let r = (|| -> PyResult<Owned> {
                let a = pystr::from_utf8(super::values::raw_slice(t1, n1))?;
                let b = pystr::from_utf8(super::values::raw_slice(t2, n2))?;
                protocol::call_args(f, &[a.as_ptr(), b.as_ptr()])
            })();
            let Ok(v) = r else { return 0 };
            if !int::check(v.as_ptr()) {
                return 0;
            }
            match int::sign(v.as_ptr()) {
                s if s > 0 => 1,
                s if s < 0 => -1,
                _ => 0,
            }
        }
    })
}

builtin!(pub create_collation, |slf, args, kws| {
    args::no_kwargs("create_collation", &kws)?;
    args::arity("create_collation", args, 2, 2)?;
    let c = conn(slf);
    let db = c.checked()?;
    let name = cstring_arg(args[0], "create_collation", "1")?;
    let f = args[1];
    let rc = if f == none::none() {
        sq::sqlite3_create_collation_v2(db, name.as_ptr(), sq::SQLITE_UTF8, null_mut(), None, None)
    } else {
        if crate::capi::call::PyCallable_Check(f) == 0 {
            return Err(rterr::type_error("parameter must be callable"));
        }
        sq::sqlite3_create_collation_v2(
            db,
            name.as_ptr(),
            sq::SQLITE_UTF8,
            new_ctx(f),
            Some(collation_callback),
            Some(destroy_ctx),
        )
    };
    if rc != sq::SQLITE_OK {
        return Err(errors::from_db(db));
    }
    Ok(Owned::from_borrowed_static(none::none()))
});

/// A C string argument of a callback as `str` or `None`.
unsafe fn opt_text(p: *const c_char) -> PyResult<Owned> {
    if p.is_null() {
        Ok(Owned::from_borrowed_static(none::none()))
    } else {
        // SAFETY: SQLite passes NUL-terminated UTF-8.
        pystr::from_utf8(unsafe { CStr::from_ptr(p) }.to_bytes())
    }
}

unsafe extern "C" fn authorizer_callback(
    p: *mut c_void,
    action: c_int,
    a1: *const c_char,
    a2: *const c_char,
    dbname: *const c_char,
    source: *const c_char,
) -> c_int {
    with_gil(|| {
        // SAFETY: p is the Connection that registered the authorizer.
        unsafe {
            let f = objtype::ptr(&conn(p.cast()).authorizer);
            if f.is_null() {
                return sq::SQLITE_DENY;
            }
            let f = Owned::from_borrowed(f);
            let r = (|| -> PyResult<Owned> {
                let args = [
                    int::from_i64(action as i64)?,
                    opt_text(a1)?,
                    opt_text(a2)?,
                    opt_text(dbname)?,
                    opt_text(source)?,
                ];
                let ptrs: Vec<_> = args.iter().map(Owned::as_ptr).collect();
                protocol::call_args(f.as_ptr(), &ptrs)
            })();
            match r {
                Err(_) => {
                    print_or_clear(f.as_ptr());
                    sq::SQLITE_DENY
                }
                Ok(v) if int::check(v.as_ptr()) => match int::as_i64(v.as_ptr()) {
                    Ok(x) if c_int::try_from(x).is_ok() => x as c_int,
                    _ => {
                        rterr::clear();
                        sq::SQLITE_DENY
                    }
                },
                Ok(_) => sq::SQLITE_DENY,
            }
        }
    })
}

builtin!(pub set_authorizer, |slf, args, kws| {
    let [f] = args::bind("set_authorizer", args, &kws, ["authorizer_callback"], 1, 1)?;
    super::connection::keyword_deprecation("set_authorizer", &["authorizer_callback"], &kws)?;
    let f = f.unwrap();
    let c = conn(slf);
    let db = c.checked()?;
    let rc = if f == none::none() {
        c.authorizer = None;
        sq::sqlite3_set_authorizer(db, None, null_mut())
    } else {
        c.authorizer = Some(Owned::from_borrowed(f));
        sq::sqlite3_set_authorizer(db, Some(authorizer_callback), slf.cast())
    };
    if rc != sq::SQLITE_OK {
        c.authorizer = None;
        return Err(errors::operational("Error setting authorizer callback"));
    }
    Ok(Owned::from_borrowed_static(none::none()))
});

unsafe extern "C" fn progress_callback(p: *mut c_void) -> c_int {
    with_gil(|| {
        // SAFETY: p is the Connection that registered the handler.
        unsafe {
            let f = objtype::ptr(&conn(p.cast()).progress);
            if f.is_null() {
                return 0;
            }
            let f = Owned::from_borrowed(f);
            let r =
                protocol::call_args(f.as_ptr(), &[]).and_then(|v| protocol::is_true(v.as_ptr()));
            match r {
                Ok(b) => b as c_int,
                Err(_) => {
                    print_or_clear(f.as_ptr());
                    -1
                }
            }
        }
    })
}

builtin!(pub set_progress_handler, |slf, args, kws| {
    let [f, n] = args::bind(
        "set_progress_handler",
        args,
        &kws,
        ["progress_handler", "n"],
        2,
        2,
    )?;
    super::connection::keyword_deprecation("set_progress_handler", &["progress_handler"], &kws)?;
    let (f, n) = (f.unwrap(), clinic_int(n.unwrap())?);
    let c = conn(slf);
    let db = c.checked()?;
    if f == none::none() {
        c.progress = None;
        sq::sqlite3_progress_handler(db, 0, None, null_mut());
    } else {
        c.progress = Some(Owned::from_borrowed(f));
        sq::sqlite3_progress_handler(db, n, Some(progress_callback), slf.cast());
    }
    Ok(Owned::from_borrowed_static(none::none()))
});

unsafe extern "C" fn trace_callback(
    kind: c_uint,
    p: *mut c_void,
    stmt: *mut c_void,
    sql: *mut c_void,
) -> c_int {
    if kind != sq::SQLITE_TRACE_STMT as c_uint {
        return 0;
    }
    with_gil(|| {
        // SAFETY: p is the Connection that registered the callback; stmt
        // the statement being run and sql its text.
        unsafe {
            let f = objtype::ptr(&conn(p.cast()).trace);
            if f.is_null() {
                return;
            }
            let f = Owned::from_borrowed(f);
            let expanded = sq::sqlite3_expanded_sql(stmt.cast());
            let text = if expanded.is_null() {
                let _ = errors::raise(
                    errors::Exc::DataError,
                    "Expanded SQL string exceeds the maximum string length",
                );
                print_or_clear(f.as_ptr());
                opt_text(sql.cast())
            } else {
                let t = opt_text(expanded);
                sq::sqlite3_free(expanded.cast());
                t
            };
            if text
                .and_then(|t| protocol::call_args(f.as_ptr(), &[t.as_ptr()]))
                .is_err()
            {
                print_or_clear(f.as_ptr());
            }
        }
    });
    0
}

builtin!(pub set_trace_callback, |slf, args, kws| {
    let [f] = args::bind("set_trace_callback", args, &kws, ["trace_callback"], 1, 1)?;
    super::connection::keyword_deprecation("set_trace_callback", &["trace_callback"], &kws)?;
    let f = f.unwrap();
    let c = conn(slf);
    let db = c.checked()?;
    if f == none::none() {
        c.trace = None;
        sq::sqlite3_trace_v2(db, 0, None, null_mut());
    } else {
        c.trace = Some(Owned::from_borrowed(f));
        sq::sqlite3_trace_v2(
            db,
            sq::SQLITE_TRACE_STMT as c_uint,
            Some(trace_callback),
            slf.cast(),
        );
    }
    Ok(Owned::from_borrowed_static(none::none()))
});
