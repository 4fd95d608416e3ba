//! `try`/`except`/`except*`/`else`/`finally` and `with`/`async with`.
//!
//! Shapes follow CPython 3.13: the protected body runs under a handler entry
//! in the exception table; a handler starts with `PUSH_EXC_INFO` under a
//! "cleanup" handler (`lasti`) that restores the previous exception with
//! `COPY 3; POP_EXCEPT; RERAISE 1`.

use ruff_python_ast::{self as ast};
use ruff_text_size::Ranged;

use super::ir::FBlock;
use super::{Compiler, NameOp};
use crate::bytecode::{Intrinsic2, Opcode};

impl<'a> Compiler<'a> {
    pub(crate) fn compile_try(&mut self, t: &'a ast::StmtTry) {
        // A NOP carries the `try:` line (dropped if the body starts on it).
        self.emit(Opcode::NOP, 0);
        if t.finalbody.is_empty() {
            if t.is_star {
                self.compile_try_star_except(t);
            } else {
                self.compile_try_except(t);
            }
            return;
        }
        self.compile_try_finally(t);
    }

    /// Number of loops among the open frame blocks.
    pub(crate) fn open_loops(&self) -> usize {
        self.unit()
            .fblocks
            .iter()
            .filter(|(f, _)| matches!(f, FBlock::WhileLoop { .. } | FBlock::ForLoop { .. }))
            .count()
    }

    /// A `finally` body, remembering that control flow leaving it warns (PEP 765).
    pub(crate) fn compile_finally_body(&mut self, body: &'a [ast::Stmt]) {
        let loops = self.open_loops();
        self.u().finally_loops.push(loops);
        self.compile_body(body);
        self.u().finally_loops.pop();
    }

    /// `COPY 3; POP_EXCEPT; RERAISE 1` at `label`.
    fn emit_pop_except_and_reraise(&mut self, label: super::Label) {
        use Opcode::*;
        self.bind(label);
        self.set_no_loc();
        self.emit(COPY, 3);
        self.emit(POP_EXCEPT, 0);
        self.emit(RERAISE, 1);
    }

    fn compile_try_finally(&mut self, t: &'a ast::StmtTry) {
        use Opcode::*;
        self.check_block_depth(t.range);
        let end = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        // Body (possibly a try/except) protected by the finally handler.
        self.push_fblock(FBlock::FinallyTry { body: &t.finalbody });
        self.push_handler(end, false, 0);
        if t.handlers.is_empty() {
            self.compile_body(&t.body);
        } else if t.is_star {
            self.compile_try_star_except(t);
        } else {
            self.compile_try_except(t);
        }
        self.pop_handler();
        self.pop_fblock();
        self.compile_finally_body(&t.finalbody);
        self.emit_jump_no_loc(JUMP_FORWARD, exit);
        // Exceptional path.
        self.bind(end);
        self.push_fblock(FBlock::FinallyEnd);
        self.push_handler(cleanup, true, 0);
        self.set_no_loc();
        self.emit(PUSH_EXC_INFO, 0);
        self.compile_finally_body(&t.finalbody);
        self.pop_fblock();
        self.emit(RERAISE, 0);
        self.pop_handler();
        self.emit_pop_except_and_reraise(cleanup);
        self.bind(exit);
    }

    fn compile_try_except(&mut self, t: &'a ast::StmtTry) {
        use Opcode::*;
        self.check_block_depth(t.range);
        let body_fail = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.push_fblock(FBlock::TryExcept);
        self.push_handler(body_fail, false, 0);
        self.compile_body(&t.body);
        self.pop_handler();
        self.pop_fblock();
        self.compile_body(&t.orelse);
        self.emit_jump_no_loc(JUMP_FORWARD, end);

        self.bind(body_fail);
        let outer_depth = self.unit().handler_stack.len();
        // The handler's stack holds the exception; the cleanup handler keeps
        // one slot (prev_exc after PUSH_EXC_INFO) below lasti and the new exception.
        self.push_handler(cleanup, true, 0);
        self.set_no_loc();
        self.emit(PUSH_EXC_INFO, 0);
        let in_cleanup = self.unit().handler_stack.clone();
        let n = t.handlers.len();
        for (i, h) in t.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.set_loc(h.range);
            if h.type_.is_none() && i + 1 < n {
                self.error("default 'except:' must be last", h.range);
                return;
            }
            let next = self.new_label();
            if let Some(ty) = &h.type_ {
                self.compile_expr(ty);
                self.emit(CHECK_EXC_MATCH, 0);
                self.emit_jump(POP_JUMP_IF_FALSE, next);
            }
            match &h.name {
                Some(name) => {
                    self.compile_name(&name.id, NameOp::Store);
                    let cleanup_body = self.new_label();
                    self.u().fblocks.push((
                        FBlock::HandlerCleanup {
                            name: Some(name.id.to_string()),
                        },
                        outer_depth,
                    ));
                    self.push_handler(cleanup_body, true, 0);
                    self.compile_body(&h.body);
                    self.pop_handler();
                    self.pop_fblock();
                    self.pop_handler(); // the cleanup handler, for POP_EXCEPT
                                        // Cleanup without a line of its own (CPython's
                                        // NO_LOCATION; the assembler propagates one).
                    self.set_no_loc();
                    self.emit(POP_EXCEPT, 0);
                    self.load_none();
                    self.compile_name(&name.id, NameOp::Store);
                    self.compile_name(&name.id, NameOp::Del);
                    self.emit_jump(JUMP_FORWARD, end);
                    // Exception inside the handler body: unbind the name, re-raise.
                    self.u().handler_stack = in_cleanup.clone();
                    self.bind(cleanup_body);
                    self.load_none();
                    self.compile_name(&name.id, NameOp::Store);
                    self.compile_name(&name.id, NameOp::Del);
                    self.emit(RERAISE, 1);
                }
                None => {
                    self.emit(POP_TOP, 0);
                    self.u()
                        .fblocks
                        .push((FBlock::HandlerCleanup { name: None }, outer_depth));
                    self.compile_body(&h.body);
                    self.pop_fblock();
                    self.pop_handler();
                    self.set_no_loc();
                    self.emit(POP_EXCEPT, 0);
                    self.emit_jump(JUMP_FORWARD, end);
                    self.u().handler_stack = in_cleanup.clone();
                }
            }
            self.bind(next);
        }
        // No handler matched.
        self.set_no_loc();
        self.emit(RERAISE, 0);
        self.pop_handler();
        self.emit_pop_except_and_reraise(cleanup);
        self.bind(end);
    }

    /// `try: ... except* ...` in CPython 3.13's shape: the handlers
    /// collect what each one raises (and the unmatched rest) in a list that
    /// `PREP_RERAISE_STAR` turns into the group to re-raise, if any.
    fn compile_try_star_except(&mut self, t: &'a ast::StmtTry) {
        use Opcode::*;
        self.check_block_depth(t.range);
        let body_fail = self.new_label();
        let cleanup = self.new_label();
        let orelse = self.new_label();
        let end = self.new_label();
        let reraise_star = self.new_label();
        let reraise = self.new_label();
        self.push_fblock(FBlock::TryExcept);
        self.push_handler(body_fail, false, 0);
        self.compile_body(&t.body);
        self.pop_handler();
        self.pop_fblock();
        self.emit_jump_no_loc(JUMP_FORWARD, orelse);

        self.bind(body_fail);
        self.push_handler(cleanup, true, 0);
        self.set_no_loc();
        self.emit(PUSH_EXC_INFO, 0);
        let n = t.handlers.len();
        for (i, h) in t.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.set_loc(h.range);
            let next = self.new_label();
            let no_match = self.new_label();
            let body_err = self.new_label();
            let with_error = self.new_label();
            if i == 0 {
                // Stack: prev_exc, orig, list_of_raised, rest (a copy of orig).
                self.emit(BUILD_LIST, 0);
                self.emit(COPY, 2);
            }
            match &h.type_ {
                Some(ty) => self.compile_expr(ty),
                None => {
                    self.error("expected 'except' or 'finally' block", h.range);
                    return;
                }
            }
            self.emit(CHECK_EG_MATCH, 0);
            self.emit(COPY, 1);
            self.emit_jump(POP_JUMP_IF_NONE, no_match);
            match &h.name {
                Some(n) => self.compile_name(&n.id, NameOp::Store),
                None => self.emit(POP_TOP, 0),
            }
            self.push_fblock(FBlock::ExceptStar);
            self.push_handler(body_err, true, 0);
            self.compile_body(&h.body);
            self.pop_handler();
            self.pop_fblock();
            self.set_no_loc();
            if let Some(n) = &h.name {
                self.load_none();
                self.compile_name(&n.id, NameOp::Store);
                self.compile_name(&n.id, NameOp::Del);
            }
            self.emit_jump(JUMP_FORWARD, next);
            // Raised inside the handler body: collect it.
            self.bind(body_err);
            if let Some(n) = &h.name {
                self.load_none();
                self.compile_name(&n.id, NameOp::Store);
                self.compile_name(&n.id, NameOp::Del);
            }
            self.emit(LIST_APPEND, 3);
            self.emit(POP_TOP, 0);
            self.emit_jump(JUMP_FORWARD, with_error);
            // A place for the line the handler's end takes.
            self.bind(next);
            self.emit(NOP, 0);
            self.emit_jump(JUMP_FORWARD, with_error);
            self.bind(no_match);
            self.set_loc(h.range);
            self.emit(POP_TOP, 0);
            self.bind(with_error);
            if i + 1 == n {
                // The unmatched rest (None when all matched) joins the list.
                self.set_no_loc();
                self.emit(LIST_APPEND, 1);
                self.emit_jump(JUMP_FORWARD, reraise_star);
            }
        }
        // prev_exc, orig, list -> prev_exc, to_raise
        self.bind(reraise_star);
        self.set_no_loc();
        self.emit(CALL_INTRINSIC_2, Intrinsic2::PrepReraiseStar as u32);
        self.emit(COPY, 1);
        self.emit_jump(POP_JUMP_IF_NOT_NONE, reraise);
        self.emit(POP_TOP, 0);
        self.pop_handler();
        self.emit(POP_EXCEPT, 0);
        self.emit_jump(JUMP_FORWARD, end);
        self.bind(reraise);
        self.emit(SWAP, 2);
        self.emit(POP_EXCEPT, 0);
        self.emit(RERAISE, 0);
        self.emit_pop_except_and_reraise(cleanup);
        self.bind(orelse);
        self.compile_body(&t.orelse);
        self.bind(end);
    }

    /// `with a as x, b as y: body` (item `i` onwards).
    pub(crate) fn compile_with(&mut self, w: &'a ast::StmtWith, i: usize) {
        use Opcode::*;
        if i >= w.items.len() {
            self.compile_body(&w.body);
            return;
        }
        self.check_block_depth(w.range);
        if w.is_async && !self.in_async_context() {
            self.error("'async with' outside async function", w.range);
            return;
        }
        let item = &w.items[i];
        let exc = self.new_label();
        let cleanup = self.new_label();
        let suppress = self.new_label();
        let exit = self.new_label();
        self.set_loc(item.range);
        self.compile_expr(&item.context_expr);
        if w.is_async {
            self.emit(BEFORE_ASYNC_WITH, 0);
            self.emit(GET_AWAITABLE, 1);
            self.load_none();
            self.compile_yield_from_loop(true);
        } else {
            self.emit(BEFORE_WITH, 0);
        }
        self.push_fblock(FBlock::With {
            is_async: w.is_async,
            range: item.range,
        });
        self.push_handler(exc, true, -1);
        match &item.optional_vars {
            Some(v) => self.compile_store(v),
            None => self.emit(POP_TOP, 0),
        }
        self.compile_with(w, i + 1);
        self.pop_handler();
        self.pop_fblock();
        self.set_loc(item.range);
        self.load_none();
        self.load_none();
        self.load_none();
        self.emit(CALL, 2);
        if w.is_async {
            self.emit(GET_AWAITABLE, 2);
            self.load_none();
            self.compile_yield_from_loop(true);
        }
        self.emit(POP_TOP, 0);
        self.emit_jump(JUMP_FORWARD, exit);
        // Exception: stack exit, lasti, exc.
        self.bind(exc);
        self.push_handler(cleanup, true, 0);
        // The exit call has the `with` line (a line event, as in CPython).
        self.set_loc(item.range);
        self.emit(PUSH_EXC_INFO, 0);
        self.emit(WITH_EXCEPT_START, 0);
        if w.is_async {
            self.emit(GET_AWAITABLE, 2);
            self.load_none();
            self.compile_yield_from_loop(true);
        }
        self.emit(TO_BOOL, 0);
        self.emit_jump(POP_JUMP_IF_TRUE, suppress);
        self.emit(RERAISE, 2);
        self.bind(suppress);
        self.emit(POP_TOP, 0);
        self.pop_handler();
        self.emit(POP_EXCEPT, 0);
        self.emit(POP_TOP, 0);
        self.emit(POP_TOP, 0);
        self.emit_jump_no_loc(JUMP_FORWARD, exit);
        self.emit_pop_except_and_reraise(cleanup);
        self.bind(exit);
        let _ = item.range();
    }
}
