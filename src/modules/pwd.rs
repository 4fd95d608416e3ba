//! The `pwd` module (CPython's `Modules/pwdmodule.c`): the password
//! database through the reentrant `getpwuid_r`/`getpwnam_r`, and
//! `getpwall`, each entry a `pwd.struct_passwd`.
use crate::ffi::*;
use crate::modules::objtype::{meth_noargs, meth_o};
use crate::modules::posix::ids;
use crate::modules::posix::path::cstr_bytes;
use crate::object::descr::{method, METHOD_END};
use crate::object::exceptions as exc;
use crate::object::none;
use crate::object::structseq::{
    self, field, PyStructSequence_Desc, PyStructSequence_Field, FIELD_END,
};
use crate::object::{dict, list, module, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::fs_codec;
use crate::Owned;
use libc::{c_char, c_int, c_void};
use std::ffi::CString;

static mut FIELDS: [PyStructSequence_Field; 8] = [
    field(c"pw_name"),
    field(c"pw_passwd"),
    field(c"pw_uid"),
    field(c"pw_gid"),
    field(c"pw_gecos"),
    field(c"pw_dir"),
    field(c"pw_shell"),
    FIELD_END,
];

static mut DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"pwd.struct_passwd".as_ptr(),
    doc: std::ptr::null(),
    fields: (&raw mut FIELDS).cast(),
    n_in_sequence: 7,
};

// SAFETY: a zeroed type object is valid before it is readied.
static mut TYPE: PyTypeObject = unsafe { std::mem::zeroed() };

fn passwd_type() -> PyResult<*mut PyTypeObject> {
    // SAFETY: static type and description.
    unsafe { structseq::static_type(&raw mut TYPE, &raw const DESC) }
}

/// A C string field decoded as a file-system name; NULL is None.
pub(crate) unsafe fn decoded(p: *const c_char) -> PyResult<Owned> {
    if p.is_null() {
        return Ok(none::owned());
    }
    // SAFETY: p is a NUL-terminated string.
    fs_codec::decode(unsafe { cstr_bytes(p) })
}

/// A `struct_passwd` from a C `struct passwd`.
unsafe fn from_passwd(p: &libc::passwd) -> PyResult<Owned> {
    // SAFETY: the string fields are NULL or NUL-terminated.
    unsafe {
        let items = vec![
            decoded(p.pw_name)?,
            decoded(p.pw_passwd)?,
            ids::from_id(p.pw_uid)?,
            ids::from_id(p.pw_gid)?,
            decoded(p.pw_gecos)?,
            decoded(p.pw_dir)?,
            decoded(p.pw_shell)?,
        ];
        structseq::from_items(passwd_type()?, items)
    }
}

/// Runs a reentrant `get*_r` lookup (`call(entry, buf, len, result)`)
/// without the GIL, growing its buffer on `ERANGE`, and builds the entry
/// found while the buffer its strings point into is alive. `Ok(None)`
/// means "no such entry"; other failures raise `OSError` (`MemoryError`
/// for `ENOMEM`).
pub(crate) fn lookup_r<T>(
    size_name: c_int,
    call: impl Fn(*mut T, *mut c_char, usize, *mut *mut T) -> c_int,
    build: impl FnOnce(&T) -> PyResult<Owned>,
) -> PyResult<Option<Owned>> {
    // SAFETY: sysconf has no preconditions.
    let start = match unsafe { libc::sysconf(size_name) } {
        n if n > 0 => n as usize,
        _ => 1024,
    };
    let mut buf: Vec<u8> = vec![0; start];
    // SAFETY: the entry is plain C data, valid zeroed; it is read only
    // when the call reports it found, and its strings point into buf.
    let mut entry: T = unsafe { std::mem::zeroed() };
    let mut res: *mut T = std::ptr::null_mut();
    loop {
        let (e, p, n) = (&mut entry as *mut T, buf.as_mut_ptr().cast(), buf.len());
        let err = crate::runtime::gil::allow_threads(|| call(e, p, n, &mut res));
        match err {
            0 if res.is_null() => return Ok(None),
            0 => return build(&entry).map(Some),
            libc::ERANGE if buf.len() < (1 << 30) => buf.resize(buf.len() * 2, 0),
            libc::ENOMEM => return Err(errors::no_memory()),
            // Some libcs report a missing entry as an errno.
            libc::ENOENT | libc::ESRCH | libc::EBADF | libc::EPERM => return Ok(None),
            e => {
                // SAFETY: no file names.
                return Err(unsafe {
                    errors::os_error(e, std::ptr::null_mut(), std::ptr::null_mut())
                });
            }
        }
    }
}

/// A name argument: a str, encoded as a file-system name; `what` starts
/// the `TypeError` message.
pub(crate) unsafe fn name_arg(what: &str, o: *mut PyObject) -> PyResult<CString> {
    // SAFETY: o valid.
    unsafe {
        if !pystr::check(o) {
            return Err(errors::type_error(format!(
                "{what} must be str, not {}",
                crate::object::typeobj::type_name(o)
            )));
        }
        let b = fs_codec::encode(o)?;
        CString::new(crate::object::bytes::as_slice(b.as_ptr()))
            .map_err(|_| errors::value_error("embedded null byte"))
    }
}

meth_o!(pwd_getpwuid, |_m, u| {
    let uid = match ids::uid_arg(u) {
        Ok(uid) => uid,
        Err(r) => {
            if errors::matches(exc::PyExc_OverflowError) {
                errors::clear();
                return Err(errors::set_string(
                    exc::PyExc_KeyError,
                    "getpwuid(): uid not found",
                ));
            }
            return Err(r);
        }
    };
    let r = lookup_r(
        libc::_SC_GETPW_R_SIZE_MAX,
        // SAFETY: the pointers come from lookup_r and are valid.
        |pw, b, n, res| unsafe { libc::getpwuid_r(uid, pw, b, n, res) },
        // SAFETY: a found entry has valid strings.
        |pw| unsafe { from_passwd(pw) },
    )?;
    match r {
        Some(v) => Ok(v),
        None => Err(errors::set_string(
            exc::PyExc_KeyError,
            &format!("getpwuid(): uid not found: {}", ids::shown(uid)),
        )),
    }
});

meth_o!(pwd_getpwnam, |_m, n| {
    let name = name_arg("getpwnam() argument", n)?;
    let r = lookup_r(
        libc::_SC_GETPW_R_SIZE_MAX,
        // SAFETY: the pointers come from lookup_r; name is a C string.
        |pw, b, len, res| unsafe { libc::getpwnam_r(name.as_ptr(), pw, b, len, res) },
        // SAFETY: a found entry has valid strings.
        |pw| unsafe { from_passwd(pw) },
    )?;
    match r {
        Some(v) => Ok(v),
        None => Err(errors::set_string(
            exc::PyExc_KeyError,
            &format!(
                "getpwnam(): name not found: {}",
                crate::object::protocol::repr_string(n)?
            ),
        )),
    }
});

meth_noargs!(pwd_getpwall, |_m| {
    let out = list::new(0)?;
    // getpwent has one iteration state per process; the GIL serializes
    // its users here.
    libc::setpwent();
    let r = (|| loop {
        let p = libc::getpwent();
        if p.is_null() {
            return Ok(());
        }
        list::append(out.as_ptr(), from_passwd(&*p)?.as_ptr())?;
    })();
    libc::endpwent();
    r.map(|()| out)
});

static mut METHODS: [PyMethodDef; 4] = [
    method(c"getpwuid", pwd_getpwuid as *const c_void, METH_O),
    method(c"getpwnam", pwd_getpwnam as *const c_void, METH_O),
    method(c"getpwall", pwd_getpwall as *const c_void, METH_NOARGS),
    METHOD_END,
];

/// `PyInit_pwd`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the method table is static; the module is new.
        unsafe {
            let m = crate::modules::new_module("pwd", (&raw mut METHODS).cast())?;
            let d = module::dict_of(m.as_ptr());
            dict::set_item(d, crate::interned!("struct_passwd"), passwd_type()?.cast())?;
            PyResult::Ok(m)
        }
    })
}
