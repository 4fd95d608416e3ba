//! The `ferrython` command line and environment variables against CPython
//! 3.13's `python3`: every `python3` option (`-b -B -c -d -E -h -i -I -m -O
//! -OO -P -q -s -S -u -v -V -W -x -X`, `--help*`, `--version`,
//! `--check-hash-based-pycs`), usage errors, and the `PYTHON*` variables,
//! each run under both with a probe that prints what they change (`sys.flags`,
//! `sys.argv`, `sys.orig_argv`, `sys.path`, `sys.warnoptions`,
//! `sys._xoptions`, the standard streams, `-O`'s effects, hashes under
//! `PYTHONHASHSEED` ...). Outputs must match
//! line for line after these normalisations, which are the only allowed
//! differences:
//! - the program's path (`usage: PROGRAM ...`, `sys.orig_argv[0]`) is
//!   replaced by `PROG`, since it is a different binary;
//! - the version (`Python 3.13.0` against our `Python 3.14.0`) and `-VV`'s
//!   build description;
//! - the help texts are CPython 3.14's: the lines 3.14 added or changed are
//!   listed in [`HELP_3_14_ONLY`] and [`HELP_3_13_ONLY`];
//! - `sys.path` entries of the installation (the standard library,
//!   `python313.zip`, `lib-dynload`, site-packages) are left out: ferrython
//!   uses CPython's `Lib` but not its zip file or C extensions;
//! - `-v`'s and `-X importtime`'s traces on stderr (CPython traces its own
//!   import machinery) are not compared.
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn cpython() -> PathBuf {
    std::env::var_os("FERRYTHON_CPYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
            PathBuf::from(home).join(".pyenv/versions/3.13.0/bin/python3")
        })
}

/// The probe every run executes: what options and variables change.
const PROBE: &str = r#"import sys, os
print(sys.flags)
print(sys.argv, sys.orig_argv[1:])
print(sys.warnoptions, sorted(sys._xoptions.items()))
print([p for p in sys.path if not p.startswith(sys.base_prefix) and 'site-packages' not in p])
print(sys.dont_write_bytecode, sys.pycache_prefix, sys.get_int_max_str_digits())
print(sys.stdout.encoding, sys.stdout.errors, sys.stdout.write_through, sys.stdin.errors)
def _f():
    'doc'
try:
    assert False
    _a = 'assert skipped'
except AssertionError:
    _a = 'assert ran'
print(__debug__, _f.__doc__, _a)
if os.environ.get('PROBE_HASH'):
    print(hash('abc'), hash(b'xyz'), hash(('a', 1)))
if os.environ.get('PROBE_CPU'):
    print(os.cpu_count())
"#;

struct Run {
    stdout: String,
    stderr: String,
    status: Option<i32>,
}

/// Runs `program` with `args` in `dir`, with no `PYTHON*` variable but
/// those of `env`, stdin empty.
fn run(program: &Path, args: &[&str], env: &[(&str, &str)], dir: &Path) -> Run {
    let mut c = Command::new(program);
    for (k, _) in std::env::vars() {
        if k.starts_with("PYTHON") {
            c.env_remove(&k);
        }
    }
    c.envs(env.iter().copied())
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null());
    let out = c.output().expect("run");
    let prog = program.to_string_lossy();
    let norm = |b: &[u8]| {
        String::from_utf8_lossy(b)
            .replace(&*prog, "PROG")
            .replace("Python 3.13.0", "Python 3.1x")
            .replace("Python 3.14.0", "Python 3.1x")
    };
    Run {
        stdout: norm(&out.stdout),
        stderr: norm(&out.stderr),
        status: out.status.code(),
    }
}

/// A scratch directory of its own for each test (they run in parallel),
/// holding the probe as `probe.py` (also importable as a module for `-m`).
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ferrython-cli-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("probe.py"), PROBE).unwrap();
    // For -x: a first line that is not Python.
    std::fs::write(dir.join("skip.py"), format!("this is not python\n{PROBE}")).unwrap();
    dir
}

/// Runs both with `args`/`env` and compares stdout, exit status and (when
/// `stderr`) stderr. Returns a description of the difference, if any.
fn compare(dir: &Path, args: &[&str], env: &[(&str, &str)], stderr: bool) -> Option<String> {
    let ours = run(Path::new(env!("CARGO_BIN_EXE_ferrython")), args, env, dir);
    let theirs = run(&cpython(), args, env, dir);
    let same = ours.stdout == theirs.stdout
        && ours.status == theirs.status
        && (!stderr || ours.stderr == theirs.stderr);
    (!same).then(|| {
        format!(
            "args {args:?} env {env:?}\n--- ferrython (status {:?})\n{}{}\n--- CPython (status {:?})\n{}{}",
            ours.status, ours.stdout, ours.stderr, theirs.status, theirs.stdout, theirs.stderr
        )
    })
}

/// One run: the arguments, the environment, and whether stderr is
/// compared too.
type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], bool);

fn check_all(test: &str, cases: &[Case]) {
    if !cpython().exists() {
        eprintln!("CPython 3.13 not found at {}; skipped", cpython().display());
        return;
    }
    let dir = scratch(test);
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(args, env, stderr)| compare(&dir, args, env, *stderr))
        .collect();
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn options() {
    let p = "probe.py";
    check_all(
        "options",
        &[
            (&[p, "a", "b"], &[], true),
            (&["-b", p], &[], true),
            (&["-bb", p], &[], true),
            (&["-B", p], &[], true),
            (&["-d", p], &[], true),
            (
                &["-E", p],
                &[("PYTHONOPTIMIZE", "2"), ("PYTHONPATH", "/p")],
                true,
            ),
            (&["-i", p], &[], false),
            (
                &["-I", p],
                &[("PYTHONPATH", "/p"), ("PYTHONVERBOSE", "1")],
                true,
            ),
            (&["-O", p], &[], true),
            (&["-OO", p], &[], true),
            (&["-P", p], &[], true),
            (&["-q", p], &[], true),
            (&["-s", p], &[], true),
            (&["-S", p], &[], true),
            (&["-u", p], &[], true),
            (&["-v", p], &[], false),
            (&["-vv", p], &[], false),
            (&["-R", p], &[], true),
            (&["-x", "skip.py", "x"], &[], true),
            (&["-bBsqOu", p], &[], true),
            (
                &["-W", "error", "-Wignore::DeprecationWarning", p],
                &[],
                true,
            ),
            (&["-X", "dev", p], &[], true),
            (&["-X", "utf8", p], &[], true),
            (&["-X", "utf8=0", p], &[], true),
            (&["-X", "foo=bar", "-Xfoo", "-X", "a=b=c", p], &[], true),
            (&["-X", "int_max_str_digits=1000", p], &[], true),
            (&["-X", "int_max_str_digits=0", p], &[], true),
            (&["-X", "pycache_prefix=/tmp/pyc", p], &[], true),
            (&["-X", "warn_default_encoding", p], &[], true),
            (
                &["-X", "no_debug_ranges", "-X", "faulthandler", p],
                &[],
                true,
            ),
            (&["-X", "cpu_count=3", p], &[("PROBE_CPU", "1")], true),
            (&["-X", "cpu_count=default", p], &[], true),
            (&["--check-hash-based-pycs", "always", p], &[], true),
            (&["-c", PROBE, "x", "-v"], &[], true),
            (&["-cimport sys; print(sys.argv)", "-c"], &[], true),
            (&["-m", "probe", "arg", "-O"], &[], true),
            (&["-mprobe"], &[], true),
            (&["--", p, "-x"], &[], true),
            (&["-", "a"], &[], true),
            (&[], &[], true),
        ],
    );
}

#[test]
fn early_exits_and_usage_errors() {
    check_all(
        "early",
        &[
            (&["-V"], &[], true),
            (&["--version"], &[], true),
            (&["-Z"], &[], true),
            (&["-bZ"], &[], true),
            (&["-V", "-Z"], &[], true),
            (&["--foo"], &[], true),
            (&["--help-foo"], &[], true),
            (&["-c"], &[], true),
            (&["-m"], &[], true),
            (&["-W"], &[], true),
            (&["-X"], &[], true),
            (&["--check-hash-based-pycs"], &[], true),
            (&["--check-hash-based-pycs", "sometimes"], &[], true),
            (&["-X", "int_max_str_digits=5"], &[], true),
            (&["-X", "int_max_str_digits"], &[], true),
            (&["-X", "utf8=2"], &[], true),
            (&["-X", "cpu_count=0"], &[], true),
            (&["-X", "cpu_count"], &[], true),
            (&["-X", "tracemalloc=x"], &[], true),
            (&["-X", "frozen_modules=maybe"], &[], true),
            (&["nonexistent_script.py"], &[], false),
        ],
    );
}

#[test]
fn environment_variables() {
    let p = "probe.py";
    let hash = ("PROBE_HASH", "1");
    check_all(
        "env",
        &[
            (&[p], &[("PYTHONPATH", "/p1:/p2:rel")], true),
            (
                &[p],
                &[("PYTHONHOME", "/root/.pyenv/versions/3.13.0")],
                true,
            ),
            (&[p], &[("PYTHONSAFEPATH", "1")], true),
            (&[p], &[("PYTHONNOUSERSITE", "1")], true),
            (&[p], &[("PYTHONUNBUFFERED", "1")], true),
            (&[p], &[("PYTHONDONTWRITEBYTECODE", "1")], true),
            (&[p], &[("PYTHONDONTWRITEBYTECODE", "0")], true),
            (
                &[p],
                &[("PYTHONWARNINGS", "error,ignore::DeprecationWarning,error")],
                true,
            ),
            (
                &["-X", "dev", "-b", "-W", "error", "-W", "default", p],
                &[("PYTHONWARNINGS", "error,ignore")],
                true,
            ),
            (&[p], &[("PYTHONVERBOSE", "1")], false),
            (&[p], &[("PYTHONVERBOSE", "0")], true),
            (&[p], &[("PYTHONHASHSEED", "0"), hash], true),
            (&[p], &[("PYTHONHASHSEED", "123"), hash], true),
            (&[p], &[("PYTHONHASHSEED", "4294967295"), hash], true),
            (&[p], &[("PYTHONHASHSEED", "random")], true),
            (&[p], &[("PYTHONHASHSEED", "abc")], true),
            (&[p], &[("PYTHONHASHSEED", "4294967296")], true),
            (&[p], &[("PYTHONINTMAXSTRDIGITS", "1000")], true),
            (&[p], &[("PYTHONINTMAXSTRDIGITS", "5")], true),
            (
                &["-X", "int_max_str_digits=2000", p],
                &[("PYTHONINTMAXSTRDIGITS", "1000")],
                true,
            ),
            (&[p], &[("PYTHONUTF8", "1")], true),
            (&[p], &[("PYTHONUTF8", "0")], true),
            (&[p], &[("PYTHONUTF8", "7")], true),
            (&[p], &[("PYTHONIOENCODING", "latin-1:replace")], true),
            (&[p], &[("PYTHONIOENCODING", "latin-1")], true),
            (&[p], &[("PYTHONIOENCODING", ":ignore")], true),
            (
                &["-E", p],
                &[("PYTHONIOENCODING", "latin-1"), ("PYTHONUNBUFFERED", "1")],
                true,
            ),
            (&[p], &[("PYTHONDEVMODE", "1")], true),
            (&[p], &[("PYTHONSTARTUP", "/nonexistent/startup.py")], true),
            (&[p], &[("PYTHONINSPECT", "1")], false),
            (&[p], &[("PYTHONOPTIMIZE", "2")], true),
            (&[p], &[("PYTHONOPTIMIZE", "x")], true),
            (&["-O", p], &[("PYTHONOPTIMIZE", "0")], true),
            (&[p], &[("PYTHONNODEBUGRANGES", "1")], true),
            (&[p], &[("PYTHONDEBUG", "1")], true),
            (&[p], &[("PYTHONPYCACHEPREFIX", "/tmp/pyc")], true),
            (&[p], &[("PYTHONWARNDEFAULTENCODING", "1")], true),
            (&[p], &[("PYTHON_CPU_COUNT", "2"), ("PROBE_CPU", "1")], true),
            (&[p], &[("PYTHON_CPU_COUNT", "0")], true),
            (&[p], &[("PYTHONTRACEMALLOC", "x")], true),
            (&[p], &[("PYTHON_FROZEN_MODULES", "x")], true),
            (
                &["-E", p],
                &[("PYTHONHASHSEED", "abc"), ("PYTHONUTF8", "7")],
                true,
            ),
        ],
    );
}

/// Lines CPython 3.14's help texts have and 3.13's do not.
const HELP_3_14_ONLY: &[&str] = &[
    "-I     : isolate Python from the user's environment (implies -E, -P and -s)",
    "-X importtime[=2]: show how long each import takes; use -X importtime=2 to",
    "         log imports of already-loaded modules; also PYTHONPROFILEIMPORTTIME",
    "-X perf_jit: support the Linux \"perf\" profiler with DWARF support;",
    "         also PYTHON_PERF_JIT_SUPPORT=1",
    "-X disable-remote-debug: disable remote debugging; also PYTHON_DISABLE_REMOTE_DEBUG",
    "-X thread_inherit_context=[0|1]: enable (1) or disable (0) threads inheriting",
    "         context vars by default; enabled by default in the free-threaded",
    "         build and disabled otherwise; also PYTHON_THREAD_INHERIT_CONTEXT",
    "-X context_aware_warnings=[0|1]: if true (1) then the warnings module will",
    "         use a context variables; if false (0) then the warnings module will",
    "         use module globals, which is not concurrent-safe; set to true for",
    "         free-threaded builds and false otherwise; also",
    "         PYTHON_CONTEXT_AWARE_WARNINGS",
    "PYTHONMALLOCSTATS: print memory allocator statistics",
    "PYTHONASYNCIODEBUG: enable asyncio debug mode",
    "PYTHONUSERBASE  : defines the user base directory (site.USER_BASE)",
    "PYTHON_BASIC_REPL: use the traditional parser-based REPL",
    "PYTHON_PERF_JIT_SUPPORT: enable Linux \"perf\" profiler support with JIT",
    "                  (-X perf_jit)",
    "PYTHON_THREAD_INHERIT_CONTEXT: if true (1), threads inherit context vars",
    "                   (-X thread_inherit_context)",
    "PYTHON_CONTEXT_AWARE_WARNINGS: if true (1), enable thread-safe warnings module",
    "                   behaviour (-X context_aware_warnings)",
];

/// Lines of CPython 3.13's help texts that 3.14 changed.
const HELP_3_13_ONLY: &[&str] = &[
    "-I     : isolate Python from the user's environment (implies -E and -s)",
    "-X importtime: show how long each import takes; also PYTHONPROFILEIMPORTTIME",
];

#[test]
fn help_texts() {
    if !cpython().exists() {
        return;
    }
    let dir = scratch("help");
    let runs: [&[&str]; 7] = [
        &["-h"],
        &["-?"],
        &["-h", "-Z"],
        &["--help"],
        &["--help-env"],
        &["--help-xoptions"],
        &["--help-all"],
    ];
    for opt in runs {
        let ours = run(Path::new(env!("CARGO_BIN_EXE_ferrython")), opt, &[], &dir);
        let theirs = run(&cpython(), opt, &[], &dir);
        assert_eq!(ours.status, Some(0), "{opt:?}");
        assert_eq!(theirs.status, Some(0), "{opt:?}");
        let keep = |text: &str, drop: &[&str]| -> Vec<String> {
            text.lines()
                .filter(|l| !drop.contains(l))
                .map(str::to_string)
                .collect()
        };
        assert_eq!(
            keep(&ours.stdout, HELP_3_14_ONLY),
            keep(&theirs.stdout, HELP_3_13_ONLY),
            "{opt:?}"
        );
    }
}

#[test]
fn version_twice_describes_the_build() {
    let dir = scratch("version");
    let ours = run(
        Path::new(env!("CARGO_BIN_EXE_ferrython")),
        &["-VV"],
        &[],
        &dir,
    );
    assert_eq!(ours.status, Some(0));
    assert!(
        ours.stdout.starts_with("Python 3.1x (ferrython "),
        "{}",
        ours.stdout
    );
}
