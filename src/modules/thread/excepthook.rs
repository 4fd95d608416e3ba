//! `_thread._excepthook` and `_thread._ExceptHookArgs`: the default
//! `threading.excepthook`, which reports an exception that escaped a
//! thread's `run()` on `sys.stderr`.
use crate::ffi::*;
use crate::modules::args::{arity, builtin};
use crate::object::exceptions::{self as exc, display};
use crate::object::structseq::{self, PyStructSequence_Desc, PyStructSequence_Field};
use crate::object::{int, none, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::tstate;
use crate::Owned;
use std::ptr::null;

const fn field(name: &'static std::ffi::CStr) -> PyStructSequence_Field {
    PyStructSequence_Field {
        name: name.as_ptr(),
        doc: null(),
    }
}

static mut FIELDS: [PyStructSequence_Field; 5] = [
    field(c"exc_type"),
    field(c"exc_value"),
    field(c"exc_traceback"),
    field(c"thread"),
    PyStructSequence_Field {
        name: null(),
        doc: null(),
    },
];

static mut DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"_thread._ExceptHookArgs".as_ptr(),
    doc: null(),
    fields: (&raw mut FIELDS).cast(),
    n_in_sequence: 4,
};

/// A new `_ExceptHookArgs` type (one per `_thread` module).
pub fn args_type() -> PyResult<Owned> {
    // SAFETY: the description is static.
    unsafe { structseq::new_type(&raw mut DESC) }
}

/// Writes `text` to the file object `file` and flushes it.
unsafe fn write(file: *mut PyObject, text: &str) -> PyResult<()> {
    // SAFETY: file is a live object.
    unsafe {
        let s = pystr::from_str(text)?;
        protocol::call_method_obj(file, "write", &[s.as_ptr()])?;
        protocol::call_method_obj(file, "flush", &[])?;
    }
    Ok(())
}

builtin!(pub(super) thread_excepthook, |args, kws| {
    arity("_excepthook", args, 1, 1)?;
    let a = args[0];
    let tp = (*a).ob_type;
    if !crate::object::tuple::check(a)
        || crate::object::tuple::size(a) < 4
        || crate::object::typeobj::short_name(tp) != "_ExceptHookArgs"
    {
        return Err(errors::type_error(
            "_thread.excepthook argument type must be ExceptHookArgs",
        ));
    }
    let exc_type = structseq::get_item(a, 0);
    let exc_value = structseq::get_item(a, 1);
    let thread = structseq::get_item(a, 3);
    if exc_type == exc::PyExc_SystemExit {
        // Silently ignore SystemExit, as CPython does.
        return Ok(Owned::from_borrowed_static(none::none()));
    }
    let stderr = crate::modules::sys::get("stderr");
    let file = if !stderr.is_null() && stderr != none::none() {
        Owned::from_borrowed(stderr)
    } else {
        // sys.stderr is gone (late in shutdown): use the copy the thread
        // saved, if any.
        if thread == none::none() {
            return Ok(Owned::from_borrowed_static(none::none()));
        }
        let f = protocol::getattr_str(thread, "_stderr")?;
        if f.as_ptr() == none::none() {
            return Ok(Owned::from_borrowed_static(none::none()));
        }
        f
    };
    report(file.as_ptr(), thread, exc_value)?;
    Ok(Owned::from_borrowed_static(none::none()))
});

/// "Exception in thread NAME:" and the traceback of `exc_value`.
unsafe fn report(
    file: *mut PyObject,
    thread: *mut PyObject,
    exc_value: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: the arguments are live objects.
    unsafe {
        let name = if thread == none::none() {
            None
        } else {
            match protocol::getattr_str(thread, "name") {
                Ok(n) if pystr::check(n.as_ptr()) => Some(pystr::as_str(n.as_ptr())?.to_owned()),
                Ok(_) => None,
                Err(_) => {
                    errors::clear();
                    None
                }
            }
        };
        let name = match name {
            Some(n) => n,
            None => int::from_u64(tstate::thread_ident())
                .and_then(|i| protocol::repr_string(i.as_ptr()))?,
        };
        write(file, &format!("Exception in thread {name}:\n"))?;
        if exc::is_instance(exc_value) {
            write(file, &display::format_exception(exc_value))?;
        }
    }
    Ok(())
}
