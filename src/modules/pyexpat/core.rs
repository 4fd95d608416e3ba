//! The parser proper (what `XML_Parser` is in expat): the decoded text,
//! the document's phase (prolog, root element content, epilog), the open
//! elements, namespace bindings, the DTD's entities and attribute
//! defaults, and the stack of internal entities being expanded. `step`
//! reads one token and queues the events it makes; the caller runs the
//! Python handlers between steps, so a handler set by a handler takes
//! effect at once. Nothing here recurses on the document's nesting.
use super::decode::{Decoder, Need};
use super::errors as code;
use super::event::{Event, Kind, Txt};
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

/// An error and the offset in the document text it is reported at.
#[derive(Clone, Copy)]
pub struct XmlErr {
    pub code: u32,
    pub at: usize,
}

pub fn err<T>(code: u32, at: usize) -> Result<T, XmlErr> {
    Err(XmlErr { code, at })
}

/// A position as expat reports it: line (from 1), column (characters
/// from 0) and byte index in the input.
#[derive(Clone, Copy)]
pub struct Pos {
    pub line: u64,
    pub col: u64,
    pub byte: u64,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Phase {
    /// Nothing read yet: an XML declaration may come.
    Start,
    Prolog,
    Content,
    Epilog,
    Finished,
}

/// An open element: its name as written, as reported, and how many
/// namespace bindings it made.
pub struct Tag {
    pub qname: String,
    pub name: String,
    pub nbind: usize,
}

pub struct Entity {
    pub value: Option<Rc<str>>,
    pub sysid: Option<String>,
    pub pubid: Option<String>,
    pub notation: Option<String>,
}

pub struct AttDef {
    pub name: String,
    pub default: Option<String>,
    pub cdata: bool,
}

#[derive(Default)]
pub struct Dtd {
    pub general: HashMap<String, Entity>,
    pub params: HashMap<String, Entity>,
    pub attlists: HashMap<String, Vec<AttDef>>,
    /// An external subset or a parameter entity reference was seen: an
    /// undefined entity may be declared where the parser cannot look.
    pub param_refs: bool,
    /// Cleared by a parameter entity reference in a document that is not
    /// standalone: later entity and attribute declarations are ignored.
    pub skip_decls: bool,
    pub standalone: bool,
}

/// An internal entity whose text is being read as content.
pub struct Frame {
    pub text: Rc<str>,
    pub pos: usize,
    pub name: String,
    pub depth: usize,
    pub at: usize,
}

/// What `step` did.
pub enum Step {
    /// Events were queued (or markup consumed).
    Went,
    /// The rest of the text is an incomplete token: more input is needed.
    Wait,
    /// The parse failed (`Core::error` says why).
    Failed,
}

/// Expat's billion-laughs defence: the amplification allowed and the
/// output size from which it is checked.
const MAX_AMPLIFICATION: f64 = 100.0;
const AMPLIFICATION_THRESHOLD: u64 = 8 * 1024 * 1024;

pub struct Core {
    pub text: String,
    pub pos: usize,
    pub final_: bool,
    pub dec: Decoder,
    /// The position of `text[0]` and a cached later one.
    base: Pos,
    cursor: (usize, Pos),
    pub phase: Phase,
    pub tags: Vec<Tag>,
    pub ns_sep: Option<char>,
    pub ns_prefixes: bool,
    pub bindings: Vec<(Option<String>, String)>,
    pub dtd: Dtd,
    pub frames: Vec<Frame>,
    pub out: VecDeque<Event>,
    pub error: Option<XmlErr>,
    /// Reparse deferral: the unconsumed size at the last attempt that
    /// consumed nothing.
    pub deferral: bool,
    pub partial_before: usize,
    direct: u64,
    indirect: u64,
    /// An external entity parser reads content with no root element.
    pub external: bool,
    pub seen_doctype: bool,
    /// `SetParamEntityParsing`: external subsets are asked for.
    pub param_entity_parsing: i32,
    /// `UseForeignDTD`: a document without one is given an external subset.
    pub foreign_dtd: bool,
}

impl Core {
    pub fn new(encoding: Option<String>, ns_sep: Option<char>) -> Core {
        Core {
            text: String::new(),
            pos: 0,
            final_: false,
            dec: Decoder::new(encoding),
            base: Pos {
                line: 1,
                col: 0,
                byte: 0,
            },
            cursor: (
                0,
                Pos {
                    line: 1,
                    col: 0,
                    byte: 0,
                },
            ),
            phase: Phase::Start,
            tags: Vec::new(),
            ns_sep,
            ns_prefixes: false,
            bindings: Vec::new(),
            dtd: Dtd::default(),
            frames: Vec::new(),
            out: VecDeque::new(),
            error: None,
            deferral: true,
            partial_before: 0,
            direct: 0,
            indirect: 0,
            external: false,
            seen_doctype: false,
            param_entity_parsing: 0,
            foreign_dtd: false,
        }
    }

    /// Adds input; `Need::Encoding` asks the caller for a table.
    pub fn feed(&mut self, data: &[u8], final_: bool) -> Result<(), Need> {
        self.final_ = final_;
        let had_bom = self.dec.bom;
        let r = self.dec.feed(data, final_, &mut self.text);
        if self.dec.bom != had_bom && self.pos == 0 {
            self.base.byte = self.dec.bom;
            self.cursor = (0, self.base);
        }
        r
    }

    /// The position of document offset `at` (at or after the drained
    /// start).
    pub fn pos_of(&mut self, at: usize) -> Pos {
        let at = at.min(self.text.len());
        if at < self.cursor.0 {
            self.cursor = (0, self.base);
        }
        let (from, mut p) = self.cursor;
        let enc = self.dec.enc.as_ref();
        let mut prev_cr = from > 0 && self.text.as_bytes()[from - 1] == b'\r';
        for c in self.text[from..at].chars() {
            p.byte += enc.map_or(c.len_utf8() as u64, |e| e.width(c));
            match c {
                '\n' if prev_cr => {}
                '\n' | '\r' => {
                    p.line += 1;
                    p.col = 0;
                }
                _ => p.col += 1,
            }
            prev_cr = c == '\r';
        }
        self.cursor = (at, p);
        p
    }

    /// Forgets the text before `pos` (after a `Parse` call).
    pub fn drain(&mut self) {
        let p = self.pos_of(self.pos);
        self.text.drain(..self.pos);
        self.base = p;
        self.cursor = (0, p);
        self.pos = 0;
    }

    /// Whether the input is UTF-8 (read without conversion, as expat
    /// reads it).
    pub fn input_is_utf8(&self) -> bool {
        matches!(self.dec.enc, None | Some(super::decode::Enc::Utf8))
    }

    pub fn fail(&mut self, e: XmlErr) -> Step {
        self.error = Some(e);
        Step::Failed
    }

    /// Counts `n` bytes read from the document itself.
    fn count_direct(&mut self, n: usize) {
        self.direct += n as u64;
    }

    /// Counts `n` bytes of entity text; an error when the expansion grows
    /// out of proportion with the input.
    pub fn count_indirect(&mut self, n: usize, at: usize) -> Result<(), XmlErr> {
        self.indirect += n as u64;
        let total = self.direct + self.indirect;
        if total >= AMPLIFICATION_THRESHOLD
            && total as f64 / (self.direct.max(1) as f64) > MAX_AMPLIFICATION
        {
            return err(code::AMPLIFICATION_LIMIT_BREACH, at);
        }
        Ok(())
    }

    pub fn emit(&mut self, at: usize, raw: Txt, kind: Kind) {
        self.out.push_back(Event { at, raw, kind });
    }

    /// Reads one token. `expand`: internal entities are expanded (no
    /// non-expanding default handler is set).
    pub fn step(&mut self, expand: bool) -> Step {
        if self.error.is_some() {
            return Step::Failed;
        }
        let start = self.pos;
        let r = match self.phase {
            Phase::Start | Phase::Prolog => self.prolog_step(),
            Phase::Content => {
                if self.frames.is_empty() {
                    self.content_main(expand)
                } else {
                    self.content_frame(expand)
                }
            }
            Phase::Epilog => self.epilog_step(),
            Phase::Finished => Ok(false),
        };
        let consumed = self.pos - start;
        self.count_direct(consumed);
        match r {
            Ok(true) => Step::Went,
            Ok(false) => self.at_end(),
            Err(e) => self.fail(e),
        }
    }

    /// The text ran out inside or before a token.
    fn at_end(&mut self) -> Step {
        let end = self.text.len();
        if self.dec.bad {
            let c = if self.dec.odd {
                code::UNCLOSED_TOKEN
            } else if self.dec.partial {
                code::PARTIAL_CHAR
            } else {
                code::INVALID_TOKEN
            };
            return self.fail(XmlErr { code: c, at: end });
        }
        if !self.final_ {
            return Step::Wait;
        }
        if self.pos < end {
            // An incomplete token at the end of the document.
            let rest = &self.text[self.pos..];
            let e = if rest.starts_with("<![CDATA[") && self.phase == Phase::Content {
                XmlErr {
                    code: code::UNCLOSED_CDATA_SECTION,
                    at: end,
                }
            } else {
                XmlErr {
                    code: code::UNCLOSED_TOKEN,
                    at: self.pos,
                }
            };
            return self.fail(e);
        }
        match self.phase {
            _ if self.external && self.tags.is_empty() => {
                self.phase = Phase::Finished;
                Step::Wait
            }
            Phase::Start | Phase::Prolog | Phase::Content => self.fail(XmlErr {
                code: code::NO_ELEMENTS,
                at: end,
            }),
            _ => {
                self.phase = Phase::Finished;
                Step::Wait
            }
        }
    }

    /// The epilog: white space, comments and processing instructions.
    fn epilog_step(&mut self) -> Result<bool, XmlErr> {
        let at = self.pos;
        let s = &self.text[at..];
        let Some(c) = s.chars().next() else {
            return Ok(false);
        };
        if super::chars::is_space(c) {
            let n = super::chars::space_len(s);
            if n == s.len() && !self.final_ && s.ends_with('\r') {
                return Ok(false);
            }
            self.pos += n;
            self.emit(
                at,
                Txt::Main(at, at + n),
                Kind::Default(super::event::Owner::None),
            );
            return Ok(true);
        }
        if s.starts_with("<!--") || s.starts_with("<?") {
            return self.misc_markup();
        }
        if s.len() < 4 && "<!--".starts_with(s) && !self.final_ {
            return Ok(false);
        }
        if c == '&' || !super::chars::is_xml_char(c) {
            return err(code::INVALID_TOKEN, at);
        }
        match super::prolog::stray_name(s, self.final_) {
            Some(Some(bad)) => err(code::INVALID_TOKEN, at + bad),
            Some(None) => err(code::JUNK_AFTER_DOC_ELEMENT, at),
            None => Ok(false),
        }
    }

    /// A comment or processing instruction at the current position of the
    /// document (prolog or epilog).
    pub fn misc_markup(&mut self) -> Result<bool, XmlErr> {
        let at = self.pos;
        let tok = super::content::token(&self.text[at..], self.final_);
        self.apply_misc(tok, at)
    }

    pub fn apply_misc(&mut self, tok: super::content::Tok, at: usize) -> Result<bool, XmlErr> {
        use super::content::Tok;
        match tok {
            Tok::Partial => Ok(false),
            Tok::Comment(len) => {
                let body = self.text[at + 4..at + len - 3].to_string();
                self.pos = at + len;
                self.emit(at, Txt::Main(at, at + len), Kind::Comment(body));
                Ok(true)
            }
            Tok::Pi { target, data, len } => {
                let t = self.text[at + 2..at + target].to_string();
                let d = self.text[at + data.0..at + data.1].to_string();
                self.pos = at + len;
                self.emit(at, Txt::Main(at, at + len), Kind::Pi { target: t, data: d });
                Ok(true)
            }
            Tok::Error(c, off) => err(c, at + off),
            _ => err(code::SYNTAX, at),
        }
    }
}
