//! The `grp` module (CPython's `Modules/grpmodule.c`): the group database
//! through the reentrant `getgrgid_r`/`getgrnam_r`, and `getgrall`, each
//! entry a `grp.struct_group`.
use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::modules::objtype::meth_noargs;
use crate::modules::posix::ids;
use crate::modules::pwd::{decoded, lookup_r, name_arg};
use crate::object::descr::{method, METHOD_END};
use crate::object::exceptions as exc;
use crate::object::structseq::{
    self, field, PyStructSequence_Desc, PyStructSequence_Field, FIELD_END,
};
use crate::object::{dict, list, module};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};

static mut FIELDS: [PyStructSequence_Field; 5] = [
    field(c"gr_name"),
    field(c"gr_passwd"),
    field(c"gr_gid"),
    field(c"gr_mem"),
    FIELD_END,
];

static mut DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"grp.struct_group".as_ptr(),
    doc: std::ptr::null(),
    fields: (&raw mut FIELDS).cast(),
    n_in_sequence: 4,
};

// SAFETY: a zeroed type object is valid before it is readied.
static mut TYPE: PyTypeObject = unsafe { std::mem::zeroed() };

fn group_type() -> PyResult<*mut PyTypeObject> {
    // SAFETY: static type and description.
    unsafe { structseq::static_type(&raw mut TYPE, &raw const DESC) }
}

/// A `struct_group` from a C `struct group`.
unsafe fn from_group(g: &libc::group) -> PyResult<Owned> {
    // SAFETY: the strings are NULL or NUL-terminated; gr_mem is a
    // NULL-terminated array.
    unsafe {
        let mem = list::new(0)?;
        let mut p = g.gr_mem;
        while !p.is_null() && !(*p).is_null() {
            list::append(mem.as_ptr(), decoded(*p)?.as_ptr())?;
            p = p.add(1);
        }
        let items = vec![
            decoded(g.gr_name)?,
            decoded(g.gr_passwd)?,
            ids::from_id(g.gr_gid)?,
            mem,
        ];
        structseq::from_items(group_type()?, items)
    }
}

builtin!(grp_getgrgid, |args, kws| {
    let [i] = bind("getgrgid", args, &kws, ["id"], 1, 1)?;
    let gid = ids::gid_arg(i.unwrap())?;
    let r = lookup_r(
        libc::_SC_GETGR_R_SIZE_MAX,
        // SAFETY: the pointers come from lookup_r and are valid.
        |g, b, n, res| unsafe { libc::getgrgid_r(gid, g, b, n, res) },
        // SAFETY: a found entry has valid strings.
        |g| unsafe { from_group(g) },
    )?;
    match r {
        Some(v) => Ok(v),
        None => Err(errors::set_string(
            exc::PyExc_KeyError,
            &format!("getgrgid(): gid not found: {}", ids::shown(gid)),
        )),
    }
});

builtin!(grp_getgrnam, |args, kws| {
    let [n] = bind("getgrnam", args, &kws, ["name"], 1, 1)?;
    let name = name_arg("getgrnam() argument 1", n.unwrap())?;
    let r = lookup_r(
        libc::_SC_GETGR_R_SIZE_MAX,
        // SAFETY: the pointers come from lookup_r; name is a C string.
        |g, b, len, res| unsafe { libc::getgrnam_r(name.as_ptr(), g, b, len, res) },
        // SAFETY: a found entry has valid strings.
        |g| unsafe { from_group(g) },
    )?;
    match r {
        Some(v) => Ok(v),
        None => Err(errors::set_string(
            exc::PyExc_KeyError,
            &format!(
                "getgrnam(): name not found: {}",
                crate::object::protocol::repr_string(n.unwrap())?
            ),
        )),
    }
});

meth_noargs!(grp_getgrall, |_m| {
    let out = list::new(0)?;
    // getgrent has one iteration state per process; the GIL serializes
    // its users here.
    libc::setgrent();
    let r = (|| loop {
        let p = libc::getgrent();
        if p.is_null() {
            return Ok(());
        }
        list::append(out.as_ptr(), from_group(&*p)?.as_ptr())?;
    })();
    libc::endgrent();
    r.map(|()| out)
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 4] = [
    method(c"getgrgid", grp_getgrgid as *const c_void, FK),
    method(c"getgrnam", grp_getgrnam as *const c_void, FK),
    method(c"getgrall", grp_getgrall as *const c_void, METH_NOARGS),
    METHOD_END,
];

/// `PyInit_grp`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the method table is static; the module is new.
        unsafe {
            let m = crate::modules::new_module("grp", (&raw mut METHODS).cast())?;
            let d = module::dict_of(m.as_ptr());
            dict::set_item(d, crate::interned!("struct_group"), group_type()?.cast())?;
            PyResult::Ok(m)
        }
    })
}
