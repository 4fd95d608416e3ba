//! `collections.deque` (CPython's `deque` in `Modules/_collectionsmodule.c`):
//! a `VecDeque` of references, an optional maximum length, and a mutation
//! counter that the iterators and the searching methods check.
use crate::capi::boundary::{guard, guard_obj, guard_status};
use crate::ffi::*;
use crate::modules::objtype::{
    meth_fast, meth_noargs, meth_o, new_obj, parse, state, type_short_name, Obj, Refs, State, Visit,
};
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::exceptions::PyExc_OverflowError;
use crate::object::protocol::ReprGuard;
use crate::object::{bool as pybool, int, list, none, number, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::collections::VecDeque;

/// The state of a deque.
#[repr(C)]
pub struct Deque {
    weakreflist: *mut PyObject,
    pub items: VecDeque<Owned>,
    pub maxlen: Option<usize>,
    /// Bumped by every change of the contents.
    pub state: u64,
}

impl State for Deque {
    fn traverse(&self, v: Visit) -> c_int {
        self.items.visit(v)
    }
    fn clear(&mut self) {
        let old = std::mem::take(&mut self.items);
        self.state += 1;
        drop(old);
    }
}

/// `collections.deque`.
pub static mut DEQUE_TYPE: PyTypeObject = PyTypeObject {
    tp_repr: Some(deque_repr),
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    tp_richcompare: Some(deque_richcompare),
    tp_iter: Some(super::deque_iter::deque_iter),
    tp_init: Some(deque_init),
    tp_new: Some(deque_new),
    tp_methods: (&raw const DEQUE_METHODS).cast_mut().cast(),
    tp_getset: (&raw const DEQUE_GETSET).cast_mut().cast(),
    tp_as_sequence: &raw mut DEQUE_AS_SEQUENCE,
    tp_weaklistoffset: std::mem::offset_of!(Obj<Deque>, state.weakreflist) as Py_ssize_t,
    tp_flags: Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    ..crate::modules::objtype::gc_type::<Deque>(c"collections.deque", Py_TPFLAGS_BASETYPE)
};

static mut DEQUE_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(deque_len),
    sq_concat: Some(deque_concat),
    sq_repeat: Some(deque_repeat),
    sq_item: Some(deque_item),
    sq_ass_item: Some(deque_ass_item),
    sq_contains: Some(deque_contains),
    sq_inplace_concat: Some(deque_inplace_concat),
    sq_inplace_repeat: Some(deque_inplace_repeat),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

const fn m(name: &'static std::ffi::CStr, f: *const c_void, flags: c_int) -> PyMethodDef {
    method(name, f, flags)
}

static DEQUE_METHODS: [PyMethodDef; 20] = [
    m(c"append", deque_append as *const c_void, METH_O),
    m(c"appendleft", deque_appendleft as *const c_void, METH_O),
    m(c"clear", deque_clearmethod as *const c_void, METH_NOARGS),
    m(c"__copy__", deque_copy as *const c_void, METH_NOARGS),
    m(c"copy", deque_copy as *const c_void, METH_NOARGS),
    m(c"count", deque_count as *const c_void, METH_O),
    m(c"extend", deque_extend as *const c_void, METH_O),
    m(c"extendleft", deque_extendleft as *const c_void, METH_O),
    m(c"index", deque_index as *const c_void, METH_FASTCALL),
    m(c"insert", deque_insert as *const c_void, METH_FASTCALL),
    m(c"pop", deque_pop as *const c_void, METH_NOARGS),
    m(c"popleft", deque_popleft as *const c_void, METH_NOARGS),
    m(c"__reduce__", deque_reduce as *const c_void, METH_NOARGS),
    m(c"remove", deque_remove as *const c_void, METH_O),
    m(
        c"__reversed__",
        super::deque_iter::deque_reversed as *const c_void,
        METH_NOARGS,
    ),
    m(c"reverse", deque_reverse as *const c_void, METH_NOARGS),
    m(c"rotate", deque_rotate as *const c_void, METH_FASTCALL),
    m(c"__sizeof__", deque_sizeof as *const c_void, METH_NOARGS),
    crate::object::genericalias::CLASS_GETITEM,
    METHOD_END,
];

static DEQUE_GETSET: [PyGetSetDef; 2] =
    [getset(c"maxlen", Some(deque_get_maxlen), None), GETSET_END];

/// The deque state of `op`.
#[inline]
pub unsafe fn dq<'a>(op: *mut PyObject) -> &'a mut Deque {
    // SAFETY: op is a deque.
    unsafe { state::<Deque>(op) }
}

/// Whether `op` is a deque (or a subclass instance).
pub unsafe fn is_deque(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { crate::object::typeobj::instance_of(op, &raw mut DEQUE_TYPE) }
}

fn none_ref() -> PyResult<Owned> {
    Ok(Owned::from_borrowed_static(none::none()))
}

unsafe extern "C" fn deque_new(
    tp: *mut PyTypeObject,
    _args: *mut PyObject,
    _kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: tp is deque or a subclass.
        unsafe {
            new_obj(
                tp,
                Deque {
                    weakreflist: std::ptr::null_mut(),
                    items: VecDeque::new(),
                    maxlen: None,
                    state: 0,
                },
            )
        }
    })
}

unsafe extern "C" fn deque_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op is a deque; args a tuple.
        unsafe {
            let [iterable, maxlen] = parse("deque", args, kwargs, ["iterable", "maxlen"], 0, 0)?;
            let maxlen = if maxlen.is_null() || maxlen == none::none() {
                None
            } else {
                if !int::check(maxlen) {
                    return Err(errors::type_error("an integer is required"));
                }
                let n = number::as_ssize(maxlen, PyExc_OverflowError)?;
                if n < 0 {
                    return Err(errors::value_error("maxlen must be non-negative"));
                }
                Some(n as usize)
            };
            let d = dq(op);
            d.maxlen = maxlen;
            if !d.items.is_empty() {
                d.clear();
            }
            if !iterable.is_null() {
                extend(op, iterable, false)?;
            }
            Ok(())
        }
    })
}

/// Adds `v` at one end, dropping from the other end past `maxlen`.
unsafe fn push(op: *mut PyObject, v: Owned, left: bool) {
    // SAFETY: op is a deque.
    unsafe {
        let d = dq(op);
        d.state += 1;
        let dropped = if left {
            d.items.push_front(v);
            match d.maxlen {
                Some(m) if d.items.len() > m => d.items.pop_back(),
                _ => None,
            }
        } else {
            d.items.push_back(v);
            match d.maxlen {
                Some(m) if d.items.len() > m => d.items.pop_front(),
                _ => None,
            }
        };
        drop(dropped);
    }
}

/// `extend` / `extendleft`.
pub unsafe fn extend(op: *mut PyObject, iterable: *mut PyObject, left: bool) -> PyResult<()> {
    // SAFETY: op is a deque; iterable valid.
    unsafe {
        if iterable == op {
            let snapshot = snapshot(op)?;
            return extend(op, snapshot.as_ptr(), left);
        }
        let it = protocol::get_iter(iterable)?;
        while let Some(v) = protocol::iter_next(it.as_ptr())? {
            push(op, v, left);
        }
        Ok(())
    }
}

/// The items as a new list.
pub unsafe fn snapshot(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a deque.
    unsafe {
        let d = dq(op);
        let (a, b) = d.items.as_slices();
        let l = list::new(0)?;
        for x in a.iter().chain(b) {
            list::append(l.as_ptr(), x.as_ptr())?;
        }
        Ok(l)
    }
}

meth_o!(deque_append, |op, v| {
    push(op, Owned::from_borrowed(v), false);
    none_ref()
});

meth_o!(deque_appendleft, |op, v| {
    push(op, Owned::from_borrowed(v), true);
    none_ref()
});

meth_o!(deque_extend, |op, v| {
    extend(op, v, false)?;
    none_ref()
});

meth_o!(deque_extendleft, |op, v| {
    extend(op, v, true)?;
    none_ref()
});

meth_noargs!(deque_clearmethod, |op| {
    dq(op).clear();
    none_ref()
});

meth_noargs!(deque_pop, |op| {
    let d = dq(op);
    d.state += 1;
    d.items
        .pop_back()
        .ok_or_else(|| errors::index_error("pop from an empty deque"))
});

meth_noargs!(deque_popleft, |op| {
    let d = dq(op);
    d.state += 1;
    d.items
        .pop_front()
        .ok_or_else(|| errors::index_error("pop from an empty deque"))
});

meth_noargs!(deque_reverse, |op| {
    let d = dq(op);
    d.items.make_contiguous().reverse();
    d.state += 1;
    none_ref()
});

meth_noargs!(deque_sizeof, |op| {
    let d = dq(op);
    int::from_i64(
        ((*(*op).ob_type).tp_basicsize as usize + d.items.capacity() * std::mem::size_of::<Owned>())
            as i64,
    )
});

/// A copy of the deque: a new deque for the exact type, else
/// `type(self)(self[, maxlen])`.
pub unsafe fn copy(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a deque.
    unsafe {
        let tp = (*op).ob_type;
        let d = dq(op);
        if tp == &raw mut DEQUE_TYPE {
            return new_obj(
                tp,
                Deque {
                    weakreflist: std::ptr::null_mut(),
                    items: d.items.clone(),
                    maxlen: d.maxlen,
                    state: 0,
                },
            );
        }
        match d.maxlen {
            Some(m) => {
                let n = int::from_i64(m as i64)?;
                protocol::call_args(tp.cast(), &[op, n.as_ptr()])
            }
            None => protocol::call_args(tp.cast(), &[op]),
        }
    }
}

meth_noargs!(deque_copy, |op| copy(op));

/// Calls `f` on each item (a new reference) until it returns `Some`;
/// raises `RuntimeError` when the deque changes meanwhile.
unsafe fn scan<R>(
    op: *mut PyObject,
    range: std::ops::Range<usize>,
    mut f: impl FnMut(usize, &Owned) -> PyResult<Option<R>>,
) -> PyResult<Option<R>> {
    // SAFETY: op is a deque.
    unsafe {
        let start_state = dq(op).state;
        for i in range {
            let d = dq(op);
            let Some(x) = d.items.get(i).cloned() else {
                break;
            };
            let r = f(i, &x)?;
            if dq(op).state != start_state {
                return Err(errors::runtime_error("deque mutated during iteration"));
            }
            if r.is_some() {
                return Ok(r);
            }
        }
        Ok(None)
    }
}

meth_o!(deque_count, |op, v| {
    let mut n = 0i64;
    let len = dq(op).items.len();
    scan(op, 0..len, |_, x| {
        if protocol::rich_compare_bool(x.as_ptr(), v, Py_EQ)? {
            n += 1;
        }
        Ok(None::<()>)
    })?;
    int::from_i64(n)
});

/// A `start`/`stop` argument of `index`: an int-like object, clamped.
unsafe fn slice_arg(v: *mut PyObject) -> PyResult<isize> {
    // SAFETY: v valid.
    unsafe {
        if !number::index_check(v) {
            return Err(errors::type_error(
                "slice indices must be integers or have an __index__ method",
            ));
        }
        crate::object::slice::slice_index(v)
    }
}

meth_fast!(deque_index, |op, args| {
    crate::modules::args::arity("index", args, 1, 3)?;
    let n = dq(op).items.len() as isize;
    let mut start = match args.get(1) {
        Some(&s) => slice_arg(s)?,
        None => 0,
    };
    let mut stop = match args.get(2) {
        Some(&s) => slice_arg(s)?,
        None => isize::MAX,
    };
    if start < 0 {
        start = (start + n).max(0);
    }
    if stop < 0 {
        stop = (stop + n).max(0);
    }
    stop = stop.min(n);
    start = start.min(stop);
    let v = args[0];
    let found = scan(op, start as usize..stop as usize, |i, x| {
        Ok(protocol::rich_compare_bool(x.as_ptr(), v, Py_EQ)?.then_some(i))
    })?;
    match found {
        Some(i) => int::from_i64(i as i64),
        None => Err(errors::value_error(format!(
            "{} is not in deque",
            protocol::repr_string(v)?
        ))),
    }
});

meth_fast!(deque_insert, |op, args| {
    crate::modules::args::arity("insert", args, 2, 2)?;
    let i = number::as_ssize(args[0], PyExc_OverflowError)?;
    let d = dq(op);
    let n = d.items.len() as isize;
    if d.maxlen == Some(n as usize) {
        return Err(errors::index_error("deque already at its maximum size"));
    }
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
    d.items.insert(at as usize, Owned::from_borrowed(args[1]));
    d.state += 1;
    none_ref()
});

meth_o!(deque_remove, |op, v| {
    let len = dq(op).items.len();
    let found = scan(op, 0..len, |i, x| {
        Ok(protocol::rich_compare_bool(x.as_ptr(), v, Py_EQ)?.then_some(i))
    })?;
    match found {
        Some(i) => {
            let d = dq(op);
            let old = d.items.remove(i);
            d.state += 1;
            drop(old);
            none_ref()
        }
        None => Err(errors::value_error(format!(
            "{} is not in deque",
            protocol::repr_string(v)?
        ))),
    }
});

meth_fast!(deque_rotate, |op, args| {
    crate::modules::args::arity("rotate", args, 0, 1)?;
    let n = match args.first() {
        Some(&a) => number::as_ssize(a, PyExc_OverflowError)?,
        None => 1,
    };
    let d = dq(op);
    let len = d.items.len();
    if len > 1 {
        let k = n.rem_euclid(len as isize) as usize;
        d.items.rotate_right(k);
        d.state += 1;
    }
    none_ref()
});

meth_noargs!(deque_reduce, |op| {
    let dslot = crate::object::object::dict_slot(op);
    let st = if !dslot.is_null() && !(*dslot).is_null() {
        *dslot
    } else {
        none::none()
    };
    let args = match dq(op).maxlen {
        Some(m) => {
            let n = int::from_i64(m as i64)?;
            tuple::pack(&[tuple::empty().as_ptr(), n.as_ptr()])?
        }
        None => tuple::empty(),
    };
    let it = protocol::get_iter(op)?;
    tuple::pack(&[(*op).ob_type.cast(), args.as_ptr(), st, it.as_ptr()])
});

unsafe extern "C" fn deque_get_maxlen(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a deque.
        unsafe {
            match dq(op).maxlen {
                Some(m) => int::from_i64(m as i64),
                None => none_ref(),
            }
        }
    })
}

unsafe extern "C" fn deque_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a deque.
        unsafe {
            let Some(_g) = ReprGuard::enter(op)? else {
                return pystr::from_str("[...]");
            };
            let l = snapshot(op)?;
            let lr = protocol::repr_string(l.as_ptr())?;
            let name = type_short_name(op);
            pystr::from_str(&match dq(op).maxlen {
                Some(m) => format!("{name}({lr}, maxlen={m})"),
                None => format!("{name}({lr})"),
            })
        }
    })
}

unsafe extern "C" fn deque_len(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a deque.
    unsafe { dq(op).items.len() as Py_ssize_t }
}

unsafe extern "C" fn deque_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a deque.
        unsafe {
            let d = dq(op);
            if i < 0 {
                return Err(errors::index_error("deque index out of range"));
            }
            d.items
                .get(i as usize)
                .cloned()
                .ok_or_else(|| errors::index_error("deque index out of range"))
        }
    })
}

unsafe extern "C" fn deque_ass_item(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> c_int {
    guard_status(|| {
        // SAFETY: op is a deque; v NULL (delete) or valid.
        unsafe {
            let d = dq(op);
            if i < 0 || i as usize >= d.items.len() {
                return Err(errors::index_error("deque index out of range"));
            }
            let old = if v.is_null() {
                d.state += 1;
                d.items.remove(i as usize)
            } else {
                Some(std::mem::replace(
                    &mut d.items[i as usize],
                    Owned::from_borrowed(v),
                ))
            };
            drop(old);
            Ok(())
        }
    })
}

unsafe extern "C" fn deque_contains(op: *mut PyObject, v: *mut PyObject) -> c_int {
    guard(|| {
        // SAFETY: op is a deque.
        unsafe {
            let len = dq(op).items.len();
            match scan(op, 0..len, |_, x| {
                Ok(protocol::rich_compare_bool(x.as_ptr(), v, Py_EQ)?.then_some(()))
            }) {
                Ok(r) => r.is_some() as c_int,
                Err(_) => -1,
            }
        }
    })
}

unsafe extern "C" fn deque_concat(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a deque.
        unsafe {
            if !is_deque(other) {
                return Err(errors::type_error(format!(
                    "can only concatenate deque (not \"{}\") to deque",
                    crate::object::typeobj::type_name(other)
                )));
            }
            let new = copy(op)?;
            if is_deque(new.as_ptr()) {
                extend(new.as_ptr(), other, false)?;
            } else {
                protocol::call_method_obj(new.as_ptr(), "extend", &[other])?;
            }
            Ok(new)
        }
    })
}

unsafe extern "C" fn deque_inplace_concat(
    op: *mut PyObject,
    other: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a deque.
        unsafe {
            extend(op, other, false)?;
            Ok(Owned::from_borrowed(op))
        }
    })
}

/// Repeats the contents `n` times in place (keeping the last `maxlen`).
unsafe fn repeat_in_place(op: *mut PyObject, n: Py_ssize_t) -> PyResult<()> {
    // SAFETY: op is a deque.
    unsafe {
        let d = dq(op);
        if n <= 0 || d.items.is_empty() {
            d.clear();
            return Ok(());
        }
        let len = d.items.len();
        let total = len.checked_mul(n as usize).ok_or_else(errors::no_memory)?;
        let keep = d.maxlen.map_or(total, |m| m.min(total));
        if total > isize::MAX as usize / 8 {
            return Err(errors::no_memory());
        }
        let base: Vec<Owned> = d.items.iter().cloned().collect();
        let mut out = VecDeque::with_capacity(keep);
        for k in total - keep..total {
            out.push_back(base[k % len].clone());
        }
        let old = std::mem::replace(&mut d.items, out);
        d.state += 1;
        drop(old);
        Ok(())
    }
}

unsafe extern "C" fn deque_inplace_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a deque.
        unsafe {
            repeat_in_place(op, n)?;
            Ok(Owned::from_borrowed(op))
        }
    })
}

unsafe extern "C" fn deque_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a deque.
        unsafe {
            let new = copy(op)?;
            if is_deque(new.as_ptr()) {
                repeat_in_place(new.as_ptr(), n)?;
            }
            Ok(new)
        }
    })
}

unsafe extern "C" fn deque_richcompare(
    v: *mut PyObject,
    w: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: v is a deque.
        unsafe {
            if !is_deque(v) || !is_deque(w) {
                return Ok(Owned::from_borrowed_static(none::not_implemented()));
            }
            let (vs, ws) = (dq(v).items.len(), dq(w).items.len());
            if vs != ws && (op == Py_EQ || op == Py_NE) {
                return Ok(Owned::from_borrowed_static(pybool::from_bool(op == Py_NE)));
            }
            // Private snapshots: comparing may run code that changes the deques.
            let la = snapshot(v)?;
            let lb = snapshot(w)?;
            let (a, b) = (list::items(la.as_ptr()), list::items(lb.as_ptr()));
            for (&x, &y) in a.iter().zip(b) {
                if !protocol::rich_compare_bool(x, y, Py_EQ)? {
                    return match op {
                        Py_EQ => Ok(Owned::from_borrowed_static(pybool::from_bool(false))),
                        Py_NE => Ok(Owned::from_borrowed_static(pybool::from_bool(true))),
                        _ => protocol::rich_compare(x, y, op),
                    };
                }
            }
            let (vs, ws) = (a.len(), b.len());
            let r = match op {
                Py_LT => vs < ws,
                Py_LE => vs <= ws,
                Py_EQ => vs == ws,
                Py_NE => vs != ws,
                Py_GT => vs > ws,
                _ => vs >= ws,
            };
            Ok(Owned::from_borrowed_static(pybool::from_bool(r)))
        }
    })
}
