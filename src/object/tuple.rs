//! `tuple` (`PyTuple_Type`): an immutable array with the items inline after
//! the header and a cached hash (3.14 layout). The empty tuple is a static
//! immortal singleton.
use crate::capi::boundary::{guard, guard_obj};
use crate::ffi::*;
use crate::object::alloc::StaticGc;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{descr, int, list, number, protocol, slice, str as pystr};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use std::ptr::null_mut;

/// `PyTuple_Type`.
#[no_mangle]
pub static mut PyTuple_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE
        | Py_TPFLAGS_TUPLE_SUBCLASS
        | Py_TPFLAGS_HAVE_GC
        | Py_TPFLAGS_SEQUENCE
        | _Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(tuple_dealloc),
    tp_repr: Some(tuple_repr),
    tp_hash: Some(tuple_hash),
    tp_richcompare: Some(tuple_richcompare),
    tp_as_sequence: &raw mut TUPLE_AS_SEQUENCE,
    tp_as_mapping: &raw mut TUPLE_AS_MAPPING,
    tp_iter: Some(tuple_iter),
    tp_methods: (&raw const TUPLE_METHODS).cast_mut().cast(),
    tp_new: Some(tuple_new),
    tp_traverse: Some(tuple_traverse),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_doc: c"tuple(iterable=(), /)\n--\n\nAn immutable sequence: empty, or holding the items of iterable."
        .as_ptr(),
    ..type_template(
        c"tuple",
        std::mem::size_of::<PyTupleObject>() - std::mem::size_of::<*mut PyObject>(),
        std::mem::size_of::<*mut PyObject>(),
    )
};

static mut TUPLE_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(tuple_length),
    sq_concat: Some(tuple_concat),
    sq_repeat: Some(tuple_repeat),
    sq_item: Some(tuple_item),
    sq_contains: Some(tuple_contains),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static mut TUPLE_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(tuple_length),
    mp_subscript: Some(tuple_subscript),
    mp_ass_subscript: None,
};

static TUPLE_METHODS: [PyMethodDef; 6] = [
    descr::method(c"index", tuple_index as *const _, METH_FASTCALL).with_doc(c"index($self, value, start=0, stop=sys.maxsize, /)\n--\n\nThe index of the first item equal to value in self[start:stop];\nValueError when there is none."),
    descr::method(c"count", tuple_count as *const _, METH_O).with_doc(c"count($self, value, /)\n--\n\nThe number of items equal to value."),
    descr::method(c"__getnewargs__", tuple_getnewargs as *const _, METH_NOARGS).with_doc(c"__getnewargs__($self, /)\n--\n\nThe arguments that recreate self, for pickling."),
    descr::method(
        c"__getitem__",
        tuple_getitem as *const _,
        METH_O | METH_COEXIST,
    ).with_doc(c"__getitem__($self, key, /)\n--\n\nThe item self[key]."),
    crate::object::genericalias::CLASS_GETITEM,
    descr::METHOD_END,
];

/// `PyTupleIter_Type` (`tuple_iterator`), laid out as `list::SeqIndexIter`.
#[no_mangle]
pub static mut PyTupleIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(list::iter_dealloc),
    tp_traverse: Some(list::iter_traverse),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_iter: Some(crate::object::iterobject::self_iter),
    tp_iternext: Some(list::tupleiter_next),
    tp_methods: (&raw const list::ITER_METHODS).cast_mut().cast(),
    ..type_template(
        c"tuple_iterator",
        std::mem::size_of::<list::SeqIndexIter>(),
        0,
    )
};

/// The empty tuple, a static immortal object.
static mut EMPTY_TUPLE: StaticGc<PyTupleObject> = StaticGc::new(PyTupleObject {
    ob_base: static_var_head(&raw mut PyTuple_Type, 0),
    ob_hash: -1,
    ob_item: [null_mut()],
});

/// Whether `op` is a tuple or tuple subclass instance.
#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*(*op).ob_type).tp_flags & Py_TPFLAGS_TUPLE_SUBCLASS != 0 }
}

/// The items of a tuple.
#[inline(always)]
pub unsafe fn items<'a>(op: *mut PyObject) -> &'a [*mut PyObject] {
    // SAFETY: op is a tuple with ob_size items inline.
    unsafe {
        let t = op.cast::<PyTupleObject>();
        std::slice::from_raw_parts((*t).ob_item.as_ptr(), (*t).ob_base.ob_size as usize)
    }
}

/// The item pointer array (for filling a new tuple).
#[inline(always)]
pub unsafe fn items_ptr(op: *mut PyObject) -> *mut *mut PyObject {
    // SAFETY: op is a tuple.
    unsafe { (*op.cast::<PyTupleObject>()).ob_item.as_mut_ptr() }
}

/// Number of items.
#[inline(always)]
pub unsafe fn size(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a tuple.
    unsafe { (*op.cast::<PyVarObject>()).ob_size }
}

/// The empty tuple (a new reference to the immortal singleton).
pub fn empty() -> Owned {
    // SAFETY: the singleton is static and immortal.
    unsafe { Owned::from_raw_unchecked((&raw mut EMPTY_TUPLE.object).cast()) }
}

/// `PyTuple_New`: a tuple of `n` NULL items to be filled by the caller.
pub fn new_uninit(n: Py_ssize_t) -> PyResult<Owned> {
    if n < 0 {
        return Err(errors::bad_internal_call());
    }
    if n == 0 {
        return Ok(empty());
    }
    // SAFETY: a recycled block has room for n items; a fresh one is zeroed.
    unsafe {
        let op = match freelist_pop(n) {
            Some(op) => op,
            None => {
                let op = crate::object::alloc::generic_alloc(&raw mut PyTuple_Type, n);
                if op.is_null() {
                    return Err(Raised::assume());
                }
                op
            }
        };
        (*op.cast::<PyTupleObject>()).ob_hash = -1;
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// Tuples shorter than this are recycled (CPython keeps 20 size classes).
const FREELIST_SIZES: usize = 20;
/// Blocks kept per size class. CPython keeps 2000 per interpreter; these
/// lists are per thread and have no destructor (a thread-local with one
/// costs a state check on every access), so an exiting thread leaves its
/// blocks behind: the cap bounds that to about 300 KB.
const FREELIST_MAX: u32 = 256;

/// Per-thread lists of freed exact tuples by size, linked through
/// `ob_item[0]`.
struct FreeList {
    heads: [*mut PyObject; FREELIST_SIZES],
    counts: [u32; FREELIST_SIZES],
}

thread_local! {
    static FREE: std::cell::UnsafeCell<FreeList> = const {
        std::cell::UnsafeCell::new(FreeList {
            heads: [null_mut(); FREELIST_SIZES],
            counts: [0; FREELIST_SIZES],
        })
    };
}

/// A recycled tuple block of `n` items with a fresh header and NULL items.
#[inline]
unsafe fn freelist_pop(n: Py_ssize_t) -> Option<*mut PyObject> {
    if n as usize >= FREELIST_SIZES {
        return None;
    }
    FREE.try_with(|f| {
        // SAFETY: the list is only touched by this thread, never re-entrantly.
        unsafe {
            let f = &mut *f.get();
            let op = f.heads[n as usize];
            if op.is_null() {
                return None;
            }
            let p = items_ptr(op);
            f.heads[n as usize] = *p;
            f.counts[n as usize] -= 1;
            std::ptr::write_bytes(p, 0, n as usize);
            crate::object::alloc::init_object(op, &raw mut PyTuple_Type);
            (*op.cast::<PyVarObject>()).ob_size = n;
            Some(op)
        }
    })
    .ok()
    .flatten()
}

/// Keeps a dead exact tuple's block for reuse; false when the list is full.
#[inline]
unsafe fn freelist_push(op: *mut PyObject, n: usize) -> bool {
    if n >= FREELIST_SIZES || n == 0 {
        return false;
    }
    FREE.try_with(|f| {
        // SAFETY: op is dead; its first item slot becomes the link.
        unsafe {
            let f = &mut *f.get();
            if f.counts[n] >= FREELIST_MAX {
                return false;
            }
            *items_ptr(op) = f.heads[n];
            f.heads[n] = op;
            f.counts[n] += 1;
            true
        }
    })
    .unwrap_or(false)
}

/// Frees the tuples kept for reuse (at finalization).
pub fn clear_freelist() {
    let _ = FREE.try_with(|f| {
        // SAFETY: only this thread touches its list; the kept blocks are dead
        // tuples linked through their first item slot.
        unsafe {
            let f = &mut *f.get();
            for n in 0..FREELIST_SIZES {
                let mut op = std::mem::replace(&mut f.heads[n], null_mut());
                f.counts[n] = 0;
                while !op.is_null() {
                    let next = *items_ptr(op);
                    crate::capi::gc::PyObject_GC_Del(op.cast());
                    op = next;
                }
            }
        }
    });
}

/// A new tuple holding new references to `items`.
pub fn from_slice(items: &[*mut PyObject]) -> PyResult<Owned> {
    let t = new_uninit(items.len() as isize)?;
    // SAFETY: t has room for items.len() items.
    unsafe {
        let p = items_ptr(t.as_ptr());
        for (i, &o) in items.iter().enumerate() {
            *p.add(i) = new_ref(o);
        }
    }
    Ok(t)
}

/// `PyTuple_Pack`.
pub fn pack(items: &[*mut PyObject]) -> PyResult<Owned> {
    from_slice(items)
}

/// A new tuple taking ownership of a fixed number of `items`, without the
/// heap vector of [`from_vec`] (iterators that yield pairs, such as
/// `enumerate`, make one per item).
#[inline]
pub fn from_array<const N: usize>(items: [Owned; N]) -> PyResult<Owned> {
    let t = new_uninit(N as isize)?;
    // SAFETY: t has room for N items.
    unsafe {
        let p = items_ptr(t.as_ptr());
        for (i, o) in items.into_iter().enumerate() {
            *p.add(i) = o.into_raw();
        }
    }
    Ok(t)
}

/// A new tuple taking ownership of `items`.
pub fn from_vec(items: Vec<Owned>) -> PyResult<Owned> {
    let t = new_uninit(items.len() as isize)?;
    // SAFETY: t has room for items.len() items.
    unsafe {
        let p = items_ptr(t.as_ptr());
        for (i, o) in items.into_iter().enumerate() {
            *p.add(i) = o.into_raw();
        }
    }
    Ok(t)
}

unsafe extern "C" fn tuple_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the empty singleton is immortal.
    unsafe {
        if !crate::object::trashcan::enter(op, tuple_dealloc) {
            return;
        }
        crate::object::gc::untrack(op);
        let its = items(op);
        for &o in its.iter().rev() {
            xdecref(o);
        }
        let tp = (*op).ob_type;
        if !(tp == &raw mut PyTuple_Type && freelist_push(op, its.len())) {
            if let Some(free) = (*tp).tp_free {
                free(op.cast());
            }
            if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
                decref(tp.cast());
            }
        }
        crate::object::trashcan::leave();
    }
}

unsafe extern "C" fn tuple_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut libc::c_void,
) -> libc::c_int {
    // SAFETY: op is a tuple.
    unsafe {
        let Some(visit) = visit else { return 0 };
        for &o in items(op) {
            if !o.is_null() {
                let r = visit(o, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        0
    }
}

unsafe extern "C" fn tuple_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a tuple.
        unsafe {
            let its = items(op);
            if its.is_empty() {
                return pystr::from_str("()");
            }
            let Some(_g) = protocol::ReprGuard::enter(op)? else {
                return pystr::from_str("(...)");
            };
            let mut out = String::from("(");
            for (i, &o) in its.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(pystr::as_str(protocol::repr(o)?.as_ptr())?);
            }
            if its.len() == 1 {
                out.push(',');
            }
            out.push(')');
            pystr::from_str(&out)
        }
    })
}

/// The xxHash-based hash CPython 3.8+ computes over a tuple's items; `slice`
/// uses the same lanes over `(start, stop, step)` without the length term.
pub unsafe fn hash_items(its: &[*mut PyObject], add_len: bool) -> PyResult<Py_hash_t> {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc: u64 = P5;
    for &o in its {
        // SAFETY: the items are valid objects kept alive by the caller.
        let h = unsafe { protocol::hash(o)? };
        acc = acc.wrapping_add((h as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    if add_len {
        acc = acc.wrapping_add((its.len() as u64) ^ (P5 ^ 3527539));
    }
    Ok(if acc == u64::MAX {
        1546275796
    } else {
        acc as isize
    })
}

/// The tuple hash, cached in `ob_hash`.
unsafe extern "C" fn tuple_hash(op: *mut PyObject) -> Py_hash_t {
    guard(|| {
        // SAFETY: op is a tuple.
        unsafe {
            let t = op.cast::<PyTupleObject>();
            if (*t).ob_hash != -1 {
                return (*t).ob_hash;
            }
            let Ok(h) = hash_items(items(op), true) else {
                return -1;
            };
            (*t).ob_hash = h;
            h
        }
    })
}

unsafe extern "C" fn tuple_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: libc::c_int,
) -> *mut PyObject {
    // SAFETY: a is a tuple.
    guard_obj(|| unsafe {
        if !check(b) {
            return Ok(Owned::from_borrowed(crate::object::none::not_implemented()));
        }
        protocol::compare_sequences(items(a), items(b), op)
    })
}

unsafe extern "C" fn tuple_length(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a tuple.
    unsafe { size(op) }
}

unsafe extern "C" fn tuple_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: op is a tuple.
    unsafe {
        let its = items(op);
        if i < 0 || i as usize >= its.len() {
            errors::index_error("tuple index out of range");
            return null_mut();
        }
        new_ref(its[i as usize])
    }
}

unsafe extern "C" fn tuple_contains(op: *mut PyObject, x: *mut PyObject) -> libc::c_int {
    guard(|| {
        // SAFETY: op is a tuple.
        unsafe {
            for &o in items(op) {
                match protocol::rich_compare_bool(o, x, Py_EQ) {
                    Ok(true) => return 1,
                    Ok(false) => {}
                    Err(_) => return -1,
                }
            }
            0
        }
    })
}

/// `PySequence_Tuple`: a tuple of the items of any iterable (the same
/// object for an exact tuple).
pub unsafe fn from_iterable(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op valid.
    unsafe {
        if (*op).ob_type == &raw mut PyTuple_Type {
            return Ok(Owned::from_borrowed(op));
        }
        let it = protocol::get_iter(op)?;
        let mut items = Vec::new();
        while let Some(x) = protocol::iter_next(it.as_ptr())? {
            items.push(x);
        }
        from_vec(items)
    }
}

/// Like `PySequence_Fast` but always a tuple snapshot: the object itself for
/// an exact tuple, else a new tuple of its items; a non-iterable raises
/// `TypeError(msg)`.
pub unsafe fn from_iterable_msg(op: *mut PyObject, msg: &str) -> PyResult<Owned> {
    // SAFETY: op valid.
    unsafe {
        if list::check_exact(op) {
            return from_slice(list::items(op));
        }
        match from_iterable(op) {
            Ok(t) => Ok(t),
            Err(e) => {
                if errors::matches(crate::object::exceptions::PyExc_TypeError)
                    && (*(*op).ob_type).tp_iter.is_none()
                    && ((*(*op).ob_type).tp_as_sequence.is_null()
                        || (*(*(*op).ob_type).tp_as_sequence).sq_item.is_none())
                {
                    errors::clear();
                    return Err(errors::type_error(msg));
                }
                Err(e)
            }
        }
    }
}

/// `tuple[lo:hi]` (`PyTuple_GetSlice`, clamped; the same object for the
/// whole of an exact tuple).
pub unsafe fn get_slice(op: *mut PyObject, lo: Py_ssize_t, hi: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: op is a tuple.
    unsafe {
        let n = size(op);
        let lo = lo.clamp(0, n);
        let hi = hi.clamp(lo, n);
        if lo == 0 && hi == n && (*op).ob_type == &raw mut PyTuple_Type {
            return Ok(Owned::from_borrowed(op));
        }
        from_slice(&items(op)[lo as usize..hi as usize])
    }
}

unsafe extern "C" fn tuple_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a tuple.
        unsafe {
            if !check(b) {
                return Err(errors::type_error(format!(
                    "can only concatenate tuple (not \"{}\") to tuple",
                    crate::object::typeobj::type_name(b)
                )));
            }
            let exact = |o: *mut PyObject| (*o).ob_type == &raw mut PyTuple_Type;
            if size(b) == 0 && exact(a) {
                return Ok(Owned::from_borrowed(a));
            }
            if size(a) == 0 && exact(b) {
                return Ok(Owned::from_borrowed(b));
            }
            let (x, y) = (items(a), items(b));
            let t = new_uninit((x.len() + y.len()) as Py_ssize_t)?;
            let p = items_ptr(t.as_ptr());
            for (k, &o) in x.iter().chain(y.iter()).enumerate() {
                *p.add(k) = new_ref(o);
            }
            Ok(t)
        }
    })
}

unsafe extern "C" fn tuple_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a tuple.
        unsafe {
            let src = items(op);
            if n == 1 && (*op).ob_type == &raw mut PyTuple_Type {
                return Ok(Owned::from_borrowed(op));
            }
            if src.is_empty() || n <= 0 {
                return Ok(empty());
            }
            let Some(total) = src
                .len()
                .checked_mul(n as usize)
                .filter(|&t| t <= (isize::MAX as usize) / 8)
            else {
                return Err(errors::no_memory());
            };
            let t = new_uninit(total as Py_ssize_t)?;
            let p = items_ptr(t.as_ptr());
            for k in 0..total {
                *p.add(k) = new_ref(src[k % src.len()]);
            }
            Ok(t)
        }
    })
}

unsafe extern "C" fn tuple_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a tuple; key valid.
        unsafe {
            if slice::check(key) {
                let ix = slice::indices(key, size(op))?;
                if ix.step == 1 {
                    return get_slice(op, ix.start, ix.start + ix.len);
                }
                let t = new_uninit(ix.len)?;
                let p = items_ptr(t.as_ptr());
                let its = items(op);
                for k in 0..ix.len {
                    *p.offset(k) = new_ref(its[ix.at(k) as usize]);
                }
                return Ok(t);
            }
            let mut i = number::index_as_ssize(key, "tuple indice")?;
            if i < 0 {
                i += size(op);
            }
            errors::check(tuple_item(op, i))
        }
    })
}

unsafe extern "C" fn tuple_getitem(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a tuple.
    unsafe { tuple_subscript(op, key) }
}

unsafe extern "C" fn tuple_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a tuple.
    guard_obj(|| unsafe { list::new_iter(&raw mut PyTupleIter_Type, op, 0) })
}

unsafe extern "C" fn tuple_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args is a tuple, kwargs NULL or a dict; tp a tuple type.
        unsafe {
            let kwargs = crate::object::typeobj::positional_ctor_kwargs(tp, kwargs);
            if !kwargs.is_null() && crate::object::dict::len(kwargs) != 0 {
                return Err(errors::type_error("tuple() takes no keyword arguments"));
            }
            let t = match items(args) {
                [] => empty(),
                [it] => from_iterable(*it)?,
                more => {
                    return Err(errors::type_error(format!(
                        "tuple expected at most 1 argument, got {}",
                        more.len()
                    )))
                }
            };
            if tp == &raw mut PyTuple_Type {
                return Ok(t);
            }
            let its = items(t.as_ptr());
            let alloc = (*tp)
                .tp_alloc
                .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
            let new = errors::check(alloc(tp, its.len() as Py_ssize_t))?;
            (*new.as_ptr().cast::<PyTupleObject>()).ob_hash = -1;
            let p = items_ptr(new.as_ptr());
            for (k, &o) in its.iter().enumerate() {
                *p.add(k) = new_ref(o);
            }
            Ok(new)
        }
    })
}

unsafe extern "C" fn tuple_index(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a tuple; a holds n arguments.
        unsafe {
            let a = crate::capi::call::arg_slice(a, n as usize);
            if a.is_empty() || a.len() > 3 {
                return Err(errors::type_error(if a.is_empty() {
                    "index expected at least 1 argument, got 0".to_string()
                } else {
                    format!("index expected at most 3 arguments, got {n}")
                }));
            }
            let its = items(op);
            let (start, stop) = list::index_bounds(&a[1..], its.len() as Py_ssize_t)?;
            let stop = stop.min(its.len() as Py_ssize_t);
            for i in start..stop {
                if protocol::rich_compare_bool(its[i as usize], a[0], Py_EQ)? {
                    return int::from_i64(i as i64);
                }
            }
            Err(errors::value_error("tuple.index(x): x not in tuple"))
        }
    })
}

unsafe extern "C" fn tuple_count(op: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a tuple (immutable, so the slice stays valid).
        unsafe {
            let mut c = 0;
            for &o in items(op) {
                if protocol::rich_compare_bool(o, x, Py_EQ)? {
                    c += 1;
                }
            }
            int::from_i64(c)
        }
    })
}

unsafe extern "C" fn tuple_getnewargs(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a tuple.
        unsafe {
            let copy = from_slice(items(op))?;
            pack(&[copy.as_ptr()])
        }
    })
}

/// Whether `op` is exactly a tuple.
#[inline(always)]
pub unsafe fn check_exact(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut PyTuple_Type }
}

/// `_PyTuple_Resize`: resizes a tuple only the caller references; on
/// failure `*p` is released and set to NULL.
pub unsafe fn resize(p: *mut *mut PyObject, newsize: Py_ssize_t) -> PyResult<()> {
    // SAFETY: *p is a tuple with refcount 1 (checked).
    unsafe {
        let v = *p;
        if v.is_null() || !check_exact(v) || (size(v) != 0 && (*v).ob_refcnt != 1) || newsize < 0 {
            *p = null_mut();
            xdecref(v);
            return Err(errors::bad_internal_call());
        }
        let old = size(v);
        if old == newsize {
            return Ok(());
        }
        let t = match new_uninit(newsize) {
            Ok(t) => t,
            Err(e) => {
                *p = null_mut();
                decref(v);
                return Err(e);
            }
        };
        let keep = old.min(newsize) as usize;
        let (src, dst) = (items_ptr(v), items_ptr(t.as_ptr()));
        for i in 0..keep {
            *dst.add(i) = std::mem::replace(&mut *src.add(i), null_mut());
        }
        decref(v);
        *p = t.into_raw();
        Ok(())
    }
}
