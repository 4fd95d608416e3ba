//! Build script: regenerates `include/ferrython/capi.h` from the Rust
//! definitions with cbindgen, compiles the C-variadic shims in
//! `src/capi/variadic.c`, and exports those shims from the shared library and
//! the `ferrython` binary (rustc's version script would hide them otherwise).
use std::env;
use std::path::PathBuf;

/// The C functions defined in `src/capi/variadic.c` (one per line, after
/// `// export:` markers) — the linker is told to keep and export each.
fn variadic_exports(src: &str) -> Vec<String> {
    src.lines()
        .filter_map(|l| l.trim().strip_prefix("// export: "))
        .map(|s| s.trim().to_string())
        .collect()
}

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-changed=include/Python.h");

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
    // The binary offers the whole C API to the extensions it dlopens.
    println!("cargo:rustc-link-arg-bins=-Wl,--export-dynamic");

    // Regenerate the committed header; a test compares it with a fresh run.
    let config = cbindgen::Config::from_file(root.join("cbindgen.toml")).unwrap();
    match cbindgen::Builder::new()
        .with_crate(&root)
        .with_config(config)
        .generate()
    {
        Ok(bindings) => {
            bindings.write_to_file(root.join("include/ferrython/capi.h"));
        }
        Err(e) => println!("cargo:warning=cbindgen failed: {e}"),
    }
}
