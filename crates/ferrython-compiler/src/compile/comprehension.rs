//! List/set/dict comprehensions and generator expressions.
//!
//! List, set and dict comprehensions run inline in the enclosing code (PEP
//! 709, CPython's `push_inlined_comprehension_state` /
//! `pop_inlined_comprehension_state`): the names they bind are saved on the
//! stack with `LOAD_FAST_AND_CLEAR` before the loop and stored back after
//! it, also when an exception leaves the comprehension (an exception table
//! entry covers the loop). Generator expressions (and comprehensions in
//! annotation scopes of a class) are nested code objects taking the first
//! iterator as their argument `.0`.

use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::{Ranged, TextRange};

use super::Compiler;
use crate::bytecode::{fast_kind, Opcode};
use crate::symtable::{KeyTag, NameScope, ScopeKind, DEF_LOCAL, DEF_NONLOCAL};

/// What compiling an inlined comprehension changed in its unit, undone
/// when it ends.
#[derive(Default)]
struct InlineState {
    /// Names saved on the stack, in push order.
    pushed: Vec<String>,
    /// Previous entries of `comp_scopes` replaced by the comprehension's.
    scopes: Vec<(String, Option<NameScope>)>,
    /// Names added to `fast_hidden`.
    hidden: Vec<String>,
    /// Names that were safe for `LOAD_FAST` before the comprehension.
    safe: Vec<String>,
}

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
                    // CPython points at the `**`.
                    let at: usize = c.value.start().into();
                    let stars = self.index.source()[..at].rfind("**").unwrap_or(at);
                    let range = TextRange::new((stars as u32).into(), ((stars + 2) as u32).into());
                    self.error("dict unpacking cannot be used in dict comprehension", range);
                    return;
                }
            },
            Expr::Generator(c) => (CompKind::Gen, "<genexpr>", &c.generators, &c.elt, None),
            _ => return,
        };
        if let Expr::Starred(s) = elt {
            self.error(
                "iterable unpacking cannot be used in comprehension",
                s.range,
            );
            return;
        }
        let table = self.child_table(e.range(), KeyTag::Body);
        let t = &self.tables.tables[table];
        let is_async = t.is_coroutine || t.has_await;
        let inlined = t.comp_inlined;
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
        if inlined {
            self.compile_inlined_comprehension(kind, table, e, generators, elt, value);
            return;
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
            c.compile_comp_level(kind, generators, 0, elt, value, false);
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

    /// A list/set/dict comprehension inline in the current code.
    fn compile_inlined_comprehension(
        &mut self,
        kind: CompKind,
        table: usize,
        e: &'a Expr,
        generators: &'a [ast::Comprehension],
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) {
        use Opcode::*;
        let first = &generators[0];
        self.compile_expr(&first.iter);
        self.set_loc(first.iter.range());
        self.emit(if first.is_async { GET_AITER } else { GET_ITER }, 0);
        self.set_loc(e.range());
        let state = self.push_inlined_state(table);
        let cleanup = self.new_label();
        let end = self.new_label();
        if !state.pushed.is_empty() {
            self.emit(SWAP, state.pushed.len() as u32 + 1);
            self.push_handler(cleanup, false, 0);
        }
        match kind {
            CompKind::List => self.emit(BUILD_LIST, 0),
            CompKind::Set => self.emit(BUILD_SET, 0),
            _ => self.emit(BUILD_MAP, 0),
        }
        self.emit(SWAP, 2);
        self.compile_comp_level(kind, generators, 0, elt, value, true);
        self.pop_inlined_state(&state);
        if state.pushed.is_empty() {
            return;
        }
        let loc = self.loc();
        self.set_no_loc();
        self.pop_handler();
        self.emit_jump(JUMP_FORWARD, end);
        // An exception: drop the unfinished result, restore, re-raise.
        self.bind(cleanup);
        self.emit(SWAP, 2);
        self.emit(POP_TOP, 0);
        self.u().loc = loc;
        self.restore_inlined_locals(&state.pushed);
        self.emit(RERAISE, 0);
        self.bind(end);
        self.restore_inlined_locals(&state.pushed);
    }

    /// Save the names comprehension `table` binds (all its names in a
    /// class body) and switch to its view of the names it sees differently.
    fn push_inlined_state(&mut self, table: usize) -> InlineState {
        use Opcode::*;
        let comp = &self.tables.tables[table];
        let outer = self.table();
        let in_class = outer.kind == ScopeKind::Class && self.unit().inline_depth == 0;
        let function_like = outer.kind.is_function_like();
        self.u().inline_depth += 1;
        let mut state = InlineState::default();
        for s in &comp.symbols {
            let name = s.name.as_str();
            let outsc = match self.unit().comp_scopes.get(name) {
                Some(&sc) => sc,
                None => outer.scope_of(name),
            };
            if s.flags & DEF_LOCAL != 0 && s.flags & DEF_NONLOCAL == 0 || in_class {
                let cell = s.scope == NameScope::Cell;
                let u = self.u();
                let i = if cell {
                    u.localsplus_index(name)
                        .unwrap_or_else(|| u.add_local(name))
                } else {
                    u.local_slot(name)
                };
                if !function_like && !cell && u.fast_hidden.insert(name.to_string()) {
                    u.kinds[i as usize] |= fast_kind::HIDDEN;
                    state.hidden.push(name.to_string());
                }
                if u.safe_fast.remove(name) {
                    state.safe.push(name.to_string());
                }
                self.emit(LOAD_FAST_AND_CLEAR, i);
                if cell {
                    self.emit(MAKE_CELL, i);
                }
                state.pushed.push(name.to_string());
            }
            // A name free in the comprehension is seen as the enclosing
            // code sees it, except directly in a class body, whose names
            // are not visible inside.
            let keep_outer = s.scope == NameScope::Cell && outsc == NameScope::Free
                || s.scope == NameScope::Free && !in_class;
            if s.scope != outsc && !keep_outer {
                let prev = self.u().comp_scopes.insert(name.to_string(), s.scope);
                state.scopes.push((name.to_string(), prev));
            }
        }
        state
    }

    /// Undo `push_inlined_state` in the compiler (the stored-back values
    /// are emitted by `restore_inlined_locals`).
    fn pop_inlined_state(&mut self, state: &InlineState) {
        let u = self.u();
        u.inline_depth -= 1;
        for (name, prev) in state.scopes.iter().rev() {
            match prev {
                Some(sc) => u.comp_scopes.insert(name.clone(), *sc),
                None => u.comp_scopes.remove(name),
            };
        }
        for name in &state.hidden {
            u.fast_hidden.remove(name);
        }
        for name in &state.pushed {
            u.safe_fast.remove(name);
        }
        for name in &state.safe {
            u.safe_fast.insert(name.clone());
        }
    }

    /// Bring the saved values back: the result (or exception) on top of
    /// the stack moves below them, then each is stored in its slot.
    fn restore_inlined_locals(&mut self, pushed: &[String]) {
        use Opcode::*;
        self.emit(SWAP, pushed.len() as u32 + 1);
        for name in pushed.iter().rev() {
            let u = self.u();
            let i = match u.localsplus_index(name) {
                Some(i) if u.kinds[i as usize] & fast_kind::CELL != 0 => i,
                _ => u.local_slot(name),
            };
            self.emit(STORE_FAST, i);
        }
    }

    /// Names an inlined comprehension's target binds become safe for
    /// `LOAD_FAST` once stored (they were made unsafe when pushed).
    fn note_comp_target_bound(&mut self, target: &Expr) {
        match target {
            Expr::Name(n) => {
                let name = self.mangle(&n.id);
                let scope = match self.unit().comp_scopes.get(&name) {
                    Some(&sc) => sc,
                    None => self.table().scope_of(&name),
                };
                if scope == NameScope::Local {
                    self.u().safe_fast.insert(name);
                }
            }
            Expr::Tuple(t) => t.elts.iter().for_each(|e| self.note_comp_target_bound(e)),
            Expr::List(t) => t.elts.iter().for_each(|e| self.note_comp_target_bound(e)),
            Expr::Starred(s) => self.note_comp_target_bound(&s.value),
            _ => {}
        }
    }

    fn compile_comp_level(
        &mut self,
        kind: CompKind,
        generators: &'a [ast::Comprehension],
        level: usize,
        elt: &'a Expr,
        value: Option<&'a Expr>,
        inlined: bool,
    ) {
        use Opcode::*;
        let g = &generators[level];
        let start = self.new_label();
        let if_cleanup = self.new_label();
        let cleanup = self.new_label();
        if level == 0 {
            if !inlined {
                let i = self.fast_index(".0");
                self.emit(LOAD_FAST, i);
            }
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
        if inlined {
            self.note_comp_target_bound(&g.target);
        }
        for cond in &g.ifs {
            self.compile_jump_if(cond, false, if_cleanup);
        }
        if level + 1 < generators.len() {
            self.compile_comp_level(kind, generators, level + 1, elt, value, inlined);
        } else {
            let depth = generators.len() as u32 + 1;
            match kind {
                CompKind::List => {
                    self.compile_expr(elt);
                    self.set_loc(elt.range());
                    self.emit(LIST_APPEND, depth);
                }
                CompKind::Set => {
                    self.compile_expr(elt);
                    self.set_loc(elt.range());
                    self.emit(SET_ADD, depth);
                }
                CompKind::Dict => {
                    self.compile_expr(elt);
                    self.compile_expr(value.unwrap());
                    self.set_loc(elt.range());
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
        // The jump back has the element's location, as in CPython.
        self.set_loc(elt.range());
        self.emit_jump(JUMP_BACKWARD, start);
        self.bind(cleanup);
        if g.is_async {
            self.emit(END_ASYNC_FOR, 0);
        }
    }
}
