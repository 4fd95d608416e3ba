//! The builtin exception hierarchy (`Objects/exceptions.c`): a static type
//! per exception, exported as the `PyExc_*` pointers, with `BaseException`'s
//! behaviour (args, str/repr, traceback/context/cause attributes), the
//! generic parts of the extended layouts ([`ExcLayout`]), and creating
//! exceptions for the error indicator ([`instantiate`], [`create`]).
//!
//! The submodules hold what has its own layout or logic: `oserror`
//! (errno subclasses), `syntax`, `unicode` (the three Unicode errors and
//! their C accessors), `fields` (StopIteration, SystemExit, ImportError,
//! NameError, AttributeError, KeyError's str), `group` (exception groups,
//! `except*`), `methods` (BaseException's methods), `display` (printing as
//! `traceback.py` does) and `suggestions` ("Did you mean").
use crate::capi::boundary::{guard, guard_obj, guard_status};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::{self, type_template};
use crate::object::{bytes, dict, int, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

pub mod display;
mod fields;
pub mod group;
mod methods;
pub mod oserror;
pub mod suggestions;
mod syntax;
pub mod unicode;

#[cfg(test)]
mod tests;

/// The exception type template for layout `T`: `BaseException`'s slots are
/// inherited through `tp_base` by `PyType_Ready`; types with their own
/// layout set their own slots on top.
const fn exc_layout<T: ExcLayout>(
    name: &'static std::ffi::CStr,
    base: *mut PyTypeObject,
    doc: &'static std::ffi::CStr,
) -> PyTypeObject {
    PyTypeObject {
        tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_BASE_EXC_SUBCLASS | Py_TPFLAGS_HAVE_GC,
        tp_base: base,
        tp_doc: doc.as_ptr(),
        tp_dictoffset: std::mem::offset_of!(PyBaseExceptionObject, dict) as Py_ssize_t,
        ..type_template(name, std::mem::size_of::<T>(), 0)
    }
}

/// The template of an exception with `BaseException`'s layout.
const fn exc_type(
    name: &'static std::ffi::CStr,
    base: *mut PyTypeObject,
    doc: &'static std::ffi::CStr,
) -> PyTypeObject {
    exc_layout::<PyBaseExceptionObject>(name, base, doc)
}

/// An exception instance layout: the offsets of the object fields it adds
/// to `PyException_HEAD` (cleared, traversed and released generically).
pub trait ExcLayout {
    /// Offsets of the owned `PyObject *` fields after the head.
    const FIELDS: &'static [usize];
}

impl ExcLayout for PyBaseExceptionObject {
    const FIELDS: &'static [usize] = &[];
}

/// A `PyMemberDef` for an object field of an exception (`Py_T_OBJECT`:
/// NULL reads as None).
pub(crate) const fn member(
    name: &'static std::ffi::CStr,
    offset: usize,
    flags: c_int,
    doc: &'static std::ffi::CStr,
) -> PyMemberDef {
    PyMemberDef {
        name: name.as_ptr(),
        r#type: _Py_T_OBJECT,
        offset: offset as Py_ssize_t,
        flags,
        doc: doc.as_ptr(),
    }
}

/// The end marker of a `PyMemberDef` table.
pub(crate) const MEMBER_END: PyMemberDef = PyMemberDef {
    name: std::ptr::null(),
    r#type: 0,
    offset: 0,
    flags: 0,
    doc: std::ptr::null(),
};

/// `BaseException`.
#[no_mangle]
pub static mut _PyExc_BaseException: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(exc_dealloc::<PyBaseExceptionObject>),
    tp_repr: Some(exc_repr),
    tp_str: Some(exc_str),
    tp_traverse: Some(exc_traverse::<PyBaseExceptionObject>),
    tp_clear: Some(exc_clear::<PyBaseExceptionObject>),
    tp_init: Some(exc_init),
    tp_new: Some(exc_new),
    tp_getset: (&raw const EXC_GETSET).cast_mut().cast(),
    tp_methods: (&raw const methods::EXC_METHODS).cast_mut().cast(),
    tp_members: (&raw const EXC_MEMBERS).cast_mut().cast(),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_getattro: Some(crate::object::object::PyObject_GenericGetAttr),
    tp_setattro: Some(crate::object::object::PyObject_GenericSetAttr),
    ..exc_type(
        c"BaseException",
        null_mut(),
        c"The root of the exception hierarchy.",
    )
};

static EXC_GETSET: [PyGetSetDef; 6] = [
    crate::object::descr::getset(c"args", Some(get_args), Some(set_args)),
    crate::object::descr::getset(c"__traceback__", Some(get_traceback), Some(set_traceback)),
    crate::object::descr::getset(c"__context__", Some(get_context), Some(set_context))
        .with_doc(c"The exception being handled when this one was raised, if any."),
    crate::object::descr::getset(c"__cause__", Some(get_cause), Some(set_cause))
        .with_doc(c"The exception given by raise ... from ..., if any."),
    crate::object::descr::getset(
        c"__dict__",
        Some(crate::object::object::PyObject_GenericGetDict),
        Some(crate::object::object::PyObject_GenericSetDict),
    ),
    crate::object::descr::GETSET_END,
];

/// `__suppress_context__`: a bool member, as in CPython (assigning a
/// non-bool is a TypeError).
static EXC_MEMBERS: [PyMemberDef; 2] = [
    PyMemberDef {
        name: c"__suppress_context__".as_ptr(),
        r#type: Py_T_BOOL,
        offset: std::mem::offset_of!(PyBaseExceptionObject, suppress_context) as Py_ssize_t,
        flags: 0,
        doc: std::ptr::null(),
    },
    MEMBER_END,
];

/// `PyExc_BaseException`.
#[no_mangle]
pub static mut PyExc_BaseException: *mut PyObject = (&raw mut _PyExc_BaseException).cast();

/// `Exception`.
#[no_mangle]
pub static mut _PyExc_Exception: PyTypeObject = exc_type(
    c"Exception",
    &raw mut _PyExc_BaseException,
    c"The base of the exceptions a program is expected to handle (not exits or interrupts).",
);
/// `PyExc_Exception`.
#[no_mangle]
pub static mut PyExc_Exception: *mut PyObject = (&raw mut _PyExc_Exception).cast();
/// `BaseExceptionGroup`.
#[no_mangle]
pub static mut _PyExc_BaseExceptionGroup: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(exc_dealloc::<PyBaseExceptionGroupObject>),
    tp_traverse: Some(exc_traverse::<PyBaseExceptionGroupObject>),
    tp_clear: Some(exc_clear::<PyBaseExceptionGroupObject>),
    tp_new: Some(group::new),
    tp_str: Some(group::str),
    tp_members: (&raw const group::MEMBERS).cast_mut().cast(),
    tp_methods: (&raw const group::METHODS).cast_mut().cast(),
    ..exc_layout::<PyBaseExceptionGroupObject>(
        c"BaseExceptionGroup",
        &raw mut _PyExc_BaseException,
        c"Several unrelated exceptions raised together (except*).",
    )
};
/// `PyExc_BaseExceptionGroup`.
#[no_mangle]
pub static mut PyExc_BaseExceptionGroup: *mut PyObject =
    (&raw mut _PyExc_BaseExceptionGroup).cast();
/// `ExceptionGroup(BaseExceptionGroup, Exception)`: two bases, set in
/// `tp_bases` before `PyType_Ready` computes the C3 MRO. Not a C symbol:
/// CPython exports no `PyExc_ExceptionGroup` either.
pub static mut _PyExc_ExceptionGroup: PyTypeObject = PyTypeObject {
    // SAFETY: only the address of the static's field is taken.
    tp_bases: unsafe { (&raw mut group::EXCEPTION_GROUP_BASES.object).cast() },
    tp_doc: std::ptr::null(),
    ..exc_layout::<PyBaseExceptionGroupObject>(
        c"ExceptionGroup",
        &raw mut _PyExc_BaseExceptionGroup,
        c"",
    )
};
/// `ExceptionGroup` as an object pointer.
pub static mut PyExc_ExceptionGroup: *mut PyObject = (&raw mut _PyExc_ExceptionGroup).cast();
/// `GeneratorExit`.
#[no_mangle]
pub static mut _PyExc_GeneratorExit: PyTypeObject = exc_type(
    c"GeneratorExit",
    &raw mut _PyExc_BaseException,
    c"Raised inside a generator or coroutine when it is closed.",
);
/// `PyExc_GeneratorExit`.
#[no_mangle]
pub static mut PyExc_GeneratorExit: *mut PyObject = (&raw mut _PyExc_GeneratorExit).cast();
/// `KeyboardInterrupt`.
#[no_mangle]
pub static mut _PyExc_KeyboardInterrupt: PyTypeObject = exc_type(
    c"KeyboardInterrupt",
    &raw mut _PyExc_BaseException,
    c"The user interrupted the program (SIGINT, usually Ctrl-C).",
);
/// `PyExc_KeyboardInterrupt`.
#[no_mangle]
pub static mut PyExc_KeyboardInterrupt: *mut PyObject = (&raw mut _PyExc_KeyboardInterrupt).cast();
/// `SystemExit`.
#[no_mangle]
pub static mut _PyExc_SystemExit: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(exc_dealloc::<PySystemExitObject>),
    tp_traverse: Some(exc_traverse::<PySystemExitObject>),
    tp_clear: Some(exc_clear::<PySystemExitObject>),
    tp_init: Some(fields::system_exit_init),
    tp_members: (&raw const fields::SYSTEM_EXIT_MEMBERS).cast_mut().cast(),
    ..exc_layout::<PySystemExitObject>(
        c"SystemExit",
        &raw mut _PyExc_BaseException,
        c"Raised by sys.exit(); leaves the interpreter unless caught.",
    )
};
/// `PyExc_SystemExit`.
#[no_mangle]
pub static mut PyExc_SystemExit: *mut PyObject = (&raw mut _PyExc_SystemExit).cast();
/// `ArithmeticError`.
#[no_mangle]
pub static mut _PyExc_ArithmeticError: PyTypeObject = exc_type(
    c"ArithmeticError",
    &raw mut _PyExc_Exception,
    c"The base of the errors numeric operations raise.",
);
/// `PyExc_ArithmeticError`.
#[no_mangle]
pub static mut PyExc_ArithmeticError: *mut PyObject = (&raw mut _PyExc_ArithmeticError).cast();
/// `FloatingPointError`.
#[no_mangle]
pub static mut _PyExc_FloatingPointError: PyTypeObject = exc_type(
    c"FloatingPointError",
    &raw mut _PyExc_ArithmeticError,
    c"A floating-point operation went wrong.",
);
/// `PyExc_FloatingPointError`.
#[no_mangle]
pub static mut PyExc_FloatingPointError: *mut PyObject =
    (&raw mut _PyExc_FloatingPointError).cast();
/// `OverflowError`.
#[no_mangle]
pub static mut _PyExc_OverflowError: PyTypeObject = exc_type(
    c"OverflowError",
    &raw mut _PyExc_ArithmeticError,
    c"A numeric result does not fit its representation.",
);
/// `PyExc_OverflowError`.
#[no_mangle]
pub static mut PyExc_OverflowError: *mut PyObject = (&raw mut _PyExc_OverflowError).cast();
/// `ZeroDivisionError`.
#[no_mangle]
pub static mut _PyExc_ZeroDivisionError: PyTypeObject = exc_type(
    c"ZeroDivisionError",
    &raw mut _PyExc_ArithmeticError,
    c"Division or modulo by zero.",
);
/// `PyExc_ZeroDivisionError`.
#[no_mangle]
pub static mut PyExc_ZeroDivisionError: *mut PyObject = (&raw mut _PyExc_ZeroDivisionError).cast();
/// `AssertionError`.
#[no_mangle]
pub static mut _PyExc_AssertionError: PyTypeObject = exc_type(
    c"AssertionError",
    &raw mut _PyExc_Exception,
    c"An assert statement's test was false.",
);
/// `PyExc_AssertionError`.
#[no_mangle]
pub static mut PyExc_AssertionError: *mut PyObject = (&raw mut _PyExc_AssertionError).cast();
/// `AttributeError`.
#[no_mangle]
pub static mut _PyExc_AttributeError: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(exc_dealloc::<PyAttributeErrorObject>),
    tp_traverse: Some(exc_traverse::<PyAttributeErrorObject>),
    tp_clear: Some(exc_clear::<PyAttributeErrorObject>),
    tp_init: Some(fields::attribute_error_init),
    tp_members: (&raw const fields::ATTRIBUTE_ERROR_MEMBERS)
        .cast_mut()
        .cast(),
    tp_methods: (&raw const fields::ATTRIBUTE_ERROR_METHODS)
        .cast_mut()
        .cast(),
    ..exc_layout::<PyAttributeErrorObject>(
        c"AttributeError",
        &raw mut _PyExc_Exception,
        c"The object has no attribute of that name.",
    )
};
/// `PyExc_AttributeError`.
#[no_mangle]
pub static mut PyExc_AttributeError: *mut PyObject = (&raw mut _PyExc_AttributeError).cast();
/// `BufferError`.
#[no_mangle]
pub static mut _PyExc_BufferError: PyTypeObject =
    exc_type(c"BufferError", &raw mut _PyExc_Exception, c"Buffer error.");
/// `PyExc_BufferError`.
#[no_mangle]
pub static mut PyExc_BufferError: *mut PyObject = (&raw mut _PyExc_BufferError).cast();
/// `EOFError`.
#[no_mangle]
pub static mut _PyExc_EOFError: PyTypeObject = exc_type(
    c"EOFError",
    &raw mut _PyExc_Exception,
    c"Input ended before the data asked for.",
);
/// `PyExc_EOFError`.
#[no_mangle]
pub static mut PyExc_EOFError: *mut PyObject = (&raw mut _PyExc_EOFError).cast();
/// `ImportError`.
#[no_mangle]
pub static mut _PyExc_ImportError: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(exc_dealloc::<PyImportErrorObject>),
    tp_traverse: Some(exc_traverse::<PyImportErrorObject>),
    tp_clear: Some(exc_clear::<PyImportErrorObject>),
    tp_init: Some(fields::import_error_init),
    tp_str: Some(fields::import_error_str),
    tp_members: (&raw const fields::IMPORT_ERROR_MEMBERS).cast_mut().cast(),
    tp_methods: (&raw const fields::IMPORT_ERROR_METHODS).cast_mut().cast(),
    ..exc_layout::<PyImportErrorObject>(
        c"ImportError",
        &raw mut _PyExc_Exception,
        c"An import failed: the module, or a name in it, could not be loaded.",
    )
};
/// `PyExc_ImportError`.
#[no_mangle]
pub static mut PyExc_ImportError: *mut PyObject = (&raw mut _PyExc_ImportError).cast();
/// `ModuleNotFoundError`.
#[no_mangle]
pub static mut _PyExc_ModuleNotFoundError: PyTypeObject = PyTypeObject {
    ..exc_layout::<PyImportErrorObject>(
        c"ModuleNotFoundError",
        &raw mut _PyExc_ImportError,
        c"No module of that name could be found.",
    )
};
/// `PyExc_ModuleNotFoundError`.
#[no_mangle]
pub static mut PyExc_ModuleNotFoundError: *mut PyObject =
    (&raw mut _PyExc_ModuleNotFoundError).cast();
/// `LookupError`.
#[no_mangle]
pub static mut _PyExc_LookupError: PyTypeObject = exc_type(
    c"LookupError",
    &raw mut _PyExc_Exception,
    c"The base of the errors for a missing key or index.",
);
/// `PyExc_LookupError`.
#[no_mangle]
pub static mut PyExc_LookupError: *mut PyObject = (&raw mut _PyExc_LookupError).cast();
/// `IndexError`.
#[no_mangle]
pub static mut _PyExc_IndexError: PyTypeObject = exc_type(
    c"IndexError",
    &raw mut _PyExc_LookupError,
    c"An index beyond the end of a sequence.",
);
/// `PyExc_IndexError`.
#[no_mangle]
pub static mut PyExc_IndexError: *mut PyObject = (&raw mut _PyExc_IndexError).cast();
/// `KeyError`.
#[no_mangle]
pub static mut _PyExc_KeyError: PyTypeObject = PyTypeObject {
    tp_str: Some(fields::key_error_str),
    ..exc_layout::<PyBaseExceptionObject>(
        c"KeyError",
        &raw mut _PyExc_LookupError,
        c"The key is not in the mapping.",
    )
};
/// `PyExc_KeyError`.
#[no_mangle]
pub static mut PyExc_KeyError: *mut PyObject = (&raw mut _PyExc_KeyError).cast();
/// `MemoryError`.
#[no_mangle]
pub static mut _PyExc_MemoryError: PyTypeObject =
    exc_type(c"MemoryError", &raw mut _PyExc_Exception, c"Out of memory.");
/// `PyExc_MemoryError`.
#[no_mangle]
pub static mut PyExc_MemoryError: *mut PyObject = (&raw mut _PyExc_MemoryError).cast();
/// `NameError`.
#[no_mangle]
pub static mut _PyExc_NameError: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(exc_dealloc::<PyNameErrorObject>),
    tp_traverse: Some(exc_traverse::<PyNameErrorObject>),
    tp_clear: Some(exc_clear::<PyNameErrorObject>),
    tp_init: Some(fields::name_error_init),
    tp_members: (&raw const fields::NAME_ERROR_MEMBERS).cast_mut().cast(),
    ..exc_layout::<PyNameErrorObject>(
        c"NameError",
        &raw mut _PyExc_Exception,
        c"A name that is bound neither locally, globally nor as a builtin.",
    )
};
/// `PyExc_NameError`.
#[no_mangle]
pub static mut PyExc_NameError: *mut PyObject = (&raw mut _PyExc_NameError).cast();
/// `UnboundLocalError`.
#[no_mangle]
pub static mut _PyExc_UnboundLocalError: PyTypeObject = PyTypeObject {
    ..exc_layout::<PyNameErrorObject>(
        c"UnboundLocalError",
        &raw mut _PyExc_NameError,
        c"A local variable was read before it was assigned.",
    )
};
/// `PyExc_UnboundLocalError`.
#[no_mangle]
pub static mut PyExc_UnboundLocalError: *mut PyObject = (&raw mut _PyExc_UnboundLocalError).cast();
/// `OSError`.
#[no_mangle]
pub static mut _PyExc_OSError: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(exc_dealloc::<PyOSErrorObject>),
    tp_traverse: Some(exc_traverse::<PyOSErrorObject>),
    tp_clear: Some(exc_clear::<PyOSErrorObject>),
    tp_new: Some(oserror::new),
    tp_init: Some(oserror::init),
    tp_str: Some(oserror::str),
    tp_members: (&raw const oserror::MEMBERS).cast_mut().cast(),
    tp_getset: (&raw const oserror::GETSET).cast_mut().cast(),
    tp_methods: (&raw const oserror::METHODS).cast_mut().cast(),
    ..exc_layout::<PyOSErrorObject>(
        c"OSError",
        &raw mut _PyExc_Exception,
        c"An error reported by the operating system (errno, strerror, filename).",
    )
};
/// `PyExc_OSError`.
#[no_mangle]
pub static mut PyExc_OSError: *mut PyObject = (&raw mut _PyExc_OSError).cast();
/// `BlockingIOError`.
#[no_mangle]
pub static mut _PyExc_BlockingIOError: PyTypeObject = PyTypeObject {
    ..exc_layout::<PyOSErrorObject>(
        c"BlockingIOError",
        &raw mut _PyExc_OSError,
        c"A non-blocking operation could not go ahead without waiting.",
    )
};
/// `PyExc_BlockingIOError`.
#[no_mangle]
pub static mut PyExc_BlockingIOError: *mut PyObject = (&raw mut _PyExc_BlockingIOError).cast();
/// `ChildProcessError`.
#[no_mangle]
pub static mut _PyExc_ChildProcessError: PyTypeObject = PyTypeObject {
    ..exc_layout::<PyOSErrorObject>(
        c"ChildProcessError",
        &raw mut _PyExc_OSError,
        c"An operation on a child process failed (ECHILD).",
    )
};
/// `PyExc_ChildProcessError`.
#[no_mangle]
pub static mut PyExc_ChildProcessError: *mut PyObject = (&raw mut _PyExc_ChildProcessError).cast();
/// `ConnectionError`.
#[no_mangle]
pub static mut _PyExc_ConnectionError: PyTypeObject = PyTypeObject {
    ..exc_layout::<PyOSErrorObject>(
        c"ConnectionError",
        &raw mut _PyExc_OSError,
        c"The base of the connection-related errors.",
    )
};
/// `PyExc_ConnectionError`.
#[no_mangle]
pub static mut PyExc_ConnectionError: *mut PyObject = (&raw mut _PyExc_ConnectionError).cast();
/// `BrokenPipeError`.
#[no_mangle]
pub static mut _PyExc_BrokenPipeError: PyTypeObject = PyTypeObject {
    ..exc_layout::<PyOSErrorObject>(
        c"BrokenPipeError",
        &raw mut _PyExc_ConnectionError,
        c"Writing to a pipe or socket whose other end is closed (EPIPE).",
    )
};
/// `PyExc_BrokenPipeError`.
#[no_mangle]
pub static mut PyExc_BrokenPipeError: *mut PyObject = (&raw mut _PyExc_BrokenPipeError).cast();
/// `ConnectionAbortedError`.
#[no_mangle]
pub static mut _PyExc_ConnectionAbortedError: PyTypeObject = PyTypeObject {
    ..exc_layout::<PyOSErrorObject>(
        c"ConnectionAbortedError",
        &raw mut _PyExc_ConnectionError,
        c"The peer aborted the connection (ECONNABORTED).",
    )
};
/// `PyExc_ConnectionAbortedError`.
#[no_mangle]
pub static mut PyExc_ConnectionAbortedError: *mut PyObject =
    (&raw mut _PyExc_ConnectionAbortedError).cast();
/// `ConnectionRefusedError`.
#[no_mangle]
pub static mut _PyExc_ConnectionRefusedError: PyTypeObject = PyTypeObject {
    ..exc_layout::<PyOSErrorObject>(
        c"ConnectionRefusedError",
        &raw mut _PyExc_ConnectionError,
        c"The peer refused the connection (ECONNREFUSED).",
    )
};
/// `PyExc_ConnectionRefusedError`.
#[no_mangle]
pub static mut PyExc_ConnectionRefusedError: *mut PyObject =
    (&raw mut _PyExc_ConnectionRefusedError).cast();
/// `ConnectionResetError`.
#[no_mangle]
pub static mut _PyExc_ConnectionResetError: PyTypeObject = PyTypeObject {
    ..exc_layout::<PyOSErrorObject>(
        c"ConnectionResetError",
        &raw mut _PyExc_ConnectionError,
        c"The peer reset the connection (ECONNRESET).",
    )
};
/// `PyExc_ConnectionResetError`.
#[no_mangle]
pub static mut PyExc_ConnectionResetError: *mut PyObject =
    (&raw mut _PyExc_ConnectionResetError).cast();
/// `FileExistsError`.
#[no_mangle]
pub static mut _PyExc_FileExistsError: PyTypeObject = PyTypeObject {
    ..exc_layout::<PyOSErrorObject>(
        c"FileExistsError",
        &raw mut _PyExc_OSError,
        c"Creating something that is already there (EEXIST).",
    )
};
/// `PyExc_FileExistsError`.
#[no_mangle]
pub static mut PyExc_FileExistsError: *mut PyObject = (&raw mut _PyExc_FileExistsError).cast();
/// `FileNotFoundError`.
#[no_mangle]
pub static mut _PyExc_FileNotFoundError: PyTypeObject = PyTypeObject {
    ..exc_layout::<PyOSErrorObject>(
        c"FileNotFoundError",
        &raw mut _PyExc_OSError,
        c"No file or directory at that path (ENOENT).",
    )
};
/// `PyExc_FileNotFoundError`.
#[no_mangle]
pub static mut PyExc_FileNotFoundError: *mut PyObject = (&raw mut _PyExc_FileNotFoundError).cast();
/// `InterruptedError`.
#[no_mangle]
pub static mut _PyExc_InterruptedError: PyTypeObject = PyTypeObject {
    ..exc_layout::<PyOSErrorObject>(
        c"InterruptedError",
        &raw mut _PyExc_OSError,
        c"A system call was interrupted by a signal (EINTR).",
    )
};
/// `PyExc_InterruptedError`.
#[no_mangle]
pub static mut PyExc_InterruptedError: *mut PyObject = (&raw mut _PyExc_InterruptedError).cast();
/// `IsADirectoryError`.
#[no_mangle]
pub static mut _PyExc_IsADirectoryError: PyTypeObject = PyTypeObject {
    ..exc_layout::<PyOSErrorObject>(
        c"IsADirectoryError",
        &raw mut _PyExc_OSError,
        c"A file operation was given a directory (EISDIR).",
    )
};
/// `PyExc_IsADirectoryError`.
#[no_mangle]
pub static mut PyExc_IsADirectoryError: *mut PyObject = (&raw mut _PyExc_IsADirectoryError).cast();
/// `NotADirectoryError`.
#[no_mangle]
pub static mut _PyExc_NotADirectoryError: PyTypeObject = PyTypeObject {
    ..exc_layout::<PyOSErrorObject>(
        c"NotADirectoryError",
        &raw mut _PyExc_OSError,
        c"A directory operation was given something else (ENOTDIR).",
    )
};
/// `PyExc_NotADirectoryError`.
#[no_mangle]
pub static mut PyExc_NotADirectoryError: *mut PyObject =
    (&raw mut _PyExc_NotADirectoryError).cast();
/// `PermissionError`.
#[no_mangle]
pub static mut _PyExc_PermissionError: PyTypeObject = PyTypeObject {
    ..exc_layout::<PyOSErrorObject>(
        c"PermissionError",
        &raw mut _PyExc_OSError,
        c"The operation is not permitted (EACCES, EPERM).",
    )
};
/// `PyExc_PermissionError`.
#[no_mangle]
pub static mut PyExc_PermissionError: *mut PyObject = (&raw mut _PyExc_PermissionError).cast();
/// `ProcessLookupError`.
#[no_mangle]
pub static mut _PyExc_ProcessLookupError: PyTypeObject = PyTypeObject {
    ..exc_layout::<PyOSErrorObject>(
        c"ProcessLookupError",
        &raw mut _PyExc_OSError,
        c"No process with that id (ESRCH).",
    )
};
/// `PyExc_ProcessLookupError`.
#[no_mangle]
pub static mut PyExc_ProcessLookupError: *mut PyObject =
    (&raw mut _PyExc_ProcessLookupError).cast();
/// `TimeoutError`.
#[no_mangle]
pub static mut _PyExc_TimeoutError: PyTypeObject = PyTypeObject {
    ..exc_layout::<PyOSErrorObject>(
        c"TimeoutError",
        &raw mut _PyExc_OSError,
        c"A system-level timeout expired (ETIMEDOUT).",
    )
};
/// `PyExc_TimeoutError`.
#[no_mangle]
pub static mut PyExc_TimeoutError: *mut PyObject = (&raw mut _PyExc_TimeoutError).cast();
/// `ReferenceError`.
#[no_mangle]
pub static mut _PyExc_ReferenceError: PyTypeObject = exc_type(
    c"ReferenceError",
    &raw mut _PyExc_Exception,
    c"A weak proxy was used after its object was freed.",
);
/// `PyExc_ReferenceError`.
#[no_mangle]
pub static mut PyExc_ReferenceError: *mut PyObject = (&raw mut _PyExc_ReferenceError).cast();
/// `RuntimeError`.
#[no_mangle]
pub static mut _PyExc_RuntimeError: PyTypeObject = exc_type(
    c"RuntimeError",
    &raw mut _PyExc_Exception,
    c"An error that fits no other category.",
);
/// `PyExc_RuntimeError`.
#[no_mangle]
pub static mut PyExc_RuntimeError: *mut PyObject = (&raw mut _PyExc_RuntimeError).cast();
/// `NotImplementedError`.
#[no_mangle]
pub static mut _PyExc_NotImplementedError: PyTypeObject = exc_type(
    c"NotImplementedError",
    &raw mut _PyExc_RuntimeError,
    c"Raised by abstract methods, or by code that is not written yet.",
);
/// `PyExc_NotImplementedError`.
#[no_mangle]
pub static mut PyExc_NotImplementedError: *mut PyObject =
    (&raw mut _PyExc_NotImplementedError).cast();
/// `PythonFinalizationError`.
#[no_mangle]
pub static mut _PyExc_PythonFinalizationError: PyTypeObject = exc_type(
    c"PythonFinalizationError",
    &raw mut _PyExc_RuntimeError,
    c"The operation is refused while the interpreter shuts down.",
);
/// `PyExc_PythonFinalizationError`.
#[no_mangle]
pub static mut PyExc_PythonFinalizationError: *mut PyObject =
    (&raw mut _PyExc_PythonFinalizationError).cast();
/// `RecursionError`.
#[no_mangle]
pub static mut _PyExc_RecursionError: PyTypeObject = exc_type(
    c"RecursionError",
    &raw mut _PyExc_RuntimeError,
    c"Calls nested deeper than sys.getrecursionlimit() allows.",
);
/// `PyExc_RecursionError`.
#[no_mangle]
pub static mut PyExc_RecursionError: *mut PyObject = (&raw mut _PyExc_RecursionError).cast();
/// `StopAsyncIteration`.
#[no_mangle]
pub static mut _PyExc_StopAsyncIteration: PyTypeObject = exc_type(
    c"StopAsyncIteration",
    &raw mut _PyExc_Exception,
    c"Raised by __anext__() when an asynchronous iterator is exhausted.",
);
/// `PyExc_StopAsyncIteration`.
#[no_mangle]
pub static mut PyExc_StopAsyncIteration: *mut PyObject =
    (&raw mut _PyExc_StopAsyncIteration).cast();
/// `StopIteration`.
#[no_mangle]
pub static mut _PyExc_StopIteration: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(exc_dealloc::<PyStopIterationObject>),
    tp_traverse: Some(exc_traverse::<PyStopIterationObject>),
    tp_clear: Some(exc_clear::<PyStopIterationObject>),
    tp_init: Some(fields::stop_iteration_init),
    tp_members: (&raw const fields::STOP_ITERATION_MEMBERS)
        .cast_mut()
        .cast(),
    ..exc_layout::<PyStopIterationObject>(
        c"StopIteration",
        &raw mut _PyExc_Exception,
        c"Raised by __next__() when an iterator is exhausted.",
    )
};
/// `PyExc_StopIteration`.
#[no_mangle]
pub static mut PyExc_StopIteration: *mut PyObject = (&raw mut _PyExc_StopIteration).cast();
/// `SyntaxError`.
#[no_mangle]
pub static mut _PyExc_SyntaxError: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(exc_dealloc::<PySyntaxErrorObject>),
    tp_traverse: Some(exc_traverse::<PySyntaxErrorObject>),
    tp_clear: Some(exc_clear::<PySyntaxErrorObject>),
    tp_init: Some(syntax::init),
    tp_str: Some(syntax::str),
    tp_members: (&raw const syntax::MEMBERS).cast_mut().cast(),
    ..exc_layout::<PySyntaxErrorObject>(
        c"SyntaxError",
        &raw mut _PyExc_Exception,
        c"The source code is not valid Python.",
    )
};
/// `PyExc_SyntaxError`.
#[no_mangle]
pub static mut PyExc_SyntaxError: *mut PyObject = (&raw mut _PyExc_SyntaxError).cast();
/// `IndentationError`.
#[no_mangle]
pub static mut _PyExc_IndentationError: PyTypeObject = PyTypeObject {
    ..exc_layout::<PySyntaxErrorObject>(
        c"IndentationError",
        &raw mut _PyExc_SyntaxError,
        c"The source code is indented wrongly.",
    )
};
/// `PyExc_IndentationError`.
#[no_mangle]
pub static mut PyExc_IndentationError: *mut PyObject = (&raw mut _PyExc_IndentationError).cast();
/// `TabError`.
#[no_mangle]
pub static mut _PyExc_TabError: PyTypeObject = PyTypeObject {
    ..exc_layout::<PySyntaxErrorObject>(
        c"TabError",
        &raw mut _PyExc_IndentationError,
        c"Tabs and spaces are mixed inconsistently in indentation.",
    )
};
/// `PyExc_TabError`.
#[no_mangle]
pub static mut PyExc_TabError: *mut PyObject = (&raw mut _PyExc_TabError).cast();
/// `_IncompleteInputError` (3.13): the SyntaxError the compiler raises for
/// input that may continue (`codeop`); CPython exports the type object
/// under this name only.
#[no_mangle]
pub static mut _PyExc_IncompleteInputError: PyTypeObject = exc_layout::<PySyntaxErrorObject>(
    c"_IncompleteInputError",
    &raw mut _PyExc_SyntaxError,
    c"the source ends before its statement does.",
);
/// `_IncompleteInputError` as an object pointer (Rust only).
pub static mut PyExc_IncompleteInputError: *mut PyObject =
    (&raw mut _PyExc_IncompleteInputError).cast();
/// `SystemError`.
#[no_mangle]
pub static mut _PyExc_SystemError: PyTypeObject = exc_type(
    c"SystemError",
    &raw mut _PyExc_Exception,
    c"The interpreter found itself in an inconsistent state.",
);
/// `PyExc_SystemError`.
#[no_mangle]
pub static mut PyExc_SystemError: *mut PyObject = (&raw mut _PyExc_SystemError).cast();
/// `TypeError`.
#[no_mangle]
pub static mut _PyExc_TypeError: PyTypeObject = exc_type(
    c"TypeError",
    &raw mut _PyExc_Exception,
    c"An operation was given an object of a type it cannot handle.",
);
/// `PyExc_TypeError`.
#[no_mangle]
pub static mut PyExc_TypeError: *mut PyObject = (&raw mut _PyExc_TypeError).cast();
/// `ValueError`.
#[no_mangle]
pub static mut _PyExc_ValueError: PyTypeObject = exc_type(
    c"ValueError",
    &raw mut _PyExc_Exception,
    c"An argument has the right type but an unusable value.",
);
/// `PyExc_ValueError`.
#[no_mangle]
pub static mut PyExc_ValueError: *mut PyObject = (&raw mut _PyExc_ValueError).cast();
/// `UnicodeError`.
#[no_mangle]
pub static mut _PyExc_UnicodeError: PyTypeObject = exc_type(
    c"UnicodeError",
    &raw mut _PyExc_ValueError,
    c"The base of the text encoding and decoding errors.",
);
/// `PyExc_UnicodeError`.
#[no_mangle]
pub static mut PyExc_UnicodeError: *mut PyObject = (&raw mut _PyExc_UnicodeError).cast();
/// `UnicodeDecodeError`.
#[no_mangle]
pub static mut _PyExc_UnicodeDecodeError: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(exc_dealloc::<PyUnicodeErrorObject>),
    tp_traverse: Some(exc_traverse::<PyUnicodeErrorObject>),
    tp_clear: Some(exc_clear::<PyUnicodeErrorObject>),
    tp_init: Some(unicode::decode_init),
    tp_str: Some(unicode::decode_str),
    tp_members: (&raw const unicode::MEMBERS).cast_mut().cast(),
    ..exc_layout::<PyUnicodeErrorObject>(
        c"UnicodeDecodeError",
        &raw mut _PyExc_UnicodeError,
        c"Bytes could not be decoded into text.",
    )
};
/// `PyExc_UnicodeDecodeError`.
#[no_mangle]
pub static mut PyExc_UnicodeDecodeError: *mut PyObject =
    (&raw mut _PyExc_UnicodeDecodeError).cast();
/// `UnicodeEncodeError`.
#[no_mangle]
pub static mut _PyExc_UnicodeEncodeError: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(exc_dealloc::<PyUnicodeErrorObject>),
    tp_traverse: Some(exc_traverse::<PyUnicodeErrorObject>),
    tp_clear: Some(exc_clear::<PyUnicodeErrorObject>),
    tp_init: Some(unicode::encode_init),
    tp_str: Some(unicode::encode_str),
    tp_members: (&raw const unicode::MEMBERS).cast_mut().cast(),
    ..exc_layout::<PyUnicodeErrorObject>(
        c"UnicodeEncodeError",
        &raw mut _PyExc_UnicodeError,
        c"Text could not be encoded into bytes.",
    )
};
/// `PyExc_UnicodeEncodeError`.
#[no_mangle]
pub static mut PyExc_UnicodeEncodeError: *mut PyObject =
    (&raw mut _PyExc_UnicodeEncodeError).cast();
/// `UnicodeTranslateError`.
#[no_mangle]
pub static mut _PyExc_UnicodeTranslateError: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(exc_dealloc::<PyUnicodeErrorObject>),
    tp_traverse: Some(exc_traverse::<PyUnicodeErrorObject>),
    tp_clear: Some(exc_clear::<PyUnicodeErrorObject>),
    tp_init: Some(unicode::translate_init),
    tp_str: Some(unicode::translate_str),
    tp_members: (&raw const unicode::MEMBERS).cast_mut().cast(),
    ..exc_layout::<PyUnicodeErrorObject>(
        c"UnicodeTranslateError",
        &raw mut _PyExc_UnicodeError,
        c"Text could not be translated.",
    )
};
/// `PyExc_UnicodeTranslateError`.
#[no_mangle]
pub static mut PyExc_UnicodeTranslateError: *mut PyObject =
    (&raw mut _PyExc_UnicodeTranslateError).cast();
/// `Warning`.
#[no_mangle]
pub static mut _PyExc_Warning: PyTypeObject = exc_type(
    c"Warning",
    &raw mut _PyExc_Exception,
    c"The base of all warning categories.",
);
/// `PyExc_Warning`.
#[no_mangle]
pub static mut PyExc_Warning: *mut PyObject = (&raw mut _PyExc_Warning).cast();
/// `BytesWarning`.
#[no_mangle]
pub static mut _PyExc_BytesWarning: PyTypeObject = exc_type(c"BytesWarning", &raw mut _PyExc_Warning, c"Base class for warnings about bytes and buffer related problems, mostly\nrelated to conversion from str or comparing to str.");
/// `PyExc_BytesWarning`.
#[no_mangle]
pub static mut PyExc_BytesWarning: *mut PyObject = (&raw mut _PyExc_BytesWarning).cast();
/// `DeprecationWarning`.
#[no_mangle]
pub static mut _PyExc_DeprecationWarning: PyTypeObject = exc_type(
    c"DeprecationWarning",
    &raw mut _PyExc_Warning,
    c"Warns about a feature that is deprecated.",
);
/// `PyExc_DeprecationWarning`.
#[no_mangle]
pub static mut PyExc_DeprecationWarning: *mut PyObject =
    (&raw mut _PyExc_DeprecationWarning).cast();
/// `EncodingWarning`.
#[no_mangle]
pub static mut _PyExc_EncodingWarning: PyTypeObject = exc_type(
    c"EncodingWarning",
    &raw mut _PyExc_Warning,
    c"Warns when text is opened without an explicit encoding (PEP 597).",
);
/// `PyExc_EncodingWarning`.
#[no_mangle]
pub static mut PyExc_EncodingWarning: *mut PyObject = (&raw mut _PyExc_EncodingWarning).cast();
/// `FutureWarning`.
#[no_mangle]
pub static mut _PyExc_FutureWarning: PyTypeObject = exc_type(
    c"FutureWarning",
    &raw mut _PyExc_Warning,
    c"Warns about code whose meaning will change in a later version.",
);
/// `PyExc_FutureWarning`.
#[no_mangle]
pub static mut PyExc_FutureWarning: *mut PyObject = (&raw mut _PyExc_FutureWarning).cast();
/// `ImportWarning`.
#[no_mangle]
pub static mut _PyExc_ImportWarning: PyTypeObject = exc_type(
    c"ImportWarning",
    &raw mut _PyExc_Warning,
    c"Warns about a likely mistake in an import.",
);
/// `PyExc_ImportWarning`.
#[no_mangle]
pub static mut PyExc_ImportWarning: *mut PyObject = (&raw mut _PyExc_ImportWarning).cast();
/// `PendingDeprecationWarning`.
#[no_mangle]
pub static mut _PyExc_PendingDeprecationWarning: PyTypeObject = exc_type(
    c"PendingDeprecationWarning",
    &raw mut _PyExc_Warning,
    c"Warns about a feature that will be deprecated later.",
);
/// `PyExc_PendingDeprecationWarning`.
#[no_mangle]
pub static mut PyExc_PendingDeprecationWarning: *mut PyObject =
    (&raw mut _PyExc_PendingDeprecationWarning).cast();
/// `ResourceWarning`.
#[no_mangle]
pub static mut _PyExc_ResourceWarning: PyTypeObject = exc_type(
    c"ResourceWarning",
    &raw mut _PyExc_Warning,
    c"Warns about resources that were not released (files, sockets).",
);
/// `PyExc_ResourceWarning`.
#[no_mangle]
pub static mut PyExc_ResourceWarning: *mut PyObject = (&raw mut _PyExc_ResourceWarning).cast();
/// `RuntimeWarning`.
#[no_mangle]
pub static mut _PyExc_RuntimeWarning: PyTypeObject = exc_type(
    c"RuntimeWarning",
    &raw mut _PyExc_Warning,
    c"Warns about questionable behaviour at run time.",
);
/// `PyExc_RuntimeWarning`.
#[no_mangle]
pub static mut PyExc_RuntimeWarning: *mut PyObject = (&raw mut _PyExc_RuntimeWarning).cast();
/// `SyntaxWarning`.
#[no_mangle]
pub static mut _PyExc_SyntaxWarning: PyTypeObject = exc_type(
    c"SyntaxWarning",
    &raw mut _PyExc_Warning,
    c"Warns about questionable source code.",
);
/// `PyExc_SyntaxWarning`.
#[no_mangle]
pub static mut PyExc_SyntaxWarning: *mut PyObject = (&raw mut _PyExc_SyntaxWarning).cast();
/// `UnicodeWarning`.
#[no_mangle]
pub static mut _PyExc_UnicodeWarning: PyTypeObject = exc_type(c"UnicodeWarning", &raw mut _PyExc_Warning, c"Base class for warnings about Unicode related problems, mostly\nrelated to conversion problems.");
/// `PyExc_UnicodeWarning`.
#[no_mangle]
pub static mut PyExc_UnicodeWarning: *mut PyObject = (&raw mut _PyExc_UnicodeWarning).cast();
/// `UserWarning`.
#[no_mangle]
pub static mut _PyExc_UserWarning: PyTypeObject = exc_type(
    c"UserWarning",
    &raw mut _PyExc_Warning,
    c"The default category of warnings.warn().",
);
/// `PyExc_UserWarning`.
#[no_mangle]
pub static mut PyExc_UserWarning: *mut PyObject = (&raw mut _PyExc_UserWarning).cast();
/// Every builtin exception type, bases before subclasses. Also gives
/// `ExceptionGroup` back its two bases, which finalization clears with the
/// rest of the static types' state.
pub fn all_types() -> Vec<*mut PyTypeObject> {
    // SAFETY: called before the types are readied, on the initializing
    // thread; the bases tuple is a static immortal.
    unsafe {
        if _PyExc_ExceptionGroup.tp_bases.is_null() {
            _PyExc_ExceptionGroup.tp_bases = (&raw mut group::EXCEPTION_GROUP_BASES.object).cast();
        }
    }
    vec![
        &raw mut _PyExc_BaseException,
        &raw mut _PyExc_Exception,
        &raw mut _PyExc_BaseExceptionGroup,
        &raw mut _PyExc_GeneratorExit,
        &raw mut _PyExc_KeyboardInterrupt,
        &raw mut _PyExc_SystemExit,
        &raw mut _PyExc_ArithmeticError,
        &raw mut _PyExc_FloatingPointError,
        &raw mut _PyExc_OverflowError,
        &raw mut _PyExc_ZeroDivisionError,
        &raw mut _PyExc_AssertionError,
        &raw mut _PyExc_AttributeError,
        &raw mut _PyExc_BufferError,
        &raw mut _PyExc_EOFError,
        &raw mut _PyExc_ImportError,
        &raw mut _PyExc_ModuleNotFoundError,
        &raw mut _PyExc_LookupError,
        &raw mut _PyExc_IndexError,
        &raw mut _PyExc_KeyError,
        &raw mut _PyExc_MemoryError,
        &raw mut _PyExc_NameError,
        &raw mut _PyExc_UnboundLocalError,
        &raw mut _PyExc_OSError,
        &raw mut _PyExc_BlockingIOError,
        &raw mut _PyExc_ChildProcessError,
        &raw mut _PyExc_ConnectionError,
        &raw mut _PyExc_BrokenPipeError,
        &raw mut _PyExc_ConnectionAbortedError,
        &raw mut _PyExc_ConnectionRefusedError,
        &raw mut _PyExc_ConnectionResetError,
        &raw mut _PyExc_FileExistsError,
        &raw mut _PyExc_FileNotFoundError,
        &raw mut _PyExc_InterruptedError,
        &raw mut _PyExc_IsADirectoryError,
        &raw mut _PyExc_NotADirectoryError,
        &raw mut _PyExc_PermissionError,
        &raw mut _PyExc_ProcessLookupError,
        &raw mut _PyExc_TimeoutError,
        &raw mut _PyExc_ReferenceError,
        &raw mut _PyExc_RuntimeError,
        &raw mut _PyExc_NotImplementedError,
        &raw mut _PyExc_PythonFinalizationError,
        &raw mut _PyExc_RecursionError,
        &raw mut _PyExc_StopAsyncIteration,
        &raw mut _PyExc_StopIteration,
        &raw mut _PyExc_SyntaxError,
        &raw mut _PyExc_IndentationError,
        &raw mut _PyExc_TabError,
        &raw mut _PyExc_IncompleteInputError,
        &raw mut _PyExc_SystemError,
        &raw mut _PyExc_TypeError,
        &raw mut _PyExc_ValueError,
        &raw mut _PyExc_UnicodeError,
        &raw mut _PyExc_UnicodeDecodeError,
        &raw mut _PyExc_UnicodeEncodeError,
        &raw mut _PyExc_UnicodeTranslateError,
        &raw mut _PyExc_Warning,
        &raw mut _PyExc_BytesWarning,
        &raw mut _PyExc_DeprecationWarning,
        &raw mut _PyExc_EncodingWarning,
        &raw mut _PyExc_FutureWarning,
        &raw mut _PyExc_ImportWarning,
        &raw mut _PyExc_PendingDeprecationWarning,
        &raw mut _PyExc_ResourceWarning,
        &raw mut _PyExc_RuntimeWarning,
        &raw mut _PyExc_SyntaxWarning,
        &raw mut _PyExc_UnicodeWarning,
        &raw mut _PyExc_UserWarning,
        &raw mut _PyExc_ExceptionGroup,
    ]
}

/// `PyExc_EnvironmentError`: an alias of `OSError`.
#[no_mangle]
pub static mut PyExc_EnvironmentError: *mut PyObject = (&raw mut _PyExc_OSError).cast();
/// `PyExc_IOError`: an alias of `OSError`.
#[no_mangle]
pub static mut PyExc_IOError: *mut PyObject = (&raw mut _PyExc_OSError).cast();

#[inline(always)]
unsafe fn base(op: *mut PyObject) -> *mut PyBaseExceptionObject {
    op.cast()
}

/// Whether `op` is an exception instance.
#[inline]
pub unsafe fn is_instance(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*(*op).ob_type).tp_flags & Py_TPFLAGS_BASE_EXC_SUBCLASS != 0 }
}

/// Whether `op` is an exception class.
#[inline]
pub unsafe fn is_class(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe {
        typeobj::instance_of(op, &raw mut typeobj::PyType_Type)
            && (*op.cast::<PyTypeObject>()).tp_flags & Py_TPFLAGS_BASE_EXC_SUBCLASS != 0
    }
}

/// Makes an exception instance of `exc_type` from a `PyErr_SetObject`-style
/// value: an instance already, a tuple of arguments, one argument, or none.
pub unsafe fn instantiate(exc_type: *mut PyObject, value: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: exc_type valid; value NULL or valid.
    unsafe {
        if !is_class(exc_type) {
            return Err(errors::system_error(format!(
                "_PyErr_SetObject: exception {} is not a BaseException subclass",
                protocol::repr_string(exc_type)?
            )));
        }
        if !value.is_null() && typeobj::instance_of(value, exc_type.cast()) {
            return Ok(Owned::from_borrowed(value));
        }
        create(exc_type, value)
    }
}

/// `_PyErr_CreateException`: calls `exc_type()` for NULL or None,
/// `exc_type(*value)` for a tuple, else `exc_type(value)`; the result must
/// be an exception instance.
pub unsafe fn create(exc_type: *mut PyObject, value: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: exc_type valid; value NULL or valid.
    unsafe {
        let args = if value.is_null() || value == none::none() {
            tuple::empty()
        } else if tuple::check(value) {
            Owned::from_borrowed(value)
        } else {
            tuple::pack(&[value])?
        };
        let tp: *mut PyTypeObject = exc_type.cast();
        if is_class(exc_type) && has_base_construction(tp) {
            // What calling the type would do, minus the call machinery.
            return alloc_exc(tp, args.as_ptr());
        }
        let e = protocol::call(exc_type, args.as_ptr(), null_mut())?;
        if !is_instance(e.as_ptr()) {
            return Err(errors::type_error(format!(
                "calling {} should have returned an instance of BaseException, not {}",
                protocol::repr_string(exc_type)?,
                typeobj::type_name(e.as_ptr())
            )));
        }
        Ok(e)
    }
}

/// Whether `tb` can be an exception's `__traceback__` (None excluded).
/// The traceback type arrives with the evaluation loop; it is recognized
/// by name so this check needs no change then.
pub unsafe fn is_traceback(tb: *mut PyObject) -> bool {
    // SAFETY: tb valid.
    unsafe { typeobj::name_of((*tb).ob_type) == "traceback" }
}

/// Whether instances of `tp` are built by `BaseException.__new__` and
/// `__init__` unchanged (most exception types, and classes made by
/// `PyErr_NewException`).
#[inline]
unsafe fn has_base_construction(tp: *mut PyTypeObject) -> bool {
    // SAFETY: tp is a type.
    unsafe {
        (*tp)
            .tp_new
            .is_some_and(|f| std::ptr::fn_addr_eq(f, exc_new as NewFunc))
            && (*tp)
                .tp_init
                .is_some_and(|f| std::ptr::fn_addr_eq(f, exc_init as InitFunc))
    }
}

type NewFunc =
    unsafe extern "C" fn(*mut PyTypeObject, *mut PyObject, *mut PyObject) -> *mut PyObject;
type InitFunc = unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int;

/// Sets `e.__context__` to `handled`, the exception being handled (NULL
/// when none).
pub unsafe fn chain_context(e: *mut PyObject, handled: *mut PyObject) {
    if handled.is_null() || handled == e {
        return;
    }
    // SAFETY: e is an exception instance; handled one too, and so is every
    // context. A link back to `e` is cut so that no new cycle forms; a
    // cycle already in the chain (made by assigning `__context__`) ends the
    // walk, found by a second pointer moving at half speed (Floyd).
    unsafe {
        let mut o = handled;
        let mut slow = handled;
        let mut move_slow = false;
        loop {
            let ctx = (*base(o)).context;
            if ctx.is_null() {
                break;
            }
            if ctx == e {
                (*base(o)).context = null_mut();
                decref(ctx);
                break;
            }
            o = ctx;
            if o == slow {
                break;
            }
            if move_slow {
                slow = (*base(slow)).context;
            }
            move_slow = !move_slow;
        }
        let old = std::mem::replace(&mut (*base(e)).context, new_ref(handled));
        xdecref(old);
    }
}

/// Makes `cause` the `__cause__` (and `__context__`) of the raised exception.
pub unsafe fn set_cause_of_current(cause: Owned) {
    let cur = errors::current();
    if cur.is_null() {
        return;
    }
    // SAFETY: cur is an exception instance owned by the indicator.
    unsafe {
        let b = base(cur);
        let old = std::mem::replace(&mut (*b).context, new_ref(cause.as_ptr()));
        xdecref(old);
        let old = std::mem::replace(&mut (*b).cause, cause.into_raw());
        xdecref(old);
        (*b).suppress_context = 1;
    }
}

/// `PyErr_GivenExceptionMatches`: `given` (instance or class) against a
/// class or a tuple of classes.
pub unsafe fn given_matches(given: *mut PyObject, exc: *mut PyObject) -> bool {
    if given.is_null() || exc.is_null() {
        return false;
    }
    // SAFETY: both valid.
    unsafe {
        if tuple::check(exc) {
            return tuple::items(exc).iter().any(|&e| given_matches(given, e));
        }
        let g = if is_instance(given) {
            (*given).ob_type.cast()
        } else {
            given
        };
        if is_class(g) && is_class(exc) {
            return typeobj::is_subtype(g.cast(), exc.cast());
        }
        g == exc
    }
}

/// The args tuple of an exception (borrowed).
pub unsafe fn args_of(e: *mut PyObject) -> *mut PyObject {
    // SAFETY: e is an exception instance.
    unsafe { (*base(e)).args }
}

/// Raises `UnicodeDecodeError(encoding, object, start, end, reason)`.
pub fn unicode_decode_error(
    encoding: &str,
    data: &[u8],
    start: usize,
    end: usize,
    reason: &str,
) -> Raised {
    let build = || -> PyResult<Owned> {
        tuple::from_vec(vec![
            pystr::from_str(encoding)?,
            bytes::from_slice(data)?,
            int::from_i64(start as i64)?,
            int::from_i64(end as i64)?,
            pystr::from_str(reason)?,
        ])
    };
    match build() {
        // SAFETY: PyExc_UnicodeDecodeError is a class; args a tuple.
        Ok(args) => unsafe { errors::set_object(PyExc_UnicodeDecodeError, args.as_ptr()) },
        Err(r) => r,
    }
}

/// Raises `UnicodeEncodeError(encoding, object, start, end, reason)`.
pub unsafe fn unicode_encode_error(
    encoding: &str,
    s: *mut PyObject,
    start: usize,
    end: usize,
    reason: &str,
) -> Raised {
    let build = || -> PyResult<Owned> {
        tuple::from_vec(vec![
            pystr::from_str(encoding)?,
            // SAFETY: s is a str.
            Owned::from_borrowed_static(s),
            int::from_i64(start as i64)?,
            int::from_i64(end as i64)?,
            pystr::from_str(reason)?,
        ])
    };
    match build() {
        // SAFETY: PyExc_UnicodeEncodeError is a class; args a tuple.
        Ok(args) => unsafe { errors::set_object(PyExc_UnicodeEncodeError, args.as_ptr()) },
        Err(r) => r,
    }
}

/// `BaseException.__new__`: allocates an instance of `tp` holding `args`.
unsafe fn alloc_exc(tp: *mut PyTypeObject, args: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: tp is an exception type; args NULL or a tuple.
    unsafe {
        let alloc = (*tp)
            .tp_alloc
            .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
        let op = errors::check(alloc(tp, 0))?;
        (*base(op.as_ptr())).args = if args.is_null() {
            tuple::empty().into_raw()
        } else {
            new_ref(args)
        };
        Ok(op)
    }
}

unsafe extern "C" fn exc_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    _kw: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: tp is an exception type; args a tuple.
    guard_obj(|| unsafe { alloc_exc(tp, args) })
}

/// `TypeError: Name() takes no keyword arguments` when `kw` is non-empty.
unsafe fn no_keywords(tp: *mut PyTypeObject, kw: *mut PyObject) -> PyResult<()> {
    // SAFETY: tp a type; kw NULL or a dict.
    unsafe {
        if !kw.is_null() && dict::len(kw) != 0 {
            return Err(errors::type_error(format!(
                "{}() takes no keyword arguments",
                typeobj::name_of(tp)
            )));
        }
        Ok(())
    }
}

/// Stores a new reference to `v` (NULL allowed) in an object field,
/// releasing the old value.
#[inline]
unsafe fn set_field(slot: *mut *mut PyObject, v: *mut PyObject) {
    // SAFETY: slot is an owned field of a live object.
    unsafe {
        xincref(v);
        let old = std::mem::replace(&mut *slot, v);
        xdecref(old);
    }
}

/// `BaseException.__init__` without the keyword check: `self.args = args`.
unsafe fn init_args(op: *mut PyObject, args: *mut PyObject) {
    // SAFETY: op is an exception, args a tuple.
    unsafe { set_field(&raw mut (*base(op)).args, args) }
}

unsafe extern "C" fn exc_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    guard_status(|| {
        // SAFETY: op is an exception; args a tuple.
        unsafe {
            no_keywords((*op).ob_type, kw)?;
            init_args(op, args);
            Ok(())
        }
    })
}

/// The owned object fields of an exception with layout `T`: the head's,
/// then the layout's own.
unsafe fn object_fields<T: ExcLayout>(
    op: *mut PyObject,
) -> impl Iterator<Item = *mut *mut PyObject> {
    // SAFETY: op is an exception whose layout is T (or extends it).
    unsafe {
        let b = base(op);
        [
            &raw mut (*b).dict,
            &raw mut (*b).args,
            &raw mut (*b).notes,
            &raw mut (*b).traceback,
            &raw mut (*b).context,
            &raw mut (*b).cause,
        ]
        .into_iter()
        .chain(
            T::FIELDS
                .iter()
                .map(move |&off| op.cast::<u8>().add(off).cast::<*mut PyObject>()),
        )
    }
}

unsafe fn clear_fields<T: ExcLayout>(op: *mut PyObject) {
    // SAFETY: op is an exception; each field NULL or owned.
    unsafe {
        for f in object_fields::<T>(op) {
            let o = std::mem::replace(&mut *f, null_mut());
            xdecref(o);
        }
    }
}

unsafe extern "C" fn exc_clear<T: ExcLayout>(op: *mut PyObject) -> c_int {
    // SAFETY: op is an exception of layout T.
    unsafe { clear_fields::<T>(op) };
    0
}

/// `BaseException_dealloc`, through the trashcan: a chain of exceptions
/// linked by `__cause__`/`__context__` frees one level at a time.
unsafe extern "C" fn exc_dealloc<T: ExcLayout>(op: *mut PyObject) {
    // SAFETY: refcount reached zero; op has layout T.
    unsafe {
        if !crate::object::trashcan::enter(op, exc_dealloc::<T>) {
            return;
        }
        crate::object::gc::untrack(op);
        clear_fields::<T>(op);
        let tp = (*op).ob_type;
        if let Some(free) = (*tp).tp_free {
            free(op.cast());
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
        crate::object::trashcan::leave();
    }
}

unsafe extern "C" fn exc_traverse<T: ExcLayout>(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: op is an exception of layout T.
    unsafe {
        let Some(visit) = visit else { return 0 };
        for f in object_fields::<T>(op) {
            let o = *f;
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

/// `BaseException.__str__`: '' for no args, str(arg) for one, else str(args).
unsafe fn base_str(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is an exception.
    unsafe {
        let args = (*base(op)).args;
        if args.is_null() {
            return pystr::from_str("");
        }
        match tuple::items(args) {
            [] => pystr::from_str(""),
            [a] => protocol::str_(*a),
            _ => protocol::str_(args),
        }
    }
}

unsafe extern "C" fn exc_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is an exception.
    guard_obj(|| unsafe { base_str(op) })
}

/// `BaseException.__repr__`: `Name(arg)` or `Name(args...)`.
unsafe extern "C" fn exc_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an exception.
        unsafe {
            let name = typeobj::short_name((*op).ob_type);
            let args = (*base(op)).args;
            let inner = if args.is_null() {
                String::new()
            } else {
                match tuple::items(args) {
                    [] => String::new(),
                    [a] => protocol::repr_string(*a)?,
                    _ => {
                        let r = protocol::repr_string(args)?;
                        r[1..r.len() - 1].to_string()
                    }
                }
            };
            pystr::from_str(&format!("{name}({inner})"))
        }
    })
}

unsafe extern "C" fn get_args(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is an exception.
    unsafe {
        let a = (*base(op)).args;
        if a.is_null() {
            tuple::empty().into_raw()
        } else {
            new_ref(a)
        }
    }
}

unsafe extern "C" fn set_args(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> c_int {
    guard_status(|| {
        // SAFETY: op is an exception.
        unsafe {
            if v.is_null() {
                return Err(errors::type_error("args may not be deleted"));
            }
            let t = tuple::from_iterable(v)?;
            let old = std::mem::replace(&mut (*base(op)).args, t.into_raw());
            xdecref(old);
            Ok(())
        }
    })
}

macro_rules! object_field {
    ($get:ident, $set:ident, $field:ident, $check:expr, $msg:literal) => {
        unsafe extern "C" fn $get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
            // SAFETY: op is an exception.
            unsafe {
                let v = (*base(op)).$field;
                new_ref(if v.is_null() { none::none() } else { v })
            }
        }
        unsafe extern "C" fn $set(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> c_int {
            guard(|| {
                // SAFETY: op is an exception; v NULL or valid.
                unsafe {
                    if v.is_null() {
                        errors::type_error(concat!(
                            "__",
                            stringify!($field),
                            "__ may not be deleted"
                        ));
                        return -1;
                    }
                    let v = if v == none::none() { null_mut() } else { v };
                    #[allow(clippy::redundant_closure_call)]
                    if !v.is_null() && !($check)(v) {
                        errors::type_error($msg);
                        return -1;
                    }
                    let old = std::mem::replace(&mut (*base(op)).$field, v);
                    xincref(v);
                    xdecref(old);
                    if stringify!($field) == "cause" {
                        (*base(op)).suppress_context = 1;
                    }
                    0
                }
            })
        }
    };
}

object_field!(
    get_traceback,
    set_traceback,
    traceback,
    |v: *mut PyObject| is_traceback(v),
    "__traceback__ must be a traceback or None"
);
object_field!(
    get_context,
    set_context,
    context,
    |v| is_instance(v),
    "exception context must be None or derive from BaseException"
);
object_field!(
    get_cause,
    set_cause,
    cause,
    |v| is_instance(v),
    "exception cause must be None or derive from BaseException"
);

/// `PyErr_NewException(WithDoc)`: `type(Name, bases, dict)` for the name
/// "module.Name", `base` a class or a tuple of bases (default
/// `Exception`). As in CPython, `__module__` (and `__doc__`) are stored
/// into the caller's `dict` when one is given.
pub unsafe fn new_exception_class(
    name: *const libc::c_char,
    base: *mut PyObject,
    dict_src: *mut PyObject,
    doc: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: name is a C string; base/dict_src/doc NULL or valid.
    unsafe {
        let full = std::ffi::CStr::from_ptr(name).to_string_lossy();
        let Some(dot) = full.rfind('.') else {
            return Err(errors::system_error(
                "PyErr_NewException: name must be module.class",
            ));
        };
        let d = if dict_src.is_null() {
            dict::new()?
        } else {
            Owned::from_borrowed(dict_src)
        };
        if !doc.is_null() {
            dict::set_item(d.as_ptr(), crate::interned!("__doc__"), doc)?;
        }
        let module_key = crate::interned!("__module__");
        if dict::get_item(d.as_ptr(), module_key)?.is_null() {
            let module = pystr::from_str(&full[..dot])?;
            dict::set_item(d.as_ptr(), module_key, module.as_ptr())?;
        }
        let base = if base.is_null() {
            PyExc_Exception
        } else {
            base
        };
        let bases = if tuple::check(base) {
            Owned::from_borrowed(base)
        } else {
            tuple::pack(&[base])?
        };
        let cls_name = pystr::from_str(&full[dot + 1..])?;
        protocol::call_args(
            (&raw mut typeobj::PyType_Type).cast(),
            &[cls_name.as_ptr(), bases.as_ptr(), d.as_ptr()],
        )
    }
}
