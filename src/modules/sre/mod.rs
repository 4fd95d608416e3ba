//! `_sre`, the regular expression engine under the pure-Python `re`
//! package (CPython's `Modules/_sre/`): `re/_compiler.py` turns a pattern
//! into a list of code words, `_sre.compile` checks it and wraps it in a
//! `re.Pattern`, and the matcher here interprets it over `str` (any PEP 393
//! kind) or bytes-like subjects.
mod chars;
mod constants;
mod engine;
mod hints;
mod matchobj;
mod module;
mod pattern;
mod scanner;
mod template;
mod text;
mod validate;

pub use module::init;

/// The module's static types, for the runtime to ready and clear.
pub fn types() -> [*mut crate::ffi::PyTypeObject; 4] {
    [
        &raw mut pattern::PATTERN_TYPE,
        &raw mut matchobj::MATCH_TYPE,
        &raw mut scanner::SCANNER_TYPE,
        &raw mut template::TEMPLATE_TYPE,
    ]
}
