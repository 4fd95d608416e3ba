//! Slot wrappers: the dunder methods (`__repr__`, `__add__`, `__getitem__`
//! ...) that a type's C slots show to attribute lookup, as the
//! `wrapper_descriptor` type (`PyWrapperDescr_Type`) and its bound form
//! `method-wrapper`. `PyType_Ready` adds one for each slot a type defines
//! itself (CPython's `slotdefs` table and `add_operators`).
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::str_intern::Cached;
use crate::object::typeobj::{self, type_template};
use crate::object::{bool as pybool, dict, int, none, str as pystr, tuple};
use crate::runtime::errors::{self, check, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// Reads a slot of a type as an untyped pointer (NULL when empty).
type SlotGet = unsafe fn(*mut PyTypeObject) -> *mut c_void;
/// Calls the wrapped slot `f` for `self` with the call's arguments.
type Wrap = unsafe fn(&SlotDef, *mut PyObject, &[*mut PyObject], *mut c_void) -> PyResult<Owned>;

/// One entry of the slot table.
pub struct SlotDef {
    name: &'static str,
    /// `name` interned, remembered across types.
    key: Cached,
    get: SlotGet,
    wrap: Wrap,
    /// Comparison op for `tp_richcompare` wrappers; 1 for reflected binary
    /// operators (`__radd__`); 0 otherwise.
    op: c_int,
    /// Number of arguments after self (-1: any, checked by the wrapper).
    nargs: i32,
}

macro_rules! slot {
    ($($field:ident).+) => {
        |tp: *mut PyTypeObject| {
            // SAFETY: tp is a type being readied; sub-tables are NULL or valid.
            unsafe { slot_ptr!(tp, $($field).+) }
        }
    };
}

macro_rules! slot_ptr {
    ($tp:ident, $field:ident) => {
        (*$tp).$field.map_or(null_mut(), |f| f as *mut c_void)
    };
    ($tp:ident, $table:ident . $field:ident) => {
        if (*$tp).$table.is_null() {
            null_mut()
        } else {
            (*(*$tp).$table)
                .$field
                .map_or(null_mut(), |f| f as *mut c_void)
        }
    };
}

const fn def(name: &'static str, get: SlotGet, wrap: Wrap, op: c_int, nargs: i32) -> SlotDef {
    SlotDef {
        name,
        key: Cached::new(),
        get,
        wrap,
        op,
        nargs,
    }
}

static SLOTDEFS: [SlotDef; 88] = [
    def("__repr__", slot!(tp_repr), wrap_unary, 0, 0),
    def("__str__", slot!(tp_str), wrap_unary, 0, 0),
    def("__hash__", slot!(tp_hash), wrap_hash, 0, 0),
    def("__call__", slot!(tp_call), wrap_call, 0, -1),
    def("__getattribute__", slot!(tp_getattro), wrap_binary, 0, 1),
    def("__setattr__", slot!(tp_setattro), wrap_setattr, 0, 2),
    def("__delattr__", slot!(tp_setattro), wrap_delattr, 0, 1),
    def("__lt__", slot!(tp_richcompare), wrap_richcmp, Py_LT, 1),
    def("__le__", slot!(tp_richcompare), wrap_richcmp, Py_LE, 1),
    def("__eq__", slot!(tp_richcompare), wrap_richcmp, Py_EQ, 1),
    def("__ne__", slot!(tp_richcompare), wrap_richcmp, Py_NE, 1),
    def("__gt__", slot!(tp_richcompare), wrap_richcmp, Py_GT, 1),
    def("__ge__", slot!(tp_richcompare), wrap_richcmp, Py_GE, 1),
    def("__iter__", slot!(tp_iter), wrap_unary, 0, 0),
    def("__next__", slot!(tp_iternext), wrap_next, 0, 0),
    def("__get__", slot!(tp_descr_get), wrap_descr_get, 0, -1),
    def("__set__", slot!(tp_descr_set), wrap_descr_set, 0, 2),
    def("__delete__", slot!(tp_descr_set), wrap_descr_delete, 0, 1),
    def("__init__", slot!(tp_init), wrap_init, 0, -1),
    def("__del__", slot!(tp_finalize), wrap_del, 0, 0),
    def("__await__", slot!(tp_as_async.am_await), wrap_unary, 0, 0),
    def("__aiter__", slot!(tp_as_async.am_aiter), wrap_unary, 0, 0),
    def("__anext__", slot!(tp_as_async.am_anext), wrap_unary, 0, 0),
    def(
        "__buffer__",
        slot!(tp_as_buffer.bf_getbuffer),
        wrap_buffer,
        0,
        -1,
    ),
    def(
        "__release_buffer__",
        slot!(tp_as_buffer.bf_releasebuffer),
        wrap_releasebuffer,
        0,
        -1,
    ),
    def("__add__", slot!(tp_as_number.nb_add), wrap_binary, 0, 1),
    def("__radd__", slot!(tp_as_number.nb_add), wrap_binary, 1, 1),
    def(
        "__sub__",
        slot!(tp_as_number.nb_subtract),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__rsub__",
        slot!(tp_as_number.nb_subtract),
        wrap_binary,
        1,
        1,
    ),
    def(
        "__mul__",
        slot!(tp_as_number.nb_multiply),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__rmul__",
        slot!(tp_as_number.nb_multiply),
        wrap_binary,
        1,
        1,
    ),
    def(
        "__mod__",
        slot!(tp_as_number.nb_remainder),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__rmod__",
        slot!(tp_as_number.nb_remainder),
        wrap_binary,
        1,
        1,
    ),
    def(
        "__divmod__",
        slot!(tp_as_number.nb_divmod),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__rdivmod__",
        slot!(tp_as_number.nb_divmod),
        wrap_binary,
        1,
        1,
    ),
    def("__pow__", slot!(tp_as_number.nb_power), wrap_pow, 0, -1),
    def("__rpow__", slot!(tp_as_number.nb_power), wrap_pow, 1, -1),
    def("__neg__", slot!(tp_as_number.nb_negative), wrap_unary, 0, 0),
    def("__pos__", slot!(tp_as_number.nb_positive), wrap_unary, 0, 0),
    def("__abs__", slot!(tp_as_number.nb_absolute), wrap_unary, 0, 0),
    def("__bool__", slot!(tp_as_number.nb_bool), wrap_inquiry, 0, 0),
    def(
        "__invert__",
        slot!(tp_as_number.nb_invert),
        wrap_unary,
        0,
        0,
    ),
    def(
        "__lshift__",
        slot!(tp_as_number.nb_lshift),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__rlshift__",
        slot!(tp_as_number.nb_lshift),
        wrap_binary,
        1,
        1,
    ),
    def(
        "__rshift__",
        slot!(tp_as_number.nb_rshift),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__rrshift__",
        slot!(tp_as_number.nb_rshift),
        wrap_binary,
        1,
        1,
    ),
    def("__and__", slot!(tp_as_number.nb_and), wrap_binary, 0, 1),
    def("__rand__", slot!(tp_as_number.nb_and), wrap_binary, 1, 1),
    def("__xor__", slot!(tp_as_number.nb_xor), wrap_binary, 0, 1),
    def("__rxor__", slot!(tp_as_number.nb_xor), wrap_binary, 1, 1),
    def("__or__", slot!(tp_as_number.nb_or), wrap_binary, 0, 1),
    def("__ror__", slot!(tp_as_number.nb_or), wrap_binary, 1, 1),
    def("__int__", slot!(tp_as_number.nb_int), wrap_unary, 0, 0),
    def("__float__", slot!(tp_as_number.nb_float), wrap_unary, 0, 0),
    def(
        "__iadd__",
        slot!(tp_as_number.nb_inplace_add),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__isub__",
        slot!(tp_as_number.nb_inplace_subtract),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__imul__",
        slot!(tp_as_number.nb_inplace_multiply),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__imod__",
        slot!(tp_as_number.nb_inplace_remainder),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__ipow__",
        slot!(tp_as_number.nb_inplace_power),
        wrap_pow,
        0,
        -1,
    ),
    def(
        "__ilshift__",
        slot!(tp_as_number.nb_inplace_lshift),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__irshift__",
        slot!(tp_as_number.nb_inplace_rshift),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__iand__",
        slot!(tp_as_number.nb_inplace_and),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__ixor__",
        slot!(tp_as_number.nb_inplace_xor),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__ior__",
        slot!(tp_as_number.nb_inplace_or),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__floordiv__",
        slot!(tp_as_number.nb_floor_divide),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__rfloordiv__",
        slot!(tp_as_number.nb_floor_divide),
        wrap_binary,
        1,
        1,
    ),
    def(
        "__truediv__",
        slot!(tp_as_number.nb_true_divide),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__rtruediv__",
        slot!(tp_as_number.nb_true_divide),
        wrap_binary,
        1,
        1,
    ),
    def(
        "__ifloordiv__",
        slot!(tp_as_number.nb_inplace_floor_divide),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__itruediv__",
        slot!(tp_as_number.nb_inplace_true_divide),
        wrap_binary,
        0,
        1,
    ),
    def("__index__", slot!(tp_as_number.nb_index), wrap_unary, 0, 0),
    def(
        "__matmul__",
        slot!(tp_as_number.nb_matrix_multiply),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__rmatmul__",
        slot!(tp_as_number.nb_matrix_multiply),
        wrap_binary,
        1,
        1,
    ),
    def(
        "__imatmul__",
        slot!(tp_as_number.nb_inplace_matrix_multiply),
        wrap_binary,
        0,
        1,
    ),
    def("__len__", slot!(tp_as_mapping.mp_length), wrap_len, 0, 0),
    def(
        "__getitem__",
        slot!(tp_as_mapping.mp_subscript),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__setitem__",
        slot!(tp_as_mapping.mp_ass_subscript),
        wrap_objobjarg,
        0,
        2,
    ),
    def(
        "__delitem__",
        slot!(tp_as_mapping.mp_ass_subscript),
        wrap_delitem,
        0,
        1,
    ),
    def("__len__", slot!(tp_as_sequence.sq_length), wrap_len, 0, 0),
    def(
        "__add__",
        slot!(tp_as_sequence.sq_concat),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__mul__",
        slot!(tp_as_sequence.sq_repeat),
        wrap_repeat,
        0,
        1,
    ),
    def(
        "__rmul__",
        slot!(tp_as_sequence.sq_repeat),
        wrap_repeat,
        0,
        1,
    ),
    def(
        "__getitem__",
        slot!(tp_as_sequence.sq_item),
        wrap_sq_item,
        0,
        1,
    ),
    def(
        "__setitem__",
        slot!(tp_as_sequence.sq_ass_item),
        wrap_sq_setitem,
        0,
        2,
    ),
    def(
        "__delitem__",
        slot!(tp_as_sequence.sq_ass_item),
        wrap_sq_delitem,
        0,
        1,
    ),
    def(
        "__contains__",
        slot!(tp_as_sequence.sq_contains),
        wrap_contains,
        0,
        1,
    ),
    def(
        "__iadd__",
        slot!(tp_as_sequence.sq_inplace_concat),
        wrap_binary,
        0,
        1,
    ),
    def(
        "__imul__",
        slot!(tp_as_sequence.sq_inplace_repeat),
        wrap_repeat,
        0,
        1,
    ),
];

/// The layout of a `wrapper_descriptor` (`PyWrapperDescrObject`).
#[repr(C)]
pub struct PyWrapperDescrObject {
    pub d_common: PyDescrObject,
    pub d_base: *const c_void,
    pub d_wrapped: *mut c_void,
}

/// The layout of a `method-wrapper`: a slot wrapper bound to an object.
#[repr(C)]
pub struct MethodWrapperObject {
    pub ob_base: PyObject,
    pub descr: *mut PyObject,
    pub self_: *mut PyObject,
}

/// `PyWrapperDescr_Type`.
#[no_mangle]
pub static mut PyWrapperDescr_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_METHOD_DESCRIPTOR | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(wrapperdescr_dealloc),
    tp_traverse: Some(crate::object::descr::descr_traverse),
    tp_repr: Some(wrapperdescr_repr),
    tp_call: Some(wrapperdescr_call),
    tp_descr_get: Some(wrapperdescr_get),
    tp_getset: (&raw const WRAPPERDESCR_GETSET).cast_mut().cast(),
    tp_methods: (&raw const crate::object::descr::DESCR_METHODS)
        .cast_mut()
        .cast(),
    ..type_template(
        c"wrapper_descriptor",
        std::mem::size_of::<PyWrapperDescrObject>(),
        0,
    )
};

/// `_PyMethodWrapper_Type` (`method-wrapper`).
#[no_mangle]
pub static mut _PyMethodWrapper_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(methodwrapper_dealloc),
    tp_traverse: Some(methodwrapper_traverse),
    tp_repr: Some(methodwrapper_repr),
    tp_call: Some(methodwrapper_call),
    tp_hash: Some(methodwrapper_hash),
    tp_richcompare: Some(methodwrapper_richcompare),
    tp_members: (&raw const METHODWRAPPER_MEMBERS).cast_mut().cast(),
    tp_methods: (&raw const METHODWRAPPER_METHODS).cast_mut().cast(),
    tp_getset: (&raw const METHODWRAPPER_GETSET).cast_mut().cast(),
    ..type_template(
        c"method-wrapper",
        std::mem::size_of::<MethodWrapperObject>(),
        0,
    )
};

/// The doc (`text_sig` false) or `__text_signature__` of the slot
/// wrapper descriptor `descr`, from `slotdocs`.
unsafe fn wrapper_doc(descr: *mut PyObject, text_sig: bool) -> PyResult<Owned> {
    // SAFETY: descr is a wrapper descriptor whose d_base points into SLOTDEFS.
    let name = unsafe { slot_of(descr) }.name;
    let Some(doc) = crate::object::slotdocs::doc(name) else {
        return Ok(none::owned());
    };
    let (name, doc) = (name.as_bytes(), doc.to_bytes());
    if text_sig {
        crate::object::textsig::signature_of(name, doc)
    } else {
        crate::object::textsig::doc_of(name, doc)
    }
}

unsafe extern "C" fn wrapperdescr_get_doc(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a wrapper descriptor.
    guard_obj(|| unsafe { wrapper_doc(op, false) })
}

unsafe extern "C" fn wrapperdescr_get_text_signature(
    op: *mut PyObject,
    _c: *mut c_void,
) -> *mut PyObject {
    // SAFETY: op is a wrapper descriptor.
    guard_obj(|| unsafe { wrapper_doc(op, true) })
}

unsafe extern "C" fn methodwrapper_get_doc(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a method-wrapper; its descr is a wrapper descriptor.
    guard_obj(|| unsafe { wrapper_doc((*op.cast::<MethodWrapperObject>()).descr, false) })
}

unsafe extern "C" fn methodwrapper_get_text_signature(
    op: *mut PyObject,
    _c: *mut c_void,
) -> *mut PyObject {
    // SAFETY: op is a method-wrapper; its descr is a wrapper descriptor.
    guard_obj(|| unsafe { wrapper_doc((*op.cast::<MethodWrapperObject>()).descr, true) })
}

/// The getters of slot wrapper descriptors (`wrapperdescr_getset`).
static WRAPPERDESCR_GETSET: [PyGetSetDef; 6] = [
    crate::object::descr::getset(
        c"__name__",
        Some(crate::object::descr::descr_get_name),
        None,
    ),
    crate::object::descr::getset(
        c"__qualname__",
        Some(crate::object::descr::descr_get_qualname),
        None,
    ),
    crate::object::descr::getset(
        c"__objclass__",
        Some(crate::object::descr::descr_get_objclass),
        None,
    ),
    crate::object::descr::getset(c"__doc__", Some(wrapperdescr_get_doc), None),
    crate::object::descr::getset(
        c"__text_signature__",
        Some(wrapperdescr_get_text_signature),
        None,
    ),
    crate::object::descr::GETSET_END,
];

/// `__name__`, `__qualname__` and `__objclass__` of a method-wrapper: its
/// descriptor's.
macro_rules! from_descr {
    ($name:ident, $get:path) => {
        unsafe extern "C" fn $name(op: *mut PyObject, c: *mut c_void) -> *mut PyObject {
            // SAFETY: op is a method-wrapper; its descr is a wrapper descriptor.
            unsafe { $get((*op.cast::<MethodWrapperObject>()).descr, c) }
        }
    };
}
from_descr!(methodwrapper_get_name, crate::object::descr::descr_get_name);
from_descr!(
    methodwrapper_get_qualname,
    crate::object::descr::descr_get_qualname
);
from_descr!(
    methodwrapper_get_objclass,
    crate::object::descr::descr_get_objclass
);

/// The getters of a method-wrapper (`wrapper_getsets`).
static METHODWRAPPER_GETSET: [PyGetSetDef; 6] = [
    crate::object::descr::getset(c"__name__", Some(methodwrapper_get_name), None),
    crate::object::descr::getset(c"__qualname__", Some(methodwrapper_get_qualname), None),
    crate::object::descr::getset(c"__objclass__", Some(methodwrapper_get_objclass), None),
    crate::object::descr::getset(c"__doc__", Some(methodwrapper_get_doc), None),
    crate::object::descr::getset(
        c"__text_signature__",
        Some(methodwrapper_get_text_signature),
        None,
    ),
    crate::object::descr::GETSET_END,
];

static METHODWRAPPER_METHODS: [PyMethodDef; 2] = [
    crate::object::descr::method(
        c"__reduce__",
        methodwrapper_reduce as *const c_void,
        METH_NOARGS,
    ),
    crate::object::descr::METHOD_END,
];

/// `wrapper_reduce`: `(getattr, (self, name))`.
unsafe extern "C" fn methodwrapper_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a method-wrapper; its descr is a wrapper descriptor.
        unsafe {
            let w = op.cast::<MethodWrapperObject>();
            let name = (*(*w).descr.cast::<PyDescrObject>()).d_name;
            let f = crate::capi::reflection::builtin("getattr")?;
            let args = crate::object::tuple::pack(&[(*w).self_, name])?;
            crate::object::tuple::from_vec(vec![f, args])
        }
    })
}

/// `method-wrapper == other`: the same slot wrapper bound to the same
/// object (`wrapper_richcompare`); no ordering.
unsafe extern "C" fn methodwrapper_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    // SAFETY: a is a method-wrapper; b is live.
    unsafe {
        let mw = &raw mut _PyMethodWrapper_Type;
        if (op != Py_EQ && op != Py_NE) || (*b).ob_type != mw {
            return new_ref(none::not_implemented());
        }
        let (a, b) = (
            a.cast::<MethodWrapperObject>(),
            b.cast::<MethodWrapperObject>(),
        );
        let eq = (*a).descr == (*b).descr && (*a).self_ == (*b).self_;
        new_ref(pybool::from_bool(eq == (op == Py_EQ)))
    }
}

/// `hash(method-wrapper)`: from the identities of the object and the slot
/// wrapper, not from the object's own hash (`wrapper_hash`).
unsafe extern "C" fn methodwrapper_hash(op: *mut PyObject) -> Py_hash_t {
    use crate::object::object::hash_pointer;
    // SAFETY: op is a method-wrapper.
    unsafe {
        let w = op.cast::<MethodWrapperObject>();
        let h = hash_pointer((*w).self_.cast()) ^ hash_pointer((*w).descr.cast());
        if h == -1 {
            -2
        } else {
            h
        }
    }
}

/// `method-wrapper.__self__`: the object the wrapper is bound to.
static METHODWRAPPER_MEMBERS: [PyMemberDef; 2] = [
    crate::object::exceptions::member(
        c"__self__",
        std::mem::offset_of!(MethodWrapperObject, self_),
        Py_READONLY,
        c"",
    ),
    crate::object::exceptions::MEMBER_END,
];

/// Adds a slot wrapper to `tp`'s dict for each slot `tp` defines whose name
/// the dict does not hold yet; `__hash__` is `None` for unhashable types.
pub unsafe fn add_slot_wrappers(tp: *mut PyTypeObject) -> PyResult<()> {
    // SAFETY: tp is being readied; its dict exists.
    unsafe {
        let d = (*tp).tp_dict;
        for sd in &SLOTDEFS {
            let wrapped = (sd.get)(tp);
            if wrapped.is_null() {
                continue;
            }
            let key = sd.key.get(sd.name);
            if !dict::get_item_known_hash_str(d, key).is_null() {
                continue;
            }
            if sd.name == "__hash__"
                && wrapped == crate::capi::object::PyObject_HashNotImplemented as *mut c_void
            {
                dict::set_item(d, key, none::none())?;
                continue;
            }
            let op = crate::object::alloc::generic_alloc(&raw mut PyWrapperDescr_Type, 0);
            if op.is_null() {
                return Err(Raised::assume());
            }
            let w = Owned::from_raw_unchecked(op);
            let wd = op.cast::<PyWrapperDescrObject>();
            (*wd).d_common.d_type = new_ref(tp.cast()).cast();
            (*wd).d_common.d_name = key;
            (*wd).d_base = (sd as *const SlotDef).cast();
            (*wd).d_wrapped = wrapped;
            crate::object::gc::track(op);
            dict::set_item(d, key, w.as_ptr())?;
        }
        if (*tp).tp_new.is_some() {
            let key = crate::interned!("__new__");
            if dict::get_item_known_hash_str(d, key).is_null() {
                let f = crate::object::methodobject::new(
                    (&raw const TP_NEW_DEF).cast_mut(),
                    tp.cast(),
                    null_mut(),
                    null_mut(),
                )?;
                dict::set_item(d, key, f.as_ptr())?;
            }
        }
        Ok(())
    }
}

static TP_NEW_DEF: PyMethodDef = crate::object::descr::method(
    c"__new__",
    tp_new_wrapper as *const c_void,
    METH_VARARGS | METH_KEYWORDS,
)
.with_doc(
    c"__new__($type, *args, **kwargs)\n--\n\nCreate a new object of the given type; help(type) shows the signature.",
);

/// `T.__new__(S, *args, **kwargs)`: S must be a subtype of T whose
/// instances T's `tp_new` can make; calls `T.tp_new(S, args, kwargs)`.
unsafe extern "C" fn tp_new_wrapper(
    self_: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: self_ is the type the wrapper was made for; args a tuple.
        unsafe {
            let tp: *mut PyTypeObject = self_.cast();
            let items = tuple::items(args);
            let name = typeobj::name_of(tp);
            let Some(&sub) = items.first() else {
                return Err(errors::type_error(format!(
                    "{name}.__new__(): not enough arguments"
                )));
            };
            if !typeobj::instance_of(sub, &raw mut typeobj::PyType_Type) {
                return Err(errors::type_error(format!(
                    "{name}.__new__(X): X is not a type object ({})",
                    typeobj::type_name(sub)
                )));
            }
            let sub: *mut PyTypeObject = sub.cast();
            if !typeobj::is_subtype(sub, tp) {
                return Err(errors::type_error(format!(
                    "{name}.__new__({}): {} is not a subtype of {name}",
                    typeobj::name_of(sub),
                    typeobj::name_of(sub)
                )));
            }
            // The nearest base of `sub` whose `__new__` is not Python code
            // must build its instances with T's `tp_new`; another `tp_new`
            // (or none, for a type that cannot be instantiated) means T's
            // would make a `sub` it cannot lay out.
            let mut base = sub;
            while !base.is_null() && crate::object::typenew::is_slot_tp_new((*base).tp_new) {
                base = (*base).tp_base;
            }
            let same = |a: newfunc, b: newfunc| match (a, b) {
                (Some(a), Some(b)) => std::ptr::fn_addr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            };
            if !base.is_null() && !same((*base).tp_new, (*tp).tp_new) {
                return Err(errors::type_error(format!(
                    "{name}.__new__({}) is not safe, use {}.__new__()",
                    typeobj::name_of(sub),
                    typeobj::name_of(base)
                )));
            }
            let rest = tuple::from_slice(&items[1..])?;
            let new = (*tp)
                .tp_new
                .expect("tp_new wrapper on a type without tp_new");
            check(new(sub, rest.as_ptr(), kwargs))
        }
    })
}

unsafe fn slot_of<'a>(op: *mut PyObject) -> &'a SlotDef {
    // SAFETY: op is a wrapper descriptor whose d_base points into SLOTDEFS.
    unsafe { &*((*op.cast::<PyWrapperDescrObject>()).d_base as *const SlotDef) }
}

unsafe fn descr_owner(op: *mut PyObject) -> *mut PyTypeObject {
    // SAFETY: op is a wrapper descriptor.
    unsafe { (*op.cast::<PyDescrObject>()).d_type }
}

/// Runs the wrapper `op` for `self_` with positional `args`.
unsafe fn call_wrapper(
    op: *mut PyObject,
    self_: *mut PyObject,
    args: &[*mut PyObject],
    kwargs: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: op is a wrapper descriptor.
    unsafe {
        let sd = slot_of(op);
        let takes_kw = matches!(sd.name, "__init__" | "__call__");
        if !takes_kw && !kwargs.is_null() && dict::len(kwargs) != 0 {
            return Err(errors::type_error(format!(
                "wrapper {}() takes no keyword arguments",
                sd.name
            )));
        }
        if sd.nargs >= 0 && args.len() != sd.nargs as usize {
            return Err(errors::type_error(format!(
                "expected {} argument{}, got {}",
                sd.nargs,
                if sd.nargs == 1 { "" } else { "s" },
                args.len()
            )));
        }
        let wrapped = (*op.cast::<PyWrapperDescrObject>()).d_wrapped;
        if takes_kw {
            // __init__/__call__ receive (args, kwargs) as one tuple + dict.
            let t = tuple::from_slice(args)?;
            let mut both = vec![t.as_ptr()];
            if !kwargs.is_null() {
                both.push(kwargs);
            }
            return (sd.wrap)(sd, self_, &both, wrapped);
        }
        (sd.wrap)(sd, self_, args, wrapped)
    }
}

unsafe fn check_self(op: *mut PyObject, self_: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a wrapper descriptor; self_ valid.
    unsafe {
        if !typeobj::instance_of(self_, descr_owner(op)) {
            let name = pystr::as_str((*op.cast::<PyDescrObject>()).d_name)?;
            return Err(errors::type_error(format!(
                "descriptor '{name}' requires a '{}' object but received a '{}'",
                typeobj::short_name(descr_owner(op)),
                typeobj::type_name(self_)
            )));
        }
        Ok(())
    }
}

unsafe extern "C" fn wrapperdescr_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a wrapper descriptor; args a tuple.
        unsafe {
            let items = tuple::items(args);
            let Some(&self_) = items.first() else {
                let name = pystr::as_str((*op.cast::<PyDescrObject>()).d_name)?;
                return Err(errors::type_error(format!(
                    "descriptor '{name}' of '{}' object needs an argument",
                    typeobj::short_name(descr_owner(op))
                )));
            };
            check_self(op, self_)?;
            call_wrapper(op, self_, &items[1..], kwargs)
        }
    })
}

unsafe extern "C" fn wrapperdescr_get(
    op: *mut PyObject,
    obj: *mut PyObject,
    _tp: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a wrapper descriptor.
        unsafe {
            if obj.is_null() {
                return Ok(Owned::from_borrowed(op));
            }
            bind(op, obj)
        }
    })
}

/// `PyWrapper_New`: the `method-wrapper` binding the wrapper descriptor
/// `descr` to `obj`, which must be an instance of the descriptor's class.
pub unsafe fn bind(descr: *mut PyObject, obj: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: descr is a wrapper descriptor, obj valid.
    unsafe {
        check_self(descr, obj)?;
        let m = crate::object::alloc::generic_alloc(&raw mut _PyMethodWrapper_Type, 0);
        if m.is_null() {
            return Err(Raised::assume());
        }
        let mw = m.cast::<MethodWrapperObject>();
        (*mw).descr = new_ref(descr);
        (*mw).self_ = new_ref(obj);
        crate::object::gc::track(m);
        Ok(Owned::from_raw_unchecked(m))
    }
}

unsafe extern "C" fn wrapperdescr_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; d_name is interned (immortal).
    unsafe {
        crate::object::gc::untrack(op);
        xdecref((*op.cast::<PyDescrObject>()).d_type.cast());
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn wrapperdescr_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a wrapper descriptor.
        unsafe {
            pystr::from_str(&format!(
                "<slot wrapper '{}' of '{}' objects>",
                pystr::as_str((*op.cast::<PyDescrObject>()).d_name)?,
                typeobj::name_of(descr_owner(op))
            ))
        }
    })
}

unsafe extern "C" fn methodwrapper_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a method-wrapper; args a tuple.
        unsafe {
            let mw = op.cast::<MethodWrapperObject>();
            call_wrapper((*mw).descr, (*mw).self_, tuple::items(args), kwargs)
        }
    })
}

unsafe extern "C" fn methodwrapper_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        let mw = op.cast::<MethodWrapperObject>();
        decref((*mw).descr);
        decref((*mw).self_);
        crate::object::alloc::gc_free(op.cast());
    }
}

/// `wrapper_traverse`: the descriptor and the bound object.
unsafe extern "C" fn methodwrapper_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> libc::c_int {
    let Some(visit) = visit else { return 0 };
    // SAFETY: op is a method-wrapper owning both references.
    unsafe {
        let mw = op.cast::<MethodWrapperObject>();
        let r = visit((*mw).descr, arg);
        if r != 0 {
            return r;
        }
        visit((*mw).self_, arg)
    }
}

unsafe extern "C" fn methodwrapper_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a method-wrapper.
        unsafe {
            let mw = op.cast::<MethodWrapperObject>();
            let s = (*mw).self_;
            pystr::from_str(&format!(
                "<method-wrapper '{}' of {} object at {s:p}>",
                pystr::as_str((*(*mw).descr.cast::<PyDescrObject>()).d_name)?,
                typeobj::type_name(s)
            ))
        }
    })
}

/// Casts the untyped slot pointer back to its C type.
macro_rules! as_fn {
    ($p:expr, $t:ty) => {
        // SAFETY: the pointer was read from a slot of exactly this type.
        unsafe { std::mem::transmute::<*mut c_void, $t>($p) }
    };
}

unsafe fn wrap_unary(
    _sd: &SlotDef,
    s: *mut PyObject,
    _a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(w, unsafe extern "C" fn(*mut PyObject) -> *mut PyObject);
    // SAFETY: s is an instance of the slot's type.
    unsafe { check(f(s)) }
}

unsafe fn wrap_next(
    _sd: &SlotDef,
    s: *mut PyObject,
    _a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(w, unsafe extern "C" fn(*mut PyObject) -> *mut PyObject);
    // SAFETY: s is an iterator of the slot's type.
    unsafe {
        let r = f(s);
        if r.is_null() && errors::occurred().is_null() {
            return Err(errors::set_object(
                crate::object::exceptions::PyExc_StopIteration,
                null_mut(),
            ));
        }
        check(r)
    }
}

/// `__del__` of a type with `tp_finalize` (CPython's `wrap_del`): runs
/// the finalizer; it reports its own errors.
unsafe fn wrap_del(
    _sd: &SlotDef,
    s: *mut PyObject,
    _a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(w, unsafe extern "C" fn(*mut PyObject));
    // SAFETY: s is an instance of the slot's type.
    unsafe { f(s) };
    Ok(none::owned())
}

unsafe fn wrap_buffer(
    _sd: &SlotDef,
    s: *mut PyObject,
    a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(w, getbufferproc);
    let a = crate::object::bufferslots::one_arg(a)?;
    // SAFETY: s is an instance of the exporter's type.
    unsafe { crate::object::bufferslots::wrap_buffer(s, a, f) }
}

unsafe fn wrap_releasebuffer(
    _sd: &SlotDef,
    s: *mut PyObject,
    a: &[*mut PyObject],
    _w: *mut c_void,
) -> PyResult<Owned> {
    let a = crate::object::bufferslots::one_arg(a)?;
    // SAFETY: s is an instance of the exporter's type.
    unsafe { crate::object::bufferslots::wrap_releasebuffer(s, a) }
}

unsafe fn wrap_hash(
    _sd: &SlotDef,
    s: *mut PyObject,
    _a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(w, unsafe extern "C" fn(*mut PyObject) -> Py_hash_t);
    // SAFETY: s is an instance of the slot's type.
    unsafe {
        let h = f(s);
        if h == -1 && !errors::occurred().is_null() {
            return Err(Raised::assume());
        }
        int::from_i64(h as i64)
    }
}

unsafe fn wrap_call(
    _sd: &SlotDef,
    s: *mut PyObject,
    a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(
        w,
        unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject
    );
    // SAFETY: a holds (args tuple[, kwargs dict]).
    unsafe { check(f(s, a[0], a.get(1).copied().unwrap_or(null_mut()))) }
}

unsafe fn wrap_init(
    _sd: &SlotDef,
    s: *mut PyObject,
    a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(
        w,
        unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int
    );
    // SAFETY: a holds (args tuple[, kwargs dict]).
    unsafe {
        if f(s, a[0], a.get(1).copied().unwrap_or(null_mut())) < 0 {
            return Err(Raised::assume());
        }
        Ok(Owned::from_borrowed_static(none::none()))
    }
}

unsafe fn wrap_binary(
    sd: &SlotDef,
    s: *mut PyObject,
    a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(
        w,
        unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject
    );
    // SAFETY: one argument (checked by call_wrapper).
    unsafe {
        if sd.op == 1 {
            check(f(a[0], s))
        } else {
            check(f(s, a[0]))
        }
    }
}

unsafe fn wrap_pow(
    sd: &SlotDef,
    s: *mut PyObject,
    a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(
        w,
        unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject
    );
    // SAFETY: 1 or 2 arguments, checked here.
    unsafe {
        let (other, m) = match a {
            [o] => (*o, none::none()),
            [o, m] => (*o, *m),
            _ => {
                return Err(errors::type_error(format!(
                    "expected 1 or 2 arguments, got {}",
                    a.len()
                )))
            }
        };
        if sd.op == 1 {
            check(f(other, s, m))
        } else {
            check(f(s, other, m))
        }
    }
}

unsafe fn wrap_richcmp(
    sd: &SlotDef,
    s: *mut PyObject,
    a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(
        w,
        unsafe extern "C" fn(*mut PyObject, *mut PyObject, c_int) -> *mut PyObject
    );
    // SAFETY: one argument.
    unsafe { check(f(s, a[0], sd.op)) }
}

unsafe fn wrap_inquiry(
    _sd: &SlotDef,
    s: *mut PyObject,
    _a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(w, unsafe extern "C" fn(*mut PyObject) -> c_int);
    // SAFETY: s is an instance of the slot's type.
    unsafe {
        let r = f(s);
        if r < 0 {
            return Err(Raised::assume());
        }
        Ok(Owned::from_borrowed_static(pybool::from_bool(r != 0)))
    }
}

unsafe fn wrap_contains(
    _sd: &SlotDef,
    s: *mut PyObject,
    a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(
        w,
        unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> c_int
    );
    // SAFETY: one argument.
    unsafe {
        let r = f(s, a[0]);
        if r < 0 {
            return Err(Raised::assume());
        }
        Ok(Owned::from_borrowed_static(pybool::from_bool(r != 0)))
    }
}

unsafe fn wrap_len(
    _sd: &SlotDef,
    s: *mut PyObject,
    _a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(w, unsafe extern "C" fn(*mut PyObject) -> Py_ssize_t);
    // SAFETY: s is an instance of the slot's type.
    unsafe {
        let n = f(s);
        if n < 0 {
            return Err(Raised::assume());
        }
        int::from_i64(n as i64)
    }
}

unsafe fn status_to_none(r: c_int) -> PyResult<Owned> {
    if r < 0 {
        return Err(Raised::assume());
    }
    Ok(Owned::from_borrowed_static(none::none()))
}

/// Refuses to run the `tp_setattro` `func` of a base for `obj` when a C
/// type between `obj`'s type and that base overrides it
/// (`object.__setattr__(str, ...)`, "Carlo Verre's hack"; CPython's
/// `hackcheck`). Python classes in between do not count: they never
/// define a C-level setattro of their own.
unsafe fn hackcheck(obj: *mut PyObject, func: *mut c_void, what: &str) -> PyResult<()> {
    use crate::object::typenew::is_slot_tp_setattro;
    let addr = |f: setattrofunc| f.map(|f| f as usize);
    // SAFETY: obj is live; its type's MRO holds types.
    unsafe {
        let tp = (*obj).ob_type;
        let mro = (*tp).tp_mro;
        if mro.is_null() {
            return Ok(());
        }
        let own = (*tp).tp_setattro;
        let defining = tuple::items(mro)
            .iter()
            .rev()
            .map(|&b| b.cast::<PyTypeObject>())
            .find(|&b| {
                !is_slot_tp_setattro((*b).tp_setattro) && addr((*b).tp_setattro) == addr(own)
            })
            .unwrap_or(tp);
        let mut base = defining;
        while !base.is_null() {
            let set = (*base).tp_setattro;
            if addr(set) == Some(func as usize) {
                break;
            }
            if !is_slot_tp_setattro(set) {
                return Err(errors::type_error(format!(
                    "can't apply this {what} to {} object",
                    typeobj::name_of(tp)
                )));
            }
            base = (*base).tp_base;
        }
        Ok(())
    }
}

unsafe fn wrap_setattr(
    _sd: &SlotDef,
    s: *mut PyObject,
    a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(
        w,
        unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int
    );
    // SAFETY: two arguments.
    unsafe {
        hackcheck(s, w, "__setattr__")?;
        status_to_none(f(s, a[0], a[1]))
    }
}

unsafe fn wrap_delattr(
    _sd: &SlotDef,
    s: *mut PyObject,
    a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(
        w,
        unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int
    );
    // SAFETY: one argument.
    unsafe {
        hackcheck(s, w, "__delattr__")?;
        status_to_none(f(s, a[0], null_mut()))
    }
}

unsafe fn wrap_objobjarg(
    _sd: &SlotDef,
    s: *mut PyObject,
    a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(
        w,
        unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int
    );
    // SAFETY: two arguments.
    unsafe { status_to_none(f(s, a[0], a[1])) }
}

unsafe fn wrap_delitem(
    _sd: &SlotDef,
    s: *mut PyObject,
    a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(
        w,
        unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int
    );
    // SAFETY: one argument.
    unsafe { status_to_none(f(s, a[0], null_mut())) }
}

unsafe fn wrap_descr_get(
    _sd: &SlotDef,
    s: *mut PyObject,
    a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(
        w,
        unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject
    );
    // SAFETY: one or two arguments, checked here; None means NULL.
    unsafe {
        let (obj, tp) = match a {
            [o] => (*o, null_mut()),
            [o, t] => (*o, *t),
            _ => {
                return Err(errors::type_error(format!(
                    "expected 1 or 2 arguments, got {}",
                    a.len()
                )))
            }
        };
        let nn = |p: *mut PyObject| if p == none::none() { null_mut() } else { p };
        let (obj, tp) = (nn(obj), nn(tp));
        if obj.is_null() && tp.is_null() {
            return Err(errors::type_error("__get__(None, None) is invalid"));
        }
        check(f(s, obj, tp))
    }
}

unsafe fn wrap_descr_set(
    _sd: &SlotDef,
    s: *mut PyObject,
    a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(
        w,
        unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int
    );
    // SAFETY: two arguments.
    unsafe { status_to_none(f(s, a[0], a[1])) }
}

unsafe fn wrap_descr_delete(
    _sd: &SlotDef,
    s: *mut PyObject,
    a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(
        w,
        unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int
    );
    // SAFETY: one argument.
    unsafe { status_to_none(f(s, a[0], null_mut())) }
}

unsafe fn index_arg(o: *mut PyObject) -> PyResult<Py_ssize_t> {
    // SAFETY: o valid.
    unsafe { crate::object::number::index_as_ssize(o, "sequence index") }
}

unsafe fn wrap_repeat(
    _sd: &SlotDef,
    s: *mut PyObject,
    a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(
        w,
        unsafe extern "C" fn(*mut PyObject, Py_ssize_t) -> *mut PyObject
    );
    // SAFETY: one argument.
    unsafe {
        let n = crate::object::number::index(a[0])
            .map_err(|_| {
                errors::clear();
                errors::type_error(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    typeobj::type_name(a[0])
                ))
            })
            .and_then(|i| int::as_i64(i.as_ptr()))?;
        check(f(s, n as Py_ssize_t))
    }
}

unsafe fn sq_index(s: *mut PyObject, o: *mut PyObject) -> PyResult<Py_ssize_t> {
    // SAFETY: s is a sequence; negative indices count from the end.
    unsafe {
        let i = index_arg(o)?;
        if i < 0 {
            let sq = (*(*s).ob_type).tp_as_sequence;
            if let Some(len) = (*sq).sq_length {
                let n = len(s);
                if n < 0 {
                    return Err(Raised::assume());
                }
                return Ok(i + n);
            }
        }
        Ok(i)
    }
}

unsafe fn wrap_sq_item(
    _sd: &SlotDef,
    s: *mut PyObject,
    a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(
        w,
        unsafe extern "C" fn(*mut PyObject, Py_ssize_t) -> *mut PyObject
    );
    // SAFETY: one argument.
    unsafe { check(f(s, sq_index(s, a[0])?)) }
}

unsafe fn wrap_sq_setitem(
    _sd: &SlotDef,
    s: *mut PyObject,
    a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(
        w,
        unsafe extern "C" fn(*mut PyObject, Py_ssize_t, *mut PyObject) -> c_int
    );
    // SAFETY: two arguments.
    unsafe { status_to_none(f(s, sq_index(s, a[0])?, a[1])) }
}

unsafe fn wrap_sq_delitem(
    _sd: &SlotDef,
    s: *mut PyObject,
    a: &[*mut PyObject],
    w: *mut c_void,
) -> PyResult<Owned> {
    let f = as_fn!(
        w,
        unsafe extern "C" fn(*mut PyObject, Py_ssize_t, *mut PyObject) -> c_int
    );
    // SAFETY: one argument.
    unsafe { status_to_none(f(s, sq_index(s, a[0])?, null_mut())) }
}

/// Whether `op` is a slot wrapper (a C slot seen as a dunder), as opposed
/// to a method defined in Python. `op` must be a valid object.
pub unsafe fn is_wrapper(op: *mut PyObject) -> bool {
    // SAFETY: op is a valid object.
    unsafe { (*op).ob_type == &raw mut PyWrapperDescr_Type }
}
