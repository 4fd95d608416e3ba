//! The `ferrython` command: a thin `main` that hands argv to `Py_BytesMain`.
use std::ffi::CString;

fn main() {
    let args: Vec<CString> = std::env::args_os()
        .map(|a| {
            use std::os::unix::ffi::OsStrExt;
            CString::new(a.as_bytes()).unwrap_or_default()
        })
        .collect();
    let mut argv: Vec<*mut libc::c_char> = args.iter().map(|a| a.as_ptr() as *mut _).collect();
    argv.push(std::ptr::null_mut());
    // SAFETY: argv is a NULL-terminated array of C strings that outlives the call.
    let code =
        unsafe { ferrython::capi::veryhigh::Py_BytesMain(args.len() as i32, argv.as_mut_ptr()) };
    std::process::exit(code);
}
