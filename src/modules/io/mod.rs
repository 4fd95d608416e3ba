//! The `_io` module (`Modules/_io/`): the I/O class hierarchy written in
//! Rust. Every object starts with [`Head`]; the Rust state of the concrete
//! classes lives in a box that the head points to, tagged with its kind so
//! that a method never reads another class's state.
pub mod bufferedio;
pub mod bytesio;
pub mod fileio;
pub mod iobase;
pub mod newline;
pub mod open;
pub mod open_code;
pub mod stdio;
pub mod stringio;
pub mod textio;

use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::args::Args;
use crate::object::refcount::*;
use crate::object::typeobj::{self, type_template};
use crate::object::{
    bool as pybool, dict, exceptions as exc, none, number, protocol, str as pystr, tuple,
};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;
use std::sync::atomic::{AtomicPtr, Ordering};

/// `io.DEFAULT_BUFFER_SIZE`.
pub const DEFAULT_BUFFER_SIZE: usize = 8192;

/// The layout every `_io` object shares: `__dict__`, weak references, the
/// `_IOBase` closed flag and the boxed state of the concrete class.
#[repr(C)]
pub struct Head {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub weakreflist: *mut PyObject,
    /// `_IOBase`'s own closed flag (`__IOBase_closed`).
    pub ioclosed: c_int,
    /// Which class's state `state` points to (0: none yet).
    pub kind: c_int,
    pub state: *mut c_void,
    pub drop_state: Option<unsafe fn(*mut c_void)>,
    /// Visits the objects the boxed state owns (for `tp_traverse`).
    pub visit_state: Option<unsafe fn(*mut c_void, visitproc, *mut c_void) -> c_int>,
    /// Set while the finalizer runs (`close()` at deallocation).
    pub finalizing: c_int,
}

/// The kinds of boxed state.
pub const KIND_FILEIO: c_int = 1;
pub const KIND_BUFFERED: c_int = 2;
pub const KIND_TEXTIO: c_int = 3;
pub const KIND_BYTESIO: c_int = 4;
pub const KIND_STRINGIO: c_int = 5;
pub const KIND_RWPAIR: c_int = 6;
pub const KIND_NLDECODER: c_int = 7;

/// The boxed state of an `_io` class: what it owns, for the collector.
pub trait IoState {
    /// Visits each object the state owns (`Py_VISIT` of each field).
    fn visit(&self, _visit: visitproc, _arg: *mut c_void) -> c_int {
        0
    }
}

/// The template of an `_io` type: subclassable, collected, with `__dict__`
/// and weak references, deallocated by [`io_dealloc`].
pub const fn io_type(name: &'static std::ffi::CStr, base: *mut PyTypeObject) -> PyTypeObject {
    PyTypeObject {
        tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
        tp_base: base,
        tp_traverse: Some(io_traverse),
        tp_clear: Some(io_clear),
        tp_free: Some(crate::capi::gc::PyObject_GC_Del),
        tp_dictoffset: std::mem::offset_of!(Head, dict) as Py_ssize_t,
        tp_weaklistoffset: std::mem::offset_of!(Head, weakreflist) as Py_ssize_t,
        tp_dealloc: Some(io_dealloc),
        tp_getattro: Some(crate::object::object::PyObject_GenericGetAttr),
        tp_setattro: Some(crate::object::object::PyObject_GenericSetAttr),
        tp_alloc: Some(crate::capi::allocation::PyType_GenericAlloc),
        tp_new: Some(crate::capi::allocation::PyType_GenericNew),
        tp_iter: Some(iobase::iobase_iter),
        tp_iternext: Some(iobase::iobase_iternext),
        tp_finalize: Some(io_finalize),
        ..type_template(name, std::mem::size_of::<Head>(), 0)
    }
}

/// The head of an `_io` object.
///
/// # Safety
/// `op` is an instance of an `_io` type (or a subclass).
pub unsafe fn head<'a>(op: *mut PyObject) -> &'a mut Head {
    // SAFETY: every _io type has the Head layout.
    unsafe { &mut *op.cast::<Head>() }
}

/// Replaces the boxed state of `op` with `value`, dropping the old one.
///
/// # Safety
/// `op` is an `_io` object.
pub unsafe fn set_state<T: IoState>(op: *mut PyObject, kind: c_int, value: T) {
    unsafe fn drop_box<T>(p: *mut c_void) {
        // SAFETY: p came from Box::into_raw of a T.
        drop(unsafe { Box::from_raw(p.cast::<T>()) });
    }
    unsafe fn visit_box<T: IoState>(p: *mut c_void, visit: visitproc, arg: *mut c_void) -> c_int {
        // SAFETY: p came from Box::into_raw of a T and is alive.
        unsafe { (*p.cast::<T>()).visit(visit, arg) }
    }
    // SAFETY: op is an _io object.
    unsafe {
        let h = head(op);
        let old = (h.state, h.drop_state);
        h.state = Box::into_raw(Box::new(value)).cast();
        h.kind = kind;
        h.drop_state = Some(drop_box::<T>);
        h.visit_state = Some(visit_box::<T>);
        if let (p, Some(d)) = old {
            if !p.is_null() {
                d(p);
            }
        }
    }
}

/// Drops the boxed state of `op`, leaving it uninitialized (what a failed
/// `__init__` leaves: CPython clears its `ok` flag first thing).
///
/// # Safety
/// `op` is an `_io` object.
pub unsafe fn reset_state(op: *mut PyObject) {
    // SAFETY: op is an _io object; the state came from set_state.
    unsafe {
        let h = head(op);
        let (p, d) = (
            std::mem::replace(&mut h.state, null_mut()),
            h.drop_state.take(),
        );
        h.kind = 0;
        h.visit_state = None;
        if let (false, Some(d)) = (p.is_null(), d) {
            d(p);
        }
    }
}

/// The state of kind `kind` of `op`, or `ValueError: I/O operation on
/// uninitialized object`.
///
/// # Safety
/// `op` is an `_io` object; `T` is the state type of `kind`.
pub unsafe fn state<'a, T>(op: *mut PyObject, kind: c_int) -> PyResult<&'a mut T> {
    // SAFETY: op is an _io object; the kind tag names the boxed type.
    unsafe {
        let h = head(op);
        if h.kind != kind || h.state.is_null() {
            return Err(errors::value_error("I/O operation on uninitialized object"));
        }
        Ok(&mut *h.state.cast::<T>())
    }
}

/// The state of kind `kind` of `op` if it has one (never raises).
///
/// # Safety
/// `op` is an `_io` object; `T` is the state type of `kind`.
pub unsafe fn try_state<'a, T>(op: *mut PyObject, kind: c_int) -> Option<&'a mut T> {
    // SAFETY: op is an _io object; the kind tag names the boxed type.
    unsafe {
        let h = head(op);
        (h.kind == kind && !h.state.is_null()).then(|| &mut *h.state.cast::<T>())
    }
}

/// Whether `op`'s type is `tp` or a subclass of it.
pub unsafe fn is_a(op: *mut PyObject, tp: *mut PyTypeObject) -> bool {
    // SAFETY: op valid.
    unsafe { typeobj::instance_of(op, tp) }
}

/// `tp_finalize` of the `_io` types (`iobase_finalize`): closes the object
/// unless it is closed already (or `closed` cannot be read); an error
/// from `close()` is reported as unraisable, except while the runtime
/// shuts down, when the standard streams go: a flush failure there has
/// been reported once already ("Exception ignored on flushing
/// sys.stdout"), and CPython reports it only once.
pub unsafe extern "C" fn io_finalize(op: *mut PyObject) {
    errors::keeping_raised(|| {
        // SAFETY: op is a live _io object (resurrected by the caller).
        unsafe {
            let closed = match protocol::getattr_str(op, "closed") {
                Ok(c) => protocol::is_true(c.as_ptr()).unwrap_or(true),
                Err(_) => true,
            };
            errors::clear();
            if !closed {
                head(op).finalizing = 1;
                if protocol::call_method_obj(op, "close", &[]).is_err() {
                    if crate::runtime::lifecycle::is_finalizing() {
                        errors::clear();
                    } else {
                        crate::capi::exceptions::PyErr_WriteUnraisable(op);
                    }
                }
            }
        }
    })
}

/// Raises `ResourceWarning: unclosed file <repr>` about `source` (the
/// object being finalized) for a file whose descriptor is still open
/// (`fileio_dealloc_warn`).
pub unsafe fn warn_unclosed(source: *mut PyObject) -> PyResult<()> {
    // SAFETY: source valid.
    unsafe {
        let r = protocol::repr_string(source)?;
        let msg = pystr::from_str(&format!("unclosed file {r}"))?;
        crate::modules::_warnings::warn(
            exc::PyExc_ResourceWarning,
            msg.as_ptr(),
            1,
            source,
            null_mut(),
        )
    }
}

/// `tp_dealloc` of the `_io` types: finalizer (close), weak references,
/// the dict and the boxed state, then the memory.
pub unsafe extern "C" fn io_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; op has the Head layout.
    unsafe {
        let tp = (*op).ob_type;
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0
            && crate::object::subtype::call_finalizer_from_dealloc(op)
        {
            return;
        }
        crate::object::gc::untrack(op);
        let h = head(op);
        if !h.weakreflist.is_null() {
            crate::object::weakref::clear_weakrefs(op);
        }
        io_clear(op);
        match (*tp).tp_free {
            Some(free) => free(op.cast()),
            None => crate::object::alloc::raw_free(op.cast()),
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

/// `tp_traverse` of the `_io` types: the dict and what the state owns.
unsafe extern "C" fn io_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    // SAFETY: op has the Head layout; the state is alive while set.
    unsafe {
        let h = head(op);
        let r = crate::object::gc::visit_all(&[h.dict], visit, arg);
        if r != 0 {
            return r;
        }
        match h.visit_state {
            Some(v) if !h.state.is_null() => v(h.state, visit, arg),
            _ => 0,
        }
    }
}

/// `tp_clear` of the `_io` types: drops the dict and the state (the object
/// is then uninitialized, as CPython's cleared objects are).
unsafe extern "C" fn io_clear(op: *mut PyObject) -> c_int {
    // SAFETY: op has the Head layout.
    unsafe {
        xdecref(std::mem::replace(&mut head(op).dict, null_mut()));
        reset_state(op);
        0
    }
}

/// The `io.UnsupportedOperation` class (a strong reference, created with
/// the module; released at finalization).
static UNSUPPORTED: AtomicPtr<PyObject> = AtomicPtr::new(null_mut());

/// `io.UnsupportedOperation`, created on first use: a subclass of
/// `OSError` and `ValueError`.
pub fn unsupported_type() -> PyResult<*mut PyObject> {
    let p = UNSUPPORTED.load(Ordering::Acquire);
    if !p.is_null() {
        return Ok(p);
    }
    // SAFETY: the exception types exist once the runtime runs.
    unsafe {
        let bases = tuple::pack(&[exc::PyExc_OSError, exc::PyExc_ValueError])?;
        let ns = dict::new()?;
        dict::set_item(
            ns.as_ptr(),
            crate::interned!("__module__"),
            pystr::from_str("io")?.as_ptr(),
        )?;
        let name = pystr::from_str("UnsupportedOperation")?;
        let args = tuple::pack(&[name.as_ptr(), bases.as_ptr(), ns.as_ptr()])?;
        let t = protocol::call(
            (&raw mut typeobj::PyType_Type).cast(),
            args.as_ptr(),
            null_mut(),
        )?;
        let t = t.into_raw();
        UNSUPPORTED.store(t, Ordering::Release);
        Ok(t)
    }
}

/// Releases what the module keeps between imports (at finalization).
pub fn finalize() {
    crate::object::refcount::release_static(&UNSUPPORTED);
}

/// Raises `io.UnsupportedOperation(msg)`.
pub fn unsupported(msg: &str) -> Raised {
    match unsupported_type() {
        // SAFETY: t is an exception class.
        Ok(t) => unsafe { errors::set_string(t, msg) },
        Err(r) => r,
    }
}

/// `ValueError: I/O operation on closed file.`
pub fn closed_file() -> Raised {
    errors::value_error("I/O operation on closed file.")
}

/// Raises `ValueError: I/O operation on closed file.` when `op.closed` is
/// true (`_PyIOBase_check_closed`).
pub unsafe fn check_closed(op: *mut PyObject) -> PyResult<()> {
    // SAFETY: op valid.
    unsafe {
        let c = protocol::getattr_str(op, "closed")?;
        if protocol::is_true(c.as_ptr())? {
            return Err(closed_file());
        }
        Ok(())
    }
}

/// `r`, after an earlier error `first` (taken from the indicator): the
/// error of `r` gets `first` as its `__context__`; when `r` succeeded,
/// `first` is raised again (`_PyErr_ChainExceptions1`).
pub fn chain_errors<T>(first: Option<Owned>, r: PyResult<T>) -> PyResult<T> {
    let Some(first) = first else {
        return r;
    };
    match r {
        Ok(_) => Err(errors::restore(first)),
        Err(e) => {
            // SAFETY: an exception is set (e); first is an owned exception.
            unsafe { crate::capi::exceptions::_PyErr_ChainExceptions1(first.into_raw()) };
            Err(e)
        }
    }
}

/// The instance dict part of an in-memory stream's pickled state: a copy
/// of its `__dict__`, or None when it never had one.
pub unsafe fn dict_state(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a live stream object.
    unsafe {
        let slot = crate::object::object::dict_slot(op);
        if slot.is_null() || (*slot).is_null() {
            return Ok(none::owned());
        }
        dict::copy(*slot)
    }
}

/// Restores the instance dict part (`item`, None or a dict, the
/// `ordinal` item of the state) of an in-memory stream's pickled state.
pub unsafe fn restore_dict_state(
    op: *mut PyObject,
    item: *mut PyObject,
    ordinal: &str,
) -> PyResult<()> {
    // SAFETY: op is a live stream object, item a live object.
    unsafe {
        if item == none::none() {
            return Ok(());
        }
        if !dict::check(item) {
            return Err(errors::type_error(format!(
                "{ordinal} item of state should be a dict, got a {}",
                typeobj::type_name(item)
            )));
        }
        let slot = crate::object::object::dict_slot(op);
        if slot.is_null() {
            return Err(errors::attribute_error("This object has no __dict__"));
        }
        if (*slot).is_null() {
            *slot = new_ref(item);
            Ok(())
        } else {
            dict::update_arg(*slot, item)
        }
    }
}

/// The position item of an in-memory stream's pickled state: an int that
/// is not negative.
pub unsafe fn position_state(item: *mut PyObject, ordinal: &str, sep: &str) -> PyResult<usize> {
    // SAFETY: item is a live object.
    unsafe {
        if !crate::object::int::check(item) {
            return Err(errors::type_error(format!(
                "{ordinal} item of state must be an integer, {sep} {}",
                typeobj::type_name(item)
            )));
        }
        let pos = number::as_ssize(item, exc::PyExc_OverflowError)?;
        if pos < 0 {
            return Err(errors::value_error("position value cannot be negative"));
        }
        Ok(pos as usize)
    }
}

/// A bool as a new reference.
pub fn bool_obj(b: bool) -> PyResult<Owned> {
    Ok(Owned::from_borrowed_static(pybool::from_bool(b)))
}

/// Binds fastcall arguments to the parameter `names` of `fname`; the
/// first `min` are required.
pub fn bind<const N: usize>(
    fname: &str,
    args: Args,
    kws: &[(&str, *mut PyObject)],
    names: [&str; N],
    min: usize,
) -> PyResult<[Option<*mut PyObject>; N]> {
    let mut out = [None; N];
    if args.len() > N {
        return Err(errors::type_error(format!(
            "{fname}() takes at most {N} argument{} ({} given)",
            if N == 1 { "" } else { "s" },
            args.len()
        )));
    }
    for (i, &a) in args.iter().enumerate() {
        out[i] = Some(a);
    }
    for &(k, v) in kws {
        match names.iter().position(|&n| n == k) {
            Some(i) if out[i].is_some() => {
                return Err(errors::type_error(format!(
                    "argument for {fname}() given by name ('{k}') and position ({})",
                    i + 1
                )))
            }
            Some(i) => out[i] = Some(v),
            None => {
                return Err(errors::type_error(format!(
                    "{fname}() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    for (i, n) in names.iter().enumerate().take(min) {
        if out[i].is_none() {
            return Err(errors::type_error(format!(
                "{fname}() missing required argument '{n}' (pos {})",
                i + 1
            )));
        }
    }
    Ok(out)
}

/// A size argument: absent or None is -1 (`_Py_convert_optional_to_ssize_t`).
pub unsafe fn opt_size(o: Option<*mut PyObject>) -> PyResult<isize> {
    // SAFETY: o valid when present.
    unsafe {
        match o {
            None => Ok(-1),
            Some(o) if o == none::none() => Ok(-1),
            Some(o) if number::index_check(o) => number::as_ssize(o, exc::PyExc_OverflowError),
            Some(o) => Err(errors::type_error(format!(
                "argument should be integer or None, not '{}'",
                typeobj::type_name(o)
            ))),
        }
    }
}

/// An optional str argument (None or absent: None).
pub unsafe fn opt_str(
    fname: &str,
    what: &str,
    o: Option<*mut PyObject>,
) -> PyResult<Option<String>> {
    // SAFETY: o valid when present.
    unsafe {
        match o {
            None => Ok(None),
            Some(o) if o == none::none() => Ok(None),
            Some(o) if pystr::check(o) => Ok(Some(pystr::as_str(o)?.to_string())),
            Some(o) => Err(errors::type_error(format!(
                "{fname}() argument '{what}' must be str or None, not {}",
                typeobj::type_name(o)
            ))),
        }
    }
}

/// `len(bytes)` of a bytes object returned by a method, checking the type.
pub unsafe fn expect_bytes<'a>(o: *mut PyObject, what: &str) -> PyResult<&'a [u8]> {
    // SAFETY: o valid.
    unsafe {
        if crate::object::bytes::check(o) {
            Ok(crate::object::bytes::as_slice(o))
        } else {
            Err(errors::type_error(format!(
                "{what} should have returned a bytes object, not '{}'",
                typeobj::type_name(o)
            )))
        }
    }
}

/// Copies `data` into the writable buffer `b` (at most its length);
/// returns the number of bytes copied.
pub unsafe fn copy_into_buffer(b: *mut PyObject, data: &[u8]) -> PyResult<usize> {
    // SAFETY: view is filled by a successful get and released here.
    unsafe {
        let mut view: Py_buffer = std::mem::zeroed();
        crate::object::buffer::get(b, &mut view, PyBUF_WRITABLE)?;
        let n = data.len().min(view.len as usize);
        std::ptr::copy_nonoverlapping(data.as_ptr(), view.buf.cast::<u8>(), n);
        crate::object::buffer::release(&mut view);
        Ok(n)
    }
}

/// The length of the writable buffer `b`.
pub unsafe fn buffer_len(b: *mut PyObject) -> PyResult<usize> {
    // SAFETY: as in copy_into_buffer.
    unsafe {
        let mut view: Py_buffer = std::mem::zeroed();
        crate::object::buffer::get(b, &mut view, PyBUF_WRITABLE)?;
        let n = view.len as usize;
        crate::object::buffer::release(&mut view);
        Ok(n)
    }
}

/// The bytes of a bytes-like object, or `TypeError: a bytes-like object
/// is required, not 'T'`.
pub unsafe fn bytes_arg<'a>(o: *mut PyObject) -> PyResult<std::borrow::Cow<'a, [u8]>> {
    // SAFETY: o valid.
    unsafe {
        match crate::object::bytes_methods::bytes_like(o)? {
            Some(d) => Ok(d),
            None => Err(errors::type_error(format!(
                "a bytes-like object is required, not '{}'",
                typeobj::type_name(o)
            ))),
        }
    }
}

/// Defines a `METH_FASTCALL | METH_KEYWORDS` method of an `_io` type.
macro_rules! io_method {
    ($vis:vis $name:ident, |$slf:ident, $args:ident, $kws:ident| $body:expr) => {
        $vis unsafe extern "C" fn $name(
            slf: *mut $crate::ffi::PyObject,
            args: *const *mut $crate::ffi::PyObject,
            nargs: $crate::ffi::Py_ssize_t,
            kwnames: *mut $crate::ffi::PyObject,
        ) -> *mut $crate::ffi::PyObject {
            $crate::capi::boundary::guard_obj(|| {
                #[allow(unused_variables)]
                let $slf = slf;
                // SAFETY: fastcall arguments per the METH_FASTCALL contract.
                #[allow(unused_variables)]
                let ($args, $kws) = unsafe { $crate::modules::args::split(args, nargs, kwnames) };
                #[allow(unused_unsafe)]
                unsafe {
                    $body
                }
            })
        }
    };
}
pub(crate) use io_method;

/// Defines a getter of an `_io` type.
macro_rules! io_getter {
    ($name:ident, |$slf:ident| $body:expr) => {
        unsafe extern "C" fn $name(
            slf: *mut $crate::ffi::PyObject,
            _closure: *mut libc::c_void,
        ) -> *mut $crate::ffi::PyObject {
            $crate::capi::boundary::guard_obj(|| {
                #[allow(unused_variables)]
                let $slf = slf;
                #[allow(unused_unsafe)]
                unsafe {
                    $body
                }
            })
        }
    };
}
pub(crate) use io_getter;

/// `METH_FASTCALL | METH_KEYWORDS`.
pub const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

/// Every static type of `_io`, bases first (readied with the core types).
pub fn all_types() -> Vec<*mut PyTypeObject> {
    let mut v = iobase::types();
    v.extend([
        &raw mut fileio::FILEIO_TYPE,
        &raw mut bytesio::BYTESIO_TYPE,
        &raw mut stringio::STRINGIO_TYPE,
        &raw mut newline::NLDECODER_TYPE,
        &raw mut textio::TEXTIO_TYPE,
    ]);
    v.extend(bufferedio::types());
    v
}

/// Warns `EncodingWarning: 'encoding' argument not specified`,
/// `stack_level` frames up, when `-X warn_default_encoding` is on.
pub fn warn_default_encoding(stack_level: isize) -> PyResult<()> {
    let cfg = crate::runtime::config::current().unwrap_or_default();
    if !cfg.warn_default_encoding {
        return Ok(());
    }
    let msg = pystr::from_str("'encoding' argument not specified")?;
    // SAFETY: the category and message are live objects.
    unsafe {
        crate::modules::_warnings::warn(
            exc::PyExc_EncodingWarning,
            msg.as_ptr(),
            stack_level,
            null_mut(),
            null_mut(),
        )
    }
}

crate::modules::args::builtin!(io_text_encoding, |args, kws| {
    // `_io.text_encoding(encoding, stacklevel=2)`: for None, "utf-8" in
    // UTF-8 mode, else "locale" (warning when asked to).
    let [enc, level] = bind("text_encoding", args, &kws, ["encoding", "stacklevel"], 1)?;
    let enc = enc.unwrap_or(none::none());
    if enc != none::none() {
        return Ok(Owned::from_borrowed(enc));
    }
    let level = match level {
        Some(l) => number::as_ssize(l, exc::PyExc_OverflowError)?,
        None => 2,
    };
    warn_default_encoding(level)?;
    let cfg = crate::runtime::config::current().unwrap_or_default();
    pystr::from_str(if cfg.utf8_mode > 0 { "utf-8" } else { "locale" })
});

crate::modules::args::builtin!(io_open_code, |args, kws| {
    let [path] = bind("open_code", args, &kws, ["path"], 1)?;
    let path = path.unwrap_or(none::none());
    if !pystr::check(path) {
        return Err(errors::type_error(format!(
            "open_code() argument 'path' must be str, not {}",
            typeobj::type_name(path)
        )));
    }
    open_code::open_code(path)
});

static mut MODULE_METHODS: [PyMethodDef; 4] = [
    crate::object::descr::method(c"open", open::io_open as *const c_void, FK).with_doc(open::DOC),
    crate::object::descr::method(c"open_code", io_open_code as *const c_void, FK).with_doc(
        c"open_code($module, /, path)\n--\n\nOpen path for reading in binary mode, as the import system opens\nsource and bytecode files.",
    ),
    crate::object::descr::method(c"text_encoding", io_text_encoding as *const c_void, FK).with_doc(
        c"text_encoding($module, encoding, stacklevel=2, /)\n--\n\nThe encoding to use for text files: encoding itself, or, when it is\nNone, 'locale' (or 'utf-8' in UTF-8 mode), warning with EncodingWarning\nwhen -X warn_default_encoding is set.",
    ),
    crate::object::descr::METHOD_END,
];

/// `PyInit__io`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: the method table is static; the types are readied.
        unsafe {
            let m = crate::object::module::new(crate::interned!("_io"))?;
            let d = crate::object::module::dict_of(m.as_ptr());
            let table = &raw mut MODULE_METHODS;
            for i in 0..(*table).len() - 1 {
                let ml = (table as *mut PyMethodDef).add(i);
                let f = crate::object::methodobject::new(
                    ml,
                    m.as_ptr(),
                    crate::interned!("_io"),
                    null_mut(),
                )?;
                dict::set_item(d, pystr::intern_cstr((*ml).ml_name)?, f.as_ptr())?;
            }
            // `builtins.open` is `io.open` (`_io.open`, as CPython sets it
            // at startup): the builtins' own function (the same C
            // function) is replaced when it is still in place.
            let bd = crate::modules::builtins::dict();
            let bopen = dict::get_item_known_hash_str(bd, crate::interned!("open"));
            if !bopen.is_null()
                && (*bopen).ob_type == &raw mut crate::object::methodobject::PyCFunction_Type
                && (*bopen.cast::<PyCFunctionObject>()).m_self == crate::modules::builtins::module()
                && std::ffi::CStr::from_ptr((*(*bopen.cast::<PyCFunctionObject>()).m_ml).ml_name)
                    == c"open"
            {
                dict::set_item(
                    bd,
                    crate::interned!("open"),
                    dict::get_item_known_hash_str(d, crate::interned!("open")),
                )?;
            }
            let set = |k: &str, v: *mut PyObject| dict::set_item(d, pystr::intern(k), v);
            set(
                "DEFAULT_BUFFER_SIZE",
                crate::object::int::from_i64(DEFAULT_BUFFER_SIZE as i64)?.as_ptr(),
            )?;
            set("UnsupportedOperation", unsupported_type()?)?;
            set("BlockingIOError", exc::PyExc_BlockingIOError)?;
            for tp in all_types() {
                typeobj::ready(tp)?;
                set(typeobj::short_name(tp), tp.cast())?;
            }
            Ok(m)
        }
    })
}
