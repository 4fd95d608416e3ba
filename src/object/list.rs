//! `list` (`PyList_Type`): a growable array of strong references with
//! CPython's layout (`ob_item`, `allocated`) and growth pattern, its
//! methods, slicing, and the `list_iterator` / `list_reverseiterator` types.
//! Sorting lives in `listsort.rs`.
use crate::capi::boundary::{guard_int, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::bool as pybool;
use crate::object::refcount::*;
use crate::object::typeobj::{type_name, type_template};
use crate::object::{descr, int, iterobject, none, number, protocol, slice, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::c_int;
use std::ptr::null_mut;

/// `PyList_Type`.
#[no_mangle]
pub static mut PyList_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE
        | Py_TPFLAGS_LIST_SUBCLASS
        | Py_TPFLAGS_HAVE_GC
        | Py_TPFLAGS_SEQUENCE
        | _Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(list_dealloc),
    tp_repr: Some(list_repr),
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    tp_richcompare: Some(list_richcompare),
    tp_as_sequence: &raw mut LIST_AS_SEQUENCE,
    tp_as_mapping: &raw mut LIST_AS_MAPPING,
    tp_iter: Some(list_iter),
    tp_traverse: Some(list_traverse),
    tp_clear: Some(list_tp_clear),
    tp_methods: (&raw const LIST_METHODS).cast_mut().cast(),
    tp_init: Some(list_init),
    tp_new: Some(crate::capi::allocation::PyType_GenericNew),
    tp_vectorcall: Some(list_vectorcall),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_doc:
        c"list(iterable=(), /)\n--\n\nA mutable sequence: empty, or holding the items of iterable."
            .as_ptr(),
    ..type_template(c"list", std::mem::size_of::<PyListObject>(), 0)
};

static mut LIST_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(list_length),
    sq_concat: Some(list_concat),
    sq_repeat: Some(list_repeat),
    sq_item: Some(list_item),
    sq_ass_item: Some(list_ass_item),
    sq_contains: Some(list_contains),
    sq_inplace_concat: Some(list_inplace_concat),
    sq_inplace_repeat: Some(list_inplace_repeat),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static mut LIST_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(list_length),
    mp_subscript: Some(list_subscript),
    mp_ass_subscript: Some(list_ass_subscript),
};

static LIST_METHODS: [PyMethodDef; 16] = [
    descr::method(c"append", m_append as *const _, METH_O).with_doc(c"append($self, object, /)\n--\n\nAdd object at the end of the list."),
    descr::method(c"extend", m_extend as *const _, METH_O).with_doc(c"extend($self, iterable, /)\n--\n\nAdd the items of iterable at the end of the list."),
    descr::method(c"insert", m_insert as *const _, METH_FASTCALL).with_doc(c"insert($self, index, object, /)\n--\n\nPut object into the list at position index, shifting later items right."),
    descr::method(c"pop", m_pop as *const _, METH_FASTCALL).with_doc(c"pop($self, index=-1, /)\n--\n\nRemove the item at index (by default the last) and return it.\n\nIndexError for an empty list or an index out of range."),
    descr::method(c"remove", m_remove as *const _, METH_O).with_doc(c"remove($self, value, /)\n--\n\nRemove the first item equal to value; ValueError when there is none."),
    descr::method(c"index", m_index as *const _, METH_FASTCALL).with_doc(c"index($self, value, start=0, stop=sys.maxsize, /)\n--\n\nThe index of the first item equal to value in self[start:stop];\nValueError when there is none."),
    descr::method(c"count", m_count as *const _, METH_O).with_doc(c"count($self, value, /)\n--\n\nThe number of items equal to value."),
    descr::method(c"clear", m_clear as *const _, METH_NOARGS).with_doc(c"clear($self, /)\n--\n\nRemove every item."),
    descr::method(c"copy", m_copy as *const _, METH_NOARGS).with_doc(c"copy($self, /)\n--\n\nA shallow copy of the list."),
    descr::method(c"reverse", m_reverse as *const _, METH_NOARGS).with_doc(c"reverse($self, /)\n--\n\nReverse the list in place."),
    descr::method(c"sort", m_sort as *const _, METH_FASTCALL | METH_KEYWORDS).with_doc(c"sort($self, /, *, key=None, reverse=False)\n--\n\nSort the list in place, in ascending order, and return None.\n\nThe sort is stable. key, if given, maps each item to what is\ncompared; reverse=True sorts in descending order."),
    descr::method(c"__reversed__", m_reversed as *const _, METH_NOARGS).with_doc(c"__reversed__($self, /)\n--\n\nAn iterator over the items, last to first."),
    descr::method(c"__sizeof__", m_sizeof as *const _, METH_NOARGS).with_doc(c"__sizeof__($self, /)\n--\n\nThe memory used by self, in bytes."),
    descr::method(c"__getitem__", m_getitem as *const _, METH_O | METH_COEXIST).with_doc(c"__getitem__($self, index, /)\n--\n\nThe item self[key]."),
    crate::object::genericalias::CLASS_GETITEM,
    descr::METHOD_END,
];

#[inline(always)]
fn raw(op: *mut PyObject) -> *mut PyListObject {
    op.cast()
}

/// Whether `op` is a list or list subclass instance.
#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*(*op).ob_type).tp_flags & Py_TPFLAGS_LIST_SUBCLASS != 0 }
}

/// Whether `op` is exactly a list.
#[inline(always)]
pub unsafe fn check_exact(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut PyList_Type }
}

/// Number of items.
#[inline(always)]
pub unsafe fn len(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a list.
    unsafe { (*raw(op)).ob_base.ob_size }
}

/// The items as a slice. Valid only until the list is next mutated (any
/// call back into Python code may do that).
#[inline(always)]
pub unsafe fn items<'a>(op: *mut PyObject) -> &'a [*mut PyObject] {
    // SAFETY: op is a list; ob_item holds ob_size items (NULL when empty).
    unsafe {
        let n = len(op) as usize;
        if n == 0 {
            return &[];
        }
        std::slice::from_raw_parts((*raw(op)).ob_item, n)
    }
}

/// The item at `i` (borrowed), no bounds check.
#[inline(always)]
pub unsafe fn get(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: 0 <= i < len.
    unsafe { *(*raw(op)).ob_item.offset(i) }
}

/// `PyList_New`: a list of `n` NULL slots (callers fill them).
pub fn new(n: Py_ssize_t) -> PyResult<Owned> {
    if n < 0 {
        return Err(errors::bad_internal_call());
    }
    let l = new_unfilled(n)?;
    // SAFETY: l has n item slots.
    unsafe {
        if n > 0 {
            std::ptr::write_bytes((*raw(l.as_ptr())).ob_item, 0, n as usize);
        }
    }
    Ok(l)
}

/// A list of `n` uninitialized item slots; the caller fills every one
/// before any other code can see the list.
fn new_unfilled(n: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: a recycled shell or a fresh zeroed one; PyList_Type is ready.
    unsafe {
        let op = match freelist_pop() {
            Some(op) => op,
            None => {
                let op = crate::object::alloc::generic_alloc(&raw mut PyList_Type, 0);
                if op.is_null() {
                    return Err(Raised::assume());
                }
                op
            }
        };
        crate::object::gc::track(op);
        let l = Owned::from_raw_unchecked(op);
        if n > 0 {
            (*raw(op)).ob_item = alloc_items(n as usize)?;
            (*raw(op)).allocated = n;
            (*raw(op)).ob_base.ob_size = n;
        }
        Ok(l)
    }
}

/// Dead exact lists kept for reuse (CPython keeps 80), linked through
/// `ob_item`.
const FREELIST_MAX: u32 = 80;

struct FreeList {
    head: *mut PyObject,
    count: u32,
}

thread_local! {
    static FREE: std::cell::UnsafeCell<FreeList> = const {
        std::cell::UnsafeCell::new(FreeList { head: null_mut(), count: 0 })
    };
}

/// A recycled list shell: header reset, empty.
#[inline]
unsafe fn freelist_pop() -> Option<*mut PyObject> {
    FREE.try_with(|f| {
        // SAFETY: only this thread touches its list, never re-entrantly.
        unsafe {
            let f = &mut *f.get();
            let op = f.head;
            if op.is_null() {
                return None;
            }
            f.head = (*raw(op)).ob_item.cast();
            f.count -= 1;
            crate::object::alloc::init_object(op, &raw mut PyList_Type);
            (*raw(op)).ob_item = null_mut();
            (*raw(op)).ob_base.ob_size = 0;
            (*raw(op)).allocated = 0;
            Some(op)
        }
    })
    .ok()
    .flatten()
}

/// Keeps a dead exact list's shell; false when the list is full.
#[inline]
unsafe fn freelist_push(op: *mut PyObject) -> bool {
    FREE.try_with(|f| {
        // SAFETY: op is dead and its items are released.
        unsafe {
            let f = &mut *f.get();
            if f.count >= FREELIST_MAX {
                return false;
            }
            (*raw(op)).ob_item = f.head.cast();
            f.head = op;
            f.count += 1;
            true
        }
    })
    .unwrap_or(false)
}

/// Frees the list shells kept for reuse (at finalization).
pub fn clear_freelist() {
    let _ = FREE.try_with(|f| {
        // SAFETY: only this thread touches its list; the kept shells are dead
        // lists linked through `ob_item`.
        unsafe {
            let f = &mut *f.get();
            let mut op = std::mem::replace(&mut f.head, null_mut());
            f.count = 0;
            while !op.is_null() {
                let next: *mut PyObject = (*raw(op)).ob_item.cast();
                if let Some(free) = PyList_Type.tp_free {
                    free(op.cast());
                }
                op = next;
            }
        }
    });
}

fn alloc_items(n: usize) -> PyResult<*mut *mut PyObject> {
    let Some(bytes) = n
        .checked_mul(std::mem::size_of::<*mut PyObject>())
        .filter(|&b| b <= isize::MAX as usize)
    else {
        return Err(errors::no_memory());
    };
    // SAFETY: plain allocation.
    let p = unsafe { crate::object::alloc::raw_malloc(bytes) } as *mut *mut PyObject;
    if p.is_null() {
        return Err(errors::no_memory());
    }
    Ok(p)
}

/// A new list taking ownership of `items`.
pub fn from_vec(v: Vec<Owned>) -> PyResult<Owned> {
    let l = new_unfilled(v.len() as Py_ssize_t)?;
    // SAFETY: l has v.len() slots.
    unsafe {
        let p = (*raw(l.as_ptr())).ob_item;
        for (i, o) in v.into_iter().enumerate() {
            *p.add(i) = o.into_raw();
        }
    }
    Ok(l)
}

/// A new list holding new references to `items`.
pub unsafe fn from_slice(src: &[*mut PyObject]) -> PyResult<Owned> {
    let l = new_unfilled(src.len() as Py_ssize_t)?;
    // SAFETY: l has src.len() slots; items are valid.
    unsafe {
        let p = (*raw(l.as_ptr())).ob_item;
        for (i, &o) in src.iter().enumerate() {
            *p.add(i) = new_ref(o);
        }
    }
    Ok(l)
}

/// `list_resize`: sets the size to `newsize`, growing or shrinking the
/// item array with CPython's over-allocation so `allocated` matches.
/// New slots are uninitialized.
pub unsafe fn resize(op: *mut PyObject, newsize: Py_ssize_t) -> PyResult<()> {
    // SAFETY: op is a list.
    unsafe {
        let l = raw(op);
        let allocated = (*l).allocated;
        if allocated >= newsize && newsize >= (allocated >> 1) {
            (*l).ob_base.ob_size = newsize;
            return Ok(());
        }
        let mut new_allocated = ((newsize as usize) + ((newsize as usize) >> 3) + 6) & !3usize;
        if newsize - (*l).ob_base.ob_size > (new_allocated as isize - newsize) {
            new_allocated = ((newsize as usize) + 3) & !3usize;
        }
        if newsize == 0 {
            new_allocated = 0;
        }
        let items = if new_allocated == 0 {
            crate::object::alloc::raw_free((*l).ob_item.cast());
            null_mut()
        } else {
            let Some(bytes) = new_allocated
                .checked_mul(8)
                .filter(|&b| b <= isize::MAX as usize)
            else {
                return Err(errors::no_memory());
            };
            let p = crate::object::alloc::raw_realloc((*l).ob_item.cast(), bytes);
            if p.is_null() {
                return Err(errors::no_memory());
            }
            p.cast()
        };
        (*l).ob_item = items;
        (*l).ob_base.ob_size = newsize;
        (*l).allocated = new_allocated as Py_ssize_t;
        Ok(())
    }
}

/// `PyList_Append`: appends a new reference to `item`.
#[inline]
pub unsafe fn append(op: *mut PyObject, item: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a list; item valid.
    unsafe {
        let l = raw(op);
        let n = (*l).ob_base.ob_size;
        if n < (*l).allocated {
            *(*l).ob_item.offset(n) = new_ref(item);
            (*l).ob_base.ob_size = n + 1;
            return Ok(());
        }
        append_slow(op, item)
    }
}

#[inline(never)]
unsafe fn append_slow(op: *mut PyObject, item: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a list.
    unsafe {
        let n = len(op);
        resize(op, n + 1)?;
        *(*raw(op)).ob_item.offset(n) = new_ref(item);
        Ok(())
    }
}

/// `PyList_Insert` / `list.insert`: negative indexes count from the end,
/// both ends clamp.
pub unsafe fn insert(op: *mut PyObject, mut at: Py_ssize_t, item: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a list.
    unsafe {
        let n = len(op);
        resize(op, n + 1)?;
        if at < 0 {
            at = (at + n).max(0);
        }
        at = at.min(n);
        let p = (*raw(op)).ob_item;
        std::ptr::copy(p.offset(at), p.offset(at + 1), (n - at) as usize);
        *p.offset(at) = new_ref(item);
        Ok(())
    }
}

/// Drops every item (`list.clear`); the references are released after
/// the list is already empty, as CPython does.
pub unsafe fn clear(op: *mut PyObject) {
    // SAFETY: op is a list.
    unsafe {
        let l = raw(op);
        let items = (*l).ob_item;
        if items.is_null() {
            return;
        }
        let n = (*l).ob_base.ob_size;
        (*l).ob_item = null_mut();
        (*l).ob_base.ob_size = 0;
        (*l).allocated = 0;
        for i in (0..n).rev() {
            xdecref(*items.offset(i));
        }
        crate::object::alloc::raw_free(items.cast());
    }
}

/// `PyObject_LengthHint`: `len()` when the object has one, else
/// `__length_hint__`, else `default`.
pub unsafe fn length_hint(o: *mut PyObject, default: Py_ssize_t) -> PyResult<Py_ssize_t> {
    // SAFETY: o valid.
    unsafe {
        let tp = (*o).ob_type;
        let has_len = (!(*tp).tp_as_sequence.is_null()
            && (*(*tp).tp_as_sequence).sq_length.is_some())
            || (!(*tp).tp_as_mapping.is_null() && (*(*tp).tp_as_mapping).mp_length.is_some());
        if has_len {
            match protocol::len(o) {
                Ok(n) => return Ok(n),
                Err(e) => {
                    if !errors::matches(crate::object::exceptions::PyExc_TypeError) {
                        return Err(e);
                    }
                    errors::clear();
                }
            }
        }
        let r = match protocol::call_special(o, "__length_hint__", &[]) {
            Ok(Some(r)) => r,
            Ok(None) => return Ok(default),
            Err(e) => {
                if errors::matches(crate::object::exceptions::PyExc_TypeError) {
                    errors::clear();
                    return Ok(default);
                }
                return Err(e);
            }
        };
        if r.as_ptr() == none::not_implemented() {
            return Ok(default);
        }
        if !int::check(r.as_ptr()) {
            return Err(errors::type_error(format!(
                "__length_hint__ must be an integer, not {}",
                type_name(r.as_ptr())
            )));
        }
        let n = int::as_i64(r.as_ptr())?;
        if n < 0 {
            return Err(errors::value_error("__length_hint__() should return >= 0"));
        }
        Ok(n as Py_ssize_t)
    }
}

/// `list.extend` / `PyList_Extend`: appends every item of any iterable.
pub unsafe fn extend(op: *mut PyObject, iterable: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a list; iterable valid.
    unsafe {
        if check_exact(iterable) || (*iterable).ob_type == &raw mut tuple::PyTuple_Type {
            // A snapshot first: `iterable` may be `op` itself.
            let src: &[*mut PyObject] = if tuple::check(iterable) {
                tuple::items(iterable)
            } else {
                items(iterable)
            };
            let n = src.len() as Py_ssize_t;
            if n == 0 {
                return Ok(());
            }
            let m = len(op);
            resize(op, m + n)?;
            // Re-read: when iterable is op, its array moved in resize.
            let src = if tuple::check(iterable) {
                tuple::items(iterable).as_ptr()
            } else {
                (*raw(iterable)).ob_item
            };
            let dst = (*raw(op)).ob_item.offset(m);
            for i in 0..n {
                *dst.offset(i) = new_ref(*src.offset(i));
            }
            return Ok(());
        }
        let it = protocol::get_iter(iterable)?;
        let m = len(op);
        let hint = length_hint(iterable, 8)?;
        if hint > 0 && m + hint > (*raw(op)).allocated {
            resize(op, m + hint)?;
            (*raw(op)).ob_base.ob_size = m;
        }
        let next = (*(*it.as_ptr()).ob_type).tp_iternext.unwrap();
        loop {
            let x = next(it.as_ptr());
            if x.is_null() {
                if !errors::occurred().is_null() {
                    if errors::matches(crate::object::exceptions::PyExc_StopIteration) {
                        errors::clear();
                    } else {
                        return Err(Raised::assume());
                    }
                }
                break;
            }
            let x = Owned::from_raw_unchecked(x);
            let l = raw(op);
            let n = (*l).ob_base.ob_size;
            if n < (*l).allocated {
                *(*l).ob_item.offset(n) = x.into_raw();
                (*l).ob_base.ob_size = n + 1;
            } else {
                append_slow(op, x.as_ptr())?;
            }
        }
        // Give back most of an over-estimated preallocation.
        let l = raw(op);
        if (*l).ob_base.ob_size < (*l).allocated {
            resize(op, (*l).ob_base.ob_size)?;
        }
        Ok(())
    }
}

/// `list(iterable)` as a new exact list (`PySequence_List`).
pub unsafe fn from_iterable(iterable: *mut PyObject) -> PyResult<Owned> {
    let l = new(0)?;
    // SAFETY: l is a fresh list.
    unsafe {
        if let Some(n) = sized_len(iterable)? {
            preallocate_exact(l.as_ptr(), n)?;
        }
        extend(l.as_ptr(), iterable)?;
    }
    Ok(l)
}

/// The length of an object that has `__len__` (`list_preallocate_exact`'s
/// test); `None` when it has none or `len()` raised a `TypeError`.
unsafe fn sized_len(o: *mut PyObject) -> PyResult<Option<Py_ssize_t>> {
    // SAFETY: o valid.
    unsafe {
        if tuple::check(o) {
            return Ok(Some(tuple::size(o)));
        }
        if check(o) {
            return Ok(Some(len(o)));
        }
        let tp = (*o).ob_type;
        let has_len = (!(*tp).tp_as_sequence.is_null()
            && (*(*tp).tp_as_sequence).sq_length.is_some())
            || (!(*tp).tp_as_mapping.is_null() && (*(*tp).tp_as_mapping).mp_length.is_some());
        if !has_len {
            return Ok(None);
        }
        match protocol::len(o) {
            Ok(n) => Ok(Some(n)),
            Err(e) => {
                if errors::matches(crate::object::exceptions::PyExc_TypeError) {
                    errors::clear();
                    return Ok(None);
                }
                Err(e)
            }
        }
    }
}

/// Sizes the (empty) item array of `op` for exactly `n` items.
unsafe fn preallocate_exact(op: *mut PyObject, n: Py_ssize_t) -> PyResult<()> {
    // SAFETY: op is a list with no item array.
    unsafe {
        if n > 0 && (*raw(op)).ob_item.is_null() {
            (*raw(op)).ob_item = alloc_items(n as usize)?;
            (*raw(op)).allocated = n;
        }
        Ok(())
    }
}

/// `list[lo:hi]` as a new list (`PyList_GetSlice`, clamped like CPython).
pub unsafe fn get_slice(op: *mut PyObject, lo: Py_ssize_t, hi: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: op is a list.
    unsafe {
        let n = len(op);
        let lo = lo.clamp(0, n);
        let hi = hi.clamp(lo, n);
        from_slice(&items(op)[lo as usize..hi as usize])
    }
}

/// `list_ass_slice`: replaces `list[lo:hi]` with the items of `v` (NULL
/// deletes). Indexes are clamped as in CPython.
pub unsafe fn set_slice(
    op: *mut PyObject,
    lo: Py_ssize_t,
    hi: Py_ssize_t,
    v: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: op is a list; v NULL or valid; the items taken from `v` are
    // new references before `op` changes, and the removed ones are released
    // only once `op` is consistent again (their finalizers may look at it).
    unsafe {
        let snapshot: Owned;
        let src: &[*mut PyObject] = if v.is_null() {
            &[]
        } else if v != op && (*v).ob_type == &raw mut PyList_Type {
            items(v)
        } else if (*v).ob_type == &raw mut tuple::PyTuple_Type {
            tuple::items(v)
        } else {
            // A snapshot (also covers a[lo:hi] = a).
            snapshot = crate::object::tuple::from_iterable_msg(v, "can only assign an iterable")?;
            tuple::items(snapshot.as_ptr())
        };
        let n = len(op);
        let lo = lo.clamp(0, n);
        let hi = hi.clamp(lo, n);
        // The removed items: on the stack when there are few.
        let mut few = [std::ptr::null_mut(); 16];
        let mut many = Vec::new();
        let old = &items(op)[lo as usize..hi as usize];
        let removed: &[*mut PyObject] = if old.len() <= few.len() {
            few[..old.len()].copy_from_slice(old);
            &few[..old.len()]
        } else {
            many.extend_from_slice(old);
            &many
        };
        let d = src.len() as Py_ssize_t - (hi - lo);
        if n + d == 0 {
            clear(op);
            return Ok(());
        }
        for &x in src {
            incref(x);
        }
        if d < 0 {
            let p = (*raw(op)).ob_item;
            std::ptr::copy(p.offset(hi), p.offset(hi + d), (n - hi) as usize);
            resize(op, n + d).inspect_err(|_| src.iter().for_each(|&x| decref(x)))?;
        } else if d > 0 {
            resize(op, n + d).inspect_err(|_| src.iter().for_each(|&x| decref(x)))?;
            let p = (*raw(op)).ob_item;
            std::ptr::copy(p.offset(hi), p.offset(hi + d), (n - hi) as usize);
        }
        let p = (*raw(op)).ob_item;
        std::ptr::copy_nonoverlapping(src.as_ptr(), p.offset(lo), src.len());
        for &x in removed {
            xdecref(x);
        }
        Ok(())
    }
}

/// Reverses in place.
pub unsafe fn reverse(op: *mut PyObject) {
    // SAFETY: op is a list.
    unsafe {
        let n = len(op) as usize;
        if n > 1 {
            std::slice::from_raw_parts_mut((*raw(op)).ob_item, n).reverse();
        }
    }
}

/// `PyList_AsTuple`.
pub unsafe fn as_tuple(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a list.
    unsafe { tuple::from_slice(items(op)) }
}

/// A normalized index for `sq_item` callers: an `IndexError` with `msg`
/// when out of range.
#[inline(always)]
fn check_index(i: Py_ssize_t, n: Py_ssize_t, msg: &str) -> PyResult<()> {
    if (i as usize) < (n as usize) {
        Ok(())
    } else {
        Err(errors::index_error(msg))
    }
}

/// `PyList_SetItem` semantics: stores a stolen reference at `i`.
#[inline]
pub unsafe fn set_item_steal(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a list; v is a stolen reference (or NULL).
    unsafe {
        if let Err(e) = check_index(i, len(op), "list assignment index out of range") {
            xdecref(v);
            return Err(e);
        }
        let slot = (*raw(op)).ob_item.offset(i);
        let old = std::mem::replace(&mut *slot, v);
        xdecref(old);
        Ok(())
    }
}

/// Lexicographic list comparison that re-reads both lists at every step
/// (a comparison may mutate them).
unsafe fn compare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> PyResult<Owned> {
    // SAFETY: a and b are lists.
    unsafe {
        let (la, lb) = (len(a), len(b));
        if (op == Py_EQ || op == Py_NE) && la != lb {
            return Ok(Owned::from_borrowed_static(pybool::from_bool(op == Py_NE)));
        }
        let mut i = 0;
        while i < len(a) && i < len(b) {
            let (x, y) = (
                Owned::from_borrowed(get(a, i)),
                Owned::from_borrowed(get(b, i)),
            );
            if x.as_ptr() != y.as_ptr()
                && !protocol::rich_compare_bool(x.as_ptr(), y.as_ptr(), Py_EQ)?
            {
                break;
            }
            i += 1;
        }
        let (la, lb) = (len(a), len(b));
        if i >= la || i >= lb {
            let r = match op {
                Py_LT => la < lb,
                Py_LE => la <= lb,
                Py_EQ => la == lb,
                Py_NE => la != lb,
                Py_GT => la > lb,
                _ => la >= lb,
            };
            return Ok(Owned::from_borrowed_static(pybool::from_bool(r)));
        }
        match op {
            Py_EQ => Ok(Owned::from_borrowed_static(pybool::py_false())),
            Py_NE => Ok(Owned::from_borrowed_static(pybool::py_true())),
            _ => {
                let (x, y) = (
                    Owned::from_borrowed(get(a, i)),
                    Owned::from_borrowed(get(b, i)),
                );
                protocol::rich_compare(x.as_ptr(), y.as_ptr(), op)
            }
        }
    }
}

/// Index of the first item equal to `x` in `[start, stop)`, re-reading
/// the list as comparisons run.
unsafe fn find(
    op: *mut PyObject,
    x: *mut PyObject,
    start: Py_ssize_t,
    stop: Py_ssize_t,
) -> PyResult<Option<Py_ssize_t>> {
    // SAFETY: op is a list.
    unsafe {
        let mut i = start;
        while i < stop && i < len(op) {
            let it = get(op, i);
            if it == x {
                return Ok(Some(i));
            }
            let it = Owned::from_borrowed(it);
            if protocol::rich_compare_bool(it.as_ptr(), x, Py_EQ)? {
                return Ok(Some(i));
            }
            i += 1;
        }
        Ok(None)
    }
}

/// `item in list`.
pub unsafe fn contains(op: *mut PyObject, x: *mut PyObject) -> PyResult<bool> {
    // SAFETY: op is a list.
    unsafe { Ok(find(op, x, 0, Py_ssize_t::MAX)?.is_some()) }
}

/// `list[i]` as a new reference (negative `i` already adjusted).
#[inline]
pub unsafe fn item(op: *mut PyObject, i: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: op is a list.
    unsafe {
        check_index(i, len(op), "list index out of range")?;
        Ok(Owned::from_borrowed(get(op, i)))
    }
}

/// `list * n` as a new list.
pub unsafe fn repeat(op: *mut PyObject, n: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: op is a list.
    unsafe {
        let src = items(op).to_vec();
        let n = n.max(0) as usize;
        let Some(total) = src
            .len()
            .checked_mul(n)
            .filter(|&t| t <= (isize::MAX as usize) / 8)
        else {
            return Err(errors::no_memory());
        };
        let l = new_unfilled(total as Py_ssize_t)?;
        let p = (*raw(l.as_ptr())).ob_item;
        let mut k = 0;
        for _ in 0..n {
            for &x in &src {
                *p.add(k) = new_ref(x);
                k += 1;
            }
        }
        Ok(l)
    }
}

/// `list[slice]` as a new list.
unsafe fn subscript_slice(op: *mut PyObject, s: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a list, s a slice.
    unsafe {
        let ix = slice::indices_with(s, || len(op))?;
        if ix.step == 1 {
            return from_slice(&items(op)[ix.start as usize..(ix.start + ix.len) as usize]);
        }
        let l = new_unfilled(ix.len)?;
        let p = (*raw(l.as_ptr())).ob_item;
        for k in 0..ix.len {
            *p.offset(k) = new_ref(get(op, ix.at(k)));
        }
        Ok(l)
    }
}

/// `list[key]`.
pub unsafe fn subscript(op: *mut PyObject, key: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a list; key valid.
    unsafe {
        if slice::check(key) {
            return subscript_slice(op, key);
        }
        let mut i = number::index_as_ssize(key, "list indice")?;
        if i < 0 {
            i += len(op);
        }
        item(op, i)
    }
}

/// `list[key] = value` / `del list[key]` (value NULL).
pub unsafe fn ass_subscript(
    op: *mut PyObject,
    key: *mut PyObject,
    value: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: op is a list; key valid; value NULL or valid.
    unsafe {
        if !slice::check(key) {
            let mut i = number::index_as_ssize(key, "list indice")?;
            if i < 0 {
                i += len(op);
            }
            return ass_item(op, i, value);
        }
        if value.is_null() {
            let ix = slice::indices_with(key, || len(op))?;
            if ix.step == 1 {
                return set_slice(op, ix.start, ix.start + ix.len, null_mut());
            }
            return delete_extended(op, ix);
        }
        // The items first: iterating `value` may change the list, and the
        // indices must match the length the writes see.
        let seq = tuple::from_iterable_msg(value, "must assign iterable to extended slice")?;
        let ix = slice::indices_with(key, || len(op))?;
        let src = tuple::items(seq.as_ptr());
        if ix.step == 1 {
            return set_slice(op, ix.start, ix.start + ix.len, seq.as_ptr());
        }
        if src.len() as Py_ssize_t != ix.len {
            return Err(errors::value_error(format!(
                "attempt to assign sequence of size {} to extended slice of size {}",
                src.len(),
                ix.len
            )));
        }
        let mut old = Vec::with_capacity(src.len());
        let p = (*raw(op)).ob_item;
        for (k, &x) in src.iter().enumerate() {
            let slot = p.offset(ix.at(k as Py_ssize_t));
            old.push(std::mem::replace(&mut *slot, new_ref(x)));
        }
        for o in old {
            xdecref(o);
        }
        Ok(())
    }
}

/// `del list[start:stop:step]` for a step other than 1.
unsafe fn delete_extended(op: *mut PyObject, ix: slice::Indices) -> PyResult<()> {
    // SAFETY: op is a list; ix was computed for its current length.
    unsafe {
        if ix.len <= 0 {
            return Ok(());
        }
        let (mut start, mut step) = (ix.start, ix.step);
        if step < 0 {
            start += step * (ix.len - 1);
            step = -step;
        }
        let n = len(op);
        let p = (*raw(op)).ob_item;
        let mut removed = Vec::with_capacity(ix.len as usize);
        let mut w = start;
        let mut r = start;
        let mut k = 0;
        while r < n {
            if k < ix.len && r == start + k * step {
                removed.push(*p.offset(r));
                k += 1;
            } else {
                *p.offset(w) = *p.offset(r);
                w += 1;
            }
            r += 1;
        }
        resize(op, n - ix.len)?;
        for o in removed {
            decref(o);
        }
        Ok(())
    }
}

/// `list[i] = v` / `del list[i]` with `i` already adjusted for negatives.
pub unsafe fn ass_item(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a list.
    unsafe {
        check_index(i, len(op), "list assignment index out of range")?;
        if v.is_null() {
            return set_slice(op, i, i + 1, null_mut());
        }
        let slot = (*raw(op)).ob_item.offset(i);
        let old = std::mem::replace(&mut *slot, new_ref(v));
        decref(old);
        Ok(())
    }
}

/// `list.pop(i)`.
pub unsafe fn pop(op: *mut PyObject, i: Py_ssize_t) -> PyResult<Owned> {
    // SAFETY: op is a list.
    unsafe {
        let n = len(op);
        if n == 0 {
            return Err(errors::index_error("pop from empty list"));
        }
        let i = if i < 0 { i + n } else { i };
        check_index(i, n, "pop index out of range")?;
        let p = (*raw(op)).ob_item;
        let v = Owned::from_raw_unchecked(*p.offset(i));
        if i == n - 1 {
            resize(op, n - 1)?;
            return Ok(v);
        }
        std::ptr::copy(p.offset(i + 1), p.offset(i), (n - i - 1) as usize);
        resize(op, n - 1)?;
        Ok(v)
    }
}

// ---- slots -------------------------------------------------------------

unsafe extern "C" fn list_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        if !crate::object::trashcan::enter(op, list_dealloc) {
            return;
        }
        crate::object::gc::untrack(op);
        let l = raw(op);
        let items = (*l).ob_item;
        if !items.is_null() {
            for i in (0..(*l).ob_base.ob_size).rev() {
                xdecref(*items.offset(i));
            }
            crate::object::alloc::raw_free(items.cast());
        }
        let tp = (*op).ob_type;
        if !(tp == &raw mut PyList_Type && freelist_push(op)) {
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

unsafe extern "C" fn list_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut libc::c_void,
) -> c_int {
    // SAFETY: op is a list.
    unsafe {
        let Some(visit) = visit else { return 0 };
        // Last to first, as CPython visits.
        for &o in items(op).iter().rev() {
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

unsafe extern "C" fn list_tp_clear(op: *mut PyObject) -> c_int {
    // SAFETY: op is a list.
    unsafe { clear(op) };
    0
}

unsafe extern "C" fn list_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a list; it is re-read after every repr call.
        unsafe {
            if len(op) == 0 {
                return pystr::from_str("[]");
            }
            let Some(_g) = protocol::ReprGuard::enter(op)? else {
                return pystr::from_str("[...]");
            };
            let mut out = String::from("[");
            let mut i = 0;
            while i < len(op) {
                if i > 0 {
                    out.push_str(", ");
                }
                let x = Owned::from_borrowed(get(op, i));
                out.push_str(pystr::as_str(protocol::repr(x.as_ptr())?.as_ptr())?);
                i += 1;
            }
            out.push(']');
            pystr::from_str(&out)
        }
    })
}

unsafe extern "C" fn list_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    // SAFETY: a is a list.
    guard_obj(|| unsafe {
        if !check(a) || !check(b) {
            return Ok(Owned::from_borrowed_static(none::not_implemented()));
        }
        compare(a, b, op)
    })
}

unsafe extern "C" fn list_length(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a list.
    unsafe { len(op) }
}

unsafe extern "C" fn list_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: op is a list.
    unsafe {
        if (i as usize) < (len(op) as usize) {
            return new_ref(get(op, i));
        }
        errors::index_error("list index out of range");
        null_mut()
    }
}

unsafe extern "C" fn list_ass_item(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> c_int {
    // SAFETY: op is a list.
    guard_status(|| unsafe { ass_item(op, i, v) })
}

unsafe extern "C" fn list_contains(op: *mut PyObject, x: *mut PyObject) -> c_int {
    // SAFETY: op is a list.
    guard_int(|| unsafe { contains(op, x).map(c_int::from) })
}

unsafe extern "C" fn list_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a list.
        unsafe {
            if !check(b) {
                return Err(errors::type_error(format!(
                    "can only concatenate list (not \"{}\") to list",
                    type_name(b)
                )));
            }
            let (x, y) = (items(a), items(b));
            let l = new_unfilled((x.len() + y.len()) as Py_ssize_t)?;
            let p = (*raw(l.as_ptr())).ob_item;
            for (k, &o) in x.iter().chain(y.iter()).enumerate() {
                *p.add(k) = new_ref(o);
            }
            Ok(l)
        }
    })
}

unsafe extern "C" fn list_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    // SAFETY: op is a list.
    guard_obj(|| unsafe { repeat(op, n) })
}

unsafe extern "C" fn list_inplace_concat(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a list.
        unsafe {
            extend(op, other)?;
            Ok(Owned::from_borrowed(op))
        }
    })
}

unsafe extern "C" fn list_inplace_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a list.
        unsafe {
            if n <= 0 {
                clear(op);
            } else if n > 1 && len(op) > 0 {
                let r = repeat(op, n)?;
                // Swap the arrays: op takes r's items, r takes op's old ones.
                let (a, b) = (raw(op), raw(r.as_ptr()));
                std::mem::swap(&mut (*a).ob_item, &mut (*b).ob_item);
                std::mem::swap(&mut (*a).ob_base.ob_size, &mut (*b).ob_base.ob_size);
                std::mem::swap(&mut (*a).allocated, &mut (*b).allocated);
            }
            Ok(Owned::from_borrowed(op))
        }
    })
}

unsafe extern "C" fn list_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a list.
        unsafe {
            if int::check(key) {
                if let Some(i) = int::small_value(key) {
                    let i = i as Py_ssize_t;
                    return item(op, if i < 0 { i + len(op) } else { i });
                }
            }
            subscript(op, key)
        }
    })
}

unsafe extern "C" fn list_ass_subscript(
    op: *mut PyObject,
    key: *mut PyObject,
    v: *mut PyObject,
) -> c_int {
    // SAFETY: op is a list.
    guard_status(|| unsafe { ass_subscript(op, key, v) })
}

unsafe extern "C" fn list_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op is a list; args a tuple; kwargs NULL or a dict.
        unsafe {
            // As CPython: a subclass with its own `__new__` may take them.
            let tp = (*op).ob_type;
            let own_new = match ((*tp).tp_new, PyList_Type.tp_new) {
                (Some(a), Some(b)) => !std::ptr::fn_addr_eq(a, b),
                _ => true,
            };
            if !kwargs.is_null()
                && crate::object::dict::len(kwargs) != 0
                && (tp == &raw mut PyList_Type || !own_new)
            {
                return Err(errors::type_error("list() takes no keyword arguments"));
            }
            clear(op);
            fill(op, tuple::items(args))
        }
    })
}

/// The body of `list(iterable=(), /)` for empty list `op` given the
/// positional arguments.
unsafe fn fill(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<()> {
    if a.len() > 1 {
        return Err(errors::type_error(format!(
            "list expected at most 1 argument, got {}",
            a.len()
        )));
    }
    // SAFETY: op is a list; the arguments are valid.
    unsafe {
        if let [it] = a {
            if let Some(n) = sized_len(*it)? {
                preallocate_exact(op, n)?;
            }
            extend(op, *it)?;
        }
    }
    Ok(())
}

/// `list_vectorcall`: `list(...)` without an argument tuple.
unsafe extern "C" fn list_vectorcall(
    _tp: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: the vectorcall convention: nargs valid arguments.
    guard_obj(|| unsafe {
        if !kwnames.is_null() && tuple::size(kwnames) != 0 {
            return Err(errors::type_error("list() takes no keyword arguments"));
        }
        let n = crate::capi::call::nargs(nargsf) as usize;
        let l = new(0)?;
        fill(l.as_ptr(), crate::capi::call::arg_slice(args, n))?;
        Ok(l)
    })
}

// ---- methods -----------------------------------------------------------

unsafe fn args<'a>(a: *const *mut PyObject, n: Py_ssize_t) -> &'a [*mut PyObject] {
    // SAFETY: the vectorcall convention passes n valid arguments.
    unsafe { crate::capi::call::arg_slice(a, n as usize) }
}

unsafe extern "C" fn m_append(op: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a list.
    unsafe {
        if append(op, x).is_err() {
            return null_mut();
        }
    }
    none::none()
}

unsafe extern "C" fn m_extend(op: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a list.
        unsafe { extend(op, x)? };
        Ok(Owned::from_borrowed_static(none::none()))
    })
}

unsafe extern "C" fn m_insert(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a list; a holds n arguments.
        unsafe {
            let [i, x] = args(a, n) else {
                return Err(errors::type_error(format!(
                    "insert expected 2 arguments, got {n}"
                )));
            };
            let i = ssize_arg(*i)?;
            insert(op, i, *x)?;
            Ok(Owned::from_borrowed_static(none::none()))
        }
    })
}

/// An `int`-like argument as `Py_ssize_t` (`OverflowError` past the range).
unsafe fn ssize_arg(o: *mut PyObject) -> PyResult<Py_ssize_t> {
    // SAFETY: o valid.
    unsafe {
        let i = number::index(o)?;
        int::as_i64(i.as_ptr()).map(|v| v as Py_ssize_t)
    }
}

unsafe extern "C" fn m_pop(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a list; a holds n arguments.
        unsafe {
            let i = match args(a, n) {
                [] => -1,
                [i] => ssize_arg(*i)?,
                _ => {
                    return Err(errors::type_error(format!(
                        "pop expected at most 1 argument, got {n}"
                    )))
                }
            };
            pop(op, i)
        }
    })
}

unsafe extern "C" fn m_remove(op: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a list.
        unsafe {
            match find(op, x, 0, Py_ssize_t::MAX)? {
                Some(i) => {
                    set_slice(op, i, i + 1, null_mut())?;
                    Ok(Owned::from_borrowed_static(none::none()))
                }
                None => Err(errors::value_error("list.remove(x): x not in list")),
            }
        }
    })
}

/// The optional `start`/`stop` of `index` methods, resolved against `n`
/// (`_PyEval_SliceIndexNotNone` then clamped like CPython).
pub unsafe fn index_bounds(
    rest: &[*mut PyObject],
    n: Py_ssize_t,
) -> PyResult<(Py_ssize_t, Py_ssize_t)> {
    let conv = |o: *mut PyObject| -> PyResult<Py_ssize_t> {
        // SAFETY: o valid.
        unsafe {
            let nb = (*(*o).ob_type).tp_as_number;
            if !int::check(o) && (nb.is_null() || (*nb).nb_index.is_none()) {
                return Err(errors::type_error(
                    "slice indices must be integers or have an __index__ method",
                ));
            }
            slice::slice_index(o)
        }
    };
    let mut start = match rest.first() {
        Some(&o) => conv(o)?,
        None => 0,
    };
    let mut stop = match rest.get(1) {
        Some(&o) => conv(o)?,
        None => Py_ssize_t::MAX,
    };
    if start < 0 {
        start = (start + n).max(0);
    }
    if stop < 0 {
        stop = (stop + n).max(0);
    }
    Ok((start, stop))
}

unsafe extern "C" fn m_index(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a list; a holds n arguments.
        unsafe {
            let a = args(a, n);
            if a.is_empty() || a.len() > 3 {
                return Err(errors::type_error(if a.is_empty() {
                    "index expected at least 1 argument, got 0".to_string()
                } else {
                    format!("index expected at most 3 arguments, got {n}")
                }));
            }
            let (start, stop) = index_bounds(&a[1..], len(op))?;
            match find(op, a[0], start, stop)? {
                Some(i) => int::from_i64(i as i64),
                None => Err(errors::value_error(format!(
                    "{} is not in list",
                    protocol::repr_string(a[0])?
                ))),
            }
        }
    })
}

unsafe extern "C" fn m_count(op: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a list; re-read as comparisons run.
        unsafe {
            let mut c = 0i64;
            let mut i = 0;
            while i < len(op) {
                let it = get(op, i);
                if it == x {
                    c += 1;
                } else {
                    let it = Owned::from_borrowed(it);
                    if protocol::rich_compare_bool(it.as_ptr(), x, Py_EQ)? {
                        c += 1;
                    }
                }
                i += 1;
            }
            int::from_i64(c)
        }
    })
}

unsafe extern "C" fn m_clear(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a list.
    unsafe { clear(op) };
    none::none()
}

unsafe extern "C" fn m_copy(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a list.
    guard_obj(|| unsafe { from_slice(items(op)) })
}

unsafe extern "C" fn m_reverse(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a list.
    unsafe { reverse(op) };
    none::none()
}

unsafe extern "C" fn m_sort(
    op: *mut PyObject,
    a: *const *mut PyObject,
    n: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a list; a holds n positional then the keyword values.
        unsafe {
            if n != 0 {
                return Err(errors::type_error("sort() takes no positional arguments"));
            }
            let (mut key, mut rev) = (null_mut(), false);
            if !kwnames.is_null() {
                let names = tuple::items(kwnames);
                let vals = args(a, names.len() as Py_ssize_t);
                for (&k, &v) in names.iter().zip(vals) {
                    match pystr::as_str(k)? {
                        "key" => key = v,
                        "reverse" => rev = protocol::is_true(v)?,
                        other => {
                            return Err(errors::type_error(format!(
                                "sort() got an unexpected keyword argument '{other}'"
                            )))
                        }
                    }
                }
            }
            if key == none::none() {
                key = null_mut();
            }
            crate::object::listsort::sort(op, key, rev)?;
            Ok(Owned::from_borrowed_static(none::none()))
        }
    })
}

unsafe extern "C" fn m_reversed(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a list.
    guard_obj(|| unsafe { new_iter(&raw mut PyListRevIter_Type, op, len(op) - 1) })
}

unsafe extern "C" fn m_sizeof(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a list.
    guard_obj(|| unsafe {
        int::from_i64((*(*op).ob_type).tp_basicsize as i64 + (*raw(op)).allocated as i64 * 8)
    })
}

unsafe extern "C" fn m_getitem(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a list.
    unsafe { list_subscript(op, key) }
}

// ---- iterators ---------------------------------------------------------

/// Layout of `list_iterator`, `list_reverseiterator` and `tuple_iterator`
/// (CPython's `_PyListIterObject`): the next index, then the sequence
/// (NULL once exhausted).
#[repr(C)]
pub struct SeqIndexIter {
    pub ob_base: PyObject,
    pub it_index: Py_ssize_t,
    pub it_seq: *mut PyObject,
}

/// `__length_hint__` and pickling of the index iterators (also
/// `tuple_iterator`'s).
pub static ITER_METHODS: [PyMethodDef; 4] = [
    descr::method(
        c"__length_hint__",
        iter_length_hint as *const _,
        METH_NOARGS,
    ),
    descr::method(
        c"__reduce__",
        crate::object::seqiter_pickle::reduce as *const _,
        METH_NOARGS,
    ),
    descr::method(
        c"__setstate__",
        crate::object::seqiter_pickle::setstate as *const _,
        METH_O,
    ),
    descr::METHOD_END,
];

/// `PyListIter_Type` (`list_iterator`).
#[no_mangle]
pub static mut PyListIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(iter_dealloc),
    tp_traverse: Some(iter_traverse),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_iter: Some(iterobject::self_iter),
    tp_iternext: Some(listiter_next),
    tp_methods: (&raw const ITER_METHODS).cast_mut().cast(),
    ..type_template(c"list_iterator", std::mem::size_of::<SeqIndexIter>(), 0)
};

/// `PyListRevIter_Type` (`list_reverseiterator`).
#[no_mangle]
pub static mut PyListRevIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(iter_dealloc),
    tp_traverse: Some(iter_traverse),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_iter: Some(iterobject::self_iter),
    tp_iternext: Some(listreviter_next),
    tp_methods: (&raw const ITER_METHODS).cast_mut().cast(),
    ..type_template(
        c"list_reverseiterator",
        std::mem::size_of::<SeqIndexIter>(),
        0,
    )
};

/// A new index iterator of type `tp` over `seq`, starting at `index`
/// (tracked by the collector: the sequence may refer back to it).
pub unsafe fn new_iter(
    tp: *mut PyTypeObject,
    seq: *mut PyObject,
    index: Py_ssize_t,
) -> PyResult<Owned> {
    // SAFETY: tp is one of the static (collected) iterator types.
    unsafe {
        let op = crate::object::alloc::alloc_zeroed(tp, std::mem::size_of::<SeqIndexIter>());
        if op.is_null() {
            return Err(errors::no_memory());
        }
        crate::object::alloc::init_object(op, tp);
        let it = op.cast::<SeqIndexIter>();
        (*it).it_index = index;
        (*it).it_seq = new_ref(seq);
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// The shared `tp_dealloc` of the index iterators.
pub unsafe extern "C" fn iter_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the iterator has a GC header.
    unsafe {
        crate::object::gc::untrack(op);
        xdecref((*op.cast::<SeqIndexIter>()).it_seq);
        crate::object::alloc::gc_free(op.cast());
    }
}

/// The shared `tp_traverse` of the index iterators: the sequence.
pub unsafe extern "C" fn iter_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut libc::c_void,
) -> libc::c_int {
    // SAFETY: op is an index iterator, which owns its sequence.
    unsafe { crate::object::gc::visit_all(&[(*op.cast::<SeqIndexIter>()).it_seq], visit, arg) }
}

unsafe extern "C" fn list_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a list.
    guard_obj(|| unsafe { new_iter(&raw mut PyListIter_Type, op, 0) })
}

unsafe extern "C" fn listiter_next(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a list iterator.
    unsafe {
        let it = op.cast::<SeqIndexIter>();
        let seq = (*it).it_seq;
        if seq.is_null() {
            return null_mut();
        }
        let i = (*it).it_index;
        if i < len(seq) {
            (*it).it_index = i + 1;
            return new_ref(get(seq, i));
        }
        (*it).it_seq = null_mut();
        decref(seq);
        null_mut()
    }
}

unsafe extern "C" fn listreviter_next(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a reverse list iterator.
    unsafe {
        let it = op.cast::<SeqIndexIter>();
        let seq = (*it).it_seq;
        if seq.is_null() {
            return null_mut();
        }
        let i = (*it).it_index;
        if i >= 0 && i < len(seq) {
            (*it).it_index = i - 1;
            return new_ref(get(seq, i));
        }
        (*it).it_index = -1;
        (*it).it_seq = null_mut();
        decref(seq);
        null_mut()
    }
}

unsafe extern "C" fn iter_length_hint(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is one of the index iterators.
        unsafe {
            let it = op.cast::<SeqIndexIter>();
            let seq = (*it).it_seq;
            let n = if seq.is_null() {
                0
            } else if (*op).ob_type == &raw mut PyListRevIter_Type {
                if (*it).it_index < len(seq) {
                    (*it).it_index + 1
                } else {
                    0
                }
            } else {
                let total = if tuple::check(seq) {
                    tuple::size(seq)
                } else {
                    len(seq)
                };
                (total - (*it).it_index).max(0)
            };
            int::from_i64(n as i64)
        }
    })
}

/// The `tp_iternext` of `tuple_iterator` (shares the layout).
pub unsafe extern "C" fn tupleiter_next(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a tuple iterator.
    unsafe {
        let it = op.cast::<SeqIndexIter>();
        let seq = (*it).it_seq;
        if seq.is_null() {
            return null_mut();
        }
        let i = (*it).it_index;
        if i < tuple::size(seq) {
            (*it).it_index = i + 1;
            return new_ref(tuple::items(seq)[i as usize]);
        }
        (*it).it_seq = null_mut();
        decref(seq);
        null_mut()
    }
}
