//! The `ferrython` command: a C `main` that hands argv to `Py_BytesMain`.
//! It is the C entry point itself (no Rust `main`) because the Rust
//! runtime's start-up would reopen closed standard descriptors on
//! `/dev/null`, where CPython leaves them closed (`sys.stdin` etc. are then
//! None).
#![no_main]

/// The process entry point, as CPython's `Programs/python.c`.
///
/// # Safety
/// Called by the C runtime with the process's command line.
#[no_mangle]
pub unsafe extern "C" fn main(argc: libc::c_int, argv: *mut *mut libc::c_char) -> libc::c_int {
    // SAFETY: argc and argv are the process's command line, NULL-terminated
    // and alive for the whole run.
    unsafe { ferrython::capi::veryhigh::Py_BytesMain(argc, argv) }
}
