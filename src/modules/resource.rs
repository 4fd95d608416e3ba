//! The `resource` module (CPython's `Modules/resource.c`): resource
//! limits (`getrlimit`, `setrlimit`, `prlimit`), usage (`getrusage` and
//! `struct_rusage`), `getpagesize`, and the `RLIMIT_*`/`RUSAGE_*`
//! constants. `resource.error` is `OSError`.
use crate::ffi::*;
use crate::modules::args::clinic_int;
use crate::modules::args::{bind, builtin};
use crate::object::descr::{method, METHOD_END};
use crate::object::none;
use crate::object::structseq::{
    self, field, PyStructSequence_Desc, PyStructSequence_Field, FIELD_END,
};
use crate::object::{dict, float, int, module, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};

static mut FIELDS: [PyStructSequence_Field; 17] = [
    field(c"ru_utime"),
    field(c"ru_stime"),
    field(c"ru_maxrss"),
    field(c"ru_ixrss"),
    field(c"ru_idrss"),
    field(c"ru_isrss"),
    field(c"ru_minflt"),
    field(c"ru_majflt"),
    field(c"ru_nswap"),
    field(c"ru_inblock"),
    field(c"ru_oublock"),
    field(c"ru_msgsnd"),
    field(c"ru_msgrcv"),
    field(c"ru_nsignals"),
    field(c"ru_nvcsw"),
    field(c"ru_nivcsw"),
    FIELD_END,
];

static mut DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"resource.struct_rusage".as_ptr(),
    doc: std::ptr::null(),
    fields: (&raw mut FIELDS).cast(),
    n_in_sequence: 16,
};

// SAFETY: a zeroed type object is valid before it is readied.
static mut TYPE: PyTypeObject = unsafe { std::mem::zeroed() };

fn rusage_type() -> PyResult<*mut PyTypeObject> {
    // SAFETY: static type and description.
    unsafe { structseq::static_type(&raw mut TYPE, &raw const DESC) }
}

/// A resource number, checked against `RLIM_NLIMITS`.
unsafe fn resource_arg(o: *mut PyObject) -> PyResult<c_int> {
    // SAFETY: o valid (caller contract).
    let r = unsafe { clinic_int(o)? };
    // Linux's RLIM_NLIMITS: the last limit is RLIMIT_RTTIME.
    if r < 0 || r > libc::RLIMIT_RTTIME as c_int {
        return Err(errors::value_error("invalid resource specified"));
    }
    Ok(r)
}

fn timeval_secs(t: libc::timeval) -> f64 {
    t.tv_sec as f64 + t.tv_usec as f64 * 1e-6
}

builtin!(resource_getrusage, |args, kws| {
    let [w] = bind("getrusage", args, &kws, ["who"], 1, 1)?;
    let who = clinic_int(w.unwrap())?;
    let mut ru: libc::rusage = std::mem::zeroed();
    if libc::getrusage(who, &mut ru) != 0 {
        if errors::last_errno() == libc::EINVAL {
            return Err(errors::value_error("invalid who parameter"));
        }
        return Err(errors::last_os_error());
    }
    rusage_to_py(&ru)
});

/// A `resource.struct_rusage` for `ru` (also what `os.wait3` and
/// `os.wait4` return).
pub(crate) fn rusage_to_py(ru: &libc::rusage) -> PyResult<Owned> {
    let mut items = vec![
        float::from_f64(timeval_secs(ru.ru_utime))?,
        float::from_f64(timeval_secs(ru.ru_stime))?,
    ];
    for v in [
        ru.ru_maxrss,
        ru.ru_ixrss,
        ru.ru_idrss,
        ru.ru_isrss,
        ru.ru_minflt,
        ru.ru_majflt,
        ru.ru_nswap,
        ru.ru_inblock,
        ru.ru_oublock,
        ru.ru_msgsnd,
        ru.ru_msgrcv,
        ru.ru_nsignals,
        ru.ru_nvcsw,
        ru.ru_nivcsw,
    ] {
        items.push(int::from_i64(v)?);
    }
    // SAFETY: the readied static type takes these items.
    unsafe { structseq::from_items(rusage_type()?, items) }
}

/// A limit as Python shows it: `RLIM_INFINITY` is -1.
fn rlim_to_py(v: libc::rlim_t) -> PyResult<Owned> {
    int::from_i64(v as i64)
}

/// A `(soft, hard)` tuple.
fn limits_to_py(rl: &libc::rlimit) -> PyResult<Owned> {
    tuple::from_vec(vec![rlim_to_py(rl.rlim_cur)?, rlim_to_py(rl.rlim_max)?])
}

/// One limit value (an index; -1 and other negatives wrap as in C).
unsafe fn rlim_arg(o: *mut PyObject) -> PyResult<libc::rlim_t> {
    // SAFETY: o valid (caller contract).
    unsafe {
        if float::check(o) {
            return Err(errors::type_error(
                "'float' object cannot be interpreted as an integer",
            ));
        }
        let i = crate::object::number::index(o)?;
        Ok(
            int::as_i64_or(i.as_ptr(), "Python int too large to convert to C long")?
                as libc::rlim_t,
        )
    }
}

/// A `(soft, hard)` sequence argument.
unsafe fn limits_arg(o: *mut PyObject) -> PyResult<libc::rlimit> {
    // SAFETY: o valid (caller contract).
    unsafe {
        let t = tuple::from_iterable(o)?;
        let items = tuple::items(t.as_ptr());
        if items.len() != 2 {
            return Err(errors::value_error("expected a tuple of 2 integers"));
        }
        Ok(libc::rlimit {
            rlim_cur: rlim_arg(items[0])?,
            rlim_max: rlim_arg(items[1])?,
        })
    }
}

/// The error of a failed `setrlimit`/`prlimit` that set limits.
fn set_error() -> errors::Raised {
    match errors::last_errno() {
        libc::EINVAL => errors::value_error("current limit exceeds maximum limit"),
        libc::EPERM => errors::value_error("not allowed to raise maximum limit"),
        _ => errors::last_os_error(),
    }
}

builtin!(resource_getrlimit, |args, kws| {
    let [r] = bind("getrlimit", args, &kws, ["resource"], 1, 1)?;
    let res = resource_arg(r.unwrap())?;
    let mut rl: libc::rlimit = std::mem::zeroed();
    if libc::getrlimit(res as _, &mut rl) != 0 {
        return Err(errors::last_os_error());
    }
    limits_to_py(&rl)
});

builtin!(resource_setrlimit, |args, kws| {
    let [r, l] = bind("setrlimit", args, &kws, ["resource", "limits"], 2, 2)?;
    let res = resource_arg(r.unwrap())?;
    crate::runtime::audit::audit(c"resource.setrlimit", &[r.unwrap(), l.unwrap()])?;
    let rl = limits_arg(l.unwrap())?;
    if libc::setrlimit(res as _, &rl) != 0 {
        return Err(set_error());
    }
    Ok(none::owned())
});

builtin!(resource_prlimit, |args, kws| {
    let [p, r, l] = bind("prlimit", args, &kws, ["pid", "resource", "limits"], 3, 2)?;
    let pid = clinic_int(p.unwrap())?;
    let res = resource_arg(r.unwrap())?;
    let lim = l.unwrap_or(none::none());
    crate::runtime::audit::audit(c"resource.prlimit", &[p.unwrap(), r.unwrap(), lim])?;
    let new = if lim == none::none() {
        None
    } else {
        Some(limits_arg(lim)?)
    };
    let mut old: libc::rlimit = std::mem::zeroed();
    let newp = new
        .as_ref()
        .map_or(std::ptr::null(), |n| n as *const libc::rlimit);
    if libc::prlimit(pid, res as _, newp, &mut old) != 0 {
        return Err(if new.is_some() {
            set_error()
        } else {
            errors::last_os_error()
        });
    }
    limits_to_py(&old)
});

builtin!(resource_getpagesize, |args, kws| {
    bind("getpagesize", args, &kws, [], 0, 0)?;
    int::from_i64(libc::sysconf(libc::_SC_PAGESIZE) as i64)
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 6] = [
    method(c"getrusage", resource_getrusage as *const c_void, FK),
    method(c"getrlimit", resource_getrlimit as *const c_void, FK),
    method(c"setrlimit", resource_setrlimit as *const c_void, FK),
    method(c"prlimit", resource_prlimit as *const c_void, FK),
    method(c"getpagesize", resource_getpagesize as *const c_void, FK),
    METHOD_END,
];

macro_rules! consts {
    ($($n:ident)*) => { [$((stringify!($n), libc::$n as i64),)*] };
}

const CONSTANTS: [(&str, i64); 19] = consts!(
    RLIMIT_CPU RLIMIT_FSIZE RLIMIT_DATA RLIMIT_STACK RLIMIT_CORE RLIMIT_NOFILE
    RLIMIT_AS RLIMIT_RSS RLIMIT_NPROC RLIMIT_MEMLOCK RLIMIT_SIGPENDING
    RLIMIT_MSGQUEUE RLIMIT_NICE RLIMIT_RTPRIO RLIMIT_RTTIME
    RUSAGE_SELF RUSAGE_CHILDREN RUSAGE_THREAD RLIM_INFINITY
);

/// `PyInit_resource`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the method table is static; the module is new.
        unsafe {
            let m = crate::modules::new_module("resource", (&raw mut METHODS).cast())?;
            let d = module::dict_of(m.as_ptr());
            for &(k, v) in CONSTANTS.iter() {
                dict::set_item(d, pystr::intern(k), int::from_i64(v)?.as_ptr())?;
            }
            dict::set_item(
                d,
                crate::interned!("RLIMIT_OFILE"),
                int::from_i64(libc::RLIMIT_NOFILE as i64)?.as_ptr(),
            )?;
            dict::set_item(
                d,
                crate::interned!("error"),
                crate::object::exceptions::PyExc_OSError,
            )?;
            dict::set_item(d, crate::interned!("struct_rusage"), rusage_type()?.cast())?;
            PyResult::Ok(m)
        }
    })
}
