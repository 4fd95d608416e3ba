//! `sys.stdlib_module_names`: the top-level modules of the standard
//! library in use. CPython generates its list when it is built; ferrython
//! reads it from the library it found: its `.py` modules and packages, the
//! extension modules next to it (`lib-dynload`, named though ferrython
//! cannot load them, as they are standard modules all the same) and the
//! builtin modules. Test-only modules are left out, as CPython does.
use crate::object::{set, str as pystr};
use crate::runtime::errors::PyResult;
use crate::Owned;
use std::path::Path;

/// Whether `name` is one of the test-support modules CPython leaves out.
fn is_test_module(name: &str) -> bool {
    name == "test"
        || name == "idlelib.idle_test"
        || name.starts_with("_test")
        || name.starts_with("__phello__")
        || name.starts_with("__hello")
        || name.starts_with("xxlimited")
        || matches!(
            name,
            "xxsubtype" | "_xxtestfuzz" | "_ctypes_test" | "__pycache__"
        )
}

/// The module names `dir` holds: `NAME.py`, `NAME/__init__.py` and, for
/// extension modules, `NAME.*.so`.
fn names_in(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name();
        let Some(file) = file.to_str() else { continue };
        let path = e.path();
        let name = if let Some(stem) = file.strip_suffix(".py") {
            stem
        } else if file.ends_with(".so") {
            file.split('.').next().unwrap_or("")
        } else if path.join("__init__.py").is_file() {
            file
        } else {
            continue;
        };
        let valid = !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit());
        if valid && !is_test_module(name) {
            out.push(name.to_string());
        }
    }
}

/// The frozenset of standard library module names.
pub fn names(stdlib_dir: Option<&str>) -> PyResult<Owned> {
    let mut v: Vec<String> = crate::modules::builtin_names()
        .into_iter()
        .map(str::to_string)
        .collect();
    if let Some(dir) = stdlib_dir {
        let dir = Path::new(dir);
        names_in(dir, &mut v);
        names_in(&dir.join("lib-dynload"), &mut v);
    }
    v.sort_unstable();
    v.dedup();
    let items = v
        .iter()
        .map(|n| pystr::from_str(n))
        .collect::<PyResult<Vec<_>>>()?;
    let list = crate::object::list::from_vec(items)?;
    // SAFETY: list is a list of str.
    unsafe { set::new_frozenset(list.as_ptr()) }
}
