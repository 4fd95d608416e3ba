//! `type.__new__(meta, name, bases, dict)`: classes created from Python.
//! The new heap type gets a slot for every dunder its namespace defines;
//! each such slot looks the method up on the type and calls it, so a
//! Python class and a C type dispatch through the same slots
//! (`Objects/typeobject.c`'s `slot_*` functions).
use crate::capi::boundary::{guard, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::{self, PyType_Type};
use crate::object::{
    bool as pybool, dict, heaptype, int, none, number, protocol, str as pystr, subtype, tuple,
};
use crate::runtime::errors::{self, check, PyResult};
use crate::Owned;
use libc::c_int;
use std::ptr::null_mut;

/// The `tp_new` of `type`: `type(name, bases, dict, **kwds)`.
pub unsafe extern "C" fn type_new(
    meta: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: meta is a metatype; args a tuple; kwds NULL or a dict.
        unsafe {
            let items = tuple::items(args);
            if items.len() == 1 && meta == &raw mut PyType_Type {
                return Ok(Owned::from_borrowed((*items[0]).ob_type.cast()));
            }
            let [name, bases, ns] = items else {
                return Err(errors::type_error(
                    "type.__new__() takes exactly 3 arguments (name, bases, dict)",
                ));
            };
            if !pystr::check(*name) {
                return Err(errors::type_error(format!(
                    "type.__new__() argument 1 must be str, not {}",
                    typeobj::type_name(*name)
                )));
            }
            if !tuple::check(*bases) {
                return Err(errors::type_error(format!(
                    "type.__new__() argument 2 must be tuple, not {}",
                    typeobj::type_name(*bases)
                )));
            }
            if !dict::check(*ns) {
                return Err(errors::type_error(format!(
                    "type.__new__() argument 3 must be dict, not {}",
                    typeobj::type_name(*ns)
                )));
            }
            // A base that is not a class but offers __mro_entries__ asks
            // for resolution that only __build_class__ performs.
            for &b in tuple::items(*bases) {
                if !typeobj::instance_of(b, &raw mut PyType_Type)
                    && protocol::getattr_opt(b, crate::interned!("__mro_entries__"))?.is_some()
                {
                    return Err(errors::type_error(
                        "type() doesn't support MRO entry resolution; use types.new_class()",
                    ));
                }
            }
            // The most derived metaclass builds the class, through its own
            // __new__ if it has one.
            let winner = crate::vm::classes::calculate_metaclass(meta, tuple::items(*bases))?;
            if winner != meta {
                if let Some(new) = (*winner).tp_new {
                    if new as usize != type_new as *const () as usize {
                        return errors::check(new(winner, args, kwds));
                    }
                }
            }
            new_class(winner, *name, *bases, *ns, kwds)
        }
    })
}

/// The `__dict__` descriptor of classes that add an instance dict.
const DICT_GETSET: PyGetSetDef = crate::object::descr::getset(
    c"__dict__",
    Some(crate::object::object::PyObject_GenericGetDict),
    Some(crate::object::object::PyObject_GenericSetDict),
);

/// The `__weakref__` descriptor of classes that add a weak reference list.
const WEAKREF_GETSET: PyGetSetDef =
    crate::object::descr::getset(c"__weakref__", Some(subtype_getweakref), None);

/// The descriptors a class gets for what it adds (`subtype_getsets_*`).
static SUBTYPE_GETSETS_FULL: [PyGetSetDef; 3] = [
    DICT_GETSET,
    WEAKREF_GETSET,
    crate::object::descr::GETSET_END,
];
static SUBTYPE_GETSETS_DICT: [PyGetSetDef; 2] = [DICT_GETSET, crate::object::descr::GETSET_END];
static SUBTYPE_GETSETS_WEAKREF: [PyGetSetDef; 2] =
    [WEAKREF_GETSET, crate::object::descr::GETSET_END];

/// `__weakref__`: the first weak reference to the object, or None.
unsafe extern "C" fn subtype_getweakref(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
    // SAFETY: op's type has a weak reference list at tp_weaklistoffset.
    unsafe {
        let off = (*(*op).ob_type).tp_weaklistoffset;
        let head = if off > 0 {
            *op.cast::<u8>().add(off as usize).cast::<*mut PyObject>()
        } else {
            null_mut()
        };
        new_ref(if head.is_null() {
            crate::object::none::none()
        } else {
            head
        })
    }
}

/// The base whose instance layout the new class extends (CPython's
/// `best_base`): the most derived "solid" base.
pub(crate) unsafe fn best_base(bases: &[*mut PyObject]) -> PyResult<*mut PyTypeObject> {
    // SAFETY: bases are types (checked).
    unsafe {
        let mut best: *mut PyTypeObject = null_mut();
        for &b in bases {
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
            if best.is_null() || typeobj::is_subtype(bt, best) {
                best = bt;
            } else if !typeobj::is_subtype(best, bt)
                && solid(bt) != solid(best)
                && !typeobj::is_subtype(solid(best), solid(bt))
            {
                if typeobj::is_subtype(solid(bt), solid(best)) {
                    best = bt;
                } else {
                    return Err(errors::type_error(
                        "multiple bases have instance lay-out conflict",
                    ));
                }
            }
        }
        Ok(best)
    }
}

/// The nearest base that adds to the instance layout.
pub(crate) unsafe fn solid(tp: *mut PyTypeObject) -> *mut PyTypeObject {
    // SAFETY: tp is a ready type.
    unsafe {
        if (*tp).tp_base.is_null() {
            return tp;
        }
        let base = solid((*tp).tp_base);
        if extra_ivars(tp, base) {
            tp
        } else {
            base
        }
    }
}

/// Whether instances of `tp` carry fields that `base`'s do not (CPython's
/// `extra_ivars`): the `__dict__` and `__weakref__` words a class adds do
/// not count, so that such classes combine freely; `__slots__` do.
unsafe fn extra_ivars(tp: *mut PyTypeObject, base: *mut PyTypeObject) -> bool {
    // SAFETY: both are ready types.
    unsafe {
        let word = std::mem::size_of::<*mut PyObject>() as Py_ssize_t;
        let mut size = (*tp).tp_basicsize;
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            if (*tp).tp_weaklistoffset > 0
                && (*base).tp_weaklistoffset == 0
                && (*tp).tp_weaklistoffset + word == size
            {
                size -= word;
            }
            // The dict is the last word, or (after variable-size items) a
            // negative offset that still added one word.
            if (*tp).tp_dictoffset != 0
                && (*base).tp_dictoffset == 0
                && ((*tp).tp_dictoffset < 0 || (*tp).tp_dictoffset + word == size)
            {
                size -= word;
            }
        }
        size != (*base).tp_basicsize || (*tp).tp_itemsize != (*base).tp_itemsize
    }
}

/// Creates the class.
pub unsafe fn new_class(
    meta: *mut PyTypeObject,
    name: *mut PyObject,
    bases: *mut PyObject,
    ns: *mut PyObject,
    kwds: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: arguments checked by type_new.
    unsafe {
        let object_type = (&raw mut crate::object::object::PyBaseObject_Type).cast::<PyObject>();
        let bases = if tuple::size(bases) == 0 {
            tuple::pack(&[object_type])?
        } else {
            Owned::from_borrowed(bases)
        };
        let base = best_base(tuple::items(bases.as_ptr()))?;
        let name_str = pystr::as_str(name)?;
        if name_str.contains('\0') {
            return Err(errors::value_error(
                "type name must not contain null characters",
            ));
        }
        let d = dict::new()?;
        dict::update_arg(d.as_ptr(), ns)?;
        // Layout: __slots__ or an instance dict.
        let slots = dict::get_item_known_hash_str(d.as_ptr(), crate::interned!("__slots__"));
        let mut slot_names: Vec<Owned> = Vec::new();
        let may_add_dict = (*base).tp_dictoffset == 0;
        let may_add_weak = (*base).tp_weaklistoffset == 0;
        let mut add_dict = may_add_dict;
        let mut add_weak = may_add_weak;
        if !slots.is_null() {
            add_dict = false;
            add_weak = false;
            let seq = if pystr::check(slots) {
                tuple::pack(&[slots])?
            } else {
                tuple::from_iterable(slots)?
            };
            if tuple::size(seq.as_ptr()) > 0 && (*base).tp_itemsize != 0 {
                return Err(errors::type_error(format!(
                    "nonempty __slots__ not supported for subtype of '{}'",
                    typeobj::name_of(base)
                )));
            }
            for &s in tuple::items(seq.as_ptr()) {
                if !pystr::check(s) {
                    return Err(errors::type_error(format!(
                        "__slots__ items must be strings, not '{}'",
                        typeobj::type_name(s)
                    )));
                }
                if !crate::object::str_methods::str_is_identifier(s) {
                    return Err(errors::type_error("__slots__ must be identifiers"));
                }
                match pystr::as_str(s)? {
                    "__dict__" => {
                        if !may_add_dict || add_dict {
                            return Err(errors::type_error(
                                "__dict__ slot disallowed: we already got one",
                            ));
                        }
                        add_dict = true;
                    }
                    "__weakref__" => {
                        if !may_add_weak || add_weak {
                            return Err(errors::type_error(
                                "__weakref__ slot disallowed: we already got one",
                            ));
                        }
                        add_weak = true;
                    }
                    // A private name is mangled as the compiler mangles
                    // it inside the class body (`_Py_Mangle`).
                    n => {
                        let m = ferrython_compiler::symtable::mangle(Some(name_str), n);
                        let m = if m == n {
                            Owned::from_borrowed(s)
                        } else {
                            pystr::from_str(&m)?
                        };
                        // The names the class statement itself puts in
                        // the namespace leave it before the slots exist.
                        if !matches!(n, "__qualname__" | "__classcell__" | "__classdictcell__")
                            && dict::contains(d.as_ptr(), m.as_ptr())?
                        {
                            return Err(errors::value_error(format!(
                                "{} in __slots__ conflicts with class variable",
                                crate::object::protocol::repr_string(m.as_ptr())?
                            )));
                        }
                        slot_names.push(m);
                    }
                }
            }
            // Sorted, as CPython lays them out: classes that list the same
            // slots in another order share a layout.
            slot_names.sort_by(|a, b| pystr::compare(a.as_ptr(), b.as_ptr()));
            // Secondary bases with an instance dict or weak references
            // give them to the class too (`type_new_slots_impl`).
            for &b in tuple::items(bases.as_ptr()) {
                let b = b.cast::<PyTypeObject>();
                if b != base {
                    add_dict |= (*base).tp_dictoffset == 0 && (*b).tp_dictoffset != 0;
                    add_weak |= (*base).tp_weaklistoffset == 0 && (*b).tp_weaklistoffset != 0;
                }
            }
        }
        let ty = heaptype::alloc(meta, name_str, slot_names.len())?;
        let tp: *mut PyTypeObject = ty.as_ptr().cast();
        let ht: *mut PyHeapTypeObject = tp.cast();
        // A class keeps the whole name it is given ("B.A" stays "B.A"),
        // where a spec's dotted name is split.
        if name_str.contains('.') {
            xdecref(std::mem::replace(&mut (*ht).ht_name, new_ref(name)));
            xdecref(std::mem::replace(&mut (*ht).ht_qualname, new_ref(name)));
        }
        // Every class is collected: an instance can always end up in a
        // cycle through its type or its dict.
        (*tp).tp_flags = Py_TPFLAGS_HEAPTYPE | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC;
        (*tp).tp_traverse = Some(subtype::subtype_traverse);
        (*tp).tp_clear = Some(subtype::subtype_clear);
        (*tp).tp_dealloc = Some(subtype::subtype_dealloc);
        (*tp).tp_base = new_ref(base.cast()).cast();
        (*tp).tp_bases = new_ref(bases.as_ptr());
        let mut size = (*base).tp_basicsize;
        (*tp).tp_itemsize = (*base).tp_itemsize;
        // The slot members follow the metatype's instance layout, which a
        // metatype such as ctypes' may extend past PyHeapTypeObject.
        let members = tp
            .cast::<u8>()
            .add((*meta).tp_basicsize as usize)
            .cast::<PyMemberDef>();
        for (i, s) in slot_names.iter().enumerate() {
            let m = members.add(i);
            (*m).name = pystr::as_str(pystr::intern(pystr::as_str(s.as_ptr())?))?
                .as_ptr()
                .cast();
            (*m).r#type = Py_T_OBJECT_EX;
            (*m).offset = size;
            (*m).flags = 0;
            (*m).doc = std::ptr::null();
            size += std::mem::size_of::<*mut PyObject>() as Py_ssize_t;
        }
        if !slot_names.is_empty() {
            (*tp).tp_members = members;
        }
        if !slots.is_null() {
            // `ht_slots`: what `__class__` assignment compares.
            let names: Vec<*mut PyObject> = slot_names.iter().map(|s| s.as_ptr()).collect();
            (*ht).ht_slots = tuple::pack(&names)?.into_raw();
        }
        if add_dict {
            // After variable-size items the dict pointer is the last word
            // of the allocation (a negative offset, as CPython's).
            (*tp).tp_dictoffset = if (*base).tp_itemsize == 0 {
                size
            } else {
                -(std::mem::size_of::<*mut PyObject>() as Py_ssize_t)
            };
            size += std::mem::size_of::<*mut PyObject>() as Py_ssize_t;
        }
        let add_weak = add_weak && (*base).tp_itemsize == 0;
        if add_weak {
            (*tp).tp_weaklistoffset = size;
            size += std::mem::size_of::<*mut PyObject>() as Py_ssize_t;
        }
        (*tp).tp_basicsize = size;
        // `__dict__` and `__weakref__` descriptors for what this class adds.
        (*tp).tp_getset = match (add_dict, add_weak) {
            (true, true) => (&raw const SUBTYPE_GETSETS_FULL).cast_mut().cast(),
            (true, false) => (&raw const SUBTYPE_GETSETS_DICT).cast_mut().cast(),
            (false, true) => (&raw const SUBTYPE_GETSETS_WEAKREF).cast_mut().cast(),
            (false, false) => std::ptr::null_mut(),
        };
        // A str __doc__ becomes the UTF-8 tp_doc in CPython: one with lone
        // surrogates is refused.
        let doc = dict::get_item_known_hash_str(d.as_ptr(), crate::interned!("__doc__"));
        if !doc.is_null() && pystr::check(doc) {
            pystr::as_str(doc)?;
        }
        // __qualname__ and __module__.
        let qual = dict::get_item_known_hash_str(d.as_ptr(), crate::interned!("__qualname__"));
        if !qual.is_null() {
            if !pystr::check(qual) {
                return Err(errors::type_error(format!(
                    "type __qualname__ must be a str, not {}",
                    typeobj::type_name(qual)
                )));
            }
            xdecref(std::mem::replace(&mut (*ht).ht_qualname, new_ref(qual)));
            dict::del_item(d.as_ptr(), crate::interned!("__qualname__"))?;
        }
        let module_key = crate::interned!("__module__");
        if dict::get_item_known_hash_str(d.as_ptr(), module_key).is_null() {
            let frame = crate::vm::frame::current();
            if !frame.is_null() {
                let g = crate::vm::frame::fr(frame).globals;
                let n = dict::get_item_known_hash_str(g, crate::interned!("__name__"));
                if !n.is_null() {
                    dict::set_item(d.as_ptr(), module_key, n)?;
                }
            }
        }
        // __new__ is a static method; __init_subclass__ and
        // __class_getitem__ are class methods.
        for (key, wrap) in [
            ("__new__", 0),
            ("__init_subclass__", 1),
            ("__class_getitem__", 1),
        ] {
            let v = dict::get_str(d.as_ptr(), key);
            if !v.is_null() && crate::vm::function::check(v) {
                let w = if wrap == 0 {
                    crate::object::funcobject::new_staticmethod(v)?
                } else {
                    crate::object::funcobject::new_classmethod(v)?
                };
                dict::set_item(d.as_ptr(), pystr::intern(key), w.as_ptr())?;
            }
        }
        if add_dict
            && dict::get_item_known_hash_str(d.as_ptr(), crate::interned!("__dict__")).is_null()
        {
            let g = crate::object::descr::new_getset(tp, &raw mut subtype::SUBTYPE_DICT_GETSET)?;
            dict::set_item(d.as_ptr(), crate::interned!("__dict__"), g.as_ptr())?;
        }
        // The body's `__class__` cell holds the class from now on (even
        // while a custom mro() runs); the annotation and type-parameter
        // scopes of the body read the class namespace through the other
        // cell: from now on it is the class's own dict.
        for (key, value) in [
            ("__classcell__", tp.cast()),
            ("__classdictcell__", d.as_ptr()),
        ] {
            let cell = dict::get_str(d.as_ptr(), key);
            if cell.is_null() {
                continue;
            }
            if (*cell).ob_type != &raw mut crate::vm::cell::PyCell_Type {
                let t = crate::object::protocol::repr_string((*cell).ob_type.cast())?;
                return Err(errors::type_error(format!(
                    "{key} must be a nonlocal cell, not {t}"
                )));
            }
            crate::vm::cell::set(cell, value);
            dict::del_item(d.as_ptr(), pystr::intern(key))?;
        }
        crate::object::typeannotations::take_annotate_func(tp, d.as_ptr())?;
        (*tp).tp_dict = d.clone().into_raw();
        // Ready first (inheriting the base's slots, adding no slot wrappers
        // for this class), then point the slots of the dunders this class
        // defines at the dispatchers, as CPython's fixup_slot_dispatchers.
        typeobj::ready(tp)?;
        install_slots(tp);
        if !(*dict::keys(d.as_ptr())).all_str && !only_str_keys(d.as_ptr()) {
            let msg = pystr::from_str(&format!(
                "non-string key in the __dict__ of class {name_str}"
            ))?;
            crate::modules::_warnings::warn(
                crate::object::exceptions::PyExc_RuntimeWarning,
                msg.as_ptr(),
                1,
                null_mut(),
                null_mut(),
            )?;
        }
        set_names(tp)?;
        init_subclass(tp, kwds)?;
        Ok(ty)
    }
}

/// Whether every key of dict `d` is a str (`_PyDict_HasOnlyStringKeys`).
unsafe fn only_str_keys(d: *mut PyObject) -> bool {
    // SAFETY: d is a dict.
    unsafe {
        let mut pos = 0;
        while let Some((k, _)) = dict::next(d, &mut pos) {
            if !pystr::check(k) {
                return false;
            }
        }
        true
    }
}

/// Calls `__set_name__` of the class attributes that have one.
unsafe fn set_names(tp: *mut PyTypeObject) -> PyResult<()> {
    // SAFETY: tp is ready; its dict is copied before iterating.
    unsafe {
        let d = dict::new()?;
        dict::update_arg(d.as_ptr(), (*tp).tp_dict)?;
        let mut pos = 0;
        while let Some((k, v)) = dict::next(d.as_ptr(), &mut pos) {
            let m = typeobj::lookup_str((*v).ob_type, "__set_name__");
            if !m.is_null() && protocol::call_args(m, &[v, tp.cast(), k]).is_err() {
                let key = errors::keeping_raised(|| protocol::repr_string(k))?;
                return Err(errors::add_note(&format!(
                    "Error calling __set_name__ on '{}' instance {key} in '{}'",
                    typeobj::type_name(v),
                    typeobj::name_of(tp)
                )));
            }
        }
        Ok(())
    }
}

/// Calls `super(cls, cls).__init_subclass__(**kwds)` (`kwds` NULL or the
/// class keywords).
unsafe fn init_subclass(tp: *mut PyTypeObject, kwds: *mut PyObject) -> PyResult<()> {
    // SAFETY: tp is ready.
    unsafe {
        use crate::object::superobject::{check_obj, lookup_after};
        // A custom mro() may leave the class out of its own MRO.
        let start = check_obj(tp, tp.cast())?;
        let name = crate::interned!("__init_subclass__");
        let bound = match lookup_after(start.as_ptr().cast(), tp.cast(), name) {
            Some(v) => match (*(*v.as_ptr()).ob_type).tp_descr_get {
                Some(get) => check(get(v.as_ptr(), null_mut(), tp.cast()))?,
                None => v,
            },
            // Nothing after the class in its MRO: what a super object
            // then finds on itself.
            None => {
                let sup = (&raw mut crate::object::superobject::PySuper_Type).cast();
                let s = protocol::call_args(sup, &[tp.cast(), tp.cast()])?;
                protocol::getattr(s.as_ptr(), name)?
            }
        };
        let empty = tuple::empty();
        protocol::call(bound.as_ptr(), empty.as_ptr(), kwds)?;
        Ok(())
    }
}

/// A method of `self`'s type bound to `self`, or `None` when the type
/// lacks it (`lookup_maybe_method`).
unsafe fn lookup_method(obj: *mut PyObject, name: &str) -> PyResult<Option<Owned>> {
    // SAFETY: obj valid.
    unsafe {
        let tp = (*obj).ob_type;
        let f = typeobj::lookup_str(tp, name);
        if f.is_null() {
            return Ok(None);
        }
        match (*(*f).ob_type).tp_descr_get {
            Some(get) => Ok(Some(check(get(f, obj, tp.cast()))?)),
            None => Ok(Some(Owned::from_borrowed(f))),
        }
    }
}

unsafe fn call_method(obj: *mut PyObject, name: &str, args: &[*mut PyObject]) -> PyResult<Owned> {
    // SAFETY: obj valid.
    unsafe {
        let f = typeobj::lookup_str((*obj).ob_type, name);
        if !f.is_null() && crate::vm::function::check(f) {
            // A Python function: called with obj first, as its bound
            // method would, without making one.
            return call_with_self(f, obj, args, null_mut());
        }
        match lookup_method(obj, name)? {
            Some(m) => protocol::call_args(m.as_ptr(), args),
            None => Err(errors::attribute_error(name)),
        }
    }
}

/// Calls Python function `f` with `obj` then `args` as its positional
/// arguments and `kwargs` (NULL or a dict) as its keywords.
unsafe fn call_with_self(
    f: *mut PyObject,
    obj: *mut PyObject,
    args: &[*mut PyObject],
    kwargs: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: f is a function; the arguments are borrowed for the call.
    unsafe {
        let mut small = [null_mut(); 6];
        let mut big = Vec::new();
        let all: &mut [*mut PyObject] = if args.len() < small.len() {
            &mut small[..args.len() + 1]
        } else {
            big.resize(args.len() + 1, null_mut());
            &mut big
        };
        all[0] = obj;
        all[1..].copy_from_slice(args);
        if kwargs.is_null() || dict::len(kwargs) == 0 {
            return crate::vm::call::call_function(f, all, null_mut(), &[]);
        }
        let t = tuple::from_slice(all)?;
        protocol::call(f, t.as_ptr(), kwargs)
    }
}

unsafe extern "C" fn slot_tp_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op valid.
    guard_obj(|| unsafe { call_method(op, "__repr__", &[]) })
}

unsafe extern "C" fn slot_tp_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op valid.
    guard_obj(|| unsafe { call_method(op, "__str__", &[]) })
}

unsafe extern "C" fn slot_tp_hash(op: *mut PyObject) -> Py_hash_t {
    guard(|| {
        // SAFETY: op valid.
        unsafe {
            let f = typeobj::lookup_str((*op).ob_type, "__hash__");
            if f.is_null() || f == none::none() {
                protocol::unhashable(op);
                return -1;
            }
            let r = match call_method(op, "__hash__", &[]) {
                Ok(r) => r,
                Err(_) => return -1,
            };
            if !int::check(r.as_ptr()) {
                errors::type_error("__hash__ method should return an integer");
                return -1;
            }
            // The value itself when it fits (-1 becomes -2), else the
            // int's hash, as CPython's slot_tp_hash.
            match int::as_i128(r.as_ptr()).and_then(|v| i64::try_from(v).ok()) {
                Some(-1) => -2,
                Some(h) => h as Py_hash_t,
                None => protocol::hash(r.as_ptr()).unwrap_or(-1),
            }
        }
    })
}

unsafe extern "C" fn slot_tp_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: op valid; args a tuple.
    guard_obj(|| unsafe {
        let m = lookup_method(op, "__call__")?.ok_or_else(|| {
            errors::type_error(format!(
                "'{}' object is not callable",
                typeobj::type_name(op)
            ))
        })?;
        protocol::call(m.as_ptr(), args, kwargs)
    })
}

unsafe extern "C" fn slot_tp_getattr_hook(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op valid; name a str.
        unsafe {
            let tp = (*op).ob_type;
            let getattribute = typeobj::lookup_str(tp, "__getattribute__");
            let r = if getattribute.is_null() || crate::object::slotdefs::is_wrapper(getattribute) {
                crate::object::object::generic_getattr(op, name)
            } else {
                call_method(op, "__getattribute__", &[name])
            };
            match r {
                Err(e) if errors::matches(crate::object::exceptions::PyExc_AttributeError) => {
                    if typeobj::lookup_str(tp, "__getattr__").is_null() {
                        return Err(e);
                    }
                    errors::clear();
                    call_method(op, "__getattr__", &[name])
                }
                r => r,
            }
        }
    })
}

unsafe extern "C" fn slot_tp_setattro(
    op: *mut PyObject,
    name: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op valid; name a str.
        unsafe {
            if value.is_null() {
                call_method(op, "__delattr__", &[name])?;
            } else {
                call_method(op, "__setattr__", &[name, value])?;
            }
            Ok(())
        }
    })
}

const CMP_NAMES: [&str; 6] = ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"];

unsafe extern "C" fn slot_tp_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a and b valid.
        unsafe {
            let f = typeobj::lookup_str((*a).ob_type, CMP_NAMES[op as usize]);
            if f.is_null() {
                return Ok(Owned::from_borrowed_static(none::not_implemented()));
            }
            let f = Owned::from_borrowed(f);
            let ft = (*f.as_ptr()).ob_type;
            // A method descriptor is called unbound, so a wrong class's
            // raises; another descriptor whose __get__ fails counts as
            // missing (`lookup_maybe_method`).
            if (*ft).tp_flags & Py_TPFLAGS_METHOD_DESCRIPTOR != 0 {
                return protocol::call_args(f.as_ptr(), &[a, b]);
            }
            let m = match (*ft).tp_descr_get {
                Some(get) => match check(get(f.as_ptr(), a, (*a).ob_type.cast())) {
                    Ok(m) => m,
                    Err(_) => {
                        errors::clear();
                        return Ok(Owned::from_borrowed_static(none::not_implemented()));
                    }
                },
                None => f,
            };
            protocol::call_args(m.as_ptr(), &[b])
        }
    })
}

unsafe extern "C" fn slot_tp_iter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op valid.
        unsafe {
            let f = typeobj::lookup_str((*op).ob_type, "__iter__");
            if f == none::none() {
                return Err(errors::type_error(format!(
                    "'{}' object is not iterable",
                    typeobj::type_name(op)
                )));
            }
            call_method(op, "__iter__", &[])
        }
    })
}

unsafe extern "C" fn slot_tp_iternext(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op valid.
    guard_obj(|| unsafe { call_method(op, "__next__", &[]) })
}

/// `slot_tp_descr_get`: calls the class's `__get__` as found, unbound, with
/// the descriptor itself first (so a builtin function works as `__get__`
/// too); a class without `__get__` gives the descriptor back.
unsafe extern "C" fn slot_tp_descr_get(
    op: *mut PyObject,
    obj: *mut PyObject,
    tp: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op valid; `get` is held for the call, which may delete it
        // from the class.
        unsafe {
            let get = typeobj::lookup_str((*op).ob_type, "__get__");
            if get.is_null() {
                return Ok(Owned::from_borrowed(op));
            }
            let get = Owned::from_borrowed(get);
            let n = |p: *mut PyObject| if p.is_null() { none::none() } else { p };
            if crate::vm::function::check(get.as_ptr()) {
                return call_with_self(get.as_ptr(), op, &[n(obj), n(tp)], null_mut());
            }
            protocol::call_args(get.as_ptr(), &[op, n(obj), n(tp)])
        }
    })
}

unsafe extern "C" fn slot_tp_descr_set(
    op: *mut PyObject,
    obj: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op valid.
        unsafe {
            if value.is_null() {
                call_method(op, "__delete__", &[obj])?;
            } else {
                call_method(op, "__set__", &[obj, value])?;
            }
            Ok(())
        }
    })
}

unsafe extern "C" fn slot_tp_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op valid; args a tuple.
        unsafe {
            let f = typeobj::lookup_str((*op).ob_type, "__init__");
            let r = if !f.is_null() && crate::vm::function::check(f) {
                call_with_self(f, op, tuple::items(args), kwargs)?
            } else {
                let m = lookup_method(op, "__init__")?
                    .ok_or_else(|| errors::attribute_error("__init__"))?;
                protocol::call(m.as_ptr(), args, kwargs)?
            };
            if r.as_ptr() != none::none() {
                return Err(errors::type_error(format!(
                    "__init__() should return None, not '{}'",
                    typeobj::type_name(r.as_ptr())
                )));
            }
            Ok(())
        }
    })
}

/// Whether `f` is the `tp_setattro` of classes that define `__setattr__`
/// or `__delattr__` in Python.
pub(crate) fn is_slot_tp_setattro(f: setattrofunc) -> bool {
    f.is_some_and(|f| {
        std::ptr::fn_addr_eq(f, slot_tp_setattro as unsafe extern "C" fn(_, _, _) -> _)
    })
}

/// Whether `f` is the `tp_new` of classes whose `__new__` is Python code.
pub(crate) fn is_slot_tp_new(f: newfunc) -> bool {
    f.is_some_and(|f| std::ptr::fn_addr_eq(f, slot_tp_new as unsafe extern "C" fn(_, _, _) -> _))
}

unsafe extern "C" fn slot_tp_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: tp is a class with __new__; args a tuple.
        unsafe {
            let f = protocol::getattr_str(tp.cast(), "__new__")?;
            let mut v = vec![tp.cast::<PyObject>()];
            v.extend_from_slice(tuple::items(args));
            let t = tuple::from_slice(&v)?;
            protocol::call(f.as_ptr(), t.as_ptr(), kwargs)
        }
    })
}

unsafe extern "C" fn slot_nb_bool(op: *mut PyObject) -> c_int {
    guard(|| {
        // SAFETY: op valid.
        unsafe {
            let (r, name) = match lookup_method(op, "__bool__") {
                Ok(Some(m)) => (protocol::call_args(m.as_ptr(), &[]), "__bool__"),
                Ok(None) => match lookup_method(op, "__len__") {
                    Ok(Some(m)) => (protocol::call_args(m.as_ptr(), &[]), "__len__"),
                    Ok(None) => return 1,
                    Err(_) => return -1,
                },
                Err(_) => return -1,
            };
            let Ok(r) = r else { return -1 };
            if name == "__bool__" {
                if !typeobj::instance_of(r.as_ptr(), &raw mut pybool::PyBool_Type) {
                    errors::type_error(format!(
                        "__bool__ should return bool, returned {}",
                        typeobj::type_name(r.as_ptr())
                    ));
                    return -1;
                }
                return (r.as_ptr() == pybool::py_true()) as c_int;
            }
            match int::as_i64(r.as_ptr()) {
                Ok(n) if n < 0 => {
                    errors::value_error("__len__() should return >= 0");
                    -1
                }
                Ok(n) => (n != 0) as c_int,
                Err(_) => -1,
            }
        }
    })
}

unsafe extern "C" fn slot_length(op: *mut PyObject) -> Py_ssize_t {
    guard(|| {
        // SAFETY: op valid.
        unsafe {
            let Ok(r) = call_method(op, "__len__", &[]) else {
                return -1;
            };
            let Ok(i) = number::index(r.as_ptr()) else {
                return -1;
            };
            // A negative length is a ValueError however large it is.
            if int::sign(i.as_ptr()) < 0 {
                errors::value_error("__len__() should return >= 0");
                return -1;
            }
            match int::as_i64(i.as_ptr()) {
                Ok(n) => n as Py_ssize_t,
                Err(_) => {
                    errors::clear();
                    errors::overflow_error("cannot fit 'int' into an index-sized integer");
                    -1
                }
            }
        }
    })
}

unsafe extern "C" fn slot_mp_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: op valid.
    guard_obj(|| unsafe { call_method(op, "__getitem__", &[key]) })
}

/// `sq_item` of a class with `__getitem__` (iteration falls back to it).
unsafe extern "C" fn slot_sq_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| {
        let key = crate::object::int::from_i64(i as i64)?;
        // SAFETY: op valid.
        unsafe { call_method(op, "__getitem__", &[key.as_ptr()]) }
    })
}

unsafe extern "C" fn slot_mp_ass_subscript(
    op: *mut PyObject,
    key: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op valid.
        unsafe {
            if value.is_null() {
                call_method(op, "__delitem__", &[key])?;
            } else {
                call_method(op, "__setitem__", &[key, value])?;
            }
            Ok(())
        }
    })
}

unsafe extern "C" fn slot_sq_contains(op: *mut PyObject, x: *mut PyObject) -> c_int {
    guard(|| {
        // SAFETY: op valid.
        unsafe {
            match call_method(op, "__contains__", &[x]).and_then(|r| protocol::is_true(r.as_ptr()))
            {
                Ok(b) => b as c_int,
                Err(_) => -1,
            }
        }
    })
}

/// Binary operator slots: the left operand's `__op__`, then the right
/// operand's `__rop__` (first when the right type is a subclass that
/// overrides it), as CPython's `SLOT1BINFULL`. An operand takes part when
/// its type's slot is this very slot function (`ours`), whether the
/// method it then finds is a Python function or a base's slot wrapper:
/// `1 / F(2.0)` with `class F(float)` defining only `__truediv__` reaches
/// `float.__rtruediv__`.
unsafe fn binary_slot(
    a: *mut PyObject,
    b: *mut PyObject,
    name: &str,
    rname: &str,
    ours: impl Fn(*mut PyTypeObject) -> bool,
) -> PyResult<Owned> {
    // SAFETY: a and b valid.
    unsafe {
        let ni = none::not_implemented();
        let (ta, tb) = ((*a).ob_type, (*b).ob_type);
        let do_other = ta != tb && ours(tb);
        let mut b_done = false;
        if do_other && typeobj::is_subtype(tb, ta) {
            let b_r = typeobj::lookup_str(tb, rname);
            if !b_r.is_null() && b_r != typeobj::lookup_str(ta, rname) {
                let r = call_method_maybe(b, rname, a)?;
                if r.as_ptr() != ni {
                    return Ok(r);
                }
                b_done = true;
            }
        }
        if ours(ta) {
            let r = call_method_maybe(a, name, b)?;
            if r.as_ptr() != ni || ta == tb {
                return Ok(r);
            }
        }
        if do_other && !b_done {
            return call_method_maybe(b, rname, a);
        }
        Ok(Owned::from_borrowed_static(ni))
    }
}

/// `obj.name(arg)`, or `NotImplemented` when the type has no such
/// attribute (CPython's `vectorcall_maybe`).
unsafe fn call_method_maybe(obj: *mut PyObject, name: &str, arg: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: obj and arg valid.
    unsafe {
        if typeobj::lookup_str((*obj).ob_type, name).is_null() {
            return Ok(Owned::from_borrowed_static(none::not_implemented()));
        }
        call_method(obj, name, &[arg])
    }
}

macro_rules! binary_slots {
    ($($f:ident / $field:ident: $name:literal / $rname:literal;)*) => {$(
        unsafe extern "C" fn $f(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
            // SAFETY: a and b valid; a type's tp_as_number is NULL or valid.
            guard_obj(|| unsafe {
                binary_slot(a, b, $name, $rname, |t| {
                    let nb = (*t).tp_as_number;
                    !nb.is_null()
                        && (*nb).$field.is_some_and(|f| {
                            std::ptr::fn_addr_eq(f, $f as unsafe extern "C" fn(_, _) -> _)
                        })
                })
            })
        }
    )*};
}

binary_slots! {
    slot_nb_add / nb_add: "__add__" / "__radd__";
    slot_nb_subtract / nb_subtract: "__sub__" / "__rsub__";
    slot_nb_multiply / nb_multiply: "__mul__" / "__rmul__";
    slot_nb_remainder / nb_remainder: "__mod__" / "__rmod__";
    slot_nb_divmod / nb_divmod: "__divmod__" / "__rdivmod__";
    slot_nb_lshift / nb_lshift: "__lshift__" / "__rlshift__";
    slot_nb_rshift / nb_rshift: "__rshift__" / "__rrshift__";
    slot_nb_and / nb_and: "__and__" / "__rand__";
    slot_nb_xor / nb_xor: "__xor__" / "__rxor__";
    slot_nb_or / nb_or: "__or__" / "__ror__";
    slot_nb_floor_divide / nb_floor_divide: "__floordiv__" / "__rfloordiv__";
    slot_nb_true_divide / nb_true_divide: "__truediv__" / "__rtruediv__";
    slot_nb_matrix_multiply / nb_matrix_multiply: "__matmul__" / "__rmatmul__";
}

unsafe extern "C" fn slot_nb_power(
    a: *mut PyObject,
    b: *mut PyObject,
    m: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a and b valid.
        unsafe {
            if m == none::none() {
                return binary_slot(a, b, "__pow__", "__rpow__", |t| {
                    let nb = (*t).tp_as_number;
                    !nb.is_null()
                        && (*nb).nb_power.is_some_and(|f| {
                            std::ptr::fn_addr_eq(
                                f,
                                slot_nb_power as unsafe extern "C" fn(_, _, _) -> _,
                            )
                        })
                });
            }
            call_method(a, "__pow__", &[b, m])
        }
    })
}

macro_rules! unary_slots {
    ($($f:ident: $name:literal;)*) => {$(
        unsafe extern "C" fn $f(a: *mut PyObject) -> *mut PyObject {
            // SAFETY: a valid.
            guard_obj(|| unsafe { call_method(a, $name, &[]) })
        }
    )*};
}

unary_slots! {
    slot_nb_negative: "__neg__";
    slot_nb_positive: "__pos__";
    slot_nb_absolute: "__abs__";
    slot_nb_invert: "__invert__";
    slot_nb_int: "__int__";
    slot_nb_float: "__float__";
    slot_nb_index: "__index__";
    slot_am_await: "__await__";
    slot_am_aiter: "__aiter__";
    slot_am_anext: "__anext__";
}

macro_rules! inplace_slots {
    ($($f:ident: $name:literal;)*) => {$(
        unsafe extern "C" fn $f(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
            // SAFETY: a and b valid.
            guard_obj(|| unsafe {
                match lookup_method(a, $name)? {
                    Some(m) => protocol::call_args(m.as_ptr(), &[b]),
                    None => Ok(Owned::from_borrowed_static(none::not_implemented())),
                }
            })
        }
    )*};
}

inplace_slots! {
    slot_nb_inplace_add: "__iadd__";
    slot_nb_inplace_subtract: "__isub__";
    slot_nb_inplace_multiply: "__imul__";
    slot_nb_inplace_remainder: "__imod__";
    slot_nb_inplace_lshift: "__ilshift__";
    slot_nb_inplace_rshift: "__irshift__";
    slot_nb_inplace_and: "__iand__";
    slot_nb_inplace_xor: "__ixor__";
    slot_nb_inplace_or: "__ior__";
    slot_nb_inplace_floor_divide: "__ifloordiv__";
    slot_nb_inplace_true_divide: "__itruediv__";
    slot_nb_inplace_matrix_multiply: "__imatmul__";
}

/// `slot_nb_inplace_power`: `__ipow__` gets the exponent only, as in
/// CPython (an in-place power never has a modulus).
unsafe extern "C" fn slot_nb_inplace_power(
    a: *mut PyObject,
    b: *mut PyObject,
    _modulus: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: the slot's arguments are valid objects.
    unsafe { slot_nb_inplace_pow_exponent(a, b) }
}

inplace_slots! {
    slot_nb_inplace_pow_exponent: "__ipow__";
}

/// After `cls.name = value` (or `del cls.name`) on a class: when `name`
/// is a dunder, the slot behind it in `cls` and its subclasses now
/// dispatches to whatever the MRO gives (`update_slot`).
pub(crate) unsafe fn update_slot(tp: *mut PyTypeObject, name: &str) -> PyResult<()> {
    if !(name.len() > 4 && name.starts_with("__") && name.ends_with("__")) {
        return Ok(());
    }
    // SAFETY: tp is a heap type; its subclasses are live types.
    unsafe {
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0 {
            return Ok(());
        }
        install_slots_for(tp, Some(name));
        if typeobj::lookup_str(tp, name).is_null() {
            clear_slots_for(tp, name);
        }
        let subs = crate::object::subclasses::list_of(tp)?;
        for &s in crate::object::list::items(subs.as_ptr()) {
            update_slot(s.cast(), name)?;
        }
        Ok(())
    }
}

/// After `del cls.name` left `name` nowhere in the MRO: the slots that
/// `name` fed go empty, as CPython's `update_one_slot` stores NULL when it
/// finds no descriptor, unless a partner dunder of the same slot
/// (`__radd__` for `nb_add`, `__delitem__` for `mp_ass_subscript`) remains.
/// Only dunders that `object` lacks can go missing.
unsafe fn clear_slots_for(tp: *mut PyTypeObject, name: &str) {
    // SAFETY: tp is a ready heap type; its method tables are inline.
    unsafe {
        let gone = move |names: &[&str]| {
            names.contains(&name) && names.iter().all(|n| typeobj::lookup_str(tp, n).is_null())
        };
        let nb = &mut *(*tp).tp_as_number;
        let sq = &mut *(*tp).tp_as_sequence;
        let mp = &mut *(*tp).tp_as_mapping;
        let am = &mut *(*tp).tp_as_async;
        let bp = &mut *(*tp).tp_as_buffer;
        macro_rules! clear {
            ($($($n:literal)|+ => $($slot:expr),+;)*) => {$(
                if gone(&[$($n),+]) {
                    $($slot = None;)+
                }
            )*};
        }
        clear! {
            "__call__" => (*tp).tp_call;
            "__iter__" => (*tp).tp_iter;
            "__next__" => (*tp).tp_iternext;
            "__get__" => (*tp).tp_descr_get;
            "__set__" | "__delete__" => (*tp).tp_descr_set;
            "__del__" => (*tp).tp_finalize;
            "__buffer__" => bp.bf_getbuffer;
            "__release_buffer__" => bp.bf_releasebuffer;
            "__await__" => am.am_await;
            "__aiter__" => am.am_aiter;
            "__anext__" => am.am_anext;
            "__len__" => mp.mp_length, sq.sq_length;
            "__getitem__" => mp.mp_subscript, sq.sq_item;
            "__setitem__" | "__delitem__" => mp.mp_ass_subscript;
            "__contains__" => sq.sq_contains;
            "__bool__" | "__len__" => nb.nb_bool;
            "__add__" | "__radd__" => nb.nb_add;
            "__sub__" | "__rsub__" => nb.nb_subtract;
            "__mul__" | "__rmul__" => nb.nb_multiply;
            "__mod__" | "__rmod__" => nb.nb_remainder;
            "__divmod__" | "__rdivmod__" => nb.nb_divmod;
            "__pow__" | "__rpow__" => nb.nb_power;
            "__lshift__" | "__rlshift__" => nb.nb_lshift;
            "__rshift__" | "__rrshift__" => nb.nb_rshift;
            "__and__" | "__rand__" => nb.nb_and;
            "__xor__" | "__rxor__" => nb.nb_xor;
            "__or__" | "__ror__" => nb.nb_or;
            "__floordiv__" | "__rfloordiv__" => nb.nb_floor_divide;
            "__truediv__" | "__rtruediv__" => nb.nb_true_divide;
            "__matmul__" | "__rmatmul__" => nb.nb_matrix_multiply;
            "__neg__" => nb.nb_negative;
            "__pos__" => nb.nb_positive;
            "__abs__" => nb.nb_absolute;
            "__invert__" => nb.nb_invert;
            "__int__" => nb.nb_int;
            "__float__" => nb.nb_float;
            "__index__" => nb.nb_index;
            "__iadd__" => nb.nb_inplace_add;
            "__isub__" => nb.nb_inplace_subtract;
            "__imul__" => nb.nb_inplace_multiply;
            "__imod__" => nb.nb_inplace_remainder;
            "__ipow__" => nb.nb_inplace_power;
            "__ilshift__" => nb.nb_inplace_lshift;
            "__irshift__" => nb.nb_inplace_rshift;
            "__iand__" => nb.nb_inplace_and;
            "__ixor__" => nb.nb_inplace_xor;
            "__ior__" => nb.nb_inplace_or;
            "__ifloordiv__" => nb.nb_inplace_floor_divide;
            "__itruediv__" => nb.nb_inplace_true_divide;
            "__imatmul__" => nb.nb_inplace_matrix_multiply;
        }
    }
}

/// Points the slots of a new class at the `slot_*` functions for each
/// dunder its own namespace defines (inherited ones come through
/// `PyType_Ready`).
unsafe fn install_slots(tp: *mut PyTypeObject) {
    // SAFETY: forwarded.
    unsafe { install_slots_for(tp, None) }
}

/// Whether class attribute `v` is a Python function, the static method a
/// class body's `__new__` becomes, or None (`__iter__ = None` and the like
/// turn the protocol off): what a class inherits from a base later in the
/// MRO than a builtin base.
unsafe fn defined_in_python(v: *mut PyObject) -> bool {
    // SAFETY: v valid.
    unsafe {
        v == none::none()
            || crate::vm::function::check(v)
            || (*v).ob_type == &raw mut crate::object::funcobject::PyStaticMethod_Type
    }
}

/// The bit of dunder name `s` in `install_slots_for`'s filter, from its
/// length and two of its letters.
#[inline]
fn name_bit(s: &str) -> u64 {
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).map_or(0, |&c| c as usize);
    let mix = b.len().wrapping_mul(7) ^ at(2).wrapping_mul(13) ^ at(b.len().wrapping_sub(3));
    1 << (mix & 63)
}

/// `install_slots`, or with `only` the slots of that one dunder as it is
/// resolved now.
unsafe fn install_slots_for(tp: *mut PyTypeObject, only: Option<&str>) {
    // SAFETY: tp is a heap type; its tables are inline.
    unsafe {
        let d = (*tp).tp_dict;
        let own = |n: &str| only.is_none_or(|o| o == n) && !dict::get_str(d, n).is_null();
        // A dunder counts when the class defines it, or inherits a Python
        // function for it from a class after a builtin base in the MRO
        // (`class E(Mixin, int)`: int's slot would hide Mixin.__repr__);
        // CPython's fixup_slot_dispatchers looks every name up in the MRO.
        // Updating one name after creation takes whatever the MRO has.
        let this = tp;
        // Only a dunder the class's own dict binds, or one bound to a
        // Python function somewhere in the MRO, can pass `has`: listing
        // those first spares the look-ups of the other seventy-odd names.
        let mut bound: Vec<&str> = Vec::new();
        // One bit per bound name: most names are ruled out without
        // comparing text with each of `bound`.
        let mut filter = 0u64;
        if only.is_none() {
            let mut scan = |td: *mut PyObject, functions_only: bool| {
                let mut pos = 0;
                while let Some((k, v)) = dict::next(td, &mut pos) {
                    if functions_only && !defined_in_python(v) {
                        continue;
                    }
                    if !pystr::check(k) {
                        continue;
                    }
                    // A str subclass key is no compact ASCII str; one with
                    // lone surrogates names none of the dunders below.
                    let text = pystr::ascii_str(k)
                        .or_else(|| pystr::as_str(k).map_err(|_| errors::clear()).ok());
                    if let Some(s) = text.filter(|s| s.starts_with("__")) {
                        filter |= name_bit(s);
                        bound.push(s);
                    }
                }
            };
            scan(d, false);
            let mro = (*tp).tp_mro;
            if !mro.is_null() {
                for &base in tuple::items(mro) {
                    let bd = (*base.cast::<PyTypeObject>()).tp_dict;
                    if base != tp.cast() && !bd.is_null() {
                        scan(bd, true);
                    }
                }
            }
        }
        let has = move |n: &str| match only {
            Some(o) => o == n && !typeobj::lookup_str(this, n).is_null(),
            None if filter & name_bit(n) == 0 || !bound.contains(&n) => false,
            None => {
                let k = pystr::intern(n);
                !dict::get_item_known_hash_str(d, k).is_null() || {
                    let v = typeobj::lookup(this, k);
                    !v.is_null() && defined_in_python(v)
                }
            }
        };
        let nb = &mut *(*tp).tp_as_number;
        let sq = &mut *(*tp).tp_as_sequence;
        let mp = &mut *(*tp).tp_as_mapping;
        if has("__repr__") {
            (*tp).tp_repr = Some(slot_tp_repr);
        }
        if has("__str__") {
            (*tp).tp_str = Some(slot_tp_str);
        }
        if only.is_some() {
            if has("__hash__") {
                (*tp).tp_hash = Some(slot_tp_hash);
            }
        } else if own("__hash__") || (!own("__eq__") && has("__hash__")) {
            (*tp).tp_hash = Some(slot_tp_hash);
        } else if own("__eq__") {
            // Defining __eq__ without __hash__ makes instances unhashable.
            dict::set_item(d, crate::interned!("__hash__"), none::none()).ok();
            (*tp).tp_hash = Some(crate::capi::object::PyObject_HashNotImplemented);
        }
        if has("__call__") {
            (*tp).tp_call = Some(slot_tp_call);
        }
        let bp = &mut *(*tp).tp_as_buffer;
        if has("__buffer__") {
            bp.bf_getbuffer = Some(crate::object::bufferslots::slot_bf_getbuffer);
        }
        if has("__release_buffer__") {
            bp.bf_releasebuffer = Some(crate::object::bufferslots::slot_bf_releasebuffer);
        }
        if has("__del__") {
            (*tp).tp_finalize = Some(subtype::slot_tp_finalize);
        }
        if has("__getattribute__") || has("__getattr__") {
            (*tp).tp_getattro = Some(slot_tp_getattr_hook);
        }
        if has("__setattr__") || has("__delattr__") {
            (*tp).tp_setattro = Some(slot_tp_setattro);
        }
        if CMP_NAMES.iter().any(|n| has(n)) {
            (*tp).tp_richcompare = Some(slot_tp_richcompare);
        }
        if has("__iter__") {
            (*tp).tp_iter = Some(slot_tp_iter);
        }
        if has("__next__") {
            (*tp).tp_iternext = Some(slot_tp_iternext);
        }
        if has("__get__") {
            (*tp).tp_descr_get = Some(slot_tp_descr_get);
        }
        if has("__set__") || has("__delete__") {
            (*tp).tp_descr_set = Some(slot_tp_descr_set);
        }
        if has("__init__") {
            (*tp).tp_init = Some(slot_tp_init);
        }
        if has("__new__") {
            (*tp).tp_new = Some(slot_tp_new);
        }
        if has("__bool__") {
            nb.nb_bool = Some(slot_nb_bool);
        }
        let am = &mut *(*tp).tp_as_async;
        if has("__await__") {
            am.am_await = Some(slot_am_await);
        }
        if has("__aiter__") {
            am.am_aiter = Some(slot_am_aiter);
        }
        if has("__anext__") {
            am.am_anext = Some(slot_am_anext);
        }
        if has("__len__") {
            mp.mp_length = Some(slot_length);
            sq.sq_length = Some(slot_length);
            if nb.nb_bool.is_none() {
                nb.nb_bool = Some(slot_nb_bool);
            }
        }
        if has("__getitem__") {
            mp.mp_subscript = Some(slot_mp_subscript);
            sq.sq_item = Some(slot_sq_item);
        }
        if has("__setitem__") || has("__delitem__") {
            mp.mp_ass_subscript = Some(slot_mp_ass_subscript);
        }
        if has("__contains__") {
            sq.sq_contains = Some(slot_sq_contains);
        }
        macro_rules! bin {
            ($($field:ident: $a:literal $b:literal => $f:ident;)*) => {$(
                if has($a) || has($b) {
                    nb.$field = Some($f);
                }
            )*};
        }
        bin! {
            nb_add: "__add__" "__radd__" => slot_nb_add;
            nb_subtract: "__sub__" "__rsub__" => slot_nb_subtract;
            nb_multiply: "__mul__" "__rmul__" => slot_nb_multiply;
            nb_remainder: "__mod__" "__rmod__" => slot_nb_remainder;
            nb_divmod: "__divmod__" "__rdivmod__" => slot_nb_divmod;
            nb_lshift: "__lshift__" "__rlshift__" => slot_nb_lshift;
            nb_rshift: "__rshift__" "__rrshift__" => slot_nb_rshift;
            nb_and: "__and__" "__rand__" => slot_nb_and;
            nb_xor: "__xor__" "__rxor__" => slot_nb_xor;
            nb_or: "__or__" "__ror__" => slot_nb_or;
            nb_floor_divide: "__floordiv__" "__rfloordiv__" => slot_nb_floor_divide;
            nb_true_divide: "__truediv__" "__rtruediv__" => slot_nb_true_divide;
            nb_matrix_multiply: "__matmul__" "__rmatmul__" => slot_nb_matrix_multiply;
        }
        if has("__pow__") || has("__rpow__") {
            nb.nb_power = Some(slot_nb_power);
        }
        macro_rules! one {
            ($($field:ident: $a:literal => $f:ident;)*) => {$(
                if has($a) {
                    nb.$field = Some($f);
                }
            )*};
        }
        one! {
            nb_negative: "__neg__" => slot_nb_negative;
            nb_positive: "__pos__" => slot_nb_positive;
            nb_absolute: "__abs__" => slot_nb_absolute;
            nb_invert: "__invert__" => slot_nb_invert;
            nb_int: "__int__" => slot_nb_int;
            nb_float: "__float__" => slot_nb_float;
            nb_index: "__index__" => slot_nb_index;
            nb_inplace_add: "__iadd__" => slot_nb_inplace_add;
            nb_inplace_subtract: "__isub__" => slot_nb_inplace_subtract;
            nb_inplace_multiply: "__imul__" => slot_nb_inplace_multiply;
            nb_inplace_remainder: "__imod__" => slot_nb_inplace_remainder;
            nb_inplace_lshift: "__ilshift__" => slot_nb_inplace_lshift;
            nb_inplace_rshift: "__irshift__" => slot_nb_inplace_rshift;
            nb_inplace_and: "__iand__" => slot_nb_inplace_and;
            nb_inplace_xor: "__ixor__" => slot_nb_inplace_xor;
            nb_inplace_or: "__ior__" => slot_nb_inplace_or;
            nb_inplace_floor_divide: "__ifloordiv__" => slot_nb_inplace_floor_divide;
            nb_inplace_true_divide: "__itruediv__" => slot_nb_inplace_true_divide;
            nb_inplace_matrix_multiply: "__imatmul__" => slot_nb_inplace_matrix_multiply;
            nb_inplace_power: "__ipow__" => slot_nb_inplace_power;
        }
    }
}
