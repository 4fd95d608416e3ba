//! Runs the C-API tests in `capi-tests/`: each `*.c` there is compiled with
//! the system C compiler against `include/` and linked to the freshly built
//! `libferrython.so`, run, and its stdout compared with
//! `capi-tests/expected/NAME.out` when that file exists.
//!
//! Lines at the top of a test of the form `// test: WORD [ARGS]` change how
//! it is handled:
//! - `differential`: also build it against CPython 3.13 (pyenv, through
//!   `pkg-config python3-embed`) and require the same stdout from both.
//! - `compile-only`: compile to an object file, do not link or run.
//! - `cflags FLAGS`: extra compiler flags (for every build of the file).
//! - `cxx`: also compile it as C++ (`c++ -Wall -Werror`, compile only).
//! - `limited HEX`: also compile it with `-DPy_LIMITED_API=HEX` (compile only).
//! - `limited-run HEX`: also build it with `-DPy_LIMITED_API=HEX`, run it,
//!   and require the same stdout as the full-API build.
//! - `cpython-compile`: also compile it against CPython 3.13's headers.
//! - `extension PATH MODE`: first build `capi-tests/PATH` as a shared
//!   library (an extension module) and pass its path to the program as the
//!   next command-line argument. MODE `ferrython` compiles it against
//!   `include/`; `ferrython-abi3` does too, with `Py_LIMITED_API=0x030c0000`;
//!   `cpython-abi3` compiles it against CPython 3.13's headers with
//!   `Py_LIMITED_API=0x030c0000`, as an abi3 wheel ships it.
//! - `no-leakcheck`: leave it out of the valgrind run.
//! - `timeout SECS`: let the program run up to SECS seconds instead of the
//!   usual limit (for long-running tests, e.g. under a loaded machine).
//! - `skip REASON`: do not build it at all (say why).
//! - `xfail REASON`: known to fail (say why, e.g. which C-API functions are
//!   still missing). Its failure is reported but does not fail the run; if it
//!   passes, the run fails so that the marker gets removed.
//!
//! Environment: `CAPI_TEST=name[,name]` runs only those tests;
//! `FERRYTHON_LEAKCHECK=1` runs each program under
//! `valgrind --leak-check=full --error-exitcode=1` as well.
//!
//! Tests are built and run two at a time; every failure is reported, then
//! the test fails once with the full list.
use std::collections::VecDeque;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How long one test program may run before it counts as hung (valgrind
/// makes programs 20-50 times slower).
const RUN_TIMEOUT: Duration = Duration::from_secs(60);
const VALGRIND_TIMEOUT: Duration = Duration::from_secs(600);
/// Worker threads (the machines have two cores).
const JOBS: usize = 2;

/// CPython installation used for differential runs and cross-compiles.
fn cpython_pkgconfig_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("FERRYTHON_CPYTHON_PKGCONFIG") {
        return PathBuf::from(dir);
    }
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
    PathBuf::from(home).join(".pyenv/versions/3.13.0/lib/pkgconfig")
}

#[derive(Default, Debug)]
struct Directives {
    differential: bool,
    compile_only: bool,
    cxx: bool,
    cpython_compile: bool,
    no_leakcheck: bool,
    timeout: Option<Duration>,
    cflags: Vec<String>,
    limited: Vec<String>,
    limited_run: Vec<String>,
    extensions: Vec<(String, String)>,
    skip: Option<String>,
    xfail: Option<String>,
}

fn parse_directives(src: &str) -> Result<Directives, String> {
    let mut d = Directives::default();
    for line in src.lines() {
        let Some(rest) = line.trim().strip_prefix("// test:") else {
            if line.trim().is_empty() || line.trim_start().starts_with("//") {
                continue;
            }
            break;
        };
        let rest = rest.trim();
        let (word, args) = rest.split_once(' ').unwrap_or((rest, ""));
        match word {
            "differential" => d.differential = true,
            "compile-only" => d.compile_only = true,
            "cxx" => d.cxx = true,
            "cpython-compile" => d.cpython_compile = true,
            "no-leakcheck" => d.no_leakcheck = true,
            "timeout" => match args.trim().parse() {
                Ok(secs) => d.timeout = Some(Duration::from_secs(secs)),
                Err(_) => return Err(format!("bad `// test: timeout {args}`")),
            },
            "cflags" => d.cflags.extend(args.split_whitespace().map(String::from)),
            "limited" => d.limited.push(args.trim().to_string()),
            "limited-run" => d.limited_run.push(args.trim().to_string()),
            "extension" => {
                let mut it = args.split_whitespace();
                match (it.next(), it.next()) {
                    (Some(path), Some(mode))
                        if ["ferrython", "ferrython-abi3", "cpython-abi3"].contains(&mode) =>
                    {
                        d.extensions.push((path.to_string(), mode.to_string()))
                    }
                    _ => return Err(format!("bad `// test: extension {args}`")),
                }
            }
            "skip" => d.skip = Some(args.trim().to_string()),
            "xfail" => d.xfail = Some(args.trim().to_string()),
            other => return Err(format!("unknown directive `// test: {other}`")),
        }
    }
    Ok(d)
}

/// Where things are: the source tree, the directory holding the built
/// `libferrython.so`, and a scratch directory for the test binaries.
struct Env {
    root: PathBuf,
    libdir: PathBuf,
    work: PathBuf,
    cc: String,
    cxx: String,
    cpython: Option<CPython>,
    leakcheck: bool,
}

/// Flags for building against CPython 3.13.
struct CPython {
    cflags: Vec<String>,
    libs: Vec<String>,
    libdir: String,
}

fn pkg_config(dir: &Path, args: &[&str]) -> Option<Vec<String>> {
    let out = Command::new("pkg-config")
        .args(args)
        .env("PKG_CONFIG_PATH", dir)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    Some(
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .map(String::from)
            .collect(),
    )
}

fn find_cpython() -> Option<CPython> {
    let dir = cpython_pkgconfig_dir();
    if !dir.is_dir() {
        return None;
    }
    let cflags = pkg_config(&dir, &["--cflags", "python3-embed"])?;
    let libs = pkg_config(&dir, &["--libs", "python3-embed"])?;
    let libdir = pkg_config(&dir, &["--variable=libdir", "python3-embed"])?
        .into_iter()
        .next()?;
    Some(CPython {
        cflags,
        libs,
        libdir,
    })
}

/// The directory of `libferrython.so` this test run was built with. Cargo
/// writes it to `target/PROFILE/deps/` and may copy it up to
/// `target/PROFILE/`, where an older copy from an earlier `cargo build` can
/// also sit: the newer of the two is the one just built.
fn find_libdir() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    let deps = exe.parent().expect("deps directory");
    let candidates = [deps, deps.parent().unwrap_or(deps)];
    candidates
        .iter()
        .filter_map(|dir| {
            let modified = fs::metadata(dir.join("libferrython.so"))
                .and_then(|m| m.modified())
                .ok()?;
            Some((modified, dir.to_path_buf()))
        })
        .max_by_key(|(modified, _)| *modified)
        .map(|(_, dir)| dir)
        .unwrap_or_else(|| {
            panic!(
                "libferrython.so not found next to {} (is crate-type cdylib still set?)",
                exe.display()
            )
        })
}

/// `target/PROFILE`, where the test binaries go.
fn exe_profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    let deps = exe.parent().expect("deps directory");
    deps.parent().unwrap_or(deps).to_path_buf()
}

impl Env {
    fn new() -> Env {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let work = exe_profile_dir().join("capi-tests");
        fs::create_dir_all(&work).unwrap();
        // Link and run against a private copy of the library: a concurrent
        // cargo build in the same target directory may replace or remove
        // the original while the tests run.
        // Copies left by earlier runs go once their process is gone; this
        // run's copy stays, so the test binaries can be rerun by hand.
        if let Ok(entries) = fs::read_dir(&work) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if let Some(pid) = name.strip_prefix("lib-") {
                    if !Path::new("/proc").join(pid).exists() {
                        let _ = fs::remove_dir_all(e.path());
                    }
                }
            }
        }
        let libdir = work.join(format!("lib-{}", std::process::id()));
        fs::create_dir_all(&libdir).unwrap();
        fs::copy(
            find_libdir().join("libferrython.so"),
            libdir.join("libferrython.so"),
        )
        .expect("copy libferrython.so");
        let leakcheck =
            std::env::var("FERRYTHON_LEAKCHECK").is_ok_and(|v| v != "0" && !v.is_empty());
        Env {
            cc: std::env::var("CC").unwrap_or_else(|_| "cc".into()),
            cxx: std::env::var("CXX").unwrap_or_else(|_| "c++".into()),
            cpython: find_cpython(),
            root,
            libdir,
            work,
            leakcheck,
        }
    }
}

/// The result of one test: `Err` holds every problem found.
type Outcome = Result<String, Vec<String>>;

fn show(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// The first `n` lines of `text`, with a note when more were cut.
fn first_lines(text: &str, n: usize) -> String {
    let total = text.lines().count();
    let mut s: String = text.lines().take(n).map(|l| format!("{l}\n")).collect();
    if total > n {
        s.push_str(&format!("... ({} more lines)\n", total - n));
    }
    s
}

/// Runs a build command; a failure is described with its output.
fn build(mut cmd: Command) -> Result<(), String> {
    let shown = show(&cmd);
    match cmd.output() {
        Ok(out) if out.status.success() => Ok(()),
        Ok(out) => Err(format!(
            "build failed: {shown}\n{}",
            first_lines(
                &format!(
                    "{}{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                ),
                40
            )
        )),
        Err(e) => Err(format!("cannot run {shown}: {e}")),
    }
}

/// Runs a program with the usual time limit.
fn run(cmd: Command) -> Result<Output, String> {
    run_with_timeout(cmd, RUN_TIMEOUT)
}

/// Runs a program with a time limit, capturing stdout and stderr.
fn run_with_timeout(mut cmd: Command, timeout: Duration) -> Result<Output, String> {
    let shown = show(&cmd);
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    // Drain the pipes on threads so a chatty program cannot block.
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let t_out = thread::spawn(move || {
        let mut v = Vec::new();
        let _ = so.read_to_end(&mut v);
        v
    });
    let t_err = thread::spawn(move || {
        let mut v = Vec::new();
        let _ = se.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().map_err(|e| e.to_string())? {
            break st;
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("{shown}: timed out after {timeout:?}"));
        }
        thread::sleep(Duration::from_millis(10));
    };
    Ok(Output {
        status,
        stdout: t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
    })
}

fn describe_run(what: &str, out: &Output) -> String {
    format!(
        "{what}: {}\n--- stdout ---\n{}--- stderr ---\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A short line-by-line diff of two outputs.
fn diff(left_name: &str, left: &str, right_name: &str, right: &str) -> String {
    let a: Vec<&str> = left.lines().collect();
    let b: Vec<&str> = right.lines().collect();
    let mut s = String::new();
    let mut shown = 0;
    for i in 0..a.len().max(b.len()) {
        let (x, y) = (a.get(i), b.get(i));
        if x != y {
            s.push_str(&format!(
                "  line {}:\n    {left_name:>9}: {}\n    {right_name:>9}: {}\n",
                i + 1,
                x.map_or("<missing>".to_string(), |l| format!("{l:?}")),
                y.map_or("<missing>".to_string(), |l| format!("{l:?}")),
            ));
            shown += 1;
            if shown == 10 {
                s.push_str("  ...\n");
                break;
            }
        }
    }
    s
}

/// Runs one test and applies its `xfail` marker.
fn run_test(env: &Env, src: &Path) -> Outcome {
    let text = fs::read_to_string(src).map_err(|e| vec![e.to_string()])?;
    let d = parse_directives(&text).map_err(|e| vec![e])?;
    let outcome = run_test_inner(env, src);
    match (&d.xfail, outcome) {
        (None, outcome) => outcome,
        (Some(reason), Err(errs)) => Ok(format!(
            "expected failure ({reason}); first problem:\n{}",
            first_lines(errs.first().map_or("", |e| e.as_str()), 6)
        )),
        (Some(reason), Ok(_)) => Err(vec![format!(
            "passes now although marked `// test: xfail {reason}`: remove the marker"
        )]),
    }
}

fn run_test_inner(env: &Env, src: &Path) -> Outcome {
    let name = src.file_stem().unwrap().to_string_lossy().into_owned();
    let text = fs::read_to_string(src).map_err(|e| vec![e.to_string()])?;
    let d = parse_directives(&text).map_err(|e| vec![e])?;
    if let Some(reason) = &d.skip {
        return Ok(format!("skipped: {reason}"));
    }
    let include = env.root.join("include");
    let out_base = env.work.join(&name);
    let mut errors = Vec::new();
    let base_flags = |cmd: &mut Command| {
        cmd.arg("-Wall").arg("-Werror").arg("-g").args(&d.cflags);
    };

    // Extension modules the program loads: built first, paths passed as
    // arguments.
    let mut ext_paths = Vec::new();
    for (path, mode) in &d.extensions {
        let ext_src = env.root.join("capi-tests").join(path);
        let stem = Path::new(path)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let so = out_base.with_extension(format!("{stem}.{mode}.so"));
        let mut cmd = Command::new(&env.cc);
        cmd.args(["-shared", "-fPIC", "-Wall", "-Werror", "-g"]);
        if mode == "ferrython" {
            cmd.arg("-I").arg(&include);
        } else if mode == "ferrython-abi3" {
            cmd.arg("-DPy_LIMITED_API=0x030c0000")
                .arg("-I")
                .arg(&include);
        } else {
            let Some(py) = &env.cpython else {
                return Err(vec![format!(
                    "CPython 3.13 not found (looked for python3-embed.pc in {})",
                    cpython_pkgconfig_dir().display()
                )]);
            };
            cmd.arg("-DPy_LIMITED_API=0x030c0000").args(&py.cflags);
        }
        cmd.arg(&ext_src).arg("-o").arg(&so);
        build(cmd).map_err(|e| vec![e])?;
        ext_paths.push(so);
    }
    // cargo's LD_LIBRARY_PATH names target/PROFILE, whose copy of the
    // library may be older than the one just built; it would win over the
    // programs' RUNPATH.
    let program = |exe: &Path| {
        let mut cmd = Command::new(exe);
        cmd.args(&ext_paths).env_remove("LD_LIBRARY_PATH");
        cmd
    };

    // Build against ferrython.
    let exe = out_base.with_extension("bin");
    let mut cmd = Command::new(&env.cc);
    base_flags(&mut cmd);
    cmd.arg("-I").arg(&include).arg(src);
    if d.compile_only {
        cmd.arg("-c").arg("-o").arg(out_base.with_extension("o"));
    } else {
        cmd.arg("-o")
            .arg(&exe)
            .arg("-L")
            .arg(&env.libdir)
            .arg(format!("-Wl,-rpath,{}", env.libdir.display()))
            .arg("-lferrython")
            .arg("-lm")
            .arg("-ldl");
    }
    if let Err(e) = build(cmd) {
        return Err(vec![e]);
    }

    // Extra compiles: C++, limited API, CPython's headers.
    if d.cxx {
        let mut cmd = Command::new(&env.cxx);
        cmd.args(["-x", "c++", "-Wall", "-Werror", "-c"])
            .arg("-I")
            .arg(&include)
            .arg(src)
            .arg("-o")
            .arg(out_base.with_extension("cxx.o"));
        errors.extend(build(cmd).err());
    }
    for hex in &d.limited {
        let mut cmd = Command::new(&env.cc);
        base_flags(&mut cmd);
        cmd.arg(format!("-DPy_LIMITED_API={hex}"))
            .arg("-I")
            .arg(&include)
            .arg("-c")
            .arg(src)
            .arg("-o")
            .arg(out_base.with_extension(format!("limited-{hex}.o")));
        errors.extend(build(cmd).err());
    }
    if d.cpython_compile || d.differential {
        match &env.cpython {
            None => errors.push(format!(
                "CPython 3.13 not found (looked for python3-embed.pc in {})",
                cpython_pkgconfig_dir().display()
            )),
            Some(py) if d.cpython_compile => {
                let mut cmd = Command::new(&env.cc);
                base_flags(&mut cmd);
                cmd.args(&py.cflags)
                    .arg("-c")
                    .arg(src)
                    .arg("-o")
                    .arg(out_base.with_extension("cpython.o"));
                errors.extend(build(cmd).err());
            }
            Some(_) => {}
        }
    }
    if d.compile_only {
        return if errors.is_empty() {
            Ok("compiled".into())
        } else {
            Err(errors)
        };
    }

    // Run under ferrython.
    let ours = match run_with_timeout(program(&exe), d.timeout.unwrap_or(RUN_TIMEOUT)) {
        Ok(out) => out,
        Err(e) => {
            errors.push(e);
            return Err(errors);
        }
    };
    if !ours.status.success() {
        errors.push(describe_run("ferrython run failed", &ours));
        return Err(errors);
    }
    let ours_text = String::from_utf8_lossy(&ours.stdout).into_owned();
    let expected_file = env
        .root
        .join("capi-tests/expected")
        .join(format!("{name}.out"));
    if let Ok(expected) = fs::read_to_string(&expected_file) {
        if expected != ours_text {
            errors.push(format!(
                "stdout differs from {}:\n{}",
                expected_file.display(),
                diff("expected", &expected, "ferrython", &ours_text)
            ));
        }
    }

    // The same program through the limited API's macros.
    for hex in &d.limited_run {
        let lexe = out_base.with_extension(format!("limited-{hex}.bin"));
        let mut cmd = Command::new(&env.cc);
        base_flags(&mut cmd);
        cmd.arg(format!("-DPy_LIMITED_API={hex}"))
            .arg("-I")
            .arg(&include)
            .arg(src)
            .arg("-o")
            .arg(&lexe)
            .arg("-L")
            .arg(&env.libdir)
            .arg(format!("-Wl,-rpath,{}", env.libdir.display()))
            .arg("-lferrython")
            .arg("-lm")
            .arg("-ldl");
        match build(cmd).and_then(|_| run(program(&lexe))) {
            Err(e) => errors.push(e),
            Ok(out) if !out.status.success() => errors.push(describe_run(
                &format!("Py_LIMITED_API={hex} run failed"),
                &out,
            )),
            Ok(out) => {
                let limited = String::from_utf8_lossy(&out.stdout);
                if limited != ours_text {
                    errors.push(format!(
                        "stdout with Py_LIMITED_API={hex} differs from the full API's:\n{}",
                        diff("full API", &ours_text, "limited", &limited)
                    ));
                }
            }
        }
    }

    // Run under CPython and compare.
    if d.differential {
        if let Some(py) = &env.cpython {
            let cexe = out_base.with_extension("cpython.bin");
            let mut cmd = Command::new(&env.cc);
            base_flags(&mut cmd);
            cmd.args(&py.cflags)
                .arg(src)
                .arg("-o")
                .arg(&cexe)
                .args(&py.libs)
                .arg(format!("-Wl,-rpath,{}", py.libdir))
                .arg("-lm")
                .arg("-ldl");
            match build(cmd).and_then(|_| run(program(&cexe))) {
                Err(e) => errors.push(e),
                Ok(out) if !out.status.success() => {
                    errors.push(describe_run("CPython run failed", &out))
                }
                Ok(out) => {
                    let theirs = String::from_utf8_lossy(&out.stdout);
                    if theirs != ours_text {
                        errors.push(format!(
                            "stdout differs from CPython 3.13's:\n{}",
                            diff("CPython", &theirs, "ferrython", &ours_text)
                        ));
                    }
                }
            }
        }
    }

    // Leak check.
    if env.leakcheck && !d.no_leakcheck {
        let mut cmd = Command::new("valgrind");
        cmd.args([
            "--leak-check=full",
            "--error-exitcode=1",
            "--errors-for-leak-kinds=definite",
            "--quiet",
        ])
        .arg(&exe)
        .args(&ext_paths);
        match run_with_timeout(cmd, VALGRIND_TIMEOUT) {
            Err(e) => errors.push(e),
            Ok(out) if !out.status.success() => errors.push(format!(
                "valgrind: {}\n{}",
                out.status,
                first_lines(&String::from_utf8_lossy(&out.stderr), 60)
            )),
            Ok(_) => {}
        }
    }

    if errors.is_empty() {
        Ok("ok".into())
    } else {
        Err(errors)
    }
}

fn test_sources(root: &Path) -> Vec<PathBuf> {
    let only: Option<Vec<String>> = std::env::var("CAPI_TEST")
        .ok()
        .map(|s| s.split(',').map(|x| x.trim().to_string()).collect());
    let mut v: Vec<PathBuf> = fs::read_dir(root.join("capi-tests"))
        .expect("capi-tests directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "c"))
        .filter(|p| {
            only.as_ref().is_none_or(|names| {
                names
                    .iter()
                    .any(|n| p.file_stem().is_some_and(|s| s.to_string_lossy() == *n))
            })
        })
        .collect();
    v.sort();
    v
}

#[test]
fn capi_tests() {
    let env = Arc::new(Env::new());
    let sources = test_sources(&env.root);
    assert!(!sources.is_empty(), "no C tests found in capi-tests/");
    let queue = Arc::new(Mutex::new(sources.into_iter().collect::<VecDeque<_>>()));
    let results = Arc::new(Mutex::new(Vec::new()));
    let workers: Vec<_> = (0..JOBS)
        .map(|_| {
            let (env, queue, results) = (env.clone(), queue.clone(), results.clone());
            thread::spawn(move || loop {
                let Some(src) = queue.lock().unwrap().pop_front() else {
                    break;
                };
                let outcome = run_test(&env, &src);
                results.lock().unwrap().push((src, outcome));
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let mut results = std::mem::take(&mut *results.lock().unwrap());
    results.sort_by(|a, b| a.0.cmp(&b.0));
    let mut failed = Vec::new();
    for (src, outcome) in &results {
        let name = src.file_name().unwrap().to_string_lossy();
        match outcome {
            Ok(how) => eprintln!("capi-tests/{name}: {how}"),
            Err(errs) => {
                eprintln!("capi-tests/{name}: FAILED");
                for e in errs {
                    eprintln!("{}", e.trim_end());
                }
                failed.push(name.into_owned());
            }
        }
    }
    eprintln!(
        "capi-tests: {} passed, {} failed",
        results.len() - failed.len(),
        failed.len()
    );
    assert!(
        failed.is_empty(),
        "failing C-API tests: {}",
        failed.join(", ")
    );
}
