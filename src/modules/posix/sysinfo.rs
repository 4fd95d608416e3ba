//! System information in `posix`: `uname`, `times`, `cpu_count`,
//! `getloadavg`, `sysconf`/`confstr`/`pathconf` with their name tables,
//! and the `uname_result`, `times_result` and `terminal_size` types.
use super::path::{self, Target};
use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::object::none;
use crate::object::structseq::{
    self, field, PyStructSequence_Desc, PyStructSequence_Field, FIELD_END,
};
use crate::object::{dict, float, int, number, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_int;

static mut UNAME_FIELDS: [PyStructSequence_Field; 6] = [
    field(c"sysname"),
    field(c"nodename"),
    field(c"release"),
    field(c"version"),
    field(c"machine"),
    FIELD_END,
];
static mut UNAME_DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"posix.uname_result".as_ptr(),
    doc: std::ptr::null(),
    fields: (&raw mut UNAME_FIELDS).cast(),
    n_in_sequence: 5,
};
// SAFETY: a zeroed type object is valid before it is readied.
static mut UNAME_TYPE: PyTypeObject = unsafe { std::mem::zeroed() };

static mut TIMES_FIELDS: [PyStructSequence_Field; 6] = [
    field(c"user"),
    field(c"system"),
    field(c"children_user"),
    field(c"children_system"),
    field(c"elapsed"),
    FIELD_END,
];
static mut TIMES_DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"posix.times_result".as_ptr(),
    doc: std::ptr::null(),
    fields: (&raw mut TIMES_FIELDS).cast(),
    n_in_sequence: 5,
};
// SAFETY: as above.
static mut TIMES_TYPE: PyTypeObject = unsafe { std::mem::zeroed() };

static mut TERM_FIELDS: [PyStructSequence_Field; 3] =
    [field(c"columns"), field(c"lines"), FIELD_END];
static mut TERM_DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"os.terminal_size".as_ptr(),
    doc: std::ptr::null(),
    fields: (&raw mut TERM_FIELDS).cast(),
    n_in_sequence: 2,
};
// SAFETY: as above.
static mut TERM_TYPE: PyTypeObject = unsafe { std::mem::zeroed() };

/// The three struct sequence types, readied (for the module namespace).
pub(super) fn types() -> PyResult<[*mut PyTypeObject; 3]> {
    // SAFETY: static types and descriptions.
    unsafe {
        Ok([
            structseq::static_type(&raw mut UNAME_TYPE, &raw const UNAME_DESC)?,
            structseq::static_type(&raw mut TIMES_TYPE, &raw const TIMES_DESC)?,
            structseq::static_type(&raw mut TERM_TYPE, &raw const TERM_DESC)?,
        ])
    }
}

/// An `os.terminal_size(columns, lines)`.
pub(super) fn terminal_size(cols: i64, lines: i64) -> PyResult<Owned> {
    // SAFETY: static type with two fields.
    unsafe {
        let tp = structseq::static_type(&raw mut TERM_TYPE, &raw const TERM_DESC)?;
        structseq::from_items(tp, vec![int::from_i64(cols)?, int::from_i64(lines)?])
    }
}

builtin!(pub(super) posix_uname, |args, kws| {
    bind("uname", args, &kws, [], 0, 0)?;
    let mut u: libc::utsname = std::mem::zeroed();
    if libc::uname(&mut u) != 0 {
        return Err(errors::last_os_error());
    }
    let items = [&u.sysname, &u.nodename, &u.release, &u.version, &u.machine]
        .into_iter()
        .map(|f| crate::runtime::fs_codec::decode(path::cstr_bytes(f.as_ptr())))
        .collect::<PyResult<Vec<_>>>()?;
    let tp = structseq::static_type(&raw mut UNAME_TYPE, &raw const UNAME_DESC)?;
    structseq::from_items(tp, items)
});

builtin!(pub(super) posix_times, |args, kws| {
    bind("times", args, &kws, [], 0, 0)?;
    let mut t: libc::tms = std::mem::zeroed();
    let c = libc::times(&mut t);
    if c == !0 {
        return Err(errors::last_os_error());
    }
    let tick = libc::sysconf(libc::_SC_CLK_TCK) as f64;
    let items = [t.tms_utime, t.tms_stime, t.tms_cutime, t.tms_cstime, c]
        .into_iter()
        .map(|v| float::from_f64(v as f64 / tick))
        .collect::<PyResult<Vec<_>>>()?;
    let tp = structseq::static_type(&raw mut TIMES_TYPE, &raw const TIMES_DESC)?;
    structseq::from_items(tp, items)
});

builtin!(pub(super) posix_cpu_count, |args, kws| {
    bind("cpu_count", args, &kws, [], 0, 0)?;
    // `-X cpu_count=N` / `PYTHON_CPU_COUNT` overrides the system's count.
    let configured = crate::runtime::config::current().map_or(-1, |c| c.cpu_count);
    if configured > 0 {
        return int::from_i64(configured as i64);
    }
    let n = libc::sysconf(libc::_SC_NPROCESSORS_ONLN);
    if n < 1 {
        return Ok(none::owned());
    }
    int::from_i64(n)
});

builtin!(pub(super) posix_getloadavg, |args, kws| {
    bind("getloadavg", args, &kws, [], 0, 0)?;
    let mut l = [0f64; 3];
    if libc::getloadavg(l.as_mut_ptr(), 3) != 3 {
        return Err(errors::set_string(crate::object::exceptions::PyExc_OSError, "Load averages are unobtainable"));
    }
    tuple::from_vec(l.iter().map(|&v| float::from_f64(v)).collect::<PyResult<_>>()?)
});

/// `sysconf` names (`os.sysconf_names`).
pub(super) const SYSCONF_NAMES: &[(&str, c_int)] = &[
    ("SC_ARG_MAX", libc::_SC_ARG_MAX),
    ("SC_CHILD_MAX", libc::_SC_CHILD_MAX),
    ("SC_CLK_TCK", libc::_SC_CLK_TCK),
    ("SC_GETGR_R_SIZE_MAX", libc::_SC_GETGR_R_SIZE_MAX),
    ("SC_GETPW_R_SIZE_MAX", libc::_SC_GETPW_R_SIZE_MAX),
    ("SC_HOST_NAME_MAX", libc::_SC_HOST_NAME_MAX),
    ("SC_IOV_MAX", libc::_SC_IOV_MAX),
    ("SC_LINE_MAX", libc::_SC_LINE_MAX),
    ("SC_LOGIN_NAME_MAX", libc::_SC_LOGIN_NAME_MAX),
    ("SC_NGROUPS_MAX", libc::_SC_NGROUPS_MAX),
    ("SC_NPROCESSORS_CONF", libc::_SC_NPROCESSORS_CONF),
    ("SC_NPROCESSORS_ONLN", libc::_SC_NPROCESSORS_ONLN),
    ("SC_OPEN_MAX", libc::_SC_OPEN_MAX),
    ("SC_PAGESIZE", libc::_SC_PAGESIZE),
    ("SC_PAGE_SIZE", libc::_SC_PAGE_SIZE),
    ("SC_PHYS_PAGES", libc::_SC_PHYS_PAGES),
    ("SC_SEM_NSEMS_MAX", libc::_SC_SEM_NSEMS_MAX),
    ("SC_STREAM_MAX", libc::_SC_STREAM_MAX),
    ("SC_SYMLOOP_MAX", libc::_SC_SYMLOOP_MAX),
    ("SC_TTY_NAME_MAX", libc::_SC_TTY_NAME_MAX),
    ("SC_TZNAME_MAX", libc::_SC_TZNAME_MAX),
];

/// `confstr` names (`os.confstr_names`).
pub(super) const CONFSTR_NAMES: &[(&str, c_int)] = &[
    ("CS_GNU_LIBC_VERSION", libc::_CS_GNU_LIBC_VERSION),
    (
        "CS_GNU_LIBPTHREAD_VERSION",
        libc::_CS_GNU_LIBPTHREAD_VERSION,
    ),
    ("CS_PATH", libc::_CS_PATH),
];

/// `pathconf` names (`os.pathconf_names`).
pub(super) const PATHCONF_NAMES: &[(&str, c_int)] = &[
    ("PC_ASYNC_IO", libc::_PC_ASYNC_IO),
    ("PC_CHOWN_RESTRICTED", libc::_PC_CHOWN_RESTRICTED),
    ("PC_FILESIZEBITS", libc::_PC_FILESIZEBITS),
    ("PC_LINK_MAX", libc::_PC_LINK_MAX),
    ("PC_MAX_CANON", libc::_PC_MAX_CANON),
    ("PC_MAX_INPUT", libc::_PC_MAX_INPUT),
    ("PC_NAME_MAX", libc::_PC_NAME_MAX),
    ("PC_NO_TRUNC", libc::_PC_NO_TRUNC),
    ("PC_PATH_MAX", libc::_PC_PATH_MAX),
    ("PC_PIPE_BUF", libc::_PC_PIPE_BUF),
    ("PC_PRIO_IO", libc::_PC_PRIO_IO),
    ("PC_SYNC_IO", libc::_PC_SYNC_IO),
    ("PC_VDISABLE", libc::_PC_VDISABLE),
];

/// A name table as a dict.
pub(super) fn names_dict(table: &[(&str, c_int)]) -> PyResult<Owned> {
    let d = dict::new()?;
    for &(k, v) in table {
        // SAFETY: d is a dict.
        unsafe {
            dict::set_item(
                d.as_ptr(),
                pystr::from_str(k)?.as_ptr(),
                int::from_i64(v as i64)?.as_ptr(),
            )?
        };
    }
    Ok(d)
}

/// A configuration name: an int, or a str looked up in `table`.
unsafe fn conf_name(o: *mut PyObject, table: &[(&str, c_int)]) -> PyResult<c_int> {
    // SAFETY: o valid.
    unsafe {
        if pystr::check(o) {
            let s = pystr::as_str(o)?;
            return table
                .iter()
                .find(|&&(k, _)| k == s)
                .map(|&(_, v)| v)
                .ok_or_else(|| errors::value_error("unrecognized configuration name"));
        }
        if !number::index_check(o) {
            return Err(errors::type_error(format!(
                "configuration names must be strings or integers, not {}",
                typeobj::type_name(o)
            )));
        }
        Ok(int::as_i64(number::index(o)?.as_ptr())? as c_int)
    }
}

builtin!(pub(super) posix_sysconf, |args, kws| {
    let [n] = bind("sysconf", args, &kws, ["name"], 1, 1)?;
    let name = conf_name(n.unwrap(), SYSCONF_NAMES)?;
    *libc::__errno_location() = 0;
    let r = libc::sysconf(name);
    if r == -1 && errors::last_errno() != 0 {
        return Err(errors::last_os_error());
    }
    int::from_i64(r)
});

builtin!(pub(super) posix_confstr, |args, kws| {
    let [n] = bind("confstr", args, &kws, ["name"], 1, 1)?;
    let name = conf_name(n.unwrap(), CONFSTR_NAMES)?;
    *libc::__errno_location() = 0;
    let len = libc::confstr(name, std::ptr::null_mut(), 0);
    if len == 0 {
        if errors::last_errno() != 0 {
            return Err(errors::last_os_error());
        }
        return Ok(none::owned());
    }
    let mut buf = vec![0u8; len];
    libc::confstr(name, buf.as_mut_ptr().cast(), len);
    crate::runtime::fs_codec::decode(&buf[..len - 1])
});

builtin!(pub(super) posix_pathconf, |args, kws| {
    let [p, n] = bind("pathconf", args, &kws, ["path", "name"], 2, 2)?;
    let name = conf_name(n.unwrap(), PATHCONF_NAMES)?;
    let t = path::target("pathconf", "path", p.unwrap(), true)?;
    *libc::__errno_location() = 0;
    let r = match &t {
        Target::Fd(fd) => libc::fpathconf(*fd, name),
        Target::Path(p) => libc::pathconf(p.c.as_ptr(), name),
    };
    if r == -1 && errors::last_errno() != 0 {
        return Err(match &t {
            Target::Path(p) => p.error(),
            Target::Fd(_) => errors::last_os_error(),
        });
    }
    int::from_i64(r)
});

builtin!(pub(super) posix_fpathconf, |args, kws| {
    let [fd, n] = bind("fpathconf", args, &kws, ["fd", "name"], 2, 2)?;
    let fd = crate::modules::select::as_fd(fd.unwrap())?;
    let name = conf_name(n.unwrap(), PATHCONF_NAMES)?;
    *libc::__errno_location() = 0;
    let r = libc::fpathconf(fd, name);
    if r == -1 && errors::last_errno() != 0 {
        return Err(errors::last_os_error());
    }
    int::from_i64(r)
});
