//! The `_struct` module (`Modules/_struct.c`) behind `struct`: packing
//! values into bytes and back by format strings, native (`@`, sizes and
//! alignment of the C types) or standard (`=<>!`), the `Struct` class,
//! `iter_unpack`'s iterator and `struct.error`.
mod format;

use crate::capi::boundary::{guard_iter, guard_obj, guard_status};
use crate::ffi::*;
use crate::modules::args::{arity, builtin, no_kwargs};
use crate::modules::module_def::{self, add, add_type, exec_slot, SLOT_END};
use crate::object::bytes_methods::need_bytes_like;
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::refcount::{decref, xdecref};
use crate::object::typeobj::type_template;
use crate::object::{bytes, int, none, number, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use format::{error, format_bytes, Layout};
use libc::{c_int, c_void};
use std::ptr::null_mut;
use std::sync::atomic::{AtomicPtr, Ordering};

static ERROR: AtomicPtr<PyObject> = AtomicPtr::new(null_mut());

/// Drops the module's exception class (interpreter finalization).
pub fn finalize() {
    crate::object::refcount::release_static(&ERROR);
}

/// The `struct.error` class.
fn error_class() -> *mut PyObject {
    ERROR.load(Ordering::Relaxed)
}

/// A `Struct`: its parsed layout (NULL until `__init__`) and its format
/// as a str.
#[repr(C)]
pub struct StructObject {
    ob_base: PyObject,
    layout: *mut Layout,
    format: *mut PyObject,
}

/// `_struct.Struct`.
pub static mut STRUCT_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE,
    tp_dealloc: Some(struct_dealloc),
    tp_repr: Some(struct_repr),
    tp_methods: (&raw const STRUCT_METHODS).cast_mut().cast(),
    tp_getset: (&raw const STRUCT_GETSET).cast_mut().cast(),
    tp_init: Some(struct_init),
    tp_new: Some(crate::capi::allocation::PyType_GenericNew),
    tp_free: Some(crate::capi::memory::PyObject_Free),
    tp_doc: c"Struct(format)\n--\n\nCreate a compiled struct object.".as_ptr(),
    ..type_template(c"_struct.Struct", std::mem::size_of::<StructObject>(), 0)
};

const FAST: c_int = METH_FASTCALL;
const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static STRUCT_METHODS: [PyMethodDef; 6] = [
    method(c"pack", s_pack as *const c_void, FAST),
    method(c"pack_into", s_pack_into as *const c_void, FAST),
    method(c"unpack", s_unpack as *const c_void, METH_O),
    method(c"unpack_from", s_unpack_from as *const c_void, FK),
    method(c"iter_unpack", s_iter_unpack as *const c_void, METH_O),
    METHOD_END,
];

static STRUCT_GETSET: [PyGetSetDef; 3] = [
    getset(c"format", Some(s_get_format), None),
    getset(c"size", Some(s_get_size), None),
    GETSET_END,
];

/// The layout of a Struct; an empty one before `__init__` ran.
unsafe fn layout_of<'a>(op: *mut PyObject) -> &'a Layout {
    static EMPTY: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    // SAFETY: op is a Struct; the empty layout is leaked once and lives
    // for the process.
    unsafe {
        let l = (*op.cast::<StructObject>()).layout;
        if !l.is_null() {
            return &*l;
        }
        let p = *EMPTY.get_or_init(|| {
            Box::into_raw(Box::new(
                Layout::parse(b"").unwrap_or_else(|_| unreachable!()),
            )) as usize
        });
        &*(p as *const Layout)
    }
}

unsafe extern "C" fn struct_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        let s = op.cast::<StructObject>();
        if !(*s).layout.is_null() {
            drop(Box::from_raw((*s).layout));
        }
        xdecref((*s).format);
        let tp = (*op).ob_type;
        if let Some(free) = (*tp).tp_free {
            free(op.cast());
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

unsafe extern "C" fn struct_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op is a Struct; args a tuple, kwargs NULL or a dict.
        unsafe {
            let a = tuple::items(args);
            let mut fmt = a.first().copied();
            if !kwargs.is_null() {
                let mut pos = 0;
                while let Some((k, v)) = crate::object::dict::next(kwargs, &mut pos) {
                    if pystr::as_str(k)? != "format" || fmt.is_some() {
                        return Err(errors::type_error(format!(
                            "Struct() got an unexpected keyword argument '{}'",
                            pystr::as_str(k)?
                        )));
                    }
                    fmt = Some(v);
                }
            }
            if a.len() > 1 {
                return Err(errors::type_error(format!(
                    "Struct() takes at most 1 argument ({} given)",
                    a.len()
                )));
            }
            let Some(fmt) = fmt else {
                return Err(errors::type_error(
                    "Struct() missing required argument 'format' (pos 1)",
                ));
            };
            let text = format_bytes(fmt, "Struct()")?;
            let layout = Layout::parse(text)?;
            let fmt_str = if pystr::check(fmt) {
                Owned::from_borrowed(fmt)
            } else {
                pystr::from_utf8(text)?
            };
            let s = op.cast::<StructObject>();
            if !(*s).layout.is_null() {
                drop(Box::from_raw((*s).layout));
            }
            (*s).layout = Box::into_raw(Box::new(layout));
            xdecref((*s).format);
            (*s).format = fmt_str.into_raw();
            Ok(())
        }
    })
}

unsafe extern "C" fn struct_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a Struct.
        unsafe {
            let f = s_get_format(op, null_mut());
            let f = errors::check(f)?;
            let r = crate::object::protocol::repr_string(f.as_ptr())?;
            pystr::from_str(&format!("Struct({r})"))
        }
    })
}

unsafe extern "C" fn s_get_format(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a Struct.
    unsafe {
        let f = (*op.cast::<StructObject>()).format;
        guard_obj(|| {
            if f.is_null() {
                pystr::from_str("")
            } else {
                Ok(Owned::from_borrowed(f))
            }
        })
    }
}

unsafe extern "C" fn s_get_size(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a Struct.
    guard_obj(|| int::from_i64(unsafe { layout_of(op) }.size as i64))
}

/// `pack`: a new bytes object from `values`.
unsafe fn pack(l: &Layout, values: &[*mut PyObject]) -> PyResult<Owned> {
    if values.len() != l.nvalues {
        return Err(error(format!(
            "pack expected {} items for packing (got {})",
            l.nvalues,
            values.len()
        )));
    }
    let mut out = vec![0u8; l.size];
    // SAFETY: values are valid objects.
    unsafe { l.pack(values, &mut out)? };
    bytes::from_slice(&out)
}

/// `pack_into(buffer, offset, *values)`.
unsafe fn pack_into(l: &Layout, args: &[*mut PyObject]) -> PyResult<Owned> {
    match args.len() {
        0 => return Err(error("pack_into expected buffer argument")),
        1 => return Err(error("pack_into expected offset argument")),
        n if n - 2 != l.nvalues => {
            return Err(error(format!(
                "pack_into expected {} items for packing (got {})",
                l.nvalues,
                n - 2
            )))
        }
        _ => {}
    }
    // SAFETY: valid arguments; the view is released below.
    unsafe {
        let mut view: Py_buffer = std::mem::zeroed();
        if crate::object::buffer::get(args[0], &mut view, PyBUF_WRITABLE).is_err() {
            errors::clear();
            return Err(errors::type_error(format!(
                "argument must be read-write bytes-like object, not {}",
                crate::object::typeobj::type_name(args[0])
            )));
        }
        let r = (|| {
            let len = view.len as usize;
            let mut offset =
                number::as_ssize(args[1], crate::object::exceptions::PyExc_IndexError)?;
            if offset < 0 {
                if offset + (l.size as isize) > 0 {
                    return Err(error(format!(
                        "no space to pack {} bytes at offset {offset}",
                        l.size
                    )));
                }
                if offset + (len as isize) < 0 {
                    return Err(error(format!(
                        "offset {offset} out of range for {len}-byte buffer"
                    )));
                }
                offset += len as isize;
            }
            let offset = offset as usize;
            if len < offset || len - offset < l.size {
                return Err(error(format!(
                    "pack_into requires a buffer of at least {} bytes for packing {} bytes at offset {offset} (actual buffer size is {len})",
                    l.size + offset,
                    l.size
                )));
            }
            let mut tmp = vec![0u8; l.size];
            l.pack(&args[2..], &mut tmp)?;
            std::ptr::copy_nonoverlapping(tmp.as_ptr(), view.buf.cast::<u8>().add(offset), l.size);
            Ok(Owned::from_borrowed_static(none::none()))
        })();
        crate::object::buffer::release(&mut view);
        r
    }
}

/// `unpack(buffer)`: the buffer must be exactly the struct's size.
unsafe fn unpack(l: &Layout, buffer: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: buffer valid.
    let data = unsafe { need_bytes_like(buffer)? };
    if data.len() != l.size {
        return Err(error(format!(
            "unpack requires a buffer of {} bytes",
            l.size
        )));
    }
    tuple::from_vec(l.unpack(&data)?)
}

/// `unpack_from(buffer, offset=0)`.
unsafe fn unpack_from(
    l: &Layout,
    buffer: *mut PyObject,
    offset: Option<*mut PyObject>,
) -> PyResult<Owned> {
    // SAFETY: valid arguments.
    unsafe {
        let data = need_bytes_like(buffer)?;
        let len = data.len();
        let mut off = match offset {
            Some(o) => number::as_ssize(o, crate::object::exceptions::PyExc_IndexError)?,
            None => 0,
        };
        if off < 0 {
            if off + (len as isize) < 0 {
                return Err(error(format!(
                    "offset {off} out of range for {len}-byte buffer"
                )));
            }
            if off + l.size as isize > 0 {
                return Err(error(format!(
                    "not enough data to unpack {} bytes at offset {off}",
                    l.size
                )));
            }
            off += len as isize;
        }
        let off = off as usize;
        if len < off || len - off < l.size {
            return Err(error(format!(
                "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {off} (actual buffer size is {len})",
                l.size + off,
                l.size
            )));
        }
        tuple::from_vec(l.unpack(&data[off..off + l.size])?)
    }
}

/// `(buffer, offset)` of `unpack_from`, positional or by keyword.
fn from_args(
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
) -> PyResult<(*mut PyObject, Option<*mut PyObject>)> {
    arity("unpack_from", args, 0, 2)?;
    let mut buffer = args.first().copied();
    let mut offset = args.get(1).copied();
    for &(k, v) in kws {
        let slot = match k {
            "buffer" => &mut buffer,
            "offset" => &mut offset,
            _ => {
                return Err(errors::type_error(format!(
                    "unpack_from() got an unexpected keyword argument '{k}'"
                )))
            }
        };
        if slot.is_some() {
            return Err(errors::type_error(format!(
                "argument for unpack_from() given by name ('{k}') and position"
            )));
        }
        *slot = Some(v);
    }
    let buffer = buffer.ok_or_else(|| {
        errors::type_error("unpack_from() missing required argument 'buffer' (pos 1)")
    })?;
    Ok((buffer, offset))
}

/// The state of an `unpack_iterator`.
struct IterState {
    layout: Layout,
    data: Vec<u8>,
    pos: usize,
}

#[repr(C)]
struct UnpackIter {
    ob_base: PyObject,
    state: *mut IterState,
}

static mut UNPACK_ITER_TYPE: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(iter_dealloc),
    tp_iter: Some(crate::object::iterobject::self_iter),
    tp_iternext: Some(iter_next),
    tp_methods: (&raw const ITER_METHODS).cast_mut().cast(),
    ..type_template(
        c"_struct.unpack_iterator",
        std::mem::size_of::<UnpackIter>(),
        0,
    )
};

static ITER_METHODS: [PyMethodDef; 2] = [
    method(
        c"__length_hint__",
        iter_length_hint as *const c_void,
        METH_NOARGS,
    ),
    METHOD_END,
];

unsafe extern "C" fn iter_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the state was boxed at creation.
    unsafe {
        drop(Box::from_raw((*op.cast::<UnpackIter>()).state));
        crate::object::alloc::raw_free(op.cast());
    }
}

unsafe extern "C" fn iter_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is an unpack_iterator.
        let st = unsafe { &mut *(*op.cast::<UnpackIter>()).state };
        if st.pos + st.layout.size > st.data.len() {
            return Ok(None);
        }
        let item = st
            .layout
            .unpack(&st.data[st.pos..st.pos + st.layout.size])?;
        st.pos += st.layout.size;
        tuple::from_vec(item).map(Some)
    })
}

unsafe extern "C" fn iter_length_hint(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an unpack_iterator.
    let st = unsafe { &*(*op.cast::<UnpackIter>()).state };
    guard_obj(|| int::from_i64(((st.data.len() - st.pos) / st.layout.size) as i64))
}

/// `iter_unpack(buffer)`.
unsafe fn iter_unpack(l: &Layout, buffer: *mut PyObject) -> PyResult<Owned> {
    if l.size == 0 {
        return Err(error("cannot iteratively unpack with a struct of length 0"));
    }
    // SAFETY: buffer valid; the iterator is allocated with its type's size.
    unsafe {
        let data = need_bytes_like(buffer)?.into_owned();
        if data.len() % l.size != 0 {
            return Err(error(format!(
                "iterative unpacking requires a buffer of a multiple of {} bytes",
                l.size
            )));
        }
        crate::object::typeobj::ready(&raw mut UNPACK_ITER_TYPE)?;
        let it = crate::object::alloc::generic_alloc(&raw mut UNPACK_ITER_TYPE, 0);
        let it = errors::check(it)?;
        (*it.as_ptr().cast::<UnpackIter>()).state = Box::into_raw(Box::new(IterState {
            layout: l.clone(),
            data,
            pos: 0,
        }));
        Ok(it)
    }
}

/// The fastcall arguments of a method.
unsafe fn fast_args<'a>(args: *const *mut PyObject, nargs: Py_ssize_t) -> &'a [*mut PyObject] {
    // SAFETY: fastcall convention.
    unsafe { crate::capi::call::arg_slice(args, nargs as usize) }
}

unsafe extern "C" fn s_pack(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: op is a Struct; fastcall arguments.
    guard_obj(|| unsafe { pack(layout_of(op), fast_args(args, nargs)) })
}

unsafe extern "C" fn s_pack_into(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: as above.
    guard_obj(|| unsafe { pack_into(layout_of(op), fast_args(args, nargs)) })
}

unsafe extern "C" fn s_unpack(op: *mut PyObject, buffer: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a Struct.
    guard_obj(|| unsafe { unpack(layout_of(op), buffer) })
}

unsafe extern "C" fn s_unpack_from(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a Struct; fastcall arguments.
        unsafe {
            let (a, kws) = crate::modules::args::split(args, nargs, kwnames);
            let (buffer, offset) = from_args(a, &kws)?;
            unpack_from(layout_of(op), buffer, offset)
        }
    })
}

unsafe extern "C" fn s_iter_unpack(op: *mut PyObject, buffer: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a Struct.
    guard_obj(|| unsafe { iter_unpack(layout_of(op), buffer) })
}

/// The layout for a module function's format argument.
unsafe fn layout_arg(name: &str, args: &[*mut PyObject], min: usize) -> PyResult<Layout> {
    if args.len() < min {
        return Err(errors::type_error(format!(
            "{name} expected at least {min} argument{}, got {}",
            if min == 1 { "" } else { "s" },
            args.len()
        )));
    }
    // SAFETY: args[0] valid.
    unsafe { Layout::parse(format_bytes(args[0], "Struct()")?) }
}

builtin!(m_pack, |args, kws| {
    no_kwargs("pack", &kws)?;
    pack(&layout_arg("pack", args, 1)?, &args[1..])
});

builtin!(m_pack_into, |args, kws| {
    no_kwargs("pack_into", &kws)?;
    pack_into(&layout_arg("pack_into", args, 1)?, &args[1..])
});

builtin!(m_unpack, |args, kws| {
    no_kwargs("unpack", &kws)?;
    arity("unpack", args, 2, 2)?;
    unpack(&Layout::parse(format_bytes(args[0], "Struct()")?)?, args[1])
});

builtin!(m_unpack_from, |args, kws| {
    let l = layout_arg("unpack_from", args, 1)?;
    let (buffer, offset) = from_args(&args[1..], &kws)?;
    unpack_from(&l, buffer, offset)
});

builtin!(m_iter_unpack, |args, kws| {
    no_kwargs("iter_unpack", &kws)?;
    arity("iter_unpack", args, 2, 2)?;
    iter_unpack(&Layout::parse(format_bytes(args[0], "Struct()")?)?, args[1])
});

builtin!(m_calcsize, |args, kws| {
    no_kwargs("calcsize", &kws)?;
    arity("calcsize", args, 1, 1)?;
    int::from_i64(Layout::parse(format_bytes(args[0], "Struct()")?)?.size as i64)
});

builtin!(m_clearcache, |args, kws| {
    no_kwargs("_clearcache", &kws)?;
    arity("_clearcache", args, 0, 0)?;
    Ok(Owned::from_borrowed_static(none::none()))
});

static mut METHODS: [PyMethodDef; 8] = [
    method(c"pack", m_pack as *const c_void, FK),
    method(c"pack_into", m_pack_into as *const c_void, FK),
    method(c"unpack", m_unpack as *const c_void, FK),
    method(c"unpack_from", m_unpack_from as *const c_void, FK),
    method(c"iter_unpack", m_iter_unpack as *const c_void, FK),
    method(c"calcsize", m_calcsize as *const c_void, FK),
    method(c"_clearcache", m_clearcache as *const c_void, FK),
    METHOD_END,
];

unsafe extern "C" fn exec(m: *mut PyObject) -> c_int {
    guard_status(|| {
        // SAFETY: m is the module being executed; the types are static.
        unsafe {
            add_type(m, &raw mut STRUCT_TYPE)?;
            if error_class().is_null() {
                let e = crate::object::exceptions::new_exception_class(
                    c"struct.error".as_ptr(),
                    null_mut(),
                    null_mut(),
                    null_mut(),
                )?;
                ERROR.store(e.into_raw(), Ordering::Relaxed);
            }
            add(m, "error", Ok(Owned::from_borrowed(error_class())))
        }
    })
}

static mut SLOTS: [PyModuleDef_Slot; 2] = [exec_slot(exec), SLOT_END];

static mut DEF: PyModuleDef = module_def::def(
    c"_struct",
    c"Functions to convert between Python values and C structs.\nPython bytes objects are used to hold the data representing the C struct\nand also as format strings (explained below) to describe the layout of data\nin the C struct.",
    (&raw mut METHODS).cast(),
    (&raw mut SLOTS).cast(),
);

/// `PyInit__struct`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
