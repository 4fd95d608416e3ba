//! The legacy global configuration variables (CPython's
//! `Python/initconfig.c`, `Python/preconfig.c` and the filesystem encoding
//! ones of `Python/fileutils.c`), deprecated since 3.12 but still exported.
//!
//! As in CPython, only the compatibility configuration of `Py_Initialize`
//! / `Py_InitializeEx` reads them ([`read_into`]); every initialization
//! writes the configuration it ended with back into them ([`write_from`]).
#![allow(non_upper_case_globals)]
use crate::runtime::config::Config;
use libc::{c_char, c_int};
use std::ptr::null;

/// `Py_DebugFlag`: `PyConfig.parser_debug`.
#[no_mangle]
pub static mut Py_DebugFlag: c_int = 0;
/// `Py_VerboseFlag`: `PyConfig.verbose`.
#[no_mangle]
pub static mut Py_VerboseFlag: c_int = 0;
/// `Py_QuietFlag`: `PyConfig.quiet`.
#[no_mangle]
pub static mut Py_QuietFlag: c_int = 0;
/// `Py_InteractiveFlag`: `PyConfig.interactive`.
#[no_mangle]
pub static mut Py_InteractiveFlag: c_int = 0;
/// `Py_InspectFlag`: `PyConfig.inspect`.
#[no_mangle]
pub static mut Py_InspectFlag: c_int = 0;
/// `Py_OptimizeFlag`: `PyConfig.optimization_level`.
#[no_mangle]
pub static mut Py_OptimizeFlag: c_int = 0;
/// `Py_NoSiteFlag`: not `PyConfig.site_import`.
#[no_mangle]
pub static mut Py_NoSiteFlag: c_int = 0;
/// `Py_BytesWarningFlag`: `PyConfig.bytes_warning`.
#[no_mangle]
pub static mut Py_BytesWarningFlag: c_int = 0;
/// `Py_FrozenFlag`: not `PyConfig.pathconfig_warnings`; ferrython prints
/// no path configuration warnings, so it is neither read nor written.
#[no_mangle]
pub static mut Py_FrozenFlag: c_int = 0;
/// `Py_IgnoreEnvironmentFlag`: not `PyConfig.use_environment`.
#[no_mangle]
pub static mut Py_IgnoreEnvironmentFlag: c_int = 0;
/// `Py_DontWriteBytecodeFlag`: not `PyConfig.write_bytecode`.
#[no_mangle]
pub static mut Py_DontWriteBytecodeFlag: c_int = 0;
/// `Py_NoUserSiteDirectory`: not `PyConfig.user_site_directory`.
#[no_mangle]
pub static mut Py_NoUserSiteDirectory: c_int = 0;
/// `Py_UnbufferedStdioFlag`: not `PyConfig.buffered_stdio`.
#[no_mangle]
pub static mut Py_UnbufferedStdioFlag: c_int = 0;
/// `Py_HashRandomizationFlag`: written at initialization only (whether
/// the hash seed is random or a non-zero `PYTHONHASHSEED`).
#[no_mangle]
pub static mut Py_HashRandomizationFlag: c_int = 0;
/// `Py_IsolatedFlag`: `PyConfig.isolated`.
#[no_mangle]
pub static mut Py_IsolatedFlag: c_int = 0;
/// `Py_UTF8Mode`: `PyPreConfig.utf8_mode`.
#[no_mangle]
pub static mut Py_UTF8Mode: c_int = 0;

/// `Py_FileSystemDefaultEncoding`: the filesystem encoding while the
/// runtime is initialized (`sys.getfilesystemencoding()`), NULL otherwise.
#[no_mangle]
pub static mut Py_FileSystemDefaultEncoding: *const c_char = null();
/// `Py_FileSystemDefaultEncodeErrors`: the filesystem error handler while
/// the runtime is initialized, NULL otherwise.
#[no_mangle]
pub static mut Py_FileSystemDefaultEncodeErrors: *const c_char = null();
/// `Py_HasFileSystemDefaultEncoding`: 0 on Linux, where the encoding is
/// not fixed at build time.
#[no_mangle]
pub static mut Py_HasFileSystemDefaultEncoding: c_int = 0;

/// The value of a flag.
fn get(flag: *const c_int) -> i32 {
    // SAFETY: flag is one of the statics above; C writes them only
    // before initialization or with the GIL held, as CPython requires.
    unsafe { flag.read_volatile() }
}

/// Sets a flag.
fn set(flag: *mut c_int, v: i32) {
    // SAFETY: as in `get`.
    unsafe { flag.write_volatile(v) }
}

/// `config_get_global_vars` and `preconfig_get_global_vars` for the
/// compatibility configuration: fills `cfg` (still holding its defaults)
/// from the flags, before the environment is read.
pub fn read_into(cfg: &mut Config) {
    cfg.isolated = get(&raw const Py_IsolatedFlag) != 0;
    cfg.use_environment = get(&raw const Py_IgnoreEnvironmentFlag) == 0;
    cfg.bytes_warning = get(&raw const Py_BytesWarningFlag);
    cfg.inspect = get(&raw const Py_InspectFlag);
    cfg.interactive = get(&raw const Py_InteractiveFlag);
    cfg.optimization_level = get(&raw const Py_OptimizeFlag);
    cfg.parser_debug = get(&raw const Py_DebugFlag);
    cfg.verbose = get(&raw const Py_VerboseFlag);
    cfg.quiet = get(&raw const Py_QuietFlag);
    cfg.buffered_stdio = get(&raw const Py_UnbufferedStdioFlag) == 0;
    cfg.site_import = get(&raw const Py_NoSiteFlag) == 0;
    cfg.write_bytecode = get(&raw const Py_DontWriteBytecodeFlag) == 0;
    cfg.user_site_directory = get(&raw const Py_NoUserSiteDirectory) == 0;
    let utf8 = get(&raw const Py_UTF8Mode);
    if utf8 > 0 {
        cfg.utf8_mode = utf8;
    }
    if cfg.isolated {
        // As `PyConfig_Read` for an isolated configuration.
        cfg.use_environment = false;
        cfg.user_site_directory = false;
        cfg.safe_path = true;
    }
}

/// `config_set_global_vars` and `preconfig_set_global_vars`: the flags
/// take the values of the configuration the runtime was initialized with,
/// and the filesystem encoding variables are set.
pub fn write_from(cfg: &Config) {
    set(&raw mut Py_IsolatedFlag, cfg.isolated as i32);
    set(
        &raw mut Py_IgnoreEnvironmentFlag,
        !cfg.use_environment as i32,
    );
    set(&raw mut Py_BytesWarningFlag, cfg.bytes_warning);
    set(&raw mut Py_InspectFlag, cfg.inspect);
    set(&raw mut Py_InteractiveFlag, cfg.interactive);
    set(&raw mut Py_OptimizeFlag, cfg.optimization_level);
    set(&raw mut Py_DebugFlag, cfg.parser_debug);
    set(&raw mut Py_VerboseFlag, cfg.verbose);
    set(&raw mut Py_QuietFlag, cfg.quiet);
    set(&raw mut Py_UnbufferedStdioFlag, !cfg.buffered_stdio as i32);
    set(&raw mut Py_NoSiteFlag, !cfg.site_import as i32);
    set(
        &raw mut Py_DontWriteBytecodeFlag,
        !cfg.write_bytecode as i32,
    );
    set(
        &raw mut Py_NoUserSiteDirectory,
        !cfg.user_site_directory as i32,
    );
    set(
        &raw mut Py_HashRandomizationFlag,
        (cfg.use_hash_seed == 0 || cfg.hash_seed != 0) as i32,
    );
    if cfg.utf8_mode >= 0 {
        set(&raw mut Py_UTF8Mode, cfg.utf8_mode);
    }
}
