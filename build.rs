//! Build script: regenerates `include/ferrython/capi.h` from the Rust
//! definitions with cbindgen, compiles the C-variadic shims in
//! `src/capi/variadic.c`, and exports those shims from the shared library and
//! the `ferrython` binary (rustc's version script would hide them otherwise).
use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The oldest CPython whose pure-Python library ferrython uses.
const MIN_MINOR: u32 = 13;

/// Whether `dir` holds a standard library.
fn is_stdlib(dir: &Path) -> bool {
    dir.join("os.py").is_file()
}

/// `DIR/lib/python3.N` for the newest 3.N >= 3.13 installed by pyenv.
fn pyenv_stdlib() -> Option<PathBuf> {
    let root = env::var_os("PYENV_ROOT")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".pyenv")))?;
    let mut found: Vec<((u32, u32), PathBuf)> = std::fs::read_dir(root.join("versions"))
        .ok()?
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let mut parts = name.split('.');
            let (major, minor) = (parts.next()?, parts.next()?);
            let micro: u32 = parts.next()?.parse().ok()?;
            let minor: u32 = minor.parse().ok()?;
            if major != "3" || minor < MIN_MINOR {
                return None;
            }
            let dir = e.path().join(format!("lib/python3.{minor}"));
            is_stdlib(&dir).then_some(((minor, micro), dir))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, d)| d)
}

/// The standard library of a `python3.N` (N >= 13) on `PATH`, asked from
/// the interpreter itself.
fn path_stdlib() -> Option<PathBuf> {
    ["python3.15", "python3.14", "python3.13", "python3"]
        .iter()
        .find_map(|exe| {
            let out = Command::new(exe)
                .args([
                    "-c",
                    "import sys, sysconfig; print(sys.version_info[1]); print(sysconfig.get_path('stdlib'))",
                ])
                .output()
                .ok()?;
            let text = String::from_utf8(out.stdout).ok()?;
            let mut lines = text.lines();
            let minor: u32 = lines.next()?.trim().parse().ok()?;
            let dir = PathBuf::from(lines.next()?.trim());
            (out.status.success() && minor >= MIN_MINOR && is_stdlib(&dir)).then_some(dir)
        })
}

/// The default standard library directory compiled into the runtime:
/// `FERRYTHON_STDLIB` when set, else pyenv's newest 3.13+, else a
/// `python3.N` on `PATH`; empty when none is found (startup then says so).
fn default_stdlib() -> String {
    println!("cargo:rerun-if-env-changed=FERRYTHON_STDLIB");
    if let Some(dir) = env::var_os("FERRYTHON_STDLIB") {
        return PathBuf::from(dir).to_string_lossy().into_owned();
    }
    pyenv_stdlib()
        .or_else(path_stdlib)
        .map(|d| d.to_string_lossy().into_owned())
        .unwrap_or_else(|| {
            println!("cargo:warning=no CPython 3.13+ standard library found; set FERRYTHON_STDLIB");
            String::new()
        })
}

/// The C functions defined in `src/capi/variadic.c` (one per line, after
/// `// export:` markers) — the linker is told to keep and export each.
fn variadic_exports(src: &str) -> Vec<String> {
    src.lines()
        .filter_map(|l| l.trim().strip_prefix("// export: "))
        .map(|s| s.trim().to_string())
        .collect()
}

include!("src/modules/sys/stdlib_scan.rs");

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-changed=include/Python.h");
    let stdlib = default_stdlib();
    println!("cargo:rustc-env=FERRYTHON_DEFAULT_STDLIB={stdlib}");
    // `sys.stdlib_module_names` of the default library, read once here.
    let names = if stdlib.is_empty() {
        Vec::new()
    } else {
        library_names(Path::new(&stdlib))
    };
    std::fs::write(out.join("stdlib_module_names.txt"), names.join("\n")).unwrap();

    // The C side of the variadic API.
    let variadic = root.join("src/capi/variadic.c");
    cc::Build::new()
        .file(&variadic)
        .include(root.join("include"))
        .flag_if_supported("-Wall")
        .flag_if_supported("-fvisibility=default")
        .compile("ferrython_variadic");
    let names = variadic_exports(&std::fs::read_to_string(&variadic).unwrap());
    let script = out.join("variadic.ver");
    let mut body = String::from("{\n  global:\n");
    for n in &names {
        body.push_str(&format!("    {n};\n"));
        println!("cargo:rustc-cdylib-link-arg=-Wl,-u,{n}");
        println!("cargo:rustc-link-arg-bins=-Wl,-u,{n}");
    }
    body.push_str("};\n");
    std::fs::write(&script, body).unwrap();
    println!(
        "cargo:rustc-cdylib-link-arg=-Wl,--version-script={}",
        script.display()
    );
    // The binary offers the C API (and nothing else: `--export-dynamic`
    // would also export every Rust symbol, keep the code behind them and
    // give the dynamic loader a 60 times larger table) to the extensions it
    // dlopens.
    let exports = out.join("capi.dynlist");
    std::fs::write(
        &exports,
        "{\n  Py*;\n  _Py*;\n  PY_*;\n  _Ferrython_*;\n};\n",
    )
    .unwrap();
    println!(
        "cargo:rustc-link-arg-bins=-Wl,--dynamic-list={}",
        exports.display()
    );
    // A fixed-address executable: its pointers in static data (type objects,
    // method tables) are final at link time, so start-up neither applies
    // ~23,000 relative relocations nor copies the ~130 pages they touch
    // (CPython's `python3` keeps such data in libpython, which pays the
    // same). The later flag wins over rustc's `-pie`.
    println!("cargo:rustc-link-arg-bins=-no-pie");

    // Regenerate the committed header; a test compares it with a fresh run.
    let config = cbindgen::Config::from_file(root.join("cbindgen.toml")).unwrap();
    match cbindgen::Builder::new()
        .with_crate(&root)
        .with_config(config)
        .generate()
    {
        Ok(bindings) => {
            let mut text = Vec::new();
            bindings.write(&mut text);
            let text = public_defines_only(&String::from_utf8(text).unwrap());
            let path = root.join("include/ferrython/capi.h");
            // Rewritten only when it changed, as cbindgen's own writer does.
            if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                std::fs::write(&path, text).unwrap();
            }
        }
        Err(e) => println!("cargo:warning=cbindgen failed: {e}"),
    }
}

/// Whether a `#define` cbindgen made from a Rust constant belongs in the C
/// API: CPython's own names only. The runtime's internal constants (`_sre`
/// opcodes, `gc` flags, `CALL`, `LINE`, `MASK`, ...) would otherwise become
/// macros in every extension that includes `Python.h`.
fn is_public_name(name: &str) -> bool {
    ["Py", "_Py", "PY", "METH_", "SSTATE_"]
        .iter()
        .any(|p| name.starts_with(p))
}

/// The header without the `#define`s of internal constants, each with the
/// doc comment in front of it and the blank line after it.
fn public_defines_only(text: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let internal = line
            .strip_prefix("#define ")
            .and_then(|rest| rest.split([' ', '(']).next())
            .is_some_and(|name| !is_public_name(name));
        if !internal {
            out.push(line);
            continue;
        }
        // Drop the comment block that ends right above the define.
        if out.last() == Some(&" */") {
            while let Some(l) = out.pop() {
                if l == "/*" {
                    break;
                }
            }
        }
        if lines.peek() == Some(&"") {
            lines.next();
        }
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}
