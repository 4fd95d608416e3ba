//! Codec registry and support functions (`Doc/c-api/codec.rst`): the C
//! face of `crate::modules::codecs::registry` and of the built-in error
//! handlers.
use crate::capi::boundary::{guard, guard_obj, guard_status};
use crate::ffi::*;
use crate::modules::codecs::{handlers, registry};
use crate::object::{protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_char, c_int};
use std::ffi::CStr;
use std::ptr::null_mut;

/// A C string argument as `&str` (`UnicodeDecodeError`-free: invalid UTF-8
/// is a `ValueError`).
unsafe fn text<'a>(p: *const c_char) -> PyResult<&'a str> {
    // SAFETY: p is a NUL-terminated string.
    unsafe { CStr::from_ptr(p) }
        .to_str()
        .map_err(|_| errors::value_error("invalid UTF-8 in a codec name"))
}

unsafe fn opt_text<'a>(p: *const c_char) -> PyResult<Option<&'a str>> {
    if p.is_null() {
        Ok(None)
    } else {
        // SAFETY: p is a C string.
        unsafe { text(p).map(Some) }
    }
}

/// `PyCodec_Register`.
#[no_mangle]
pub unsafe extern "C" fn PyCodec_Register(search_function: *mut PyObject) -> c_int {
    crate::null_check!(search_function);
    // SAFETY: search_function valid.
    guard_status(|| unsafe { registry::register(search_function) })
}

/// `PyCodec_Unregister`.
#[no_mangle]
pub unsafe extern "C" fn PyCodec_Unregister(search_function: *mut PyObject) -> c_int {
    crate::null_check!(search_function);
    // SAFETY: search_function valid.
    guard_status(|| unsafe { registry::unregister(search_function) })
}

/// `PyCodec_KnownEncoding`: 1 when a codec is found, else 0 (no error).
#[no_mangle]
pub unsafe extern "C" fn PyCodec_KnownEncoding(encoding: *const c_char) -> c_int {
    crate::null_check!(encoding);
    guard(|| {
        // SAFETY: encoding is a C string.
        let found = unsafe { text(encoding) }.and_then(registry::lookup).is_ok();
        errors::clear();
        found as c_int
    })
}

/// `PyCodec_Encode`.
#[no_mangle]
pub unsafe extern "C" fn PyCodec_Encode(
    object: *mut PyObject,
    encoding: *const c_char,
    errors_: *const c_char,
) -> *mut PyObject {
    crate::null_check!(object, encoding);
    // SAFETY: arguments valid.
    guard_obj(|| unsafe { registry::encode(object, text(encoding)?, opt_text(errors_)?) })
}

/// `PyCodec_Decode`.
#[no_mangle]
pub unsafe extern "C" fn PyCodec_Decode(
    object: *mut PyObject,
    encoding: *const c_char,
    errors_: *const c_char,
) -> *mut PyObject {
    crate::null_check!(object, encoding);
    // SAFETY: arguments valid.
    guard_obj(|| unsafe { registry::decode(object, text(encoding)?, opt_text(errors_)?) })
}

/// Item `i` of the codec info of `encoding`.
unsafe fn info_item(encoding: *const c_char, i: usize) -> PyResult<Owned> {
    // SAFETY: encoding is a C string; the info a 4-tuple.
    unsafe {
        let info = registry::lookup(text(encoding)?)?;
        Ok(Owned::from_borrowed(tuple::items(info.as_ptr())[i]))
    }
}

/// `PyCodec_Encoder`.
#[no_mangle]
pub unsafe extern "C" fn PyCodec_Encoder(encoding: *const c_char) -> *mut PyObject {
    crate::null_check!(encoding);
    // SAFETY: encoding is a C string.
    guard_obj(|| unsafe { info_item(encoding, 0) })
}

/// `PyCodec_Decoder`.
#[no_mangle]
pub unsafe extern "C" fn PyCodec_Decoder(encoding: *const c_char) -> *mut PyObject {
    crate::null_check!(encoding);
    // SAFETY: encoding is a C string.
    guard_obj(|| unsafe { info_item(encoding, 1) })
}

/// Calls `factory(first, errors)` (errors omitted when NULL).
unsafe fn make(factory: Owned, first: *mut PyObject, errors_: *const c_char) -> PyResult<Owned> {
    // SAFETY: factory callable; first NULL or valid.
    unsafe {
        let mut args: Vec<*mut PyObject> = Vec::new();
        if !first.is_null() {
            args.push(first);
        }
        let e;
        if !errors_.is_null() {
            e = pystr::from_str(text(errors_)?)?;
            args.push(e.as_ptr());
        }
        protocol::call_args(factory.as_ptr(), &args)
    }
}

/// `PyCodec_IncrementalEncoder`.
#[no_mangle]
pub unsafe extern "C" fn PyCodec_IncrementalEncoder(
    encoding: *const c_char,
    errors_: *const c_char,
) -> *mut PyObject {
    crate::null_check!(encoding);
    guard_obj(|| {
        // SAFETY: arguments valid.
        unsafe {
            let info = registry::lookup(text(encoding)?)?;
            let f = protocol::getattr_str(info.as_ptr(), "incrementalencoder")?;
            make(f, null_mut(), errors_)
        }
    })
}

/// `PyCodec_IncrementalDecoder`.
#[no_mangle]
pub unsafe extern "C" fn PyCodec_IncrementalDecoder(
    encoding: *const c_char,
    errors_: *const c_char,
) -> *mut PyObject {
    crate::null_check!(encoding);
    guard_obj(|| {
        // SAFETY: arguments valid.
        unsafe {
            let info = registry::lookup(text(encoding)?)?;
            let f = protocol::getattr_str(info.as_ptr(), "incrementaldecoder")?;
            make(f, null_mut(), errors_)
        }
    })
}

/// `PyCodec_StreamReader`.
#[no_mangle]
pub unsafe extern "C" fn PyCodec_StreamReader(
    encoding: *const c_char,
    stream: *mut PyObject,
    errors_: *const c_char,
) -> *mut PyObject {
    crate::null_check!(encoding, stream);
    // SAFETY: arguments valid.
    guard_obj(|| unsafe { make(info_item(encoding, 2)?, stream, errors_) })
}

/// `PyCodec_StreamWriter`.
#[no_mangle]
pub unsafe extern "C" fn PyCodec_StreamWriter(
    encoding: *const c_char,
    stream: *mut PyObject,
    errors_: *const c_char,
) -> *mut PyObject {
    crate::null_check!(encoding, stream);
    // SAFETY: arguments valid.
    guard_obj(|| unsafe { make(info_item(encoding, 3)?, stream, errors_) })
}

/// `PyCodec_RegisterError`.
#[no_mangle]
pub unsafe extern "C" fn PyCodec_RegisterError(name: *const c_char, error: *mut PyObject) -> c_int {
    crate::null_check!(name, error);
    guard_status(|| {
        // SAFETY: arguments valid.
        unsafe {
            let n = pystr::from_str(text(name)?)?;
            registry::register_error(n.as_ptr(), error)
        }
    })
}

/// `PyCodec_LookupError`: NULL `name` means "strict".
#[no_mangle]
pub unsafe extern "C" fn PyCodec_LookupError(name: *const c_char) -> *mut PyObject {
    // SAFETY: name NULL or a C string.
    guard_obj(|| unsafe { registry::lookup_error(opt_text(name)?.unwrap_or("strict")) })
}

/// Calls a built-in handler on `exc`.
unsafe fn run_handler(
    f: unsafe extern "C" fn(
        *mut PyObject,
        *const *mut PyObject,
        Py_ssize_t,
        *mut PyObject,
    ) -> *mut PyObject,
    exc: *mut PyObject,
) -> *mut PyObject {
    if exc.is_null() {
        errors::bad_internal_call();
        return null_mut();
    }
    let args = [exc];
    // SAFETY: the handler takes fastcall arguments.
    unsafe { f(null_mut(), args.as_ptr(), 1, null_mut()) }
}

/// `PyCodec_StrictErrors`: raises `exc`.
#[no_mangle]
pub unsafe extern "C" fn PyCodec_StrictErrors(exc: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { run_handler(handlers::strict_errors, exc) }
}

/// `PyCodec_IgnoreErrors`.
#[no_mangle]
pub unsafe extern "C" fn PyCodec_IgnoreErrors(exc: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { run_handler(handlers::ignore_errors, exc) }
}

/// `PyCodec_ReplaceErrors`.
#[no_mangle]
pub unsafe extern "C" fn PyCodec_ReplaceErrors(exc: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { run_handler(handlers::replace_errors, exc) }
}

/// `PyCodec_BackslashReplaceErrors`.
#[no_mangle]
pub unsafe extern "C" fn PyCodec_BackslashReplaceErrors(exc: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { run_handler(handlers::backslashreplace_errors, exc) }
}

/// `PyCodec_XMLCharRefReplaceErrors`.
#[no_mangle]
pub unsafe extern "C" fn PyCodec_XMLCharRefReplaceErrors(exc: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { run_handler(handlers::xmlcharrefreplace_errors, exc) }
}

/// `PyCodec_NameReplaceErrors`.
#[no_mangle]
pub unsafe extern "C" fn PyCodec_NameReplaceErrors(exc: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { run_handler(handlers::namereplace_errors, exc) }
}
