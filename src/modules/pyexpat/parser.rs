//! `pyexpat.xmlparser`: the Python face of the parser (CPython's
//! `Modules/pyexpat.c` `xmlparseobject`): handler attributes, options,
//! position and error attributes, `Parse`/`ParseFile` and the other
//! methods. Handlers run between tokenizer steps (`dispatch.rs`).
use super::core::{Core, Phase, Pos, XmlErr};
use super::errors as code;
use crate::ffi::*;
use crate::modules::objtype::{ptr, state, State, Visit};
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::{bool as pybool, bytes, int, none, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};
use std::sync::atomic::{AtomicPtr, Ordering};

/// The handler attributes, in the order of their slots.
pub(super) const HANDLERS: [&std::ffi::CStr; 22] = [
    c"StartElementHandler",
    c"EndElementHandler",
    c"ProcessingInstructionHandler",
    c"CharacterDataHandler",
    c"UnparsedEntityDeclHandler",
    c"NotationDeclHandler",
    c"StartNamespaceDeclHandler",
    c"EndNamespaceDeclHandler",
    c"CommentHandler",
    c"StartCdataSectionHandler",
    c"EndCdataSectionHandler",
    c"DefaultHandler",
    c"DefaultHandlerExpand",
    c"NotStandaloneHandler",
    c"ExternalEntityRefHandler",
    c"StartDoctypeDeclHandler",
    c"EndDoctypeDeclHandler",
    c"EntityDeclHandler",
    c"XmlDeclHandler",
    c"ElementDeclHandler",
    c"AttlistDeclHandler",
    c"SkippedEntityHandler",
];

pub(super) const H_START: usize = 0;
pub(super) const H_END: usize = 1;
pub(super) const H_PI: usize = 2;
pub(super) const H_CHARS: usize = 3;
pub(super) const H_UNPARSED: usize = 4;
pub(super) const H_NOTATION: usize = 5;
pub(super) const H_START_NS: usize = 6;
pub(super) const H_END_NS: usize = 7;
pub(super) const H_COMMENT: usize = 8;
pub(super) const H_START_CDATA: usize = 9;
pub(super) const H_END_CDATA: usize = 10;
pub(super) const H_DEFAULT: usize = 11;
pub(super) const H_DEFAULT_EXPAND: usize = 12;
pub(super) const H_NOT_STANDALONE: usize = 13;
pub(super) const H_EXTERNAL: usize = 14;
pub(super) const H_START_DOCTYPE: usize = 15;
pub(super) const H_END_DOCTYPE: usize = 16;
pub(super) const H_ENTITY: usize = 17;
pub(super) const H_XML_DECL: usize = 18;
pub(super) const H_ELEMENT: usize = 19;
pub(super) const H_ATTLIST: usize = 20;
pub(super) const H_SKIPPED: usize = 21;

/// `pyexpat.ExpatError`, set when the module is initialized.
pub static EXPAT_ERROR: AtomicPtr<PyObject> = AtomicPtr::new(std::ptr::null_mut());

pub struct Parser {
    pub core: Core,
    pub handlers: [Option<Owned>; 22],
    /// Which default handler was set last expands internal entities.
    pub default_expands: bool,
    pub intern: Option<Owned>,
    pub base: Option<Owned>,
    pub buffer: Option<String>,
    pub buffer_size: usize,
    pub ordered_attributes: bool,
    pub specified_attributes: bool,
    /// The document offset of the event whose handler runs (None outside
    /// a parse).
    pub event_at: Option<usize>,
    pub started: bool,
    pub in_callback: bool,
}

impl State for Parser {
    fn traverse(&self, v: Visit) -> c_int {
        for h in self.handlers.iter().chain([&self.intern, &self.base]) {
            let r = crate::modules::objtype::Refs::visit(h, v);
            if r != 0 {
                return r;
            }
        }
        0
    }
    fn clear(&mut self) {
        for h in self.handlers.iter_mut() {
            h.take();
        }
        self.intern.take();
        self.base.take();
    }
}

pub static mut PARSER_TYPE: PyTypeObject = PyTypeObject {
    tp_methods: (&raw const PARSER_METHODS).cast_mut().cast(),
    tp_getset: (&raw const PARSER_GETSET).cast_mut().cast(),
    ..crate::modules::objtype::gc_type::<Parser>(
        c"pyexpat.xmlparser",
        Py_TPFLAGS_DISALLOW_INSTANTIATION,
    )
};

/// A new parser.
pub fn new_parser(
    encoding: Option<String>,
    ns_sep: Option<char>,
    intern: Option<Owned>,
) -> PyResult<Owned> {
    // SAFETY: the type's layout is Obj<Parser>.
    unsafe {
        crate::modules::objtype::new_obj(
            &raw mut PARSER_TYPE,
            Parser {
                core: Core::new(encoding, ns_sep),
                handlers: Default::default(),
                default_expands: true,
                intern,
                base: None,
                buffer: None,
                buffer_size: 8192,
                ordered_attributes: false,
                specified_attributes: false,
                event_at: None,
                started: false,
                in_callback: false,
            },
        )
    }
}

/// The parser state of `op`.
pub fn st<'a>(op: *mut PyObject) -> &'a mut Parser {
    // SAFETY: op is an xmlparser (methods and getters of its type only).
    unsafe { state::<Parser>(op) }
}

/// The `ExpatError` for `e`, with `code`, `lineno` and `offset`.
pub fn expat_error(p: &mut Parser, e: XmlErr) -> Raised {
    let pos = p.core.pos_of(e.at);
    let msg = code::TABLE
        .get(e.code as usize - 1)
        .map_or("unknown error", |t| t.1);
    let text = format!("{msg}: line {}, column {}", pos.line, pos.col);
    let r = (|| -> PyResult<Raised> {
        // SAFETY: the error class is set at module initialization.
        unsafe {
            let cls = EXPAT_ERROR.load(Ordering::Relaxed);
            let m = pystr::from_str(&text)?;
            let exc = protocol::call_args(cls, &[m.as_ptr()])?;
            for (k, v) in [
                ("code", e.code as i64),
                ("offset", pos.col as i64),
                ("lineno", pos.line as i64),
            ] {
                protocol::setattr(exc.as_ptr(), pystr::intern(k), int::from_i64(v)?.as_ptr())?;
            }
            Ok(errors::set_object(cls, exc.as_ptr()))
        }
    })();
    r.unwrap_or_else(|r| r)
}

impl Parser {
    /// The position the `Current*` attributes report.
    fn current(&mut self) -> Option<Pos> {
        let at = self.event_at?;
        Some(self.core.pos_of(at))
    }
}

/// A str, or None for a missing value.
pub fn opt_str(s: Option<&str>) -> PyResult<Owned> {
    match s {
        Some(s) => pystr::from_str(s),
        None => Ok(none::owned()),
    }
}

unsafe extern "C" fn get_handler(op: *mut PyObject, closure: *mut c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        let h = &st(op).handlers[closure as usize];
        Ok(match h {
            Some(h) => h.clone(),
            None => none::owned(),
        })
    })
}

unsafe extern "C" fn set_handler(
    op: *mut PyObject,
    v: *mut PyObject,
    closure: *mut c_void,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        let i = closure as usize;
        let p = st(op);
        // SAFETY: v NULL (delete) or valid.
        let v = unsafe { crate::modules::objtype::some(v) }.filter(|v| v.as_ptr() != none::none());
        if i == H_CHARS {
            super::dispatch::flush(op)?;
        }
        let p2 = st(op);
        let _ = p;
        if i == H_DEFAULT && v.is_some() {
            p2.default_expands = false;
            p2.handlers[H_DEFAULT_EXPAND] = None;
        } else if i == H_DEFAULT_EXPAND && v.is_some() {
            p2.default_expands = true;
            p2.handlers[H_DEFAULT] = None;
        }
        p2.handlers[i] = v;
        Ok(())
    })
}

/// A getter returning a flag or number of the parser.
macro_rules! getter {
    ($name:ident, |$p:ident| $body:expr) => {
        unsafe extern "C" fn $name(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
            crate::capi::boundary::guard_obj(|| {
                let $p = st(op);
                $body
            })
        }
    };
}

fn int_of(v: i64) -> PyResult<Owned> {
    int::from_i64(v)
}

fn flag(b: bool) -> PyResult<Owned> {
    Ok(Owned::from_borrowed_static(pybool::from_bool(b)))
}

getter!(get_buffer_text, |p| flag(p.buffer.is_some()));
getter!(get_buffer_size, |p| int_of(p.buffer_size as i64));
getter!(get_buffer_used, |p| int_of(
    p.buffer.as_ref().map_or(0, String::len) as i64
));
getter!(get_ordered, |p| flag(p.ordered_attributes));
getter!(get_specified, |p| flag(p.specified_attributes));
getter!(get_ns_prefixes, |p| flag(p.core.ns_prefixes));
getter!(get_intern, |p| Ok(p
    .intern
    .clone()
    .unwrap_or_else(none::owned)));
getter!(get_error_code, |p| int_of(
    p.core.error.map_or(0, |e| e.code as i64)
));
// Expat's error position is its current position (the same functions),
// which stays where an error stopped the parse.
getter!(get_cur_line, |p| int_of(
    p.current().map_or(1, |c| c.line as i64)
));
getter!(get_cur_col, |p| int_of(
    p.current().map_or(0, |c| c.col as i64)
));
getter!(get_cur_byte, |p| int_of(
    p.current().map_or(-1, |c| c.byte as i64)
));

/// A setter of a flag attribute.
macro_rules! flag_setter {
    ($name:ident, |$p:ident, $b:ident| $body:expr) => {
        unsafe extern "C" fn $name(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> c_int {
            crate::capi::boundary::guard_status(|| {
                if v.is_null() {
                    return Err(errors::attribute_error("cannot delete attribute"));
                }
                // SAFETY: v valid.
                let $b = unsafe { protocol::is_true(v)? };
                let $p = st(op);
                $body;
                Ok(())
            })
        }
    };
}

flag_setter!(set_ordered, |p, b| p.ordered_attributes = b);
flag_setter!(set_specified, |p, b| p.specified_attributes = b);
flag_setter!(set_ns_prefixes, |p, b| p.core.ns_prefixes = b);

unsafe extern "C" fn set_buffer_text(
    op: *mut PyObject,
    v: *mut PyObject,
    _c: *mut c_void,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        if v.is_null() {
            return Err(errors::attribute_error("cannot delete attribute"));
        }
        // SAFETY: v valid.
        let b = unsafe { protocol::is_true(v)? };
        if b {
            let p = st(op);
            if p.buffer.is_none() {
                p.buffer = Some(String::new());
            }
        } else {
            super::dispatch::flush(op)?;
            st(op).buffer = None;
        }
        Ok(())
    })
}

unsafe extern "C" fn set_buffer_size(
    op: *mut PyObject,
    v: *mut PyObject,
    _c: *mut c_void,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        if v.is_null() {
            return Err(errors::attribute_error("cannot delete attribute"));
        }
        // SAFETY: v valid.
        unsafe {
            if !int::check(v) {
                return Err(errors::type_error("buffer_size must be an integer"));
            }
            let n = int::as_i64(v)?;
            if n <= 0 {
                return Err(errors::value_error("buffer_size must be greater than zero"));
            }
            if n > i32::MAX as i64 {
                return Err(errors::value_error(format!(
                    "buffer_size must not be greater than {}",
                    i32::MAX
                )));
            }
            super::dispatch::flush(op)?;
            st(op).buffer_size = n as usize;
        }
        Ok(())
    })
}

const fn handler_def(i: usize) -> PyGetSetDef {
    PyGetSetDef {
        closure: i as *mut c_void,
        ..getset(HANDLERS[i], Some(get_handler), Some(set_handler))
    }
}

static PARSER_GETSET: [PyGetSetDef; 37] = [
    handler_def(0),
    handler_def(1),
    handler_def(2),
    handler_def(3),
    handler_def(4),
    handler_def(5),
    handler_def(6),
    handler_def(7),
    handler_def(8),
    handler_def(9),
    handler_def(10),
    handler_def(11),
    handler_def(12),
    handler_def(13),
    handler_def(14),
    handler_def(15),
    handler_def(16),
    handler_def(17),
    handler_def(18),
    handler_def(19),
    handler_def(20),
    handler_def(21),
    getset(c"buffer_text", Some(get_buffer_text), Some(set_buffer_text)),
    getset(c"buffer_size", Some(get_buffer_size), Some(set_buffer_size)),
    getset(c"buffer_used", Some(get_buffer_used), None),
    getset(c"ordered_attributes", Some(get_ordered), Some(set_ordered)),
    getset(
        c"specified_attributes",
        Some(get_specified),
        Some(set_specified),
    ),
    getset(
        c"namespace_prefixes",
        Some(get_ns_prefixes),
        Some(set_ns_prefixes),
    ),
    getset(c"intern", Some(get_intern), None),
    getset(c"ErrorCode", Some(get_error_code), None),
    getset(c"ErrorLineNumber", Some(get_cur_line), None),
    getset(c"ErrorColumnNumber", Some(get_cur_col), None),
    getset(c"ErrorByteIndex", Some(get_cur_byte), None),
    getset(c"CurrentLineNumber", Some(get_cur_line), None),
    getset(c"CurrentColumnNumber", Some(get_cur_col), None),
    getset(c"CurrentByteIndex", Some(get_cur_byte), None),
    GETSET_END,
];

/// `Parse(data, isfinal=False, /)`.
unsafe extern "C" fn parse(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: fastcall arguments.
        let a = unsafe { crate::capi::call::arg_slice(args, nargs as usize) };
        crate::modules::args::arity("Parse", a, 1, 2)?;
        // SAFETY: arguments valid.
        let fin = match a.get(1) {
            Some(&f) => unsafe { protocol::is_true(f)? },
            None => false,
        };
        parse_object(op, a[0], fin)?;
        int_of(1)
    })
}

/// Feeds `data` (str or bytes-like) to the parser.
pub fn parse_object(op: *mut PyObject, data: *mut PyObject, fin: bool) -> PyResult<()> {
    // SAFETY: data valid.
    unsafe {
        if pystr::check(data) {
            let p = st(op);
            if !p.started && p.core.dec.enc.is_none() {
                p.core.dec.forced = Some("utf-8".into());
            }
            let s = pystr::as_str(data)?;
            super::dispatch::parse_bytes(op, s.as_bytes(), fin)
        } else {
            let g = crate::object::buffer::Guard::new(data, PyBUF_SIMPLE)?;
            super::dispatch::parse_bytes(op, g.as_slice(), fin)
        }
    }
}

crate::modules::objtype::meth_o!(parse_file, |op, file| {
    let read = protocol::getattr_opt(file, crate::interned!("read"))?
        .ok_or_else(|| errors::type_error("argument must have 'read' attribute"))?;
    let n = int::from_i64(64 * 1024)?;
    loop {
        let chunk = protocol::call_args(read.as_ptr(), &[n.as_ptr()])?;
        let c = chunk.as_ptr();
        if !bytes::check(c) && !pystr::check(c) {
            return Err(errors::type_error(format!(
                "read() did not return a bytes object (type={})",
                crate::object::typeobj::type_name(c)
            )));
        }
        let empty = protocol::len(c)? == 0;
        parse_object(op, c, empty)?;
        if empty {
            break;
        }
    }
    int_of(1)
});

crate::modules::objtype::meth_o!(set_base, |op, base| {
    if !pystr::check(base) {
        return Err(errors::type_error(format!(
            "SetBase() argument must be str, not {}",
            crate::object::typeobj::type_name(base)
        )));
    }
    st(op).base = Some(Owned::from_borrowed(base));
    Ok(none::owned())
});

crate::modules::objtype::meth_noargs!(get_base, |op| Ok(st(op)
    .base
    .clone()
    .unwrap_or_else(none::owned)));

crate::modules::objtype::meth_noargs!(get_input_context, |op| {
    let p = st(op);
    match p.event_at {
        Some(at) if p.in_callback => {
            bytes::from_slice(&p.core.text.as_bytes()[at.min(p.core.text.len())..])
        }
        _ => Ok(none::owned()),
    }
});

crate::modules::objtype::meth_o!(set_param_entity_parsing, |op, flag| {
    st(op).core.param_entity_parsing = int::as_i64(flag)? as i32;
    int_of(1)
});

crate::modules::objtype::meth_fast!(use_foreign_dtd, |op, args| {
    crate::modules::args::arity("UseForeignDTD", args, 0, 1)?;
    if st(op).started {
        return Err(expat_error(
            st(op),
            XmlErr {
                code: code::CANT_CHANGE_FEATURE_ONCE_PARSING,
                at: 0,
            },
        ));
    }
    let on = match args.first() {
        Some(&f) => protocol::is_true(f)?,
        None => true,
    };
    st(op).core.foreign_dtd = on;
    Ok(none::owned())
});

crate::modules::objtype::meth_noargs!(get_reparse_deferral, |op| flag(st(op).core.deferral));

crate::modules::objtype::meth_o!(set_reparse_deferral, |op, v| {
    st(op).core.deferral = protocol::is_true(v)?;
    Ok(none::owned())
});

crate::modules::objtype::meth_fast!(external_entity_parser_create, |op, args| {
    crate::modules::args::arity("ExternalEntityParserCreate", args, 1, 2)?;
    let encoding = match args.get(1) {
        Some(&e) if e != none::none() => Some(pystr::as_str(e)?.to_string()),
        _ => None,
    };
    let p = st(op);
    let child = new_parser(encoding, p.core.ns_sep, p.intern.clone())?;
    let c = st(child.as_ptr());
    let p = st(op);
    c.core.external = true;
    c.core.phase = Phase::Start;
    c.core.ns_prefixes = p.core.ns_prefixes;
    c.core.bindings = p.core.bindings.clone();
    for (k, e) in &p.core.dtd.general {
        c.core.dtd.general.insert(
            k.clone(),
            super::core::Entity {
                value: e.value.clone(),
                sysid: e.sysid.clone(),
                pubid: e.pubid.clone(),
                notation: e.notation.clone(),
            },
        );
    }
    c.core.dtd.param_refs = p.core.dtd.param_refs;
    c.handlers = p.handlers.clone();
    c.default_expands = p.default_expands;
    c.base = p.base.clone();
    c.ordered_attributes = p.ordered_attributes;
    c.specified_attributes = p.specified_attributes;
    if p.buffer.is_some() {
        c.buffer = Some(String::new());
        c.buffer_size = p.buffer_size;
    }
    Ok(child)
});

static PARSER_METHODS: [PyMethodDef; 11] = [
    method(c"Parse", parse as *const c_void, METH_FASTCALL),
    method(c"ParseFile", parse_file as *const c_void, METH_O),
    method(c"SetBase", set_base as *const c_void, METH_O),
    method(c"GetBase", get_base as *const c_void, METH_NOARGS),
    method(
        c"GetInputContext",
        get_input_context as *const c_void,
        METH_NOARGS,
    ),
    method(
        c"ExternalEntityParserCreate",
        external_entity_parser_create as *const c_void,
        METH_FASTCALL,
    ),
    method(
        c"SetParamEntityParsing",
        set_param_entity_parsing as *const c_void,
        METH_O,
    ),
    method(
        c"UseForeignDTD",
        use_foreign_dtd as *const c_void,
        METH_FASTCALL,
    ),
    method(
        c"GetReparseDeferralEnabled",
        get_reparse_deferral as *const c_void,
        METH_NOARGS,
    ),
    method(
        c"SetReparseDeferralEnabled",
        set_reparse_deferral as *const c_void,
        METH_O,
    ),
    METHOD_END,
];

/// The object of an optional handler slot.
pub fn handler(op: *mut PyObject, i: usize) -> *mut PyObject {
    ptr(&st(op).handlers[i])
}
