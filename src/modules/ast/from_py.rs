//! `_ast` objects -> code: `compile(ast_object, filename, mode)`
//! (`Python/Python-ast.c`'s `obj2ast_*` and `Python/ast.c`'s validation).
//!
//! The objects are read into the parser's tree, which the compiler takes.
//! The compiler maps byte ranges to positions through the source text, so
//! the tree's ranges index a synthetic text: one line per line number the
//! nodes use, each as wide as the largest column on it. Malformed trees
//! raise CPython's `TypeError` (a missing or mistyped field) or
//! `ValueError` (a tree the grammar cannot produce: wrong context, empty
//! body ...).
use super::PYCF_ONLY_AST;
use crate::ffi::*;
use crate::object::typeobj::short_name;
use crate::object::{
    bool as pybool, bytes, complex, float, int, list, none, protocol, str as pystr, tuple,
};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use ferrython_compiler::ruff_ast::{self as ast, Expr, Stmt};
use ferrython_compiler::ruff_text_size::{TextRange, TextSize};
use std::collections::HashMap;

/// The root node class `mode` takes.
fn root_class(mode: &str) -> &'static str {
    match mode {
        "exec" => "Module",
        "eval" => "Expression",
        "single" => "Interactive",
        _ => "FunctionType",
    }
}

/// `compile()` of an AST object.
pub fn compile(
    source: *mut PyObject,
    filename: &str,
    mode: &str,
    flags: i64,
    optimize: i32,
) -> PyResult<Owned> {
    let want = root_class(mode);
    let cls = super::class(want)?;
    // SAFETY: source and cls are live objects.
    unsafe {
        if !crate::object::typeobj::instance_of(source, cls.as_ptr().cast()) {
            return Err(errors::type_error(format!(
                "expected {want} node, got {}",
                short_name((*source).ob_type)
            )));
        }
    }
    let mut r = Reader::new()?;
    r.measure(source, 0)?;
    let text = r.synthetic_source();
    let (module, cmode) = match want {
        "Module" | "Interactive" => {
            let body = r.stmts(source, want, "body")?;
            let m = ast::Mod::Module(ast::ModModule {
                node_index: Default::default(),
                range: TextRange::default(),
                body: body.into(),
            });
            let cm = if want == "Module" {
                ferrython_compiler::CompileMode::Exec
            } else {
                ferrython_compiler::CompileMode::Single
            };
            (m, cm)
        }
        _ => {
            let body = r.expr_field(source, want, "body")?;
            let m = ast::Mod::Expression(ast::ModExpression {
                node_index: Default::default(),
                range: TextRange::default(),
                body: Box::new(body),
            });
            (m, ferrython_compiler::CompileMode::Eval)
        }
    };
    if flags & PYCF_ONLY_AST != 0 {
        // SAFETY: source is a live object.
        return Ok(unsafe { Owned::from_borrowed(source) });
    }
    let tree = ferrython_compiler::parse::Ast::from_tree(module, &text, cmode);
    let future = (flags & 0x1fe_0000) as u32 | (flags & super::PYCF_ALLOW_TOP_LEVEL_AWAIT) as u32;
    let optimize = crate::runtime::run::resolve_optimize(optimize);
    match ferrython_compiler::compile::compile_ast(&tree, filename, future, optimize) {
        Ok(c) => crate::vm::code::from_compiled(&c),
        Err(e) => Err(crate::runtime::run::raise_syntax_error(&e)),
    }
}

/// Reads AST objects; knows the node classes and the synthetic layout.
struct Reader {
    module: Owned,
    classes: HashMap<&'static str, Owned>,
    /// Largest column used on each line (index: line number).
    widths: Vec<u32>,
    /// Offset of each line in the synthetic text.
    starts: Vec<u32>,
    /// The context the expression read next must have (CPython's
    /// `validate_expr` argument); None where any goes (a walrus target).
    want: Option<ast::ExprContext>,
}

const LOAD: Option<ast::ExprContext> = Some(ast::ExprContext::Load);
const STORE: Option<ast::ExprContext> = Some(ast::ExprContext::Store);

/// Nesting (nodes and lists) deeper than this is refused before it is
/// read; the compiler refuses trees nearly half as deep, as CPython's
/// compiler passes do.
const MAX_DEPTH: usize = 20000;
/// Positions beyond these are clamped.
const MAX_LINE: i64 = 1 << 22;
const MAX_COL: i64 = 1 << 16;

impl Reader {
    fn new() -> PyResult<Reader> {
        Ok(Reader {
            module: crate::runtime::import::import_absolute("_ast")?,
            classes: HashMap::new(),
            widths: vec![0, 0],
            starts: Vec::new(),
            want: LOAD,
        })
    }

    fn class(&mut self, name: &'static str) -> PyResult<*mut PyObject> {
        if let Some(c) = self.classes.get(name) {
            return Ok(c.as_ptr());
        }
        // SAFETY: the module is alive.
        let c = unsafe { protocol::getattr_str(self.module.as_ptr(), name)? };
        let p = c.as_ptr();
        self.classes.insert(name, c);
        Ok(p)
    }

    fn is(&mut self, o: *mut PyObject, name: &'static str) -> PyResult<bool> {
        let c = self.class(name)?;
        // SAFETY: o and c are live; c is a type.
        Ok(unsafe { crate::object::typeobj::instance_of(o, c.cast()) })
    }

    /// Pass 1: the largest column used on each line.
    fn measure(&mut self, o: *mut PyObject, depth: usize) -> PyResult<()> {
        if depth > MAX_DEPTH {
            return Err(errors::recursion_error(
                "maximum recursion depth exceeded during compilation",
            ));
        }
        // SAFETY: o is a live object.
        unsafe {
            if list::check(o) {
                for &item in list::items(o).to_vec().iter() {
                    let item = Owned::from_borrowed(item);
                    stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
                        self.measure(item.as_ptr(), depth + 1)
                    })?;
                }
                return Ok(());
            }
            if !self.is(o, "AST")? {
                return Ok(());
            }
            for (l, c) in [("lineno", "col_offset"), ("end_lineno", "end_col_offset")] {
                let (Some(l), Some(c)) = (opt_int(o, l)?, opt_int(o, c)?) else {
                    continue;
                };
                let l = l.clamp(1, MAX_LINE) as usize;
                if self.widths.len() <= l {
                    self.widths.resize(l + 1, 0);
                }
                self.widths[l] = self.widths[l].max(c.clamp(0, MAX_COL) as u32);
            }
            let fields = protocol::getattr_str((*o).ob_type.cast(), "_fields")?;
            let fields = tuple::from_iterable(fields.as_ptr())?;
            for &name in tuple::items(fields.as_ptr()) {
                if let Some(v) = protocol::getattr_opt(o, name)? {
                    stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
                        self.measure(v.as_ptr(), depth + 1)
                    })?;
                }
            }
        }
        Ok(())
    }

    /// The synthetic source: line `n` holds `widths[n] + 1` spaces.
    fn synthetic_source(&mut self) -> String {
        let total: usize = self.widths.iter().map(|&w| w as usize + 2).sum();
        let mut s = String::with_capacity(total);
        self.starts = vec![0; self.widths.len()];
        for (n, &w) in self.widths.iter().enumerate().skip(1) {
            self.starts[n] = s.len() as u32;
            s.extend(std::iter::repeat_n(' ', w as usize + 1));
            s.push('\n');
        }
        s
    }

    fn offset(&self, line: i64, col: i64) -> TextSize {
        let l = (line.clamp(1, MAX_LINE) as usize).min(self.starts.len() - 1);
        let w = self.widths[l] as i64;
        TextSize::from(self.starts[l] + col.clamp(0, w) as u32)
    }

    /// The range of a located node (`lineno` and `col_offset` required).
    fn range(&self, o: *mut PyObject, owner: &str) -> PyResult<TextRange> {
        // SAFETY: o is a live object.
        unsafe {
            let l = req_int(o, "lineno", owner)?;
            let c = req_int(o, "col_offset", owner)?;
            let el = opt_int(o, "end_lineno")?.unwrap_or(l);
            let ec = opt_int(o, "end_col_offset")?.unwrap_or(c);
            let start = self.offset(l, c);
            let end = self.offset(el, ec).max(start);
            Ok(TextRange::new(start, end))
        }
    }

    fn stmts(&mut self, o: *mut PyObject, owner: &str, name: &str) -> PyResult<Vec<Stmt>> {
        let items = list_field(o, owner, name)?;
        no_none_items(&items, "statement")?;
        items.iter().map(|s| self.stmt(s.as_ptr())).collect()
    }

    /// A body that must not be empty.
    fn body(&mut self, o: *mut PyObject, owner: &str, name: &str) -> PyResult<Vec<Stmt>> {
        let v = self.stmts(o, owner, name)?;
        if v.is_empty() {
            return Err(errors::value_error(format!("empty {name} on {owner}")));
        }
        Ok(v)
    }

    fn expr_field(&mut self, o: *mut PyObject, owner: &str, name: &str) -> PyResult<Expr> {
        let v = node_field(o, owner, name)?;
        self.expr(v.as_ptr())
    }

    fn box_expr(&mut self, o: *mut PyObject, owner: &str, name: &str) -> PyResult<Box<Expr>> {
        self.expr_field(o, owner, name).map(Box::new)
    }

    fn opt_expr(&mut self, o: *mut PyObject, name: &str) -> PyResult<Option<Box<Expr>>> {
        // SAFETY: o is a live object.
        match unsafe { opt_field(o, name)? } {
            Some(v) => Ok(Some(Box::new(self.expr(v.as_ptr())?))),
            None => Ok(None),
        }
    }

    fn exprs(&mut self, o: *mut PyObject, owner: &str, name: &str) -> PyResult<Vec<Expr>> {
        let items = list_field(o, owner, name)?;
        no_none_items(&items, "expression")?;
        items.iter().map(|e| self.expr(e.as_ptr())).collect()
    }

    fn ident(&self, o: *mut PyObject, owner: &str, name: &str) -> PyResult<ast::Identifier> {
        let v = node_field(o, owner, name)?;
        Ok(ast::Identifier::new(
            identifier(v.as_ptr())?,
            TextRange::default(),
        ))
    }

    fn opt_ident(&self, o: *mut PyObject, name: &str) -> PyResult<Option<ast::Identifier>> {
        // SAFETY: o is a live object.
        match unsafe { opt_field(o, name)? } {
            Some(v) => Ok(Some(ast::Identifier::new(
                identifier(v.as_ptr())?,
                TextRange::default(),
            ))),
            None => Ok(None),
        }
    }

    /// Which concrete class of the sum `kinds` `o` is, or CPython's
    /// `expected some sort of ...` error.
    fn kind(
        &mut self,
        o: *mut PyObject,
        sum: &str,
        kinds: &[&'static str],
    ) -> PyResult<&'static str> {
        for &k in kinds {
            if self.is(o, k)? {
                return Ok(k);
            }
        }
        // SAFETY: o is a live object.
        let r = unsafe { protocol::repr_string(o)? };
        Err(errors::type_error(format!(
            "expected some sort of {sum}, but got {r}"
        )))
    }

    /// The `ctx` of a node read where `want` is expected.
    fn ctx(
        &mut self,
        o: *mut PyObject,
        owner: &str,
        want: Option<ast::ExprContext>,
    ) -> PyResult<ast::ExprContext> {
        let v = field(o, owner, "ctx")?;
        let ctx = match self.kind(v.as_ptr(), "expr_context", &["Load", "Store", "Del"])? {
            "Store" => ast::ExprContext::Store,
            "Del" => ast::ExprContext::Del,
            _ => ast::ExprContext::Load,
        };
        match want {
            Some(w) if w != ctx => Err(errors::value_error(format!(
                "expression must have {} context but has {} instead",
                ctx_name(w),
                ctx_name(ctx)
            ))),
            _ => Ok(ctx),
        }
    }

    /// Reads with `want` as the context of the expression read first
    /// (an assignment target); later reads expect Load again.
    fn in_ctx<R>(
        &mut self,
        want: Option<ast::ExprContext>,
        read: impl FnOnce(&mut Self) -> PyResult<R>,
    ) -> PyResult<R> {
        self.want = want;
        let r = read(self);
        self.want = LOAD;
        r
    }

    /// An expression list whose items have the context `want`.
    fn exprs_in(
        &mut self,
        o: *mut PyObject,
        owner: &str,
        name: &str,
        want: Option<ast::ExprContext>,
    ) -> PyResult<Vec<Expr>> {
        let items = list_field(o, owner, name)?;
        no_none_items(&items, "expression")?;
        items
            .iter()
            .map(|e| self.in_ctx(want, |r| r.expr(e.as_ptr())))
            .collect()
    }

    fn stmt(&mut self, o: *mut PyObject) -> PyResult<Stmt> {
        const KINDS: &[&str] = &[
            "FunctionDef",
            "AsyncFunctionDef",
            "ClassDef",
            "Return",
            "Delete",
            "Assign",
            "TypeAlias",
            "AugAssign",
            "AnnAssign",
            "For",
            "AsyncFor",
            "While",
            "If",
            "With",
            "AsyncWith",
            "Match",
            "Raise",
            "Try",
            "TryStar",
            "Assert",
            "Import",
            "ImportFrom",
            "Global",
            "Nonlocal",
            "Expr",
            "Pass",
            "Break",
            "Continue",
        ];
        let range = self.range(o, "stmt")?;
        let k = self.kind(o, "stmt", KINDS)?;
        let node_index = Default::default;
        Ok(match k {
            "FunctionDef" | "AsyncFunctionDef" => Stmt::FunctionDef(ast::StmtFunctionDef {
                node_index: node_index(),
                range,
                is_async: k == "AsyncFunctionDef",
                decorator_list: self.decorators(o, k)?.into(),
                name: self.ident(o, k, "name")?,
                type_params: self.type_params(o, k)?,
                parameters: Box::new(self.arguments_field(o, k)?),
                returns: self.opt_expr(o, "returns")?,
                body: self.body(o, k, "body")?.into(),
            }),
            "ClassDef" => {
                let bases = self.exprs(o, k, "bases")?;
                let keywords = self.keywords(o, k)?;
                Stmt::ClassDef(ast::StmtClassDef {
                    node_index: node_index(),
                    range,
                    decorator_list: self.decorators(o, k)?.into(),
                    name: self.ident(o, k, "name")?,
                    type_params: self.type_params(o, k)?,
                    arguments: Some(Box::new(ast::Arguments {
                        node_index: node_index(),
                        range,
                        args: bases.into(),
                        keywords: keywords.into(),
                    })),
                    body: self.body(o, k, "body")?.into(),
                })
            }
            "Return" => Stmt::Return(ast::StmtReturn {
                node_index: node_index(),
                range,
                value: self.opt_expr(o, "value")?,
            }),
            "Delete" => {
                let targets = self.exprs_in(o, k, "targets", Some(ast::ExprContext::Del))?;
                if targets.is_empty() {
                    return Err(errors::value_error("empty targets on Delete"));
                }
                check_ctx(&targets, ast::ExprContext::Del)?;
                Stmt::Delete(ast::StmtDelete {
                    node_index: node_index(),
                    range,
                    targets,
                })
            }
            "Assign" => {
                let targets = self.exprs_in(o, k, "targets", STORE)?;
                if targets.is_empty() {
                    return Err(errors::value_error("empty targets on Assign"));
                }
                check_ctx(&targets, ast::ExprContext::Store)?;
                let value = self.box_expr(o, k, "value")?;
                check_ctx(std::slice::from_ref(&*value), ast::ExprContext::Load)?;
                Stmt::Assign(ast::StmtAssign {
                    node_index: node_index(),
                    range,
                    targets,
                    value,
                })
            }
            "TypeAlias" => Stmt::TypeAlias(ast::StmtTypeAlias {
                node_index: node_index(),
                range,
                name: self.in_ctx(STORE, |r| r.box_expr(o, k, "name"))?,
                type_params: self.type_params(o, k)?,
                value: self.box_expr(o, k, "value")?,
            }),
            "AugAssign" => {
                let target = self.in_ctx(STORE, |r| r.box_expr(o, k, "target"))?;
                check_ctx(std::slice::from_ref(&*target), ast::ExprContext::Store)?;
                Stmt::AugAssign(ast::StmtAugAssign {
                    node_index: node_index(),
                    range,
                    target,
                    op: self.operator(o, k)?,
                    value: self.box_expr(o, k, "value")?,
                })
            }
            "AnnAssign" => {
                let target = self.in_ctx(STORE, |r| r.box_expr(o, k, "target"))?;
                check_ctx(std::slice::from_ref(&*target), ast::ExprContext::Store)?;
                let simple = field(o, k, "simple")?;
                Stmt::AnnAssign(ast::StmtAnnAssign {
                    node_index: node_index(),
                    range,
                    target,
                    annotation: self.box_expr(o, k, "annotation")?,
                    value: self.opt_expr(o, "value")?,
                    // SAFETY: simple is a live object.
                    simple: unsafe { protocol::is_true(simple.as_ptr())? },
                })
            }
            "For" | "AsyncFor" => {
                let target = self.in_ctx(STORE, |r| r.box_expr(o, k, "target"))?;
                check_ctx(std::slice::from_ref(&*target), ast::ExprContext::Store)?;
                Stmt::For(ast::StmtFor {
                    node_index: node_index(),
                    range,
                    is_async: k == "AsyncFor",
                    target,
                    iter: self.box_expr(o, k, "iter")?,
                    body: self.body(o, k, "body")?.into(),
                    orelse: self.stmts(o, k, "orelse")?.into(),
                })
            }
            "While" => Stmt::While(ast::StmtWhile {
                node_index: node_index(),
                range,
                test: self.box_expr(o, k, "test")?,
                body: self.body(o, k, "body")?.into(),
                orelse: self.stmts(o, k, "orelse")?.into(),
            }),
            "If" => {
                let test = self.box_expr(o, k, "test")?;
                let body = self.body(o, k, "body")?.into();
                let orelse = self.stmts(o, k, "orelse")?;
                let elif_else_clauses = if orelse.is_empty() {
                    Vec::new()
                } else {
                    vec![ast::ElifElseClause {
                        range,
                        node_index: node_index(),
                        test: None,
                        body: orelse.into(),
                    }]
                };
                Stmt::If(ast::StmtIf {
                    node_index: node_index(),
                    range,
                    test,
                    body,
                    elif_else_clauses,
                })
            }
            "With" | "AsyncWith" => {
                let items = list_field(o, k, "items")?;
                if items.is_empty() {
                    return Err(errors::value_error(format!("empty items on {k}")));
                }
                let mut v = Vec::new();
                for it in &items {
                    let ctx = self.expr_field(it.as_ptr(), "withitem", "context_expr")?;
                    let vars = self.in_ctx(STORE, |r| r.opt_expr(it.as_ptr(), "optional_vars"))?;
                    if let Some(t) = &vars {
                        check_ctx(std::slice::from_ref(&**t), ast::ExprContext::Store)?;
                    }
                    v.push(ast::WithItem {
                        range,
                        node_index: node_index(),
                        context_expr: ctx,
                        optional_vars: vars,
                    });
                }
                Stmt::With(ast::StmtWith {
                    node_index: node_index(),
                    range,
                    is_async: k == "AsyncWith",
                    items: v,
                    body: self.body(o, k, "body")?.into(),
                })
            }
            "Match" => {
                let subject = self.box_expr(o, k, "subject")?;
                let cases = list_field(o, k, "cases")?;
                if cases.is_empty() {
                    return Err(errors::value_error("empty cases on Match"));
                }
                let mut v = Vec::new();
                for c in &cases {
                    let c = c.as_ptr();
                    let pat = node_field(c, "match_case", "pattern")?;
                    v.push(ast::MatchCase {
                        range,
                        node_index: node_index(),
                        pattern: self.pattern(pat.as_ptr())?,
                        guard: self.opt_expr(c, "guard")?,
                        body: self.body(c, "match_case", "body")?.into(),
                    });
                }
                Stmt::Match(ast::StmtMatch {
                    node_index: node_index(),
                    range,
                    subject,
                    cases: v,
                })
            }
            "Raise" => {
                let exc = self.opt_expr(o, "exc")?;
                let cause = self.opt_expr(o, "cause")?;
                if exc.is_none() && cause.is_some() {
                    return Err(errors::value_error("Raise with cause but no exception"));
                }
                Stmt::Raise(ast::StmtRaise {
                    node_index: node_index(),
                    range,
                    exc,
                    cause,
                })
            }
            "Try" | "TryStar" => {
                let body = self.body(o, k, "body")?.into();
                let hs = list_field(o, k, "handlers")?;
                let mut handlers = Vec::new();
                for h in &hs {
                    let h = h.as_ptr();
                    self.kind(h, "excepthandler", &["ExceptHandler"])?;
                    handlers.push(ast::ExceptHandler::ExceptHandler(
                        ast::ExceptHandlerExceptHandler {
                            node_index: node_index(),
                            range: self.range(h, "excepthandler")?,
                            type_: self.opt_expr(h, "type")?,
                            name: self.opt_ident(h, "name")?,
                            body: self.body(h, "ExceptHandler", "body")?.into(),
                        },
                    ));
                }
                let orelse = self.stmts(o, k, "orelse")?;
                let finalbody = self.stmts(o, k, "finalbody")?;
                if handlers.is_empty() && finalbody.is_empty() {
                    return Err(errors::value_error(format!(
                        "{k} has neither except handlers nor finalbody"
                    )));
                }
                if handlers.is_empty() && !orelse.is_empty() {
                    return Err(errors::value_error(format!(
                        "{k} has orelse but no except handlers"
                    )));
                }
                Stmt::Try(ast::StmtTry {
                    node_index: node_index(),
                    range,
                    body,
                    handlers,
                    orelse: orelse.into(),
                    finalbody: finalbody.into(),
                    is_star: k == "TryStar",
                })
            }
            "Assert" => Stmt::Assert(ast::StmtAssert {
                node_index: node_index(),
                range,
                test: self.box_expr(o, k, "test")?,
                msg: self.opt_expr(o, "msg")?,
            }),
            "Import" => Stmt::Import(ast::StmtImport {
                node_index: node_index(),
                range,
                names: non_empty(self.aliases(o, k)?, k)?,
                is_lazy: false,
            }),
            "ImportFrom" => {
                // SAFETY: o is a live object.
                let level = unsafe { opt_int(o, "level")? }.unwrap_or(0);
                if level < 0 {
                    return Err(errors::value_error("Negative ImportFrom level"));
                }
                Stmt::ImportFrom(ast::StmtImportFrom {
                    node_index: node_index(),
                    range,
                    module: self.opt_ident(o, "module")?,
                    names: non_empty(self.aliases(o, k)?, k)?,
                    level: level.min(u32::MAX as i64) as u32,
                    is_lazy: false,
                })
            }
            "Global" | "Nonlocal" => {
                let names = list_field(o, k, "names")?
                    .iter()
                    .map(|n| Ok(ast::Identifier::new(identifier(n.as_ptr())?, range)))
                    .collect::<PyResult<Vec<_>>>()?;
                let names = non_empty(names, k)?;
                if k == "Global" {
                    Stmt::Global(ast::StmtGlobal {
                        node_index: node_index(),
                        range,
                        names,
                    })
                } else {
                    Stmt::Nonlocal(ast::StmtNonlocal {
                        node_index: node_index(),
                        range,
                        names,
                    })
                }
            }
            "Expr" => Stmt::Expr(ast::StmtExpr {
                node_index: node_index(),
                range,
                value: self.box_expr(o, k, "value")?,
            }),
            "Pass" => Stmt::Pass(ast::StmtPass {
                node_index: node_index(),
                range,
            }),
            "Break" => Stmt::Break(ast::StmtBreak {
                node_index: node_index(),
                range,
            }),
            _ => Stmt::Continue(ast::StmtContinue {
                node_index: node_index(),
                range,
            }),
        })
    }

    fn decorators(&mut self, o: *mut PyObject, owner: &str) -> PyResult<Vec<ast::Decorator>> {
        let ds = self.exprs(o, owner, "decorator_list")?;
        Ok(ds
            .into_iter()
            .map(|e| ast::Decorator {
                range: ferrython_compiler::ruff_text_size::Ranged::range(&e),
                node_index: Default::default(),
                expression: e,
            })
            .collect())
    }

    fn type_params(
        &mut self,
        o: *mut PyObject,
        owner: &str,
    ) -> PyResult<Option<Box<ast::TypeParams>>> {
        // SAFETY: o is a live object.
        let Some(v) = (unsafe { opt_field(o, "type_params")? }) else {
            return Ok(None);
        };
        let items = as_list(v.as_ptr(), owner, "type_params")?;
        if items.is_empty() {
            return Ok(None);
        }
        let mut out = Vec::new();
        for p in &items {
            let p = p.as_ptr();
            let k = self.kind(p, "type_param", &["TypeVar", "ParamSpec", "TypeVarTuple"])?;
            let range = self.range(p, "type_param")?;
            let name = self.ident(p, k, "name")?;
            let default = self.opt_expr(p, "default_value")?;
            out.push(match k {
                "TypeVar" => ast::TypeParam::TypeVar(ast::TypeParamTypeVar {
                    node_index: Default::default(),
                    range,
                    name,
                    bound: self.opt_expr(p, "bound")?,
                    default,
                }),
                "ParamSpec" => ast::TypeParam::ParamSpec(ast::TypeParamParamSpec {
                    node_index: Default::default(),
                    range,
                    name,
                    default,
                }),
                _ => ast::TypeParam::TypeVarTuple(ast::TypeParamTypeVarTuple {
                    node_index: Default::default(),
                    range,
                    name,
                    default,
                }),
            });
        }
        Ok(Some(Box::new(ast::TypeParams {
            range: TextRange::default(),
            node_index: Default::default(),
            type_params: out,
        })))
    }

    fn arg(&mut self, o: *mut PyObject) -> PyResult<ast::Parameter> {
        self.kind(o, "arg", &["arg"])?;
        let range = self.range(o, "arg")?;
        Ok(ast::Parameter {
            range,
            node_index: Default::default(),
            name: {
                let mut i = self.ident(o, "arg", "arg")?;
                i.range = range;
                i
            },
            annotation: self.opt_expr(o, "annotation")?,
        })
    }

    fn arguments_field(&mut self, o: *mut PyObject, owner: &str) -> PyResult<ast::Parameters> {
        let a = field(o, owner, "args")?;
        self.arguments(a.as_ptr())
    }

    fn arguments(&mut self, a: *mut PyObject) -> PyResult<ast::Parameters> {
        self.kind(a, "arguments", &["arguments"])?;
        let owner = "arguments";
        let args_of = |r: &mut Self, name: &str| -> PyResult<Vec<ast::Parameter>> {
            list_field(a, owner, name)?
                .iter()
                .map(|x| r.arg(x.as_ptr()))
                .collect()
        };
        let posonly = args_of(self, "posonlyargs")?;
        let args = args_of(self, "args")?;
        let kwonly = args_of(self, "kwonlyargs")?;
        let defaults = self.exprs(a, owner, "defaults")?;
        let kw_defaults = list_field(a, owner, "kw_defaults")?;
        if defaults.len() > posonly.len() + args.len() {
            return Err(errors::value_error(
                "more positional defaults than args on arguments",
            ));
        }
        if kw_defaults.len() != kwonly.len() {
            return Err(errors::value_error(
                "length of kwonlyargs is not the same as kw_defaults on arguments",
            ));
        }
        let first_default = posonly.len() + args.len() - defaults.len();
        let mut defaults = defaults.into_iter();
        let with_default = |p: ast::Parameter, d: Option<Expr>| ast::ParameterWithDefault {
            range: p.range,
            node_index: Default::default(),
            parameter: p,
            default: d.map(Box::new),
        };
        let mut i = 0;
        let mut next = |p: ast::Parameter| {
            let d = if i >= first_default {
                defaults.next()
            } else {
                None
            };
            i += 1;
            with_default(p, d)
        };
        let posonlyargs = posonly.into_iter().map(&mut next).collect();
        let args = args.into_iter().map(&mut next).collect();
        let mut kwonlyargs = Vec::new();
        for (p, d) in kwonly.into_iter().zip(kw_defaults.iter()) {
            let d = if d.as_ptr() == none::none() {
                None
            } else {
                Some(self.expr(d.as_ptr())?)
            };
            kwonlyargs.push(with_default(p, d));
        }
        // SAFETY: a is a live object.
        let vararg = match unsafe { opt_field(a, "vararg")? } {
            Some(v) => Some(Box::new(self.arg(v.as_ptr())?)),
            None => None,
        };
        // SAFETY: a is a live object.
        let kwarg = match unsafe { opt_field(a, "kwarg")? } {
            Some(v) => Some(Box::new(self.arg(v.as_ptr())?)),
            None => None,
        };
        Ok(ast::Parameters {
            range: TextRange::default(),
            node_index: Default::default(),
            posonlyargs,
            args,
            vararg,
            kwonlyargs: kwonlyargs.into(),
            kwarg,
        })
    }

    fn keywords(&mut self, o: *mut PyObject, owner: &str) -> PyResult<Vec<ast::Keyword>> {
        let ks = list_field(o, owner, "keywords")?;
        let mut v = Vec::new();
        for k in &ks {
            let k = k.as_ptr();
            self.kind(k, "keyword", &["keyword"])?;
            v.push(ast::Keyword {
                range: self.range(k, "keyword")?,
                node_index: Default::default(),
                arg: self.opt_ident(k, "arg")?,
                value: self.expr_field(k, "keyword", "value")?,
            });
        }
        Ok(v)
    }

    fn aliases(&mut self, o: *mut PyObject, owner: &str) -> PyResult<Vec<ast::Alias>> {
        let names = list_field(o, owner, "names")?;
        let mut v = Vec::new();
        for a in &names {
            let a = a.as_ptr();
            self.kind(a, "alias", &["alias"])?;
            v.push(ast::Alias {
                range: self.range(a, "alias")?,
                node_index: Default::default(),
                name: self.ident(a, "alias", "name")?,
                asname: self.opt_ident(a, "asname")?,
            });
        }
        Ok(v)
    }

    fn operator(&mut self, o: *mut PyObject, owner: &str) -> PyResult<ast::Operator> {
        use ast::Operator::*;
        let op = field(o, owner, "op")?;
        const KINDS: &[&str] = &[
            "Add", "Sub", "Mult", "MatMult", "Div", "Mod", "Pow", "LShift", "RShift", "BitOr",
            "BitXor", "BitAnd", "FloorDiv",
        ];
        const OPS: &[ast::Operator] = &[
            Add, Sub, Mult, MatMult, Div, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd, FloorDiv,
        ];
        let k = self.kind(op.as_ptr(), "operator", KINDS)?;
        Ok(OPS[KINDS.iter().position(|&x| x == k).unwrap_or(0)])
    }

    fn comprehensions(
        &mut self,
        o: *mut PyObject,
        owner: &str,
    ) -> PyResult<Vec<ast::Comprehension>> {
        let gens = list_field(o, owner, "generators")?;
        if gens.is_empty() {
            return Err(errors::value_error("comprehension with no generators"));
        }
        let mut v = Vec::new();
        for g in &gens {
            let g = g.as_ptr();
            self.kind(g, "comprehension", &["comprehension"])?;
            let target = self.in_ctx(STORE, |r| r.expr_field(g, "comprehension", "target"))?;
            check_ctx(std::slice::from_ref(&target), ast::ExprContext::Store)?;
            let is_async = field(g, "comprehension", "is_async")?;
            v.push(ast::Comprehension {
                range: TextRange::default(),
                node_index: Default::default(),
                target,
                iter: self.expr_field(g, "comprehension", "iter")?,
                ifs: self.exprs(g, "comprehension", "ifs")?,
                // SAFETY: is_async is a live object.
                is_async: unsafe { protocol::is_true(is_async.as_ptr())? },
            });
        }
        Ok(v)
    }

    /// Reads one expression; `measure` has bounded how deep this goes, and
    /// a fresh stack segment is used when this one runs low.
    fn expr(&mut self, o: *mut PyObject) -> PyResult<Expr> {
        stacker::maybe_grow(128 * 1024, 2 * 1024 * 1024, || self.expr_inner(o))
    }

    fn expr_inner(&mut self, o: *mut PyObject) -> PyResult<Expr> {
        const KINDS: &[&str] = &[
            "BoolOp",
            "NamedExpr",
            "BinOp",
            "UnaryOp",
            "Lambda",
            "IfExp",
            "Dict",
            "Set",
            "ListComp",
            "SetComp",
            "DictComp",
            "GeneratorExp",
            "Await",
            "Yield",
            "YieldFrom",
            "Compare",
            "Call",
            "FormattedValue",
            "JoinedStr",
            "Constant",
            "Attribute",
            "Subscript",
            "Starred",
            "Name",
            "List",
            "Tuple",
            "Slice",
        ];
        // The children of this node expect Load unless it says otherwise.
        let want = std::mem::replace(&mut self.want, LOAD);
        let range = self.range(o, "expr")?;
        let k = self.kind(o, "expr", KINDS)?;
        let ni = Default::default;
        Ok(match k {
            "BoolOp" => {
                let op = field(o, k, "op")?;
                let op = match self.kind(op.as_ptr(), "boolop", &["And", "Or"])? {
                    "And" => ast::BoolOp::And,
                    _ => ast::BoolOp::Or,
                };
                let values = self.exprs(o, k, "values")?;
                if values.len() < 2 {
                    return Err(errors::value_error("BoolOp with less than 2 values"));
                }
                Expr::BoolOp(ast::ExprBoolOp {
                    node_index: ni(),
                    range,
                    op,
                    values,
                })
            }
            "NamedExpr" => Expr::Named(ast::ExprNamed {
                node_index: ni(),
                range,
                target: self.in_ctx(None, |r| r.box_expr(o, k, "target"))?,
                value: self.box_expr(o, k, "value")?,
            }),
            "BinOp" => Expr::BinOp(ast::ExprBinOp {
                node_index: ni(),
                range,
                left: self.box_expr(o, k, "left")?,
                op: self.operator(o, k)?,
                right: self.box_expr(o, k, "right")?,
            }),
            "UnaryOp" => {
                let op = field(o, k, "op")?;
                let op =
                    match self.kind(op.as_ptr(), "unaryop", &["Invert", "Not", "UAdd", "USub"])? {
                        "Invert" => ast::UnaryOp::Invert,
                        "Not" => ast::UnaryOp::Not,
                        "UAdd" => ast::UnaryOp::UAdd,
                        _ => ast::UnaryOp::USub,
                    };
                Expr::UnaryOp(ast::ExprUnaryOp {
                    node_index: ni(),
                    range,
                    op,
                    operand: self.box_expr(o, k, "operand")?,
                })
            }
            "Lambda" => Expr::Lambda(ast::ExprLambda {
                node_index: ni(),
                range,
                parameters: Some(Box::new(self.arguments_field(o, k)?)),
                body: self.box_expr(o, k, "body")?,
            }),
            "IfExp" => Expr::If(ast::ExprIf {
                node_index: ni(),
                range,
                test: self.box_expr(o, k, "test")?,
                body: self.box_expr(o, k, "body")?,
                orelse: self.box_expr(o, k, "orelse")?,
            }),
            "Dict" => {
                let keys = list_field(o, k, "keys")?;
                let values = self.exprs(o, k, "values")?;
                if keys.len() != values.len() {
                    return Err(errors::value_error(
                        "Dict doesn't have the same number of keys as values",
                    ));
                }
                let mut items = Vec::new();
                for (key, value) in keys.iter().zip(values) {
                    let key = if key.as_ptr() == none::none() {
                        None
                    } else {
                        Some(self.expr(key.as_ptr())?)
                    };
                    items.push(ast::DictItem { key, value });
                }
                Expr::Dict(ast::ExprDict {
                    node_index: ni(),
                    range,
                    items,
                })
            }
            "Set" => Expr::Set(ast::ExprSet {
                node_index: ni(),
                range,
                elts: self.exprs(o, k, "elts")?,
            }),
            "ListComp" => {
                let generators = self.comprehensions(o, k)?;
                Expr::ListComp(ast::ExprListComp {
                    node_index: ni(),
                    range,
                    elt: self.box_expr(o, k, "elt")?,
                    generators,
                })
            }
            "SetComp" => {
                let generators = self.comprehensions(o, k)?;
                Expr::SetComp(ast::ExprSetComp {
                    node_index: ni(),
                    range,
                    elt: self.box_expr(o, k, "elt")?,
                    generators,
                })
            }
            "DictComp" => {
                let generators = self.comprehensions(o, k)?;
                Expr::DictComp(ast::ExprDictComp {
                    node_index: ni(),
                    range,
                    key: Some(self.box_expr(o, k, "key")?),
                    value: self.box_expr(o, k, "value")?,
                    generators,
                })
            }
            "GeneratorExp" => {
                let generators = self.comprehensions(o, k)?;
                Expr::Generator(ast::ExprGenerator {
                    node_index: ni(),
                    range,
                    elt: self.box_expr(o, k, "elt")?,
                    generators,
                    parenthesized: true,
                })
            }
            "Await" => Expr::Await(ast::ExprAwait {
                node_index: ni(),
                range,
                value: self.box_expr(o, k, "value")?,
            }),
            "Yield" => Expr::Yield(ast::ExprYield {
                node_index: ni(),
                range,
                value: self.opt_expr(o, "value")?,
            }),
            "YieldFrom" => Expr::YieldFrom(ast::ExprYieldFrom {
                node_index: ni(),
                range,
                value: self.box_expr(o, k, "value")?,
            }),
            "Compare" => {
                use ast::CmpOp::*;
                const KINDS: &[&str] = &[
                    "Eq", "NotEq", "Lt", "LtE", "Gt", "GtE", "Is", "IsNot", "In", "NotIn",
                ];
                const OPS: &[ast::CmpOp] = &[Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn];
                let left = self.box_expr(o, k, "left")?;
                let mut ops = Vec::new();
                for op in &list_field(o, k, "ops")? {
                    let name = self.kind(op.as_ptr(), "cmpop", KINDS)?;
                    ops.push(OPS[KINDS.iter().position(|&x| x == name).unwrap_or(0)]);
                }
                let comparators = self.exprs(o, k, "comparators")?;
                if comparators.is_empty() {
                    return Err(errors::value_error("Compare with no comparators"));
                }
                if ops.len() != comparators.len() {
                    return Err(errors::value_error(
                        "Compare has a different number of comparators and operands",
                    ));
                }
                Expr::Compare(ast::ExprCompare {
                    node_index: ni(),
                    range,
                    left,
                    ops: ops.into(),
                    comparators: comparators.into(),
                })
            }
            "Call" => {
                let func = self.box_expr(o, k, "func")?;
                let args = self.exprs(o, k, "args")?;
                let keywords = self.keywords(o, k)?;
                Expr::Call(ast::ExprCall {
                    node_index: ni(),
                    range_start: range.start(),
                    func,
                    arguments: ast::Arguments {
                        range,
                        node_index: ni(),
                        args: args.into(),
                        keywords: keywords.into(),
                    },
                })
            }
            "FormattedValue" | "JoinedStr" => {
                let elements = self.fstring_elements(o, k)?;
                Expr::FString(ast::ExprFString {
                    node_index: ni(),
                    range,
                    value: ast::FStringValue::single(ast::FString {
                        range,
                        node_index: ni(),
                        elements,
                        flags: ast::FStringFlags::empty(),
                    }),
                })
            }
            "Constant" => {
                let v = field(o, k, "value")?;
                constant(v.as_ptr(), range)?
            }
            "Attribute" => Expr::Attribute(ast::ExprAttribute {
                node_index: ni(),
                range,
                value: self.box_expr(o, k, "value")?,
                attr: self.ident(o, k, "attr")?,
                ctx: self.ctx(o, k, want)?,
            }),
            "Subscript" => Expr::Subscript(ast::ExprSubscript {
                node_index: ni(),
                range,
                value: self.box_expr(o, k, "value")?,
                slice: self.box_expr(o, k, "slice")?,
                ctx: self.ctx(o, k, want)?,
            }),
            "Starred" => Expr::Starred(ast::ExprStarred {
                node_index: ni(),
                range,
                value: self.in_ctx(want, |r| r.box_expr(o, k, "value"))?,
                ctx: self.ctx(o, k, want)?,
            }),
            "Name" => {
                let id = node_field(o, k, "id")?;
                let id = identifier(id.as_ptr())?;
                if matches!(id.as_str(), "None" | "True" | "False") {
                    return Err(errors::value_error(format!(
                        "identifier field can't represent '{id}' constant"
                    )));
                }
                Expr::Name(ast::ExprName {
                    node_index: ni(),
                    range,
                    id: id.as_str().into(),
                    ctx: self.ctx(o, k, want)?,
                })
            }
            "List" => Expr::List(ast::ExprList {
                node_index: ni(),
                range,
                elts: self.exprs_in(o, k, "elts", want)?,
                ctx: self.ctx(o, k, want)?,
            }),
            "Tuple" => Expr::Tuple(ast::ExprTuple {
                node_index: ni(),
                range,
                elts: self.exprs_in(o, k, "elts", want)?,
                ctx: self.ctx(o, k, want)?,
                parenthesized: true,
            }),
            _ => Expr::Slice(ast::ExprSlice {
                node_index: ni(),
                range,
                lower: self.opt_expr(o, "lower")?,
                upper: self.opt_expr(o, "upper")?,
                step: self.opt_expr(o, "step")?,
            }),
        })
    }

    /// The elements of a `JoinedStr` (or of a lone `FormattedValue`).
    fn fstring_elements(
        &mut self,
        o: *mut PyObject,
        k: &str,
    ) -> PyResult<ast::InterpolatedStringElements> {
        let values = if k == "JoinedStr" {
            list_field(o, k, "values")?
        } else {
            // SAFETY: o is a live object.
            vec![unsafe { Owned::from_borrowed(o) }]
        };
        let mut out = Vec::new();
        for v in &values {
            let v = v.as_ptr();
            let range = self.range(v, "expr")?;
            match self.kind(v, "expr", &["Constant", "FormattedValue"])? {
                "Constant" => {
                    let c = field(v, "Constant", "value")?;
                    // SAFETY: c is a live object.
                    if unsafe { !pystr::check(c.as_ptr()) } {
                        return Err(errors::type_error(
                            "JoinedStr values must be str constants or FormattedValue",
                        ));
                    }
                    out.push(ast::InterpolatedStringElement::Literal(
                        ast::InterpolatedStringLiteralElement {
                            range,
                            node_index: Default::default(),
                            value: str_value(c.as_ptr())?.into(),
                        },
                    ));
                }
                _ => {
                    let conv = field(v, "FormattedValue", "conversion")?;
                    // SAFETY: conv is a live object.
                    let conversion = match unsafe { int::as_i64(conv.as_ptr())? } {
                        -1 => ast::ConversionFlag::None,
                        115 => ast::ConversionFlag::Str,
                        114 => ast::ConversionFlag::Repr,
                        97 => ast::ConversionFlag::Ascii,
                        _ => return Err(errors::value_error("Unknown f-value conversion kind")),
                    };
                    // SAFETY: v is a live object.
                    let format_spec = match unsafe { opt_field(v, "format_spec")? } {
                        Some(spec) => {
                            let sk = self.kind(spec.as_ptr(), "expr", &["JoinedStr"])?;
                            Some(Box::new(ast::InterpolatedStringFormatSpec {
                                range,
                                node_index: Default::default(),
                                elements: self.fstring_elements(spec.as_ptr(), sk)?,
                            }))
                        }
                        None => None,
                    };
                    out.push(ast::InterpolatedStringElement::Interpolation(
                        ast::InterpolatedElement {
                            range,
                            node_index: Default::default(),
                            expression: self.box_expr(v, "FormattedValue", "value")?,
                            debug_text: None,
                            conversion,
                            format_spec,
                        },
                    ));
                }
            }
        }
        Ok(out.into())
    }

    fn pattern(&mut self, o: *mut PyObject) -> PyResult<ast::Pattern> {
        const KINDS: &[&str] = &[
            "MatchValue",
            "MatchSingleton",
            "MatchSequence",
            "MatchMapping",
            "MatchClass",
            "MatchStar",
            "MatchAs",
            "MatchOr",
        ];
        let range = self.range(o, "pattern")?;
        let k = self.kind(o, "pattern", KINDS)?;
        let ni = Default::default;
        let pats = |r: &mut Self, name: &str| -> PyResult<Vec<ast::Pattern>> {
            list_field(o, k, name)?
                .iter()
                .map(|p| r.pattern(p.as_ptr()))
                .collect()
        };
        Ok(match k {
            "MatchValue" => ast::Pattern::MatchValue(ast::PatternMatchValue {
                node_index: ni(),
                range,
                value: self.box_expr(o, k, "value")?,
            }),
            "MatchSingleton" => {
                let v = field(o, k, "value")?;
                let value = match v.as_ptr() {
                    p if p == none::none() => ast::Singleton::None,
                    p if p == pybool::py_true() => ast::Singleton::True,
                    p if p == pybool::py_false() => ast::Singleton::False,
                    _ => {
                        return Err(errors::value_error(
                            "MatchSingleton can only contain True, False and None",
                        ))
                    }
                };
                ast::Pattern::MatchSingleton(ast::PatternMatchSingleton {
                    node_index: ni(),
                    range,
                    value,
                })
            }
            "MatchSequence" => ast::Pattern::MatchSequence(ast::PatternMatchSequence {
                node_index: ni(),
                range,
                patterns: pats(self, "patterns")?,
            }),
            "MatchMapping" => {
                let keys = self.exprs(o, k, "keys")?;
                let patterns = pats(self, "patterns")?;
                if keys.len() != patterns.len() {
                    return Err(errors::value_error(
                        "MatchMapping doesn't have the same number of keys as patterns",
                    ));
                }
                ast::Pattern::MatchMapping(ast::PatternMatchMapping {
                    node_index: ni(),
                    range,
                    keys: keys.into(),
                    patterns: patterns.into(),
                    rest: self.opt_ident(o, "rest")?,
                })
            }
            "MatchClass" => {
                let cls = self.box_expr(o, k, "cls")?;
                let patterns = pats(self, "patterns")?;
                let attrs = list_field(o, k, "kwd_attrs")?;
                let kwd = pats(self, "kwd_patterns")?;
                if attrs.len() != kwd.len() {
                    return Err(errors::value_error(
                        "MatchClass doesn't have the same number of keyword attributes as patterns",
                    ));
                }
                let mut keywords = Vec::new();
                for (a, p) in attrs.iter().zip(kwd) {
                    keywords.push(ast::PatternKeyword {
                        range,
                        node_index: ni(),
                        attr: ast::Identifier::new(identifier(a.as_ptr())?, range),
                        pattern: p,
                    });
                }
                ast::Pattern::MatchClass(ast::PatternMatchClass {
                    node_index: ni(),
                    range,
                    cls,
                    arguments: ast::PatternArguments {
                        range,
                        node_index: ni(),
                        patterns: patterns.into(),
                        keywords,
                    },
                })
            }
            "MatchStar" => ast::Pattern::MatchStar(ast::PatternMatchStar {
                node_index: ni(),
                range,
                name: self.opt_ident(o, "name")?,
            }),
            "MatchAs" => {
                // SAFETY: o is a live object.
                let pattern = match unsafe { opt_field(o, "pattern")? } {
                    Some(p) => Some(Box::new(self.pattern(p.as_ptr())?)),
                    None => None,
                };
                let name = self.opt_ident(o, "name")?;
                if pattern.is_some() && name.is_none() {
                    return Err(errors::value_error(
                        "MatchAs must specify a target name if a pattern is given",
                    ));
                }
                ast::Pattern::MatchAs(ast::PatternMatchAs {
                    node_index: ni(),
                    range,
                    pattern,
                    name,
                })
            }
            _ => {
                let patterns = pats(self, "patterns")?;
                if patterns.len() < 2 {
                    return Err(errors::value_error("MatchOr requires at least 2 patterns"));
                }
                ast::Pattern::MatchOr(ast::PatternMatchOr {
                    node_index: ni(),
                    range,
                    patterns,
                })
            }
        })
    }
}

/// `expression must have Load context but has Store instead` for targets
/// and values of the wrong context.
fn check_ctx(es: &[Expr], want: ast::ExprContext) -> PyResult<()> {
    for e in es {
        let (ctx, elts): (ast::ExprContext, &[Expr]) = match e {
            Expr::Name(x) => (x.ctx, &[]),
            Expr::Attribute(x) => (x.ctx, &[]),
            Expr::Subscript(x) => (x.ctx, &[]),
            Expr::Starred(x) => (x.ctx, std::slice::from_ref(&*x.value)),
            Expr::List(x) => (x.ctx, &x.elts),
            Expr::Tuple(x) => (x.ctx, &x.elts),
            _ if want == ast::ExprContext::Load => continue,
            _ => {
                return Err(errors::value_error(format!(
                    "expression which can't be assigned to in {} context",
                    ctx_name(want)
                )))
            }
        };
        if ctx != want {
            return Err(errors::value_error(format!(
                "expression must have {} context but has {} instead",
                ctx_name(want),
                ctx_name(ctx)
            )));
        }
        if want != ast::ExprContext::Load {
            check_ctx(elts, want)?;
        }
    }
    Ok(())
}

fn ctx_name(c: ast::ExprContext) -> &'static str {
    match c {
        ast::ExprContext::Store => "Store",
        ast::ExprContext::Del => "Del",
        _ => "Load",
    }
}

/// The Rust text of a str (lone surrogates cannot be represented).
fn str_value(o: *mut PyObject) -> PyResult<String> {
    // SAFETY: o is a str.
    unsafe { pystr::as_str(o).map(str::to_string) }
}

/// An `identifier` field: a str.
fn identifier(o: *mut PyObject) -> PyResult<String> {
    // SAFETY: o is a live object.
    if unsafe { !pystr::check(o) } {
        return Err(errors::type_error("AST identifier must be of type str"));
    }
    str_value(o)
}

/// A `Constant` value as an expression.
fn constant(v: *mut PyObject, range: TextRange) -> PyResult<Expr> {
    let ni = Default::default;
    // SAFETY: v is a live object.
    unsafe {
        if v == none::none() {
            return Ok(Expr::NoneLiteral(ast::ExprNoneLiteral {
                node_index: ni(),
                range,
            }));
        }
        if v == none::ellipsis() {
            return Ok(Expr::EllipsisLiteral(ast::ExprEllipsisLiteral {
                node_index: ni(),
                range,
            }));
        }
        if v == pybool::py_true() || v == pybool::py_false() {
            return Ok(Expr::BooleanLiteral(ast::ExprBooleanLiteral {
                node_index: ni(),
                range,
                value: v == pybool::py_true(),
            }));
        }
        if pystr::check(v) {
            let lit = ast::StringLiteral {
                range,
                node_index: ni(),
                value: str_value(v)?.into(),
                flags: ast::StringLiteralFlags::empty(),
            };
            return Ok(Expr::StringLiteral(ast::ExprStringLiteral {
                node_index: ni(),
                range,
                value: ast::StringLiteralValue::single(lit),
            }));
        }
        if bytes::check(v) {
            let lit = ast::BytesLiteral {
                range,
                node_index: ni(),
                value: bytes::as_slice(v).into(),
                flags: ast::BytesLiteralFlags::empty(),
            };
            return Ok(Expr::BytesLiteral(ast::ExprBytesLiteral {
                node_index: ni(),
                range,
                value: ast::BytesLiteralValue::single(lit),
            }));
        }
        let number = |value: ast::Number| {
            Expr::NumberLiteral(ast::ExprNumberLiteral {
                node_index: ni(),
                range,
                value,
            })
        };
        let negate = |e: Expr| {
            Expr::UnaryOp(ast::ExprUnaryOp {
                node_index: ni(),
                range,
                op: ast::UnaryOp::USub,
                operand: Box::new(e),
            })
        };
        if int::check(v) {
            let neg = int::sign(v) < 0;
            let digits = int::decimal_string(v)?;
            let digits = digits.trim_start_matches('-');
            let i = ast::Int::from_str_radix(digits, 10, digits)
                .map_err(|_| errors::value_error("invalid integer constant"))?;
            let e = number(ast::Number::Int(i));
            return Ok(if neg { negate(e) } else { e });
        }
        if float::check(v) {
            let f = float::value(v);
            // A negative zero or negative value is `-(abs)`, as a literal cannot be negative.
            return Ok(if f.is_sign_negative() && !f.is_nan() {
                negate(number(ast::Number::Float(-f)))
            } else {
                number(ast::Number::Float(f))
            });
        }
        if complex::check(v) {
            let c = complex::value(v);
            return Ok(number(ast::Number::Complex {
                real: c.real,
                imag: c.imag,
            }));
        }
        if tuple::check(v) {
            let mut elts = Vec::new();
            for &item in tuple::items(v) {
                elts.push(constant(item, range)?);
            }
            return Ok(Expr::Tuple(ast::ExprTuple {
                node_index: ni(),
                range,
                elts,
                ctx: ast::ExprContext::Load,
                parenthesized: true,
            }));
        }
        Err(errors::type_error(format!(
            "got an invalid type in Constant: {}",
            short_name((*v).ob_type)
        )))
    }
}

/// A required field: CPython's `required field "x" missing from Y`.
fn field(o: *mut PyObject, owner: &str, name: &str) -> PyResult<Owned> {
    // SAFETY: o is a live object.
    match unsafe { protocol::getattr_opt(o, pystr::intern(name))? } {
        Some(v) => Ok(v),
        None => Err(errors::type_error(format!(
            "required field \"{name}\" missing from {owner}"
        ))),
    }
}

/// A required node or identifier field, which must not be None either:
/// CPython's `field 'x' is required for Y` (a ValueError).
fn node_field(o: *mut PyObject, owner: &str, name: &str) -> PyResult<Owned> {
    let v = field(o, owner, name)?;
    if v.as_ptr() == none::none() {
        return Err(errors::value_error(format!(
            "field '{name}' is required for {owner}"
        )));
    }
    Ok(v)
}

/// A `names` list that must not be empty: CPython's `empty names on X`.
fn non_empty<T>(names: Vec<T>, owner: &str) -> PyResult<Vec<T>> {
    if names.is_empty() {
        return Err(errors::value_error(format!("empty names on {owner}")));
    }
    Ok(names)
}

/// The items of a statement or expression list (`what`) must not be None.
fn no_none_items(items: &[Owned], what: &str) -> PyResult<()> {
    if items.iter().any(|i| i.as_ptr() == none::none()) {
        return Err(errors::value_error(format!(
            "None disallowed in {what} list"
        )));
    }
    Ok(())
}

/// An optional field: absent and None are the same.
unsafe fn opt_field(o: *mut PyObject, name: &str) -> PyResult<Option<Owned>> {
    // SAFETY: o is a live object.
    unsafe {
        Ok(protocol::getattr_opt(o, pystr::intern(name))?.filter(|v| v.as_ptr() != none::none()))
    }
}

fn as_list(v: *mut PyObject, owner: &str, name: &str) -> PyResult<Vec<Owned>> {
    // SAFETY: v is a live object.
    unsafe {
        if !list::check(v) {
            return Err(errors::type_error(format!(
                "{owner} field \"{name}\" must be a list, not a {}",
                short_name((*v).ob_type)
            )));
        }
        Ok(list::items(v)
            .iter()
            .map(|&p| Owned::from_borrowed(p))
            .collect())
    }
}

/// A list field (a snapshot of its items).
fn list_field(o: *mut PyObject, owner: &str, name: &str) -> PyResult<Vec<Owned>> {
    let v = field(o, owner, name)?;
    as_list(v.as_ptr(), owner, name)
}

/// An int attribute that must be there.
unsafe fn req_int(o: *mut PyObject, name: &str, owner: &str) -> PyResult<i64> {
    let v = field(o, owner, name)?;
    // SAFETY: v is a live object.
    unsafe {
        if !int::check(v.as_ptr()) {
            return Err(errors::type_error(format!(
                "invalid integer value: {}",
                protocol::repr_string(v.as_ptr())?
            )));
        }
        int::as_i64(v.as_ptr())
    }
}

/// An int attribute that may be missing or None.
unsafe fn opt_int(o: *mut PyObject, name: &str) -> PyResult<Option<i64>> {
    // SAFETY: o is a live object.
    unsafe {
        match opt_field(o, name)? {
            Some(v) if int::check(v.as_ptr()) => int::as_i64(v.as_ptr()).map(Some),
            _ => Ok(None),
        }
    }
}
