//! Checks that `libferrython.so` exports every symbol of CPython's stable
//! ABI (abi3) that a Linux build exports, as listed in
//! `capi-tests/stable_abi.txt` (the same comparison as
//! `make check-stable-abi`, run by `cargo test`).
//!
//! `NOT_YET` names the symbols still missing, each with the reason. The test
//! fails on a missing symbol that is not listed there, and on a listed
//! symbol that is exported by now (delete it from the list).
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const SUBINTERPRETERS: &str = "sub-interpreters are a later issue";

/// Stable-ABI symbols not exported yet, with the reason.
const NOT_YET: &[(&str, &str)] = &[
    ("Py_NewInterpreter", SUBINTERPRETERS),
    ("Py_EndInterpreter", SUBINTERPRETERS),
    ("PyInterpreterState_New", SUBINTERPRETERS),
    ("PyInterpreterState_Clear", SUBINTERPRETERS),
    ("PyInterpreterState_Delete", SUBINTERPRETERS),
];

/// The directory of the `libferrython.so` this test run was built with:
/// `target/PROFILE/deps/` or, if newer, the copy in `target/PROFILE/`.
fn find_library() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    let deps = exe.parent().expect("deps directory");
    [deps, deps.parent().unwrap_or(deps)]
        .iter()
        .map(|dir| dir.join("libferrython.so"))
        .filter_map(|lib| Some((fs::metadata(&lib).and_then(|m| m.modified()).ok()?, lib)))
        .max_by_key(|(modified, _)| *modified)
        .map(|(_, lib)| lib)
        .unwrap_or_else(|| panic!("libferrython.so not found next to {}", exe.display()))
}

/// The names of the dynamic symbols `lib` defines (`nm -D --defined-only`).
fn exported_symbols(lib: &Path) -> BTreeSet<String> {
    let out = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(lib)
        .output()
        .expect("run nm (binutils)");
    assert!(
        out.status.success(),
        "nm -D {} failed: {}",
        lib.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().nth(2))
        .map(|name| name.split('@').next().unwrap_or(name).to_owned())
        .collect()
}

#[test]
fn every_stable_abi_symbol_is_exported() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let list = fs::read_to_string(root.join("capi-tests/stable_abi.txt"))
        .expect("read capi-tests/stable_abi.txt");
    let wanted: BTreeSet<&str> = list
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    let exported = exported_symbols(&find_library());

    let mut problems = Vec::new();
    for (name, _) in NOT_YET {
        if !wanted.contains(name) {
            problems.push(format!(
                "{name}: listed in NOT_YET but not in stable_abi.txt"
            ));
        } else if exported.contains(*name) {
            problems.push(format!("{name}: exported now, delete it from NOT_YET"));
        }
    }
    let pending: BTreeSet<&str> = NOT_YET.iter().map(|(name, _)| *name).collect();
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|name| !exported.contains(**name) && !pending.contains(*name))
        .copied()
        .collect();
    for name in &missing {
        problems.push(format!("{name}: not exported by libferrython.so"));
    }
    println!(
        "stable ABI: {} of {} symbols exported, {} listed as not yet",
        wanted.len() - missing.len() - pending.len(),
        wanted.len(),
        pending.len()
    );
    assert!(
        problems.is_empty(),
        "stable ABI check:\n{}",
        problems.join("\n")
    );
}
