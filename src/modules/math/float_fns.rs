//! The `math` functions of floats: libm wrappers under CPython's error
//! rules (`math_1`, `math_2`), `pow`, `fmod`, `log` of any int, `ldexp`,
//! `frexp`, `modf`, rounding through `__floor__`/`__ceil__`/`__trunc__`,
//! `isclose`, `nextafter`, `ulp`, `fma`.
use super::{arg_f64, domain_error, libm, range_error};
use crate::ffi::*;
use crate::modules::args::{arity, builtin, no_kwargs};
use crate::object::typeobj::type_name;
use crate::object::{bool as pybool, float, int, number, protocol, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// One float argument of a function that takes exactly one.
unsafe fn one(
    name: &str,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
) -> PyResult<*mut PyObject> {
    no_kwargs(name, kws)?;
    arity(name, args, 1, 1)?;
    Ok(args[0])
}

/// Two float arguments of a function that takes exactly two.
unsafe fn two(
    name: &str,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
) -> PyResult<(f64, f64)> {
    no_kwargs(name, kws)?;
    arity(name, args, 2, 2)?;
    // SAFETY: valid arguments.
    unsafe { Ok((arg_f64(args[0])?, arg_f64(args[1])?)) }
}

/// `math_1`: `f(x)` where a NaN from a non-NaN is a domain error and an
/// infinity from a finite value is a range error (`can_overflow`) or a
/// domain error (a singularity).
fn check_1(x: f64, r: f64, can_overflow: bool) -> PyResult<f64> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            range_error()
        } else {
            domain_error()
        });
    }
    Ok(r)
}

/// `math_2`'s rules for a two-argument function.
fn check_2(x: f64, y: f64, r: f64) -> PyResult<f64> {
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error());
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range_error());
    }
    Ok(r)
}

macro_rules! func1 {
    ($($name:ident = $f:expr, $overflow:expr;)*) => {$(
        builtin!(pub(super) $name, |args, kws| {
            let a = one(concat!("math.", stringify!($name)), args, &kws)?;
            let x = arg_f64(a)?;
            float::from_f64(check_1(x, $f(x), $overflow)?)
        });
    )*};
}

func1! {
    acos = libm::acos, false;
    acosh = libm::acosh, false;
    asin = libm::asin, false;
    asinh = libm::asinh, false;
    atan = libm::atan, false;
    atanh = libm::atanh, false;
    cbrt = libm::cbrt, false;
    cos = libm::cos, false;
    cosh = libm::cosh, true;
    exp = libm::exp, true;
    exp2 = libm::exp2, true;
    expm1 = libm::expm1, true;
    fabs = f64::abs, false;
    log1p = libm::log1p, false;
    sin = libm::sin, false;
    sinh = libm::sinh, true;
    sqrt = f64::sqrt, false;
    tan = libm::tan, false;
    tanh = libm::tanh, false;
}

macro_rules! func2 {
    ($($name:ident = $f:expr;)*) => {$(
        builtin!(pub(super) $name, |args, kws| {
            let (x, y) = two(stringify!($name), args, &kws)?;
            float::from_f64(check_2(x, y, $f(x, y))?)
        });
    )*};
}

func2! {
    atan2 = libm::atan2;
    copysign = f64::copysign;
    remainder = libm::remainder;
}

builtin!(pub(super) fmod, |args, kws| {
    let (x, y) = two("fmod", args, &kws)?;
    // fmod(x, ±inf) is x for finite x.
    if y.is_infinite() && x.is_finite() {
        return float::from_f64(x);
    }
    let r = libm::fmod(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error());
    }
    float::from_f64(r)
});

/// `math.pow`: C99's special values for infinities and NaNs, then libm.
fn pow_value(x: f64, y: f64) -> PyResult<f64> {
    if x.is_finite() && y.is_finite() {
        let r = libm::pow(x, y);
        if r.is_nan() {
            return Err(domain_error());
        }
        if r.is_infinite() {
            // 0 ** negative is a singularity, anything else overflowed.
            return Err(if x == 0.0 {
                domain_error()
            } else {
                range_error()
            });
        }
        return Ok(r);
    }
    Ok(if x.is_nan() {
        if y == 0.0 {
            1.0
        } else {
            x
        }
    } else if y.is_nan() {
        if x == 1.0 {
            1.0
        } else {
            y
        }
    } else if x.is_infinite() {
        let odd_y = y.is_finite() && libm::fmod(y.abs(), 2.0) == 1.0;
        if y > 0.0 {
            if odd_y {
                x
            } else {
                x.abs()
            }
        } else if y == 0.0 {
            1.0
        } else if odd_y {
            0.0f64.copysign(x)
        } else {
            0.0
        }
    } else if x.abs() == 1.0 {
        1.0
    } else if (y > 0.0) == (x.abs() > 1.0) {
        y.abs()
    } else {
        0.0
    })
}

builtin!(pub(super) pow, |args, kws| {
    let (x, y) = two("pow", args, &kws)?;
    float::from_f64(pow_value(x, y)?)
});

builtin!(pub(super) degrees, |args, kws| {
    let x = arg_f64(one("math.degrees", args, &kws)?)?;
    float::from_f64(x * (180.0 / std::f64::consts::PI))
});

builtin!(pub(super) radians, |args, kws| {
    let x = arg_f64(one("math.radians", args, &kws)?)?;
    float::from_f64(x * (std::f64::consts::PI / 180.0))
});

/// `_PyLong_Frexp` of a positive int too large for a float: `(m, e)` with
/// `m` in [0.5, 1) correctly rounded and `m * 2**e` the int.
unsafe fn frexp_int(op: *mut PyObject) -> (f64, i64) {
    // SAFETY: op is an int.
    let ds = unsafe { int::digits(op) };
    let nbits = crate::object::int_arith::bit_length(ds) as i64;
    // The top 64 bits, with every lower bit folded into the last one so
    // that converting to a float rounds as the whole value would.
    let shift = nbits - 64;
    let mut top: u64 = 0;
    let mut sticky = false;
    for (i, &d) in ds.iter().enumerate() {
        for b in 0..30 {
            let pos = i as i64 * 30 + b;
            if (d >> b) & 1 == 0 {
                continue;
            }
            if pos < shift {
                sticky = true;
            } else {
                top |= 1u64 << (pos - shift);
            }
        }
    }
    if sticky {
        top |= 1;
    }
    let m = top as f64 / 18446744073709551616.0;
    if m == 1.0 {
        (0.5, nbits + 1)
    } else {
        (m, nbits)
    }
}

/// `loghelper`: `f(x)` for a float argument, and for an int of any size
/// (through `frexp` when it is too large for a float).
unsafe fn log_of(x: *mut PyObject, f: fn(f64) -> f64) -> PyResult<f64> {
    // SAFETY: x is a valid argument.
    unsafe {
        if int::check(x) {
            if int::sign(x) <= 0 {
                return Err(domain_error());
            }
            return match int::to_f64(x) {
                Ok(v) => Ok(f(v)),
                Err(_) => {
                    errors::clear();
                    let (m, e) = frexp_int(x);
                    Ok(f(m) + f(2.0) * e as f64)
                }
            };
        }
        let v = arg_f64(x)?;
        check_1(v, f(v), false)
    }
}

builtin!(pub(super) log, |args, kws| {
    no_kwargs("log", &kws)?;
    arity("log", args, 1, 2)?;
    let num = log_of(args[0], libm::log)?;
    let Some(&base) = args.get(1) else {
        return float::from_f64(num);
    };
    let den = log_of(base, libm::log)?;
    if den == 0.0 {
        return Err(errors::zero_division_error("float division by zero"));
    }
    float::from_f64(num / den)
});

builtin!(pub(super) log2, |args, kws| {
    float::from_f64(log_of(one("math.log2", args, &kws)?, libm::log2)?)
});

builtin!(pub(super) log10, |args, kws| {
    float::from_f64(log_of(one("math.log10", args, &kws)?, libm::log10)?)
});

builtin!(pub(super) ldexp, |args, kws| {
    no_kwargs("ldexp", &kws)?;
    arity("ldexp", args, 2, 2)?;
    let x = arg_f64(args[0])?;
    if !int::check(args[1]) {
        return Err(errors::type_error(
            "Expected an int as second argument to ldexp.",
        ));
    }
    let exp = match int::as_i64(args[1]) {
        Ok(e) => e,
        Err(_) => {
            errors::clear();
            if int::sign(args[1]) < 0 {
                i64::MIN
            } else {
                i64::MAX
            }
        }
    };
    let r = if x == 0.0 || !x.is_finite() {
        x
    } else if exp > i32::MAX as i64 {
        return Err(range_error());
    } else if exp < i32::MIN as i64 {
        0.0f64.copysign(x)
    } else {
        let r = libm::ldexp(x, exp as i32);
        if r.is_infinite() {
            return Err(range_error());
        }
        r
    };
    float::from_f64(r)
});

builtin!(pub(super) frexp, |args, kws| {
    let x = arg_f64(one("math.frexp", args, &kws)?)?;
    let (m, e) = if x == 0.0 || !x.is_finite() {
        (x, 0)
    } else {
        libm::frexp(x)
    };
    let m = float::from_f64(m)?;
    let e = int::from_i64(e.into())?;
    tuple::pack(&[m.as_ptr(), e.as_ptr()])
});

builtin!(pub(super) modf, |args, kws| {
    let x = arg_f64(one("math.modf", args, &kws)?)?;
    let (frac, whole) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else if x.is_nan() {
        (x, x)
    } else {
        let t = x.trunc();
        ((x - t).copysign(x), t)
    };
    let a = float::from_f64(frac)?;
    let b = float::from_f64(whole)?;
    tuple::pack(&[a.as_ptr(), b.as_ptr()])
});

/// Calls the special method `name` of `x`'s type if it has one.
unsafe fn call_special(x: *mut PyObject, name: &str) -> PyResult<Option<Owned>> {
    // SAFETY: x valid.
    unsafe {
        // Bound as `_PyObject_LookupSpecial` binds it (a descriptor's
        // `__get__` runs, and may raise).
        match protocol::lookup_special(x, name)? {
            Some(m) => protocol::call_args(m.as_ptr(), &[]).map(Some),
            None => Ok(None),
        }
    }
}

/// `math.floor` / `math.ceil`: `__floor__` / `__ceil__`, else the float
/// value rounded.
unsafe fn round_with(
    name: &str,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
    special: &str,
    f: fn(f64) -> f64,
) -> PyResult<Owned> {
    // SAFETY: valid arguments.
    unsafe {
        let x = one(name, args, kws)?;
        if float::check_exact(x) {
            return int::from_f64(f(float::value(x)));
        }
        if let Some(r) = call_special(x, special)? {
            return Ok(r);
        }
        int::from_f64(f(float::as_f64(x)?))
    }
}

builtin!(pub(super) floor, |args, kws| round_with("math.floor", args, &kws, "__floor__", f64::floor));
builtin!(pub(super) ceil, |args, kws| round_with("math.ceil", args, &kws, "__ceil__", f64::ceil));

builtin!(pub(super) trunc, |args, kws| {
    let x = one("math.trunc", args, &kws)?;
    if float::check_exact(x) {
        return int::from_f64(float::value(x).trunc());
    }
    match call_special(x, "__trunc__")? {
        Some(r) => Ok(r),
        None => Err(errors::type_error(format!(
            "type {} doesn't define __trunc__ method",
            type_name(x)
        ))),
    }
});

macro_rules! predicate {
    ($($name:ident = $f:expr;)*) => {$(
        builtin!(pub(super) $name, |args, kws| {
            let x = arg_f64(one(concat!("math.", stringify!($name)), args, &kws)?)?;
            Ok(Owned::from_borrowed_static(pybool::from_bool($f(x))))
        });
    )*};
}

predicate! {
    isfinite = f64::is_finite;
    isinf = f64::is_infinite;
    isnan = f64::is_nan;
}

builtin!(pub(super) isclose, |args, kws| {
    let mut vals: [Option<*mut PyObject>; 4] = [None; 4];
    if args.len() > 2 {
        return Err(errors::type_error(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            args.len()
        )));
    }
    for (i, &a) in args.iter().enumerate() {
        vals[i] = Some(a);
    }
    for &(k, v) in &kws {
        let i = match k {
            "a" => 0,
            "b" => 1,
            "rel_tol" => 2,
            "abs_tol" => 3,
            _ => {
                return Err(errors::type_error(format!(
                    "isclose() got an unexpected keyword argument '{k}'"
                )))
            }
        };
        if vals[i].is_some() {
            return Err(errors::type_error(format!(
                "argument for isclose() given by name ('{k}') and position ({})",
                i + 1
            )));
        }
        vals[i] = Some(v);
    }
    let (Some(a), Some(b)) = (vals[0], vals[1]) else {
        let missing = if vals[0].is_none() { "a" } else { "b" };
        return Err(errors::type_error(format!(
            "isclose() missing required argument '{missing}' (pos {})",
            if vals[0].is_none() { 1 } else { 2 }
        )));
    };
    let a = arg_f64(a)?;
    let b = arg_f64(b)?;
    let rel_tol = match vals[2] {
        Some(v) => arg_f64(v)?,
        None => 1e-9,
    };
    let abs_tol = match vals[3] {
        Some(v) => arg_f64(v)?,
        None => 0.0,
    };
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(errors::value_error("tolerances must be non-negative"));
    }
    let close = if a == b {
        true
    } else if a.is_infinite() || b.is_infinite() {
        false
    } else {
        let diff = (b - a).abs();
        diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol
    };
    Ok(Owned::from_borrowed_static(pybool::from_bool(close)))
});

/// A float's position on the number line as an integer: consecutive
/// floats map to consecutive keys, both zeros to 0.
fn order_key(x: f64) -> i64 {
    let b = x.to_bits() as i64;
    if b < 0 {
        -(b & i64::MAX)
    } else {
        b
    }
}

fn from_order_key(k: i64) -> f64 {
    if k < 0 {
        f64::from_bits((-k) as u64 | (1 << 63))
    } else {
        f64::from_bits(k as u64)
    }
}

builtin!(pub(super) nextafter, |args, kws| {
    arity("nextafter", args, 2, 2)?;
    let mut steps = None;
    for &(k, v) in &kws {
        if k != "steps" {
            return Err(errors::type_error(format!(
                "nextafter() got an unexpected keyword argument '{k}'"
            )));
        }
        steps = Some(v);
    }
    let x = arg_f64(args[0])?;
    let y = arg_f64(args[1])?;
    let steps = match steps {
        None => return float::from_f64(libm::nextafter(x, y)),
        Some(s) if s == crate::object::none::none() => {
            return float::from_f64(libm::nextafter(x, y))
        }
        Some(s) => {
            let n = number::index(s)?;
            if int::sign(n.as_ptr()) < 0 {
                return Err(errors::value_error(
                    "steps must be a non-negative integer",
                ));
            }
            int::as_u64(n.as_ptr()).unwrap_or(u64::MAX)
        }
    };
    if steps == 0 || x.is_nan() {
        return float::from_f64(x);
    }
    if y.is_nan() {
        return float::from_f64(y);
    }
    let (kx, ky) = (order_key(x) as i128, order_key(y) as i128);
    let r = if (ky - kx).unsigned_abs() <= steps as u128 {
        y
    } else if ky > kx {
        from_order_key((kx + steps as i128) as i64)
    } else {
        from_order_key((kx - steps as i128) as i64)
    };
    float::from_f64(r)
});

builtin!(pub(super) ulp, |args, kws| {
    let x = arg_f64(one("math.ulp", args, &kws)?)?;
    if x.is_nan() {
        return float::from_f64(x);
    }
    let x = x.abs();
    if x.is_infinite() {
        return float::from_f64(x);
    }
    let up = libm::nextafter(x, f64::INFINITY);
    if up.is_infinite() {
        return float::from_f64(x - libm::nextafter(x, -f64::INFINITY));
    }
    float::from_f64(up - x)
});

builtin!(pub(super) fma, |args, kws| {
    no_kwargs("fma", &kws)?;
    arity("fma", args, 3, 3)?;
    let (x, y, z) = (arg_f64(args[0])?, arg_f64(args[1])?, arg_f64(args[2])?);
    let r = x.mul_add(y, z);
    if !r.is_finite() {
        if r.is_nan() {
            if !x.is_nan() && !y.is_nan() && !z.is_nan() {
                return Err(errors::value_error("invalid operation in fma"));
            }
        } else if x.is_finite() && y.is_finite() && z.is_finite() {
            return Err(errors::overflow_error("overflow in fma"));
        }
    }
    float::from_f64(r)
});
