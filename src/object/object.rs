//! `object`: the root of every type. Generic attribute access (descriptors,
//! the instance dict), default repr/str/hash/comparison, `object()`.
use crate::capi::boundary::{guard, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::{self, lookup, type_template};
use crate::object::{dict, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::c_int;
use std::ptr::null_mut;

/// `PyBaseObject_Type`.
#[no_mangle]
pub static mut PyBaseObject_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE,
    tp_dealloc: Some(object_dealloc),
    tp_repr: Some(object_repr),
    tp_str: Some(object_str),
    tp_hash: Some(object_hash),
    tp_richcompare: Some(object_richcompare),
    tp_getattro: Some(PyObject_GenericGetAttr),
    tp_setattro: Some(PyObject_GenericSetAttr),
    tp_init: Some(object_init),
    tp_alloc: Some(crate::capi::allocation::PyType_GenericAlloc),
    tp_new: Some(object_new),
    tp_free: Some(crate::capi::memory::PyObject_Free),
    tp_getset: (&raw const OBJECT_GETSET).cast_mut().cast(),
    tp_methods: (&raw const OBJECT_METHODS).cast_mut().cast(),
    tp_doc: c"object()\n--\n\nThe base class of every class.\n\nAn instance of object itself has no attributes of its own."
        .as_ptr(),
    ..type_template(c"object", std::mem::size_of::<PyObject>(), 0)
};

static OBJECT_GETSET: [PyGetSetDef; 2] = [
    crate::object::descr::getset(
        c"__class__",
        Some(object_get_class),
        Some(crate::object::typebases::set_class),
    ),
    crate::object::descr::GETSET_END,
];

static OBJECT_METHODS: [PyMethodDef; 9] = [
    crate::object::dir::OBJECT_DIR,
    crate::object::descr::method(c"__format__", object_format as *const libc::c_void, METH_O).with_doc(c"__format__($self, format_spec, /)\n--\n\nself formatted by format_spec; object only accepts an empty spec."),
    crate::object::descr::method(
        c"__reduce_ex__",
        crate::object::object_reduce::object_reduce_ex as *const libc::c_void,
        METH_O,
    ).with_doc(c"__reduce_ex__($self, protocol, /)\n--\n\nThe state of self for pickling with the given protocol."),
    crate::object::descr::method(
        c"__reduce__",
        crate::object::object_reduce::object_reduce as *const libc::c_void,
        METH_NOARGS,
    ).with_doc(c"__reduce__($self, /)\n--\n\nThe state of self for pickling."),
    crate::object::descr::method(
        c"__getstate__",
        crate::object::object_reduce::object_getstate as *const libc::c_void,
        METH_NOARGS,
    ).with_doc(c"__getstate__($self, /)\n--\n\nThe state of self for pickling: by default its __dict__ and the\nvalues of its __slots__ (None when there are none)."),
    crate::object::descr::method(
        c"__init_subclass__",
        object_init_subclass as *const libc::c_void,
        METH_VARARGS | METH_KEYWORDS | METH_CLASS,
    ).with_doc(c"__init_subclass__($type, /)\n--\n\nCalled when the class gets a new subclass; the default does nothing.\n\nOverridden, it is implicitly a class method."),
    crate::object::descr::method(
        c"__subclasshook__",
        object_subclasshook as *const libc::c_void,
        METH_O | METH_CLASS,
    ).with_doc(c"__subclasshook__($type, object, /)\n--\n\nDecide issubclass(C, cls) for abc.ABCMeta.__subclasscheck__(): True,\nFalse, or NotImplemented to fall back to the usual check."),
    crate::object::descr::method(
        c"__sizeof__",
        object_sizeof as *const libc::c_void,
        METH_NOARGS,
    ).with_doc(c"__sizeof__($self, /)\n--\n\nThe memory used by self, in bytes."),
    crate::object::descr::METHOD_END,
];

/// `object.__init_subclass__()`: the end of the chain; takes no
/// arguments.
unsafe extern "C" fn object_init_subclass(
    cls: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: cls is a type; args a tuple; kwargs NULL or a dict.
        unsafe {
            if crate::object::tuple::size(args) != 0
                || (!kwargs.is_null() && crate::object::dict::len(kwargs) != 0)
            {
                return Err(errors::type_error(format!(
                    "{}.__init_subclass__() takes no keyword arguments",
                    typeobj::short_name(cls.cast())
                )));
            }
            Ok(Owned::from_borrowed_static(crate::object::none::none()))
        }
    })
}

/// `object.__subclasshook__(subclass)`: NotImplemented, so that the
/// normal algorithm decides.
unsafe extern "C" fn object_subclasshook(
    _cls: *mut PyObject,
    _args: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: NotImplemented is immortal.
    unsafe { new_ref(crate::object::none::not_implemented()) }
}

/// `object.__sizeof__()`: the basic size plus the items.
unsafe extern "C" fn object_sizeof(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op valid; var-sized objects have ob_size.
        unsafe {
            let tp = (*op).ob_type;
            let items = if (*tp).tp_itemsize != 0 {
                (*op.cast::<PyVarObject>()).ob_size.unsigned_abs() as Py_ssize_t
            } else {
                0
            };
            crate::object::int::from_i64(((*tp).tp_basicsize + (*tp).tp_itemsize * items) as i64)
        }
    })
}

/// `object.__format__(spec)`: `str(self)` for an empty spec; any other
/// spec is a `TypeError`.
unsafe extern "C" fn object_format(op: *mut PyObject, spec: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op and spec are valid objects.
        unsafe {
            if !pystr::check(spec) {
                return Err(errors::type_error(format!(
                    "__format__() argument must be str, not {}",
                    typeobj::type_name(spec)
                )));
            }
            if pystr::len(spec) > 0 {
                return Err(errors::type_error(format!(
                    "unsupported format string passed to {}.__format__",
                    typeobj::name_of((*op).ob_type)
                )));
            }
            crate::object::protocol::str_(op)
        }
    })
}

unsafe extern "C" fn object_get_class(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
    // SAFETY: op is valid.
    unsafe { new_ref((*op).ob_type.cast()) }
}

/// Frees an instance through its type's `tp_free`, releasing a heap type.
pub unsafe extern "C" fn object_dealloc(op: *mut PyObject) {
    // SAFETY: op's refcount reached zero.
    unsafe {
        let tp = (*op).ob_type;
        if (*tp).tp_weaklistoffset > 0 {
            crate::object::weakref::clear_weakrefs(op);
        }
        let slot = dict_slot(op);
        if !slot.is_null() {
            xdecref(*slot);
        }
        if let Some(free) = (*tp).tp_free {
            free(op.cast());
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

/// `object.__repr__`: `<module.Name object at 0x...>`.
unsafe extern "C" fn object_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is valid.
        unsafe {
            let tp = (*op).ob_type;
            let module = typeobj::module_name(tp)?;
            let qual = typeobj::qualname(tp)?;
            let text = match module.as_deref() {
                Some("builtins") | None => format!("<{qual} object at {op:p}>"),
                Some(m) => format!("<{m}.{qual} object at {op:p}>"),
            };
            pystr::from_str(&text)
        }
    })
}

/// `object.__str__`: the repr.
unsafe extern "C" fn object_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is valid.
    guard_obj(|| unsafe { crate::object::protocol::repr(op) })
}

/// `_Py_HashPointer`: the address rotated right by 4 bits.
pub fn hash_pointer(p: *const libc::c_void) -> Py_hash_t {
    let h = (p as usize).rotate_right(4) as Py_hash_t;
    if h == -1 {
        -2
    } else {
        h
    }
}

unsafe extern "C" fn object_hash(op: *mut PyObject) -> Py_hash_t {
    hash_pointer(op.cast())
}

/// `object.__eq__`/`__ne__`: identity; other comparisons NotImplemented.
unsafe extern "C" fn object_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    use crate::object::none::not_implemented;
    // SAFETY: a and b are valid.
    unsafe {
        match op {
            Py_EQ => new_ref(if a == b {
                crate::object::bool::py_true()
            } else {
                not_implemented()
            }),
            Py_NE => {
                // Delegate to __eq__ and invert unless NotImplemented; a
                // type without the slot compares as object does (CPython's
                // types all inherit object's).
                let eq = (*(*a).ob_type).tp_richcompare.unwrap_or(object_richcompare);
                let r = eq(a, b, Py_EQ);
                if r.is_null() || r == not_implemented() {
                    return r;
                }
                let truth = crate::object::protocol::is_true(r);
                decref(r);
                match truth {
                    Ok(t) => new_ref(crate::object::bool::from_bool(!t)),
                    Err(_) => null_mut(),
                }
            }
            _ => new_ref(not_implemented()),
        }
    }
}

unsafe fn excess_args(args: *mut PyObject, kwargs: *mut PyObject) -> bool {
    // SAFETY: args is a tuple, kwargs NULL or a dict.
    unsafe { tuple::size(args) != 0 || (!kwargs.is_null() && dict::len(kwargs) != 0) }
}

unsafe extern "C" fn object_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op valid, args tuple.
        unsafe {
            let tp = (*op).ob_type;
            if excess_args(args, kwargs) {
                if (*tp).tp_init.map(|f| f as usize) != Some(object_init as *const () as usize) {
                    return Err(errors::type_error(
                        "object.__init__() takes exactly one argument (the instance to initialize)",
                    ));
                }
                if (*tp).tp_new.map(|f| f as usize) == Some(object_new as *const () as usize) {
                    return Err(errors::type_error(format!(
                        "{}.__init__() takes exactly one argument (the instance to initialize)",
                        typeobj::name_of(tp)
                    )));
                }
            }
            Ok(())
        }
    })
}

unsafe extern "C" fn object_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: tp is a ready type.
        unsafe {
            if excess_args(args, kwargs) {
                if (*tp).tp_new.map(|f| f as usize) != Some(object_new as *const () as usize) {
                    return Err(errors::type_error(
                        "object.__new__() takes exactly one argument (the type to instantiate)",
                    ));
                }
                if (*tp).tp_init.map(|f| f as usize) == Some(object_init as *const () as usize) {
                    return Err(errors::type_error(format!(
                        "{}() takes no arguments",
                        typeobj::short_name(tp)
                    )));
                }
            }
            if (*tp).tp_flags & Py_TPFLAGS_IS_ABSTRACT != 0 {
                return Err(abstract_error(tp));
            }
            let alloc = (*tp)
                .tp_alloc
                .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
            errors::check(alloc(tp, 0))
        }
    })
}

/// `TypeError: Can't instantiate abstract class C without an
/// implementation for abstract method(s) 'f', 'g'` (sorted names).
unsafe fn abstract_error(tp: *mut PyTypeObject) -> errors::Raised {
    let build = || -> PyResult<String> {
        // SAFETY: tp is a type with a dict.
        unsafe {
            let mut names = Vec::new();
            let am = crate::object::dict::get_item_known_hash_str(
                (*tp).tp_dict,
                crate::interned!("__abstractmethods__"),
            );
            if !am.is_null() {
                let l = crate::object::list::from_iterable(am)?;
                for &n in crate::object::list::items(l.as_ptr()) {
                    names.push(crate::object::protocol::repr_string(n)?);
                }
            }
            names.sort();
            Ok(format!(
                "Can't instantiate abstract class {} without an implementation for abstract method{} {}",
                typeobj::short_name(tp),
                if names.len() == 1 { "" } else { "s" },
                names.join(", ")
            ))
        }
    };
    match build() {
        Ok(msg) => errors::type_error(msg),
        Err(r) => r,
    }
}

/// The instance dict slot of `op`, if its type has one.
pub unsafe fn dict_slot(op: *mut PyObject) -> *mut *mut PyObject {
    // SAFETY: op valid; tp_dictoffset describes its layout.
    unsafe {
        let tp = (*op).ob_type;
        let off = (*tp).tp_dictoffset;
        if off == 0 {
            return null_mut();
        }
        let off = if off < 0 {
            // An int keeps its digit count in lv_tag (and has room for at
            // least one digit); other variable-size objects in ob_size.
            let size = if (*tp).tp_flags & Py_TPFLAGS_LONG_SUBCLASS != 0 {
                ((*op.cast::<PyLongObject>()).lv_tag >> 3).max(1)
            } else {
                (*op.cast::<PyVarObject>()).ob_size.unsigned_abs()
            };
            (crate::object::alloc::var_size(tp, size as isize) as isize + off) as usize
        } else {
            off as usize
        };
        op.cast::<u8>().add(off).cast()
    }
}

fn no_attribute(op: *mut PyObject, name: *mut PyObject) -> Raised {
    // SAFETY: op valid, name a str; the class is static.
    unsafe {
        let before = format!("'{}' object has no attribute '", typeobj::type_name(op));
        let e = errors::set_with_name(
            crate::object::exceptions::PyExc_AttributeError,
            &before,
            name,
            "'",
        );
        crate::object::protocol::attribute_error_context(op, name, e)
    }
}

/// `PyObject_GenericGetAttr` (`object.__getattribute__`).
pub unsafe fn generic_getattr(op: *mut PyObject, name: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op valid.
    match unsafe { generic_getattr_opt(op, name)? } {
        Some(v) => Ok(v),
        None => Err(no_attribute(op, name)),
    }
}

/// `_PyObject_GenericGetAttrWithDict` with `suppress` set: `Ok(None)` when
/// the attribute is missing, without making an `AttributeError` (one
/// raised by a descriptor's `__get__` still propagates).
pub unsafe fn generic_getattr_opt(
    op: *mut PyObject,
    name: *mut PyObject,
) -> PyResult<Option<Owned>> {
    // SAFETY: op valid; name is a str.
    unsafe {
        if !pystr::check(name) {
            return Err(errors::type_error(format!(
                "attribute name must be string, not '{}'",
                typeobj::type_name(name)
            )));
        }
        let tp = (*op).ob_type;
        let descr = lookup(tp, name);
        let mut get = None;
        if !descr.is_null() {
            let dt = (*descr).ob_type;
            get = (*dt).tp_descr_get;
            if let (Some(g), Some(_)) = (get, (*dt).tp_descr_set) {
                return errors::check(g(descr, op, tp.cast())).map(Some);
            }
        }
        // Held across the instance-dict lookup: a key's `__eq__` may delete
        // the class attribute (as CPython's _PyObject_GenericGetAttrWithDict).
        let descr = (!descr.is_null()).then(|| Owned::from_borrowed(descr));
        let slot = dict_slot(op);
        if !slot.is_null() && !(*slot).is_null() {
            let v = dict::get_item_known_hash_str(*slot, name);
            if !v.is_null() {
                return Ok(Some(Owned::from_borrowed(v)));
            }
            if !errors::occurred().is_null() {
                return Err(Raised::assume());
            }
        }
        match (descr, get) {
            (Some(d), Some(get)) => errors::check(get(d.as_ptr(), op, tp.cast())).map(Some),
            (Some(d), None) => Ok(Some(d)),
            (None, _) => Ok(None),
        }
    }
}

/// `PyObject_GenericSetAttr` (value NULL deletes).
pub unsafe fn generic_setattr(
    op: *mut PyObject,
    name: *mut PyObject,
    value: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: op valid; name a str; value NULL or valid.
    unsafe {
        if !pystr::check(name) {
            return Err(errors::type_error(format!(
                "attribute name must be string, not '{}'",
                typeobj::type_name(name)
            )));
        }
        let tp = (*op).ob_type;
        let descr = lookup(tp, name);
        if !descr.is_null() {
            if let Some(set) = (*(*descr).ob_type).tp_descr_set {
                if set(descr, op, value) < 0 {
                    return Err(Raised::assume());
                }
                return Ok(());
            }
        }
        let slot = dict_slot(op);
        if slot.is_null() {
            let tn = typeobj::type_name(op);
            let (before, after) = if descr.is_null() {
                (
                    format!("'{tn}' object has no attribute '"),
                    "' and no __dict__ for setting new attributes",
                )
            } else {
                (format!("'{tn}' object attribute '"), "' is read-only")
            };
            return Err(errors::set_with_name(
                crate::object::exceptions::PyExc_AttributeError,
                &before,
                name,
                after,
            ));
        }
        if (*slot).is_null() {
            if value.is_null() {
                return Err(no_attribute(op, name));
            }
            *slot = dict::new()?.into_raw();
        }
        if value.is_null() {
            if !dict::del_item_opt(*slot, name)? {
                return Err(no_attribute(op, name));
            }
            Ok(())
        } else {
            dict::set_item(*slot, name, value)
        }
    }
}

/// `PyObject_GenericGetAttr`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GenericGetAttr(
    op: *mut PyObject,
    name: *mut PyObject,
) -> *mut PyObject {
    crate::null_check!(op, name);
    // SAFETY: checked non-NULL.
    guard_obj(|| unsafe { generic_getattr(op, name) })
}

/// `PyObject_GenericSetAttr`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GenericSetAttr(
    op: *mut PyObject,
    name: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    crate::null_check!(op, name);
    // SAFETY: checked non-NULL.
    guard_status(|| unsafe { generic_setattr(op, name, value) })
}

/// `PyObject_GenericSetDict`: replaces the instance dict by the dict
/// `value`; deleting it is refused.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GenericSetDict(
    op: *mut PyObject,
    value: *mut PyObject,
    _ctx: *mut libc::c_void,
) -> c_int {
    guard_status(|| {
        // SAFETY: op valid; value NULL or valid.
        unsafe {
            let slot = dict_slot(op);
            if slot.is_null() {
                return Err(errors::attribute_error("This object has no __dict__"));
            }
            if value.is_null() {
                return Err(errors::type_error("cannot delete __dict__"));
            }
            if !dict::check(value) {
                return Err(errors::type_error(format!(
                    "__dict__ must be set to a dictionary, not a '{}'",
                    typeobj::type_name(value)
                )));
            }
            xdecref(std::mem::replace(&mut *slot, new_ref(value)));
            Ok(())
        }
    })
}

/// `PyObject_GenericGetDict`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GenericGetDict(
    op: *mut PyObject,
    _ctx: *mut libc::c_void,
) -> *mut PyObject {
    guard(|| {
        // SAFETY: op valid.
        unsafe {
            let slot = dict_slot(op);
            if slot.is_null() {
                errors::attribute_error("This object has no __dict__");
                return null_mut();
            }
            if (*slot).is_null() {
                match dict::new() {
                    Ok(d) => *slot = d.into_raw(),
                    Err(_) => return null_mut(),
                }
            }
            new_ref(*slot)
        }
    })
}
