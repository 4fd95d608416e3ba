//! `match` statements (PEP 634).
//!
//! Each case copies the subject, and the pattern consumes the copy. On
//! failure a pattern jumps to `fail_pop[n]`, a chain of labels that pops the
//! `n` values it left on the stack before trying the next case. Captured
//! names are stored as soon as their sub-pattern matches (PEP 634 leaves the
//! bindings of a failed match unspecified).

use std::collections::HashSet;

use ruff_python_ast::{self as ast, Expr, Pattern};
use ruff_text_size::{Ranged, TextRange};

use super::{Compiler, Label, NameOp};
use crate::bytecode::{CompareOp, Constant, Opcode};

pub(crate) struct PatternCtx {
    fail_pop: Vec<Label>,
    on_top: u32,
    stores: HashSet<String>,
    allow_irrefutable: bool,
}

impl<'a> Compiler<'a> {
    pub(crate) fn compile_match(&mut self, m: &'a ast::StmtMatch) {
        use Opcode::*;
        self.compile_expr(&m.subject);
        let end = self.new_label();
        let n = m.cases.len();
        // A final `case _:` (CPython's `has_default`) runs without testing
        // anything, after the loop.
        let has_default = n > 1 && m.cases.last().is_some_and(|c| is_wildcard(&c.pattern));
        let tested = n - has_default as usize;
        for (i, case) in m.cases[..tested].iter().enumerate() {
            self.set_loc(case.pattern.range());
            let last = i + 1 == n;
            if !last && case.guard.is_none() {
                if let Some(msg) = irrefutable_msg(&case.pattern) {
                    self.error(msg, irrefutable_range(&case.pattern));
                    return;
                }
            }
            let mut pc = PatternCtx {
                fail_pop: Vec::new(),
                on_top: 0,
                stores: HashSet::new(),
                allow_irrefutable: case.guard.is_some() || last,
            };
            // The last tested case consumes the subject itself.
            let keep_subject = i + 1 != tested;
            if keep_subject {
                self.emit(COPY, 1);
            }
            self.compile_pattern(&case.pattern, &mut pc);
            if self.error.is_some() {
                return;
            }
            if let Some(g) = &case.guard {
                self.ensure_fail_pop(&mut pc, 0);
                let fail = pc.fail_pop[0];
                self.compile_jump_if(g, false, fail);
            }
            if keep_subject {
                self.emit(POP_TOP, 0);
            }
            self.compile_body(&case.body);
            self.emit_jump_no_loc(JUMP_FORWARD, end);
            // The clean-up after a failed pattern belongs to the pattern's
            // line, not to the last line of the body.
            self.set_loc(case.pattern.range());
            self.emit_and_reset_fail_pop(&mut pc);
        }
        if has_default {
            let case = &m.cases[n - 1];
            self.set_loc(case.pattern.range());
            // A line event for the default case, which tests nothing.
            self.emit(NOP, 0);
            if let Some(g) = &case.guard {
                self.compile_jump_if(g, false, end);
            }
            self.compile_body(&case.body);
        }
        self.bind(end);
    }

    fn ensure_fail_pop(&mut self, pc: &mut PatternCtx, n: u32) {
        while pc.fail_pop.len() <= n as usize {
            let l = self.new_label();
            pc.fail_pop.push(l);
        }
    }

    fn jump_to_fail_pop(&mut self, pc: &mut PatternCtx, op: Opcode) {
        let n = pc.on_top;
        self.ensure_fail_pop(pc, n);
        self.emit_jump(op, pc.fail_pop[n as usize]);
    }

    fn emit_and_reset_fail_pop(&mut self, pc: &mut PatternCtx) {
        if pc.fail_pop.is_empty() {
            return;
        }
        for i in (1..pc.fail_pop.len()).rev() {
            self.bind(pc.fail_pop[i]);
            self.emit(Opcode::POP_TOP, 0);
        }
        self.bind(pc.fail_pop[0]);
        pc.fail_pop.clear();
    }

    fn pattern_store(&mut self, name: &ast::Identifier, pc: &mut PatternCtx) {
        if !pc.stores.insert(name.id.to_string()) {
            self.error(
                format!("multiple assignments to name '{}' in pattern", name.id),
                name.range,
            );
            return;
        }
        self.compile_name(&name.id, NameOp::Store);
    }

    fn compile_pattern(&mut self, p: &'a Pattern, pc: &mut PatternCtx) {
        if self.error.is_some() {
            return;
        }
        stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || {
            self.compile_pattern_inner(p, pc)
        });
    }

    fn compile_pattern_inner(&mut self, p: &'a Pattern, pc: &mut PatternCtx) {
        use Opcode::*;
        self.set_loc(p.range());
        match p {
            Pattern::MatchValue(v) => {
                // The parser takes an f-string for a literal; it is not one.
                if matches!(&*v.value, Expr::FString(_)) {
                    self.error(
                        "patterns may only match literals and attribute lookups",
                        v.value.range(),
                    );
                    return;
                }
                self.compile_expr(&v.value);
                self.emit(COMPARE_OP, ((CompareOp::Eq as u32) << 5) | 16);
                self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
            }
            Pattern::MatchSingleton(s) => {
                self.load_const(match s.value {
                    ast::Singleton::None => Constant::None,
                    ast::Singleton::True => Constant::True,
                    ast::Singleton::False => Constant::False,
                });
                self.emit(IS_OP, 0);
                self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
            }
            Pattern::MatchAs(a) => match &a.pattern {
                None => {
                    if !pc.allow_irrefutable {
                        let msg = match &a.name {
                            Some(n) => format!(
                                "name capture '{}' makes remaining patterns unreachable",
                                n.id
                            ),
                            None => "wildcard makes remaining patterns unreachable".into(),
                        };
                        self.error(msg, a.range);
                        return;
                    }
                    match &a.name {
                        Some(n) => self.pattern_store(n, pc),
                        None => self.emit(POP_TOP, 0),
                    }
                }
                Some(sub) => {
                    self.emit(COPY, 1);
                    pc.on_top += 1;
                    let saved = pc.allow_irrefutable;
                    pc.allow_irrefutable = true;
                    self.compile_pattern(sub, pc);
                    pc.allow_irrefutable = saved;
                    pc.on_top -= 1;
                    match &a.name {
                        Some(n) => self.pattern_store(n, pc),
                        None => self.emit(POP_TOP, 0),
                    }
                }
            },
            Pattern::MatchStar(s) => match &s.name {
                Some(n) => self.pattern_store(n, pc),
                None => self.emit(POP_TOP, 0),
            },
            Pattern::MatchOr(o) => self.compile_pattern_or(o, pc),
            Pattern::MatchSequence(s) => self.compile_pattern_sequence(&s.patterns, s.range, pc),
            Pattern::MatchMapping(m) => self.compile_pattern_mapping(m, pc),
            Pattern::MatchClass(c) => self.compile_pattern_class(c, pc),
        }
    }

    fn compile_pattern_or(&mut self, o: &'a ast::PatternMatchOr, pc: &mut PatternCtx) {
        use Opcode::*;
        let end = self.new_label();
        let n = o.patterns.len();
        let mut names: Option<Vec<String>> = None;
        let mut all_stores = pc.stores.clone();
        for (i, alt) in o.patterns.iter().enumerate() {
            if i + 1 < n {
                if let Some(msg) = irrefutable_msg(alt) {
                    self.error(msg, irrefutable_range(alt));
                    return;
                }
            }
            let mut sub = PatternCtx {
                fail_pop: Vec::new(),
                on_top: 0,
                stores: pc.stores.clone(),
                allow_irrefutable: pc.allow_irrefutable || i + 1 < n,
            };
            if i + 1 < n {
                sub.allow_irrefutable = true;
            }
            self.emit(COPY, 1);
            self.compile_pattern(alt, &mut sub);
            if self.error.is_some() {
                return;
            }
            let mut bound: Vec<String> = sub.stores.difference(&pc.stores).cloned().collect();
            bound.sort();
            match &names {
                None => names = Some(bound.clone()),
                Some(prev) if *prev != bound => {
                    self.error("alternative patterns bind different names", alt.range());
                    return;
                }
                _ => {}
            }
            all_stores.extend(bound);
            self.emit(POP_TOP, 0);
            self.emit_jump(JUMP_FORWARD, end);
            self.emit_and_reset_fail_pop(&mut sub);
        }
        // No alternative matched: drop the subject and fail.
        self.emit(POP_TOP, 0);
        self.jump_to_fail_pop(pc, JUMP_FORWARD);
        self.bind(end);
        pc.stores = all_stores;
    }

    fn compile_pattern_sequence(
        &mut self,
        pats: &'a [Pattern],
        range: TextRange,
        pc: &mut PatternCtx,
    ) {
        use Opcode::*;
        let stars: Vec<usize> = pats
            .iter()
            .enumerate()
            .filter(|(_, p)| matches!(p, Pattern::MatchStar(_)))
            .map(|(i, _)| i)
            .collect();
        if stars.len() > 1 {
            self.error("multiple starred names in sequence pattern", range);
            return;
        }
        let n = pats.len() as u32;
        pc.on_top += 1;
        self.emit(MATCH_SEQUENCE, 0);
        self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        if stars.is_empty() {
            self.emit(GET_LEN, 0);
            self.load_const(Constant::Int(crate::bytecode::BigInt::Small(n as i64)));
            self.emit(COMPARE_OP, ((CompareOp::Eq as u32) << 5) | 16);
            self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        } else if n > 1 {
            self.emit(GET_LEN, 0);
            self.load_const(Constant::Int(crate::bytecode::BigInt::Small(n as i64 - 1)));
            self.emit(COMPARE_OP, ((CompareOp::Ge as u32) << 5) | 16);
            self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        }
        pc.on_top -= 1;
        let trivial = pats.iter().all(|p| is_wildcard(p) || is_star_wildcard(p));
        if trivial {
            self.emit(POP_TOP, 0);
            return;
        }
        // With a `*_` wildcard, the other items are read by index (from
        // the end through the length, which any sequence has) rather than
        // by unpacking, which iterates: CPython's
        // `pattern_helper_sequence_subscr`.
        if let Some(&s) = stars.first().filter(|&&s| is_star_wildcard(&pats[s])) {
            pc.on_top += 1;
            for (i, p) in pats.iter().enumerate() {
                if i == s || is_wildcard(p) {
                    continue;
                }
                self.emit(COPY, 1);
                if i < s {
                    self.load_const(Constant::Int(crate::bytecode::BigInt::Small(i as i64)));
                } else {
                    self.emit(GET_LEN, 0);
                    self.load_const(Constant::Int(crate::bytecode::BigInt::Small(
                        (n as usize - i) as i64,
                    )));
                    self.emit(BINARY_OP, super::expr::binop_arg(ast::Operator::Sub));
                }
                self.emit(BINARY_SUBSCR, 0);
                let saved = pc.allow_irrefutable;
                pc.allow_irrefutable = true;
                self.compile_pattern(p, pc);
                pc.allow_irrefutable = saved;
            }
            pc.on_top -= 1;
            self.emit(POP_TOP, 0);
            return;
        }
        match stars.first() {
            None => self.emit(UNPACK_SEQUENCE, n),
            Some(&s) => {
                let after = n as usize - s - 1;
                self.emit(UNPACK_EX, (s | (after << 8)) as u32);
            }
        }
        pc.on_top += n;
        let saved = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        for p in pats {
            pc.on_top -= 1;
            self.compile_pattern(p, pc);
        }
        pc.allow_irrefutable = saved;
    }

    fn compile_pattern_mapping(&mut self, m: &'a ast::PatternMatchMapping, pc: &mut PatternCtx) {
        use Opcode::*;
        let k = m.keys.len() as u32;
        pc.on_top += 1;
        self.emit(MATCH_MAPPING, 0);
        self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        if k == 0 && m.rest.is_none() {
            pc.on_top -= 1;
            self.emit(POP_TOP, 0);
            return;
        }
        if k > 0 {
            self.emit(GET_LEN, 0);
            self.load_const(Constant::Int(crate::bytecode::BigInt::Small(k as i64)));
            self.emit(COMPARE_OP, ((CompareOp::Ge as u32) << 5) | 16);
            self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        }
        // Keys: literals or value patterns; duplicates of literals are errors.
        let mut seen: Vec<Constant> = Vec::new();
        let mut consts: Vec<Constant> = Vec::new();
        let mut all_const = true;
        for key in &m.keys {
            match super::fold::fold(key, self.optimize, self.index.source()) {
                Some(c) => {
                    if seen.iter().any(|s| same_key(s, &c)) {
                        self.error(
                            format!("mapping pattern checks duplicate key ({})", c.repr()),
                            m.range,
                        );
                        return;
                    }
                    seen.push(c.clone());
                    consts.push(c);
                }
                None => {
                    if !matches!(key, Expr::Attribute(_)) {
                        self.error(
                            "mapping pattern keys may only match literals and attribute lookups",
                            key.range(),
                        );
                        return;
                    }
                    all_const = false;
                }
            }
        }
        if all_const {
            self.load_const(Constant::Tuple(consts));
        } else {
            for key in &m.keys {
                self.compile_expr(key);
            }
            self.emit(BUILD_TUPLE, k);
        }
        self.emit(MATCH_KEYS, 0);
        pc.on_top += 2;
        self.emit(COPY, 1);
        self.jump_to_fail_pop(pc, POP_JUMP_IF_NONE);
        self.emit(UNPACK_SEQUENCE, k);
        pc.on_top -= 1;
        pc.on_top += k;
        let saved = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        for p in &m.patterns {
            pc.on_top -= 1;
            self.compile_pattern(p, pc);
        }
        pc.allow_irrefutable = saved;
        // Stack: subject, keys
        match &m.rest {
            Some(rest) => {
                self.emit(SWAP, 2);
                self.emit(BUILD_MAP, 0);
                self.emit(SWAP, 2);
                self.emit(DICT_UPDATE, 1);
                self.emit(SWAP, 2);
                self.emit(UNPACK_SEQUENCE, k);
                for r in (1..=k).rev() {
                    self.emit(COPY, r + 1);
                    self.emit(SWAP, 2);
                    self.emit(DELETE_SUBSCR, 0);
                }
                pc.on_top -= 2;
                self.pattern_store(rest, pc);
            }
            None => {
                self.emit(POP_TOP, 0);
                self.emit(POP_TOP, 0);
                pc.on_top -= 2;
            }
        }
    }

    fn compile_pattern_class(&mut self, c: &'a ast::PatternMatchClass, pc: &mut PatternCtx) {
        use Opcode::*;
        let npos = c.arguments.patterns.len() as u32;
        let mut seen = HashSet::new();
        let mut names = Vec::new();
        for k in &c.arguments.keywords {
            if !seen.insert(k.attr.id.to_string()) {
                self.error(
                    format!("attribute name repeated in class pattern: {}", k.attr.id),
                    k.attr.range,
                );
                return;
            }
            names.push(Constant::Str(k.attr.id.to_string()));
        }
        let nkw = names.len() as u32;
        self.compile_expr(&c.cls);
        self.load_const(Constant::Tuple(names));
        self.emit(MATCH_CLASS, npos);
        pc.on_top += 1;
        self.emit(COPY, 1);
        self.jump_to_fail_pop(pc, POP_JUMP_IF_NONE);
        let n = npos + nkw;
        if n == 0 {
            pc.on_top -= 1;
            self.emit(POP_TOP, 0);
            return;
        }
        self.emit(UNPACK_SEQUENCE, n);
        pc.on_top -= 1;
        pc.on_top += n;
        let saved = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        for p in c
            .arguments
            .patterns
            .iter()
            .chain(c.arguments.keywords.iter().map(|k| &k.pattern))
        {
            pc.on_top -= 1;
            self.compile_pattern(p, pc);
        }
        pc.allow_irrefutable = saved;
    }
}

/// CPython's error for an irrefutable pattern that is not last, if `p` is one.
fn irrefutable_msg(p: &Pattern) -> Option<String> {
    match p {
        Pattern::MatchAs(a) if a.pattern.is_none() => Some(match &a.name {
            Some(n) => format!(
                "name capture '{}' makes remaining patterns unreachable",
                n.id
            ),
            None => "wildcard makes remaining patterns unreachable".into(),
        }),
        Pattern::MatchAs(a) => a.pattern.as_deref().and_then(irrefutable_msg),
        Pattern::MatchOr(o) => o.patterns.iter().find_map(irrefutable_msg),
        _ => None,
    }
}

fn irrefutable_range(p: &Pattern) -> TextRange {
    match p {
        Pattern::MatchAs(a) if a.pattern.is_none() => a.range,
        Pattern::MatchAs(a) => a
            .pattern
            .as_deref()
            .map(irrefutable_range)
            .unwrap_or(a.range),
        Pattern::MatchOr(o) => o
            .patterns
            .iter()
            .find(|x| irrefutable_msg(x).is_some())
            .map(irrefutable_range)
            .unwrap_or(o.range),
        _ => p.range(),
    }
}

/// Whether two constant mapping-pattern keys are equal as dict keys
/// (`0`, `False`, `0.0` and `0j` are one key; NaNs are not equal).
fn same_key(a: &Constant, b: &Constant) -> bool {
    use crate::bytecode::BigInt;
    /// A number as a complex value, for the keys that are numbers.
    fn number(c: &Constant) -> Option<(f64, f64)> {
        match c {
            Constant::False => Some((0.0, 0.0)),
            Constant::True => Some((1.0, 0.0)),
            // Only ints a float holds exactly meet floats.
            Constant::Int(BigInt::Small(i))
                if (*i as f64) as i64 == *i && i.unsigned_abs() <= 1 << 53 =>
            {
                Some((*i as f64, 0.0))
            }
            Constant::Float(f) => Some((*f, 0.0)),
            Constant::Complex { real, imag } => Some((*real, *imag)),
            _ => None,
        }
    }
    match (a, b) {
        (Constant::Int(x), Constant::Int(y)) => x == y,
        (Constant::Tuple(x), Constant::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_key(p, q))
        }
        _ => match (number(a), number(b)) {
            (Some(x), Some(y)) => x == y,
            (None, None) => a == b,
            _ => false,
        },
    }
}

/// `_` as a pattern (`MatchAs` with neither a pattern nor a name).
fn is_wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchAs(a) if a.pattern.is_none() && a.name.is_none())
}

/// `*_` in a sequence pattern.
fn is_star_wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchStar(s) if s.name.is_none())
}
