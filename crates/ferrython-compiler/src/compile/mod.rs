//! AST -> bytecode.
//!
//! The compiler walks ruff's AST once per code object and appends
//! `ir::Instr`s (opcode, argument, jump label, source location, innermost
//! exception handler) to an `ir::Unit`; `assemble` then threads jumps,
//! computes stack depths, drops unreachable code and lays out the code units,
//! exception table and line table.
//!
//! Files by concern: `expr.rs` expressions, `stmt.rs` simple and control-flow
//! statements, `exceptions.rs` try/with/raise unwinding, `functions.rs`
//! functions, lambdas, classes, annotations and PEP 695 type parameters,
//! `comprehension.rs`, `patterns.rs` (match), `fold.rs` constant folding.

mod assemble;
mod bound_locals;
mod comprehension;
mod exceptions;
mod expr;
mod fold;
mod functions;
mod ir;
mod missed_comma;
mod patterns;
mod stmt;
mod strlit;
mod unparse;

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::bytecode::{co_flags, CodeObject, Constant, Opcode};
use crate::error::{CompileWarning, SyntaxErrorInfo, SyntaxErrorKind};
use crate::parse::{self, Ast, LineIndex, Location, ParseMode};
use crate::symtable::{self, KeyTag, NameScope, ScopeKey, ScopeKind, SymbolTables};

pub use ir::Label;
use ir::{FBlock, Unit};

/// How deeply loops, `try` and `with` statements may nest in one code
/// object (`CO_MAXBLOCKS`).
const MAX_BLOCKS: usize = 21;

/// The `compile()` flags that only change how the text is parsed.
const PARSER_FLAGS: u32 =
    parse::interactive::PYCF_DONT_IMPLY_DEDENT | parse::interactive::PYCF_ALLOW_INCOMPLETE_INPUT;

/// CPython's `compile()` modes.
pub type CompileMode = ParseMode;

/// Compile source bytes (decoded as `decode_source` does). A source
/// whose cookie needs a codec is refused ("encoding problem"): the
/// runtime decodes such sources itself.
pub fn compile_bytes(
    source: &[u8],
    filename: &str,
    mode: CompileMode,
    flags: u32,
    optimize: i32,
) -> Result<CodeObject, SyntaxErrorInfo> {
    let text = match parse::decode_source(source, filename)? {
        parse::Decoded::Text(t) => t,
        parse::Decoded::Codec(enc) => {
            return Err(SyntaxErrorInfo::unplaced(
                crate::error::SyntaxErrorKind::SyntaxError,
                format!("encoding problem: {enc}"),
                filename,
            ))
        }
    };
    compile_source(&text, filename, mode, flags, optimize)
}

/// Parse only (CPython's `compile(..., PyCF_ONLY_AST)`): the AST handle.
pub fn parse_only(source: &str, filename: &str, mode: CompileMode) -> Result<Ast, SyntaxErrorInfo> {
    parse::parse(source, mode, filename)
}

/// Compile `source` like CPython's `compile(source, filename, mode, flags,
/// optimize=optimize)`. `flags` takes `co_flags::FUTURE_*` and
/// `PYCF_ALLOW_TOP_LEVEL_AWAIT`; `optimize` is -1/0 (keep asserts), 1 (strip
/// asserts, `__debug__` is False) or 2 (also strip docstrings).
pub fn compile_source(
    source: &str,
    filename: &str,
    mode: CompileMode,
    flags: u32,
    optimize: i32,
) -> Result<CodeObject, SyntaxErrorInfo> {
    compile_source_with_warnings(source, filename, mode, flags, optimize).map(|(code, _)| code)
}

/// Like [`compile_source`], also returning the `SyntaxWarning`s CPython
/// would emit (invalid escape sequences, `is` with a literal, always-true
/// asserts, PEP 765 control flow leaving a `finally` block).
pub fn compile_source_with_warnings(
    source: &str,
    filename: &str,
    mode: CompileMode,
    flags: u32,
    optimize: i32,
) -> Result<(CodeObject, Vec<CompileWarning>), SyntaxErrorInfo> {
    // Deeply nested sources recurse deeply (also when the AST is dropped):
    // make sure there is stack in proportion to the source size.
    let need = (source.len().saturating_mul(64)).clamp(1 << 20, 1 << 30);
    stacker::maybe_grow(need, need, || {
        let ast = parse::parse_with_flags(source, mode, filename, flags)?;
        compile_ast_with_warnings(&ast, filename, flags & !PARSER_FLAGS, optimize)
    })
}

/// Compile an already parsed program.
pub fn compile_ast(
    ast: &Ast,
    filename: &str,
    flags: u32,
    optimize: i32,
) -> Result<CodeObject, SyntaxErrorInfo> {
    compile_ast_with_warnings(ast, filename, flags, optimize).map(|(code, _)| code)
}

/// Compile a parsed program, also returning its compile-time warnings.
pub fn compile_ast_with_warnings(
    ast: &Ast,
    filename: &str,
    flags: u32,
    optimize: i32,
) -> Result<(CodeObject, Vec<CompileWarning>), SyntaxErrorInfo> {
    ast.check_depth(filename)?;
    let index = &ast.index;
    let mut future_flags = flags & 0x1fe0000;
    if let ast::Mod::Module(m) = &ast.module {
        future_flags |= check_future(&m.body, index, filename)?;
    }
    let future_annotations = future_flags & co_flags::FUTURE_ANNOTATIONS != 0;
    let tables = symtable::build(&ast.module, index, filename, future_annotations)?;
    let mut c = Compiler {
        index,
        filename,
        tables: &tables,
        units: Vec::new(),
        optimize,
        future_flags,
        interactive: ast.mode == ParseMode::Single,
        top_level_await: flags & co_flags::PYCF_ALLOW_TOP_LEVEL_AWAIT != 0,
        error: None,
        genexp_range: None,
        warnings: ast.warnings.clone(),
    };
    let name = "<module>";
    c.push_unit(0, name, name.into(), 1);
    if c.top_level_await && tables.tables[0].has_await {
        c.u().flags |= co_flags::COROUTINE;
    }
    match &ast.module {
        ast::Mod::Module(m) => c.compile_module(&m.body),
        ast::Mod::Expression(e) => {
            c.emit_module_resume();
            c.set_loc(e.body.range());
            c.compile_expr(&e.body);
            c.emit(Opcode::RETURN_VALUE, 0);
        }
    }
    if let Some(e) = c.error.take() {
        return Err(e);
    }
    let unit = c.units.pop().unwrap();
    let code = assemble::assemble(unit, filename);
    match c.error.take() {
        Some(e) => Err(e),
        None => Ok((code, c.warnings)),
    }
}

/// Validate `from __future__` imports (they must come first) and collect flags.
fn check_future(body: &[Stmt], index: &LineIndex, filename: &str) -> Result<u32, SyntaxErrorInfo> {
    let mut flags = 0;
    let mut allowed = true;
    for (i, s) in body.iter().enumerate() {
        match s {
            Stmt::Expr(e) if i == 0 && matches!(&*e.value, Expr::StringLiteral(_)) => {}
            Stmt::ImportFrom(f)
                if f.module.as_ref().map(|m| m.id.as_str()) == Some("__future__")
                    && f.level == 0 =>
            {
                if !allowed {
                    return Err(index.compile_error(
                        "from __future__ imports must occur at the beginning of the file",
                        filename,
                        f.range,
                    ));
                }
                for a in &f.names {
                    flags |= match a.name.id.as_str() {
                        "annotations" => co_flags::FUTURE_ANNOTATIONS,
                        "generator_stop" => co_flags::FUTURE_GENERATOR_STOP,
                        "barry_as_FLUFL" => co_flags::FUTURE_BARRY_AS_BDFL,
                        "nested_scopes" | "generators" | "division" | "absolute_import"
                        | "with_statement" | "print_function" | "unicode_literals" => 0,
                        "braces" => {
                            let mut e = index.compile_error("not a chance", filename, f.range);
                            e.end_offset = 0;
                            return Err(e);
                        }
                        other => {
                            // Placed at the statement, with no end, as
                            // CPython's future.c does.
                            let mut e = index.compile_error(
                                format!("future feature {other} is not defined"),
                                filename,
                                f.range,
                            );
                            e.end_offset = 0;
                            return Err(e);
                        }
                    };
                }
            }
            _ => allowed = false,
        }
    }
    // A __future__ import later in the file is an error even after other statements.
    Ok(flags)
}

/// The compiler state: a stack of code units being built.
pub(crate) struct Compiler<'a> {
    pub(crate) index: &'a LineIndex,
    pub(crate) filename: &'a str,
    pub(crate) tables: &'a SymbolTables,
    pub(crate) units: Vec<Unit<'a>>,
    pub(crate) optimize: i32,
    pub(crate) future_flags: u32,
    pub(crate) interactive: bool,
    pub(crate) top_level_await: bool,
    pub(crate) error: Option<SyntaxErrorInfo>,
    /// Location for a generator expression that is a call's sole argument
    /// (CPython gives it the call's parentheses).
    pub(crate) genexp_range: Option<TextRange>,
    /// Compile-time warnings, in source order of discovery.
    pub(crate) warnings: Vec<CompileWarning>,
}

/// How a name is accessed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameOp {
    Load,
    Store,
    Del,
}

impl<'a> Compiler<'a> {
    // ---- units -------------------------------------------------------

    pub(crate) fn u(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().unwrap()
    }

    pub(crate) fn unit(&self) -> &Unit<'a> {
        self.units.last().unwrap()
    }

    /// Start a new code unit for symbol table `table`.
    pub(crate) fn push_unit(
        &mut self,
        table: usize,
        name: &str,
        qualname: String,
        firstlineno: u32,
    ) {
        let t = &self.tables.tables[table];
        let private = match (t.kind, self.units.last()) {
            (ScopeKind::Class, _) => Some(t.name.clone()),
            (_, Some(u)) => u.private.clone(),
            (_, None) => None,
        };
        let mut unit = Unit::new(t, table, name, qualname, firstlineno, private);
        unit.flags |= self.future_flags & 0x1fe0000;
        self.units.push(unit);
    }

    /// Finish the innermost unit and return its code object.
    pub(crate) fn pop_unit(&mut self) -> CodeObject {
        let unit = self.units.pop().unwrap();
        assemble::assemble(unit, self.filename)
    }

    /// Symbol table of the innermost unit.
    pub(crate) fn table(&self) -> &'a symtable::SymbolTable {
        &self.tables.tables[self.unit().table]
    }

    /// Table of the scope hanging off `range` with `tag`.
    pub(crate) fn child_table(&mut self, range: TextRange, tag: KeyTag) -> usize {
        match self.tables.get(ScopeKey::new(range, tag)) {
            Some(t) => t,
            None => {
                self.error("internal error: missing scope", range);
                0
            }
        }
    }

    /// Qualified name for a new scope named `name` inside the current one.
    pub(crate) fn qualname_for(&self, name: &str) -> String {
        let u = self.unit();
        let t = self.table();
        if self.units.len() == 1 {
            return name.to_string();
        }
        // A name declared global gets a bare qualname.
        if let Some(s) = t.lookup(&self.mangle(name)) {
            if s.scope == NameScope::GlobalExplicit {
                return name.to_string();
            }
        }
        let base = if matches!(t.kind, ScopeKind::TypeParams) {
            // Generic parameter scopes are invisible in qualnames.
            let parent = &self.units[self.units.len() - 2];
            if self.units.len() == 2 {
                return name.to_string();
            }
            let pt = &self.tables.tables[parent.table];
            if matches!(pt.kind, ScopeKind::Function | ScopeKind::Lambda) {
                format!("{}.<locals>", parent.qualname)
            } else {
                parent.qualname.clone()
            }
        } else if matches!(t.kind, ScopeKind::Function | ScopeKind::Lambda) {
            format!("{}.<locals>", u.qualname)
        } else {
            u.qualname.clone()
        };
        format!("{base}.{name}")
    }

    // ---- errors and locations ----------------------------------------

    pub(crate) fn error(&mut self, msg: impl Into<String>, range: TextRange) {
        if self.error.is_none() {
            self.error = Some(self.index.compile_error(msg, self.filename, range));
        }
    }

    /// Record a `SyntaxWarning` (once per message and position).
    pub(crate) fn warn(&mut self, msg: impl Into<String>, range: TextRange) {
        let w = self
            .index
            .error(SyntaxErrorKind::SyntaxError, msg, self.filename, range)
            .into_warning(None);
        if !self.warnings.contains(&w) {
            self.warnings.push(w);
        }
    }

    pub(crate) fn set_loc(&mut self, range: TextRange) {
        let loc = self.index.location(range);
        self.u().loc = loc;
    }

    /// Mark the following instructions as artificial (no source line, like
    /// CPython's `NO_LOCATION`), e.g. exception cleanup code.
    pub(crate) fn set_no_loc(&mut self) {
        self.u().loc = Location::NONE;
    }

    pub(crate) fn loc(&self) -> Location {
        self.unit().loc
    }

    pub(crate) fn with_loc<R>(&mut self, range: TextRange, f: impl FnOnce(&mut Self) -> R) -> R {
        let saved = self.loc();
        self.set_loc(range);
        let r = f(self);
        self.u().loc = saved;
        r
    }

    /// The location of `range` moved, when attribute `a` ends on another
    /// line, to the line and column of `a`'s name, so that a multi-line
    /// `obj.attr` reports the line of `attr` (CPython's
    /// `update_start_location_to_match_attr`).
    pub(crate) fn attr_location(&self, range: TextRange, a: &ast::ExprAttribute) -> Location {
        let mut loc = self.index.location(range);
        let attr = self.index.location(a.range);
        if loc.lineno != attr.end_lineno {
            loc.lineno = attr.end_lineno;
            let len = a.attr.id.chars().count() as u32;
            loc.col = attr.end_col.saturating_sub(len);
            loc.end_lineno = loc.end_lineno.max(loc.lineno);
            if loc.lineno == loc.end_lineno {
                loc.end_col = loc.end_col.max(loc.col);
            }
        }
        loc
    }

    /// Runs `f` with the location set to `loc`.
    pub(crate) fn at_location<R>(&mut self, loc: Location, f: impl FnOnce(&mut Self) -> R) -> R {
        let saved = std::mem::replace(&mut self.u().loc, loc);
        let r = f(self);
        self.u().loc = saved;
        r
    }

    // ---- emitting ----------------------------------------------------

    pub(crate) fn emit(&mut self, op: Opcode, arg: u32) {
        self.u().emit(op, arg, None);
    }

    pub(crate) fn emit_jump(&mut self, op: Opcode, target: Label) {
        self.u().emit(op, 0, Some(target));
    }

    /// An artificial jump without a line (CPython's `NO_LOCATION`): what
    /// it leads to takes the line of the code before it. The current
    /// location stays for what follows.
    pub(crate) fn emit_jump_no_loc(&mut self, op: Opcode, target: Label) {
        let saved = self.loc();
        self.set_no_loc();
        self.emit_jump(op, target);
        self.u().loc = saved;
    }

    pub(crate) fn new_label(&mut self) -> Label {
        self.u().new_label()
    }

    pub(crate) fn bind(&mut self, l: Label) {
        self.u().bind(l);
    }

    /// The `level` operand of `IMPORT_NAME`, always as `LOAD_CONST`: the
    /// 3.13 library's `dis._find_imports` (which `modulefinder` uses) only
    /// recognises an import whose level comes from a constant.
    pub(crate) fn load_import_level(&mut self, level: u32) {
        let i = self
            .u()
            .add_const(Constant::Int(crate::bytecode::BigInt::Small(level as i64)));
        self.emit(Opcode::LOAD_CONST, i);
    }

    pub(crate) fn load_const(&mut self, c: Constant) {
        if let Constant::Int(crate::bytecode::BigInt::Small(v)) = c {
            if (0..256).contains(&v) {
                self.emit(Opcode::LOAD_SMALL_INT, v as u32);
                return;
            }
        }
        let i = self.u().add_const(c);
        self.emit(Opcode::LOAD_CONST, i);
    }

    pub(crate) fn load_none(&mut self) {
        self.load_const(Constant::None);
    }

    pub(crate) fn add_name(&mut self, name: &str) -> u32 {
        self.u().add_name(name)
    }

    pub(crate) fn mangle(&self, name: &str) -> String {
        symtable::mangle(self.unit().private.as_deref(), name)
    }

    // ---- handlers and frame blocks ------------------------------------

    /// Protect the instructions emitted from now on with a handler at
    /// `target`; `lasti` pushes the raising offset too. `depth_adjust`
    /// corrects the recorded stack depth (e.g. -1 for `with`, whose enter
    /// result is not part of the handler's stack).
    pub(crate) fn push_handler(&mut self, target: Label, lasti: bool, depth_adjust: i32) {
        self.u().push_handler(target, lasti, depth_adjust);
    }

    pub(crate) fn pop_handler(&mut self) {
        self.u().handler_stack.pop();
    }

    /// Refuses a block statement nested in too many others (CPython's
    /// `CO_MAXBLOCKS` limit of 21 frame blocks).
    pub(crate) fn check_block_depth(&mut self, range: TextRange) {
        if self.unit().fblocks.len() >= MAX_BLOCKS {
            self.error("too many statically nested blocks", range);
        }
    }

    pub(crate) fn push_fblock(&mut self, fb: FBlock<'a>) {
        let depth = self.unit().handler_stack.len();
        self.u().fblocks.push((fb, depth));
    }

    pub(crate) fn pop_fblock(&mut self) {
        self.u().fblocks.pop();
    }

    // ---- names -------------------------------------------------------

    /// Index of `name` in localsplus.
    pub(crate) fn fast_index(&mut self, name: &str) -> u32 {
        match self.unit().localsplus_index(name) {
            Some(i) => i,
            None => {
                // A name the symbol table did not see (compiler-made): add a local.
                self.u().add_local(name)
            }
        }
    }

    pub(crate) fn compile_name(&mut self, name: &str, op: NameOp) {
        let mangled = self.mangle(name);
        let name = mangled.as_str();
        if op == NameOp::Load && name == "__debug__" {
            self.load_const(if self.optimize > 0 {
                Constant::False
            } else {
                Constant::True
            });
            return;
        }
        let t = self.table();
        let kind = t.kind;
        let sym = t.lookup(name);
        let in_comp = self.unit().inline_depth > 0;
        // Inside an inlined comprehension: the comprehension's own scope
        // for names it sees differently, fast locals for the names it binds
        // in a module or class body.
        let comp_scope = self.unit().comp_scopes.get(name).copied();
        let hidden = in_comp && self.unit().fast_hidden.contains(name);
        let mut scope = comp_scope
            .or(sym.map(|s| s.scope))
            .unwrap_or(NameScope::GlobalImplicit);
        let free_class = sym
            .map(|s| s.flags & symtable::DEF_FREE_CLASS != 0)
            .unwrap_or(false);
        let class_body = kind == ScopeKind::Class && !in_comp;
        // In a class, a local that is also passed to children stays a dict
        // name (a declared global stays global).
        if class_body && free_class && !matches!(scope, NameScope::Free | NameScope::GlobalExplicit)
        {
            scope = NameScope::Local;
        }
        if class_body && scope == NameScope::Cell && name != "__class__" && name != "__classdict__"
        {
            scope = NameScope::Local;
        }
        use Opcode::*;
        match scope {
            NameScope::Free | NameScope::Cell => {
                let i = self.fast_index(name);
                match op {
                    NameOp::Load => {
                        if kind == ScopeKind::Class
                            && !in_comp
                            && name != "__class__"
                            && name != "__classdict__"
                        {
                            self.emit(LOAD_LOCALS, 0);
                            self.emit(LOAD_FROM_DICT_OR_DEREF, i);
                        } else if t.can_see_class_scope && scope == NameScope::Free {
                            let cd = self.fast_index("__classdict__");
                            self.emit(LOAD_DEREF, cd);
                            self.emit(LOAD_FROM_DICT_OR_DEREF, i);
                        } else {
                            self.emit(LOAD_DEREF, i)
                        }
                    }
                    NameOp::Store => self.emit(STORE_DEREF, i),
                    NameOp::Del => self.emit(DELETE_DEREF, i),
                }
            }
            NameScope::Local if kind.is_function_like() || hidden => {
                let i = self.u().local_slot(name);
                match op {
                    NameOp::Load => {
                        let safe = self.unit().fast_safe(name);
                        self.emit(if safe { LOAD_FAST } else { LOAD_FAST_CHECK }, i)
                    }
                    NameOp::Store => self.emit(STORE_FAST, i),
                    NameOp::Del => self.emit(DELETE_FAST, i),
                }
            }
            NameScope::GlobalExplicit => {
                let i = self.add_name(name);
                match op {
                    NameOp::Load => self.emit(LOAD_GLOBAL, i << 1),
                    NameOp::Store => self.emit(STORE_GLOBAL, i),
                    NameOp::Del => self.emit(DELETE_GLOBAL, i),
                }
            }
            NameScope::GlobalImplicit if kind.is_function_like() || hidden => {
                let i = self.add_name(name);
                match op {
                    NameOp::Load => {
                        if t.can_see_class_scope {
                            let cd = self.fast_index("__classdict__");
                            self.emit(LOAD_DEREF, cd);
                            self.emit(LOAD_FROM_DICT_OR_GLOBALS, i);
                        } else {
                            self.emit(LOAD_GLOBAL, i << 1)
                        }
                    }
                    NameOp::Store => self.emit(STORE_GLOBAL, i),
                    NameOp::Del => self.emit(DELETE_GLOBAL, i),
                }
            }
            _ => {
                let i = self.add_name(name);
                match op {
                    NameOp::Load => self.emit(LOAD_NAME, i),
                    NameOp::Store => self.emit(STORE_NAME, i),
                    NameOp::Del => self.emit(DELETE_NAME, i),
                }
            }
        }
    }

    // ---- module -------------------------------------------------------

    /// The `RESUME` that starts module (and `eval`) code: CPython gives it
    /// line 0, ending on line 1.
    fn emit_module_resume(&mut self) {
        self.u().loc = Location {
            lineno: 0,
            end_lineno: 1,
            col: 0,
            end_col: 0,
        };
        self.emit(Opcode::RESUME, 0);
    }

    fn compile_module(&mut self, body: &'a [Stmt]) {
        self.emit_module_resume();
        self.compile_module_annotations(body, TextRange::new(0.into(), 0.into()));
        let mut body = body;
        if !self.interactive {
            if let Some(doc) = docstring(body) {
                if self.optimize < 2 {
                    self.set_loc(body[0].range());
                    self.load_const(Constant::Str(doc));
                    self.compile_name("__doc__", NameOp::Store);
                }
                body = &body[1..];
            }
        }
        for s in body {
            self.compile_stmt(s);
        }
        // The implicit return has no line of its own (CPython's
        // NO_LOCATION): each way in gives it the line that ran last.
        self.set_no_loc();
        self.load_none();
        self.emit(Opcode::RETURN_VALUE, 0);
    }

    /// Statements of a body, with the "unreachable after return/raise/..."
    /// code dropped by the assembler.
    pub(crate) fn compile_body(&mut self, body: &'a [Stmt]) {
        for s in body {
            self.compile_stmt(s);
        }
    }

    pub(crate) fn compile_stmt(&mut self, s: &'a Stmt) {
        if self.error.is_some() {
            return;
        }
        stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || {
            self.set_loc(s.range());
            self.compile_stmt_inner(s);
        });
    }

    pub(crate) fn compile_expr(&mut self, e: &'a Expr) {
        if self.error.is_some() {
            return;
        }
        stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || {
            let saved = self.loc();
            self.set_loc(e.range());
            self.compile_expr_inner(e);
            self.u().loc = saved;
        });
    }

    /// Whether the current code may use `await` (async def, async
    /// comprehension, or top-level await allowed).
    pub(crate) fn in_async_context(&self) -> bool {
        let t = self.table();
        t.is_coroutine || (t.kind == ScopeKind::Module && self.top_level_await)
    }
}

/// The docstring of a body, if its first statement is a string literal.
pub(crate) fn docstring(body: &[Stmt]) -> Option<String> {
    match body.first() {
        Some(Stmt::Expr(e)) => match &*e.value {
            Expr::StringLiteral(s) => Some(clean_doc(s.value.to_str())),
            _ => None,
        },
        _ => None,
    }
}

/// `inspect.cleandoc`-style indentation stripping, as CPython 3.13 does for
/// docstrings at compile time.
fn clean_doc(doc: &str) -> String {
    let lines: Vec<&str> = doc.split('\n').collect();
    if lines.len() == 1 {
        return doc.to_string();
    }
    let margin = lines[1..]
        .iter()
        .filter(|l| !l.trim_start_matches(' ').is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
            let cut = margin.min(l.len() - l.trim_start_matches(' ').len());
            out.push_str(&l[cut..]);
        } else {
            out.push_str(l.trim_start_matches(' '));
        }
    }
    out
}
