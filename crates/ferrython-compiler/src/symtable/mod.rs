//! Symbol tables: which scope each name belongs to (CPython's `symtable.c`).
//!
//! Pass 1 (`Builder`) walks the AST and records, per scope, how each name
//! is used (flags `DEF_*`/`USE`). Pass 2 (`analyze`) resolves every name to
//! a [`NameScope`] top-down with the set of names bound in enclosing function
//! scopes, and bottom-up turns locals that inner scopes need into cells.
//!
//! Scopes: module, class, function, lambda, comprehension, annotation
//! scopes (PEP 649/749 `__annotate__`), type parameter scopes and lazily
//! evaluated type alias values / TypeVar bounds (PEP 695). List, set and dict
//! comprehensions are inlined into the enclosing scope as PEP 709 describes
//! (CPython's `inline_comprehension`): their names are merged into the
//! enclosing table and the compiler isolates the ones they bind; generator
//! expressions stay nested code objects.
//!
//! Tables live in one arena ([`SymbolTables`]) and are found from an AST node
//! with a [`ScopeKey`] (its byte range plus what kind of scope hangs off it).

mod analyze;
mod builder;
mod stringified;

use std::collections::{HashMap, HashSet};

use ruff_python_ast::{self as ast, Stmt};
use ruff_text_size::TextRange;

use crate::error::SyntaxErrorInfo;
use crate::parse::LineIndex;

pub const DEF_GLOBAL: u32 = 1;
pub const DEF_LOCAL: u32 = 2;
pub const DEF_PARAM: u32 = 4;
pub const DEF_NONLOCAL: u32 = 8;
pub const USE: u32 = 16;
pub const DEF_FREE_CLASS: u32 = 64;
pub const DEF_IMPORT: u32 = 128;
pub const DEF_ANNOT: u32 = 256;
pub const DEF_COMP_ITER: u32 = 512;
pub const DEF_TYPE_PARAM: u32 = 1024;
/// A walrus target inside a comprehension: bound in the enclosing function.
pub const DEF_COMP_WALRUS: u32 = 2048;
/// A name that is a cell inside an inlined comprehension of a module or
/// class body (the body's code gets a cell slot for it).
pub const DEF_COMP_CELL: u32 = 4096;
pub const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT | DEF_TYPE_PARAM;

/// Kind of a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
    /// `__annotate__` of a function, class or module.
    Annotation,
    /// `<generic parameters of X>`.
    TypeParams,
    /// Lazily evaluated value of a `type` alias, TypeVar bound or default.
    TypeAlias,
}

impl ScopeKind {
    /// Scopes compiled as functions (have fast locals).
    pub fn is_function_like(self) -> bool {
        !matches!(self, ScopeKind::Module | ScopeKind::Class)
    }
}

/// What a [`ScopeKey`] hangs off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyTag {
    Body,
    Annotation,
    TypeParams,
    Bound,
    Default,
}

/// Finds the table of a scope from its AST node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ScopeKey {
    pub start: u32,
    pub end: u32,
    pub tag: KeyTag,
}

impl ScopeKey {
    pub fn new(range: TextRange, tag: KeyTag) -> ScopeKey {
        ScopeKey {
            start: range.start().into(),
            end: range.end().into(),
            tag,
        }
    }
}

/// Where a name lives, as `symtable.c` resolves it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameScope {
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

/// One name in one scope.
#[derive(Clone, Debug)]
pub struct Symbol {
    pub name: String,
    pub flags: u32,
    pub scope: NameScope,
    /// Byte range of the first `global` or `nonlocal` statement naming
    /// it, for error positions.
    pub decl_at: Option<(u32, u32)>,
}

/// One scope.
#[derive(Clone, Debug)]
pub struct SymbolTable {
    pub kind: ScopeKind,
    pub name: String,
    pub lineno: u32,
    pub symbols: Vec<Symbol>,
    index: HashMap<String, usize>,
    pub children: Vec<usize>,
    pub parent: Option<usize>,
    /// Parameter names in order.
    pub params: Vec<String>,
    pub is_generator: bool,
    pub is_coroutine: bool,
    /// A list/set/dict comprehension compiled inline in its parent (PEP 709).
    pub comp_inlined: bool,
    pub has_await: bool,
    /// A class whose methods use `__class__`/`super`.
    pub needs_class_closure: bool,
    /// A class whose annotation/type-param scopes read through `__classdict__`.
    pub needs_classdict: bool,
    /// A module with annotations, or a class with annotations inside
    /// compound statements: `__annotate__` reports only the annotations
    /// whose statement ran, tracked in the `__conditional_annotations__` set
    /// (a module global; a cell of the class body).
    pub has_conditional_annotations: bool,
    /// A module or class body whose own code names `__annotations__`: its
    /// annotations are evaluated eagerly into an `__annotations__` dict as
    /// in 3.13 (`SETUP_ANNOTATIONS`), not through an `__annotate__` scope.
    pub eager_annotations: bool,
    /// Annotation / type-param scope directly inside a class.
    pub can_see_class_scope: bool,
    /// Nested inside a function-like scope (qualname uses `<locals>`).
    pub nested: bool,
    /// Names assigned as `self.X` in methods (for `__static_attributes__`).
    pub static_attributes: Vec<String>,
    /// What a type variable's bound or default scope evaluates ("a TypeVar
    /// bound"), for CPython's "... cannot be used within ..." errors.
    pub scope_info: Option<&'static str>,
}

impl SymbolTable {
    fn new(kind: ScopeKind, name: &str, lineno: u32, parent: Option<usize>) -> SymbolTable {
        SymbolTable {
            kind,
            name: name.to_string(),
            lineno,
            symbols: Vec::new(),
            index: HashMap::new(),
            children: Vec::new(),
            parent,
            params: Vec::new(),
            is_generator: false,
            is_coroutine: false,
            comp_inlined: false,
            has_await: false,
            needs_class_closure: false,
            needs_classdict: false,
            has_conditional_annotations: false,
            eager_annotations: false,
            can_see_class_scope: false,
            nested: false,
            static_attributes: Vec::new(),
            scope_info: None,
        }
    }

    /// Look a name up.
    pub fn lookup(&self, name: &str) -> Option<&Symbol> {
        self.index.get(name).map(|&i| &self.symbols[i])
    }

    fn flags(&self, name: &str) -> u32 {
        self.lookup(name).map(|s| s.flags).unwrap_or(0)
    }

    fn add(&mut self, name: &str, flag: u32) {
        match self.index.get(name) {
            Some(&i) => self.symbols[i].flags |= flag,
            None => {
                self.index.insert(name.to_string(), self.symbols.len());
                self.symbols.push(Symbol {
                    name: name.to_string(),
                    flags: flag,
                    scope: NameScope::GlobalImplicit,
                    decl_at: None,
                });
            }
        }
    }

    /// Scope of `name` (unknown names are implicit globals).
    pub fn scope_of(&self, name: &str) -> NameScope {
        self.lookup(name)
            .map(|s| s.scope)
            .unwrap_or(NameScope::GlobalImplicit)
    }
}

/// All tables of one compilation unit; index 0 is the top-level scope.
#[derive(Clone, Debug)]
pub struct SymbolTables {
    pub tables: Vec<SymbolTable>,
    keys: HashMap<ScopeKey, usize>,
    pub future_annotations: bool,
}

impl SymbolTables {
    /// The table of the scope that hangs off `key`.
    pub fn get(&self, key: ScopeKey) -> Option<usize> {
        self.keys.get(&key).copied()
    }

    /// A one-line-per-name dump: `scope_name kind: name=scope ...`, for tests.
    pub fn dump(&self) -> String {
        let mut out = String::new();
        self.dump_into(0, &mut out);
        out
    }

    fn dump_into(&self, i: usize, out: &mut String) {
        let t = &self.tables[i];
        let mut names: Vec<&Symbol> = t.symbols.iter().collect();
        names.sort_by(|a, b| a.name.cmp(&b.name));
        out.push_str(&t.name);
        out.push(':');
        for s in names {
            let sc = match s.scope {
                NameScope::Local => "local",
                NameScope::GlobalExplicit => "global_explicit",
                NameScope::GlobalImplicit => "global_implicit",
                NameScope::Free => "free",
                NameScope::Cell => "cell",
            };
            out.push_str(&format!(" {}={}", s.name, sc));
        }
        out.push('\n');
        for &c in &t.children {
            self.dump_into(c, out);
        }
    }
}

/// Symbol tables of a parsed program (no `from __future__` flags).
pub fn symtable(ast: &crate::parse::Ast, filename: &str) -> Result<SymbolTables, SyntaxErrorInfo> {
    build(&ast.module, &ast.index, filename, false)
}

/// Build and analyze the symbol tables of a module (or an `eval` expression).
pub(crate) fn build(
    module: &ast::Mod,
    index: &LineIndex,
    filename: &str,
    future_annotations: bool,
) -> Result<SymbolTables, SyntaxErrorInfo> {
    let (tables, keys) = builder::collect(module, index, filename, future_annotations)?;
    let mut tables = SymbolTables {
        tables,
        keys,
        future_annotations,
    };
    let mut err = None;
    analyze::analyze(&mut tables, 0, &HashSet::new(), &HashSet::new(), &mut err);
    if let Some((msg, (start, end))) = err {
        return Err(index.compile_error(msg, filename, TextRange::new(start.into(), end.into())));
    }
    Ok(tables)
}

/// Whether a module/class body has annotated assignments at its own level
/// (looking into compound statements but not into nested scopes).
pub fn has_annotations(body: &[Stmt]) -> bool {
    let mut found = false;
    for_each_annassign(body, &mut |_, _| found = true);
    found
}

/// Whether a module/class body has a simple `name: annotation` at its own
/// level: only those make an `__annotate__` function.
pub fn has_simple_annotations(body: &[Stmt]) -> bool {
    let mut found = false;
    for_each_annassign(body, &mut |a, _| {
        found |= a.simple && a.target.is_name_expr()
    });
    found
}

/// Whether a class body has an annotated assignment inside a compound
/// statement (if/for/while/try/with/match): those annotations are only
/// reported by `__annotate__` once executed (CPython's
/// `ste_has_conditional_annotations`).
pub fn has_conditional_annotations(body: &[Stmt]) -> bool {
    let mut found = false;
    for_each_annassign(body, &mut |_, conditional| found |= conditional);
    found
}

/// Call `f` on every annotated assignment in `body`, recursing into compound
/// statements (not into functions or classes); the flag says whether it sits
/// inside a compound statement.
pub fn for_each_annassign<'a>(body: &'a [Stmt], f: &mut dyn FnMut(&'a ast::StmtAnnAssign, bool)) {
    walk_annassigns(body, false, f);
}

fn walk_annassigns<'a>(
    body: &'a [Stmt],
    inner: bool,
    f: &mut dyn FnMut(&'a ast::StmtAnnAssign, bool),
) {
    for s in body {
        match s {
            Stmt::AnnAssign(a) => f(a, inner),
            Stmt::If(i) => {
                walk_annassigns(&i.body, true, f);
                for c in &i.elif_else_clauses {
                    walk_annassigns(&c.body, true, f);
                }
            }
            Stmt::For(x) => {
                walk_annassigns(&x.body, true, f);
                walk_annassigns(&x.orelse, true, f);
            }
            Stmt::While(x) => {
                walk_annassigns(&x.body, true, f);
                walk_annassigns(&x.orelse, true, f);
            }
            Stmt::With(x) => walk_annassigns(&x.body, true, f),
            Stmt::Try(x) => {
                walk_annassigns(&x.body, true, f);
                for h in &x.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    walk_annassigns(&h.body, true, f);
                }
                walk_annassigns(&x.orelse, true, f);
                walk_annassigns(&x.finalbody, true, f);
            }
            Stmt::Match(m) => {
                for c in &m.cases {
                    walk_annassigns(&c.body, true, f);
                }
            }
            _ => {}
        }
    }
}

/// CPython's private name mangling: `__x` inside class `C` becomes `_C__x`
/// (not dunder names, not names with a dot; leading underscores of the class
/// name are stripped; a class named only `_` disables mangling).
pub fn mangle(private: Option<&str>, name: &str) -> String {
    let Some(class) = private else {
        return name.to_string();
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let stripped = class.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_string();
    }
    format!("_{stripped}{name}")
}

#[cfg(test)]
mod tests {
    use super::mangle;

    #[test]
    fn private_names_are_mangled_like_cpython() {
        assert_eq!(mangle(Some("C"), "__x"), "_C__x");
        assert_eq!(mangle(Some("_C"), "__x"), "_C__x");
        assert_eq!(mangle(Some("__"), "__x"), "__x");
        assert_eq!(mangle(Some("C"), "__x__"), "__x__");
        assert_eq!(mangle(Some("C"), "_x"), "_x");
        assert_eq!(mangle(None, "__x"), "__x");
    }
}
