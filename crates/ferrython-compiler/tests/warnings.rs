//! Compile-time SyntaxWarnings (messages and lines as CPython 3.13 reports
//! them; the PEP 765 `finally` ones are 3.14's).

use ferrython_compiler::{compile_source_with_warnings, CompileMode};

fn warnings(src: &str) -> Vec<(String, u32)> {
    let (_, w) = compile_source_with_warnings(src, "f", CompileMode::Exec, 0, 0).unwrap();
    w.into_iter().map(|w| (w.msg, w.lineno)).collect()
}

#[test]
fn invalid_escapes_warn_like_cpython() {
    assert_eq!(
        warnings("x = 'a\\d'\n"),
        [("invalid escape sequence '\\d'".to_string(), 1)]
    );
    assert_eq!(
        warnings("x = b'\\q'\n"),
        [("invalid escape sequence '\\q'".to_string(), 1)]
    );
    assert_eq!(
        warnings("x = f'{y}\\d'\n"),
        [("invalid escape sequence '\\d'".to_string(), 1)]
    );
    assert_eq!(
        warnings("x = '\\777'\n"),
        [("invalid octal escape sequence '\\777'".to_string(), 1)]
    );
    assert_eq!(
        warnings("x = '''\n\\d'''\n"),
        [("invalid escape sequence '\\d'".to_string(), 1)]
    );
    assert!(warnings("x = r'\\d' + '\\n\\x41\\u0041\\N{BULLET}\\\n'\n").is_empty());
    assert!(warnings("x = rb'\\d' + fr'{y}\\d'\n").is_empty());
}

#[test]
fn literal_identity_and_tuple_asserts_warn() {
    assert_eq!(
        warnings("if x is 1: pass\n"),
        [(
            "\"is\" with 'int' literal. Did you mean \"==\"?".to_string(),
            1
        )]
    );
    assert_eq!(
        warnings("y = x is not 'a'\n"),
        [(
            "\"is not\" with 'str' literal. Did you mean \"!=\"?".to_string(),
            1
        )]
    );
    assert!(warnings("y = x is None or x is True\n").is_empty());
    assert_eq!(
        warnings("assert (x, 'msg')\n"),
        [(
            "assertion is always true, perhaps remove parentheses?".to_string(),
            1
        )]
    );
}

#[test]
fn control_flow_leaving_finally_warns() {
    let src = "def f():\n    for i in x:\n        try:\n            pass\n        finally:\n            if i:\n                break\n            for j in y:\n                continue\n            return 1\n";
    assert_eq!(
        warnings(src),
        [
            ("'break' in a 'finally' block".to_string(), 7),
            ("'return' in a 'finally' block".to_string(), 10)
        ]
    );
}
