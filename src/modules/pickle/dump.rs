//! The Python face of pickling: `_pickle.dumps`, `_pickle.dump` and the
//! `_pickle.Pickler` type (CPython's `_pickle_dumps_impl`,
//! `_pickle_dump_impl` and `PicklerObject`).
use super::pickler::{Dump, PickleMemo, Settings};
use crate::capi::boundary::guard_status;
use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::modules::objtype::{self, meth_noargs, State, Visit};
use crate::object::descr::{method, METHOD_END};
use crate::object::{bytes, int, none, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};

/// `pickle.DEFAULT_PROTOCOL` of the standard library in use (3.13's).
const DEFAULT_PROTOCOL: u8 = 4;

/// The protocol number asked for: None is the default, a negative one
/// the highest.
unsafe fn protocol_arg(p: Option<*mut PyObject>) -> PyResult<u8> {
    let Some(p) = p.filter(|&p| p != none::none()) else {
        return Ok(DEFAULT_PROTOCOL);
    };
    // SAFETY: p is live.
    let v = unsafe { int::as_i64(crate::object::number::index(p)?.as_ptr())? };
    if v < 0 {
        Ok(super::opcodes::HIGHEST_PROTOCOL)
    } else if v > super::opcodes::HIGHEST_PROTOCOL as i64 {
        Err(errors::value_error(format!(
            "pickle protocol must be <= {}",
            super::opcodes::HIGHEST_PROTOCOL
        )))
    } else {
        Ok(v as u8)
    }
}

/// The settings `dump`, `dumps` and `Pickler()` share.
unsafe fn settings(
    proto: Option<*mut PyObject>,
    fix_imports: Option<*mut PyObject>,
    buffer_callback: Option<*mut PyObject>,
) -> PyResult<Settings> {
    // SAFETY: the objects are live.
    unsafe {
        let proto = protocol_arg(proto)?;
        let fix = match fix_imports {
            Some(f) => protocol::is_true(f)?,
            None => true,
        };
        let cb = buffer_callback.filter(|&b| b != none::none());
        if cb.is_some() && proto < 5 {
            return Err(errors::value_error("buffer_callback needs protocol >= 5"));
        }
        Ok(Settings {
            proto,
            fix_imports: fix && proto < 3,
            buffer_callback: cb.map(|b| Owned::from_borrowed(b)),
            persistent_id: None,
            reducer_override: None,
            dispatch_table: None,
            fast: false,
        })
    }
}

/// The pickle of `obj` as a bytes object.
unsafe fn pickle_bytes(obj: *mut PyObject, s: &Settings, memo: &mut PickleMemo) -> PyResult<Owned> {
    let mut d = Dump::new(s, memo);
    // SAFETY: obj live.
    unsafe { d.dump(obj)? };
    bytes::from_slice(&d.out)
}

/// Pickles `obj` to the file whose `write` is given, frame by frame.
unsafe fn pickle_to_file(
    obj: *mut PyObject,
    s: &Settings,
    memo: &mut PickleMemo,
    write: *mut PyObject,
) -> PyResult<()> {
    let mut d = Dump::to_file(s, memo, write);
    // SAFETY: obj and write live.
    unsafe {
        d.dump(obj)?;
        d.flush()
    }
}

builtin!(pub pickle_dumps, |args, kws| {
    let [obj, p, f, b] = bind(
        "dumps",
        args,
        &kws,
        ["obj", "protocol", "fix_imports", "buffer_callback"],
        2,
        1,
    )?;
    let s = settings(p, f, b)?;
    pickle_bytes(obj.unwrap(), &s, &mut PickleMemo::default())
});

builtin!(pub pickle_dump, |args, kws| {
    let [obj, file, p, f, b] = bind(
        "dump",
        args,
        &kws,
        ["obj", "file", "protocol", "fix_imports", "buffer_callback"],
        3,
        2,
    )?;
    let write = file_write(file.unwrap())?;
    let s = settings(p, f, b)?;
    pickle_to_file(obj.unwrap(), &s, &mut PickleMemo::default(), write.as_ptr())?;
    Ok(Owned::from_borrowed_static(none::none()))
});

/// The `write` method of `file`.
unsafe fn file_write(file: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: file live.
    match unsafe { protocol::getattr_opt(file, crate::interned!("write"))? } {
        Some(w) => Ok(w),
        None => Err(errors::type_error("file must have a 'write' attribute")),
    }
}

/// The state of a `Pickler`: what `__init__` set up, the memo kept from
/// one `dump` to the next, and the instance dict (which holds
/// `dispatch_table`, `fast` and the like when set on the instance).
#[repr(C)]
#[derive(Default)]
pub struct Pickler {
    write: Option<Owned>,
    settings: Option<Settings>,
    memo: PickleMemo,
    dict: Option<Owned>,
}

impl State for Pickler {
    fn traverse(&self, v: Visit) -> c_int {
        let mut refs: Vec<*mut PyObject> = Vec::new();
        refs.extend(self.write.as_ref().map(Owned::as_ptr));
        if let Some(cb) = self
            .settings
            .as_ref()
            .and_then(|s| s.buffer_callback.as_ref())
        {
            refs.push(cb.as_ptr());
        }
        refs.extend(self.memo.values().map(Owned::as_ptr));
        refs.extend(self.dict.as_ref().map(Owned::as_ptr));
        refs.into_iter().map(v).find(|&r| r != 0).unwrap_or(0)
    }
    fn clear(&mut self) {
        self.write = None;
        self.settings = None;
        self.memo.clear();
        self.dict = None;
    }
}

/// `_pickle.Pickler`.
pub static mut PICKLER_TYPE: PyTypeObject = PyTypeObject {
    tp_doc: c"Pickler(file, protocol=None, fix_imports=True, buffer_callback=None)\n--\n\nWrites pickles of objects to a binary file (any object with a write method).".as_ptr(),
    tp_new: Some(objtype::new_default::<Pickler>),
    tp_init: Some(pickler_init),
    tp_methods: (&raw const METHODS).cast_mut().cast(),
    tp_getattro: Some(crate::object::object::PyObject_GenericGetAttr),
    tp_setattro: Some(crate::object::object::PyObject_GenericSetAttr),
    tp_getset: (&raw const GETSET).cast_mut().cast(),
    tp_dictoffset: std::mem::offset_of!(objtype::Obj<Pickler>, state.dict) as Py_ssize_t,
    ..objtype::gc_type::<Pickler>(c"_pickle.Pickler", Py_TPFLAGS_BASETYPE)
};

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static GETSET: [PyGetSetDef; 3] = [
    crate::object::descr::getset(
        c"__dict__",
        Some(crate::object::object::PyObject_GenericGetDict),
        Some(crate::object::object::PyObject_GenericSetDict),
    ),
    crate::object::descr::getset(
        c"memo",
        Some(super::memo_proxy::pickler_memo_get),
        Some(super::memo_proxy::pickler_memo_set),
    ),
    crate::object::descr::GETSET_END,
];

static METHODS: [PyMethodDef; 4] = [
    PyMethodDef {
        ml_doc: c"dump($self, obj, /)\n--\n\nPickle obj and write the data to the file.".as_ptr(),
        ..method(c"dump", pickler_dump as *const c_void, METH_O)
    },
    method(
        c"clear_memo",
        pickler_clear_memo as *const c_void,
        METH_NOARGS,
    ),
    method(c"persistent_id", pickler_persistent_id as *const c_void, FK),
    METHOD_END,
];

unsafe fn state<'a>(op: *mut PyObject) -> &'a mut Pickler {
    // SAFETY: op is a Pickler (or subclass instance).
    unsafe { objtype::state::<Pickler>(op) }
}

/// The memo of `op`, a `Pickler` (empty while a `dump` runs).
///
/// # Safety
/// `op` is a live `Pickler`; the reference must not outlive it.
pub unsafe fn memo_of<'a>(op: *mut PyObject) -> &'a mut PickleMemo {
    // SAFETY: as the caller promises.
    unsafe { &mut state(op).memo }
}

unsafe extern "C" fn pickler_init(
    slf: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: args a tuple, kwds NULL or a dict; slf a Pickler.
        unsafe {
            let [file, p, f, b] = objtype::parse(
                "Pickler",
                args,
                kwds,
                ["file", "protocol", "fix_imports", "buffer_callback"],
                0,
                1,
            )?;
            let some = |p: *mut PyObject| (!p.is_null()).then_some(p);
            let s = settings(some(p), some(f), some(b))?;
            let w = file_write(file)?;
            let st = state(slf);
            st.write = Some(w);
            st.settings = Some(s);
            st.memo.clear();
            Ok(())
        }
    })
}

/// The hooks of `slf` for one dump: an overriding `persistent_id`, a
/// `reducer_override`, a `dispatch_table`, and `fast`.
unsafe fn hooks(slf: *mut PyObject, base: &Settings) -> PyResult<Settings> {
    // SAFETY: slf is a Pickler.
    unsafe {
        let opt = |name: &str| protocol::getattr_opt(slf, pystr::intern(name));
        let fast = match opt("fast")? {
            Some(f) => protocol::is_true(f.as_ptr())?,
            None => false,
        };
        Ok(Settings {
            proto: base.proto,
            fix_imports: base.fix_imports,
            buffer_callback: base.buffer_callback.clone(),
            persistent_id: opt("persistent_id")?,
            reducer_override: opt("reducer_override")?,
            dispatch_table: opt("dispatch_table")?.filter(|d| d.as_ptr() != none::none()),
            fast,
        })
    }
}

crate::modules::objtype::meth_o!(pickler_dump, |slf, obj| {
    let st = state(slf);
    let (Some(write), Some(base)) = (st.write.clone(), st.settings.as_ref()) else {
        return Err(super::pickling_error(&format!(
            "Pickler.__init__() was not called by {}.__init__()",
            crate::object::typeobj::type_name(slf)
        )));
    };
    let s = hooks(slf, base)?;
    // The memo moves out while Python code runs (hooks may dump again
    // through this pickler), and back in afterwards.
    let mut memo = std::mem::take(&mut state(slf).memo);
    let r = pickle_to_file(obj, &s, &mut memo, write.as_ptr());
    state(slf).memo = memo;
    r?;
    Ok(Owned::from_borrowed_static(none::none()))
});

meth_noargs!(pickler_clear_memo, |slf| {
    state(slf).memo.clear();
    Ok::<_, errors::Raised>(Owned::from_borrowed_static(none::none()))
});

builtin!(pickler_persistent_id, |slf, args, kws| {
    crate::modules::args::no_kwargs("persistent_id", &kws)?;
    crate::modules::args::arity("persistent_id", args, 1, 1)?;
    Ok::<_, errors::Raised>(Owned::from_borrowed_static(none::none()))
});
