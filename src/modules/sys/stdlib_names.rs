//! `sys.stdlib_module_names`: the top-level modules of the standard
//! library in use. CPython generates its list when it is built; ferrython
//! reads it from the library it found: its `.py` modules and packages, the
//! extension modules next to it (`lib-dynload`, named though ferrython
//! cannot load them, as they are standard modules all the same) and the
//! builtin modules. Test-only modules are left out, as CPython does.
//! The default library (the one found when ferrython was built) was read
//! by `build.rs`, so startup does not read its directory again.
use crate::object::{set, str as pystr};
use crate::runtime::errors::PyResult;
use crate::Owned;
use std::borrow::Cow;

include!("stdlib_scan.rs");

/// The directory `build.rs` read, and the names it found there (one a
/// line).
const BUILT_DIR: &str = env!("FERRYTHON_DEFAULT_STDLIB");
const BUILT_NAMES: &str = include_str!(concat!(env!("OUT_DIR"), "/stdlib_module_names.txt"));

/// The frozenset of standard library module names.
pub fn names(stdlib_dir: Option<&str>) -> PyResult<Owned> {
    let mut v: Vec<Cow<'static, str>> = crate::modules::builtin_names()
        .into_iter()
        .map(Cow::Borrowed)
        .collect();
    match stdlib_dir {
        Some(dir) if dir == BUILT_DIR && !BUILT_NAMES.is_empty() => {
            v.extend(BUILT_NAMES.lines().map(Cow::Borrowed));
        }
        Some(dir) => v.extend(
            library_names(std::path::Path::new(dir))
                .into_iter()
                .map(Cow::Owned),
        ),
        None => {}
    }
    // The frozenset drops the names found twice (a builtin module that
    // the library also has); no need to sort them out first.
    let items = v
        .iter()
        .map(|n| pystr::from_str(n))
        .collect::<PyResult<Vec<_>>>()?;
    let list = crate::object::list::from_vec(items)?;
    // SAFETY: list is a list of str.
    unsafe { set::new_frozenset(list.as_ptr()) }
}
