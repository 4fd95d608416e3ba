//! `_csv.writer`: formats rows of values as CSV records and passes each
//! to the file's `write` (CPython's `Modules/_csv.c` `join_append`).
use super::dialect::{
    csv_error, format_of, Format, QUOTE_ALL, QUOTE_NONE, QUOTE_NONNUMERIC, QUOTE_NOTNULL,
    QUOTE_STRINGS,
};
use crate::ffi::*;
use crate::modules::objtype::{meth_o, ptr, state, Obj, Refs, State, Visit};
use crate::object::descr::{method, METHOD_END};
use crate::object::{none, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};

/// A writer: the file's bound `write`, the dialect, and the record being
/// built.
pub struct Writer {
    write: Option<Owned>,
    dialect: Option<Owned>,
    fmt: Format,
    lineterminator: Vec<u32>,
    rec: Vec<u32>,
    num_fields: usize,
}

impl State for Writer {
    fn traverse(&self, v: Visit) -> c_int {
        match self.write.visit(v) {
            0 => self.dialect.visit(v),
            r => r,
        }
    }
    fn clear(&mut self) {
        self.write.clear_refs();
        self.dialect.clear_refs();
    }
}

/// `_csv.writer` (also the module's `Writer`).
pub static mut WRITER_TYPE: PyTypeObject = PyTypeObject {
    tp_members: (&raw const WRITER_MEMBERS).cast_mut().cast(),
    tp_methods: (&raw const WRITER_METHODS).cast_mut().cast(),
    ..crate::modules::objtype::gc_type::<Writer>(c"_csv.writer", Py_TPFLAGS_DISALLOW_INSTANTIATION)
};

static WRITER_MEMBERS: [PyMemberDef; 2] = [
    crate::object::exceptions::member(
        c"dialect",
        std::mem::offset_of!(Obj<Writer>, state.dialect),
        Py_READONLY,
        c"",
    ),
    crate::object::exceptions::MEMBER_END,
];

static WRITER_METHODS: [PyMethodDef; 3] = [
    method(c"writerow", writerow as *const c_void, METH_O),
    method(c"writerows", writerows as *const c_void, METH_O),
    METHOD_END,
];

/// A new writer calling `write` with `dialect`.
pub unsafe fn new_writer(write: Owned, dialect: Owned) -> PyResult<Owned> {
    // SAFETY: dialect is a Dialect; its line terminator a str.
    unsafe {
        let (fmt, lt) = format_of(dialect.as_ptr());
        crate::modules::objtype::new_obj(
            &raw mut WRITER_TYPE,
            Writer {
                write: Some(write),
                dialect: Some(dialect),
                fmt,
                lineterminator: pystr::to_ucs4(lt),
                rec: Vec::new(),
                num_fields: 0,
            },
        )
    }
}

impl Writer {
    /// Whether `c` makes a field need quoting or escaping.
    fn special(&self, c: u32) -> bool {
        let f = &self.fmt;
        c == f.delimiter
            || Some(c) == f.escapechar
            || Some(c) == f.quotechar
            || c == 0x0a
            || c == 0x0d
            || self.lineterminator.contains(&c)
    }

    /// Appends one field (`chars`; `null` for None), quoted when `quoted`
    /// or when it holds a special character, or when it is empty and the
    /// delimiter a space that a reader with `skipinitialspace` would skip
    /// (CPython's `join_append`).
    fn append(&mut self, chars: &[u32], null: bool, mut quoted: bool) -> PyResult<()> {
        let f = self.fmt;
        if chars.is_empty() && f.delimiter == 0x20 && f.skipinitialspace {
            if f.quoting == QUOTE_NONE
                || (null && (f.quoting == QUOTE_STRINGS || f.quoting == QUOTE_NOTNULL))
            {
                return Err(csv_error(
                    "empty field must be quoted if delimiter is a space and skipinitialspace is true",
                ));
            }
            quoted = true;
        }
        // Whether each special character is escaped (else it quotes the field).
        let escaped = |c: u32| -> bool {
            if f.quoting == QUOTE_NONE {
                true
            } else if Some(c) == f.quotechar {
                !f.doublequote
            } else {
                Some(c) == f.escapechar
            }
        };
        for &c in chars {
            if self.special(c) {
                if escaped(c) {
                    if f.escapechar.is_none() {
                        return Err(csv_error("need to escape, but no escapechar set"));
                    }
                } else {
                    quoted = true;
                }
            }
        }
        if self.num_fields > 0 {
            self.rec.push(f.delimiter);
        }
        self.num_fields += 1;
        let q = f.quotechar.unwrap_or(0x22);
        if quoted {
            self.rec.push(q);
        }
        for &c in chars {
            if self.special(c) {
                if escaped(c) {
                    self.rec.push(f.escapechar.unwrap_or(0x5c));
                } else if Some(c) == f.quotechar {
                    self.rec.push(q);
                }
            }
            self.rec.push(c);
        }
        if quoted {
            self.rec.push(q);
        }
        Ok(())
    }

    unsafe fn writerow(&mut self, seq: *mut PyObject) -> PyResult<Owned> {
        // SAFETY: seq valid; the fields are valid objects.
        unsafe {
            let it = match protocol::get_iter(seq) {
                Ok(it) => it,
                Err(_) if errors::matches(crate::object::exceptions::PyExc_TypeError) => {
                    errors::clear();
                    return Err(csv_error(&format!(
                        "iterable expected, not {}",
                        crate::object::typeobj::type_name(seq)
                    )));
                }
                Err(e) => return Err(e),
            };
            self.rec.clear();
            self.num_fields = 0;
            let f = self.fmt;
            let mut null_field = false;
            while let Some(field) = protocol::iter_next(it.as_ptr())? {
                let p = field.as_ptr();
                null_field = p == none::none();
                let quoted = match f.quoting {
                    QUOTE_NONNUMERIC => crate::capi::number::PyNumber_Check(p) == 0,
                    QUOTE_ALL => true,
                    QUOTE_STRINGS => pystr::check(p),
                    QUOTE_NOTNULL => p != none::none(),
                    _ => false,
                };
                if null_field {
                    self.append(&[], true, quoted)?;
                } else {
                    let s = if pystr::check(p) {
                        field
                    } else {
                        protocol::str_(p)?
                    };
                    self.append(&pystr::to_ucs4(s.as_ptr()), false, quoted)?;
                }
            }
            if self.num_fields > 0 && self.rec.is_empty() {
                if f.quoting == QUOTE_NONE
                    || (null_field && (f.quoting == QUOTE_STRINGS || f.quoting == QUOTE_NOTNULL))
                {
                    return Err(csv_error("single empty field record must be quoted"));
                }
                self.num_fields -= 1;
                self.append(&[], null_field, true)?;
            }
            self.rec.extend_from_slice(&self.lineterminator);
            let line = pystr::from_ucs4(&self.rec)?;
            protocol::call_args(ptr(&self.write), &[line.as_ptr()])
        }
    }
}

meth_o!(writerow, |slf, seq| state::<Writer>(slf).writerow(seq));

meth_o!(writerows, |slf, rows| {
    let it = protocol::get_iter(rows)?;
    while let Some(row) = protocol::iter_next(it.as_ptr())? {
        state::<Writer>(slf).writerow(row.as_ptr())?;
    }
    Ok(Owned::from_borrowed_static(none::none()))
});
