//! The integer functions of `math` on arbitrary-size ints: `gcd`, `lcm`,
//! `isqrt`, `factorial`, `comb`, `perm`.
use crate::ffi::*;
use crate::modules::args::{arity, builtin, no_kwargs};
use crate::object::int_arith::BigInt;
use crate::object::{int, none, number};
use crate::runtime::errors::{self, PyResult};
use std::cmp::Ordering;

/// An argument as an exact int value via `__index__`.
unsafe fn big_arg(op: *mut PyObject) -> PyResult<BigInt> {
    // SAFETY: op valid.
    unsafe {
        let i = number::index(op)?;
        Ok(int::to_big(i.as_ptr()))
    }
}

builtin!(pub(super) gcd, |args, kws| {
    no_kwargs("gcd", &kws)?;
    if let [a] = args {
        let a = number::index(*a)?;
        return int::from_big(&int::to_big(a.as_ptr()).abs());
    }
    let mut g = BigInt::ZERO;
    for &a in args {
        let v = big_arg(a)?;
        if g.to_i128() != Some(1) {
            g = g.gcd(&v).abs();
        }
    }
    int::from_big(&g)
});

builtin!(pub(super) lcm, |args, kws| {
    no_kwargs("lcm", &kws)?;
    let mut l = BigInt::from_i128(1);
    for &a in args {
        let v = big_arg(a)?.abs();
        if l.is_zero() {
            continue;
        }
        if v.is_zero() {
            l = BigInt::ZERO;
            continue;
        }
        let g = l.gcd(&v);
        let q = v.divmod(&g).map(|(q, _)| q).unwrap_or(BigInt::ZERO);
        l = l.mul(&q);
    }
    int::from_big(&l)
});

/// The integer square root of a u64.
fn isqrt_u64(n: u64) -> u64 {
    let mut r = (n as f64).sqrt() as u64;
    while r.checked_mul(r).is_none_or(|sq| sq > n) {
        r -= 1;
    }
    while (r + 1).checked_mul(r + 1).is_some_and(|sq| sq <= n) {
        r += 1;
    }
    r
}

/// The integer square root of a non-negative int: Newton's iteration from
/// a power of two above the root, which decreases to the floor.
fn isqrt_big(n: &BigInt) -> BigInt {
    if let Some(v) = n.to_i128() {
        if v <= u64::MAX as i128 {
            return BigInt::from_i128(isqrt_u64(v as u64) as i128);
        }
    }
    let bits = crate::object::int_arith::bit_length(n.view().mag) as usize;
    let mut x = BigInt::from_i128(1).shl(bits.div_ceil(2));
    loop {
        let (q, _) = n.divmod(&x).expect("x is positive");
        let y = x.add(&q).shr(1);
        if y.compare(&x) != Ordering::Less {
            return x;
        }
        x = y;
    }
}

builtin!(pub(super) isqrt, |args, kws| {
    no_kwargs("math.isqrt", &kws)?;
    arity("math.isqrt", args, 1, 1)?;
    let n = big_arg(args[0])?;
    if n.signum() < 0 {
        return Err(errors::value_error("isqrt() argument must be nonnegative"));
    }
    int::from_big(&isqrt_big(&n))
});

/// The product of `count` consecutive integers starting at `lo`, split in
/// halves so the multiplications stay balanced.
fn range_product(lo: &BigInt, count: u64) -> BigInt {
    if count == 0 {
        return BigInt::from_i128(1);
    }
    if count <= 16 {
        if let Some(l) = lo.to_i128() {
            // Consecutive small factors multiply in u128 while they fit.
            let mut acc = BigInt::from_i128(1);
            let mut chunk: u128 = 1;
            for i in 0..count as i128 {
                let f = (l + i) as u128;
                match chunk.checked_mul(f) {
                    Some(c) if c < (1 << 120) => chunk = c,
                    _ => {
                        acc = acc.mul(&BigInt::from_i128(chunk as i128));
                        chunk = f;
                    }
                }
            }
            return acc.mul(&BigInt::from_i128(chunk as i128));
        }
        let mut acc = lo.clone();
        for i in 1..count {
            acc = acc.mul(&lo.add(&BigInt::from_i128(i as i128)));
        }
        return acc;
    }
    let half = count / 2;
    let a = range_product(lo, half);
    let b = range_product(&lo.add(&BigInt::from_i128(half as i128)), count - half);
    a.mul(&b)
}

fn factorial_of(n: u64) -> BigInt {
    if n < 2 {
        return BigInt::from_i128(1);
    }
    range_product(&BigInt::from_i128(2), n - 1)
}

builtin!(pub(super) factorial, |args, kws| {
    no_kwargs("math.factorial", &kws)?;
    arity("math.factorial", args, 1, 1)?;
    let n = number::index(args[0])?;
    let n = match int::as_i64(n.as_ptr()) {
        Ok(v) => v,
        Err(_) => {
            errors::clear();
            return Err(if int::sign(n.as_ptr()) < 0 {
                errors::value_error("factorial() not defined for negative values")
            } else {
                errors::overflow_error(format!(
                    "factorial() argument should not exceed {}",
                    i64::MAX
                ))
            });
        }
    };
    if n < 0 {
        return Err(errors::value_error(
            "factorial() not defined for negative values",
        ));
    }
    int::from_big(&factorial_of(n as u64))
});

/// Checks `n` and `k` of `comb`/`perm`: both non-negative.
fn check_nk(n: &BigInt, k: &BigInt) -> PyResult<()> {
    if n.signum() < 0 {
        return Err(errors::value_error("n must be a non-negative integer"));
    }
    if k.signum() < 0 {
        return Err(errors::value_error("k must be a non-negative integer"));
    }
    Ok(())
}

/// A count that must fit a C long (`k` of `perm`, `min(k, n-k)` of `comb`).
fn as_count(v: &BigInt, what: &str) -> PyResult<u64> {
    match v.to_i128() {
        Some(x) if x <= i64::MAX as i128 => Ok(x as u64),
        _ => Err(errors::overflow_error(format!(
            "{what} must not exceed {}",
            i64::MAX
        ))),
    }
}

/// `(n, k)` of a function taking exactly two arguments, or `k` optional.
unsafe fn n_k(
    name: &str,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
    min: usize,
) -> PyResult<(*mut PyObject, Option<*mut PyObject>)> {
    no_kwargs(name, kws)?;
    arity(name, args, min, 2)?;
    Ok((args[0], args.get(1).copied()))
}

builtin!(pub(super) comb, |args, kws| {
    let (n, k) = n_k("comb", args, &kws, 2)?;
    let n = big_arg(n)?;
    let k = big_arg(k.expect("two arguments"))?;
    check_nk(&n, &k)?;
    let nk = n.sub(&k);
    if nk.signum() < 0 {
        return int::from_i64(0);
    }
    let k = if nk.compare(&k) == Ordering::Less { nk } else { k };
    let k = as_count(&k, "min(n - k, k)")?;
    let lo = n.sub(&BigInt::from_i128(k as i128 - 1));
    let top = range_product(&lo, k);
    let (q, _) = top.divmod(&factorial_of(k)).expect("k! is positive");
    int::from_big(&q)
});

builtin!(pub(super) perm, |args, kws| {
    let (n, k) = n_k("perm", args, &kws, 1)?;
    let n = big_arg(n)?;
    let k = match k {
        Some(k) if k != none::none() => big_arg(k)?,
        _ => {
            if n.signum() < 0 {
                return Err(errors::value_error("n must be a non-negative integer"));
            }
            let n = as_count(&n, "n")?;
            return int::from_big(&factorial_of(n));
        }
    };
    check_nk(&n, &k)?;
    if n.compare(&k) == Ordering::Less {
        return int::from_i64(0);
    }
    let k = as_count(&k, "k")?;
    let lo = n.sub(&BigInt::from_i128(k as i128 - 1));
    int::from_big(&range_product(&lo, k))
});
