//! Runs the Python programs in `tests/python/` under the `ferrython` binary
//! and under CPython 3.13 (pyenv's, or `FERRYTHON_CPYTHON`), and requires the
//! same standard output and exit status. Both run with `PYTHONHASHSEED=0`.
//! A program whose first line is `# skip: REASON` is not run.
//! A program with a file `tests/python/expected/NAME.out` is compared with
//! that file (and exit status 0) instead of CPython's run: for 3.14 features
//! that CPython 3.13 lacks.
//! Environment: `PY_TEST=name[,name]` runs only those programs (file stems).
use std::path::{Path, PathBuf};
use std::process::Command;

fn cpython() -> PathBuf {
    if let Ok(p) = std::env::var("FERRYTHON_CPYTHON") {
        return PathBuf::from(p);
    }
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
    PathBuf::from(home).join(".pyenv/versions/3.13.0/bin/python3")
}

fn run(exe: &Path, script: &Path) -> (String, i32) {
    let out = Command::new(exe)
        .arg(script)
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONIOENCODING", "utf-8")
        .current_dir(script.parent().unwrap())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", exe.display()));
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn python_programs_match_cpython() {
    let ferrython = PathBuf::from(env!("CARGO_BIN_EXE_ferrython"));
    let cpython = cpython();
    assert!(
        cpython.exists(),
        "CPython 3.13 not found at {}",
        cpython.display()
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python");
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    scripts.sort();
    if let Ok(only) = std::env::var("PY_TEST") {
        let only: Vec<&str> = only.split(',').collect();
        scripts.retain(|p| {
            p.file_stem()
                .is_some_and(|n| only.contains(&n.to_string_lossy().as_ref()))
        });
    }
    let mut failures = Vec::new();
    let mut passed = 0;
    for s in &scripts {
        let first = std::fs::read_to_string(s).unwrap_or_default();
        if first
            .lines()
            .next()
            .is_some_and(|l| l.starts_with("# skip:"))
        {
            continue;
        }
        let expected = dir
            .join("expected")
            .join(s.file_stem().unwrap())
            .with_extension("out");
        let (want, want_code) = match std::fs::read_to_string(&expected) {
            Ok(text) => (text, 0),
            Err(_) => run(&cpython, s),
        };
        let (got, got_code) = run(&ferrython, s);
        if want == got && want_code == got_code {
            passed += 1;
            continue;
        }
        let name = s.file_name().unwrap().to_string_lossy().into_owned();
        let mut report = format!("{name}: exit {got_code} (CPython {want_code})\n");
        for (i, (w, g)) in want.lines().zip(got.lines()).enumerate() {
            if w != g {
                report.push_str(&format!(
                    "  line {}:\n    CPython:   {w:?}\n    ferrython: {g:?}\n",
                    i + 1
                ));
                break;
            }
        }
        if want.lines().count() != got.lines().count() {
            report.push_str(&format!(
                "  {} lines from CPython, {} from ferrython\n",
                want.lines().count(),
                got.lines().count()
            ));
        }
        failures.push(report);
    }
    println!(
        "python programs: {passed} passed, {} failed",
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join(""));
}
