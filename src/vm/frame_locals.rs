//! `FrameLocalsProxy` (PEP 667): `frame.f_locals` of a function frame, a
//! write-through mapping over the frame's fast locals (cells read and
//! written through), with names that are not fast locals kept in the
//! frame's `extra_locals` dict. `locals()` of a function is a snapshot dict
//! of the same mapping. As `Objects/frameobject.c` defines them in 3.13.
use super::frame::{fr, slots, PyFrameObject, PyFrame_Type};
use crate::capi::boundary::{guard_int, guard_obj};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::{type_name, type_template};
use crate::object::{descr, dict, list, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::vm::code;
use crate::Owned;
use ferrython_compiler::bytecode::fast_kind;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// Layout of a `FrameLocalsProxy`.
#[repr(C)]
pub struct FrameLocalsProxyObject {
    pub ob_base: PyObject,
    pub frame: *mut PyObject,
}

/// `PyFrameLocalsProxy_Type`.
#[no_mangle]
pub static mut PyFrameLocalsProxy_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_MAPPING,
    tp_dealloc: Some(proxy_dealloc),
    tp_repr: Some(proxy_repr),
    tp_as_number: &raw mut PROXY_AS_NUMBER,
    tp_as_sequence: &raw mut PROXY_AS_SEQUENCE,
    tp_as_mapping: &raw mut PROXY_AS_MAPPING,
    tp_traverse: Some(proxy_traverse),
    tp_richcompare: Some(proxy_richcompare),
    tp_iter: Some(proxy_iter),
    tp_methods: (&raw const PROXY_METHODS).cast_mut().cast(),
    tp_new: Some(proxy_new),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    ..type_template(
        c"FrameLocalsProxy",
        std::mem::size_of::<FrameLocalsProxyObject>(),
        0,
    )
};

static mut PROXY_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(proxy_len),
    mp_subscript: Some(proxy_getitem),
    mp_ass_subscript: Some(proxy_setitem),
};

static mut PROXY_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_contains: Some(proxy_contains),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static mut PROXY_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_or: Some(proxy_or),
    nb_inplace_or: Some(proxy_ior),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static PROXY_METHODS: [PyMethodDef; 9] = [
    descr::method(c"keys", proxy_keys as *const c_void, METH_NOARGS),
    descr::method(c"values", proxy_values as *const c_void, METH_NOARGS),
    descr::method(c"items", proxy_items as *const c_void, METH_NOARGS),
    descr::method(c"get", proxy_get as *const c_void, METH_FASTCALL),
    descr::method(
        c"setdefault",
        proxy_setdefault as *const c_void,
        METH_FASTCALL,
    ),
    descr::method(c"update", proxy_update as *const c_void, METH_O),
    descr::method(c"copy", proxy_copy as *const c_void, METH_NOARGS),
    descr::method(
        c"__reversed__",
        proxy_reversed as *const c_void,
        METH_NOARGS,
    ),
    descr::METHOD_END,
];

/// A new proxy over the fast locals of the function frame `frame`.
pub unsafe fn new(frame: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: frame is a frame; the type is static.
    unsafe {
        let op = crate::object::alloc::generic_alloc(&raw mut PyFrameLocalsProxy_Type, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        (*op.cast::<FrameLocalsProxyObject>()).frame = new_ref(frame);
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// `frame.f_locals` (`PyFrame_GetLocals`): the locals mapping of a module
/// or class body, a proxy for a function frame.
pub unsafe fn f_locals(frame: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: frame is a frame.
    unsafe {
        let f = fr(frame);
        if f.locals.is_null() || hidden_bound(frame) {
            new(frame)
        } else {
            Ok(Owned::from_borrowed(f.locals))
        }
    }
}

/// `locals()` (`PyLocals_Get`, `PyEval_GetFrameLocals`): the locals
/// mapping of a module or class body, a new snapshot dict of a function
/// frame's variables.
pub unsafe fn snapshot(frame: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: frame is a frame.
    unsafe {
        let f = fr(frame);
        if !f.locals.is_null() && !hidden_bound(frame) {
            return Ok(Owned::from_borrowed(f.locals));
        }
        let d = dict::new()?;
        for (name, v) in fast_items(frame) {
            dict::set_item(d.as_ptr(), name, v)?;
        }
        if !f.extra_locals.is_null() {
            dict::merge(d.as_ptr(), f.extra_locals, 1)?;
        }
        Ok(d)
    }
}

/// Whether a module or class body frame is running an inlined
/// comprehension (PEP 709): one of its hidden fast locals is bound. Its
/// locals are then the fast locals, as in CPython 3.13's
/// `_PyFrame_HasHiddenLocals`.
unsafe fn hidden_bound(frame: *mut PyObject) -> bool {
    // SAFETY: frame is a frame with as many fast locals as its code says.
    unsafe {
        let cd = code::data(fr(frame).code);
        let lp = slots(frame);
        cd.localspluskinds
            .iter()
            .enumerate()
            .any(|(i, &k)| k & fast_kind::HIDDEN != 0 && !(*lp.add(i)).is_null())
    }
}

#[inline]
unsafe fn frame_of(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a FrameLocalsProxy.
    unsafe { (*op.cast::<FrameLocalsProxyObject>()).frame }
}

/// The current value of fast local `i` of `frame` (a cell's contents for
/// cell and free variables), NULL when unbound.
unsafe fn fast_value(frame: *mut PyObject, i: usize, kind: u8) -> *mut PyObject {
    // SAFETY: frame is a frame with more than i fast locals.
    unsafe {
        let v = *slots(frame).add(i);
        if v.is_null() {
            return null_mut();
        }
        if kind & (fast_kind::CELL | fast_kind::FREE) != 0
            && (*v).ob_type == &raw mut crate::vm::cell::PyCell_Type
        {
            return crate::vm::cell::get(v);
        }
        v
    }
}

/// The bound, visible fast locals of `frame` as (name, value) pairs
/// (borrowed), in `co_varnames` + cells + free order.
unsafe fn fast_items(frame: *mut PyObject) -> impl Iterator<Item = (*mut PyObject, *mut PyObject)> {
    // SAFETY: frame is a frame; its code object outlives the iteration.
    let cd = unsafe { code::data(fr(frame).code) };
    cd.localsplusnames
        .iter()
        .zip(&cd.localspluskinds)
        .enumerate()
        .filter_map(move |(i, (&name, &kind))| {
            // SAFETY: i indexes the frame's fast locals.
            let v = unsafe { fast_value(frame, i, kind) };
            (!v.is_null()).then_some((name, v))
        })
}

/// The index of the visible fast local called `key` (compared by identity,
/// then by equality, after hashing `key` as a dict would), `None` when
/// there is none.
unsafe fn fast_index(frame: *mut PyObject, key: *mut PyObject) -> PyResult<Option<usize>> {
    // SAFETY: frame is a frame, key valid.
    unsafe {
        let cd = code::data(fr(frame).code);
        let visible = |i: usize| cd.localspluskinds[i] & fast_kind::HIDDEN == 0;
        if let Some(i) = cd.localsplusnames.iter().position(|&n| n == key) {
            if visible(i) {
                return Ok(Some(i));
            }
        }
        protocol::hash(key)?;
        for (i, &name) in cd.localsplusnames.iter().enumerate() {
            if visible(i) && protocol::rich_compare_bool(name, key, Py_EQ)? {
                return Ok(Some(i));
            }
        }
        Ok(None)
    }
}

/// The fast local (cell or free variable) of `frame` whose name equals the
/// str `name`, `None` when it has none or it is unbound
/// (`PyFrame_GetVar`, which does not look at other locals).
pub unsafe fn fast_var(frame: *mut PyObject, name: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: frame is a frame, name a str.
    unsafe {
        let cd = code::data(fr(frame).code);
        for (i, &n) in cd.localsplusnames.iter().enumerate() {
            if n == name || pystr::eq(n, name) {
                let v = fast_value(frame, i, cd.localspluskinds[i]);
                return Ok((!v.is_null()).then(|| Owned::from_borrowed(v)));
            }
        }
        Ok(None)
    }
}

/// `proxy[key]`, `None` when the frame has no such variable.
unsafe fn lookup(op: *mut PyObject, key: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: op is a FrameLocalsProxy.
    unsafe {
        let frame = frame_of(op);
        if let Some(i) = fast_index(frame, key)? {
            let kind = code::data(fr(frame).code).localspluskinds[i];
            let v = fast_value(frame, i, kind);
            if !v.is_null() {
                return Ok(Some(Owned::from_borrowed(v)));
            }
        }
        let extra = fr(frame).extra_locals;
        if extra.is_null() {
            return Ok(None);
        }
        let v = dict::get_item(extra, key)?;
        Ok((!v.is_null()).then(|| Owned::from_borrowed(v)))
    }
}

/// `proxy[key] = value`: a fast local (a cell's contents for cell and free
/// variables) when the frame has one of that name, else an extra local.
unsafe fn store(op: *mut PyObject, key: *mut PyObject, value: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a FrameLocalsProxy; value valid.
    unsafe {
        let frame = frame_of(op);
        if let Some(i) = fast_index(frame, key)? {
            let kind = code::data(fr(frame).code).localspluskinds[i];
            let slot = slots(frame).add(i);
            let old = *slot;
            if kind & (fast_kind::CELL | fast_kind::FREE) != 0
                && !old.is_null()
                && (*old).ob_type == &raw mut crate::vm::cell::PyCell_Type
            {
                crate::vm::cell::set(old, new_ref(value));
            } else {
                *slot = new_ref(value);
                xdecref(old);
            }
            return Ok(());
        }
        let f: &mut PyFrameObject = fr(frame);
        if f.extra_locals.is_null() {
            f.extra_locals = dict::new()?.into_raw();
        }
        dict::set_item(f.extra_locals, new_ref(key), new_ref(value))
    }
}

/// A new list with one entry per variable of the proxy's frame (the bound
/// fast locals, then the extra locals), made by `entry` from its name and
/// value.
unsafe fn listing(
    op: *mut PyObject,
    entry: impl Fn(*mut PyObject, *mut PyObject) -> PyResult<Owned>,
) -> PyResult<Owned> {
    // SAFETY: op is a FrameLocalsProxy; the snapshot holds the pairs.
    unsafe {
        let d = snapshot(frame_of(op))?;
        let out = list::new(0)?;
        let mut pos = 0;
        while let Some((k, v)) = dict::next(d.as_ptr(), &mut pos) {
            list::append(out.as_ptr(), entry(k, v)?.as_ptr())?;
        }
        Ok(out)
    }
}

/// The proxy's keys as a new list.
unsafe fn keys(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a FrameLocalsProxy; the names are live.
    unsafe { listing(op, |k, _| Ok(Owned::from_borrowed(k))) }
}

unsafe extern "C" fn proxy_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kw NULL or a dict.
        unsafe {
            let a = tuple::items(args);
            if a.len() != 1 {
                return Err(errors::type_error(format!(
                    "FrameLocalsProxy expected 1 argument, got {}",
                    a.len()
                )));
            }
            if !kw.is_null() && dict::len(kw) > 0 {
                return Err(errors::type_error(
                    "FrameLocalsProxy takes no keyword arguments",
                ));
            }
            if (*a[0]).ob_type != &raw mut PyFrame_Type {
                return Err(errors::type_error(format!(
                    "expect frame, not {}",
                    type_name(a[0])
                )));
            }
            new(a[0])
        }
    })
}

unsafe extern "C" fn proxy_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        xdecref(frame_of(op));
        crate::capi::gc::PyObject_GC_Del(op.cast());
    }
}

unsafe extern "C" fn proxy_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: op is a FrameLocalsProxy.
    unsafe { crate::object::gc::visit_all(&[frame_of(op)], visit, arg) }
}

unsafe extern "C" fn proxy_len(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a FrameLocalsProxy.
    guard_int(|| unsafe { Ok(dict::len(snapshot(frame_of(op))?.as_ptr())) })
}

unsafe extern "C" fn proxy_getitem(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a FrameLocalsProxy.
        unsafe {
            if let Some(v) = lookup(op, key)? {
                return Ok(v);
            }
            let r = protocol::repr(key)?;
            Err(errors::set_string(
                crate::object::exceptions::PyExc_KeyError,
                &format!(
                    "local variable '{}' is not defined",
                    pystr::as_str(r.as_ptr())?
                ),
            ))
        }
    })
}

unsafe extern "C" fn proxy_setitem(
    op: *mut PyObject,
    key: *mut PyObject,
    v: *mut PyObject,
) -> c_int {
    guard_int(|| {
        if v.is_null() {
            return Err(errors::type_error(
                "cannot remove variables from FrameLocalsProxy",
            ));
        }
        // SAFETY: op is a FrameLocalsProxy, v valid.
        unsafe { store(op, key, v)? };
        Ok(0)
    })
}

unsafe extern "C" fn proxy_contains(op: *mut PyObject, key: *mut PyObject) -> c_int {
    // SAFETY: op is a FrameLocalsProxy.
    guard_int(|| unsafe { Ok(c_int::from(lookup(op, key)?.is_some())) })
}

unsafe extern "C" fn proxy_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a FrameLocalsProxy.
    guard_obj(|| unsafe { protocol::get_iter(keys(op)?.as_ptr()) })
}

/// The repr of the snapshot dict; `{...}` for the proxy inside itself
/// (a frame usually holds its own `f_locals`).
unsafe extern "C" fn proxy_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a FrameLocalsProxy.
        unsafe {
            let Some(_g) = protocol::ReprGuard::enter(op)? else {
                return pystr::from_str("{...}");
            };
            protocol::repr(snapshot(frame_of(op))?.as_ptr())
        }
    })
}

/// Whether `o` is a dict or a proxy (the operands `==` and `|` accept).
unsafe fn dict_like(o: *mut PyObject) -> bool {
    // SAFETY: o valid.
    unsafe { dict::check(o) || (*o).ob_type == &raw mut PyFrameLocalsProxy_Type }
}

/// A dict of `o`'s items: a proxy's snapshot, or the dict itself.
unsafe fn as_dict(o: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: o is a dict or a proxy.
    unsafe {
        if (*o).ob_type == &raw mut PyFrameLocalsProxy_Type {
            snapshot(frame_of(o))
        } else {
            Ok(Owned::from_borrowed(o))
        }
    }
}

unsafe extern "C" fn proxy_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a proxy, b valid.
        unsafe {
            if (op != Py_EQ && op != Py_NE) || !dict_like(b) {
                return Ok(Owned::from_borrowed_static(none::not_implemented()));
            }
            let (da, db) = (as_dict(a)?, as_dict(b)?);
            protocol::rich_compare(da.as_ptr(), db.as_ptr(), op)
        }
    })
}

unsafe extern "C" fn proxy_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a and b valid.
        unsafe {
            if !dict_like(a) || !dict_like(b) {
                return Ok(Owned::from_borrowed_static(none::not_implemented()));
            }
            let r = dict::copy(as_dict(a)?.as_ptr())?;
            dict::merge(r.as_ptr(), as_dict(b)?.as_ptr(), 1)?;
            Ok(r)
        }
    })
}

unsafe extern "C" fn proxy_ior(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a proxy, b valid.
        unsafe {
            if !dict_like(b) {
                return Ok(Owned::from_borrowed_static(none::not_implemented()));
            }
            update(a, b)?;
            Ok(Owned::from_borrowed(a))
        }
    })
}

/// `proxy.update(other)`: stores each item of `other`, a dict or a proxy
/// (read through a snapshot, so a proxy may update itself).
unsafe fn update(op: *mut PyObject, other: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a proxy, other valid.
    unsafe {
        if !dict_like(other) {
            return Err(errors::type_error(
                "update() argument must be dict or another FrameLocalsProxy",
            ));
        }
        let d = as_dict(other)?;
        let mut pos = 0;
        while let Some((k, v)) = dict::next(d.as_ptr(), &mut pos) {
            store(op, k, v)?;
        }
        Ok(())
    }
}

unsafe extern "C" fn proxy_keys(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a FrameLocalsProxy.
    guard_obj(|| unsafe { keys(op) })
}

unsafe extern "C" fn proxy_values(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a FrameLocalsProxy.
    guard_obj(|| unsafe { listing(op, |_, v| Ok(Owned::from_borrowed(v))) })
}

unsafe extern "C" fn proxy_items(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a FrameLocalsProxy.
    guard_obj(|| unsafe { listing(op, |k, v| tuple::from_slice(&[k, v])) })
}

unsafe extern "C" fn proxy_copy(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a FrameLocalsProxy.
    guard_obj(|| unsafe { snapshot(frame_of(op)) })
}

unsafe extern "C" fn proxy_reversed(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a FrameLocalsProxy; the list is new.
        unsafe {
            let ks = keys(op)?;
            list::reverse(ks.as_ptr());
            Ok(ks)
        }
    })
}

unsafe extern "C" fn proxy_update(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a FrameLocalsProxy, other valid.
        unsafe { update(op, other)? };
        Ok(none::owned())
    })
}

unsafe extern "C" fn proxy_get(
    op: *mut PyObject,
    args: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args holds n objects.
        unsafe {
            dict::check_nargs("get", n as usize, 1, 2)?;
            let args = std::slice::from_raw_parts(args, n as usize);
            let default = args.get(1).copied().unwrap_or(none::none());
            Ok(lookup(op, args[0])?.unwrap_or_else(|| Owned::from_borrowed(default)))
        }
    })
}

unsafe extern "C" fn proxy_setdefault(
    op: *mut PyObject,
    args: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args holds n objects.
        unsafe {
            dict::check_nargs("setdefault", n as usize, 1, 2)?;
            let args = std::slice::from_raw_parts(args, n as usize);
            if let Some(v) = lookup(op, args[0])? {
                return Ok(v);
            }
            let default = args.get(1).copied().unwrap_or(none::none());
            store(op, args[0], default)?;
            Ok(Owned::from_borrowed(default))
        }
    })
}
