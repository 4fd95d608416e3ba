//! Annotations that `from __future__ import annotations` keeps as strings
//! are never evaluated, yet CPython's symbol table still visits them in an
//! annotation block (`symtable_visit_annotation`), where a yield, await or
//! named expression is a SyntaxError. This finds the first such expression
//! an annotation would evaluate in its own scope: a lambda's body and a
//! comprehension's parts after its first iterable have scopes of their
//! own.
use ruff_python_ast::visitor::source_order::{self, SourceOrderVisitor};
use ruff_python_ast::Expr;
use ruff_text_size::{Ranged, TextRange};

/// The first refused expression in `annotation`: what it is (as CPython's
/// message names it) and where.
pub(super) fn refused_in(annotation: &Expr) -> Option<(&'static str, TextRange)> {
    let mut finder = Finder { found: None };
    finder.visit_expr(annotation);
    finder.found
}

struct Finder {
    found: Option<(&'static str, TextRange)>,
}

impl<'a> SourceOrderVisitor<'a> for Finder {
    fn visit_expr(&mut self, e: &'a Expr) {
        if self.found.is_some() {
            return;
        }
        match e {
            Expr::Named(_) => self.found = Some(("named expression", e.range())),
            Expr::Yield(_) | Expr::YieldFrom(_) => {
                self.found = Some(("yield expression", e.range()));
            }
            Expr::Await(_) => self.found = Some(("await expression", e.range())),
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    source_order::walk_parameters(self, p);
                }
            }
            Expr::ListComp(c) => self.visit_expr(&c.generators[0].iter),
            Expr::SetComp(c) => self.visit_expr(&c.generators[0].iter),
            Expr::DictComp(c) => self.visit_expr(&c.generators[0].iter),
            Expr::Generator(c) => self.visit_expr(&c.generators[0].iter),
            _ => source_order::walk_expr(self, e),
        }
    }
}
