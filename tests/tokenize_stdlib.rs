//! Tokenizes a sample of about 200 files of the installed CPython's
//! standard library with `tokenize.tokenize` under ferrython and under
//! CPython 3.13 (`tests/tokenize/digest.py` prints a digest of each token
//! stream), prints how many streams match and requires all of them to.
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn cpython() -> PathBuf {
    if let Ok(p) = std::env::var("FERRYTHON_CPYTHON") {
        return PathBuf::from(p);
    }
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
    PathBuf::from(home).join(".pyenv/versions/3.13.0/bin/python3")
}

/// Runs `digest.py` under `exe` with the file list on stdin.
fn digests(exe: &Path, files: &str) -> Vec<String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tokenize/digest.py");
    let mut child = Command::new(exe)
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", exe.display()));
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(files.as_bytes())
        .expect("the file list is written");
    let out = child.wait_with_output().expect("the digests are read");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

fn py_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "site-packages") {
                py_files(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "py") {
            out.push(p);
        }
    }
}

#[test]
fn stdlib_token_streams_match_cpython() {
    let cpython = cpython();
    assert!(
        cpython.exists(),
        "CPython 3.13 not found at {}",
        cpython.display()
    );
    let out = Command::new(&cpython)
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .expect("CPython runs");
    let stdlib = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let mut files = Vec::new();
    py_files(&stdlib, &mut files);
    files.sort();
    // Every ninth file: about 200 of them, spread over the library.
    let sample: Vec<String> = files
        .iter()
        .skip(8)
        .step_by(9)
        .map(|p| p.display().to_string())
        .collect();
    let list = sample.join("\n");
    let want = digests(&cpython, &list);
    let got = digests(Path::new(env!("CARGO_BIN_EXE_ferrython")), &list);
    assert_eq!(want.len(), sample.len(), "CPython digested every file");
    let matched = want.iter().zip(&got).filter(|(w, g)| w == g).count();
    println!(
        "tokenize: {matched}/{} stdlib token streams match CPython 3.13",
        sample.len()
    );
    for (w, g) in want.iter().zip(&got).filter(|(w, g)| w != g).take(5) {
        println!("  CPython:   {w}\n  ferrython: {g}");
    }
    assert_eq!(matched, sample.len());
}
