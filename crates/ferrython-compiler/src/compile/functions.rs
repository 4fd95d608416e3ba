//! Functions, lambdas, classes, annotations (PEP 649/749 `__annotate__`)
//! and PEP 695 type parameters / `type` aliases.

use std::collections::HashMap;

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::{docstring, Compiler, NameOp};
use crate::bytecode::{
    co_flags, fn_attr, BigInt, CodeObject, Constant, Intrinsic1, Intrinsic2, Opcode,
};
use crate::symtable::{self, KeyTag, ScopeKind};

impl<'a> Compiler<'a> {
    /// Code object flags and prologue for a new function-like unit.
    pub(crate) fn function_prologue(&mut self) {
        use Opcode::*;
        let t = self.table();
        let mut flags = co_flags::OPTIMIZED | co_flags::NEWLOCALS;
        if t.nested {
            flags |= co_flags::NESTED;
        }
        let is_async = t.is_coroutine || (t.kind == ScopeKind::Comprehension && t.has_await);
        let is_gen = t.is_generator;
        if is_gen && is_async {
            flags |= co_flags::ASYNC_GENERATOR;
        } else if is_gen {
            flags |= co_flags::GENERATOR;
        } else if is_async {
            flags |= co_flags::COROUTINE;
        }
        self.u().flags |= flags;
        self.emit_cells_prologue();
        if is_gen || is_async {
            // CPython gives a generator's prologue its line but no columns.
            let def = self.loc();
            self.u().loc = crate::parse::Location {
                end_lineno: 0,
                col: 0,
                end_col: 0,
                ..def
            };
            self.emit(RETURN_GENERATOR, 0);
            self.emit(POP_TOP, 0);
            self.emit(RESUME, 0);
            self.u().loc = def;
        } else {
            self.emit(RESUME, 0);
        }
    }

    /// `MAKE_CELL` for every cell and `COPY_FREE_VARS` for free variables,
    /// without a location (as CPython has them).
    pub(crate) fn emit_cells_prologue(&mut self) {
        let def = self.loc();
        self.set_no_loc();
        let kinds = self.unit().kinds.clone();
        let nfree = kinds
            .iter()
            .filter(|k| *k & crate::bytecode::fast_kind::FREE != 0)
            .count();
        if nfree > 0 {
            self.emit(Opcode::COPY_FREE_VARS, nfree as u32);
        }
        for (i, k) in kinds.iter().enumerate() {
            if k & crate::bytecode::fast_kind::CELL != 0 {
                self.emit(Opcode::MAKE_CELL, i as u32);
            }
        }
        self.u().loc = def;
    }

    /// Wrap a generator body so a leaking `StopIteration` becomes `RuntimeError`.
    fn with_generator_guard(&mut self, f: impl FnOnce(&mut Self)) {
        let t = self.table();
        let is_gen =
            t.is_generator || t.is_coroutine || (t.kind == ScopeKind::Comprehension && t.has_await);
        if !is_gen {
            f(self);
            return;
        }
        let handler = self.new_label();
        self.push_handler(handler, true, 0);
        f(self);
        self.pop_handler();
        self.bind(handler);
        self.set_no_loc();
        self.emit(
            Opcode::CALL_INTRINSIC_1,
            Intrinsic1::StopIterationError as u32,
        );
        self.emit(Opcode::RERAISE, 1);
    }

    /// Push `LOAD_FAST cell...; BUILD_TUPLE`, `LOAD_CONST code`,
    /// `MAKE_FUNCTION` and the closure attribute. Other attribute values
    /// (`extra_flags`) must already be on the stack, pushed in the order
    /// defaults, kwdefaults, annotations, annotate.
    pub(crate) fn make_closure(&mut self, code: CodeObject, extra_flags: u32) {
        use Opcode::*;
        let free: Vec<String> = code.freevars().iter().map(|s| s.to_string()).collect();
        let mut flags = extra_flags;
        if !free.is_empty() {
            for name in &free {
                let i = self.fast_index(name);
                self.emit(LOAD_FAST, i);
            }
            self.emit(BUILD_TUPLE, free.len() as u32);
            flags |= fn_attr::CLOSURE;
        }
        let ci = self.u().add_const(Constant::Code(Box::new(code)));
        self.emit(LOAD_CONST, ci);
        self.emit(MAKE_FUNCTION, 0);
        for bit in [
            fn_attr::CLOSURE,
            fn_attr::ANNOTATE,
            fn_attr::ANNOTATIONS,
            fn_attr::KWDEFAULTS,
            fn_attr::DEFAULTS,
        ] {
            if flags & bit != 0 {
                self.emit(SET_FUNCTION_ATTRIBUTE, bit);
            }
        }
    }

    /// Push the defaults tuple and kwdefaults dict; returns the flags.
    fn compile_defaults(&mut self, p: &'a ast::Parameters) -> u32 {
        use Opcode::*;
        let mut flags = 0;
        let defaults: Vec<&'a Expr> = p
            .posonlyargs
            .iter()
            .chain(&p.args)
            .filter_map(|a| a.default.as_deref())
            .collect();
        if !defaults.is_empty() {
            let consts: Option<Vec<Constant>> = defaults
                .iter()
                .map(|d| super::fold::fold(d, self.optimize, self.index.source()))
                .collect();
            match consts {
                Some(c) => self.load_const(Constant::Tuple(c)),
                None => {
                    for d in &defaults {
                        self.compile_expr(d);
                    }
                    self.emit(BUILD_TUPLE, defaults.len() as u32);
                }
            }
            flags |= fn_attr::DEFAULTS;
        }
        let kw: Vec<&'a ast::ParameterWithDefault> = p
            .kwonlyargs
            .iter()
            .filter(|a| a.default.is_some())
            .collect();
        if !kw.is_empty() {
            for a in &kw {
                let name = self.mangle(&a.parameter.name.id);
                self.load_const(Constant::Str(name));
                self.compile_expr(a.default.as_deref().unwrap());
            }
            self.emit(BUILD_MAP, kw.len() as u32);
            flags |= fn_attr::KWDEFAULTS;
        }
        flags
    }

    fn set_arg_counts(&mut self, p: Option<&ast::Parameters>) {
        let Some(p) = p else { return };
        let u = self.u();
        u.posonlyargcount = p.posonlyargs.len() as u32;
        u.argcount = (p.posonlyargs.len() + p.args.len()) as u32;
        u.kwonlyargcount = p.kwonlyargs.len() as u32;
        if p.vararg.is_some() {
            u.flags |= co_flags::VARARGS;
        }
        if p.kwarg.is_some() {
            u.flags |= co_flags::VARKEYWORDS;
        }
    }

    fn first_line(&self, range: TextRange, decorators: &[ast::Decorator]) -> u32 {
        let line = self.index.line_col(range.start().into()).0;
        decorators
            .first()
            .map(|d| self.index.line_col(d.range.start().into()).0)
            .unwrap_or(line)
            .min(line)
    }

    /// The range of a `def`/`class` statement without its decorators
    /// (CPython's node location starts at the keyword).
    pub(crate) fn def_range(&self, name: TextRange, whole: TextRange) -> TextRange {
        let name_start: usize = u32::from(name.start()) as usize;
        let src = self.index.source();
        let line_start = src[..name_start]
            .rfind(['\n', '\r'])
            .map(|p| p + 1)
            .unwrap_or(0);
        let indent =
            src[line_start..name_start].len() - src[line_start..name_start].trim_start().len();
        TextRange::new(((line_start + indent) as u32).into(), whole.end())
    }

    fn load_decorators(&mut self, decorators: &'a [ast::Decorator]) {
        for d in decorators {
            // Each decorator's line, for its instructions and line event.
            self.set_loc(d.range);
            self.compile_expr(&d.expression);
            self.emit(Opcode::PUSH_NULL, 0);
        }
    }

    fn apply_decorators(&mut self, decorators: &'a [ast::Decorator]) {
        for d in decorators.iter().rev() {
            self.set_loc(d.range);
            self.emit(Opcode::CALL, 1);
        }
    }

    pub(crate) fn compile_function_def(&mut self, f: &'a ast::StmtFunctionDef) {
        let firstlineno = self.first_line(f.range, &f.decorator_list);
        self.load_decorators(&f.decorator_list);
        let def_range = self.def_range(f.name.range, f.range);
        self.set_loc(def_range);
        let name = self.mangle(&f.name.id);
        if let Some(tp) = &f.type_params {
            // Defaults are evaluated here and passed to the generic scope.
            let p = &f.parameters;
            let has_defaults = p
                .posonlyargs
                .iter()
                .chain(&p.args)
                .any(|a| a.default.is_some());
            let has_kw = p.kwonlyargs.iter().any(|a| a.default.is_some());
            let gtable = self.child_table(f.range, KeyTag::TypeParams);
            let gname = format!("<generic parameters of {}>", f.name.id);
            let qual = self.qualname_for(&gname);
            let flags = (u32::from(has_defaults) * fn_attr::DEFAULTS)
                | (u32::from(has_kw) * fn_attr::KWDEFAULTS);
            self.push_unit(gtable, &gname, qual, firstlineno);
            self.u().argcount = u32::from(has_defaults) + u32::from(has_kw);
            self.u().posonlyargcount = self.unit().argcount;
            self.function_prologue();
            self.set_loc(def_range);
            let n = self.compile_type_params(tp);
            self.emit(Opcode::BUILD_TUPLE, n);
            if has_defaults {
                self.compile_name(".defaults", NameOp::Load);
            }
            if has_kw {
                self.compile_name(".kwdefaults", NameOp::Load);
            }
            self.compile_function_object(f, flags, firstlineno);
            self.emit(Opcode::SWAP, 2);
            self.emit(
                Opcode::CALL_INTRINSIC_2,
                Intrinsic2::SetFunctionTypeParams as u32,
            );
            self.emit(Opcode::RETURN_VALUE, 0);
            let code = self.pop_unit();
            self.make_closure(code, 0);
            self.emit(Opcode::PUSH_NULL, 0);
            self.compile_defaults(p);
            let nargs = u32::from(has_defaults) + u32::from(has_kw);
            self.emit(Opcode::CALL, nargs);
        } else {
            let flags = self.compile_defaults(&f.parameters);
            self.compile_function_object(f, flags, firstlineno);
        }
        self.apply_decorators(&f.decorator_list);
        self.set_loc(def_range);
        self.compile_name(&name, NameOp::Store);
    }

    /// Build the function object of `f`; defaults/kwdefaults (per `flags`)
    /// are already on the stack.
    fn compile_function_object(
        &mut self,
        f: &'a ast::StmtFunctionDef,
        mut flags: u32,
        firstlineno: u32,
    ) {
        flags |= self.compile_function_annotations(f, firstlineno);
        let table = self.child_table(f.range, KeyTag::Body);
        let qual = self.qualname_for(&f.name.id);
        let in_class = self.table().kind == ScopeKind::Class;
        self.push_unit(table, &f.name.id, qual, firstlineno);
        self.set_arg_counts(Some(&f.parameters));
        if in_class {
            self.u().flags |= co_flags::METHOD;
        }
        let mut body: &'a [Stmt] = &f.body;
        if let Some(doc) = docstring(body) {
            if self.optimize < 2 {
                self.u().add_const(Constant::Str(doc));
                self.u().flags |= co_flags::HAS_DOCSTRING;
            }
            body = &body[1..];
            if body.is_empty() {
                // keep a location for the docstring line
            }
        }
        self.mark_deleted_locals(body);
        self.function_prologue();
        self.with_generator_guard(|c| {
            c.compile_body(body);
            // Lines come from what reaches it (`assemble::duplicate_exits`).
            c.set_no_loc();
            c.load_none();
            c.emit(Opcode::RETURN_VALUE, 0);
        });
        let code = self.pop_unit();
        self.make_closure(code, flags);
    }

    /// Locals deleted or bound by `except ... as` are not safe for `LOAD_FAST`.
    fn mark_deleted_locals(&mut self, body: &'a [Stmt]) {
        fn walk(body: &[Stmt], out: &mut Vec<String>) {
            for s in body {
                match s {
                    Stmt::Delete(d) => {
                        for t in &d.targets {
                            if let Expr::Name(n) = t {
                                out.push(n.id.to_string());
                            }
                        }
                    }
                    Stmt::Try(t) => {
                        for h in &t.handlers {
                            let ast::ExceptHandler::ExceptHandler(h) = h;
                            if let Some(n) = &h.name {
                                out.push(n.id.to_string());
                            }
                            walk(&h.body, out);
                        }
                        walk(&t.body, out);
                        walk(&t.orelse, out);
                        walk(&t.finalbody, out);
                    }
                    Stmt::If(i) => {
                        walk(&i.body, out);
                        for c in &i.elif_else_clauses {
                            walk(&c.body, out);
                        }
                    }
                    Stmt::For(x) => {
                        walk(&x.body, out);
                        walk(&x.orelse, out);
                    }
                    Stmt::While(x) => {
                        walk(&x.body, out);
                        walk(&x.orelse, out);
                    }
                    Stmt::With(x) => walk(&x.body, out),
                    Stmt::Match(m) => m.cases.iter().for_each(|c| walk(&c.body, out)),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(body, &mut out);
        for n in out {
            let m = self.mangle(&n);
            self.u().deleted.insert(m);
        }
    }

    /// Annotations of `f`: a `__annotate__` function (or, with `from
    /// __future__ import annotations`, a tuple of strings). Returns the flag.
    fn compile_function_annotations(
        &mut self,
        f: &'a ast::StmtFunctionDef,
        firstlineno: u32,
    ) -> u32 {
        let p = &f.parameters;
        let mut anns: Vec<(String, &'a Expr)> = Vec::new();
        for a in p.posonlyargs.iter().chain(&p.args) {
            if let Some(e) = &a.parameter.annotation {
                anns.push((self.mangle(&a.parameter.name.id), e));
            }
        }
        if let Some(v) = &p.vararg {
            if let Some(e) = &v.annotation {
                anns.push((self.mangle(&v.name.id), e));
            }
        }
        for a in &p.kwonlyargs {
            if let Some(e) = &a.parameter.annotation {
                anns.push((self.mangle(&a.parameter.name.id), e));
            }
        }
        if let Some(k) = &p.kwarg {
            if let Some(e) = &k.annotation {
                anns.push((self.mangle(&k.name.id), e));
            }
        }
        if let Some(r) = &f.returns {
            anns.push(("return".into(), r));
        }
        if anns.is_empty() {
            return 0;
        }
        if self.tables.future_annotations {
            let mut items = Vec::new();
            for (n, e) in &anns {
                items.push(Constant::Str(n.clone()));
                items.push(Constant::Str(super::unparse::annotation(
                    e,
                    self.index.source(),
                )));
            }
            self.load_const(Constant::Tuple(items));
            return fn_attr::ANNOTATIONS;
        }
        let table = self.child_table(f.range, KeyTag::Annotation);
        let qual = format!("{}.__annotate__", self.qualname_for(&f.name.id));
        let anns: Vec<_> = anns.into_iter().map(|(n, e)| (n, e, None)).collect();
        self.compile_annotate_function(table, qual, firstlineno, &anns);
        fn_attr::ANNOTATE
    }

    /// Build an `__annotate__(format)` function returning `{name: value}`.
    /// The `__annotate__(format)` function of a function, class or module;
    /// an entry with a conditional index is reported only if that index is in
    /// `__conditional_annotations__` (a module global or a class cell).
    fn compile_annotate_function(
        &mut self,
        table: usize,
        qual: String,
        firstlineno: u32,
        anns: &[(String, &'a Expr, Option<u32>)],
    ) {
        use Opcode::*;
        let outer_kind = self.table().kind;
        self.push_unit(table, "__annotate__", qual, firstlineno);
        self.u().argcount = 1;
        self.u().posonlyargcount = 1;
        self.function_prologue();
        // if format > VALUE_WITH_FAKE_GLOBALS: raise NotImplementedError
        let ok = self.new_label();
        let fi = self.fast_index("format");
        self.emit(LOAD_FAST, fi);
        self.emit(LOAD_SMALL_INT, 2);
        self.emit(COMPARE_OP, (4 << 5) | 16);
        self.emit_jump(POP_JUMP_IF_FALSE, ok);
        self.emit(LOAD_COMMON_CONSTANT, 1);
        self.emit(RAISE_VARARGS, 1);
        self.bind(ok);
        let conditional = anns.iter().any(|a| a.2.is_some());
        if conditional {
            self.emit(BUILD_MAP, 0);
        }
        for (name, e, index) in anns {
            let skip = self.new_label();
            if let Some(index) = index {
                self.load_const(Constant::Int(BigInt::Small(*index as i64)));
                self.load_conditional_annotations(outer_kind);
                self.emit(CONTAINS_OP, 0);
                self.emit_jump(POP_JUMP_IF_FALSE, skip);
            }
            if !conditional {
                self.load_const(Constant::Str(name.clone()));
            }
            match e {
                // `*args: *Ts` evaluates to the single unpacked element.
                Expr::Starred(s) => {
                    self.compile_expr(&s.value);
                    self.emit(UNPACK_SEQUENCE, 1);
                }
                _ => self.compile_expr(e),
            }
            if conditional {
                self.emit(COPY, 2);
                self.load_const(Constant::Str(name.clone()));
                self.emit(STORE_SUBSCR, 0);
            }
            self.bind(skip);
        }
        if !conditional {
            self.emit(BUILD_MAP, anns.len() as u32);
        }
        self.emit(RETURN_VALUE, 0);
        let code = self.pop_unit();
        self.make_closure(code, 0);
    }

    /// Pushes the `__conditional_annotations__` set of the module or class
    /// being compiled (`outer` is its kind), from its body or its
    /// `__annotate__`.
    pub(crate) fn load_conditional_annotations(&mut self, outer: ScopeKind) {
        const NAME: &str = "__conditional_annotations__";
        if outer == ScopeKind::Class {
            let i = self.fast_index(NAME);
            self.emit(Opcode::LOAD_DEREF, i);
        } else if self.table().kind == ScopeKind::Module {
            self.compile_name(NAME, NameOp::Load);
        } else {
            let i = self.add_name(NAME);
            self.emit(Opcode::LOAD_GLOBAL, i << 1);
        }
    }

    /// Module- or class-level annotations: an `__annotate__` function (3.14;
    /// stored as `__annotate_func__` in a class namespace) or
    /// `SETUP_ANNOTATIONS` (with `from __future__ import annotations`, or
    /// when the body names `__annotations__` itself), and the empty
    /// `__conditional_annotations__` set that annotated assignments add
    /// their index to as they run.
    pub(crate) fn compile_module_annotations(&mut self, body: &'a [Stmt], range: TextRange) {
        let kind = self.table().kind;
        let conditional = self.table().has_conditional_annotations;
        let eager = self.tables.future_annotations || self.table().eager_annotations;
        if !eager && symtable::has_simple_annotations(body) {
            let mut anns: Vec<(String, &'a Expr, Option<u32>)> = Vec::new();
            let private = self.unit().private.clone();
            let mut indices = HashMap::new();
            symtable::for_each_annassign(body, &mut |a, inner| {
                if let (true, Expr::Name(n)) = (a.simple, &*a.target) {
                    let index = (conditional && (inner || kind == ScopeKind::Module)).then(|| {
                        let start = u32::from(a.range.start());
                        let next = indices.len() as u32;
                        *indices.entry(start).or_insert(next)
                    });
                    anns.push((
                        symtable::mangle(private.as_deref(), &n.id),
                        &a.annotation,
                        index,
                    ));
                }
            });
            self.u().conditional_annotations = indices;
            let table = self.child_table(range, KeyTag::Annotation);
            let qual = if self.units.len() == 1 {
                "__annotate__".to_string()
            } else {
                format!("{}.__annotate__", self.unit().qualname)
            };
            let line = self.unit().firstlineno;
            self.compile_annotate_function(table, qual, line, &anns);
            // A class keeps it as `__annotate_func__` (3.14), which
            // `type.__annotate__` reads; a module as `__annotate__`.
            let slot = if kind == ScopeKind::Class {
                "__annotate_func__"
            } else {
                "__annotate__"
            };
            self.compile_name(slot, NameOp::Store);
        }
        if conditional {
            self.emit(Opcode::BUILD_SET, 0);
            if kind == ScopeKind::Class {
                let i = self.fast_index("__conditional_annotations__");
                self.emit(Opcode::STORE_DEREF, i);
            } else {
                self.compile_name("__conditional_annotations__", NameOp::Store);
            }
        }
        if eager && symtable::has_annotations(body) {
            self.emit(Opcode::SETUP_ANNOTATIONS, 0);
        }
    }

    pub(crate) fn compile_lambda(&mut self, l: &'a ast::ExprLambda) {
        let flags = match &l.parameters {
            Some(p) => self.compile_defaults(p),
            None => 0,
        };
        let table = self.child_table(l.range, KeyTag::Body);
        let qual = self.qualname_for("<lambda>");
        let line = self.index.line_col(l.range.start().into()).0;
        self.push_unit(table, "<lambda>", qual, line);
        self.set_arg_counts(l.parameters.as_deref());
        self.function_prologue();
        self.with_generator_guard(|c| {
            c.compile_expr(&l.body);
            c.emit(Opcode::RETURN_VALUE, 0);
        });
        let code = self.pop_unit();
        self.make_closure(code, flags);
    }

    /// Create the type parameters on the stack (each also stored under its
    /// name); returns how many.
    fn compile_type_params(&mut self, tp: &'a ast::TypeParams) -> u32 {
        use Opcode::*;
        for p in &tp.type_params {
            self.set_loc(p.range());
            let (name, bound, default) = match p {
                ast::TypeParam::TypeVar(t) => (&t.name, t.bound.as_deref(), t.default.as_deref()),
                ast::TypeParam::TypeVarTuple(t) => (&t.name, None, t.default.as_deref()),
                ast::TypeParam::ParamSpec(t) => (&t.name, None, t.default.as_deref()),
            };
            self.load_const(Constant::Str(name.id.to_string()));
            match p {
                ast::TypeParam::TypeVar(_) => match bound {
                    Some(b) => {
                        self.compile_lazy_value(p.range(), KeyTag::Bound, &name.id, b);
                        let which = if matches!(b, Expr::Tuple(_)) {
                            Intrinsic2::TypeVarWithConstraints
                        } else {
                            Intrinsic2::TypeVarWithBound
                        };
                        self.emit(CALL_INTRINSIC_2, which as u32);
                    }
                    None => self.emit(CALL_INTRINSIC_1, Intrinsic1::TypeVar as u32),
                },
                ast::TypeParam::TypeVarTuple(_) => {
                    self.emit(CALL_INTRINSIC_1, Intrinsic1::TypeVarTuple as u32)
                }
                ast::TypeParam::ParamSpec(_) => {
                    self.emit(CALL_INTRINSIC_1, Intrinsic1::ParamSpec as u32)
                }
            }
            if let Some(d) = default {
                self.compile_lazy_value(p.range(), KeyTag::Default, &name.id, d);
                self.emit(CALL_INTRINSIC_2, Intrinsic2::SetTypeparamDefault as u32);
            }
            self.emit(COPY, 1);
            self.compile_name(&name.id, NameOp::Store);
        }
        tp.type_params.len() as u32
    }

    /// A zero-argument function that evaluates `value` lazily (type alias
    /// values, TypeVar bounds and defaults). A starred value (a
    /// TypeVarTuple's default, `*Ts = *tuple[int, ...]`) evaluates to the
    /// single item that iterating its operand yields.
    fn compile_lazy_value(&mut self, range: TextRange, tag: KeyTag, name: &str, value: &'a Expr) {
        let table = self.child_table(range, tag);
        let qual = self.qualname_for(name);
        let line = self.index.line_col(value.range().start().into()).0;
        self.push_unit(table, name, qual, line);
        self.function_prologue();
        if let Expr::Starred(s) = value {
            self.compile_expr(&s.value);
            self.emit(Opcode::UNPACK_SEQUENCE, 1);
        } else {
            self.compile_expr(value);
        }
        self.emit(Opcode::RETURN_VALUE, 0);
        let code = self.pop_unit();
        self.make_closure(code, 0);
    }

    pub(crate) fn compile_type_alias(&mut self, t: &'a ast::StmtTypeAlias) {
        use Opcode::*;
        let Expr::Name(n) = &*t.name else {
            self.error("invalid syntax", t.range);
            return;
        };
        let line = self.index.line_col(t.range.start().into()).0;
        if let Some(tp) = &t.type_params {
            let gtable = self.child_table(t.range, KeyTag::TypeParams);
            let gname = format!("<generic parameters of {}>", n.id);
            let qual = self.qualname_for(&gname);
            self.push_unit(gtable, &gname, qual, line);
            self.function_prologue();
            self.set_loc(t.range);
            self.load_const(Constant::Str(n.id.to_string()));
            let k = self.compile_type_params(tp);
            self.emit(BUILD_TUPLE, k);
            self.compile_lazy_value(t.range, KeyTag::Body, &n.id, &t.value);
            self.emit(BUILD_TUPLE, 3);
            self.emit(CALL_INTRINSIC_1, Intrinsic1::TypeAlias as u32);
            self.emit(RETURN_VALUE, 0);
            let code = self.pop_unit();
            self.make_closure(code, 0);
            self.emit(PUSH_NULL, 0);
            self.emit(CALL, 0);
        } else {
            self.load_const(Constant::Str(n.id.to_string()));
            self.load_none();
            self.compile_lazy_value(t.range, KeyTag::Body, &n.id, &t.value);
            self.emit(BUILD_TUPLE, 3);
            self.emit(CALL_INTRINSIC_1, Intrinsic1::TypeAlias as u32);
        }
        self.set_loc(t.range);
        self.compile_name(&n.id, NameOp::Store);
    }

    pub(crate) fn compile_class_def(&mut self, c: &'a ast::StmtClassDef) {
        use Opcode::*;
        let firstlineno = self.first_line(c.range, &c.decorator_list);
        self.load_decorators(&c.decorator_list);
        let def_range = self.def_range(c.name.range, c.range);
        self.set_loc(def_range);
        let name = self.mangle(&c.name.id);
        if let Some(tp) = &c.type_params {
            let gtable = self.child_table(c.range, KeyTag::TypeParams);
            let gname = format!("<generic parameters of {}>", c.name.id);
            let qual = self.qualname_for(&gname);
            self.push_unit(gtable, &gname, qual, firstlineno);
            self.function_prologue();
            self.set_loc(def_range);
            let k = self.compile_type_params(tp);
            self.emit(BUILD_TUPLE, k);
            self.compile_name(".type_params", NameOp::Store);
            self.compile_class_call(c, firstlineno, true);
            self.emit(RETURN_VALUE, 0);
            let code = self.pop_unit();
            self.make_closure(code, 0);
            self.emit(PUSH_NULL, 0);
            self.emit(CALL, 0);
        } else {
            self.compile_class_call(c, firstlineno, false);
        }
        self.apply_decorators(&c.decorator_list);
        self.set_loc(def_range);
        self.compile_name(&name, NameOp::Store);
    }

    /// `__build_class__(body_func, name, *bases, **keywords)`.
    fn compile_class_call(&mut self, c: &'a ast::StmtClassDef, firstlineno: u32, generic: bool) {
        use Opcode::*;
        self.emit(LOAD_BUILD_CLASS, 0);
        self.emit(PUSH_NULL, 0);
        let code = self.compile_class_body(c, firstlineno);
        self.make_closure(code, 0);
        self.load_const(Constant::Str(c.name.id.to_string()));
        let (args, keywords): (&'a [Expr], &'a [ast::Keyword]) = match &c.arguments {
            Some(a) => (&a.args, &a.keywords),
            None => (&[], &[]),
        };
        if generic {
            // Positional arguments as a list: func, name, *bases, .generic_base.
            self.emit(BUILD_LIST, 2);
            for a in args {
                match a {
                    Expr::Starred(s) => {
                        self.compile_expr(&s.value);
                        self.emit(LIST_EXTEND, 1);
                    }
                    _ => {
                        self.compile_expr(a);
                        self.emit(LIST_APPEND, 1);
                    }
                }
            }
            self.compile_name(".type_params", NameOp::Load);
            self.emit(CALL_INTRINSIC_1, Intrinsic1::SubscriptGeneric as u32);
            self.emit(COPY, 1);
            self.compile_name(".generic_base", NameOp::Store);
            self.emit(LIST_APPEND, 1);
            self.emit(CALL_INTRINSIC_1, Intrinsic1::ListToTuple as u32);
            self.compile_keywords_ex(keywords);
        } else {
            self.compile_call_args(args, keywords, 2);
        }
    }

    /// With the positional tuple on the stack, push the keyword dict (if any)
    /// and emit `CALL_FUNCTION_EX`.
    fn compile_keywords_ex(&mut self, keywords: &'a [ast::Keyword]) {
        use Opcode::*;
        if keywords.is_empty() {
            self.emit(CALL_FUNCTION_EX, 0);
            return;
        }
        self.emit(BUILD_MAP, 0);
        for k in keywords {
            match &k.arg {
                Some(a) => {
                    self.load_const(Constant::Str(a.id.to_string()));
                    self.compile_expr(&k.value);
                    self.emit(BUILD_MAP, 1);
                    self.emit(DICT_MERGE, 1);
                }
                None => {
                    self.compile_expr(&k.value);
                    self.emit(DICT_MERGE, 1);
                }
            }
        }
        self.emit(CALL_FUNCTION_EX, 1);
    }

    fn compile_class_body(&mut self, c: &'a ast::StmtClassDef, firstlineno: u32) -> CodeObject {
        use Opcode::*;
        let table = self.child_table(c.range, KeyTag::Body);
        let qual = self.qualname_for(&c.name.id);
        self.push_unit(table, &c.name.id, qual.clone(), firstlineno);
        self.emit_cells_prologue();
        self.emit(RESUME, 0);
        // The prologue is on the first line (a decorator's, if any), with
        // no columns, as in CPython: a trace's first line event there.
        self.u().loc = crate::parse::Location {
            lineno: firstlineno,
            end_lineno: firstlineno,
            col: 0,
            end_col: 0,
        };
        self.compile_name("__name__", NameOp::Load);
        self.compile_name("__module__", NameOp::Store);
        self.load_const(Constant::Str(qual));
        self.compile_name("__qualname__", NameOp::Store);
        self.load_const(Constant::Int(BigInt::Small(firstlineno as i64)));
        self.compile_name("__firstlineno__", NameOp::Store);
        let t = self.table();
        if c.type_params.is_some() {
            self.compile_name(".type_params", NameOp::Load);
            self.compile_name("__type_params__", NameOp::Store);
        }
        if t.needs_classdict {
            self.emit(LOAD_LOCALS, 0);
            let i = self.fast_index("__classdict__");
            self.emit(STORE_DEREF, i);
        }
        let mut body: &'a [Stmt] = &c.body;
        if let Some(doc) = docstring(body) {
            if self.optimize < 2 {
                self.set_loc(body[0].range());
                self.load_const(Constant::Str(doc));
                self.compile_name("__doc__", NameOp::Store);
            }
            body = &body[1..];
        }
        self.compile_module_annotations(body, c.range);
        self.compile_body(body);
        // Artificial code: its line comes from what runs before it.
        self.set_no_loc();
        let mut attrs = t.static_attributes.clone();
        attrs.sort();
        self.load_const(Constant::Tuple(
            attrs.into_iter().map(Constant::Str).collect(),
        ));
        self.compile_name("__static_attributes__", NameOp::Store);
        if t.needs_classdict {
            let i = self.fast_index("__classdict__");
            self.emit(LOAD_FAST, i);
            self.compile_name("__classdictcell__", NameOp::Store);
        }
        if t.needs_class_closure {
            let i = self.fast_index("__class__");
            self.emit(LOAD_FAST, i);
            self.emit(COPY, 1);
            self.compile_name("__classcell__", NameOp::Store);
        } else {
            self.load_none();
        }
        self.emit(RETURN_VALUE, 0);
        self.pop_unit()
    }
}
