//! The `gc` module: the interface to the cycle collector in `object::gc`
//! (CPython's `Modules/gcmodule.c`).
use crate::ffi::*;
use crate::modules::args::{arity, builtin, no_kwargs, Args};
use crate::object::descr::{method, METHOD_END};
use crate::object::gc::{self, NUM_GENERATIONS};
use crate::object::{bool as pybool, dict, int, list, module, none, number, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};

fn none_() -> PyResult<Owned> {
    Ok(Owned::from_borrowed_static(none::none()))
}

fn to_int(v: *mut PyObject) -> PyResult<i64> {
    // SAFETY: v is a valid object.
    unsafe {
        if crate::object::float::check(v) {
            return Err(errors::type_error(
                "'float' object cannot be interpreted as an integer",
            ));
        }
        int::as_i64(number::index(v)?.as_ptr())
    }
}

/// The one optional argument `name` of a function.
fn optional<'a>(
    fname: &str,
    name: &str,
    args: Args<'a>,
    kws: &[(&str, *mut PyObject)],
) -> PyResult<Option<*mut PyObject>> {
    arity(fname, args, 0, 1)?;
    match (args, kws) {
        ([], []) => Ok(None),
        ([v], []) => Ok(Some(*v)),
        ([], [(k, v)]) if *k == name => Ok(Some(*v)),
        _ => Err(errors::type_error(format!(
            "{fname}() got an unexpected keyword argument '{}'",
            kws.iter()
                .map(|(k, _)| *k)
                .find(|k| *k != name)
                .unwrap_or(name)
        ))),
    }
}

builtin!(gc_enable, |args, kws| {
    arity("gc.enable", args, 0, 0)?;
    gc::state().enabled = true;
    none_()
});

builtin!(gc_disable, |args, kws| {
    arity("gc.disable", args, 0, 0)?;
    gc::state().enabled = false;
    none_()
});

builtin!(gc_isenabled, |args, kws| {
    arity("gc.isenabled", args, 0, 0)?;
    Ok(Owned::from_borrowed_static(pybool::from_bool(
        gc::state().enabled,
    )))
});

builtin!(gc_collect, |args, kws| {
    let gen = match optional("collect", "generation", args, &kws)? {
        Some(v) => to_int(v)?,
        None => NUM_GENERATIONS as i64 - 1,
    };
    if !(0..NUM_GENERATIONS as i64).contains(&gen) {
        return Err(errors::value_error("invalid generation"));
    }
    let n = gc::collect(gen as usize).map_or(0, |o| o.collected + o.uncollectable);
    int::from_i64(n)
});

builtin!(gc_get_count, |args, kws| {
    arity("gc.get_count", args, 0, 0)?;
    let st = gc::state();
    let v = st
        .gens
        .iter()
        .map(|g| int::from_i64(g.count))
        .collect::<PyResult<Vec<_>>>()?;
    tuple::from_vec(v)
});

builtin!(gc_get_threshold, |args, kws| {
    arity("gc.get_threshold", args, 0, 0)?;
    let st = gc::state();
    let v = st
        .gens
        .iter()
        .map(|g| int::from_i64(g.threshold))
        .collect::<PyResult<Vec<_>>>()?;
    tuple::from_vec(v)
});

builtin!(gc_set_threshold, |args, kws| {
    no_kwargs("set_threshold", &kws)?;
    if args.is_empty() || args.len() > NUM_GENERATIONS {
        return Err(errors::type_error(format!(
            "set_threshold() takes from 1 to {NUM_GENERATIONS} positional arguments but {} were given",
            args.len()
        )));
    }
    let vals = args
        .iter()
        .map(|&a| to_int(a))
        .collect::<PyResult<Vec<_>>>()?;
    let st = gc::state();
    for (g, v) in st.gens.iter_mut().zip(vals) {
        g.threshold = v;
    }
    none_()
});

builtin!(gc_get_debug, |args, kws| {
    arity("gc.get_debug", args, 0, 0)?;
    int::from_i64(gc::state().debug as i64)
});

builtin!(gc_set_debug, |args, kws| {
    no_kwargs("set_debug", &kws)?;
    arity("gc.set_debug", args, 1, 1)?;
    gc::state().debug = to_int(args[0])? as c_int;
    none_()
});

builtin!(gc_get_objects, |args, kws| {
    let gen = match optional("get_objects", "generation", args, &kws)? {
        Some(v) if v != none::none() => {
            let g = to_int(v)?;
            if g >= NUM_GENERATIONS as i64 {
                return Err(errors::value_error(format!(
                    "generation parameter must be less than the number of available generations ({NUM_GENERATIONS})"
                )));
            }
            if g < 0 {
                return Err(errors::value_error(
                    "generation parameter cannot be negative",
                ));
            }
            Some(g as usize)
        }
        _ => None,
    };
    crate::runtime::audit::audit_with(c"gc.get_objects", || {
        Ok(vec![int::from_i64(gen.map_or(-1, |g| g as i64))?])
    })?;
    let objs = gc::objects(gen);
    let out = list::new(0)?;
    for op in objs {
        list::append(out.as_ptr(), op)?;
    }
    Ok(out)
});

builtin!(gc_get_stats, |args, kws| {
    arity("gc.get_stats", args, 0, 0)?;
    let out = list::new(0)?;
    for s in gc::state().stats {
        let d = dict::new()?;
        for (k, v) in [
            ("collections", s.collections),
            ("collected", s.collected),
            ("uncollectable", s.uncollectable),
        ] {
            dict::set_item(d.as_ptr(), pystr::intern(k), int::from_i64(v)?.as_ptr())?;
        }
        list::append(out.as_ptr(), d.as_ptr())?;
    }
    Ok(out)
});

unsafe extern "C" fn visit_collect(op: *mut PyObject, arg: *mut c_void) -> c_int {
    // SAFETY: arg is the Vec of the caller below; op is a live object.
    unsafe { (*arg.cast::<Vec<Owned>>()).push(Owned::from_borrowed(op)) };
    0
}

/// The objects `op` refers to, as its `tp_traverse` reports them.
unsafe fn referents(op: *mut PyObject) -> Vec<Owned> {
    let mut out = Vec::new();
    // SAFETY: op is alive; the visitor only collects new references.
    unsafe {
        if gc::is_gc(op) {
            if let Some(t) = (*(*op).ob_type).tp_traverse {
                t(op, Some(visit_collect), (&raw mut out).cast());
            }
        }
    }
    out
}

builtin!(gc_get_referents, |args, kws| {
    no_kwargs("get_referents", &kws)?;
    crate::runtime::audit::audit_with(c"gc.get_referents", || Ok(vec![tuple::from_slice(args)?]))?;
    let out = list::new(0)?;
    for &a in args {
        for r in referents(a) {
            list::append(out.as_ptr(), r.as_ptr())?;
        }
    }
    Ok(out)
});

builtin!(gc_get_referrers, |args, kws| {
    no_kwargs("get_referrers", &kws)?;
    crate::runtime::audit::audit_with(c"gc.get_referrers", || Ok(vec![tuple::from_slice(args)?]))?;
    let out = list::new(0)?;
    let all: Vec<Owned> = gc::objects(None)
        .into_iter()
        .map(|o| Owned::from_borrowed(o))
        .collect();
    for o in &all {
        if o.as_ptr() == out.as_ptr() {
            continue;
        }
        if referents(o.as_ptr())
            .iter()
            .any(|r| args.contains(&r.as_ptr()))
        {
            list::append(out.as_ptr(), o.as_ptr())?;
        }
    }
    Ok(out)
});

builtin!(gc_is_tracked, |args, kws| {
    no_kwargs("is_tracked", &kws)?;
    arity("gc.is_tracked", args, 1, 1)?;
    let t = gc::is_gc(args[0]) && gc::is_tracked(args[0]);
    Ok(Owned::from_borrowed_static(pybool::from_bool(t)))
});

builtin!(gc_is_finalized, |args, kws| {
    no_kwargs("is_finalized", &kws)?;
    arity("gc.is_finalized", args, 1, 1)?;
    let t = gc::is_gc(args[0]) && gc::is_finalized(args[0]);
    Ok(Owned::from_borrowed_static(pybool::from_bool(t)))
});

builtin!(gc_freeze, |args, kws| {
    arity("gc.freeze", args, 0, 0)?;
    gc::freeze();
    none_()
});

builtin!(gc_unfreeze, |args, kws| {
    arity("gc.unfreeze", args, 0, 0)?;
    gc::unfreeze();
    none_()
});

builtin!(gc_get_freeze_count, |args, kws| {
    arity("gc.get_freeze_count", args, 0, 0)?;
    int::from_i64(gc::freeze_count() as i64)
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut GC_METHODS: [PyMethodDef; 19] = [
    method(c"enable", gc_enable as *const c_void, FK),
    method(c"disable", gc_disable as *const c_void, FK),
    method(c"isenabled", gc_isenabled as *const c_void, FK),
    method(c"collect", gc_collect as *const c_void, FK),
    method(c"get_count", gc_get_count as *const c_void, FK),
    method(c"get_threshold", gc_get_threshold as *const c_void, FK),
    method(c"set_threshold", gc_set_threshold as *const c_void, FK),
    method(c"get_debug", gc_get_debug as *const c_void, FK),
    method(c"set_debug", gc_set_debug as *const c_void, FK),
    method(c"get_objects", gc_get_objects as *const c_void, FK),
    method(c"get_stats", gc_get_stats as *const c_void, FK),
    method(c"get_referents", gc_get_referents as *const c_void, FK),
    method(c"get_referrers", gc_get_referrers as *const c_void, FK),
    method(c"is_tracked", gc_is_tracked as *const c_void, FK),
    method(c"is_finalized", gc_is_finalized as *const c_void, FK),
    method(c"freeze", gc_freeze as *const c_void, FK),
    method(c"unfreeze", gc_unfreeze as *const c_void, FK),
    method(
        c"get_freeze_count",
        gc_get_freeze_count as *const c_void,
        FK,
    ),
    METHOD_END,
];

/// `PyInit_gc`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the method table is static and NULL-terminated.
        unsafe {
            let m = crate::modules::new_module("gc", (&raw mut GC_METHODS).cast())?;
            let d = module::dict_of(m.as_ptr());
            dict::set_item(d, crate::interned!("garbage"), gc::garbage_list()?)?;
            dict::set_item(d, crate::interned!("callbacks"), gc::callbacks_list()?)?;
            for (k, v) in [
                ("DEBUG_STATS", gc::DEBUG_STATS),
                ("DEBUG_COLLECTABLE", gc::DEBUG_COLLECTABLE),
                ("DEBUG_UNCOLLECTABLE", gc::DEBUG_UNCOLLECTABLE),
                ("DEBUG_SAVEALL", gc::DEBUG_SAVEALL),
                ("DEBUG_LEAK", gc::DEBUG_LEAK),
            ] {
                dict::set_item(d, pystr::intern(k), int::from_i64(v as i64)?.as_ptr())?;
            }
            Ok(m)
        }
    })
}
