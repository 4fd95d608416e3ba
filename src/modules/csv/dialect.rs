//! `_csv.Dialect`: the validated formatting options of a reader or writer
//! (CPython's `Modules/_csv.c`).
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::objtype::{new_obj, parse, ptr, state, state_refs, Obj};
use crate::object::descr::{getset, GETSET_END};
use crate::object::{int, none, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;

pub const QUOTE_MINIMAL: i32 = 0;
pub const QUOTE_ALL: i32 = 1;
pub const QUOTE_NONNUMERIC: i32 = 2;
pub const QUOTE_NONE: i32 = 3;
pub const QUOTE_STRINGS: i32 = 4;
pub const QUOTE_NOTNULL: i32 = 5;

/// The options as plain values (`None`: the character is not set).
#[derive(Clone, Copy)]
pub struct Format {
    pub delimiter: u32,
    pub quotechar: Option<u32>,
    pub escapechar: Option<u32>,
    pub quoting: i32,
    pub doublequote: bool,
    pub skipinitialspace: bool,
    pub strict: bool,
}

/// A dialect object's state.
pub struct Dialect {
    pub fmt: Format,
    doublequote: bool,
    skipinitialspace: bool,
    strict: bool,
    pub lineterminator: Option<Owned>,
}
state_refs!(Dialect, lineterminator);

/// `_csv.Dialect`.
pub static mut DIALECT_TYPE: PyTypeObject = PyTypeObject {
    tp_new: Some(dialect_new),
    tp_members: (&raw const DIALECT_MEMBERS).cast_mut().cast(),
    tp_getset: (&raw const DIALECT_GETSET).cast_mut().cast(),
    tp_doc: c"CSV dialect\n\nThe Dialect type records CSV parsing and generation options.\n"
        .as_ptr(),
    ..crate::modules::objtype::gc_type::<Dialect>(c"_csv.Dialect", Py_TPFLAGS_BASETYPE)
};

macro_rules! flag {
    ($name:literal, $field:ident) => {
        PyMemberDef {
            r#type: Py_T_BOOL,
            ..crate::object::exceptions::member(
                $name,
                std::mem::offset_of!(Obj<Dialect>, state.$field),
                Py_READONLY,
                c"",
            )
        }
    };
}

static DIALECT_MEMBERS: [PyMemberDef; 4] = [
    flag!(c"skipinitialspace", skipinitialspace),
    flag!(c"doublequote", doublequote),
    flag!(c"strict", strict),
    crate::object::exceptions::MEMBER_END,
];

static DIALECT_GETSET: [PyGetSetDef; 6] = [
    getset(c"delimiter", Some(get_delimiter), None),
    getset(c"escapechar", Some(get_escapechar), None),
    getset(c"lineterminator", Some(get_lineterminator), None),
    getset(c"quotechar", Some(get_quotechar), None),
    getset(c"quoting", Some(get_quoting), None),
    GETSET_END,
];

fn char_or_none(c: Option<u32>) -> *mut PyObject {
    match c {
        Some(c) => pystr::char_str(c).map_or(std::ptr::null_mut(), Owned::into_raw),
        // SAFETY: None is immortal.
        None => unsafe { crate::object::refcount::new_ref(none::none()) },
    }
}

unsafe extern "C" fn get_delimiter(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a Dialect.
    char_or_none(Some(unsafe { state::<Dialect>(op) }.fmt.delimiter))
}

unsafe extern "C" fn get_escapechar(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a Dialect.
    char_or_none(unsafe { state::<Dialect>(op) }.fmt.escapechar)
}

unsafe extern "C" fn get_quotechar(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a Dialect.
    char_or_none(unsafe { state::<Dialect>(op) }.fmt.quotechar)
}

unsafe extern "C" fn get_lineterminator(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a Dialect; its line terminator is a str.
    unsafe { crate::object::refcount::xnew_ref(ptr(&state::<Dialect>(op).lineterminator)) }
}

unsafe extern "C" fn get_quoting(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a Dialect.
    guard_obj(|| int::from_i64(unsafe { state::<Dialect>(op) }.fmt.quoting as i64))
}

/// The state of a dialect object (`op` must be one).
pub unsafe fn format_of(op: *mut PyObject) -> (Format, *mut PyObject) {
    // SAFETY: the caller passes a Dialect.
    let d = unsafe { state::<Dialect>(op) };
    (d.fmt, ptr(&d.lineterminator))
}

/// A one-character option: `dflt` when absent; `None` allowed when
/// `nullable`.
unsafe fn char_opt(
    name: &str,
    src: *mut PyObject,
    dflt: Option<u32>,
    nullable: bool,
) -> PyResult<Option<u32>> {
    // SAFETY: src NULL or valid.
    unsafe {
        if src.is_null() {
            return Ok(dflt);
        }
        if nullable && src == none::none() {
            return Ok(None);
        }
        if !pystr::check(src) {
            return Err(errors::type_error(format!(
                "\"{name}\" must be string{}, not {}",
                if nullable { " or None" } else { "" },
                crate::object::typeobj::type_name(src)
            )));
        }
        if pystr::len(src) != 1 {
            return Err(errors::type_error(format!(
                "\"{name}\" must be a 1-character string"
            )));
        }
        Ok(Some(pystr::read_char(src, 0)))
    }
}

unsafe fn bool_opt(src: *mut PyObject, dflt: bool) -> PyResult<bool> {
    // SAFETY: src NULL or valid.
    unsafe {
        if src.is_null() {
            Ok(dflt)
        } else {
            protocol::is_true(src)
        }
    }
}

/// The registry of `_csv` (its `_dialects` dict) and its `Error` class.
pub fn module_attr(name: &str) -> PyResult<Owned> {
    let m = crate::runtime::import::import_absolute("_csv")?;
    // SAFETY: m is a module.
    unsafe { protocol::getattr_str(m.as_ptr(), name) }
}

/// Raises `_csv.Error(msg)`.
pub fn csv_error(msg: &str) -> errors::Raised {
    match module_attr("Error") {
        // SAFETY: e is an exception class.
        Ok(e) => unsafe { errors::set_string(e.as_ptr(), msg) },
        Err(r) => r,
    }
}

/// The registered dialect `name`; `_csv.Error("unknown dialect")` when
/// there is none.
pub unsafe fn lookup(name: *mut PyObject) -> PyResult<Owned> {
    let reg = module_attr("_dialects")?;
    // SAFETY: reg is a dict; name valid.
    unsafe {
        let d = crate::object::dict::get_item(reg.as_ptr(), name)?;
        if d.is_null() {
            return Err(csv_error("unknown dialect"));
        }
        Ok(Owned::from_borrowed(d))
    }
}

const NAMES: [&str; 9] = [
    "dialect",
    "delimiter",
    "doublequote",
    "escapechar",
    "lineterminator",
    "quotechar",
    "quoting",
    "skipinitialspace",
    "strict",
];

fn check_char(name: &str, c: Option<u32>, allow_space: bool) -> PyResult<()> {
    match c {
        Some(0x0d | 0x0a) => Err(errors::value_error(format!("bad {name} value"))),
        Some(0x20) if !allow_space => Err(errors::value_error(format!("bad {name} value"))),
        _ => Ok(()),
    }
}

fn check_pair(a: &str, b: &str, x: Option<u32>, y: Option<u32>) -> PyResult<()> {
    if x.is_some() && x == y {
        return Err(errors::value_error(format!("bad {a} or {b} value")));
    }
    Ok(())
}

unsafe extern "C" fn dialect_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple; kwargs NULL or a dict.
        unsafe {
            if !kwargs.is_null() {
                let mut pos = 0;
                while let Some((k, _)) = crate::object::dict::next(kwargs, &mut pos) {
                    let k = pystr::as_str(k)?;
                    if !NAMES.contains(&k) {
                        return Err(errors::type_error(format!(
                            "this function got an unexpected keyword argument '{k}'"
                        )));
                    }
                }
            }
            let given = parse("Dialect", args, kwargs, NAMES, 0, 0)?;
            let mut a: [Option<Owned>; 9] = Default::default();
            for (slot, &p) in a.iter_mut().zip(&given) {
                *slot = crate::modules::objtype::some(p);
            }
            if let Some(d) = a[0].take() {
                let d = if pystr::check(d.as_ptr()) {
                    lookup(d.as_ptr())?
                } else {
                    d
                };
                let dialect_type = &raw mut DIALECT_TYPE;
                if crate::object::typeobj::instance_of(d.as_ptr(), dialect_type)
                    && a[1..].iter().all(Option::is_none)
                {
                    return Ok(d);
                }
                for (slot, name) in a.iter_mut().zip(NAMES).skip(1) {
                    if slot.is_none() {
                        match protocol::getattr_str(d.as_ptr(), name) {
                            Ok(v) => *slot = Some(v),
                            Err(_) => errors::clear(),
                        }
                    }
                }
            }
            let p = |i: usize| ptr(&a[i]);
            let delimiter = char_opt("delimiter", p(1), Some(u32::from(b',')), false)?;
            let doublequote = bool_opt(p(2), true)?;
            let escapechar = char_opt("escapechar", p(3), None, true)?;
            let lineterminator = match p(4) {
                l if l.is_null() => Some(pystr::from_str("\r\n")?),
                l if l == none::none() => None,
                l if !pystr::check(l) => {
                    return Err(errors::type_error("\"lineterminator\" must be a string"));
                }
                l => Some(Owned::from_borrowed(l)),
            };
            let quotechar = char_opt("quotechar", p(5), Some(u32::from(b'"')), true)?;
            let mut quoting = match p(6) {
                q if q.is_null() => QUOTE_MINIMAL,
                q if (*q).ob_type != &raw mut int::PyLong_Type => {
                    return Err(errors::type_error("\"quoting\" must be an integer"));
                }
                q => {
                    let v = int::as_i64(q)?;
                    i32::try_from(v).map_err(|_| {
                        errors::overflow_error("Python int too large to convert to C int")
                    })?
                }
            };
            let skipinitialspace = bool_opt(p(7), false)?;
            let strict = bool_opt(p(8), false)?;
            if !(QUOTE_MINIMAL..=QUOTE_NOTNULL).contains(&quoting) {
                return Err(errors::type_error("bad \"quoting\" value"));
            }
            let Some(delimiter) = delimiter else {
                return Err(errors::type_error(
                    "\"delimiter\" must be a 1-character string",
                ));
            };
            if p(5) == none::none() && p(6).is_null() {
                quoting = QUOTE_NONE;
            }
            if quoting != QUOTE_NONE && quotechar.is_none() {
                return Err(errors::type_error(
                    "quotechar must be set if quoting enabled",
                ));
            }
            if lineterminator.is_none() {
                return Err(errors::type_error("lineterminator must be set"));
            }
            check_char("delimiter", Some(delimiter), true)?;
            check_char("quotechar", quotechar, !skipinitialspace)?;
            check_char("escapechar", escapechar, !skipinitialspace)?;
            check_pair("delimiter", "escapechar", Some(delimiter), escapechar)?;
            check_pair("delimiter", "quotechar", Some(delimiter), quotechar)?;
            check_pair("escapechar", "quotechar", escapechar, quotechar)?;
            if let Some(lt) = &lineterminator {
                let lt = pystr::to_ucs4(lt.as_ptr());
                for (name, c) in [
                    ("delimiter", Some(delimiter)),
                    ("escapechar", escapechar),
                    ("quotechar", quotechar),
                ] {
                    if c.is_some_and(|c| lt.contains(&c)) {
                        return Err(errors::value_error(format!(
                            "bad {name} or lineterminator value"
                        )));
                    }
                }
            }
            new_obj(
                tp,
                Dialect {
                    fmt: Format {
                        delimiter,
                        quotechar,
                        escapechar,
                        quoting,
                        doublequote,
                        skipinitialspace,
                        strict,
                    },
                    doublequote,
                    skipinitialspace,
                    strict,
                    lineterminator,
                },
            )
        }
    })
}

/// A dialect made from `dialect` (NULL: the default) and keyword options
/// (CPython's `_call_dialect`).
pub unsafe fn call_dialect(dialect: *mut PyObject, kwargs: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: dialect NULL or valid; kwargs NULL or a dict.
    unsafe {
        let args = if dialect.is_null() {
            crate::object::tuple::empty()
        } else {
            crate::object::tuple::pack(&[dialect])?
        };
        protocol::call((&raw mut DIALECT_TYPE).cast(), args.as_ptr(), kwargs)
    }
}
