//! The "perhaps you missed a comma?" SyntaxWarnings (CPython's
//! `check_caller`, `check_subscripter` and `check_index`): a call or
//! subscript whose target is a display or literal that cannot support it,
//! as in `[(1, 2) (3, 4)]`.

use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;

use super::Compiler;

/// The type name of the value `e` certainly evaluates to (CPython's
/// `infer_type`), for literals and displays.
fn inferred_type(e: &Expr) -> Option<&'static str> {
    Some(match e {
        Expr::Tuple(_) => "tuple",
        Expr::List(_) | Expr::ListComp(_) => "list",
        Expr::Dict(_) | Expr::DictComp(_) => "dict",
        Expr::Set(_) | Expr::SetComp(_) => "set",
        Expr::Generator(_) => "generator",
        Expr::Lambda(_) => "function",
        Expr::FString(_) | Expr::StringLiteral(_) => "str",
        Expr::BytesLiteral(_) => "bytes",
        Expr::NumberLiteral(n) => match n.value {
            ast::Number::Int(_) => "int",
            ast::Number::Float(_) => "float",
            ast::Number::Complex { .. } => "complex",
        },
        Expr::BooleanLiteral(_) => "bool",
        Expr::NoneLiteral(_) => "NoneType",
        Expr::EllipsisLiteral(_) => "ellipsis",
        _ => return None,
    })
}

impl<'a> Compiler<'a> {
    /// `func(...)` where `func` is a literal or display.
    pub(super) fn check_caller(&mut self, func: &Expr) {
        // Calling a lambda is fine.
        if matches!(func, Expr::Lambda(_)) {
            return;
        }
        if let Some(t) = inferred_type(func) {
            self.warn(
                format!("'{t}' object is not callable; perhaps you missed a comma?"),
                func.range(),
            );
        }
    }

    /// `value[index]` (a load) where `value` cannot be subscripted, or
    /// is a sequence and `index` a literal that is no int or slice.
    pub(super) fn check_subscript(&mut self, value: &Expr, index: &Expr) {
        let not_subscriptable = matches!(
            value,
            Expr::NumberLiteral(_)
                | Expr::BooleanLiteral(_)
                | Expr::NoneLiteral(_)
                | Expr::EllipsisLiteral(_)
                | Expr::Set(_)
                | Expr::SetComp(_)
                | Expr::Generator(_)
                | Expr::Lambda(_)
        );
        if not_subscriptable {
            if let Some(t) = inferred_type(value) {
                self.warn(
                    format!("'{t}' object is not subscriptable; perhaps you missed a comma?"),
                    value.range(),
                );
            }
            return;
        }
        let Some(index_type) = inferred_type(index) else {
            return;
        };
        if matches!(index_type, "int" | "bool") {
            return;
        }
        let sequence = matches!(
            value,
            Expr::StringLiteral(_)
                | Expr::BytesLiteral(_)
                | Expr::Tuple(_)
                | Expr::List(_)
                | Expr::ListComp(_)
                | Expr::FString(_)
        );
        if let (true, Some(t)) = (sequence, inferred_type(value)) {
            self.warn(
                format!(
                    "{t} indices must be integers or slices, not {index_type}; \
                     perhaps you missed a comma?"
                ),
                value.range(),
            );
        }
    }
}
