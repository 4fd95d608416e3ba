//! The Python face of unpickling: `_pickle.loads`, `_pickle.load` and the
//! `_pickle.Unpickler` type (CPython's `_pickle_loads_impl`,
//! `_pickle_load_impl` and `UnpicklerObject`).
use super::input::{FileMethods, Input};
use super::unpickler::{find_class, Load, Memo, Options};
use crate::capi::boundary::guard_status;
use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::modules::objtype::{self, State, Visit};
use crate::object::descr::{method, METHOD_END};
use crate::object::{buffer, none, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// The keywords `load`, `loads` and `Unpickler()` share.
const KEYWORDS: [&str; 4] = ["fix_imports", "encoding", "errors", "buffers"];

/// Reads the shared keywords (absent ones take their defaults).
unsafe fn options(given: &[Option<*mut PyObject>]) -> PyResult<Options> {
    // SAFETY: the given objects are live.
    unsafe {
        let fix_imports = match given[0] {
            Some(o) => protocol::is_true(o)?,
            None => true,
        };
        let text = |o: Option<*mut PyObject>, default: &str, what: &str| -> PyResult<String> {
            match o {
                None => Ok(default.to_owned()),
                Some(o) if pystr::check(o) => Ok(pystr::as_str(o)?.to_owned()),
                Some(o) => Err(errors::type_error(format!(
                    "{what} must be str, not {}",
                    crate::object::typeobj::type_name(o)
                ))),
            }
        };
        let encoding = text(given[1], "ASCII", "encoding")?;
        let errors_ = text(given[2], "strict", "errors")?;
        let buffers = match given[3] {
            Some(b) if b != none::none() => Some(protocol::get_iter(b)?),
            _ => None,
        };
        Ok(Options {
            fix_imports,
            encoding,
            errors: errors_,
            buffers,
        })
    }
}

/// The `read` and `readline` methods of `file`.
unsafe fn file_methods(file: *mut PyObject) -> PyResult<FileMethods> {
    // SAFETY: file is live.
    unsafe {
        let read = protocol::getattr_opt(file, crate::interned!("read"))?;
        let readline = protocol::getattr_opt(file, crate::interned!("readline"))?;
        match (read, readline) {
            (Some(read), Some(readline)) => Ok(FileMethods { read, readline }),
            _ => Err(errors::type_error(
                "file must have 'read' and 'readline' attributes",
            )),
        }
    }
}

builtin!(pub pickle_loads, |args, kws| {
    let [data, f, e, r, b] = bind(
        "loads",
        args,
        &kws,
        ["data", KEYWORDS[0], KEYWORDS[1], KEYWORDS[2], KEYWORDS[3]],
        1,
        1,
    )?;
    let opts = options(&[f, e, r, b])?;
    let data = data.unwrap();
    let input = if pystr::check(data) {
        return Err(errors::type_error("a bytes-like object is required, not 'str'"));
    } else {
        let view = buffer::Guard::new(data, PyBUF_SIMPLE)?;
        Input::from_bytes(view.as_slice())
    };
    let mut memo = Memo::default();
    Load::new(input, &opts, &mut memo, null_mut()).run()
});

builtin!(pub pickle_load, |args, kws| {
    let [file, f, e, r, b] = bind(
        "load",
        args,
        &kws,
        ["file", KEYWORDS[0], KEYWORDS[1], KEYWORDS[2], KEYWORDS[3]],
        1,
        1,
    )?;
    let opts = options(&[f, e, r, b])?;
    let input = Input::from_file(file_methods(file.unwrap())?);
    let mut memo = Memo::default();
    Load::new(input, &opts, &mut memo, null_mut()).run()
});

/// The state of an `Unpickler`: what `__init__` set up (None before it
/// ran), and the memo kept from one `load` to the next.
#[repr(C)]
#[derive(Default)]
pub struct Unpickler {
    file: Option<FileMethods>,
    options: Option<Options>,
    memo: Memo,
    /// The protocol of the pickle being loaded (for `find_class`).
    proto: u8,
}

/// Records the protocol a load through `owner` (an `Unpickler`) found.
pub unsafe fn set_proto(owner: *mut PyObject, proto: u8) {
    // SAFETY: as the caller promises.
    unsafe { state(owner).proto = proto }
}

impl State for Unpickler {
    fn traverse(&self, v: Visit) -> c_int {
        let mut refs: Vec<*mut PyObject> = Vec::new();
        if let Some(f) = &self.file {
            refs.extend([f.read.as_ptr(), f.readline.as_ptr()]);
        }
        if let Some(b) = self.options.as_ref().and_then(|o| o.buffers.as_ref()) {
            refs.push(b.as_ptr());
        }
        refs.extend(self.memo.values().map(Owned::as_ptr));
        refs.into_iter().map(v).find(|&r| r != 0).unwrap_or(0)
    }
    fn clear(&mut self) {
        self.file = None;
        self.options = None;
        self.memo = Memo::default();
    }
}

/// `_pickle.Unpickler`.
pub static mut UNPICKLER_TYPE: PyTypeObject = PyTypeObject {
    tp_doc: c"Unpickler(file, *, fix_imports=True, encoding='ASCII', errors='strict', buffers=())\n--\n\nReads pickled objects back from a binary file (read and readline methods).".as_ptr(),
    tp_new: Some(objtype::new_default::<Unpickler>),
    tp_init: Some(unpickler_init),
    tp_methods: (&raw const METHODS).cast_mut().cast(),
    tp_getset: (&raw const GETSET).cast_mut().cast(),
    ..objtype::gc_type::<Unpickler>(c"_pickle.Unpickler", Py_TPFLAGS_BASETYPE)
};

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static GETSET: [PyGetSetDef; 2] = [
    crate::object::descr::getset(
        c"memo",
        Some(super::memo_proxy::unpickler_memo_get),
        Some(super::memo_proxy::unpickler_memo_set),
    ),
    crate::object::descr::GETSET_END,
];

static METHODS: [PyMethodDef; 4] = [
    method(c"load", unpickler_load as *const c_void, FK),
    method(
        c"persistent_load",
        unpickler_persistent_load as *const c_void,
        FK,
    ),
    method(c"find_class", unpickler_find_class as *const c_void, FK),
    METHOD_END,
];

unsafe fn state<'a>(op: *mut PyObject) -> &'a mut Unpickler {
    // SAFETY: op is an Unpickler (or subclass instance).
    unsafe { objtype::state::<Unpickler>(op) }
}

/// The memo of `op`, an `Unpickler` (empty while a `load` runs).
///
/// # Safety
/// `op` is a live `Unpickler`; the reference must not outlive it.
pub unsafe fn memo_of<'a>(op: *mut PyObject) -> &'a mut Memo {
    // SAFETY: as the caller promises.
    unsafe { &mut state(op).memo }
}

unsafe extern "C" fn unpickler_init(
    slf: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: args a tuple, kwds NULL or a dict; slf an Unpickler.
        unsafe {
            let [file, f, e, r, b] = objtype::parse(
                "Unpickler",
                args,
                kwds,
                ["file", KEYWORDS[0], KEYWORDS[1], KEYWORDS[2], KEYWORDS[3]],
                1,
                1,
            )?;
            let some = |p: *mut PyObject| (!p.is_null()).then_some(p);
            let opts = options(&[some(f), some(e), some(r), some(b)])?;
            let methods = file_methods(file)?;
            let st = state(slf);
            st.file = Some(methods);
            st.options = Some(opts);
            st.memo = Memo::default();
            Ok(())
        }
    })
}

builtin!(unpickler_load, |slf, args, kws| {
    crate::modules::args::arity("load", args, 0, 0)?;
    crate::modules::args::no_kwargs("load", &kws)?;
    let st = state(slf);
    let (Some(file), Some(opts)) = (&st.file, &st.options) else {
        return Err(super::unpickling_error(&format!(
            "Unpickler.__init__() was not called by {}.__init__()",
            crate::object::typeobj::type_name(slf)
        )));
    };
    let input = Input::from_file(FileMethods {
        read: file.read.clone(),
        readline: file.readline.clone(),
    });
    // The memo moves out while Python code runs (find_class and the like
    // may load again through this unpickler), and back in afterwards.
    let opts = Options {
        fix_imports: opts.fix_imports,
        encoding: opts.encoding.clone(),
        errors: opts.errors.clone(),
        buffers: opts.buffers.clone(),
    };
    let mut memo = std::mem::take(&mut st.memo);
    st.proto = 0;
    let r = Load::new(input, &opts, &mut memo, slf).run();
    state(slf).memo = memo;
    r
});

builtin!(unpickler_find_class, |slf, args, kws| {
    crate::modules::args::no_kwargs("find_class", &kws)?;
    crate::modules::args::arity("find_class", args, 2, 2)?;
    let st = state(slf);
    let fix = st.options.as_ref().is_none_or(|o| o.fix_imports);
    find_class(args[0], args[1], st.proto, fix)
});

builtin!(unpickler_persistent_load, |slf, args, kws| {
    crate::modules::args::no_kwargs("persistent_load", &kws)?;
    crate::modules::args::arity("persistent_load", args, 1, 1)?;
    Err::<Owned, _>(super::unpickler::no_persistent_load())
});
