//! The introspection corner of `sys` (`Python/sysmodule.c`): the frames
//! and exceptions of every thread (`_current_frames`,
//! `_current_exceptions`), the caches and interned strings
//! (`_clear_type_cache`, `_clear_internal_caches`,
//! `getunicodeinternedsize`, `_is_interned`, `_is_immortal`), the
//! allocator (`getallocatedblocks`, `_debugmallocstats`), the `dlopen`
//! flags of extension modules and coroutine origin tracking.
use crate::ffi::*;
use crate::modules::args::clinic_int;
use crate::modules::args::{arity, bind, builtin, no_kwargs};
use crate::object::{bool as pybool, dict, int, none, str as pystr, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::tstate;
use crate::Owned;

/// A dict from each thread state of this interpreter to `value(ts)`,
/// keyed by thread id; threads for which `value` gives NULL are left out.
fn per_thread(value: impl Fn(&tstate::PyThreadState) -> *mut PyObject) -> PyResult<Owned> {
    let d = dict::new()?;
    // SAFETY: with the GIL held no thread state of this interpreter is
    // deleted and no other thread runs Python, so their fields are stable.
    unsafe {
        for ts in (*tstate::get().interp).thread_states() {
            let v = value(&*ts);
            if !v.is_null() {
                let id = int::from_u64((*ts).thread_id)?;
                dict::set_item(d.as_ptr(), id.as_ptr(), v)?;
            }
        }
    }
    Ok(d)
}

builtin!(pub(super) sys_current_frames, |args, kws| {
    arity("sys._current_frames", args, 0, 0)?;
    crate::runtime::audit::audit(c"sys._current_frames", &[])?;
    per_thread(|ts| ts.frame)
});

builtin!(pub(super) sys_current_exceptions, |args, kws| {
    arity("sys._current_exceptions", args, 0, 0)?;
    crate::runtime::audit::audit(c"sys._current_exceptions", &[])?;
    per_thread(|ts| {
        let e = ts.topmost_handled();
        if e.is_null() {
            none::none()
        } else {
            e
        }
    })
});

// The type attribute cache is the only cache these two clear: ferrython
// has no JIT executors or specialization caches beyond the inline caches,
// which the new epoch invalidates too.
builtin!(pub(super) sys_clear_type_cache, |args, kws| {
    arity("sys._clear_type_cache", args, 0, 0)?;
    crate::object::typecache::invalidate();
    Ok(none::owned())
});

builtin!(pub(super) sys_clear_internal_caches, |args, kws| {
    arity("sys._clear_internal_caches", args, 0, 0)?;
    crate::object::typecache::invalidate();
    Ok(none::owned())
});

builtin!(pub(super) sys_getunicodeinternedsize, |args, kws| {
    // Every interned str is immortal, so `_only_immortal` changes nothing.
    bind(
        "getunicodeinternedsize",
        args,
        &kws,
        ["_only_immortal"],
        0,
        0,
    )?;
    int::from_u64(crate::object::str_intern::len() as u64)
});

builtin!(pub(super) sys_is_interned, |args, kws| {
    no_kwargs("_is_interned", &kws)?;
    arity("sys._is_interned", args, 1, 1)?;
    if !pystr::check(args[0]) {
        return Err(errors::type_error(format!(
            "_is_interned() argument must be str, not {}",
            typeobj::type_name(args[0])
        )));
    }
    Ok(Owned::from_borrowed_static(pybool::from_bool(
        pystr::is_interned(args[0]),
    )))
});

builtin!(pub(super) sys_is_immortal, |args, kws| {
    no_kwargs("_is_immortal", &kws)?;
    arity("sys._is_immortal", args, 1, 1)?;
    Ok(Owned::from_borrowed_static(pybool::from_bool(
        crate::object::refcount::is_immortal(args[0]),
    )))
});

builtin!(pub(super) sys_getallocatedblocks, |args, kws| {
    arity("sys.getallocatedblocks", args, 0, 0)?;
    int::from_u64(crate::object::obmalloc::allocated_blocks() as u64)
});

extern "C" {
    /// glibc's report of its heap on stderr.
    fn malloc_stats();
}

builtin!(pub(super) sys_debugmallocstats, |args, kws| {
    arity("sys._debugmallocstats", args, 0, 0)?;
    // SAFETY: malloc_stats only reads the allocator's state and writes to
    // stderr.
    malloc_stats();
    Ok(none::owned())
});

builtin!(pub(super) sys_getdlopenflags, |args, kws| {
    arity("sys.getdlopenflags", args, 0, 0)?;
    // SAFETY: the current interpreter is live.
    int::from_i64((*tstate::get().interp).dlopenflags as i64)
});

builtin!(pub(super) sys_setdlopenflags, |args, kws| {
    no_kwargs("setdlopenflags", &kws)?;
    arity("sys.setdlopenflags", args, 1, 1)?;
    let flags = clinic_int(args[0])?;
    // SAFETY: the current interpreter is live.
    (*tstate::get().interp).dlopenflags = flags;
    Ok(none::owned())
});

builtin!(pub(super) sys_get_coroutine_origin_tracking_depth, |args, kws| {
    arity("sys.get_coroutine_origin_tracking_depth", args, 0, 0)?;
    int::from_i64(tstate::get().coroutine_origin_tracking_depth as i64)
});

builtin!(pub(super) sys_set_coroutine_origin_tracking_depth, |args, kws| {
    let [depth] = bind(
        "set_coroutine_origin_tracking_depth",
        args,
        &kws,
        ["depth"],
        1,
        1,
    )?;
    let depth = clinic_int(depth.expect("required"))?;
    if depth < 0 {
        return Err(errors::value_error("depth must be >= 0"));
    }
    tstate::get().coroutine_origin_tracking_depth = depth;
    Ok(none::owned())
});
