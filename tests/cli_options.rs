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
_ns = {}
exec(compile("def g():\n    'doc'\ntry:\n    assert False\n    r = 'skipped'\n"
             "except AssertionError:\n    r = 'ran'\n", "<c>", "exec"), _ns)
print('compile():', _ns['g'].__doc__, _ns['r'])
import builtins
print('site' in sys.modules, hasattr(builtins, 'exit'))
if os.environ.get('PROBE_HASH'):
    print(hash('abc'), hash(b'xyz'), hash(('a', 1)))
if os.environ.get('PROBE_CPU'):
    print(os.cpu_count())
if os.environ.get('PROBE_TRACE'):
    import faulthandler, tracemalloc, _imp
    print(faulthandler.is_enabled(), tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())
    print(_imp.check_hash_based_pycs, list(_f.__code__.co_positions())[-1])
"#;

struct Run {
    stdout: String,
    stderr: String,
    status: Option<i32>,
}

/// Runs `program` with `args` in `dir`, with no `PYTHON*` variable but
/// those of `env`, stdin empty.
fn run(program: &Path, args: &[&str], env: &[(&str, &str)], dir: &Path) -> Run {
    run_with_input(program, args, env, dir, None)
}

/// [`run`] with `input` (when given) piped to stdin.
fn run_with_input(
    program: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    dir: &Path,
    input: Option<&str>,
) -> Run {
    let mut c = Command::new(program);
    for (k, _) in std::env::vars() {
        if k.starts_with("PYTHON") {
            c.env_remove(&k);
        }
    }
    c.envs(env.iter().copied())
        .args(args)
        .current_dir(dir)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("run");
    if let Some(text) = input {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(text.as_bytes()).expect("write stdin");
    }
    let out = child.wait_with_output().expect("run");
    let prog = program.to_string_lossy();
    let norm = |b: &[u8]| {
        String::from_utf8_lossy(b)
            .replace(&*prog, "PROG")
            .replace("Python 3.13.0", "Python 3.1x")
            .replace("Python 3.14.0", "Python 3.1x")
            .split_inclusive('\n')
            .map(|l| {
                // The interactive banner names the build.
                if l.starts_with("Python 3.1x (") && l.trim_end().ends_with(" on linux") {
                    "Python 3.1x (BUILD) on linux\n"
                } else {
                    l
                }
            })
            .collect::<String>()
    };
    Run {
        stdout: norm(&out.stdout),
        stderr: norm(&out.stderr),
        // A process ended by a signal shows as minus its number, as
        // `subprocess` reports it.
        status: out.status.code().or_else(|| {
            use std::os::unix::process::ExitStatusExt;
            out.status.signal().map(|s| -s)
        }),
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
    // For PYTHONSTARTUP.
    std::fs::write(
        dir.join("startup.py"),
        "print('startup ran', __file__)\nfrom_startup = 1\n",
    )
    .unwrap();
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
            (&["-d", "-d", p], &[], true),
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
            (&["-R", p], &[("PYTHONHASHSEED", "0")], true),
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
            (
                &["-X", "pycache_prefix=", p],
                &[("PYTHONPYCACHEPREFIX", "foo")],
                true,
            ),
            (
                &["-X", "pycache_prefix", p],
                &[("PYTHONPYCACHEPREFIX", "foo")],
                true,
            ),
            (&["-X", "warn_default_encoding", p], &[], true),
            (
                &["-X", "no_debug_ranges", "-X", "faulthandler", p],
                &[],
                true,
            ),
            (&["-X", "cpu_count=3", p], &[("PROBE_CPU", "1")], true),
            (&["-X", "cpu_count=default", p], &[], true),
            (&["-X", "tracemalloc=5", p], &[("PROBE_TRACE", "1")], true),
            (&["-X", "faulthandler", p], &[("PROBE_TRACE", "1")], true),
            (&["-X", "dev", p], &[("PROBE_TRACE", "1")], true),
            (
                &["--check-hash-based-pycs", "always", p],
                &[("PROBE_TRACE", "1")],
                true,
            ),
            (&["-X", "no_debug_ranges", p], &[("PROBE_TRACE", "1")], true),
            (&["-c", "1/0", "-X", "no_debug_ranges"], &[], true),
            (
                &["-X", "no_debug_ranges", "-c", "x = [1][2] + 3"],
                &[],
                true,
            ),
            (&["-X", "frozen_modules=off", p], &[], true),
            (&["-X", "frozen_modules", p], &[], true),
            (&["-W", "bogus", "-W", "error::NoSuchWarning", p], &[], true),
            (&["-W", "bogus", "nonexistent_script.py"], &[], true),
            (&["-X", "showrefcount", p], &[], true),
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
            (&["nonexistent_script.py"], &[], true),
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
            (
                &[p],
                &[("PYTHONNODEBUGRANGES", "1"), ("PROBE_TRACE", "1")],
                true,
            ),
            (&[p], &[("PYTHONDEBUG", "1")], true),
            (&[p], &[("PYTHONDEBUG", "2")], true),
            (&[p], &[("PYTHONPYCACHEPREFIX", "/tmp/pyc")], true),
            (&[p], &[("PYTHONWARNDEFAULTENCODING", "1")], true),
            (&[p], &[("PYTHON_CPU_COUNT", "2"), ("PROBE_CPU", "1")], true),
            (&[p], &[("PYTHON_CPU_COUNT", "0")], true),
            (&[p], &[("PYTHONTRACEMALLOC", "x")], true),
            (
                &[p],
                &[
                    ("PYTHONTRACEMALLOC", "3"),
                    ("PYTHONFAULTHANDLER", "1"),
                    ("PROBE_TRACE", "1"),
                ],
                true,
            ),
            (
                &["-E", p],
                &[("PYTHONTRACEMALLOC", "3"), ("PROBE_TRACE", "1")],
                true,
            ),
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

/// A prompt session fed through a pipe: the arguments, the environment
/// and the text typed.
type Session<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);

/// Prompt sessions: stdin is a pipe, not a terminal, so both use the basic
/// REPL with the `sys.ps1`/`sys.ps2` prompts on stderr; stdout, stderr
/// (the banner's build line normalised) and the exit status must match.
#[test]
fn interactive_sessions() {
    if !cpython().exists() {
        return;
    }
    let dir = scratch("interactive");
    let statements = "1 + 1\nx = 5\nif x:\n  print('yes')\n\nfor i in range(2):\n  i\n\n\
        undefined_name\nprint(x)\n# a comment\n\n(1,\n 2)\ndef f():\n  return 3\nf()\n\
        if 1:\n  pass\ny = 2\n'''a\nb'''\n1 + \\\n2\n_\nraise ValueError('bad')\n\
        class A:\n  def m(self):\n    return 'm'\n\nA().m()\nNone\n  indented = 1\nx = (\n";
    let sessions: &[Session] = &[
        (&["-i", "-q"], &[], statements),
        (&["-i"], &[], "print('with banner')\n"),
        (&["-i", "-S"], &[], "print('no site')\n"),
        (&["-q", "-i", "-c", "x = 5"], &[], "x\nraise SystemExit(3)\nx\n"),
        (&["-q", "-i", "-c", "raise SystemExit(2)"], &[], "print('after')\n"),
        (&["-q", "-i", "-c", "raise KeyError('k')"], &[], "'still here'\n"),
        (&["-q", "-i", "probe.py"], &[], "_a\n"),
        (
            &["-q", "-i"],
            &[("PYTHONSTARTUP", "startup.py")],
            "from_startup\n",
        ),
        (
            &["-q", "-i", "-c", "pass"],
            &[("PYTHONSTARTUP", "startup.py")],
            "'from_startup' in dir()\n",
        ),
        (
            &["-q", "-i"],
            &[("PYTHONSTARTUP", "/nonexistent/startup.py")],
            "1\n",
        ),
        (
            &["-q", "-i", "-I"],
            &[("PYTHONSTARTUP", "startup.py")],
            "'from_startup' in dir()\n",
        ),
        (&["-q", "-c", "x = 3"], &[("PYTHONINSPECT", "1")], "x * 2\n"),
        (
            &["-q", "-c", "import os; os.environ['PYTHONINSPECT'] = '1'"],
            &[],
            "'inspecting'\n",
        ),
        (
            &["-q", "-i"],
            &[],
            "import sys\nsys.ps1 = 'A> '\nsys.ps2 = 7\nif 1:\n  2\n\ndel sys.ps1\n3\nraise SystemExit(4)\n5\n",
        ),
        (
            &["-q", "-i"],
            &[],
            "import sys\nsys.displayhook = lambda v: print('hook', repr(v))\n'shown'\n",
        ),
        (&["-q", "-i"], &[], "x = 1"),
        (
            &["-q", "-i"],
            &[],
            "from __future__ import annotations\ndef f(a: undefined): pass\n\nf.__annotations__\n",
        ),
        (&["-q", "-i"], &[], "if 1:\n  print('at eof')\n"),
        (&["-q"], &[], "print('a script from stdin')\nx = 1\nx\n"),
        (&["-"], &[], "import sys; print(sys.argv, __file__)\n"),
    ];
    let failures: Vec<String> = sessions
        .iter()
        .filter_map(|(args, env, input)| {
            let ours = run_with_input(
                Path::new(env!("CARGO_BIN_EXE_ferrython")),
                args,
                env,
                &dir,
                Some(input),
            );
            let theirs = run_with_input(&cpython(), args, env, &dir, Some(input));
            let same = ours.stdout == theirs.stdout
                && ours.stderr == theirs.stderr
                && ours.status == theirs.status;
            (!same).then(|| {
                format!(
                    "args {args:?} env {env:?} input {input:?}\n--- ferrython (status {:?})\n{}\n{}\n--- CPython (status {:?})\n{}\n{}",
                    ours.status, ours.stdout, ours.stderr, theirs.status, theirs.stdout, theirs.stderr
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `-v`/`-vv`/`PYTHONVERBOSE` and `-X importtime`/`PYTHONPROFILEIMPORTTIME`
/// trace imports on stderr. CPython also traces its own import machinery
/// and its timings and loaders differ, so only the shape is compared: the
/// traced module's lines are there in both.
#[test]
fn import_tracing() {
    if !cpython().exists() {
        return;
    }
    let dir = scratch("importtrace");
    std::fs::write(dir.join("traced_pkg.py"), "import traced_sub\n").unwrap();
    std::fs::write(dir.join("traced_sub.py"), "x = 1\n").unwrap();
    let prog = "import traced_pkg";
    let verbose = |stderr: &str, level: u32| -> Vec<String> {
        let mut found = Vec::new();
        for l in stderr.lines() {
            if l.starts_with("import 'traced_pkg' # ") || l.starts_with("import 'traced_sub' # ") {
                found.push(l.split(" # ").next().unwrap_or("").to_string());
            }
            if l.starts_with("# code object from") && l.contains("traced_sub.py") {
                found.push("code object".to_string());
            }
            if level >= 2 && l.starts_with("# trying ") && l.contains("traced_sub") {
                found.push("trying".to_string());
            }
        }
        found.dedup();
        found
    };
    for (args, env, level) in [
        (vec!["-B", "-v", "-c", prog], vec![], 1),
        (vec!["-B", "-vv", "-c", prog], vec![], 2),
        (vec!["-B", "-c", prog], vec![("PYTHONVERBOSE", "1")], 1),
    ] {
        let ours = run(
            Path::new(env!("CARGO_BIN_EXE_ferrython")),
            &args,
            &env,
            &dir,
        );
        let theirs = run(&cpython(), &args, &env, &dir);
        let got = verbose(&ours.stderr, level);
        assert_eq!(got, verbose(&theirs.stderr, level), "{args:?}");
        assert!(got.len() >= 3, "{args:?}: {}", ours.stderr);
    }
    for (args, env) in [
        (vec!["-X", "importtime", "-c", prog], vec![]),
        (vec!["-c", prog], vec![("PYTHONPROFILEIMPORTTIME", "1")]),
    ] {
        let ours = run(
            Path::new(env!("CARGO_BIN_EXE_ferrython")),
            &args,
            &env,
            &dir,
        );
        let theirs = run(&cpython(), &args, &env, &dir);
        let got = importtime_rows(&ours.stderr);
        assert_eq!(
            got,
            importtime_rows(&theirs.stderr),
            "{args:?}\n{}",
            ours.stderr
        );
        assert_eq!(got.len(), 3, "{args:?}: {}", ours.stderr);
    }
}

/// The `-X importtime` table's header and the rows of the test's two
/// modules, with the timings blanked: the nested import is indented.
fn importtime_rows(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| l.starts_with("import time:"))
        .filter_map(|l| {
            let cols: Vec<&str> = l.split(" | ").collect();
            match cols.as_slice() {
                [_, _, "imported package"] => Some(l.to_string()),
                [own, cum, name] if name.trim_start().starts_with("traced_") => {
                    let digits = |s: &str| {
                        s.trim()
                            .trim_start_matches("import time:")
                            .trim()
                            .parse::<u64>()
                            .is_ok()
                    };
                    (digits(own) && digits(cum)).then(|| format!("row {name}"))
                }
                _ => None,
            }
        })
        .collect()
}

/// `-b` and `-bb`: `BytesWarning` for `str()` of bytes and bytearray and
/// for comparing bytes with str or int, a warning or an error.
#[test]
fn bytes_warnings() {
    let prog = r#"import sys
print(sys.flags.bytes_warning)
for f in [lambda: str(b'x'), lambda: str(bytearray(b'y')), lambda: b'a' == 'a',
          lambda: b'a' != 1, lambda: bytearray(b'') == '', lambda: b'a' < b'b',
          lambda: '%s' % b'z', lambda: b'a' == True, lambda: 'a' == b'a',
          lambda: f"{b'f'}"]:
    try:
        print(f())
    except BytesWarning as e:
        print('BytesWarning', e)
"#;
    check_all(
        "bytes",
        &[
            (&["-c", prog], &[], true),
            (&["-b", "-c", prog], &[], true),
            (&["-bb", "-c", prog], &[], true),
            (&["-b", "-W", "error::BytesWarning", "-c", prog], &[], true),
        ],
    );
}

/// Standard descriptors closed before the start stay closed: the matching
/// `sys` stream is None (the probe's exit status tells which are).
#[test]
fn closed_standard_streams() {
    if !cpython().exists() {
        return;
    }
    let code = "import os, sys\nos._exit(sum(1 << i for i, s in enumerate((sys.stdin, sys.stdout, sys.stderr)) if s is None))";
    let status = |program: &Path, redirect: &str| {
        Command::new("sh")
            .arg("-c")
            .arg(format!("exec \"$0\" -E -c \"$1\" {redirect}"))
            .arg(program)
            .arg(code)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .unwrap()
            .status
            .code()
    };
    for redirect in ["<&-", ">&-", "2>&-", "<&- >&- 2>&-", ""] {
        let ours = status(Path::new(env!("CARGO_BIN_EXE_ferrython")), redirect);
        assert_eq!(ours, status(&cpython(), redirect), "{redirect}");
    }
}

/// Standard output that cannot be flushed at exit is reported and the
/// status becomes 120, also after `SystemExit`.
#[test]
fn flush_failure_at_exit() {
    let code = "import os, sys\nsys.stdout.write('x')\nos.close(sys.stdout.fileno())";
    let exiting = format!("{code}\nraise SystemExit(3)");
    check_all(
        "flush",
        &[(&["-c", code], &[], true), (&["-c", &exiting], &[], true)],
    );
}

/// The interpreter at `exe`: a hard link to the built one where the file
/// system allows it, else a copy. A link is never open for writing, so a
/// child forked meanwhile by a test running in parallel cannot hold a
/// writable descriptor of it (which makes executing it fail with
/// "Text file busy").
fn place_binary(exe: &Path) {
    std::fs::remove_file(exe).ok();
    if std::fs::hard_link(env!("CARGO_BIN_EXE_ferrython"), exe).is_err() {
        std::fs::copy(env!("CARGO_BIN_EXE_ferrython"), exe).unwrap();
    }
}

/// A `PROGRAM._pth` file beside the executable is the whole module search
/// path (relative to its directory; `#` comments), makes the run isolated
/// and turns `site` off unless a line says `import site`
/// (`Modules/getpath.py`).
#[test]
fn pth_file_beside_the_executable() {
    let dir = scratch("pth");
    let exe = dir.join("ferrython");
    place_binary(&exe);
    let stdlib = String::from_utf8(
        Command::new(&exe)
            .args(["-c", "import os; print(os.path.dirname(os.__file__))"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap()
    .trim()
    .to_string();
    let probe = "import sys; print(sys.path); print(sys.flags.isolated, sys.flags.no_site, sys.flags.safe_path, sys.flags.ignore_environment)";
    let d = dir.to_str().unwrap();
    let parent = dir.parent().unwrap().to_str().unwrap();
    for (site, no_site) in [("", 1), ("import site\n", 0)] {
        std::fs::write(
            dir.join("ferrython._pth"),
            format!("# comment\n{stdlib}\nsub # trailing\n..\n\n{site}"),
        )
        .unwrap();
        let out = Command::new(&exe)
            .args(["-c", probe])
            .env("PYTHONPATH", "from-env")
            .current_dir(&dir)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let mut lines = text.lines();
        let path = lines.next().unwrap_or_default();
        assert!(
            path.starts_with(&format!("['{stdlib}', '{d}/sub', '{parent}'")),
            "{text}"
        );
        assert!(!path.contains("from-env"), "{text}");
        assert_eq!(
            lines.next(),
            Some(format!("1 {no_site} True 1").as_str()),
            "{text}"
        );
    }
    std::fs::remove_file(&exe).unwrap();
}

/// A `pybuilddir.txt` beside the executable (a CPython build tree's
/// marker) puts the extension directory its first line names, relative to
/// the executable's real directory, on the search path after the standard
/// library, in isolated mode too; PYTHONHOME turns the lookup off
/// (`Modules/getpath.py`).
#[test]
fn build_directory_marker() {
    let dir = scratch("pybuilddir");
    let exe = dir.join("ferrython");
    place_binary(&exe);
    std::fs::create_dir_all(dir.join("ext")).unwrap();
    std::fs::write(dir.join("ext/built_here.py"), "print('found', __name__)\n").unwrap();
    std::fs::write(dir.join("pybuilddir.txt"), "ext\n").unwrap();
    // Reached through a link from elsewhere: the marker is looked for
    // beside the file linked to.
    let link_dir = dir.join("bin");
    std::fs::create_dir_all(&link_dir).unwrap();
    let link = link_dir.join("python");
    std::fs::remove_file(&link).ok();
    std::os::unix::fs::symlink(&exe, &link).unwrap();
    let probe = "import sys; print(sys.path[-1]); import built_here";
    let d = dir.to_str().unwrap();
    for program in [&exe, &link] {
        let r = run(program, &["-I", "-c", probe], &[], &dir);
        assert_eq!(
            r.stdout,
            format!("{d}/ext\nfound built_here\n"),
            "{}",
            r.stderr
        );
    }
    let stdlib = run(
        &exe,
        &["-c", "import os; print(os.path.dirname(os.__file__))"],
        &[],
        &dir,
    )
    .stdout
    .trim()
    .to_string();
    let home = Path::new(&stdlib).parent().unwrap().parent().unwrap();
    let r = run(
        &exe,
        &["-S", "-c", "import sys; print(sys.path[-1])"],
        &[("PYTHONHOME", home.to_str().unwrap())],
        &dir,
    );
    assert_eq!(r.stdout, format!("{stdlib}\n"), "{}", r.stderr);
    std::fs::remove_file(&link).unwrap();
    std::fs::remove_file(&exe).unwrap();
}

/// Words of the command line that are not UTF-8 reach `sys.argv` and
/// `sys.orig_argv` with their bytes escaped ("surrogateescape"), by
/// default, in the C locale and in UTF-8 mode; a `-c` command that is not
/// UTF-8 is refused with CPython's message.
#[test]
fn undecodable_arguments() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    if !cpython().exists() {
        eprintln!("CPython 3.13 not found at {}; skipped", cpython().display());
        return;
    }
    let dir = scratch("undecodable");
    let arg = OsStr::from_bytes(b"\xff\xc3\xff\xc3\xa9\xed\xa0\x80\xfd\xbf\xbf\xbb\xba\xba");
    let code = OsStr::new(
        "import sys, os; print(ascii(sys.argv[1:]), ascii(sys.orig_argv[-1]), os.fsencode(sys.argv[1]))",
    );
    let bad_command = OsStr::from_bytes(b"print(ascii('\xff'))");
    let (c, x, utf8) = (OsStr::new("-c"), OsStr::new("-X"), OsStr::new("utf8"));
    type Words<'a> = &'a [&'a OsStr];
    let cases: [(Words, &[(&str, &str)]); 5] = [
        (&[c, code, arg], &[]),
        (&[c, code, arg], &[("LC_ALL", "C")]),
        (&[x, utf8, c, code, arg, arg], &[]),
        (&[c, bad_command], &[]),
        (&[c, bad_command], &[("LC_ALL", "C")]),
    ];
    let run = |program: &Path, args: &[&OsStr], env: &[(&str, &str)]| {
        let mut cmd = Command::new(program);
        for (k, _) in std::env::vars() {
            if k.starts_with("PYTHON") {
                cmd.env_remove(&k);
            }
        }
        let out = cmd
            .args(args)
            .envs(env.iter().copied())
            .current_dir(&dir)
            .stdin(Stdio::null())
            .output()
            .expect("run");
        (out.stdout, out.stderr, out.status.code())
    };
    for (args, env) in cases {
        let ours = run(Path::new(env!("CARGO_BIN_EXE_ferrython")), args, env);
        let theirs = run(&cpython(), args, env);
        assert_eq!(ours, theirs, "args {args:?} env {env:?}");
    }
}

/// `-m` failures that runpy reports as "Error while finding module
/// specification": a package whose `__init__.pyc` has a bad magic number
/// (its `ImportError` names the package and the file), and a module under
/// a parent that is not a package; stderr and exit status as CPython's.
/// A namespace package with a `__main__` runs it.
#[test]
fn module_spec_errors() {
    let dir = scratch("module_spec_errors");
    let pkg = dir.join("bad_pyc_pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("__init__.pyc"), "\n").unwrap();
    std::fs::write(pkg.join("__main__.py"), "print('main')\n").unwrap();
    // A namespace package (no __init__) runs its __main__ too.
    let ns = dir.join("ns_main_pkg");
    std::fs::create_dir_all(&ns).unwrap();
    std::fs::write(
        ns.join("__main__.py"),
        "import sys\nprint(__name__, __spec__.name, sys.argv[0] == __file__)\n",
    )
    .unwrap();
    let show = "import sys\ntry: import bad_pyc_pkg\nexcept ImportError as e: print(e.name, e.path == __import__('os').path.abspath('bad_pyc_pkg/__init__.pyc'), e)\ntry: import sys.x\nexcept ImportError as e: print(type(e).__name__, e.name, e.path, e)\nimport probe; print(probe.__file__ == __import__('os').path.abspath('probe.py'))";
    check_all(
        "module_spec_errors",
        &[
            (&["-m", "bad_pyc_pkg"], &[], true),
            (&["-m", "builtins.x.y"], &[], true),
            (&["-m", "probe.x"], &[], true),
            (&["-m", "ns_main_pkg"], &[], true),
            (&["-sm", "ns_main_pkg.__main__"], &[], true),
            (&["-Im", "ns_main_pkg"], &[], true),
            (&["-c", show], &[], true),
        ],
    );
}

/// A script path that is not UTF-8 keeps its bytes as surrogate escapes
/// in `sys.argv[0]`, `__file__`, `co_filename` (tracebacks show them as
/// `\udcXX`, with the source line) and `sys.path[0]`; a missing one is
/// named the same way in the "can't open file" message.
#[test]
fn undecodable_script_path() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    if !cpython().exists() {
        eprintln!("CPython 3.13 not found at {}; skipped", cpython().display());
        return;
    }
    let dir = scratch("undecodable_script");
    let sub = dir.join(OsStr::from_bytes(b"d\xe9j\xe0"));
    std::fs::create_dir_all(&sub).unwrap();
    let script = "import sys, os\nprint(ascii(sys.argv[0]), ascii(os.path.basename(__file__)))\nprint(ascii(os.path.basename(sys.path[0])), __file__ == os.path.abspath(sys.argv[0]))\ndef f():\n    return 1/0\nprint(ascii(f.__code__.co_filename == __file__))\nf()\n";
    std::fs::write(dir.join(OsStr::from_bytes(b"sc\xffript.py")), script).unwrap();
    std::fs::write(sub.join(OsStr::from_bytes(b"\xfe.py")), script).unwrap();
    let run = |program: &Path, arg: &[u8]| {
        let mut cmd = Command::new(program);
        for (k, _) in std::env::vars() {
            if k.starts_with("PYTHON") {
                cmd.env_remove(&k);
            }
        }
        let out = cmd
            .arg(OsStr::from_bytes(arg))
            .current_dir(&dir)
            .stdin(Stdio::null())
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        // The program names itself first in "can't open file".
        let stderr = match stderr.split_once(": can't open file") {
            Some((_, rest)) => rest.to_string(),
            None => stderr,
        };
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr,
            out.status.code(),
        )
    };
    let words: [&[u8]; 3] = [b"sc\xffript.py", b"d\xe9j\xe0/\xfe.py", b"mis\xffsing.py"];
    for arg in words {
        let ours = run(Path::new(env!("CARGO_BIN_EXE_ferrython")), arg);
        let theirs = run(&cpython(), arg);
        assert_eq!(ours, theirs, "script {:?}", OsStr::from_bytes(arg));
    }
}

/// An uncaught `KeyboardInterrupt` (exactly that class) ends the process
/// by SIGINT after the traceback and the exit handlers, from `-c`, a
/// script, `-m`, a program piped to stdin, and `-i` when the prompt reads
/// nothing; a subclass, or an interrupt that is caught, exits normally.
/// The signal comes with its default disposition even when the program
/// ignored SIGINT.
#[test]
fn uncaught_keyboard_interrupt() {
    if !cpython().exists() {
        return;
    }
    let dir = scratch("keyboard_interrupt");
    std::fs::write(
        dir.join("interrupted.py"),
        "import atexit\natexit.register(print, 'at exit')\nprint('run')\nraise KeyboardInterrupt\n",
    )
    .unwrap();
    let subclass = "class K(KeyboardInterrupt): pass\nraise K";
    let ignored =
        "import signal; signal.signal(signal.SIGINT, signal.SIG_IGN); raise KeyboardInterrupt";
    let caught =
        "try:\n    raise KeyboardInterrupt\nexcept KeyboardInterrupt:\n    raise SystemExit(4)";
    check_all(
        "keyboard_interrupt",
        &[
            (&["-c", "raise KeyboardInterrupt"], &[], true),
            (&["interrupted.py"], &[], true),
            // (runpy is frozen in CPython, so its frames read differently.)
            (&["-m", "interrupted"], &[], false),
            (&["-c", subclass], &[], true),
            (&["-c", ignored], &[], true),
            (&["-c", caught], &[], true),
            (&["-i", "-S", "-c", "raise KeyboardInterrupt"], &[], true),
        ],
    );
    let piped = |program: &Path| {
        run_with_input(
            program,
            &["-"],
            &[],
            &dir,
            Some("print(1)\nraise KeyboardInterrupt\n"),
        )
    };
    let (ours, theirs) = (
        piped(Path::new(env!("CARGO_BIN_EXE_ferrython"))),
        piped(&cpython()),
    );
    assert_eq!(
        (ours.stdout, ours.stderr, ours.status),
        (theirs.stdout, theirs.stderr, theirs.status)
    );
}
