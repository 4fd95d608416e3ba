//! `cargo run --example mutant_report`: message differences on the mutant corpus (a development aid).
#[path = "../tests/data/cpython_mutants.rs"]
mod mutants;
fn main() {
    let mut counts: std::collections::BTreeMap<(String, String), (usize, String)> =
        Default::default();
    for &(src, ok, msg) in mutants::CASES {
        if ok {
            continue;
        }
        if let Err(e) = ferrython_compiler::compile_source(
            src,
            "f",
            ferrython_compiler::CompileMode::Exec,
            0,
            0,
        ) {
            if e.msg != msg {
                let entry = counts
                    .entry((e.msg.clone(), msg.to_string()))
                    .or_insert((0, src.to_string()));
                entry.0 += 1;
            }
        }
    }
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by_key(|b| std::cmp::Reverse(b.1 .0));
    for ((ours, theirs), (n, src)) in v.iter().take(20) {
        println!(
            "{n} ours={ours:?} cpython={theirs:?}\n    {:?}",
            &src[..src.len().min(300)]
        );
    }
}
