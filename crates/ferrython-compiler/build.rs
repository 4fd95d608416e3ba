//! Computes `FERRYTHON_COMPILER_FINGERPRINT` (see `src/cache.rs`): an
//! FNV-1a hash of every file under `src/` and of `Cargo.toml`, so bytecode
//! cache files written by one build of the compiler are never read by a
//! different one.
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let mut paths = vec![PathBuf::from("Cargo.toml")];
    files(Path::new("src"), &mut paths);
    paths.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in &paths {
        let name = p.to_string_lossy();
        let data = std::fs::read(p).unwrap_or_default();
        for &b in name.as_bytes().iter().chain([0u8].iter()).chain(&data) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=FERRYTHON_COMPILER_FINGERPRINT={h:016x}");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.toml");
}
