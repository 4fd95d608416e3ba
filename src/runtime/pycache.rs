//! The bytecode cache of source modules (PEP 3147): `dir/NAME.py` is
//! compiled once into `dir/__pycache__/NAME.ferrython-314.pyc` and later
//! imports load the code from there while the source's modification time
//! and size are unchanged, as CPython's `SourceFileLoader` does with its
//! `.cpython-3XY.pyc` files. The file format (our own, not `marshal`) is
//! `ferrython_compiler::cache`. Nothing is written when
//! `sys.dont_write_bytecode` is true (`-B`, `PYTHONDONTWRITEBYTECODE`).
use crate::object::exceptions as exc;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::import_events;
use crate::Owned;
use ferrython_compiler::cache::{self, SourceStamp};
use ferrython_compiler::CompileMode;
use std::path::{Path, PathBuf};

/// `sys.implementation.cache_tag`: the middle part of cache file names.
pub const CACHE_TAG: &str = match CACHE_TAG_C.to_str() {
    Ok(s) => s,
    Err(_) => panic!("the cache tag is ASCII"),
};

/// [`CACHE_TAG`] as a C string (`PyImport_GetMagicTag`).
pub const CACHE_TAG_C: &std::ffi::CStr = c"ferrython-314";

/// Where the cache file of the source `path` lives (CPython's
/// `importlib.util.cache_from_source`).
pub fn cache_path(path: &Path) -> Option<PathBuf> {
    let dir = path.parent()?;
    let stem = path.file_stem()?.to_str()?;
    Some(
        dir.join("__pycache__")
            .join(format!("{stem}.{CACHE_TAG}.pyc")),
    )
}

/// The stamp of the source file `path` (its modification time and size).
fn stamp(path: &Path) -> Option<SourceStamp> {
    let meta = std::fs::metadata(path).ok()?;
    let mtime = meta.modified().ok()?;
    let since = mtime.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(SourceStamp {
        mtime_ns: u64::try_from(since.as_nanos()).ok()?,
        size: meta.len(),
    })
}

/// Whether `sys.dont_write_bytecode` is true.
fn dont_write() -> bool {
    let v = crate::modules::sys::get("dont_write_bytecode");
    v == crate::object::bool::py_true()
}

/// Writes `bytes` to `target` atomically (a temporary file renamed into
/// place, so a concurrent reader sees the old file or the new one); errors
/// are ignored, as CPython ignores a cache it cannot write.
fn write_atomic(target: &Path, bytes: &[u8]) {
    let Some(dir) = target.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let mut tmp = target.as_os_str().to_owned();
    tmp.push(format!(".{}.tmp", std::process::id()));
    let tmp = PathBuf::from(tmp);
    if std::fs::write(&tmp, bytes).is_ok() && std::fs::rename(&tmp, target).is_ok() {
        return;
    }
    let _ = std::fs::remove_file(&tmp);
}

/// The code object of the module source at `path` (its `co_filename`;
/// `name` the module's full name, which a `.pyc` file's errors carry):
/// from the cache when it is current, else compiled (the source's coding
/// cookie honoured) and cached. Returns the code and the cache file's
/// path, for `__cached__`.
///
/// When an open-code hook is set (PEP 578, `PyFile_SetOpenCodeHook`), the
/// source is read through it and the cache is neither read nor written,
/// so the hook sees every piece of code that runs.
pub fn load_code(path: &Path, name: &str) -> PyResult<(Owned, Option<PathBuf>)> {
    if path.extension().is_some_and(|e| e == "pyc") {
        return Ok((load_pyc(path, name)?, None));
    }
    let (code, cached) = load_source_code(path, &path.to_string_lossy())?;
    if path.to_str().is_none() {
        // A path that is not UTF-8 names the code by its escaped form.
        let filename = crate::runtime::fs_codec::path_str(path)?;
        // SAFETY: code is a code object; filename a str.
        unsafe { crate::vm::code::set_filename(code.as_ptr(), filename.as_ptr()) };
    }
    Ok((code, cached))
}

/// [`load_code`] for a source file, with `filename` as `co_filename`.
fn load_source_code(path: &Path, filename: &str) -> PyResult<(Owned, Option<PathBuf>)> {
    if crate::modules::io::open_code::hook_is_set() {
        let source = crate::modules::io::open_code::read_through_hook(&path.to_string_lossy())?;
        import_events::compile(&source, path)?;
        let code = compile_source(&source, filename)?;
        return Ok((crate::vm::code::from_compiled(&code)?, None));
    }
    let cached = cache_path(path);
    let stamp = stamp(path);
    if let (Some(c), Some(s)) = (&cached, stamp) {
        let bytes = match import_events::open(c) {
            Ok(()) => std::fs::read(c)
                .ok()
                .filter(|b| cache::header_matches(b, s)),
            // A hook refusing the cache with an `OSError` only makes it
            // unreadable, as a failing `get_data` is to `SourceLoader.get_code`.
            // SAFETY: the class is static.
            Err(_) if unsafe { errors::matches(exc::PyExc_OSError) } => {
                errors::clear();
                None
            }
            Err(e) => return Err(e),
        };
        if let Some(bytes) = bytes {
            import_events::unmarshal(&bytes[cache::HEADER_LEN..])?;
            if let Some(code) = crate::vm::code_load::load(&bytes, s, filename)? {
                use crate::runtime::import_trace::verbose_message;
                verbose_message(1, || format!("{} matches {}", c.display(), path.display()));
                verbose_message(1, || format!("code object from '{}'", c.display()));
                return Ok((code, cached));
            }
        }
    }
    import_events::open(path)?;
    let source = std::fs::read(path).map_err(|e| {
        // SAFETY: the class is static.
        unsafe {
            errors::set_string(
                exc::PyExc_ImportError,
                &format!("cannot read {}: {e}", path.display()),
            )
        }
    })?;
    import_events::compile(&source, path)?;
    let code = compile_source(&source, filename)?;
    crate::runtime::import_trace::verbose_message(1, || {
        format!("code object from {}", path.display())
    });
    // A source that changed while being read is not cached under the old
    // stamp (its new size tells).
    if let (Some(c), Some(s)) = (&cached, stamp) {
        if s.size == source.len() as u64 && !dont_write() {
            write_atomic(c, &cache::write(&code, s));
        }
    }
    Ok((crate::vm::code::from_compiled(&code)?, cached))
}

/// Compiles a module's source, decoded as `compile()` decodes bytes.
fn compile_source(source: &[u8], filename: &str) -> PyResult<ferrython_compiler::CodeObject> {
    use crate::runtime::source_text::{decode, Origin};
    let text = decode(source, filename, Origin::String)?;
    // Compile-time warnings are not issued on import: the standard
    // library in use is CPython 3.13's, where 3.14's PEP 765 warnings
    // (`return` in `finally`, in subprocess.py) would be spurious.
    ferrython_compiler::compile_source(&text, filename, CompileMode::Exec, 0, 0)
        .map_err(|e| crate::runtime::run::raise_syntax_error(&e))
}

/// The code object of a `.pyc` file without source (as `py_compile`
/// writes them: magic number, flags, two words of validation data, then
/// the marshalled code), as CPython's `SourcelessFileLoader` reads it; its
/// `ImportError`s carry the module's `name` and the `path`.
fn load_pyc(path: &Path, name: &str) -> PyResult<Owned> {
    import_events::open(path)?;
    read_pyc(path, name)
}

/// [`load_pyc`] without the `open` audit event of the importer (a `.pyc`
/// script raises its own).
pub fn read_pyc(path: &Path, name: &str) -> PyResult<Owned> {
    let import_error = |msg: String| crate::runtime::dynload::import_error(&msg, name, path);
    let data = std::fs::read(path)
        .map_err(|e| import_error(format!("cannot read {}: {e}", path.display())))?;
    let magic = crate::modules::imp::pyc_magic::TOKEN.to_le_bytes();
    if data.len() < 4 || data[..4] != magic {
        let head = crate::object::bytes::from_slice(&data[..data.len().min(4)])?;
        // SAFETY: head is a bytes object.
        let shown = unsafe { crate::object::protocol::repr(head.as_ptr())? };
        // SAFETY: repr returns a str.
        let shown = unsafe { crate::object::str::as_str(shown.as_ptr())? }.to_owned();
        return Err(import_error(format!(
            "bad magic number in '{name}': {shown}"
        )));
    }
    if data.len() < 16 {
        // SAFETY: the class is static.
        return Err(unsafe {
            errors::set_string(
                exc::PyExc_EOFError,
                &format!("reached EOF while reading pyc of {name}"),
            )
        });
    }
    let flags = u32::from_le_bytes([data[4], data[5], data[6], data[7]]);
    if flags & !0b11 != 0 {
        return Err(import_error(format!(
            "invalid flags {flags:#x} in '{name}'"
        )));
    }
    import_events::unmarshal(&data[16..])?;
    let code = crate::modules::marshal::loads(&data[16..])?;
    // SAFETY: code is a live object.
    if !unsafe { crate::vm::code::check(code.as_ptr()) } {
        return Err(import_error(format!(
            "Non-code object in {}",
            path.display()
        )));
    }
    Ok(code)
}
