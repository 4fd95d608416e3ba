//! Weak references: `weakref.ref` (`_PyWeakref_RefType`) and the list of
//! weak references every weakly referenceable object heads at its type's
//! `tp_weaklistoffset` (`PyObject_ClearWeakRefs` empties it at
//! deallocation and calls the callbacks).
//!
//! As in CPython, a list holds the shared callback-less `ref` first, then
//! the refs with callbacks; a dead ref points at `None`.
use crate::capi::boundary::{guard, guard_obj};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::{type_name, type_template};
use crate::object::{bool as pybool, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use std::ptr::null_mut;

/// `PyWeakReference` (CPython 3.13's layout, default build).
#[repr(C)]
pub struct PyWeakReference {
    pub ob_base: PyObject,
    /// The referent, or `None` once it died.
    pub wr_object: *mut PyObject,
    /// Owned callback or NULL.
    pub wr_callback: *mut PyObject,
    /// The referent's hash once computed, else -1.
    pub hash: Py_hash_t,
    pub wr_prev: *mut PyWeakReference,
    pub wr_next: *mut PyWeakReference,
    pub vectorcall: vectorcallfunc,
}

/// `_PyWeakref_RefType`: `weakref.ref`.
#[no_mangle]
pub static mut _PyWeakref_RefType: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(weakref_dealloc),
    tp_traverse: Some(weakref_traverse),
    tp_clear: Some(weakref_clear),
    tp_repr: Some(weakref_repr),
    tp_hash: Some(weakref_hash),
    tp_call: Some(weakref_call),
    tp_richcompare: Some(weakref_richcompare),
    tp_members: (&raw const WEAKREF_MEMBERS).cast_mut().cast(),
    tp_new: Some(weakref_new),
    tp_init: Some(weakref_init),
    ..type_template(
        c"weakref.ReferenceType",
        std::mem::size_of::<PyWeakReference>(),
        0,
    )
};

static WEAKREF_MEMBERS: [PyMemberDef; 2] = [
    PyMemberDef {
        name: c"__callback__".as_ptr(),
        r#type: _Py_T_OBJECT,
        offset: std::mem::offset_of!(PyWeakReference, wr_callback) as Py_ssize_t,
        flags: Py_READONLY,
        doc: std::ptr::null(),
    },
    PyMemberDef {
        name: std::ptr::null(),
        r#type: 0,
        offset: 0,
        flags: 0,
        doc: std::ptr::null(),
    },
];

#[inline(always)]
fn wr(op: *mut PyObject) -> *mut PyWeakReference {
    op.cast()
}

/// Whether `op` is a weak reference or a proxy (`PyWeakref_Check`).
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { crate::object::typeobj::instance_of(op, &raw mut _PyWeakref_RefType) || is_proxy(op) }
}

/// Whether `op` is a proxy (`PyWeakref_CheckProxy`).
#[inline(always)]
unsafe fn is_proxy(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe {
        let tp = (*op).ob_type;
        tp == &raw mut _PyWeakref_ProxyType || tp == &raw mut _PyWeakref_CallableProxyType
    }
}

/// Whether instances of `tp` can be weakly referenced.
#[inline(always)]
pub unsafe fn supports(tp: *mut PyTypeObject) -> bool {
    // SAFETY: tp is a type.
    unsafe { (*tp).tp_weaklistoffset > 0 }
}

/// The list head inside `op` (its type supports weak references).
#[inline(always)]
unsafe fn list_ptr(op: *mut PyObject) -> *mut *mut PyWeakReference {
    // SAFETY: the offset lies inside the object (tp_weaklistoffset > 0).
    unsafe {
        op.cast::<u8>()
            .add((*(*op).ob_type).tp_weaklistoffset as usize)
            .cast()
    }
}

/// The referent as a new reference, or `None` when it died
/// (`_PyWeakref_GET_REF`).
pub unsafe fn get_ref(r: *mut PyObject) -> Option<Owned> {
    // SAFETY: r is a weak reference; a live referent has a refcount > 0.
    unsafe {
        let obj = (*wr(r)).wr_object;
        if obj == none::none() || (*obj).ob_refcnt == 0 {
            None
        } else {
            Some(Owned::from_borrowed(obj))
        }
    }
}

/// The shared callback-less ref and proxy of a list (each NULL when
/// absent): the ref heads the list, the proxy follows it.
unsafe fn basic_refs(
    list: *mut *mut PyWeakReference,
) -> (*mut PyWeakReference, *mut PyWeakReference) {
    // SAFETY: list points at a valid list head of valid refs.
    unsafe {
        let shared = |r: *mut PyWeakReference, want_proxy: bool| {
            !r.is_null()
                && (*r).wr_callback.is_null()
                && if want_proxy {
                    is_proxy(r.cast())
                } else {
                    (*r).ob_base.ob_type == &raw mut _PyWeakref_RefType
                }
        };
        let mut r = *list;
        let basic = if shared(r, false) { r } else { null_mut() };
        if !basic.is_null() {
            r = (*r).wr_next;
        }
        let proxy = if shared(r, true) { r } else { null_mut() };
        (basic, proxy)
    }
}

/// Links `r` into the list after `prev`, or at the head when `prev` is NULL.
unsafe fn link(
    r: *mut PyWeakReference,
    list: *mut *mut PyWeakReference,
    prev: *mut PyWeakReference,
) {
    // SAFETY: r is unlinked; prev (if any) is in the list.
    unsafe {
        let next = if prev.is_null() {
            *list
        } else {
            (*prev).wr_next
        };
        (*r).wr_prev = prev;
        (*r).wr_next = next;
        if !next.is_null() {
            (*next).wr_prev = r;
        }
        if prev.is_null() {
            *list = r;
        } else {
            (*prev).wr_next = r;
        }
    }
}

/// Unlinks `r` from its referent's list and marks it dead.
unsafe fn unlink(r: *mut PyWeakReference) {
    // SAFETY: r is a weak reference; a live one is in its referent's list.
    unsafe {
        let obj = (*r).wr_object;
        if obj == none::none() {
            return;
        }
        let list = list_ptr(obj);
        if *list == r {
            *list = (*r).wr_next;
        }
        if !(*r).wr_prev.is_null() {
            (*(*r).wr_prev).wr_next = (*r).wr_next;
        }
        if !(*r).wr_next.is_null() {
            (*(*r).wr_next).wr_prev = (*r).wr_prev;
        }
        (*r).wr_prev = null_mut();
        (*r).wr_next = null_mut();
        (*r).wr_object = none::none();
    }
}

/// A weak reference of type `tp` (the ref type or a subclass, or a proxy
/// type) to `ob`: the shared one when `tp` is exactly `ref` or a proxy
/// type and there is no callback (`PyWeakref_NewRef`,
/// `PyWeakref_NewProxy`).
pub unsafe fn new(
    tp: *mut PyTypeObject,
    ob: *mut PyObject,
    callback: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: tp is a ref or proxy type; ob valid; callback NULL or valid.
    unsafe {
        if !supports((*ob).ob_type) {
            return Err(errors::type_error(format!(
                "cannot create weak reference to '{}' object",
                type_name(ob)
            )));
        }
        let callback = if callback == none::none() {
            null_mut()
        } else {
            callback
        };
        let list = list_ptr(ob);
        let (basic, proxy) = basic_refs(list);
        let want_proxy =
            tp == &raw mut _PyWeakref_ProxyType || tp == &raw mut _PyWeakref_CallableProxyType;
        let shared = callback.is_null() && (want_proxy || tp == &raw mut _PyWeakref_RefType);
        if shared {
            let found = if want_proxy { proxy } else { basic };
            if !found.is_null() {
                return Ok(Owned::from_borrowed(found.cast()));
            }
        }
        let op = match (*tp).tp_alloc {
            Some(alloc) => alloc(tp, 0),
            None => crate::capi::allocation::PyType_GenericAlloc(tp, 0),
        };
        if op.is_null() {
            return Err(errors::Raised::assume());
        }
        let r = wr(op);
        (*r).wr_object = ob;
        (*r).wr_callback = if callback.is_null() {
            null_mut()
        } else {
            new_ref(callback)
        };
        (*r).hash = -1;
        (*r).vectorcall = None;
        // The shared ref heads the list, the shared proxy follows it, the
        // others come after both.
        let prev = match (shared, want_proxy) {
            (true, false) => null_mut(),
            (true, true) => basic,
            _ if !proxy.is_null() => proxy,
            _ => basic,
        };
        link(r, list, prev);
        // Tracked: a cycle can run through the callback.
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// `PyObject_ClearWeakRefs`: kills every weak reference to `op` (whose
/// refcount reached zero) and calls their callbacks with the dead ref, the
/// raised exception kept aside.
pub unsafe fn clear_weakrefs(op: *mut PyObject) {
    let mut pending = Vec::new();
    // SAFETY: op's type supports weak references.
    unsafe {
        take_refs(op, |_| true, &mut pending);
        run_callbacks(pending);
    }
}

/// A dead weak reference and its callback (owned), waiting to be called.
pub type PendingCallback = (Owned, *mut PyObject);

/// Kills every weak reference to `op` and moves the callbacks of the live
/// ones that `wants_callback` accepts to `pending`. The others keep their
/// callback, dropped with the reference itself: the cycle collector uses
/// this for references that are garbage too, and dropping their callbacks
/// here could free other garbage while it still walks it (CPython's
/// `handle_weakrefs` leaves them in place the same way).
pub unsafe fn take_refs(
    op: *mut PyObject,
    wants_callback: impl Fn(*mut PyObject) -> bool,
    pending: &mut Vec<PendingCallback>,
) {
    // SAFETY: op's type supports weak references; the refs in the list
    // are alive (a dying ref unlinks itself first).
    unsafe {
        let list = list_ptr(op);
        while !(*list).is_null() {
            let r = *list;
            unlink(r);
            if !(*r).wr_callback.is_null() && (*r).ob_base.ob_refcnt > 0 && wants_callback(r.cast())
            {
                let callback = std::mem::replace(&mut (*r).wr_callback, null_mut());
                pending.push((Owned::from_borrowed(r.cast()), callback));
            }
        }
    }
}

/// Calls each pending callback with its dead reference, the raised
/// exception kept aside; failures are reported as unraisable.
pub unsafe fn run_callbacks(pending: Vec<PendingCallback>) {
    if pending.is_empty() {
        return;
    }
    errors::keeping_raised(|| {
        for (r, callback) in pending {
            // SAFETY: callback is an owned object.
            unsafe {
                if protocol::call_args(callback, &[r.as_ptr()]).is_err() {
                    crate::capi::exceptions::PyErr_WriteUnraisable(callback);
                }
                decref(callback);
            }
        }
    })
}

/// `gc_traverse`: the callback is the one reference a weak reference
/// owns.
unsafe extern "C" fn weakref_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut std::ffi::c_void,
) -> libc::c_int {
    // SAFETY: op is a weak reference.
    unsafe { crate::object::gc::visit_all(&[(*wr(op)).wr_callback], visit, arg) }
}

/// `gc_clear`: kills the reference and drops its callback.
unsafe extern "C" fn weakref_clear(op: *mut PyObject) -> libc::c_int {
    // SAFETY: op is a weak reference; unlinking keeps the referent's list
    // valid.
    unsafe {
        unlink(wr(op));
        xdecref(std::mem::replace(&mut (*wr(op)).wr_callback, null_mut()));
    }
    0
}

unsafe extern "C" fn weakref_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; unlinking keeps the referent's list
    // valid.
    unsafe {
        let tp = (*op).ob_type;
        if crate::object::alloc::type_is_gc(tp) {
            crate::object::gc::untrack(op);
        }
        unlink(wr(op));
        xdecref(std::mem::replace(&mut (*wr(op)).wr_callback, null_mut()));
        match (*tp).tp_free {
            Some(free) => free(op.cast()),
            None if crate::object::alloc::type_is_gc(tp) => {
                crate::object::alloc::gc_free(op.cast())
            }
            None => crate::object::alloc::raw_free(op.cast()),
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

/// Unpacks `(object[, callback])` as CPython's `PyArg_UnpackTuple(args,
/// "__new__", 1, 2, ...)`.
unsafe fn unpack_args(args: *mut PyObject) -> PyResult<(*mut PyObject, *mut PyObject)> {
    // SAFETY: args is a tuple.
    let items = unsafe { tuple::items(args) };
    match items {
        [ob] => Ok((*ob, null_mut())),
        [ob, cb] => Ok((*ob, *cb)),
        [] => Err(errors::type_error(
            "__new__ expected at least 1 argument, got 0",
        )),
        _ => Err(errors::type_error(format!(
            "__new__ expected at most 2 arguments, got {}",
            items.len()
        ))),
    }
}

unsafe extern "C" fn weakref_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    _kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: tp is ref or a subclass; args a tuple.
        unsafe {
            let (ob, cb) = unpack_args(args)?;
            new(tp, ob, cb)
        }
    })
}

/// `weakref___init__`: keywords are refused here, not in `__new__`, so a
/// subclass whose `__init__` takes some still works.
unsafe extern "C" fn weakref_init(
    _op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> libc::c_int {
    // SAFETY: args is a tuple; kwargs NULL or a dict.
    crate::capi::boundary::guard_status(|| unsafe {
        if !kwargs.is_null() && crate::object::dict::len(kwargs) != 0 {
            return Err(errors::type_error("ref() takes no keyword arguments"));
        }
        unpack_args(args).map(|_| ())
    })
}

unsafe extern "C" fn weakref_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a ref; args a tuple; kwargs NULL or a dict.
        unsafe {
            if !kwargs.is_null() && crate::object::dict::len(kwargs) != 0 {
                return Err(errors::type_error("weakref() takes no keyword arguments"));
            }
            let n = tuple::size(args);
            if n != 0 {
                return Err(errors::type_error(format!(
                    "weakref expected 0 arguments, got {n}"
                )));
            }
            Ok(get_ref(op).unwrap_or_else(|| Owned::from_borrowed(none::none())))
        }
    })
}

unsafe extern "C" fn weakref_hash(op: *mut PyObject) -> Py_hash_t {
    guard(|| {
        // SAFETY: op is a ref.
        unsafe {
            let r = wr(op);
            if (*r).hash != -1 {
                return (*r).hash;
            }
            let Some(obj) = get_ref(op) else {
                errors::type_error("weak object has gone away");
                return -1;
            };
            match protocol::hash(obj.as_ptr()) {
                Ok(h) => {
                    (*r).hash = h;
                    h
                }
                Err(_) => -1,
            }
        }
    })
}

unsafe extern "C" fn weakref_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: libc::c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a and b are valid objects.
        unsafe {
            if (op != Py_EQ && op != Py_NE) || !check(a) || !check(b) {
                return Ok(Owned::from_borrowed(none::not_implemented()));
            }
            match (get_ref(a), get_ref(b)) {
                (Some(x), Some(y)) => protocol::rich_compare(x.as_ptr(), y.as_ptr(), op),
                _ => Ok(Owned::from_borrowed(pybool::from_bool(
                    (a == b) == (op == Py_EQ),
                ))),
            }
        }
    })
}

unsafe extern "C" fn weakref_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a ref; the referent is kept alive while formatting.
        unsafe {
            let Some(obj) = get_ref(op) else {
                return pystr::from_str(&format!("<weakref at {op:p}; dead>"));
            };
            let o = obj.as_ptr();
            let tname = errors::check(crate::capi::types::PyType_GetFullyQualifiedName(
                (*o).ob_type,
            ))?;
            let tname = pystr::as_str(tname.as_ptr())?;
            let name = special_name(o)?;
            let text = match name {
                Some(n) => format!(
                    "<weakref at {op:p}; to '{tname}' at {o:p} ({})>",
                    pystr::as_str(n.as_ptr())?
                ),
                None => format!("<weakref at {op:p}; to '{tname}' at {o:p}>"),
            };
            pystr::from_str(&text)
        }
    })
}

/// `__name__` looked up on the type of `o` and bound to it, when it is a
/// str (`_PyObject_LookupSpecial(obj, "__name__")`).
unsafe fn special_name(o: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: o valid.
    unsafe {
        let tp = (*o).ob_type;
        let f = crate::object::typeobj::lookup_str(tp, "__name__");
        if f.is_null() {
            return Ok(None);
        }
        let v = match (*(*f).ob_type).tp_descr_get {
            Some(get) => errors::check(get(f, o, tp.cast()))?,
            None => Owned::from_borrowed(f),
        };
        Ok(pystr::check(v.as_ptr()).then_some(v))
    }
}

/// `_PyWeakref_ProxyType`: `weakref.proxy` to a non-callable object.
#[no_mangle]
pub static mut _PyWeakref_ProxyType: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(weakref_dealloc),
    tp_traverse: Some(weakref_traverse),
    tp_clear: Some(weakref_clear),
    tp_repr: Some(proxy_repr),
    tp_as_number: &raw mut crate::object::weakref_proxy::PROXY_AS_NUMBER,
    tp_as_sequence: &raw mut crate::object::weakref_proxy::PROXY_AS_SEQUENCE,
    tp_as_mapping: &raw mut crate::object::weakref_proxy::PROXY_AS_MAPPING,
    tp_iter: Some(crate::object::weakref_proxy::proxy_iter),
    tp_iternext: Some(crate::object::weakref_proxy::proxy_iternext),
    tp_methods: (&raw const crate::object::weakref_proxy::PROXY_METHODS)
        .cast_mut()
        .cast(),
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    tp_str: Some(proxy_str),
    tp_getattro: Some(proxy_getattr),
    tp_setattro: Some(proxy_setattr),
    tp_richcompare: Some(proxy_richcompare),
    ..type_template(
        c"weakref.ProxyType",
        std::mem::size_of::<PyWeakReference>(),
        0,
    )
};

/// `_PyWeakref_CallableProxyType`: `weakref.proxy` to a callable.
#[no_mangle]
pub static mut _PyWeakref_CallableProxyType: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(weakref_dealloc),
    tp_traverse: Some(weakref_traverse),
    tp_clear: Some(weakref_clear),
    tp_repr: Some(proxy_repr),
    tp_as_number: &raw mut crate::object::weakref_proxy::PROXY_AS_NUMBER,
    tp_as_sequence: &raw mut crate::object::weakref_proxy::PROXY_AS_SEQUENCE,
    tp_as_mapping: &raw mut crate::object::weakref_proxy::PROXY_AS_MAPPING,
    tp_iter: Some(crate::object::weakref_proxy::proxy_iter),
    tp_iternext: Some(crate::object::weakref_proxy::proxy_iternext),
    tp_methods: (&raw const crate::object::weakref_proxy::PROXY_METHODS)
        .cast_mut()
        .cast(),
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    tp_call: Some(proxy_call),
    tp_str: Some(proxy_str),
    tp_getattro: Some(proxy_getattr),
    tp_setattro: Some(proxy_setattr),
    tp_richcompare: Some(proxy_richcompare),
    ..type_template(
        c"weakref.CallableProxyType",
        std::mem::size_of::<PyWeakReference>(),
        0,
    )
};

/// A proxy of `ob` (`PyWeakref_NewProxy`): callable when `ob` is.
pub unsafe fn new_proxy(ob: *mut PyObject, callback: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: ob valid.
    unsafe {
        let tp = if (*(*ob).ob_type).tp_call.is_some() {
            &raw mut _PyWeakref_CallableProxyType
        } else {
            &raw mut _PyWeakref_ProxyType
        };
        new(tp, ob, callback)
    }
}

/// The referent of `op` when it is a proxy (`ReferenceError` once dead),
/// else `op` itself.
pub(crate) unsafe fn unwrap(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op valid.
    unsafe {
        if !is_proxy(op) {
            return Ok(Owned::from_borrowed(op));
        }
        get_ref(op).ok_or_else(|| {
            errors::set_string(
                crate::object::exceptions::PyExc_ReferenceError,
                "weakly-referenced object no longer exists",
            )
        })
    }
}

unsafe extern "C" fn proxy_getattr(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a proxy; name a str.
    guard_obj(|| unsafe { protocol::getattr(unwrap(op)?.as_ptr(), name) })
}

unsafe extern "C" fn proxy_setattr(
    op: *mut PyObject,
    name: *mut PyObject,
    value: *mut PyObject,
) -> libc::c_int {
    // SAFETY: op is a proxy; name a str; value NULL (delete) or valid.
    crate::capi::boundary::guard_status(|| unsafe {
        protocol::setattr(unwrap(op)?.as_ptr(), name, value)
    })
}

unsafe extern "C" fn proxy_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a proxy.
    guard_obj(|| unsafe { protocol::str_(unwrap(op)?.as_ptr()) })
}

unsafe extern "C" fn proxy_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: op is a proxy; args a tuple; kwargs NULL or a dict.
    guard_obj(|| unsafe { protocol::call(unwrap(op)?.as_ptr(), args, kwargs) })
}

unsafe extern "C" fn proxy_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: libc::c_int,
) -> *mut PyObject {
    // SAFETY: a and b are valid; proxies are unwrapped.
    guard_obj(|| unsafe { protocol::rich_compare(unwrap(a)?.as_ptr(), unwrap(b)?.as_ptr(), op) })
}

unsafe extern "C" fn proxy_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a proxy; the referent is kept alive while formatting.
        unsafe {
            let Some(obj) = get_ref(op) else {
                return pystr::from_str(&format!("<weakproxy at {op:p}; dead>"));
            };
            let o = obj.as_ptr();
            let tname = errors::check(crate::capi::types::PyType_GetFullyQualifiedName(
                (*o).ob_type,
            ))?;
            let tname = pystr::as_str(tname.as_ptr())?;
            pystr::from_str(&format!("<weakproxy at {op:p}; to '{tname}' at {o:p}>"))
        }
    })
}

/// The weak references and proxies to `ob`, oldest link first (borrowed;
/// empty when its type does not support weak references).
pub unsafe fn refs_of(ob: *mut PyObject) -> Vec<*mut PyObject> {
    // SAFETY: ob valid; the list holds live refs.
    unsafe {
        if !supports((*ob).ob_type) {
            return Vec::new();
        }
        let mut v = Vec::new();
        let mut r = *list_ptr(ob);
        while !r.is_null() {
            v.push(r.cast());
            r = (*r).wr_next;
        }
        v
    }
}

/// Whether `r` (a weak reference) has lost its referent.
pub unsafe fn is_dead(r: *mut PyObject) -> bool {
    // SAFETY: r is a weak reference.
    unsafe {
        let obj = (*wr(r)).wr_object;
        obj == none::none() || (*obj).ob_refcnt == 0
    }
}
