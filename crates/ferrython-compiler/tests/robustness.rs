//! Arbitrary input never panics; deep nesting and huge files are handled.

use ferrython_compiler::{compile_bytes, compile_source, verify::verify, CompileMode};

/// A small deterministic PRNG (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SEEDS: &[&str] = &[
    "async def f(a, b=1, *c, d, **e):\n    return [x async for x in a] if b else {k: v for k, v in e.items()}\n",
    "class C(B, metaclass=M):\n    x: int = 1\n    def m(self):\n        return super().m(self.x)\n",
    "try:\n    pass\nexcept* ValueError as e:\n    raise\nfinally:\n    del x\n",
    "match p:\n    case [1, *rest] | [2, *rest] if rest:\n        pass\n    case {'k': v, **kw}:\n        pass\n    case C(a, b=2) as z:\n        pass\n    case _:\n        pass\n",
    "async def g():\n    async with a as b, c:\n        await b\n    async for i in b:\n        yield i\n",
    "x = f'{a!r:>{w}} {b=} {c:{d}.{e}f}'\nwith open(p) as f: pass\n",
    "type A[T: int, *Ts, **P] = list[T]\ndef h[U = int](u: U) -> U: return u\n",
    "while x:\n    if y: break\n    elif z: continue\n    else: x -= 1\nelse:\n    pass\n",
    "lambda *a, k=1, **kw: (yield)\nglobal g\nnonlocal n\n",
    "a, *b, c = d\na[1:2], a.b = e\n(x := 1)\nassert x, 'msg'\nraise E from None\n",
    "import a.b.c as d\nfrom .. import (x as y, z)\nfrom m import *\n",
];

const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    "=",
    "*",
    "**",
    "lambda",
    "yield",
    "await",
    "async",
    "def",
    "class",
    "if",
    "else",
    "for",
    "in",
    "not",
    "is",
    "\n",
    "    ",
    "\t",
    "'",
    "\"",
    "f'",
    "{x}",
    "\\",
    "#",
    "@",
    "->",
    ":=",
    ".",
    "...",
    "0x",
    "1e",
    "_",
    "global",
    "nonlocal",
    "return",
    "break",
    "continue",
    "try",
    "except",
    "finally",
    "with",
    "as",
    "match",
    "case",
    "type",
    "\u{e9}",
    "\u{0}",
    "\r",
    "del",
    "pass",
    "from",
    "import",
    "*rest",
    "|",
    "&",
    "\u{df}",
    "'''",
    "\"\"\"",
    "\u{20ac}",
    "\u{1f600}",
    "\u{feff}",
    "r'",
    "b'",
    "rb\"",
    "\\N{",
    "\\x",
    "\\u",
    "f\"{",
    "}\"",
    "\u{3b1} = 1",
];

fn mutate(rng: &mut Rng, src: &str) -> Vec<u8> {
    let mut b = src.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        match rng.below(5) {
            0 if !b.is_empty() => {
                let i = rng.below(b.len());
                b.remove(i);
            }
            1 => {
                let i = rng.below(b.len() + 1);
                let t = TOKENS[rng.below(TOKENS.len())];
                b.splice(i..i, t.bytes());
            }
            2 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] = rng.next() as u8;
            }
            3 if b.len() > 2 => {
                let i = rng.below(b.len());
                let j = rng.below(b.len());
                let (lo, hi) = (i.min(j), i.max(j));
                let chunk: Vec<u8> = b[lo..hi].to_vec();
                let k = rng.below(b.len() + 1);
                b.splice(k..k, chunk);
            }
            _ => {
                let i = rng.below(b.len() + 1);
                let n = rng.below(8);
                let junk: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                b.splice(i..i, junk);
            }
        }
    }
    b
}

#[test]
fn fuzzed_inputs_never_panic() {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let start = std::time::Instant::now();
    let mut ok = 0;
    for case in 0..4000 {
        let input: Vec<u8> = if case % 5 == 0 {
            (0..rng.below(200)).map(|_| rng.next() as u8).collect()
        } else {
            let seed = SEEDS[rng.below(SEEDS.len())];
            mutate(&mut rng, seed)
        };
        let modes = [CompileMode::Exec, CompileMode::Eval, CompileMode::Single];
        let mode = modes[case % 3];
        let r =
            std::panic::catch_unwind(|| compile_bytes(&input, "<fuzz>", mode, 0, case as i32 % 3));
        match r {
            Ok(Ok(code)) => {
                ok += 1;
                if let Err(e) = verify(&code) {
                    panic!(
                        "case {case}: verify failed: {e}\ninput: {:?}",
                        String::from_utf8_lossy(&input)
                    );
                }
            }
            Ok(Err(_)) => {}
            Err(_) => panic!(
                "case {case}: panic on input {:?}",
                String::from_utf8_lossy(&input)
            ),
        }
    }
    assert!(ok > 50, "too few valid programs ({ok})");
    assert!(
        start.elapsed().as_secs() < 20,
        "fuzzing took {:?}",
        start.elapsed()
    );
}

#[test]
fn every_seed_program_compiles() {
    for s in SEEDS {
        let r = compile_source(s, "<seed>", CompileMode::Exec, 0, 0);
        match r {
            Ok(code) => verify(&code).unwrap(),
            Err(e) => assert!(s.contains("nonlocal"), "seed failed: {s:?}: {e}"),
        }
    }
}

#[test]
fn thousand_nested_parentheses_is_a_syntax_error_like_cpython() {
    let src = format!("x = {}1{}\n", "(".repeat(1000), ")".repeat(1000));
    let e = compile_source(&src, "<s>", CompileMode::Exec, 0, 0).unwrap_err();
    assert_eq!(e.msg, "too many nested parentheses");
    assert_eq!((e.lineno, e.offset), (1, 205));
}

#[test]
fn deep_expressions_without_parentheses_compile() {
    // 1000-level unary chain, 9000-term sum, 1000-level nested `not`/`if`.
    let srcs = [
        format!("x = {}1\n", "-".repeat(1000)),
        format!("x = {}1\n", "1 + ".repeat(9000)),
        format!("if {}x: pass\n", "not ".repeat(1000)),
        format!("x = {}0\n", "a if b else ".repeat(1000)),
        format!("x = {}\n", "a.".repeat(1000) + "b"),
    ];
    for s in &srcs {
        let code = compile_source(s, "<s>", CompileMode::Exec, 0, 0).unwrap();
        verify(&code).unwrap();
    }
    // 150 nested functions is within CPython's limits and ours.
    let mut s = String::new();
    for i in 0..90 {
        s.push_str(&" ".repeat(i));
        s.push_str(&format!("def f{i}():\n"));
    }
    s.push_str(&" ".repeat(90));
    s.push_str("return 1\n");
    let code = compile_source(&s, "<s>", CompileMode::Exec, 0, 0).unwrap();
    verify(&code).unwrap();
}

#[test]
fn too_deep_nesting_is_refused_like_cpython() {
    // CPython 3.13's parser stack (6000 rules) and compiler depth (~10000).
    for src in [
        format!("{}1", "-".repeat(200_000)),
        format!("{}1", "lambda: ".repeat(200_000)),
        format!("{}1", "-".repeat(5975)),
    ] {
        let e = compile_source(&src, "<s>", CompileMode::Eval, 0, 0).unwrap_err();
        assert_eq!(e.kind.name(), "MemoryError");
        assert_eq!(
            e.msg,
            "Parser stack overflowed - Python source too complex to parse"
        );
    }
    compile_source(
        &format!("{}1", "-".repeat(5974)),
        "<s>",
        CompileMode::Eval,
        0,
        0,
    )
    .unwrap();
    for src in [
        format!("1{}", "+1".repeat(200_000)),
        format!("1{}", "+1".repeat(9998)),
    ] {
        let e = compile_source(&src, "<s>", CompileMode::Eval, 0, 0).unwrap_err();
        assert_eq!(e.kind.name(), "RecursionError");
        assert_eq!(e.msg, "maximum recursion depth exceeded during compilation");
    }
    compile_source(
        &format!("1{}", "+1".repeat(9997)),
        "<s>",
        CompileMode::Eval,
        0,
        0,
    )
    .unwrap();
}

#[test]
fn too_deep_indentation_is_an_indentation_error() {
    let mut s = String::new();
    for i in 0..101 {
        s.push_str(&" ".repeat(i));
        s.push_str("if x:\n");
    }
    s.push_str(&" ".repeat(101));
    s.push_str("pass\n");
    let e = compile_source(&s, "<s>", CompileMode::Exec, 0, 0).unwrap_err();
    assert_eq!(e.kind.name(), "IndentationError");
    assert_eq!(e.msg, "too many levels of indentation");
    assert_eq!(e.lineno, 101);
}

#[test]
fn hundred_thousand_line_file_compiles() {
    let mut s = String::new();
    for i in 0..100_000 {
        s.push_str(&format!("a{i} = {i} + b\n"));
    }
    let start = std::time::Instant::now();
    let code = compile_source(&s, "<big>", CompileMode::Exec, 0, 0).unwrap();
    assert!(code.code.len() > 400_000);
    verify(&code).unwrap();
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}

#[test]
fn top_level_await_needs_the_flag() {
    use ferrython_compiler::bytecode::co_flags;
    let src =
        "x = await f()\nasync for i in g(): pass\nasync with h(): pass\ny = [await z for z in w]\n";
    let e = compile_source(src, "<s>", CompileMode::Exec, 0, 0).unwrap_err();
    assert_eq!(e.msg, "'await' outside function");
    let code = compile_source(
        src,
        "<s>",
        CompileMode::Exec,
        co_flags::PYCF_ALLOW_TOP_LEVEL_AWAIT,
        0,
    )
    .unwrap();
    assert!(code.flags & co_flags::COROUTINE != 0);
    verify(&code).unwrap();
}
