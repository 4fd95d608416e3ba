//! `_csv.reader`: the CSV parser, a state machine fed one character at a
//! time (CPython's `Modules/_csv.c` `parse_process_char`), iterating over
//! records from any iterable of str.
use super::dialect::{
    csv_error, format_of, Format, QUOTE_NONE, QUOTE_NONNUMERIC, QUOTE_NOTNULL, QUOTE_STRINGS,
};
use crate::capi::boundary::guard_iter;
use crate::ffi::*;
use crate::modules::objtype::{ptr, state, Obj, Refs, State, Visit};
use crate::object::{list, none, protocol, str as pystr};
use crate::runtime::errors::PyResult;
use crate::Owned;
use libc::c_int;
use std::sync::atomic::{AtomicI64, Ordering};

/// `field_size_limit()`: the longest field the parser accepts.
pub static FIELD_LIMIT: AtomicI64 = AtomicI64::new(128 * 1024);

#[derive(Clone, Copy, PartialEq)]
enum St {
    StartRecord,
    StartField,
    EscapedChar,
    InField,
    InQuotedField,
    EscapeInQuotedField,
    QuoteInQuotedField,
    EatCrnl,
    AfterEscapedCrnl,
}

/// A reader: its input, dialect, and the record being parsed.
pub struct Reader {
    input: Option<Owned>,
    dialect: Option<Owned>,
    fields: Option<Owned>,
    fmt: Format,
    state: St,
    field: Vec<u32>,
    unquoted: bool,
    line_num: u64,
}

impl State for Reader {
    fn traverse(&self, v: Visit) -> c_int {
        [&self.input, &self.dialect, &self.fields]
            .into_iter()
            .map(|r| r.visit(v))
            .find(|&r| r != 0)
            .unwrap_or(0)
    }
    fn clear(&mut self) {
        self.input.clear_refs();
        self.dialect.clear_refs();
        self.fields.clear_refs();
    }
}

/// `_csv.reader` (also the module's `Reader`).
pub static mut READER_TYPE: PyTypeObject = PyTypeObject {
    tp_iter: Some(crate::object::iterobject::self_iter),
    tp_iternext: Some(reader_next),
    tp_members: (&raw const READER_MEMBERS).cast_mut().cast(),
    ..crate::modules::objtype::gc_type::<Reader>(c"_csv.reader", Py_TPFLAGS_DISALLOW_INSTANTIATION)
};

static READER_MEMBERS: [PyMemberDef; 3] = [
    crate::object::exceptions::member(
        c"dialect",
        std::mem::offset_of!(Obj<Reader>, state.dialect),
        Py_READONLY,
        c"",
    ),
    PyMemberDef {
        r#type: Py_T_ULONG,
        ..crate::object::exceptions::member(
            c"line_num",
            std::mem::offset_of!(Obj<Reader>, state.line_num),
            Py_READONLY,
            c"",
        )
    },
    crate::object::exceptions::MEMBER_END,
];

/// A new reader over `input` (an iterator) with `dialect`.
pub unsafe fn new_reader(input: Owned, dialect: Owned) -> PyResult<Owned> {
    // SAFETY: dialect is a Dialect.
    let (fmt, _) = unsafe { format_of(dialect.as_ptr()) };
    // SAFETY: the reader type's layout is Obj<Reader>.
    unsafe {
        crate::modules::objtype::new_obj(
            &raw mut READER_TYPE,
            Reader {
                input: Some(input),
                dialect: Some(dialect),
                fields: None,
                fmt,
                state: St::StartRecord,
                field: Vec::new(),
                unquoted: true,
                line_num: 0,
            },
        )
    }
}

/// The end-of-line pseudo character fed after each input line.
const EOL: u32 = u32::MAX;
const LF: u32 = 0x0a;
const CR: u32 = 0x0d;

impl Reader {
    fn reset(&mut self) -> PyResult<()> {
        self.fields = Some(list::new(0)?);
        self.field.clear();
        self.state = St::StartRecord;
        self.unquoted = true;
        Ok(())
    }

    fn save_field(&mut self) -> PyResult<()> {
        let q = self.fmt.quoting;
        let v =
            if self.unquoted && self.field.is_empty() && (q == QUOTE_NOTNULL || q == QUOTE_STRINGS)
            {
                Owned::from_borrowed_static(none::none())
            } else {
                let s = pystr::from_ucs4(&self.field)?;
                if self.unquoted
                    && !self.field.is_empty()
                    && (q == QUOTE_NONNUMERIC || q == QUOTE_STRINGS)
                {
                    // SAFETY: s is a str.
                    unsafe { crate::object::float::from_object(s.as_ptr())? }
                } else {
                    s
                }
            };
        self.field.clear();
        self.unquoted = true;
        // SAFETY: fields is the list made by reset.
        unsafe { list::append(ptr(&self.fields), v.as_ptr()) }
    }

    fn add_char(&mut self, c: u32) -> PyResult<()> {
        let limit = FIELD_LIMIT.load(Ordering::Relaxed);
        if self.field.len() as i64 >= limit {
            return Err(csv_error(&format!(
                "field larger than field limit ({limit})"
            )));
        }
        self.field.push(c);
        Ok(())
    }

    fn end_of_line(&mut self, c: u32) -> PyResult<()> {
        self.save_field()?;
        self.state = if c == EOL {
            St::StartRecord
        } else {
            St::EatCrnl
        };
        Ok(())
    }

    fn process(&mut self, c: u32) -> PyResult<()> {
        let f = self.fmt;
        let is_quote = |c| f.quoting != QUOTE_NONE && Some(c) == f.quotechar;
        let is_escape = |c| Some(c) == f.escapechar;
        let mut state = self.state;
        loop {
            match state {
                St::StartRecord => {
                    if c == EOL {
                        return Ok(());
                    }
                    if c == LF || c == CR {
                        self.state = St::EatCrnl;
                        return Ok(());
                    }
                    state = St::StartField;
                    self.state = St::StartField;
                }
                St::StartField => {
                    if c == LF || c == CR || c == EOL {
                        return self.end_of_line(c);
                    } else if is_quote(c) {
                        self.unquoted = false;
                        self.state = St::InQuotedField;
                    } else if is_escape(c) {
                        self.state = St::EscapedChar;
                    } else if c == 0x20 && f.skipinitialspace {
                    } else if c == f.delimiter {
                        self.save_field()?;
                    } else {
                        self.add_char(c)?;
                        self.state = St::InField;
                    }
                    return Ok(());
                }
                St::EscapedChar => {
                    if c == LF || c == CR {
                        self.add_char(c)?;
                        self.state = St::AfterEscapedCrnl;
                        return Ok(());
                    }
                    self.add_char(if c == EOL { LF } else { c })?;
                    self.state = St::InField;
                    return Ok(());
                }
                St::AfterEscapedCrnl => {
                    if c == EOL {
                        return Ok(());
                    }
                    state = St::InField;
                }
                St::InField => {
                    if c == LF || c == CR || c == EOL {
                        return self.end_of_line(c);
                    } else if is_escape(c) {
                        self.state = St::EscapedChar;
                    } else if c == f.delimiter {
                        self.save_field()?;
                        self.state = St::StartField;
                    } else {
                        self.add_char(c)?;
                        self.state = St::InField;
                    }
                    return Ok(());
                }
                St::InQuotedField => {
                    if c == EOL {
                    } else if is_escape(c) {
                        self.state = St::EscapeInQuotedField;
                    } else if is_quote(c) {
                        self.state = if f.doublequote {
                            St::QuoteInQuotedField
                        } else {
                            St::InField
                        };
                    } else {
                        self.add_char(c)?;
                    }
                    return Ok(());
                }
                St::EscapeInQuotedField => {
                    self.add_char(if c == EOL { LF } else { c })?;
                    self.state = St::InQuotedField;
                    return Ok(());
                }
                St::QuoteInQuotedField => {
                    if is_quote(c) {
                        self.add_char(c)?;
                        self.state = St::InQuotedField;
                    } else if c == f.delimiter {
                        self.save_field()?;
                        self.state = St::StartField;
                    } else if c == LF || c == CR || c == EOL {
                        return self.end_of_line(c);
                    } else if !f.strict {
                        self.add_char(c)?;
                        self.state = St::InField;
                    } else {
                        let d = char::from_u32(f.delimiter).unwrap_or('?');
                        let q = f.quotechar.and_then(char::from_u32).unwrap_or('?');
                        return Err(csv_error(&format!("'{d}' expected after '{q}'")));
                    }
                    return Ok(());
                }
                St::EatCrnl => {
                    if c == LF || c == CR {
                    } else if c == EOL {
                        self.state = St::StartRecord;
                    } else {
                        return Err(csv_error(
                            "new-line character seen in unquoted field - do you need to open the file with newline=''?",
                        ));
                    }
                    return Ok(());
                }
            }
        }
    }

    /// The next record, or None at the end of the input.
    fn next_record(&mut self) -> PyResult<Option<Owned>> {
        self.reset()?;
        let input = ptr(&self.input);
        loop {
            // SAFETY: input is an iterator.
            let line = unsafe { protocol::iter_next(input)? };
            let Some(line) = line else {
                if !self.field.is_empty() || self.state == St::InQuotedField {
                    if self.fmt.strict {
                        return Err(csv_error("unexpected end of data"));
                    }
                    self.save_field()?;
                    break;
                }
                return Ok(None);
            };
            let l = line.as_ptr();
            // SAFETY: l valid; checked to be a str before reading it.
            unsafe {
                if !pystr::check(l) {
                    return Err(csv_error(&format!(
                        "iterator should return strings, not {} (the file should be opened in text mode)",
                        crate::object::typeobj::type_name(l)
                    )));
                }
                self.line_num += 1;
                for i in 0..pystr::len(l) as usize {
                    self.process(pystr::read_char(l, i))?;
                }
            }
            self.process(EOL)?;
            if self.state == St::StartRecord {
                break;
            }
        }
        Ok(self.fields.take())
    }
}

unsafe extern "C" fn reader_next(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a reader.
    guard_iter(|| unsafe { state::<Reader>(op) }.next_record())
}
