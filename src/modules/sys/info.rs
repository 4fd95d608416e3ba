//! The informational struct sequences and namespaces of `sys`:
//! `version_info`, `flags`, `float_info`, `int_info`, `hash_info`,
//! `thread_info` and `implementation` (`Python/sysmodule.c`).
use crate::ffi::*;
use crate::object::structseq::{self, structseq_desc};
use crate::object::{bool as pybool, dict, float, int, none, str as pystr};
use crate::runtime::config::Config;
use crate::runtime::errors::PyResult;
use crate::Owned;

/// The version this runtime reports: 3.14.0 final.
const VERSION: (i64, i64, i64) = (3, 14, 0);
/// `sys.hexversion`.
pub const HEXVERSION: i64 = 0x030E00F0;

structseq_desc!(
    VERSION_INFO_DESC,
    c"sys.version_info",
    5,
    [c"major", c"minor", c"micro", c"releaselevel", c"serial"]
);

structseq_desc!(
    FLAGS_DESC,
    c"sys.flags",
    18,
    [
        c"debug",
        c"inspect",
        c"interactive",
        c"optimize",
        c"dont_write_bytecode",
        c"no_user_site",
        c"no_site",
        c"ignore_environment",
        c"verbose",
        c"bytes_warning",
        c"quiet",
        c"hash_randomization",
        c"isolated",
        c"dev_mode",
        c"utf8_mode",
        c"warn_default_encoding",
        c"safe_path",
        c"int_max_str_digits",
        c"gil",
        c"thread_inherit_context",
        c"context_aware_warnings",
    ]
);

structseq_desc!(
    FLOAT_INFO_DESC,
    c"sys.float_info",
    11,
    [
        c"max",
        c"max_exp",
        c"max_10_exp",
        c"min",
        c"min_exp",
        c"min_10_exp",
        c"dig",
        c"mant_dig",
        c"epsilon",
        c"radix",
        c"rounds",
    ]
);

structseq_desc!(
    INT_INFO_DESC,
    c"sys.int_info",
    4,
    [
        c"bits_per_digit",
        c"sizeof_digit",
        c"default_max_str_digits",
        c"str_digits_check_threshold",
    ]
);

structseq_desc!(
    HASH_INFO_DESC,
    c"sys.hash_info",
    9,
    [
        c"width",
        c"modulus",
        c"inf",
        c"nan",
        c"imag",
        c"algorithm",
        c"hash_bits",
        c"seed_bits",
        c"cutoff",
    ]
);

structseq_desc!(
    THREAD_INFO_DESC,
    c"sys.thread_info",
    3,
    [c"name", c"lock", c"version"]
);

fn i(v: i64) -> PyResult<Owned> {
    int::from_i64(v)
}

fn s(v: &str) -> PyResult<Owned> {
    pystr::from_str(v)
}

fn b(v: bool) -> Owned {
    Owned::from_borrowed_static(pybool::from_bool(v))
}

/// `sys.version_info`.
pub fn version_info() -> PyResult<Owned> {
    let (major, minor, micro) = VERSION;
    // SAFETY: the description is static.
    unsafe {
        structseq::uncreatable_instance(
            &raw mut VERSION_INFO_DESC,
            vec![i(major)?, i(minor)?, i(micro)?, s("final")?, i(0)?],
        )
    }
}

/// `sys.flags`, from the configuration the interpreter started with.
pub fn flags(cfg: &Config) -> PyResult<Owned> {
    let randomized = cfg.use_hash_seed <= 0 || cfg.hash_seed != 0;
    let values = vec![
        // A flag, however many times `-d` was given.
        i((cfg.parser_debug > 0) as i64)?,
        i(cfg.inspect as i64)?,
        i(cfg.interactive as i64)?,
        i(cfg.optimization_level as i64)?,
        i(!cfg.write_bytecode as i64)?,
        i(!cfg.user_site_directory as i64)?,
        i(!cfg.site_import as i64)?,
        i(!cfg.use_environment as i64)?,
        i(cfg.verbose as i64)?,
        i(cfg.bytes_warning as i64)?,
        i(cfg.quiet as i64)?,
        i(randomized as i64)?,
        i(cfg.isolated as i64)?,
        b(cfg.dev_mode),
        i(cfg.utf8_mode.max(0) as i64)?,
        i(cfg.warn_default_encoding as i64)?,
        b(cfg.safe_path),
        i(int::max_str_digits() as i64)?,
        i(1)?,
        i(0)?,
        i(0)?,
    ];
    // SAFETY: the description is static.
    unsafe { structseq::uncreatable_instance(&raw mut FLAGS_DESC, values) }
}

/// `sys.float_info`: IEEE 754 binary64.
pub fn float_info() -> PyResult<Owned> {
    let f = float::from_f64;
    let values = vec![
        f(f64::MAX)?,
        i(f64::MAX_EXP as i64)?,
        i(f64::MAX_10_EXP as i64)?,
        f(f64::MIN_POSITIVE)?,
        i(f64::MIN_EXP as i64)?,
        i(f64::MIN_10_EXP as i64)?,
        i(f64::DIGITS as i64)?,
        i(f64::MANTISSA_DIGITS as i64)?,
        f(f64::EPSILON)?,
        i(f64::RADIX as i64)?,
        i(1)?,
    ];
    // SAFETY: the description is static.
    unsafe { structseq::instance(&raw mut FLOAT_INFO_DESC, values) }
}

/// `sys.int_info`: 30-bit digits, as CPython's layout.
pub fn int_info() -> PyResult<Owned> {
    use crate::object::int_text::{DEFAULT_MAX_STR_DIGITS, MAX_STR_DIGITS_THRESHOLD, SHIFT};
    let values = vec![
        i(SHIFT as i64)?,
        i(4)?,
        i(DEFAULT_MAX_STR_DIGITS as i64)?,
        i(MAX_STR_DIGITS_THRESHOLD as i64)?,
    ];
    // SAFETY: the description is static.
    unsafe { structseq::instance(&raw mut INT_INFO_DESC, values) }
}

/// `sys.hash_info`: SipHash-1-3 over 64-bit hashes, numeric hashes modulo
/// 2**61 - 1.
pub fn hash_info() -> PyResult<Owned> {
    use crate::object::hash::{HASH_BITS, HASH_IMAG, HASH_INF, HASH_MODULUS};
    let values = vec![
        i(64)?,
        i(HASH_MODULUS as i64)?,
        i(HASH_INF as i64)?,
        i(0)?,
        i(HASH_IMAG as i64)?,
        s("siphash13")?,
        i(HASH_BITS as i64 + 3)?,
        i(128)?,
        i(0)?,
    ];
    // SAFETY: the description is static.
    unsafe { structseq::instance(&raw mut HASH_INFO_DESC, values) }
}

/// The C library's pthread version (`confstr(_CS_GNU_LIBPTHREAD_VERSION)`).
fn pthread_version() -> Option<String> {
    let mut buf = [0u8; 64];
    // SAFETY: buf is writable for its length.
    let n = unsafe {
        libc::confstr(
            libc::_CS_GNU_LIBPTHREAD_VERSION,
            buf.as_mut_ptr().cast(),
            buf.len(),
        )
    };
    (n > 1 && n <= buf.len()).then(|| String::from_utf8_lossy(&buf[..n - 1]).into_owned())
}

/// `sys.thread_info`.
pub fn thread_info() -> PyResult<Owned> {
    let version = match pthread_version() {
        Some(v) => s(&v)?,
        None => Owned::from_borrowed_static(none::none()),
    };
    let values = vec![s("pthread")?, s("mutex+cond")?, version];
    // SAFETY: the description is static.
    unsafe { structseq::instance(&raw mut THREAD_INFO_DESC, values) }
}

/// `sys.implementation`: a `SimpleNamespace` naming this runtime. The
/// cache tag names ferrython's own bytecode cache files
/// (`src/runtime/pycache.rs`), which CPython's `.pyc` files never match.
pub fn implementation(version_info: *mut PyObject) -> PyResult<Owned> {
    let d = dict::new()?;
    let multiarch = format!("{}-{}-gnu", std::env::consts::ARCH, std::env::consts::OS);
    // SAFETY: d is a new dict; the values are fresh objects.
    unsafe {
        let set = |k: &str, v: *mut PyObject| dict::set_item(d.as_ptr(), pystr::intern(k), v);
        set("name", s("ferrython")?.as_ptr())?;
        set("cache_tag", s(crate::runtime::pycache::CACHE_TAG)?.as_ptr())?;
        set("version", version_info)?;
        set("hexversion", i(HEXVERSION)?.as_ptr())?;
        set("_multiarch", s(&multiarch)?.as_ptr())?;
        // No sub-interpreters (`Py_NewInterpreter` is not provided).
        set(
            "supports_isolated_interpreters",
            crate::object::bool::from_bool(false),
        )?;
        crate::object::namespace::new(d.as_ptr())
    }
}
