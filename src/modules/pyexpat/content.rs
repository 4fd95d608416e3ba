//! Element content: character data, references, tags, comments,
//! processing instructions and CDATA sections, read from the document or
//! from the text of an internal entity being expanded (expat's
//! `doContent`).
use super::core::{err, Core, Frame, Phase, XmlErr};
use super::errors as code;
use super::event::{Kind, Txt};
pub use super::token::{token, Tok};
use std::rc::Rc;

/// The predefined entities.
pub fn predefined(name: &str) -> Option<&'static str> {
    Some(match name {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    })
}

impl Core {
    pub fn content_main(&mut self, expand: bool) -> Result<bool, XmlErr> {
        let at = self.pos;
        if at >= self.text.len() {
            return Ok(false);
        }
        let tok = token(&self.text[at..], self.final_);
        match self.content_apply(tok, None, at, expand)? {
            Some(n) => {
                self.pos = at + n;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    pub fn content_frame(&mut self, expand: bool) -> Result<bool, XmlErr> {
        let f = self.frames.last().expect("an open entity");
        let (text, off, at, depth) = (f.text.clone(), f.pos, f.at, f.depth);
        if off >= text.len() {
            if self.tags.len() != depth {
                return err(code::ASYNC_ENTITY, at);
            }
            self.frames.pop();
            return Ok(true);
        }
        let tok = token(&text[off..], true);
        let n = self.content_apply(tok, Some(&text), off, expand)?;
        let n = n.unwrap_or(text.len() - off);
        if let Some(f) = self
            .frames
            .iter_mut()
            .rev()
            .find(|f| Rc::ptr_eq(&f.text, &text) && f.pos == off)
        {
            f.pos = off + n;
        }
        Ok(true)
    }

    /// Acts on one content token found at `off` of the document (`ent`
    /// None) or of an entity's text; returns its length, None when it is
    /// incomplete.
    fn content_apply(
        &mut self,
        tok: Tok,
        ent: Option<&Rc<str>>,
        off: usize,
        expand: bool,
    ) -> Result<Option<usize>, XmlErr> {
        let ev_at = match ent {
            Some(_) => self.frames.last().map_or(off, |f| f.at),
            None => off,
        };
        let txt = |s: usize, e: usize| match ent {
            Some(t) => Txt::Ent(t.clone(), s, e),
            None => Txt::Main(s, e),
        };
        let here = |o: usize| if ent.is_some() { ev_at } else { o };
        let n = match tok {
            Tok::Partial => {
                if ent.is_some() {
                    return err(code::UNCLOSED_TOKEN, ev_at);
                }
                return Ok(None);
            }
            Tok::Error(c, o) => return err(c, here(off + o)),
            Tok::Data(n) => {
                self.emit(ev_at, txt(off, off + n), Kind::Chars(txt(off, off + n)));
                n
            }
            Tok::Newline(n) => {
                self.emit(ev_at, txt(off, off + n), Kind::Chars(Txt::Lit("\n")));
                n
            }
            Tok::CharRef(c, n) => {
                self.emit(
                    ev_at,
                    txt(off, off + n),
                    Kind::Chars(Txt::Own(c.to_string())),
                );
                n
            }
            Tok::EntRef(n) => {
                let name = match ent {
                    Some(t) => t[off + 1..off + n - 1].to_string(),
                    None => self.text[off + 1..off + n - 1].to_string(),
                };
                self.entity_ref(name, ev_at, txt(off, off + n), expand)?;
                n
            }
            Tok::StartTag(raw) => {
                let src: &str = match ent {
                    Some(t) => t,
                    None => &self.text,
                };
                let qname = src[off + 1..off + raw.name_end].to_string();
                let attrs: Vec<(String, usize, String)> = raw
                    .attrs
                    .iter()
                    .map(|a| {
                        (
                            src[off + a[0]..off + a[1]].to_string(),
                            here(off + a[0]),
                            src[off + a[2]..off + a[3]].to_string(),
                        )
                    })
                    .collect();
                self.open_element(qname, attrs, raw.empty, ev_at, txt(off, off + raw.len))?;
                raw.len
            }
            Tok::EndTag { name_end, len } => {
                let src: &str = match ent {
                    Some(t) => t,
                    None => &self.text,
                };
                let qname = &src[off + 2..off + name_end];
                let floor = self.frames.last().map_or(0, |f| f.depth);
                if ent.is_some() && self.tags.len() <= floor {
                    return err(code::ASYNC_ENTITY, ev_at);
                }
                match self.tags.last() {
                    Some(t) if t.qname == qname => {}
                    _ => return err(code::TAG_MISMATCH, here(off + 2)),
                }
                let tag = self.tags.pop().expect("an open element");
                self.emit(
                    ev_at,
                    txt(off, off + len),
                    Kind::End {
                        name: tag.name,
                        empty: None,
                    },
                );
                self.end_bindings(tag.nbind, ev_at);
                if self.tags.is_empty() && !self.external {
                    self.phase = Phase::Epilog;
                }
                len
            }
            Tok::Comment(n) => {
                let src: &str = match ent {
                    Some(t) => t,
                    None => &self.text,
                };
                let body = src[off + 4..off + n - 3].to_string();
                self.emit(ev_at, txt(off, off + n), Kind::Comment(body));
                n
            }
            Tok::Pi { target, data, len } => {
                let src: &str = match ent {
                    Some(t) => t,
                    None => &self.text,
                };
                let t = src[off + 2..off + target].to_string();
                let d = src[off + data.0..off + data.1].to_string();
                self.emit(ev_at, txt(off, off + len), Kind::Pi { target: t, data: d });
                len
            }
            Tok::Cdata(n) => {
                self.emit(ev_at, txt(off, off + 9), Kind::StartCdata);
                let src: &str = match ent {
                    Some(t) => t,
                    None => &self.text,
                };
                let body = &src[off + 9..off + n - 3];
                let mut pieces = Vec::new();
                let mut i = 0;
                let b = body.as_bytes();
                while i < b.len() {
                    let j = match b[i] {
                        b'\r' if b.get(i + 1) == Some(&b'\n') => i + 2,
                        b'\r' | b'\n' => i + 1,
                        _ => {
                            i + b[i..]
                                .iter()
                                .position(|&c| c == b'\r' || c == b'\n')
                                .unwrap_or(b.len() - i)
                        }
                    };
                    pieces.push((off + 9 + i, off + 9 + j, matches!(b[i], b'\r' | b'\n')));
                    i = j;
                }
                for (s, e, nl) in pieces {
                    let data = if nl { Txt::Lit("\n") } else { txt(s, e) };
                    self.emit(here(s), txt(s, e), Kind::Chars(data));
                }
                self.emit(here(off + n - 3), txt(off + n - 3, off + n), Kind::EndCdata);
                n
            }
        };
        Ok(Some(n))
    }

    /// `&name;` in content.
    fn entity_ref(
        &mut self,
        name: String,
        at: usize,
        raw: Txt,
        expand: bool,
    ) -> Result<(), XmlErr> {
        if let Some(v) = predefined(&name) {
            self.emit(at, raw, Kind::Chars(Txt::Lit(v)));
            return Ok(());
        }
        let Some(e) = self.dtd.general.get(&name) else {
            if !self.dtd.param_refs || self.dtd.standalone {
                return err(code::UNDEFINED_ENTITY, at);
            }
            self.emit(at, raw, Kind::Skipped { name, is_pe: false });
            return Ok(());
        };
        let Some(text) = e.value.clone() else {
            if e.notation.is_some() {
                return err(code::BINARY_ENTITY_REF, at);
            }
            let (sysid, pubid) = (e.sysid.clone(), e.pubid.clone());
            self.emit(
                at,
                raw,
                Kind::ExternalRef {
                    context: Some(name),
                    sysid,
                    pubid,
                },
            );
            return Ok(());
        };
        if !expand {
            self.emit(at, raw, Kind::Skipped { name, is_pe: false });
            return Ok(());
        }
        if self.frames.iter().any(|f| f.name == name) {
            return err(code::RECURSIVE_ENTITY_REF, at);
        }
        self.count_indirect(text.len(), at)?;
        self.frames.push(Frame {
            text,
            pos: 0,
            name,
            depth: self.tags.len(),
            at,
        });
        Ok(())
    }

    /// Reports the end of the last `n` namespace bindings, newest first.
    pub fn end_bindings(&mut self, n: usize, at: usize) {
        for _ in 0..n {
            let (prefix, _) = self.bindings.pop().expect("a binding");
            self.emit(at, Txt::Lit(""), Kind::EndNs { prefix });
        }
    }
}
