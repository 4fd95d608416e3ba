//! Running a parse: feeding input to the tokenizer, stepping it, and
//! calling the Python handler for each event it queues (or the default
//! handler with the event's markup), with `buffer_text` joining character
//! data. A handler's exception stops the parse and propagates, as in
//! CPython (the parser's handlers are cleared then).
use super::core::{Phase, Step, XmlErr};
use super::decode::{Need, UNMAPPED};
use super::errors as code;
use super::event::{Event, Kind, Model, Owner, Txt};
use super::parser::*;
use crate::ffi::PyObject;
use crate::object::{dict, int, list, none, protocol, str as pystr, tuple};
use crate::runtime::errors::PyResult;
use crate::Owned;

/// A str for a name, through the parser's `intern` dict.
fn name_obj(op: *mut PyObject, s: &str) -> PyResult<Owned> {
    let o = pystr::from_str(s)?;
    match &st(op).intern {
        // SAFETY: intern is a dict.
        Some(d) => unsafe {
            let v = dict::setdefault(d.as_ptr(), o.as_ptr(), o.as_ptr())?;
            Ok(Owned::from_borrowed(v))
        },
        None => Ok(o),
    }
}

/// Calls handler slot `i` with `args`; the result.
fn call(op: *mut PyObject, i: usize, args: &[*mut PyObject]) -> PyResult<Owned> {
    if i != H_CHARS {
        flush(op)?;
    }
    let h = handler(op, i);
    if h.is_null() {
        // A handler that ran before cleared this one.
        return Ok(Owned::from_borrowed_static(none::none()));
    }
    // SAFETY: h is the live handler object of the slot.
    let h = unsafe { Owned::from_borrowed(h) };
    st(op).in_callback = true;
    // SAFETY: h is a live handler object.
    let r = unsafe { protocol::call_args(h.as_ptr(), args) };
    st(op).in_callback = false;
    r
}

/// Passes buffered character data to the handler.
pub fn flush(op: *mut PyObject) -> PyResult<()> {
    let p = st(op);
    let Some(buf) = p.buffer.as_mut() else {
        return Ok(());
    };
    if buf.is_empty() {
        return Ok(());
    }
    let data = std::mem::take(buf);
    if handler(op, H_CHARS).is_null() {
        return Ok(());
    }
    let s = pystr::from_str(&data)?;
    call(op, H_CHARS, &[s.as_ptr()]).map(drop)
}

/// Character data for the handler, through the buffer when `buffer_text`
/// is on.
fn chars(op: *mut PyObject, data: &str) -> PyResult<()> {
    let p = st(op);
    if let Some(buf) = p.buffer.as_mut() {
        let size = p.buffer_size;
        if buf.len() + data.len() > size {
            flush(op)?;
            if handler(op, H_CHARS).is_null() {
                return Ok(());
            }
        }
        let p = st(op);
        if data.len() <= size {
            if let Some(buf) = p.buffer.as_mut() {
                buf.push_str(data);
                return Ok(());
            }
        }
    }
    let s = pystr::from_str(data)?;
    call(op, H_CHARS, &[s.as_ptr()]).map(drop)
}

fn opt(s: &Option<String>) -> PyResult<Owned> {
    opt_str(s.as_deref())
}

fn base(op: *mut PyObject) -> Owned {
    st(op)
        .base
        .clone()
        .unwrap_or_else(|| Owned::from_borrowed_static(none::none()))
}

fn model_obj(m: &Model) -> PyResult<Owned> {
    // Built bottom-up without recursion: children before parents.
    let mut order: Vec<&Model> = Vec::new();
    let mut todo = vec![m];
    while let Some(x) = todo.pop() {
        order.push(x);
        todo.extend(x.children.iter());
    }
    let mut built: Vec<(*const Model, Owned)> = Vec::new();
    for x in order.iter().rev() {
        let mut kids = Vec::with_capacity(x.children.len());
        for c in &x.children {
            let i = built
                .iter()
                .position(|b| std::ptr::eq(b.0, c))
                .expect("built child");
            kids.push(built.remove(i).1);
        }
        let t = tuple::from_vec(vec![
            int::from_i64(x.ctype as i64)?,
            int::from_i64(x.quant as i64)?,
            opt(&x.name)?,
            tuple::from_vec(kids)?,
        ])?;
        built.push((*x as *const Model, t));
    }
    Ok(built.pop().expect("the model").1)
}

/// Runs the handler for one event.
fn dispatch(op: *mut PyObject, ev: Event) -> PyResult<()> {
    let p = st(op);
    p.event_at = Some(ev.at);
    let has = |i: usize| !handler(op, i).is_null();
    let default = if has(H_DEFAULT) {
        H_DEFAULT
    } else {
        H_DEFAULT_EXPAND
    };
    let to_default = |op: *mut PyObject, raw: &Txt| -> PyResult<()> {
        if !has(default) {
            return Ok(());
        }
        let s = raw.get(&st(op).core.text).to_string();
        if s.is_empty() {
            return Ok(());
        }
        let o = pystr::from_str(&s)?;
        call(op, default, &[o.as_ptr()]).map(drop)
    };
    let s = |x: &str| pystr::from_str(x);
    match &ev.kind {
        Kind::Chars(t) => {
            if has(H_CHARS) {
                let p = st(op);
                let data = t.get(&p.core.text).to_string();
                if matches!(t, Txt::Main(..)) && !p.core.input_is_utf8() {
                    // Expat converts other encodings through a 1024-byte
                    // buffer, so their data comes in pieces of that size.
                    let mut rest = data.as_str();
                    while !rest.is_empty() {
                        let mut n = rest.len().min(1024);
                        while !rest.is_char_boundary(n) {
                            n -= 1;
                        }
                        chars(op, &rest[..n])?;
                        rest = &rest[n..];
                    }
                } else {
                    chars(op, &data)?;
                }
            } else {
                to_default(op, &ev.raw)?;
            }
        }
        Kind::Start {
            name,
            attrs,
            nspecified,
            empty,
        } => {
            if has(H_START) {
                let n = name_obj(op, name)?;
                let p = st(op);
                let count = if p.specified_attributes {
                    *nspecified
                } else {
                    attrs.len()
                };
                let a = if p.ordered_attributes {
                    let l = list::new(0)?;
                    for (k, v) in &attrs[..count] {
                        // SAFETY: l is a list.
                        unsafe {
                            list::append(l.as_ptr(), name_obj(op, k)?.as_ptr())?;
                            list::append(l.as_ptr(), s(v)?.as_ptr())?;
                        }
                    }
                    l
                } else {
                    let d = dict::new()?;
                    for (k, v) in &attrs[..count] {
                        // SAFETY: d is a dict.
                        unsafe {
                            dict::set_item(d.as_ptr(), name_obj(op, k)?.as_ptr(), s(v)?.as_ptr())?
                        };
                    }
                    d
                };
                call(op, H_START, &[n.as_ptr(), a.as_ptr()])?;
            } else if !(*empty && has(H_END)) {
                to_default(op, &ev.raw)?;
            }
        }
        Kind::End { name, empty } => {
            if let (Some(start), false) = (empty, has(H_START)) {
                st(op).event_at = Some(*start);
            }
            if has(H_END) {
                let n = name_obj(op, name)?;
                call(op, H_END, &[n.as_ptr()])?;
            } else if empty.is_none() {
                to_default(op, &ev.raw)?;
            }
        }
        Kind::StartNs { prefix, uri } => {
            if has(H_START_NS) {
                call(op, H_START_NS, &[opt(prefix)?.as_ptr(), opt(uri)?.as_ptr()])?;
            }
        }
        Kind::EndNs { prefix } => {
            if has(H_END_NS) {
                call(op, H_END_NS, &[opt(prefix)?.as_ptr()])?;
            }
        }
        Kind::Pi { target, data } => {
            if has(H_PI) {
                call(
                    op,
                    H_PI,
                    &[name_obj(op, target)?.as_ptr(), s(data)?.as_ptr()],
                )?;
            } else {
                to_default(op, &ev.raw)?;
            }
        }
        Kind::Comment(c) => {
            if has(H_COMMENT) {
                call(op, H_COMMENT, &[s(c)?.as_ptr()])?;
            } else {
                to_default(op, &ev.raw)?;
            }
        }
        Kind::StartCdata => {
            if has(H_START_CDATA) {
                call(op, H_START_CDATA, &[])?;
            } else {
                to_default(op, &ev.raw)?;
            }
        }
        Kind::EndCdata => {
            if has(H_END_CDATA) {
                call(op, H_END_CDATA, &[])?;
            } else {
                to_default(op, &ev.raw)?;
            }
        }
        Kind::XmlDecl {
            version,
            encoding,
            standalone,
        } => {
            if has(H_XML_DECL) {
                call(
                    op,
                    H_XML_DECL,
                    &[
                        opt(version)?.as_ptr(),
                        opt(encoding)?.as_ptr(),
                        int::from_i64(*standalone as i64)?.as_ptr(),
                    ],
                )?;
            } else {
                to_default(op, &ev.raw)?;
            }
        }
        Kind::StartDoctype {
            name,
            sysid,
            pubid,
            internal,
        } => {
            if has(H_START_DOCTYPE) {
                call(
                    op,
                    H_START_DOCTYPE,
                    &[
                        name_obj(op, name)?.as_ptr(),
                        opt(sysid)?.as_ptr(),
                        opt(pubid)?.as_ptr(),
                        int::from_i64(*internal as i64)?.as_ptr(),
                    ],
                )?;
            }
        }
        Kind::EndDoctype => {
            if has(H_END_DOCTYPE) {
                call(op, H_END_DOCTYPE, &[])?;
            } else if !has(H_START_DOCTYPE) {
                to_default(op, &ev.raw)?;
            }
        }
        Kind::EntityDecl {
            name,
            is_pe,
            value,
            sysid,
            pubid,
            notation,
        } => {
            if notation.is_some() && has(H_UNPARSED) {
                call(
                    op,
                    H_UNPARSED,
                    &[
                        name_obj(op, name)?.as_ptr(),
                        base(op).as_ptr(),
                        opt(sysid)?.as_ptr(),
                        opt(pubid)?.as_ptr(),
                        opt(notation)?.as_ptr(),
                    ],
                )?;
            } else if has(H_ENTITY) {
                call(
                    op,
                    H_ENTITY,
                    &[
                        name_obj(op, name)?.as_ptr(),
                        int::from_i64(*is_pe as i64)?.as_ptr(),
                        opt(value)?.as_ptr(),
                        base(op).as_ptr(),
                        opt(sysid)?.as_ptr(),
                        opt(pubid)?.as_ptr(),
                        opt(notation)?.as_ptr(),
                    ],
                )?;
            }
        }
        Kind::NotationDecl { name, sysid, pubid } => {
            if has(H_NOTATION) {
                call(
                    op,
                    H_NOTATION,
                    &[
                        name_obj(op, name)?.as_ptr(),
                        base(op).as_ptr(),
                        opt(sysid)?.as_ptr(),
                        opt(pubid)?.as_ptr(),
                    ],
                )?;
            }
        }
        Kind::ElementDecl { name, model } => {
            if has(H_ELEMENT) {
                let m = model_obj(model)?;
                call(op, H_ELEMENT, &[name_obj(op, name)?.as_ptr(), m.as_ptr()])?;
            }
        }
        Kind::AttlistDecl {
            elname,
            attname,
            atype,
            default: dv,
            required,
        } => {
            if has(H_ATTLIST) {
                call(
                    op,
                    H_ATTLIST,
                    &[
                        name_obj(op, elname)?.as_ptr(),
                        name_obj(op, attname)?.as_ptr(),
                        s(atype)?.as_ptr(),
                        opt(dv)?.as_ptr(),
                        int::from_i64(*required as i64)?.as_ptr(),
                    ],
                )?;
            }
        }
        Kind::Skipped { name, is_pe } => {
            if has(H_SKIPPED) {
                call(
                    op,
                    H_SKIPPED,
                    &[
                        name_obj(op, name)?.as_ptr(),
                        int::from_i64(*is_pe as i64)?.as_ptr(),
                    ],
                )?;
            } else {
                to_default(op, &ev.raw)?;
            }
        }
        Kind::ExternalRef {
            context,
            sysid,
            pubid,
        } => {
            if has(H_EXTERNAL) {
                let r = call(
                    op,
                    H_EXTERNAL,
                    &[
                        opt(context)?.as_ptr(),
                        base(op).as_ptr(),
                        opt(sysid)?.as_ptr(),
                        opt(pubid)?.as_ptr(),
                    ],
                )?;
                // SAFETY: r valid.
                let ok = unsafe { protocol::is_true(r.as_ptr())? };
                if !ok {
                    let e = XmlErr {
                        code: code::EXTERNAL_ENTITY_HANDLING,
                        at: ev.at,
                    };
                    st(op).core.error = Some(e);
                }
            } else {
                to_default(op, &ev.raw)?;
            }
        }
        Kind::NotStandalone => {
            if has(H_NOT_STANDALONE) {
                let r = call(op, H_NOT_STANDALONE, &[])?;
                // SAFETY: r valid.
                if unsafe { int::as_i64(r.as_ptr())? } == 0 {
                    st(op).core.error = Some(XmlErr {
                        code: code::NOT_STANDALONE,
                        at: ev.at,
                    });
                }
            }
        }
        Kind::Default(owner) => {
            let taken = match owner {
                Owner::None => false,
                Owner::Doctype => has(H_START_DOCTYPE),
                Owner::Entity => has(H_ENTITY),
                Owner::Attlist => has(H_ATTLIST),
                Owner::Element => has(H_ELEMENT),
                Owner::Notation => has(H_NOTATION),
            };
            if !taken {
                to_default(op, &ev.raw)?;
            }
        }
    }
    Ok(())
}

/// The 256-entry table of a single-byte encoding from its Python codec
/// (pyexpat's unknown-encoding handler); None when there is none.
fn encoding_table(name: &str) -> PyResult<Option<Box<[u32; 256]>>> {
    let all: Vec<u8> = (0..=255u8).collect();
    let b = crate::object::bytes::from_slice(&all)?;
    // SAFETY: codecs.decode with valid objects.
    let r = unsafe {
        let codecs = crate::runtime::import::import_absolute("codecs")?;
        let decode = protocol::getattr_str(codecs.as_ptr(), "decode")?;
        protocol::call_args(
            decode.as_ptr(),
            &[
                b.as_ptr(),
                pystr::from_str(name)?.as_ptr(),
                pystr::from_str("replace")?.as_ptr(),
            ],
        )
    };
    let Ok(s) = r else {
        crate::runtime::errors::clear();
        return Ok(None);
    };
    // SAFETY: s is the decoded str.
    unsafe {
        if !pystr::check(s.as_ptr()) || pystr::len(s.as_ptr()) != 256 {
            return Ok(None);
        }
        let mut t = Box::new([0u32; 256]);
        for (i, slot) in t.iter_mut().enumerate() {
            let c = pystr::read_char(s.as_ptr(), i);
            *slot = if c == 0xFFFD { UNMAPPED } else { c };
        }
        Ok(Some(t))
    }
}

/// Clears the handlers after one raised (CPython's `flag_error`).
fn abort(op: *mut PyObject) {
    let p = st(op);
    for h in p.handlers.iter_mut() {
        h.take();
    }
    let at = p.event_at.unwrap_or(p.core.pos);
    p.core.error = Some(XmlErr {
        code: code::ABORTED,
        at,
    });
    p.core.out.clear();
}

/// `Parse` on bytes: decode, step, dispatch; raises `ExpatError` or what
/// a handler raised.
pub fn parse_bytes(op: *mut PyObject, data: &[u8], fin: bool) -> PyResult<()> {
    let p = st(op);
    if let Some(e) = p.core.error {
        return Err(expat_error(p, e));
    }
    if p.core.phase == Phase::Finished {
        let e = XmlErr {
            code: code::FINISHED,
            at: p.core.pos,
        };
        return Err(expat_error(p, e));
    }
    p.started = true;
    let mut data = data;
    loop {
        match st(op).core.feed(data, fin) {
            Ok(()) | Err(Need::More) => break,
            Err(Need::Encoding(name)) => match encoding_table(&name)? {
                Some(t) => {
                    st(op).core.dec.set_table(t);
                    data = b"";
                }
                None => {
                    let p = st(op);
                    let e = XmlErr {
                        code: code::UNKNOWN_ENCODING,
                        at: 0,
                    };
                    p.core.error = Some(e);
                    return Err(expat_error(p, e));
                }
            },
        }
    }
    let p = st(op);
    let start = p.core.pos;
    let have = p.core.text.len() - p.core.pos;
    let defer =
        p.core.deferral && !fin && p.core.partial_before > 0 && have < 2 * p.core.partial_before;
    if !defer {
        loop {
            while let Some(ev) = st(op).core.out.pop_front() {
                if let Err(e) = dispatch(op, ev) {
                    abort(op);
                    st(op).event_at = None;
                    return Err(e);
                }
                if st(op).core.error.is_some() {
                    break;
                }
            }
            let p = st(op);
            if p.core.error.is_some() {
                break;
            }
            let expand = p.handlers[H_DEFAULT].is_none();
            match p.core.step(expand) {
                Step::Went => {}
                Step::Wait | Step::Failed => {
                    if st(op).core.out.is_empty() {
                        break;
                    }
                }
            }
        }
        let p = st(op);
        p.core.partial_before = if p.core.pos == start && !fin { have } else { 0 };
    }
    let r = flush(op);
    let p = st(op);
    p.event_at = None;
    if let Err(e) = r {
        abort(op);
        return Err(e);
    }
    let p = st(op);
    if let Some(e) = p.core.error {
        p.event_at = Some(e.at);
        return Err(expat_error(p, e));
    }
    p.core.drain();
    p.event_at = Some(p.core.pos);
    Ok(())
}
