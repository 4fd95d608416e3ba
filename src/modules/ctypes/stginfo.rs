//! `StgInfo`, the storage description every ctypes type carries (size,
//! alignment, libffi type, converters), kept as type data after the heap
//! type object as CPython 3.13 does (`Modules/_ctypes/ctypes.h`), and
//! `_ctypes.CType_Type`, the metatype that reserves it and is the base of
//! the ctypes metatypes.
use super::cdata::CDataObject;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::{self, type_template, PyType_Type};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_char, c_int, c_void};
use libffi_sys::ffi_type;
use std::ptr::null_mut;

/// Stores `value` at `ptr` as the field's C type (`size` carries bit-field
/// bits as `NUM_BITS << 16 | LOW_BIT`); returns what the owner must keep
/// alive (None when nothing).
pub type SetFunc =
    unsafe fn(ptr: *mut u8, value: *mut PyObject, size: Py_ssize_t) -> PyResult<Owned>;
/// Reads the C value at `ptr` as a Python object.
pub type GetFunc = unsafe fn(ptr: *const u8, size: Py_ssize_t) -> PyResult<Owned>;
/// Converts an instance to a call argument (a `CArgObject`).
pub type ParamFunc = unsafe fn(obj: *mut CDataObject) -> PyResult<Owned>;

/// `TYPEFLAG_ISPOINTER`: instances hold a pointer.
pub const TYPEFLAG_ISPOINTER: c_int = 0x100;
/// `TYPEFLAG_HASPOINTER`: a structure or array containing pointers.
pub const TYPEFLAG_HASPOINTER: c_int = 0x200;
/// `DICTFLAG_FINAL`: the layout is fixed (instances exist or it is a base).
pub const DICTFLAG_FINAL: c_int = 0x1000;
/// `TYPEFLAG_HASUNION`: a union is part of the layout.
pub const TYPEFLAG_HASUNION: c_int = 0x400;
/// `TYPEFLAG_HASBITFIELD`: a bit field is part of the layout.
pub const TYPEFLAG_HASBITFIELD: c_int = 0x800;

/// `StgInfo`.
#[repr(C)]
pub struct StgInfo {
    pub initialized: c_int,
    pub size: Py_ssize_t,
    pub align: Py_ssize_t,
    pub length: Py_ssize_t,
    pub ffi_type_pointer: ffi_type,
    pub proto: *mut PyObject,
    pub setfunc: Option<SetFunc>,
    pub getfunc: Option<GetFunc>,
    pub paramfunc: Option<ParamFunc>,
    pub argtypes: *mut PyObject,
    pub converters: *mut PyObject,
    pub restype: *mut PyObject,
    pub checker: *mut PyObject,
    pub module: *mut PyObject,
    pub flags: c_int,
    /// PEP 3118 format (malloc'd), NULL when none.
    pub format: *mut c_char,
    pub ndim: c_int,
    /// `ndim` extents (malloc'd), NULL when none.
    pub shape: *mut Py_ssize_t,
    /// The pointer type `POINTER(this)`, once made (3.14).
    pub pointer_type: *mut PyObject,
    /// The `ffi_type*` array of a structure's elements and the element
    /// types made for its array fields, in one malloc'd block.
    pub ffi_storage: *mut c_void,
}

/// Offset of the StgInfo inside a type whose metatype derives from
/// CType_Type (`PyObject_GetTypeData`).
const STG_OFFSET: usize = std::mem::size_of::<PyHeapTypeObject>().next_multiple_of(16);

/// `_ctypes.CType_Type`: the metatype of every ctypes type.
pub static mut CTYPE_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE
        | Py_TPFLAGS_TYPE_SUBCLASS
        | Py_TPFLAGS_HAVE_GC
        | Py_TPFLAGS_IMMUTABLETYPE,
    tp_base: &raw mut PyType_Type,
    tp_dealloc: Some(ctype_dealloc),
    tp_traverse: Some(ctype_traverse),
    tp_clear: Some(ctype_clear),
    tp_as_sequence: &raw mut CTYPE_AS_SEQUENCE,
    tp_methods: (&raw const CTYPE_METHODS).cast_mut().cast(),
    ..type_template(
        c"_ctypes.CType_Type",
        STG_OFFSET + std::mem::size_of::<StgInfo>(),
        std::mem::size_of::<PyMemberDef>(),
    )
};

static mut CTYPE_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_repeat: Some(super::array::type_repeat),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static CTYPE_METHODS: [PyMethodDef; 2] = [
    crate::object::descr::method(c"__sizeof__", ctype_sizeof as *const c_void, METH_NOARGS),
    crate::object::descr::METHOD_END,
];

/// `CType_Type.__sizeof__`: the type object plus what its StgInfo owns.
unsafe extern "C" fn ctype_sizeof(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is an instance of CType_Type.
        unsafe {
            let tp = (*op).ob_type;
            let mut n = (*tp).tp_basicsize as i64;
            let info = &*info_ptr(op);
            if !info.format.is_null() {
                n += libc::strlen(info.format) as i64 + 1;
            }
            n += info.ndim as i64 * std::mem::size_of::<Py_ssize_t>() as i64;
            crate::object::int::from_i64(n)
        }
    })
}

/// The StgInfo of a type object whose metatype derives from CType_Type.
#[inline]
pub unsafe fn info_ptr(tp: *mut PyObject) -> *mut StgInfo {
    // SAFETY: the caller checked the metatype; the area was allocated and
    // zeroed with the type.
    unsafe { tp.cast::<u8>().add(STG_OFFSET).cast() }
}

/// Whether `op` is a ctypes type (its metatype derives from CType_Type).
#[inline]
pub unsafe fn is_ctype(op: *mut PyObject) -> bool {
    // SAFETY: op is a live object.
    unsafe { typeobj::instance_of(op, &raw mut CTYPE_TYPE) }
}

/// `PyStgInfo_FromType`: the StgInfo of `tp` if it is a ctypes type whose
/// layout is initialized.
pub unsafe fn from_type<'a>(tp: *mut PyObject) -> Option<&'a mut StgInfo> {
    // SAFETY: checked to be a ctypes type first.
    unsafe {
        if !is_ctype(tp) {
            return None;
        }
        let info = &mut *info_ptr(tp);
        (info.initialized != 0).then_some(info)
    }
}

/// `PyStgInfo_FromObject`: the StgInfo of an object's type.
pub unsafe fn from_object<'a>(op: *mut PyObject) -> Option<&'a mut StgInfo> {
    // SAFETY: op is a live object.
    unsafe { from_type((*op).ob_type.cast()) }
}

/// The StgInfo of a class a metatype's `__init__` is filling, which must
/// `type.__init__` on a class a ctypes metatype made: the first step of
/// every metatype's `__init__`.
pub unsafe fn init_class(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: op is a new class; args and kwds are the call's arguments.
    unsafe {
        if let Some(init) = PyType_Type.tp_init {
            if init(op, args, kwds) < 0 {
                return Err(errors::Raised::assume());
            }
        }
    }
    Ok(())
}

/// not have been filled before.
pub unsafe fn fresh<'a>(tp: *mut PyObject) -> PyResult<&'a mut StgInfo> {
    // SAFETY: tp's metatype derives from CType_Type.
    unsafe {
        let info = &mut *info_ptr(tp);
        if info.initialized != 0 {
            return Err(errors::system_error(format!(
                "StgInfo of '{}' is already initialized.",
                typeobj::name_of(tp.cast())
            )));
        }
        Ok(info)
    }
}

/// The StgInfo of `tp`, or `TypeError("abstract class")`.
pub unsafe fn require<'a>(tp: *mut PyObject) -> PyResult<&'a mut StgInfo> {
    // SAFETY: forwarded.
    unsafe { from_type(tp).ok_or_else(|| errors::type_error("abstract class")) }
}

/// A malloc'd NUL-terminated copy of `s`.
pub fn c_string(s: &str) -> PyResult<*mut c_char> {
    // SAFETY: a fresh block of len + 1 bytes.
    unsafe {
        let p = libc::malloc(s.len() + 1).cast::<c_char>();
        if p.is_null() {
            return Err(errors::no_memory());
        }
        std::ptr::copy_nonoverlapping(s.as_ptr(), p.cast(), s.len());
        *p.add(s.len()) = 0;
        Ok(p)
    }
}

/// The format string of an info, "B" when it has none.
pub unsafe fn format_of(info: &StgInfo) -> &str {
    // SAFETY: format is NULL or a NUL-terminated string we made.
    unsafe {
        if info.format.is_null() {
            "B"
        } else {
            std::ffi::CStr::from_ptr(info.format)
                .to_str()
                .unwrap_or("B")
        }
    }
}

impl StgInfo {
    /// The layout of a type whose instances hold one C pointer (pointer
    /// and function pointer types), passed to C through `paramfunc`.
    pub fn set_pointer_layout(&mut self, paramfunc: ParamFunc) {
        self.size = std::mem::size_of::<*mut c_void>() as Py_ssize_t;
        self.align = std::mem::align_of::<*mut c_void>() as Py_ssize_t;
        self.length = 1;
        // SAFETY: libffi's type descriptor for pointers is a plain value.
        self.ffi_type_pointer = unsafe { libffi_sys::ffi_type_pointer };
        self.paramfunc = Some(paramfunc);
        self.flags |= TYPEFLAG_ISPOINTER;
    }

    /// Replaces the format string.
    pub fn set_format(&mut self, s: &str) -> PyResult<()> {
        let p = c_string(s)?;
        // SAFETY: the old one is ours.
        unsafe { libc::free(std::mem::replace(&mut self.format, p).cast()) };
        Ok(())
    }

    /// Replaces the shape.
    pub fn set_shape(&mut self, dims: &[Py_ssize_t]) -> PyResult<()> {
        // SAFETY: fresh block; the old one is ours.
        unsafe {
            let p = if dims.is_empty() {
                null_mut()
            } else {
                let p = libc::malloc(std::mem::size_of_val(dims)).cast::<Py_ssize_t>();
                if p.is_null() {
                    return Err(errors::no_memory());
                }
                std::ptr::copy_nonoverlapping(dims.as_ptr(), p, dims.len());
                p
            };
            libc::free(std::mem::replace(&mut self.shape, p).cast());
            self.ndim = dims.len() as c_int;
        }
        Ok(())
    }

    /// The shape as a slice.
    pub fn shape(&self) -> &[Py_ssize_t] {
        if self.shape.is_null() {
            &[]
        } else {
            // SAFETY: ndim extents were stored.
            unsafe { std::slice::from_raw_parts(self.shape, self.ndim as usize) }
        }
    }

    /// The object fields, for traversal and clearing.
    fn refs(&mut self) -> [&mut *mut PyObject; 7] {
        [
            &mut self.proto,
            &mut self.argtypes,
            &mut self.converters,
            &mut self.restype,
            &mut self.checker,
            &mut self.module,
            &mut self.pointer_type,
        ]
    }

    /// Copies `base`'s layout into this (fresh) info, taking new references
    /// (`PyCStgInfo_clone`).
    pub unsafe fn clone_from(&mut self, base: &StgInfo) -> PyResult<()> {
        // SAFETY: both are valid infos; this one holds nothing yet.
        unsafe {
            self.size = base.size;
            self.align = base.align;
            self.length = base.length;
            self.ffi_type_pointer = base.ffi_type_pointer;
            // Elements are shared only while the base lives; a structure
            // subclass copies them below.
            self.ffi_type_pointer.elements = null_mut();
            if !base.ffi_type_pointer.elements.is_null() {
                let mut n = 0;
                while !(*base.ffi_type_pointer.elements.add(n)).is_null() {
                    n += 1;
                }
                let block = libc::calloc(n + 1, std::mem::size_of::<*mut ffi_type>())
                    .cast::<*mut ffi_type>();
                if block.is_null() {
                    return Err(errors::no_memory());
                }
                std::ptr::copy_nonoverlapping(base.ffi_type_pointer.elements, block, n);
                self.ffi_storage = block.cast();
                self.ffi_type_pointer.elements = block;
            }
            self.proto = xnew_ref(base.proto);
            self.setfunc = base.setfunc;
            self.getfunc = base.getfunc;
            self.paramfunc = base.paramfunc;
            self.argtypes = xnew_ref(base.argtypes);
            self.converters = xnew_ref(base.converters);
            self.restype = xnew_ref(base.restype);
            self.checker = xnew_ref(base.checker);
            self.flags = base.flags & !DICTFLAG_FINAL;
            if !base.format.is_null() {
                self.set_format(format_of(base))?;
            }
            self.set_shape(base.shape())?;
            self.initialized = 1;
        }
        Ok(())
    }

    /// Frees what the info owns.
    unsafe fn free(&mut self) {
        for r in self.refs() {
            // SAFETY: owned reference or NULL.
            unsafe { xdecref(std::mem::replace(r, null_mut())) };
        }
        // SAFETY: malloc'd blocks or NULL.
        unsafe {
            libc::free(std::mem::replace(&mut self.format, null_mut()).cast());
            libc::free(std::mem::replace(&mut self.shape, null_mut()).cast());
            libc::free(std::mem::replace(&mut self.ffi_storage, null_mut()));
        }
        self.ffi_type_pointer.elements = null_mut();
        self.initialized = 0;
    }
}

unsafe extern "C" fn ctype_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: op is a ctypes type; heap ones carry a StgInfo.
    unsafe {
        if (*op.cast::<PyTypeObject>()).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            let info = &mut *info_ptr(op);
            for r in info.refs() {
                if !r.is_null() {
                    let v = visit.expect("visitproc")(*r, arg);
                    if v != 0 {
                        return v;
                    }
                }
            }
        }
        PyType_Type.tp_traverse.expect("type_traverse")(op, visit, arg)
    }
}

unsafe extern "C" fn ctype_clear(op: *mut PyObject) -> c_int {
    // SAFETY: op is a heap ctypes type (only those are collected).
    unsafe {
        let info = &mut *info_ptr(op);
        for r in info.refs() {
            xdecref(std::mem::replace(r, null_mut()));
        }
        PyType_Type.tp_clear.expect("type_clear")(op)
    }
}

unsafe extern "C" fn ctype_dealloc(op: *mut PyObject) {
    // SAFETY: op is a heap ctypes type whose refcount reached zero.
    unsafe {
        (*info_ptr(op)).free();
        PyType_Type.tp_dealloc.expect("type_dealloc")(op);
    }
}

/// Readies CType_Type.
pub unsafe fn ready() -> PyResult<()> {
    // SAFETY: a static type.
    unsafe { typeobj::ready(&raw mut CTYPE_TYPE) }
}

/// A new instance of the ctypes type `tp` with no arguments.
pub unsafe fn call_type(tp: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: forwarded.
    unsafe { crate::object::protocol::call_args(tp, &[]) }
}
