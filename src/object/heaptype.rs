//! Heap types made from C: `PyType_FromSpec` and friends (PEP 384, 573,
//! 630, 697), the slot-id table behind them and `PyType_GetSlot`, and the
//! module/token accessors of heap types.
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::{self, PyType_Type};
use crate::object::{dict, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_char, c_int, c_void};
use std::ffi::CStr;
use std::ptr::null_mut;

/// Where the value of slot `id` lives in `tp` (`None` for an unknown id or
/// a sub-table the type does not have). Heap types have all sub-tables.
pub unsafe fn slot_ptr(tp: *mut PyTypeObject, id: c_int) -> Option<*mut *mut c_void> {
    macro_rules! top {
        ($f:ident) => {
            Some((&raw mut (*tp).$f).cast::<*mut c_void>())
        };
    }
    macro_rules! sub {
        ($t:ident, $f:ident) => {
            if (*tp).$t.is_null() {
                None
            } else {
                Some((&raw mut (*(*tp).$t).$f).cast::<*mut c_void>())
            }
        };
    }
    // SAFETY: tp is a valid type; sub-tables are checked for NULL.
    unsafe {
        match id {
            Py_bf_getbuffer => sub!(tp_as_buffer, bf_getbuffer),
            Py_bf_releasebuffer => sub!(tp_as_buffer, bf_releasebuffer),
            Py_mp_ass_subscript => sub!(tp_as_mapping, mp_ass_subscript),
            Py_mp_length => sub!(tp_as_mapping, mp_length),
            Py_mp_subscript => sub!(tp_as_mapping, mp_subscript),
            Py_nb_absolute => sub!(tp_as_number, nb_absolute),
            Py_nb_add => sub!(tp_as_number, nb_add),
            Py_nb_and => sub!(tp_as_number, nb_and),
            Py_nb_bool => sub!(tp_as_number, nb_bool),
            Py_nb_divmod => sub!(tp_as_number, nb_divmod),
            Py_nb_float => sub!(tp_as_number, nb_float),
            Py_nb_floor_divide => sub!(tp_as_number, nb_floor_divide),
            Py_nb_index => sub!(tp_as_number, nb_index),
            Py_nb_inplace_add => sub!(tp_as_number, nb_inplace_add),
            Py_nb_inplace_and => sub!(tp_as_number, nb_inplace_and),
            Py_nb_inplace_floor_divide => sub!(tp_as_number, nb_inplace_floor_divide),
            Py_nb_inplace_lshift => sub!(tp_as_number, nb_inplace_lshift),
            Py_nb_inplace_multiply => sub!(tp_as_number, nb_inplace_multiply),
            Py_nb_inplace_or => sub!(tp_as_number, nb_inplace_or),
            Py_nb_inplace_power => sub!(tp_as_number, nb_inplace_power),
            Py_nb_inplace_remainder => sub!(tp_as_number, nb_inplace_remainder),
            Py_nb_inplace_rshift => sub!(tp_as_number, nb_inplace_rshift),
            Py_nb_inplace_subtract => sub!(tp_as_number, nb_inplace_subtract),
            Py_nb_inplace_true_divide => sub!(tp_as_number, nb_inplace_true_divide),
            Py_nb_inplace_xor => sub!(tp_as_number, nb_inplace_xor),
            Py_nb_int => sub!(tp_as_number, nb_int),
            Py_nb_invert => sub!(tp_as_number, nb_invert),
            Py_nb_lshift => sub!(tp_as_number, nb_lshift),
            Py_nb_multiply => sub!(tp_as_number, nb_multiply),
            Py_nb_negative => sub!(tp_as_number, nb_negative),
            Py_nb_or => sub!(tp_as_number, nb_or),
            Py_nb_positive => sub!(tp_as_number, nb_positive),
            Py_nb_power => sub!(tp_as_number, nb_power),
            Py_nb_remainder => sub!(tp_as_number, nb_remainder),
            Py_nb_rshift => sub!(tp_as_number, nb_rshift),
            Py_nb_subtract => sub!(tp_as_number, nb_subtract),
            Py_nb_true_divide => sub!(tp_as_number, nb_true_divide),
            Py_nb_xor => sub!(tp_as_number, nb_xor),
            Py_sq_ass_item => sub!(tp_as_sequence, sq_ass_item),
            Py_sq_concat => sub!(tp_as_sequence, sq_concat),
            Py_sq_contains => sub!(tp_as_sequence, sq_contains),
            Py_sq_inplace_concat => sub!(tp_as_sequence, sq_inplace_concat),
            Py_sq_inplace_repeat => sub!(tp_as_sequence, sq_inplace_repeat),
            Py_sq_item => sub!(tp_as_sequence, sq_item),
            Py_sq_length => sub!(tp_as_sequence, sq_length),
            Py_sq_repeat => sub!(tp_as_sequence, sq_repeat),
            Py_tp_alloc => top!(tp_alloc),
            Py_tp_base => top!(tp_base),
            Py_tp_bases => top!(tp_bases),
            Py_tp_call => top!(tp_call),
            Py_tp_clear => top!(tp_clear),
            Py_tp_dealloc => top!(tp_dealloc),
            Py_tp_del => top!(tp_del),
            Py_tp_descr_get => top!(tp_descr_get),
            Py_tp_descr_set => top!(tp_descr_set),
            Py_tp_doc => top!(tp_doc),
            Py_tp_getattr => top!(tp_getattr),
            Py_tp_getattro => top!(tp_getattro),
            Py_tp_hash => top!(tp_hash),
            Py_tp_init => top!(tp_init),
            Py_tp_is_gc => top!(tp_is_gc),
            Py_tp_iter => top!(tp_iter),
            Py_tp_iternext => top!(tp_iternext),
            Py_tp_methods => top!(tp_methods),
            Py_tp_new => top!(tp_new),
            Py_tp_repr => top!(tp_repr),
            Py_tp_richcompare => top!(tp_richcompare),
            Py_tp_setattr => top!(tp_setattr),
            Py_tp_setattro => top!(tp_setattro),
            Py_tp_str => top!(tp_str),
            Py_tp_traverse => top!(tp_traverse),
            Py_tp_members => top!(tp_members),
            Py_tp_getset => top!(tp_getset),
            Py_tp_free => top!(tp_free),
            Py_nb_matrix_multiply => sub!(tp_as_number, nb_matrix_multiply),
            Py_nb_inplace_matrix_multiply => sub!(tp_as_number, nb_inplace_matrix_multiply),
            Py_am_await => sub!(tp_as_async, am_await),
            Py_am_aiter => sub!(tp_as_async, am_aiter),
            Py_am_anext => sub!(tp_as_async, am_anext),
            Py_tp_finalize => top!(tp_finalize),
            Py_am_send => sub!(tp_as_async, am_send),
            Py_tp_vectorcall => top!(tp_vectorcall),
            Py_tp_token => {
                if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0 {
                    None
                } else {
                    Some((&raw mut (*tp.cast::<PyHeapTypeObject>()).ht_token).cast())
                }
            }
            _ => None,
        }
    }
}

/// A heap type allocated with the metatype `meta`, `extra_members` member
/// slots after it, named `qualname` (its `tp_name` is `full_name`), with
/// inline slot tables; not readied.
pub unsafe fn alloc(
    meta: *mut PyTypeObject,
    full_name: &str,
    extra_members: usize,
) -> PyResult<Owned> {
    // SAFETY: meta is a ready metatype whose instances are heap types.
    unsafe {
        let alloc = (*meta)
            .tp_alloc
            .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
        let op = errors::check(alloc(meta, extra_members as Py_ssize_t))?;
        let ht: *mut PyHeapTypeObject = op.as_ptr().cast();
        let tp: *mut PyTypeObject = ht.cast();
        let short = full_name.rsplit('.').next().unwrap_or(full_name);
        (*ht).ht_name = pystr::from_str(short)?.into_raw();
        (*ht).ht_qualname = pystr::from_str(short)?.into_raw();
        let cname = copy_cstr(full_name.as_bytes())?;
        (*ht)._ht_tpname = cname;
        (*tp).tp_name = cname;
        (*tp).tp_as_async = &raw mut (*ht).as_async;
        (*tp).tp_as_number = &raw mut (*ht).as_number;
        (*tp).tp_as_mapping = &raw mut (*ht).as_mapping;
        (*tp).tp_as_sequence = &raw mut (*ht).as_sequence;
        (*tp).tp_as_buffer = &raw mut (*ht).as_buffer;
        (*tp).tp_flags = Py_TPFLAGS_HEAPTYPE;
        Ok(op)
    }
}

/// A NUL-terminated copy of `s` from the object allocator.
pub(crate) unsafe fn copy_cstr(s: &[u8]) -> PyResult<*mut c_char> {
    // SAFETY: a fresh block of len + 1 bytes.
    unsafe {
        let p = crate::object::alloc::raw_malloc(s.len() + 1) as *mut c_char;
        if p.is_null() {
            return Err(errors::no_memory());
        }
        std::ptr::copy_nonoverlapping(s.as_ptr(), p.cast(), s.len());
        *p.add(s.len()) = 0;
        Ok(p)
    }
}

/// The members stored after a heap type made from a spec: after the
/// metatype's instance layout (`PyHeapType_GET_MEMBERS`).
unsafe fn member_storage(tp: *mut PyTypeObject) -> *mut PyMemberDef {
    // SAFETY: alloc() reserved the member slots right after the metatype's
    // basic size.
    unsafe {
        let meta = (*tp).ob_base.ob_base.ob_type;
        tp.cast::<u8>().add((*meta).tp_basicsize as usize).cast()
    }
}

/// `PyType_FromMetaclass`: the heap type described by `spec`.
pub unsafe fn from_spec(
    meta: *mut PyTypeObject,
    module: *mut PyObject,
    spec: *const PyType_Spec,
    bases_in: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: spec and its slot array are valid for the call (the type
    // copies what it keeps); bases_in is NULL, a type or a tuple of types.
    unsafe {
        let full = CStr::from_ptr((*spec).name)
            .to_str()
            .map_err(|_| errors::value_error("type name is not valid UTF-8"))?;
        let slots: &[PyType_Slot] = {
            let mut n = 0;
            while !(*spec).slots.is_null() && (*(*spec).slots.add(n)).slot != 0 {
                n += 1;
            }
            if n == 0 {
                &[]
            } else {
                std::slice::from_raw_parts((*spec).slots, n)
            }
        };
        // Bases: the argument, else Py_tp_bases, else Py_tp_base, else object.
        let mut bases = bases_in;
        if bases.is_null() {
            if let Some(s) = slots.iter().find(|s| s.slot == Py_tp_bases) {
                bases = s.pfunc.cast();
            } else if let Some(s) = slots.iter().find(|s| s.slot == Py_tp_base) {
                bases = s.pfunc.cast();
            }
        }
        let bases = if bases.is_null() {
            tuple::pack(&[(&raw mut crate::object::object::PyBaseObject_Type).cast()])?
        } else if tuple::check(bases) {
            Owned::from_borrowed(bases)
        } else {
            tuple::pack(&[bases])?
        };
        let base_items = tuple::items(bases.as_ptr());
        for &b in base_items {
            if !typeobj::instance_of(b, &raw mut PyType_Type) {
                return Err(errors::type_error("bases must be types"));
            }
            let bt: *mut PyTypeObject = b.cast();
            if (*bt).tp_flags & Py_TPFLAGS_BASETYPE == 0 {
                return Err(errors::type_error(format!(
                    "type '{}' is not an acceptable base type",
                    typeobj::name_of(bt)
                )));
            }
        }
        let base: *mut PyTypeObject = base_items.first().copied().unwrap_or(null_mut()).cast();
        let meta = if meta.is_null() {
            (*base).ob_base.ob_base.ob_type
        } else {
            meta
        };
        if (*meta).tp_new.is_some()
            && (*meta).tp_new.map(|f| f as usize) != PyType_Type.tp_new.map(|f| f as usize)
        {
            return Err(errors::type_error(
                "Metaclasses with custom tp_new are not supported.",
            ));
        }
        // Members, counting the special ones that only set offsets.
        let member_defs: Vec<*const PyMemberDef> = slots
            .iter()
            .filter(|s| s.slot == Py_tp_members)
            .flat_map(|s| {
                let mut m = s.pfunc as *const PyMemberDef;
                let mut v = Vec::new();
                while !m.is_null() && !(*m).name.is_null() {
                    v.push(m);
                    m = m.add(1);
                }
                v
            })
            .collect();
        let ty = alloc(meta, full, member_defs.len())?;
        let tp: *mut PyTypeObject = ty.as_ptr().cast();
        let ht: *mut PyHeapTypeObject = tp.cast();
        let base_size = (*base).tp_basicsize;
        let basicsize = match (*spec).basicsize {
            0 => base_size,
            n if n < 0 => type_data_offset(base) + align_up(-(n as Py_ssize_t)),
            n => n as Py_ssize_t,
        };
        let relative_base = if (*spec).basicsize < 0 {
            type_data_offset(base)
        } else {
            0
        };
        (*tp).tp_basicsize = basicsize;
        (*tp).tp_itemsize = if (*spec).itemsize == 0 {
            (*base).tp_itemsize
        } else {
            (*spec).itemsize as Py_ssize_t
        };
        (*tp).tp_flags = (*spec).flags as libc::c_ulong | Py_TPFLAGS_HEAPTYPE;
        (*tp).tp_base = new_ref(base.cast()).cast();
        (*tp).tp_bases = bases.into_raw();
        (*ht).ht_module = if module.is_null() {
            null_mut()
        } else {
            new_ref(module)
        };
        let mut nstored = 0;
        for s in slots {
            match s.slot {
                Py_tp_base | Py_tp_bases => {}
                Py_tp_doc => {
                    if !s.pfunc.is_null() {
                        let doc = CStr::from_ptr(s.pfunc as *const c_char).to_bytes();
                        (*tp).tp_doc = copy_cstr(doc)?;
                    }
                }
                Py_tp_members => {}
                Py_tp_token => {
                    (*ht).ht_token = if s.pfunc.is_null() {
                        spec as *mut c_void
                    } else {
                        s.pfunc
                    };
                }
                id => match slot_ptr(tp, id) {
                    Some(p) => *p = s.pfunc,
                    None => {
                        return Err(errors::runtime_error(format!("invalid slot offset {id}")));
                    }
                },
            }
        }
        let storage = member_storage(tp);
        for &m in &member_defs {
            let name = CStr::from_ptr((*m).name).to_bytes();
            let mut offset = (*m).offset;
            if (*m).flags & Py_RELATIVE_OFFSET != 0 {
                offset += relative_base;
            }
            match name {
                b"__dictoffset__" => (*tp).tp_dictoffset = offset,
                b"__weaklistoffset__" => (*tp).tp_weaklistoffset = offset,
                b"__vectorcalloffset__" => {
                    (*tp).tp_vectorcall_offset = offset;
                    (*tp).tp_flags |= Py_TPFLAGS_HAVE_VECTORCALL;
                }
                _ => {
                    let d = storage.add(nstored);
                    std::ptr::copy_nonoverlapping(m, d, 1);
                    (*d).offset = offset;
                    (*d).flags &= !Py_RELATIVE_OFFSET;
                    nstored += 1;
                }
            }
        }
        if nstored > 0 {
            (*tp).tp_members = storage;
        }
        if (*tp).tp_flags & Py_TPFLAGS_HAVE_GC != 0
            && (*tp).tp_traverse.is_none()
            && (*base).tp_traverse.is_none()
        {
            return Err(errors::system_error(format!(
                "type {full} has the Py_TPFLAGS_HAVE_GC flag but has no traverse function"
            )));
        }
        let d = dict::new()?;
        if let Some(dot) = full.rfind('.') {
            dict::set_item(
                d.as_ptr(),
                crate::interned!("__module__"),
                pystr::from_str(&full[..dot])?.as_ptr(),
            )?;
        }
        (*tp).tp_dict = d.into_raw();
        typeobj::ready(tp)?;
        Ok(ty)
    }
}

/// `PyType_GetModule`: the module a heap type was made for.
pub unsafe fn module_of(tp: *mut PyTypeObject) -> PyResult<*mut PyObject> {
    // SAFETY: tp is a type.
    unsafe {
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0 {
            return Err(errors::type_error(format!(
                "PyType_GetModule: Type '{}' is not a heap type",
                typeobj::name_of(tp)
            )));
        }
        let m = (*tp.cast::<PyHeapTypeObject>()).ht_module;
        if m.is_null() {
            return Err(errors::type_error(format!(
                "PyType_GetModule: Type '{}' has no associated module",
                typeobj::name_of(tp)
            )));
        }
        Ok(m)
    }
}

/// `PyType_GetModuleByDef`: the module of the first heap type in the MRO
/// whose module was made from `def`.
pub unsafe fn module_by_def(
    tp: *mut PyTypeObject,
    def: *mut PyModuleDef,
) -> PyResult<*mut PyObject> {
    // SAFETY: tp is a ready type; its MRO a tuple of types.
    unsafe {
        for &t in tuple::items((*tp).tp_mro) {
            let t: *mut PyTypeObject = t.cast();
            if (*t).tp_flags & Py_TPFLAGS_HEAPTYPE == 0 {
                continue;
            }
            let m = (*t.cast::<PyHeapTypeObject>()).ht_module;
            if !m.is_null() && (*m.cast::<crate::object::module::PyModuleObject>()).md_def == def {
                return Ok(m);
            }
        }
        Err(errors::type_error(format!(
            "PyType_GetModuleByDef: No superclass of '{}' has the given module",
            typeobj::short_name(tp)
        )))
    }
}

/// `PyType_GetBaseByToken` (3.14): the first type in the MRO with `token`.
pub unsafe fn base_by_token(
    tp: *mut PyTypeObject,
    token: *mut c_void,
) -> Option<*mut PyTypeObject> {
    // SAFETY: tp is a ready type.
    unsafe {
        if (*tp).tp_mro.is_null() {
            return None;
        }
        tuple::items((*tp).tp_mro)
            .iter()
            .map(|&t| t.cast::<PyTypeObject>())
            .find(|&t| {
                (*t).tp_flags & Py_TPFLAGS_HEAPTYPE != 0
                    && (*t.cast::<PyHeapTypeObject>()).ht_token == token
            })
    }
}

/// Releases what `alloc`/`from_spec` gave a heap type (at its dealloc).
pub unsafe fn free_owned_parts(tp: *mut PyTypeObject) {
    // SAFETY: tp is a heap type being deallocated; tp_doc and _ht_tpname
    // were copied into blocks it owns.
    unsafe {
        if !(*tp).tp_doc.is_null() {
            crate::object::alloc::raw_free((*tp).tp_doc as *mut c_void);
            (*tp).tp_doc = std::ptr::null();
        }
    }
}

/// `_align_up`: `size` rounded up to the alignment of C's `max_align_t`
/// (16 bytes on the 64-bit targets).
fn align_up(size: Py_ssize_t) -> Py_ssize_t {
    const ALIGN: Py_ssize_t = 16;
    (size + ALIGN - 1) & !(ALIGN - 1)
}

/// Where the data a class adds to `base` starts in its instances (a spec
/// with a negative `basicsize`, `Py_RELATIVE_OFFSET` members,
/// `PyObject_GetTypeData`): after the base's part, aligned for any type.
pub unsafe fn type_data_offset(base: *mut PyTypeObject) -> Py_ssize_t {
    // SAFETY: base is NULL (no base) or a type.
    if base.is_null() {
        0
    } else {
        align_up(unsafe { (*base).tp_basicsize })
    }
}
