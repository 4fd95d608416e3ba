//! Accept/reject parity with CPython 3.13 over tricky programs: every
//! program CPython compiles must compile here, and every program it rejects
//! must be rejected (messages are compared where listed as exact).

#[path = "data/cpython_accepts.rs"]
mod cpython;

use ferrython_compiler::{compile_source, verify::verify, CompileMode};

#[test]
fn accept_reject_matches_cpython() {
    let mut report = Vec::new();
    let mut same_msg = 0;
    let mut rejected = 0;
    for &(src, ok, msg) in cpython::CASES {
        let r = std::panic::catch_unwind(|| compile_source(src, "<s>", CompileMode::Exec, 0, 0));
        match (r, ok) {
            (Err(_), _) => report.push(format!("PANIC {src:?}")),
            (Ok(Ok(code)), true) => {
                if let Err(e) = verify(&code) {
                    report.push(format!("VERIFY {src:?}: {e}"));
                }
            }
            (Ok(Err(e)), true) => report.push(format!("REJECTED {src:?}: {}", e.msg)),
            (Ok(Ok(_)), false) => report.push(format!("ACCEPTED {src:?} (CPython: {msg})")),
            (Ok(Err(e)), false) => {
                rejected += 1;
                if e.msg == msg {
                    same_msg += 1;
                } else {
                    println!(
                        "message differs for {src:?}:\n   ours:    {}\n   cpython: {msg}",
                        e.msg
                    );
                }
            }
        }
    }
    println!("same message for {same_msg} of {rejected} rejected programs");
    assert!(
        report.is_empty(),
        "{} mismatches:\n{}",
        report.len(),
        report.join("\n")
    );
    assert!(same_msg >= 95, "only {same_msg} messages match CPython");
}

#[path = "data/cpython_mutants.rs"]
mod mutants;

/// Mutations of our own test programs: CPython's accept/reject decision must match
/// exactly, and most error messages too.
#[test]
fn mutated_programs_match_cpython() {
    let mut mismatches = Vec::new();
    let (mut same_msg, mut rejected) = (0, 0);
    for &(src, ok, msg) in mutants::CASES {
        let r = std::panic::catch_unwind(|| compile_source(src, "f", CompileMode::Exec, 0, 0));
        match r {
            Err(_) => mismatches.push(format!("PANIC {src:?}")),
            Ok(Ok(_)) if !ok => mismatches.push(format!("ACCEPTED {src:?} (CPython: {msg})")),
            Ok(Err(e)) if ok => mismatches.push(format!("REJECTED {src:?}: {}", e.msg)),
            Ok(Err(e)) => {
                rejected += 1;
                if e.msg == msg {
                    same_msg += 1;
                }
            }
            Ok(Ok(_)) => {}
        }
    }
    println!("same message for {same_msg} of {rejected}");
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert!(
        same_msg * 100 >= rejected * 85,
        "only {same_msg} of {rejected} messages match"
    );
}
