//! Ferrython's compiler: Python source -> plain-data code objects.
//!
//! Pipeline: [`parse`] (front end over `ruff_python_parser`, CPython positions
//! and error messages) -> [`symtable`] (scopes) -> [`compile`] (AST ->
//! instruction list -> assembled [`bytecode::CodeObject`]). Nothing here knows
//! about `PyObject`; constants are [`bytecode::Constant`] values that the
//! runtime turns into objects when it loads a code object.
//!
//! Entry points: [`compile_source`] / [`compile_bytes`] (CPython's
//! `compile()`), [`compile_source_with_warnings`] (plus compile-time
//! `SyntaxWarning`s), [`parse_only`] (the AST handle), [`disassemble`],
//! [`verify::verify`] (bytecode invariants the eval loop may rely on),
//! [`cache`] (code objects as bytes for `__pycache__` files),
//! [`cpython_tables`] (`co_code` and the tables in CPython's encodings). The
//! instruction set and its run-time semantics are documented in [`bytecode`].

#![forbid(unsafe_code)]

pub mod bytecode;
pub mod cache;
pub mod compile;
pub mod cpython_tables;
pub mod dis;
pub mod error;
pub mod parse;
pub mod symtable;
pub mod verify;

pub use bytecode::{CodeObject, Constant, Opcode};
pub use compile::{
    compile_bytes, compile_source, compile_source_with_warnings, parse_only, CompileMode,
};
pub use dis::disassemble;
pub use error::{CompileWarning, SyntaxErrorInfo, SyntaxErrorKind};
/// The parser's tree types, for the `_ast` module's conversions.
pub use ruff_python_ast as ruff_ast;
pub use ruff_text_size;
