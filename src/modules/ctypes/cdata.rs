//! `CDataObject`, the layout of every ctypes instance, and `_ctypes._CData`,
//! their common base (`Modules/_ctypes/_ctypes.c`): the memory block an
//! instance owns or shares with its base object, the objects kept alive
//! for it (`_objects`), and the buffer protocol over that memory.
use super::stginfo::{self, StgInfo};
use crate::ffi::*;
use crate::object::descr::{getset, GETSET_END};
use crate::object::refcount::*;
use crate::object::typeobj::{self, type_template};
use crate::object::{dict, none, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// The inline value buffer (`union value`): small instances keep their
/// memory here instead of a separate allocation.
#[repr(C, align(16))]
pub struct Value(pub [u8; 16]);

/// `CDataObject`.
#[repr(C)]
pub struct CDataObject {
    pub ob_base: PyObject,
    /// The C data.
    pub b_ptr: *mut u8,
    /// Whether `b_ptr` must be freed (it is not `b_value`'s).
    pub b_needsfree: c_int,
    /// The object whose memory this one shares, or NULL.
    pub b_base: *mut CDataObject,
    pub b_size: Py_ssize_t,
    pub b_length: Py_ssize_t,
    /// Index of this object in its base's objects.
    pub b_index: Py_ssize_t,
    /// Objects kept alive for the C data: a dict, None or one object.
    pub b_objects: *mut PyObject,
    pub b_value: Value,
}

/// `_ctypes._CData`.
pub static mut PYCDATA_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    tp_dealloc: Some(cdata_dealloc),
    tp_traverse: Some(cdata_traverse),
    tp_clear: Some(cdata_clear),
    tp_as_buffer: &raw mut CDATA_AS_BUFFER,
    tp_getset: (&raw const CDATA_GETSET).cast_mut().cast(),
    tp_doc: c"XXX to be provided".as_ptr(),
    ..type_template(c"_ctypes._CData", std::mem::size_of::<CDataObject>(), 0)
};

static mut CDATA_AS_BUFFER: PyBufferProcs = PyBufferProcs {
    bf_getbuffer: Some(cdata_getbuffer),
    bf_releasebuffer: None,
};

static CDATA_GETSET: [PyGetSetDef; 4] = [
    getset(c"_b_base_", Some(get_b_base), None),
    getset(c"_b_needsfree_", Some(get_needsfree), None),
    getset(c"_objects", Some(get_objects), None),
    GETSET_END,
];

/// The CDataObject behind `op`.
#[inline]
pub unsafe fn cd<'a>(op: *mut PyObject) -> &'a mut CDataObject {
    // SAFETY: the caller checked that op is a ctypes instance.
    unsafe { &mut *op.cast() }
}

/// `CDataObject_Check`.
#[inline]
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op is live.
    unsafe { typeobj::instance_of(op, &raw mut PYCDATA_TYPE) }
}

/// `PyCData_MallocBuffer`: zeroed memory for `size` bytes, inline when
/// it fits.
unsafe fn malloc_buffer(obj: &mut CDataObject, size: Py_ssize_t) -> PyResult<()> {
    if size as usize <= std::mem::size_of::<Value>() {
        obj.b_ptr = obj.b_value.0.as_mut_ptr();
        obj.b_needsfree = 1;
    } else {
        // SAFETY: a fresh zeroed block.
        let p = unsafe { libc::calloc(size as usize, 1) };
        if p.is_null() {
            return Err(errors::no_memory());
        }
        obj.b_ptr = p.cast();
        obj.b_needsfree = 1;
    }
    obj.b_size = size;
    Ok(())
}

/// Allocates an instance of `tp` without initializing the memory fields.
unsafe fn alloc(tp: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: tp is a ctypes type whose layout starts with CDataObject.
    unsafe {
        let t: *mut PyTypeObject = tp.cast();
        let f = (*t)
            .tp_alloc
            .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
        errors::check(f(t, 0))
    }
}

/// `generic_pycdata_new`: a new instance of `tp` owning zeroed memory.
pub unsafe fn new_instance(tp: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: tp is a type; its info checked first.
    unsafe {
        let info = stginfo::require(tp)?;
        info.flags |= stginfo::DICTFLAG_FINAL;
        let (size, length) = (info.size, info.length);
        let obj = alloc(tp)?;
        let c = cd(obj.as_ptr());
        c.b_length = length;
        malloc_buffer(c, size)?;
        Ok(obj)
    }
}

/// `PyCData_FromBaseObj`: an instance of `tp` over `adr`, sharing the
/// memory of `base` (or a copy of it when `base` is NULL).
pub unsafe fn from_base_obj(
    tp: *mut PyObject,
    base: *mut PyObject,
    index: Py_ssize_t,
    adr: *mut u8,
) -> PyResult<Owned> {
    // SAFETY: adr points at info.size bytes inside base's memory.
    unsafe {
        let info = stginfo::require(tp)?;
        info.flags |= stginfo::DICTFLAG_FINAL;
        let (size, length) = (info.size, info.length);
        let obj = alloc(tp)?;
        let c = cd(obj.as_ptr());
        c.b_length = length;
        if base.is_null() {
            malloc_buffer(c, size)?;
            std::ptr::copy_nonoverlapping(adr, c.b_ptr, size as usize);
        } else {
            c.b_ptr = adr;
            c.b_needsfree = 0;
            c.b_size = size;
            c.b_base = new_ref(base).cast();
            c.b_index = index;
        }
        Ok(obj)
    }
}

/// `PyCData_AtAddress`: an instance of `tp` over foreign memory.
pub unsafe fn at_address(tp: *mut PyObject, adr: *mut u8) -> PyResult<Owned> {
    crate::runtime::audit::audit_with(c"ctypes.cdata", || {
        Ok(vec![crate::object::int::from_i64(adr as isize as i64)?])
    })?;
    // SAFETY: the caller vouches for adr.
    unsafe {
        let info = stginfo::require(tp)?;
        info.flags |= stginfo::DICTFLAG_FINAL;
        let (size, length) = (info.size, info.length);
        let obj = alloc(tp)?;
        let c = cd(obj.as_ptr());
        c.b_ptr = adr;
        c.b_needsfree = 0;
        c.b_length = length;
        c.b_size = size;
        Ok(obj)
    }
}

/// `PyCData_GetContainer`: the root object that holds the kept objects,
/// with its container made.
pub unsafe fn get_container(mut obj: *mut CDataObject) -> PyResult<*mut CDataObject> {
    // SAFETY: a chain of live ctypes instances.
    unsafe {
        while !(*obj).b_base.is_null() {
            obj = (*obj).b_base;
        }
        if (*obj).b_objects.is_null() {
            (*obj).b_objects = if (*obj).b_length != 0 {
                dict::new()?.into_raw()
            } else {
                new_ref(none::none())
            };
        }
        Ok(obj)
    }
}

/// `unique_key`: the key of the object at `index` of `target` in its
/// root's container ("index:index_in_base:...", hexadecimal).
unsafe fn unique_key(mut target: *mut CDataObject, index: Py_ssize_t) -> PyResult<Owned> {
    use std::fmt::Write;
    let mut s = format!("{index:x}");
    // SAFETY: a chain of live instances.
    unsafe {
        while !(*target).b_base.is_null() {
            let _ = write!(s, ":{:x}", (*target).b_index);
            target = (*target).b_base;
        }
    }
    pystr::from_str(&s)
}

/// `KeepRef`: keeps `keep` alive as long as `target`'s memory.
pub unsafe fn keep_ref(target: *mut PyObject, index: Py_ssize_t, keep: Owned) -> PyResult<()> {
    // SAFETY: target is a ctypes instance.
    unsafe {
        if keep.as_ptr() == none::none() {
            return Ok(());
        }
        let t: *mut CDataObject = target.cast();
        let root = get_container(t)?;
        if (*root).b_objects.is_null() || !dict::check_exact((*root).b_objects) {
            xdecref(std::mem::replace(&mut (*root).b_objects, keep.into_raw()));
            return Ok(());
        }
        let key = unique_key(t, index)?;
        dict::set_item((*root).b_objects, key.as_ptr(), keep.as_ptr())
    }
}

/// `GetKeepedObjects`: the kept objects of `target`'s root.
pub unsafe fn kept_objects(target: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: target is a ctypes instance.
    unsafe {
        let root = get_container(target.cast())?;
        Ok(Owned::from_borrowed((*root).b_objects))
    }
}

pub(super) unsafe extern "C" fn cdata_dealloc(op: *mut PyObject) {
    // SAFETY: op's refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        cdata_clear(op);
        let c = cd(op);
        if c.b_needsfree != 0 && c.b_ptr != c.b_value.0.as_mut_ptr() && !c.b_ptr.is_null() {
            libc::free(c.b_ptr.cast());
        }
        c.b_ptr = null_mut();
        let tp = (*op).ob_type;
        match (*tp).tp_free {
            Some(f) => f(op.cast()),
            None => crate::object::alloc::gc_free(op.cast()),
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

pub(super) unsafe extern "C" fn cdata_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: op is a ctypes instance.
    unsafe {
        let c = cd(op);
        crate::object::gc::visit_all(&[c.b_objects, c.b_base.cast()], visit, arg)
    }
}

pub(super) unsafe extern "C" fn cdata_clear(op: *mut PyObject) -> c_int {
    // SAFETY: op is a ctypes instance.
    unsafe {
        let c = cd(op);
        xdecref(std::mem::replace(&mut c.b_objects, null_mut()));
        xdecref(std::mem::replace(&mut c.b_base, null_mut()).cast());
        0
    }
}

/// The element type of an array type, through nested arrays
/// (`PyCData_item_type`).
unsafe fn item_type(mut tp: *mut PyObject) -> *mut PyObject {
    // SAFETY: tp is a ctypes type.
    unsafe {
        while super::array::is_array_type(tp) {
            match stginfo::from_type(tp) {
                Some(info) if !info.proto.is_null() => tp = info.proto,
                _ => break,
            }
        }
        tp
    }
}

/// `PyCData_NewGetBuffer`.
unsafe extern "C" fn cdata_getbuffer(
    op: *mut PyObject,
    view: *mut Py_buffer,
    flags: c_int,
) -> c_int {
    // SAFETY: op is a ctypes instance; view is writable.
    unsafe {
        let _ = flags;
        let tp: *mut PyObject = (*op).ob_type.cast();
        let Some(info) = stginfo::from_type(tp) else {
            errors::type_error("abstract class");
            return -1;
        };
        let itemsize = stginfo::from_type(item_type(tp)).map_or(info.size, |i| i.size);
        let c = cd(op);
        let v = &mut *view;
        v.buf = c.b_ptr.cast();
        v.obj = new_ref(op);
        v.len = c.b_size;
        v.readonly = 0;
        v.format = if info.format.is_null() {
            c"B".as_ptr().cast_mut()
        } else {
            info.format
        };
        v.ndim = info.ndim;
        v.shape = info.shape;
        v.itemsize = itemsize;
        v.strides = null_mut();
        v.suboffsets = null_mut();
        v.internal = null_mut();
        0
    }
}

unsafe extern "C" fn get_b_base(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a ctypes instance.
    unsafe {
        let b = cd(op).b_base;
        new_ref(if b.is_null() { none::none() } else { b.cast() })
    }
}

unsafe extern "C" fn get_needsfree(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a ctypes instance.
    unsafe { new_ref(crate::object::bool::from_bool(cd(op).b_needsfree != 0)) }
}

unsafe extern "C" fn get_objects(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a ctypes instance.
    unsafe {
        let o = cd(op).b_objects;
        new_ref(if o.is_null() { none::none() } else { o })
    }
}

/// Readies `_CData`.
pub unsafe fn ready() -> PyResult<()> {
    // SAFETY: a static type.
    unsafe { typeobj::ready(&raw mut PYCDATA_TYPE) }
}

/// The StgInfo of `op`'s type (an instance), or "abstract class".
pub unsafe fn info_of<'a>(op: *mut PyObject) -> PyResult<&'a mut StgInfo> {
    // SAFETY: forwarded.
    unsafe { stginfo::require((*op).ob_type.cast()) }
}
