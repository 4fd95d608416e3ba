//! The methods and attributes of `array.array` (CPython's
//! `array_array_*_impl` functions): adding and removing items, searching,
//! conversion to and from lists, bytes, str and files, byte swapping, and
//! the `typecode` / `itemsize` attributes.
use super::descr::Kind;
use super::object::{
    append_bytes, append_str, data, del_slice, descr, extend, from_bytes, get, insert, item_ptr,
    len, raw, resize, set, to_list, to_str,
};
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::args::{arity, builtin, Args};
use crate::modules::objtype::{meth_fast, meth_noargs, meth_o};
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::exceptions::PyExc_EOFError;
use crate::object::typeobj::type_name;
use crate::object::{buffer, bytes, int, list, none, number, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;

const fn m(name: &'static std::ffi::CStr, f: *const c_void, flags: libc::c_int) -> PyMethodDef {
    method(name, f, flags)
}

pub static METHODS: [PyMethodDef; 25] = [
    m(c"append", array_append as *const c_void, METH_O),
    m(
        c"buffer_info",
        array_buffer_info as *const c_void,
        METH_NOARGS,
    ),
    m(c"byteswap", array_byteswap as *const c_void, METH_NOARGS),
    m(c"clear", array_clear as *const c_void, METH_NOARGS),
    m(c"__copy__", array_copy as *const c_void, METH_NOARGS),
    m(c"count", array_count as *const c_void, METH_O),
    m(c"__deepcopy__", array_deepcopy as *const c_void, METH_O),
    m(c"extend", array_extend as *const c_void, CLINIC),
    m(c"fromfile", array_fromfile as *const c_void, CLINIC),
    m(c"fromlist", array_fromlist as *const c_void, METH_O),
    m(c"frombytes", array_frombytes as *const c_void, METH_O),
    m(c"fromunicode", array_fromunicode as *const c_void, METH_O),
    m(c"index", array_index as *const c_void, METH_FASTCALL),
    m(c"insert", array_insert as *const c_void, METH_FASTCALL),
    m(c"pop", array_pop as *const c_void, METH_FASTCALL),
    m(
        c"__reduce_ex__",
        super::pickle::array_reduce_ex as *const c_void,
        CLINIC,
    ),
    m(c"remove", array_remove as *const c_void, METH_O),
    m(c"reverse", array_reverse as *const c_void, METH_NOARGS),
    m(c"tofile", array_tofile as *const c_void, CLINIC),
    m(c"tolist", array_tolist as *const c_void, METH_NOARGS),
    m(c"tobytes", array_tobytes as *const c_void, METH_NOARGS),
    m(c"tounicode", array_tounicode as *const c_void, METH_NOARGS),
    m(c"__sizeof__", array_sizeof as *const c_void, METH_NOARGS),
    crate::object::genericalias::CLASS_GETITEM,
    METHOD_END,
];

/// The calling convention of the methods CPython gives a defining class
/// (`extend`, `fromfile`, `tofile`, `__reduce_ex__`): their argument
/// errors are worded by [`clinic_arity`].
pub const CLINIC: libc::c_int = METH_FASTCALL | METH_KEYWORDS;

/// The argument-count check of a [`CLINIC`] method taking `n`
/// positional-only arguments, with Argument Clinic's messages.
pub fn clinic_arity(
    name: &str,
    args: Args,
    kws: &[(&str, *mut PyObject)],
    n: usize,
) -> PyResult<()> {
    let s = if n == 1 { "" } else { "s" };
    let total = args.len() + kws.len();
    if total > n {
        return Err(errors::type_error(if n == 0 {
            format!("{name}() takes no arguments")
        } else {
            format!("{name}() takes at most {n} argument{s} ({total} given)")
        }));
    }
    if args.len() < n {
        return Err(errors::type_error(format!(
            "{name}() takes exactly {n} positional argument{s} ({} given)",
            args.len()
        )));
    }
    Ok(())
}

pub static GETSET: [PyGetSetDef; 3] = [
    getset(c"typecode", Some(array_get_typecode), None),
    getset(c"itemsize", Some(array_get_itemsize), None),
    GETSET_END,
];

fn none_ref() -> PyResult<Owned> {
    Ok(Owned::from_borrowed_static(none::none()))
}

/// A `Py_ssize_t` argument as Argument Clinic converts it.
unsafe fn ssize_arg(v: *mut PyObject) -> PyResult<Py_ssize_t> {
    // SAFETY: v valid.
    unsafe {
        let i = number::index(v)?;
        Ok(
            int::as_i64_or(i.as_ptr(), "Python int too large to convert to C ssize_t")?
                as Py_ssize_t,
        )
    }
}

/// The position of the first item in `lo..hi` equal to `v` (the length is
/// re-read at each step: comparing may change the array).
unsafe fn find(
    op: *mut PyObject,
    v: *mut PyObject,
    lo: Py_ssize_t,
    hi: Py_ssize_t,
) -> PyResult<Option<Py_ssize_t>> {
    // SAFETY: op is an array; indices stay below its current length.
    unsafe {
        let mut i = lo;
        while i < hi && i < len(op) {
            let x = get(op, i)?;
            if protocol::rich_compare_bool(x.as_ptr(), v, Py_EQ)? {
                return Ok(Some(i));
            }
            i += 1;
        }
        Ok(None)
    }
}

meth_o!(array_append, |op, v| {
    insert(op, len(op), v)?;
    none_ref()
});

meth_noargs!(array_buffer_info, |op| {
    let addr = int::from_u64(raw(op).ob_item as usize as u64)?;
    let n = int::from_i64(len(op) as i64)?;
    tuple::pack(&[addr.as_ptr(), n.as_ptr()])
});

meth_noargs!(array_byteswap, |op| {
    let isz = descr(op).size;
    for item in data(op).chunks_exact_mut(isz) {
        item.reverse();
    }
    none_ref()
});

meth_noargs!(array_clear, |op| {
    resize(op, 0)?;
    none_ref()
});

meth_noargs!(array_copy, |op| from_bytes(descr(op), data(op)));

meth_o!(array_deepcopy, |op, _memo| from_bytes(descr(op), data(op)));

meth_o!(array_count, |op, v| {
    let mut n = 0i64;
    let mut i = 0;
    while i < len(op) {
        let x = get(op, i)?;
        if protocol::rich_compare_bool(x.as_ptr(), v, Py_EQ)? {
            n += 1;
        }
        i += 1;
    }
    int::from_i64(n)
});

builtin!(array_extend, |op, args, kws| {
    clinic_arity("extend", args, &kws, 1)?;
    extend(op, args[0])?;
    none_ref()
});

builtin!(array_fromfile, |op, args, kws| {
    clinic_arity("fromfile", args, &kws, 2)?;
    let (f, n) = (args[0], ssize_arg(args[1])?);
    let isz = descr(op).size as Py_ssize_t;
    if n < 0 {
        return Err(errors::value_error("negative count"));
    }
    if n > Py_ssize_t::MAX / isz {
        return Err(errors::no_memory());
    }
    let nbytes = n * isz;
    let want = int::from_i64(nbytes as i64)?;
    let b = protocol::call_method_obj(f, "read", &[want.as_ptr()])?;
    if !bytes::check(b.as_ptr()) {
        return Err(errors::type_error("read() didn't return bytes"));
    }
    let got = bytes::as_slice(b.as_ptr());
    append_bytes(op, got)?;
    if got.len() as Py_ssize_t != nbytes {
        return Err(errors::set_string(
            PyExc_EOFError,
            "read() didn't return enough bytes",
        ));
    }
    none_ref()
});

meth_o!(array_fromlist, |op, l| {
    if !list::check(l) {
        return Err(errors::type_error("arg must be list"));
    }
    let n = list::len(l);
    if n > 0 {
        let old = len(op);
        resize(op, old + n)?;
        for i in 0..n {
            let r = match list::item(l, i) {
                Ok(v) => set(op, old + i, v.as_ptr()),
                Err(e) => Err(e),
            };
            let r = r.and_then(|()| {
                if list::len(l) != n {
                    Err(errors::runtime_error("list changed size during iteration"))
                } else {
                    Ok(())
                }
            });
            if let Err(e) = r {
                errors::keeping_raised(|| resize(op, old)).ok();
                return Err(e);
            }
        }
    }
    none_ref()
});

meth_o!(array_frombytes, |op, b| {
    let mut view: Py_buffer = std::mem::zeroed();
    buffer::get(b, &mut view, PyBUF_SIMPLE)?;
    let r = if view.itemsize != 1 {
        Err(errors::type_error("a bytes-like object is required"))
    } else if view.len == 0 {
        Ok(())
    } else {
        // The view is an export of b: its memory stays put, and when b is
        // this array the resize below refuses.
        append_bytes(
            op,
            std::slice::from_raw_parts(view.buf as *const u8, view.len as usize),
        )
    };
    buffer::release(&mut view);
    r?;
    none_ref()
});

/// `ValueError` unless `op` holds characters (`fromunicode` / `tounicode`).
unsafe fn need_unicode(op: *mut PyObject, what: &str) -> PyResult<()> {
    // SAFETY: op is an array.
    if unsafe { descr(op) }.kind != Kind::Char {
        return Err(errors::value_error(format!(
            "{what}() may only be called on unicode type arrays ('u' or 'w')"
        )));
    }
    Ok(())
}

meth_o!(array_fromunicode, |op, s| {
    if !pystr::check(s) {
        return Err(errors::type_error(format!(
            "fromunicode() argument must be str, not {}",
            type_name(s)
        )));
    }
    need_unicode(op, "fromunicode")?;
    append_str(op, s)?;
    none_ref()
});

meth_fast!(array_index, |op, args| {
    arity("index", args, 1, 3)?;
    let (start, stop) = list::index_bounds(&args[1..], len(op))?;
    match find(op, args[0], start, stop)? {
        Some(i) => int::from_i64(i as i64),
        None => Err(errors::value_error("array.index(x): x not in array")),
    }
});

meth_fast!(array_insert, |op, args| {
    arity("insert", args, 2, 2)?;
    let i = ssize_arg(args[0])?;
    insert(op, i, args[1])?;
    none_ref()
});

meth_fast!(array_pop, |op, args| {
    arity("pop", args, 0, 1)?;
    let mut i = match args.first() {
        Some(&a) => ssize_arg(a)?,
        None => -1,
    };
    let n = len(op);
    if n == 0 {
        return Err(errors::index_error("pop from empty array"));
    }
    if i < 0 {
        i += n;
    }
    if i < 0 || i >= n {
        return Err(errors::index_error("pop index out of range"));
    }
    let v = get(op, i)?;
    del_slice(op, i, i + 1)?;
    Ok(v)
});

meth_o!(array_remove, |op, v| {
    match find(op, v, 0, Py_ssize_t::MAX)? {
        Some(i) => {
            del_slice(op, i, i + 1)?;
            none_ref()
        }
        None => Err(errors::value_error("array.remove(x): x not in array")),
    }
});

meth_noargs!(array_reverse, |op| {
    let isz = descr(op).size;
    let n = len(op);
    for i in 0..n / 2 {
        std::ptr::swap_nonoverlapping(item_ptr(op, i), item_ptr(op, n - 1 - i), isz);
    }
    none_ref()
});

/// `tofile` writes blocks of this many bytes.
const BLOCK: usize = 64 * 1024;

builtin!(array_tofile, |op, args, kws| {
    clinic_arity("tofile", args, &kws, 1)?;
    let f = args[0];
    let mut at = 0;
    // Each write may run code that changes the array: re-read it per block.
    while at < data(op).len() {
        let end = (at + BLOCK).min(data(op).len());
        let b = bytes::from_slice(&data(op)[at..end])?;
        protocol::call_method_obj(f, "write", &[b.as_ptr()])?;
        at = end;
    }
    none_ref()
});

meth_noargs!(array_tolist, |op| to_list(op));

meth_noargs!(array_tobytes, |op| bytes::from_slice(data(op)));

meth_noargs!(array_tounicode, |op| {
    need_unicode(op, "tounicode")?;
    to_str(op)
});

meth_noargs!(array_sizeof, |op| {
    let base = (*(*op).ob_type).tp_basicsize as u64;
    int::from_u64(base + raw(op).allocated as u64 * descr(op).size as u64)
});

unsafe extern "C" fn array_get_typecode(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is an array.
    guard_obj(|| unsafe { pystr::char_str(descr(op).code as u32) })
}

unsafe extern "C" fn array_get_itemsize(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is an array.
    guard_obj(|| unsafe { int::from_i64(descr(op).size as i64) })
}
