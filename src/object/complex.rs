//! `complex` (`PyComplex_Type`): a pair of C doubles
//! (`Objects/complexobject.c`): the `_Py_c_*` arithmetic, repr, hash,
//! equality, the number slots, `complex()` with its string syntax, and
//! `__format__`. Mixed arithmetic follows CPython 3.13 (a real operand is
//! converted to a complex with a zero imaginary part).
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::float::{self as pyfloat, compare_result, format_error, hash_f64};
use crate::object::float_repr::{self, Flags};
use crate::object::format_spec::{self, Align, Sign};
use crate::object::hash::HASH_IMAG;
use crate::object::none::{none, not_implemented};
use crate::object::typeobj::{self, type_name, type_template};
use crate::object::{bool as pybool, descr, int, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};

/// `PyComplex_Type`.
#[no_mangle]
pub static mut PyComplex_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE,
    tp_dealloc: Some(crate::object::object::object_dealloc),
    tp_repr: Some(complex_repr),
    tp_hash: Some(complex_hash),
    tp_richcompare: Some(complex_richcompare),
    tp_as_number: &raw mut COMPLEX_AS_NUMBER,
    tp_methods: (&raw const COMPLEX_METHODS).cast_mut().cast(),
    tp_members: (&raw const COMPLEX_MEMBERS).cast_mut().cast(),
    tp_new: Some(complex_new),
    tp_free: Some(crate::capi::memory::PyObject_Free),
    tp_doc: c"complex(real=0, imag=0)\n--\n\nA complex number made from a string or from numbers.\n\nA string is parsed as a complex literal; otherwise the result is\nreal + imag*1j, where either part may itself be complex."
        .as_ptr(),
    ..type_template(c"complex", std::mem::size_of::<PyComplexObject>(), 0)
};

static mut COMPLEX_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_add: Some(complex_add),
    nb_subtract: Some(complex_sub),
    nb_multiply: Some(complex_mul),
    nb_power: Some(complex_pow),
    nb_negative: Some(complex_neg),
    nb_positive: Some(complex_pos),
    nb_absolute: Some(complex_abs),
    nb_bool: Some(complex_bool),
    nb_true_divide: Some(complex_div),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static COMPLEX_METHODS: [PyMethodDef; 6] = [
    descr::method(
        c"conjugate",
        complex_conjugate as *const c_void,
        METH_NOARGS,
    ).with_doc(c"conjugate($self, /)\n--\n\nThe complex conjugate; a real number is its own."),
    descr::method(
        c"__complex__",
        complex_complex as *const c_void,
        METH_NOARGS,
    ).with_doc(c"__complex__($self, /)\n--\n\nself as a complex number."),
    descr::method(
        c"__getnewargs__",
        complex_getnewargs as *const c_void,
        METH_NOARGS,
    ).with_doc(c"__getnewargs__($self, /)\n--\n\nThe arguments that recreate self, for pickling."),
    descr::method(c"__format__", complex_format as *const c_void, METH_O).with_doc(c"__format__($self, format_spec, /)\n--\n\nself formatted by format_spec (see format())."),
    descr::method(
        c"from_number",
        complex_from_number as *const c_void,
        METH_O | METH_CLASS,
    ).with_doc(c"from_number($type, number, /)\n--\n\nThe number converted to this type through its __float__, __index__ or\n__complex__ method (not from a string)."),
    descr::METHOD_END,
];

static COMPLEX_MEMBERS: [PyMemberDef; 3] = [
    PyMemberDef {
        name: c"real".as_ptr(),
        r#type: Py_T_DOUBLE,
        offset: std::mem::offset_of!(PyComplexObject, cval.real) as Py_ssize_t,
        flags: Py_READONLY,
        doc: c"the real component".as_ptr(),
    },
    PyMemberDef {
        name: c"imag".as_ptr(),
        r#type: Py_T_DOUBLE,
        offset: std::mem::offset_of!(PyComplexObject, cval.imag) as Py_ssize_t,
        flags: Py_READONLY,
        doc: c"the imaginary component".as_ptr(),
    },
    PyMemberDef {
        name: std::ptr::null(),
        r#type: 0,
        offset: 0,
        flags: 0,
        doc: std::ptr::null(),
    },
];

const C_1: Py_complex = Py_complex {
    real: 1.0,
    imag: 0.0,
};

/// Whether `op` is a complex or complex subclass instance.
#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { typeobj::instance_of(op, &raw mut PyComplex_Type) }
}

/// Whether `op` is exactly a complex.
#[inline(always)]
pub unsafe fn check_exact(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut PyComplex_Type }
}

/// The value of a complex object.
#[inline(always)]
pub unsafe fn value(op: *mut PyObject) -> Py_complex {
    // SAFETY: op is a complex.
    unsafe { (*op.cast::<PyComplexObject>()).cval }
}

/// An instance of `tp` (complex or a subtype) holding `c`.
pub unsafe fn new_of_type(tp: *mut PyTypeObject, c: Py_complex) -> PyResult<Owned> {
    // SAFETY: tp is complex or a ready subtype; instances start with a
    // PyComplexObject.
    unsafe {
        let op = if tp == &raw mut PyComplex_Type {
            let p = crate::object::alloc::raw_malloc(std::mem::size_of::<PyComplexObject>())
                .cast::<PyObject>();
            if p.is_null() {
                return Err(errors::no_memory());
            }
            crate::object::alloc::init_object(p, tp);
            Owned::from_raw_unchecked(p)
        } else {
            let alloc = (*tp)
                .tp_alloc
                .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
            errors::check(alloc(tp, 0))?
        };
        (*op.as_ptr().cast::<PyComplexObject>()).cval = c;
        Ok(op)
    }
}

/// A new exact complex (`PyComplex_FromCComplex`).
pub fn from_c(c: Py_complex) -> PyResult<Owned> {
    // SAFETY: PyComplex_Type is a static type.
    unsafe { new_of_type(&raw mut PyComplex_Type, c) }
}

/// A new exact complex from its parts (`PyComplex_FromDoubles`).
pub fn from_parts(real: f64, imag: f64) -> PyResult<Owned> {
    from_c(Py_complex { real, imag })
}

// ---------------------------------------------------------------------------
// C arithmetic (the `_Py_c_*` functions)
// ---------------------------------------------------------------------------

/// Why a complex operation failed, as CPython's `errno` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CError {
    /// `EDOM`: division by zero, or zero to a negative or complex power.
    Domain,
    /// `ERANGE`: the result overflowed.
    Range,
}

/// `_Py_c_sum`.
pub fn c_sum(a: Py_complex, b: Py_complex) -> Py_complex {
    Py_complex {
        real: a.real + b.real,
        imag: a.imag + b.imag,
    }
}

/// `_Py_c_diff`.
pub fn c_diff(a: Py_complex, b: Py_complex) -> Py_complex {
    Py_complex {
        real: a.real - b.real,
        imag: a.imag - b.imag,
    }
}

/// `_Py_c_neg`.
pub fn c_neg(a: Py_complex) -> Py_complex {
    Py_complex {
        real: -a.real,
        imag: -a.imag,
    }
}

/// `_Py_c_prod`.
pub fn c_prod(a: Py_complex, b: Py_complex) -> Py_complex {
    Py_complex {
        real: a.real * b.real - a.imag * b.imag,
        imag: a.real * b.imag + a.imag * b.real,
    }
}

/// `_Py_c_quot`: Smith's algorithm; `Err(Domain)` for a zero divisor.
pub fn c_quot(a: Py_complex, b: Py_complex) -> Result<Py_complex, CError> {
    let abs_breal = b.real.abs();
    let abs_bimag = b.imag.abs();
    if abs_breal >= abs_bimag {
        if abs_breal == 0.0 {
            return Err(CError::Domain);
        }
        let ratio = b.imag / b.real;
        let denom = b.real + b.imag * ratio;
        Ok(Py_complex {
            real: (a.real + a.imag * ratio) / denom,
            imag: (a.imag - a.real * ratio) / denom,
        })
    } else if abs_bimag >= abs_breal {
        let ratio = b.real / b.imag;
        let denom = b.real * ratio + b.imag;
        Ok(Py_complex {
            real: (a.real * ratio + a.imag) / denom,
            imag: (a.imag * ratio - a.real) / denom,
        })
    } else {
        // At least one part of b is a NaN.
        Ok(Py_complex {
            real: f64::NAN,
            imag: f64::NAN,
        })
    }
}

/// `_Py_c_pow` before its overflow check: the general power through polar
/// form; `Err(Domain)` for zero to a negative or complex power.
pub fn c_pow_unchecked(a: Py_complex, b: Py_complex) -> Result<Py_complex, CError> {
    if b.real == 0.0 && b.imag == 0.0 {
        return Ok(C_1);
    }
    if a.real == 0.0 && a.imag == 0.0 {
        if b.imag != 0.0 || b.real < 0.0 {
            return Err(CError::Domain);
        }
        return Ok(Py_complex {
            real: 0.0,
            imag: 0.0,
        });
    }
    let vabs = a.real.hypot(a.imag);
    let mut len = vabs.powf(b.real);
    let at = a.imag.atan2(a.real);
    let mut phase = at * b.real;
    if b.imag != 0.0 {
        len /= (at * b.imag).exp();
        phase += b.imag * vabs.ln();
    }
    Ok(Py_complex {
        real: len * phase.cos(),
        imag: len * phase.sin(),
    })
}

/// `_Py_ADJUST_ERANGE2`: an infinite part means overflow.
pub fn adjust_range(r: Py_complex) -> Result<Py_complex, CError> {
    if r.real.is_infinite() || r.imag.is_infinite() {
        Err(CError::Range)
    } else {
        Ok(r)
    }
}

/// `c_powu`: `x ** n` by repeated squaring.
fn c_powu(x: Py_complex, n: u64) -> Py_complex {
    let mut r = C_1;
    let mut p = x;
    let mut mask = 1u64;
    while mask <= n {
        if n & mask != 0 {
            r = c_prod(r, p);
        }
        mask <<= 1;
        p = c_prod(p, p);
    }
    r
}

/// `x ** b` as `complex.__pow__` computes it: small integral exponents by
/// repeated multiplication, others through `_Py_c_pow`.
pub fn power_value(a: Py_complex, b: Py_complex) -> Result<Py_complex, CError> {
    let p = if b.imag == 0.0 && b.real == b.real.floor() && b.real.abs() <= 100.0 {
        let n = b.real as i64;
        if n >= 0 {
            c_powu(a, n as u64)
        } else {
            c_quot(C_1, c_powu(a, n.unsigned_abs()))?
        }
    } else {
        c_pow_unchecked(a, b)?
    };
    adjust_range(p)
}

/// `_Py_c_abs`: `hypot`, infinite when a part is infinite; `Err(Range)`
/// when finite parts overflow.
pub fn c_abs(z: Py_complex) -> Result<f64, CError> {
    if !z.real.is_finite() || !z.imag.is_finite() {
        return Ok(if z.real.is_infinite() || z.imag.is_infinite() {
            f64::INFINITY
        } else {
            f64::NAN
        });
    }
    let r = z.real.hypot(z.imag);
    if r.is_finite() {
        Ok(r)
    } else {
        Err(CError::Range)
    }
}

// ---------------------------------------------------------------------------
// Slots
// ---------------------------------------------------------------------------

/// A complex, float or int operand as a complex; `None` for other types.
unsafe fn operand(op: *mut PyObject) -> PyResult<Option<Py_complex>> {
    // SAFETY: op valid.
    unsafe {
        let real = if check(op) {
            return Ok(Some(value(op)));
        } else if pyfloat::check(op) {
            pyfloat::value(op)
        } else if int::check(op) {
            int::to_f64(op)?
        } else {
            return Ok(None);
        };
        Ok(Some(Py_complex { real, imag: 0.0 }))
    }
}

unsafe fn binary(
    a: *mut PyObject,
    b: *mut PyObject,
    f: impl FnOnce(Py_complex, Py_complex) -> PyResult<Py_complex>,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a and b valid.
        let (x, y) = unsafe { (operand(a)?, operand(b)?) };
        match (x, y) {
            (Some(x), Some(y)) => from_c(f(x, y)?),
            _ => Ok(Owned::from_borrowed_static(not_implemented())),
        }
    })
}

unsafe extern "C" fn complex_add(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot arguments are valid objects.
    unsafe { binary(a, b, |x, y| Ok(c_sum(x, y))) }
}

unsafe extern "C" fn complex_sub(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot arguments are valid objects.
    unsafe { binary(a, b, |x, y| Ok(c_diff(x, y))) }
}

unsafe extern "C" fn complex_mul(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot arguments are valid objects.
    unsafe { binary(a, b, |x, y| Ok(c_prod(x, y))) }
}

unsafe extern "C" fn complex_div(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot arguments are valid objects.
    unsafe {
        binary(a, b, |x, y| {
            c_quot(x, y).map_err(|_| errors::zero_division_error("complex division by zero"))
        })
    }
}

/// `complex.__pow__(a, b, c)`; also what `float ** float` defers to for a
/// negative base and a fractional exponent.
pub unsafe fn power(a: *mut PyObject, b: *mut PyObject, c: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: slot arguments are valid objects.
    unsafe {
        let (Some(x), Some(y)) = (operand(a)?, operand(b)?) else {
            return Ok(Owned::from_borrowed_static(not_implemented()));
        };
        if c != none() {
            return Err(errors::value_error("complex modulo"));
        }
        match power_value(x, y) {
            Ok(r) => from_c(r),
            Err(CError::Domain) => Err(errors::zero_division_error(
                "0.0 to a negative or complex power",
            )),
            Err(CError::Range) => Err(errors::overflow_error("complex exponentiation")),
        }
    }
}

unsafe extern "C" fn complex_pow(
    a: *mut PyObject,
    b: *mut PyObject,
    c: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: slot arguments are valid objects.
    guard_obj(|| unsafe { power(a, b, c) })
}

unsafe extern "C" fn complex_neg(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a complex.
    guard_obj(|| from_c(c_neg(unsafe { value(op) })))
}

unsafe extern "C" fn complex_pos(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a complex.
    unsafe {
        if check_exact(op) {
            return crate::object::refcount::new_ref(op);
        }
        guard_obj(|| from_c(value(op)))
    }
}

unsafe extern "C" fn complex_abs(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a complex.
        match c_abs(unsafe { value(op) }) {
            Ok(r) => pyfloat::from_f64(r),
            Err(_) => Err(errors::overflow_error("absolute value too large")),
        }
    })
}

unsafe extern "C" fn complex_bool(op: *mut PyObject) -> c_int {
    // SAFETY: op is a complex.
    let z = unsafe { value(op) };
    (z.real != 0.0 || z.imag != 0.0) as c_int
}

unsafe extern "C" fn complex_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: op is a complex.
    let z = unsafe { value(op) };
    let hr = hash_f64(op, z.real) as usize;
    let hi = hash_f64(op, z.imag) as usize;
    let h = hr.wrapping_add((HASH_IMAG as usize).wrapping_mul(hi)) as Py_hash_t;
    if h == -1 {
        -2
    } else {
        h
    }
}

unsafe extern "C" fn complex_richcompare(
    v: *mut PyObject,
    w: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: v is a complex; w valid.
        unsafe {
            if op != Py_EQ && op != Py_NE {
                return Ok(Owned::from_borrowed_static(not_implemented()));
            }
            let z = value(v);
            let equal = if int::check(w) {
                if z.imag != 0.0 {
                    false
                } else {
                    // The real part against the int, exactly.
                    let r = pyfloat::from_f64(z.real)?;
                    return protocol::rich_compare(r.as_ptr(), w, op);
                }
            } else if pyfloat::check(w) {
                z.real == pyfloat::value(w) && z.imag == 0.0
            } else if check(w) {
                z == value(w)
            } else {
                return Ok(Owned::from_borrowed_static(not_implemented()));
            };
            let ord = if equal {
                Some(std::cmp::Ordering::Equal)
            } else {
                Some(std::cmp::Ordering::Less)
            };
            Ok(Owned::from_borrowed_static(pybool::from_bool(
                compare_result(ord, op),
            )))
        }
    })
}

// ---------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------

/// `repr(complex)`: `1j`, `(1+2j)`, `(-0-0j)`, `(nan+infj)`.
pub fn repr_text(z: Py_complex) -> String {
    let plain = Flags::default();
    let signed = Flags {
        sign_always: true,
        ..Flags::default()
    };
    if z.real == 0.0 && z.real.is_sign_positive() {
        let (im, _) = float_repr::double_to_string(z.imag, 'r', 0, plain);
        return format!("{im}j");
    }
    let (re, _) = float_repr::double_to_string(z.real, 'r', 0, plain);
    let (im, _) = float_repr::double_to_string(z.imag, 'r', 0, signed);
    let mut out = String::with_capacity(re.len() + im.len() + 3);
    out.push('(');
    out.push_str(&re);
    out.push_str(&im);
    out.push_str("j)");
    out
}

unsafe extern "C" fn complex_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a complex.
    guard_obj(|| pystr::from_str(&repr_text(unsafe { value(op) })))
}

/// Inserts `sep` every three digits into the leading digit run of `s`
/// (after an optional sign).
fn group_digits(s: &str, sep: char) -> String {
    let sign_len = s.find(|c: char| c.is_ascii_digit()).unwrap_or(s.len());
    let (sign, rest) = s.split_at(sign_len);
    let ndig = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, tail) = rest.split_at(ndig);
    let mut out = String::from(sign);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (ndig - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out.push_str(tail);
    out
}

/// `format(complex, spec)` (`format_complex_internal`).
/// `type_name` is the object's type's name for error messages.
pub fn format_text(
    z: Py_complex,
    spec_text: &str,
    type_name: &str,
) -> Result<String, format_spec::FormatSpecError> {
    let spec = format_spec::parse_for(spec_text, type_name)?;
    match spec.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n') => {}
        Some(t) => return Err(format_spec::unknown_code(t, type_name)),
    }
    if spec.zero_pad || spec.fill == Some('0') {
        return Err(format_spec::FormatSpecError::value(
            "Zero padding is not allowed in complex format specifier",
        ));
    }
    if spec.align == Some(Align::AfterSign) {
        return Err(format_spec::FormatSpecError::value(
            "'=' alignment flag is not allowed in complex format specifier",
        ));
    }
    let (code, precision) = match (spec.ty, spec.precision) {
        (None, None) => ('r', 0),
        (None | Some('n'), p) => ('g', p.unwrap_or(6)),
        (Some(t), p) => (t, p.unwrap_or(6)),
    };
    // Without a type, a +0 real part is left out, otherwise parenthesized.
    let untyped = spec.ty.is_none();
    let skip_re = untyped && z.real == 0.0 && z.real.is_sign_positive();
    let parens = untyped && !skip_re;
    let flags = Flags {
        alt: spec.alternate,
        no_neg_0: spec.no_neg_0,
        ..Flags::default()
    };
    let sign_flags = |s: Option<Sign>| Flags {
        sign_always: s == Some(Sign::Plus),
        sign_space: s == Some(Sign::Space),
        ..flags
    };
    let part = |x: f64, s: Option<Sign>| {
        let (t, _) = float_repr::double_to_string(x, code, precision, sign_flags(s));
        match spec.grouping {
            Some(sep) => group_digits(&t, sep),
            None => t,
        }
    };
    let mut body = String::new();
    if parens {
        body.push('(');
    }
    if !skip_re {
        body.push_str(&part(z.real, spec.sign));
        body.push_str(&part(z.imag, Some(Sign::Plus)));
    } else {
        body.push_str(&part(z.imag, spec.sign));
    }
    body.push('j');
    if parens {
        body.push(')');
    }
    let width = spec.width.unwrap_or(0);
    let len = body.chars().count();
    if len >= width {
        return Ok(body);
    }
    let fill = spec.fill.unwrap_or(' ');
    format_spec::pad_text(&body, len, fill, spec.align.unwrap_or(Align::Right), width)
}

unsafe extern "C" fn complex_format(op: *mut PyObject, spec: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a complex; spec valid.
        unsafe {
            if !pystr::check(spec) {
                return Err(errors::type_error(format!(
                    "__format__() argument must be str, not {}",
                    type_name(spec)
                )));
            }
            crate::object::format_fill::with_spec(spec, |spec| {
                if spec.is_empty() {
                    return protocol::str_(op);
                }
                match format_text(value(op), spec, typeobj::name_of((*op).ob_type)) {
                    Ok(s) => pystr::from_str(&s),
                    Err(e) => Err(format_error(e)),
                }
            })
        }
    })
}

// ---------------------------------------------------------------------------
// Methods and attributes
// ---------------------------------------------------------------------------

unsafe extern "C" fn complex_conjugate(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a complex.
    let z = unsafe { value(op) };
    guard_obj(|| from_parts(z.real, -z.imag))
}

unsafe extern "C" fn complex_complex(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a complex.
    unsafe { complex_pos(op) }
}

unsafe extern "C" fn complex_getnewargs(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a complex.
        let z = unsafe { value(op) };
        let (r, i) = (pyfloat::from_f64(z.real)?, pyfloat::from_f64(z.imag)?);
        tuple::pack(&[r.as_ptr(), i.as_ptr()])
    })
}

unsafe extern "C" fn complex_from_number(cls: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: cls is a type; x valid.
        unsafe {
            let z = from_number_value(x, "complex.from_number() argument must be a number")?;
            if cls == (&raw mut PyComplex_Type).cast() {
                return from_c(z);
            }
            let c = from_c(z)?;
            protocol::call_args(cls, &[c.as_ptr()])
        }
    })
}

// ---------------------------------------------------------------------------
// Construction
// ---------------------------------------------------------------------------

/// `__complex__` of `op` if its type defines it (`try_complex_special_method`).
unsafe fn call_dunder_complex(op: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: op valid.
    unsafe {
        let Some(r) = protocol::call_special(op, "__complex__", &[])? else {
            return Ok(None);
        };
        if !check(r.as_ptr()) {
            return Err(errors::type_error(format!(
                "__complex__ returned non-complex (type {})",
                type_name(r.as_ptr())
            )));
        }
        if (*r.as_ptr()).ob_type != &raw mut PyComplex_Type {
            crate::modules::_warnings::deprecation(
                &format!(
                    "__complex__ returned non-complex (type {}).  The ability to return an instance of a strict subclass of complex is deprecated, and may be removed in a future version of Python.",
                    type_name(r.as_ptr())
                ),
                1,
            )?;
        }
        Ok(Some(r))
    }
}

/// Whether `op` can stand for a number in `complex()`: a complex, or a type
/// with `__float__` or `__index__`.
unsafe fn is_number(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe {
        let nb = (*(*op).ob_type).tp_as_number;
        check(op) || (!nb.is_null() && ((*nb).nb_float.is_some() || (*nb).nb_index.is_some()))
    }
}

/// The value of a number for `complex(x)` / `PyComplex_AsCComplex`: a
/// complex's value, `__complex__`, else `float(x)` as the real part.
pub unsafe fn from_number_value(op: *mut PyObject, not_number: &str) -> PyResult<Py_complex> {
    // SAFETY: op valid.
    unsafe {
        if check_exact(op) {
            return Ok(value(op));
        }
        let converted = call_dunder_complex(op)?;
        let r = converted.as_ref().map_or(op, Owned::as_ptr);
        if check(r) {
            return Ok(value(r));
        }
        if !is_number(r) {
            return Err(errors::type_error(format!(
                "{not_number}, not '{}'",
                type_name(r)
            )));
        }
        let f = pyfloat::from_object(r)?;
        Ok(Py_complex {
            real: pyfloat::value(f.as_ptr()),
            imag: 0.0,
        })
    }
}

/// Parses `complex(str)` (`complex_from_string_inner`).
pub fn parse_text(text: &str) -> Result<Py_complex, String> {
    let malformed = || "complex() arg is a malformed string".to_string();
    let mut ascii = float_repr::number_text_to_ascii(text);
    if ascii.contains(&b'_') {
        ascii = float_repr::strip_underscores(&ascii).ok_or_else(|| {
            format!(
                "could not convert string to complex: {}",
                float_repr::simple_str_repr(text)
            )
        })?;
    }
    if ascii.contains(&0) {
        return Err(malformed());
    }
    let s = ascii.as_slice();
    let is_space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c');
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let skip_spaces = |mut i: usize| {
        while is_space(at(i)) {
            i += 1;
        }
        i
    };
    let float_at = |i: usize| {
        float_repr::string_to_double_prefix(&s[i..])
            .ok()
            .map(|p| (p.value, i + p.consumed))
    };
    let mut i = skip_spaces(0);
    let got_bracket = at(i) == b'(';
    if got_bracket {
        i = skip_spaces(i + 1);
    }
    let (mut x, mut y) = (0.0, 0.0);
    if let Some((z, end)) = float_at(i) {
        i = end;
        if at(i) == b'+' || at(i) == b'-' {
            x = z;
            match float_at(i) {
                Some((v, end)) => {
                    y = v;
                    i = end;
                }
                None => {
                    y = if at(i) == b'+' { 1.0 } else { -1.0 };
                    i += 1;
                }
            }
            if !matches!(at(i), b'j' | b'J') {
                return Err(malformed());
            }
            i += 1;
        } else if matches!(at(i), b'j' | b'J') {
            i += 1;
            y = z;
        } else {
            x = z;
        }
    } else {
        if at(i) == b'+' || at(i) == b'-' {
            y = if at(i) == b'+' { 1.0 } else { -1.0 };
            i += 1;
        } else {
            y = 1.0;
        }
        if !matches!(at(i), b'j' | b'J') {
            return Err(malformed());
        }
        i += 1;
    }
    i = skip_spaces(i);
    if got_bracket {
        if at(i) != b')' {
            return Err(malformed());
        }
        i = skip_spaces(i + 1);
    }
    if i != s.len() {
        return Err(malformed());
    }
    Ok(Py_complex { real: x, imag: y })
}

/// `complex(real=0, imag=0)` for `tp` (`complex_new_impl`).
unsafe fn construct(
    tp: *mut PyTypeObject,
    r: Option<*mut PyObject>,
    i: Option<*mut PyObject>,
) -> PyResult<Owned> {
    // SAFETY: tp is complex or a subtype; r and i valid.
    unsafe {
        let Some(r) = r else {
            let imag = match i {
                None => 0.0,
                Some(i) => return construct(tp, Some(int::small(0)), Some(i)),
            };
            return new_of_type(tp, Py_complex { real: 0.0, imag });
        };
        if check_exact(r) && i.is_none() && tp == &raw mut PyComplex_Type {
            return Ok(Owned::from_borrowed(r));
        }
        if pystr::check(r) {
            if i.is_some() {
                return Err(errors::type_error(
                    "complex() can't take second arg if first is a string",
                ));
            }
            return match parse_text(pystr::as_str(r)?) {
                Ok(z) => new_of_type(tp, z),
                Err(m) => Err(errors::value_error(m)),
            };
        }
        if let Some(i) = i {
            if pystr::check(i) {
                return Err(errors::type_error("complex() second arg can't be a string"));
            }
        }
        let converted = call_dunder_complex(r)?;
        let r = converted.as_ref().map_or(r, Owned::as_ptr);
        if !is_number(r) {
            return Err(errors::type_error(format!(
                "complex() first argument must be a string or a number, not '{}'",
                type_name(r)
            )));
        }
        if let Some(i) = i {
            if !is_number(i) {
                return Err(errors::type_error(format!(
                    "complex() second argument must be a number, not '{}'",
                    type_name(i)
                )));
            }
        }
        let (mut cr, cr_is_complex) = if check(r) {
            (value(r), true)
        } else {
            let f = pyfloat::from_object(r)?;
            (
                Py_complex {
                    real: pyfloat::value(f.as_ptr()),
                    imag: 0.0,
                },
                false,
            )
        };
        let mut ci = Py_complex {
            real: 0.0,
            imag: 0.0,
        };
        let mut ci_is_complex = false;
        match i {
            None => ci.real = cr.imag,
            Some(i) if check(i) => {
                ci = value(i);
                ci_is_complex = true;
            }
            Some(i) => {
                let f = pyfloat::from_object(i)?;
                ci.real = pyfloat::value(f.as_ptr());
            }
        }
        if ci_is_complex {
            cr.real -= ci.imag;
        }
        if cr_is_complex && i.is_some() {
            ci.real += cr.imag;
        }
        new_of_type(
            tp,
            Py_complex {
                real: cr.real,
                imag: ci.real,
            },
        )
    }
}

unsafe extern "C" fn complex_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args is a tuple, kwargs NULL or a dict.
        unsafe {
            let items = tuple::items(args);
            let nkw = if kwargs.is_null() {
                0
            } else {
                crate::object::dict::len(kwargs) as usize
            };
            if items.len() + nkw > 2 {
                return Err(errors::type_error(format!(
                    "complex() takes at most 2 arguments ({} given)",
                    items.len() + nkw
                )));
            }
            let mut r = items.first().copied();
            let mut i = items.get(1).copied();
            if !kwargs.is_null() {
                let mut pos = 0;
                while let Some((k, v)) = crate::object::dict::next(kwargs, &mut pos) {
                    let name = if pystr::check(k) {
                        pystr::as_str(k)?
                    } else {
                        ""
                    };
                    let slot = match name {
                        "real" => &mut r,
                        "imag" => &mut i,
                        _ => {
                            return Err(errors::type_error(format!(
                                "complex() got an unexpected keyword argument '{name}'"
                            )))
                        }
                    };
                    if slot.is_some() {
                        return Err(errors::type_error(format!(
                            "argument for complex() given by name ('{name}') and position ({})",
                            if name == "real" { 1 } else { 2 }
                        )));
                    }
                    *slot = Some(v);
                }
            }
            construct(tp, r, i)
        }
    })
}

/// `PyComplex_AsCComplex` core: the value of a complex, `__complex__`,
/// else `float(x)` (via `__float__`/`__index__`) as the real part.
pub unsafe fn as_c(op: *mut PyObject) -> PyResult<Py_complex> {
    // SAFETY: op valid.
    unsafe {
        if check(op) {
            return Ok(value(op));
        }
        if let Some(r) = call_dunder_complex(op)? {
            return Ok(value(r.as_ptr()));
        }
        Ok(Py_complex {
            real: pyfloat::as_f64(op)?,
            imag: 0.0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(real: f64, imag: f64) -> Py_complex {
        Py_complex { real, imag }
    }

    #[test]
    fn repr_matches_cpython() {
        assert_eq!(repr_text(c(1.0, 2.0)), "(1+2j)");
        assert_eq!(repr_text(c(0.0, 1.0)), "1j");
        assert_eq!(repr_text(c(-0.0, -0.0)), "(-0-0j)");
        assert_eq!(repr_text(c(f64::NAN, f64::INFINITY)), "(nan+infj)");
        assert_eq!(repr_text(c(1.5, -0.0)), "(1.5-0j)");
    }

    #[test]
    fn parsing_accepts_cpython_forms() {
        assert_eq!(parse_text("1+2j"), Ok(c(1.0, 2.0)));
        assert_eq!(parse_text(" ( 1-2.5e3J ) "), Ok(c(1.0, -2500.0)));
        assert_eq!(parse_text("1_0j"), Ok(c(0.0, 10.0)));
        assert_eq!(parse_text("-j"), Ok(c(0.0, -1.0)));
        assert_eq!(parse_text("1+j"), Ok(c(1.0, 1.0)));
        assert_eq!(parse_text(" 1 "), Ok(c(1.0, 0.0)));
        assert!(parse_text("(1+2j").is_err());
        assert!(parse_text("abc").is_err());
        assert_eq!(
            parse_text("1__0j"),
            Err("could not convert string to complex: '1__0j'".to_string())
        );
    }

    fn format_text_c(z: Py_complex, spec: &str) -> Result<String, format_spec::FormatSpecError> {
        format_text(z, spec, "complex")
    }

    #[test]
    fn formatting_matches_cpython() {
        assert_eq!(format_text_c(c(1.0, 2.0), "12.2f").unwrap(), "  1.00+2.00j");
        assert_eq!(format_text_c(c(1234.5, 1.0), ",").unwrap(), "(1,234.5+1j)");
        assert_eq!(format_text_c(c(0.0, 0.0), ".2").unwrap(), "0j");
        assert_eq!(format_text_c(c(-1.0, 0.0), "+").unwrap(), "(-1+0j)");
        assert_eq!(
            format_text_c(c(1.0, 2.0), "^20.3e").unwrap(),
            "1.000e+00+2.000e+00j"
        );
        assert!(format_text_c(c(1.0, 2.0), "010").is_err());
        assert!(format_text_c(c(1.0, 2.0), "=10").is_err());
    }

    #[test]
    fn integer_powers_are_exact() {
        assert_eq!(power_value(c(1.0, 1.0), c(2.0, 0.0)), Ok(c(0.0, 2.0)));
        assert_eq!(power_value(c(0.0, 0.0), c(-1.0, 0.0)), Err(CError::Domain));
        assert_eq!(power_value(c(0.0, 1e200), c(2.0, 0.0)), Err(CError::Range));
    }
}
