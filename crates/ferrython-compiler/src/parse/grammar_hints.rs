//! CPython's `invalid_*` grammar rules for shapes that ruff reports with a
//! generic error ("expected ','", "expected an expression" ...): the
//! specific message and range CPython 3.13 gives, found from the tokens
//! around ruff's error.

use ruff_python_ast::token::{Token, TokenKind as T};
use ruff_python_ast::Expr;
use ruff_python_parser::ParseErrorType;
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::LineIndex;
use crate::error::{SyntaxErrorInfo, SyntaxErrorKind};

/// The tokens of the source and what an error needs to be built.
pub(super) struct Hints<'a> {
    pub index: &'a LineIndex,
    pub filename: &'a str,
    pub tokens: &'a [Token],
}

/// CPython's name for the kind of expression `e` (`_PyPegen_get_expr_name`),
/// as used in "cannot assign to ..." messages.
pub(super) fn expr_name(e: &Expr) -> &'static str {
    match e {
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Lambda(_) => "lambda",
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Generator(_) => "generator expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Await(_) => "await expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::FString(_) => "f-string expression",
        Expr::TString(_) => "t-string expression",
        Expr::NoneLiteral(_) => "None",
        Expr::BooleanLiteral(b) if b.value => "True",
        Expr::BooleanLiteral(_) => "False",
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::Compare(_) => "comparison",
        Expr::If(_) => "conditional expression",
        Expr::Named(_) => "named expression",
        _ => "literal",
    }
}

/// `text` parsed as one expression (bare, or else in parentheses, for a
/// tuple or generator split over lines).
pub(super) fn parse_expr(text: &str) -> Option<Expr> {
    if let Ok(p) = ruff_python_parser::parse_expression(text) {
        return Some(p.into_expr());
    }
    let wrapped = format!("({text})");
    ruff_python_parser::parse_expression(&wrapped)
        .ok()
        .map(|p| p.into_expr())
}

impl Hints<'_> {
    fn kind(&self, i: usize) -> T {
        self.tokens.get(i).map_or(T::EndOfFile, |t| t.kind())
    }

    fn prev_kind(&self, i: usize) -> T {
        if i == 0 {
            T::Unknown
        } else {
            self.kind(i - 1)
        }
    }

    fn text(&self, range: TextRange) -> &str {
        &self.index.source()[range]
    }

    fn err(&self, msg: &str, start: TextSize, end: TextSize) -> SyntaxErrorInfo {
        self.index.error(
            SyntaxErrorKind::SyntaxError,
            msg,
            self.filename,
            TextRange::new(start, end),
        )
    }

    /// Index of the first token starting at or after `pos`.
    fn token_at(&self, pos: TextSize) -> usize {
        self.tokens.partition_point(|t| t.start() < pos)
    }

    /// The unclosed bracket around token `i` (None at the top level).
    fn open_bracket(&self, i: usize) -> Option<usize> {
        let mut depth = 0usize;
        for j in (0..i).rev() {
            match self.tokens[j].kind() {
                T::Rpar | T::Rsqb | T::Rbrace => depth += 1,
                T::Lpar | T::Lsqb | T::Lbrace => {
                    if depth == 0 {
                        return Some(j);
                    }
                    depth -= 1;
                }
                T::Newline => return None,
                _ => {}
            }
        }
        None
    }

    /// The bracket matching the opening one at `open`.
    fn close_bracket(&self, open: usize) -> Option<usize> {
        let mut depth = 0usize;
        for j in open..self.tokens.len() {
            match self.tokens[j].kind() {
                T::Lpar | T::Lsqb | T::Lbrace => depth += 1,
                T::Rpar | T::Rsqb | T::Rbrace => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(j);
                    }
                }
                T::Newline => return None,
                _ => {}
            }
        }
        None
    }

    /// First token of the element of a bracket or statement that holds
    /// token `i`: just after the last `,`, open bracket or statement start
    /// at the same depth.
    fn element_start(&self, i: usize) -> usize {
        let mut depth = 0usize;
        for j in (0..i).rev() {
            match self.tokens[j].kind() {
                T::Rpar | T::Rsqb | T::Rbrace => depth += 1,
                T::Lpar | T::Lsqb | T::Lbrace if depth > 0 => depth -= 1,
                T::Lpar | T::Lsqb | T::Lbrace => return j + 1,
                T::Comma
                | T::Newline
                | T::Indent
                | T::Dedent
                | T::Semi
                | T::If
                | T::Elif
                | T::While
                | T::Colon
                    if depth == 0 =>
                {
                    return j + 1
                }
                _ => {}
            }
        }
        0
    }

    /// Token after the expression that starts at token `i`: the next `,`,
    /// `:`, `=`, closing bracket or newline at the same depth.
    fn element_end(&self, i: usize) -> usize {
        let mut depth = 0usize;
        for j in i..self.tokens.len() {
            match self.tokens[j].kind() {
                T::Lpar | T::Lsqb | T::Lbrace => depth += 1,
                T::Rpar | T::Rsqb | T::Rbrace if depth > 0 => depth -= 1,
                T::Rpar | T::Rsqb | T::Rbrace => return j,
                T::Comma | T::Colon | T::Equal | T::ColonEqual if depth == 0 => return j,
                T::Newline | T::NonLogicalNewline | T::Semi | T::EndOfFile if depth == 0 => {
                    return j
                }
                _ => {}
            }
        }
        self.tokens.len()
    }

    /// Whether token `i` sits in the parameters of a `lambda` (at the same
    /// depth, before its `:`).
    fn in_lambda_params(&self, i: usize) -> bool {
        let mut depth = 0usize;
        for j in (0..i).rev() {
            match self.tokens[j].kind() {
                T::Rpar | T::Rsqb | T::Rbrace => depth += 1,
                T::Lpar | T::Lsqb | T::Lbrace if depth > 0 => depth -= 1,
                T::Lambda if depth == 0 => return true,
                T::Lpar | T::Lsqb | T::Lbrace | T::Colon | T::Newline => return false,
                _ => {}
            }
        }
        false
    }

    /// Whether the bracket at `open` is a `def`'s parameter list.
    fn is_def_params(&self, open: usize) -> bool {
        if self.kind(open) != T::Lpar {
            return false;
        }
        let mut j = open;
        // Type parameters: `def f[T](...)`.
        if self.prev_kind(j) == T::Rsqb {
            let mut depth = 0usize;
            while j > 0 {
                j -= 1;
                match self.kind(j) {
                    T::Rsqb => depth += 1,
                    T::Lsqb => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
        }
        j >= 2 && self.kind(j - 1) == T::Name && self.kind(j - 2) == T::Def
    }

    /// Whether the bracket at `open` holds a call's arguments.
    fn is_call(&self, open: usize) -> bool {
        self.kind(open) == T::Lpar
            && matches!(
                self.prev_kind(open),
                T::Name | T::Rpar | T::Rsqb | T::String | T::FStringEnd
            )
            && !self.is_def_params(open)
    }

    /// Start of the logical line holding token `i`.
    fn statement_start(&self, i: usize) -> usize {
        (0..i)
            .rev()
            .find(|&j| {
                matches!(
                    self.kind(j),
                    T::Newline | T::Indent | T::Dedent | T::Semi | T::Colon
                ) && self.open_bracket(j).is_none()
            })
            .map_or(0, |j| j + 1)
    }

    /// The CPython error for ruff's `error` at `range`, if one of the
    /// grammar's `invalid_*` rules names it.
    pub(super) fn hint(&self, error: &ParseErrorType, range: TextRange) -> Option<SyntaxErrorInfo> {
        let i = self.token_at(range.start());
        let at = |msg: &str| Some(self.err(msg, range.start(), range.end()));
        match error {
            ParseErrorType::OtherError(m) => {
                let msg = match m.as_str() {
                    "Position-only parameter separator not allowed as first parameter" => {
                        "at least one argument must precede /"
                    }
                    "Only one '/' separator allowed" => "/ may appear only once",
                    "'/' parameter must appear before '*' parameter" => "/ must be ahead of *",
                    "Trailing comma not allowed" => {
                        // CPython points at the newline after the comma.
                        let mut e = self.err(
                            "trailing comma not allowed without surrounding parentheses",
                            range.end(),
                            range.end(),
                        );
                        e.end_offset = e.offset + 1;
                        return Some(e);
                    }
                    "Only single target (not list) can be annotated" => {
                        "only single target (not list) can be annotated"
                    }
                    "Boolean 'not' expression cannot be used here" => {
                        "'not' after an operator must be parenthesized"
                    }
                    "Multiple exception types must be parenthesized when using `as`" => {
                        // CPython's range runs to the name after `as`.
                        let end = (i..self.tokens.len())
                            .find(|&j| self.kind(j) == T::Colon || self.kind(j) == T::Newline)
                            .filter(|&j| j > 0)
                            .map_or(range.end(), |j| self.tokens[j - 1].end());
                        return Some(self.err(
                            "multiple exception types must be parenthesized",
                            range.start(),
                            end,
                        ));
                    }
                    "Expected a parameter name" => return self.bad_keyword_argument(i, range),
                    "Positional patterns cannot follow keyword patterns" => {
                        // CPython's rule wants the closing bracket; without
                        // it the tokenizer's error wins.
                        let open = self.open_bracket(i)?;
                        if self.close_bracket(open).is_none() {
                            let r = self.tokens[open].range();
                            let mut e = self.err(
                                &format!("'{}' was never closed", self.text(r)),
                                r.start(),
                                r.start(),
                            );
                            e.end_offset = 0;
                            return Some(e);
                        }
                        "positional patterns follow keyword patterns"
                    }
                    "Expected an identifier"
                        if self.prev_kind(i) == T::As
                            && self.text(self.tokens[self.statement_start(i)].range())
                                == "case" =>
                    {
                        // `case 1 as 1+2:`: CPython names the whole target.
                        let end = self.element_end(i);
                        return Some(self.err(
                            "invalid pattern target",
                            range.start(),
                            self.tokens[end.checked_sub(1)?].end(),
                        ));
                    }
                    _ if m.starts_with("Expected an expression or a")
                        && self.kind(i) == T::Equal =>
                    {
                        return self.assignment_in_expression(i)
                    }
                    _ => return None,
                };
                at(msg)
            }
            ParseErrorType::VarParameterWithDefault => {
                let star = (0..i).rev().find(|&j| {
                    matches!(
                        self.kind(j),
                        T::Star | T::DoubleStar | T::Comma | T::Lpar | T::Lambda
                    )
                });
                if star.is_some_and(|j| self.kind(j) == T::DoubleStar) {
                    at("var-keyword argument cannot have default value")
                } else {
                    at("var-positional argument cannot have default value")
                }
            }
            ParseErrorType::ExpectedKeywordParam => {
                // `def f(*None)`: something other than a name after `*` is
                // plain invalid syntax at that token.
                let next = self.token_at(range.end());
                if matches!(self.kind(next), T::Rpar | T::Comma | T::Colon) {
                    return None;
                }
                let r = self.tokens.get(next)?.range();
                Some(self.err("invalid syntax", r.start(), r.end()))
            }
            ParseErrorType::EmptyTypeParams => {
                // CPython's range starts at the `]` and ends where its
                // parser stopped looking ahead: the next token after a
                // `type` alias's, the `]` itself after a def or class.
                let end = if self.kind(self.statement_start(i)) == T::Type {
                    self.tokens.get(i + 1).map_or(range.end(), |t| t.start())
                } else {
                    range.start()
                };
                let mut e = self.err("Type parameter list cannot be empty", range.start(), end);
                e.end_offset = e.end_offset.max(e.offset);
                Some(e)
            }
            ParseErrorType::InvalidAssignmentTarget
                if self.kind(self.statement_start(i)) == T::For =>
            {
                // `for a < b in c`: CPython looks for an invalid target only
                // on the left of an `in` comparison; anything else is plain
                // invalid syntax at the operator.
                let Some(Expr::Compare(c)) = parse_expr(self.text(range)) else {
                    return None;
                };
                if c.ops.first() == Some(&ruff_python_ast::CmpOp::In) {
                    return None;
                }
                let op = (i..self.tokens.len()).find(|&j| {
                    matches!(
                        self.kind(j),
                        T::Less
                            | T::Greater
                            | T::EqEqual
                            | T::NotEqual
                            | T::LessEqual
                            | T::GreaterEqual
                            | T::Is
                            | T::Not
                            | T::In
                    ) && self.open_bracket(j) == self.open_bracket(i)
                })?;
                let r = self.tokens[op].range();
                Some(self.err("invalid syntax", r.start(), r.end()))
            }
            ParseErrorType::ExpectedExpression => self.missing_expression(i, range),
            ParseErrorType::UnparenthesizedGeneratorExpression => {
                // A class's bases are not call arguments: CPython's hint
                // about parentheses is for calls only.
                let open = self.token_at(range.start()).checked_sub(1)?;
                if !(open >= 2 && self.kind(open) == T::Lpar && self.kind(open - 2) == T::Class) {
                    return None;
                }
                let f = (i..self.tokens.len())
                    .find(|&j| self.kind(j) == T::For && self.open_bracket(j) == Some(open))?;
                let r = self.tokens[f].range();
                Some(self.err("invalid syntax", r.start(), r.end()))
            }
            ParseErrorType::InvalidStarredExpressionUsage => {
                let open = self.open_bracket(i);
                if open.is_some_and(|o| self.kind(o) == T::Lbrace) && self.prev_kind(i) == T::Colon
                {
                    at("cannot use a starred expression in a dictionary value")
                } else if self.prev_kind(i) == T::Lpar
                    && self.close_bracket(i - 1) == Some(self.token_at(range.end()))
                {
                    // `(*a)`: a starred expression alone in parentheses.
                    at("cannot use starred expression here")
                } else {
                    None
                }
            }
            ParseErrorType::ExpectedToken { expected, found } => {
                self.unexpected_token(*expected, *found, i, range)
            }
            ParseErrorType::SimpleStatementsOnSameLine if self.kind(i) == T::From => {
                let start = self.statement_start(i);
                if self.kind(start) != T::Import {
                    return None;
                }
                // The range ends with the module name after `from` (one
                // character into an `as` after it, where CPython's parser
                // stopped).
                let name_end = (i + 1..self.tokens.len())
                    .take_while(|&j| matches!(self.kind(j), T::Name | T::Dot))
                    .last()?;
                let end = if self.kind(name_end + 1) == T::As {
                    self.tokens[name_end + 1].start() + TextSize::from(1)
                } else {
                    self.tokens[name_end].end()
                };
                Some(self.err(
                    "Did you mean to use 'from ... import ...' instead?",
                    self.tokens[start].start(),
                    end,
                ))
            }
            _ => None,
        }
    }

    /// `f(x()=1)`, `f(*a=1)`: a keyword argument whose name is not a name.
    fn bad_keyword_argument(&self, i: usize, range: TextRange) -> Option<SyntaxErrorInfo> {
        let open = self.open_bracket(i)?;
        if !self.is_call(open) {
            return None;
        }
        let eq = self.token_at(range.end());
        if self.kind(eq) != T::Equal {
            return None;
        }
        match self.kind(i) {
            T::Star | T::DoubleStar => {
                let end = self.element_end(eq + 1);
                let msg = if self.kind(i) == T::Star {
                    "cannot assign to iterable argument unpacking"
                } else {
                    "cannot assign to keyword argument unpacking"
                };
                Some(self.err(msg, range.start(), self.tokens[end - 1].end()))
            }
            T::True | T::False | T::None => None,
            _ => Some(self.err(
                "expression cannot contain assignment, perhaps you meant \"==\"?",
                range.start(),
                self.tokens[eq].end(),
            )),
        }
    }

    /// ruff's "expected an expression" at token `i`, by what comes before it.
    fn missing_expression(&self, i: usize, range: TextRange) -> Option<SyntaxErrorInfo> {
        let prev = i.checked_sub(1)?;
        match self.kind(prev) {
            // `A[:*]`: a bare star as a slice bound.
            T::Star if prev >= 1 && self.kind(prev - 1) == T::Colon => {
                let star = self.tokens[prev].range();
                Some(self.err("invalid syntax", star.start(), star.end()))
            }
            T::Star if matches!(self.kind(i), T::Rpar | T::Rsqb | T::Colon | T::Comma) => {
                Some(self.err("Invalid star expression", range.start(), range.end()))
            }
            T::Equal => {
                let open = self.open_bracket(i);
                if self.in_lambda_params(i) || open.is_some_and(|o| self.is_def_params(o)) {
                    let eq = self.tokens[prev].range();
                    return Some(self.err(
                        "expected default value expression",
                        eq.start(),
                        eq.end(),
                    ));
                }
                if open.is_some_and(|o| self.is_call(o))
                    && prev >= 1
                    && self.kind(prev - 1) == T::Name
                {
                    return Some(self.err(
                        "expected argument value expression",
                        self.tokens[prev - 1].start(),
                        self.tokens[prev].end(),
                    ));
                }
                None
            }
            T::Colon => {
                let open = self.open_bracket(i)?;
                if self.kind(open) != T::Lbrace || self.in_lambda_params(prev) {
                    return None;
                }
                let colon = self.tokens[prev].range();
                Some(self.err(
                    "expression expected after dictionary key and ':'",
                    colon.start(),
                    colon.end(),
                ))
            }
            _ => None,
        }
    }

    /// ruff's "expected X, found Y" at token `i`.
    fn unexpected_token(
        &self,
        expected: T,
        found: T,
        i: usize,
        range: TextRange,
    ) -> Option<SyntaxErrorInfo> {
        match (expected, found) {
            (T::Comma, T::Star) if self.prev_kind(i) == T::Slash => {
                Some(self.err("expected comma between / and *", range.start(), range.end()))
            }
            (T::Rpar, T::Lpar) if self.open_bracket(i).is_some_and(|o| self.is_def_params(o)) => {
                let close = self.close_bracket(i)?;
                Some(self.err(
                    "Function parameters cannot be parenthesized",
                    range.start(),
                    self.tokens[close].end(),
                ))
            }
            (T::Colon, T::Lpar) if self.in_lambda_params(i) => {
                let close = self.close_bracket(i)?;
                Some(self.err(
                    "Lambda expression parameters cannot be parenthesized",
                    range.start(),
                    self.tokens[close].end(),
                ))
            }
            (T::Rsqb | T::Rbrace, T::For) => {
                let open = self.open_bracket(i)?;
                let first = self.tokens.get(open + 1)?;
                Some(self.err(
                    "did you forget parentheses around the comprehension target?",
                    first.start(),
                    self.tokens[i - 1].end(),
                ))
            }
            (T::Comma, op)
                if op.as_augmented_assign_operator().is_some()
                    && self.open_bracket(i).is_none()
                    && (self.statement_start(i)..i)
                        .any(|j| self.kind(j) == T::Comma && self.open_bracket(j).is_none())
                    && !self.kind(self.statement_start(i)).is_keyword() =>
            {
                let start = self.statement_start(i);
                Some(self.err(
                    "'tuple' is an illegal expression for augmented assignment",
                    self.tokens.get(start)?.start(),
                    self.tokens[i - 1].end(),
                ))
            }
            (T::Rpar | T::Comma, T::For)
                if self.open_bracket(i).is_some_and(|o| self.is_call(o))
                    && self.kind(self.element_start(i)) == T::Name
                    && self.kind(self.element_start(i) + 1) == T::Equal =>
            {
                // `f(a=x for x in y)`: CPython's `invalid_kwarg` names `a=`.
                let start = self.element_start(i);
                Some(self.err(
                    "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                    self.tokens[start].start(),
                    self.tokens[start + 1].end(),
                ))
            }
            (T::Rsqb | T::Rbrace | T::Rpar | T::Comma | T::Colon, T::Equal) => {
                self.assignment_in_expression(i)
            }
            // `a if b:` is not CPython's missing-`else` shape.
            (T::Else, T::Colon) => Some(self.err("invalid syntax", range.start(), range.end())),
            (T::Else, _) => {
                // `[x for x if y]`: the `if` of a comprehension whose `for`
                // lacks its `in`.
                let open = self.open_bracket(i);
                let if_at = (0..i)
                    .rev()
                    .find(|&j| self.kind(j) == T::If && self.open_bracket(j) == open)?;
                let clause = (0..if_at).rev().find(|&j| {
                    matches!(self.kind(j), T::For | T::In) && self.open_bracket(j) == open
                })?;
                if self.kind(clause) != T::For || open.is_none_or(|o| clause < o) {
                    return None;
                }
                let r = self.tokens[if_at].range();
                Some(self.err("'in' expected after for-loop variables", r.start(), r.end()))
            }
            (T::Rpar, T::Colon)
                if self
                    .open_bracket(i)
                    .is_some_and(|o| o > 0 && self.prev_kind(o) == T::Star) =>
            {
                Some(self.err("Invalid star expression", range.start(), range.end()))
            }
            _ => None,
        }
    }

    /// `if x = 1:`, `[a, b=1]`: an `=` where an expression goes on
    /// (CPython's `invalid_named_expression`); `eq` is the `=` token.
    fn assignment_in_expression(&self, eq: usize) -> Option<SyntaxErrorInfo> {
        let open = self.open_bracket(eq);
        if open.is_some_and(|o| self.is_call(o)) {
            // `f(**a=1)`, `f(*a=1)`.
            let start = self.element_start(eq);
            let msg = match self.kind(start) {
                T::Star => "cannot assign to iterable argument unpacking",
                T::DoubleStar => "cannot assign to keyword argument unpacking",
                _ => return None,
            };
            let end = self.element_end(eq + 1);
            return Some(self.err(msg, self.tokens[start].start(), self.tokens[end - 1].end()));
        }
        if open.is_some_and(|o| self.is_def_params(o)) {
            return None;
        }
        if open.is_none()
            && !matches!(
                self.kind(self.statement_start(eq)),
                T::If | T::Elif | T::While
            )
        {
            return None;
        }
        let start = self.element_start(eq);
        if start >= eq {
            return None;
        }
        let value_end = self.element_end(eq + 1);
        if value_end <= eq + 1 || matches!(self.kind(value_end), T::Equal | T::ColonEqual) {
            return None;
        }
        let target = TextRange::new(self.tokens[start].start(), self.tokens[eq - 1].end());
        let target_expr = parse_expr(self.text(target))?;
        match target_expr {
            Expr::Name(_) => Some(self.err(
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                target.start(),
                self.tokens[value_end - 1].end(),
            )),
            Expr::List(_)
            | Expr::Tuple(_)
            | Expr::Generator(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::Compare(_)
            | Expr::BoolOp(_)
            | Expr::If(_)
            | Expr::Lambda(_)
            | Expr::Named(_) => None,
            Expr::UnaryOp(ref u) if u.op == ruff_python_ast::UnaryOp::Not => None,
            ref e => Some(self.err(
                &format!(
                    "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                    expr_name(e)
                ),
                target.start(),
                target.end(),
            )),
        }
    }

    /// `f((x)=1)`: a parenthesized keyword-argument name, which ruff
    /// accepts and CPython refuses.
    pub(super) fn parenthesized_keyword(&self) -> Option<SyntaxErrorInfo> {
        let eq = (1..self.tokens.len()).find(|&j| {
            self.kind(j) == T::Equal
                && self.kind(j - 1) == T::Rpar
                && self.open_bracket(j).is_some_and(|o| self.is_call(o))
        })?;
        let mut start = self.element_start(eq);
        if self.kind(start) == T::Lpar && self.close_bracket(start) == Some(eq - 1) {
            start += 1;
        }
        Some(self.err(
            "expression cannot contain assignment, perhaps you meant \"==\"?",
            self.tokens[start].start(),
            self.tokens[eq].end(),
        ))
    }
}
