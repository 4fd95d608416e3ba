//! The LC_CTYPE locale Python starts under and what CPython derives from
//! it (`Python/preconfig.c`, `Python/initconfig.c`): whether UTF-8 mode
//! turns on by itself, C locale coercion (PEP 538), the locale encoding
//! that the file-system codec and the standard streams default to
//! (`config_get_locale_encoding`), and the streams' default error handler
//! (`config_get_stdio_errors`).
//!
//! When the pre-configuration configures the locale (the Python
//! configuration and the command line), LC_CTYPE comes from the
//! environment; a name the C library does not know leaves "C". The "C"
//! and "POSIX" locales turn UTF-8 mode on and, unless `LC_ALL` is set or
//! `PYTHONCOERCECLOCALE=0`, are coerced to "C.UTF-8". The isolated
//! configuration leaves the process's locale alone.
use crate::runtime::config::Config;
use std::ffi::CStr;

/// The locale CPython coerces "C" and "POSIX" to.
const COERCION_TARGET: &CStr = c"C.UTF-8";

/// The LC_CTYPE locale and its encoding once Python has configured it.
struct Start {
    /// Its name, as `setlocale(LC_CTYPE, NULL)` gives it.
    name: String,
    /// The C library's name of its encoding (`nl_langinfo(CODESET)`).
    codeset: String,
}

/// The name of the LC_CTYPE locale the environment selects, "C" when it
/// selects none the C library has.
fn env_locale() -> String {
    let name = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|n| std::env::var(n).ok().filter(|v| !v.is_empty()));
    match name.and_then(|n| std::ffi::CString::new(n.clone()).ok().map(|c| (n, c))) {
        Some((n, c)) if codeset_of(&c).is_some() => n,
        _ => "C".into(),
    }
}

/// The encoding of the locale `name`, None when the C library does not
/// have it.
fn codeset_of(name: &CStr) -> Option<String> {
    // SAFETY: newlocale with a NUL-terminated name and no base; the
    // locale object is freed after its codeset is copied.
    unsafe {
        let loc = libc::newlocale(libc::LC_CTYPE_MASK, name.as_ptr(), std::ptr::null_mut());
        if loc.is_null() {
            return None;
        }
        let set = CStr::from_ptr(libc::nl_langinfo_l(libc::CODESET, loc))
            .to_string_lossy()
            .into_owned();
        libc::freelocale(loc);
        Some(set)
    }
}

fn is_c_locale(name: &str) -> bool {
    matches!(name, "C" | "POSIX")
}

/// Whether the environment's locale is "C" or "POSIX" (UTF-8 mode then
/// turns on unless `-X utf8=0` or `PYTHONUTF8=0` says otherwise).
pub fn env_is_c_locale() -> bool {
    is_c_locale(&env_locale())
}

/// Whether C locale coercion applies (`_Py_LegacyLocaleDetected` and the
/// pre-configuration's `coerce_c_locale`).
fn coerces(cfg: &Config) -> bool {
    let lc_all = std::env::var("LC_ALL").is_ok_and(|v| !v.is_empty());
    let refused =
        cfg.use_environment && std::env::var("PYTHONCOERCECLOCALE").is_ok_and(|v| v == "0");
    cfg.configure_locale && !lc_all && !refused && env_is_c_locale()
}

/// The process's LC_CTYPE locale and its encoding: what `configure` set
/// (once, at the pre-initialization), or the embedder's for a
/// configuration that leaves the locale alone, as CPython's
/// `config_get_locale_encoding` reads it.
fn start() -> Start {
    // SAFETY: querying the process's locale; the strings are copied
    // before any other call into the C library's locale functions.
    unsafe {
        let name = libc::setlocale(libc::LC_CTYPE, std::ptr::null());
        let name = if name.is_null() {
            "C".into()
        } else {
            CStr::from_ptr(name).to_string_lossy().into_owned()
        };
        let codeset = CStr::from_ptr(libc::nl_langinfo(libc::CODESET))
            .to_string_lossy()
            .into_owned();
        Start { name, codeset }
    }
}

/// Sets LC_CTYPE as CPython's pre-initialization does: from the
/// environment, coerced to "C.UTF-8" (also exported as `LC_CTYPE` for
/// child processes) when coercion applies. Nothing for a configuration
/// that does not configure the locale.
pub fn configure(cfg: &Config) {
    if !cfg.configure_locale {
        return;
    }
    // SAFETY: setlocale with NUL-terminated strings while no other thread
    // runs Python.
    unsafe {
        if coerces(cfg) {
            std::env::set_var("LC_CTYPE", "C.UTF-8");
            libc::setlocale(libc::LC_CTYPE, COERCION_TARGET.as_ptr());
        } else {
            libc::setlocale(libc::LC_CTYPE, c"".as_ptr());
        }
    }
}

/// The locale encoding as the C library names it ("UTF-8",
/// "ANSI_X3.4-1968"), or "utf-8" in UTF-8 mode: what `filesystem_encoding`
/// and `stdio_encoding` default to.
pub fn encoding(cfg: &Config) -> String {
    if cfg.utf8_mode > 0 {
        "utf-8".into()
    } else {
        start().codeset
    }
}

/// The standard streams' default error handler: "surrogateescape" in
/// UTF-8 mode and under the "C"/"POSIX" locale or a coercion target,
/// "strict" otherwise.
pub fn stdio_errors(cfg: &Config) -> &'static str {
    let name = start().name;
    if cfg.utf8_mode > 0
        || is_c_locale(&name)
        || matches!(name.as_str(), "C.UTF-8" | "C.utf8" | "UTF-8")
    {
        "surrogateescape"
    } else {
        "strict"
    }
}
