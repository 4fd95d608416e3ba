//! Expressions written back as source text the way CPython's
//! `Python/ast_unparse.c` writes them (`_PyAST_ExprAsUnicode`): the string
//! `from __future__ import annotations` keeps for each annotation. Spacing,
//! parentheses and literals are regenerated from the tree (`0xff` becomes
//! `255`, `"x"` becomes `'x'`), never copied from the source.
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;

use super::fold;
use super::strlit::Lit;
use crate::bytecode::{code_points_repr, Constant};

// Binding strength, weakest first; an expression is parenthesized when the
// context asks for more than its own.
const TUPLE: u8 = 0;
const TEST: u8 = 1;
const OR: u8 = 2;
const AND: u8 = 3;
const NOT: u8 = 4;
const CMP: u8 = 5;
const BOR: u8 = 6;
const BXOR: u8 = 7;
const BAND: u8 = 8;
const SHIFT: u8 = 9;
const ARITH: u8 = 10;
const TERM: u8 = 11;
const FACTOR: u8 = 12;
const POWER: u8 = 13;
const AWAIT: u8 = 14;
const ATOM: u8 = 15;

/// The string an annotation is kept as.
pub(crate) fn annotation(e: &Expr, source: &str) -> String {
    let mut u = Unparser {
        out: String::new(),
        source,
    };
    u.expr(e, TEST);
    u.out
}

struct Unparser<'s> {
    out: String,
    source: &'s str,
}

impl Unparser<'_> {
    fn s(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// Writes `inner` inside parentheses when `level` binds tighter than
    /// `own`.
    fn group(&mut self, level: u8, own: u8, inner: impl FnOnce(&mut Self)) {
        if level > own {
            self.s("(");
        }
        inner(self);
        if level > own {
            self.s(")");
        }
    }

    fn list(&mut self, items: &[Expr], level: u8) {
        for (i, e) in items.iter().enumerate() {
            if i > 0 {
                self.s(", ");
            }
            self.expr(e, level);
        }
    }

    fn expr(&mut self, e: &Expr, level: u8) {
        match e {
            Expr::BoolOp(b) => {
                let (op, own) = match b.op {
                    ast::BoolOp::And => (" and ", AND),
                    ast::BoolOp::Or => (" or ", OR),
                };
                self.group(level, own, |u| {
                    for (i, v) in b.values.iter().enumerate() {
                        if i > 0 {
                            u.s(op);
                        }
                        u.expr(v, own + 1);
                    }
                });
            }
            Expr::BinOp(b) => {
                use ast::Operator::*;
                let (op, own) = match b.op {
                    Add => (" + ", ARITH),
                    Sub => (" - ", ARITH),
                    Mult => (" * ", TERM),
                    MatMult => (" @ ", TERM),
                    Div => (" / ", TERM),
                    Mod => (" % ", TERM),
                    FloorDiv => (" // ", TERM),
                    LShift => (" << ", SHIFT),
                    RShift => (" >> ", SHIFT),
                    BitOr => (" | ", BOR),
                    BitXor => (" ^ ", BXOR),
                    BitAnd => (" & ", BAND),
                    Pow => (" ** ", POWER),
                };
                let right_assoc = b.op == Pow;
                self.group(level, own, |u| {
                    u.expr(&b.left, own + u8::from(right_assoc));
                    u.s(op);
                    u.expr(&b.right, own + u8::from(!right_assoc));
                });
            }
            Expr::UnaryOp(o) => {
                let (op, own) = match o.op {
                    ast::UnaryOp::Invert => ("~", FACTOR),
                    ast::UnaryOp::Not => ("not ", NOT),
                    ast::UnaryOp::UAdd => ("+", FACTOR),
                    ast::UnaryOp::USub => ("-", FACTOR),
                };
                self.group(level, own, |u| {
                    u.s(op);
                    u.expr(&o.operand, own);
                });
            }
            Expr::Lambda(l) => self.group(level, TEST, |u| {
                let positional = l
                    .parameters
                    .as_ref()
                    .is_some_and(|p| !p.posonlyargs.is_empty() || !p.args.is_empty());
                u.s(if positional { "lambda " } else { "lambda" });
                if let Some(p) = &l.parameters {
                    u.parameters(p);
                }
                u.s(": ");
                u.expr(&l.body, TEST);
            }),
            Expr::If(i) => self.group(level, TEST, |u| {
                u.expr(&i.body, TEST + 1);
                u.s(" if ");
                u.expr(&i.test, TEST + 1);
                u.s(" else ");
                u.expr(&i.orelse, TEST);
            }),
            Expr::Dict(d) => {
                self.s("{");
                for (i, item) in d.items.iter().enumerate() {
                    if i > 0 {
                        self.s(", ");
                    }
                    match &item.key {
                        Some(k) => {
                            self.expr(k, TEST);
                            self.s(": ");
                            self.expr(&item.value, TEST);
                        }
                        None => {
                            self.s("**");
                            self.expr(&item.value, BOR);
                        }
                    }
                }
                self.s("}");
            }
            Expr::Set(s) => {
                self.s("{");
                self.list(&s.elts, TEST);
                self.s("}");
            }
            Expr::List(l) => {
                self.s("[");
                self.list(&l.elts, TEST);
                self.s("]");
            }
            Expr::Tuple(t) => {
                if t.elts.is_empty() {
                    self.s("()");
                    return;
                }
                self.group(level, TUPLE, |u| {
                    u.list(&t.elts, TEST);
                    if t.elts.len() == 1 {
                        u.s(",");
                    }
                });
            }
            Expr::ListComp(c) => self.comprehension("[", &c.elt, None, &c.generators, "]"),
            Expr::SetComp(c) => self.comprehension("{", &c.elt, None, &c.generators, "}"),
            Expr::DictComp(c) => match &c.key {
                Some(k) => self.comprehension("{", k, Some(&c.value), &c.generators, "}"),
                None => self.s(&slice(self.source, e)),
            },
            Expr::Generator(g) => self.comprehension("(", &g.elt, None, &g.generators, ")"),
            Expr::Await(a) => self.group(level, AWAIT, |u| {
                u.s("await ");
                u.expr(&a.value, ATOM);
            }),
            Expr::Yield(y) => match &y.value {
                None => self.s("(yield)"),
                Some(v) => {
                    self.s("(yield ");
                    self.expr(v, TEST);
                    self.s(")");
                }
            },
            Expr::YieldFrom(y) => {
                self.s("(yield from ");
                self.expr(&y.value, TEST);
                self.s(")");
            }
            Expr::Compare(c) => self.group(level, CMP, |u| {
                u.expr(&c.left, CMP + 1);
                for (op, right) in c.ops.iter().zip(c.comparators.iter()) {
                    u.s(match op {
                        ast::CmpOp::Eq => " == ",
                        ast::CmpOp::NotEq => " != ",
                        ast::CmpOp::Lt => " < ",
                        ast::CmpOp::LtE => " <= ",
                        ast::CmpOp::Gt => " > ",
                        ast::CmpOp::GtE => " >= ",
                        ast::CmpOp::Is => " is ",
                        ast::CmpOp::IsNot => " is not ",
                        ast::CmpOp::In => " in ",
                        ast::CmpOp::NotIn => " not in ",
                    });
                    u.expr(right, CMP + 1);
                }
            }),
            Expr::Call(c) => {
                self.expr(&c.func, ATOM);
                let a = &c.arguments;
                if let ([Expr::Generator(g)], true) = (&a.args[..], a.keywords.is_empty()) {
                    self.comprehension("(", &g.elt, None, &g.generators, ")");
                    return;
                }
                self.s("(");
                self.list(&a.args, TEST);
                for (i, k) in a.keywords.iter().enumerate() {
                    if i > 0 || !a.args.is_empty() {
                        self.s(", ");
                    }
                    match &k.arg {
                        Some(name) => {
                            self.s(name.as_str());
                            self.s("=");
                        }
                        None => self.s("**"),
                    }
                    self.expr(&k.value, TEST);
                }
                self.s(")");
            }
            Expr::Attribute(a) => {
                self.expr(&a.value, ATOM);
                let int = matches!(&*a.value, Expr::NumberLiteral(n) if n.value.is_int());
                self.s(if int { " ." } else { "." });
                self.s(a.attr.as_str());
            }
            Expr::Subscript(s) => {
                self.expr(&s.value, ATOM);
                self.s("[");
                self.expr(&s.slice, TUPLE);
                self.s("]");
            }
            Expr::Starred(s) => {
                self.s("*");
                self.expr(&s.value, BOR);
            }
            Expr::Slice(s) => {
                if let Some(l) = &s.lower {
                    self.expr(l, TEST);
                }
                self.s(":");
                if let Some(u) = &s.upper {
                    self.expr(u, TEST);
                }
                if let Some(st) = &s.step {
                    self.s(":");
                    self.expr(st, TEST);
                }
            }
            Expr::Name(n) => self.s(n.id.as_str()),
            Expr::Named(n) => self.group(level, TUPLE, |u| {
                u.expr(&n.target, ATOM);
                u.s(":=");
                u.expr(&n.value, ATOM);
            }),
            Expr::EllipsisLiteral(_) => self.s("..."),
            Expr::FString(f) => {
                let mut body = Vec::new();
                for part in f.value.iter() {
                    match part {
                        ast::FStringPart::Literal(s) => {
                            let c = super::strlit::string_literal_part(s, self.source);
                            let mut lit = Lit::default();
                            lit.push_decoded(&s.value, c, false);
                            push_escaped(&mut body, lit.take());
                        }
                        ast::FStringPart::FString(fs) => {
                            let raw = fs.flags.prefix().is_raw();
                            self.interpolated(&mut body, &fs.elements, raw);
                        }
                    }
                }
                self.s("f");
                self.s(&code_points_repr(body.iter().copied()));
            }
            Expr::TString(t) => {
                let mut body = Vec::new();
                for part in t.value.iter() {
                    let raw = part.flags.prefix().is_raw();
                    self.interpolated(&mut body, &part.elements, raw);
                }
                self.s("t");
                self.s(&code_points_repr(body.iter().copied()));
            }
            _ => match fold::literal(e, self.source) {
                Some(c) => self.constant(&c),
                None => self.s(&slice(self.source, e)),
            },
        }
    }

    /// A literal's `repr()`, with infinity as `1e309` so that it reads
    /// back.
    fn constant(&mut self, c: &Constant) {
        let r = c.repr();
        if matches!(c, Constant::Float(_) | Constant::Complex { .. }) {
            self.s(&r.replace("inf", "1e309"));
        } else {
            self.s(&r);
        }
    }

    fn comprehension(
        &mut self,
        open: &str,
        elt: &Expr,
        value: Option<&Expr>,
        generators: &[ast::Comprehension],
        close: &str,
    ) {
        self.s(open);
        self.expr(elt, TEST);
        if let Some(v) = value {
            self.s(": ");
            self.expr(v, TEST);
        }
        for g in generators {
            self.s(if g.is_async { " async for " } else { " for " });
            self.expr(&g.target, TUPLE);
            self.s(" in ");
            self.expr(&g.iter, TEST + 1);
            for cond in &g.ifs {
                self.s(" if ");
                self.expr(cond, TEST + 1);
            }
        }
        self.s(close);
    }

    /// A lambda's parameters.
    fn parameters(&mut self, p: &ast::Parameters) {
        let mut first = true;
        let mut sep = |u: &mut Self| {
            if !first {
                u.s(", ");
            }
            first = false;
        };
        let positional = p.posonlyargs.iter().chain(p.args.iter());
        for (i, a) in positional.enumerate() {
            sep(self);
            self.parameter(&a.parameter);
            if let Some(d) = &a.default {
                self.s("=");
                self.expr(d, TEST);
            }
            if i + 1 == p.posonlyargs.len() {
                self.s(", /");
            }
        }
        if p.vararg.is_some() || !p.kwonlyargs.is_empty() {
            sep(self);
            self.s("*");
            if let Some(v) = &p.vararg {
                self.parameter(v);
            }
        }
        for a in &p.kwonlyargs {
            sep(self);
            self.parameter(&a.parameter);
            if let Some(d) = &a.default {
                self.s("=");
                self.expr(d, TEST);
            }
        }
        if let Some(k) = &p.kwarg {
            sep(self);
            self.s("**");
            self.parameter(k);
        }
    }

    fn parameter(&mut self, p: &ast::Parameter) {
        self.s(p.name.as_str());
        if let Some(a) = &p.annotation {
            self.s(": ");
            self.expr(a, TEST);
        }
    }

    /// The text between an f- or t-string's quotes: literal text with its
    /// braces doubled, replacement fields regenerated.
    fn interpolated(
        &mut self,
        body: &mut Vec<u32>,
        elements: &ast::InterpolatedStringElements,
        raw: bool,
    ) {
        for el in elements.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => {
                    let text = (!raw)
                        .then(|| {
                            self.source
                                .get(l.range.start().to_usize()..l.range.end().to_usize())
                        })
                        .flatten();
                    let mut lit = Lit::default();
                    lit.push_decoded(&l.value, text, true);
                    push_escaped(body, lit.take());
                }
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let mut conversion = i.conversion;
                    if let Some(dbg) = &i.debug_text {
                        let expr_text = slice(self.source, &i.expression);
                        for part in [dbg.leading(), expr_text.as_str(), dbg.trailing()] {
                            push_escaped(body, Constant::Str(part.to_string()));
                        }
                        if conversion == ast::ConversionFlag::None && i.format_spec.is_none() {
                            conversion = ast::ConversionFlag::Repr;
                        }
                    }
                    let mut inner = Unparser {
                        out: String::new(),
                        source: self.source,
                    };
                    inner.expr(&i.expression, TEST + 1);
                    body.push(u32::from('{'));
                    if inner.out.starts_with('{') {
                        body.push(u32::from(' '));
                    }
                    body.extend(inner.out.chars().map(u32::from));
                    let conv = match conversion {
                        ast::ConversionFlag::None => "",
                        ast::ConversionFlag::Str => "!s",
                        ast::ConversionFlag::Repr => "!r",
                        ast::ConversionFlag::Ascii => "!a",
                    };
                    body.extend(conv.chars().map(u32::from));
                    if let Some(spec) = &i.format_spec {
                        body.push(u32::from(':'));
                        self.interpolated(body, &spec.elements, raw);
                    }
                    body.push(u32::from('}'));
                }
            }
        }
    }
}

/// The source text of `e`.
fn slice(source: &str, e: &Expr) -> String {
    let r = e.range();
    source
        .get(r.start().to_usize()..r.end().to_usize())
        .unwrap_or("")
        .to_string()
}

/// Appends a str constant's code points with `{` and `}` doubled.
fn push_escaped(body: &mut Vec<u32>, c: Constant) {
    let cps: Vec<u32> = match c {
        Constant::Str(s) => s.chars().map(u32::from).collect(),
        Constant::StrCodePoints(v) => v,
        _ => Vec::new(),
    };
    for cp in cps {
        body.push(cp);
        if cp == u32::from('{') || cp == u32::from('}') {
            body.push(cp);
        }
    }
}
