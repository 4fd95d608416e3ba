//! `stat_result` and `stat`/`lstat`/`fstat` (CPython's `_pystat_fromstructstat`):
//! ten items by index (the times as ints at 7-9), and by name the float
//! times, the `_ns` times, `st_blksize`, `st_blocks` and `st_rdev`.
use super::path::{self, Target};
use super::{dir_fd_arg, follow_arg};
use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::object::structseq::{
    self, field, PyStructSequence_Desc, PyStructSequence_Field, FIELD_END,
};
use crate::object::{float, int};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_int;

static mut FIELDS: [PyStructSequence_Field; 20] = [
    field(c"st_mode"),
    field(c"st_ino"),
    field(c"st_dev"),
    field(c"st_nlink"),
    field(c"st_uid"),
    field(c"st_gid"),
    field(c"st_size"),
    field(c"unnamed field"),
    field(c"unnamed field"),
    field(c"unnamed field"),
    field(c"st_atime"),
    field(c"st_mtime"),
    field(c"st_ctime"),
    field(c"st_atime_ns"),
    field(c"st_mtime_ns"),
    field(c"st_ctime_ns"),
    field(c"st_blksize"),
    field(c"st_blocks"),
    field(c"st_rdev"),
    FIELD_END,
];

static mut DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"os.stat_result".as_ptr(),
    doc: std::ptr::null(),
    fields: (&raw mut FIELDS).cast(),
    n_in_sequence: 10,
};

// SAFETY: every field of a type object is valid when zeroed.
static mut TYPE: PyTypeObject = unsafe { std::mem::zeroed() };

/// The struct sequence `tp_new` that [`stat_result_new`] extends.
static mut BASE_NEW: newfunc = None;

/// The `os.stat_result` type.
pub fn result_type() -> PyResult<*mut PyTypeObject> {
    // SAFETY: static type and description; the slot is replaced once, right
    // after the type is readied, before any instance exists.
    unsafe {
        let tp = &raw mut TYPE;
        if (*tp).tp_flags & Py_TPFLAGS_READY == 0 {
            structseq::static_type(tp, &raw const DESC)?;
            BASE_NEW = (*tp).tp_new;
            (*tp).tp_new = Some(stat_result_new);
        }
        Ok(tp)
    }
}

/// `stat_result(seq)`: a struct sequence whose float times, when not
/// given, are the integer times (CPython's `statresult_new`).
unsafe extern "C" fn stat_result_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: BASE_NEW was set when the type was readied.
    unsafe {
        let Some(base) = BASE_NEW else {
            return std::ptr::null_mut();
        };
        let r = base(tp, args, kwds);
        if r.is_null() {
            return r;
        }
        for i in 7..10 {
            let slot = crate::object::tuple::items_ptr(r).add(i + 3);
            if *slot == crate::object::none::none() {
                let v = *crate::object::tuple::items_ptr(r).add(i);
                crate::object::refcount::incref(v);
                structseq::set_item(r, (i + 3) as Py_ssize_t, v);
            }
        }
        r
    }
}

/// Builds a `stat_result` from a C `struct stat`.
pub fn from_stat(st: &libc::stat) -> PyResult<Owned> {
    let time = |s: i64, ns: i64| -> PyResult<[Owned; 3]> {
        Ok([
            int::from_i64(s)?,
            float::from_f64(s as f64 + ns as f64 * 1e-9)?,
            int::from_i128(s as i128 * 1_000_000_000 + ns as i128)?,
        ])
    };
    let [ai, af, an] = time(st.st_atime, st.st_atime_nsec)?;
    let [mi, mf, mn] = time(st.st_mtime, st.st_mtime_nsec)?;
    let [ci, cf, cn] = time(st.st_ctime, st.st_ctime_nsec)?;
    let items = vec![
        int::from_u64(st.st_mode as u64)?,
        int::from_u64(st.st_ino)?,
        int::from_u64(st.st_dev)?,
        int::from_u64(st.st_nlink)?,
        int::from_u64(st.st_uid as u64)?,
        int::from_u64(st.st_gid as u64)?,
        int::from_i64(st.st_size)?,
        ai,
        mi,
        ci,
        af,
        mf,
        cf,
        an,
        mn,
        cn,
        int::from_i64(st.st_blksize)?,
        int::from_i64(st.st_blocks)?,
        int::from_u64(st.st_rdev)?,
    ];
    // SAFETY: the type has 19 fields.
    unsafe { structseq::from_items(result_type()?, items) }
}

/// `fstatat`/`fstat` on a converted target; the error names the path.
pub fn do_stat(t: &Target, dir_fd: c_int, follow: bool) -> PyResult<libc::stat> {
    // SAFETY: st is written by the call before it is read.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        match t {
            Target::Fd(fd) => {
                if libc::fstat(*fd, &mut st) != 0 {
                    return Err(errors::last_os_error());
                }
            }
            Target::Path(p) => {
                let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
                if libc::fstatat(dir_fd, p.c.as_ptr(), &mut st, flags) != 0 {
                    return Err(p.error());
                }
            }
        }
        Ok(st)
    }
}

builtin!(pub(super) posix_stat, |args, kws| {
    let [p, d, f] = bind("stat", args, &kws, ["path", "dir_fd", "follow_symlinks"], 1, 1)?;
    let t = path::target("stat", "path", p.unwrap(), true)?;
    let st = do_stat(&t, dir_fd_arg(d)?, follow_arg(f)?)?;
    from_stat(&st)
});

builtin!(pub(super) posix_lstat, |args, kws| {
    let [p, d] = bind("lstat", args, &kws, ["path", "dir_fd"], 1, 1)?;
    let t = Target::Path(path::path("lstat", "path", p.unwrap())?);
    let st = do_stat(&t, dir_fd_arg(d)?, false)?;
    from_stat(&st)
});

builtin!(pub(super) posix_fstat, |args, kws| {
    let [fd] = bind("fstat", args, &kws, ["fd"], 1, 1)?;
    let st = do_stat(&Target::Fd(path::fd_value(fd.unwrap())?), 0, true)?;
    from_stat(&st)
});
