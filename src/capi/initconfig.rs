//! PEP 741, the Python Configuration C API (CPython 3.14,
//! `Python/initconfig.c`): `PyInitConfig` to build an initialization
//! configuration by option name, `Py_InitializeFromInitConfig`, and
//! `PyConfig_Get`/`GetInt`/`Names`/`Set` on the running interpreter. The
//! option names, types and visibility (public: readable and settable;
//! read-only; init-only: only through `PyInitConfig`) are CPython's.
use crate::capi::config::{
    wide_from_str, PyConfig, PyConfig_Clear, PyConfig_InitIsolatedConfig, PyPreConfig,
    PyPreConfig_InitIsolatedConfig, PyStatus, PyWideStringList, STATUS_ERROR, STATUS_EXIT,
};
use crate::capi::config_read::status_error;
use crate::capi::memory::PyMem_RawFree;
use crate::ffi::*;
use crate::object::{self, dict, int, list, str as pystr};
use crate::runtime::config as rconfig;
use crate::runtime::errors;
use crate::{Owned, PyResult};
use libc::{c_char, c_int, c_ulong, wchar_t};
use std::ffi::{CStr, CString};
use std::mem::offset_of;

/// The C type of an option.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Int,
    Uint,
    Bool,
    Ulong,
    Wstr,
    WstrOpt,
    WstrList,
}

/// Who may read and write an option.
#[derive(Clone, Copy, PartialEq)]
enum Vis {
    /// Only through `PyInitConfig`.
    InitOnly,
    /// Also `PyConfig_Get`.
    ReadOnly,
    /// Also `PyConfig_Set`.
    Public,
}

/// Where the running interpreter shows an option.
#[derive(Clone, Copy, PartialEq)]
enum Sys {
    None,
    /// A `sys` attribute.
    Attr(&'static str),
    /// A `sys.flags` field (index), negated when the flag says the
    /// opposite (`ignore_environment`, `dont_write_bytecode`).
    Flag(Py_ssize_t, bool),
}

struct Spec {
    name: &'static str,
    offset: usize,
    kind: Kind,
    vis: Vis,
    sys: Sys,
}

macro_rules! spec {
    ($t:ty, $f:ident, $k:ident, $v:ident, $s:expr) => {
        Spec {
            name: stringify!($f),
            offset: offset_of!($t, $f),
            kind: Kind::$k,
            vis: Vis::$v,
            sys: $s,
        }
    };
}

use Sys::{Attr, Flag};

/// `PyConfig`'s options, in CPython's order.
static CONFIG_SPEC: [Spec; 69] = [
    spec!(PyConfig, argv, WstrList, Public, Attr("argv")),
    spec!(
        PyConfig,
        base_exec_prefix,
        WstrOpt,
        Public,
        Attr("base_exec_prefix")
    ),
    spec!(
        PyConfig,
        base_executable,
        WstrOpt,
        Public,
        Attr("_base_executable")
    ),
    spec!(PyConfig, base_prefix, WstrOpt, Public, Attr("base_prefix")),
    spec!(PyConfig, bytes_warning, Uint, Public, Flag(9, false)),
    spec!(PyConfig, cpu_count, Int, Public, Sys::None),
    spec!(PyConfig, exec_prefix, WstrOpt, Public, Attr("exec_prefix")),
    spec!(PyConfig, executable, WstrOpt, Public, Attr("executable")),
    spec!(PyConfig, inspect, Bool, Public, Flag(1, false)),
    spec!(PyConfig, int_max_str_digits, Uint, Public, Sys::None),
    spec!(PyConfig, interactive, Bool, Public, Flag(2, false)),
    spec!(
        PyConfig,
        module_search_paths,
        WstrList,
        Public,
        Attr("path")
    ),
    spec!(PyConfig, optimization_level, Uint, Public, Flag(3, false)),
    spec!(PyConfig, parser_debug, Bool, Public, Flag(0, false)),
    spec!(PyConfig, platlibdir, Wstr, Public, Attr("platlibdir")),
    spec!(PyConfig, prefix, WstrOpt, Public, Attr("prefix")),
    spec!(
        PyConfig,
        pycache_prefix,
        WstrOpt,
        Public,
        Attr("pycache_prefix")
    ),
    spec!(PyConfig, quiet, Bool, Public, Flag(10, false)),
    spec!(PyConfig, stdlib_dir, WstrOpt, Public, Attr("_stdlib_dir")),
    spec!(PyConfig, use_environment, Bool, Public, Flag(7, true)),
    spec!(PyConfig, verbose, Uint, Public, Flag(8, false)),
    spec!(PyConfig, warnoptions, WstrList, Public, Attr("warnoptions")),
    spec!(PyConfig, write_bytecode, Bool, Public, Flag(4, true)),
    spec!(PyConfig, xoptions, WstrList, Public, Attr("_xoptions")),
    spec!(PyConfig, buffered_stdio, Bool, ReadOnly, Sys::None),
    spec!(PyConfig, check_hash_pycs_mode, Wstr, ReadOnly, Sys::None),
    spec!(PyConfig, code_debug_ranges, Bool, ReadOnly, Sys::None),
    spec!(PyConfig, configure_c_stdio, Bool, ReadOnly, Sys::None),
    spec!(PyConfig, dev_mode, Bool, ReadOnly, Sys::None),
    spec!(PyConfig, dump_refs, Bool, ReadOnly, Sys::None),
    spec!(PyConfig, dump_refs_file, WstrOpt, ReadOnly, Sys::None),
    spec!(PyConfig, faulthandler, Bool, ReadOnly, Sys::None),
    spec!(PyConfig, filesystem_encoding, Wstr, ReadOnly, Sys::None),
    spec!(PyConfig, filesystem_errors, Wstr, ReadOnly, Sys::None),
    spec!(PyConfig, hash_seed, Ulong, ReadOnly, Sys::None),
    spec!(PyConfig, home, WstrOpt, ReadOnly, Sys::None),
    spec!(PyConfig, thread_inherit_context, Int, ReadOnly, Sys::None),
    spec!(PyConfig, context_aware_warnings, Int, ReadOnly, Sys::None),
    spec!(PyConfig, import_time, Uint, ReadOnly, Sys::None),
    spec!(PyConfig, install_signal_handlers, Bool, ReadOnly, Sys::None),
    spec!(PyConfig, isolated, Bool, ReadOnly, Sys::None),
    spec!(PyConfig, malloc_stats, Bool, ReadOnly, Sys::None),
    spec!(PyConfig, orig_argv, WstrList, ReadOnly, Attr("orig_argv")),
    spec!(PyConfig, parse_argv, Bool, ReadOnly, Sys::None),
    spec!(PyConfig, pathconfig_warnings, Bool, ReadOnly, Sys::None),
    spec!(PyConfig, perf_profiling, Uint, ReadOnly, Sys::None),
    spec!(PyConfig, remote_debug, Bool, ReadOnly, Sys::None),
    spec!(PyConfig, program_name, Wstr, ReadOnly, Sys::None),
    spec!(PyConfig, run_command, WstrOpt, ReadOnly, Sys::None),
    spec!(PyConfig, run_filename, WstrOpt, ReadOnly, Sys::None),
    spec!(PyConfig, run_module, WstrOpt, ReadOnly, Sys::None),
    spec!(PyConfig, safe_path, Bool, ReadOnly, Sys::None),
    spec!(PyConfig, show_ref_count, Bool, ReadOnly, Sys::None),
    spec!(PyConfig, site_import, Bool, ReadOnly, Sys::None),
    spec!(PyConfig, skip_source_first_line, Bool, ReadOnly, Sys::None),
    spec!(PyConfig, stdio_encoding, Wstr, ReadOnly, Sys::None),
    spec!(PyConfig, stdio_errors, Wstr, ReadOnly, Sys::None),
    spec!(PyConfig, tracemalloc, Uint, ReadOnly, Sys::None),
    spec!(PyConfig, use_frozen_modules, Bool, ReadOnly, Sys::None),
    spec!(PyConfig, use_hash_seed, Bool, ReadOnly, Sys::None),
    spec!(PyConfig, user_site_directory, Bool, ReadOnly, Sys::None),
    spec!(PyConfig, warn_default_encoding, Bool, ReadOnly, Sys::None),
    spec!(PyConfig, _config_init, Uint, InitOnly, Sys::None),
    spec!(PyConfig, _init_main, Bool, InitOnly, Sys::None),
    spec!(PyConfig, _install_importlib, Bool, InitOnly, Sys::None),
    spec!(PyConfig, _is_python_build, Bool, InitOnly, Sys::None),
    spec!(PyConfig, module_search_paths_set, Bool, InitOnly, Sys::None),
    spec!(PyConfig, pythonpath_env, WstrOpt, InitOnly, Sys::None),
    spec!(PyConfig, sys_path_0, WstrOpt, InitOnly, Sys::None),
];

/// `PyPreConfig`'s options.
static PRECONFIG_SPEC: [Spec; 10] = [
    spec!(PyPreConfig, allocator, Int, ReadOnly, Sys::None),
    spec!(PyPreConfig, coerce_c_locale, Bool, ReadOnly, Sys::None),
    spec!(PyPreConfig, coerce_c_locale_warn, Bool, ReadOnly, Sys::None),
    spec!(PyPreConfig, configure_locale, Bool, ReadOnly, Sys::None),
    spec!(PyPreConfig, utf8_mode, Bool, ReadOnly, Sys::None),
    spec!(PyPreConfig, _config_init, Int, InitOnly, Sys::None),
    spec!(PyPreConfig, dev_mode, Bool, InitOnly, Sys::None),
    spec!(PyPreConfig, isolated, Bool, InitOnly, Sys::None),
    spec!(PyPreConfig, parse_argv, Bool, InitOnly, Sys::None),
    spec!(PyPreConfig, use_environment, Bool, InitOnly, Sys::None),
];

fn find(specs: &'static [Spec], name: &str) -> Option<&'static Spec> {
    specs.iter().find(|s| s.name == name)
}

/// `PyInitConfig`: a configuration being built, with the error or exit
/// of the last call.
pub struct PyInitConfig {
    preconfig: PyPreConfig,
    config: PyConfig,
    inittab: Vec<crate::capi::import::_inittab>,
    status: PyStatus,
    /// "exit code N" for `PyInitConfig_GetError` after an exit.
    exit_msg: Option<CString>,
}

impl PyInitConfig {
    fn fail(&mut self, msg: &str) -> c_int {
        self.status = status_error(None, msg);
        -1
    }

    /// The option `name`, and a pointer to its member.
    unsafe fn member(&mut self, name: *const c_char) -> Option<(&'static Spec, *mut u8)> {
        // SAFETY: name is a C string (caller contract).
        let n = unsafe { CStr::from_ptr(name) }.to_str().unwrap_or("");
        if let Some(s) = find(&CONFIG_SPEC, n) {
            // SAFETY: the offset is that of a field of PyConfig.
            return Some((s, unsafe {
                (&raw mut self.config).cast::<u8>().add(s.offset)
            }));
        }
        if let Some(s) = find(&PRECONFIG_SPEC, n) {
            // SAFETY: as above, for PyPreConfig.
            return Some((s, unsafe {
                (&raw mut self.preconfig).cast::<u8>().add(s.offset)
            }));
        }
        self.fail("unknown config option name");
        None
    }
}

/// `PyInitConfig_Create`: a configuration with the isolated defaults;
/// NULL if memory runs out.
#[no_mangle]
pub extern "C" fn PyInitConfig_Create() -> *mut PyInitConfig {
    // SAFETY: all-zero is a valid PyConfig/PyPreConfig; both are then
    // initialized by their init functions.
    let mut c: Box<PyInitConfig> = Box::new(PyInitConfig {
        preconfig: unsafe { std::mem::zeroed() },
        config: unsafe { std::mem::zeroed() },
        inittab: Vec::new(),
        status: crate::capi::config::PyStatus_Ok(),
        exit_msg: None,
    });
    // SAFETY: the fields are writable structures.
    unsafe {
        PyPreConfig_InitIsolatedConfig(&mut c.preconfig);
        PyConfig_InitIsolatedConfig(&mut c.config);
    }
    Box::into_raw(c)
}

/// `PyInitConfig_Free`.
#[no_mangle]
pub unsafe extern "C" fn PyInitConfig_Free(config: *mut PyInitConfig) {
    if config.is_null() {
        return;
    }
    // SAFETY: config came from PyInitConfig_Create.
    unsafe {
        let mut c = Box::from_raw(config);
        PyConfig_Clear(&mut c.config);
    }
}

/// `PyInitConfig_GetError`: 1 and the message if the last call failed
/// ("exit code N" for an exit), else 0 and NULL.
#[no_mangle]
pub unsafe extern "C" fn PyInitConfig_GetError(
    config: *mut PyInitConfig,
    err_msg: *mut *const c_char,
) -> c_int {
    // SAFETY: config is a PyInitConfig; err_msg is writable.
    unsafe {
        let c = &mut *config;
        let (found, msg) = match c.status._type {
            STATUS_EXIT => {
                let text =
                    CString::new(format!("exit code {}", c.status.exitcode)).unwrap_or_default();
                (1, c.exit_msg.insert(text).as_ptr())
            }
            STATUS_ERROR if !c.status.err_msg.is_null() => (1, c.status.err_msg),
            _ => (0, std::ptr::null()),
        };
        if !err_msg.is_null() {
            *err_msg = msg;
        }
        found
    }
}

/// `PyInitConfig_GetExitCode`: 1 and the code if the last call asked to
/// exit, else 0.
#[no_mangle]
pub unsafe extern "C" fn PyInitConfig_GetExitCode(
    config: *mut PyInitConfig,
    exitcode: *mut c_int,
) -> c_int {
    // SAFETY: config is a PyInitConfig; exitcode is writable.
    unsafe {
        if (*config).status._type != STATUS_EXIT {
            return 0;
        }
        if !exitcode.is_null() {
            *exitcode = (*config).status.exitcode;
        }
        1
    }
}

/// `PyInitConfig_HasOption`.
#[no_mangle]
pub unsafe extern "C" fn PyInitConfig_HasOption(
    _config: *mut PyInitConfig,
    name: *const c_char,
) -> c_int {
    // SAFETY: name is a C string.
    let n = unsafe { CStr::from_ptr(name) }.to_str().unwrap_or("");
    (find(&CONFIG_SPEC, n).is_some() || find(&PRECONFIG_SPEC, n).is_some()) as c_int
}

/// `PyInitConfig_GetInt`.
#[no_mangle]
pub unsafe extern "C" fn PyInitConfig_GetInt(
    config: *mut PyInitConfig,
    name: *const c_char,
    value: *mut i64,
) -> c_int {
    // SAFETY: config is a PyInitConfig; the member has the spec's type.
    unsafe {
        let c = &mut *config;
        let Some((spec, m)) = c.member(name) else {
            return -1;
        };
        let v = match spec.kind {
            Kind::Int | Kind::Uint | Kind::Bool => *m.cast::<c_int>() as i64,
            Kind::Ulong => match i64::try_from(*m.cast::<c_ulong>()) {
                Ok(v) => v,
                Err(_) => return c.fail("config option value doesn't fit into int64_t"),
            },
            _ => return c.fail("config option type is not int"),
        };
        *value = v;
    }
    0
}

/// A `malloc` copy of the wide string `w` in UTF-8 (what the caller
/// frees with `free`), or the error message.
unsafe fn utf8_copy(w: *const wchar_t) -> Result<*mut c_char, &'static str> {
    // SAFETY: w is a NUL-terminated wide string.
    let chars = unsafe { std::slice::from_raw_parts(w, libc::wcslen(w)) };
    let text: Option<String> = chars.iter().map(|&c| char::from_u32(c as u32)).collect();
    let Some(text) = text else {
        return Err("encoding error");
    };
    // SAFETY: plain allocation; text has no NUL (wide strings end at the
    // first one).
    unsafe {
        let p = libc::malloc(text.len() + 1).cast::<c_char>();
        if p.is_null() {
            return Err("memory allocation failed");
        }
        std::ptr::copy_nonoverlapping(text.as_ptr().cast(), p, text.len());
        *p.add(text.len()) = 0;
        Ok(p)
    }
}

/// `PyInitConfig_GetStr`: a `malloc` UTF-8 copy (NULL for an unset
/// optional string).
#[no_mangle]
pub unsafe extern "C" fn PyInitConfig_GetStr(
    config: *mut PyInitConfig,
    name: *const c_char,
    value: *mut *mut c_char,
) -> c_int {
    // SAFETY: config is a PyInitConfig; the member has the spec's type.
    unsafe {
        let c = &mut *config;
        let Some((spec, m)) = c.member(name) else {
            return -1;
        };
        if !matches!(spec.kind, Kind::Wstr | Kind::WstrOpt) {
            return c.fail("config option type is not string");
        }
        let w = *m.cast::<*mut wchar_t>();
        if w.is_null() {
            *value = std::ptr::null_mut();
            return 0;
        }
        match utf8_copy(w) {
            Ok(p) => *value = p,
            Err(e) => return c.fail(e),
        }
    }
    0
}

/// `PyInitConfig_GetStrList`: a `malloc` array of `malloc` UTF-8 copies,
/// freed with `PyInitConfig_FreeStrList`.
#[no_mangle]
pub unsafe extern "C" fn PyInitConfig_GetStrList(
    config: *mut PyInitConfig,
    name: *const c_char,
    length: *mut usize,
    items: *mut *mut *mut c_char,
) -> c_int {
    // SAFETY: config is a PyInitConfig; the member has the spec's type.
    unsafe {
        let c = &mut *config;
        let Some((spec, m)) = c.member(name) else {
            return -1;
        };
        if spec.kind != Kind::WstrList {
            return c.fail("config option type is not string list");
        }
        let l = &*m.cast::<PyWideStringList>();
        let n = l.length.max(0) as usize;
        let out = libc::malloc(n.max(1) * size_of::<*mut c_char>()).cast::<*mut c_char>();
        if out.is_null() {
            return c.fail("memory allocation failed");
        }
        for i in 0..n {
            match utf8_copy(*l.items.add(i)) {
                Ok(p) => *out.add(i) = p,
                Err(e) => {
                    PyInitConfig_FreeStrList(i, out);
                    return c.fail(e);
                }
            }
        }
        *length = n;
        *items = out;
    }
    0
}

/// `PyInitConfig_FreeStrList`.
#[no_mangle]
pub unsafe extern "C" fn PyInitConfig_FreeStrList(length: usize, items: *mut *mut c_char) {
    if items.is_null() {
        return;
    }
    // SAFETY: items holds length malloc'd strings, itself malloc'd.
    unsafe {
        for i in 0..length {
            libc::free((*items.add(i)).cast());
        }
        libc::free(items.cast());
    }
}

/// `PyInitConfig_SetInt`: range-checked for the option's C type; setting
/// `hash_seed` also sets `use_hash_seed`.
#[no_mangle]
pub unsafe extern "C" fn PyInitConfig_SetInt(
    config: *mut PyInitConfig,
    name: *const c_char,
    value: i64,
) -> c_int {
    // SAFETY: config is a PyInitConfig; the member has the spec's type.
    unsafe {
        let c = &mut *config;
        let Some((spec, m)) = c.member(name) else {
            return -1;
        };
        match spec.kind {
            Kind::Int => match c_int::try_from(value) {
                Ok(v) => *m.cast::<c_int>() = v,
                Err(_) => return c.fail("config option value is out of int range"),
            },
            Kind::Uint | Kind::Bool => match u32::try_from(value) {
                Ok(v) => *m.cast::<c_int>() = v as c_int,
                Err(_) => return c.fail("config option value is out of unsigned int range"),
            },
            Kind::Ulong => match c_ulong::try_from(value) {
                Ok(v) => *m.cast::<c_ulong>() = v,
                Err(_) => return c.fail("config option value is out of unsigned long range"),
            },
            _ => return c.fail("config option type is not int"),
        }
        if spec.name == "hash_seed" {
            c.config.use_hash_seed = 1;
        }
    }
    0
}

/// The UTF-8 C string `s` as a new raw wide string, or the error.
unsafe fn wide_copy(s: *const c_char) -> Result<*mut wchar_t, &'static str> {
    // SAFETY: s is a C string.
    let Ok(text) = (unsafe { CStr::from_ptr(s) }).to_str() else {
        return Err("decoding error");
    };
    let w = wide_from_str(text);
    if w.is_null() {
        return Err("memory allocation failed");
    }
    Ok(w)
}

/// `PyInitConfig_SetStr`: a copy of the UTF-8 `value` (NULL only for an
/// optional string).
#[no_mangle]
pub unsafe extern "C" fn PyInitConfig_SetStr(
    config: *mut PyInitConfig,
    name: *const c_char,
    value: *const c_char,
) -> c_int {
    // SAFETY: config is a PyInitConfig; the member has the spec's type.
    unsafe {
        let c = &mut *config;
        let Some((spec, m)) = c.member(name) else {
            return -1;
        };
        if !matches!(spec.kind, Kind::Wstr | Kind::WstrOpt) {
            return c.fail("config option type is not string");
        }
        let new = if value.is_null() {
            if spec.kind != Kind::WstrOpt {
                return c.fail("config option string cannot be NULL");
            }
            std::ptr::null_mut()
        } else {
            match wide_copy(value) {
                Ok(w) => w,
                Err(e) => return c.fail(e),
            }
        };
        let field = m.cast::<*mut wchar_t>();
        PyMem_RawFree((*field).cast());
        *field = new;
    }
    0
}

/// `PyInitConfig_SetStrList`: copies of the UTF-8 `items`; setting
/// `module_search_paths` also sets `module_search_paths_set`.
#[no_mangle]
pub unsafe extern "C" fn PyInitConfig_SetStrList(
    config: *mut PyInitConfig,
    name: *const c_char,
    length: usize,
    items: *const *mut c_char,
) -> c_int {
    // SAFETY: config is a PyInitConfig; the member has the spec's type;
    // items holds length C strings.
    unsafe {
        let c = &mut *config;
        let Some((spec, m)) = c.member(name) else {
            return -1;
        };
        if spec.kind != Kind::WstrList {
            return c.fail("config option type is not strings list");
        }
        let mut strings = Vec::with_capacity(length);
        for i in 0..length {
            let Ok(s) = CStr::from_ptr(*items.add(i)).to_str() else {
                return c.fail("decoding error");
            };
            strings.push(s.to_string());
        }
        let st = crate::capi::config::set_list(&mut *m.cast::<PyWideStringList>(), &strings);
        if st._type != crate::capi::config::STATUS_OK {
            c.status = st;
            return -1;
        }
        if spec.name == "module_search_paths" {
            c.config.module_search_paths_set = 1;
        }
    }
    0
}

/// `PyInitConfig_AddModule`: a builtin module `name` made by `initfunc`,
/// registered at initialization (`name` must outlive the configuration).
#[no_mangle]
pub unsafe extern "C" fn PyInitConfig_AddModule(
    config: *mut PyInitConfig,
    name: *const c_char,
    initfunc: Option<unsafe extern "C" fn() -> *mut PyObject>,
) -> c_int {
    // SAFETY: config is a PyInitConfig.
    unsafe {
        (*config)
            .inittab
            .push(crate::capi::import::_inittab { name, initfunc })
    };
    0
}

/// `Py_InitializeFromInitConfig`: registers the added modules,
/// pre-initializes and initializes from the configuration; -1 with the
/// error or exit (`-h`, a usage error with `parse_argv`) in `config`.
#[no_mangle]
pub unsafe extern "C" fn Py_InitializeFromInitConfig(config: *mut PyInitConfig) -> c_int {
    // SAFETY: config is a PyInitConfig.
    let c = unsafe { &mut *config };
    if !c.inittab.is_empty() {
        c.inittab.push(crate::capi::import::_inittab {
            name: std::ptr::null(),
            initfunc: None,
        });
        // SAFETY: the table ends with a NULL name.
        let r = unsafe { crate::capi::import::PyImport_ExtendInittab(c.inittab.as_mut_ptr()) };
        c.inittab.pop();
        if r < 0 {
            return c.fail("memory allocation failed");
        }
    }
    c.preconfig.parse_argv = c.config.parse_argv;
    c.preconfig.isolated = c.config.isolated;
    c.preconfig.use_environment = c.config.use_environment;
    c.preconfig.dev_mode = c.config.dev_mode;
    // SAFETY: both structures are initialized.
    unsafe {
        c.status = crate::capi::config::Py_PreInitialize(&c.preconfig);
        if c.status._type == crate::capi::config::STATUS_OK {
            c.status = crate::capi::config::Py_InitializeFromConfig(&c.config);
        }
    }
    if c.status._type == crate::capi::config::STATUS_OK {
        0
    } else {
        -1
    }
}

/// A public or read-only option of either table.
fn find_visible(name: &str) -> Option<(&'static Spec, bool)> {
    let visible = |s: &&Spec| s.vis != Vis::InitOnly;
    find(&CONFIG_SPEC, name)
        .filter(visible)
        .map(|s| (s, false))
        .or_else(|| {
            find(&PRECONFIG_SPEC, name)
                .filter(visible)
                .map(|s| (s, true))
        })
}

fn unknown(name: &str) -> errors::Raised {
    errors::value_error(format!("unknown config option name: {name}"))
}

/// The `sys` attribute `attr` (a new reference), or RuntimeError.
fn sys_attr(attr: &str) -> PyResult<Owned> {
    let v = crate::modules::sys::get(attr);
    if v.is_null() {
        return Err(errors::runtime_error(format!("lost sys.{attr}")));
    }
    // SAFETY: v is a live object owned by sys.
    Ok(unsafe { Owned::from_borrowed(v) })
}

/// The value of `spec` in the C structure at `base`.
unsafe fn member_value(spec: &Spec, base: *const u8) -> PyResult<Owned> {
    // SAFETY: base + offset is a member of the spec's type.
    unsafe {
        let m = base.add(spec.offset);
        match spec.kind {
            Kind::Int | Kind::Uint => int::from_i64(*m.cast::<c_int>() as i64),
            Kind::Bool => Ok(Owned::from_borrowed_static(object::bool::from_bool(
                *m.cast::<c_int>() != 0,
            ))),
            Kind::Ulong => int::from_u64(*m.cast::<c_ulong>()),
            Kind::Wstr | Kind::WstrOpt => {
                let w = *m.cast::<*mut wchar_t>();
                if w.is_null() {
                    Ok(Owned::from_borrowed_static(object::none::none()))
                } else {
                    pystr::from_str(&crate::capi::config::wide_to_string(w))
                }
            }
            Kind::WstrList => {
                let l = &*m.cast::<PyWideStringList>();
                let items = crate::capi::config::list_strings(l).unwrap_or_default();
                let v = items
                    .iter()
                    .map(|s| pystr::from_str(s))
                    .collect::<PyResult<Vec<_>>>()?;
                object::tuple::from_vec(v)
            }
        }
    }
}

/// The running interpreter's configuration as a C `PyConfig` (to read a
/// member by offset), and its pre-configuration.
fn current_structs() -> PyResult<(Box<PyConfig>, PyPreConfig)> {
    let Some(cfg) = rconfig::current() else {
        return Err(errors::runtime_error("the runtime is not initialized"));
    };
    // SAFETY: all-zero is a valid PyConfig, initialized at once.
    let mut c: Box<PyConfig> = Box::new(unsafe { std::mem::zeroed() });
    // SAFETY: c is writable.
    unsafe {
        crate::capi::config::PyConfig_InitPythonConfig(&mut *c);
        if cfg.isolated {
            PyConfig_InitIsolatedConfig(&mut *c);
        }
        let st = crate::capi::config_read::write(&cfg, &mut c);
        if st._type != crate::capi::config::STATUS_OK {
            PyConfig_Clear(&mut *c);
            return Err(errors::no_memory());
        }
    }
    let mut pre: PyPreConfig = crate::capi::config::current_preconfig();
    pre.utf8_mode = cfg.utf8_mode.max(0);
    Ok((c, pre))
}

/// `PyConfig_Get` in Rust terms.
pub fn get(name: &str) -> PyResult<Owned> {
    let Some((spec, pre)) = find_visible(name) else {
        return Err(unknown(name));
    };
    if !pre {
        match spec.sys {
            Attr(attr) => return sys_attr(attr),
            _ if spec.name == "write_bytecode" => {
                let v = sys_attr("dont_write_bytecode")?;
                // SAFETY: v is a live object.
                let dont = unsafe { object::protocol::is_true(v.as_ptr())? };
                return Ok(Owned::from_borrowed_static(object::bool::from_bool(!dont)));
            }
            _ if spec.name == "int_max_str_digits" => {
                return int::from_i64(int::max_str_digits() as i64)
            }
            _ => {}
        }
    }
    let (mut c, p) = current_structs()?;
    let base = if pre {
        (&raw const p).cast::<u8>()
    } else {
        (&raw const *c).cast::<u8>()
    };
    // SAFETY: base is the structure the spec describes.
    let v = unsafe { member_value(spec, base) };
    // SAFETY: c was filled by write().
    unsafe { PyConfig_Clear(&mut *c) };
    v
}

/// `PyConfig_Get`: the option's value (a new reference) as a Python
/// object: `sys`'s value for options `sys` shows, else the running
/// configuration's; ValueError for an unknown or init-only name.
#[no_mangle]
pub unsafe extern "C" fn PyConfig_Get(name: *const c_char) -> *mut PyObject {
    crate::null_check!(name);
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: name is a C string.
        let n = unsafe { CStr::from_ptr(name) }.to_string_lossy();
        get(&n)
    })
}

/// `PyConfig_GetInt`: an integer option as a C int.
#[no_mangle]
pub unsafe extern "C" fn PyConfig_GetInt(name: *const c_char, value: *mut c_int) -> c_int {
    crate::null_check!(name, value);
    crate::capi::boundary::guard(|| {
        // SAFETY: name is a C string; value is writable.
        let n = unsafe { CStr::from_ptr(name) }.to_string_lossy();
        let r = get(&n).and_then(|v| {
            // SAFETY: v is a live object.
            unsafe {
                if !int::check(v.as_ptr()) {
                    return Err(errors::type_error(format!(
                        "config option {n} is not an int"
                    )));
                }
                let i = int::as_i64(v.as_ptr())
                    .ok()
                    .and_then(|i| c_int::try_from(i).ok());
                match i {
                    Some(i) => Ok(i),
                    None => {
                        errors::clear();
                        Err(errors::overflow_error(format!(
                            "config option {n} value does not fit into a C int"
                        )))
                    }
                }
            }
        });
        match r {
            Ok(i) => {
                // SAFETY: value is writable.
                unsafe { *value = i };
                0
            }
            Err(_) => -1,
        }
    })
}

/// `PyConfig_Names`: a frozenset of every public and read-only option.
#[no_mangle]
pub extern "C" fn PyConfig_Names() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        let names = CONFIG_SPEC
            .iter()
            .chain(PRECONFIG_SPEC.iter())
            .filter(|s| s.vis != Vis::InitOnly)
            .map(|s| pystr::from_str(s.name))
            .collect::<PyResult<Vec<_>>>()?;
        let l = list::from_vec(names)?;
        // SAFETY: l is a list.
        unsafe { object::set::new_frozenset(l.as_ptr()) }
    })
}

/// The type name `%T` shows.
unsafe fn tname(o: *mut PyObject) -> &'static str {
    // SAFETY: o is a live object.
    unsafe { object::typeobj::type_name(o) }
}

/// Checks `value` against the option's type, as `PyConfig_Set` does;
/// the C int for integer options.
unsafe fn check_value(spec: &Spec, value: *mut PyObject) -> PyResult<Option<c_int>> {
    // SAFETY: value is a live object.
    unsafe {
        match spec.kind {
            Kind::Int | Kind::Uint | Kind::Bool => {
                if !int::check(value) {
                    return Err(errors::type_error(format!(
                        "expected int or bool, got {}",
                        tname(value)
                    )));
                }
                let i = int::as_i64(value)?;
                let Ok(i) = c_int::try_from(i) else {
                    return Err(errors::overflow_error(
                        "Python int too large to convert to C int",
                    ));
                };
                if i < 0 && spec.kind != Kind::Int {
                    return Err(errors::value_error("value must be >= 0"));
                }
                Ok(Some(i))
            }
            Kind::Ulong => Err(errors::value_error(format!(
                "cannot set option {}",
                spec.name
            ))),
            Kind::Wstr => {
                if !pystr::check_exact(value) {
                    return Err(errors::type_error(format!(
                        "expected str, got {}",
                        tname(value)
                    )));
                }
                Ok(None)
            }
            Kind::WstrOpt => {
                if value != object::none::none() && !pystr::check_exact(value) {
                    return Err(errors::type_error(format!(
                        "expected str or None, got {}",
                        tname(value)
                    )));
                }
                Ok(None)
            }
            Kind::WstrList if spec.name == "xoptions" => {
                if !dict::check(value) {
                    return Err(errors::type_error(format!(
                        "expected dict[str, str | bool], got {}",
                        tname(value)
                    )));
                }
                let mut pos = 0;
                while let Some((k, v)) = dict::next(value, &mut pos) {
                    if !pystr::check(k) {
                        return Err(errors::type_error(format!(
                            "expected str, got dict key type {}",
                            tname(k)
                        )));
                    }
                    if !pystr::check(v) && (*v).ob_type != &raw mut object::bool::PyBool_Type {
                        // CPython names the key's type here.
                        return Err(errors::type_error(format!(
                            "expected str or bool, got dict value type {}",
                            tname(k)
                        )));
                    }
                }
                Ok(None)
            }
            Kind::WstrList => {
                if !list::check(value) {
                    return Err(errors::type_error(format!(
                        "expected list[str], got {}",
                        tname(value)
                    )));
                }
                for (i, &item) in list::items(value).iter().enumerate() {
                    if !pystr::check(item) {
                        return Err(errors::type_error(format!(
                            "expected str, list item {i} has type {}",
                            tname(item)
                        )));
                    }
                }
                Ok(None)
            }
        }
    }
}

/// Records an integer option in the running configuration.
fn store_int(name: &str, v: c_int) {
    let Some(mut cfg) = rconfig::current() else {
        return;
    };
    match name {
        "bytes_warning" => cfg.bytes_warning = v,
        "cpu_count" => cfg.cpu_count = v,
        "inspect" => cfg.inspect = v,
        "interactive" => cfg.interactive = v,
        "optimization_level" => cfg.optimization_level = v,
        "parser_debug" => cfg.parser_debug = v,
        "quiet" => cfg.quiet = v,
        "use_environment" => cfg.use_environment = v != 0,
        "verbose" => cfg.verbose = v,
        "write_bytecode" => cfg.write_bytecode = v != 0,
        _ => return,
    }
    rconfig::set_current(Some(cfg));
}

/// `PyConfig_Set` in Rust terms.
pub unsafe fn set(name: &str, value: *mut PyObject) -> PyResult<()> {
    // SAFETY: value is a live object.
    unsafe {
        let args =
            object::tuple::from_vec(vec![pystr::from_str(name)?, Owned::from_borrowed(value)])?;
        crate::runtime::audit::audit_tuple(c"cpython.PyConfig_Set", args.as_ptr())?;
    }
    let Some((spec, _)) = find_visible(name) else {
        return Err(unknown(name));
    };
    if spec.vis != Vis::Public {
        return Err(errors::value_error(format!(
            "cannot set read-only option {name}"
        )));
    }
    // SAFETY: value is a live object.
    let int_value = unsafe { check_value(spec, value)? };
    match (spec.sys, int_value) {
        // SAFETY: value is a live object that sys keeps a reference to.
        (Attr(attr), _) => unsafe { crate::modules::sys::set(attr, value) },
        (Flag(index, negate), Some(mut v)) => {
            if spec.kind == Kind::Bool && v != 0 {
                v = 1;
            }
            let shown = if negate { (v == 0) as i64 } else { v as i64 };
            let flags = sys_attr("flags")?;
            let obj = int::from_i64(shown)?;
            // SAFETY: sys.flags is a struct sequence with this field.
            unsafe { object::structseq::set_item(flags.as_ptr(), index, obj.into_raw()) };
            if spec.name == "write_bytecode" {
                // SAFETY: a static bool.
                unsafe {
                    crate::modules::sys::set(
                        "dont_write_bytecode",
                        object::bool::from_bool(v == 0),
                    )?
                };
            }
            store_int(spec.name, v);
            Ok(())
        }
        (_, Some(v)) if spec.name == "int_max_str_digits" => {
            let threshold = crate::object::int_text::MAX_STR_DIGITS_THRESHOLD;
            if v != 0 && (v as usize) < threshold {
                return Err(errors::value_error(format!(
                    "maxdigits must be 0 or larger than {threshold}"
                )));
            }
            int::set_max_str_digits(v as usize);
            Ok(())
        }
        (_, Some(v)) => {
            store_int(spec.name, v);
            Ok(())
        }
        _ => Err(errors::value_error(format!("cannot set option {name}"))),
    }
}

/// `PyConfig_Set`: sets a public option of the running interpreter (and
/// the `sys` attribute or flag that shows it); raises the
/// `cpython.PyConfig_Set` audit event first. ValueError for an unknown
/// or read-only name or a bad value, TypeError for a wrong type.
#[no_mangle]
pub unsafe extern "C" fn PyConfig_Set(name: *const c_char, value: *mut PyObject) -> c_int {
    crate::null_check!(name, value);
    crate::capi::boundary::guard(|| {
        // SAFETY: name is a C string; value a live object.
        let n = unsafe { CStr::from_ptr(name) }.to_string_lossy();
        match unsafe { set(&n, value) } {
            Ok(()) => 0,
            Err(_) => -1,
        }
    })
}
