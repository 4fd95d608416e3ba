//! The content tokenizer (expat's `XmlContentTok`): reads one token at
//! the start of a text and says how long it is, or that it is incomplete,
//! or where it goes wrong. It allocates nothing but a start tag's
//! attribute list.
use super::chars::{is_name_start, is_space, is_xml_char, name_len, space_len};
use super::errors as code;

/// A start tag's pieces, as offsets in the token: the name's end, each
/// attribute's name and value (inside the quotes), and whether it closes
/// itself.
pub struct RawTag {
    pub name_end: usize,
    pub attrs: Vec<[usize; 4]>,
    pub empty: bool,
    pub len: usize,
}

pub enum Tok {
    /// The text ends inside the token.
    Partial,
    /// An error code and the offset it is reported at.
    Error(u32, usize),
    Data(usize),
    Newline(usize),
    CharRef(char, usize),
    /// `&name;` of the given length.
    EntRef(usize),
    StartTag(RawTag),
    EndTag {
        name_end: usize,
        len: usize,
    },
    Comment(usize),
    Pi {
        target: usize,
        data: (usize, usize),
        len: usize,
    },
    /// A CDATA section of the given length, markers included.
    Cdata(usize),
}

fn invalid(at: usize) -> Tok {
    Tok::Error(code::INVALID_TOKEN, at)
}

/// The token at the start of `s` (not empty), in element content.
pub fn token(s: &str, final_: bool) -> Tok {
    let b = s.as_bytes();
    match b[0] {
        b'<' => markup(s, final_),
        b'&' => reference(s).0,
        b'\n' => Tok::Newline(1),
        b'\r' => {
            if b.len() >= 2 {
                Tok::Newline(if b[1] == b'\n' { 2 } else { 1 })
            } else if final_ {
                Tok::Newline(1)
            } else {
                Tok::Partial
            }
        }
        _ => data(s, final_),
    }
}

/// A run of character data.
fn data(s: &str, final_: bool) -> Tok {
    for (i, c) in s.char_indices() {
        match c {
            '<' | '&' | '\r' | '\n' => return Tok::Data(i),
            ']' => {
                let rest = &s.as_bytes()[i..];
                if rest.starts_with(b"]]>") {
                    return if i > 0 { Tok::Data(i) } else { invalid(2) };
                }
                if !final_ && rest.len() < 3 && b"]]>".starts_with(rest) {
                    return if i > 0 { Tok::Data(i) } else { Tok::Partial };
                }
            }
            c if !is_xml_char(c) => return if i > 0 { Tok::Data(i) } else { invalid(0) },
            _ => {}
        }
    }
    Tok::Data(s.len())
}

/// A character or entity reference at the start of `s`; also used for
/// attribute values. The second value is the character for a character
/// reference.
pub fn reference(s: &str) -> (Tok, Option<char>) {
    let b = s.as_bytes();
    if b.len() < 2 {
        return (Tok::Partial, None);
    }
    if b[1] == b'#' {
        let (hex, start) = match b.get(2) {
            None => return (Tok::Partial, None),
            Some(b'x') => (true, 3),
            Some(_) => (false, 2),
        };
        let mut v: u32 = 0;
        let mut i = start;
        loop {
            let Some(&d) = b.get(i) else {
                return (Tok::Partial, None);
            };
            if d == b';' && i > start {
                break;
            }
            let digit = if hex {
                (d as char).to_digit(16)
            } else {
                (d as char).to_digit(10)
            };
            match digit {
                Some(x) => {
                    v = v
                        .saturating_mul(if hex { 16 } else { 10 })
                        .saturating_add(x)
                }
                None => return (invalid(i), None),
            }
            i += 1;
        }
        return match char::from_u32(v).filter(|&c| is_xml_char(c)) {
            Some(c) => (Tok::CharRef(c, i + 1), Some(c)),
            None => (Tok::Error(code::BAD_CHAR_REF, 0), None),
        };
    }
    let n = name_len(&s[1..]);
    if n == 0 {
        return if s[1..].is_empty() {
            (Tok::Partial, None)
        } else {
            (invalid(1), None)
        };
    }
    match b.get(1 + n) {
        None => (Tok::Partial, None),
        Some(b';') => (Tok::EntRef(n + 2), None),
        Some(_) => (invalid(1 + n), None),
    }
}

/// Whether `s` could still become `full` with more text.
fn prefix_of(s: &str, full: &str) -> bool {
    s.len() < full.len() && full.starts_with(s)
}

/// Markup starting with `<`.
fn markup(s: &str, final_: bool) -> Tok {
    let b = s.as_bytes();
    let Some(&c1) = b.get(1) else {
        return Tok::Partial;
    };
    match c1 {
        b'/' => end_tag(s),
        b'?' => pi(s),
        b'!' => {
            if s.starts_with("<!--") {
                comment(s)
            } else if let Some(body) = s.strip_prefix("<![CDATA[") {
                match body.find("]]>") {
                    Some(i) => {
                        if let Some(bad) = body[..i].char_indices().find(|&(_, c)| !is_xml_char(c))
                        {
                            return invalid(9 + bad.0);
                        }
                        Tok::Cdata(9 + i + 3)
                    }
                    None => Tok::Partial,
                }
            } else if prefix_of(s, "<!--") || prefix_of(s, "<![CDATA[") {
                if final_ {
                    invalid(s.len())
                } else {
                    Tok::Partial
                }
            } else {
                invalid(2)
            }
        }
        _ => start_tag(s),
    }
}

fn end_tag(s: &str) -> Tok {
    let n = name_len(&s[2..]);
    if n == 0 {
        return if s.len() == 2 {
            Tok::Partial
        } else {
            invalid(2)
        };
    }
    let name_end = 2 + n;
    let i = name_end + space_len(&s[name_end..]);
    match s.as_bytes().get(i) {
        None => Tok::Partial,
        Some(b'>') => Tok::EndTag {
            name_end,
            len: i + 1,
        },
        Some(_) => invalid(i),
    }
}

pub fn comment(s: &str) -> Tok {
    let b = s.as_bytes();
    let mut i = 4;
    while i < b.len() {
        if b[i] == b'-' && b.get(i + 1) == Some(&b'-') {
            return match b.get(i + 2) {
                None => Tok::Partial,
                Some(b'>') => Tok::Comment(i + 3),
                Some(_) => invalid(i + 2),
            };
        }
        let c = s[i..].chars().next().unwrap_or('\0');
        if !is_xml_char(c) {
            return invalid(i);
        }
        i += c.len_utf8();
    }
    Tok::Partial
}

pub fn pi(s: &str) -> Tok {
    let n = name_len(&s[2..]);
    if n == 0 {
        return if s.len() == 2 {
            Tok::Partial
        } else {
            invalid(2)
        };
    }
    let target = 2 + n;
    if s[2..target].eq_ignore_ascii_case("xml") {
        return match s.as_bytes().get(target) {
            None => Tok::Partial,
            _ => Tok::Error(code::MISPLACED_XML_PI, 0),
        };
    }
    let b = s.as_bytes();
    match b.get(target) {
        None => return Tok::Partial,
        Some(b'?') => {
            return match b.get(target + 1) {
                None => Tok::Partial,
                Some(b'>') => Tok::Pi {
                    target,
                    data: (target, target),
                    len: target + 2,
                },
                Some(_) => invalid(target + 1),
            }
        }
        Some(&c) if is_space(c as char) => {}
        Some(_) => return invalid(target),
    }
    let data = target + space_len(&s[target..]);
    let mut i = data;
    while i < b.len() {
        if b[i] == b'?' && b.get(i + 1) == Some(&b'>') {
            return Tok::Pi {
                target,
                data: (data, i),
                len: i + 2,
            };
        }
        let c = s[i..].chars().next().unwrap_or('\0');
        if !is_xml_char(c) {
            return invalid(i);
        }
        i += c.len_utf8();
    }
    Tok::Partial
}

fn start_tag(s: &str) -> Tok {
    let n = name_len(&s[1..]);
    if n == 0 {
        return invalid(1);
    }
    let b = s.as_bytes();
    let name_end = 1 + n;
    let mut attrs = Vec::new();
    let mut i = name_end;
    loop {
        let sp = space_len(&s[i..]);
        i += sp;
        let Some(&c) = b.get(i) else {
            return Tok::Partial;
        };
        match c {
            b'>' => {
                return Tok::StartTag(RawTag {
                    name_end,
                    attrs,
                    empty: false,
                    len: i + 1,
                })
            }
            b'/' => {
                return match b.get(i + 1) {
                    None => Tok::Partial,
                    Some(b'>') => Tok::StartTag(RawTag {
                        name_end,
                        attrs,
                        empty: true,
                        len: i + 2,
                    }),
                    Some(_) => invalid(i + 1),
                }
            }
            _ => {}
        }
        let first = s[i..].chars().next().unwrap_or('\0');
        if sp == 0 || !is_name_start(first) {
            return invalid(i);
        }
        let an = name_len(&s[i..]);
        let (ns, ne) = (i, i + an);
        i = ne + space_len(&s[ne..]);
        match b.get(i) {
            None => return Tok::Partial,
            Some(b'=') => i += 1,
            Some(_) => return invalid(i),
        }
        i += space_len(&s[i..]);
        let q = match b.get(i) {
            None => return Tok::Partial,
            Some(&q @ (b'"' | b'\'')) => q,
            Some(_) => return invalid(i),
        };
        let vs = i + 1;
        i = vs;
        loop {
            let Some(&c) = b.get(i) else {
                return Tok::Partial;
            };
            if c == q {
                break;
            }
            match c {
                b'<' => return invalid(i),
                b'&' => match reference(&s[i..]).0 {
                    Tok::CharRef(_, len) | Tok::EntRef(len) => i += len,
                    Tok::Partial => return Tok::Partial,
                    Tok::Error(code, off) => return Tok::Error(code, i + off),
                    _ => return invalid(i),
                },
                _ => {
                    let ch = s[i..].chars().next().unwrap_or('\0');
                    if !is_xml_char(ch) {
                        return invalid(i);
                    }
                    i += ch.len_utf8();
                }
            }
        }
        attrs.push([ns, ne, vs, i]);
        i += 1;
    }
}
