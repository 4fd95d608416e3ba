//! The builtin iterator types: `enumerate`, `reversed`, `zip`, `map`,
//! `filter` (CPython's `enumobject.c` and the iterators of
//! `bltinmodule.c`).
use crate::capi::boundary::{guard, guard_iter, guard_obj};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::{self, type_template};
use crate::object::{dict, int, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use std::ptr::null_mut;

/// The shared layout: up to two objects, a vector of iterators, a counter.
#[repr(C)]
pub struct IterObject {
    pub ob_base: PyObject,
    /// The function (`map`, `filter`) or the sequence (`reversed`).
    pub func: *mut PyObject,
    /// The iterators (boxed `Vec<*mut PyObject>`, owned references).
    pub iters: *mut Vec<*mut PyObject>,
    /// `enumerate`'s next index; `reversed`'s next position; `zip`'s strict flag.
    pub index: i64,
    /// `enumerate`'s index once it no longer fits in `i64`.
    pub big_index: *mut PyObject,
    /// `enumerate`'s last pair (owned), filled again for the next item
    /// when nothing else holds it, as CPython's `enum_next` does.
    pub result: *mut PyObject,
}

const fn iter_type(
    name: &'static std::ffi::CStr,
    next: iternextfunc,
    new: newfunc,
) -> PyTypeObject {
    PyTypeObject {
        tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
        tp_dealloc: Some(iter_dealloc),
        tp_traverse: Some(iter_traverse),
        tp_iter: Some(crate::object::iterobject::self_iter),
        tp_iternext: next,
        tp_new: new,
        tp_free: Some(crate::capi::gc::PyObject_GC_Del),
        ..type_template(name, std::mem::size_of::<IterObject>(), 0)
    }
}

/// `PyEnum_Type`.
#[no_mangle]
pub static mut PyEnum_Type: PyTypeObject = PyTypeObject {
    tp_methods: (&raw const ENUM_METHODS).cast_mut().cast(),
    tp_doc: c"enumerate(iterable, start=0)\n--\n\nAn iterator of (count, item) pairs for the items of iterable, counting\nfrom start: (0, seq[0]), (1, seq[1]), ..."
        .as_ptr(),
    tp_vectorcall: Some(enum_vectorcall),
    ..iter_type(c"enumerate", Some(enum_next), Some(enum_new))
};
/// `PyReversed_Type`.
#[no_mangle]
pub static mut PyReversed_Type: PyTypeObject = PyTypeObject {
    tp_methods: (&raw const REVERSED_METHODS).cast_mut().cast(),
    tp_doc: c"reversed(sequence, /)\n--\n\nAn iterator over the items of sequence, last to first."
        .as_ptr(),
    ..iter_type(c"reversed", Some(reversed_next), Some(reversed_new))
};
/// `PyZip_Type`.
#[no_mangle]
pub static mut PyZip_Type: PyTypeObject = PyTypeObject {
    tp_methods: (&raw const ZIP_METHODS).cast_mut().cast(),
    tp_doc: c"zip(*iterables, strict=False)\n--\n\nAn iterator of tuples whose i-th elements come from the i-th iterable.\n\nIt stops when the shortest iterable is exhausted; with strict=True,\niterables of different lengths raise ValueError."
        .as_ptr(),
    ..iter_type(c"zip", Some(zip_next), Some(zip_new))
};
/// `PyMap_Type`.
#[no_mangle]
pub static mut PyMap_Type: PyTypeObject = PyTypeObject {
    tp_methods: (&raw const MAP_FILTER_METHODS).cast_mut().cast(),
    tp_doc: c"map(function, iterable, /, *iterables)\n--\n\nAn iterator of function called on the items of the iterables taken in\nparallel; it stops when the shortest iterable is exhausted."
        .as_ptr(),
    ..iter_type(c"map", Some(map_next), Some(map_new))
};
/// `PyFilter_Type`.
#[no_mangle]
pub static mut PyFilter_Type: PyTypeObject = PyTypeObject {
    tp_methods: (&raw const MAP_FILTER_METHODS).cast_mut().cast(),
    tp_doc: c"filter(function, iterable, /)\n--\n\nAn iterator of the items of iterable for which function(item) is true;\nwith function None, of the items that are true."
        .as_ptr(),
    ..iter_type(c"filter", Some(filter_next), Some(filter_new))
};

static ENUM_METHODS: [PyMethodDef; 2] = [
    crate::object::descr::method(
        c"__reduce__",
        enum_reduce as *const libc::c_void,
        METH_NOARGS,
    )
    .with_doc(c"__reduce__($self, /)\n--\n\nThe state of self for pickling."),
    crate::object::descr::METHOD_END,
];
static REVERSED_METHODS: [PyMethodDef; 4] = [
    crate::object::descr::method(
        c"__length_hint__",
        reversed_length_hint as *const libc::c_void,
        METH_NOARGS,
    )
    .with_doc(c"__length_hint__($self, /)\n--\n\nHow many items are left."),
    crate::object::descr::method(
        c"__reduce__",
        reversed_reduce as *const libc::c_void,
        METH_NOARGS,
    )
    .with_doc(c"__reduce__($self, /)\n--\n\nThe state of self for pickling."),
    crate::object::descr::method(
        c"__setstate__",
        reversed_setstate as *const libc::c_void,
        METH_O,
    )
    .with_doc(c"__setstate__($self, object, /)\n--\n\nRestore the state of self when unpickling."),
    crate::object::descr::METHOD_END,
];
static ZIP_METHODS: [PyMethodDef; 3] = [
    crate::object::descr::method(
        c"__reduce__",
        zip_reduce as *const libc::c_void,
        METH_NOARGS,
    )
    .with_doc(c"__reduce__($self, /)\n--\n\nThe state of self for pickling."),
    crate::object::descr::method(c"__setstate__", zip_setstate as *const libc::c_void, METH_O)
        .with_doc(
            c"__setstate__($self, object, /)\n--\n\nRestore the state of self when unpickling.",
        ),
    crate::object::descr::METHOD_END,
];
static MAP_FILTER_METHODS: [PyMethodDef; 2] = [
    crate::object::descr::method(
        c"__reduce__",
        map_filter_reduce as *const libc::c_void,
        METH_NOARGS,
    )
    .with_doc(c"__reduce__($self, /)\n--\n\nThe state of self for pickling."),
    crate::object::descr::METHOD_END,
];

/// The items of `op`'s iterator vector, as a new tuple.
unsafe fn iters_tuple(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op has the IterObject layout.
    unsafe {
        let v = (*it(op).iters)
            .iter()
            .map(|&p| Owned::from_borrowed(p))
            .collect();
        tuple::from_vec(v)
    }
}

/// `enumerate.__reduce__`: `(type, (iterator, next index))`.
unsafe extern "C" fn enum_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an enumerate object.
        unsafe {
            let o = it(op);
            let index = if o.big_index.is_null() {
                int::from_i64(o.index)?
            } else {
                Owned::from_borrowed(o.big_index)
            };
            let src = Owned::from_borrowed((&*o.iters)[0]);
            let args = tuple::from_vec(vec![src, index])?;
            tuple::from_vec(vec![Owned::from_borrowed((*op).ob_type.cast()), args])
        }
    })
}

/// `reversed.__reduce__`: `(type, (seq,), index)`, or `(type, ((),))`
/// once exhausted.
unsafe extern "C" fn reversed_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a reversed object.
        unsafe {
            let o = it(op);
            let tp = Owned::from_borrowed((*op).ob_type.cast());
            if o.func.is_null() || o.index < 0 {
                return tuple::from_vec(vec![tp, tuple::from_vec(vec![tuple::empty()])?]);
            }
            let args = tuple::from_vec(vec![Owned::from_borrowed(o.func)])?;
            tuple::from_vec(vec![tp, args, int::from_i64(o.index)?])
        }
    })
}

/// `reversed.__length_hint__()` (CPython's `reversed_len`): the items
/// not yet given, none once the sequence shrank below the position.
unsafe extern "C" fn reversed_length_hint(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a reversed object.
        unsafe {
            let o = it(op);
            if o.func.is_null() || o.index < 0 {
                return int::from_i64(0);
            }
            let size = protocol::len(o.func)? as i64;
            let left = o.index + 1;
            int::from_i64(if size < left { 0 } else { left })
        }
    })
}

/// `reversed.__setstate__(index)`: the position, clamped to the sequence.
unsafe extern "C" fn reversed_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a reversed object; state valid.
        unsafe {
            let index = crate::object::number::as_ssize(
                state,
                crate::object::exceptions::PyExc_OverflowError,
            )?;
            let o = it(op);
            if !o.func.is_null() {
                let n = protocol::len(o.func)?;
                o.index = index.clamp(-1, n - 1) as i64;
            }
            Ok(Owned::from_borrowed_static(none::none()))
        }
    })
}

/// `zip.__reduce__`: `(type, iterators)`, plus `True` when strict.
unsafe extern "C" fn zip_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a zip object.
        unsafe {
            let mut v = vec![Owned::from_borrowed((*op).ob_type.cast()), iters_tuple(op)?];
            if it(op).index != 0 {
                v.push(Owned::from_borrowed_static(crate::object::bool::py_true()));
            }
            tuple::from_vec(v)
        }
    })
}

/// `zip.__setstate__(strict)`.
unsafe extern "C" fn zip_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a zip object; state valid.
        unsafe {
            it(op).index = i64::from(protocol::is_true(state)?);
            Ok(Owned::from_borrowed_static(none::none()))
        }
    })
}

/// `map.__reduce__` / `filter.__reduce__`: `(type, (function, *iterators))`.
unsafe extern "C" fn map_filter_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a map or filter object.
        unsafe {
            let o = it(op);
            let mut args = vec![Owned::from_borrowed(o.func)];
            args.extend((*o.iters).iter().map(|&p| Owned::from_borrowed(p)));
            let args = tuple::from_vec(args)?;
            tuple::from_vec(vec![Owned::from_borrowed((*op).ob_type.cast()), args])
        }
    })
}

/// All the types of this file.
pub fn all_types() -> [*mut PyTypeObject; 5] {
    [
        &raw mut PyEnum_Type,
        &raw mut PyReversed_Type,
        &raw mut PyZip_Type,
        &raw mut PyMap_Type,
        &raw mut PyFilter_Type,
    ]
}

unsafe fn make(
    tp: *mut PyTypeObject,
    func: *mut PyObject,
    iters: Vec<Owned>,
    index: i64,
) -> PyResult<Owned> {
    // SAFETY: tp is one of this file's types (or a subclass).
    unsafe {
        let alloc = (*tp)
            .tp_alloc
            .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
        let op = alloc(tp, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        let it = op.cast::<IterObject>();
        xincref(func);
        (*it).func = func;
        (*it).iters = Box::into_raw(Box::new(iters.into_iter().map(Owned::into_raw).collect()));
        (*it).index = index;
        Ok(Owned::from_raw_unchecked(op))
    }
}

unsafe fn it<'a>(op: *mut PyObject) -> &'a mut IterObject {
    // SAFETY: op has the IterObject layout.
    unsafe { &mut *op.cast::<IterObject>() }
}

unsafe extern "C" fn iter_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        let o = it(op);
        xdecref(o.func);
        xdecref(o.big_index);
        xdecref(o.result);
        if !o.iters.is_null() {
            for p in *Box::from_raw(o.iters) {
                decref(p);
            }
        }
        let tp = (*op).ob_type;
        if let Some(free) = (*tp).tp_free {
            free(op.cast());
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

unsafe extern "C" fn iter_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut libc::c_void,
) -> libc::c_int {
    // SAFETY: op has the IterObject layout.
    unsafe {
        let Some(visit) = visit else { return 0 };
        let o = it(op);
        for p in [o.func, o.result] {
            if !p.is_null() {
                let r = visit(p, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        if !o.iters.is_null() {
            for &p in &*o.iters {
                let r = visit(p, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        0
    }
}

/// Positional arguments and keyword dict of a constructor call.
unsafe fn call_args<'a>(
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> (&'a [*mut PyObject], Vec<(String, *mut PyObject)>) {
    // SAFETY: args a tuple, kwargs NULL or a dict.
    unsafe {
        let mut kws = Vec::new();
        if !kwargs.is_null() {
            let mut pos = 0;
            while let Some((k, v)) = dict::next(kwargs, &mut pos) {
                kws.push((pystr::as_str(k).unwrap_or("").to_string(), v));
            }
        }
        (tuple::items(args), kws)
    }
}

unsafe extern "C" fn enum_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple.
        unsafe {
            let (a, kws) = call_args(args, kwargs);
            let mut iterable = a.first().copied();
            let mut start = a.get(1).copied();
            for (k, v) in &kws {
                match k.as_str() {
                    "iterable" if iterable.is_none() => iterable = Some(*v),
                    "start" if start.is_none() => start = Some(*v),
                    _ => {
                        return Err(errors::type_error(format!(
                            "'{k}' is an invalid keyword argument for enumerate()"
                        )))
                    }
                }
            }
            if a.len() > 2 {
                return Err(errors::type_error(format!(
                    "enumerate() takes at most 2 arguments ({} given)",
                    a.len()
                )));
            }
            let Some(iterable) = iterable else {
                return Err(errors::type_error(
                    "enumerate() missing required argument 'iterable'",
                ));
            };
            enumerate(tp, iterable, start)
        }
    })
}

/// A new enumerate object of type `tp` over `iterable`, counting from
/// `start` (0 when None).
unsafe fn enumerate(
    tp: *mut PyTypeObject,
    iterable: *mut PyObject,
    start: Option<*mut PyObject>,
) -> PyResult<Owned> {
    // SAFETY: tp is enumerate or a subclass; the objects are valid.
    unsafe {
        let i = protocol::get_iter(iterable)?;
        let (index, big) = match start {
            None => (0, None),
            Some(s) => {
                let s = crate::object::number::index(s)?;
                match int::as_i64(s.as_ptr()) {
                    Ok(v) => (v, None),
                    Err(_) => {
                        errors::clear();
                        (0, Some(s))
                    }
                }
            }
        };
        let e = make(tp, null_mut(), vec![i], index)?;
        if let Some(b) = big {
            it(e.as_ptr()).big_index = b.into_raw();
        }
        Ok(e)
    }
}

/// `enum_vectorcall`: `enumerate(iterable[, start])` called without
/// keywords skips the argument tuple; with keywords it goes through
/// [`enum_new`].
unsafe extern "C" fn enum_vectorcall(
    tp: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: the vectorcall convention: nargs valid arguments (and one
    // per keyword name after them); tp is enumerate, whose vectorcall
    // this is.
    unsafe {
        let n = crate::capi::call::nargs(nargsf) as usize;
        let a = crate::capi::call::arg_slice(args, n);
        if (kwnames.is_null() || tuple::size(kwnames) == 0) && matches!(a.len(), 1 | 2) {
            return guard_obj(|| enumerate(tp.cast(), a[0], a.get(1).copied()));
        }
        crate::capi::call::call_type_generic(tp.cast(), args, nargsf, kwnames)
    }
}

unsafe extern "C" fn enum_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is an enumerate object.
        unsafe {
            let o = it(op);
            let src = (&*o.iters)[0];
            let Some(v) = protocol::iter_next(src)? else {
                return Ok(None);
            };
            let idx = if !o.big_index.is_null() {
                let cur = Owned::from_borrowed(o.big_index);
                let next = crate::object::number::add(o.big_index, int::small(1))?;
                decref(std::mem::replace(&mut o.big_index, next.into_raw()));
                cur
            } else {
                let cur = int::from_i64(o.index)?;
                match o.index.checked_add(1) {
                    Some(n) => o.index = n,
                    None => {
                        o.big_index =
                            crate::object::number::add(cur.as_ptr(), int::small(1))?.into_raw()
                    }
                }
                cur
            };
            let r = o.result;
            if !r.is_null() && (*r).ob_refcnt == 1 {
                // Only this enumerate holds the last pair: it becomes the
                // next one (tracked again if the collector let it go).
                let items = tuple::items_ptr(r);
                let old_idx = std::mem::replace(&mut *items, idx.into_raw());
                let old_v = std::mem::replace(&mut *items.add(1), v.into_raw());
                decref(old_idx);
                decref(old_v);
                crate::object::gc::track(r);
                return Ok(Some(Owned::from_borrowed(r)));
            }
            let t = tuple::from_array([idx, v])?;
            xdecref(std::mem::replace(&mut o.result, new_ref(t.as_ptr())));
            Ok(Some(t))
        }
    })
}

unsafe extern "C" fn reversed_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple.
        unsafe {
            let (a, kws) = call_args(args, kwargs);
            if !kws.is_empty() {
                return Err(errors::type_error("reversed() takes no keyword arguments"));
            }
            if a.len() != 1 {
                return Err(errors::type_error(format!(
                    "reversed expected 1 argument, got {}",
                    a.len()
                )));
            }
            let seq = a[0];
            let rev = typeobj::lookup_str((*seq).ob_type, "__reversed__");
            if rev == none::none() {
                return Err(errors::type_error(format!(
                    "'{}' object is not reversible",
                    typeobj::type_name(seq)
                )));
            }
            if !rev.is_null() {
                if let Some(r) = protocol::call_special(seq, "__reversed__", &[])? {
                    return Ok(r);
                }
            }
            let sq = (*(*seq).ob_type).tp_as_sequence;
            if sq.is_null() || (*sq).sq_item.is_none() || crate::object::dict::check(seq) {
                return Err(errors::type_error(format!(
                    "'{}' object is not reversible",
                    typeobj::type_name(seq)
                )));
            }
            let n = protocol::len(seq)?;
            make(tp, seq, vec![], n as i64 - 1)
        }
    })
}

unsafe extern "C" fn reversed_next(op: *mut PyObject) -> *mut PyObject {
    guard(|| {
        // SAFETY: op is a reversed object over a sequence.
        unsafe {
            let o = it(op);
            if o.index < 0 || o.func.is_null() {
                return null_mut();
            }
            let r = crate::object::iterobject::item_at(o.func, o.index as Py_ssize_t);
            if r.is_null() {
                if errors::matches(crate::object::exceptions::PyExc_IndexError)
                    || errors::matches(crate::object::exceptions::PyExc_StopIteration)
                {
                    errors::clear();
                }
                o.index = -1;
                return null_mut();
            }
            o.index -= 1;
            r
        }
    })
}

unsafe extern "C" fn zip_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple.
        unsafe {
            let (a, kws) = call_args(args, kwargs);
            let mut strict = false;
            for (k, v) in &kws {
                if k == "strict" {
                    strict = protocol::is_true(*v)?;
                } else {
                    return Err(errors::type_error(format!(
                        "zip() got an unexpected keyword argument '{k}'"
                    )));
                }
            }
            let mut iters = Vec::with_capacity(a.len());
            // iter()'s own error propagates, as in CPython 3.13.
            for &x in a.iter() {
                iters.push(protocol::get_iter(x)?);
            }
            make(tp, null_mut(), iters, strict as i64)
        }
    })
}

unsafe extern "C" fn zip_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a zip object.
        unsafe {
            let o = it(op);
            let iters = &*o.iters;
            if iters.is_empty() {
                return Ok(None);
            }
            let mut items = Vec::with_capacity(iters.len());
            for (i, &src) in iters.iter().enumerate() {
                match protocol::iter_next(src)? {
                    Some(v) => items.push(v),
                    None => {
                        if o.index != 0 {
                            if i > 0 {
                                return Err(errors::value_error(format!(
                                    "zip() argument {} is shorter than argument{} {}",
                                    i + 1,
                                    if i == 1 { "" } else { "s" },
                                    if i == 1 {
                                        "1".to_string()
                                    } else {
                                        format!("1-{i}")
                                    }
                                )));
                            }
                            for (j, &other) in iters.iter().enumerate().skip(1) {
                                if protocol::iter_next(other)?.is_some() {
                                    return Err(errors::value_error(format!(
                                        "zip() argument {} is longer than argument{} {}",
                                        j + 1,
                                        if j == 1 { "" } else { "s" },
                                        if j == 1 {
                                            "1".to_string()
                                        } else {
                                            format!("1-{j}")
                                        }
                                    )));
                                }
                            }
                        }
                        return Ok(None);
                    }
                }
            }
            tuple::from_vec(items).map(Some)
        }
    })
}

unsafe extern "C" fn map_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple.
        unsafe {
            let kwargs = crate::object::typeobj::positional_ctor_kwargs(tp, kwargs);
            let (a, kws) = call_args(args, kwargs);
            if !kws.is_empty() {
                return Err(errors::type_error("map() takes no keyword arguments"));
            }
            if a.len() < 2 {
                return Err(errors::type_error(
                    "map() must have at least two arguments.",
                ));
            }
            let iters = a[1..]
                .iter()
                .map(|&x| protocol::get_iter(x))
                .collect::<PyResult<Vec<_>>>()?;
            make(tp, a[0], iters, 0)
        }
    })
}

unsafe extern "C" fn map_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a map object.
        unsafe {
            let o = it(op);
            let mut items = Vec::with_capacity((*o.iters).len());
            for &src in &*o.iters {
                match protocol::iter_next(src)? {
                    Some(v) => items.push(v),
                    None => return Ok(None),
                }
            }
            let raw: Vec<*mut PyObject> = items.iter().map(|v| v.as_ptr()).collect();
            protocol::call_args(o.func, &raw).map(Some)
        }
    })
}

unsafe extern "C" fn filter_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple.
        unsafe {
            let kwargs = crate::object::typeobj::positional_ctor_kwargs(tp, kwargs);
            let (a, kws) = call_args(args, kwargs);
            if !kws.is_empty() {
                return Err(errors::type_error("filter() takes no keyword arguments"));
            }
            if a.len() != 2 {
                return Err(errors::type_error(format!(
                    "filter expected 2 arguments, got {}",
                    a.len()
                )));
            }
            make(tp, a[0], vec![protocol::get_iter(a[1])?], 0)
        }
    })
}

unsafe extern "C" fn filter_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a filter object.
        unsafe {
            let o = it(op);
            let src = (&*o.iters)[0];
            loop {
                let Some(v) = protocol::iter_next(src)? else {
                    return Ok(None);
                };
                let keep = if o.func == none::none()
                    || o.func == (&raw mut crate::object::bool::PyBool_Type).cast()
                {
                    protocol::is_true(v.as_ptr())?
                } else {
                    let r = protocol::call_args(o.func, &[v.as_ptr()])?;
                    protocol::is_true(r.as_ptr())?
                };
                if keep {
                    return Ok(Some(v));
                }
            }
        }
    })
}
