//! The `_heapq` module (CPython's `Modules/_heapqmodule.c`): binary heaps
//! kept in a list, min-heaps and (3.14) max-heaps. Items are compared with
//! `<` only; a comparison that changes the list's size raises
//! `RuntimeError`.
use crate::ffi::*;
use crate::modules::args::{arity, builtin, no_kwargs};
use crate::modules::objtype::new_module;
use crate::object::descr::{method, METHOD_END};
use crate::object::{list, none, protocol};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;

/// The item array of the list `heap` (valid until the list changes).
unsafe fn arr(heap: *mut PyObject) -> *mut *mut PyObject {
    // SAFETY: heap is a list.
    unsafe { (*heap.cast::<PyListObject>()).ob_item }
}

/// `a < b` for a min-heap, `b < a` for a max-heap, holding both while the
/// comparison runs.
unsafe fn before(a: *mut PyObject, b: *mut PyObject, max: bool) -> PyResult<bool> {
    // SAFETY: a and b are valid items of the heap.
    unsafe {
        let (a, b) = (Owned::from_borrowed(a), Owned::from_borrowed(b));
        if max {
            protocol::rich_compare_bool(b.as_ptr(), a.as_ptr(), Py_LT)
        } else {
            protocol::rich_compare_bool(a.as_ptr(), b.as_ptr(), Py_LT)
        }
    }
}

fn changed() -> errors::Raised {
    errors::runtime_error("list changed size during iteration")
}

/// Moves the item at `pos` up towards `start` while it comes before its
/// parent.
unsafe fn siftdown(heap: *mut PyObject, start: usize, mut pos: usize, max: bool) -> PyResult<()> {
    // SAFETY: heap is a list and pos < len(heap).
    unsafe {
        let size = list::len(heap);
        while pos > start {
            let parentpos = (pos - 1) >> 1;
            let a = arr(heap);
            let lt = before(*a.add(pos), *a.add(parentpos), max)?;
            if size != list::len(heap) {
                return Err(changed());
            }
            if !lt {
                break;
            }
            let a = arr(heap);
            std::ptr::swap(a.add(pos), a.add(parentpos));
            pos = parentpos;
        }
        Ok(())
    }
}

/// Moves the smaller child up from `pos` down to a leaf, then sifts the
/// item there into place.
unsafe fn siftup(heap: *mut PyObject, mut pos: usize, max: bool) -> PyResult<()> {
    // SAFETY: heap is a list and pos < len(heap).
    unsafe {
        let end = list::len(heap) as usize;
        let start = pos;
        let limit = end >> 1;
        while pos < limit {
            let mut child = 2 * pos + 1;
            if child + 1 < end {
                let a = arr(heap);
                let lt = before(*a.add(child), *a.add(child + 1), max)?;
                if !lt {
                    child += 1;
                }
                if end != list::len(heap) as usize {
                    return Err(changed());
                }
            }
            let a = arr(heap);
            std::ptr::swap(a.add(child), a.add(pos));
            pos = child;
        }
        siftdown(heap, start, pos, max)
    }
}

/// Argument Clinic's check that the heap is a list; `one` for the
/// functions taking only the heap.
unsafe fn check_heap(fname: &str, heap: *mut PyObject, one: bool) -> PyResult<()> {
    // SAFETY: heap valid.
    unsafe {
        if list::check(heap) {
            return Ok(());
        }
        Err(errors::type_error(format!(
            "{fname}() argument{} must be list, not {}",
            if one { "" } else { " 1" },
            crate::object::typeobj::type_name(heap)
        )))
    }
}

unsafe fn push(
    fname: &str,
    heap: *mut PyObject,
    item: *mut PyObject,
    max: bool,
) -> PyResult<Owned> {
    // SAFETY: heap and item valid.
    unsafe {
        check_heap(fname, heap, false)?;
        list::append(heap, item)?;
        let n = list::len(heap) as usize;
        siftdown(heap, 0, n - 1, max)?;
        Ok(Owned::from_borrowed_static(none::none()))
    }
}

unsafe fn pop(fname: &str, heap: *mut PyObject, max: bool) -> PyResult<Owned> {
    // SAFETY: heap valid.
    unsafe {
        check_heap(fname, heap, true)?;
        let n = list::len(heap);
        if n == 0 {
            return Err(errors::index_error("index out of range"));
        }
        let last = list::pop(heap, n - 1)?;
        if n == 1 {
            return Ok(last);
        }
        let a = arr(heap);
        let top = Owned::from_raw_unchecked(std::mem::replace(&mut *a, last.into_raw()));
        siftup(heap, 0, max)?;
        Ok(top)
    }
}

unsafe fn replace(
    fname: &str,
    heap: *mut PyObject,
    item: *mut PyObject,
    max: bool,
) -> PyResult<Owned> {
    // SAFETY: heap and item valid.
    unsafe {
        check_heap(fname, heap, false)?;
        if list::len(heap) == 0 {
            return Err(errors::index_error("index out of range"));
        }
        let a = arr(heap);
        let top = Owned::from_raw_unchecked(std::mem::replace(
            &mut *a,
            crate::object::refcount::new_ref(item),
        ));
        siftup(heap, 0, max)?;
        Ok(top)
    }
}

unsafe fn pushpop(
    fname: &str,
    heap: *mut PyObject,
    item: *mut PyObject,
    max: bool,
) -> PyResult<Owned> {
    // SAFETY: heap and item valid.
    unsafe {
        check_heap(fname, heap, false)?;
        if list::len(heap) == 0 {
            return Ok(Owned::from_borrowed(item));
        }
        let top = *arr(heap);
        if !before(top, item, max)? {
            return Ok(Owned::from_borrowed(item));
        }
        if list::len(heap) == 0 {
            return Err(errors::index_error("index out of range"));
        }
        replace(fname, heap, item, max)
    }
}

unsafe fn heapify(fname: &str, heap: *mut PyObject, max: bool) -> PyResult<Owned> {
    // SAFETY: heap valid.
    unsafe {
        check_heap(fname, heap, true)?;
        let n = list::len(heap) as usize;
        for i in (0..n / 2).rev() {
            siftup(heap, i, max)?;
        }
        Ok(Owned::from_borrowed_static(none::none()))
    }
}

/// Defines a module function taking `$n` positional arguments.
macro_rules! heap_fn {
    ($name:ident, $fname:literal, 1, |$h:ident| $body:expr) => {
        builtin!($name, |args, kws| {
            no_kwargs($fname, &kws)?;
            if args.len() != 1 {
                return Err(errors::type_error(format!(
                    "_heapq.{}() takes exactly one argument ({} given)",
                    $fname,
                    args.len()
                )));
            }
            let $h = args[0];
            $body
        });
    };
    ($name:ident, $fname:literal, 2, |$h:ident, $x:ident| $body:expr) => {
        builtin!($name, |args, kws| {
            no_kwargs($fname, &kws)?;
            arity($fname, args, 2, 2)?;
            let ($h, $x) = (args[0], args[1]);
            $body
        });
    };
}

heap_fn!(heappush, "heappush", 2, |h, x| push(
    "heappush", h, x, false
));
heap_fn!(heappop, "heappop", 1, |h| pop("heappop", h, false));
heap_fn!(heapreplace, "heapreplace", 2, |h, x| replace(
    "heapreplace",
    h,
    x,
    false
));
heap_fn!(heappushpop, "heappushpop", 2, |h, x| pushpop(
    "heappushpop",
    h,
    x,
    false
));
heap_fn!(heapify_min, "heapify", 1, |h| heapify("heapify", h, false));
heap_fn!(heappush_max, "heappush_max", 2, |h, x| push(
    "heappush_max",
    h,
    x,
    true
));
heap_fn!(heappop_max, "heappop_max", 1, |h| pop(
    "heappop_max",
    h,
    true
));
heap_fn!(heapreplace_max, "heapreplace_max", 2, |h, x| replace(
    "heapreplace_max",
    h,
    x,
    true
));
heap_fn!(heappushpop_max, "heappushpop_max", 2, |h, x| pushpop(
    "heappushpop_max",
    h,
    x,
    true
));
heap_fn!(heapify_max, "heapify_max", 1, |h| heapify(
    "heapify_max",
    h,
    true
));

const FK: libc::c_int = METH_FASTCALL | METH_KEYWORDS;

/// The 3.14 public names, then the private 3.13 names that `heapq.py`
/// of 3.13 imports.
static mut FUNCTIONS: [PyMethodDef; 14] = [
    method(c"heappush", heappush as *const c_void, FK),
    method(c"heappop", heappop as *const c_void, FK),
    method(c"heapreplace", heapreplace as *const c_void, FK),
    method(c"heappushpop", heappushpop as *const c_void, FK),
    method(c"heapify", heapify_min as *const c_void, FK),
    method(c"heappush_max", heappush_max as *const c_void, FK),
    method(c"heappop_max", heappop_max as *const c_void, FK),
    method(c"heapreplace_max", heapreplace_max as *const c_void, FK),
    method(c"heappushpop_max", heappushpop_max as *const c_void, FK),
    method(c"heapify_max", heapify_max as *const c_void, FK),
    method(c"_heappop_max", heappop_max as *const c_void, FK),
    method(c"_heapreplace_max", heapreplace_max as *const c_void, FK),
    method(c"_heapify_max", heapify_max as *const c_void, FK),
    METHOD_END,
];

/// `PyInit__heapq`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the table is static.
        unsafe { new_module("_heapq", (&raw mut FUNCTIONS).cast(), &[]) }
    })
}
