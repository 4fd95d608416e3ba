//! The audit events (PEP 578) that CPython's importlib raises while it
//! loads a module from a file, raised by the native importer at the same
//! points: `open` when a code file (source or cache) is opened through
//! `io.open_code`, `marshal.loads` when cached code is read, `compile`
//! when source is compiled, `exec` when the module's code runs, and the
//! `import` event of `_imp.create_dynamic` for an extension module. Each
//! costs one load when no hook is installed.
use crate::ffi::PyObject;
use crate::object::{bytes, int, none, str as pystr};
use crate::runtime::audit::{audit, audit_with};
use crate::runtime::errors::PyResult;
use crate::runtime::fs_codec::path_str;
use crate::Owned;
use std::path::Path;

/// `open` `(path, 'r', O_RDONLY | O_CLOEXEC)`: `io.open_code` opening the
/// file `path` to read code (`FileLoader.get_data`), raised before the
/// attempt, so also for a cache file that does not exist.
pub fn open(path: &Path) -> PyResult<()> {
    audit_with(c"open", || {
        Ok(vec![
            path_str(path)?,
            pystr::from_str("r")?,
            int::from_i64(i64::from(libc::O_RDONLY | libc::O_CLOEXEC))?,
        ])
    })
}

/// `marshal.loads` `(data,)`: the code of a cache file is read from
/// `data`, its contents after the header.
pub fn unmarshal(data: &[u8]) -> PyResult<()> {
    audit_with(c"marshal.loads", || Ok(vec![bytes::from_slice(data)?]))
}

/// `compile` `(source, path)`: the source bytes of the file `path` are
/// compiled (`SourceLoader.source_to_code`).
pub fn compile(source: &[u8], path: &Path) -> PyResult<()> {
    audit_with(c"compile", || {
        Ok(vec![bytes::from_slice(source)?, path_str(path)?])
    })
}

/// `exec` `(code,)`: a module's code object is about to run in its
/// namespace (`exec(code, module.__dict__)` in `_LoaderBasics.exec_module`).
pub fn exec(code: *mut PyObject) -> PyResult<()> {
    audit(c"exec", &[code])
}

/// `import` `(name, path, None, None, None)`: the extension module `name`
/// is about to be loaded from the file `path` (`_imp.create_dynamic`).
pub fn import_extension(name: &str, path: &Path) -> PyResult<()> {
    audit_with(c"import", || {
        let none = || Owned::from_borrowed_static(none::none());
        Ok(vec![
            pystr::from_str(name)?,
            path_str(path)?,
            none(),
            none(),
            none(),
        ])
    })
}
