//! `_io.StringIO` (`Modules/_io/stringio.c`): a text stream over an
//! in-memory buffer of code points, with the `newline` handling of
//! `TextIOWrapper` applied when text is written.
use super::newline::Newlines;
use super::*;
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::{int, list};

/// `_io.StringIO`.
pub static mut STRINGIO_TYPE: PyTypeObject = PyTypeObject {
    tp_methods: (&raw const STRINGIO_METHODS).cast_mut().cast(),
    tp_getset: (&raw const STRINGIO_GETSET).cast_mut().cast(),
    tp_init: Some(stringio_init),
    tp_iternext: Some(stringio_iternext),
    tp_doc: c"StringIO(initial_value='', newline='\\n')\n--\n\nA text stream held in memory, starting with initial_value."
        .as_ptr(),
    ..io_type(c"_io.StringIO", &raw mut super::iobase::TEXTIOBASE_TYPE)
};

/// How a stream splits and translates lines (the `newline` argument).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NewlineMode {
    /// None: universal newlines, translated to `\n` on input.
    Universal,
    /// "": universal newlines, untranslated.
    Untranslated,
    Lf,
    Cr,
    CrLf,
}

impl NewlineMode {
    /// Parses the `newline` argument (`TypeError`/`ValueError` as CPython).
    /// `StringIO` shows the bad value's repr in the message, the other
    /// classes its text.
    pub unsafe fn parse(o: Option<*mut PyObject>, fname: &str) -> PyResult<NewlineMode> {
        // SAFETY: o valid when present.
        unsafe {
            let o = match o {
                None => return Ok(NewlineMode::Universal),
                Some(o) if o == none::none() => return Ok(NewlineMode::Universal),
                Some(o) => o,
            };
            if !pystr::check(o) {
                return Err(errors::type_error(format!(
                    "{fname}argument 'newline' must be str or None, not {}",
                    typeobj::type_name(o)
                )));
            }
            Ok(match pystr::as_str(o)? {
                "" => NewlineMode::Untranslated,
                "\n" => NewlineMode::Lf,
                "\r" => NewlineMode::Cr,
                "\r\n" => NewlineMode::CrLf,
                _ => {
                    let shown = if fname.is_empty() {
                        protocol::repr_string(o)?
                    } else {
                        pystr::as_str(o)?.to_string()
                    };
                    return Err(errors::value_error(format!(
                        "illegal newline value: {shown}"
                    )));
                }
            })
        }
    }

    /// What `\n` becomes when written (None: unchanged).
    pub fn write_nl(self) -> Option<&'static [u32]> {
        match self {
            NewlineMode::Cr => Some(&[0x0d]),
            NewlineMode::CrLf => Some(&[0x0d, 0x0a]),
            _ => None,
        }
    }

    /// The end of the first line in `text[from..]` (index after its
    /// ending), or None; `eof` says no more text follows, so a final `\r`
    /// ends a line in the universal modes.
    pub fn find_line_end(self, text: &[u32], from: usize, eof: bool) -> Option<usize> {
        const CR: u32 = 0x0d;
        const LF: u32 = 0x0a;
        let t = &text[from..];
        match self {
            NewlineMode::Universal | NewlineMode::Lf => {
                t.iter().position(|&c| c == LF).map(|i| from + i + 1)
            }
            NewlineMode::Cr => t.iter().position(|&c| c == CR).map(|i| from + i + 1),
            NewlineMode::CrLf => {
                let mut i = 0;
                while i + 1 < t.len() {
                    if t[i] == CR && t[i + 1] == LF {
                        return Some(from + i + 2);
                    }
                    i += 1;
                }
                None
            }
            NewlineMode::Untranslated => {
                let i = t.iter().position(|&c| c == CR || c == LF)?;
                if t[i] == LF {
                    return Some(from + i + 1);
                }
                match t.get(i + 1) {
                    Some(&LF) => Some(from + i + 2),
                    Some(_) => Some(from + i + 1),
                    None if eof => Some(from + i + 1),
                    // A final \r may be the start of \r\n.
                    None => None,
                }
            }
        }
    }
}

/// The state of a `StringIO`.
struct StringIo {
    buf: Vec<u32>,
    pos: usize,
    closed: bool,
    mode: NewlineMode,
    nl: Newlines,
}

impl IoState for StringIo {}

unsafe fn st<'a>(op: *mut PyObject) -> PyResult<&'a mut StringIo> {
    // SAFETY: the kind tag guarantees the type.
    unsafe { state::<StringIo>(op, KIND_STRINGIO) }
}

unsafe fn open_st<'a>(op: *mut PyObject) -> PyResult<&'a mut StringIo> {
    // SAFETY: as above.
    unsafe {
        let s = st(op)?;
        if s.closed {
            // StringIO's message has no final period (stringio.c).
            return Err(errors::value_error("I/O operation on closed file"));
        }
        Ok(s)
    }
}

unsafe extern "C" fn stringio_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: args a tuple; kw NULL or a dict.
        unsafe {
            let kws = super::fileio::kw_pairs(kw)?;
            let kwr: Vec<(&str, *mut PyObject)> =
                kws.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            let [value, newline] = bind(
                "StringIO",
                tuple::items(args),
                &kwr,
                ["initial_value", "newline"],
                0,
            )?;
            if let Some(n) = newline {
                if n != none::none() && !pystr::check(n) {
                    return Err(errors::type_error(format!(
                        "newline must be str or None, not {}",
                        typeobj::type_name(n)
                    )));
                }
            }
            let mode = match newline {
                None => NewlineMode::Lf,
                n => NewlineMode::parse(n, "")?,
            };
            let value = match value {
                Some(v) if v == none::none() => None,
                Some(v) if pystr::check(v) => Some(v),
                Some(v) => {
                    return Err(errors::type_error(format!(
                        "initial_value must be str or None, not {}",
                        typeobj::type_name(v)
                    )))
                }
                None => None,
            };
            set_state(
                op,
                KIND_STRINGIO,
                StringIo {
                    buf: Vec::new(),
                    pos: 0,
                    closed: false,
                    mode,
                    nl: Newlines {
                        translate: mode == NewlineMode::Universal,
                        ..Newlines::default()
                    },
                },
            );
            if let Some(v) = value {
                write_str(st(op)?, v);
                st(op)?.pos = 0;
            }
            Ok(())
        }
    })
}

/// Writes the str `s` at the position with the newline translation
/// (nothing, not even padding, for an empty str).
unsafe fn write_str(s: &mut StringIo, text: *mut PyObject) {
    if pystr::len(text) == 0 {
        return;
    }
    // SAFETY: text is a str.
    let mut chars = unsafe { pystr::to_ucs4(text) };
    if s.mode == NewlineMode::Universal {
        chars = s.nl.process(chars, true);
    }
    if let Some(nl) = s.mode.write_nl() {
        let mut out = Vec::with_capacity(chars.len());
        for c in chars {
            if c == 0x0a {
                out.extend_from_slice(nl);
            } else {
                out.push(c);
            }
        }
        chars = out;
    }
    if s.pos > s.buf.len() {
        s.buf.resize(s.pos, 0);
    }
    let end = s.pos + chars.len();
    if end > s.buf.len() {
        s.buf.resize(end, 0);
    }
    s.buf[s.pos..end].copy_from_slice(&chars);
    s.pos = end;
}

io_method!(stringio_write, |slf, args, kws| {
    let [t] = bind("write", args, &kws, ["s"], 1)?;
    let t = t.unwrap_or(null_mut());
    if !pystr::check(t) {
        return Err(errors::type_error(format!(
            "string argument expected, got '{}'",
            typeobj::type_name(t)
        )));
    }
    let s = open_st(slf)?;
    write_str(s, t);
    int::from_i64(pystr::len(t) as i64)
});

/// Reads up to `n` characters (all for n < 0) at the position; a
/// position past the end stays where it is.
fn read_n(s: &mut StringIo, n: isize) -> &[u32] {
    if s.pos >= s.buf.len() {
        return &[];
    }
    let start = s.pos;
    let avail = s.buf.len() - start;
    let n = if n < 0 {
        avail
    } else {
        (n as usize).min(avail)
    };
    s.pos = start + n;
    &s.buf[start..start + n]
}

/// One line (up to `limit` characters when limit >= 0) at the position;
/// a position past the end stays where it is.
fn read_line(s: &mut StringIo, limit: isize) -> &[u32] {
    if s.pos >= s.buf.len() {
        return &[];
    }
    let start = s.pos;
    let mode = if s.mode == NewlineMode::Universal {
        NewlineMode::Lf
    } else {
        s.mode
    };
    let mut end = mode
        .find_line_end(&s.buf, start, true)
        .unwrap_or(s.buf.len());
    if limit >= 0 {
        end = end.min(start + limit as usize);
    }
    s.pos = end;
    &s.buf[start..end]
}

io_method!(stringio_read, |slf, args, kws| {
    let [size] = bind("read", args, &kws, ["size"], 0)?;
    let n = opt_size(size)?;
    pystr::from_ucs4(read_n(open_st(slf)?, n))
});

io_method!(stringio_readline, |slf, args, kws| {
    let [size] = bind("readline", args, &kws, ["size"], 0)?;
    let n = opt_size(size)?;
    pystr::from_ucs4(read_line(open_st(slf)?, n))
});

io_method!(stringio_readlines, |slf, args, kws| {
    let [hint] = bind("readlines", args, &kws, ["hint"], 0)?;
    let hint = opt_size(hint)?;
    let s = open_st(slf)?;
    let out = list::new(0)?;
    let mut total = 0usize;
    loop {
        let line = read_line(s, -1);
        if line.is_empty() {
            break;
        }
        total += line.len();
        let l = pystr::from_ucs4(line)?;
        list::append(out.as_ptr(), l.as_ptr())?;
        if hint > 0 && total >= hint as usize {
            break;
        }
    }
    Ok(out)
});

unsafe extern "C" fn stringio_iternext(op: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_iter(|| {
        // SAFETY: op is a StringIO (or subclass).
        unsafe {
            if (*op).ob_type != &raw mut STRINGIO_TYPE {
                let line = protocol::call_method_obj(op, "readline", &[])?;
                if !pystr::check(line.as_ptr()) {
                    return Err(errors::set_string(
                        exc::PyExc_OSError,
                        &format!(
                            "readline() should have returned a str object, not '{}'",
                            typeobj::type_name(line.as_ptr())
                        ),
                    ));
                }
                return Ok((pystr::len(line.as_ptr()) > 0).then_some(line));
            }
            let line = read_line(open_st(op)?, -1);
            if line.is_empty() {
                return Ok(None);
            }
            pystr::from_ucs4(line).map(Some)
        }
    })
}

io_method!(stringio_seek, |slf, args, kws| {
    let [pos, whence] = bind("seek", args, &kws, ["pos", "whence"], 1)?;
    let pos = number::as_ssize(
        number::index(pos.unwrap_or(null_mut()))?.as_ptr(),
        exc::PyExc_OverflowError,
    )?;
    let whence = match whence {
        Some(w) => number::as_ssize(w, exc::PyExc_OverflowError)?,
        None => 0,
    };
    let s = open_st(slf)?;
    let newpos = match whence {
        0 if pos < 0 => return Err(errors::value_error(format!("Negative seek position {pos}"))),
        0 => pos as usize,
        1 | 2 if pos != 0 => {
            return Err(errors::set_string(
                exc::PyExc_OSError,
                "Can't do nonzero cur-relative seeks",
            ))
        }
        1 => s.pos,
        2 => s.buf.len(),
        w => {
            return Err(errors::value_error(format!(
                "Invalid whence ({w}, should be 0, 1 or 2)"
            )))
        }
    };
    s.pos = newpos;
    int::from_i64(newpos as i64)
});

io_method!(stringio_tell, |slf, args, kws| int::from_i64(
    open_st(slf)?.pos as i64
));

io_method!(stringio_truncate, |slf, args, kws| {
    let [size] = bind("truncate", args, &kws, ["pos"], 0)?;
    let s = open_st(slf)?;
    let size = match size {
        Some(o) if o != none::none() => {
            number::as_ssize(number::index(o)?.as_ptr(), exc::PyExc_OverflowError)?
        }
        _ => s.pos as isize,
    };
    if size < 0 {
        return Err(errors::value_error(format!("Negative size value {size}")));
    }
    let s = open_st(slf)?;
    if (size as usize) < s.buf.len() {
        s.buf.truncate(size as usize);
    }
    int::from_i64(size as i64)
});

io_method!(stringio_getvalue, |slf, args, kws| pystr::from_ucs4(
    &open_st(slf)?.buf
));

io_method!(stringio_true, |slf, args, kws| {
    open_st(slf)?;
    bool_obj(true)
});

io_method!(stringio_close, |slf, args, kws| {
    let s = st(slf)?;
    s.closed = true;
    s.buf = Vec::new();
    Ok(none::owned())
});

impl NewlineMode {
    /// The `newline` argument that selects this mode (None for
    /// universal newlines).
    unsafe fn argument(self) -> PyResult<Owned> {
        let text = match self {
            NewlineMode::Universal => return Ok(none::owned()),
            NewlineMode::Untranslated => "",
            NewlineMode::Lf => "\n",
            NewlineMode::Cr => "\r",
            NewlineMode::CrLf => "\r\n",
        };
        pystr::from_str(text)
    }
}

// `StringIO.__getstate__`: (value, newline argument, position, dict copy
// or None).
io_method!(stringio_getstate, |slf, args, kws| {
    let s = open_st(slf)?;
    let value = pystr::from_ucs4(&s.buf)?;
    let newline = s.mode.argument()?;
    let pos = int::from_i64(s.pos as i64)?;
    tuple::from_vec(vec![value, newline, pos, dict_state(slf)?])
});

// `StringIO.__setstate__((value, newline, position, dict))`: initialized
// with the value and newline, then the value is taken back as it is (its
// newlines were translated when it was first written).
io_method!(stringio_setstate, |slf, args, kws| {
    let [state] = bind("__setstate__", args, &kws, ["state"], 1)?;
    let state = state.unwrap_or(null_mut());
    if !tuple::check(state) || tuple::size(state) < 4 {
        return Err(errors::type_error(format!(
            "{}.__setstate__ argument should be 4-tuple, got {}",
            typeobj::type_name(slf),
            typeobj::type_name(state)
        )));
    }
    let [value, newline, pos, dict] = [0, 1, 2, 3].map(|i| tuple::items(state)[i]);
    // An unpickled StringIO is not initialized yet; a closed one refuses.
    if try_state::<StringIo>(slf, KIND_STRINGIO).is_some_and(|s| s.closed) {
        open_st(slf)?;
    }
    let init_args = tuple::pack(&[value, newline])?;
    if stringio_init(slf, init_args.as_ptr(), null_mut()) < 0 {
        return Err(Raised::assume());
    }
    st(slf)?.buf = if pystr::check(value) {
        pystr::to_ucs4(value)
    } else {
        Vec::new()
    };
    st(slf)?.pos = position_state(pos, "third", "got")?;
    restore_dict_state(slf, dict, "fourth")?;
    Ok(none::owned())
});

io_getter!(stringio_closed_get, |slf| bool_obj(st(slf)?.closed));
io_getter!(stringio_line_buffering_get, |slf| {
    open_st(slf)?;
    bool_obj(false)
});
io_getter!(stringio_newlines_get, |slf| {
    let s = open_st(slf)?;
    if s.mode != NewlineMode::Universal {
        return Ok(none::owned());
    }
    s.nl.newlines()
});

static STRINGIO_METHODS: [PyMethodDef; 15] = [
    method(c"__getstate__", stringio_getstate as *const c_void, FK),
    method(c"__setstate__", stringio_setstate as *const c_void, FK),
    method(c"write", stringio_write as *const c_void, FK),
    method(c"read", stringio_read as *const c_void, FK),
    method(c"readline", stringio_readline as *const c_void, FK),
    method(c"readlines", stringio_readlines as *const c_void, FK),
    method(c"seek", stringio_seek as *const c_void, FK),
    method(c"tell", stringio_tell as *const c_void, FK),
    method(c"truncate", stringio_truncate as *const c_void, FK),
    method(c"getvalue", stringio_getvalue as *const c_void, FK),
    method(c"readable", stringio_true as *const c_void, FK),
    method(c"writable", stringio_true as *const c_void, FK),
    method(c"seekable", stringio_true as *const c_void, FK),
    method(c"close", stringio_close as *const c_void, FK),
    METHOD_END,
];

static STRINGIO_GETSET: [PyGetSetDef; 4] = [
    getset(c"closed", Some(stringio_closed_get), None),
    getset(c"line_buffering", Some(stringio_line_buffering_get), None),
    getset(c"newlines", Some(stringio_newlines_get), None),
    GETSET_END,
];
