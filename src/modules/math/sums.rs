//! The summing functions of `math`: `fsum` (exact partial sums, one final
//! rounding), `hypot` and `dist` (CPython's scaled, compensated vector
//! norm, so results agree to the bit), `prod`, and `sumprod` with its
//! exact int path and triple-length float path.
use super::arg_f64;
use crate::ffi::*;
use crate::modules::args::{arity, builtin, no_kwargs};
use crate::object::{float, int, number, protocol, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// `a + b` exactly as `(hi, lo)` (any magnitudes).
#[inline]
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let x = a + b;
    let z = x - a;
    (x, (a - (x - z)) + (b - z))
}

/// `a + b` exactly as `(hi, lo)` when `|a| >= |b|`.
#[inline]
fn fast_two_sum(a: f64, b: f64) -> (f64, f64) {
    let hi = a + b;
    (hi, (a - hi) + b)
}

/// `x * y` exactly as `(hi, lo)`.
#[inline]
fn two_prod(x: f64, y: f64) -> (f64, f64) {
    let hi = x * y;
    (hi, x.mul_add(y, -hi))
}

builtin!(pub(super) fsum, |args, kws| {
    no_kwargs("math.fsum", &kws)?;
    arity("math.fsum", args, 1, 1)?;
    let it = protocol::get_iter(args[0])?;
    // Non-overlapping partial sums in increasing magnitude.
    let mut partials: Vec<f64> = Vec::new();
    let mut special_sum = 0.0f64;
    let mut inf_sum = 0.0f64;
    while let Some(item) = protocol::iter_next(it.as_ptr())? {
        let mut x = arg_f64(item.as_ptr())?;
        let xsave = x;
        let mut n = 0;
        for i in 0..partials.len() {
            let mut y = partials[i];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[n] = lo;
                n += 1;
            }
            x = hi;
        }
        partials.truncate(n);
        if x != 0.0 {
            if !x.is_finite() {
                // A non-finite partial: from finite input it overflowed;
                // otherwise it is summed apart and the partials dropped.
                if xsave.is_finite() {
                    return Err(errors::overflow_error("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(errors::value_error("-inf + inf in fsum"));
        }
        return float::from_f64(special_sum);
    }
    let mut hi = 0.0;
    let mut n = partials.len();
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            lo = y - (hi - x);
            if lo != 0.0 {
                break;
            }
        }
        // Round half-even correctly when the rest of the partials push the
        // halfway case one way.
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
    }
    float::from_f64(hi)
});

/// The Euclidean norm of non-negative finite-or-not `v` whose largest
/// element is `max`: scaled by a power of two so the squares are exact,
/// summed with compensation, then one Newton correction of the root.
fn vector_norm(v: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || v.len() <= 1 {
        return max;
    }
    let (_, max_e) = super::libm::frexp(max);
    if max_e < -1023 {
        for x in v.iter_mut() {
            *x /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(v, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = super::libm::ldexp(1.0, -max_e);
    let (mut csum, mut frac1, mut frac2) = (1.0f64, 0.0f64, 0.0f64);
    for &x in v.iter() {
        let x = x * scale;
        let (phi, plo) = two_prod(x, x);
        let (shi, slo) = fast_two_sum(csum, phi);
        csum = shi;
        frac1 += plo;
        frac2 += slo;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let (phi, plo) = two_prod(-h, h);
    let (shi, slo) = fast_two_sum(csum, phi);
    csum = shi;
    frac1 += plo;
    frac2 += slo;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

builtin!(pub(super) hypot, |args, kws| {
    no_kwargs("hypot", &kws)?;
    let mut v = Vec::with_capacity(args.len());
    let (mut max, mut found_nan) = (0.0f64, false);
    for &a in args {
        let x = arg_f64(a)?.abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        v.push(x);
    }
    float::from_f64(vector_norm(&mut v, max, found_nan))
});

builtin!(pub(super) dist, |args, kws| {
    no_kwargs("dist", &kws)?;
    arity("dist", args, 2, 2)?;
    let as_tuple = |o: *mut PyObject| -> PyResult<Owned> {
        if tuple::check(o) {
            Ok(Owned::from_borrowed(o))
        } else {
            tuple::from_iterable(o)
        }
    };
    let p = as_tuple(args[0])?;
    let q = as_tuple(args[1])?;
    let (p, q) = (tuple::items(p.as_ptr()), tuple::items(q.as_ptr()));
    if p.len() != q.len() {
        return Err(errors::value_error(
            "both points must have the same number of dimensions",
        ));
    }
    let mut v = Vec::with_capacity(p.len());
    let (mut max, mut found_nan) = (0.0f64, false);
    for (&a, &b) in p.iter().zip(q) {
        let x = (arg_f64(a)? - arg_f64(b)?).abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        v.push(x);
    }
    float::from_f64(vector_norm(&mut v, max, found_nan))
});

builtin!(pub(super) prod, |args, kws| {
    if args.len() != 1 {
        return Err(errors::type_error(format!(
            "prod() takes exactly 1 positional argument ({} given)",
            args.len()
        )));
    }
    let mut start = None;
    for &(k, v) in &kws {
        if k != "start" {
            return Err(errors::type_error(format!(
                "prod() got an unexpected keyword argument '{k}'"
            )));
        }
        start = Some(v);
    }
    let mut acc = match start {
        Some(s) => Owned::from_borrowed(s),
        None => int::from_i64(1)?,
    };
    let it = protocol::get_iter(args[0])?;
    while let Some(item) = protocol::iter_next(it.as_ptr())? {
        acc = number::multiply(acc.as_ptr(), item.as_ptr())?;
    }
    Ok(acc)
});

/// A running float sum of products kept to about three doubles of
/// precision (`TripleLength`).
#[derive(Clone, Copy, Default)]
struct Triple {
    hi: f64,
    lo: f64,
    tiny: f64,
}

impl Triple {
    fn fma(self, x: f64, y: f64) -> Triple {
        let (phi, plo) = two_prod(x, y);
        let (shi, slo) = two_sum(self.hi, phi);
        let (r1hi, r1lo) = two_sum(self.lo, plo);
        let (r2hi, r2lo) = two_sum(r1hi, slo);
        Triple {
            hi: shi,
            lo: r2hi,
            tiny: self.tiny + r1lo + r2lo,
        }
    }

    fn value(self) -> f64 {
        let (hi, lo) = two_sum(self.lo, self.hi);
        self.tiny + lo + hi
    }
}

/// The float value of a (float, int-or-bool) pair member for the float
/// path, `None` when it does not qualify.
unsafe fn float_pair(p: *mut PyObject, q: *mut PyObject) -> Option<(f64, f64)> {
    // SAFETY: p and q valid.
    unsafe {
        let is_intish = |o: *mut PyObject| {
            int::check(o)
                && ((*o).ob_type == &raw mut int::PyLong_Type
                    || (*o).ob_type == &raw mut crate::object::bool::PyBool_Type)
        };
        let (pf, qf) = (float::check_exact(p), float::check_exact(q));
        if pf && qf {
            return Some((float::value(p), float::value(q)));
        }
        let to_f = |o| match int::to_f64(o) {
            Ok(v) => Some(v),
            Err(_) => {
                errors::clear();
                None
            }
        };
        if pf && is_intish(q) {
            return Some((float::value(p), to_f(q)?));
        }
        if qf && is_intish(p) {
            return Some((to_f(p)?, float::value(q)));
        }
        None
    }
}

builtin!(pub(super) sumprod, |args, kws| {
    no_kwargs("sumprod", &kws)?;
    arity("sumprod", args, 2, 2)?;
    let p_it = protocol::get_iter(args[0])?;
    let q_it = protocol::get_iter(args[1])?;
    let mut total = int::from_i64(0)?;
    let (mut int_path, mut flt_path) = (true, true);
    let mut int_total: Option<i64> = None;
    let mut flt_total: Option<Triple> = None;
    loop {
        let p = protocol::iter_next(p_it.as_ptr())?;
        let q = protocol::iter_next(q_it.as_ptr())?;
        if p.is_some() != q.is_some() {
            return Err(errors::value_error("Inputs are not the same length"));
        }
        let pair = p.zip(q);
        if int_path {
            if let Some((p, q)) = &pair {
                let exact = |o: *mut PyObject| (*o).ob_type == &raw mut int::PyLong_Type;
                if exact(p.as_ptr()) && exact(q.as_ptr()) {
                    let sum = int::as_i64(p.as_ptr())
                        .ok()
                        .zip(int::as_i64(q.as_ptr()).ok())
                        .and_then(|(a, b)| a.checked_mul(b))
                        .and_then(|prod| int_total.unwrap_or(0).checked_add(prod));
                    errors::clear();
                    if let Some(s) = sum {
                        int_total = Some(s);
                        continue;
                    }
                }
            }
            int_path = false;
            if let Some(t) = int_total.take() {
                total = number::add(total.as_ptr(), int::from_i64(t)?.as_ptr())?;
            }
        }
        if flt_path {
            if let Some((p, q)) = &pair {
                if let Some((x, y)) = float_pair(p.as_ptr(), q.as_ptr()) {
                    let t = flt_total.unwrap_or_default().fma(x, y);
                    if t.hi.is_finite() {
                        flt_total = Some(t);
                        continue;
                    }
                }
            }
            flt_path = false;
            if let Some(t) = flt_total.take() {
                total = number::add(total.as_ptr(), float::from_f64(t.value())?.as_ptr())?;
            }
        }
        let Some((p, q)) = pair else {
            return Ok(total);
        };
        let term = number::multiply(p.as_ptr(), q.as_ptr())?;
        total = number::add(total.as_ptr(), term.as_ptr())?;
    }
});
