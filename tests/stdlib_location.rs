//! Where the runtime finds the standard library: the `ferrython` command
//! fails with one clear message when there is none, and otherwise builds
//! `sys.path` as CPython does (script directory or `''`, `PYTHONPATH`, the
//! standard library; never CPython's `lib-dynload`).
use std::process::Command;

fn ferrython() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ferrython"));
    c.env_remove("PYTHONPATH").env_remove("PYTHONHOME");
    c
}

#[test]
fn missing_stdlib_is_one_clear_error() {
    let out = ferrython()
        .env("PYTHONHOME", "/nonexistent/prefix")
        .env("PYTHONPATH", "/nonexistent/pp")
        .args(["-c", "print('ran')"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert!(out.stdout.is_empty());
    // One report: the error, the path configuration that was computed,
    // and the runtime state, as CPython reports a failed startup; never a
    // bare "No module named 'encodings'".
    let first = err.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("Fatal Python error: Py_InitializeFromConfig: ")
            && first.contains("could not find the Python standard library")
            && first.contains("/nonexistent/prefix/lib/python3.N"),
        "{err}"
    );
    for line in [
        "Python path configuration:",
        "  PYTHONHOME = '/nonexistent/prefix'",
        "  PYTHONPATH = '/nonexistent/pp'",
        "  isolated = 0",
        "  environment = 1",
        "  stdlib dir = (not set)",
        "  sys.path = [",
        "    '/nonexistent/pp',",
        "  ]",
        "Python runtime state: preinitialized",
    ] {
        assert!(
            err.lines().any(|l| l == line),
            "{line:?} missing in:\n{err}"
        );
    }
    assert!(!err.contains("encodings"), "{err}");
    // -E ignores PYTHONHOME, so the built-in default is used again.
    let out = ferrython()
        .env("PYTHONHOME", "/nonexistent/prefix")
        .args(["-E", "-c", "print('ran')"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "ran\n");
}

#[test]
fn sys_path_and_prefixes() {
    let code = "import sys\n\
                print(sys.path[0] == '')\n\
                print(sys.path[-1] == sys._stdlib_dir)\n\
                print(any(p.endswith('lib-dynload') for p in sys.path))\n\
                print(sys._stdlib_dir == sys.prefix + '/' + sys.platlibdir + '/' + sys._stdlib_dir.rsplit('/', 1)[1])\n\
                print(sys.prefix == sys.base_prefix == sys.exec_prefix == sys.base_exec_prefix)";
    let out = ferrython()
        .env("PYTHONPATH", "/nonexistent/pp")
        .args(["-S", "-c", code])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        text,
        "True\nTrue\nFalse\nTrue\nTrue\n",
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = ferrython()
        .env("PYTHONPATH", "/nonexistent/pp")
        .args(["-c", "import sys; print(sys.path[:2])"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "['', '/nonexistent/pp']\n"
    );
    let out = ferrython()
        .args(["-c", "import sys; print(sys._stdlib_dir)"])
        .output()
        .unwrap();
    let dir = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(std::path::Path::new(&dir).join("os.py").is_file(), "{dir}");
    // -I: no script directory, no PYTHONPATH.
    let out = ferrython()
        .env("PYTHONPATH", "/nonexistent/pp")
        .args([
            "-I",
            "-c",
            "import sys; print(len(sys.path), sys.flags.isolated)",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1 1\n");
}
