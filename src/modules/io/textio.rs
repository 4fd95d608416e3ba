//! `_io.TextIOWrapper` (`Modules/_io/textio.c`): text over a buffered
//! binary stream. UTF-8, Latin-1 and ASCII are decoded and encoded here;
//! other encodings use the incremental codecs of the codec registry.
//! `tell()` returns CPython's opaque cookies (start position, decoder
//! flags, bytes to feed, chars to skip), so a cookie survives `seek()`.
use super::newline::Newlines;
use super::stringio::NewlineMode;
use super::*;
use crate::object::codecs_core::{self as cc, Codec};
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::{bytes, int};

/// `_io.TextIOWrapper`.
pub static mut TEXTIO_TYPE: PyTypeObject = PyTypeObject {
    tp_methods: (&raw const TEXTIO_METHODS).cast_mut().cast(),
    tp_getset: (&raw const TEXTIO_GETSET).cast_mut().cast(),
    tp_init: Some(textio_init),
    tp_repr: Some(textio_repr),
    tp_iternext: Some(textio_iternext),
    tp_doc: c"TextIOWrapper(buffer, encoding=None, errors=None, newline=None,\n              line_buffering=False, write_through=False)\n--\n\nA text stream over a buffered binary stream: text is encoded and\ndecoded with encoding, and line endings translated as newline asks."
        .as_ptr(),
    ..io_type(
        c"_io.TextIOWrapper",
        &raw mut super::iobase::TEXTIOBASE_TYPE,
    )
};

/// The encoding `open` and `TextIOWrapper` use for "locale" or None.
pub const LOCALE_ENCODING: &str = "UTF-8";

enum Decoder {
    /// UTF-8, Latin-1 or ASCII; `pending` holds an incomplete UTF-8 sequence.
    Native {
        codec: Codec,
        pending: Vec<u8>,
    },
    Py(Owned),
}

enum Encoder {
    Native(Codec),
    Py(Owned),
}

struct TextIo {
    buffer: Option<Owned>,
    encoding: String,
    errors: String,
    decoder: Option<Decoder>,
    encoder: Option<Encoder>,
    mode: NewlineMode,
    nl: Newlines,
    line_buffering: bool,
    write_through: bool,
    decoded: Vec<u32>,
    dpos: usize,
    /// (decoder flags, bytes fed since) at the start of the decoded chunk.
    snapshot: Option<(i64, Vec<u8>)>,
    pending: Vec<u8>,
    seekable: bool,
    telling: bool,
    has_read1: bool,
    chunk_size: usize,
}

impl IoState for TextIo {
    fn visit(&self, visit: visitproc, arg: *mut c_void) -> c_int {
        let buffer = self.buffer.as_ref().map_or(null_mut(), |b| b.as_ptr());
        let decoder = match &self.decoder {
            Some(Decoder::Py(d)) => d.as_ptr(),
            _ => null_mut(),
        };
        let encoder = match &self.encoder {
            Some(Encoder::Py(e)) => e.as_ptr(),
            _ => null_mut(),
        };
        // SAFETY: the wrapper owns its buffer, decoder and encoder.
        unsafe { crate::object::gc::visit_all(&[buffer, decoder, encoder], visit, arg) }
    }
}

unsafe fn st<'a>(op: *mut PyObject) -> PyResult<&'a mut TextIo> {
    // SAFETY: the kind tag guarantees the type.
    unsafe { state::<TextIo>(op, KIND_TEXTIO) }
}

/// The buffer (new reference), or `ValueError` once detached.
unsafe fn buffer(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a TextIOWrapper.
    unsafe {
        match &st(op)?.buffer {
            Some(b) => Ok(b.clone()),
            None => Err(errors::value_error("underlying buffer has been detached")),
        }
    }
}

/// The buffer, checking that the stream is open.
unsafe fn open_buffer(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a TextIOWrapper.
    unsafe {
        let b = buffer(op)?;
        let closed = match super::bufferedio::closed_fast(b.as_ptr()) {
            Some(c) => c,
            None => {
                let c = protocol::getattr_str(b.as_ptr(), "closed")?;
                protocol::is_true(c.as_ptr())?
            }
        };
        if closed {
            return Err(closed_file());
        }
        Ok(b)
    }
}

unsafe fn call_bool(o: *mut PyObject, meth: &str) -> PyResult<bool> {
    // SAFETY: o valid.
    unsafe {
        let r = protocol::call_method_obj(o, meth, &[])?;
        protocol::is_true(r.as_ptr())
    }
}

/// The codec objects for `encoding`: native ones for UTF-8, Latin-1 and
/// ASCII, else the registry's incremental decoder/encoder.
unsafe fn make_codecs(
    encoding: &str,
    errors: &str,
    readable: bool,
    writable: bool,
) -> PyResult<(Option<Decoder>, Option<Encoder>)> {
    if let Some(c @ (Codec::Utf8 | Codec::Latin1 | Codec::Ascii)) = cc::lookup(encoding) {
        return Ok((
            readable.then(|| Decoder::Native {
                codec: c,
                pending: Vec::new(),
            }),
            writable.then_some(Encoder::Native(c)),
        ));
    }
    // SAFETY: the codec info is a valid object.
    unsafe {
        let info = crate::modules::codecs::lookup_text(encoding, "codecs.open()")?;
        let e = pystr::from_str(errors)?;
        let dec = if readable {
            let f = protocol::getattr_str(info.as_ptr(), "incrementaldecoder")?;
            Some(Decoder::Py(protocol::call_args(f.as_ptr(), &[e.as_ptr()])?))
        } else {
            None
        };
        let enc = if writable {
            let f = protocol::getattr_str(info.as_ptr(), "incrementalencoder")?;
            Some(Encoder::Py(protocol::call_args(f.as_ptr(), &[e.as_ptr()])?))
        } else {
            None
        };
        Ok((dec, enc))
    }
}

unsafe extern "C" fn textio_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: args a tuple; kw NULL or a dict.
        unsafe {
            reset_state(op);
            let kws = super::fileio::kw_pairs(kw)?;
            let kwr: Vec<(&str, *mut PyObject)> =
                kws.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            let [buf, enc, errs, newline, lb, wt] = bind(
                "TextIOWrapper",
                tuple::items(args),
                &kwr,
                [
                    "buffer",
                    "encoding",
                    "errors",
                    "newline",
                    "line_buffering",
                    "write_through",
                ],
                1,
            )?;
            let buf = buf.unwrap_or(none::none());
            let encoding = opt_str("TextIOWrapper", "encoding", enc)?;
            let errors_ = opt_str("TextIOWrapper", "errors", errs)?;
            let mode = NewlineMode::parse(newline, "TextIOWrapper() ")?;
            let lb = match lb {
                Some(v) => protocol::is_true(v)?,
                None => false,
            };
            let wt = match wt {
                Some(v) => protocol::is_true(v)?,
                None => false,
            };
            init(op, buf, encoding, errors_, mode, lb, wt)
        }
    })
}

unsafe fn init(
    op: *mut PyObject,
    buf: *mut PyObject,
    encoding: Option<String>,
    errors_: Option<String>,
    mode: NewlineMode,
    line_buffering: bool,
    write_through: bool,
) -> PyResult<()> {
    // SAFETY: op is a TextIOWrapper; buf valid.
    unsafe {
        if encoding.is_none()
            && crate::runtime::config::current()
                .unwrap_or_default()
                .utf8_mode
                <= 0
        {
            super::warn_default_encoding(1)?;
        }
        let encoding = match encoding.as_deref() {
            None | Some("locale") => LOCALE_ENCODING.to_string(),
            Some(e) => e.to_string(),
        };
        let errors_ = errors_.unwrap_or_else(|| "strict".to_string());
        if encoding.contains('\0') || errors_.contains('\0') {
            return Err(errors::value_error("embedded null character"));
        }
        crate::object::str::check_encoding_errors(Some(&encoding), Some(&errors_))?;
        let readable = call_bool(buf, "readable")?;
        let writable = call_bool(buf, "writable")?;
        let (decoder, encoder) = make_codecs(&encoding, &errors_, readable, writable)?;
        let seekable = call_bool(buf, "seekable")?;
        let has_read1 = protocol::getattr_opt(buf, crate::interned!("read1"))?.is_some();
        set_state(
            op,
            KIND_TEXTIO,
            TextIo {
                buffer: Some(Owned::from_borrowed(buf)),
                encoding,
                errors: errors_,
                decoder,
                encoder,
                mode,
                nl: Newlines {
                    translate: mode == NewlineMode::Universal,
                    ..Newlines::default()
                },
                line_buffering,
                write_through,
                decoded: Vec::new(),
                dpos: 0,
                snapshot: None,
                pending: Vec::new(),
                seekable,
                telling: seekable,
                has_read1,
                chunk_size: 8192,
            },
        );
        fix_encoder_state(op)?;
        Ok(())
    }
}

/// A Python encoder that writes a BOM must not write it in the middle of
/// a file: when the stream is not at its start, its state is set to 0.
unsafe fn fix_encoder_state(op: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a TextIOWrapper.
    unsafe {
        let s = st(op)?;
        let Some(Encoder::Py(enc)) = &s.encoder else {
            return Ok(());
        };
        if !s.seekable {
            return Ok(());
        }
        let enc = enc.clone();
        let b = buffer(op)?;
        let pos = protocol::call_method_obj(b.as_ptr(), "tell", &[])?;
        if int::sign(number::index(pos.as_ptr())?.as_ptr()) != 0 {
            protocol::call_method_obj(enc.as_ptr(), "setstate", &[int::small(0)])?;
        }
        Ok(())
    }
}

fn universal(mode: NewlineMode) -> bool {
    matches!(mode, NewlineMode::Universal | NewlineMode::Untranslated)
}

/// Decodes `input` (the newline layer included).
unsafe fn decode(op: *mut PyObject, input: &[u8], final_: bool) -> PyResult<Vec<u32>> {
    // SAFETY: op is a TextIOWrapper.
    unsafe {
        let s = st(op)?;
        let text = match s.decoder.as_mut() {
            None => return Err(unsupported("not readable")),
            Some(Decoder::Native { codec, pending }) => {
                let errs = Some(s.errors.as_str());
                match codec {
                    Codec::Utf8 => {
                        let (data, had): (std::borrow::Cow<[u8]>, bool) = if pending.is_empty() {
                            (input.into(), false)
                        } else {
                            let mut d = std::mem::take(pending);
                            d.extend_from_slice(input);
                            (d.into(), true)
                        };
                        let _ = had;
                        let (out, used) = cc::decode_utf8(&data, errs, final_)?;
                        let s = st(op)?;
                        if let Some(Decoder::Native { pending, .. }) = s.decoder.as_mut() {
                            *pending = data[used..].to_vec();
                        }
                        pystr::to_ucs4(out.as_ptr())
                    }
                    c => {
                        let c = *c;
                        let out = cc::decode(input, c, errs)?;
                        pystr::to_ucs4(out.as_ptr())
                    }
                }
            }
            Some(Decoder::Py(d)) => {
                let d = d.clone();
                let b = bytes::from_slice(input)?;
                let f = Owned::from_borrowed_static(crate::object::bool::from_bool(final_));
                let out =
                    protocol::call_method_obj(d.as_ptr(), "decode", &[b.as_ptr(), f.as_ptr()])?;
                if !pystr::check(out.as_ptr()) {
                    return Err(errors::type_error(format!(
                        "decoder should return a string result, not '{}'",
                        typeobj::type_name(out.as_ptr())
                    )));
                }
                pystr::to_ucs4(out.as_ptr())
            }
        };
        let s = st(op)?;
        Ok(if universal(s.mode) {
            s.nl.process(text, final_)
        } else {
            text
        })
    }
}

/// The decoder's state: (buffered bytes, flags), the newline layer's
/// pending `\r` in the low bit of the flags in universal mode.
unsafe fn dec_getstate(op: *mut PyObject) -> PyResult<(Vec<u8>, i64)> {
    // SAFETY: op is a TextIOWrapper.
    unsafe {
        let s = st(op)?;
        let (buf, flags) = match s.decoder.as_ref() {
            None => return Err(unsupported("not readable")),
            Some(Decoder::Native { pending, .. }) => (pending.clone(), 0),
            Some(Decoder::Py(d)) => {
                let d = d.clone();
                let r = protocol::call_method_obj(d.as_ptr(), "getstate", &[])?;
                if !tuple::check(r.as_ptr()) || tuple::size(r.as_ptr()) != 2 {
                    return Err(errors::type_error("illegal decoder state"));
                }
                let it = tuple::items(r.as_ptr());
                let b = bytes_arg(it[0])?.into_owned();
                (b, int::as_i64(number::index(it[1])?.as_ptr())?)
            }
        };
        let s = st(op)?;
        if universal(s.mode) {
            Ok((buf, (flags << 1) | s.nl.pendingcr as i64))
        } else {
            Ok((buf, flags))
        }
    }
}

unsafe fn dec_setstate(op: *mut PyObject, buf: &[u8], flags: i64) -> PyResult<()> {
    // SAFETY: op is a TextIOWrapper.
    unsafe {
        let s = st(op)?;
        let flags = if universal(s.mode) {
            s.nl.pendingcr = flags & 1 != 0;
            flags >> 1
        } else {
            flags
        };
        match s.decoder.as_mut() {
            None => Ok(()),
            Some(Decoder::Native { pending, .. }) => {
                *pending = buf.to_vec();
                Ok(())
            }
            Some(Decoder::Py(d)) => {
                let d = d.clone();
                let b = bytes::from_slice(buf)?;
                let f = int::from_i64(flags)?;
                let t = tuple::pack(&[b.as_ptr(), f.as_ptr()])?;
                protocol::call_method_obj(d.as_ptr(), "setstate", &[t.as_ptr()]).map(drop)
            }
        }
    }
}

unsafe fn dec_reset(op: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a TextIOWrapper.
    unsafe {
        let s = st(op)?;
        s.nl.pendingcr = false;
        match s.decoder.as_mut() {
            None => Ok(()),
            Some(Decoder::Native { pending, .. }) => {
                pending.clear();
                Ok(())
            }
            Some(Decoder::Py(d)) => {
                let d = d.clone();
                protocol::call_method_obj(d.as_ptr(), "reset", &[]).map(drop)
            }
        }
    }
}

/// Writes the pending encoded bytes to the buffer.
unsafe fn write_flush(op: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a TextIOWrapper.
    unsafe {
        let s = st(op)?;
        if s.pending.is_empty() {
            return Ok(());
        }
        let data = std::mem::take(&mut s.pending);
        let b = buffer(op)?;
        let o = bytes::from_slice(&data)?;
        protocol::call_method_obj(b.as_ptr(), "write", &[o.as_ptr()])?;
        Ok(())
    }
}

/// Reads and decodes one chunk; false at the end of the stream.
unsafe fn read_chunk(op: *mut PyObject, size_hint: usize) -> PyResult<bool> {
    // SAFETY: op is a TextIOWrapper.
    unsafe {
        let s = st(op)?;
        if s.decoder.is_none() {
            return Err(unsupported("not readable"));
        }
        let telling = s.telling;
        let size = s.chunk_size.max(size_hint);
        let meth = if s.has_read1 { "read1" } else { "read" };
        let snap = if telling {
            Some(dec_getstate(op)?)
        } else {
            None
        };
        let b = buffer(op)?;
        let n = int::from_i64(size as i64)?;
        let chunk = protocol::call_method_obj(b.as_ptr(), meth, &[n.as_ptr()])?;
        let input = match crate::object::bytes_methods::bytes_like(chunk.as_ptr())? {
            Some(d) => d.into_owned(),
            None => {
                return Err(errors::type_error(format!(
                    "underlying {meth}() should have returned a bytes-like object, not '{}'",
                    typeobj::type_name(chunk.as_ptr())
                )))
            }
        };
        let eof = input.is_empty();
        let text = decode(op, &input, eof)?;
        let s = st(op)?;
        s.decoded = text;
        s.dpos = 0;
        if let Some((mut buf, flags)) = snap {
            buf.extend_from_slice(&input);
            s.snapshot = Some((flags, buf));
        }
        Ok(!eof)
    }
}

unsafe fn take_decoded(s: &mut TextIo, n: usize) -> &[u32] {
    let start = s.dpos.min(s.decoded.len());
    let k = (s.decoded.len() - start).min(n);
    s.dpos = start + k;
    &s.decoded[start..start + k]
}

io_method!(textio_read, |slf, args, kws| {
    let [size] = bind("read", args, &kws, ["size"], 0)?;
    let n = opt_size(size)?;
    let b = open_buffer(slf)?;
    if st(slf)?.decoder.is_none() {
        return Err(unsupported("not readable"));
    }
    write_flush(slf)?;
    if n < 0 {
        let all = protocol::call_method_obj(b.as_ptr(), "read", &[])?;
        let data = if all.as_ptr() == none::none() {
            Vec::new()
        } else {
            bytes_arg(all.as_ptr())?.into_owned()
        };
        let more = decode(slf, &data, true)?;
        let s = st(slf)?;
        let mut out = take_decoded(s, usize::MAX).to_vec();
        out.extend_from_slice(&more);
        s.decoded.clear();
        s.dpos = 0;
        s.snapshot = None;
        return pystr::from_ucs4(&out);
    }
    let n = n as usize;
    let mut out: Vec<u32> = take_decoded(st(slf)?, n).to_vec();
    while out.len() < n {
        let more = read_chunk(slf, n - out.len())?;
        let s = st(slf)?;
        out.extend_from_slice(take_decoded(s, n - out.len()));
        if !more {
            break;
        }
    }
    pystr::from_ucs4(&out)
});

/// One line (at most `limit` characters when limit >= 0).
unsafe fn readline(op: *mut PyObject, limit: isize) -> PyResult<Owned> {
    // SAFETY: op is a TextIOWrapper.
    unsafe {
        open_buffer(op)?;
        write_flush(op)?;
        let mut acc: Vec<u32> = Vec::new();
        let mut eof = false;
        loop {
            let s = st(op)?;
            if s.decoder.is_none() {
                return Err(unsupported("not readable"));
            }
            let start = s.dpos.min(s.decoded.len());
            let avail = &s.decoded[start..];
            let mode = if s.mode == NewlineMode::Universal {
                NewlineMode::Lf
            } else {
                s.mode
            };
            if acc.is_empty() {
                // The common case: the line ends inside the decoded chunk.
                let mut end = mode.find_line_end(avail, 0, eof);
                if limit >= 0 {
                    let l = limit as usize;
                    if end.is_some_and(|e| e > l) || (end.is_none() && avail.len() >= l) {
                        end = Some(l);
                    }
                }
                if let Some(e) = end {
                    s.dpos = start + e;
                    return pystr::from_ucs4(&avail[..e]);
                }
            }
            let mut combined = std::mem::take(&mut acc);
            let before = combined.len();
            combined.extend_from_slice(avail);
            let found = mode.find_line_end(&combined, before.saturating_sub(1), eof);
            let mut end = found;
            if limit >= 0 {
                let l = limit as usize;
                if end.is_some_and(|e| e > l) || (end.is_none() && combined.len() >= l) {
                    end = Some(l);
                }
            }
            if let Some(e) = end {
                s.dpos = start + (e - before);
                combined.truncate(e);
                return pystr::from_ucs4(&combined);
            }
            s.dpos = s.decoded.len();
            if eof {
                return pystr::from_ucs4(&combined);
            }
            acc = combined;
            eof = !read_chunk(op, 0)?;
        }
    }
}

io_method!(textio_readline, |slf, args, kws| {
    let [size] = bind("readline", args, &kws, ["size"], 0)?;
    let limit = match size {
        Some(o) if o != none::none() => number::as_ssize(o, exc::PyExc_OverflowError)?,
        _ => -1,
    };
    readline(slf, limit)
});

unsafe extern "C" fn textio_iternext(op: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_iter(|| {
        // SAFETY: op is a TextIOWrapper (or subclass).
        unsafe {
            st(op)?.telling = false;
            let line = if (*op).ob_type == &raw mut TEXTIO_TYPE {
                readline(op, -1)?
            } else {
                let l = protocol::call_method_obj(op, "readline", &[])?;
                if !pystr::check(l.as_ptr()) {
                    return Err(errors::set_string(
                        exc::PyExc_OSError,
                        &format!(
                            "readline() should have returned a str object, not '{}'",
                            typeobj::type_name(l.as_ptr())
                        ),
                    ));
                }
                l
            };
            if pystr::len(line.as_ptr()) == 0 {
                let s = st(op)?;
                s.snapshot = None;
                s.telling = s.seekable;
                return Ok(None);
            }
            Ok(Some(line))
        }
    })
}

io_method!(textio_write, |slf, args, kws| {
    let [text] = bind("write", args, &kws, ["text"], 1)?;
    let n = write(slf, text.unwrap_or(none::none()))?;
    int::from_i64(n as i64)
});

/// Whether the str `text` contains the code point `c`.
unsafe fn str_has_char(text: *mut PyObject, c: u32) -> bool {
    // SAFETY: text is a str; its data has len units of its kind.
    unsafe {
        let n = pystr::len(text) as usize;
        match pystr::kind(text) {
            1 => pystr::data_bytes(text).contains(&(c as u8)),
            _ => (0..n).any(|i| pystr::read_char(text, i) == c),
        }
    }
}

/// `TextIOWrapper.write(text)`: returns the number of characters.
///
/// # Safety
/// `slf` is a `TextIOWrapper`; `text` a valid object.
pub unsafe fn write(slf: *mut PyObject, text: *mut PyObject) -> PyResult<usize> {
    // SAFETY: as documented.
    unsafe {
        buffer(slf)?;
        if !pystr::check(text) {
            return Err(errors::type_error(format!(
                "write() argument must be str, not {}",
                typeobj::type_name(text)
            )));
        }
        open_buffer(slf)?;
        let s = st(slf)?;
        if s.encoder.is_none() {
            return Err(unsupported("not writable"));
        }
        let text_len = pystr::len(text);
        let has = |c: char| str_has_char(text, c as u32);
        let writetranslate = s.mode != NewlineMode::Untranslated;
        let haslf = (writetranslate || s.line_buffering) && has('\n');
        let mut owned: Option<Owned> = None;
        if haslf && writetranslate {
            if let Some(nl) = s.mode.write_nl() {
                let chars: Vec<u32> = pystr::to_ucs4(text)
                    .into_iter()
                    .flat_map(|c| if c == 0x0a { nl.to_vec() } else { vec![c] })
                    .collect();
                owned = Some(pystr::from_ucs4(&chars)?);
            }
        }
        let needflush = s.line_buffering && (haslf || has('\r'));
        let t = owned.as_ref().map_or(text, |o| o.as_ptr());
        // ASCII text is its own encoding in all three native codecs.
        let encoded = if matches!(s.encoder, Some(Encoder::Native(_))) && pystr::is_ascii(t) {
            None
        } else {
            Some(match s.encoder.as_ref() {
                Some(Encoder::Native(c)) => {
                    let c = *c;
                    let errs = s.errors.clone();
                    cc::encode(t, c, Some(&errs))?
                }
                Some(Encoder::Py(e)) => {
                    let e = e.clone();
                    let r = protocol::call_method_obj(e.as_ptr(), "encode", &[t])?;
                    if !bytes::check(r.as_ptr()) {
                        return Err(errors::type_error(format!(
                            "encoder should return a bytes object, not '{}'",
                            typeobj::type_name(r.as_ptr())
                        )));
                    }
                    r
                }
                None => return Err(unsupported("not writable")),
            })
        };
        let data = match &encoded {
            Some(e) => bytes::as_slice(e.as_ptr()),
            None => pystr::data_bytes(t),
        };
        // A write of a chunk or more goes out on its own: what is pending
        // goes first, including what a buffer.write() that runs Python
        // code adds meanwhile.
        if data.len() >= st(slf)?.chunk_size {
            while !st(slf)?.pending.is_empty() {
                write_flush(slf)?;
            }
        }
        let s = st(slf)?;
        s.pending.extend_from_slice(data);
        if s.pending.len() >= s.chunk_size || needflush || s.write_through {
            write_flush(slf)?;
        }
        if needflush {
            let b = buffer(slf)?;
            protocol::call_method_obj(b.as_ptr(), "flush", &[])?;
        }
        // Text decoded ahead is dropped only when the position is tracked
        // (a snapshot exists): a non-seekable stream keeps it.
        let s = st(slf)?;
        if s.snapshot.is_some() {
            s.decoded.clear();
            s.dpos = 0;
            s.snapshot = None;
        }
        if s.decoder.is_some() {
            dec_reset(slf)?;
        }
        Ok(text_len as usize)
    }
}

io_method!(textio_flush, |slf, args, kws| {
    let b = open_buffer(slf)?;
    let s = st(slf)?;
    s.telling = s.seekable;
    write_flush(slf)?;
    protocol::call_method_obj(b.as_ptr(), "flush", &[])
});

io_method!(textio_close, |slf, args, kws| {
    let b = buffer(slf)?;
    if call_closed(b.as_ptr())? {
        return Ok(none::owned());
    }
    if head(slf).finalizing != 0
        && protocol::call_method_obj(b.as_ptr(), "_dealloc_warn", &[slf]).is_err()
    {
        errors::clear();
    }
    let fl_err = match protocol::call_method_obj(slf, "flush", &[]) {
        Ok(_) => None,
        Err(_) => errors::take(),
    };
    let r = protocol::call_method_obj(b.as_ptr(), "close", &[]);
    chain_errors(fl_err, r)?;
    Ok(none::owned())
});

unsafe fn call_closed(b: *mut PyObject) -> PyResult<bool> {
    // SAFETY: b valid.
    unsafe {
        let c = protocol::getattr_str(b, "closed")?;
        protocol::is_true(c.as_ptr())
    }
}

io_method!(textio_detach, |slf, args, kws| {
    buffer(slf)?;
    protocol::call_method_obj(slf, "flush", &[])?;
    match st(slf)?.buffer.take() {
        Some(b) => Ok(b),
        None => Err(errors::value_error("underlying buffer has been detached")),
    }
});

/// Packs a cookie: position | flags << 64 | bytes_to_feed << 128 |
/// chars_to_skip << 192 | need_eof << 256.
fn pack_cookie(pos: i64, flags: i64, feed: usize, need_eof: bool, skip: usize) -> PyResult<Owned> {
    if flags == 0 && feed == 0 && !need_eof && skip == 0 {
        return int::from_i64(pos);
    }
    let mut v = crate::object::int::from_i128(pos as i128 | ((flags as i128) << 64))?;
    // SAFETY: ints throughout.
    unsafe {
        for (val, shift) in [
            (feed as i64, 128),
            (skip as i64, 192),
            (need_eof as i64, 256),
        ] {
            if val != 0 {
                let x = int::from_i64(val)?;
                let sh = int::from_i64(shift)?;
                let part = number::binary_op(x.as_ptr(), sh.as_ptr(), |nb| nb.nb_lshift, "<<")?;
                v = number::binary_op(v.as_ptr(), part.as_ptr(), |nb| nb.nb_or, "|")?;
            }
        }
    }
    Ok(v)
}

/// Unpacks a cookie into (position, flags, bytes_to_feed, need_eof,
/// chars_to_skip).
unsafe fn unpack_cookie(c: *mut PyObject) -> PyResult<(i64, i64, usize, bool, usize)> {
    // SAFETY: c an int.
    unsafe {
        let mut parts = [0u64; 5];
        let mask = int::from_u64(u64::MAX)?;
        let mut cur = Owned::from_borrowed(c);
        let sh = int::from_i64(64)?;
        for p in parts.iter_mut() {
            let low = number::binary_op(cur.as_ptr(), mask.as_ptr(), |nb| nb.nb_and, "&")?;
            *p = int::as_u64(low.as_ptr()).unwrap_or(0);
            cur = number::binary_op(cur.as_ptr(), sh.as_ptr(), |nb| nb.nb_rshift, ">>")?;
        }
        Ok((
            parts[0] as i64,
            parts[1] as i64,
            parts[2] as usize,
            parts[4] != 0,
            parts[3] as usize,
        ))
    }
}

io_method!(textio_tell, |slf, args, kws| {
    let b = open_buffer(slf)?;
    let s = st(slf)?;
    if !s.seekable {
        return Err(unsupported("underlying stream is not seekable"));
    }
    if !s.telling {
        return Err(errors::set_string(
            exc::PyExc_OSError,
            "telling position disabled by next() call",
        ));
    }
    protocol::call_method_obj(slf, "flush", &[])?;
    let pos = protocol::call_method_obj(b.as_ptr(), "tell", &[])?;
    let s = st(slf)?;
    let (Some(_), Some((flags, next_input))) = (s.decoder.as_ref(), s.snapshot.clone()) else {
        return Ok(pos);
    };
    let pos = int::as_i64(number::index(pos.as_ptr())?.as_ptr())?;
    let start = pos - next_input.len() as i64;
    let mut skip = s.dpos;
    if skip == 0 {
        return pack_cookie(start, flags, 0, false, 0);
    }
    let saved = dec_getstate(slf)?;
    let r = (|| -> PyResult<Owned> {
        dec_setstate(slf, b"", flags)?;
        let mut start_pos = start;
        let mut start_flags = flags;
        let mut fed = 0usize;
        let mut chars = 0usize;
        let mut need_eof = false;
        let mut reached = false;
        for &byte in &next_input {
            chars += decode(slf, &[byte], false)?.len();
            fed += 1;
            let (buf, f) = dec_getstate(slf)?;
            if buf.is_empty() && chars <= skip {
                start_pos += fed as i64;
                skip -= chars;
                start_flags = f;
                fed = 0;
                chars = 0;
            }
            if chars >= skip {
                reached = true;
                break;
            }
        }
        if !reached {
            chars += decode(slf, b"", true)?.len();
            need_eof = true;
            if chars < skip {
                return Err(errors::set_string(
                    exc::PyExc_OSError,
                    "can't reconstruct logical file position",
                ));
            }
        }
        pack_cookie(start_pos, start_flags, fed, need_eof, skip)
    })();
    let nl = st(slf)?.nl.seennl;
    dec_setstate(slf, &saved.0, saved.1)?;
    st(slf)?.nl.seennl = nl;
    r
});

io_method!(textio_seek, |slf, args, kws| {
    let [cookie, whence] = bind("seek", args, &kws, ["cookie", "whence"], 1)?;
    let cookie = cookie.unwrap_or(none::none());
    let whence = match whence {
        Some(w) => number::as_ssize(w, exc::PyExc_OverflowError)?,
        None => 0,
    };
    let b = open_buffer(slf)?;
    if !st(slf)?.seekable {
        return Err(unsupported("underlying stream is not seekable"));
    }
    let cookie = number::index(cookie)?;
    let zero = int::sign(cookie.as_ptr()) == 0;
    match whence {
        1 => {
            if !zero {
                return Err(unsupported("can't do nonzero cur-relative seeks"));
            }
            return protocol::call_method_obj(slf, "tell", &[]);
        }
        2 => {
            if !zero {
                return Err(unsupported("can't do nonzero end-relative seeks"));
            }
            protocol::call_method_obj(slf, "flush", &[])?;
            let s = st(slf)?;
            s.decoded.clear();
            s.dpos = 0;
            s.snapshot = None;
            if s.decoder.is_some() {
                dec_reset(slf)?;
            }
            let r = protocol::call_method_obj(b.as_ptr(), "seek", &[int::small(0), int::small(2)])?;
            reset_encoder(slf, int::sign(r.as_ptr()) == 0)?;
            return Ok(r);
        }
        0 => {}
        w => {
            return Err(errors::value_error(format!(
                "invalid whence ({w}, should be 0, 1 or 2)"
            )))
        }
    }
    if int::sign(cookie.as_ptr()) < 0 {
        return Err(errors::value_error(format!(
            "negative seek position {}",
            protocol::repr_string(cookie.as_ptr())?
        )));
    }
    protocol::call_method_obj(slf, "flush", &[])?;
    let (start, flags, feed, need_eof, skip) = unpack_cookie(cookie.as_ptr())?;
    let p = int::from_i64(start)?;
    protocol::call_method_obj(b.as_ptr(), "seek", &[p.as_ptr()])?;
    let s = st(slf)?;
    s.decoded.clear();
    s.dpos = 0;
    s.snapshot = None;
    if s.decoder.is_some() {
        if zero {
            dec_reset(slf)?;
        } else {
            dec_setstate(slf, b"", flags)?;
        }
        st(slf)?.snapshot = Some((flags, Vec::new()));
    }
    if skip > 0 {
        let n = int::from_i64(feed as i64)?;
        let chunk = protocol::call_method_obj(b.as_ptr(), "read", &[n.as_ptr()])?;
        let input = bytes_arg(chunk.as_ptr())?.into_owned();
        let text = decode(slf, &input, need_eof)?;
        if text.len() < skip {
            return Err(errors::set_string(
                exc::PyExc_OSError,
                "can't restore logical file position",
            ));
        }
        let s = st(slf)?;
        s.decoded = text;
        s.dpos = skip;
        s.snapshot = Some((flags, input));
    }
    reset_encoder(slf, zero)?;
    Ok(cookie)
});

/// After a seek: a BOM-writing encoder starts afresh at the start of the
/// stream, and must not write a BOM elsewhere.
unsafe fn reset_encoder(op: *mut PyObject, start: bool) -> PyResult<()> {
    // SAFETY: op is a TextIOWrapper.
    unsafe {
        if let Some(Encoder::Py(e)) = &st(op)?.encoder {
            let e = e.clone();
            if start {
                protocol::call_method_obj(e.as_ptr(), "reset", &[])?;
            } else {
                protocol::call_method_obj(e.as_ptr(), "setstate", &[int::small(0)])?;
            }
        }
        Ok(())
    }
}

io_method!(textio_truncate, |slf, args, kws| {
    let [pos] = bind("truncate", args, &kws, ["pos"], 0)?;
    let b = buffer(slf)?;
    protocol::call_method_obj(slf, "flush", &[])?;
    protocol::call_method_obj(b.as_ptr(), "truncate", &[pos.unwrap_or(none::none())])
});

/// A `line_buffering` or `write_through` argument of `reconfigure`: None
/// (or absent) keeps the setting; anything else goes through `__index__`
/// to a C long, as CPython's `convert_optional_bool` does with
/// `PyLong_AsLong`.
unsafe fn optional_flag(v: Option<*mut PyObject>) -> PyResult<Option<bool>> {
    // SAFETY: v is a live argument.
    unsafe {
        match v.filter(|&v| v != none::none()) {
            None => Ok(None),
            Some(v) => Ok(Some(int::as_i64(number::index(v)?.as_ptr())? != 0)),
        }
    }
}

io_method!(textio_reconfigure, |slf, args, kws| {
    if !args.is_empty() {
        return Err(errors::type_error(format!(
            "reconfigure() takes 0 positional arguments but {} were given",
            args.len() + 1
        )));
    }
    let [enc, errs, newline, lb, wt] = bind(
        "reconfigure",
        &[],
        &kws,
        [
            "encoding",
            "errors",
            "newline",
            "line_buffering",
            "write_through",
        ],
        0,
    )?;
    let encoding = opt_str("reconfigure", "encoding", enc)?;
    let mut errors_ = opt_str("reconfigure", "errors", errs)?;
    let mode = match newline {
        Some(n) if n == crate::object::none::ellipsis() => None,
        None => None,
        n => Some(NewlineMode::parse(n, "reconfigure() ")?),
    };
    let s = st(slf)?;
    if (encoding.is_some() || mode.is_some()) && !s.decoded.is_empty() {
        return Err(unsupported(
            "It is not possible to set the encoding or newline of stream after the first read",
        ));
    }
    if encoding.is_some() && errors_.is_none() {
        errors_ = Some("strict".to_string());
    }
    let line_buffering = optional_flag(lb)?;
    let write_through = optional_flag(wt)?;
    protocol::call_method_obj(slf, "flush", &[])?;
    let s = st(slf)?;
    if let Some(v) = line_buffering {
        s.line_buffering = v;
    }
    if let Some(v) = write_through {
        s.write_through = v;
    }
    if let Some(m) = mode {
        let s = st(slf)?;
        s.mode = m;
        s.nl = Newlines {
            translate: m == NewlineMode::Universal,
            ..Newlines::default()
        };
    }
    if encoding.is_some() || errors_.is_some() {
        let s = st(slf)?;
        let enc = match encoding.as_deref() {
            Some("locale") => LOCALE_ENCODING.to_string(),
            Some(e) => e.to_string(),
            None => s.encoding.clone(),
        };
        let errs = errors_.unwrap_or_else(|| s.errors.clone());
        let (r, w) = (s.decoder.is_some(), s.encoder.is_some());
        let (d, e) = make_codecs(&enc, &errs, r, w)?;
        let s = st(slf)?;
        s.encoding = enc;
        s.errors = errs;
        s.decoder = d;
        s.encoder = e;
        fix_encoder_state(slf)?;
    }
    Ok(none::owned())
});

macro_rules! forward {
    ($name:ident, $meth:literal) => {
        io_method!($name, |slf, args, kws| {
            let b = buffer(slf)?;
            protocol::call_method_obj(b.as_ptr(), $meth, &[])
        });
    };
}
forward!(textio_fileno, "fileno");
forward!(textio_isatty, "isatty");
forward!(textio_readable, "readable");
forward!(textio_writable, "writable");
forward!(textio_seekable, "seekable");

io_getter!(textio_encoding_get, |slf| pystr::from_str(
    &st(slf)?.encoding
));
io_getter!(textio_errors_get, |slf| pystr::from_str(&st(slf)?.errors));
io_getter!(textio_line_buffering_get, |slf| bool_obj(
    st(slf)?.line_buffering
));
io_getter!(textio_write_through_get, |slf| bool_obj(
    st(slf)?.write_through
));
io_getter!(textio_buffer_get, |slf| match &st(slf)?.buffer {
    Some(b) => Ok(b.clone()),
    None => Ok(none::owned()),
});
io_getter!(textio_closed_get, |slf| {
    let b = buffer(slf)?;
    protocol::getattr_str(b.as_ptr(), "closed")
});
io_getter!(textio_name_get, |slf| {
    let b = buffer(slf)?;
    protocol::getattr_str(b.as_ptr(), "name")
});
io_getter!(textio_newlines_get, |slf| {
    let s = st(slf)?;
    if s.decoder.is_none() || !universal(s.mode) {
        return Ok(none::owned());
    }
    s.nl.newlines()
});
io_getter!(textio_chunk_size_get, |slf| int::from_i64(
    st(slf)?.chunk_size as i64
));

unsafe extern "C" fn textio_chunk_size_set(
    op: *mut PyObject,
    value: *mut PyObject,
    _closure: *mut c_void,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a TextIOWrapper.
        unsafe {
            if value.is_null() {
                return Err(errors::attribute_error("cannot delete attribute"));
            }
            let n = number::as_ssize(value, exc::PyExc_OverflowError)?;
            if n <= 0 {
                return Err(errors::value_error(
                    "a strictly positive integer is required",
                ));
            }
            st(op)?.chunk_size = n as usize;
            Ok(())
        }
    })
}

unsafe extern "C" fn textio_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a TextIOWrapper.
        unsafe {
            let tn = typeobj::cstr_or((*(*op).ob_type).tp_name, "TextIOWrapper");
            let mut out = format!("<{tn}");
            for attr in ["name", "mode"] {
                match protocol::getattr_str(op, attr) {
                    Ok(v) => {
                        out.push_str(&format!(" {attr}={}", protocol::repr_string(v.as_ptr())?));
                    }
                    Err(e) => {
                        if errors::matches(exc::PyExc_ValueError)
                            || errors::matches(exc::PyExc_AttributeError)
                        {
                            errors::clear();
                        } else {
                            return Err(e);
                        }
                    }
                }
            }
            let enc = pystr::from_str(&st(op)?.encoding)?;
            out.push_str(&format!(
                " encoding={}>",
                protocol::repr_string(enc.as_ptr())?
            ));
            pystr::from_str(&out)
        }
    })
}

static TEXTIO_METHODS: [PyMethodDef; 19] = [
    method(
        c"__reduce__",
        super::iobase::cannot_pickle as *const c_void,
        FK,
    ),
    method(
        c"__reduce_ex__",
        super::iobase::cannot_pickle as *const c_void,
        FK,
    ),
    method(c"read", textio_read as *const c_void, FK),
    method(c"readline", textio_readline as *const c_void, FK),
    method(c"write", textio_write as *const c_void, FK),
    method(c"flush", textio_flush as *const c_void, FK),
    method(c"close", textio_close as *const c_void, FK),
    method(c"detach", textio_detach as *const c_void, FK),
    method(c"tell", textio_tell as *const c_void, FK),
    method(c"seek", textio_seek as *const c_void, FK),
    method(c"truncate", textio_truncate as *const c_void, FK),
    method(c"reconfigure", textio_reconfigure as *const c_void, FK),
    method(c"fileno", textio_fileno as *const c_void, FK),
    method(c"isatty", textio_isatty as *const c_void, FK),
    method(c"readable", textio_readable as *const c_void, FK),
    method(c"writable", textio_writable as *const c_void, FK),
    method(c"seekable", textio_seekable as *const c_void, FK),
    method(c"__reduce_ex__", textio_reduce as *const c_void, FK),
    METHOD_END,
];

io_method!(textio_reduce, |slf, args, kws| Err(errors::type_error(
    format!("cannot pickle '{}' instances", typeobj::type_name(slf))
)));

static TEXTIO_GETSET: [PyGetSetDef; 11] = [
    getset(c"encoding", Some(textio_encoding_get), None),
    getset(c"errors", Some(textio_errors_get), None),
    getset(c"line_buffering", Some(textio_line_buffering_get), None),
    getset(c"write_through", Some(textio_write_through_get), None),
    getset(c"buffer", Some(textio_buffer_get), None),
    getset(c"closed", Some(textio_closed_get), None),
    getset(c"name", Some(textio_name_get), None),
    getset(c"newlines", Some(textio_newlines_get), None),
    getset(
        c"_CHUNK_SIZE",
        Some(textio_chunk_size_get),
        Some(textio_chunk_size_set),
    ),
    GETSET_END,
    GETSET_END,
];

/// Creates a `TextIOWrapper` over `buf` (for `open` and the standard
/// streams).
pub unsafe fn new(
    buf: *mut PyObject,
    encoding: Option<String>,
    errors_: Option<String>,
    mode: NewlineMode,
    line_buffering: bool,
    write_through: bool,
) -> PyResult<Owned> {
    // SAFETY: the type is ready; buf valid.
    unsafe {
        let op = errors::check(crate::capi::allocation::PyType_GenericAlloc(
            &raw mut TEXTIO_TYPE,
            0,
        ))?;
        init(
            op.as_ptr(),
            buf,
            encoding,
            errors_,
            mode,
            line_buffering,
            write_through,
        )?;
        Ok(op)
    }
}
