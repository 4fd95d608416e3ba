//! `PyCArrayType`, the metatype of array types (`c_int * 4`), and `Array`,
//! their base (`Modules/_ctypes/_ctypes.c`): `_type_` and `_length_`
//! give the layout; instances are sequences whose items are read and
//! written in place; arrays of `c_char` / `c_wchar` add `value` (and
//! `raw`).
use super::cdata::{self, cd};
use super::stginfo::{self, CTYPE_TYPE};
use super::{access, carg, fields, typemethods};
use crate::ffi::*;
use crate::object::descr::{getset, GETSET_END};
use crate::object::typeobj::{self, type_name, type_template, PyType_Type};
use crate::object::{bytes, dict, int, list, number, protocol, slice, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// `_ctypes.PyCArrayType`.
pub static mut ARRAY_TYPE_META: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE
        | Py_TPFLAGS_TYPE_SUBCLASS
        | Py_TPFLAGS_HAVE_GC
        | Py_TPFLAGS_IMMUTABLETYPE,
    tp_base: &raw mut CTYPE_TYPE,
    tp_init: Some(array_type_init),
    tp_methods: (&raw const ARRAY_TYPE_METHODS).cast_mut().cast(),
    tp_doc: c"metatype for the Array Objects".as_ptr(),
    ..type_template(c"_ctypes.PyCArrayType", 0, 0)
};

typemethods::ctype_methods!(ARRAY_TYPE_METHODS, 6, typemethods::generic_from_param_meth);

/// The `Array` type, made at module creation.
pub static mut ARRAY_BASE: *mut PyTypeObject = null_mut();

/// The cache of array types by (item type, length).
static mut ARRAY_CACHE: *mut PyObject = null_mut();

/// `PyCArrayTypeObject_Check`.
pub unsafe fn is_array_type(tp: *mut PyObject) -> bool {
    // SAFETY: tp is live.
    unsafe { typeobj::instance_of(tp, &raw mut ARRAY_TYPE_META) }
}

/// `ArrayObject_Check`.
pub unsafe fn is_array(op: *mut PyObject) -> bool {
    // SAFETY: op is live.
    unsafe { is_array_type((*op).ob_type.cast()) }
}

/// `PyCArrayType.__init__`.
unsafe extern "C" fn array_type_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a new class made by this metatype.
        unsafe {
            stginfo::init_class(op, args, kwds)?;
            stginfo::fresh(op)?;
            init_array(op)
        }
    })
}

unsafe fn init_array(op: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a class made by PyCArrayType.
    unsafe {
        let Some(len) = protocol::getattr_opt(op, crate::interned!("_length_"))? else {
            return Err(errors::attribute_error(
                "class must define a '_length_' attribute",
            ));
        };
        if !int::check(len.as_ptr()) {
            return Err(errors::type_error(
                "The '_length_' attribute must be an integer",
            ));
        }
        if int::sign(len.as_ptr()) < 0 {
            return Err(errors::value_error(
                "The '_length_' attribute must not be negative",
            ));
        }
        let length = match int::as_u64(len.as_ptr()).and_then(|v| isize::try_from(v).ok()) {
            Some(v) => v,
            None => {
                return Err(errors::overflow_error(
                    "The '_length_' attribute is too large",
                ))
            }
        };
        let Some(item) = protocol::getattr_opt(op, crate::interned!("_type_"))? else {
            return Err(errors::attribute_error(
                "class must define a '_type_' attribute",
            ));
        };
        let Some(iinfo) = stginfo::from_type(item.as_ptr()) else {
            return Err(errors::type_error("_type_ must have storage info"));
        };
        let size = iinfo
            .size
            .checked_mul(length)
            .ok_or_else(|| errors::overflow_error("array too large"))?;
        let info = &mut *stginfo::info_ptr(op);
        let fmt = stginfo::format_of(iinfo).to_owned();
        info.set_format(&fmt)?;
        let mut shape = vec![length];
        shape.extend_from_slice(iinfo.shape());
        info.set_shape(&shape)?;
        info.size = size;
        info.align = iinfo.align;
        info.length = length;
        info.proto = item.clone().into_raw();
        info.paramfunc = Some(array_paramfunc);
        info.ffi_type_pointer = libffi_sys::ffi_type_pointer;
        if iinfo.flags & (stginfo::TYPEFLAG_ISPOINTER | stginfo::TYPEFLAG_HASPOINTER) != 0 {
            info.flags |= stginfo::TYPEFLAG_HASPOINTER;
        }
        info.initialized = 1;
        let getsets: Option<&'static [PyGetSetDef]> = if fields::is_getfunc(iinfo.getfunc, b'c') {
            Some(&CHAR_ARRAY_GETSETS[..2])
        } else if fields::is_getfunc(iinfo.getfunc, b'u') {
            Some(&WCHAR_ARRAY_GETSETS[..1])
        } else {
            None
        };
        for g in getsets.into_iter().flatten() {
            let d =
                crate::object::descr::new_getset(op.cast(), (g as *const PyGetSetDef).cast_mut())?;
            dict::set_item(
                (*op.cast::<PyTypeObject>()).tp_dict,
                pystr::intern(std::ffi::CStr::from_ptr(g.name).to_str().unwrap_or("value")),
                d.as_ptr(),
            )?;
        }
        crate::object::typecache::invalidate();
        Ok(())
    }
}

/// `PyCArrayType_paramfunc`: an array passes as a pointer to its items.
unsafe fn array_paramfunc(obj: *mut cdata::CDataObject) -> PyResult<Owned> {
    // SAFETY: obj is an array instance.
    unsafe { carg::pointer((*obj).b_ptr, obj.cast()) }
}

/// `PyCArrayType_from_ctype`: the (cached) type `itemtype * length`.
pub unsafe fn from_ctype(itemtype: *mut PyObject, length: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: itemtype is live.
    unsafe {
        if ARRAY_CACHE.is_null() {
            ARRAY_CACHE = dict::new()?.into_raw();
        }
        let n = int::from_i64(length as i64)?;
        let key = tuple::pack(&[itemtype, n.as_ptr()])?;
        let hit = dict::get_item(ARRAY_CACHE, key.as_ptr())?;
        if !hit.is_null() {
            return Ok(Owned::from_borrowed(hit));
        }
        if !typeobj::instance_of(itemtype, &raw mut PyType_Type) {
            return Err(errors::type_error("Expected a type object"));
        }
        let name = format!("{}_Array_{length}", typeobj::name_of(itemtype.cast()));
        let ns = dict::new()?;
        dict::set_item(ns.as_ptr(), crate::interned!("_length_"), n.as_ptr())?;
        dict::set_item(ns.as_ptr(), crate::interned!("_type_"), itemtype)?;
        let bases = tuple::pack(&[ARRAY_BASE.cast()])?;
        let name = pystr::from_str(&name)?;
        let t = protocol::call_args(
            (&raw mut ARRAY_TYPE_META).cast(),
            &[name.as_ptr(), bases.as_ptr(), ns.as_ptr()],
        )?;
        dict::set_item(ARRAY_CACHE, key.as_ptr(), t.as_ptr())?;
        Ok(t)
    }
}

/// `CDataType_repeat` (`sq_repeat` of the ctypes metatypes): `tp * n`.
pub unsafe extern "C" fn type_repeat(tp: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: tp is a ctypes type.
        unsafe {
            if n < 0 {
                return Err(errors::value_error(format!(
                    "Array length must be >= 0, not {n}"
                )));
            }
            from_ctype(tp, n)
        }
    })
}

/// The item type and size of an array instance.
unsafe fn item_info(op: *mut PyObject) -> PyResult<(*mut PyObject, Py_ssize_t)> {
    // SAFETY: op is an array instance.
    unsafe {
        let info = cdata::info_of(op)?;
        let proto = info.proto;
        let size = stginfo::require(proto)?.size;
        Ok((proto, size))
    }
}

unsafe fn item(op: *mut PyObject, i: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: op is an array instance.
    unsafe {
        let c = cd(op);
        if i < 0 || i >= c.b_length {
            return Err(errors::index_error("invalid index"));
        }
        let (proto, size) = item_info(op)?;
        access::get(proto, None, op, i, size, c.b_ptr.add((i * size) as usize))
    }
}

unsafe fn ass_item(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is an array instance.
    unsafe {
        let c = cd(op);
        if i < 0 || i >= c.b_length {
            return Err(errors::index_error("invalid index"));
        }
        let (proto, size) = item_info(op)?;
        access::set(
            op,
            proto,
            None,
            v,
            i,
            size,
            c.b_ptr.add((i * size) as usize),
        )
    }
}

/// Reads the items selected by `ix` as bytes (char items), str (wchar
/// items) or a list (`Array_subscript` / `Pointer_subscript`).
pub unsafe fn slice_items(
    op: *mut PyObject,
    proto: *mut PyObject,
    base: *mut u8,
    ix: &slice::Indices,
    mut get: impl FnMut(Py_ssize_t) -> PyResult<Owned>,
) -> PyResult<Owned> {
    // SAFETY: base addresses the selected items.
    unsafe {
        let _ = op;
        let iinfo = stginfo::require(proto)?;
        if fields::is_getfunc(iinfo.getfunc, b'c') {
            let v: Vec<u8> = (0..ix.len).map(|k| *base.offset(ix.at(k))).collect();
            return bytes::from_slice(&v);
        }
        if fields::is_getfunc(iinfo.getfunc, b'u') {
            let p = base.cast::<u32>();
            let v: Vec<u32> = (0..ix.len)
                .map(|k| std::ptr::read_unaligned(p.offset(ix.at(k))))
                .collect();
            return pystr::from_ucs4(&v);
        }
        let l = list::new(0)?;
        for k in 0..ix.len {
            list::append(l.as_ptr(), get(ix.at(k))?.as_ptr())?;
        }
        Ok(l)
    }
}

unsafe extern "C" fn array_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is an array instance.
        unsafe {
            let len = cd(op).b_length;
            if number::index_check(key) {
                let mut i = number::as_ssize(key, crate::object::exceptions::PyExc_IndexError)?;
                if i < 0 {
                    i += len;
                }
                return item(op, i);
            }
            if slice::check(key) {
                let ix = slice::indices(key, len)?;
                let (proto, _) = item_info(op)?;
                return slice_items(op, proto, cd(op).b_ptr, &ix, |i| item(op, i));
            }
            Err(errors::type_error("indices must be integers"))
        }
    })
}

unsafe extern "C" fn array_ass_subscript(
    op: *mut PyObject,
    key: *mut PyObject,
    v: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is an array instance.
        unsafe {
            if v.is_null() {
                return Err(errors::type_error("Array does not support item deletion"));
            }
            let len = cd(op).b_length;
            if number::index_check(key) {
                let mut i = number::as_ssize(key, crate::object::exceptions::PyExc_IndexError)?;
                if i < 0 {
                    i += len;
                }
                return ass_item(op, i, v);
            }
            if slice::check(key) {
                let ix = slice::indices(key, len)?;
                let n = protocol::len(v)?;
                if n != ix.len {
                    return Err(errors::value_error("Can only assign sequence of same size"));
                }
                for k in 0..ix.len {
                    let kk = int::from_i64(k as i64)?;
                    let item_v = protocol::get_item(v, kk.as_ptr())?;
                    ass_item(op, ix.at(k), item_v.as_ptr())?;
                }
                return Ok(());
            }
            Err(errors::type_error("indices must be integer"))
        }
    })
}

unsafe extern "C" fn array_length(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is an array instance.
    unsafe { cd(op).b_length }
}

unsafe extern "C" fn array_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: op is an array instance.
    crate::capi::boundary::guard_obj(|| unsafe { item(op, i) })
}

unsafe extern "C" fn array_new(
    tp: *mut PyTypeObject,
    _a: *mut PyObject,
    _k: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: tp is an array type.
    crate::capi::boundary::guard_obj(|| unsafe { cdata::new_instance(tp.cast()) })
}

/// `Array.__init__(*items)`.
unsafe extern "C" fn array_init(
    op: *mut PyObject,
    args: *mut PyObject,
    _k: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is an array instance; args a tuple.
        unsafe {
            for (i, &v) in tuple::items(args).iter().enumerate() {
                ass_item(op, i as Py_ssize_t, v)?;
            }
            Ok(())
        }
    })
}

unsafe extern "C" fn char_value_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a char array.
    crate::capi::boundary::guard_obj(|| unsafe { fields::s_get(cd(op).b_ptr, cd(op).b_size) })
}

unsafe extern "C" fn char_value_set(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a char array.
        unsafe {
            if v.is_null() {
                return Err(errors::type_error("can't delete attribute"));
            }
            if !bytes::check(v) {
                return Err(errors::type_error(format!(
                    "bytes expected instead of {} instance",
                    type_name(v)
                )));
            }
            let data = bytes::as_slice(v);
            let c = cd(op);
            if data.len() > c.b_size as usize {
                return Err(errors::value_error("byte string too long"));
            }
            std::ptr::copy_nonoverlapping(data.as_ptr(), c.b_ptr, data.len());
            if data.len() < c.b_size as usize {
                *c.b_ptr.add(data.len()) = 0;
            }
            Ok(())
        }
    })
}

unsafe extern "C" fn char_raw_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a char array.
        unsafe {
            let c = cd(op);
            bytes::from_slice(std::slice::from_raw_parts(c.b_ptr, c.b_size as usize))
        }
    })
}

unsafe extern "C" fn char_raw_set(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a char array.
        unsafe {
            if v.is_null() {
                return Err(errors::attribute_error("cannot delete attribute"));
            }
            let g = crate::object::buffer::Guard::new(v, PyBUF_SIMPLE)?;
            let c = cd(op);
            if g.len() > c.b_size as usize {
                return Err(errors::value_error("byte string too long"));
            }
            std::ptr::copy_nonoverlapping(g.ptr(), c.b_ptr, g.len());
            Ok(())
        }
    })
}

unsafe extern "C" fn wchar_value_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a wchar array.
    crate::capi::boundary::guard_obj(|| unsafe { fields::uu_get(cd(op).b_ptr, cd(op).b_size) })
}

unsafe extern "C" fn wchar_value_set(
    op: *mut PyObject,
    v: *mut PyObject,
    _c: *mut c_void,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a wchar array.
        unsafe {
            if v.is_null() {
                return Err(errors::type_error("can't delete attribute"));
            }
            if !pystr::check(v) {
                return Err(errors::type_error(format!(
                    "unicode string expected instead of {} instance",
                    type_name(v)
                )));
            }
            let c = cd(op);
            if pystr::len(v) as usize > c.b_size as usize / 4 {
                return Err(errors::value_error("string too long"));
            }
            fields::uu_set(c.b_ptr, v, c.b_size)?;
            Ok(())
        }
    })
}

static CHAR_ARRAY_GETSETS: [PyGetSetDef; 3] = [
    getset(c"value", Some(char_value_get), Some(char_value_set)),
    getset(c"raw", Some(char_raw_get), Some(char_raw_set)),
    GETSET_END,
];

static WCHAR_ARRAY_GETSETS: [PyGetSetDef; 2] = [
    getset(c"value", Some(wchar_value_get), Some(wchar_value_set)),
    GETSET_END,
];

static ARRAY_METHODS: [PyMethodDef; 2] = [
    crate::object::genericalias::CLASS_GETITEM,
    crate::object::descr::METHOD_END,
];

/// Makes `Array`.
pub unsafe fn make_base() -> PyResult<Owned> {
    // SAFETY: the metatype is ready.
    unsafe {
        let t = super::basetype::make(
            &raw mut ARRAY_TYPE_META,
            "_ctypes.Array",
            c"Abstract base class for arrays.",
            std::mem::size_of::<cdata::CDataObject>(),
            |tp| {
                (*tp).tp_new = Some(array_new);
                (*tp).tp_init = Some(array_init);
                (*(*tp).tp_as_sequence).sq_length = Some(array_length);
                (*(*tp).tp_as_sequence).sq_item = Some(array_item);
                (*(*tp).tp_as_mapping).mp_length = Some(array_length);
                (*(*tp).tp_as_mapping).mp_subscript = Some(array_subscript);
                (*(*tp).tp_as_mapping).mp_ass_subscript = Some(array_ass_subscript);
                (*tp).tp_methods = (&raw const ARRAY_METHODS).cast_mut().cast();
            },
        )?;
        ARRAY_BASE = t.as_ptr().cast();
        Ok(t)
    }
}

/// Readies the metatype.
pub unsafe fn ready() -> PyResult<()> {
    // SAFETY: a static type.
    unsafe { typeobj::ready(&raw mut ARRAY_TYPE_META) }
}
