// The scan behind `sys.stdlib_module_names`, in plain std Rust: the
// runtime runs it on a library other than the default one, and `build.rs`
// (which `include!`s this file) runs it once on the default library, so
// that startup reads a list instead of the directory.

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
fn names_in(dir: &std::path::Path, out: &mut Vec<String>) {
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

/// The module names of the library `dir` and of its `lib-dynload`.
fn library_names(dir: &std::path::Path) -> Vec<String> {
    let mut v = Vec::new();
    names_in(dir, &mut v);
    names_in(&dir.join("lib-dynload"), &mut v);
    v
}
