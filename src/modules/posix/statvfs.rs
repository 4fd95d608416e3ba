//! `statvfs_result` and `statvfs`/`fstatvfs` (CPython's
//! `_pystatvfs_fromstructstatvfs`): ten items by index, `f_fsid` by name.
use super::path::{self, Target};
use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::object::int;
use crate::object::structseq::{
    self, field, PyStructSequence_Desc, PyStructSequence_Field, FIELD_END,
};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

static mut FIELDS: [PyStructSequence_Field; 12] = [
    field(c"f_bsize"),
    field(c"f_frsize"),
    field(c"f_blocks"),
    field(c"f_bfree"),
    field(c"f_bavail"),
    field(c"f_files"),
    field(c"f_ffree"),
    field(c"f_favail"),
    field(c"f_flag"),
    field(c"f_namemax"),
    field(c"f_fsid"),
    FIELD_END,
];

static mut DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"os.statvfs_result".as_ptr(),
    doc: std::ptr::null(),
    fields: (&raw mut FIELDS).cast(),
    n_in_sequence: 10,
};

// SAFETY: every field of a type object is valid when zeroed.
static mut TYPE: PyTypeObject = unsafe { std::mem::zeroed() };

/// The `os.statvfs_result` type.
pub fn result_type() -> PyResult<*mut PyTypeObject> {
    // SAFETY: static type and description, readied once.
    unsafe {
        let tp = &raw mut TYPE;
        if (*tp).tp_flags & Py_TPFLAGS_READY == 0 {
            structseq::static_type(tp, &raw const DESC)?;
        }
        Ok(tp)
    }
}

/// Builds a `statvfs_result` from a C `struct statvfs`.
fn from_statvfs(st: &libc::statvfs) -> PyResult<Owned> {
    let items = [
        st.f_bsize,
        st.f_frsize,
        st.f_blocks,
        st.f_bfree,
        st.f_bavail,
        st.f_files,
        st.f_ffree,
        st.f_favail,
        st.f_flag,
        st.f_namemax,
        st.f_fsid,
    ]
    .into_iter()
    .map(int::from_u64)
    .collect::<PyResult<Vec<_>>>()?;
    // SAFETY: the type has 11 fields.
    unsafe { structseq::from_items(result_type()?, items) }
}

/// `statvfs` or `fstatvfs` on a converted target; the error names the path.
fn do_statvfs(t: &Target) -> PyResult<Owned> {
    // SAFETY: st is written by the call before it is read.
    unsafe {
        let mut st: libc::statvfs = std::mem::zeroed();
        let failed = crate::runtime::gil::allow_threads(|| match t {
            Target::Fd(fd) => libc::fstatvfs(*fd, &mut st) != 0,
            Target::Path(p) => libc::statvfs(p.c.as_ptr(), &mut st) != 0,
        });
        if failed {
            return Err(match t {
                Target::Fd(_) => errors::last_os_error(),
                Target::Path(p) => p.error(),
            });
        }
        from_statvfs(&st)
    }
}

builtin!(pub(super) posix_statvfs, |args, kws| {
    let [p] = bind("statvfs", args, &kws, ["path"], 1, 1)?;
    do_statvfs(&path::target("statvfs", "path", p.unwrap(), true)?)
});

builtin!(pub(super) posix_fstatvfs, |args, kws| {
    let [fd] = bind("fstatvfs", args, &kws, ["fd"], 1, 1)?;
    do_statvfs(&Target::Fd(path::fd_value(fd.unwrap())?))
});
