//! Expressions: operators, calls, containers, f-strings, assignment targets.

use ruff_python_ast::{self as ast, CmpOp, Expr, Operator, UnaryOp};
use ruff_text_size::Ranged;

use super::fold;
use super::strlit::{self, Lit};
use super::{Compiler, NameOp};
use crate::bytecode::{BinaryOp, CompareOp, Constant, Intrinsic1, Opcode};
use crate::symtable::NameScope;

/// Which container a starred sequence builds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seq {
    Tuple,
    List,
    Set,
}

pub(crate) fn binop_arg(op: Operator) -> u32 {
    (match op {
        Operator::Add => BinaryOp::Add,
        Operator::Sub => BinaryOp::Subtract,
        Operator::Mult => BinaryOp::Multiply,
        Operator::MatMult => BinaryOp::MatrixMultiply,
        Operator::Div => BinaryOp::TrueDivide,
        Operator::Mod => BinaryOp::Remainder,
        Operator::Pow => BinaryOp::Power,
        Operator::LShift => BinaryOp::Lshift,
        Operator::RShift => BinaryOp::Rshift,
        Operator::BitOr => BinaryOp::Or,
        Operator::BitXor => BinaryOp::Xor,
        Operator::BitAnd => BinaryOp::And,
        Operator::FloorDiv => BinaryOp::FloorDivide,
    }) as u32
}

impl<'a> Compiler<'a> {
    pub(crate) fn compile_expr_inner(&mut self, e: &'a Expr) {
        use Opcode::*;
        if let Some(c) = fold::fold(e, self.optimize, self.index.source()) {
            self.load_const(c);
            return;
        }
        match e {
            Expr::BoolOp(b) => {
                let end = self.new_label();
                let jump = if b.op == ast::BoolOp::And {
                    POP_JUMP_IF_FALSE
                } else {
                    POP_JUMP_IF_TRUE
                };
                let n = b.values.len();
                for (i, v) in b.values.iter().enumerate() {
                    self.compile_expr(v);
                    if i + 1 < n {
                        self.emit(COPY, 1);
                        self.emit(TO_BOOL, 0);
                        self.emit_jump(jump, end);
                        self.emit(POP_TOP, 0);
                    }
                }
                self.bind(end);
            }
            Expr::Named(n) => {
                self.compile_expr(&n.value);
                self.emit(COPY, 1);
                self.compile_store(&n.target);
            }
            Expr::BinOp(b) => {
                self.compile_expr(&b.left);
                self.compile_expr(&b.right);
                self.emit(BINARY_OP, binop_arg(b.op));
            }
            Expr::UnaryOp(u) => {
                self.compile_expr(&u.operand);
                match u.op {
                    UnaryOp::Invert => self.emit(UNARY_INVERT, 0),
                    UnaryOp::Not => {
                        self.emit(TO_BOOL, 0);
                        self.emit(UNARY_NOT, 0)
                    }
                    UnaryOp::UAdd => self.emit(CALL_INTRINSIC_1, Intrinsic1::UnaryPositive as u32),
                    UnaryOp::USub => self.emit(UNARY_NEGATIVE, 0),
                }
            }
            Expr::Lambda(l) => self.compile_lambda(l),
            Expr::If(i) => {
                let orelse = self.new_label();
                let end = self.new_label();
                self.compile_jump_if(&i.test, false, orelse);
                self.compile_expr(&i.body);
                self.emit_jump_no_loc(JUMP_FORWARD, end);
                self.bind(orelse);
                self.compile_expr(&i.orelse);
                self.bind(end);
            }
            Expr::Dict(d) => self.compile_dict(d),
            Expr::Set(s) => self.compile_sequence(&s.elts, Seq::Set),
            Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::Generator(_) => {
                self.compile_comprehension(e)
            }
            Expr::Await(a) => {
                if !self.in_async_context()
                    && self.table().kind == crate::symtable::ScopeKind::Module
                {
                    self.error("'await' outside function", a.range);
                    return;
                }
                self.compile_expr(&a.value);
                self.emit(GET_AWAITABLE, 0);
                self.load_none();
                self.compile_yield_from_loop(true);
            }
            Expr::Yield(y) => {
                match &y.value {
                    Some(v) => self.compile_expr(v),
                    None => self.load_none(),
                }
                if self.table().is_coroutine {
                    self.emit(CALL_INTRINSIC_1, Intrinsic1::AsyncGenWrap as u32);
                }
                self.emit(YIELD_VALUE, 0);
                self.emit(RESUME, 1);
            }
            Expr::YieldFrom(y) => {
                self.compile_expr(&y.value);
                self.emit(GET_YIELD_FROM_ITER, 0);
                self.load_none();
                self.compile_yield_from_loop(false);
            }
            Expr::Compare(c) => self.compile_compare(c, false),
            Expr::Call(c) => self.compile_call(c),
            Expr::FString(f) => self.compile_fstring(f),
            Expr::TString(t) => self.compile_tstring(t),
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => unreachable!("literals are folded"),
            Expr::Attribute(a) => {
                if let Some(()) = self.try_super_attr(a, false) {
                    return;
                }
                self.compile_expr(&a.value);
                let i = self.add_name(&self.mangle(&a.attr.id));
                let loc = self.attr_location(a.range, a);
                self.at_location(loc, |c| c.emit(LOAD_ATTR, i << 1));
            }
            Expr::Subscript(s) => {
                self.check_subscript(&s.value, &s.slice);
                self.compile_expr(&s.value);
                if let Expr::Slice(sl) = &*s.slice {
                    if sl.step.is_none() {
                        self.compile_slice_bound(sl.lower.as_deref());
                        self.compile_slice_bound(sl.upper.as_deref());
                        self.emit(BINARY_SLICE, 0);
                        return;
                    }
                }
                self.compile_subscript_index(&s.slice);
                self.emit(BINARY_SUBSCR, 0);
            }
            Expr::Starred(s) => self.error("can't use starred expression here", s.range),
            Expr::Name(n) => self.compile_name(&n.id, NameOp::Load),
            Expr::List(l) => self.compile_sequence(&l.elts, Seq::List),
            Expr::Tuple(t) => self.compile_sequence(&t.elts, Seq::Tuple),
            Expr::Slice(s) => {
                self.compile_slice_bound(s.lower.as_deref());
                self.compile_slice_bound(s.upper.as_deref());
                if let Some(st) = &s.step {
                    self.compile_expr(st);
                    self.emit(BUILD_SLICE, 3);
                } else {
                    self.emit(BUILD_SLICE, 2);
                }
            }
            Expr::IpyEscapeCommand(x) => self.error("invalid syntax", x.range),
        }
    }

    /// A subscript index; `x[*a]` (PEP 646) indexes with a tuple.
    pub(crate) fn compile_subscript_index(&mut self, e: &'a Expr) {
        if matches!(e, Expr::Starred(_)) {
            self.compile_sequence(std::slice::from_ref(e), Seq::Tuple);
        } else {
            self.compile_expr(e);
        }
    }

    fn compile_slice_bound(&mut self, e: Option<&'a Expr>) {
        match e {
            Some(e) => self.compile_expr(e),
            None => self.load_none(),
        }
    }

    /// `SEND`/`YIELD_VALUE` loop of `yield from` and `await`; the iterator
    /// and the first value to send are on the stack; leaves the result.
    pub(crate) fn compile_yield_from_loop(&mut self, is_await: bool) {
        use Opcode::*;
        let send = self.new_label();
        let fail = self.new_label();
        let exit = self.new_label();
        self.bind(send);
        self.emit_jump(SEND, exit);
        self.push_handler(fail, false, 0);
        self.emit(YIELD_VALUE, 1);
        self.pop_handler();
        self.emit(RESUME, if is_await { 3 } else { 2 });
        self.emit_jump(JUMP_BACKWARD_NO_INTERRUPT, send);
        self.bind(fail);
        self.emit(CLEANUP_THROW, 0);
        self.bind(exit);
        self.emit(END_SEND, 0);
    }

    /// `super().attr` / `super().method(...)` with `LOAD_SUPER_ATTR` when
    /// `super` is the builtin (an implicit global here that the module
    /// never names, as CPython checks) and the function has `__class__`
    /// and a first argument. Returns `None` when the pattern does not apply.
    pub(crate) fn try_super_attr(&mut self, a: &'a ast::ExprAttribute, method: bool) -> Option<()> {
        let Expr::Call(call) = &*a.value else {
            return None;
        };
        let Expr::Name(n) = &*call.func else {
            return None;
        };
        if &*n.id != "super" || !call.arguments.keywords.is_empty() {
            return None;
        }
        let t = self.table();
        if t.scope_of("super") != NameScope::GlobalImplicit
            || !t.kind.is_function_like()
            || self.tables.tables[0].lookup("super").is_some()
        {
            return None;
        }
        let nargs = call.arguments.args.len();
        if nargs == 0 {
            if t.params.is_empty() || t.lookup("__class__").is_none() {
                return None;
            }
        } else if nargs != 2
            || call
                .arguments
                .args
                .iter()
                .any(|x| matches!(x, Expr::Starred(_)))
        {
            return None;
        }
        self.compile_name("super", NameOp::Load);
        if nargs == 0 {
            let cls = self.fast_index("__class__");
            self.emit(Opcode::LOAD_DEREF, cls);
            let first = t.params[0].clone();
            self.compile_name(&first, NameOp::Load);
        } else {
            self.compile_expr(&call.arguments.args[0]);
            self.compile_expr(&call.arguments.args[1]);
        }
        let i = self.add_name(&self.mangle(&a.attr.id));
        let arg = (i << 2) | u32::from(method) | if nargs == 2 { 2 } else { 0 };
        self.with_loc(a.range, |c| c.emit(Opcode::LOAD_SUPER_ATTR, arg));
        // The line of the attribute's name, as CPython marks it.
        let loc = self.attr_location(a.range, a);
        self.at_location(loc, |c| c.emit(Opcode::NOP, 0));
        Some(())
    }

    /// CPython's `"is" with 'int' literal` SyntaxWarning.
    fn check_is_literal(&mut self, c: &'a ast::ExprCompare) {
        fn literal_type(e: &Expr) -> Option<&'static str> {
            match e {
                Expr::NumberLiteral(n) => Some(match n.value {
                    ast::Number::Int(_) => "int",
                    ast::Number::Float(_) => "float",
                    ast::Number::Complex { .. } => "complex",
                }),
                Expr::StringLiteral(_) => Some("str"),
                Expr::BytesLiteral(_) => Some("bytes"),
                Expr::Tuple(t)
                    if t.elts.iter().all(|x| {
                        literal_type(x).is_some()
                            || matches!(x, Expr::NoneLiteral(_) | Expr::BooleanLiteral(_))
                    }) =>
                {
                    Some("tuple")
                }
                _ => None,
            }
        }
        let mut left: &Expr = &c.left;
        for (op, right) in c.ops.iter().zip(c.comparators.iter()) {
            if matches!(op, CmpOp::Is | CmpOp::IsNot) {
                if let Some(t) = literal_type(left).or_else(|| literal_type(right)) {
                    let (word, eq) = if *op == CmpOp::Is {
                        ("is", "==")
                    } else {
                        ("is not", "!=")
                    };
                    self.warn(
                        format!("\"{word}\" with '{t}' literal. Did you mean \"{eq}\"?"),
                        c.range,
                    );
                }
            }
            left = right;
        }
    }

    /// Comparison; `to_bool` asks for an exact bool result (for jumps).
    fn compile_compare(&mut self, c: &'a ast::ExprCompare, to_bool: bool) {
        use Opcode::*;
        self.check_is_literal(c);
        self.compile_expr(&c.left);
        let n = c.ops.len();
        if n == 1 {
            self.compile_comparator(c.ops[0], &c.comparators[0]);
            self.emit_cmp(c.ops[0], to_bool);
            return;
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        for i in 0..n - 1 {
            self.compile_comparator(c.ops[i], &c.comparators[i]);
            self.emit(SWAP, 2);
            self.emit(COPY, 2);
            self.emit_cmp(c.ops[i], false);
            self.emit(COPY, 1);
            self.emit(TO_BOOL, 0);
            self.emit_jump(POP_JUMP_IF_FALSE, cleanup);
            self.emit(POP_TOP, 0);
        }
        self.compile_comparator(c.ops[n - 1], &c.comparators[n - 1]);
        self.emit_cmp(c.ops[n - 1], to_bool);
        self.emit_jump_no_loc(JUMP_FORWARD, end);
        self.bind(cleanup);
        self.emit(SWAP, 2);
        self.emit(POP_TOP, 0);
        if to_bool {
            self.emit(TO_BOOL, 0);
        }
        self.bind(end);
    }

    /// Right operand of a comparison: `x in [1, 2]` / `x in {1, 2}` test
    /// a constant tuple / frozenset (as CPython's AST optimizer does).
    fn compile_comparator(&mut self, op: CmpOp, e: &'a Expr) {
        if matches!(op, CmpOp::In | CmpOp::NotIn) {
            if let Some(c) = self.constant_container(e) {
                self.load_const(c);
                return;
            }
        }
        self.compile_expr(e);
    }

    /// A list/set display of constants as a constant tuple/frozenset.
    pub(crate) fn constant_container(&self, e: &'a Expr) -> Option<Constant> {
        let (elts, set) = match e {
            Expr::List(l) => (&l.elts, false),
            Expr::Set(s) => (&s.elts, true),
            _ => return None,
        };
        if elts.len() > 256 {
            return None;
        }
        let items: Option<Vec<Constant>> = elts
            .iter()
            .map(|x| fold::fold(x, self.optimize, self.index.source()))
            .collect();
        let items = items?;
        Some(if set {
            Constant::FrozenSet(items)
        } else {
            Constant::Tuple(items)
        })
    }

    pub(crate) fn emit_cmp(&mut self, op: CmpOp, to_bool: bool) {
        use Opcode::*;
        let b = if to_bool { 16 } else { 0 };
        match op {
            CmpOp::Eq => self.emit(COMPARE_OP, ((CompareOp::Eq as u32) << 5) | b),
            CmpOp::NotEq => self.emit(COMPARE_OP, ((CompareOp::Ne as u32) << 5) | b),
            CmpOp::Lt => self.emit(COMPARE_OP, ((CompareOp::Lt as u32) << 5) | b),
            CmpOp::LtE => self.emit(COMPARE_OP, ((CompareOp::Le as u32) << 5) | b),
            CmpOp::Gt => self.emit(COMPARE_OP, ((CompareOp::Gt as u32) << 5) | b),
            CmpOp::GtE => self.emit(COMPARE_OP, ((CompareOp::Ge as u32) << 5) | b),
            CmpOp::Is => self.emit(IS_OP, 0),
            CmpOp::IsNot => self.emit(IS_OP, 1),
            CmpOp::In => self.emit(CONTAINS_OP, 0),
            CmpOp::NotIn => self.emit(CONTAINS_OP, 1),
        }
    }

    /// Jump to `target` if `e` is truthy (`cond`) / falsy (`!cond`);
    /// `POP_JUMP_IF_TRUE/FALSE` require an exact bool.
    pub(crate) fn compile_jump_if(&mut self, e: &'a Expr, cond: bool, target: super::Label) {
        if self.error.is_some() {
            return;
        }
        // The test's own location, as CPython gives its jumps.
        stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || {
            self.with_loc(e.range(), |c| c.compile_jump_if_inner(e, cond, target))
        });
    }

    fn compile_jump_if_inner(&mut self, e: &'a Expr, cond: bool, target: super::Label) {
        use Opcode::*;
        if let Some(c) = fold::fold(e, self.optimize, self.index.source()) {
            if let Some(t) = c.truthy() {
                // The test's line keeps its line event (CPython's NOP);
                // the jump is artificial so that the NOP is kept.
                self.emit(NOP, 0);
                if t == cond {
                    self.set_no_loc();
                    self.emit_jump(JUMP_FORWARD, target);
                }
                return;
            }
        }
        match e {
            Expr::UnaryOp(u) if u.op == UnaryOp::Not => {
                self.compile_jump_if(&u.operand, !cond, target);
            }
            Expr::BoolOp(b) => {
                let is_or = b.op == ast::BoolOp::Or;
                let n = b.values.len();
                if is_or == cond {
                    for v in &b.values {
                        self.compile_jump_if(v, cond, target);
                    }
                } else {
                    let skip = self.new_label();
                    for (i, v) in b.values.iter().enumerate() {
                        if i + 1 < n {
                            self.compile_jump_if(v, !cond, skip);
                        } else {
                            self.compile_jump_if(v, cond, target);
                        }
                    }
                    self.bind(skip);
                }
            }
            Expr::If(i) => {
                let orelse = self.new_label();
                let end = self.new_label();
                self.compile_jump_if(&i.test, false, orelse);
                self.compile_jump_if(&i.body, cond, target);
                self.emit_jump_no_loc(JUMP_FORWARD, end);
                self.bind(orelse);
                self.compile_jump_if(&i.orelse, cond, target);
                self.bind(end);
            }
            Expr::Compare(c) if c.ops.len() == 1 => {
                // `x is None` / `x is not None` get dedicated jumps.
                if matches!(c.ops[0], CmpOp::Is | CmpOp::IsNot)
                    && matches!(c.comparators[0], Expr::NoneLiteral(_))
                {
                    self.compile_expr(&c.left);
                    let is = (c.ops[0] == CmpOp::Is) == cond;
                    self.with_loc(c.range, |s| {
                        s.emit_jump(
                            if is {
                                POP_JUMP_IF_NONE
                            } else {
                                POP_JUMP_IF_NOT_NONE
                            },
                            target,
                        )
                    });
                    return;
                }
                self.compile_compare(c, true);
                self.emit_jump(
                    if cond {
                        POP_JUMP_IF_TRUE
                    } else {
                        POP_JUMP_IF_FALSE
                    },
                    target,
                );
            }
            _ => {
                self.compile_expr(e);
                self.emit(TO_BOOL, 0);
                self.emit_jump(
                    if cond {
                        POP_JUMP_IF_TRUE
                    } else {
                        POP_JUMP_IF_FALSE
                    },
                    target,
                );
            }
        }
    }

    /// Build a tuple/list/set from elements that may contain `*x`.
    pub(crate) fn compile_sequence(&mut self, elts: &'a [Expr], kind: Seq) {
        use Opcode::*;
        let has_star = elts.iter().any(|x| matches!(x, Expr::Starred(_)));
        let (build, add, extend) = match kind {
            Seq::Tuple | Seq::List => (BUILD_LIST, LIST_APPEND, LIST_EXTEND),
            Seq::Set => (BUILD_SET, SET_ADD, SET_UPDATE),
        };
        if !has_star && elts.len() <= 30 {
            // Constant elements of a list/set: build from a constant tuple.
            if kind != Seq::Tuple && elts.len() >= 3 {
                let consts: Option<Vec<Constant>> = elts
                    .iter()
                    .map(|x| fold::fold(x, self.optimize, self.index.source()))
                    .collect();
                if let Some(consts) = consts {
                    self.emit(build, 0);
                    let c = if kind == Seq::Set {
                        Constant::FrozenSet(consts)
                    } else {
                        Constant::Tuple(consts)
                    };
                    self.load_const(c);
                    self.emit(extend, 1);
                    return;
                }
            }
            for x in elts {
                self.compile_expr(x);
            }
            let n = elts.len() as u32;
            match kind {
                Seq::Tuple => self.emit(BUILD_TUPLE, n),
                Seq::List => self.emit(BUILD_LIST, n),
                Seq::Set => self.emit(BUILD_SET, n),
            }
            return;
        }
        // General case: start with the leading plain elements, then append/extend.
        let lead = elts
            .iter()
            .take_while(|x| !matches!(x, Expr::Starred(_)))
            .count();
        let lead = if has_star { lead } else { 0 };
        for x in &elts[..lead] {
            self.compile_expr(x);
        }
        self.emit(build, lead as u32);
        for x in &elts[lead..] {
            match x {
                Expr::Starred(s) => {
                    self.compile_expr(&s.value);
                    self.emit(extend, 1);
                }
                _ => {
                    self.compile_expr(x);
                    self.emit(add, 1);
                }
            }
        }
        if kind == Seq::Tuple {
            self.emit(CALL_INTRINSIC_1, Intrinsic1::ListToTuple as u32);
        }
    }

    fn compile_dict(&mut self, d: &'a ast::ExprDict) {
        use Opcode::*;
        let mut pending = 0u32;
        let mut built = false;
        let flush = |c: &mut Self, pending: &mut u32, built: &mut bool| {
            c.emit(BUILD_MAP, *pending);
            if *built {
                c.emit(DICT_UPDATE, 1);
            }
            *built = true;
            *pending = 0;
        };
        for item in &d.items {
            match &item.key {
                Some(k) => {
                    self.compile_expr(k);
                    self.compile_expr(&item.value);
                    pending += 1;
                    if pending == 16 {
                        flush(self, &mut pending, &mut built);
                    }
                }
                None => {
                    if pending > 0 || !built {
                        flush(self, &mut pending, &mut built);
                    }
                    self.compile_expr(&item.value);
                    self.emit(DICT_UPDATE, 1);
                }
            }
        }
        if pending > 0 || !built {
            flush(self, &mut pending, &mut built);
        }
    }

    fn compile_call(&mut self, c: &'a ast::ExprCall) {
        use Opcode::*;
        self.check_caller(&c.func);
        // Method call: obj.meth(...)
        match &*c.func {
            Expr::Attribute(a) if !matches!(a.ctx, ast::ExprContext::Store) => {
                if self.try_super_attr(a, true).is_none() {
                    self.compile_expr(&a.value);
                    let i = self.add_name(&self.mangle(&a.attr.id));
                    let loc = self.attr_location(a.range, a);
                    self.at_location(loc, |s| s.emit(LOAD_ATTR, (i << 1) | 1));
                }
            }
            Expr::Name(n) => {
                let mangled = self.mangle(&n.id);
                let t = self.table();
                let scope = t.scope_of(&mangled);
                let global_load = t.kind.is_function_like()
                    && !t.can_see_class_scope
                    && matches!(scope, NameScope::GlobalImplicit | NameScope::GlobalExplicit)
                    || scope == NameScope::GlobalExplicit;
                if global_load {
                    let i = self.add_name(&mangled);
                    self.emit(LOAD_GLOBAL, (i << 1) | 1);
                } else {
                    self.compile_expr(&c.func);
                    self.emit(PUSH_NULL, 0);
                }
            }
            _ => {
                self.compile_expr(&c.func);
                self.emit(PUSH_NULL, 0);
            }
        }
        let saved = self.loc();
        if let [Expr::Generator(g)] = &*c.arguments.args {
            if !g.parenthesized && c.arguments.keywords.is_empty() {
                self.genexp_range = Some(c.arguments.range);
            }
        }
        // A method call's CALL reports the line of the method's name.
        if let Expr::Attribute(a) = &*c.func {
            let plain = !c
                .arguments
                .args
                .iter()
                .any(|x| matches!(x, Expr::Starred(_)))
                && c.arguments.keywords.iter().all(|k| k.arg.is_some());
            if plain {
                self.u().loc = self.attr_location(c.range(), a);
            }
        }
        self.compile_call_args(&c.arguments.args, &c.arguments.keywords, 0);
        self.u().loc = saved;
    }

    /// Arguments of a call whose callable and self/NULL are on the stack;
    /// `extra` positional arguments have already been pushed.
    pub(crate) fn compile_call_args(
        &mut self,
        args: &'a [Expr],
        keywords: &'a [ast::Keyword],
        extra: u32,
    ) {
        use Opcode::*;
        let has_star = args.iter().any(|a| matches!(a, Expr::Starred(_)))
            || keywords.iter().any(|k| k.arg.is_none());
        // Duplicate keyword check (the parser does not do it).
        let mut seen = std::collections::HashSet::new();
        for k in keywords {
            if let Some(a) = &k.arg {
                if !seen.insert(a.id.as_str()) {
                    self.error(format!("keyword argument repeated: {}", a.id), k.range);
                    return;
                }
            }
        }
        if !has_star && args.len() + keywords.len() + (extra as usize) < 256 {
            for a in args {
                self.compile_expr(a);
            }
            if keywords.is_empty() {
                self.emit(CALL, args.len() as u32 + extra);
            } else {
                let mut names = Vec::new();
                for k in keywords {
                    self.compile_expr(&k.value);
                    names.push(Constant::Str(k.arg.as_ref().unwrap().id.to_string()));
                }
                self.load_const(Constant::Tuple(names));
                self.emit(CALL_KW, (args.len() + keywords.len()) as u32 + extra);
            }
            return;
        }
        // CALL_FUNCTION_EX: build the positional tuple.
        if extra == 0 && args.len() == 1 && matches!(args[0], Expr::Starred(_)) {
            if let Expr::Starred(s) = &args[0] {
                self.compile_expr(&s.value);
            }
        } else {
            if extra > 0 {
                self.emit(BUILD_LIST, extra);
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
                self.emit(CALL_INTRINSIC_1, Intrinsic1::ListToTuple as u32);
            } else {
                self.compile_sequence(args, Seq::Tuple);
            }
        }
        if keywords.is_empty() {
            self.emit(CALL_FUNCTION_EX, 0);
            return;
        }
        let mut pending = 0u32;
        let mut built = false;
        for k in keywords {
            match &k.arg {
                Some(a) => {
                    self.load_const(Constant::Str(a.id.to_string()));
                    self.compile_expr(&k.value);
                    pending += 1;
                }
                None => {
                    if pending > 0 || !built {
                        self.emit(BUILD_MAP, pending);
                        if built {
                            self.emit(DICT_MERGE, 1);
                        }
                        built = true;
                        pending = 0;
                    }
                    self.compile_expr(&k.value);
                    self.emit(DICT_MERGE, 1);
                }
            }
        }
        if pending > 0 {
            self.emit(BUILD_MAP, pending);
            if built {
                self.emit(DICT_MERGE, 1);
            }
        }
        self.emit(CALL_FUNCTION_EX, 1);
    }

    fn compile_fstring(&mut self, f: &'a ast::ExprFString) {
        let mut count = 0u32;
        let mut lit = Lit::default();
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(s) => {
                    let c = strlit::string_literal_part(s, self.index.source());
                    lit.push_decoded(&s.value, c, false);
                }
                ast::FStringPart::FString(fs) => {
                    let raw = fs.flags.prefix().is_raw();
                    self.compile_fstring_elements(&fs.elements, raw, &mut lit, &mut count);
                }
            }
        }
        if !lit.is_empty() || count == 0 {
            self.load_const(lit.take());
            count += 1;
        }
        if count > 1 {
            self.emit(Opcode::BUILD_STRING, count);
        } else if count == 1
            && f.value
                .iter()
                .all(|p| matches!(p, ast::FStringPart::Literal(_)))
        {
            // plain string
        }
    }

    /// A template string (PEP 750): its interpolations in order, then the
    /// strings around them (one more than the interpolations).
    fn compile_tstring(&mut self, t: &'a ast::ExprTString) {
        use Opcode::*;
        let mut strings = Vec::new();
        let mut lit = Lit::default();
        let mut count = 0u32;
        let elements = t.value.iter().flat_map(|p| {
            let raw = p.flags.prefix().is_raw();
            p.elements.iter().map(move |el| (el, raw))
        });
        for (el, raw) in elements {
            match el {
                ast::InterpolatedStringElement::Literal(l) => self.push_element(&mut lit, l, raw),
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let src = self.index.source();
                    let s = u32::from(i.expression.range().start()) as usize;
                    let e = u32::from(i.expression.range().end()) as usize;
                    let text = src.get(s..e).unwrap_or("").to_string();
                    let mut conversion = i.conversion;
                    if let Some(dbg) = &i.debug_text {
                        lit.push_str(dbg.leading());
                        lit.push_str(&text);
                        lit.push_str(dbg.trailing());
                        if conversion == ast::ConversionFlag::None && i.format_spec.is_none() {
                            conversion = ast::ConversionFlag::Repr;
                        }
                    }
                    strings.push(lit.take());
                    self.compile_expr(&i.expression);
                    self.load_const(Constant::Str(text));
                    let has_spec = match &i.format_spec {
                        Some(spec) => {
                            self.compile_format_spec(spec, raw);
                            1
                        }
                        None => 0,
                    };
                    let conversion = match conversion {
                        ast::ConversionFlag::None => 0,
                        ast::ConversionFlag::Str => 1,
                        ast::ConversionFlag::Repr => 2,
                        ast::ConversionFlag::Ascii => 3,
                    };
                    self.emit(BUILD_INTERPOLATION, conversion << 2 | has_spec);
                    count += 1;
                }
            }
        }
        strings.push(lit.take());
        self.emit(BUILD_TUPLE, count);
        self.load_const(Constant::Tuple(strings));
        self.emit(BUILD_TEMPLATE, 0);
    }

    /// Pushes a format spec (with its own replacement fields) as one str.
    fn compile_format_spec(&mut self, spec: &'a ast::InterpolatedStringFormatSpec, raw: bool) {
        let mut inner_lit = Lit::default();
        let mut inner_count = 0u32;
        self.compile_fstring_elements(&spec.elements, raw, &mut inner_lit, &mut inner_count);
        if !inner_lit.is_empty() || inner_count == 0 {
            self.load_const(inner_lit.take());
            inner_count += 1;
        }
        if inner_count > 1 {
            self.emit(Opcode::BUILD_STRING, inner_count);
        }
    }

    fn compile_fstring_elements(
        &mut self,
        elements: &'a ast::InterpolatedStringElements,
        raw: bool,
        lit: &mut Lit,
        count: &mut u32,
    ) {
        use Opcode::*;
        for el in elements.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => self.push_element(lit, l, raw),
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let mut conversion = i.conversion;
                    if let Some(dbg) = &i.debug_text {
                        lit.push_str(dbg.leading());
                        let src = self.index.source();
                        let s: usize = u32::from(i.expression.range().start()) as usize;
                        let e: usize = u32::from(i.expression.range().end()) as usize;
                        lit.push_str(src.get(s..e).unwrap_or(""));
                        lit.push_str(dbg.trailing());
                        if conversion == ast::ConversionFlag::None && i.format_spec.is_none() {
                            conversion = ast::ConversionFlag::Repr;
                        }
                    }
                    if !lit.is_empty() {
                        self.load_const(lit.take());
                        *count += 1;
                    }
                    self.compile_expr(&i.expression);
                    match conversion {
                        ast::ConversionFlag::None => {}
                        ast::ConversionFlag::Str => self.emit(CONVERT_VALUE, 1),
                        ast::ConversionFlag::Repr => self.emit(CONVERT_VALUE, 2),
                        ast::ConversionFlag::Ascii => self.emit(CONVERT_VALUE, 3),
                    }
                    match &i.format_spec {
                        Some(spec) => {
                            self.compile_format_spec(spec, raw);
                            self.emit(FORMAT_WITH_SPEC, 0);
                        }
                        None => self.emit(FORMAT_SIMPLE, 0),
                    }
                    *count += 1;
                }
            }
        }
    }

    /// Appends the literal text of an f- or t-string (`raw`: with an `r`
    /// prefix, so without escapes).
    fn push_element(&self, lit: &mut Lit, l: &ast::InterpolatedStringLiteralElement, raw: bool) {
        let source = self.index.source();
        let text = (!raw)
            .then(|| source.get(l.range.start().to_usize()..l.range.end().to_usize()))
            .flatten();
        lit.push_decoded(&l.value, text, true);
    }

    // ---- assignment targets -------------------------------------------

    /// Store TOS into `target`.
    pub(crate) fn compile_store(&mut self, target: &'a Expr) {
        stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || {
            self.compile_store_inner(target)
        });
    }

    fn compile_store_inner(&mut self, target: &'a Expr) {
        use Opcode::*;
        let saved = self.loc();
        self.set_loc(target.range());
        match target {
            Expr::Name(n) => self.compile_name(&n.id, NameOp::Store),
            Expr::Attribute(a) => {
                self.compile_expr(&a.value);
                let i = self.add_name(&self.mangle(&a.attr.id));
                self.emit(STORE_ATTR, i);
            }
            Expr::Subscript(s) => {
                if let Expr::Slice(sl) = &*s.slice {
                    if sl.step.is_none() {
                        self.compile_expr(&s.value);
                        self.compile_slice_bound(sl.lower.as_deref());
                        self.compile_slice_bound(sl.upper.as_deref());
                        self.emit(STORE_SLICE, 0);
                        self.u().loc = saved;
                        return;
                    }
                }
                self.compile_expr(&s.value);
                self.compile_subscript_index(&s.slice);
                self.emit(STORE_SUBSCR, 0);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                self.compile_unpack(elts, target);
            }
            Expr::Starred(s) => self.error(
                "starred assignment target must be in a list or tuple",
                s.range,
            ),
            _ => self.error("cannot assign to expression", target.range()),
        }
        self.u().loc = saved;
    }

    fn compile_unpack(&mut self, elts: &'a [Expr], whole: &'a Expr) {
        let stars: Vec<usize> = elts
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e, Expr::Starred(_)))
            .map(|(i, _)| i)
            .collect();
        match stars.len() {
            0 => self.emit(Opcode::UNPACK_SEQUENCE, elts.len() as u32),
            1 => {
                let before = stars[0];
                let after = elts.len() - before - 1;
                if before > 255 || after > 255 {
                    self.error(
                        "too many expressions in star-unpacking assignment",
                        whole.range(),
                    );
                    return;
                }
                self.emit(Opcode::UNPACK_EX, (before | (after << 8)) as u32);
            }
            _ => {
                self.error("multiple starred expressions in assignment", whole.range());
                return;
            }
        }
        for e in elts {
            match e {
                Expr::Starred(s) => self.compile_store(&s.value),
                _ => self.compile_store(e),
            }
        }
    }

    /// `del target`.
    pub(crate) fn compile_delete(&mut self, target: &'a Expr) {
        use Opcode::*;
        self.set_loc(target.range());
        match target {
            Expr::Name(n) => self.compile_name(&n.id, NameOp::Del),
            Expr::Attribute(a) => {
                self.compile_expr(&a.value);
                let i = self.add_name(&self.mangle(&a.attr.id));
                self.emit(DELETE_ATTR, i);
            }
            Expr::Subscript(s) => {
                self.compile_expr(&s.value);
                self.compile_subscript_index(&s.slice);
                self.emit(DELETE_SUBSCR, 0);
            }
            Expr::Tuple(t) => t.elts.iter().for_each(|e| self.compile_delete(e)),
            Expr::List(t) => t.elts.iter().for_each(|e| self.compile_delete(e)),
            _ => self.error("cannot delete expression", target.range()),
        }
    }
}
