//! The Initialization, Finalization, and Threads chapter (the lifecycle
//! part): `Py_Initialize*`, `Py_Finalize*`, `Py_BytesMain`, versions.
use crate::runtime::lifecycle;
use libc::{c_char, c_int, c_ulong};
use std::ffi::CStr;

/// `Py_Version`: the runtime's version as `PY_VERSION_HEX` (3.14.0 final).
#[no_mangle]
pub static Py_Version: c_ulong = 0x030E00F0;

/// `Py_Initialize`.
#[no_mangle]
pub extern "C" fn Py_Initialize() {
    lifecycle::initialize()
}

/// `Py_InitializeEx`: signal handlers are not installed by this runtime yet,
/// so `install_sigs` has no effect.
#[no_mangle]
pub extern "C" fn Py_InitializeEx(_install_sigs: c_int) {
    lifecycle::initialize()
}

/// `Py_IsInitialized`.
#[no_mangle]
pub extern "C" fn Py_IsInitialized() -> c_int {
    lifecycle::is_initialized() as c_int
}

/// `Py_IsFinalizing`: true from the start of `Py_FinalizeEx` until the
/// runtime is initialized again, as in CPython (so `Py_AtExit` functions
/// and C code running after finalization see that Python is gone).
#[no_mangle]
pub extern "C" fn Py_IsFinalizing() -> c_int {
    let finalized = !lifecycle::is_initialized() && lifecycle::generation() > 0;
    (lifecycle::is_finalizing() || finalized) as c_int
}

/// `Py_FinalizeEx`: 0 on success.
#[no_mangle]
pub extern "C" fn Py_FinalizeEx() -> c_int {
    lifecycle::finalize()
}

/// `Py_Finalize`.
#[no_mangle]
pub extern "C" fn Py_Finalize() {
    lifecycle::finalize();
}

/// `Py_Exit`: finalizes the interpreter (a failure there turns status 0
/// into 120, as in CPython) and exits the process with `status`.
#[no_mangle]
pub extern "C" fn Py_Exit(status: c_int) -> ! {
    let status = if lifecycle::finalize() < 0 && status == 0 {
        120
    } else {
        status
    };
    std::process::exit(status)
}

/// `Py_AtExit`: registers `func` to be called, with no interpreter, after
/// `Py_FinalizeEx` (last registered first); 0, or -1 when 32 are already
/// registered or `func` is NULL.
#[no_mangle]
pub extern "C" fn Py_AtExit(func: Option<extern "C" fn()>) -> c_int {
    match func {
        Some(f) if lifecycle::at_exit(f) => 0,
        _ => -1,
    }
}

/// `Py_FatalError`.
#[no_mangle]
pub unsafe extern "C" fn Py_FatalError(msg: *const c_char) -> ! {
    let m = if msg.is_null() {
        "<message is NULL>".into()
    } else {
        // SAFETY: msg is a C string.
        unsafe { CStr::from_ptr(msg) }
            .to_string_lossy()
            .into_owned()
    };
    lifecycle::fatal_error(&m)
}

/// `_Py_FatalErrorFunc`: what the `Py_FatalError` macro calls, with the
/// name of the calling C function, which the report puts before `msg`.
#[no_mangle]
pub unsafe extern "C" fn _Py_FatalErrorFunc(func: *const c_char, msg: *const c_char) -> ! {
    // SAFETY: func and msg are NULL or C strings.
    let text = |p: *const c_char| {
        (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
    };
    let m = text(msg).unwrap_or_else(|| "<message is NULL>".into());
    lifecycle::fatal_error_in(text(func).as_deref(), &m)
}

/// What `Py_GetBuildInfo` answers (CPython: the source revision and build
/// date).
macro_rules! build_info {
    () => {
        concat!("ferrython ", env!("CARGO_PKG_VERSION"))
    };
}

/// What `Py_GetCompiler` answers.
macro_rules! compiler {
    () => {
        "[rustc]"
    };
}

/// `Py_GetVersion`: "3.14.0 (build info) compiler".
#[no_mangle]
pub extern "C" fn Py_GetVersion() -> *const c_char {
    concat!("3.14.0 (", build_info!(), ") ", compiler!(), "\0")
        .as_ptr()
        .cast()
}

/// `Py_GetBuildInfo`: the build, as `Py_GetVersion` shows it in
/// parentheses.
#[no_mangle]
pub extern "C" fn Py_GetBuildInfo() -> *const c_char {
    concat!(build_info!(), "\0").as_ptr().cast()
}

/// `Py_GetCompiler`: the compiler the runtime was built with, in brackets.
#[no_mangle]
pub extern "C" fn Py_GetCompiler() -> *const c_char {
    concat!(compiler!(), "\0").as_ptr().cast()
}

/// `Py_GetPlatform`: `sys.platform`.
#[no_mangle]
pub extern "C" fn Py_GetPlatform() -> *const c_char {
    crate::modules::sys::PLATFORM.as_ptr()
}

/// `Py_GetCopyright`: `sys.copyright`.
#[no_mangle]
pub extern "C" fn Py_GetCopyright() -> *const c_char {
    crate::modules::sys::COPYRIGHT.as_ptr()
}
