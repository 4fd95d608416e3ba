//! The abstract grammar of Python's AST as the `_ast` module exposes it:
//! every node class with its fields, in the signature notation that the
//! classes' `__doc__` shows (`Name(identifier id, expr_context ctx)`; `?`
//! marks an optional field, `*` a list).

/// Sum types: (name, position attributes, constructor signatures).
pub const SUMS: &[(&str, Attrs, &[&str])] = &[
    ("mod", Attrs::None, &[
        "Module(stmt* body, type_ignore* type_ignores)",
        "Interactive(stmt* body)",
        "Expression(expr body)",
        "FunctionType(expr* argtypes, expr returns)",
    ]),
    ("stmt", Attrs::LocatedOptionalEnd, &[
        "FunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment, type_param* type_params)",
        "AsyncFunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment, type_param* type_params)",
        "ClassDef(identifier name, expr* bases, keyword* keywords, stmt* body, expr* decorator_list, type_param* type_params)",
        "Return(expr? value)",
        "Delete(expr* targets)",
        "Assign(expr* targets, expr value, string? type_comment)",
        "TypeAlias(expr name, type_param* type_params, expr value)",
        "AugAssign(expr target, operator op, expr value)",
        "AnnAssign(expr target, expr annotation, expr? value, int simple)",
        "For(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)",
        "AsyncFor(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)",
        "While(expr test, stmt* body, stmt* orelse)",
        "If(expr test, stmt* body, stmt* orelse)",
        "With(withitem* items, stmt* body, string? type_comment)",
        "AsyncWith(withitem* items, stmt* body, string? type_comment)",
        "Match(expr subject, match_case* cases)",
        "Raise(expr? exc, expr? cause)",
        "Try(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)",
        "TryStar(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)",
        "Assert(expr test, expr? msg)",
        "Import(alias* names)",
        "ImportFrom(identifier? module, alias* names, int? level)",
        "Global(identifier* names)",
        "Nonlocal(identifier* names)",
        "Expr(expr value)",
        "Pass",
        "Break",
        "Continue",
    ]),
    ("expr", Attrs::LocatedOptionalEnd, &[
        "BoolOp(boolop op, expr* values)",
        "NamedExpr(expr target, expr value)",
        "BinOp(expr left, operator op, expr right)",
        "UnaryOp(unaryop op, expr operand)",
        "Lambda(arguments args, expr body)",
        "IfExp(expr test, expr body, expr orelse)",
        "Dict(expr* keys, expr* values)",
        "Set(expr* elts)",
        "ListComp(expr elt, comprehension* generators)",
        "SetComp(expr elt, comprehension* generators)",
        "DictComp(expr key, expr value, comprehension* generators)",
        "GeneratorExp(expr elt, comprehension* generators)",
        "Await(expr value)",
        "Yield(expr? value)",
        "YieldFrom(expr value)",
        "Compare(expr left, cmpop* ops, expr* comparators)",
        "Call(expr func, expr* args, keyword* keywords)",
        "FormattedValue(expr value, int conversion, expr? format_spec)",
        "JoinedStr(expr* values)",
        "Constant(constant value, string? kind)",
        "Attribute(expr value, identifier attr, expr_context ctx)",
        "Subscript(expr value, expr slice, expr_context ctx)",
        "Starred(expr value, expr_context ctx)",
        "Name(identifier id, expr_context ctx)",
        "List(expr* elts, expr_context ctx)",
        "Tuple(expr* elts, expr_context ctx)",
        "Slice(expr? lower, expr? upper, expr? step)",
    ]),
    ("expr_context", Attrs::None, &[
        "Load",
        "Store",
        "Del",
    ]),
    ("boolop", Attrs::None, &[
        "And",
        "Or",
    ]),
    ("operator", Attrs::None, &[
        "Add",
        "Sub",
        "Mult",
        "MatMult",
        "Div",
        "Mod",
        "Pow",
        "LShift",
        "RShift",
        "BitOr",
        "BitXor",
        "BitAnd",
        "FloorDiv",
    ]),
    ("unaryop", Attrs::None, &[
        "Invert",
        "Not",
        "UAdd",
        "USub",
    ]),
    ("cmpop", Attrs::None, &[
        "Eq",
        "NotEq",
        "Lt",
        "LtE",
        "Gt",
        "GtE",
        "Is",
        "IsNot",
        "In",
        "NotIn",
    ]),
    ("excepthandler", Attrs::LocatedOptionalEnd, &[
        "ExceptHandler(expr? type, identifier? name, stmt* body)",
    ]),
    ("pattern", Attrs::Located, &[
        "MatchValue(expr value)",
        "MatchSingleton(constant value)",
        "MatchSequence(pattern* patterns)",
        "MatchMapping(expr* keys, pattern* patterns, identifier? rest)",
        "MatchClass(expr cls, pattern* patterns, identifier* kwd_attrs, pattern* kwd_patterns)",
        "MatchStar(identifier? name)",
        "MatchAs(pattern? pattern, identifier? name)",
        "MatchOr(pattern* patterns)",
    ]),
    ("type_ignore", Attrs::None, &[
        "TypeIgnore(int lineno, string tag)",
    ]),
    ("type_param", Attrs::Located, &[
        "TypeVar(identifier name, expr? bound, expr? default_value)",
        "ParamSpec(identifier name, expr? default_value)",
        "TypeVarTuple(identifier name, expr? default_value)",
    ]),
];

/// Product types: (signature, position attributes), each after the
/// products its fields refer to.
pub const PRODUCTS: &[(&str, Attrs)] = &[
    ("comprehension(expr target, expr iter, expr* ifs, int is_async)", Attrs::None),
    ("arg(identifier arg, expr? annotation, string? type_comment)", Attrs::LocatedOptionalEnd),
    ("arguments(arg* posonlyargs, arg* args, arg? vararg, arg* kwonlyargs, expr* kw_defaults, arg? kwarg, expr* defaults)", Attrs::None),
    ("keyword(identifier? arg, expr value)", Attrs::LocatedOptionalEnd),
    ("alias(identifier name, identifier? asname)", Attrs::LocatedOptionalEnd),
    ("withitem(expr context_expr, expr? optional_vars)", Attrs::None),
    ("match_case(pattern pattern, expr? guard, stmt* body)", Attrs::None),
];

/// The position attributes of a node class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attrs {
    /// No positions (`mod`, operators, `arguments` ...).
    None,
    /// `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    Located,
    /// The same, the end position optional (class default None).
    LocatedOptionalEnd,
}

/// How many values a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Card {
    One,
    Opt,
    Seq,
}

/// One field of a node class: name, type name (`expr`, `identifier`,
/// `string`, `int`, `constant` ...) and cardinality.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    pub ty: &'static str,
    pub card: Card,
}

/// Splits a signature `Name(type name, ...)` (or a bare `Name`) into the
/// class name and its fields.
pub fn parse_signature(sig: &'static str) -> (&'static str, Vec<Field>) {
    let Some((name, rest)) = sig.split_once('(') else {
        return (sig, Vec::new());
    };
    let fields = rest
        .trim_end_matches(')')
        .split(", ")
        .map(|f| {
            let (ty, name) = f.split_once(' ').unwrap_or((f, f));
            let (ty, card) = match ty.as_bytes().last() {
                Some(b'?') => (&ty[..ty.len() - 1], Card::Opt),
                Some(b'*') => (&ty[..ty.len() - 1], Card::Seq),
                _ => (ty, Card::One),
            };
            Field { name, ty, card }
        })
        .collect();
    (name, fields)
}
