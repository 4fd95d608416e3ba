//! Parser tree -> `_ast` objects (`Python/Python-ast.c`'s `ast2obj_*`):
//! what `compile(source, filename, mode, PyCF_ONLY_AST)` returns. The
//! parser's tree (ruff's) differs from CPython's in places; this module
//! produces CPython 3.13's shapes and positions: implicit string
//! concatenation and f-strings become one `Constant` / `JoinedStr`,
//! `elif` becomes a nested `If`, decorated definitions start at `def` /
//! `class`, positions are 1-based lines and UTF-8 byte columns.
use crate::ffi::*;
use crate::object::{bool as pybool, bytes, dict, float, int, list, none, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use ferrython_compiler::parse::LineIndex;
use ferrython_compiler::ruff_ast::{self as ast, Expr, Pattern, Stmt};
use ferrython_compiler::ruff_text_size::{Ranged, TextRange, TextSize};
use std::collections::HashMap;

/// A field value.
type F = (&'static str, Owned);

/// Converts one parsed program; holds the node classes of `_ast`.
pub struct ToPy<'a> {
    index: &'a LineIndex,
    source: &'a str,
    module: Owned,
    classes: HashMap<&'static str, *mut PyTypeObject>,
    singletons: HashMap<&'static str, Owned>,
    /// The module, statements and expressions being converted (see
    /// [`ToPy::nested`]).
    depth: u32,
}

/// Nodes on one path that CPython 3.13's `ast2obj` converts before it gives
/// up (its C recursion limit less the levels in use when `ast.parse`
/// starts).
const MAX_DEPTH: u32 = 9997;

fn small(v: i64) -> PyResult<Owned> {
    int::from_i64(v)
}

impl<'a> ToPy<'a> {
    /// A converter for the tree of `index`'s source.
    pub fn new(index: &'a LineIndex) -> PyResult<ToPy<'a>> {
        let module = crate::runtime::import::import_absolute("_ast")?;
        Ok(ToPy {
            index,
            source: index.source(),
            module,
            classes: HashMap::new(),
            singletons: HashMap::new(),
            depth: 1,
        })
    }

    /// The node class `name` (borrowed from the module dict).
    fn class(&mut self, name: &'static str) -> PyResult<*mut PyTypeObject> {
        if let Some(&c) = self.classes.get(name) {
            return Ok(c);
        }
        // SAFETY: the module is alive while self is.
        let c = unsafe {
            let d = crate::object::module::dict_of(self.module.as_ptr());
            dict::get_str(d, name)
        };
        // SAFETY: c is NULL or a live object.
        let is_type =
            !c.is_null() && unsafe { (*(*c).ob_type).tp_flags & Py_TPFLAGS_TYPE_SUBCLASS != 0 };
        if !is_type {
            return Err(errors::type_error(format!("_ast.{name} is not a type")));
        }
        let c = c.cast();
        self.classes.insert(name, c);
        Ok(c)
    }

    /// A new instance of node class `name` with `fields` and, when
    /// `range` is given, its position attributes.
    fn node(
        &mut self,
        name: &'static str,
        fields: Vec<F>,
        range: Option<TextRange>,
    ) -> PyResult<Owned> {
        let tp = self.class(name)?;
        let d = dict::new()?;
        // SAFETY: tp is a node class (a subclass of AST with a dict slot);
        // the dict is stored in the new instance's dict slot.
        unsafe {
            for (k, v) in fields {
                dict::set_item(d.as_ptr(), pystr::intern(k), v.as_ptr())?;
            }
            if let Some(r) = range {
                let (l, c) = self.index.line_col(r.start().into());
                let (el, ec) = self.index.line_col(r.end().into());
                for (k, v) in [
                    ("lineno", l),
                    ("col_offset", c),
                    ("end_lineno", el),
                    ("end_col_offset", ec),
                ] {
                    dict::set_item(d.as_ptr(), pystr::intern(k), small(v as i64)?.as_ptr())?;
                }
            }
            let alloc = (*tp)
                .tp_alloc
                .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
            let op = errors::check(alloc(tp, 0))?;
            let off = (*tp).tp_dictoffset;
            if off <= 0 {
                return Err(errors::type_error(format!("_ast.{name} has no __dict__")));
            }
            let slot = op.as_ptr().cast::<u8>().offset(off).cast::<*mut PyObject>();
            crate::object::refcount::xdecref(*slot);
            *slot = d.into_raw();
            Ok(op)
        }
    }

    /// The shared instance of a field-less class (`Load()`, `Add()` ...).
    fn singleton(&mut self, name: &'static str) -> PyResult<Owned> {
        if let Some(o) = self.singletons.get(name) {
            return Ok(o.clone());
        }
        let o = self.node(name, Vec::new(), None)?;
        self.singletons.insert(name, o.clone());
        Ok(o)
    }

    fn list<T>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        mut f: impl FnMut(&mut Self, T) -> PyResult<Owned>,
    ) -> PyResult<Owned> {
        let mut v = Vec::new();
        for it in items {
            v.push(f(self, it)?);
        }
        list::from_vec(v)
    }

    fn str(&self, s: &str) -> PyResult<Owned> {
        pystr::from_str(s)
    }

    /// The value of a (possibly concatenated) string literal. The parser
    /// gives U+FFFD for escapes of lone surrogates (`"\\ud800"`), which a
    /// Python str can hold: such literals are decoded again from the source.
    fn string_value(&self, v: &ast::StringLiteralValue) -> PyResult<Owned> {
        let text = v.to_str();
        if !text.contains('\u{fffd}') {
            return self.str(text);
        }
        let mut units = Vec::new();
        for part in v.iter() {
            let token =
                &self.source[usize::from(part.range.start())..usize::from(part.range.end())];
            match decode_literal(token) {
                Some(u) => units.extend(u),
                None => units.extend(part.value.chars().map(u32::from)),
            }
        }
        pystr::from_ucs4(&units)
    }

    fn ident(&self, id: &ast::Identifier) -> PyResult<Owned> {
        pystr::from_str(id.as_str())
    }

    fn opt_ident(&self, id: Option<&ast::Identifier>) -> PyResult<Owned> {
        id.map_or_else(|| Ok(none::owned()), |i| self.ident(i))
    }

    fn opt_expr(&mut self, e: Option<&Expr>) -> PyResult<Owned> {
        match e {
            Some(e) => self.expr(e),
            None => Ok(none::owned()),
        }
    }

    fn exprs<'e>(&mut self, es: impl IntoIterator<Item = &'e Expr>) -> PyResult<Owned> {
        self.list(es, |s, e| s.expr(e))
    }

    fn stmts(&mut self, ss: &[Stmt]) -> PyResult<Owned> {
        self.list(ss, |s, st| s.stmt(st))
    }

    /// `mod`: Module, Expression or Interactive.
    pub fn module(&mut self, m: &ast::Mod, interactive: bool) -> PyResult<Owned> {
        match m {
            ast::Mod::Module(m) if interactive => {
                let body = self.stmts(&m.body)?;
                self.node("Interactive", vec![("body", body)], None)
            }
            ast::Mod::Module(m) => {
                let body = self.stmts(&m.body)?;
                let ti = list::new(0)?;
                self.node("Module", vec![("body", body), ("type_ignores", ti)], None)
            }
            ast::Mod::Expression(e) => {
                let body = self.expr(&e.body)?;
                self.node("Expression", vec![("body", body)], None)
            }
        }
    }

    /// Where a decorated definition's keyword (`def`, `async`, `class`)
    /// starts: the first token after the last decorator.
    fn after_trivia(&self, from: TextSize) -> TextSize {
        let b = self.source.as_bytes();
        let mut i = u32::from(from) as usize;
        while i < b.len() {
            match b[i] {
                b' ' | b'\t' | b'\x0c' | b'\r' | b'\n' => i += 1,
                b'\\' => i += 1,
                b'#' => {
                    while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                        i += 1;
                    }
                }
                _ => break,
            }
        }
        TextSize::from(i as u32)
    }

    fn def_range(&self, range: TextRange, decorators: &[ast::Decorator]) -> TextRange {
        let range = self.block_range(range);
        match decorators.last() {
            Some(d) => TextRange::new(self.after_trivia(d.range().end()), range.end()),
            None => range,
        }
    }

    /// A compound statement ends with its last block's last token, which
    /// may be the `;` after the block's last simple statement.
    fn block_range(&self, range: TextRange) -> TextRange {
        let b = self.source.as_bytes();
        let mut i = usize::from(range.end());
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t' || b[i] == b'\x0c') {
            i += 1;
        }
        if b.get(i) == Some(&b';') {
            TextRange::new(range.start(), TextSize::from(i as u32 + 1))
        } else {
            range
        }
    }

    fn decorators(&mut self, ds: &[ast::Decorator]) -> PyResult<Owned> {
        self.list(ds, |s, d| s.expr(&d.expression))
    }

    fn type_params(&mut self, tp: Option<&ast::TypeParams>) -> PyResult<Owned> {
        let Some(tp) = tp else { return list::new(0) };
        self.list(&tp.type_params, |s, p| s.type_param(p))
    }

    fn type_param(&mut self, p: &ast::TypeParam) -> PyResult<Owned> {
        match p {
            ast::TypeParam::TypeVar(t) => {
                let f = vec![
                    ("name", self.ident(&t.name)?),
                    ("bound", self.opt_expr(t.bound.as_deref())?),
                    ("default_value", self.opt_expr(t.default.as_deref())?),
                ];
                self.node("TypeVar", f, Some(t.range))
            }
            ast::TypeParam::ParamSpec(t) => {
                let f = vec![
                    ("name", self.ident(&t.name)?),
                    ("default_value", self.opt_expr(t.default.as_deref())?),
                ];
                self.node("ParamSpec", f, Some(t.range))
            }
            ast::TypeParam::TypeVarTuple(t) => {
                let f = vec![
                    ("name", self.ident(&t.name)?),
                    ("default_value", self.opt_expr(t.default.as_deref())?),
                ];
                self.node("TypeVarTuple", f, Some(t.range))
            }
        }
    }

    /// An `arg`: the name and its annotation (never the `*` / `**`).
    fn arg(&mut self, p: &ast::Parameter) -> PyResult<Owned> {
        // The parser's range covers a parenthesized annotation's
        // parentheses, as CPython's does, but may start at `*` / `**`.
        let range = TextRange::new(p.name.range().start(), p.range.end());
        let f = vec![
            ("arg", self.ident(&p.name)?),
            ("annotation", self.opt_expr(p.annotation.as_deref())?),
            ("type_comment", none::owned()),
        ];
        self.node("arg", f, Some(range))
    }

    fn opt_arg(&mut self, p: Option<&ast::Parameter>) -> PyResult<Owned> {
        match p {
            Some(p) => self.arg(p),
            None => Ok(none::owned()),
        }
    }

    fn arguments(&mut self, ps: Option<&ast::Parameters>) -> PyResult<Owned> {
        let empty = ast::Parameters::default();
        let ps = ps.unwrap_or(&empty);
        let posonly = self.list(&ps.posonlyargs, |s, p| s.arg(&p.parameter))?;
        let args = self.list(&ps.args, |s, p| s.arg(&p.parameter))?;
        let vararg = self.opt_arg(ps.vararg.as_deref())?;
        let kwonly = self.list(&ps.kwonlyargs, |s, p| s.arg(&p.parameter))?;
        let kw_defaults = self.list(&ps.kwonlyargs, |s, p| s.opt_expr(p.default.as_deref()))?;
        let kwarg = self.opt_arg(ps.kwarg.as_deref())?;
        let defaults = self.exprs(
            ps.posonlyargs
                .iter()
                .chain(ps.args.iter())
                .filter_map(|p| p.default.as_deref()),
        )?;
        let f = vec![
            ("posonlyargs", posonly),
            ("args", args),
            ("vararg", vararg),
            ("kwonlyargs", kwonly),
            ("kw_defaults", kw_defaults),
            ("kwarg", kwarg),
            ("defaults", defaults),
        ];
        self.node("arguments", f, None)
    }

    fn keyword(&mut self, k: &ast::Keyword) -> PyResult<Owned> {
        let f = vec![
            ("arg", self.opt_ident(k.arg.as_ref())?),
            ("value", self.expr(&k.value)?),
        ];
        self.node("keyword", f, Some(k.range))
    }

    fn alias(&mut self, a: &ast::Alias) -> PyResult<Owned> {
        let f = vec![
            ("name", self.ident(&a.name)?),
            ("asname", self.opt_ident(a.asname.as_ref())?),
        ];
        self.node("alias", f, Some(a.range))
    }

    fn withitem(&mut self, w: &ast::WithItem) -> PyResult<Owned> {
        let f = vec![
            ("context_expr", self.expr(&w.context_expr)?),
            ("optional_vars", self.opt_expr(w.optional_vars.as_deref())?),
        ];
        self.node("withitem", f, None)
    }

    fn handler(&mut self, h: &ast::ExceptHandler) -> PyResult<Owned> {
        let ast::ExceptHandler::ExceptHandler(h) = h;
        let f = vec![
            ("type", self.opt_expr(h.type_.as_deref())?),
            ("name", self.opt_ident(h.name.as_ref())?),
            ("body", self.stmts(&h.body)?),
        ];
        self.node("ExceptHandler", f, Some(self.block_range(h.range)))
    }

    /// The `orelse` of an `if` from its `elif` / `else` clauses: an `elif`
    /// is a nested `If` from its keyword to the end of the chain.
    fn elif_chain(&mut self, clauses: &[ast::ElifElseClause], end: TextSize) -> PyResult<Owned> {
        let Some((first, rest)) = clauses.split_first() else {
            return list::new(0);
        };
        match &first.test {
            None => self.stmts(&first.body),
            Some(test) => {
                let f = vec![
                    ("test", self.expr(test)?),
                    ("body", self.stmts(&first.body)?),
                    ("orelse", self.elif_chain(rest, end)?),
                ];
                let node = self.node("If", f, Some(TextRange::new(first.range.start(), end)))?;
                list::from_vec(vec![node])
            }
        }
    }

    fn stmt(&mut self, s: &Stmt) -> PyResult<Owned> {
        self.nested(|c| c.stmt_inner(s))
    }

    fn stmt_inner(&mut self, s: &Stmt) -> PyResult<Owned> {
        let r = Some(match s {
            Stmt::For(_)
            | Stmt::While(_)
            | Stmt::If(_)
            | Stmt::With(_)
            | Stmt::Match(_)
            | Stmt::Try(_) => self.block_range(s.range()),
            _ => s.range(),
        });
        match s {
            Stmt::FunctionDef(d) => {
                let range = self.def_range(d.range, &d.decorator_list);
                let f = vec![
                    ("name", self.ident(&d.name)?),
                    ("args", self.arguments(Some(&d.parameters))?),
                    ("body", self.stmts(&d.body)?),
                    ("decorator_list", self.decorators(&d.decorator_list)?),
                    ("returns", self.opt_expr(d.returns.as_deref())?),
                    ("type_comment", none::owned()),
                    ("type_params", self.type_params(d.type_params.as_deref())?),
                ];
                let name = if d.is_async {
                    "AsyncFunctionDef"
                } else {
                    "FunctionDef"
                };
                self.node(name, f, Some(range))
            }
            Stmt::ClassDef(c) => {
                let range = self.def_range(c.range, &c.decorator_list);
                let (bases, keywords) = match c.arguments.as_deref() {
                    Some(a) => (
                        self.exprs(a.args.iter())?,
                        self.list(a.keywords.iter(), |s, k| s.keyword(k))?,
                    ),
                    None => (list::new(0)?, list::new(0)?),
                };
                let f = vec![
                    ("name", self.ident(&c.name)?),
                    ("bases", bases),
                    ("keywords", keywords),
                    ("body", self.stmts(&c.body)?),
                    ("decorator_list", self.decorators(&c.decorator_list)?),
                    ("type_params", self.type_params(c.type_params.as_deref())?),
                ];
                self.node("ClassDef", f, Some(range))
            }
            Stmt::Return(x) => {
                let f = vec![("value", self.opt_expr(x.value.as_deref())?)];
                self.node("Return", f, r)
            }
            Stmt::Delete(x) => {
                let f = vec![("targets", self.exprs(&x.targets)?)];
                self.node("Delete", f, r)
            }
            Stmt::TypeAlias(x) => {
                let f = vec![
                    ("name", self.expr(&x.name)?),
                    ("type_params", self.type_params(x.type_params.as_deref())?),
                    ("value", self.expr(&x.value)?),
                ];
                self.node("TypeAlias", f, r)
            }
            Stmt::Assign(x) => {
                let f = vec![
                    ("targets", self.exprs(&x.targets)?),
                    ("value", self.expr(&x.value)?),
                    ("type_comment", none::owned()),
                ];
                self.node("Assign", f, r)
            }
            Stmt::AugAssign(x) => {
                let f = vec![
                    ("target", self.expr(&x.target)?),
                    ("op", self.singleton(operator_name(x.op))?),
                    ("value", self.expr(&x.value)?),
                ];
                self.node("AugAssign", f, r)
            }
            Stmt::AnnAssign(x) => {
                let f = vec![
                    ("target", self.expr(&x.target)?),
                    ("annotation", self.expr(&x.annotation)?),
                    ("value", self.opt_expr(x.value.as_deref())?),
                    ("simple", small(x.simple as i64)?),
                ];
                self.node("AnnAssign", f, r)
            }
            Stmt::For(x) => {
                let f = vec![
                    ("target", self.expr(&x.target)?),
                    ("iter", self.expr(&x.iter)?),
                    ("body", self.stmts(&x.body)?),
                    ("orelse", self.stmts(&x.orelse)?),
                    ("type_comment", none::owned()),
                ];
                self.node(if x.is_async { "AsyncFor" } else { "For" }, f, r)
            }
            Stmt::While(x) => {
                let f = vec![
                    ("test", self.expr(&x.test)?),
                    ("body", self.stmts(&x.body)?),
                    ("orelse", self.stmts(&x.orelse)?),
                ];
                self.node("While", f, r)
            }
            Stmt::If(x) => {
                let f = vec![
                    ("test", self.expr(&x.test)?),
                    ("body", self.stmts(&x.body)?),
                    (
                        "orelse",
                        self.elif_chain(&x.elif_else_clauses, self.block_range(x.range).end())?,
                    ),
                ];
                self.node("If", f, r)
            }
            Stmt::With(x) => {
                let f = vec![
                    ("items", self.list(&x.items, |s, w| s.withitem(w))?),
                    ("body", self.stmts(&x.body)?),
                    ("type_comment", none::owned()),
                ];
                self.node(if x.is_async { "AsyncWith" } else { "With" }, f, r)
            }
            Stmt::Match(x) => {
                let f = vec![
                    ("subject", self.expr(&x.subject)?),
                    ("cases", self.list(&x.cases, |s, c| s.match_case(c))?),
                ];
                self.node("Match", f, r)
            }
            Stmt::Raise(x) => {
                let f = vec![
                    ("exc", self.opt_expr(x.exc.as_deref())?),
                    ("cause", self.opt_expr(x.cause.as_deref())?),
                ];
                self.node("Raise", f, r)
            }
            Stmt::Try(x) => {
                let f = vec![
                    ("body", self.stmts(&x.body)?),
                    ("handlers", self.list(&x.handlers, |s, h| s.handler(h))?),
                    ("orelse", self.stmts(&x.orelse)?),
                    ("finalbody", self.stmts(&x.finalbody)?),
                ];
                self.node(if x.is_star { "TryStar" } else { "Try" }, f, r)
            }
            Stmt::Assert(x) => {
                let f = vec![
                    ("test", self.expr(&x.test)?),
                    ("msg", self.opt_expr(x.msg.as_deref())?),
                ];
                self.node("Assert", f, r)
            }
            Stmt::Import(x) => {
                let f = vec![("names", self.list(&x.names, |s, a| s.alias(a))?)];
                self.node("Import", f, r)
            }
            Stmt::ImportFrom(x) => {
                let f = vec![
                    ("module", self.opt_ident(x.module.as_ref())?),
                    ("names", self.list(&x.names, |s, a| s.alias(a))?),
                    ("level", small(x.level as i64)?),
                ];
                self.node("ImportFrom", f, r)
            }
            Stmt::Global(x) => {
                let f = vec![("names", self.list(&x.names, |s, n| s.ident(n))?)];
                self.node("Global", f, r)
            }
            Stmt::Nonlocal(x) => {
                let f = vec![("names", self.list(&x.names, |s, n| s.ident(n))?)];
                self.node("Nonlocal", f, r)
            }
            Stmt::Expr(x) => {
                let f = vec![("value", self.expr(&x.value)?)];
                self.node("Expr", f, r)
            }
            Stmt::Pass(_) => self.node("Pass", Vec::new(), r),
            Stmt::Break(_) => self.node("Break", Vec::new(), r),
            Stmt::Continue(_) => self.node("Continue", Vec::new(), r),
            Stmt::IpyEscapeCommand(_) => {
                Err(errors::value_error("IPython escape commands have no AST"))
            }
        }
    }

    fn match_case(&mut self, c: &ast::MatchCase) -> PyResult<Owned> {
        let f = vec![
            ("pattern", self.pattern(&c.pattern)?),
            ("guard", self.opt_expr(c.guard.as_deref())?),
            ("body", self.stmts(&c.body)?),
        ];
        self.node("match_case", f, None)
    }

    fn pattern(&mut self, p: &Pattern) -> PyResult<Owned> {
        let r = Some(p.range());
        match p {
            Pattern::MatchValue(x) => {
                let f = vec![("value", self.expr(&x.value)?)];
                self.node("MatchValue", f, r)
            }
            Pattern::MatchSingleton(x) => {
                let v = match x.value {
                    ast::Singleton::None => none::none(),
                    ast::Singleton::True => pybool::py_true(),
                    ast::Singleton::False => pybool::py_false(),
                };
                self.node(
                    "MatchSingleton",
                    vec![("value", Owned::from_borrowed_static(v))],
                    r,
                )
            }
            Pattern::MatchSequence(x) => {
                let f = vec![("patterns", self.list(&x.patterns, |s, p| s.pattern(p))?)];
                self.node("MatchSequence", f, r)
            }
            Pattern::MatchMapping(x) => {
                let f = vec![
                    ("keys", self.exprs(&x.keys)?),
                    ("patterns", self.list(&x.patterns, |s, p| s.pattern(p))?),
                    ("rest", self.opt_ident(x.rest.as_ref())?),
                ];
                self.node("MatchMapping", f, r)
            }
            Pattern::MatchClass(x) => {
                let f = vec![
                    ("cls", self.expr(&x.cls)?),
                    (
                        "patterns",
                        self.list(&x.arguments.patterns, |s, p| s.pattern(p))?,
                    ),
                    (
                        "kwd_attrs",
                        self.list(&x.arguments.keywords, |s, k| s.ident(&k.attr))?,
                    ),
                    (
                        "kwd_patterns",
                        self.list(&x.arguments.keywords, |s, k| s.pattern(&k.pattern))?,
                    ),
                ];
                self.node("MatchClass", f, r)
            }
            Pattern::MatchStar(x) => {
                let f = vec![("name", self.opt_ident(x.name.as_ref())?)];
                self.node("MatchStar", f, r)
            }
            Pattern::MatchAs(x) => {
                let pat = match x.pattern.as_deref() {
                    Some(p) => self.pattern(p)?,
                    None => none::owned(),
                };
                let f = vec![("pattern", pat), ("name", self.opt_ident(x.name.as_ref())?)];
                self.node("MatchAs", f, r)
            }
            Pattern::MatchOr(x) => {
                let f = vec![("patterns", self.list(&x.patterns, |s, p| s.pattern(p))?)];
                self.node("MatchOr", f, r)
            }
        }
    }

    fn ctx(&mut self, c: ast::ExprContext) -> PyResult<Owned> {
        self.singleton(match c {
            ast::ExprContext::Store => "Store",
            ast::ExprContext::Del => "Del",
            _ => "Load",
        })
    }

    fn constant(&mut self, value: Owned, kind: Option<&str>, range: TextRange) -> PyResult<Owned> {
        let kind = match kind {
            Some(k) => self.str(k)?,
            None => none::owned(),
        };
        self.node(
            "Constant",
            vec![("value", value), ("kind", kind)],
            Some(range),
        )
    }

    fn comprehensions(&mut self, gens: &[ast::Comprehension]) -> PyResult<Owned> {
        self.list(gens, |s, g| {
            let f = vec![
                ("target", s.expr(&g.target)?),
                ("iter", s.expr(&g.iter)?),
                ("ifs", s.exprs(&g.ifs)?),
                ("is_async", small(g.is_async as i64)?),
            ];
            s.node("comprehension", f, None)
        })
    }

    /// Runs `f` one node deeper: `RecursionError` past CPython's limit,
    /// and on a fresh stack segment when this one runs low (the counter,
    /// not the thread's stack, bounds the depth).
    fn nested(&mut self, f: impl FnOnce(&mut Self) -> PyResult<Owned>) -> PyResult<Owned> {
        if self.depth >= MAX_DEPTH {
            return Err(errors::recursion_error(
                "maximum recursion depth exceeded during ast construction",
            ));
        }
        self.depth += 1;
        let r = stacker::maybe_grow(128 * 1024, 2 * 1024 * 1024, || f(self));
        self.depth -= 1;
        r
    }

    fn expr(&mut self, e: &Expr) -> PyResult<Owned> {
        self.nested(|s| s.expr_inner(e, None))
    }

    fn call_arg(&mut self, e: &Expr, sole_range: TextRange) -> PyResult<Owned> {
        self.nested(|s| s.expr_inner(e, Some(sole_range)))
    }

    /// `genexp_range`: the range of a call's parentheses, for a generator
    /// expression that is the call's only argument.
    fn expr_inner(&mut self, e: &Expr, genexp_range: Option<TextRange>) -> PyResult<Owned> {
        let r = Some(e.range());
        match e {
            Expr::BoolOp(x) => {
                let op = self.singleton(match x.op {
                    ast::BoolOp::And => "And",
                    ast::BoolOp::Or => "Or",
                })?;
                let f = vec![("op", op), ("values", self.exprs(&x.values)?)];
                self.node("BoolOp", f, r)
            }
            Expr::Named(x) => {
                let f = vec![
                    ("target", self.expr(&x.target)?),
                    ("value", self.expr(&x.value)?),
                ];
                self.node("NamedExpr", f, r)
            }
            Expr::BinOp(x) => {
                let f = vec![
                    ("left", self.expr(&x.left)?),
                    ("op", self.singleton(operator_name(x.op))?),
                    ("right", self.expr(&x.right)?),
                ];
                self.node("BinOp", f, r)
            }
            Expr::UnaryOp(x) => {
                let op = self.singleton(match x.op {
                    ast::UnaryOp::Invert => "Invert",
                    ast::UnaryOp::Not => "Not",
                    ast::UnaryOp::UAdd => "UAdd",
                    ast::UnaryOp::USub => "USub",
                })?;
                let f = vec![("op", op), ("operand", self.expr(&x.operand)?)];
                self.node("UnaryOp", f, r)
            }
            Expr::Lambda(x) => {
                let f = vec![
                    ("args", self.arguments(x.parameters.as_deref())?),
                    ("body", self.expr(&x.body)?),
                ];
                self.node("Lambda", f, r)
            }
            Expr::If(x) => {
                let f = vec![
                    ("test", self.expr(&x.test)?),
                    ("body", self.expr(&x.body)?),
                    ("orelse", self.expr(&x.orelse)?),
                ];
                self.node("IfExp", f, r)
            }
            Expr::Dict(x) => {
                let keys = self.list(&x.items, |s, i| s.opt_expr(i.key.as_ref()))?;
                let values = self.list(&x.items, |s, i| s.expr(&i.value))?;
                self.node("Dict", vec![("keys", keys), ("values", values)], r)
            }
            Expr::Set(x) => {
                let f = vec![("elts", self.exprs(&x.elts)?)];
                self.node("Set", f, r)
            }
            Expr::ListComp(x) => {
                let f = vec![
                    ("elt", self.expr(&x.elt)?),
                    ("generators", self.comprehensions(&x.generators)?),
                ];
                self.node("ListComp", f, r)
            }
            Expr::SetComp(x) => {
                let f = vec![
                    ("elt", self.expr(&x.elt)?),
                    ("generators", self.comprehensions(&x.generators)?),
                ];
                self.node("SetComp", f, r)
            }
            Expr::DictComp(x) => {
                let f = vec![
                    ("key", self.opt_expr(x.key.as_deref())?),
                    ("value", self.expr(&x.value)?),
                    ("generators", self.comprehensions(&x.generators)?),
                ];
                self.node("DictComp", f, r)
            }
            Expr::Generator(x) => {
                let range = match genexp_range {
                    Some(g) if !x.parenthesized => g,
                    _ => x.range,
                };
                let f = vec![
                    ("elt", self.expr(&x.elt)?),
                    ("generators", self.comprehensions(&x.generators)?),
                ];
                self.node("GeneratorExp", f, Some(range))
            }
            Expr::Await(x) => {
                let f = vec![("value", self.expr(&x.value)?)];
                self.node("Await", f, r)
            }
            Expr::Yield(x) => {
                let f = vec![("value", self.opt_expr(x.value.as_deref())?)];
                self.node("Yield", f, r)
            }
            Expr::YieldFrom(x) => {
                let f = vec![("value", self.expr(&x.value)?)];
                self.node("YieldFrom", f, r)
            }
            Expr::Compare(x) => {
                let ops = self.list(x.ops.iter(), |s, op| {
                    s.singleton(match op {
                        ast::CmpOp::Eq => "Eq",
                        ast::CmpOp::NotEq => "NotEq",
                        ast::CmpOp::Lt => "Lt",
                        ast::CmpOp::LtE => "LtE",
                        ast::CmpOp::Gt => "Gt",
                        ast::CmpOp::GtE => "GtE",
                        ast::CmpOp::Is => "Is",
                        ast::CmpOp::IsNot => "IsNot",
                        ast::CmpOp::In => "In",
                        ast::CmpOp::NotIn => "NotIn",
                    })
                })?;
                let f = vec![
                    ("left", self.expr(&x.left)?),
                    ("ops", ops),
                    ("comparators", self.exprs(x.comparators.iter())?),
                ];
                self.node("Compare", f, r)
            }
            Expr::Call(x) => {
                let a = &x.arguments;
                let sole = a.args.len() == 1 && a.keywords.is_empty();
                let args = if sole {
                    let one = self.call_arg(&a.args[0], a.range)?;
                    list::from_vec(vec![one])?
                } else {
                    self.exprs(a.args.iter())?
                };
                let f = vec![
                    ("func", self.expr(&x.func)?),
                    ("args", args),
                    (
                        "keywords",
                        self.list(a.keywords.iter(), |s, k| s.keyword(k))?,
                    ),
                ];
                self.node("Call", f, r)
            }
            Expr::FString(x) => self.joined_str(x),
            Expr::TString(_) => Err(errors::not_implemented_error(
                "t-strings are not supported by the ast module yet",
            )),
            Expr::StringLiteral(x) => {
                let value = self.string_value(&x.value)?;
                let kind = x.value.is_unicode().then_some("u");
                self.constant(value, kind, x.range)
            }
            Expr::BytesLiteral(x) => {
                let data: Vec<u8> = x.value.bytes().collect();
                let value = bytes::from_slice(&data)?;
                self.constant(value, None, x.range)
            }
            Expr::NumberLiteral(x) => {
                let value = match &x.value {
                    ast::Number::Int(i) => int_value(i)?,
                    ast::Number::Float(f) => float::from_f64(*f)?,
                    ast::Number::Complex { real, imag } => {
                        crate::object::complex::from_parts(*real, *imag)?
                    }
                };
                self.constant(value, None, x.range)
            }
            Expr::BooleanLiteral(x) => {
                let v = if x.value {
                    pybool::py_true()
                } else {
                    pybool::py_false()
                };
                self.constant(Owned::from_borrowed_static(v), None, x.range)
            }
            Expr::NoneLiteral(x) => self.constant(none::owned(), None, x.range),
            Expr::EllipsisLiteral(x) => {
                self.constant(Owned::from_borrowed_static(none::ellipsis()), None, x.range)
            }
            Expr::Attribute(x) => {
                let f = vec![
                    ("value", self.expr(&x.value)?),
                    ("attr", self.ident(&x.attr)?),
                    ("ctx", self.ctx(x.ctx)?),
                ];
                self.node("Attribute", f, r)
            }
            Expr::Subscript(x) => {
                let f = vec![
                    ("value", self.expr(&x.value)?),
                    ("slice", self.expr(&x.slice)?),
                    ("ctx", self.ctx(x.ctx)?),
                ];
                self.node("Subscript", f, r)
            }
            Expr::Starred(x) => {
                let f = vec![("value", self.expr(&x.value)?), ("ctx", self.ctx(x.ctx)?)];
                self.node("Starred", f, r)
            }
            Expr::Name(x) => {
                let f = vec![("id", self.str(x.id.as_str())?), ("ctx", self.ctx(x.ctx)?)];
                self.node("Name", f, r)
            }
            Expr::List(x) => {
                let f = vec![("elts", self.exprs(&x.elts)?), ("ctx", self.ctx(x.ctx)?)];
                self.node("List", f, r)
            }
            Expr::Tuple(x) => {
                let f = vec![("elts", self.exprs(&x.elts)?), ("ctx", self.ctx(x.ctx)?)];
                self.node("Tuple", f, r)
            }
            Expr::Slice(x) => {
                let f = vec![
                    ("lower", self.opt_expr(x.lower.as_deref())?),
                    ("upper", self.opt_expr(x.upper.as_deref())?),
                    ("step", self.opt_expr(x.step.as_deref())?),
                ];
                self.node("Slice", f, r)
            }
            Expr::IpyEscapeCommand(_) => {
                Err(errors::value_error("IPython escape commands have no AST"))
            }
        }
    }

    /// An f-string (possibly concatenated with other strings): a
    /// `JoinedStr` whose adjacent literal pieces are merged into one
    /// `Constant` spanning them.
    fn joined_str(&mut self, x: &ast::ExprFString) -> PyResult<Owned> {
        let mut parts = Parts::default();
        for part in x.value.iter() {
            match part {
                ast::FStringPart::Literal(s) => match self.surrogates(&s.value, s.range, None) {
                    Some(u) => parts.units(u, s.range),
                    None => parts.literal(&s.value, s.range),
                },
                ast::FStringPart::FString(fs) => {
                    let raw = fs.flags.prefix().is_raw();
                    self.elements(&fs.elements, &mut parts, raw)?
                }
            }
        }
        let values = parts.finish(self)?;
        self.node("JoinedStr", vec![("values", values)], Some(x.range))
    }

    /// The code points of a literal piece whose parsed value has U+FFFD
    /// (maybe a lone surrogate escape), decoded again from the source:
    /// a whole string token (`fstring_raw` None) or the text of an
    /// f-string literal element.
    fn surrogates(&self, value: &str, r: TextRange, fstring_raw: Option<bool>) -> Option<Vec<u32>> {
        if !value.contains('\u{fffd}') {
            return None;
        }
        let text = &self.source[usize::from(r.start())..usize::from(r.end())];
        match fstring_raw {
            None => decode_literal(text),
            Some(raw) => decode_body(text, raw, true),
        }
    }

    fn elements(
        &mut self,
        els: &ast::InterpolatedStringElements,
        parts: &mut Parts,
        raw: bool,
    ) -> PyResult<()> {
        for el in els.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => {
                    match self.surrogates(&l.value, l.range, Some(raw)) {
                        Some(u) => parts.units(u, l.range),
                        None => parts.literal(&l.value, l.range),
                    }
                }
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let mut conversion = match i.conversion {
                        ast::ConversionFlag::None => -1,
                        ast::ConversionFlag::Str => b's' as i64,
                        ast::ConversionFlag::Repr => b'r' as i64,
                        ast::ConversionFlag::Ascii => b'a' as i64,
                    };
                    if let Some(dbg) = &i.debug_text {
                        let er = i.expression.range();
                        let src = &self.source[usize::from(er.start())..usize::from(er.end())];
                        let start = i.range.start() + TextSize::from(1);
                        let len = dbg.leading().len() + src.len() + dbg.trailing().len();
                        let text = format!("{}{}{}", dbg.leading(), src, dbg.trailing());
                        let text = strip_comments(&text);
                        parts.literal(&text, TextRange::at(start, TextSize::from(len as u32)));
                        if conversion == -1 && i.format_spec.is_none() {
                            conversion = b'r' as i64;
                        }
                    }
                    parts.flush(self)?;
                    let spec = match &i.format_spec {
                        Some(spec) => {
                            let mut inner = Parts::default();
                            self.elements(&spec.elements, &mut inner, raw)?;
                            let values = inner.finish(self)?;
                            let range = TextRange::new(
                                spec.range.start() - TextSize::from(1),
                                spec.range.end(),
                            );
                            self.node("JoinedStr", vec![("values", values)], Some(range))?
                        }
                        None => none::owned(),
                    };
                    let f = vec![
                        ("value", self.expr(&i.expression)?),
                        ("conversion", small(conversion)?),
                        ("format_spec", spec),
                    ];
                    let v = self.node("FormattedValue", f, Some(i.range))?;
                    parts.values.push(v);
                }
            }
        }
        Ok(())
    }
}

/// The values of a `JoinedStr` being built: the finished nodes and the
/// literal text not yet flushed (with the range it spans).
#[derive(Default)]
struct Parts {
    values: Vec<Owned>,
    text: Vec<u32>,
    range: Option<TextRange>,
}

impl Parts {
    fn literal(&mut self, s: &str, r: TextRange) {
        self.units(s.chars().map(u32::from), r);
    }

    fn units(&mut self, s: impl IntoIterator<Item = u32>, r: TextRange) {
        let before = self.text.len();
        self.text.extend(s);
        if self.text.len() == before {
            return;
        }
        self.range = Some(match self.range {
            Some(p) => p.cover(r),
            None => r,
        });
    }

    fn flush(&mut self, cv: &mut ToPy) -> PyResult<()> {
        if let Some(r) = self.range.take() {
            let v = pystr::from_ucs4(&std::mem::take(&mut self.text))?;
            let c = cv.constant(v, None, r)?;
            self.values.push(c);
        }
        Ok(())
    }

    fn finish(mut self, cv: &mut ToPy) -> PyResult<Owned> {
        self.flush(cv)?;
        list::from_vec(self.values)
    }
}

/// The code points of a plain string literal token (prefix, quotes and
/// escapes as the tokenizer reads them), lone surrogates included; `None`
/// for forms left to the parser (`\\N{...}`).
fn decode_literal(token: &str) -> Option<Vec<u32>> {
    let quote_at = token.find(['\'', '"'])?;
    let prefix = token[..quote_at].to_ascii_lowercase();
    let q = &token[quote_at..];
    let qlen = if q.starts_with("\"\"\"") || q.starts_with("'''") {
        3
    } else {
        1
    };
    let body = q.get(qlen..q.len().checked_sub(qlen)?)?;
    decode_body(body, prefix.contains('r'), false)
}

/// The code points of a string literal's text between the quotes; in an
/// f-string (`fstring`) `{{` and `}}` stand for one brace.
fn decode_body(body: &str, raw: bool, fstring: bool) -> Option<Vec<u32>> {
    let mut out = Vec::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if fstring && (c == '{' || c == '}') {
            chars.next_if_eq(&c);
            out.push(u32::from(c));
            continue;
        }
        if c == '\r' {
            chars.next_if_eq(&'\n');
            out.push(u32::from('\n'));
            continue;
        }
        if c != '\\' || raw {
            out.push(u32::from(c));
            if c == '\\' {
                // In a raw string a backslash still keeps the next quote.
                if let Some(n) = chars.next() {
                    out.push(u32::from(n));
                }
            }
            continue;
        }
        let Some(e) = chars.next() else { break };
        let hex = |chars: &mut std::iter::Peekable<std::str::Chars>, n: usize| -> Option<u32> {
            let mut v = 0;
            for _ in 0..n {
                v = v * 16 + chars.next()?.to_digit(16)?;
            }
            Some(v)
        };
        match e {
            '\n' => {}
            '\r' => {
                chars.next_if_eq(&'\n');
            }
            'a' => out.push(7),
            'b' => out.push(8),
            'f' => out.push(12),
            'n' => out.push(10),
            'r' => out.push(13),
            't' => out.push(9),
            'v' => out.push(11),
            '0'..='7' => {
                let mut v = e.to_digit(8)?;
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(v);
            }
            'x' => out.push(hex(&mut chars, 2)?),
            'u' => out.push(hex(&mut chars, 4)?),
            'U' => out.push(hex(&mut chars, 8)?),
            'N' => return None,
            '\\' | '\'' | '"' => out.push(u32::from(e)),
            other => {
                out.push(u32::from('\\'));
                out.push(u32::from(other));
            }
        }
    }
    Some(out)
}

/// A debug f-string field's text (`{x = }`) without its comments, as
/// CPython's tokenizer leaves them out.
fn strip_comments(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('#') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut quote: Option<char> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '\'' | '"') => quote = Some(c),
            (None, '#') => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push(n);
                        break;
                    }
                }
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}

/// The value of an integer literal.
fn int_value(i: &ast::Int) -> PyResult<Owned> {
    match i.as_i64() {
        Some(v) => int::from_i64(v),
        None => int::parse_text(&i.to_string(), 0),
    }
}

fn operator_name(op: ast::Operator) -> &'static str {
    match op {
        ast::Operator::Add => "Add",
        ast::Operator::Sub => "Sub",
        ast::Operator::Mult => "Mult",
        ast::Operator::MatMult => "MatMult",
        ast::Operator::Div => "Div",
        ast::Operator::Mod => "Mod",
        ast::Operator::Pow => "Pow",
        ast::Operator::LShift => "LShift",
        ast::Operator::RShift => "RShift",
        ast::Operator::BitOr => "BitOr",
        ast::Operator::BitXor => "BitXor",
        ast::Operator::BitAnd => "BitAnd",
        ast::Operator::FloorDiv => "FloorDiv",
    }
}

/// `compile(source, filename, mode, PyCF_ONLY_AST)`: the source parsed
/// into `_ast` objects.
pub fn parse(
    source: &str,
    filename: &str,
    mode: ferrython_compiler::CompileMode,
) -> PyResult<Owned> {
    let tree = match ferrython_compiler::parse_only(source, filename, mode) {
        Ok(t) => t,
        Err(e) => return Err(crate::runtime::run::raise_syntax_error(&e)),
    };
    let mut cv = ToPy::new(tree.line_index())?;
    cv.module(
        tree.module(),
        mode == ferrython_compiler::CompileMode::Single,
    )
}

/// `compile(source, filename, "func_type", PyCF_ONLY_AST)`: a function
/// type comment `(argtypes) -> returns` as a `FunctionType`. Each side
/// is parsed as an expression in a copy of the source whose other side is
/// blanked out, so that positions stay those of the original text.
pub fn parse_func_type(source: &str, filename: &str) -> PyResult<Owned> {
    let Some(arrow) = top_level_arrow(source) else {
        let e =
            ferrython_compiler::parse_only("(", filename, ferrython_compiler::CompileMode::Eval)
                .err()
                .map(|mut e| {
                    e.msg = "invalid syntax".into();
                    e
                });
        return Err(match e {
            Some(e) => crate::runtime::run::raise_syntax_error(&e),
            None => errors::value_error("invalid function type"),
        });
    };
    // Byte for byte, so that offsets do not move.
    let blank = |range: std::ops::Range<usize>| -> Vec<u8> {
        let mut b = source.as_bytes().to_vec();
        for c in &mut b[range] {
            if *c != b'\n' && *c != b'\r' {
                *c = b' ';
            }
        }
        b
    };
    let left = blank(arrow..source.len());
    // The returns side is parenthesized so that its leading blanks parse.
    let mut right = blank(0..arrow + 2);
    right[0] = b'(';
    right.push(b')');
    let parse = |text: Vec<u8>| {
        let text =
            String::from_utf8(text).map_err(|_| errors::value_error("invalid function type"))?;
        ferrython_compiler::parse_only(&text, filename, ferrython_compiler::CompileMode::Eval)
            .map_err(|e| crate::runtime::run::raise_syntax_error(&e))
    };
    let lt = parse(left)?;
    let rt = parse(right)?;
    let (ast::Mod::Expression(le), ast::Mod::Expression(re)) = (lt.module(), rt.module()) else {
        return Err(errors::value_error("invalid function type"));
    };
    let open = source.len() - source.trim_start().len();
    let mut cv = ToPy::new(lt.line_index())?;
    let argtypes = match &*le.body {
        Expr::Tuple(t) if usize::from(t.range.start()) == open => cv.exprs(&t.elts)?,
        e => {
            let one = cv.expr(e)?;
            list::from_vec(vec![one])?
        }
    };
    let mut cv = ToPy::new(rt.line_index())?;
    let returns = cv.expr(&re.body)?;
    cv.node(
        "FunctionType",
        vec![("argtypes", argtypes), ("returns", returns)],
        None,
    )
}

/// The byte offset of the `->` outside brackets and strings.
fn top_level_arrow(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let (mut depth, mut i) = (0i32, 0);
    let mut quote: Option<u8> = None;
    while i < b.len() {
        match (quote, b[i]) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), b'\\') => i += 1,
            (Some(_), _) => {}
            (None, b'\'' | b'"') => quote = Some(b[i]),
            (None, b'(' | b'[' | b'{') => depth += 1,
            (None, b')' | b']' | b'}') => depth -= 1,
            (None, b'-') if depth == 0 && b.get(i + 1) == Some(&b'>') => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}
