//! Limits on how deeply a program nests, and dropping deep trees without
//! deep native recursion.
//!
//! ruff's parser grows its own stack, so it accepts any nesting; CPython
//! does not. Its PEG parser (`Parser/parser.c`) gives up with `MemoryError`
//! ("Parser stack overflowed ...") once 6000 grammar rules are active at
//! once (`MAXSTACK`), and its later passes over the AST (`Python/ast_opt.c`,
//! `Python/symtable.c`) raise `RecursionError` ("maximum recursion depth
//! exceeded during compilation") past the C recursion limit (10000 in a
//! release build, minus the few levels already in use when `compile()`
//! starts). [`check`] estimates both from the finished tree:
//!
//! - parser levels: every expression is produced by one rule of the
//!   precedence chain (`expression` > `disjunction` > ... > `factor` >
//!   `power` > `primary` > `atom`); reaching a child costs one level per rule
//!   between the rule the parent asks for and the one that produces the
//!   child (left-recursive rules loop without a new level; a parenthesised
//!   child restarts at `expression` through `atom` and `group`). The
//!   constants are calibrated against CPython 3.13, which accepts
//!   `"-" * 5974 + "1"` and `"lambda: " * 2987 + "1"` in `eval` mode and
//!   rejects one more.
//! - tree depth: statements and expressions on the path from the root
//!   (CPython 3.13 accepts 9998 of them).
//!
//! [`drop_tree`] takes a tree apart node by node so that dropping a deep
//! one (the derived `Drop` of ruff's nodes recurses once per level) cannot
//! overflow the native stack.

use std::cell::RefCell;

use ruff_python_ast::visitor::source_order::{self, SourceOrderVisitor};
use ruff_python_ast::visitor::transformer::{self, Transformer};
use ruff_python_ast::{
    BoolOp, Expr, ExprNoneLiteral, Mod, Operator, Pattern, Stmt, StmtPass, UnaryOp,
};

use crate::error::{SyntaxErrorInfo, SyntaxErrorKind};

/// CPython's `MAXSTACK`: grammar rules active at once.
const MAX_PARSER_LEVELS: u32 = 6000;
/// Statements and expressions on one path that CPython 3.13's AST passes
/// accept (its C recursion limit less the levels in use at `compile()`).
const MAX_TREE_DEPTH: u32 = 9998;
/// Trees deeper than this are dropped by [`drop_tree`].
const DEEP_DROP: u32 = 500;

/// Rule levels in use when the parser starts on an `eval` expression and
/// on a top-level statement.
const EVAL_PREFIX: u32 = 10;
const MODULE_PREFIX: u32 = 14;

// Precedence rules of CPython's grammar, outermost first.
const EXPRESSION: u32 = 0;
const DISJUNCTION: u32 = 1;
const CONJUNCTION: u32 = 2;
const INVERSION: u32 = 3;
const COMPARISON: u32 = 4;
const BITWISE_OR: u32 = 5;
const FACTOR: u32 = 11;
const POWER: u32 = 12;
const AWAIT_PRIMARY: u32 = 13;
const PRIMARY: u32 = 14;
const ATOM: u32 = 15;
/// Rules between an opening bracket and the `expression` inside it.
const BRACKET: u32 = 3;
/// Rules between a comparison and each of its right operands.
const COMPARE_PAIR: u32 = 3;
/// Levels the parser reaches below a call while reading its arguments.
const CALL_PROBE: u32 = 25;

/// How deep a tree nests, as [`check`] measures it.
pub(crate) struct Nesting {
    /// Deepest statement/expression path (counted up to just past
    /// [`MAX_TREE_DEPTH`]).
    pub depth: u32,
}

/// `MemoryError` when CPython 3.13's parser would refuse the nesting of
/// `module`; else how deep it is (for [`check_depth`] when it is compiled).
pub(crate) fn check(module: &Mod, filename: &str) -> Result<Nesting, SyntaxErrorInfo> {
    let m = measure(module);
    if m.max_levels > MAX_PARSER_LEVELS {
        return Err(SyntaxErrorInfo::unplaced(
            SyntaxErrorKind::MemoryError,
            "Parser stack overflowed - Python source too complex to parse",
            filename,
        ));
    }
    Ok(Nesting { depth: m.max_depth })
}

/// The depth [`check_depth`] takes, of a tree built without the parser.
pub(crate) fn depth(module: &Mod) -> u32 {
    measure(module).max_depth
}

fn measure(module: &Mod) -> Measure {
    let mut m = Measure {
        levels: 0,
        depth: 0,
        max_levels: 0,
        max_depth: 0,
    };
    match module {
        Mod::Expression(e) => {
            m.levels = EVAL_PREFIX;
            m.expr(&e.body, EXPRESSION);
        }
        Mod::Module(b) => {
            m.levels = MODULE_PREFIX;
            m.visit_body(&b.body);
        }
    }
    m
}

/// `RecursionError` when a tree of `depth` (see [`Nesting::depth`]) is
/// deeper than CPython 3.13's compiler passes accept.
pub(crate) fn check_depth(depth: u32, filename: &str) -> Result<(), SyntaxErrorInfo> {
    if depth > MAX_TREE_DEPTH {
        return Err(SyntaxErrorInfo::unplaced(
            SyntaxErrorKind::RecursionError,
            "maximum recursion depth exceeded during compilation",
            filename,
        ));
    }
    Ok(())
}

/// The walk behind [`check`]: current and deepest parser levels and tree
/// depth. It stops descending once either limit is passed, so its own
/// recursion stays bounded.
struct Measure {
    levels: u32,
    depth: u32,
    max_levels: u32,
    max_depth: u32,
}

/// The grammar rule that produces `e` (without parentheses).
fn rule_of(e: &Expr) -> u32 {
    match e {
        Expr::Lambda(_) | Expr::If(_) => EXPRESSION,
        Expr::BoolOp(b) if b.op == BoolOp::Or => DISJUNCTION,
        Expr::BoolOp(_) => CONJUNCTION,
        Expr::UnaryOp(u) if u.op == UnaryOp::Not => INVERSION,
        Expr::UnaryOp(_) => FACTOR,
        Expr::Compare(_) => COMPARISON,
        Expr::BinOp(b) => operator_rule(b.op),
        Expr::Await(_) => AWAIT_PRIMARY,
        Expr::Attribute(_) | Expr::Call(_) | Expr::Subscript(_) => PRIMARY,
        _ => ATOM,
    }
}

/// The rule of a binary operator (`bitwise_or` ... `term`, `power`).
fn operator_rule(op: Operator) -> u32 {
    match op {
        Operator::BitOr => BITWISE_OR,
        Operator::BitXor => BITWISE_OR + 1,
        Operator::BitAnd => BITWISE_OR + 2,
        Operator::LShift | Operator::RShift => BITWISE_OR + 3,
        Operator::Add | Operator::Sub => BITWISE_OR + 4,
        Operator::Pow => POWER,
        _ => BITWISE_OR + 5,
    }
}

/// Parser levels from rule `entry` (already active when `same_rule`, as
/// for the left operand of a left-recursive rule) down to `e`.
fn cost(e: &Expr, entry: u32, same_rule: bool) -> u32 {
    let rule = rule_of(e);
    let extra = u32::from(matches!(e, Expr::Lambda(_)));
    let start = u32::from(!same_rule);
    if rule >= entry {
        rule - entry + start + extra
    } else {
        // Parenthesised: down to `atom`, then `group` and
        // `named_expression`, then from `expression` again.
        ATOM - entry + start + 2 + rule + 1 + extra
    }
}

impl Measure {
    fn over(&self) -> bool {
        self.levels > MAX_PARSER_LEVELS || self.depth > MAX_TREE_DEPTH
    }

    /// Visits `e`, reached from a parent that asks for rule `entry`.
    fn expr(&mut self, e: &Expr, entry: u32) {
        self.expr_from(e, entry, false)
    }

    fn expr_from(&mut self, e: &Expr, entry: u32, same_rule: bool) {
        let added = cost(e, entry, same_rule);
        self.levels += added;
        self.depth += 1;
        self.max_levels = self.max_levels.max(self.levels);
        self.max_depth = self.max_depth.max(self.depth);
        if !self.over() {
            stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.children(e));
        }
        self.depth -= 1;
        self.levels -= added;
    }

    /// Visits the operands of `e` from the rules that parse them.
    fn children(&mut self, e: &Expr) {
        match e {
            Expr::UnaryOp(u) => self.expr(&u.operand, rule_of(e)),
            Expr::BinOp(b) if b.op == Operator::Pow => {
                self.expr(&b.left, AWAIT_PRIMARY);
                self.expr(&b.right, FACTOR);
            }
            Expr::BinOp(b) => {
                let rule = operator_rule(b.op);
                self.expr_from(&b.left, rule, true);
                self.expr(&b.right, rule + 1);
            }
            Expr::BoolOp(b) => {
                let next = rule_of(e) + 1;
                for v in &b.values {
                    self.expr(v, next);
                }
            }
            Expr::Compare(c) => {
                self.expr(&c.left, BITWISE_OR);
                // Each comparator sits under `compare_op_bitwise_or_pair`
                // and the rule of its operator.
                self.levels += COMPARE_PAIR;
                for v in &c.comparators {
                    self.expr(v, BITWISE_OR);
                }
                self.levels -= COMPARE_PAIR;
            }
            Expr::If(i) => {
                self.expr(&i.body, DISJUNCTION);
                self.expr(&i.test, DISJUNCTION);
                self.expr(&i.orelse, EXPRESSION);
            }
            Expr::Await(a) => self.expr(&a.value, PRIMARY),
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    source_order::walk_parameters(self, p);
                }
                self.expr(&l.body, EXPRESSION);
            }
            Expr::Attribute(a) => self.expr_from(&a.value, PRIMARY, true),
            Expr::Call(c) => {
                self.expr_from(&c.func, PRIMARY, true);
                // Even empty parentheses send the parser down the rules of
                // an argument before it sees `)`.
                self.max_levels = self.max_levels.max(self.levels + CALL_PROBE);
                self.bracketed(|m| source_order::walk_arguments(m, &c.arguments));
            }
            Expr::Subscript(s) => {
                self.expr_from(&s.value, PRIMARY, true);
                self.bracketed(|m| m.visit_expr(&s.slice));
            }
            _ => self.bracketed(|m| source_order::walk_expr(m, e)),
        }
    }

    /// Runs `f` for the parts of an atom inside its brackets.
    fn bracketed(&mut self, f: impl FnOnce(&mut Self)) {
        self.levels += BRACKET;
        f(self);
        self.levels -= BRACKET;
    }

    /// Levels a statement adds before its expressions: a block statement
    /// its block too.
    fn stmt_levels(s: &Stmt) -> u32 {
        match s {
            Stmt::Expr(_) => 2,
            Stmt::Return(_) => 3,
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => 7,
            Stmt::If(_)
            | Stmt::For(_)
            | Stmt::While(_)
            | Stmt::With(_)
            | Stmt::Try(_)
            | Stmt::Match(_) => 6,
            _ => 4,
        }
    }
}

impl<'a> SourceOrderVisitor<'a> for Measure {
    fn visit_stmt(&mut self, s: &'a Stmt) {
        let added = Self::stmt_levels(s);
        self.levels += added;
        self.depth += 1;
        self.max_levels = self.max_levels.max(self.levels);
        self.max_depth = self.max_depth.max(self.depth);
        if !self.over() {
            stacker::maybe_grow(64 * 1024, 1024 * 1024, || source_order::walk_stmt(self, s));
        }
        self.depth -= 1;
        self.levels -= added;
    }

    fn visit_expr(&mut self, e: &'a Expr) {
        self.expr(e, EXPRESSION)
    }

    fn visit_pattern(&mut self, p: &'a Pattern) {
        self.depth += 1;
        self.max_depth = self.max_depth.max(self.depth);
        if !self.over() {
            stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
                source_order::walk_pattern(self, p)
            });
        }
        self.depth -= 1;
    }
}

/// Drops `module`; a deep one (see [`Nesting::depth`]) node by node, so
/// that no drop recurses more than a level.
pub(crate) fn drop_tree(module: Mod, depth: u32) {
    if depth <= DEEP_DROP {
        return;
    }
    let detached = Detached::default();
    let mut module = module;
    match &mut module {
        Mod::Expression(e) => detached.visit_expr(&mut e.body),
        Mod::Module(m) => detached.visit_body(&mut m.body),
    }
    drop(module);
    loop {
        let e = detached.exprs.borrow_mut().pop();
        if let Some(mut e) = e {
            transformer::walk_expr(&detached, &mut e);
            continue;
        }
        let s = detached.stmts.borrow_mut().pop();
        match s {
            Some(mut s) => transformer::walk_stmt(&detached, &mut s),
            None => break,
        }
    }
}

/// Statements and expressions cut out of a tree by [`drop_tree`], each
/// replaced by a leaf, waiting to be taken apart in turn.
#[derive(Default)]
struct Detached {
    exprs: RefCell<Vec<Expr>>,
    stmts: RefCell<Vec<Stmt>>,
}

impl Transformer for Detached {
    fn visit_expr(&self, e: &mut Expr) {
        let leaf = Expr::NoneLiteral(ExprNoneLiteral::default());
        self.exprs.borrow_mut().push(std::mem::replace(e, leaf));
    }

    fn visit_stmt(&self, s: &mut Stmt) {
        let leaf = Stmt::Pass(StmtPass {
            node_index: Default::default(),
            range: Default::default(),
        });
        self.stmts.borrow_mut().push(std::mem::replace(s, leaf));
    }
}
