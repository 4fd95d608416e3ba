//! Bad input never crashes or hangs ferrython. A seeded generator writes
//! random Python programs (classes, dunders, closures, generators,
//! exceptions, `match`, comprehensions, f- and t-strings); a mutator
//! damages them byte by byte; and plain random bytes are added. One
//! `ferrython` process compiles and runs them all under a per-program
//! alarm: each must end in success or a Python exception, and the process
//! must exit normally (no signal, panic or fatal error). Deep nesting
//! (1000-level expressions, deeply nested blocks, a 10^5-line file) must
//! give a Python exception as CPython does, or succeed.
//!
//! `FUZZ_COUNT=N` sets the number of programs of each kind (default 150)
//! and `FUZZ_SEED=S` the seed (default 1); a longer run:
//! `FUZZ_COUNT=5000 FUZZ_SEED=7 cargo test --release --test fuzz -- --nocapture`.
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// splitmix64: small, seedable, good enough to pick grammar branches.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Writes random programs. Values stay small: arithmetic and repetition
/// always have a literal operand and loops run a few times, so a valid
/// program finishes quickly.
struct Gen<'r> {
    rng: &'r mut Rng,
    out: String,
    indent: usize,
    vars: Vec<String>,
    funcs: Vec<String>,
    classes: Vec<String>,
    depth: usize,
    n: usize,
}

const LITERALS: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "-1",
    "7",
    "2.5",
    "0.0",
    "1e3",
    "3j",
    "True",
    "False",
    "None",
    "'a'",
    "'xyz'",
    "\"q\\n\"",
    "b'by'",
    "()",
    "[]",
    "{}",
    "(1, 2)",
    "[1, 2, 3]",
    "{'k': 1}",
    "{1, 2}",
    "...",
    "'%s-%d'",
    "range(3)",
    "frozenset({1})",
    "bytearray(b'ab')",
];
const BINOPS: &[&str] = &[
    "+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@", "==", "!=", "<", "<=",
    ">", ">=", "and", "or", "in", "not in", "is", "is not",
];
const BUILTIN_CALLS: &[&str] = &[
    "len",
    "str",
    "repr",
    "int",
    "float",
    "bool",
    "list",
    "tuple",
    "sorted",
    "abs",
    "hash",
    "type",
    "iter",
    "min",
    "max",
    "sum",
    "any",
    "all",
    "dir",
    "id",
    "callable",
    "format",
    "bin",
    "chr",
    "ord",
    "reversed",
    "enumerate",
    "set",
    "dict",
    "vars",
];

impl Gen<'_> {
    fn line(&mut self, s: &str) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.n += 1;
        format!("{prefix}{}", self.n)
    }

    fn literal(&mut self) -> String {
        if self.rng.chance(15) {
            return self.rng.below(1000).to_string();
        }
        self.rng.pick(LITERALS).to_string()
    }

    fn name(&mut self) -> String {
        if self.vars.is_empty() || self.rng.chance(20) {
            return self.literal();
        }
        self.rng.pick(&self.vars).clone()
    }

    fn expr(&mut self, depth: usize) -> String {
        if depth == 0 {
            return self.name();
        }
        let d = depth - 1;
        match self.rng.below(17) {
            0 | 1 => {
                let op = *self.rng.pick(BINOPS);
                format!("({} {op} {})", self.expr(d), self.literal())
            }
            2 => format!("(not {})", self.expr(d)),
            3 => format!("(-{})", self.expr(d)),
            4 => {
                let f = *self.rng.pick(BUILTIN_CALLS);
                format!("{f}({})", self.expr(d))
            }
            5 => format!("[{}, {}]", self.expr(d), self.expr(d)),
            6 => format!("{{{}: {}}}", self.literal(), self.expr(d)),
            7 => format!(
                "({} if {} else {})",
                self.expr(d),
                self.expr(d),
                self.expr(d)
            ),
            8 => format!("[v * 2 for v in {} if v]", self.iterable()),
            9 => format!("{}[{}]", self.expr(d), self.literal()),
            10 => format!("{}[1:{}]", self.expr(d), self.literal()),
            11 => format!("f'{{ {}!r:>8}} {{ {} }}'", self.expr(d), self.expr(d)),
            12 => format!(
                "(lambda a, *b, k=1: (a, b, k))({}, {})",
                self.expr(d),
                self.expr(d)
            ),
            13 if !self.funcs.is_empty() => {
                let f = self.rng.pick(&self.funcs).clone();
                format!("{f}({}, {})", self.expr(d), self.expr(d))
            }
            14 if !self.classes.is_empty() => {
                let c = self.rng.pick(&self.classes).clone();
                format!("{c}({})", self.expr(d))
            }
            15 => {
                let attr = *self
                    .rng
                    .pick(&["real", "x", "__class__", "upper", "keys", "m", "p"]);
                format!("({}).{attr}", self.expr(d))
            }
            16 => format!("t'{{ {} }} {{ {}:x}}'.values", self.expr(d), self.expr(d)),
            _ => self.name(),
        }
    }

    fn iterable(&mut self) -> String {
        match self.rng.below(4) {
            0 => format!("range({})", self.rng.below(5)),
            1 => "[1, 0, 'a', None]".to_string(),
            2 => "'abc'".to_string(),
            _ => {
                let e = self.expr(1);
                format!("list(range(3)) + [{e}]")
            }
        }
    }

    /// A name to assign. Inside loops and functions always a new one: a
    /// value computed from its own previous value could grow
    /// exponentially (`v = [v, v]`, then `repr(v)`).
    fn target(&mut self) -> String {
        if self.depth == 0 && !self.vars.is_empty() && self.rng.chance(50) {
            return self.rng.pick(&self.vars).clone();
        }
        let v = self.fresh("v");
        self.vars.push(v.clone());
        v
    }

    fn block(&mut self, header: &str) {
        self.line(header);
        self.indent += 1;
        self.depth += 1;
        let n = 1 + self.rng.below(3);
        for _ in 0..n {
            self.stmt();
        }
        self.depth -= 1;
        self.indent -= 1;
    }

    fn stmt(&mut self) {
        let deep = self.depth >= 3;
        let choice = if deep {
            self.rng.below(6)
        } else {
            self.rng.below(17)
        };
        match choice {
            0 | 1 => {
                let e = self.expr(2);
                let t = self.target();
                self.line(&format!("{t} = {e}"));
            }
            2 => {
                let e = self.expr(2);
                self.line(&format!("print({e})"));
            }
            3 => {
                let t = self.target();
                let op = *self.rng.pick(&["+=", "-=", "|=", "//=", "%="]);
                let l = self.literal();
                self.line(&format!("{t} {op} {l}"));
            }
            4 => {
                let (a, b) = (self.target(), self.target());
                let e = self.expr(1);
                self.line(&format!("{a}, *{b} = {e}"));
            }
            5 => {
                let e = self.expr(1);
                self.line(&format!("assert {e}, 'assertion'"));
            }
            6 => {
                let e = self.expr(2);
                self.block(&format!("if {e}:"));
                if self.rng.chance(50) {
                    self.block("else:");
                }
            }
            7 => {
                let it = self.iterable();
                let v = self.target();
                self.block(&format!("for {v} in {it}:"));
            }
            8 => {
                let c = self.fresh("n");
                self.line(&format!("{c} = 0"));
                self.block(&format!("while {c} < 3:"));
                self.indent += 1;
                self.line(&format!("{c} += 1"));
                self.indent -= 1;
            }
            9 => {
                self.block("try:");
                let exc = *self.rng.pick(&[
                    "Exception",
                    "TypeError",
                    "(ValueError, KeyError)",
                    "BaseException",
                ]);
                self.block(&format!("except {exc} as e:"));
                if self.rng.chance(40) {
                    self.block("finally:");
                }
            }
            10 => self.funcdef(),
            11 => self.classdef(),
            12 => {
                let e = self.expr(2);
                self.line(&format!("match {e}:"));
                self.indent += 1;
                let l = *self
                    .rng
                    .pick(&["0", "1", "-1", "'a'", "None", "True", "2.5", "b'x'"]);
                self.block(&format!("case {l} | [1, *_] | {{'k': _}}:"));
                self.block("case int(x) if x > 1:");
                self.block("case _:");
                self.indent -= 1;
            }
            13 => {
                let e = self.expr(1);
                let exc = *self
                    .rng
                    .pick(&["ValueError", "TypeError", "KeyError", "RuntimeError"]);
                self.line(&format!("if {e}: raise {exc}({e}) from None"));
            }
            14 if !self.classes.is_empty() => {
                let c = self.rng.pick(&self.classes).clone();
                let v = self.target();
                self.block(&format!("with {c}(1) as {v}:"));
            }
            15 => {
                let g = self.fresh("g");
                let it = self.iterable();
                self.line(&format!("def {g}():"));
                self.indent += 1;
                self.line(&format!("x = yield from {it}"));
                self.line("yield x; return 5");
                self.indent -= 1;
                let v = self.target();
                self.line(&format!("{v} = list({g}())"));
            }
            _ => {
                let e = self.expr(3);
                self.line(&e);
            }
        }
    }

    fn funcdef(&mut self) {
        let f = self.fresh("f");
        let deco = self.rng.chance(20);
        if deco {
            self.line("@staticmethod");
        }
        self.line(&format!("def {f}(a, b=2, *args, c=None, **kw):"));
        self.indent += 1;
        self.depth += 1;
        let saved = std::mem::replace(
            &mut self.vars,
            vec![
                "a".into(),
                "b".into(),
                "args".into(),
                "c".into(),
                "kw".into(),
            ],
        );
        for _ in 0..1 + self.rng.below(3) {
            self.stmt();
        }
        let e = self.expr(2);
        self.line(&format!("return {e}"));
        self.vars = saved;
        self.depth -= 1;
        self.indent -= 1;
        if deco {
            self.line(&format!("{f} = {f}.__func__"));
        }
        self.funcs.push(f);
    }

    fn classdef(&mut self) {
        let c = self.fresh("C");
        let base = if !self.classes.is_empty() && self.rng.chance(40) {
            self.rng.pick(&self.classes).clone()
        } else {
            (*self
                .rng
                .pick(&["object", "Exception", "int", "list", "dict"]))
            .to_string()
        };
        self.line(&format!("class {c}({base}):"));
        self.indent += 1;
        self.line("m = 1");
        self.line("def __init__(self, x=0, *a):");
        self.line("    self.x = x");
        for dunder in [
            "__repr__",
            "__eq__",
            "__add__",
            "__iter__",
            "__len__",
            "__enter__",
            "__exit__",
            "__getitem__",
            "__bool__",
            "__hash__",
            "__call__",
            "__lt__",
        ] {
            if !self.rng.chance(35) {
                continue;
            }
            let body = match dunder {
                "__repr__" => "def __repr__(self): return 'C(%r)' % (self.x,)".to_string(),
                "__eq__" => "def __eq__(self, o): return self.x == getattr(o, 'x', o)".to_string(),
                "__add__" => format!("def __add__(self, o): return {c}(o)"),
                "__iter__" => "def __iter__(self): return iter([self.x, 1])".to_string(),
                "__len__" => "def __len__(self): return 2".to_string(),
                "__enter__" => "def __enter__(self): return self".to_string(),
                "__exit__" => "def __exit__(self, *e): return False".to_string(),
                "__getitem__" => "def __getitem__(self, k): return [k, self.x][k]".to_string(),
                "__bool__" => "def __bool__(self): return bool(self.x)".to_string(),
                "__hash__" => "def __hash__(self): return 7".to_string(),
                "__call__" => "def __call__(self, *a): return a".to_string(),
                _ => "def __lt__(self, o): return id(self) < id(o)".to_string(),
            };
            self.line(&body);
        }
        self.line("@property");
        self.line("def p(self): return self.x");
        self.indent -= 1;
        self.classes.push(c);
    }
}

fn generate(rng: &mut Rng) -> String {
    let mut g = Gen {
        rng,
        out: String::new(),
        indent: 0,
        vars: Vec::new(),
        funcs: Vec::new(),
        classes: Vec::new(),
        depth: 0,
        n: 0,
    };
    let n = 3 + g.rng.below(10);
    for _ in 0..n {
        // Half the top-level statements run under a handler, so that a
        // program goes on after an operation its random values refuse.
        if g.rng.chance(50) {
            g.line("try:");
            g.indent += 1;
            g.stmt();
            g.indent -= 1;
            g.line("except Exception as e:");
            g.line("    pass");
        } else {
            g.stmt();
        }
    }
    // Names first bound in a branch that does not run exist anyway.
    let names: Vec<&String> = g.vars.iter().filter(|v| v.starts_with('v')).collect();
    if names.is_empty() {
        return g.out;
    }
    let pre: Vec<&str> = names.iter().map(|v| v.as_str()).collect();
    format!("{} = 1\n{}", pre.join(" = "), g.out)
}

/// Pieces that make mutations reach deeper into the grammar than random
/// bytes do.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    ".",
    "=",
    "*",
    "**",
    "\n",
    "    ",
    "\t",
    "\\",
    "'",
    "\"",
    "\"\"\"",
    "#",
    "@",
    "->",
    ":=",
    "lambda",
    "yield",
    "await",
    "async ",
    "def ",
    "class ",
    "return",
    "if ",
    "else",
    "for ",
    "in ",
    "not ",
    "try:",
    "except",
    "finally:",
    "with ",
    "del ",
    "global ",
    "nonlocal ",
    "import ",
    "from ",
    "raise",
    "match ",
    "case ",
    "type ",
    "f'{",
    "t'{",
    "}'",
    "!r",
    "\\x00",
    "\u{e9}",
    "\u{1f600}",
    "\x00",
    "\x0c",
    "\r",
    "0x",
    "1_0",
    "9",
    "e",
];

fn mutate(rng: &mut Rng, src: &[u8]) -> Vec<u8> {
    let mut v = src.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = v.len();
        let at = if len == 0 { 0 } else { rng.below(len + 1) };
        match rng.below(6) {
            0 if len > 0 => {
                let i = rng.below(len);
                v[i] ^= 1 << rng.below(8);
            }
            1 => v.insert(at.min(len), rng.next() as u8),
            2 if len > 0 => {
                let end = (at + 1 + rng.below(8)).min(len);
                v.drain(at.min(len)..end);
            }
            3 if len > 0 => {
                let s = rng.below(len);
                let e = (s + 1 + rng.below(20)).min(len);
                let chunk = v[s..e].to_vec();
                let at = at.min(v.len());
                v.splice(at..at, chunk);
            }
            _ => {
                let t = rng.pick(TOKENS).as_bytes().to_vec();
                let at = at.min(v.len());
                v.splice(at..at, t);
            }
        }
    }
    v
}

fn random_bytes(rng: &mut Rng) -> Vec<u8> {
    let n = rng.below(120);
    (0..n)
        .map(|_| match rng.below(10) {
            0 => rng.next() as u8,
            1 => b'\n',
            2 => *rng.pick(b"()[]{}:'\"#\\"),
            _ => 0x20 + rng.below(95) as u8,
        })
        .collect()
}

/// Compiles and runs each file of a directory in its own namespace under
/// an alarm; prints one line per program (its outcome) on fd 1. A program
/// that runs forever (a mutation can make one) ends in `FuzzTimeout`.
const DRIVER: &str = r#"
import os, sys, signal
class FuzzTimeout(BaseException):
    pass
def on_alarm(signum, frame):
    signal.alarm(1)
    raise FuzzTimeout
signal.signal(signal.SIGALRM, on_alarm)
d = sys.argv[1]
real_print = print
sys.setrecursionlimit(400)
for name in sorted(os.listdir(d)):
    with open(os.path.join(d, name), 'rb') as f:
        src = f.read()
    os.write(1, ('BEGIN %s\n' % name).encode())
    signal.alarm(2)
    try:
        code = compile(src, name, 'exec')
        exec(code, {'__name__': '__fuzz__', 'print': lambda *a, **k: None})
        outcome = 'ok'
    except BaseException as e:
        outcome = type(e).__name__
    finally:
        signal.alarm(0)
    os.write(1, ('END %s %s\n' % (name, outcome)).encode())
os.write(1, b'ALL DONE\n')
"#;

struct Run {
    status: Option<i32>,
    signal: Option<i32>,
    stdout: String,
    stderr: String,
    timed_out: bool,
}

/// Runs ferrython with `args`, killing it after `limit`.
fn run_ferrython(args: &[&str], limit: Duration) -> Run {
    use std::os::unix::process::ExitStatusExt;
    let exe = env!("CARGO_BIN_EXE_ferrython");
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let k = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir();
    let out_path = dir.join(format!("ferrython-fuzz-{}-{k}.out", std::process::id()));
    let err_path = dir.join(format!("ferrython-fuzz-{}-{k}.err", std::process::id()));
    let mut child = Command::new(exe)
        .args(args)
        .env("PYTHONHASHSEED", "0")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("run ferrython");
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > limit {
            timed_out = true;
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read =
        |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    let r = Run {
        status: status.code(),
        signal: status.signal(),
        stdout: read(&out_path),
        stderr: read(&err_path),
        timed_out,
    };
    let _ = std::fs::remove_file(out_path);
    let _ = std::fs::remove_file(err_path);
    r
}

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn random_and_mutated_programs_never_crash() {
    let count = env_num("FUZZ_COUNT", 150) as usize;
    let seed = env_num("FUZZ_SEED", 1);
    let mut rng = Rng(seed);
    let dir = scratch("fuzz-programs");
    let mut valid = Vec::new();
    for i in 0..count {
        let p = generate(&mut rng);
        std::fs::write(dir.join(format!("g{i:05}.py")), &p).unwrap();
        valid.push(p);
    }
    for i in 0..count {
        let base = valid[rng.below(valid.len())].as_bytes().to_vec();
        let m = mutate(&mut rng, &base);
        std::fs::write(dir.join(format!("m{i:05}.py")), m).unwrap();
    }
    for i in 0..count {
        let b = random_bytes(&mut rng);
        std::fs::write(dir.join(format!("r{i:05}.py")), b).unwrap();
    }
    let limit = Duration::from_secs(60 + 3 * count as u64);
    let r = run_ferrython(&["-c", DRIVER, dir.to_str().unwrap()], limit);
    let last = r
        .stdout
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("BEGIN "))
        .unwrap_or("(none)")
        .to_string();
    let ok = !r.timed_out
        && r.signal.is_none()
        && r.status == Some(0)
        && r.stdout.ends_with("ALL DONE\n")
        && !r.stderr.contains("panicked")
        && !r.stderr.contains("Fatal Python error");
    if !ok {
        let program = std::fs::read(dir.join(&last)).unwrap_or_default();
        panic!(
            "ferrython failed on {last} (seed {seed}): status {:?}, signal {:?}, timed out {}\n\
             program:\n{}\nstderr tail:\n{}",
            r.status,
            r.signal,
            r.timed_out,
            String::from_utf8_lossy(&program),
            r.stderr
                .chars()
                .rev()
                .take(2000)
                .collect::<String>()
                .chars()
                .rev()
                .collect::<String>()
        );
    }
    let mut outcomes = std::collections::BTreeMap::new();
    for l in r.stdout.lines().filter_map(|l| l.strip_prefix("END ")) {
        let kind = l.split(' ').nth(1).unwrap_or("?");
        *outcomes
            .entry((l.as_bytes()[0] as char, kind.to_string()))
            .or_insert(0) += 1;
    }
    let stuck: Vec<&str> = r
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("END "))
        .filter(|l| l.ends_with(" SystemError"))
        .collect();
    assert!(
        stuck.is_empty(),
        "SystemError (seed {seed}, in {}): {stuck:?}",
        dir.display()
    );
    let generated_ok = outcomes.get(&('g', "ok".to_string())).copied().unwrap_or(0);
    println!("fuzz seed {seed}, {count} of each kind: {outcomes:?}");
    // The generator writes valid programs; enough of them run to the end.
    assert!(
        generated_ok * 10 >= count,
        "too few generated programs succeed: {outcomes:?}"
    );
}

/// Deeply nested and very long sources: each must end in success or the
/// named Python exception, never in a crash.
#[test]
fn deep_nesting_is_an_exception_or_success() {
    let n = 1000;
    let lines_100k: String = "x = 1\n".repeat(100_000) + "print(x)\n";
    let nested_blocks: String = (0..n)
        .map(|i| format!("{}if True:\n", " ".repeat(i)))
        .collect::<String>()
        + &" ".repeat(n)
        + "pass\n";
    let nested_loops: String = (0..30)
        .map(|i| format!("{}for a{i} in [1]:\n", " ".repeat(i)))
        .collect::<String>()
        + &" ".repeat(30)
        + "pass\n";
    let nested_defs: String = (0..98)
        .map(|i| format!("{}def f():\n", " ".repeat(i)))
        .collect::<String>()
        + &" ".repeat(98)
        + "pass\nprint('ok')\n";
    let cases: Vec<(&str, String, &[&str])> = vec![
        (
            "parens",
            format!("x = {}1{}\n", "(".repeat(n), ")".repeat(n)),
            &["SyntaxError"],
        ),
        (
            "lists",
            format!("x = {}{}\n", "[".repeat(n), "]".repeat(n)),
            &["SyntaxError"],
        ),
        (
            "calls",
            format!("x = {}1{}\n", "abs(".repeat(n), ")".repeat(n)),
            &["SyntaxError"],
        ),
        (
            "unary minus",
            format!("print({}1)\n", "-".repeat(n)),
            &["ok"],
        ),
        (
            "unary minus 100k",
            format!("print({}1)\n", "-".repeat(100_000)),
            &["MemoryError"],
        ),
        (
            "not 10k",
            format!("print({}1)\n", "not ".repeat(10_000)),
            &["MemoryError"],
        ),
        (
            "add chain 100k",
            format!("print({})\n", vec!["1"; 100_000].join("+")),
            &["RecursionError"],
        ),
        (
            "subscripts 10k",
            format!("print([1]{})\n", "[0]".repeat(10_000)),
            &["RecursionError"],
        ),
        (
            "attributes 10k",
            format!("print((1){})\n", ".real".repeat(10_000)),
            &["RecursionError"],
        ),
        (
            "lambdas",
            format!("f = {}1\n", "lambda: ".repeat(n)),
            &["ok"],
        ),
        (
            "lambdas 200k",
            format!("f = {}1\n", "lambda: ".repeat(200_000)),
            &["MemoryError"],
        ),
        (
            "unary minus 200k in eval",
            format!("eval('{}1')\n", "-".repeat(200_000)),
            &["MemoryError"],
        ),
        (
            "conditional 10k",
            format!("print(1{})\n", " if 1 else 2".repeat(10_000)),
            &["MemoryError"],
        ),
        (
            "nested f-strings",
            format!("x = {}1{}\n", "f'{".repeat(200), "}'".repeat(200)),
            &["ok", "SyntaxError"],
        ),
        ("nested blocks", nested_blocks, &["IndentationError"]),
        ("nested loops", nested_loops, &["SyntaxError"]),
        (
            "nested defs",
            nested_defs,
            &["ok", "IndentationError", "RecursionError"],
        ),
        ("100k lines", lines_100k, &["ok"]),
        (
            "deep recursion",
            "def f(n): return f(n + 1)\nf(0)\n".to_string(),
            &["RecursionError"],
        ),
        (
            "deep repr",
            "x = []\nfor _ in range(100000): x = [x]\nrepr(x)\n".to_string(),
            &["RecursionError"],
        ),
    ];
    let dir = scratch("fuzz-deep");
    let mut failures = Vec::new();
    for (name, src, allowed) in cases {
        let path = dir.join(format!("{}.py", name.replace(' ', "_")));
        std::fs::write(&path, src).unwrap();
        let r = run_ferrython(&[path.to_str().unwrap()], Duration::from_secs(120));
        let outcome = if r.status == Some(0) {
            "ok".to_string()
        } else {
            r.stderr
                .lines()
                .last()
                .and_then(|l| l.split(':').next())
                .unwrap_or("")
                .to_string()
        };
        let normal = !r.timed_out && r.signal.is_none() && matches!(r.status, Some(0 | 1));
        if !normal || !allowed.contains(&outcome.as_str()) {
            failures.push(format!(
                "{name}: status {:?}, signal {:?}, timed out {}, outcome {outcome:?} (allowed {allowed:?})",
                r.status, r.signal, r.timed_out
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
