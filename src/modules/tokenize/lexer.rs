//! The tokenizer behind `_tokenize.TokenizerIter` (CPython's
//! `Parser/lexer/`), as the `tokenize` module sees it: it pulls lines from
//! a [`LineSource`] and produces CPython 3.13's token stream: types,
//! strings, start and end positions (line 1-based, column in characters)
//! and the physical line(s) each token came from. f-strings are split into
//! `FSTRING_START` / `FSTRING_MIDDLE` / `FSTRING_END` with the replacement
//! fields tokenized as expressions (PEP 701).
//!
//! With `extra_tokens` (what `tokenize.py` asks for) comments and
//! non-logical newlines are tokens, operators are `OP`, `NEWLINE` carries
//! its newline text and the tokens after the last line sit at column 0 of
//! the line after it. Without it the stream is the parser's: exact
//! operator types, no `COMMENT`/`NL`, and column -1 for `INDENT`,
//! `DEDENT` and `ENDMARKER`.
//!
//! Like CPython's tokenizer in this mode it does not check identifiers or
//! bracket matching (the parser does); it reports the errors that stop it:
//! unterminated strings, bad numbers, a bad line continuation,
//! inconsistent dedents and tabs, EOF inside brackets.
use std::collections::VecDeque;

/// Token type numbers (the `token` module's).
const ENDMARKER: u8 = 0;
const NAME: u8 = 1;
const NUMBER: u8 = 2;
const STRING: u8 = 3;
const NEWLINE: u8 = 4;
const INDENT: u8 = 5;
const DEDENT: u8 = 6;
const OP: u8 = 55;
const FSTRING_START: u8 = 59;
const FSTRING_MIDDLE: u8 = 60;
const FSTRING_END: u8 = 61;
const COMMENT: u8 = 62;
const NL: u8 = 63;

/// Operators longer than one character, longest first where one is a
/// prefix of another.
const MULTI_OPS: &[&str] = &[
    "**=", "...", "//=", "<<=", ">>=", "!=", "%=", "&=", "**", "*=", "+=", "-=", "->", "//", "/=",
    ":=", "<<", "<=", "<>", "==", ">=", ">>", "@=", "^=", "|=",
];

/// The exact token type of an operator (`token.EXACT_TOKEN_TYPES`); `OP`
/// for a character that is no operator (`$`, `?` ...).
pub fn exact_type(op: &str) -> u8 {
    match op {
        "(" => 7,
        ")" => 8,
        "[" => 9,
        "]" => 10,
        ":" => 11,
        "," => 12,
        ";" => 13,
        "+" => 14,
        "-" => 15,
        "*" => 16,
        "/" => 17,
        "|" => 18,
        "&" => 19,
        "<" => 20,
        ">" => 21,
        "=" => 22,
        "." => 23,
        "%" => 24,
        "{" => 25,
        "}" => 26,
        "==" => 27,
        "!=" | "<>" => 28,
        "<=" => 29,
        ">=" => 30,
        "~" => 31,
        "^" => 32,
        "<<" => 33,
        ">>" => 34,
        "**" => 35,
        "+=" => 36,
        "-=" => 37,
        "*=" => 38,
        "/=" => 39,
        "%=" => 40,
        "&=" => 41,
        "|=" => 42,
        "^=" => 43,
        "<<=" => 44,
        ">>=" => 45,
        "**=" => 46,
        "//" => 47,
        "//=" => 48,
        "@" => 49,
        "@=" => 50,
        "->" => 51,
        "..." => 52,
        ":=" => 53,
        "!" => 54,
        _ => OP,
    }
}

/// Where lines come from (`readline`).
pub trait LineSource {
    type Error;
    /// The next line, `None` at the end.
    fn next_line(&mut self) -> Result<Option<String>, Self::Error>;
}

/// Which exception a tokenizing error is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ErrorKind {
    Syntax,
    Indentation,
    Tab,
}

/// A tokenizing error: the exception, its message, line number, 1-based
/// column and line text.
#[derive(Debug)]
pub struct SyntaxError {
    pub kind: ErrorKind,
    pub msg: String,
    pub lineno: usize,
    pub offset: usize,
    pub text: String,
}

/// Why tokenizing stopped.
pub enum Error<E> {
    /// `readline` failed.
    Source(E),
    Syntax(SyntaxError),
}

/// One token.
#[derive(Debug, Clone)]
pub struct Token {
    pub kind: u8,
    pub text: String,
    pub start: (usize, isize),
    pub end: (usize, isize),
    pub line: String,
}

/// A replacement field of an f-string being tokenized.
struct Field {
    /// The bracket depth inside the field's `{`.
    level: usize,
    /// Whether its format spec (after `:`) has started.
    spec: bool,
}

/// An f-string being tokenized.
struct FString {
    quote: char,
    quote_size: usize,
    raw: bool,
    /// Where its `FSTRING_START` began (line, column).
    start: (usize, usize),
    fields: Vec<Field>,
    /// A format spec's text was emitted up to its closing `}`.
    spec_emitted: bool,
    /// The text before a single `}` was emitted; the error is next.
    bad_brace: bool,
}

/// A token that runs over several lines: its start, its text so far and
/// the full text of the lines before the current one.
struct Multi {
    line: usize,
    col: usize,
    text: String,
    lines: String,
}

/// The tokenizer state.
pub struct Lexer<S: LineSource> {
    src: S,
    extra: bool,
    line: Vec<char>,
    /// The current line's `\n` was added because the input lacked it.
    implicit_nl: bool,
    lineno: usize,
    pos: usize,
    need_line: bool,
    at_bol: bool,
    /// The current line holds no token but a comment (so far).
    blank: bool,
    indents: Vec<usize>,
    alt_indents: Vec<usize>,
    pending: VecDeque<Token>,
    paren: usize,
    fstrings: Vec<FString>,
    multi: Option<Multi>,
    /// The comment before the newline (without `extra_tokens` the
    /// `NEWLINE` token carries it): text and columns.
    comment: Option<(String, usize, usize)>,
    done: bool,
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c as u32 >= 128
}

fn is_ident_char(c: char) -> bool {
    is_ident_start(c) || c.is_ascii_digit()
}

impl<S: LineSource> Lexer<S> {
    pub fn new(src: S, extra: bool) -> Self {
        Lexer {
            src,
            extra,
            line: Vec::new(),
            implicit_nl: false,
            lineno: 0,
            pos: 0,
            need_line: true,
            at_bol: true,
            blank: false,
            indents: vec![0],
            alt_indents: vec![0],
            pending: VecDeque::new(),
            paren: 0,
            fstrings: Vec::new(),
            multi: None,
            comment: None,
            done: false,
        }
    }

    /// The line source.
    pub fn source(&self) -> &S {
        &self.src
    }

    pub fn source_mut(&mut self) -> &mut S {
        &mut self.src
    }

    /// The character at `i` of the current line (`\0` past its end).
    fn at(&self, i: usize) -> char {
        self.line.get(i).copied().unwrap_or('\0')
    }

    /// The current line as the `line` of a token (without an added `\n`).
    fn line_text(&self) -> String {
        let n = self.line.len() - usize::from(self.implicit_nl);
        self.line[..n].iter().collect()
    }

    fn slice(&self, a: usize, b: usize) -> String {
        self.line[a..b].iter().collect()
    }

    /// Reads the next line; false at the end of the input.
    fn read_line(&mut self) -> Result<bool, Error<S::Error>> {
        let Some(text) = self.src.next_line().map_err(Error::Source)? else {
            return Ok(false);
        };
        if text.is_empty() {
            return Ok(false);
        }
        if let Some(m) = &mut self.multi {
            let from = if m.line == self.lineno { m.col } else { 0 };
            m.text.extend(&self.line[from..]);
            m.lines.extend(&self.line);
        }
        self.line = text.chars().collect();
        self.implicit_nl = !text.ends_with('\n');
        if self.implicit_nl {
            self.line.push('\n');
        }
        self.lineno += 1;
        self.pos = 0;
        Ok(true)
    }

    fn error(&self, kind: ErrorKind, msg: String, lineno: usize, offset: usize) -> Error<S::Error> {
        Error::Syntax(SyntaxError {
            kind,
            msg,
            lineno,
            offset,
            text: self.line_text(),
        })
    }

    fn syntax(&self, msg: impl Into<String>, lineno: usize, offset: usize) -> Error<S::Error> {
        self.error(ErrorKind::Syntax, msg.into(), lineno, offset)
    }

    fn token(&self, kind: u8, a: usize, b: usize) -> Token {
        Token {
            kind,
            text: self.slice(a, b),
            start: (self.lineno, a as isize),
            end: (self.lineno, b as isize),
            line: self.line_text(),
        }
    }

    /// An operator: `OP` with `extra_tokens`, its exact type without.
    fn op(&self, a: usize, b: usize) -> Token {
        let mut t = self.token(OP, a, b);
        if !self.extra {
            t.kind = exact_type(&t.text);
        }
        t
    }

    /// Starts a token that may run over several lines at column `col`.
    fn begin_multi(&mut self, col: usize) {
        self.multi = Some(Multi {
            line: self.lineno,
            col,
            text: String::new(),
            lines: String::new(),
        });
    }

    /// Ends the multi-line token at `end` of the current line.
    fn end_multi(&mut self, kind: u8, end: usize) -> Token {
        let m = self.multi.take().expect("a multi-line token is open");
        let from = if m.line == self.lineno { m.col } else { 0 };
        let mut text = m.text;
        text.extend(&self.line[from..end]);
        let mut line = m.lines;
        line.push_str(&self.line_text());
        Token {
            kind,
            text,
            start: (m.line, m.col as isize),
            end: (self.lineno, end as isize),
            line,
        }
    }

    /// The next token, `None` after `ENDMARKER`.
    pub fn next_token(&mut self) -> Result<Option<Token>, Error<S::Error>> {
        if let Some(t) = self.pending.pop_front() {
            return Ok(Some(t));
        }
        if self.done {
            return Ok(None);
        }
        let r = self.scan();
        if r.is_err() {
            self.done = true;
            self.multi = None;
        }
        r.map(Some)
    }

    fn scan(&mut self) -> Result<Token, Error<S::Error>> {
        loop {
            if self.need_line {
                if !self.read_line()? {
                    return self.at_eof();
                }
                self.need_line = false;
                self.at_bol = true;
            }
            if self.at_bol {
                self.at_bol = false;
                if let Some(t) = self.indentation()? {
                    return Ok(t);
                }
            }
            if let Some(fs) = self.fstrings.last() {
                let literal = match fs.fields.last() {
                    None => true,
                    Some(f) => f.spec && self.paren == f.level,
                };
                if literal {
                    return self.fstring_literal();
                }
            }
            while matches!(self.at(self.pos), ' ' | '\t' | '\x0c') {
                self.pos += 1;
            }
            let start = self.pos;
            let c = self.at(start);
            let c1 = self.at(start + 1);
            match c {
                '#' => {
                    let mut end = start;
                    while !matches!(self.at(end), '\n' | '\0') {
                        end += 1;
                    }
                    if self.at(end - 1) == '\r' && end - 1 > start {
                        end -= 1;
                    }
                    self.pos = end;
                    if self.extra {
                        return Ok(self.token(COMMENT, start, end));
                    }
                    self.comment = Some((self.slice(start, end), start, end));
                }
                '\n' | '\r' if c == '\n' || c1 == '\n' => {
                    if let Some(t) = self.newline(start) {
                        return Ok(t);
                    }
                }
                '\\' => {
                    let nl = match c1 {
                        '\n' => true,
                        '\r' => self.at(start + 2) == '\n',
                        _ => false,
                    };
                    if !nl {
                        return Err(self.syntax(
                            "unexpected character after line continuation character",
                            self.lineno,
                            start + 3,
                        ));
                    }
                    let len = self.line.len();
                    if !self.read_line()? {
                        return Err(self.syntax(
                            "unexpected EOF in multi-line statement",
                            self.lineno,
                            len,
                        ));
                    }
                    self.blank = false;
                }
                '"' | '\'' => return self.string(start, start),
                _ if c.is_ascii_digit() || (c == '.' && c1.is_ascii_digit()) => {
                    return self.number(start)
                }
                _ if is_ident_start(c) => return self.name_or_string(start),
                '\0' => {
                    // A line without `\n` cannot end here; treat as the end.
                    self.need_line = true;
                }
                _ => return self.operator(start),
            }
        }
    }

    /// Indentation at the start of a logical line: `INDENT` / `DEDENT`
    /// tokens (the first returned, the rest queued).
    fn indentation(&mut self) -> Result<Option<Token>, Error<S::Error>> {
        let (mut col, mut alt, mut p) = (0usize, 0usize, 0usize);
        // A backslash continuation inside the indentation: the column
        // where it stands is the line's indentation.
        let mut cont_col = None;
        loop {
            match self.at(p) {
                '\\' if self.at(p + 1) == '\n' => {
                    cont_col.get_or_insert((col, alt));
                    if !self.read_line()? {
                        return Err(self.syntax(
                            "unexpected EOF in multi-line statement",
                            self.lineno,
                            0,
                        ));
                    }
                    p = 0;
                    continue;
                }
                ' ' => {
                    col += 1;
                    alt += 1;
                }
                '\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                '\x0c' => {
                    col = 0;
                    alt = 0;
                }
                _ => break,
            }
            p += 1;
        }
        if let Some((c, a)) = cont_col {
            (col, alt) = (c, a);
        }
        self.pos = p;
        let c = self.at(p);
        self.blank = c == '#' || c == '\n' || (c == '\r' && self.at(p + 1) == '\n');
        self.comment = None;
        if self.blank || self.paren > 0 || !self.fstrings.is_empty() {
            return Ok(None);
        }
        let top = *self.indents.last().unwrap_or(&0);
        let alt_top = *self.alt_indents.last().unwrap_or(&0);
        let tab_error = |s: &Self| {
            s.error(
                ErrorKind::Tab,
                "inconsistent use of tabs and spaces in indentation".into(),
                s.lineno,
                p + 1,
            )
        };
        if col == top {
            if alt != alt_top {
                return Err(tab_error(self));
            }
            return Ok(None);
        }
        if col > top {
            if self.indents.len() >= 100 {
                return Err(self.error(
                    ErrorKind::Indentation,
                    "too many levels of indentation".into(),
                    self.lineno,
                    p + 1,
                ));
            }
            if alt <= alt_top {
                return Err(tab_error(self));
            }
            self.indents.push(col);
            self.alt_indents.push(alt);
            let mut t = self.token(INDENT, 0, p);
            if !self.extra {
                t.text.clear();
                t.start.1 = -1;
                t.end.1 = -1;
            }
            return Ok(Some(t));
        }
        let mut n = 0;
        while self.indents.len() > 1 && col < *self.indents.last().unwrap_or(&0) {
            self.indents.pop();
            self.alt_indents.pop();
            n += 1;
        }
        if col != *self.indents.last().unwrap_or(&0) {
            return Err(self.error(
                ErrorKind::Indentation,
                "unindent does not match any outer indentation level".into(),
                self.lineno,
                p + 1,
            ));
        }
        if alt != *self.alt_indents.last().unwrap_or(&0) {
            return Err(tab_error(self));
        }
        let col = if self.extra { p as isize } else { -1 };
        for _ in 0..n {
            self.pending.push_back(Token {
                kind: DEDENT,
                text: String::new(),
                start: (self.lineno, col),
                end: (self.lineno, col),
                line: self.line_text(),
            });
        }
        Ok(self.pending.pop_front())
    }

    /// The end of the input: `DEDENT`s and `ENDMARKER`.
    fn at_eof(&mut self) -> Result<Token, Error<S::Error>> {
        if self.paren > 0 || !self.fstrings.is_empty() {
            return Err(self.syntax("unexpected EOF in multi-line statement", self.lineno, 0));
        }
        self.done = true;
        let (lineno, col, line) = if self.extra {
            (self.lineno + 1, 0, String::new())
        } else {
            (self.lineno.max(1), -1, self.line_text())
        };
        let tok = |kind| Token {
            kind,
            text: String::new(),
            start: (lineno, col),
            end: (lineno, col),
            line: line.clone(),
        };
        while self.indents.len() > 1 {
            self.indents.pop();
            self.pending.push_back(tok(DEDENT));
        }
        self.pending.push_back(tok(ENDMARKER));
        Ok(self.pending.pop_front().expect("ENDMARKER is queued"))
    }

    /// `NEWLINE` or `NL` at `start` (`\n` or `\r\n`); `None` for an `NL`
    /// without `extra_tokens`.
    fn newline(&mut self, start: usize) -> Option<Token> {
        let len = if self.at(start) == '\r' { 2 } else { 1 };
        self.pos = start + len;
        self.need_line = true;
        let logical = !self.blank && self.paren == 0;
        let text = if self.implicit_nl {
            String::new()
        } else {
            self.slice(start, start + len)
        };
        let mut t = self.token(NL, start, start + len);
        t.text = text;
        if logical {
            t.kind = NEWLINE;
            if !self.extra {
                match self.comment.take() {
                    Some((c, a, b)) => {
                        t.text = c;
                        t.start.1 = a as isize;
                        t.end.1 = b as isize;
                    }
                    None => {
                        t.text.clear();
                        t.end.1 = t.start.1;
                    }
                }
            }
        }
        // The parser's stream has no NL.
        (self.extra || logical).then_some(t)
    }

    fn name_or_string(&mut self, start: usize) -> Result<Token, Error<S::Error>> {
        // A string prefix: b, r, u, f and the pairs br/rb, fr/rf in any case.
        let (mut b, mut r, mut u, mut f) = (false, false, false, false);
        let mut p = start;
        loop {
            match self.at(p).to_ascii_lowercase() {
                'b' if !(b || u || f) => b = true,
                'u' if !(b || u || r || f) => u = true,
                'r' if !(r || u) => r = true,
                'f' if !(f || b || u) => f = true,
                _ => break,
            }
            p += 1;
        }
        if p > start && matches!(self.at(p), '"' | '\'') {
            return self.string(start, p);
        }
        let mut end = start;
        while is_ident_char(self.at(end)) {
            end += 1;
        }
        self.pos = end;
        self.blank = false;
        Ok(self.token(NAME, start, end))
    }

    fn operator(&mut self, start: usize) -> Result<Token, Error<S::Error>> {
        self.blank = false;
        let c = self.at(start);
        // Inside an f-string's replacement field, `:` at the field's own
        // level starts the format spec and `}` ends the field.
        if let Some(field) = self.fstrings.last_mut().and_then(|f| f.fields.last_mut()) {
            if self.paren == field.level {
                if c == ':' && !field.spec {
                    field.spec = true;
                    self.pos = start + 1;
                    return Ok(self.op(start, start + 1));
                }
                if c == '}' {
                    return Ok(self.close_field(start));
                }
            }
        }
        let len = MULTI_OPS
            .iter()
            .find(|op| {
                op.chars()
                    .enumerate()
                    .all(|(i, ch)| self.at(start + i) == ch)
            })
            .map_or(1, |op| op.len());
        match c {
            '(' | '[' | '{' => self.paren += 1,
            ')' | ']' | '}' => self.paren = self.paren.saturating_sub(1),
            _ => {}
        }
        self.pos = start + len;
        Ok(self.op(start, start + len))
    }

    /// The `}` at `at` that ends the innermost replacement field.
    fn close_field(&mut self, at: usize) -> Token {
        if let Some(fs) = self.fstrings.last_mut() {
            fs.fields.pop();
            fs.spec_emitted = false;
        }
        self.paren = self.paren.saturating_sub(1);
        self.pos = at + 1;
        self.op(at, at + 1)
    }

    fn number(&mut self, start: usize) -> Result<Token, Error<S::Error>> {
        self.blank = false;
        let mut p = start;
        let c = self.at(p);
        let c1 = self.at(p + 1).to_ascii_lowercase();
        if c == '0' && matches!(c1, 'x' | 'o' | 'b') {
            let (what, radix) = match c1 {
                'x' => ("hexadecimal", 16),
                'o' => ("octal", 8),
                _ => ("binary", 2),
            };
            p += 2;
            loop {
                if self.at(p) == '_' {
                    p += 1;
                }
                let d = self.at(p);
                if !d.is_digit(radix) {
                    if d.is_ascii_digit() {
                        return Err(self.syntax(
                            format!("invalid digit '{d}' in {what} literal"),
                            self.lineno,
                            p + 1,
                        ));
                    }
                    return Err(self.syntax(format!("invalid {what} literal"), self.lineno, p));
                }
                while self.at(p).is_digit(radix) {
                    p += 1;
                }
                if self.at(p) != '_' {
                    break;
                }
            }
            if self.at(p).is_ascii_digit() {
                let d = self.at(p);
                return Err(self.syntax(
                    format!("invalid digit '{d}' in {what} literal"),
                    self.lineno,
                    p + 1,
                ));
            }
            return self.end_number(start, p);
        }
        if c != '.' {
            p = self.decimal_tail(p)?;
        }
        if self.at(p) == '.' {
            p += 1;
            if self.at(p).is_ascii_digit() {
                p = self.decimal_tail(p)?;
            }
        }
        if matches!(self.at(p), 'e' | 'E') {
            let mut q = p + 1;
            if matches!(self.at(q), '+' | '-') {
                q += 1;
            }
            if self.at(q).is_ascii_digit() {
                p = self.decimal_tail(q)?;
            }
        }
        if matches!(self.at(p), 'j' | 'J') {
            p += 1;
        }
        self.end_number(start, p)
    }

    /// Digits with single underscores between them, from `p`.
    fn decimal_tail(&self, mut p: usize) -> Result<usize, Error<S::Error>> {
        loop {
            while self.at(p).is_ascii_digit() {
                p += 1;
            }
            if self.at(p) != '_' {
                return Ok(p);
            }
            if !self.at(p + 1).is_ascii_digit() {
                return Err(self.syntax("invalid decimal literal", self.lineno, p + 1));
            }
            p += 1;
        }
    }

    /// The number token `start..end`. A name right after it (`1if`) is
    /// left to the parser, as CPython's tokenizer does in this mode.
    fn end_number(&mut self, start: usize, end: usize) -> Result<Token, Error<S::Error>> {
        self.pos = end;
        Ok(self.token(NUMBER, start, end))
    }

    /// A string literal (or an f-string's start) with prefix `start..q`.
    fn string(&mut self, start: usize, q: usize) -> Result<Token, Error<S::Error>> {
        self.blank = false;
        let quote = self.at(q);
        let size = if self.at(q + 1) == quote && self.at(q + 2) == quote {
            3
        } else {
            1
        };
        let prefix: String = self.slice(start, q).to_ascii_lowercase();
        if prefix.contains('f') {
            self.fstrings.push(FString {
                quote,
                quote_size: size,
                raw: prefix.contains('r'),
                start: (self.lineno, start),
                fields: Vec::new(),
                spec_emitted: false,
                bad_brace: false,
            });
            self.pos = q + size;
            return Ok(self.token(FSTRING_START, start, q + size));
        }
        let first_line = self.lineno;
        self.begin_multi(start);
        let mut p = q + size;
        loop {
            let c = self.at(p);
            if c == '\n' || c == '\0' {
                if size == 1 {
                    return Err(self.unterminated_string(quote, size, first_line, start));
                }
                if !self.read_line()? {
                    return Err(self.unterminated_string(quote, size, first_line, start));
                }
                p = 0;
                continue;
            }
            if c == '\\' {
                if self.at(p + 1) == '\n' || (self.at(p + 1) == '\r' && self.at(p + 2) == '\n') {
                    if !self.read_line()? {
                        return Err(self.unterminated_string(quote, size, first_line, start));
                    }
                    p = 0;
                } else {
                    p += 2;
                }
                continue;
            }
            if c == quote && (size == 1 || (self.at(p + 1) == quote && self.at(p + 2) == quote)) {
                p += size;
                break;
            }
            p += 1;
        }
        self.pos = p;
        Ok(self.end_multi(STRING, p))
    }

    fn unterminated_string(
        &self,
        quote: char,
        size: usize,
        line: usize,
        col: usize,
    ) -> Error<S::Error> {
        if let Some(fs) = self.fstrings.last() {
            if fs.quote == quote && fs.quote_size == size {
                return self.syntax("f-string: expecting '}'", line, col + 1);
            }
        }
        let what = if size == 3 {
            "unterminated triple-quoted string literal"
        } else {
            "unterminated string literal"
        };
        // A quote escaped just before the end of the line.
        let n = self.line.len();
        let hint = if size == 1 && n >= 3 && self.line[n - 2] == quote && self.line[n - 3] == '\\' {
            "; perhaps you escaped the end quote?"
        } else {
            ""
        };
        self.syntax(
            format!("{what} (detected at line {}){hint}", self.lineno),
            line,
            col + 1,
        )
    }

    /// The literal text of an f-string (or of a format spec) up to the
    /// next replacement field or the closing quote.
    fn fstring_literal(&mut self) -> Result<Token, Error<S::Error>> {
        let Some(fs) = self.fstrings.last() else {
            unreachable!("called inside an f-string")
        };
        let (quote, size, raw, fstart) = (fs.quote, fs.quote_size, fs.raw, fs.start);
        let in_spec = !fs.fields.is_empty();
        let fs_bad_brace = fs.bad_brace;
        let start = self.pos;
        let c = self.at(start);
        if in_spec && c == '}' && fs.spec_emitted {
            return Ok(self.close_field(start));
        }
        let doubled = self.at(start + 1) == '{';
        // In a format spec `{{` opens two fields, after a (maybe empty)
        // text token.
        if c == '{' && (!doubled || (in_spec && fs.spec_emitted)) {
            if let Some(fs) = self.fstrings.last_mut() {
                fs.spec_emitted = false;
                self.paren += 1;
                fs.fields.push(Field {
                    level: self.paren,
                    spec: false,
                });
            }
            self.pos = start + 1;
            return Ok(self.op(start, start + 1));
        }
        let at_quote = |s: &Self, p: usize| {
            s.at(p) == quote && (size == 1 || (s.at(p + 1) == quote && s.at(p + 2) == quote))
        };
        if at_quote(self, start) && !in_spec {
            self.fstrings.pop();
            self.pos = start + size;
            return Ok(self.token(FSTRING_END, start, start + size));
        }
        self.begin_multi(start);
        let mut p = start;
        let end;
        loop {
            let c = self.at(p);
            if at_quote(self, p) {
                if in_spec {
                    self.multi = None;
                    return Err(self.syntax("f-string: expecting '}'", self.lineno, p + 1));
                }
                end = p;
                break;
            }
            match c {
                '\n' | '\0' => {
                    if size == 1 || !self.read_line()? {
                        self.multi = None;
                        let what = if size == 3 {
                            "unterminated triple-quoted f-string literal"
                        } else {
                            "unterminated f-string literal"
                        };
                        return Err(self.syntax(
                            format!("{what} (detected at line {})", self.lineno),
                            fstart.0,
                            fstart.1 + 1,
                        ));
                    }
                    p = 0;
                }
                '{' => {
                    if !in_spec && self.at(p + 1) == '{' {
                        // `{{`: the text keeps one brace, the other is skipped.
                        let t = self.end_multi(FSTRING_MIDDLE, p + 1);
                        self.pos = p + 2;
                        return Ok(t);
                    }
                    end = p;
                    break;
                }
                '}' => {
                    if in_spec {
                        if let Some(fs) = self.fstrings.last_mut() {
                            fs.spec_emitted = true;
                        }
                        end = p;
                        break;
                    }
                    if self.at(p + 1) == '}' {
                        let t = self.end_multi(FSTRING_MIDDLE, p + 1);
                        self.pos = p + 2;
                        return Ok(t);
                    }
                    if p == start && fs_bad_brace {
                        self.multi = None;
                        return Err(self.syntax(
                            "f-string: single '}' is not allowed",
                            self.lineno,
                            p + 1,
                        ));
                    }
                    // The text before it is a token; the error comes next.
                    if let Some(fs) = self.fstrings.last_mut() {
                        fs.bad_brace = true;
                    }
                    let t = self.end_multi(FSTRING_MIDDLE, p);
                    self.pos = p;
                    return Ok(t);
                }
                '\\' => {
                    let n = self.at(p + 1);
                    if n == '\n' || (n == '\r' && self.at(p + 2) == '\n') {
                        if !self.read_line()? {
                            self.multi = None;
                            return Err(self.syntax(
                                "unexpected EOF in multi-line statement",
                                self.lineno,
                                0,
                            ));
                        }
                        p = 0;
                    } else if !raw && n == 'N' && self.at(p + 2) == '{' {
                        // A named escape's braces are text; the token ends
                        // after its `}`.
                        p += 3;
                        while !matches!(self.at(p), '}' | '\n' | '\0') {
                            p += 1;
                        }
                        if self.at(p) == '}' {
                            let t = self.end_multi(FSTRING_MIDDLE, p + 1);
                            self.pos = p + 1;
                            return Ok(t);
                        }
                    } else if n == '{' || n == '}' {
                        p += 1;
                    } else {
                        p += 2;
                    }
                }
                _ => p += 1,
            }
        }
        let t = self.end_multi(FSTRING_MIDDLE, end);
        self.pos = end;
        let spec_end =
            in_spec && (self.at(end) == '}' || (self.at(end) == '{' && self.at(end + 1) == '{'));
        if t.text.is_empty() && !spec_end {
            // Nothing before the field or the quote: no middle token.
            return self.scan();
        }
        if spec_end {
            if let Some(fs) = self.fstrings.last_mut() {
                fs.spec_emitted = true;
            }
        }
        Ok(t)
    }
}
