//! `type`: the type of types. `PyType_Ready` (slot inheritance, MRO, the type
//! dict filled from `tp_methods`/`tp_members`/`tp_getset`), attribute lookup
//! along the MRO, `type.__call__`, subtype checks.
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::{descr, dict, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_char, c_int, c_void};
use std::ffi::CStr;
use std::ptr::null_mut;

/// A zeroed type object named `name` whose type is `type`; static types
/// start from this and fill in their slots with struct-update syntax.
pub const fn type_template(name: &'static CStr, basicsize: usize, itemsize: usize) -> PyTypeObject {
    // SAFETY: every field of PyTypeObject is a pointer, an Option of a
    // function pointer or an integer, all valid when zero.
    let mut t: PyTypeObject = unsafe { std::mem::zeroed() };
    t.ob_base = static_var_head(&raw mut PyType_Type, 0);
    t.tp_name = name.as_ptr();
    t.tp_basicsize = basicsize as Py_ssize_t;
    t.tp_itemsize = itemsize as Py_ssize_t;
    t
}

/// `PyType_Type`: the metatype.
#[no_mangle]
pub static mut PyType_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_TYPE_SUBCLASS | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(type_dealloc),
    tp_traverse: Some(type_traverse),
    tp_clear: Some(type_clear),
    tp_is_gc: Some(type_is_gc),
    tp_repr: Some(type_repr),
    tp_call: Some(type_call),
    tp_new: Some(crate::object::typenew::type_new),
    tp_getattro: Some(type_getattro),
    tp_setattro: Some(type_setattro),
    tp_getset: (&raw const TYPE_GETSET).cast_mut().cast(),
    tp_members: (&raw const TYPE_MEMBERS).cast_mut().cast(),
    tp_as_number: &raw mut TYPE_AS_NUMBER,
    tp_init: Some(type_init),
    tp_methods: (&raw const TYPE_METHODS).cast_mut().cast(),
    tp_weaklistoffset: std::mem::offset_of!(PyTypeObject, tp_weaklist) as Py_ssize_t,
    // A class's attributes are its tp_dict: metaclasses add no dict slot.
    tp_dictoffset: std::mem::offset_of!(PyTypeObject, tp_dict) as Py_ssize_t,
    tp_doc: c"type(object) -> the type of object\ntype(name, bases, dict, **kwds) -> a new class"
        .as_ptr(),
    ..type_template(
        c"type",
        std::mem::size_of::<PyHeapTypeObject>(),
        std::mem::size_of::<PyMemberDef>(),
    )
};

/// `type.__init__`: takes the arguments `type.__new__` took (1 or 3, and
/// keywords only with 3) and does nothing with them.
unsafe extern "C" fn type_init(
    _op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> libc::c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: args is a tuple, kwds NULL or a dict.
        unsafe {
            let n = crate::object::tuple::size(args);
            if n == 1 && !kwds.is_null() && dict::len(kwds) != 0 {
                return Err(errors::type_error(
                    "type.__init__() takes no keyword arguments",
                ));
            }
            if n != 1 && n != 3 {
                return Err(errors::type_error("type.__init__() takes 1 or 3 arguments"));
            }
            Ok(())
        }
    })
}

/// `X | Y` for classes builds a union.
static mut TYPE_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_or: Some(crate::object::union::type_or),
    // SAFETY: every other field is an Option of a function pointer.
    ..unsafe { std::mem::zeroed() }
};

static TYPE_METHODS: [PyMethodDef; 7] = [
    crate::object::dir::TYPE_DIR,
    descr::method(c"mro", type_mro as *const libc::c_void, METH_NOARGS).with_doc(c"mro($self, /)\n--\n\nThe method resolution order of the type, as a list; a metaclass may\noverride it."),
    descr::method(
        c"__subclasses__",
        type_subclasses as *const libc::c_void,
        METH_NOARGS,
    ).with_doc(c"__subclasses__($self, /)\n--\n\nA list of the immediate subclasses that are still alive."),
    descr::method(
        c"__instancecheck__",
        type_instancecheck as *const libc::c_void,
        METH_O,
    ).with_doc(c"__instancecheck__($self, instance, /)\n--\n\nTrue if instance is an instance of the class (isinstance())."),
    descr::method(
        c"__subclasscheck__",
        type_subclasscheck as *const libc::c_void,
        METH_O,
    ).with_doc(c"__subclasscheck__($self, subclass, /)\n--\n\nTrue if subclass is a subclass of the class (issubclass())."),
    descr::method(
        c"__prepare__",
        type_prepare as *const libc::c_void,
        METH_VARARGS | METH_KEYWORDS | METH_CLASS,
    ).with_doc(c"__prepare__($cls, name, bases, /, **kwds)\n--\n\nThe namespace for a new class body: an empty dict by default."),
    descr::METHOD_END,
];

/// `type.mro()`: the method resolution order, as a list.
unsafe extern "C" fn type_mro(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a type.
        unsafe {
            let mro = crate::object::typemro::implementation(op.cast())?;
            crate::object::list::from_slice(tuple::items(mro.as_ptr()))
        }
    })
}

/// `type.__subclasses__()`.
unsafe extern "C" fn type_subclasses(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a type.
    crate::capi::boundary::guard_obj(|| unsafe { crate::object::subclasses::list_of(op.cast()) })
}

/// `type.__instancecheck__(instance)`: the check without hooks.
unsafe extern "C" fn type_instancecheck(op: *mut PyObject, inst: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a type, inst valid.
        let r = unsafe { crate::object::instancecheck::plain_isinstance(inst, op)? };
        Ok(Owned::from_borrowed_static(crate::object::bool::from_bool(
            r,
        )))
    })
}

/// `type.__subclasscheck__(subclass)`: the check without hooks.
unsafe extern "C" fn type_subclasscheck(op: *mut PyObject, sub: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a type, sub valid.
        let r = unsafe { crate::object::instancecheck::plain_issubclass(sub, op)? };
        Ok(Owned::from_borrowed_static(crate::object::bool::from_bool(
            r,
        )))
    })
}

/// `type.__prepare__(name, bases, **kwds)`: a new empty namespace.
unsafe extern "C" fn type_prepare(
    _cls: *mut PyObject,
    _args: *mut PyObject,
    _kwds: *mut PyObject,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(dict::new)
}

/// The layout numbers of a type, as CPython exposes them.
static TYPE_MEMBERS: [PyMemberDef; 6] = [
    descr::readonly_member(
        c"__basicsize__",
        Py_T_PYSSIZET,
        std::mem::offset_of!(PyTypeObject, tp_basicsize),
    ),
    descr::readonly_member(
        c"__itemsize__",
        Py_T_PYSSIZET,
        std::mem::offset_of!(PyTypeObject, tp_itemsize),
    ),
    descr::readonly_member(
        c"__flags__",
        Py_T_ULONG,
        std::mem::offset_of!(PyTypeObject, tp_flags),
    ),
    descr::readonly_member(
        c"__weakrefoffset__",
        Py_T_PYSSIZET,
        std::mem::offset_of!(PyTypeObject, tp_weaklistoffset),
    ),
    descr::readonly_member(
        c"__dictoffset__",
        Py_T_PYSSIZET,
        std::mem::offset_of!(PyTypeObject, tp_dictoffset),
    ),
    crate::object::exceptions::MEMBER_END,
];

/// `type.__text_signature__`: the signature line of `tp_doc`, or None.
unsafe extern "C" fn type_get_text_signature(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a type; tp_name and tp_doc are NUL-terminated.
        unsafe {
            let tp = op.cast::<PyTypeObject>();
            crate::object::textsig::signature((*tp).tp_name, (*tp).tp_doc)
        }
    })
}

/// `type.__doc__` (`type_get_doc`): a static type's `tp_doc` without its
/// signature line; a heap type's `__doc__` entry, bound through its
/// `__get__` when it has one (None when absent).
unsafe extern "C" fn type_get_doc(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a type; tp_name and tp_doc are NUL-terminated.
        unsafe {
            let tp = op.cast::<PyTypeObject>();
            if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0 && !(*tp).tp_doc.is_null() {
                return crate::object::textsig::doc((*tp).tp_name, (*tp).tp_doc);
            }
            let doc = dict::get_item_known_hash_str((*tp).tp_dict, crate::interned!("__doc__"));
            if doc.is_null() {
                return Ok(crate::object::none::owned());
            }
            match (*(*doc).ob_type).tp_descr_get {
                Some(get) => errors::check(get(doc, null_mut(), op)),
                None => Ok(Owned::from_borrowed(doc)),
            }
        }
    })
}

/// `type.__doc__ = value` (`type_set_doc`): stored in a mutable type's dict.
unsafe extern "C" fn type_set_doc(
    op: *mut PyObject,
    value: *mut PyObject,
    _c: *mut c_void,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a type; value NULL (delete) or valid.
        unsafe {
            let tp: *mut PyTypeObject = op.cast();
            crate::object::typebases::check_settable(tp, value, "__doc__")?;
            dict::set_item((*tp).tp_dict, crate::interned!("__doc__"), value)?;
            modified(tp);
            Ok(())
        }
    })
}

static TYPE_GETSET: [PyGetSetDef; 14] = [
    descr::getset(c"__doc__", Some(type_get_doc), Some(type_set_doc)),
    descr::getset(c"__text_signature__", Some(type_get_text_signature), None),
    descr::getset(
        c"__abstractmethods__",
        Some(type_get_abstractmethods),
        Some(type_set_abstractmethods),
    ),
    descr::getset(
        c"__bases__",
        Some(type_get_bases),
        Some(crate::object::typebases::set_bases),
    ),
    descr::getset(c"__base__", Some(type_get_base), None),
    descr::getset(c"__name__", Some(type_get_name), Some(type_set_name)),
    descr::getset(
        c"__qualname__",
        Some(type_get_qualname),
        Some(type_set_qualname),
    ),
    descr::getset(c"__module__", Some(type_get_module), Some(type_set_module)),
    descr::getset(c"__mro__", Some(type_get_mro), None),
    descr::getset(c"__dict__", Some(type_get_dict), None),
    descr::getset(
        c"__annotations__",
        Some(crate::object::typeannotations::get_annotations),
        Some(crate::object::typeannotations::set_annotations),
    ),
    descr::getset(
        c"__annotate__",
        Some(crate::object::typeannotations::get_annotate),
        Some(crate::object::typeannotations::set_annotate),
    ),
    descr::getset(
        c"__type_params__",
        Some(crate::object::typebases::get_type_params),
        Some(crate::object::typebases::set_type_params),
    ),
    descr::GETSET_END,
];

/// The `tp_name` of `tp` as text.
pub unsafe fn name_of(tp: *mut PyTypeObject) -> &'static str {
    // SAFETY: tp_name is a NUL-terminated string living as long as the type.
    unsafe { CStr::from_ptr((*tp).tp_name).to_str().unwrap_or("?") }
}

/// The short name (`__name__`): `tp_name` after its last dot.
pub unsafe fn short_name(tp: *mut PyTypeObject) -> &'static str {
    // SAFETY: as name_of.
    let n = unsafe { name_of(tp) };
    n.rsplit('.').next().unwrap_or(n)
}

/// The type name of an object, for messages (`Py_TYPE(o)->tp_name`).
pub unsafe fn type_name(op: *mut PyObject) -> &'static str {
    // SAFETY: op is a valid object.
    unsafe { name_of((*op).ob_type) }
}

/// `PyType_IsSubtype`: via the MRO once ready, else the `tp_base` chain.
pub unsafe fn is_subtype(a: *mut PyTypeObject, b: *mut PyTypeObject) -> bool {
    // SAFETY: a and b are valid types.
    unsafe {
        let mro = (*a).tp_mro;
        if !mro.is_null() {
            // A custom mro() may leave the class itself out.
            let items = tuple::items(mro);
            return items.iter().any(|&t| t == b.cast());
        }
        base_chain_reaches(a, b)
    }
}

/// Whether `b` is `a` or on its `tp_base` chain (`type_is_subtype_base_chain`):
/// subtyping before `a` has an MRO.
pub(crate) unsafe fn base_chain_reaches(a: *mut PyTypeObject, b: *mut PyTypeObject) -> bool {
    // SAFETY: a and b are valid types; tp_base chains end in NULL.
    unsafe {
        let mut t = a;
        while !t.is_null() {
            if t == b {
                return true;
            }
            t = (*t).tp_base;
        }
        b == &raw mut crate::object::object::PyBaseObject_Type
    }
}

/// `PyObject_TypeCheck`.
#[inline]
pub unsafe fn instance_of(op: *mut PyObject, tp: *mut PyTypeObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == tp || is_subtype((*op).ob_type, tp) }
}

/// Undoes `ready` for a static type at finalization: releases its dict, MRO
/// and bases so that the next initialization starts afresh.
pub unsafe fn clear_static(tp: *mut PyTypeObject) {
    // SAFETY: tp is a static type; nothing uses it once the runtime is
    // finalized.
    unsafe {
        crate::object::subclasses::clear(tp);
        for field in [&mut (*tp).tp_dict, &mut (*tp).tp_mro, &mut (*tp).tp_bases] {
            let old = std::mem::replace(field, null_mut());
            xdecref(old);
        }
        (*tp).tp_flags &= !Py_TPFLAGS_READY;
    }
}

/// Static types readied since startup (the builtin modules' types and
/// extensions' static types), in the order they became ready.
static READIED_STATIC: std::sync::Mutex<Vec<usize>> = std::sync::Mutex::new(Vec::new());

/// Takes the list of static types readied since the last call, in the
/// order they became ready (finalization clears them, latest first, so
/// that the next initialization readies them afresh).
pub fn take_readied_static() -> Vec<*mut PyTypeObject> {
    std::mem::take(&mut *READIED_STATIC.lock().unwrap_or_else(|e| e.into_inner()))
        .into_iter()
        .map(|p| p as *mut PyTypeObject)
        .collect()
}

/// `_PyType_Lookup`: the attribute `name` in the dicts along the MRO
/// (borrowed, NULL when absent). Never raises.
pub unsafe fn lookup(tp: *mut PyTypeObject, name: *mut PyObject) -> *mut PyObject {
    // SAFETY: name is a str; interned names live as long as the runtime, so
    // their address identifies them in the cache.
    let cacheable = unsafe { pystr::is_interned(name) };
    if cacheable {
        if let Some(v) = crate::object::typecache::get(tp as usize, name as usize) {
            return v;
        }
    }
    // SAFETY: as lookup_uncached.
    let v = unsafe { lookup_uncached(tp, name) };
    if cacheable {
        crate::object::typecache::put(tp as usize, name as usize, v);
    }
    v
}

/// The MRO walk of `lookup`.
unsafe fn lookup_uncached(tp: *mut PyTypeObject, name: *mut PyObject) -> *mut PyObject {
    // SAFETY: tp is ready, so tp_mro is a tuple of ready types with dicts.
    unsafe {
        let mro = (*tp).tp_mro;
        if mro.is_null() {
            return null_mut();
        }
        // A key's __eq__ may assign __bases__, replacing the MRO.
        let mro = Owned::from_borrowed(mro);
        for &base in tuple::items(mro.as_ptr()) {
            let d = (*base.cast::<PyTypeObject>()).tp_dict;
            if d.is_null() {
                continue;
            }
            let v = dict::get_item_known_hash_str(d, name);
            if !v.is_null() {
                return v;
            }
        }
        null_mut()
    }
}

/// `_PyType_Lookup` by a Rust string.
pub unsafe fn lookup_str(tp: *mut PyTypeObject, name: &str) -> *mut PyObject {
    let key = pystr::intern(name);
    // SAFETY: tp ready; key is an interned str.
    unsafe { lookup(tp, key) }
}

macro_rules! inherit {
    ($tp:ident, $base:ident, $($field:ident),*) => {
        $(if (*$tp).$field.is_none() { (*$tp).$field = (*$base).$field; })*
    };
}

macro_rules! inherit_table {
    ($tp:ident, $base:ident, $table:ident, $($field:ident),*) => {
        if !(*$base).$table.is_null() {
            if (*$tp).$table.is_null() {
                (*$tp).$table = (*$base).$table;
            } else if (*$tp).$table != (*$base).$table {
                let t = (*$tp).$table;
                let b = (*$base).$table;
                $(if (*t).$field.is_none() { (*t).$field = (*b).$field; })*
            }
        }
    };
}

/// `PyType_Ready`: finishes a type's initialization. Idempotent.
pub unsafe fn ready(tp: *mut PyTypeObject) -> PyResult<()> {
    // SAFETY: tp points at a type object that lives for the process (static)
    // or as long as its references (heap); its base types likewise.
    unsafe {
        if (*tp).tp_flags & Py_TPFLAGS_READY != 0 {
            return Ok(());
        }
        if (*tp).tp_flags & Py_TPFLAGS_READYING != 0 {
            return Ok(());
        }
        (*tp).tp_flags |= Py_TPFLAGS_READYING;
        // A new type may reuse the address of a freed one.
        crate::object::typecache::invalidate();
        let object_type = &raw mut crate::object::object::PyBaseObject_Type;
        if (*tp).tp_base.is_null() && tp != object_type {
            (*tp).tp_base = object_type;
        }
        let base = (*tp).tp_base;
        if !base.is_null() {
            ready(base)?;
        }
        // As type_ready_pre_checks: a static type made directly on object
        // without a constructor of its own cannot be instantiated (object's
        // would leave its fields zeroed). Ferrython's static types that are
        // bases for Python classes (CPython makes those heap types, e.g.
        // `typing.Generic`) keep object's constructor.
        if (*tp).tp_flags & (Py_TPFLAGS_HEAPTYPE | Py_TPFLAGS_BASETYPE) == 0
            && base == object_type
            && (*tp).tp_new.is_none()
        {
            (*tp).tp_flags |= Py_TPFLAGS_DISALLOW_INSTANTIATION;
        }
        if (*tp).ob_base.ob_base.ob_type.is_null() && !base.is_null() {
            (*tp).ob_base.ob_base.ob_type = (*base).ob_base.ob_base.ob_type;
        }
        if (*tp).tp_bases.is_null() {
            let bases = if base.is_null() {
                tuple::empty()
            } else {
                tuple::pack(&[base.cast()])?
            };
            (*tp).tp_bases = bases.into_raw();
        }
        if (*tp).tp_dict.is_null() {
            (*tp).tp_dict = dict::new()?.into_raw();
        }
        crate::object::typemro::internal(tp)?;
        // The dict gets the type's own slots, methods, members and getsets
        // before inheritance fills the remaining slots from the base.
        crate::object::slotdefs::add_slot_wrappers(tp)?;
        descr::add_methods(tp)?;
        descr::add_members(tp)?;
        descr::add_getsets(tp)?;
        add_doc(tp)?;
        if !base.is_null() {
            inherit_slots(tp, base);
        }
        inherit_patma_flags(tp);
        (*tp).tp_flags = ((*tp).tp_flags & !Py_TPFLAGS_READYING) | Py_TPFLAGS_READY;
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0 {
            READIED_STATIC
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(tp as usize);
        }
        crate::object::subclasses::register(tp)
    }
}

unsafe fn add_doc(tp: *mut PyTypeObject) -> PyResult<()> {
    // SAFETY: tp is being readied, its dict exists.
    unsafe {
        let key = crate::interned!("__doc__");
        if !dict::get_item_known_hash_str((*tp).tp_dict, key).is_null() {
            return Ok(());
        }
        // Without the signature line, which `__text_signature__` shows.
        let doc = crate::object::textsig::doc((*tp).tp_name, (*tp).tp_doc)?;
        dict::set_item((*tp).tp_dict, key, doc.as_ptr())
    }
}

/// Pattern matching's sequence/mapping kind, unless `tp` sets one: that of
/// the first class in its MRO that has one (`inherit_patma_flags`, applied
/// along the MRO as CPython's `type_ready_inherit` does).
unsafe fn inherit_patma_flags(tp: *mut PyTypeObject) {
    const KIND: u64 = Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_MAPPING;
    // SAFETY: tp is being readied; its MRO holds live objects.
    unsafe {
        let mro = (*tp).tp_mro;
        if (*tp).tp_flags & KIND != 0 || mro.is_null() || !tuple::check(mro) {
            return;
        }
        for &b in tuple::items(mro).iter().skip(1) {
            if !instance_of(b, &raw mut PyType_Type) {
                continue;
            }
            let kind = (*b.cast::<PyTypeObject>()).tp_flags & KIND;
            if kind != 0 {
                (*tp).tp_flags |= kind;
                return;
            }
        }
    }
}

/// Copies the slots `tp` leaves empty from `base` (`inherit_slots`).
unsafe fn inherit_slots(tp: *mut PyTypeObject, base: *mut PyTypeObject) {
    // SAFETY: both are valid types; the tables are static or heap-type inline.
    unsafe {
        if (*tp).tp_basicsize == 0 {
            (*tp).tp_basicsize = (*base).tp_basicsize;
        }
        if (*tp).tp_itemsize == 0 {
            (*tp).tp_itemsize = (*base).tp_itemsize;
        }
        (*tp).tp_flags |= (*base).tp_flags
            & (Py_TPFLAGS_LONG_SUBCLASS
                | Py_TPFLAGS_LIST_SUBCLASS
                | Py_TPFLAGS_TUPLE_SUBCLASS
                | Py_TPFLAGS_BYTES_SUBCLASS
                | Py_TPFLAGS_UNICODE_SUBCLASS
                | Py_TPFLAGS_DICT_SUBCLASS
                | Py_TPFLAGS_BASE_EXC_SUBCLASS
                | Py_TPFLAGS_TYPE_SUBCLASS
                | _Py_TPFLAGS_MATCH_SELF);
        // A type that adds no traverse/clear of its own collects like its
        // base (our static types that keep their base's layout, such as the
        // exception classes, rely on this even when they set the flag).
        if (*base).tp_flags & Py_TPFLAGS_HAVE_GC != 0
            && (*tp).tp_traverse.is_none()
            && (*tp).tp_clear.is_none()
        {
            (*tp).tp_flags |= Py_TPFLAGS_HAVE_GC;
            (*tp).tp_traverse = (*base).tp_traverse;
            (*tp).tp_clear = (*base).tp_clear;
        }
        inherit_table!(
            tp,
            base,
            tp_as_number,
            nb_add,
            nb_subtract,
            nb_multiply,
            nb_remainder,
            nb_divmod,
            nb_power,
            nb_negative,
            nb_positive,
            nb_absolute,
            nb_bool,
            nb_invert,
            nb_lshift,
            nb_rshift,
            nb_and,
            nb_xor,
            nb_or,
            nb_int,
            nb_float,
            nb_inplace_add,
            nb_inplace_subtract,
            nb_inplace_multiply,
            nb_inplace_remainder,
            nb_inplace_power,
            nb_inplace_lshift,
            nb_inplace_rshift,
            nb_inplace_and,
            nb_inplace_xor,
            nb_inplace_or,
            nb_floor_divide,
            nb_true_divide,
            nb_inplace_floor_divide,
            nb_inplace_true_divide,
            nb_index,
            nb_matrix_multiply,
            nb_inplace_matrix_multiply
        );
        inherit_table!(
            tp,
            base,
            tp_as_sequence,
            sq_length,
            sq_concat,
            sq_repeat,
            sq_item,
            sq_ass_item,
            sq_contains,
            sq_inplace_concat,
            sq_inplace_repeat
        );
        inherit_table!(
            tp,
            base,
            tp_as_mapping,
            mp_length,
            mp_subscript,
            mp_ass_subscript
        );
        inherit_table!(tp, base, tp_as_async, am_await, am_aiter, am_anext, am_send);
        inherit_table!(tp, base, tp_as_buffer, bf_getbuffer, bf_releasebuffer);
        // A collected type under a plain base frees with the GC allocator.
        if (*tp).tp_free.is_none()
            && (*tp).tp_flags & Py_TPFLAGS_HAVE_GC != 0
            && (*base).tp_flags & Py_TPFLAGS_HAVE_GC == 0
        {
            (*tp).tp_free = Some(crate::capi::gc::PyObject_GC_Del);
        }
        inherit!(
            tp,
            base,
            tp_dealloc,
            tp_repr,
            tp_call,
            tp_str,
            tp_getattro,
            tp_setattro,
            tp_iter,
            tp_iternext,
            tp_descr_get,
            tp_descr_set,
            tp_init,
            tp_alloc,
            tp_new,
            tp_free,
            tp_finalize,
            tp_is_gc
        );
        // As type_ready_set_new: such a type has no constructor at all.
        if (*tp).tp_flags & Py_TPFLAGS_DISALLOW_INSTANTIATION != 0 {
            (*tp).tp_new = None;
        }
        if (*tp).tp_getattr.is_none() && (*tp).tp_getattro.is_none() {
            (*tp).tp_getattr = (*base).tp_getattr;
        }
        if (*tp).tp_richcompare.is_none() && (*tp).tp_hash.is_none() {
            (*tp).tp_richcompare = (*base).tp_richcompare;
            (*tp).tp_hash = (*base).tp_hash;
        }
        if (*tp).tp_dictoffset == 0 {
            (*tp).tp_dictoffset = (*base).tp_dictoffset;
        }
        if (*tp).tp_weaklistoffset == 0 {
            (*tp).tp_weaklistoffset = (*base).tp_weaklistoffset;
        }
        if (*tp).tp_vectorcall_offset == 0 && (*base).tp_flags & Py_TPFLAGS_HAVE_VECTORCALL != 0 {
            (*tp).tp_vectorcall_offset = (*base).tp_vectorcall_offset;
        }
    }
}

/// `type.__repr__`: `<class 'module.Name'>`.
unsafe extern "C" fn type_repr(op: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a type object.
        unsafe {
            let tp: *mut PyTypeObject = op.cast();
            let module = module_name(tp)?;
            let qual = qualname(tp)?;
            let text = match module.as_deref() {
                Some("builtins") | None => format!("<class '{qual}'>"),
                Some(m) => format!("<class '{m}.{qual}'>"),
            };
            pystr::from_str(&text)
        }
    })
}

/// The `__module__` of a type as text, if it has one.
pub unsafe fn module_name(tp: *mut PyTypeObject) -> PyResult<Option<String>> {
    // SAFETY: tp is a ready type.
    unsafe {
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            let m = dict::get_item_known_hash_str((*tp).tp_dict, crate::interned!("__module__"));
            if !m.is_null() && pystr::check(m) {
                return Ok(Some(pystr::as_str(m)?.to_string()));
            }
            return Ok(None);
        }
        let n = name_of(tp);
        Ok(Some(match n.rfind('.') {
            Some(i) => n[..i].to_string(),
            None => "builtins".to_string(),
        }))
    }
}

/// The `__qualname__` of a type as text.
pub unsafe fn qualname(tp: *mut PyTypeObject) -> PyResult<String> {
    // SAFETY: tp is a valid type; heap types carry ht_qualname.
    unsafe {
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            let ht: *mut PyHeapTypeObject = tp.cast();
            if !(*ht).ht_qualname.is_null() {
                return Ok(pystr::as_str((*ht).ht_qualname)?.to_string());
            }
        }
        Ok(short_name(tp).to_string())
    }
}

/// `module.qualname` with `sep` between, or the bare qualified name for
/// builtins and `__main__` (`_PyType_GetFullyQualifiedName`; what `%T`
/// shows).
pub unsafe fn fully_qualified_name(tp: *mut PyTypeObject, sep: &str) -> PyResult<String> {
    // SAFETY: tp is a type.
    unsafe {
        let q = qualname(tp)?;
        Ok(match module_name(tp)?.as_deref() {
            None | Some("builtins") | Some("__main__") => q,
            Some(m) => format!("{m}{sep}{q}"),
        })
    }
}

unsafe extern "C" fn type_get_name(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a type.
        unsafe {
            let tp: *mut PyTypeObject = op.cast();
            if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
                let ht: *mut PyHeapTypeObject = tp.cast();
                if !(*ht).ht_name.is_null() {
                    return Ok(Owned::from_borrowed((*ht).ht_name));
                }
            }
            pystr::from_str(short_name(tp))
        }
    })
}

/// `type.__qualname__`: a heap type's own `ht_qualname` object (the same
/// object each time, as `inspect.classify_class_attrs` compares with `is`).
unsafe extern "C" fn type_get_qualname(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a type; heap types carry ht_qualname.
        unsafe {
            let tp: *mut PyTypeObject = op.cast();
            if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
                let ht: *mut PyHeapTypeObject = tp.cast();
                if !(*ht).ht_qualname.is_null() {
                    return Ok(Owned::from_borrowed((*ht).ht_qualname));
                }
            }
            pystr::from_str(short_name(tp))
        }
    })
}

unsafe extern "C" fn type_get_module(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a type.
        unsafe {
            let tp: *mut PyTypeObject = op.cast();
            if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
                let m =
                    dict::get_item_known_hash_str((*tp).tp_dict, crate::interned!("__module__"));
                if !m.is_null() {
                    return Ok(Owned::from_borrowed(m));
                }
                return Err(errors::attribute_error("__module__"));
            }
            pystr::from_str(&module_name(tp)?.unwrap_or_default())
        }
    })
}

/// Checks an assignment to a name attribute of `tp`: only a mutable heap
/// type's name can change (the descriptor's `__set__` can be called on any
/// type), `value` must be a str and deletion is refused.
unsafe fn check_name_value(
    tp: *mut PyTypeObject,
    attr: &str,
    value: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: tp is a type; value NULL or valid.
    unsafe {
        crate::object::typebases::check_settable(tp, value, attr)?;
        if !pystr::check(value) {
            return Err(errors::type_error(format!(
                "can only assign string to {}.{attr}, not '{}'",
                name_of(tp),
                type_name(value)
            )));
        }
        Ok(())
    }
}

unsafe extern "C" fn type_set_name(
    op: *mut PyObject,
    value: *mut PyObject,
    _c: *mut libc::c_void,
) -> libc::c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a type; check_name_value refuses all but mutable
        // heap types, whose layout starts with PyHeapTypeObject.
        unsafe {
            let tp: *mut PyTypeObject = op.cast();
            check_name_value(tp, "__name__", value)?;
            let text = pystr::as_str(value)?;
            if text.contains('\0') {
                return Err(errors::value_error(
                    "type name must not contain null characters",
                ));
            }
            let ht: *mut PyHeapTypeObject = tp.cast();
            let cname = crate::object::heaptype::copy_cstr(text.as_bytes())?;
            let old = std::mem::replace(&mut (*ht)._ht_tpname, cname);
            (*tp).tp_name = cname;
            if !old.is_null() {
                crate::object::alloc::raw_free(old.cast());
            }
            xdecref(std::mem::replace(&mut (*ht).ht_name, new_ref(value)));
            Ok(())
        }
    })
}

unsafe extern "C" fn type_set_qualname(
    op: *mut PyObject,
    value: *mut PyObject,
    _c: *mut libc::c_void,
) -> libc::c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: as type_set_name.
        unsafe {
            let tp: *mut PyTypeObject = op.cast();
            check_name_value(tp, "__qualname__", value)?;
            let ht: *mut PyHeapTypeObject = tp.cast();
            xdecref(std::mem::replace(&mut (*ht).ht_qualname, new_ref(value)));
            Ok(())
        }
    })
}

unsafe extern "C" fn type_set_module(
    op: *mut PyObject,
    value: *mut PyObject,
    _c: *mut libc::c_void,
) -> libc::c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a type; value NULL (delete) or valid.
        unsafe {
            let tp: *mut PyTypeObject = op.cast();
            crate::object::typebases::check_settable(tp, value, "__module__")?;
            dict::set_item((*tp).tp_dict, crate::interned!("__module__"), value)?;
            // The class moved: its first line number no longer applies.
            let first = crate::interned!("__firstlineno__");
            if !dict::get_item_known_hash_str((*tp).tp_dict, first).is_null() {
                dict::del_item((*tp).tp_dict, first)?;
            }
            modified(tp);
            Ok(())
        }
    })
}

unsafe extern "C" fn type_get_mro(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
    // SAFETY: op is a type; tp_mro is a tuple or NULL.
    unsafe {
        let mro = (*op.cast::<PyTypeObject>()).tp_mro;
        if mro.is_null() {
            new_ref(crate::object::none::none())
        } else {
            new_ref(mro)
        }
    }
}

unsafe extern "C" fn type_get_abstractmethods(
    op: *mut PyObject,
    _c: *mut libc::c_void,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a type with a dict.
        unsafe {
            // `type` itself has the descriptor but no such attribute.
            let v = if op == (&raw mut PyType_Type).cast() {
                null_mut()
            } else {
                dict::get_item_known_hash_str(
                    (*op.cast::<PyTypeObject>()).tp_dict,
                    crate::interned!("__abstractmethods__"),
                )
            };
            if v.is_null() {
                return Err(errors::attribute_error("__abstractmethods__"));
            }
            Ok(Owned::from_borrowed(v))
        }
    })
}

/// Setting `__abstractmethods__` also sets whether the class may be
/// instantiated (`Py_TPFLAGS_IS_ABSTRACT`), as `abc` relies on.
unsafe extern "C" fn type_set_abstractmethods(
    op: *mut PyObject,
    value: *mut PyObject,
    _c: *mut libc::c_void,
) -> libc::c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a type, ready, so its tp_dict exists.
        unsafe {
            let tp: *mut PyTypeObject = op.cast();
            let abstract_ = if value.is_null() {
                if !dict::del_item_opt((*tp).tp_dict, crate::interned!("__abstractmethods__"))? {
                    return Err(errors::attribute_error("__abstractmethods__"));
                }
                false
            } else {
                let truth = crate::object::protocol::is_true(value)?;
                dict::set_item(
                    (*tp).tp_dict,
                    crate::interned!("__abstractmethods__"),
                    value,
                )?;
                truth
            };
            crate::object::typecache::invalidate();
            if abstract_ {
                (*tp).tp_flags |= Py_TPFLAGS_IS_ABSTRACT;
            } else {
                (*tp).tp_flags &= !Py_TPFLAGS_IS_ABSTRACT;
            }
            Ok(())
        }
    })
}

unsafe extern "C" fn type_get_bases(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
    // SAFETY: op is a type; tp_bases is a tuple once the type is ready.
    unsafe {
        let bases = (*op.cast::<PyTypeObject>()).tp_bases;
        if bases.is_null() {
            return crate::object::tuple::empty().into_raw();
        }
        new_ref(bases)
    }
}

unsafe extern "C" fn type_get_base(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
    // SAFETY: op is a type.
    unsafe {
        let base = (*op.cast::<PyTypeObject>()).tp_base;
        new_ref(if base.is_null() {
            crate::object::none::none()
        } else {
            base.cast()
        })
    }
}

unsafe extern "C" fn type_get_dict(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
    // SAFETY: op is a ready type with a dict; the read-only proxy keeps the
    // attribute cache honest.
    crate::capi::boundary::guard_obj(|| unsafe {
        crate::object::mappingproxy::new((*op.cast::<PyTypeObject>()).tp_dict)
    })
}

/// `type.__getattribute__`: data descriptors of the metatype, then the
/// type's own MRO (binding with `__get__(None, type)`), then the metatype's.
pub unsafe extern "C" fn type_getattro(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a type, name valid.
        unsafe {
            match type_getattr_opt(op, name)? {
                Some(v) => Ok(v),
                None => Err(no_type_attribute(op.cast(), name)),
            }
        }
    })
}

/// `_Py_type_getattro_impl` with `suppress_missing_attribute`: the
/// attribute of the type `op`, or `Ok(None)` when it is missing, without
/// making an `AttributeError` (one raised by a descriptor still propagates).
pub unsafe fn type_getattr_opt(op: *mut PyObject, name: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: op is a type, name valid.
    unsafe {
        check_attr_name(name)?;
        let tp: *mut PyTypeObject = op.cast();
        let meta = (*op).ob_type;
        let meta_attr = lookup(meta, name);
        let mut meta_get = None;
        if !meta_attr.is_null() {
            meta_get = (*(*meta_attr).ob_type).tp_descr_get;
            if let (Some(g), Some(_)) = (meta_get, (*(*meta_attr).ob_type).tp_descr_set) {
                return errors::check(g(meta_attr, op, meta.cast())).map(Some);
            }
        }
        let attr = lookup(tp, name);
        if !attr.is_null() {
            if let Some(get) = (*(*attr).ob_type).tp_descr_get {
                return errors::check(get(attr, null_mut(), op)).map(Some);
            }
            return Ok(Some(Owned::from_borrowed(attr)));
        }
        if let Some(get) = meta_get {
            return errors::check(get(meta_attr, op, meta.cast())).map(Some);
        }
        if !meta_attr.is_null() {
            return Ok(Some(Owned::from_borrowed(meta_attr)));
        }
        Ok(None)
    }
}

/// `type.__setattr__`: heap types only.
unsafe extern "C" fn type_setattro(
    op: *mut PyObject,
    name: *mut PyObject,
    value: *mut PyObject,
) -> libc::c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a type, name valid, value NULL (delete) or valid.
        unsafe {
            check_attr_name(name)?;
            let tp: *mut PyTypeObject = op.cast();
            if (*tp).tp_flags & Py_TPFLAGS_IMMUTABLETYPE != 0
                || (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0
            {
                return Err(errors::type_error(format!(
                    "cannot set {} attribute of immutable type '{}'",
                    crate::object::protocol::repr_string(name)?,
                    name_of(tp)
                )));
            }
            let meta_attr = lookup((*op).ob_type, name);
            if !meta_attr.is_null() {
                if let Some(set) = (*(*meta_attr).ob_type).tp_descr_set {
                    if set(meta_attr, op, value) < 0 {
                        return Err(Raised::assume());
                    }
                    return Ok(());
                }
            }
            if value.is_null() {
                if !dict::del_item_opt((*tp).tp_dict, name)? {
                    return Err(no_type_attribute(tp, name));
                }
            } else {
                dict::set_item((*tp).tp_dict, name, value)?;
            }
            modified(tp);
            // A slot's dunder name is valid UTF-8.
            match pystr::as_str_opt(name) {
                Some(n) => crate::object::typenew::update_slot(tp, n),
                None => Ok(()),
            }
        }
    })
}

/// `type.__getattribute__(cls, 3)` and the like: a name must be a str.
unsafe fn check_attr_name(name: *mut PyObject) -> PyResult<()> {
    // SAFETY: name is a live object.
    unsafe {
        if pystr::check(name) {
            return Ok(());
        }
        Err(errors::type_error(format!(
            "attribute name must be string, not '{}'",
            type_name(name)
        )))
    }
}

/// `AttributeError: type object 'T' has no attribute 'name'`.
unsafe fn no_type_attribute(tp: *mut PyTypeObject, name: *mut PyObject) -> Raised {
    // SAFETY: tp is a type, name a str; the class is static.
    unsafe {
        errors::set_with_name(
            crate::object::exceptions::PyExc_AttributeError,
            &format!("type object '{}' has no attribute '", short_name(tp)),
            name,
            "'",
        )
    }
}

/// `PyType_Modified`: invalidates caches derived from the type's dict.
pub unsafe fn modified(tp: *mut PyTypeObject) {
    // SAFETY: tp is valid.
    unsafe { (*tp).tp_version_tag = 0 };
    crate::object::typecache::invalidate();
}

/// `type.__call__`: `type(x)` gives x's type; otherwise `tp_new` then, when
/// the result is an instance, `tp_init`.
pub unsafe extern "C" fn type_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a type; args a tuple; kwargs NULL or a dict.
        unsafe {
            let tp: *mut PyTypeObject = op.cast();
            if tp == &raw mut PyType_Type {
                let n = tuple::size(args);
                let nk = if kwargs.is_null() {
                    0
                } else {
                    dict::len(kwargs)
                };
                if n == 1 && nk == 0 {
                    return Ok(Owned::from_borrowed(
                        (*tuple::items(args)[0]).ob_type.cast(),
                    ));
                }
                if n != 3 {
                    return Err(errors::type_error("type() takes 1 or 3 arguments"));
                }
            }
            let Some(new) = (*tp).tp_new else {
                return Err(errors::type_error(format!(
                    "cannot create '{}' instances",
                    name_of(tp)
                )));
            };
            let obj = errors::check(new(tp, args, kwargs))?;
            if !instance_of(obj.as_ptr(), tp) {
                return Ok(obj);
            }
            let otp = (*obj.as_ptr()).ob_type;
            if let Some(init) = (*otp).tp_init {
                if init(obj.as_ptr(), args, kwargs) < 0 {
                    return Err(Raised::assume());
                }
            }
            Ok(obj)
        }
    })
}

/// Deallocates a heap type.
unsafe extern "C" fn type_dealloc(op: *mut PyObject) {
    // SAFETY: op is a heap type whose refcount reached zero; static types are
    // immortal and never get here.
    unsafe {
        crate::object::gc::untrack(op);
        let tp: *mut PyTypeObject = op.cast();
        if !(*tp).tp_weaklist.is_null() {
            crate::object::weakref::clear_weakrefs(op);
        }
        crate::object::typecache::invalidate();
        crate::object::subclasses::unregister(tp);
        crate::object::subclasses::clear(tp);
        xdecref((*tp).tp_dict);
        xdecref((*tp).tp_cache);
        xdecref((*tp).tp_bases);
        xdecref((*tp).tp_mro);
        xdecref((*tp).tp_base.cast());
        let ht: *mut PyHeapTypeObject = tp.cast();
        xdecref((*ht).ht_name);
        xdecref((*ht).ht_qualname);
        xdecref((*ht).ht_slots);
        xdecref((*ht).ht_module);
        if !(*ht)._ht_tpname.is_null() {
            crate::object::alloc::raw_free((*ht)._ht_tpname.cast());
        }
        crate::object::heaptype::free_owned_parts(tp);
        // A class made by a metaclass written in Python holds a reference
        // to it, as every instance of a heap type does.
        let meta = (*op).ob_type;
        crate::object::alloc::gc_free(op.cast());
        if (*meta).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(meta.cast());
        }
    }
}

/// `type_is_gc`: only heap types carry a GC header; static types are
/// immortal statics.
unsafe extern "C" fn type_is_gc(op: *mut PyObject) -> c_int {
    // SAFETY: op is a type object.
    unsafe { ((*op.cast::<PyTypeObject>()).tp_flags & Py_TPFLAGS_HEAPTYPE != 0) as c_int }
}

/// `type_traverse`: a heap type holds its dict, MRO, bases, base, cache
/// and defining module.
unsafe extern "C" fn type_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    // SAFETY: op is a type object; the fields are owned or NULL.
    unsafe {
        let tp: *mut PyTypeObject = op.cast();
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0 {
            return 0;
        }
        let ht: *mut PyHeapTypeObject = tp.cast();
        crate::object::gc::visit_all(
            &[
                (*tp).tp_dict,
                (*tp).tp_cache,
                (*tp).tp_mro,
                (*tp).tp_bases,
                (*tp).tp_base.cast(),
                (*ht).ht_module,
            ],
            visit,
            arg,
        )
    }
}

/// `type_clear`: empties a heap type's dict and drops its MRO and module
/// (the bases stay: a cycle through them also runs through a dict).
unsafe extern "C" fn type_clear(op: *mut PyObject) -> c_int {
    // SAFETY: op is a heap type (only those are collected).
    unsafe {
        let tp: *mut PyTypeObject = op.cast();
        crate::object::typecache::invalidate();
        if !(*tp).tp_dict.is_null() {
            crate::object::dict::clear((*tp).tp_dict);
        }
        let ht: *mut PyHeapTypeObject = tp.cast();
        xdecref(std::mem::replace(&mut (*ht).ht_module, null_mut()));
        xdecref(std::mem::replace(&mut (*tp).tp_mro, null_mut()));
        xdecref(std::mem::replace(&mut (*tp).tp_cache, null_mut()));
        0
    }
}

/// A `*const c_char` for diagnostics; `p` is NULL or a NUL-terminated
/// string that outlives the result.
pub unsafe fn cstr_or(p: *const c_char, default: &str) -> &str {
    if p.is_null() {
        return default;
    }
    // SAFETY: the caller passes a NUL-terminated string.
    unsafe { CStr::from_ptr(p).to_str().unwrap_or(default) }
}

/// Creates a heap type `module.qualname` deriving from `base`, with the
/// class attributes of `dict` (may be NULL) — the machinery under
/// `PyErr_NewException`.
pub unsafe fn new_heap_type(
    module: Option<&str>,
    qualname: &str,
    base: *mut PyTypeObject,
    dict_src: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: PyType_Type is ready; the new type is filled before PyType_Ready.
    unsafe {
        let short = qualname.rsplit('.').next().unwrap_or(qualname);
        let full = match module {
            Some(m) if m != "builtins" => format!("{m}.{short}"),
            _ => short.to_string(),
        };
        let ty = crate::object::heaptype::alloc(&raw mut PyType_Type, &full, 0)?;
        let tp: *mut PyTypeObject = ty.as_ptr().cast();
        let ht: *mut PyHeapTypeObject = tp.cast();
        let old = std::mem::replace(
            &mut (*ht).ht_qualname,
            pystr::from_str(qualname)?.into_raw(),
        );
        xdecref(old);
        (*tp).tp_base = new_ref(base.cast()).cast();
        (*tp).tp_flags =
            Py_TPFLAGS_HEAPTYPE | Py_TPFLAGS_BASETYPE | ((*base).tp_flags & Py_TPFLAGS_HAVE_GC);
        (*tp).tp_basicsize = (*base).tp_basicsize;
        (*tp).tp_itemsize = (*base).tp_itemsize;
        let d = dict::new()?;
        if !dict_src.is_null() {
            let mut pos = 0;
            while let Some((k, v)) = dict::next(dict_src, &mut pos) {
                dict::set_item(d.as_ptr(), k, v)?;
            }
        }
        let module_key = crate::interned!("__module__");
        if dict::get_item_known_hash_str(d.as_ptr(), module_key).is_null() {
            if let Some(m) = module {
                dict::set_item(d.as_ptr(), module_key, pystr::from_str(m)?.as_ptr())?;
            }
        }
        (*tp).tp_dict = d.into_raw();
        ready(tp)?;
        Ok(ty)
    }
}

/// The keyword arguments a constructor without keyword parameters must
/// reject: none when `tp` is a subclass with its own `__init__`, which takes
/// them instead (the `type->tp_init != base->tp_init` test of CPython's
/// generated `tp_new` parsers; `base` is the nearest static type).
pub unsafe fn positional_ctor_kwargs(
    tp: *mut PyTypeObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: tp and its bases are valid types.
    unsafe {
        let mut base = tp;
        while (*base).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 && !(*base).tp_base.is_null() {
            base = (*base).tp_base;
        }
        let same_init = match ((*tp).tp_init, (*base).tp_init) {
            (Some(a), Some(b)) => std::ptr::fn_addr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        if base != tp && !same_init {
            std::ptr::null_mut()
        } else {
            kwargs
        }
    }
}
