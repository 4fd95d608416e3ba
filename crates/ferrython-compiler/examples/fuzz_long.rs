//! `cargo run --release --example fuzz_long -- N SEED`: mutate this crate's
//! seed programs N times and report any panic (a development aid).
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let mut state: u64 = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(12345);
    let mut next = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    };
    let seeds: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots"))
            .unwrap()
            .flatten()
            .map(|e| {
                std::fs::read_to_string(e.path())
                    .unwrap()
                    .lines()
                    .filter_map(|l| l.strip_prefix("#   "))
                    .map(|l| format!("{l}\n"))
                    .collect()
            })
            .collect();
    let toks = [
        "(",
        ")",
        "[",
        "]",
        ":",
        ",",
        "=",
        "*",
        "**",
        "lambda ",
        "yield ",
        "await ",
        "async ",
        "not ",
        " is ",
        " in ",
        "global x\n",
        "nonlocal x\n",
        "return ",
        "break\n",
        "continue\n",
        "del ",
        ":=",
        ".",
        "if ",
        "else",
        "for ",
        "def ",
        "class ",
        "\n",
        "    ",
        "try:",
        "except",
        "finally:",
        "with ",
        " as ",
        "@",
        "->",
        "\"",
        "'",
        "f\"{",
        "}",
        "{",
        "match ",
        "case ",
        "|",
        "*rest",
        "**kw",
        "\"\"\"",
        "'''",
        "\\",
        "#",
        "type ",
        "[T]",
        "\t",
        "\r",
        "\u{e9}",
        "0x",
        "1_0",
    ];
    let mut panics = 0;
    let mut ok = 0;
    for i in 0..n {
        let mut s = seeds[(next() as usize) % seeds.len()].clone().into_bytes();
        for _ in 0..1 + next() % 4 {
            let p = (next() as usize) % (s.len() + 1);
            match next() % 3 {
                0 if p < s.len() => {
                    s.remove(p);
                }
                1 => {
                    let t = toks[(next() as usize) % toks.len()];
                    s.splice(p..p, t.bytes());
                }
                _ => {
                    let t = toks[(next() as usize) % toks.len()];
                    s.splice(p..p, t.bytes());
                }
            }
        }
        let r = std::panic::catch_unwind(|| {
            ferrython_compiler::compile_bytes(
                &s,
                "f",
                ferrython_compiler::CompileMode::Exec,
                0,
                (i % 3) as i32,
            )
        });
        match r {
            Err(_) => {
                panics += 1;
                if panics < 5 {
                    println!("PANIC on {:?}", String::from_utf8_lossy(&s));
                }
            }
            Ok(Ok(code)) => {
                ok += 1;
                if let Err(e) = ferrython_compiler::verify::verify(&code) {
                    println!("VERIFY {e} on {:?}", String::from_utf8_lossy(&s));
                }
            }
            Ok(Err(_)) => {}
        }
    }
    println!("{n} cases, {ok} compiled, {panics} panics");
}
