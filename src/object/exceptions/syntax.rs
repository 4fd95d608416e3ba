//! `SyntaxError` (and `IndentationError`, `TabError`):
//! `SyntaxError(msg, (filename, lineno, offset, text[, end_lineno,
//! end_offset]))` and its `msg (file.py, line N)` text.
use super::*;
use std::mem::offset_of;

impl ExcLayout for PySyntaxErrorObject {
    const FIELDS: &'static [usize] = &[
        offset_of!(PySyntaxErrorObject, msg),
        offset_of!(PySyntaxErrorObject, filename),
        offset_of!(PySyntaxErrorObject, lineno),
        offset_of!(PySyntaxErrorObject, offset),
        offset_of!(PySyntaxErrorObject, end_lineno),
        offset_of!(PySyntaxErrorObject, end_offset),
        offset_of!(PySyntaxErrorObject, text),
        offset_of!(PySyntaxErrorObject, print_file_and_line),
        offset_of!(PySyntaxErrorObject, metadata),
    ];
}

pub(super) static MEMBERS: [PyMemberDef; 10] = [
    member(
        c"msg",
        offset_of!(PySyntaxErrorObject, msg),
        0,
        c"exception msg",
    ),
    member(
        c"filename",
        offset_of!(PySyntaxErrorObject, filename),
        0,
        c"exception filename",
    ),
    member(
        c"lineno",
        offset_of!(PySyntaxErrorObject, lineno),
        0,
        c"exception lineno",
    ),
    member(
        c"offset",
        offset_of!(PySyntaxErrorObject, offset),
        0,
        c"exception offset",
    ),
    member(
        c"text",
        offset_of!(PySyntaxErrorObject, text),
        0,
        c"exception text",
    ),
    member(
        c"end_lineno",
        offset_of!(PySyntaxErrorObject, end_lineno),
        0,
        c"exception end lineno",
    ),
    member(
        c"end_offset",
        offset_of!(PySyntaxErrorObject, end_offset),
        0,
        c"exception end offset",
    ),
    member(
        c"print_file_and_line",
        offset_of!(PySyntaxErrorObject, print_file_and_line),
        0,
        c"exception print_file_and_line",
    ),
    member(
        c"_metadata",
        offset_of!(PySyntaxErrorObject, metadata),
        0,
        c"exception private metadata",
    ),
    MEMBER_END,
];

#[inline]
unsafe fn se(op: *mut PyObject) -> *mut PySyntaxErrorObject {
    op.cast()
}

/// `SyntaxError.__init__`.
pub(super) unsafe extern "C" fn init(
    op: *mut PyObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op is a SyntaxError; args a tuple.
        unsafe {
            no_keywords((*op).ob_type, kw)?;
            init_args(op, args);
            let s = se(op);
            let items = tuple::items(args);
            if let Some(&msg) = items.first() {
                set_field(&raw mut (*s).msg, msg);
            }
            if items.len() == 2 {
                let info = tuple::from_iterable(items[1])?;
                let fields = tuple::items(info.as_ptr());
                match fields.len() {
                    0..=3 => {
                        return Err(errors::type_error(format!(
                            "function takes at least 4 arguments ({} given)",
                            fields.len()
                        )))
                    }
                    7.. => {
                        return Err(errors::type_error(format!(
                            "function takes at most 6 arguments ({} given)",
                            fields.len()
                        )))
                    }
                    5 => {
                        return Err(errors::type_error(
                            "end_offset must be provided when end_lineno is provided",
                        ))
                    }
                    _ => {}
                }
                let slots = [
                    &raw mut (*s).filename,
                    &raw mut (*s).lineno,
                    &raw mut (*s).offset,
                    &raw mut (*s).text,
                    &raw mut (*s).end_lineno,
                    &raw mut (*s).end_offset,
                ];
                for (slot, &v) in slots.into_iter().zip(fields) {
                    set_field(slot, v);
                }
            }
            Ok(())
        }
    })
}

/// `SyntaxError.__str__`: `msg (basename, line N)`, `msg (basename)`,
/// `msg (line N)` or `str(msg)`.
pub(super) unsafe extern "C" fn str(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a SyntaxError.
        unsafe {
            let s = se(op);
            let msg = if (*s).msg.is_null() {
                none::none()
            } else {
                (*s).msg
            };
            let filename = if !(*s).filename.is_null() && pystr::check((*s).filename) {
                let f = pystr::as_str((*s).filename)?;
                Some(f.rsplit('/').next().unwrap_or(f).to_string())
            } else {
                None
            };
            let lineno =
                if !(*s).lineno.is_null() && (*(*s).lineno).ob_type == &raw mut int::PyLong_Type {
                    Some(protocol::str_((*s).lineno)?)
                } else {
                    None
                };
            if filename.is_none() && lineno.is_none() {
                return protocol::str_(msg);
            }
            let m = protocol::str_(msg)?;
            let m = pystr::as_str(m.as_ptr())?;
            let line = match &lineno {
                Some(l) => Some(pystr::as_str(l.as_ptr())?),
                None => None,
            };
            let text = match (filename, line) {
                (Some(f), Some(l)) => format!("{m} ({f}, line {l})"),
                (Some(f), None) => format!("{m} ({f})"),
                (None, Some(l)) => format!("{m} (line {l})"),
                (None, None) => unreachable!(),
            };
            pystr::from_str(&text)
        }
    })
}
