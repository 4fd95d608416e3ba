//! Scheduling in `posix` (CPython's `os.sched_*`): the `sched_param`
//! struct sequence, a process's policy and parameters
//! (`sched_get/setscheduler`, `sched_get/setparam`), the priority range
//! of a policy, `sched_yield`, the round-robin quantum and CPU affinity.
use super::int_arg;
use crate::ffi::*;
use crate::modules::args::{arity, bind, builtin, clinic_int, format_i, no_kwargs};
use crate::object::descr::method;
use crate::object::structseq::{
    self, field, PyStructSequence_Desc, PyStructSequence_Field, FIELD_END,
};
use crate::object::{dict, float, int, none, protocol, set, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};

static mut PARAM_FIELDS: [PyStructSequence_Field; 2] = [field(c"sched_priority"), FIELD_END];
static mut PARAM_DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"posix.sched_param".as_ptr(),
    doc: c"sched_param(sched_priority)\n--\n\nA process's scheduling parameter, its priority, as sched_getparam\ngives it and sched_setparam and sched_setscheduler take it.".as_ptr(),
    fields: (&raw mut PARAM_FIELDS).cast(),
    n_in_sequence: 1,
};
// SAFETY: a zeroed type object is valid before it is readied.
static mut PARAM_TYPE: PyTypeObject = unsafe { std::mem::zeroed() };

static PARAM_REDUCE: PyMethodDef =
    method(c"__reduce__", param_reduce as *const c_void, METH_NOARGS);

/// `os.sched_param`, readied on first use: a struct sequence whose
/// constructor takes the one field (`sched_param(sched_priority)`) and
/// whose `__reduce__` calls it back so (as in CPython 3.14).
pub(super) fn param_type() -> PyResult<*mut PyTypeObject> {
    let tp = &raw mut PARAM_TYPE;
    // SAFETY: a static type and description; the method definition is
    // static.
    unsafe {
        if (*tp).tp_flags & Py_TPFLAGS_READY == 0 {
            structseq::init_type(tp, &raw const PARAM_DESC)?;
            (*tp).tp_new = Some(param_new);
            let reduce =
                crate::object::descr::new_method(tp, (&raw const PARAM_REDUCE).cast_mut())?;
            dict::set_item(
                (*tp).tp_dict,
                crate::interned!("__reduce__"),
                reduce.as_ptr(),
            )?;
            crate::object::typecache::invalidate();
        }
    }
    Ok(tp)
}

/// `os.sched_param(sched_priority)`: any object is kept; it is checked
/// when the parameter is used.
unsafe extern "C" fn param_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict; tp the type.
        unsafe {
            let kws = crate::modules::io::fileio::kw_pairs(kwargs)?;
            let kws: Vec<(&str, *mut PyObject)> =
                kws.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            let [p] = bind(
                "sched_param",
                tuple::items(args),
                &kws,
                ["sched_priority"],
                1,
                1,
            )?;
            structseq::from_items(tp, vec![Owned::from_borrowed(p.unwrap())])
        }
    })
}

/// `sched_param.__reduce__`: `(type(self), (self.sched_priority,))`.
unsafe extern "C" fn param_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a sched_param, whose one item is set.
        unsafe {
            let priority = Owned::from_borrowed(structseq::get_item(op, 0));
            let args = tuple::from_vec(vec![priority])?;
            tuple::from_vec(vec![Owned::from_borrowed((*op).ob_type.cast()), args])
        }
    })
}

/// The `sched_param` struct of a `sched_param` object (CPython's
/// `convert_sched_param`): the priority as a C `long` that must fit an
/// `int`.
pub(super) unsafe fn param_arg(o: *mut PyObject) -> PyResult<libc::sched_param> {
    // SAFETY: o valid; a sched_param holds its one item.
    unsafe {
        if (*o).ob_type != param_type()? {
            return Err(errors::type_error("must have a sched_param object"));
        }
        let priority = int_arg(structseq::get_item(o, 0))?;
        let sched_priority = c_int::try_from(priority)
            .map_err(|_| errors::overflow_error("sched_priority out of range"))?;
        Ok(libc::sched_param { sched_priority })
    }
}

/// A positional-only `pid` argument of the function `name`.
unsafe fn pid_only(
    name: &str,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
) -> PyResult<libc::pid_t> {
    let qualified = format!("posix.{name}");
    no_kwargs(&qualified, kws)?;
    arity(&qualified, args, 1, 1)?;
    // SAFETY: one argument, valid.
    Ok(unsafe { int_arg(args[0])? } as libc::pid_t)
}

/// The positional-only arguments of `name` (more than one), counted as
/// `PyArg_ParseTuple` counts them.
fn exactly(
    name: &str,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
    n: usize,
) -> PyResult<()> {
    no_kwargs(&format!("posix.{name}"), kws)?;
    if args.len() != n {
        return Err(errors::type_error(format!(
            "{name}() takes exactly {n} arguments ({} given)",
            args.len()
        )));
    }
    Ok(())
}

/// Turns a -1 result into the `OSError` of `errno`.
fn check(r: c_int) -> PyResult<c_int> {
    if r == -1 {
        Err(errors::last_os_error())
    } else {
        Ok(r)
    }
}

builtin!(pub(super) posix_sched_getscheduler, |args, kws| {
    let pid = pid_only("sched_getscheduler", args, &kws)?;
    int::from_i64(check(libc::sched_getscheduler(pid))? as i64)
});

builtin!(pub(super) posix_sched_setscheduler, |args, kws| {
    exactly("sched_setscheduler", args, &kws, 3)?;
    let pid = int_arg(args[0])? as libc::pid_t;
    let policy = format_i(args[1])?;
    let param = param_arg(args[2])?;
    check(libc::sched_setscheduler(pid, policy, &param))?;
    Ok(none::owned())
});

builtin!(pub(super) posix_sched_getparam, |args, kws| {
    let pid = pid_only("sched_getparam", args, &kws)?;
    let mut param: libc::sched_param = std::mem::zeroed();
    check(libc::sched_getparam(pid, &mut param))?;
    structseq::from_items(param_type()?, vec![int::from_i64(param.sched_priority as i64)?])
});

builtin!(pub(super) posix_sched_setparam, |args, kws| {
    exactly("sched_setparam", args, &kws, 2)?;
    let pid = int_arg(args[0])? as libc::pid_t;
    let param = param_arg(args[1])?;
    check(libc::sched_setparam(pid, &param))?;
    Ok(none::owned())
});

builtin!(pub(super) posix_sched_rr_get_interval, |args, kws| {
    let pid = pid_only("sched_rr_get_interval", args, &kws)?;
    let mut t: libc::timespec = std::mem::zeroed();
    check(libc::sched_rr_get_interval(pid, &mut t))?;
    float::from_f64(t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9)
});

builtin!(pub(super) posix_sched_get_priority_min, |args, kws| {
    let [p] = bind("sched_get_priority_min", args, &kws, ["policy"], 1, 1)?;
    int::from_i64(check(libc::sched_get_priority_min(clinic_int(p.unwrap())?))? as i64)
});

builtin!(pub(super) posix_sched_get_priority_max, |args, kws| {
    let [p] = bind("sched_get_priority_max", args, &kws, ["policy"], 1, 1)?;
    int::from_i64(check(libc::sched_get_priority_max(clinic_int(p.unwrap())?))? as i64)
});

builtin!(pub(super) posix_sched_yield, |args, kws| {
    no_kwargs("posix.sched_yield", &kws)?;
    if !args.is_empty() {
        return Err(errors::type_error(format!(
            "posix.sched_yield() takes no arguments ({} given)",
            args.len()
        )));
    }
    // Cannot fail on Linux.
    libc::sched_yield();
    Ok(none::owned())
});

builtin!(pub(super) posix_sched_getaffinity, |args, kws| {
    let pid = pid_only("sched_getaffinity", args, &kws)?;
    let mut mask: libc::cpu_set_t = std::mem::zeroed();
    check(libc::sched_getaffinity(pid, std::mem::size_of::<libc::cpu_set_t>(), &mut mask))?;
    let s = set::new_set(std::ptr::null_mut())?;
    for cpu in 0..libc::CPU_SETSIZE as usize {
        if libc::CPU_ISSET(cpu, &mask) {
            set::add(s.as_ptr(), int::from_i64(cpu as i64)?.as_ptr())?;
        }
    }
    Ok(s)
});

/// Bits of one word of a CPU mask.
const WORD_BITS: usize = libc::c_ulong::BITS as usize;

builtin!(pub(super) posix_sched_setaffinity, |args, kws| {
    exactly("sched_setaffinity", args, &kws, 2)?;
    let pid = int_arg(args[0])? as libc::pid_t;
    // The mask grows to hold the largest CPU named (as CPU_ALLOC would),
    // from one word.
    let mut words: Vec<libc::c_ulong> = vec![0];
    let it = protocol::get_iter(args[1])?;
    while let Some(item) = protocol::iter_next(it.as_ptr())? {
        if !int::check(item.as_ptr()) {
            let tp = protocol::repr_string((*item.as_ptr()).ob_type.cast())?;
            return Err(errors::type_error(format!(
                "expected an iterator of ints, but iterator yielded {tp}"
            )));
        }
        let cpu = int::as_i64(item.as_ptr())?;
        if cpu < 0 {
            return Err(errors::value_error("negative CPU number"));
        }
        if cpu > c_int::MAX as i64 - 1 {
            return Err(errors::overflow_error("CPU number too large"));
        }
        let cpu = cpu as usize;
        if cpu / WORD_BITS >= words.len() {
            words.resize(cpu / WORD_BITS + 1, 0);
        }
        words[cpu / WORD_BITS] |= 1 << (cpu % WORD_BITS);
    }
    let size = words.len() * std::mem::size_of::<libc::c_ulong>();
    // SAFETY: the mask holds `size` bytes, in the kernel's layout (bit n of
    // the array of words is CPU n).
    check(libc::sched_setaffinity(pid, size, words.as_ptr().cast()))?;
    Ok(none::owned())
});
