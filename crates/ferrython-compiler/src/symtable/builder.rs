//! Pass 1 of the symbol table: the AST walk that records, per scope, how
//! each name is bound and used, and reports CPython's scope-related errors.

use std::collections::{HashMap, HashSet};

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::*;
use crate::error::SyntaxErrorInfo;
use crate::parse::LineIndex;

/// Pass 1: walk the AST, creating a table per scope with each name's flags.
pub(super) fn collect(
    module: &ast::Mod,
    index: &LineIndex,
    filename: &str,
    future_annotations: bool,
) -> Result<(Vec<SymbolTable>, HashMap<ScopeKey, usize>), SyntaxErrorInfo> {
    let mut b = Builder {
        tables: vec![SymbolTable::new(ScopeKind::Module, "top", 1, None)],
        keys: HashMap::new(),
        stack: vec![0],
        index,
        filename,
        error: None,
        future_annotations,
        class_stack: Vec::new(),
        in_annotation: false,
        private: None,
        comp_iter_expr: 0,
    };
    match module {
        ast::Mod::Module(m) => {
            b.visit_body(&m.body);
            if b.wants_eager_annotations() {
                b.visit_eager_annotations(&m.body);
            } else {
                // Every module-level annotation counts as conditional (a
                // module may run only partly), even under the future import.
                b.tables[0].has_conditional_annotations = has_annotations(&m.body);
            }
            if !future_annotations
                && !b.tables[0].eager_annotations
                && has_simple_annotations(&m.body)
            {
                let range = TextRange::new(0.into(), 0.into());
                b.enter(
                    ScopeKind::Annotation,
                    "__annotate__",
                    range,
                    KeyTag::Annotation,
                    1,
                );
                b.tables[*b.stack.last().unwrap()]
                    .params
                    .push("format".into());
                b.add_def("format", DEF_PARAM, range);
                b.add_use("__conditional_annotations__");
                b.visit_module_annotations(&m.body);
                b.leave();
            }
        }
        ast::Mod::Expression(e) => b.visit_expr(&e.body),
    }
    if let Some(e) = b.error {
        return Err(e);
    }
    Ok((b.tables, b.keys))
}

struct Builder<'a> {
    tables: Vec<SymbolTable>,
    keys: HashMap<ScopeKey, usize>,
    stack: Vec<usize>,
    index: &'a LineIndex,
    filename: &'a str,
    error: Option<SyntaxErrorInfo>,
    future_annotations: bool,
    /// Class tables enclosing the current point (for `__static_attributes__`).
    class_stack: Vec<usize>,
    in_annotation: bool,
    /// Name of the innermost class, for private name mangling.
    private: Option<String>,
    /// How many comprehension iterables enclose the current point
    /// (CPython's `ste_comp_iter_expr`, which nested scopes inherit): no
    /// assignment expression may appear there.
    comp_iter_expr: u32,
}

impl Builder<'_> {
    fn cur(&mut self) -> &mut SymbolTable {
        let i = *self.stack.last().unwrap();
        &mut self.tables[i]
    }

    fn err(&mut self, msg: impl Into<String>, range: TextRange) {
        if self.error.is_none() {
            self.error = Some(self.index.compile_error(msg, self.filename, range));
        }
    }

    fn enter(&mut self, kind: ScopeKind, name: &str, range: TextRange, tag: KeyTag, lineno: u32) {
        let parent = *self.stack.last().unwrap();
        let mut t = SymbolTable::new(kind, name, lineno, Some(parent));
        let pk = self.tables[parent].kind;
        t.nested = pk.is_function_like() || self.tables[parent].nested && pk == ScopeKind::Class;
        if matches!(
            kind,
            ScopeKind::Annotation | ScopeKind::TypeParams | ScopeKind::TypeAlias
        ) && pk == ScopeKind::Class
        {
            t.can_see_class_scope = true;
        }
        if matches!(kind, ScopeKind::Annotation | ScopeKind::TypeAlias)
            && self.tables[parent].can_see_class_scope
        {
            t.can_see_class_scope = true;
        }
        let idx = self.tables.len();
        self.tables.push(t);
        self.tables[parent].children.push(idx);
        self.keys.insert(ScopeKey::new(range, tag), idx);
        self.stack.push(idx);
        if self.tables[idx].can_see_class_scope {
            self.tables[idx].add("__classdict__", USE);
        }
    }

    fn leave(&mut self) {
        self.stack.pop();
    }

    fn line(&self, range: TextRange) -> u32 {
        self.index.line_col(range.start().into()).0
    }

    fn add_def(&mut self, name: &str, flag: u32, range: TextRange) {
        if name == "__debug__" && flag & (DEF_LOCAL | DEF_PARAM | DEF_IMPORT | DEF_TYPE_PARAM) != 0
        {
            self.err("cannot assign to __debug__", range);
            return;
        }
        let mangled = mangle(self.private.as_deref(), name);
        let name = mangled.as_str();
        let cur = self.cur();
        let old = cur.flags(name);
        if flag & DEF_PARAM != 0 && old & DEF_PARAM != 0 {
            self.err(
                format!("duplicate argument '{name}' in function definition"),
                range,
            );
            return;
        }
        if old & (DEF_GLOBAL | DEF_NONLOCAL) != 0
            && flag & DEF_ANNOT != 0
            && cur.kind != ScopeKind::Module
        {
            let which = if old & DEF_GLOBAL != 0 {
                "global"
            } else {
                "nonlocal"
            };
            self.err(format!("annotated name '{name}' can't be {which}"), range);
            return;
        }
        self.cur().add(name, flag);
    }

    fn add_use(&mut self, name: &str) {
        let mangled = mangle(self.private.as_deref(), name);
        self.cur().add(&mangled, USE);
    }

    fn visit_body(&mut self, body: &[Stmt]) {
        for s in body {
            self.visit_stmt(s);
        }
    }

    fn visit_stmt(&mut self, s: &Stmt) {
        if self.error.is_some() {
            return;
        }
        stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || self.visit_stmt_inner(s));
    }

    fn visit_params_defaults(&mut self, p: &ast::Parameters) {
        for a in p.posonlyargs.iter().chain(&p.args).chain(&p.kwonlyargs) {
            if let Some(d) = &a.default {
                self.visit_expr(d);
            }
        }
    }

    fn visit_params(&mut self, p: &ast::Parameters) {
        // CPython's `co_varnames` order: positional, keyword-only, *args, **kwargs.
        let mut all: Vec<&ast::Parameter> = Vec::new();
        all.extend(p.posonlyargs.iter().map(|a| &a.parameter));
        all.extend(p.args.iter().map(|a| &a.parameter));
        all.extend(p.kwonlyargs.iter().map(|a| &a.parameter));
        if let Some(v) = &p.vararg {
            all.push(v);
        }
        if let Some(k) = &p.kwarg {
            all.push(k);
        }
        for a in all {
            self.add_def(&a.name.id, DEF_PARAM, a.name.range);
            // Parameters are private names too: `def f(self, __a)` in class X
            // has the local `_X__a`.
            let mangled = mangle(self.private.as_deref(), &a.name.id);
            self.cur().params.push(mangled);
        }
    }

    fn param_annotations(p: &ast::Parameters) -> Vec<&Expr> {
        let mut out = Vec::new();
        for a in p.posonlyargs.iter().chain(&p.args) {
            out.extend(a.parameter.annotation.as_deref());
        }
        if let Some(v) = &p.vararg {
            out.extend(v.annotation.as_deref());
        }
        for a in &p.kwonlyargs {
            out.extend(a.parameter.annotation.as_deref());
        }
        if let Some(k) = &p.kwarg {
            out.extend(k.annotation.as_deref());
        }
        out
    }

    fn visit_type_params(&mut self, tp: &ast::TypeParams) {
        let mut seen = HashSet::new();
        let mut seen_default = false;
        for p in &tp.type_params {
            let (name, bound, default, default_info) = match p {
                ast::TypeParam::TypeVar(t) => (
                    &t.name,
                    t.bound.as_deref(),
                    t.default.as_deref(),
                    "a TypeVar default",
                ),
                ast::TypeParam::TypeVarTuple(t) => (
                    &t.name,
                    None,
                    t.default.as_deref(),
                    "a TypeVarTuple default",
                ),
                ast::TypeParam::ParamSpec(t) => {
                    (&t.name, None, t.default.as_deref(), "a ParamSpec default")
                }
            };
            let bound_info = if matches!(bound, Some(Expr::Tuple(_))) {
                "a TypeVar constraint"
            } else {
                "a TypeVar bound"
            };
            if default.is_some() {
                seen_default = true;
            } else if seen_default {
                self.err(
                    format!(
                        "non-default type parameter '{}' follows default type parameter",
                        name.id
                    ),
                    p.range(),
                );
                return;
            }
            if !seen.insert(name.id.to_string()) {
                self.err(
                    format!("duplicate type parameter '{}'", name.id),
                    name.range,
                );
                return;
            }
            self.add_def(&name.id, DEF_TYPE_PARAM | DEF_LOCAL, name.range);
            for (e, tag, info) in [
                (bound, KeyTag::Bound, bound_info),
                (default, KeyTag::Default, default_info),
            ] {
                if let Some(e) = e {
                    let line = self.line(e.range());
                    self.enter(ScopeKind::TypeAlias, &name.id, p.range(), tag, line);
                    self.cur().scope_info = Some(info);
                    self.visit_expr(e);
                    self.leave();
                }
            }
        }
    }

    fn visit_stmt_inner(&mut self, s: &Stmt) {
        match s {
            Stmt::FunctionDef(f) => {
                self.add_def(&f.name.id, DEF_LOCAL, f.name.range);
                for d in &f.decorator_list {
                    self.visit_expr(&d.expression);
                }
                self.visit_params_defaults(&f.parameters);
                let line = self.line(f.range);
                let line = f
                    .decorator_list
                    .first()
                    .map(|d| self.line(d.range))
                    .unwrap_or(line)
                    .min(line);
                if let Some(tp) = &f.type_params {
                    let name = format!("<generic parameters of {}>", f.name.id);
                    self.enter(
                        ScopeKind::TypeParams,
                        &name,
                        f.range,
                        KeyTag::TypeParams,
                        line,
                    );
                    if f.parameters
                        .posonlyargs
                        .iter()
                        .chain(&f.parameters.args)
                        .any(|a| a.default.is_some())
                    {
                        self.add_def(".defaults", DEF_PARAM, f.range);
                        self.cur().params.push(".defaults".into());
                    } else {
                        // CPython always declares it (unused without defaults).
                        self.add_def(".defaults", DEF_LOCAL, f.range);
                    }
                    if f.parameters.kwonlyargs.iter().any(|a| a.default.is_some()) {
                        self.add_def(".kwdefaults", DEF_PARAM, f.range);
                        self.cur().params.push(".kwdefaults".into());
                    }
                    self.visit_type_params(tp);
                }
                self.visit_function_annotations(f, line);
                self.enter(ScopeKind::Function, &f.name.id, f.range, KeyTag::Body, line);
                if f.is_async {
                    self.cur().is_coroutine = true;
                }
                self.visit_params(&f.parameters);
                self.visit_body(&f.body);
                self.leave();
                if f.type_params.is_some() {
                    self.leave();
                }
            }
            Stmt::ClassDef(c) => {
                self.add_def(&c.name.id, DEF_LOCAL, c.name.range);
                for d in &c.decorator_list {
                    self.visit_expr(&d.expression);
                }
                let line = self.line(c.range);
                let line = c
                    .decorator_list
                    .first()
                    .map(|d| self.line(d.range))
                    .unwrap_or(line)
                    .min(line);
                if let Some(tp) = &c.type_params {
                    let name = format!("<generic parameters of {}>", c.name.id);
                    self.enter(
                        ScopeKind::TypeParams,
                        &name,
                        c.range,
                        KeyTag::TypeParams,
                        line,
                    );
                    self.add_def(".type_params", DEF_LOCAL, c.range);
                    self.visit_type_params(tp);
                    self.add_use(".type_params");
                    self.add_def(".generic_base", DEF_LOCAL, c.range);
                    self.add_use(".generic_base");
                }
                if let Some(args) = &c.arguments {
                    for a in args.args.iter() {
                        self.visit_expr(a);
                    }
                    for k in &args.keywords {
                        self.visit_expr(&k.value);
                    }
                }
                self.enter(ScopeKind::Class, &c.name.id, c.range, KeyTag::Body, line);
                if c.type_params.is_some() {
                    self.add_def("__type_params__", DEF_LOCAL, c.range);
                    self.add_use(".type_params");
                }
                let me = *self.stack.last().unwrap();
                self.class_stack.push(me);
                let saved_private = self.private.replace(c.name.id.to_string());
                self.visit_body(&c.body);
                if self.wants_eager_annotations() {
                    self.visit_eager_annotations(&c.body);
                } else if !self.future_annotations && has_simple_annotations(&c.body) {
                    let conditional = has_conditional_annotations(&c.body);
                    self.cur().has_conditional_annotations = conditional;
                    self.enter(
                        ScopeKind::Annotation,
                        "__annotate__",
                        c.range,
                        KeyTag::Annotation,
                        line,
                    );
                    self.cur().params.push("format".into());
                    self.add_def("format", DEF_PARAM, c.range);
                    if conditional {
                        self.add_use("__conditional_annotations__");
                    }
                    self.visit_module_annotations(&c.body);
                    self.leave();
                }
                self.class_stack.pop();
                self.private = saved_private;
                self.leave();
                if c.type_params.is_some() {
                    self.leave();
                }
            }
            Stmt::Return(r) => {
                if !self.cur().kind.is_function_like() {
                    self.err("'return' outside function", r.range);
                    return;
                }
                if let Some(v) = &r.value {
                    self.visit_expr(v);
                }
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.visit_expr(t);
                }
            }
            Stmt::TypeAlias(t) => {
                if let Expr::Name(n) = &*t.name {
                    self.add_def(&n.id, DEF_LOCAL, n.range);
                    let line = self.line(t.range);
                    if let Some(tp) = &t.type_params {
                        let name = format!("<generic parameters of {}>", n.id);
                        self.enter(
                            ScopeKind::TypeParams,
                            &name,
                            t.range,
                            KeyTag::TypeParams,
                            line,
                        );
                        self.visit_type_params(tp);
                    }
                    self.enter(ScopeKind::TypeAlias, &n.id, t.range, KeyTag::Body, line);
                    self.visit_expr(&t.value);
                    self.leave();
                    if t.type_params.is_some() {
                        self.leave();
                    }
                }
            }
            Stmt::Assign(a) => {
                self.visit_expr(&a.value);
                for t in &a.targets {
                    self.visit_expr(t);
                }
            }
            Stmt::AugAssign(a) => {
                match &*a.target {
                    // `self.x += 1` is not a static attribute assignment.
                    Expr::Attribute(at) => self.visit_expr(&at.value),
                    t => self.visit_expr(t),
                }
                if let Expr::Name(n) = &*a.target {
                    self.add_use(&n.id);
                }
                self.visit_expr(&a.value);
            }
            Stmt::AnnAssign(a) => {
                if let Expr::Name(n) = &*a.target {
                    let old = self.cur().flags(&n.id);
                    if old & (DEF_GLOBAL | DEF_NONLOCAL) != 0
                        && a.simple
                        && self.cur().kind != ScopeKind::Module
                    {
                        let which = if old & DEF_GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        self.err(
                            format!("annotated name '{}' can't be {which}", n.id),
                            n.range,
                        );
                        return;
                    }
                    if a.simple {
                        self.add_def(&n.id, DEF_ANNOT | DEF_LOCAL, n.range);
                    } else if a.value.is_some() {
                        self.add_def(&n.id, DEF_LOCAL, n.range);
                    }
                } else {
                    self.visit_expr(&a.target);
                }
                // Annotations of locals in functions are never evaluated (3.14);
                // module/class ones are visited in the `__annotate__` scope;
                // stringified ones are only checked.
                if self.future_annotations {
                    self.check_stringified(&a.annotation);
                }
                if let Some(v) = &a.value {
                    self.visit_expr(v);
                }
            }
            Stmt::For(f) => {
                self.visit_expr(&f.target);
                self.visit_expr(&f.iter);
                self.visit_body(&f.body);
                self.visit_body(&f.orelse);
                if f.is_async {
                    self.check_async(f.range, "'async for' outside async function");
                }
            }
            Stmt::While(w) => {
                self.visit_expr(&w.test);
                self.visit_body(&w.body);
                self.visit_body(&w.orelse);
            }
            Stmt::If(i) => {
                self.visit_expr(&i.test);
                self.visit_body(&i.body);
                for c in &i.elif_else_clauses {
                    if let Some(t) = &c.test {
                        self.visit_expr(t);
                    }
                    self.visit_body(&c.body);
                }
            }
            Stmt::With(w) => {
                for item in &w.items {
                    self.visit_expr(&item.context_expr);
                    if let Some(v) = &item.optional_vars {
                        self.visit_expr(v);
                    }
                }
                self.visit_body(&w.body);
                if w.is_async {
                    self.check_async(w.range, "'async with' outside async function");
                }
            }
            Stmt::Match(m) => {
                self.visit_expr(&m.subject);
                for c in &m.cases {
                    self.visit_pattern(&c.pattern);
                    if let Some(g) = &c.guard {
                        self.visit_expr(g);
                    }
                    self.visit_body(&c.body);
                }
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.visit_expr(e);
                }
                if let Some(e) = &r.cause {
                    self.visit_expr(e);
                }
            }
            Stmt::Try(t) => {
                self.visit_body(&t.body);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(ty) = &h.type_ {
                        self.visit_expr(ty);
                    }
                    if let Some(n) = &h.name {
                        self.add_def(&n.id, DEF_LOCAL, n.range);
                    }
                    self.visit_body(&h.body);
                }
                self.visit_body(&t.orelse);
                self.visit_body(&t.finalbody);
            }
            Stmt::Assert(a) => {
                self.visit_expr(&a.test);
                if let Some(m) = &a.msg {
                    self.visit_expr(m);
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let bound = match &a.asname {
                        Some(n) => n.id.to_string(),
                        None => a.name.id.split('.').next().unwrap_or("").to_string(),
                    };
                    self.add_def(&bound, DEF_IMPORT, a.range);
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    if &*a.name.id == "*" {
                        if self.cur().kind != ScopeKind::Module {
                            self.err("import * only allowed at module level", a.range);
                        }
                        continue;
                    }
                    let bound = a.asname.as_ref().unwrap_or(&a.name);
                    self.add_def(&bound.id, DEF_IMPORT, a.range);
                }
            }
            Stmt::Global(g) => {
                for n in &g.names {
                    let mangled = mangle(self.private.as_deref(), &n.id);
                    let old = self.cur().flags(&mangled);
                    let msg = if old & DEF_PARAM != 0 {
                        Some(format!("name '{}' is parameter and global", n.id))
                    } else if old & DEF_NONLOCAL != 0 {
                        let at = self.directive_range(&mangled).unwrap_or(g.range);
                        self.err(format!("name '{}' is nonlocal and global", n.id), at);
                        return;
                    } else if old & DEF_ANNOT != 0 {
                        Some(format!("annotated name '{}' can't be global", n.id))
                    } else if old & (DEF_LOCAL | DEF_IMPORT) != 0 {
                        Some(format!(
                            "name '{}' is assigned to before global declaration",
                            n.id
                        ))
                    } else if old & USE != 0 {
                        Some(format!(
                            "name '{}' is used prior to global declaration",
                            n.id
                        ))
                    } else {
                        None
                    };
                    if let Some(m) = msg {
                        self.err(m, g.range);
                        return;
                    }
                    self.cur().add(&mangled, DEF_GLOBAL);
                    self.record_directive(&mangled, g.range);
                    // As in CPython, the module scope learns about it too, so
                    // module-level code uses LOAD_GLOBAL/STORE_GLOBAL for it.
                    self.tables[0].add(&mangled, DEF_GLOBAL);
                }
            }
            Stmt::Nonlocal(g) => {
                if self.cur().kind == ScopeKind::Module {
                    self.err("nonlocal declaration not allowed at module level", g.range);
                    return;
                }
                for n in &g.names {
                    let mangled = mangle(self.private.as_deref(), &n.id);
                    let old = self.cur().flags(&mangled);
                    let msg = if old & DEF_PARAM != 0 {
                        Some(format!("name '{}' is parameter and nonlocal", n.id))
                    } else if old & DEF_GLOBAL != 0 {
                        let at = self.directive_range(&mangled).unwrap_or(g.range);
                        self.err(format!("name '{}' is nonlocal and global", n.id), at);
                        return;
                    } else if old & DEF_ANNOT != 0 {
                        Some(format!("annotated name '{}' can't be nonlocal", n.id))
                    } else if old & (DEF_LOCAL | DEF_IMPORT) != 0 {
                        Some(format!(
                            "name '{}' is assigned to before nonlocal declaration",
                            n.id
                        ))
                    } else if old & USE != 0 {
                        Some(format!(
                            "name '{}' is used prior to nonlocal declaration",
                            n.id
                        ))
                    } else {
                        None
                    };
                    if let Some(m) = msg {
                        self.err(m, g.range);
                        return;
                    }
                    self.cur().add(&mangled, DEF_NONLOCAL);
                    self.record_directive(&mangled, g.range);
                }
            }
            Stmt::Expr(e) => self.visit_expr(&e.value),
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => {}
            Stmt::IpyEscapeCommand(x) => self.err("invalid syntax", x.range),
        }
    }

    fn visit_function_annotations(&mut self, f: &ast::StmtFunctionDef, line: u32) {
        let anns = Self::param_annotations(&f.parameters);
        if anns.is_empty() && f.returns.is_none() {
            return;
        }
        if self.future_annotations {
            for a in anns.into_iter().chain(f.returns.as_deref()) {
                self.check_stringified(a);
            }
            return;
        }
        self.enter(
            ScopeKind::Annotation,
            "__annotate__",
            f.range,
            KeyTag::Annotation,
            line,
        );
        self.cur().params.push("format".into());
        self.add_def("format", DEF_PARAM, f.range);
        let saved = self.in_annotation;
        self.in_annotation = true;
        for a in anns {
            self.visit_expr(a);
        }
        if let Some(r) = &f.returns {
            self.visit_expr(r);
        }
        self.in_annotation = saved;
        self.leave();
    }

    /// Whether the current module or class body, just visited, names
    /// `__annotations__` itself (and has no future import): then it keeps
    /// 3.13's eager annotations, which such code relies on.
    fn wants_eager_annotations(&mut self) -> bool {
        !self.future_annotations && self.cur().lookup("__annotations__").is_some()
    }

    /// Eager (3.13) annotations are evaluated in the body's own scope, each
    /// when its statement runs: simple names into `__annotations__`,
    /// complex targets' annotations evaluated and dropped.
    fn visit_eager_annotations(&mut self, body: &[Stmt]) {
        self.cur().eager_annotations = true;
        let mut anns: Vec<&Expr> = Vec::new();
        for_each_annassign(body, &mut |a, _| anns.push(&a.annotation));
        for a in anns {
            self.visit_expr(a);
        }
    }

    fn visit_module_annotations(&mut self, body: &[Stmt]) {
        let mut anns: Vec<&Expr> = Vec::new();
        for_each_annassign(body, &mut |a, _| {
            if a.simple && a.target.is_name_expr() {
                anns.push(&a.annotation);
            }
        });
        let saved = self.in_annotation;
        self.in_annotation = true;
        for a in anns {
            self.visit_expr(a);
        }
        self.in_annotation = saved;
    }

    /// Notes where the first `global` or `nonlocal` statement naming
    /// `name` in this scope is: errors about the name point there, as
    /// CPython's `error_at_directive` does.
    fn record_directive(&mut self, name: &str, range: TextRange) {
        let cur = self.cur();
        let si = cur.index[name];
        let at = &mut cur.symbols[si].decl_at;
        if at.is_none() {
            *at = Some((range.start().into(), range.end().into()));
        }
    }

    /// The first `global`/`nonlocal` statement naming `name` here.
    fn directive_range(&mut self, name: &str) -> Option<TextRange> {
        let (s, e) = self.cur().lookup(name)?.decl_at?;
        Some(TextRange::new(s.into(), e.into()))
    }

    fn check_async(&mut self, range: TextRange, msg: &str) {
        let t = self.cur();
        if t.kind == ScopeKind::Module {
            // Allowed only with top-level-await flag; the compiler decides
            // (and makes the module code a coroutine).
            t.has_await = true;
            return;
        }
        if !t.is_coroutine && t.kind != ScopeKind::Comprehension {
            self.err(msg, range);
        }
    }

    fn visit_pattern(&mut self, p: &ast::Pattern) {
        stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || self.visit_pattern_inner(p));
    }

    fn visit_pattern_inner(&mut self, p: &ast::Pattern) {
        use ast::Pattern as P;
        match p {
            P::MatchValue(v) => self.visit_expr(&v.value),
            P::MatchSingleton(_) => {}
            P::MatchSequence(s) => s.patterns.iter().for_each(|p| self.visit_pattern(p)),
            P::MatchMapping(m) => {
                for k in &m.keys {
                    self.visit_expr(k);
                }
                for p in &m.patterns {
                    self.visit_pattern(p);
                }
                if let Some(r) = &m.rest {
                    self.add_def(&r.id, DEF_LOCAL, r.range);
                }
            }
            P::MatchClass(c) => {
                self.visit_expr(&c.cls);
                for p in &c.arguments.patterns {
                    self.visit_pattern(p);
                }
                for k in &c.arguments.keywords {
                    self.visit_pattern(&k.pattern);
                }
            }
            P::MatchStar(s) => {
                if let Some(n) = &s.name {
                    self.add_def(&n.id, DEF_LOCAL, n.range);
                }
            }
            P::MatchAs(a) => {
                if let Some(p) = &a.pattern {
                    self.visit_pattern(p);
                }
                if let Some(n) = &a.name {
                    self.add_def(&n.id, DEF_LOCAL, n.range);
                }
            }
            P::MatchOr(o) => o.patterns.iter().for_each(|p| self.visit_pattern(p)),
        }
    }

    fn visit_expr(&mut self, e: &Expr) {
        if self.error.is_some() {
            return;
        }
        stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || self.visit_expr_inner(e));
    }

    fn visit_comprehension(
        &mut self,
        e: &Expr,
        name: &str,
        generators: &[ast::Comprehension],
        elts: &[&Expr],
        is_generator: bool,
    ) {
        let Some(first) = generators.first() else {
            return;
        };
        self.visit_comp_iter(&first.iter);
        let line = self.line(e.range());
        self.enter(
            ScopeKind::Comprehension,
            name,
            e.range(),
            KeyTag::Body,
            line,
        );
        self.cur().params.push(".0".into());
        self.add_def(".0", DEF_PARAM, e.range());
        if is_generator {
            self.cur().is_generator = true;
        }
        for (i, g) in generators.iter().enumerate() {
            if g.is_async {
                self.cur().is_coroutine = true;
            }
            self.visit_comp_target(&g.target);
            if i > 0 {
                self.visit_comp_iter(&g.iter);
            }
            for c in &g.ifs {
                self.visit_expr(c);
            }
        }
        for x in elts {
            self.visit_expr(x);
        }
        let me = *self.stack.last().unwrap();
        // A generator expression stays an object of its own (an async
        // generator) and does not make its enclosing scope async.
        let is_async = (self.tables[me].is_coroutine || self.tables[me].has_await) && !is_generator;
        self.leave();
        // An async comprehension makes an enclosing comprehension async too.
        let parent = *self.stack.last().unwrap();
        if is_async
            && matches!(
                self.tables[parent].kind,
                ScopeKind::Comprehension | ScopeKind::Module
            )
        {
            self.tables[parent].has_await = true;
        }
    }

    fn visit_comp_iter(&mut self, iter: &Expr) {
        self.comp_iter_expr += 1;
        self.visit_expr(iter);
        self.comp_iter_expr -= 1;
    }

    fn visit_comp_target(&mut self, t: &Expr) {
        stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || {
            self.visit_comp_target_inner(t)
        });
    }

    fn visit_comp_target_inner(&mut self, t: &Expr) {
        match t {
            Expr::Name(n) => {
                let mangled = mangle(self.private.as_deref(), &n.id);
                if self.cur().flags(&mangled) & DEF_COMP_WALRUS != 0 {
                    self.err(
                        format!(
                            "comprehension inner loop cannot rebind assignment expression target '{}'",
                            n.id
                        ),
                        n.range,
                    );
                    return;
                }
                self.add_def(&n.id, DEF_LOCAL | DEF_COMP_ITER, n.range)
            }
            Expr::Tuple(x) => x.elts.iter().for_each(|e| self.visit_comp_target(e)),
            Expr::List(x) => x.elts.iter().for_each(|e| self.visit_comp_target(e)),
            Expr::Starred(s) => self.visit_comp_target(&s.value),
            other => self.visit_expr(other),
        }
    }

    fn visit_walrus_target(&mut self, written: &str, range: TextRange) {
        let mangled = mangle(self.private.as_deref(), written);
        let name = mangled.as_str();
        // Inside comprehensions the target binds in the nearest enclosing
        // non-comprehension scope.
        let mut depth = self.stack.len() - 1;
        if self.tables[self.stack[depth]].kind != ScopeKind::Comprehension {
            self.add_def(name, DEF_LOCAL, range);
            return;
        }
        let mut i = depth;
        loop {
            let t = &self.tables[self.stack[i]];
            if t.kind == ScopeKind::Comprehension {
                if t.flags(name) & DEF_COMP_ITER != 0 {
                    self.err(
                        format!("assignment expression cannot rebind comprehension iteration variable '{written}'"),
                        range,
                    );
                    return;
                }
                if i == 0 {
                    break;
                }
                i -= 1;
                continue;
            }
            break;
        }
        let target = self.stack[i];
        match self.tables[target].kind {
            ScopeKind::Class => {
                self.err(
                    "assignment expression within a comprehension cannot be used in a class body",
                    range,
                );
            }
            ScopeKind::Module => {
                self.tables[target].add(name, DEF_GLOBAL | DEF_COMP_WALRUS);
                while depth > i {
                    let t = self.stack[depth];
                    self.tables[t].add(name, DEF_GLOBAL | DEF_COMP_WALRUS);
                    depth -= 1;
                }
            }
            _ => {
                // A name the function declared global stays global in the
                // comprehensions too.
                let how = if self.tables[target].flags(name) & DEF_GLOBAL != 0 {
                    DEF_GLOBAL
                } else {
                    DEF_NONLOCAL
                };
                self.tables[target].add(name, DEF_LOCAL);
                while depth > i {
                    let t = self.stack[depth];
                    self.tables[t].add(name, how | DEF_COMP_WALRUS);
                    depth -= 1;
                }
            }
        }
    }

    /// Reports a yield, await or named expression in an annotation that
    /// `from __future__ import annotations` keeps as a string.
    fn check_stringified(&mut self, annotation: &Expr) {
        if let Some((what, range)) = super::stringified::refused_in(annotation) {
            self.err(format!("{what} cannot be used within an annotation"), range);
        }
    }

    /// CPython's `symtable_raise_if_annotation_block`: `what` (a yield,
    /// await or named expression) refused in an annotation, type-variable,
    /// type-alias or type-parameter scope. True when it was refused.
    fn refuse_in_annotation_scope(&mut self, what: &str, range: TextRange) -> bool {
        let t = self.cur();
        let within = match (t.kind, t.scope_info) {
            (ScopeKind::Annotation, _) => "an annotation",
            (ScopeKind::TypeAlias, Some(info)) => info,
            (ScopeKind::TypeAlias, None) => "a type alias",
            (ScopeKind::TypeParams, _) => "the definition of a generic",
            _ => return false,
        };
        self.err(format!("{what} cannot be used within {within}"), range);
        true
    }

    fn note_yield(&mut self, range: TextRange, what: &str) {
        if self.refuse_in_annotation_scope("yield expression", range) {
            return;
        }
        let t = self.cur();
        match t.kind {
            ScopeKind::Module | ScopeKind::Class => {
                self.err(format!("'{what}' outside function"), range);
            }
            ScopeKind::Comprehension => {
                let kind = match t.name.as_str() {
                    "<listcomp>" => "list comprehension",
                    "<setcomp>" => "set comprehension",
                    "<dictcomp>" => "dict comprehension",
                    _ => "generator expression",
                };
                // CPython says 'yield' for `yield from` too.
                self.err(format!("'yield' inside {kind}"), range);
            }
            _ => t.is_generator = true,
        }
    }

    fn visit_expr_inner(&mut self, e: &Expr) {
        match e {
            Expr::BoolOp(b) => b.values.iter().for_each(|v| self.visit_expr(v)),
            Expr::Named(n) => {
                if self.refuse_in_annotation_scope("named expression", n.range) {
                    return;
                }
                if self.comp_iter_expr > 0 {
                    self.err(
                        "assignment expression cannot be used in a comprehension iterable expression",
                        n.range,
                    );
                    return;
                }
                self.visit_expr(&n.value);
                if let Expr::Name(t) = &*n.target {
                    self.visit_walrus_target(&t.id, t.range);
                }
            }
            Expr::BinOp(b) => {
                self.visit_expr(&b.left);
                self.visit_expr(&b.right);
            }
            Expr::UnaryOp(u) => self.visit_expr(&u.operand),
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.visit_params_defaults(p);
                }
                let line = self.line(l.range);
                self.enter(ScopeKind::Lambda, "lambda", l.range, KeyTag::Body, line);
                if let Some(p) = &l.parameters {
                    self.visit_params(p);
                }
                self.visit_expr(&l.body);
                self.leave();
            }
            Expr::If(i) => {
                self.visit_expr(&i.test);
                self.visit_expr(&i.body);
                self.visit_expr(&i.orelse);
            }
            Expr::Dict(d) => {
                for it in &d.items {
                    if let Some(k) = &it.key {
                        self.visit_expr(k);
                    }
                    self.visit_expr(&it.value);
                }
            }
            Expr::Set(s) => s.elts.iter().for_each(|v| self.visit_expr(v)),
            Expr::ListComp(c) => {
                self.visit_comprehension(e, "<listcomp>", &c.generators, &[&c.elt], false)
            }
            Expr::SetComp(c) => {
                self.visit_comprehension(e, "<setcomp>", &c.generators, &[&c.elt], false)
            }
            Expr::DictComp(c) => {
                let mut elts: Vec<&Expr> = Vec::new();
                if let Some(k) = &c.key {
                    elts.push(k);
                }
                elts.push(&c.value);
                self.visit_comprehension(e, "<dictcomp>", &c.generators, &elts, false)
            }
            Expr::Generator(c) => {
                self.visit_comprehension(e, "<genexpr>", &c.generators, &[&c.elt], true)
            }
            Expr::Await(a) => {
                if self.refuse_in_annotation_scope("await expression", a.range) {
                    return;
                }
                let t = self.cur();
                match t.kind {
                    ScopeKind::Module => {}
                    ScopeKind::Class => self.err("'await' outside function", a.range),
                    ScopeKind::Function | ScopeKind::Lambda if !t.is_coroutine => {
                        self.err("'await' outside async function", a.range)
                    }
                    _ => {}
                }
                self.cur().has_await = true;
                self.visit_expr(&a.value);
            }
            Expr::Yield(y) => {
                self.note_yield(y.range, "yield");
                if let Some(v) = &y.value {
                    self.visit_expr(v);
                }
            }
            Expr::YieldFrom(y) => {
                self.note_yield(y.range, "yield from");
                if self.cur().is_coroutine && self.cur().kind == ScopeKind::Function {
                    self.err("'yield from' inside async function", y.range);
                }
                self.visit_expr(&y.value);
            }
            Expr::Compare(c) => {
                self.visit_expr(&c.left);
                c.comparators.iter().for_each(|v| self.visit_expr(v));
            }
            Expr::Call(c) => {
                self.visit_expr(&c.func);
                c.arguments.args.iter().for_each(|v| self.visit_expr(v));
                for k in c.arguments.keywords.iter() {
                    if k.arg.as_ref().is_some_and(|a| a.id == "__debug__") {
                        self.err("cannot assign to __debug__", k.range);
                    }
                    self.visit_expr(&k.value);
                }
            }
            Expr::FString(f) => {
                for part in f.value.iter() {
                    if let ast::FStringPart::FString(fs) = part {
                        self.visit_fstring_elements(&fs.elements);
                    }
                }
            }
            Expr::TString(t) => {
                for part in t.value.iter() {
                    self.visit_fstring_elements(&part.elements);
                }
            }
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => {}
            Expr::Attribute(a) => {
                self.visit_expr(&a.value);
                if a.ctx.is_store() && &*a.attr.id == "__debug__" {
                    self.err("cannot assign to __debug__", a.range);
                }
                if a.ctx.is_store() {
                    if let Expr::Name(n) = &*a.value {
                        self.note_static_attribute(&n.id, &a.attr.id);
                    }
                }
            }
            Expr::Subscript(s) => {
                self.visit_expr(&s.value);
                self.visit_expr(&s.slice);
            }
            Expr::Starred(s) => self.visit_expr(&s.value),
            Expr::Name(n) => {
                match n.ctx {
                    ast::ExprContext::Load => {
                        self.add_use(&n.id);
                        if &*n.id == "super" && self.cur().kind.is_function_like() {
                            self.add_use("__class__");
                        }
                    }
                    ast::ExprContext::Store | ast::ExprContext::Del => {
                        if &*n.id == "__debug__" {
                            let what = if n.ctx.is_del() {
                                "delete"
                            } else {
                                "assign to"
                            };
                            self.err(format!("cannot {what} __debug__"), n.range);
                        }
                        self.add_def(&n.id, DEF_LOCAL, n.range)
                    }
                    ast::ExprContext::Invalid => {}
                }
                if &*n.id == "__class__" && self.cur().kind.is_function_like() {
                    self.add_use("__class__");
                }
            }
            Expr::List(l) => l.elts.iter().for_each(|v| self.visit_expr(v)),
            Expr::Tuple(l) => l.elts.iter().for_each(|v| self.visit_expr(v)),
            Expr::Slice(s) => {
                for x in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.visit_expr(x);
                }
            }
            Expr::IpyEscapeCommand(x) => self.err("invalid syntax", x.range),
        }
    }

    fn note_static_attribute(&mut self, obj: &str, attr: &str) {
        // `self.X = ...` in any function nested in the innermost class
        // (CPython 3.13 looks for the literal name `self`).
        let Some(&class) = self.class_stack.last() else {
            return;
        };
        let cur = *self.stack.last().unwrap();
        if cur == class || obj != "self" || !self.tables[cur].kind.is_function_like() {
            return;
        }
        let attrs = &mut self.tables[class].static_attributes;
        if !attrs.iter().any(|a| a == attr) {
            attrs.push(attr.to_string());
        }
    }

    fn visit_fstring_elements(&mut self, elements: &ast::InterpolatedStringElements) {
        for el in elements.iter() {
            if let ast::InterpolatedStringElement::Interpolation(i) = el {
                self.visit_expr(&i.expression);
                if let Some(spec) = &i.format_spec {
                    self.visit_fstring_elements(&spec.elements);
                }
            }
        }
    }
}
