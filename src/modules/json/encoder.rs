//! `_json.make_encoder` (the `_json.Encoder` type), as CPython's
//! `Modules/_json.c`: encodes a whole object tree into one str, with the
//! options of `json.JSONEncoder` (indent, separators, sort_keys, skipkeys,
//! allow_nan, default, check_circular through `markers`).
use super::writer::{escape, escape_ascii, Writer};
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::objtype::{new_obj, parse, ptr, some, state, Obj, Refs, State, Visit};
use crate::object::exceptions::{member, MEMBER_END};
use crate::object::{bool as pybool, dict, float, int, list, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_int;

/// How strings are encoded: by one of this module's escapers in place, or
/// by calling the `encoder` object.
#[derive(Clone, Copy, PartialEq)]
enum Fast {
    Ascii,
    Plain,
    Call,
}

/// An encoder's options.
pub struct Encoder {
    markers: Option<Owned>,
    default: Option<Owned>,
    encoder: Option<Owned>,
    indent: Option<Owned>,
    key_separator: Option<Owned>,
    item_separator: Option<Owned>,
    sort_keys: bool,
    skipkeys: bool,
    allow_nan: bool,
    fast: Fast,
}

impl State for Encoder {
    fn traverse(&self, v: Visit) -> c_int {
        [
            &self.markers,
            &self.default,
            &self.encoder,
            &self.indent,
            &self.key_separator,
            &self.item_separator,
        ]
        .into_iter()
        .map(|r| r.visit(v))
        .find(|&r| r != 0)
        .unwrap_or(0)
    }
    fn clear(&mut self) {
        for r in [
            &mut self.markers,
            &mut self.default,
            &mut self.encoder,
            &mut self.indent,
            &mut self.key_separator,
            &mut self.item_separator,
        ] {
            r.clear_refs();
        }
    }
}

/// `_json.Encoder` (the module's `make_encoder`).
pub static mut ENCODER_TYPE: PyTypeObject = PyTypeObject {
    tp_new: Some(encoder_new),
    tp_call: Some(encoder_call),
    tp_members: (&raw const ENCODER_MEMBERS).cast_mut().cast(),
    ..crate::modules::objtype::gc_type::<Encoder>(c"_json.Encoder", 0)
};

macro_rules! ro {
    ($name:literal, $field:ident) => {
        member(
            $name,
            std::mem::offset_of!(Obj<Encoder>, state.$field),
            Py_READONLY,
            $name,
        )
    };
}

static ENCODER_MEMBERS: [PyMemberDef; 9] = [
    ro!(c"markers", markers),
    ro!(c"default", default),
    ro!(c"encoder", encoder),
    ro!(c"indent", indent),
    ro!(c"key_separator", key_separator),
    ro!(c"item_separator", item_separator),
    PyMemberDef {
        r#type: Py_T_BOOL,
        ..ro!(c"sort_keys", sort_keys)
    },
    PyMemberDef {
        r#type: Py_T_BOOL,
        ..ro!(c"skipkeys", skipkeys)
    },
    MEMBER_END,
];

/// Which of this module's escapers `f` is, if it is one.
unsafe fn fast_of(f: *mut PyObject) -> Fast {
    // SAFETY: f valid; a builtin function's method def is static.
    unsafe {
        if (*f).ob_type != &raw mut crate::object::methodobject::PyCFunction_Type {
            return Fast::Call;
        }
        let ml = (*f.cast::<PyCFunctionObject>()).m_ml;
        let meth = (*ml).ml_meth.map(|m| m as usize);
        if meth == Some(super::encode_basestring_ascii as *const () as usize) {
            Fast::Ascii
        } else if meth == Some(super::encode_basestring as *const () as usize) {
            Fast::Plain
        } else {
            Fast::Call
        }
    }
}

unsafe extern "C" fn encoder_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple; kwargs NULL or a dict.
        unsafe {
            let a = parse(
                "make_encoder",
                args,
                kwargs,
                [
                    "markers",
                    "default",
                    "encoder",
                    "indent",
                    "key_separator",
                    "item_separator",
                    "sort_keys",
                    "skipkeys",
                    "allow_nan",
                ],
                0,
                9,
            )?;
            let markers = a[0];
            if markers != none::none() && !dict::check(markers) {
                return Err(errors::type_error(format!(
                    "make_encoder() argument 1 must be dict or None, not {}",
                    crate::object::typeobj::name_of((*markers).ob_type)
                )));
            }
            if a[3] != none::none() && !pystr::check(a[3]) {
                return Err(errors::type_error(format!(
                    "make_encoder() argument 4 must be str or None, not {}",
                    crate::object::typeobj::name_of((*a[3]).ob_type)
                )));
            }
            for i in [4, 5] {
                if !pystr::check(a[i]) {
                    return Err(errors::type_error(format!(
                        "make_encoder() argument {} must be str, not {}",
                        i + 1,
                        crate::object::typeobj::name_of((*a[i]).ob_type)
                    )));
                }
            }
            let st = Encoder {
                markers: some(markers),
                default: some(a[1]),
                encoder: some(a[2]),
                indent: some(a[3]),
                key_separator: some(a[4]),
                item_separator: some(a[5]),
                sort_keys: protocol::is_true(a[6])?,
                skipkeys: protocol::is_true(a[7])?,
                allow_nan: protocol::is_true(a[8])?,
                fast: fast_of(a[2]),
            };
            new_obj(tp, st)
        }
    })
}

unsafe extern "C" fn encoder_call(
    slf: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: slf is an Encoder; args a tuple; kwargs NULL or a dict.
        unsafe {
            let [obj, level] = parse(
                "_iterencode",
                args,
                kwargs,
                ["obj", "_current_indent_level"],
                0,
                2,
            )?;
            let level = crate::object::number::as_ssize(
                level,
                crate::object::exceptions::PyExc_OverflowError,
            )?;
            let e = state::<Encoder>(slf);
            let mut enc = Enc {
                e,
                w: Writer::new(),
                stack: Vec::new(),
                check: ptr(&e.markers) != none::none(),
                indent: ptr(&e.indent) != none::none(),
            };
            enc.obj(obj, level)?;
            let s = enc.w.finish()?;
            tuple::pack(&[s.as_ptr()])
        }
    })
}

/// One encoding: the options, the output, and the containers being
/// encoded (for the circular-reference check).
struct Enc<'a> {
    e: &'a Encoder,
    w: Writer,
    stack: Vec<*mut PyObject>,
    check: bool,
    indent: bool,
}

/// Decimal digits of a 64-bit integer.
fn push_i64(w: &mut Writer, v: i64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut u = v.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (u % 10) as u8;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    if v < 0 {
        w.byte(b'-');
    }
    w.ascii(&buf[i..]);
}

impl Enc<'_> {
    /// Marks `op` as being encoded; `ValueError` when it already is.
    fn enter(&mut self, op: *mut PyObject) -> PyResult<()> {
        if self.check {
            if self.stack.contains(&op) {
                return Err(errors::value_error("Circular reference detected"));
            }
            self.stack.push(op);
        }
        Ok(())
    }

    fn leave(&mut self) {
        if self.check {
            self.stack.pop();
        }
    }

    fn newline_indent(&mut self, level: isize) {
        self.w.byte(b'\n');
        let ind = ptr(&self.e.indent);
        for _ in 0..level {
            // SAFETY: indent is a str when set.
            unsafe { self.w.str(ind) };
        }
    }

    fn separator(&mut self, level: isize) {
        // SAFETY: item_separator is a str.
        unsafe { self.w.str(ptr(&self.e.item_separator)) };
        if self.indent {
            self.newline_indent(level);
        }
    }

    /// Writes the JSON form of str `s`.
    unsafe fn string(&mut self, s: *mut PyObject) -> PyResult<()> {
        // SAFETY: s is a str; the encoder is callable.
        unsafe {
            match self.e.fast {
                Fast::Ascii => escape_ascii(&mut self.w, s),
                Fast::Plain => escape(&mut self.w, s),
                Fast::Call => {
                    let r = protocol::call_args(ptr(&self.e.encoder), &[s])?;
                    if !pystr::check(r.as_ptr()) {
                        return Err(errors::type_error(format!(
                            "encoder() must return a string, not {}",
                            crate::object::typeobj::name_of((*r.as_ptr()).ob_type)
                        )));
                    }
                    self.w.str(r.as_ptr());
                }
            }
            Ok(())
        }
    }

    /// The JSON text of float `op`.
    unsafe fn float_text(&self, op: *mut PyObject) -> PyResult<std::borrow::Cow<'static, str>> {
        // SAFETY: op is a float.
        let x = unsafe { float::value(op) };
        if x.is_finite() {
            return Ok(crate::object::float_repr::repr(x).into());
        }
        if !self.e.allow_nan {
            // SAFETY: op valid.
            let r = unsafe { protocol::repr_string(op)? };
            return Err(errors::value_error(format!(
                "Out of range float values are not JSON compliant: {r}"
            )));
        }
        Ok(if x > 0.0 {
            "Infinity"
        } else if x < 0.0 {
            "-Infinity"
        } else {
            "NaN"
        }
        .into())
    }

    /// Writes int `op` in decimal.
    unsafe fn int(&mut self, op: *mut PyObject) -> PyResult<()> {
        // SAFETY: op is an int.
        unsafe {
            if let Some(v) = int::small_value(op) {
                push_i64(&mut self.w, v);
            } else {
                self.w.ascii(int::decimal_string(op)?.as_bytes());
            }
        }
        Ok(())
    }

    /// Writes any object (CPython's `encoder_listencode_obj`).
    fn obj(&mut self, op: *mut PyObject, level: isize) -> PyResult<()> {
        // SAFETY: op valid.
        unsafe {
            if op == none::none() {
                self.w.ascii(b"null");
            } else if op == pybool::from_bool(true) {
                self.w.ascii(b"true");
            } else if op == pybool::from_bool(false) {
                self.w.ascii(b"false");
            } else if pystr::check(op) {
                self.string(op)?;
            } else if int::check(op) {
                self.int(op)?;
            } else if float::check(op) {
                let t = self.float_text(op)?;
                self.w.ascii(t.as_bytes());
            } else if list::check(op) || tuple::check(op) {
                protocol::enter_recursive_call(" while encoding a JSON object")?;
                let r = self.list(op, level);
                protocol::leave_recursive_call();
                r?;
            } else if dict::check(op) {
                protocol::enter_recursive_call(" while encoding a JSON object")?;
                let r = self.dict(op, level);
                protocol::leave_recursive_call();
                r?;
            } else {
                self.enter(op)?;
                let new = protocol::call_args(ptr(&self.e.default), &[op])?;
                protocol::enter_recursive_call(" while encoding a JSON object")?;
                let r = self.obj(new.as_ptr(), level);
                protocol::leave_recursive_call();
                r?;
                self.leave();
            }
        }
        Ok(())
    }

    unsafe fn list(&mut self, op: *mut PyObject, mut level: isize) -> PyResult<()> {
        // SAFETY: op is a list or tuple; items are re-read each time, as
        // `default` may change the list.
        unsafe {
            let is_list = list::check(op);
            let size = |op| {
                if is_list {
                    list::len(op)
                } else {
                    tuple::size(op)
                }
            };
            if size(op) == 0 {
                self.w.ascii(b"[]");
                return Ok(());
            }
            self.enter(op)?;
            self.w.byte(b'[');
            if self.indent {
                level += 1;
                self.newline_indent(level);
            }
            let mut i = 0;
            while i < size(op) {
                let item = if is_list {
                    list::get(op, i)
                } else {
                    tuple::items(op)[i as usize]
                };
                let item = Owned::from_borrowed(item);
                if i > 0 {
                    self.separator(level);
                }
                self.obj(item.as_ptr(), level)?;
                i += 1;
            }
            self.leave();
            if self.indent {
                level -= 1;
                self.newline_indent(level);
            }
            self.w.byte(b']');
            Ok(())
        }
    }

    /// Writes one `key: value` member; false when `skipkeys` skipped it.
    unsafe fn member(
        &mut self,
        key: *mut PyObject,
        value: *mut PyObject,
        first: bool,
        level: isize,
    ) -> PyResult<bool> {
        // SAFETY: key and value valid.
        unsafe {
            let text: Option<Owned>;
            let keystr = if pystr::check(key) {
                key
            } else if float::check(key) {
                text = Some(pystr::from_str(&self.float_text(key)?)?);
                ptr(&text)
            } else if key == pybool::from_bool(true) {
                crate::interned!("true")
            } else if key == pybool::from_bool(false) {
                crate::interned!("false")
            } else if key == none::none() {
                crate::interned!("null")
            } else if int::check(key) {
                text = Some(pystr::from_str(&int::decimal_string(key)?)?);
                ptr(&text)
            } else if self.e.skipkeys {
                return Ok(false);
            } else {
                return Err(errors::type_error(format!(
                    "keys must be str, int, float, bool or None, not {}",
                    crate::object::typeobj::name_of((*key).ob_type)
                )));
            };
            if !first {
                self.separator(level);
            }
            self.string(keystr)?;
            self.w.str(ptr(&self.e.key_separator));
            self.obj(value, level)?;
            Ok(true)
        }
    }

    unsafe fn dict(&mut self, op: *mut PyObject, mut level: isize) -> PyResult<()> {
        // SAFETY: op is a dict.
        unsafe {
            if dict::len(op) == 0 {
                self.w.ascii(b"{}");
                return Ok(());
            }
            self.enter(op)?;
            self.w.byte(b'{');
            if self.indent {
                level += 1;
                self.newline_indent(level);
            }
            let mut first = true;
            if self.e.sort_keys || !dict::check_exact(op) {
                let items = if dict::check_exact(op) {
                    let mut v = Vec::with_capacity(dict::len(op) as usize);
                    let mut pos = 0;
                    while let Some((k, x)) = dict::next(op, &mut pos) {
                        v.push(tuple::pack(&[k, x])?);
                    }
                    list::from_vec(v)?
                } else {
                    let it = protocol::call_method_obj(op, "items", &[])?;
                    list::from_iterable(it.as_ptr())?
                };
                if self.e.sort_keys {
                    crate::object::listsort::sort(items.as_ptr(), std::ptr::null_mut(), false)?;
                }
                let mut i = 0;
                while i < list::len(items.as_ptr()) {
                    let item = Owned::from_borrowed(list::get(items.as_ptr(), i));
                    let p = item.as_ptr();
                    if !tuple::check(p) || tuple::size(p) != 2 {
                        return Err(errors::value_error("items must return 2-tuples"));
                    }
                    let kv = tuple::items(p);
                    if self.member(kv[0], kv[1], first, level)? {
                        first = false;
                    }
                    i += 1;
                }
            } else {
                let mut pos = 0;
                while let Some((k, x)) = dict::next(op, &mut pos) {
                    let (k, x) = (Owned::from_borrowed(k), Owned::from_borrowed(x));
                    if self.member(k.as_ptr(), x.as_ptr(), first, level)? {
                        first = false;
                    }
                }
            }
            self.leave();
            if self.indent {
                level -= 1;
                self.newline_indent(level);
            }
            self.w.byte(b'}');
            Ok(())
        }
    }
}
