//! List/set/dict comprehensions and generator expressions, each compiled
//! as a nested code object taking the first iterator as its argument `.0`
//! (Ferrython does not inline comprehensions, see `symtable.rs`).

use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;

use super::Compiler;
use crate::bytecode::Opcode;
use crate::symtable::KeyTag;

#[derive(Clone, Copy, PartialEq, Eq)]
enum CompKind {
    List,
    Set,
    Dict,
    Gen,
}

impl<'a> Compiler<'a> {
    pub(crate) fn compile_comprehension(&mut self, e: &'a Expr) {
        use Opcode::*;
        let (kind, name, generators, elt, value): (
            CompKind,
            &str,
            &'a [ast::Comprehension],
            &'a Expr,
            Option<&'a Expr>,
        ) = match e {
            Expr::ListComp(c) => (CompKind::List, "<listcomp>", &c.generators, &c.elt, None),
            Expr::SetComp(c) => (CompKind::Set, "<setcomp>", &c.generators, &c.elt, None),
            Expr::DictComp(c) => match &c.key {
                Some(k) => (
                    CompKind::Dict,
                    "<dictcomp>",
                    &c.generators,
                    k,
                    Some(&c.value),
                ),
                None => {
                    self.error(
                        "dict unpacking cannot be used in dict comprehension",
                        c.range,
                    );
                    return;
                }
            },
            Expr::Generator(c) => (CompKind::Gen, "<genexpr>", &c.generators, &c.elt, None),
            _ => return,
        };
        let table = self.child_table(e.range(), KeyTag::Body);
        let t = &self.tables.tables[table];
        let is_async = t.is_coroutine || t.has_await;
        if is_async && kind != CompKind::Gen && !self.in_async_context() {
            let outer = self.table();
            if outer.kind != crate::symtable::ScopeKind::Comprehension
                || !(outer.has_await || outer.is_coroutine || outer.is_generator)
            {
                self.error(
                    "asynchronous comprehension outside of an asynchronous function",
                    e.range(),
                );
                return;
            }
        }
        let qual = self.qualname_for(name);
        let range = match self.genexp_range.take() {
            Some(r) if kind == CompKind::Gen => r,
            _ => e.range(),
        };
        let line = self.index.line_col(range.start().into()).0;
        // Outer: function(iter(first.iter))
        let first = &generators[0];
        self.push_unit(table, name, qual, line);
        self.u().argcount = 1;
        self.function_prologue();
        let body = |c: &mut Self| {
            match kind {
                CompKind::List => c.emit(BUILD_LIST, 0),
                CompKind::Set => c.emit(BUILD_SET, 0),
                CompKind::Dict => c.emit(BUILD_MAP, 0),
                CompKind::Gen => {}
            }
            c.compile_comp_level(kind, generators, 0, elt, value);
            if kind == CompKind::Gen {
                c.load_none();
            }
            c.emit(RETURN_VALUE, 0);
        };
        if kind == CompKind::Gen || is_async {
            let handler = self.new_label();
            self.push_handler(handler, true, 0);
            body(self);
            self.pop_handler();
            self.bind(handler);
            self.emit(
                CALL_INTRINSIC_1,
                crate::bytecode::Intrinsic1::StopIterationError as u32,
            );
            self.emit(RERAISE, 1);
        } else {
            body(self);
        }
        let code = self.pop_unit();
        self.make_closure(code, 0);
        self.emit(PUSH_NULL, 0);
        self.compile_expr(&first.iter);
        if first.is_async {
            self.emit(GET_AITER, 0);
        } else {
            self.emit(GET_ITER, 0);
        }
        self.set_loc(e.range());
        self.emit(CALL, 1);
        if is_async && kind != CompKind::Gen {
            self.emit(GET_AWAITABLE, 0);
            self.load_none();
            self.compile_yield_from_loop(true);
        }
    }

    fn compile_comp_level(
        &mut self,
        kind: CompKind,
        generators: &'a [ast::Comprehension],
        level: usize,
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) {
        use Opcode::*;
        let g = &generators[level];
        let start = self.new_label();
        let if_cleanup = self.new_label();
        let cleanup = self.new_label();
        if level == 0 {
            let i = self.fast_index(".0");
            self.emit(LOAD_FAST, i);
        } else {
            self.compile_expr(&g.iter);
            self.emit(if g.is_async { GET_AITER } else { GET_ITER }, 0);
        }
        self.bind(start);
        if g.is_async {
            self.push_handler(cleanup, false, 0);
            self.emit(GET_ANEXT, 0);
            self.load_none();
            self.compile_yield_from_loop(true);
            self.pop_handler();
        } else {
            self.set_loc(g.iter.range());
            self.emit_jump(FOR_ITER, cleanup);
        }
        self.compile_store(&g.target);
        for cond in &g.ifs {
            self.compile_jump_if(cond, false, if_cleanup);
        }
        if level + 1 < generators.len() {
            self.compile_comp_level(kind, generators, level + 1, elt, value);
        } else {
            let depth = generators.len() as u32 + 1;
            match kind {
                CompKind::List => {
                    self.compile_expr(elt);
                    self.emit(LIST_APPEND, depth);
                }
                CompKind::Set => {
                    self.compile_expr(elt);
                    self.emit(SET_ADD, depth);
                }
                CompKind::Dict => {
                    self.compile_expr(elt);
                    self.compile_expr(value.unwrap());
                    self.emit(MAP_ADD, depth);
                }
                CompKind::Gen => {
                    self.compile_expr(elt);
                    if self.table().is_coroutine || self.table().has_await {
                        self.emit(
                            CALL_INTRINSIC_1,
                            crate::bytecode::Intrinsic1::AsyncGenWrap as u32,
                        );
                    }
                    self.emit(YIELD_VALUE, 0);
                    self.emit(RESUME, 1);
                    self.emit(POP_TOP, 0);
                }
            }
        }
        self.bind(if_cleanup);
        self.emit_jump(JUMP_BACKWARD, start);
        self.bind(cleanup);
        if g.is_async {
            self.emit(END_ASYNC_FOR, 0);
        }
    }
}
