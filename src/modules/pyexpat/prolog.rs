//! The prolog: the XML declaration, white space, comments, processing
//! instructions, the document type declaration, and the root element's
//! start tag (expat's `prologProcessor`).
use super::chars::{is_space, is_xml_char, name_len, space_len};
use super::core::{err, Core, Phase, XmlErr};
use super::errors as code;
use super::event::{Kind, Owner, Txt};
use super::token::{token, Tok};

/// Text outside markup in the prolog or epilog that starts with a name
/// character is read as expat's prolog tokenizer reads it: a name ended by
/// a character that may follow one is a misplaced token (`Some(None)`),
/// another character is an invalid token at that offset; None: the text
/// ends inside the name.
pub fn stray_name(s: &str, final_: bool) -> Option<Option<usize>> {
    let n = s
        .char_indices()
        .find(|&(_, c)| !super::chars::is_name_char(c))
        .map_or(s.len(), |(i, _)| i);
    match s[n..].chars().next() {
        None if !final_ => None,
        None => Some(None),
        Some(c) if n == 0 || is_space(c) || ")>%|+*?".contains(c) => Some(None),
        Some(_) => Some(Some(n)),
    }
}

impl Core {
    pub fn prolog_step(&mut self) -> Result<bool, XmlErr> {
        let at = self.pos;
        let s = &self.text[at..];
        if s.is_empty() {
            return Ok(false);
        }
        if self.phase == Phase::Start {
            if s.len() < 6 && "<?xml ".starts_with(s) && !self.final_ {
                return Ok(false);
            }
            self.phase = Phase::Prolog;
            if s.starts_with("<?xml") && s[5..].starts_with(is_space) {
                let r = self.xml_decl();
                if self.external {
                    self.phase = Phase::Content;
                }
                return r;
            }
        }
        if self.external {
            self.phase = Phase::Content;
            return Ok(true);
        }
        let c = s.chars().next().unwrap_or('\0');
        if is_space(c) {
            let n = space_len(s);
            self.pos += n;
            self.emit(at, Txt::Main(at, at + n), Kind::Default(Owner::None));
            return Ok(true);
        }
        if c == '<' {
            if s.starts_with("<!DOCTYPE") {
                if self.seen_doctype {
                    return err(code::SYNTAX, at);
                }
                return self.doctype();
            }
            if !self.final_ && s.len() < 9 && ("<!DOCTYPE".starts_with(s) || "<!--".starts_with(s))
            {
                return Ok(false);
            }
            if s.starts_with("<!--") || s.starts_with("<?") {
                return self.misc_markup();
            }
            if s.starts_with("<!") {
                return err(code::SYNTAX, at);
            }
            let tok = token(s, self.final_);
            if let Tok::StartTag(_) = tok {
                if self.foreign_dtd && !self.seen_doctype && self.param_entity_parsing != 0 {
                    self.seen_doctype = true;
                    self.emit(
                        at,
                        Txt::Lit(""),
                        Kind::ExternalRef {
                            context: None,
                            sysid: None,
                            pubid: None,
                        },
                    );
                }
            }
            return match tok {
                Tok::StartTag(_) | Tok::Partial | Tok::Error(..) => {
                    if let Tok::StartTag(_) = tok {
                        self.phase = Phase::Content;
                    }
                    self.content_main_tok(tok, at)
                }
                _ => err(code::INVALID_TOKEN, at + 1),
            };
        }
        if c == '&' || !is_xml_char(c) {
            return err(code::INVALID_TOKEN, at);
        }
        match stray_name(s, self.final_) {
            Some(Some(bad)) => err(code::INVALID_TOKEN, at + bad),
            Some(None) => err(code::SYNTAX, at),
            None => Ok(false),
        }
    }

    fn content_main_tok(&mut self, tok: Tok, at: usize) -> Result<bool, XmlErr> {
        match tok {
            Tok::Partial => Ok(false),
            Tok::Error(c, o) => err(c, at + o),
            Tok::StartTag(raw) => {
                let qname = self.text[at + 1..at + raw.name_end].to_string();
                let attrs = raw
                    .attrs
                    .iter()
                    .map(|a| {
                        (
                            self.text[at + a[0]..at + a[1]].to_string(),
                            at + a[0],
                            self.text[at + a[2]..at + a[3]].to_string(),
                        )
                    })
                    .collect();
                self.open_element(qname, attrs, raw.empty, at, Txt::Main(at, at + raw.len))?;
                self.pos = at + raw.len;
                Ok(true)
            }
            _ => err(code::SYNTAX, at),
        }
    }

    /// `<?xml version=... encoding=... standalone=...?>`.
    fn xml_decl(&mut self) -> Result<bool, XmlErr> {
        let at = self.pos;
        let s = &self.text[at..];
        let Some(end) = s.find("?>") else {
            return Ok(false);
        };
        let d = &s[..end];
        let mut i = 5;
        let mut vals: [Option<String>; 3] = [None, None, None];
        let mut next = 0;
        loop {
            let sp = space_len(&d[i..]);
            i += sp;
            if i >= d.len() {
                break;
            }
            let n = name_len(&d[i..]);
            let name = &d[i..i + n];
            let k = match name {
                "version" if next == 0 => 0,
                "encoding" if next == 1 && sp > 0 => 1,
                "standalone" if (1..=2).contains(&next) && sp > 0 => 2,
                _ => return err(code::XML_DECL, at + i),
            };
            if k == 1 && vals[0].is_none() {
                return err(code::XML_DECL, at + i);
            }
            let vstart = i;
            i += n;
            i += space_len(&d[i..]);
            if !d[i..].starts_with('=') {
                return err(code::XML_DECL, at + vstart);
            }
            i += 1;
            i += space_len(&d[i..]);
            let q = d[i..].chars().next().unwrap_or('\0');
            if q != '"' && q != '\'' {
                return err(code::XML_DECL, at + i);
            }
            let Some(len) = d[i + 1..].find(q) else {
                return err(code::XML_DECL, at + i);
            };
            vals[k] = Some(d[i + 1..i + 1 + len].to_string());
            i += len + 2;
            next = k + 1;
        }
        if vals[0].is_none() {
            return err(code::XML_DECL, at + d.len());
        }
        let standalone = match vals[2].as_deref() {
            None => -1,
            Some("yes") => 1,
            Some("no") => 0,
            Some(_) => return err(code::XML_DECL, at),
        };
        self.dtd.standalone = standalone == 1;
        let [version, encoding, _] = vals;
        self.pos = at + end + 2;
        self.emit(
            at,
            Txt::Main(at, at + end + 2),
            Kind::XmlDecl {
                version,
                encoding,
                standalone,
            },
        );
        Ok(true)
    }
}
