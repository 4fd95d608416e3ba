//! Statements: assignments, imports, loops, if, return/break/continue,
//! assert, and the frame-block unwinding they need.

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

use super::expr::binop_arg;
use super::fold;
use super::ir::FBlock;
use super::{Compiler, NameOp};
use crate::bytecode::{BigInt, Constant, Intrinsic1, Opcode};
use crate::symtable::ScopeKind;

impl<'a> Compiler<'a> {
    pub(crate) fn compile_stmt_inner(&mut self, s: &'a Stmt) {
        use Opcode::*;
        match s {
            Stmt::FunctionDef(f) => self.compile_function_def(f),
            Stmt::ClassDef(c) => self.compile_class_def(c),
            Stmt::Return(r) => self.compile_return(r),
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.compile_delete(t);
                }
            }
            Stmt::TypeAlias(t) => self.compile_type_alias(t),
            Stmt::Assign(a) => self.compile_assign(a),
            Stmt::AugAssign(a) => self.compile_augassign(a),
            Stmt::AnnAssign(a) => self.compile_annassign(a),
            Stmt::For(f) => self.compile_for(f),
            Stmt::While(w) => self.compile_while(w),
            Stmt::If(i) => self.compile_if(i),
            Stmt::With(w) => self.compile_with(w, 0),
            Stmt::Match(m) => self.compile_match(m),
            Stmt::Raise(r) => {
                let mut n = 0;
                if let Some(e) = &r.exc {
                    self.compile_expr(e);
                    n = 1;
                    if let Some(c) = &r.cause {
                        self.compile_expr(c);
                        n = 2;
                    }
                }
                self.set_loc(r.range);
                self.emit(RAISE_VARARGS, n);
            }
            Stmt::Try(t) => self.compile_try(t),
            Stmt::Assert(a) => {
                if self.optimize > 0 {
                    return;
                }
                if matches!(&*a.test, Expr::Tuple(t) if !t.elts.is_empty()) {
                    self.warn(
                        "assertion is always true, perhaps remove parentheses?",
                        a.range,
                    );
                }
                let end = self.new_label();
                self.compile_jump_if(&a.test, true, end);
                self.set_loc(a.range);
                self.emit(LOAD_COMMON_CONSTANT, 0);
                if let Some(m) = &a.msg {
                    self.emit(PUSH_NULL, 0);
                    self.compile_expr(m);
                    self.set_loc(a.range);
                    self.emit(CALL, 1);
                }
                // The traceback points at the failed test, not the statement.
                self.set_loc(a.test.range());
                self.emit(RAISE_VARARGS, 1);
                self.bind(end);
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    self.set_loc(a.range);
                    self.load_import_level(0);
                    self.load_none();
                    let ni = self.add_name(&a.name.id);
                    self.emit(IMPORT_NAME, ni);
                    match &a.asname {
                        Some(asname) => {
                            let parts: Vec<&str> = a.name.id.split('.').collect();
                            if parts.len() > 1 {
                                for (k, p) in parts.iter().enumerate().skip(1) {
                                    let pi = self.add_name(p);
                                    self.emit(IMPORT_FROM, pi);
                                    if k + 1 < parts.len() {
                                        self.emit(SWAP, 2);
                                        self.emit(POP_TOP, 0);
                                    }
                                }
                                self.compile_name(&asname.id, NameOp::Store);
                                self.emit(POP_TOP, 0);
                            } else {
                                self.compile_name(&asname.id, NameOp::Store);
                            }
                        }
                        None => {
                            let top = a.name.id.split('.').next().unwrap_or("");
                            self.compile_name(top, NameOp::Store);
                        }
                    }
                }
            }
            Stmt::ImportFrom(i) => {
                self.load_import_level(i.level);
                let names: Vec<Constant> = i
                    .names
                    .iter()
                    .map(|a| Constant::Str(a.name.id.to_string()))
                    .collect();
                self.load_const(Constant::Tuple(names));
                let module = i
                    .module
                    .as_ref()
                    .map(|m| m.id.to_string())
                    .unwrap_or_default();
                let mi = self.add_name(&module);
                self.emit(IMPORT_NAME, mi);
                if i.names.len() == 1 && &*i.names[0].name.id == "*" {
                    self.emit(CALL_INTRINSIC_1, Intrinsic1::ImportStar as u32);
                    self.emit(POP_TOP, 0);
                    return;
                }
                for a in &i.names {
                    self.set_loc(a.range);
                    let ni = self.add_name(&a.name.id);
                    self.emit(IMPORT_FROM, ni);
                    let bound = a.asname.as_ref().unwrap_or(&a.name);
                    self.compile_name(&bound.id, NameOp::Store);
                }
                self.emit(POP_TOP, 0);
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            Stmt::Pass(_) => self.emit(NOP, 0),
            Stmt::Expr(e) => {
                if self.interactive && self.units.len() == 1 {
                    self.compile_expr(&e.value);
                    self.emit(CALL_INTRINSIC_1, Intrinsic1::Print as u32);
                    self.emit(POP_TOP, 0);
                    return;
                }
                if fold::fold(&e.value, self.optimize, self.index.source()).is_some() {
                    // A constant statement has no effect (docstring-like).
                    self.emit(NOP, 0);
                    return;
                }
                self.compile_expr(&e.value);
                self.emit(POP_TOP, 0);
            }
            Stmt::Break(b) => self.compile_break_continue(b.range, true),
            Stmt::Continue(c) => self.compile_break_continue(c.range, false),
            Stmt::IpyEscapeCommand(x) => self.error("invalid syntax", x.range),
        }
    }

    fn compile_assign(&mut self, a: &'a ast::StmtAssign) {
        use Opcode::*;
        // `a, b = c, d` without building a tuple.
        if a.targets.len() == 1 {
            if let (Expr::Tuple(t), Expr::Tuple(v)) = (&a.targets[0], &*a.value) {
                let n = t.elts.len();
                if n == v.elts.len()
                    && (2..=3).contains(&n)
                    && !t
                        .elts
                        .iter()
                        .chain(&v.elts)
                        .any(|x| matches!(x, Expr::Starred(_)))
                    && fold::fold(&a.value, self.optimize, self.index.source()).is_none()
                {
                    for x in &v.elts {
                        self.compile_expr(x);
                    }
                    self.emit(SWAP, n as u32);
                    for x in &t.elts {
                        self.compile_store(x);
                    }
                    return;
                }
            }
        }
        self.compile_expr(&a.value);
        let n = a.targets.len();
        for (i, t) in a.targets.iter().enumerate() {
            if i + 1 < n {
                self.emit(COPY, 1);
            }
            self.compile_store(t);
        }
    }

    fn compile_augassign(&mut self, a: &'a ast::StmtAugAssign) {
        use Opcode::*;
        let op = binop_arg(a.op) + 13;
        match &*a.target {
            Expr::Name(n) => {
                self.compile_name(&n.id, NameOp::Load);
                self.compile_expr(&a.value);
                self.set_loc(a.range);
                self.emit(BINARY_OP, op);
                self.compile_name(&n.id, NameOp::Store);
            }
            Expr::Attribute(at) => {
                self.compile_expr(&at.value);
                self.emit(COPY, 1);
                let i = self.add_name(&self.mangle(&at.attr.id));
                self.emit(LOAD_ATTR, i << 1);
                self.compile_expr(&a.value);
                self.set_loc(a.range);
                self.emit(BINARY_OP, op);
                self.emit(SWAP, 2);
                self.emit(STORE_ATTR, i);
            }
            Expr::Subscript(s) => {
                if let Expr::Slice(sl) = &*s.slice {
                    if sl.step.is_none() {
                        self.compile_expr(&s.value);
                        for b in [&sl.lower, &sl.upper] {
                            match b {
                                Some(x) => self.compile_expr(x),
                                None => self.load_none(),
                            }
                        }
                        self.emit(COPY, 3);
                        self.emit(COPY, 3);
                        self.emit(COPY, 3);
                        self.emit(BINARY_SLICE, 0);
                        self.compile_expr(&a.value);
                        self.set_loc(a.range);
                        self.emit(BINARY_OP, op);
                        self.emit(SWAP, 4);
                        self.emit(SWAP, 3);
                        self.emit(SWAP, 2);
                        self.emit(STORE_SLICE, 0);
                        return;
                    }
                }
                self.compile_expr(&s.value);
                self.compile_expr(&s.slice);
                self.emit(COPY, 2);
                self.emit(COPY, 2);
                self.emit(BINARY_SUBSCR, 0);
                self.compile_expr(&a.value);
                self.set_loc(a.range);
                self.emit(BINARY_OP, op);
                self.emit(SWAP, 3);
                self.emit(SWAP, 2);
                self.emit(STORE_SUBSCR, 0);
            }
            other => self.error("illegal expression for augmented assignment", other.range()),
        }
    }

    fn compile_annassign(&mut self, a: &'a ast::StmtAnnAssign) {
        use Opcode::*;
        if let Some(v) = &a.value {
            self.compile_expr(v);
            self.compile_store(&a.target);
        }
        let kind = self.table().kind;
        let module_or_class = matches!(kind, ScopeKind::Module | ScopeKind::Class);
        let eager = module_or_class && self.table().eager_annotations;
        match &*a.target {
            Expr::Name(n)
                if a.simple && module_or_class && (self.tables.future_annotations || eager) =>
            {
                if self.tables.future_annotations {
                    let text = super::unparse::annotation(&a.annotation, self.index.source());
                    self.load_const(Constant::Str(text));
                } else {
                    self.compile_expr(&a.annotation);
                }
                self.compile_name("__annotations__", NameOp::Load);
                let name = self.mangle(&n.id);
                self.load_const(Constant::Str(name));
                self.emit(STORE_SUBSCR, 0);
            }
            Expr::Name(_) if a.simple && module_or_class => {
                let start = u32::from(a.range.start());
                if let Some(&index) = self.unit().conditional_annotations.get(&start) {
                    self.load_conditional_annotations(kind);
                    self.load_const(Constant::Int(BigInt::Small(index as i64)));
                    self.emit(SET_ADD, 1);
                    self.emit(POP_TOP, 0);
                }
            }
            Expr::Attribute(at) if module_or_class && a.value.is_none() => {
                self.compile_expr(&at.value);
                self.emit(POP_TOP, 0);
            }
            Expr::Subscript(s) if module_or_class && a.value.is_none() => {
                self.compile_expr(&s.value);
                self.emit(POP_TOP, 0);
                self.compile_expr(&s.slice);
                self.emit(POP_TOP, 0);
            }
            _ => {}
        }
        // 3.13 evaluates (and drops) a complex target's annotation last.
        if eager && !a.simple {
            self.compile_expr(&a.annotation);
            self.emit(POP_TOP, 0);
        }
    }

    fn compile_if(&mut self, i: &'a ast::StmtIf) {
        let end = self.new_label();
        let mut next = self.new_label();
        self.compile_jump_if(&i.test, false, next);
        self.compile_body(&i.body);
        for clause in &i.elif_else_clauses {
            self.emit_jump_no_loc(Opcode::JUMP_FORWARD, end);
            self.bind(next);
            next = self.new_label();
            self.set_loc(clause.range);
            if let Some(t) = &clause.test {
                self.compile_jump_if(t, false, next);
            }
            self.compile_body(&clause.body);
        }
        self.bind(next);
        self.bind(end);
    }

    fn compile_while(&mut self, w: &'a ast::StmtWhile) {
        self.check_block_depth(w.range);
        let start = self.new_label();
        let orelse = self.new_label();
        let exit = self.new_label();
        let truth =
            fold::fold(&w.test, self.optimize, self.index.source()).and_then(|c| c.truthy());
        if truth == Some(true) {
            // No test: the `while` line keeps its line event (CPython
            // keeps a NOP there), outside the loop.
            self.set_loc(w.range);
            self.emit(Opcode::NOP, 0);
            self.bind(start);
        } else {
            self.bind(start);
            self.compile_jump_if(&w.test, false, orelse);
        }
        self.push_fblock(FBlock::WhileLoop { start, exit });
        self.compile_body(&w.body);
        self.pop_fblock();
        // The jump back to the test has no line of its own, so the test's
        // line event comes once per iteration, as from CPython's copy of
        // the test at the bottom; `while True:` has no test and the jump
        // keeps the `while` line.
        if truth == Some(true) {
            self.set_loc(w.range);
        } else {
            self.set_no_loc();
        }
        self.emit_jump(Opcode::JUMP_BACKWARD, start);
        self.bind(orelse);
        self.compile_body(&w.orelse);
        self.bind(exit);
    }

    fn compile_for(&mut self, f: &'a ast::StmtFor) {
        use Opcode::*;
        self.check_block_depth(f.range);
        let start = self.new_label();
        let cleanup = self.new_label();
        let exit = self.new_label();
        match self.constant_container(&f.iter) {
            // `for x in [1, 2]` iterates a constant tuple.
            Some(c) if !f.is_async && matches!(&*f.iter, Expr::List(_)) => self.load_const(c),
            _ => self.compile_expr(&f.iter),
        }
        if f.is_async {
            if !self.in_async_context() {
                self.error("'async for' outside async function", f.range);
                return;
            }
            self.emit(GET_AITER, 0);
            self.bind(start);
            self.push_handler(cleanup, false, 0);
            self.emit(GET_ANEXT, 0);
            self.load_none();
            self.compile_yield_from_loop(true);
            self.pop_handler();
            self.compile_store(&f.target);
            self.push_fblock(FBlock::ForLoop { start, exit });
            self.compile_body(&f.body);
            self.pop_fblock();
            self.set_no_loc();
            self.emit_jump(JUMP_BACKWARD, start);
            self.bind(cleanup);
            // The loop's end has the iterator's line, as in CPython.
            self.set_loc(f.iter.range());
            self.emit(END_ASYNC_FOR, 0);
        } else {
            self.emit(GET_ITER, 0);
            self.bind(start);
            self.set_loc(f.iter.range());
            self.emit_jump(FOR_ITER, cleanup);
            self.compile_store(&f.target);
            self.push_fblock(FBlock::ForLoop { start, exit });
            self.compile_body(&f.body);
            self.pop_fblock();
            // No line of its own (CPython's `NO_LOCATION`): the loop
            // header's line event comes from `FOR_ITER`, once.
            self.set_no_loc();
            self.emit_jump(JUMP_BACKWARD, start);
            self.bind(cleanup);
        }
        self.compile_body(&f.orelse);
        self.bind(exit);
    }

    fn compile_break_continue(&mut self, range: ruff_text_size::TextRange, is_break: bool) {
        self.set_loc(range);
        // The statement's own line event (CPython's NOP), whatever jumps.
        self.emit(Opcode::NOP, 0);
        if let Some(&loops) = self.unit().finally_loops.last() {
            if self.open_loops() == loops && loops > 0 {
                let what = if is_break { "break" } else { "continue" };
                self.warn(format!("'{what}' in a 'finally' block"), range);
            }
        }
        let saved_handlers = self.unit().handler_stack.clone();
        let lp = self.unwind_fblock_stack(false, true, range);
        self.emit_break_continue_jump(lp, range, is_break);
        self.u().handler_stack = saved_handlers;
    }

    fn emit_break_continue_jump(
        &mut self,
        lp: Option<FBlock<'a>>,
        range: ruff_text_size::TextRange,
        is_break: bool,
    ) {
        let Some(lp) = lp else {
            if self.error.is_none() {
                if is_break {
                    self.error("'break' outside loop", range);
                } else {
                    self.error("'continue' not properly in loop", range);
                }
            }
            return;
        };
        match lp {
            FBlock::WhileLoop { start, exit } => {
                if is_break {
                    self.emit_jump(Opcode::JUMP_FORWARD, exit);
                } else {
                    self.emit_jump(Opcode::JUMP_BACKWARD, start);
                }
            }
            FBlock::ForLoop { start, exit, .. } => {
                if is_break {
                    // Pop the iterator.
                    self.emit(Opcode::POP_TOP, 0);
                    self.emit_jump(Opcode::JUMP_FORWARD, exit);
                } else {
                    self.emit_jump(Opcode::JUMP_BACKWARD, start);
                }
            }
            _ => {}
        }
    }

    fn compile_return(&mut self, r: &'a ast::StmtReturn) {
        let t = self.table();
        if !t.kind.is_function_like() {
            self.error("'return' outside function", r.range);
            return;
        }
        if r.value.is_some() && t.is_coroutine && t.is_generator {
            self.error("'return' with value in async generator", r.range);
            return;
        }
        if !self.unit().finally_loops.is_empty() {
            self.warn("'return' in a 'finally' block", r.range);
        }
        // A constant is loaded after the unwinding, next to the return
        // (which the assembler makes a `RETURN_CONST`), as in CPython; its
        // line event comes first, from a NOP, and the return has its
        // location when it is on the statement's line.
        let constant = r
            .value
            .as_deref()
            .and_then(|v| Some((v, fold::fold(v, self.optimize, self.index.source())?)));
        let preserve = match (&r.value, &constant) {
            (_, Some((v, _))) => {
                self.set_loc(v.range());
                self.emit(Opcode::NOP, 0);
                false
            }
            (Some(v), None) => {
                self.compile_expr(v);
                true
            }
            (None, None) => false,
        };
        let line = |c: &Self, at: ruff_text_size::TextSize| c.index.line_col(at.into()).0;
        let stmt_line = line(self, r.range.start());
        if constant
            .as_ref()
            .is_none_or(|(v, _)| line(self, v.range().start()) != stmt_line)
        {
            self.set_loc(r.range);
            // The statement's line event comes before any unwinding (a
            // NOP, dropped when its line is there anyway).
            self.emit(Opcode::NOP, 0);
        }
        let saved_handlers = self.unit().handler_stack.clone();
        self.unwind_fblock_stack(preserve, false, r.range);
        match constant {
            Some((_, c)) => self.load_const(c),
            None if !preserve => self.load_none(),
            None => {}
        }
        self.emit(Opcode::RETURN_VALUE, 0);
        self.u().handler_stack = saved_handlers;
    }

    /// Emit the cleanup of every frame block up to (not including) the
    /// innermost loop when `to_loop`, else all of them. Returns the loop.
    pub(crate) fn unwind_fblock_stack(
        &mut self,
        preserve_tos: bool,
        to_loop: bool,
        range: ruff_text_size::TextRange,
    ) -> Option<FBlock<'a>> {
        let top = self.unit().fblocks.last().cloned()?;
        if matches!(top.0, FBlock::ExceptStar) {
            self.error(
                "'break', 'continue' and 'return' cannot appear in an except* block",
                range,
            );
            return None;
        }
        if to_loop && matches!(top.0, FBlock::WhileLoop { .. } | FBlock::ForLoop { .. }) {
            return Some(top.0);
        }
        // The handler stack stays truncated: the caller's final jump or
        // return is outside the unwound blocks; it restores the stack after.
        let popped = self.u().fblocks.pop().unwrap();
        self.u().handler_stack.truncate(popped.1);
        self.unwind_fblock(&popped.0, preserve_tos);
        let r = self.unwind_fblock_stack(preserve_tos, to_loop, range);
        self.u().fblocks.push(popped);
        r
    }

    fn unwind_fblock(&mut self, fb: &FBlock<'a>, preserve_tos: bool) {
        use Opcode::*;
        match fb {
            FBlock::WhileLoop { .. } | FBlock::TryExcept | FBlock::ExceptStar => {}
            FBlock::ForLoop { .. } => {
                if preserve_tos {
                    self.emit(SWAP, 2);
                }
                self.emit(POP_TOP, 0);
            }
            FBlock::FinallyTry { body } => {
                if preserve_tos {
                    self.push_fblock(FBlock::PopValue);
                }
                self.compile_finally_body(body);
                if preserve_tos {
                    self.pop_fblock();
                }
            }
            FBlock::FinallyEnd => {
                // Stack: prev_exc, exc (under the value when preserving).
                if preserve_tos {
                    self.emit(SWAP, 2);
                }
                self.emit(POP_TOP, 0);
                if preserve_tos {
                    self.emit(SWAP, 2);
                }
                self.emit(POP_EXCEPT, 0);
            }
            FBlock::With { is_async, range } => {
                self.set_loc(*range);
                if preserve_tos {
                    self.emit(SWAP, 2);
                }
                self.load_none();
                self.load_none();
                self.load_none();
                self.emit(CALL, 2);
                if *is_async {
                    self.emit(GET_AWAITABLE, 2);
                    self.load_none();
                    self.compile_yield_from_loop(true);
                }
                self.emit(POP_TOP, 0);
            }
            FBlock::HandlerCleanup { name } => {
                if preserve_tos {
                    self.emit(SWAP, 2);
                }
                self.emit(POP_EXCEPT, 0);
                if let Some(n) = name {
                    self.load_none();
                    self.compile_name(n, NameOp::Store);
                    self.compile_name(n, NameOp::Del);
                }
            }
            FBlock::PopValue => {
                if preserve_tos {
                    self.emit(SWAP, 2);
                }
                self.emit(POP_TOP, 0);
            }
        }
    }
}
