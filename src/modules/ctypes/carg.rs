//! `CArgObject` (`PyCArgObject` of `Modules/_ctypes/ctypes.h`): one
//! converted argument of a foreign call (a libffi type, a tag naming the
//! C type, the value, and the object that keeps the value's memory
//! alive), as `byref()` and the `from_param` class methods return it.
use super::cdata::Value;
use crate::ffi::*;
use crate::object::descr::readonly_member;
use crate::object::refcount::*;
use crate::object::typeobj::{self, type_template};
use crate::object::{float, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;
use libffi_sys::ffi_type;
use std::ptr::null_mut;

/// `PyCArgObject`.
#[repr(C)]
pub struct CArgObject {
    pub ob_base: PyObject,
    pub pffi_type: *mut ffi_type,
    pub tag: u8,
    pub value: Value,
    /// What keeps the value's memory alive, or NULL.
    pub obj: *mut PyObject,
    /// The size of a structure passed by value (`'V'`).
    pub size: Py_ssize_t,
}

/// `_ctypes.CArgObject`.
pub static mut CARG_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(carg_dealloc),
    tp_traverse: Some(carg_traverse),
    tp_clear: Some(carg_clear),
    tp_repr: Some(carg_repr),
    tp_members: (&raw const CARG_MEMBERS).cast_mut().cast(),
    ..type_template(c"CArgObject", std::mem::size_of::<CArgObject>(), 0)
};

static CARG_MEMBERS: [PyMemberDef; 2] = [
    readonly_member(
        c"_obj",
        Py_T_OBJECT_EX,
        std::mem::offset_of!(CArgObject, obj),
    ),
    crate::object::exceptions::MEMBER_END,
];

/// `PyCArg_CheckExact`.
#[inline]
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op is live.
    unsafe { (*op).ob_type == &raw mut CARG_TYPE }
}

/// The CArgObject behind `op`.
#[inline]
pub unsafe fn arg<'a>(op: *mut PyObject) -> &'a mut CArgObject {
    // SAFETY: the caller checked the type.
    unsafe { &mut *op.cast() }
}

/// `PyCArgObject_new`: an empty argument with `tag`.
pub fn new(tag: u8, pffi_type: *mut ffi_type) -> PyResult<Owned> {
    // SAFETY: CARG_TYPE is ready; the allocation is zeroed.
    unsafe {
        let op = errors::check(crate::capi::allocation::PyType_GenericAlloc(
            &raw mut CARG_TYPE,
            0,
        ))?;
        let a = arg(op.as_ptr());
        a.tag = tag;
        a.pffi_type = pffi_type;
        crate::object::gc::track(op.as_ptr());
        Ok(op)
    }
}

/// A pointer argument (`'P'`) to `p`, keeping `obj` alive.
pub unsafe fn pointer(p: *mut u8, obj: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: obj is live or NULL.
    unsafe {
        let o = new(b'P', &raw mut libffi_sys::ffi_type_pointer)?;
        let a = arg(o.as_ptr());
        std::ptr::write(a.value.0.as_mut_ptr().cast::<*mut u8>(), p);
        a.obj = xnew_ref(obj);
        Ok(o)
    }
}

unsafe extern "C" fn carg_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        carg_clear(op);
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn carg_traverse(
    op: *mut PyObject,
    visit: visitproc,
    a: *mut c_void,
) -> libc::c_int {
    // SAFETY: op is a CArgObject.
    unsafe { crate::object::gc::visit_all(&[arg(op).obj], visit, a) }
}

unsafe extern "C" fn carg_clear(op: *mut PyObject) -> libc::c_int {
    // SAFETY: op is a CArgObject.
    unsafe { xdecref(std::mem::replace(&mut arg(op).obj, null_mut())) };
    0
}

/// `PyCArg_repr`: `<cparam 'i' (3)>`.
unsafe extern "C" fn carg_repr(op: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a CArgObject; the value matches the tag.
        unsafe {
            let a = arg(op);
            let p = a.value.0.as_ptr();
            let rd = |n: usize| -> [u8; 8] {
                let mut b = [0u8; 8];
                b[..n].copy_from_slice(std::slice::from_raw_parts(p, n));
                b
            };
            let tag = a.tag as char;
            let inner = match a.tag {
                b'b' => (rd(1)[0] as i8).to_string(),
                b'B' => rd(1)[0].to_string(),
                b'h' => i16::from_ne_bytes(rd(2)[..2].try_into().unwrap_or_default()).to_string(),
                b'H' => u16::from_ne_bytes(rd(2)[..2].try_into().unwrap_or_default()).to_string(),
                b'i' => i32::from_ne_bytes(rd(4)[..4].try_into().unwrap_or_default()).to_string(),
                b'I' => u32::from_ne_bytes(rd(4)[..4].try_into().unwrap_or_default()).to_string(),
                b'l' | b'q' => i64::from_ne_bytes(rd(8)).to_string(),
                b'L' | b'Q' => u64::from_ne_bytes(rd(8)).to_string(),
                b'd' | b'f' => {
                    let v = if a.tag == b'd' {
                        f64::from_ne_bytes(rd(8))
                    } else {
                        f32::from_ne_bytes(rd(4)[..4].try_into().unwrap_or_default()) as f64
                    };
                    let f = float::from_f64(v)?;
                    pystr::as_str(crate::object::protocol::repr(f.as_ptr())?.as_ptr())?.to_owned()
                }
                b'c' => {
                    let c = rd(1)[0];
                    if c.is_ascii_graphic() || c == b' ' {
                        format!("b'{}'", c as char)
                    } else {
                        format!("b'\\x{c:02x}'")
                    }
                }
                b'z' | b'Z' | b'P' => format!("{:#x}", u64::from_ne_bytes(rd(8))),
                _ => {
                    return pystr::from_str(&format!("<cparam '{tag}' at {op:p}>"));
                }
            };
            pystr::from_str(&format!("<cparam '{tag}' ({inner})>"))
        }
    })
}

/// Readies the type.
pub unsafe fn ready() -> PyResult<()> {
    // SAFETY: a static type.
    unsafe { typeobj::ready(&raw mut CARG_TYPE) }
}
