//! What the tokenizer reports: one `Event` per expat callback, each with
//! the raw markup it came from (for the default handler) and the offset
//! of its start in the document text (for the position attributes).
use std::rc::Rc;

/// A piece of text: a range of the document buffer, of an entity's
/// replacement text, or a string of its own.
pub enum Txt {
    Main(usize, usize),
    Ent(Rc<str>, usize, usize),
    Own(String),
    Lit(&'static str),
}

impl Txt {
    pub fn get<'a>(&'a self, main: &'a str) -> &'a str {
        match self {
            Txt::Main(s, e) => &main[*s..*e],
            Txt::Ent(t, s, e) => &t[*s..*e],
            Txt::Own(s) => s,
            Txt::Lit(s) => s,
        }
    }
}

/// An element content model (`XML_Content`): type, quantifier, name and
/// children, as `ElementDeclHandler` receives it.
pub struct Model {
    pub ctype: u8,
    pub quant: u8,
    pub name: Option<String>,
    pub children: Vec<Model>,
}

/// Which declaration handler, when set, keeps a piece of the DTD from the
/// default handler.
#[derive(Clone, Copy, PartialEq)]
pub enum Owner {
    None,
    Doctype,
    Entity,
    Attlist,
    Element,
    Notation,
}

pub enum Kind {
    XmlDecl {
        version: Option<String>,
        encoding: Option<String>,
        standalone: i32,
    },
    StartDoctype {
        name: String,
        sysid: Option<String>,
        pubid: Option<String>,
        internal: bool,
    },
    EndDoctype,
    EntityDecl {
        name: String,
        is_pe: bool,
        value: Option<String>,
        sysid: Option<String>,
        pubid: Option<String>,
        notation: Option<String>,
    },
    NotationDecl {
        name: String,
        sysid: Option<String>,
        pubid: Option<String>,
    },
    ElementDecl {
        name: String,
        model: Model,
    },
    AttlistDecl {
        elname: String,
        attname: String,
        atype: String,
        default: Option<String>,
        required: bool,
    },
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        nspecified: usize,
        empty: bool,
    },
    End {
        name: String,
        /// For an empty element: where its tag starts (reported when no
        /// start handler moved the position to the tag's end).
        empty: Option<usize>,
    },
    StartNs {
        prefix: Option<String>,
        uri: Option<String>,
    },
    EndNs {
        prefix: Option<String>,
    },
    Chars(Txt),
    Pi {
        target: String,
        data: String,
    },
    Comment(String),
    StartCdata,
    EndCdata,
    Skipped {
        name: String,
        is_pe: bool,
    },
    ExternalRef {
        context: Option<String>,
        sysid: Option<String>,
        pubid: Option<String>,
    },
    NotStandalone,
    /// Markup with no handler of its own; `Owner` says which declaration
    /// handler would have taken it.
    Default(Owner),
}

pub struct Event {
    pub at: usize,
    pub raw: Txt,
    pub kind: Kind,
}
