//! The document type declaration and its internal subset: entity,
//! attribute-list, element and notation declarations, read once the whole
//! declaration is in the buffer. Each token that no declaration handler
//! takes goes to the default handler, one token at a time, as in expat.
use super::chars::{is_name_char, is_pubid_char, name_len, space_len};
use super::core::{err, AttDef, Core, Entity, XmlErr};
use super::errors as code;
use super::event::{Kind, Model, Owner, Txt};
use super::token::{comment, pi, Tok};
use std::rc::Rc;

#[derive(Clone, Copy, PartialEq)]
enum T {
    Decl,
    S,
    Name,
    Lit,
    Open,
    Close,
    Gt,
    PeRef,
    Percent,
    LParen,
    RParen,
    Or,
    Comma,
    Pound,
    Comment,
    Pi,
}

/// The end of a document type declaration starting `s`, None when the
/// text ends first.
fn doctype_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 9;
    let mut subset = false;
    while i < b.len() {
        match b[i] {
            q @ (b'"' | b'\'') => i += 1 + s[i + 1..].find(q as char)? + 1,
            b'[' if !subset => {
                subset = true;
                i += 1;
            }
            b']' if subset => {
                subset = false;
                i += 1;
            }
            b'>' if !subset => return Some(i + 1),
            b'<' if subset && s[i..].starts_with("<!--") => i += s[i + 4..].find("-->")? + 7,
            b'<' if subset && s[i..].starts_with("<?") => i += s[i + 2..].find("?>")? + 4,
            _ => i += 1,
        }
    }
    None
}

/// The tokens of a complete declaration (offsets in `d`).
/// A token: its kind, start and end.
type Token = (T, usize, usize);

fn tokens(d: &str) -> Result<Vec<Token>, (u32, usize)> {
    let b = d.as_bytes();
    let mut v = Vec::new();
    let mut i = 0;
    let quant = |j: usize| matches!(b.get(j), Some(b'?' | b'*' | b'+')) as usize;
    while i < b.len() {
        let (t, n) = match b[i] {
            b' ' | b'\t' | b'\r' | b'\n' => (T::S, space_len(&d[i..])),
            b'<' if d[i..].starts_with("<!--") => match comment(&d[i..]) {
                Tok::Comment(n) => (T::Comment, n),
                Tok::Error(c, o) => return Err((c, i + o)),
                _ => return Err((code::INVALID_TOKEN, i)),
            },
            b'<' if d[i..].starts_with("<?") => match pi(&d[i..]) {
                Tok::Pi { len, .. } => (T::Pi, len),
                Tok::Error(c, o) => return Err((c, i + o)),
                _ => return Err((code::INVALID_TOKEN, i)),
            },
            b'<' if d[i..].starts_with("<!") && name_len(&d[i + 2..]) > 0 => {
                (T::Decl, 2 + name_len(&d[i + 2..]))
            }
            q @ (b'"' | b'\'') => match d[i + 1..].find(q as char) {
                Some(n) => (T::Lit, n + 2),
                None => return Err((code::INVALID_TOKEN, i)),
            },
            b'%' => {
                let n = name_len(&d[i + 1..]);
                if n > 0 && b.get(i + 1 + n) == Some(&b';') {
                    (T::PeRef, n + 2)
                } else if n == 0 {
                    (T::Percent, 1)
                } else {
                    return Err((code::INVALID_TOKEN, i + 1 + n));
                }
            }
            b'[' => (T::Open, 1),
            b']' => (T::Close, 1),
            b'>' => (T::Gt, 1),
            b'(' => (T::LParen, 1),
            b')' => (T::RParen, 1 + quant(i + 1)),
            b'|' => (T::Or, 1),
            b',' => (T::Comma, 1),
            b'#' if name_len(&d[i + 1..]) > 0 => (T::Pound, 1 + name_len(&d[i + 1..])),
            _ => {
                let n = d[i..]
                    .char_indices()
                    .find(|&(_, c)| !is_name_char(c))
                    .map_or(d.len() - i, |(j, _)| j);
                if n == 0 {
                    return Err((code::INVALID_TOKEN, i));
                }
                (T::Name, n + quant(i + n))
            }
        };
        v.push((t, i, i + n));
        i += n;
    }
    Ok(v)
}

fn quant_of(s: &str) -> u8 {
    match s.as_bytes().last() {
        Some(b'?') => 1,
        Some(b'*') => 2,
        Some(b'+') => 3,
        _ => 0,
    }
}

impl Core {
    pub fn doctype(&mut self) -> Result<bool, XmlErr> {
        let at = self.pos;
        let Some(end) = doctype_end(&self.text[at..]) else {
            return Ok(false);
        };
        self.seen_doctype = true;
        let d = self.text[at..at + end].to_string();
        let toks = tokens(&d).map_err(|(c, o)| XmlErr {
            code: c,
            at: at + o,
        })?;
        self.pos = at + end;
        let tx = |t: &(T, usize, usize)| &d[t.1..t.2];
        let syntax = |t: &(T, usize, usize)| err(code::SYNTAX, at + t.1);
        // The header.
        let mut k = 0;
        let mut sig = Vec::new();
        while k < toks.len() && !matches!(toks[k].0, T::Open | T::Gt) {
            self.emit(
                at + toks[k].1,
                Txt::Main(at + toks[k].1, at + toks[k].2),
                Kind::Default(Owner::Doctype),
            );
            if toks[k].0 != T::S {
                sig.push(toks[k]);
            }
            k += 1;
        }
        if sig.len() < 2 || sig[1].0 != T::Name {
            return syntax(sig.get(1).unwrap_or(&toks[0]));
        }
        let name = tx(&sig[1]).to_string();
        let (mut sysid, mut pubid) = (None, None);
        match sig.get(2).map(|t| (t.0, tx(t))) {
            None => {}
            Some((T::Name, "SYSTEM")) if sig.len() == 4 && sig[3].0 == T::Lit => {
                sysid = Some(unquote(tx(&sig[3])));
            }
            Some((T::Name, "PUBLIC"))
                if sig.len() == 5 && sig[3].0 == T::Lit && sig[4].0 == T::Lit =>
            {
                pubid = Some(unquote(tx(&sig[3])));
                sysid = Some(unquote(tx(&sig[4])));
            }
            _ => return syntax(&sig[2]),
        }
        if sysid.is_some() {
            self.dtd.param_refs = true;
            if !self.dtd.standalone {
                self.emit(at, Txt::Lit(""), Kind::NotStandalone);
            }
        }
        let ext = (sysid.clone(), pubid.clone());
        let internal = k < toks.len() && toks[k].0 == T::Open;
        if internal {
            self.emit(
                at + toks[k].1,
                Txt::Main(at + toks[k].1, at + toks[k].2),
                Kind::Default(Owner::Doctype),
            );
        }
        self.emit(
            at,
            Txt::Lit(""),
            Kind::StartDoctype {
                name,
                sysid,
                pubid,
                internal,
            },
        );
        if internal {
            k += 1;
            while k < toks.len() && toks[k].0 != T::Close {
                let t = toks[k];
                let raw = Txt::Main(at + t.1, at + t.2);
                match t.0 {
                    T::S => self.emit(at + t.1, raw, Kind::Default(Owner::None)),
                    T::Comment => {
                        let body = d[t.1 + 4..t.2 - 3].to_string();
                        self.emit(at + t.1, raw, Kind::Comment(body));
                    }
                    T::Pi => match pi(&d[t.1..t.2]) {
                        Tok::Pi { target, data, .. } => {
                            let tg = d[t.1 + 2..t.1 + target].to_string();
                            let dt = d[t.1 + data.0..t.1 + data.1].to_string();
                            self.emit(
                                at + t.1,
                                raw,
                                Kind::Pi {
                                    target: tg,
                                    data: dt,
                                },
                            );
                        }
                        _ => return syntax(&t),
                    },
                    T::PeRef => {
                        self.dtd.param_refs = true;
                        self.emit(at + t.1, raw, Kind::Default(Owner::None));
                        if !self.dtd.standalone {
                            self.dtd.skip_decls = true;
                            self.emit(at + t.1, Txt::Lit(""), Kind::NotStandalone);
                        }
                    }
                    T::Decl => {
                        let start = k;
                        while k < toks.len() && toks[k].0 != T::Gt {
                            k += 1;
                        }
                        if k == toks.len() {
                            return syntax(&toks[start]);
                        }
                        self.declaration(&d, at, &toks[start..=k])?;
                    }
                    _ => return syntax(&t),
                }
                k += 1;
            }
            if k == toks.len() {
                return syntax(&toks[k - 1]);
            }
            let t = toks[k];
            self.emit(
                at + t.1,
                Txt::Main(at + t.1, at + t.2),
                Kind::Default(Owner::Doctype),
            );
            k += 1;
            while k < toks.len() && toks[k].0 == T::S {
                let t = toks[k];
                self.emit(
                    at + t.1,
                    Txt::Main(at + t.1, at + t.2),
                    Kind::Default(Owner::Doctype),
                );
                k += 1;
            }
        }
        match toks.get(k) {
            Some(t) if t.0 == T::Gt && k + 1 == toks.len() => {
                if (ext.0.is_some() || self.foreign_dtd) && self.param_entity_parsing != 0 {
                    let (sysid, pubid) = ext;
                    self.emit(
                        at + t.1,
                        Txt::Lit(""),
                        Kind::ExternalRef {
                            context: None,
                            sysid,
                            pubid,
                        },
                    );
                }
                self.emit(at + t.1, Txt::Main(at + t.1, at + t.2), Kind::EndDoctype);
            }
            Some(t) => return syntax(t),
            None => return err(code::SYNTAX, at + end),
        }
        Ok(true)
    }

    /// One markup declaration, its tokens from `<!KEYWORD` to `>`.
    fn declaration(
        &mut self,
        d: &str,
        at: usize,
        toks: &[(T, usize, usize)],
    ) -> Result<(), XmlErr> {
        let kw = &d[toks[0].1 + 2..toks[0].2];
        let owner = match kw {
            "ENTITY" => Owner::Entity,
            "ATTLIST" => Owner::Attlist,
            "ELEMENT" => Owner::Element,
            "NOTATION" => Owner::Notation,
            _ => return err(code::SYNTAX, at + toks[0].1),
        };
        for t in toks {
            self.emit(
                at + t.1,
                Txt::Main(at + t.1, at + t.2),
                Kind::Default(owner),
            );
        }
        let sig: Vec<(T, usize, usize)> = toks[1..toks.len() - 1]
            .iter()
            .copied()
            .filter(|t| t.0 != T::S)
            .collect();
        let tx = |i: usize| sig.get(i).map_or("", |t| &d[t.1..t.2]);
        let ty = |i: usize| sig.get(i).map(|t| t.0);
        let bad = |i: usize| {
            err(
                code::SYNTAX,
                at + sig.get(i).map_or(toks[toks.len() - 1].1, |t| t.1),
            )
        };
        let ev_at = at + toks[0].1;
        match owner {
            Owner::Entity => {
                let is_pe = ty(0) == Some(T::Percent);
                let n = is_pe as usize;
                if ty(n) != Some(T::Name) {
                    return bad(n);
                }
                let name = tx(n).to_string();
                let (mut value, mut sysid, mut pubid, mut notation) = (None, None, None, None);
                let mut i = n + 1;
                match (ty(i), tx(i)) {
                    (Some(T::Lit), _) => {
                        let lit = tx(i);
                        let v = self.entity_value(&lit[1..lit.len() - 1], at + sig[i].1 + 1)?;
                        value = Some(v);
                        i += 1;
                    }
                    (Some(T::Name), "SYSTEM") if ty(i + 1) == Some(T::Lit) => {
                        sysid = Some(unquote(tx(i + 1)));
                        i += 2;
                    }
                    (Some(T::Name), "PUBLIC")
                        if ty(i + 1) == Some(T::Lit) && ty(i + 2) == Some(T::Lit) =>
                    {
                        let p = unquote(tx(i + 1));
                        if let Some(off) = p.find(|c| !is_pubid_char(c)) {
                            let _ = off;
                            return err(code::PUBLICID, at + sig[i + 1].1);
                        }
                        pubid = Some(p);
                        sysid = Some(unquote(tx(i + 2)));
                        i += 3;
                    }
                    _ => return bad(i),
                }
                if sysid.is_some() && !is_pe && tx(i) == "NDATA" && ty(i + 1) == Some(T::Name) {
                    notation = Some(tx(i + 1).to_string());
                    i += 2;
                }
                if i != sig.len() {
                    return bad(i);
                }
                let table = if is_pe {
                    &mut self.dtd.params
                } else {
                    &mut self.dtd.general
                };
                if table.contains_key(&name) || self.dtd.skip_decls {
                    return Ok(());
                }
                table.insert(
                    name.clone(),
                    Entity {
                        value: value.as_deref().map(Rc::from),
                        sysid: sysid.clone(),
                        pubid: pubid.clone(),
                        notation: notation.clone(),
                    },
                );
                self.emit(
                    ev_at,
                    Txt::Lit(""),
                    Kind::EntityDecl {
                        name,
                        is_pe,
                        value,
                        sysid,
                        pubid,
                        notation,
                    },
                );
            }
            Owner::Attlist => {
                if ty(0) != Some(T::Name) {
                    return bad(0);
                }
                let elname = tx(0).to_string();
                let mut i = 1;
                while i < sig.len() {
                    if ty(i) != Some(T::Name) {
                        return bad(i);
                    }
                    let attname = tx(i).to_string();
                    i += 1;
                    let mut atype = String::new();
                    if ty(i) == Some(T::Name) {
                        let t = tx(i);
                        if !matches!(
                            t,
                            "CDATA"
                                | "ID"
                                | "IDREF"
                                | "IDREFS"
                                | "ENTITY"
                                | "ENTITIES"
                                | "NMTOKEN"
                                | "NMTOKENS"
                                | "NOTATION"
                        ) {
                            return bad(i);
                        }
                        atype.push_str(t);
                        i += 1;
                        if t == "NOTATION" && ty(i) != Some(T::LParen) {
                            return bad(i);
                        }
                    }
                    if ty(i) == Some(T::LParen) {
                        atype.push('(');
                        i += 1;
                        loop {
                            if ty(i) != Some(T::Name) {
                                return bad(i);
                            }
                            atype.push_str(tx(i));
                            i += 1;
                            match ty(i) {
                                Some(T::Or) => atype.push('|'),
                                Some(T::RParen) if tx(i) == ")" => break,
                                _ => return bad(i),
                            }
                            i += 1;
                        }
                        atype.push(')');
                        i += 1;
                    }
                    if atype.is_empty() {
                        return bad(i);
                    }
                    let (default, required) = match (ty(i), tx(i)) {
                        (Some(T::Pound), "#REQUIRED") => (None, true),
                        (Some(T::Pound), "#IMPLIED") => (None, false),
                        (Some(T::Pound), "#FIXED") if ty(i + 1) == Some(T::Lit) => {
                            i += 1;
                            (Some(tx(i)), true)
                        }
                        (Some(T::Lit), _) => (Some(tx(i)), false),
                        _ => return bad(i),
                    };
                    let default = match default {
                        Some(lit) => Some(self.attr_value(&lit[1..lit.len() - 1], ev_at)?),
                        None => None,
                    };
                    i += 1;
                    if self.dtd.skip_decls {
                        continue;
                    }
                    let cdata = atype == "CDATA";
                    let defs = self.dtd.attlists.entry(elname.clone()).or_default();
                    if !defs.iter().any(|a| a.name == attname) {
                        defs.push(AttDef {
                            name: attname.clone(),
                            default: default.as_ref().map(|v| {
                                if cdata {
                                    v.clone()
                                } else {
                                    super::tags::collapse_spaces(v)
                                }
                            }),
                            cdata,
                        });
                    }
                    self.emit(
                        ev_at,
                        Txt::Lit(""),
                        Kind::AttlistDecl {
                            elname: elname.clone(),
                            attname,
                            atype,
                            default,
                            required,
                        },
                    );
                }
            }
            Owner::Element => {
                if ty(0) != Some(T::Name) {
                    return bad(0);
                }
                let name = tx(0).to_string();
                let leaf = |ctype| Model {
                    ctype,
                    quant: 0,
                    name: None,
                    children: Vec::new(),
                };
                let model = match (ty(1), tx(1)) {
                    (Some(T::Name), "EMPTY") if sig.len() == 2 => leaf(1),
                    (Some(T::Name), "ANY") if sig.len() == 2 => leaf(2),
                    (Some(T::LParen), _) => {
                        // Groups being read: children, separator, mixed.
                        let mut stack: Vec<(Vec<Model>, Option<T>, bool)> = Vec::new();
                        let mut done = None;
                        for (j, t) in sig.iter().enumerate().skip(1) {
                            if done.is_some() {
                                return bad(j);
                            }
                            let s = &d[t.1..t.2];
                            match t.0 {
                                T::LParen => stack.push((Vec::new(), None, false)),
                                T::Pound if s == "#PCDATA" => {
                                    let depth = stack.len();
                                    match stack.last_mut() {
                                        Some(g) if g.0.is_empty() && depth == 1 => g.2 = true,
                                        _ => return bad(j),
                                    }
                                }
                                T::Name => {
                                    let Some(g) = stack.last_mut() else {
                                        return bad(j);
                                    };
                                    let q = quant_of(s);
                                    let n = s.len() - (q > 0) as usize;
                                    g.0.push(Model {
                                        ctype: 4,
                                        quant: q,
                                        name: Some(s[..n].to_string()),
                                        children: Vec::new(),
                                    });
                                }
                                T::Or | T::Comma => {
                                    let Some(g) = stack.last_mut() else {
                                        return bad(j);
                                    };
                                    if g.1.is_some_and(|p| p != t.0) || (t.0 == T::Comma && g.2) {
                                        return bad(j);
                                    }
                                    g.1 = Some(t.0);
                                }
                                T::RParen => {
                                    let Some((children, sep, mixed)) = stack.pop() else {
                                        return bad(j);
                                    };
                                    let m = Model {
                                        ctype: if mixed {
                                            3
                                        } else if sep == Some(T::Or) {
                                            5
                                        } else {
                                            6
                                        },
                                        quant: quant_of(s),
                                        name: None,
                                        children,
                                    };
                                    match stack.last_mut() {
                                        Some(g) => g.0.push(m),
                                        None => done = Some(m),
                                    }
                                }
                                _ => return bad(j),
                            }
                        }
                        match done {
                            Some(m) => m,
                            None => return bad(sig.len()),
                        }
                    }
                    _ => return bad(1),
                };
                self.emit(ev_at, Txt::Lit(""), Kind::ElementDecl { name, model });
            }
            _ => {
                if ty(0) != Some(T::Name) {
                    return bad(0);
                }
                let name = tx(0).to_string();
                let (sysid, pubid) = match (tx(1), sig.len()) {
                    ("SYSTEM", 3) if ty(2) == Some(T::Lit) => (Some(unquote(tx(2))), None),
                    ("PUBLIC", 3) if ty(2) == Some(T::Lit) => (None, Some(unquote(tx(2)))),
                    ("PUBLIC", 4) if ty(2) == Some(T::Lit) && ty(3) == Some(T::Lit) => {
                        (Some(unquote(tx(3))), Some(unquote(tx(2))))
                    }
                    _ => return bad(1),
                };
                self.emit(
                    ev_at,
                    Txt::Lit(""),
                    Kind::NotationDecl { name, sysid, pubid },
                );
            }
        }
        Ok(())
    }

    /// An entity's literal value: character references replaced, general
    /// entity references kept; parameter entity references are not
    /// allowed in the internal subset.
    fn entity_value(&mut self, lit: &str, at: usize) -> Result<String, XmlErr> {
        let mut out = String::with_capacity(lit.len());
        let mut i = 0;
        while i < lit.len() {
            let c = lit[i..].chars().next().unwrap_or('\0');
            match c {
                '%' => return err(code::PARAM_ENTITY_REF, at + i),
                '&' => match super::token::reference(&lit[i..]) {
                    (Tok::CharRef(ch, n), _) => {
                        out.push(ch);
                        i += n;
                    }
                    (Tok::EntRef(n), _) => {
                        out.push_str(&lit[i..i + n]);
                        i += n;
                    }
                    (Tok::Error(c, o), _) => return err(c, at + i + o),
                    _ => return err(code::INVALID_TOKEN, at + i),
                },
                '\r' => {
                    out.push('\n');
                    i += if lit[i..].starts_with("\r\n") { 2 } else { 1 };
                }
                c => {
                    out.push(c);
                    i += c.len_utf8();
                }
            }
        }
        Ok(out)
    }
}

fn unquote(s: &str) -> String {
    s[1..s.len() - 1].to_string()
}
