//! Start tags: attribute values (normalized, references and internal
//! entities expanded without recursion), defaults from `<!ATTLIST>`,
//! duplicate checks and namespace processing (expat's `storeAtts`).
use super::content::predefined;
use super::core::{err, Core, Phase, Tag, XmlErr};
use super::errors as code;
use super::event::{Kind, Txt};
use super::token::Tok;
use std::rc::Rc;

pub(super) const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
pub(super) const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

impl Core {
    /// The value of an attribute written `raw`; `at` is where errors are
    /// reported (the tag's start).
    pub fn attr_value(&mut self, raw: &str, at: usize) -> Result<String, XmlErr> {
        let mut out = String::with_capacity(raw.len());
        // (text, position, entity name); the first is the literal itself.
        let mut stack: Vec<(Rc<str>, usize, Option<String>)> = vec![(Rc::from(raw), 0, None)];
        while let Some((t, i, _)) = stack.last_mut() {
            let t = t.clone();
            let Some(c) = t[*i..].chars().next() else {
                stack.pop();
                continue;
            };
            let in_entity = stack.len() > 1;
            let top = stack.len() - 1;
            match c {
                '&' => {
                    let (tok, ch) = super::token::reference(&t[stack[top].1..]);
                    match tok {
                        Tok::CharRef(_, n) => {
                            out.push(ch.unwrap_or(' '));
                            stack[top].1 += n;
                        }
                        Tok::EntRef(n) => {
                            let p = stack[top].1;
                            let name = &t[p + 1..p + n - 1];
                            stack[top].1 += n;
                            if let Some(v) = predefined(name) {
                                out.push_str(v);
                                continue;
                            }
                            match self.dtd.general.get(name) {
                                None => {
                                    if !self.dtd.param_refs || self.dtd.standalone {
                                        return err(code::UNDEFINED_ENTITY, at);
                                    }
                                }
                                Some(e) => {
                                    let Some(v) = e.value.clone() else {
                                        return err(
                                            if e.notation.is_some() {
                                                code::BINARY_ENTITY_REF
                                            } else {
                                                code::ATTRIBUTE_EXTERNAL_ENTITY_REF
                                            },
                                            at,
                                        );
                                    };
                                    if stack.iter().any(|f| f.2.as_deref() == Some(name)) {
                                        return err(code::RECURSIVE_ENTITY_REF, at);
                                    }
                                    self.count_indirect(v.len(), at)?;
                                    let name = name.to_string();
                                    stack.push((v, 0, Some(name)));
                                }
                            }
                        }
                        _ => return err(code::INVALID_TOKEN, at),
                    }
                }
                '<' if in_entity => return err(code::INVALID_TOKEN, at),
                '\r' => {
                    out.push(' ');
                    stack[top].1 += if t[stack[top].1..].starts_with("\r\n") {
                        2
                    } else {
                        1
                    };
                }
                '\t' | '\n' => {
                    out.push(' ');
                    stack[top].1 += 1;
                }
                c => {
                    out.push(c);
                    stack[top].1 += c.len_utf8();
                }
            }
        }
        Ok(out)
    }

    /// The namespace URI bound to `prefix` (None: the default namespace);
    /// an empty URI is an undeclared default namespace.
    fn lookup_ns(&self, prefix: Option<&str>) -> Option<&str> {
        if prefix == Some("xml") {
            return Some(XML_NS);
        }
        self.bindings
            .iter()
            .rev()
            .find(|b| b.0.as_deref() == prefix)
            .map(|b| b.1.as_str())
    }

    /// A name in namespace form: `uri SEP local [SEP prefix]`.
    fn expand_name(&self, qname: &str, is_attr: bool, at: usize) -> Result<String, XmlErr> {
        let sep = self.ns_sep.unwrap_or('\0');
        let (prefix, local) = match qname.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, qname),
        };
        if prefix.is_none() && is_attr {
            return Ok(qname.to_string());
        }
        match self.lookup_ns(prefix) {
            Some(uri) if !uri.is_empty() => {
                let mut s = String::with_capacity(uri.len() + qname.len() + 2);
                s.push_str(uri);
                if sep != '\0' {
                    s.push(sep);
                }
                s.push_str(local);
                if let (true, Some(p)) = (self.ns_prefixes, prefix) {
                    if sep != '\0' {
                        s.push(sep);
                    }
                    s.push_str(p);
                }
                Ok(s)
            }
            _ if prefix.is_some() => err(code::UNBOUND_PREFIX, at),
            _ => Ok(qname.to_string()),
        }
    }

    /// A start tag (`empty`: it closes itself): attributes as written
    /// (name, where it is, raw value).
    pub fn open_element(
        &mut self,
        qname: String,
        raw_attrs: Vec<(String, usize, String)>,
        empty: bool,
        at: usize,
        raw: Txt,
    ) -> Result<(), XmlErr> {
        let mut attrs: Vec<(String, String)> = Vec::with_capacity(raw_attrs.len());
        for (i, (name, name_at, v)) in raw_attrs.iter().enumerate() {
            if raw_attrs[..i].iter().any(|a| a.0 == *name) {
                return err(code::DUPLICATE_ATTRIBUTE, *name_at);
            }
            let value = self.attr_value(v, at)?;
            attrs.push((name.clone(), value));
        }
        let mut nspecified = attrs.len();
        if let Some(defs) = self.dtd.attlists.get(&qname) {
            for d in defs {
                match attrs.iter_mut().find(|a| a.0 == d.name) {
                    Some(a) if !d.cdata => a.1 = collapse_spaces(&a.1),
                    Some(_) => {}
                    None => {
                        if let Some(v) = &d.default {
                            attrs.push((d.name.clone(), v.clone()));
                        }
                    }
                }
            }
        }
        let mut nbind = 0;
        let name = if self.ns_sep.is_some() {
            let mut i = 0;
            while i < attrs.len() {
                let prefix = match attrs[i].0.strip_prefix("xmlns") {
                    Some("") => None,
                    Some(p) if p.starts_with(':') => Some(p[1..].to_string()),
                    _ => {
                        i += 1;
                        continue;
                    }
                };
                let (_, uri) = attrs.remove(i);
                if i < nspecified {
                    nspecified -= 1;
                }
                match prefix.as_deref() {
                    Some("xmlns") => return err(code::RESERVED_PREFIX_XMLNS, at),
                    Some("xml") if uri != XML_NS => return err(code::RESERVED_PREFIX_XML, at),
                    Some("xml") => {}
                    _ if uri == XML_NS || uri == XMLNS_NS => {
                        return err(code::RESERVED_NAMESPACE_URI, at)
                    }
                    Some(_) if uri.is_empty() => return err(code::UNDECLARING_PREFIX, at),
                    _ => {}
                }
                let report = (!uri.is_empty()).then(|| uri.clone());
                self.bindings.push((prefix.clone(), uri));
                nbind += 1;
                self.emit(
                    at,
                    Txt::Lit(""),
                    Kind::StartNs {
                        prefix,
                        uri: report,
                    },
                );
            }
            for a in attrs.iter_mut() {
                if a.0.contains(':') {
                    a.0 = self.expand_name(&a.0, true, at)?;
                }
            }
            for i in 1..attrs.len() {
                if attrs[..i].iter().any(|a| a.0 == attrs[i].0) {
                    return err(code::DUPLICATE_ATTRIBUTE, at);
                }
            }
            self.expand_name(&qname, false, at)?
        } else {
            qname.clone()
        };
        if self.phase != Phase::Content {
            self.phase = Phase::Content;
        }
        let end = match &raw {
            Txt::Main(_, e) => *e,
            _ => at,
        };
        self.emit(
            at,
            raw,
            Kind::Start {
                name: name.clone(),
                attrs,
                nspecified,
                empty,
            },
        );
        if empty {
            self.emit(
                end,
                Txt::Lit(""),
                Kind::End {
                    name,
                    empty: Some(at),
                },
            );
            self.end_bindings(nbind, at);
            if self.tags.is_empty() && !self.external {
                self.phase = Phase::Epilog;
            }
        } else {
            self.tags.push(Tag { qname, name, nbind });
        }
        Ok(())
    }
}

/// A tokenized attribute's value: spaces trimmed and runs collapsed.
pub fn collapse_spaces(s: &str) -> String {
    s.split(' ')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
