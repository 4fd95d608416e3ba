//! The `_lsprof` module (CPython's `Modules/_lsprof.c`), which `cProfile`
//! is built on: `Profiler` records, per function, how often it was called
//! and how long it ran, and per caller how often and how long it called
//! each function. As in CPython 3.12+, an enabled profiler is the
//! `sys.monitoring` tool `PROFILER_ID`: its `_pystart_callback` /
//! `_pyreturn_callback` methods receive the Python frames' start, resume,
//! return, yield and unwind events, `_ccall_callback` / `_creturn_callback`
//! the calls of builtin functions and method descriptors.
mod stats;

use crate::capi::boundary::{guard_obj, guard_status};
use crate::ffi::*;
use crate::modules::args::{arity, bind, builtin};
use crate::modules::module_def::{self, add_type, exec_slot, SLOT_END};
use crate::modules::objtype::{self, new_obj, State, Visit};
use crate::object::descr::{method, METHOD_END};
use crate::object::structseq::{
    self, field, PyStructSequence_Desc, PyStructSequence_Field, FIELD_END,
};
use crate::object::{float, int, list, none, number, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::vm::monitoring;
use crate::Owned;
use libc::{c_int, c_void};
use stats::Table;

/// The `sys.monitoring` tool id the profiler uses (`PROFILER_ID`).
const TOOL: usize = 2;

/// The state of a `Profiler`.
pub struct Profiler {
    table: Table,
    subcalls: bool,
    builtins: bool,
    enabled: bool,
    /// The external timer, if one was given.
    timer: Option<Owned>,
    /// Seconds per unit of the external timer's integers; 0 when it
    /// returns seconds.
    timeunit: f64,
    /// While the external timer runs: it must not disable or clear.
    in_timer: bool,
}

impl State for Profiler {
    fn traverse(&self, v: Visit) -> c_int {
        if let Some(t) = &self.timer {
            let r = v(t.as_ptr());
            if r != 0 {
                return r;
            }
        }
        self.table.users().map(v).find(|&r| r != 0).unwrap_or(0)
    }
    fn clear(&mut self) {
        self.timer = None;
        self.table.clear();
    }
}

/// `_lsprof.Profiler`.
pub static mut PROFILER_TYPE: PyTypeObject = PyTypeObject {
    tp_doc: c"Profiler(timer=None, timeunit=None, subcalls=True, builtins=True)\n\n    Builds a profiler object using the specified timer function.\n    The default timer is a fast built-in one based on real time.\n    For custom timer functions returning integers, timeunit can\n    be a float specifying a scale (i.e. how long each integer unit\n    is, in seconds).\n".as_ptr(),
    tp_new: Some(profiler_new),
    tp_init: Some(profiler_init),
    tp_methods: (&raw const METHODS).cast_mut().cast(),
    ..objtype::gc_type::<Profiler>(c"_lsprof.Profiler", Py_TPFLAGS_BASETYPE)
};

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static METHODS: [PyMethodDef; 9] = [
    method(c"getstats", profiler_getstats as *const c_void, FK),
    method(c"enable", profiler_enable as *const c_void, FK),
    method(c"disable", profiler_disable as *const c_void, METH_NOARGS),
    method(c"clear", profiler_clear as *const c_void, METH_NOARGS),
    method(c"_pystart_callback", pystart_callback as *const c_void, FK),
    method(
        c"_pyreturn_callback",
        pyreturn_callback as *const c_void,
        FK,
    ),
    method(c"_ccall_callback", ccall_callback as *const c_void, FK),
    method(c"_creturn_callback", creturn_callback as *const c_void, FK),
    METHOD_END,
];

static mut ENTRY_FIELDS: [PyStructSequence_Field; 7] = [
    field(c"code"),
    field(c"callcount"),
    field(c"reccallcount"),
    field(c"totaltime"),
    field(c"inlinetime"),
    field(c"calls"),
    FIELD_END,
];

static mut ENTRY_DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"_lsprof.profiler_entry".as_ptr(),
    doc: std::ptr::null(),
    fields: (&raw mut ENTRY_FIELDS).cast(),
    n_in_sequence: 6,
};

static mut SUBENTRY_FIELDS: [PyStructSequence_Field; 6] = [
    field(c"code"),
    field(c"callcount"),
    field(c"reccallcount"),
    field(c"totaltime"),
    field(c"inlinetime"),
    FIELD_END,
];

static mut SUBENTRY_DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"_lsprof.profiler_subentry".as_ptr(),
    doc: std::ptr::null(),
    fields: (&raw mut SUBENTRY_FIELDS).cast(),
    n_in_sequence: 5,
};

// SAFETY: a zeroed type object is valid before it is readied.
static mut ENTRY_TYPE: PyTypeObject = unsafe { std::mem::zeroed() };
// SAFETY: as above.
static mut SUBENTRY_TYPE: PyTypeObject = unsafe { std::mem::zeroed() };

fn entry_type() -> PyResult<*mut PyTypeObject> {
    // SAFETY: static type and description.
    unsafe { structseq::static_type(&raw mut ENTRY_TYPE, &raw const ENTRY_DESC) }
}

fn subentry_type() -> PyResult<*mut PyTypeObject> {
    // SAFETY: static type and description.
    unsafe { structseq::static_type(&raw mut SUBENTRY_TYPE, &raw const SUBENTRY_DESC) }
}

/// The state of `op`, a `Profiler`.
///
/// # Safety
/// `op` is a live `Profiler`; the reference must not be kept across a call
/// into Python code (the timer), which may use the profiler.
unsafe fn prof<'a>(op: *mut PyObject) -> &'a mut Profiler {
    // SAFETY: as the caller promises.
    unsafe { objtype::state::<Profiler>(op) }
}

unsafe extern "C" fn profiler_new(
    tp: *mut PyTypeObject,
    _args: *mut PyObject,
    _kwds: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: tp is Profiler or a subclass.
        unsafe {
            new_obj(
                tp,
                Profiler {
                    table: Table::default(),
                    subcalls: true,
                    builtins: true,
                    enabled: false,
                    timer: None,
                    timeunit: 0.0,
                    in_timer: false,
                },
            )
        }
    })
}

/// `Profiler(timer=None, timeunit=None, subcalls=True, builtins=True)`.
unsafe extern "C" fn profiler_init(
    slf: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: slf is a Profiler; args a tuple, kwds NULL or a dict.
        unsafe {
            let [timer, timeunit, subcalls, builtins] = objtype::parse(
                "Profiler",
                args,
                kwds,
                ["timer", "timeunit", "subcalls", "builtins"],
                0,
                0,
            )?;
            let timeunit = if timeunit.is_null() {
                0.0
            } else {
                float::as_f64(timeunit)?
            };
            let subcalls = subcalls.is_null() || protocol::is_true(subcalls)?;
            let builtins = builtins.is_null() || protocol::is_true(builtins)?;
            let p = prof(slf);
            p.subcalls = subcalls;
            p.builtins = builtins;
            p.timeunit = timeunit;
            p.timer = objtype::some(timer);
            Ok(())
        }
    })
}

/// The current time in timer units (`call_timer`): the external timer's
/// answer, or the monotonic clock in nanoseconds. A failing timer is
/// reported as unraisable and reads 0.
unsafe fn now(slf: *mut PyObject) -> i64 {
    // SAFETY: slf is a Profiler.
    let p = unsafe { prof(slf) };
    let Some(timer) = p.timer.clone() else {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: ts is writable.
        unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
        return ts
            .tv_sec
            .wrapping_mul(1_000_000_000)
            .wrapping_add(ts.tv_nsec);
    };
    let units = p.timeunit > 0.0;
    p.in_timer = true;
    // SAFETY: timer is a valid object; the result is converted before the
    // profiler is looked at again.
    let r = unsafe { protocol::call_args(timer.as_ptr(), &[]) }
        .and_then(|o| unsafe { timer_value(o.as_ptr(), units) });
    // SAFETY: slf is still alive (the caller holds it).
    unsafe { prof(slf) }.in_timer = false;
    r.unwrap_or_else(|_| {
        crate::capi::exceptions::write_unraisable(None, timer.as_ptr());
        0
    })
}

/// An external timer's result: an integer count of units when the
/// profiler has a `timeunit`, else seconds (as nanoseconds, rounded
/// down).
unsafe fn timer_value(o: *mut PyObject, units: bool) -> PyResult<i64> {
    // SAFETY: o is a valid object.
    unsafe {
        if !units && float::check(o) {
            let ns = (float::value(o) * 1e9).floor();
            if !(-9.2e18..9.2e18).contains(&ns) {
                return Err(errors::overflow_error(
                    "timestamp out of range for platform time_t",
                ));
            }
            return Ok(ns as i64);
        }
        let v = int::as_i64(number::index(o)?.as_ptr())?;
        if units {
            return Ok(v);
        }
        v.checked_mul(1_000_000_000)
            .ok_or_else(|| errors::overflow_error("timestamp too large to convert to C PyTime_t"))
    }
}

/// The description a builtin's entry reports (`normalizeUserObj`):
/// `<name>` or `<module.name>` for a function without `__self__`, the
/// repr of the method its `__self__`'s type defines under that name, or
/// `<built-in method [module.]name>`.
unsafe fn describe_builtin(f: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: f is a builtin function object.
    unsafe {
        let fo = &*f.cast::<PyCFunctionObject>();
        let name = std::ffi::CStr::from_ptr((*fo.m_ml).ml_name).to_string_lossy();
        let module_name = |m: *mut PyObject| -> Option<Owned> {
            if m.is_null() {
                None
            } else if pystr::check(m) {
                Some(Owned::from_borrowed(m))
            } else {
                let n = crate::capi::module::PyModule_GetNameObject(m);
                if n.is_null() {
                    errors::clear();
                    None
                } else {
                    Some(Owned::from_raw_unchecked(n))
                }
            }
        };
        if fo.m_self.is_null() {
            if let Some(m) = module_name(fo.m_module) {
                let m = pystr::as_str(m.as_ptr())?;
                if m != "builtins" {
                    return pystr::from_str(&format!("<{m}.{name}>"));
                }
            }
            return pystr::from_str(&format!("<{name}>"));
        }
        let found = crate::object::typeobj::lookup_str((*fo.m_self).ob_type, &name);
        if !found.is_null() {
            let found = Owned::from_borrowed(found);
            match protocol::repr(found.as_ptr()) {
                Ok(r) => return Ok(r),
                Err(_) => errors::clear(),
            }
        }
        let m = fo.m_module;
        if !m.is_null() && pystr::check(m) {
            let m = pystr::as_str(m)?;
            return pystr::from_str(&format!("<built-in method {m}.{name}>"));
        }
        pystr::from_str(&format!("<built-in method {name}>"))
    }
}

/// A call of the function `key` starts (`ptrace_enter_call`); `user` is
/// its code object or, for a builtin, the function object. The
/// exception being raised, if any, is left alone.
unsafe fn enter_call(slf: *mut PyObject, key: usize, user: *mut PyObject, builtin: bool) {
    let saved = errors::take();
    // SAFETY: slf is a Profiler; user a valid object.
    unsafe {
        let p = prof(slf);
        let entry = match p.table.entry_of(key) {
            Some(e) => Some(e),
            None => {
                let described = if builtin {
                    describe_builtin(user)
                } else {
                    Ok(Owned::from_borrowed(user))
                };
                match described {
                    // Re-borrowed: describing may have run Python code.
                    Ok(u) => Some(prof(slf).table.add_entry(key, u)),
                    Err(_) => {
                        errors::clear();
                        None
                    }
                }
            }
        };
        if let Some(entry) = entry {
            let p = prof(slf);
            p.table.push(entry, p.subcalls);
            let depth = p.table.depth();
            let t0 = now(slf);
            prof(slf).table.set_start(depth, t0);
        }
    }
    if let Some(e) = saved {
        errors::restore(e);
    }
}

/// A call of the function `key` ends (`ptrace_leave_call`).
unsafe fn leave_call(slf: *mut PyObject, key: usize) {
    // SAFETY: slf is a Profiler.
    unsafe {
        let p = prof(slf);
        if p.table.depth() == 0 {
            return;
        }
        let entry = p.table.entry_of(key);
        let t = if entry.is_some() { now(slf) } else { 0 };
        let p = prof(slf);
        p.table.pop(entry, t, p.subcalls);
    }
}

/// Ends every call still in progress (`flush_unmatched`).
unsafe fn flush_unmatched(slf: *mut PyObject) {
    // SAFETY: slf is a Profiler.
    unsafe {
        while let Some(entry) = prof(slf).table.top_entry() {
            let t = now(slf);
            let p = prof(slf);
            p.table.pop(Some(entry), t, p.subcalls);
        }
    }
}

builtin!(pystart_callback, |slf, args, kws| {
    arity("_pystart_callback", args, 2, 2)?;
    enter_call(slf, args[0] as usize, args[0], false);
    Ok(none::owned())
});

builtin!(pyreturn_callback, |slf, args, kws| {
    arity("_pyreturn_callback", args, 3, 3)?;
    leave_call(slf, args[0] as usize);
    Ok(none::owned())
});

/// The builtin function a `CALL`/`C_RETURN` event is about, when the
/// profiler records builtins.
unsafe fn c_function(slf: *mut PyObject, args: &[*mut PyObject]) -> PyResult<Option<Owned>> {
    arity("callback", args, 4, 4)?;
    // SAFETY: slf is a Profiler; the arguments are valid.
    unsafe {
        if !prof(slf).builtins {
            return Ok(None);
        }
        match crate::vm::tracing::profiled_c_function(args[2], args[3]) {
            Ok(f) => Ok(f),
            Err(_) => {
                errors::clear();
                Ok(None)
            }
        }
    }
}

/// The key of a builtin function: its method definition, shared by every
/// bound copy.
unsafe fn builtin_key(f: *mut PyObject) -> usize {
    // SAFETY: f is a builtin function object.
    unsafe { (*f.cast::<PyCFunctionObject>()).m_ml as usize }
}

builtin!(ccall_callback, |slf, args, kws| {
    if let Some(f) = c_function(slf, args)? {
        enter_call(slf, builtin_key(f.as_ptr()), f.as_ptr(), true);
    }
    Ok(none::owned())
});

builtin!(creturn_callback, |slf, args, kws| {
    if let Some(f) = c_function(slf, args)? {
        leave_call(slf, builtin_key(f.as_ptr()));
    }
    Ok(none::owned())
});

/// The callback method of each event the profiler listens to.
const CALLBACKS: [(u32, &str); 9] = [
    (monitoring::PY_START, "_pystart_callback"),
    (monitoring::PY_RESUME, "_pystart_callback"),
    (monitoring::PY_THROW, "_pystart_callback"),
    (monitoring::PY_RETURN, "_pyreturn_callback"),
    (monitoring::PY_YIELD, "_pyreturn_callback"),
    (monitoring::PY_UNWIND, "_pyreturn_callback"),
    (monitoring::CALL, "_ccall_callback"),
    (monitoring::C_RETURN, "_creturn_callback"),
    (monitoring::C_RAISE, "_creturn_callback"),
];

builtin!(profiler_enable, |slf, args, kws| {
    let [subcalls, builtins] = bind("enable", args, &kws, ["subcalls", "builtins"], 2, 0)?;
    let subcalls = subcalls.map(|s| protocol::is_true(s)).transpose()?;
    let builtins = builtins.map(|b| protocol::is_true(b)).transpose()?;
    let p = prof(slf);
    p.subcalls = subcalls.unwrap_or(p.subcalls);
    p.builtins = builtins.unwrap_or(p.builtins);
    let name = pystr::from_str("cProfile")?;
    if !monitoring::use_tool(TOOL, name.as_ptr()) {
        return Err(errors::value_error(
            "Another profiling tool is already active",
        ));
    }
    let mut events = 0;
    for (event, meth) in CALLBACKS {
        let cb = protocol::getattr_str(slf, meth)?;
        let old = monitoring::register(TOOL, event.trailing_zeros() as usize, cb.as_ptr());
        crate::object::refcount::xdecref(old);
        // C_RETURN and C_RAISE come with CALL.
        if event & (monitoring::C_RETURN | monitoring::C_RAISE) == 0 {
            events |= event;
        }
    }
    monitoring::set_events(TOOL, events);
    prof(slf).enabled = true;
    Ok(none::owned())
});

crate::modules::objtype::meth_noargs!(profiler_disable, |slf| {
    if prof(slf).in_timer {
        return Err(errors::runtime_error(
            "cannot disable profiler in external timer",
        ));
    }
    if prof(slf).enabled {
        monitoring::free_tool(TOOL);
        prof(slf).enabled = false;
        flush_unmatched(slf);
    }
    Ok(none::owned())
});

crate::modules::objtype::meth_noargs!(profiler_clear, |slf| {
    let p = prof(slf);
    if p.in_timer {
        return Err(errors::runtime_error(
            "cannot clear profiler in external timer",
        ));
    }
    p.table.clear();
    Ok(none::owned())
});

builtin!(profiler_getstats, |slf, args, kws| {
    if !args.is_empty() || !kws.is_empty() {
        return Err(errors::type_error("getstats() takes no arguments"));
    }
    let p = prof(slf);
    let factor = if p.timer.is_none() || p.timeunit == 0.0 {
        1e-9
    } else {
        p.timeunit
    };
    let (et, st) = (entry_type()?, subentry_type()?);
    let out = list::new(0)?;
    let entries = &prof(slf).table.entries;
    for e in entries.iter().filter(|e| e.counts.callcount != 0) {
        let calls = if e.calls.is_empty() {
            Owned::from_borrowed_static(none::none())
        } else {
            let l = list::new(0)?;
            for &(callee, c) in &e.calls {
                let item = structseq::from_items(
                    st,
                    vec![
                        entries[callee].user.clone(),
                        int::from_i64(c.callcount)?,
                        int::from_i64(c.reccallcount)?,
                        float::from_f64(factor * c.tt as f64)?,
                        float::from_f64(factor * c.it as f64)?,
                    ],
                )?;
                list::append(l.as_ptr(), item.as_ptr())?;
            }
            l
        };
        let c = e.counts;
        let item = structseq::from_items(
            et,
            vec![
                e.user.clone(),
                int::from_i64(c.callcount)?,
                int::from_i64(c.reccallcount)?,
                float::from_f64(factor * c.tt as f64)?,
                float::from_f64(factor * c.it as f64)?,
                calls,
            ],
        )?;
        list::append(out.as_ptr(), item.as_ptr())?;
    }
    Ok(out)
});

unsafe extern "C" fn exec(m: *mut PyObject) -> c_int {
    guard_status(|| {
        // SAFETY: m is the module being executed.
        unsafe {
            add_type(m, &raw mut PROFILER_TYPE)?;
            for tp in [entry_type()?, subentry_type()?] {
                crate::modules::module_def::add(
                    m,
                    crate::object::typeobj::short_name(tp),
                    Ok(Owned::from_borrowed(tp.cast())),
                )?;
            }
            Ok(())
        }
    })
}

static mut SLOTS: [PyModuleDef_Slot; 2] = [exec_slot(exec), SLOT_END];

static mut MODULE_METHODS: [PyMethodDef; 1] = [METHOD_END];

static mut DEF: PyModuleDef = module_def::def(
    c"_lsprof",
    c"Fast profiler",
    (&raw mut MODULE_METHODS).cast(),
    (&raw mut SLOTS).cast(),
);

/// `PyInit__lsprof`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
