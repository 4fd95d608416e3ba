//! `ast.dump(ast.parse(src), include_attributes=True)` under ferrython
//! against CPython 3.13, for the `.py` files of CPython's standard library
//! (those CPython itself parses; `lib2to3`'s test data skipped). One
//! process per interpreter dumps every file and prints an MD5 digest per
//! file; the digests are compared and the number of equal dumps printed.
//!
//! By default a fixed sample (every 25th file of the sorted list) is
//! compared, which a debug build runs in well under two minutes;
//! `FERRYTHON_AST_ALL=1` compares every file (use a release build:
//! `FERRYTHON_AST_ALL=1 cargo test --release --test ast_stdlib -- --nocapture`).
use std::path::{Path, PathBuf};
use std::process::Command;

/// The test fails below these counts of equal dumps. Measured: 70/70 for
/// the sample, 1722/1722 for all files (4 files CPython cannot parse).
const FLOOR_SAMPLE: usize = 70;
const FLOOR_ALL: usize = 1722;
const SAMPLE_STEP: usize = 25;

const DUMPER: &str = r#"
import ast, sys, hashlib
out = open(sys.argv[2], 'w')
for path in open(sys.argv[1]).read().split('\n'):
    if not path:
        continue
    try:
        with open(path, 'rb') as f:
            src = f.read()
        d = ast.dump(ast.parse(src, path), include_attributes=True)
        h = hashlib.md5(d.encode('utf-8', 'surrogatepass')).hexdigest()
    except Exception as e:
        h = 'ERR ' + type(e).__name__
    out.write(path + ' ' + h + '\n')
out.close()
"#;

fn cpython_home() -> PathBuf {
    if let Ok(p) = std::env::var("FERRYTHON_CPYTHON") {
        return PathBuf::from(p)
            .parent()
            .unwrap()
            .parent()
            .unwrap()
            .to_path_buf();
    }
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
    PathBuf::from(home).join(".pyenv/versions/3.13.0")
}

fn py_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            if !p.ends_with("lib2to3/tests/data") && !p.ends_with("site-packages") {
                py_files(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "py") {
            out.push(p);
        }
    }
}

/// Runs the dumper under `exe` over `files`; (path, digest) lines.
fn dump(exe: &Path, files: &[PathBuf], tmp: &Path, tag: &str) -> std::process::Child {
    let list = tmp.join(format!("{tag}.list"));
    let text: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    std::fs::write(&list, text.join("\n")).unwrap();
    Command::new(exe)
        .arg(tmp.join("dumper.py"))
        .arg(&list)
        .arg(tmp.join(format!("{tag}.out")))
        .env("PYTHONHASHSEED", "0")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", exe.display()))
}

fn results(tmp: &Path, tag: &str) -> Vec<(String, String)> {
    std::fs::read_to_string(tmp.join(format!("{tag}.out")))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn ast_dump_matches_cpython_on_stdlib() {
    let home = cpython_home();
    let cpython = home.join("bin/python3");
    let lib = home.join("lib/python3.13");
    assert!(
        cpython.exists(),
        "CPython 3.13 not found at {}",
        cpython.display()
    );
    let mut files = Vec::new();
    py_files(&lib, &mut files);
    files.sort();
    let all = std::env::var_os("FERRYTHON_AST_ALL").is_some();
    if !all {
        files = files.into_iter().step_by(SAMPLE_STEP).collect();
    }
    let tmp = std::env::temp_dir().join(format!("ferrython-ast-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    std::fs::write(tmp.join("dumper.py"), DUMPER).unwrap();
    let ferrython = PathBuf::from(env!("CARGO_BIN_EXE_ferrython"));
    let mut c = dump(&cpython, &files, &tmp, "cpython");
    let mut f = dump(&ferrython, &files, &tmp, "ferrython");
    assert!(c.wait().unwrap().success(), "the CPython dumper failed");
    assert!(f.wait().unwrap().success(), "the ferrython dumper failed");
    let theirs = results(&tmp, "cpython");
    let ours: std::collections::HashMap<String, String> =
        results(&tmp, "ferrython").into_iter().collect();
    let _ = std::fs::remove_dir_all(&tmp);
    let parsed: Vec<&(String, String)> = theirs
        .iter()
        .filter(|(_, h)| !h.starts_with("ERR"))
        .collect();
    let mut differ = Vec::new();
    for (path, h) in &parsed {
        if ours.get(path) != Some(h) {
            differ.push(format!(
                "{path}: {}",
                ours.get(path).map_or("missing", |s| s)
            ));
        }
    }
    let equal = parsed.len() - differ.len();
    println!(
        "ast.dump equal for {equal}/{} files ({} files CPython cannot parse skipped{})",
        parsed.len(),
        theirs.len() - parsed.len(),
        if all {
            ""
        } else {
            "; a sample, FERRYTHON_AST_ALL=1 for all"
        }
    );
    for d in differ.iter().take(30) {
        println!("  differs: {d}");
    }
    let floor = if all { FLOOR_ALL } else { FLOOR_SAMPLE };
    assert!(
        equal >= floor,
        "only {equal} equal dumps, expected at least {floor}"
    );
}
