//! Descriptors that expose C definitions on types: `method_descriptor`
//! (`PyMethodDef` in `tp_methods`), `classmethod_descriptor` (`METH_CLASS`),
//! `member_descriptor` (`PyMemberDef`), `getset_descriptor` (`PyGetSetDef`),
//! and filling a type's dict with them in `PyType_Ready`.
use crate::capi::boundary::{guard, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::{self, type_template};
use crate::object::{dict, methodobject, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_char, c_int, c_void};
use std::ffi::CStr;
use std::ptr::null_mut;

/// A `PyGetSetDef` entry, for static tables.
pub const fn getset(name: &'static CStr, get: getter, set: setter) -> PyGetSetDef {
    PyGetSetDef {
        name: name.as_ptr(),
        get,
        set,
        doc: std::ptr::null(),
        closure: null_mut(),
    }
}

/// The terminator of a `PyGetSetDef` table.
pub const GETSET_END: PyGetSetDef = PyGetSetDef {
    name: std::ptr::null(),
    get: None,
    set: None,
    doc: std::ptr::null(),
    closure: null_mut(),
};

/// A `PyMethodDef` entry, for static tables; `meth` is cast as C does.
/// The pointer is stored, never dereferenced.
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub const fn method(name: &'static CStr, meth: *const c_void, flags: c_int) -> PyMethodDef {
    PyMethodDef {
        ml_name: name.as_ptr(),
        // SAFETY: C stores every convention's function in this one field.
        ml_meth: unsafe { std::mem::transmute::<*const c_void, PyCFunction>(meth) },
        ml_flags: flags,
        ml_doc: std::ptr::null(),
    }
}

impl PyMethodDef {
    /// This entry with the doc `doc` (`name(sig)\n--\n\nbody` gives it a
    /// `__text_signature__`; see `textsig`).
    pub const fn with_doc(self, doc: &'static CStr) -> Self {
        PyMethodDef {
            ml_doc: doc.as_ptr(),
            ..self
        }
    }
}

impl PyGetSetDef {
    /// This entry with the doc `doc`.
    pub const fn with_doc(self, doc: &'static CStr) -> Self {
        PyGetSetDef {
            doc: doc.as_ptr(),
            ..self
        }
    }
}

impl PyMemberDef {
    /// This entry with the doc `doc`.
    pub const fn with_doc(self, doc: &'static CStr) -> Self {
        PyMemberDef {
            doc: doc.as_ptr(),
            ..self
        }
    }
}

/// The terminator of a `PyMethodDef` table.
pub const METHOD_END: PyMethodDef = PyMethodDef {
    ml_name: std::ptr::null(),
    ml_meth: None,
    ml_flags: 0,
    ml_doc: std::ptr::null(),
};

/// A read-only `PyMemberDef` entry (`Py_READONLY`), for static tables.
pub const fn readonly_member(name: &'static CStr, kind: c_int, offset: usize) -> PyMemberDef {
    PyMemberDef {
        name: name.as_ptr(),
        r#type: kind,
        offset: offset as Py_ssize_t,
        flags: Py_READONLY,
        doc: std::ptr::null(),
    }
}

const fn descr_type(
    name: &'static CStr,
    size: usize,
    get: descrgetfunc,
    set: descrsetfunc,
    call: ternaryfunc,
    flags: libc::c_ulong,
    methods: *const PyMethodDef,
) -> PyTypeObject {
    PyTypeObject {
        tp_flags: flags | Py_TPFLAGS_HAVE_GC,
        tp_dealloc: Some(descr_dealloc),
        tp_traverse: Some(descr_traverse),
        tp_repr: Some(descr_repr),
        tp_descr_get: get,
        tp_descr_set: set,
        tp_call: call,
        tp_methods: methods.cast_mut(),
        ..type_template(name, size, 0)
    }
}

/// `PyMethodDescr_Type` (`method_descriptor`): called through its
/// vectorcall (`str.upper(s)`, and `s.upper()` run as a method call).
#[no_mangle]
pub static mut PyMethodDescr_Type: PyTypeObject = PyTypeObject {
    tp_getset: (&raw const METHOD_DESCR_GETSET).cast_mut().cast(),
    tp_vectorcall_offset: std::mem::offset_of!(PyMethodDescrObject, vectorcall) as Py_ssize_t,
    ..descr_type(
        c"method_descriptor",
        std::mem::size_of::<PyMethodDescrObject>(),
        Some(method_get),
        None,
        Some(method_call),
        Py_TPFLAGS_METHOD_DESCRIPTOR | Py_TPFLAGS_HAVE_VECTORCALL,
        (&raw const DESCR_METHODS).cast(),
    )
};

/// `PyClassMethodDescr_Type` (`classmethod_descriptor`).
#[no_mangle]
pub static mut PyClassMethodDescr_Type: PyTypeObject = PyTypeObject {
    tp_getset: (&raw const METHOD_DESCR_GETSET).cast_mut().cast(),
    ..descr_type(
        c"classmethod_descriptor",
        std::mem::size_of::<PyMethodDescrObject>(),
        Some(classmethod_get),
        None,
        Some(classmethod_call),
        0,
        std::ptr::null(),
    )
};

/// `PyMemberDescr_Type` (`member_descriptor`).
#[no_mangle]
pub static mut PyMemberDescr_Type: PyTypeObject = PyTypeObject {
    tp_getset: (&raw const MEMBER_DESCR_GETSET).cast_mut().cast(),
    ..descr_type(
        c"member_descriptor",
        std::mem::size_of::<PyMemberDescrObject>(),
        Some(member_get),
        Some(member_set),
        None,
        0,
        (&raw const DESCR_METHODS).cast(),
    )
};

/// `PyGetSetDescr_Type` (`getset_descriptor`).
#[no_mangle]
pub static mut PyGetSetDescr_Type: PyTypeObject = PyTypeObject {
    tp_getset: (&raw const GETSET_DESCR_GETSET).cast_mut().cast(),
    ..descr_type(
        c"getset_descriptor",
        std::mem::size_of::<PyGetSetDescrObject>(),
        Some(getset_get),
        Some(getset_set),
        None,
        0,
        std::ptr::null(),
    )
};

/// `__doc__` from a definition's `doc` field: a str, or None for NULL.
pub(crate) unsafe fn doc_or_none(doc: *const c_char) -> PyResult<Owned> {
    if doc.is_null() {
        return Ok(crate::object::none::owned());
    }
    // SAFETY: a non-NULL doc is NUL-terminated (caller contract).
    pystr::from_utf8(unsafe { CStr::from_ptr(doc) }.to_bytes())
}

/// `__doc__` of a member descriptor (`member_get_doc`).
unsafe extern "C" fn member_get_doc(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a member descriptor; its definition outlives it.
        unsafe { doc_or_none((*(*op.cast::<PyMemberDescrObject>()).d_member).doc) }
    })
}

/// `__doc__` of a getset descriptor (`getset_get_doc`).
unsafe extern "C" fn getset_get_doc(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a getset descriptor; its definition outlives it.
        unsafe { doc_or_none((*(*op.cast::<PyGetSetDescrObject>()).d_getset).doc) }
    })
}

static MEMBER_DESCR_GETSET: [PyGetSetDef; 5] = [
    getset(c"__name__", Some(descr_get_name), None),
    getset(c"__qualname__", Some(descr_get_qualname), None),
    getset(c"__objclass__", Some(descr_get_objclass), None),
    getset(c"__doc__", Some(member_get_doc), None),
    GETSET_END,
];

static GETSET_DESCR_GETSET: [PyGetSetDef; 5] = [
    getset(c"__name__", Some(descr_get_name), None),
    getset(c"__qualname__", Some(descr_get_qualname), None),
    getset(c"__objclass__", Some(descr_get_objclass), None),
    getset(c"__doc__", Some(getset_get_doc), None),
    GETSET_END,
];

/// `__reduce__` of the method, member and slot wrapper descriptors
/// (`descr_methods`).
pub(crate) static DESCR_METHODS: [PyMethodDef; 2] = [
    method(c"__reduce__", descr_reduce as *const c_void, METH_NOARGS),
    METHOD_END,
];

/// `descr_reduce`: `(getattr, (owner, name))`, so a descriptor pickles as
/// a reference to where it is found.
unsafe extern "C" fn descr_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a descriptor.
        unsafe {
            let d = op.cast::<PyDescrObject>();
            let f = crate::capi::reflection::builtin("getattr")?;
            let args = crate::object::tuple::pack(&[(*d).d_type.cast(), (*d).d_name])?;
            crate::object::tuple::from_vec(vec![f, args])
        }
    })
}

/// `__doc__` of a method descriptor: the method's doc without its
/// signature line.
unsafe extern "C" fn method_get_doc(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a method descriptor; its method def is static.
        unsafe {
            let ml = (*op.cast::<PyMethodDescrObject>()).d_method;
            crate::object::textsig::doc((*ml).ml_name, (*ml).ml_doc)
        }
    })
}

/// `__text_signature__` of a method descriptor, or None.
unsafe extern "C" fn method_get_text_signature(
    op: *mut PyObject,
    _c: *mut c_void,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a method descriptor; its method def is static.
        unsafe {
            let ml = (*op.cast::<PyMethodDescrObject>()).d_method;
            crate::object::textsig::signature((*ml).ml_name, (*ml).ml_doc)
        }
    })
}

/// The getters of method and class method descriptors (`method_getset`).
static METHOD_DESCR_GETSET: [PyGetSetDef; 6] = [
    getset(c"__name__", Some(descr_get_name), None),
    getset(c"__qualname__", Some(descr_get_qualname), None),
    getset(c"__objclass__", Some(descr_get_objclass), None),
    getset(c"__doc__", Some(method_get_doc), None),
    getset(c"__text_signature__", Some(method_get_text_signature), None),
    GETSET_END,
];

unsafe fn new_descr(
    dtype: *mut PyTypeObject,
    owner: *mut PyTypeObject,
    name: *const c_char,
) -> PyResult<*mut PyObject> {
    // SAFETY: dtype is a descriptor type; owner a type being readied.
    unsafe {
        let op = crate::object::alloc::generic_alloc(dtype, 0);
        if op.is_null() {
            return Err(errors::Raised::assume());
        }
        let d = op.cast::<PyDescrObject>();
        (*d).d_type = new_ref(owner.cast()).cast();
        crate::object::gc::track(op);
        (*d).d_name = pystr::intern_cstr(name)?;
        Ok(op)
    }
}

/// `PyDescr_NewMethod`.
pub unsafe fn new_method(owner: *mut PyTypeObject, ml: *mut PyMethodDef) -> PyResult<Owned> {
    // SAFETY: ml lives as long as the type.
    unsafe {
        let dtype = if (*ml).ml_flags & METH_CLASS != 0 {
            &raw mut PyClassMethodDescr_Type
        } else {
            &raw mut PyMethodDescr_Type
        };
        let op = new_descr(dtype, owner, (*ml).ml_name)?;
        let d = op.cast::<PyMethodDescrObject>();
        (*d).d_method = ml;
        if dtype == &raw mut PyMethodDescr_Type {
            (*d).vectorcall = Some(method_vectorcall);
        }
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// `PyDescr_NewMember`.
pub unsafe fn new_member(owner: *mut PyTypeObject, m: *mut PyMemberDef) -> PyResult<Owned> {
    // SAFETY: m lives as long as the type.
    unsafe {
        let op = new_descr(&raw mut PyMemberDescr_Type, owner, (*m).name)?;
        (*op.cast::<PyMemberDescrObject>()).d_member = m;
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// `PyDescr_NewGetSet`.
pub unsafe fn new_getset(owner: *mut PyTypeObject, g: *mut PyGetSetDef) -> PyResult<Owned> {
    // SAFETY: g lives as long as the type.
    unsafe {
        let op = new_descr(&raw mut PyGetSetDescr_Type, owner, (*g).name)?;
        (*op.cast::<PyGetSetDescrObject>()).d_getset = g;
        Ok(Owned::from_raw_unchecked(op))
    }
}

unsafe fn add_if_absent(
    tp: *mut PyTypeObject,
    name: *const c_char,
    v: impl FnOnce() -> PyResult<Owned>,
    coexist: bool,
) -> PyResult<()> {
    // SAFETY: tp's dict exists during PyType_Ready.
    unsafe {
        let key = pystr::intern_cstr(name)?;
        if !coexist && !dict::get_item_known_hash_str((*tp).tp_dict, key).is_null() {
            return Ok(());
        }
        let v = v()?;
        dict::set_item((*tp).tp_dict, key, v.as_ptr())
    }
}

/// Adds a descriptor for each entry of `tp_methods` to the type dict.
pub unsafe fn add_methods(tp: *mut PyTypeObject) -> PyResult<()> {
    // SAFETY: tp_methods is NULL or a NULL-name-terminated table.
    unsafe {
        let mut ml = (*tp).tp_methods;
        while !ml.is_null() && !(*ml).ml_name.is_null() {
            let flags = (*ml).ml_flags;
            let m = ml;
            if flags & METH_STATIC != 0 {
                if flags & METH_CLASS != 0 {
                    return Err(errors::value_error(
                        "method cannot be both class and static",
                    ));
                }
                add_if_absent(
                    tp,
                    (*m).ml_name,
                    || {
                        let f = methodobject::new(m, tp.cast(), null_mut(), null_mut())?;
                        crate::object::funcobject::new_staticmethod(f.as_ptr())
                    },
                    flags & METH_COEXIST != 0,
                )?;
            } else {
                add_if_absent(
                    tp,
                    (*m).ml_name,
                    || new_method(tp, m),
                    flags & METH_COEXIST != 0,
                )?;
            }
            ml = ml.add(1);
        }
        Ok(())
    }
}

/// Adds a `member_descriptor` for each entry of `tp_members`.
pub unsafe fn add_members(tp: *mut PyTypeObject) -> PyResult<()> {
    // SAFETY: tp_members is NULL or a NULL-name-terminated table.
    unsafe {
        let mut m = (*tp).tp_members;
        while !m.is_null() && !(*m).name.is_null() {
            let mm = m;
            add_if_absent(tp, (*m).name, || new_member(tp, mm), false)?;
            m = m.add(1);
        }
        Ok(())
    }
}

/// Adds a `getset_descriptor` for each entry of `tp_getset`.
pub unsafe fn add_getsets(tp: *mut PyTypeObject) -> PyResult<()> {
    // SAFETY: tp_getset is NULL or a NULL-name-terminated table.
    unsafe {
        let mut g = (*tp).tp_getset;
        while !g.is_null() && !(*g).name.is_null() {
            let gg = g;
            add_if_absent(tp, (*g).name, || new_getset(tp, gg), false)?;
            g = g.add(1);
        }
        Ok(())
    }
}

unsafe extern "C" fn descr_dealloc(op: *mut PyObject) {
    // SAFETY: op is a descriptor whose count reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        let d = op.cast::<PyDescrObject>();
        xdecref((*d).d_type.cast());
        xdecref((*d).d_name);
        xdecref((*d).d_qualname);
        crate::object::alloc::gc_free(op.cast());
    }
}

/// `descr_traverse`: a descriptor holds its owner type.
pub(crate) unsafe extern "C" fn descr_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut libc::c_void,
) -> libc::c_int {
    // SAFETY: op is a descriptor; d_type is owned or NULL.
    unsafe {
        let t = (*op.cast::<PyDescrObject>()).d_type;
        match visit {
            Some(v) if !t.is_null() => v(t.cast(), arg),
            _ => 0,
        }
    }
}

unsafe fn descr_name(op: *mut PyObject) -> &'static str {
    // SAFETY: op is a descriptor with an interned (immortal) name.
    unsafe { pystr::as_str((*op.cast::<PyDescrObject>()).d_name).unwrap_or("?") }
}

unsafe fn descr_owner(op: *mut PyObject) -> *mut PyTypeObject {
    // SAFETY: op is a descriptor.
    unsafe { (*op.cast::<PyDescrObject>()).d_type }
}

unsafe extern "C" fn descr_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a descriptor.
        unsafe {
            let kind = match (*op).ob_type {
                t if t == &raw mut PyMethodDescr_Type => "method",
                t if t == &raw mut PyClassMethodDescr_Type => "method",
                t if t == &raw mut PyMemberDescr_Type => "member",
                _ => "attribute",
            };
            pystr::from_str(&format!(
                "<{kind} '{}' of '{}' objects>",
                descr_name(op),
                typeobj::name_of(descr_owner(op))
            ))
        }
    })
}

pub(crate) unsafe extern "C" fn descr_get_name(
    op: *mut PyObject,
    _c: *mut c_void,
) -> *mut PyObject {
    // SAFETY: op is a descriptor.
    unsafe { new_ref((*op.cast::<PyDescrObject>()).d_name) }
}

pub(crate) unsafe extern "C" fn descr_get_qualname(
    op: *mut PyObject,
    _c: *mut c_void,
) -> *mut PyObject {
    // SAFETY: op is a descriptor.
    guard_obj(|| unsafe {
        pystr::from_str(&format!(
            "{}.{}",
            typeobj::qualname(descr_owner(op))?,
            descr_name(op)
        ))
    })
}

pub(crate) unsafe extern "C" fn descr_get_objclass(
    op: *mut PyObject,
    _c: *mut c_void,
) -> *mut PyObject {
    // SAFETY: op is a descriptor.
    unsafe { new_ref(descr_owner(op).cast()) }
}

/// Checks that `obj` is an instance of the descriptor's owner.
unsafe fn check_owner(op: *mut PyObject, obj: *mut PyObject, what: &str) -> PyResult<()> {
    // SAFETY: op is a descriptor, obj valid.
    unsafe {
        if !typeobj::instance_of(obj, descr_owner(op)) {
            return Err(errors::type_error(format!(
                "descriptor '{}' for '{}' objects doesn't apply to a '{}' {what}",
                descr_name(op),
                typeobj::name_of(descr_owner(op)),
                typeobj::type_name(obj)
            )));
        }
        Ok(())
    }
}

unsafe extern "C" fn method_get(
    op: *mut PyObject,
    obj: *mut PyObject,
    _tp: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a method descriptor.
        unsafe {
            if obj.is_null()
                || obj == crate::object::none::none()
                    && _tp != (*crate::object::none::none()).ob_type.cast()
            {
                return Ok(Owned::from_borrowed(op));
            }
            check_owner(op, obj, "object")?;
            let ml = (*op.cast::<PyMethodDescrObject>()).d_method;
            let cls = if (*ml).ml_flags & METH_METHOD != 0 {
                descr_owner(op)
            } else {
                null_mut()
            };
            methodobject::new(ml, obj, null_mut(), cls)
        }
    })
}

/// The `PyMethodDef` of method descriptor `op` and the defining class it
/// passes (`METH_METHOD`), once the first of the `items` it is called
/// with is checked to be an instance of its owner
/// (`method_check_args`).
#[inline]
unsafe fn method_target(
    op: *mut PyObject,
    items: &[*mut PyObject],
) -> PyResult<(*mut PyMethodDef, *mut PyTypeObject)> {
    // SAFETY: op is a method descriptor; the items are valid.
    unsafe {
        let Some(&self_) = items.first() else {
            return Err(errors::type_error(format!(
                "unbound method {}.{}() needs an argument",
                typeobj::qualname(descr_owner(op)).unwrap_or_default(),
                descr_name(op)
            )));
        };
        if (*self_).ob_type != descr_owner(op) {
            check_owner(op, self_, "object")?;
        }
        let ml = (*op.cast::<PyMethodDescrObject>()).d_method;
        let cls = if (*ml).ml_flags & METH_METHOD != 0 {
            descr_owner(op)
        } else {
            null_mut()
        };
        Ok((ml, cls))
    }
}

/// The vectorcall of method descriptors (`method_vectorcall_*`): the
/// first argument is `self`, the rest go to the C function as they are.
unsafe extern "C" fn method_vectorcall(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard(|| {
        // SAFETY: op is a method descriptor; args holds nargs positional
        // then len(kwnames) keyword values.
        unsafe {
            let nargs = crate::capi::call::nargs(nargsf) as usize;
            let items = crate::capi::call::arg_slice(args, nargs);
            let Ok((ml, cls)) = method_target(op, items) else {
                return null_mut();
            };
            methodobject::call_method_def(ml, *args, cls, args.add(1), nargs - 1, kwnames)
        }
    })
}

unsafe extern "C" fn method_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard(|| {
        // SAFETY: op is a method descriptor; args a tuple.
        unsafe {
            let items = crate::object::tuple::items(args);
            let Ok((ml, cls)) = method_target(op, items) else {
                return null_mut();
            };
            crate::capi::call::call_with_dict(
                items[1..].as_ptr(),
                items.len() - 1,
                kwargs,
                |a, n, kw| methodobject::call_method_def(ml, items[0], cls, a, n, kw),
            )
        }
    })
}

unsafe extern "C" fn classmethod_get(
    op: *mut PyObject,
    obj: *mut PyObject,
    tp: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a classmethod descriptor.
        unsafe {
            let tp = if tp.is_null() {
                (*obj).ob_type.cast()
            } else {
                tp
            };
            let ml = (*op.cast::<PyMethodDescrObject>()).d_method;
            let cls = if (*ml).ml_flags & METH_METHOD != 0 {
                descr_owner(op)
            } else {
                null_mut()
            };
            methodobject::new(ml, tp, null_mut(), cls)
        }
    })
}

unsafe extern "C" fn classmethod_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard(|| {
        // SAFETY: op is a classmethod descriptor; args a tuple.
        unsafe {
            let items = crate::object::tuple::items(args);
            if items.is_empty() {
                errors::type_error(format!("descriptor '{}' needs an argument", descr_name(op)));
                return null_mut();
            }
            let ml = (*op.cast::<PyMethodDescrObject>()).d_method;
            crate::capi::call::call_with_dict(
                items[1..].as_ptr(),
                items.len() - 1,
                kwargs,
                |a, n, kw| methodobject::call_method_def(ml, items[0], null_mut(), a, n, kw),
            )
        }
    })
}

unsafe extern "C" fn member_get(
    op: *mut PyObject,
    obj: *mut PyObject,
    _tp: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a member descriptor.
        unsafe {
            if obj.is_null() {
                return Ok(Owned::from_borrowed(op));
            }
            check_owner(op, obj, "object")?;
            crate::object::member::get(obj, (*op.cast::<PyMemberDescrObject>()).d_member)
        }
    })
}

unsafe extern "C" fn member_set(
    op: *mut PyObject,
    obj: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op is a member descriptor.
        unsafe {
            check_owner(op, obj, "object")?;
            crate::object::member::set(obj, (*op.cast::<PyMemberDescrObject>()).d_member, value)
        }
    })
}

unsafe extern "C" fn getset_get(
    op: *mut PyObject,
    obj: *mut PyObject,
    _tp: *mut PyObject,
) -> *mut PyObject {
    guard(|| {
        // SAFETY: op is a getset descriptor.
        unsafe {
            if obj.is_null() {
                return new_ref(op);
            }
            if check_owner(op, obj, "object").is_err() {
                return null_mut();
            }
            let g = (*op.cast::<PyGetSetDescrObject>()).d_getset;
            match (*g).get {
                Some(get) => get(obj, (*g).closure),
                None => {
                    errors::attribute_error(format!(
                        "attribute '{}' of '{}' objects is not readable",
                        descr_name(op),
                        typeobj::name_of(descr_owner(op))
                    ));
                    null_mut()
                }
            }
        }
    })
}

unsafe extern "C" fn getset_set(
    op: *mut PyObject,
    obj: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    guard(|| {
        // SAFETY: op is a getset descriptor.
        unsafe {
            if check_owner(op, obj, "object").is_err() {
                return -1;
            }
            let g = (*op.cast::<PyGetSetDescrObject>()).d_getset;
            match (*g).set {
                Some(set) => set(obj, value, (*g).closure),
                None => {
                    errors::attribute_error(format!(
                        "attribute '{}' of '{}' objects is not writable",
                        descr_name(op),
                        typeobj::name_of(descr_owner(op))
                    ));
                    -1
                }
            }
        }
    })
}
