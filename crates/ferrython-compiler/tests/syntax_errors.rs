//! SyntaxError messages and positions compared with CPython 3.13.

#[path = "data/cpython_syntax_errors.rs"]
mod cpython;

use ferrython_compiler::{compile_source, CompileMode};

/// Every bad program is rejected, and the message, kind and position match
/// CPython for at least `MIN_EXACT` of them (the rest are listed).
#[test]
fn syntax_errors_match_cpython() {
    const MIN_EXACT: usize = 94;
    let mut exact = 0;
    let mut accepted = 0;
    let mut report = String::new();
    for &(src, kind, msg, lineno, offset, end_lineno, end_offset) in cpython::CASES {
        match compile_source(src, "<s>", CompileMode::Exec, 0, 0) {
            Ok(_) => {
                report.push_str(&format!("ACCEPTED {src:?} (CPython: {msg})\n"));
                accepted += 1;
            }
            Err(e) => {
                let same_msg = e.kind.name() == kind && e.msg == msg;
                let same_pos = e.lineno == lineno && e.offset == offset;
                let same_end = e.end_lineno == end_lineno && e.end_offset == end_offset;
                if same_msg && same_pos && same_end {
                    exact += 1;
                } else {
                    report.push_str(&format!(
                        "{src:?}\n   ours:    {} {:?} {}:{}-{}:{}\n   cpython: {kind} {msg:?} {lineno}:{offset}-{end_lineno}:{end_offset}\n",
                        e.kind.name(), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset
                    ));
                }
            }
        }
    }
    println!("{report}");
    println!("exact matches: {exact}/{}", cpython::CASES.len());
    assert_eq!(accepted, 0, "{report}");
    assert!(exact >= MIN_EXACT, "only {exact} exact matches\n{report}");
}
