//! The views `dict_keys`, `dict_values`, `dict_items` (`PyDictKeys_Type` ...)
//! and the six dict iterators (forward and reversed over keys, values,
//! items), as in `Objects/dictobject.c`.
use crate::capi::boundary::{guard_int, guard_obj};
use crate::ffi::*;
use crate::object::dict::{self, len as dict_len};
use crate::object::dictkeys::Keys;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{descr, protocol, set, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// What a view or iterator yields.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Keys,
    Values,
    Items,
}

/// `_PyDictViewObject`.
#[repr(C)]
pub struct DictViewObject {
    pub ob_base: PyObject,
    pub dv_dict: *mut PyObject,
}

/// A dict iterator (`dictiterobject`).
#[repr(C)]
pub struct DictIterObject {
    pub ob_base: PyObject,
    /// NULL once exhausted.
    pub di_dict: *mut PyObject,
    /// The dict's size when iteration started (-1 after a size change).
    pub di_used: Py_ssize_t,
    /// Next entry index (the previous one for reversed iterators).
    pub di_pos: Py_ssize_t,
    /// Items still expected.
    pub len: Py_ssize_t,
}

const fn view_type(
    name: &'static std::ffi::CStr,
    number: *mut PyNumberMethods,
    seq: *mut PySequenceMethods,
    hash: hashfunc,
    richcompare: richcmpfunc,
    methods: *const PyMethodDef,
) -> PyTypeObject {
    PyTypeObject {
        tp_flags: Py_TPFLAGS_HAVE_GC,
        tp_dealloc: Some(view_dealloc),
        tp_repr: Some(view_repr),
        tp_hash: hash,
        tp_as_number: number,
        tp_as_sequence: seq,
        tp_traverse: Some(view_traverse),
        tp_richcompare: richcompare,
        tp_iter: Some(view_iter),
        tp_methods: methods.cast_mut(),
        tp_getset: (&raw const VIEW_GETSET).cast_mut().cast(),
        tp_free: Some(crate::capi::gc::PyObject_GC_Del),
        ..type_template(name, std::mem::size_of::<DictViewObject>(), 0)
    }
}

/// `PyDictKeys_Type`.
#[no_mangle]
pub static mut PyDictKeys_Type: PyTypeObject = view_type(
    c"dict_keys",
    &raw mut SETVIEW_AS_NUMBER,
    &raw mut KEYS_AS_SEQUENCE,
    Some(crate::capi::object::PyObject_HashNotImplemented),
    Some(view_richcompare),
    (&raw const SETVIEW_METHODS).cast(),
);

/// `PyDictItems_Type`.
#[no_mangle]
pub static mut PyDictItems_Type: PyTypeObject = view_type(
    c"dict_items",
    &raw mut SETVIEW_AS_NUMBER,
    &raw mut ITEMS_AS_SEQUENCE,
    Some(crate::capi::object::PyObject_HashNotImplemented),
    Some(view_richcompare),
    (&raw const SETVIEW_METHODS).cast(),
);

/// `PyDictValues_Type`.
#[no_mangle]
pub static mut PyDictValues_Type: PyTypeObject = view_type(
    c"dict_values",
    null_mut(),
    &raw mut VALUES_AS_SEQUENCE,
    None,
    None,
    (&raw const VALUES_METHODS).cast(),
);

static mut KEYS_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(view_len),
    sq_contains: Some(keys_contains),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static mut ITEMS_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(view_len),
    sq_contains: Some(items_contains),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static mut VALUES_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(view_len),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static mut SETVIEW_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_subtract: Some(views_sub),
    nb_and: Some(views_and),
    nb_xor: Some(views_xor),
    nb_or: Some(views_or),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static SETVIEW_METHODS: [PyMethodDef; 3] = [
    descr::method(c"isdisjoint", views_isdisjoint as *const c_void, METH_O),
    descr::method(c"__reversed__", view_reversed as *const c_void, METH_NOARGS),
    descr::METHOD_END,
];

static VALUES_METHODS: [PyMethodDef; 2] = [
    descr::method(c"__reversed__", view_reversed as *const c_void, METH_NOARGS),
    descr::METHOD_END,
];

static VIEW_GETSET: [PyGetSetDef; 2] = [
    descr::getset(c"mapping", Some(view_mapping), None),
    descr::GETSET_END,
];

const fn iter_type(name: &'static std::ffi::CStr) -> PyTypeObject {
    PyTypeObject {
        tp_flags: Py_TPFLAGS_HAVE_GC,
        tp_dealloc: Some(iter_dealloc),
        tp_traverse: Some(iter_traverse),
        tp_iter: Some(crate::object::iterobject::self_iter),
        tp_iternext: Some(iter_next),
        tp_methods: (&raw const ITER_METHODS).cast_mut().cast(),
        tp_free: Some(crate::capi::gc::PyObject_GC_Del),
        ..type_template(name, std::mem::size_of::<DictIterObject>(), 0)
    }
}

static ITER_METHODS: [PyMethodDef; 3] = [
    descr::method(c"__length_hint__", iter_len as *const c_void, METH_NOARGS),
    descr::method(c"__reduce__", iter_reduce as *const c_void, METH_NOARGS),
    descr::METHOD_END,
];

/// `PyDictIterKey_Type`.
#[no_mangle]
pub static mut PyDictIterKey_Type: PyTypeObject = iter_type(c"dict_keyiterator");
/// `PyDictIterValue_Type`.
#[no_mangle]
pub static mut PyDictIterValue_Type: PyTypeObject = iter_type(c"dict_valueiterator");
/// `PyDictIterItem_Type`.
#[no_mangle]
pub static mut PyDictIterItem_Type: PyTypeObject = iter_type(c"dict_itemiterator");
/// `PyDictRevIterKey_Type`.
#[no_mangle]
pub static mut PyDictRevIterKey_Type: PyTypeObject = iter_type(c"dict_reversekeyiterator");
/// `PyDictRevIterValue_Type`.
#[no_mangle]
pub static mut PyDictRevIterValue_Type: PyTypeObject = iter_type(c"dict_reversevalueiterator");
/// `PyDictRevIterItem_Type`.
#[no_mangle]
pub static mut PyDictRevIterItem_Type: PyTypeObject = iter_type(c"dict_reverseitemiterator");

/// Every type of this file, for `static_types()`.
pub fn all_types() -> [*mut PyTypeObject; 9] {
    [
        &raw mut PyDictKeys_Type,
        &raw mut PyDictValues_Type,
        &raw mut PyDictItems_Type,
        &raw mut PyDictIterKey_Type,
        &raw mut PyDictIterValue_Type,
        &raw mut PyDictIterItem_Type,
        &raw mut PyDictRevIterKey_Type,
        &raw mut PyDictRevIterValue_Type,
        &raw mut PyDictRevIterItem_Type,
    ]
}

unsafe fn view_kind(op: *mut PyObject) -> Kind {
    // SAFETY: op is a view.
    let tp = unsafe { (*op).ob_type };
    if tp == &raw mut PyDictKeys_Type {
        Kind::Keys
    } else if tp == &raw mut PyDictItems_Type {
        Kind::Items
    } else {
        Kind::Values
    }
}

unsafe fn iter_kind(op: *mut PyObject) -> (Kind, bool) {
    // SAFETY: op is a dict iterator.
    let tp = unsafe { (*op).ob_type };
    if tp == &raw mut PyDictIterKey_Type {
        (Kind::Keys, false)
    } else if tp == &raw mut PyDictIterValue_Type {
        (Kind::Values, false)
    } else if tp == &raw mut PyDictIterItem_Type {
        (Kind::Items, false)
    } else if tp == &raw mut PyDictRevIterKey_Type {
        (Kind::Keys, true)
    } else if tp == &raw mut PyDictRevIterValue_Type {
        (Kind::Values, true)
    } else {
        (Kind::Items, true)
    }
}

/// Whether `op` is a keys or items view (`PyDictViewSet_Check`).
pub unsafe fn is_set_view(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe {
        let tp = (*op).ob_type;
        crate::object::typeobj::is_subtype(tp, &raw mut PyDictKeys_Type)
            || crate::object::typeobj::is_subtype(tp, &raw mut PyDictItems_Type)
    }
}

/// A new view of `d`.
pub unsafe fn view_new(d: *mut PyObject, kind: Kind) -> PyResult<Owned> {
    // SAFETY: d is a dict; the view types are static.
    unsafe {
        let tp = match kind {
            Kind::Keys => &raw mut PyDictKeys_Type,
            Kind::Values => &raw mut PyDictValues_Type,
            Kind::Items => &raw mut PyDictItems_Type,
        };
        let op = crate::object::alloc::generic_alloc(tp, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        (*op.cast::<DictViewObject>()).dv_dict = new_ref(d);
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// A new iterator over `d`.
pub unsafe fn iter_new(d: *mut PyObject, kind: Kind, reversed: bool) -> PyResult<Owned> {
    // SAFETY: d is a dict; the iterator types are static.
    unsafe {
        let tp = match (kind, reversed) {
            (Kind::Keys, false) => &raw mut PyDictIterKey_Type,
            (Kind::Values, false) => &raw mut PyDictIterValue_Type,
            (Kind::Items, false) => &raw mut PyDictIterItem_Type,
            (Kind::Keys, true) => &raw mut PyDictRevIterKey_Type,
            (Kind::Values, true) => &raw mut PyDictRevIterValue_Type,
            (Kind::Items, true) => &raw mut PyDictRevIterItem_Type,
        };
        let op = crate::object::alloc::generic_alloc(tp, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        let it = op.cast::<DictIterObject>();
        (*it).di_dict = new_ref(d);
        (*it).di_used = dict_len(d);
        (*it).len = dict_len(d);
        (*it).di_pos = if reversed {
            (*dict::keys(d)).nentries as Py_ssize_t - 1
        } else {
            0
        };
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

unsafe fn view_dict(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a view.
    unsafe { (*op.cast::<DictViewObject>()).dv_dict }
}

unsafe extern "C" fn view_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        xdecref(view_dict(op));
        crate::capi::gc::PyObject_GC_Del(op.cast());
    }
}

unsafe extern "C" fn view_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    // SAFETY: op is a view.
    unsafe {
        let d = view_dict(op);
        match visit {
            Some(v) if !d.is_null() => v(d, arg),
            _ => 0,
        }
    }
}

unsafe extern "C" fn view_len(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a view.
    unsafe { dict_len(view_dict(op)) }
}

unsafe extern "C" fn view_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a view.
    guard_obj(|| unsafe { iter_new(view_dict(op), view_kind(op), false) })
}

unsafe extern "C" fn view_reversed(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a view.
    guard_obj(|| unsafe { iter_new(view_dict(op), view_kind(op), true) })
}

unsafe extern "C" fn view_mapping(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a view.
    guard_obj(|| unsafe { crate::object::mappingproxy::new(view_dict(op)) })
}

unsafe extern "C" fn view_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a view.
        unsafe {
            let Some(_g) = protocol::ReprGuard::enter(op)? else {
                return pystr::from_str("...");
            };
            // The repr of a list of the items, as CPython's `dictview_repr`
            // (so a deep nesting of views counts two levels each).
            let items = crate::object::list::from_iterable(op)?;
            let inner = protocol::repr(items.as_ptr())?;
            pystr::from_str(&format!(
                "{}({})",
                crate::object::typeobj::type_name(op),
                pystr::as_str(inner.as_ptr())?
            ))
        }
    })
}

unsafe extern "C" fn keys_contains(op: *mut PyObject, key: *mut PyObject) -> c_int {
    // SAFETY: op is a keys view.
    guard_int(|| unsafe { dict::contains(view_dict(op), key).map(c_int::from) })
}

/// `(k, v) in d.items()`.
unsafe fn items_contains_impl(d: *mut PyObject, item: *mut PyObject) -> PyResult<bool> {
    // SAFETY: d is a dict, item valid.
    unsafe {
        if !tuple::check(item) || tuple::size(item) != 2 {
            return Ok(false);
        }
        let pair = tuple::items(item);
        let found = dict::get_item(d, pair[0])?;
        if found.is_null() {
            return Ok(false);
        }
        let found = Owned::from_borrowed(found);
        protocol::rich_compare_bool(found.as_ptr(), pair[1], Py_EQ)
    }
}

unsafe extern "C" fn items_contains(op: *mut PyObject, item: *mut PyObject) -> c_int {
    // SAFETY: op is an items view.
    guard_int(|| unsafe { items_contains_impl(view_dict(op), item).map(c_int::from) })
}

/// Whether every item of `a` is in `b`.
unsafe fn all_contained_in(a: *mut PyObject, b: *mut PyObject) -> PyResult<bool> {
    // SAFETY: a and b valid.
    unsafe {
        let it = protocol::get_iter(a)?;
        while let Some(x) = protocol::iter_next(it.as_ptr())? {
            if !protocol::contains(b, x.as_ptr())? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

unsafe extern "C" fn view_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a keys or items view.
        unsafe {
            if !set::check_any(b) && !is_set_view(b) {
                return Ok(Owned::from_borrowed_static(
                    crate::object::none::not_implemented(),
                ));
            }
            let la = protocol::len(a)?;
            let lb = protocol::len(b)?;
            let ok = match op {
                Py_EQ | Py_NE => {
                    let eq = la == lb && all_contained_in(a, b)?;
                    eq == (op == Py_EQ)
                }
                Py_LT => la < lb && all_contained_in(a, b)?,
                Py_LE => la <= lb && all_contained_in(a, b)?,
                Py_GT => la > lb && all_contained_in(b, a)?,
                _ => la >= lb && all_contained_in(b, a)?,
            };
            Ok(Owned::from_borrowed_static(crate::object::bool::from_bool(
                ok,
            )))
        }
    })
}

/// `dictviews_to_set`: a new set of the items of `op` (a keys view reads
/// its exact dict directly).
unsafe fn to_set(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op valid.
    unsafe {
        let mut src = op;
        if (*op).ob_type == &raw mut PyDictKeys_Type && dict::check_exact(view_dict(op)) {
            src = view_dict(op);
        }
        set::new_set(src)
    }
}

unsafe extern "C" fn views_sub(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a and b valid.
        unsafe {
            let r = to_set(a)?;
            set::difference_update(r.as_ptr(), b)?;
            Ok(r)
        }
    })
}

unsafe extern "C" fn views_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a and b valid.
        unsafe {
            let r = to_set(a)?;
            set::update(r.as_ptr(), b)?;
            Ok(r)
        }
    })
}

unsafe extern "C" fn views_and(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a and b valid.
        unsafe {
            // The interpreter swaps the operands when the view is on the right.
            let (mut sv, mut other) = if is_set_view(a) { (a, b) } else { (b, a) };
            let len_self = view_len(sv);
            if set::check_exact(other) && len_self <= protocol::len(other)? {
                return set::intersection(other, sv);
            }
            if is_set_view(other) && view_len(other) > len_self {
                std::mem::swap(&mut sv, &mut other);
            }
            let r = set::new_set(null_mut())?;
            let it = protocol::get_iter(other)?;
            let d = view_dict(sv);
            let is_keys = view_kind(sv) == Kind::Keys;
            while let Some(x) = protocol::iter_next(it.as_ptr())? {
                let found = if is_keys {
                    dict::contains(d, x.as_ptr())?
                } else {
                    items_contains_impl(d, x.as_ptr())?
                };
                if found {
                    set::add(r.as_ptr(), x.as_ptr())?;
                }
            }
            Ok(r)
        }
    })
}

/// `dictitems_xor`: `d1.items() ^ d2.items()`.
unsafe fn items_xor(d1: *mut PyObject, d2: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: d1 and d2 are dicts; entries are held while compared.
    unsafe {
        let temp = dict::copy(d1)?;
        let result = set::new_set(null_mut())?;
        let mut pos = 0;
        while let Some(e) = dict::next_entry(d2, &mut pos) {
            let key = Owned::from_borrowed(e.key);
            let val2 = Owned::from_borrowed(e.value);
            let val1 = dict::get_item_hashed(temp.as_ptr(), key.as_ptr(), e.hash)?;
            let delete = if val1.is_null() {
                false
            } else {
                let val1 = Owned::from_borrowed(val1);
                protocol::rich_compare_bool(val1.as_ptr(), val2.as_ptr(), Py_EQ)?
            };
            if delete {
                dict::del_item_hashed(temp.as_ptr(), key.as_ptr(), e.hash)?;
            } else {
                let pair = tuple::pack(&[key.as_ptr(), val2.as_ptr()])?;
                set::add(result.as_ptr(), pair.as_ptr())?;
            }
        }
        let rest = view_new(temp.as_ptr(), Kind::Items)?;
        set::update(result.as_ptr(), rest.as_ptr())?;
        Ok(result)
    }
}

unsafe extern "C" fn views_xor(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a and b valid.
        unsafe {
            let items = &raw mut PyDictItems_Type;
            if crate::object::typeobj::instance_of(a, items)
                && crate::object::typeobj::instance_of(b, items)
            {
                return items_xor(view_dict(a), view_dict(b));
            }
            let r = to_set(a)?;
            set::symmetric_difference_update(r.as_ptr(), b)?;
            Ok(r)
        }
    })
}

unsafe extern "C" fn views_isdisjoint(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a keys or items view.
        unsafe {
            let t = crate::object::bool::py_true();
            let f = crate::object::bool::py_false();
            if op == other {
                return Ok(Owned::from_borrowed_static(if view_len(op) == 0 {
                    t
                } else {
                    f
                }));
            }
            let (mut a, mut b) = (op, other);
            if (set::check_any(b) || is_set_view(b)) && protocol::len(b)? > view_len(a) {
                std::mem::swap(&mut a, &mut b);
            }
            let it = protocol::get_iter(b)?;
            while let Some(x) = protocol::iter_next(it.as_ptr())? {
                if protocol::contains(a, x.as_ptr())? {
                    return Ok(Owned::from_borrowed_static(f));
                }
            }
            Ok(Owned::from_borrowed_static(t))
        }
    })
}

// ---- iterators -----------------------------------------------------------

unsafe extern "C" fn iter_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        xdecref((*op.cast::<DictIterObject>()).di_dict);
        crate::capi::gc::PyObject_GC_Del(op.cast());
    }
}

unsafe extern "C" fn iter_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    // SAFETY: op is a dict iterator.
    unsafe {
        let d = (*op.cast::<DictIterObject>()).di_dict;
        match visit {
            Some(v) if !d.is_null() => v(d, arg),
            _ => 0,
        }
    }
}

unsafe extern "C" fn iter_len(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a dict iterator.
    guard_obj(|| unsafe {
        let it = op.cast::<DictIterObject>();
        let d = (*it).di_dict;
        let n = if !d.is_null() && (*it).di_used == dict_len(d) {
            (*it).len
        } else {
            0
        };
        crate::object::int::from_i64(n as i64)
    })
}

/// `dictiter_reduce`: `(iter, (list,))` with what is left, read from a copy.
unsafe extern "C" fn iter_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a dict iterator; the copy has its type and state.
        unsafe {
            let tp = (*op).ob_type;
            let c = crate::object::alloc::generic_alloc(tp, 0);
            if c.is_null() {
                return Err(Raised::assume());
            }
            let (src, dst) = (op.cast::<DictIterObject>(), c.cast::<DictIterObject>());
            (*dst).di_dict = xnew_ref((*src).di_dict);
            (*dst).di_used = (*src).di_used;
            (*dst).di_pos = (*src).di_pos;
            (*dst).len = (*src).len;
            crate::object::gc::track(c);
            crate::object::seqiter_pickle::reduce_remaining(Owned::from_raw_unchecked(c))
        }
    })
}

/// Ends iteration: drops the dict.
unsafe fn exhaust(it: *mut DictIterObject) -> PyResult<Option<Owned>> {
    // SAFETY: it is a live iterator holding di_dict.
    unsafe {
        let d = std::mem::replace(&mut (*it).di_dict, null_mut());
        xdecref(d);
        Ok(None)
    }
}

unsafe fn next_item(op: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: op is a dict iterator; the table is read at each step.
    unsafe {
        let it = op.cast::<DictIterObject>();
        let d = (*it).di_dict;
        if d.is_null() {
            return Ok(None);
        }
        if (*it).di_used != dict_len(d) {
            (*it).di_used = -1;
            return Err(errors::runtime_error(
                "dictionary changed size during iteration",
            ));
        }
        let (kind, reversed) = iter_kind(op);
        let k = dict::keys(d);
        let mut i = (*it).di_pos;
        let e = if reversed {
            while i >= 0 && Keys::entry(k, i as usize).value.is_null() {
                i -= 1;
            }
            if i < 0 {
                return exhaust(it);
            }
            (*it).di_pos = i - 1;
            *Keys::entry(k, i as usize)
        } else {
            let n = (*k).nentries as Py_ssize_t;
            while i < n && Keys::entry(k, i as usize).value.is_null() {
                i += 1;
            }
            if i >= n {
                return exhaust(it);
            }
            if (*it).len == 0 {
                exhaust(it)?;
                return Err(errors::runtime_error(
                    "dictionary keys changed during iteration",
                ));
            }
            (*it).di_pos = i + 1;
            *Keys::entry(k, i as usize)
        };
        (*it).len -= 1;
        Ok(Some(match kind {
            Kind::Keys => Owned::from_borrowed(e.key),
            Kind::Values => Owned::from_borrowed(e.value),
            Kind::Items => tuple::pack(&[e.key, e.value])?,
        }))
    }
}

unsafe extern "C" fn iter_next(op: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard(|| {
        // SAFETY: op is a dict iterator.
        match unsafe { next_item(op) } {
            Ok(Some(x)) => x.into_raw(),
            _ => null_mut(),
        }
    })
}
