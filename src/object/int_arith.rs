//! Arbitrary-precision integer arithmetic on CPython's representation:
//! little-endian base-2**30 digits (`u32`, each `< 2**30`) and a separate
//! sign. [`BigInt`] carries Python semantics (floor division, two's
//! complement bitwise operators, correctly rounded conversion to float); the
//! magnitude helpers below it follow `Objects/longobject.c` (schoolbook and
//! Karatsuba multiplication, Knuth's algorithm D for division).
//!
//! Pure Rust: no object model, no `unsafe`. The `int` type converts at its
//! boundary and keeps a fast `i64` path for one- and two-digit values.
use std::cmp::Ordering;

/// Bits per digit.
pub const SHIFT: u32 = 30;
/// `2**SHIFT`.
pub const BASE: u64 = 1 << SHIFT;
/// Mask of one digit.
pub const MASK: u32 = (1 << SHIFT) - 1;
/// Below this many digits Karatsuba is slower than schoolbook (CPython's
/// `KARATSUBA_CUTOFF`).
const KARATSUBA_CUTOFF: usize = 70;

/// A signed arbitrary-precision integer; zero is `neg == false` and an empty
/// magnitude, and the magnitude never has a most significant zero digit.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct BigInt {
    /// Negative.
    pub neg: bool,
    /// Magnitude, least significant digit first.
    pub mag: Vec<u32>,
}

/// Drops most significant zero digits.
pub fn normalize(v: &mut Vec<u32>) {
    while v.last() == Some(&0) {
        v.pop();
    }
}

/// Compares two normalized magnitudes.
pub fn cmp_mag(a: &[u32], b: &[u32]) -> Ordering {
    a.len()
        .cmp(&b.len())
        .then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

/// `a + b` into `out` (at least `max(len) + 1` digits); returns the
/// number of digits used (normalized).
pub fn add_mag_into(a: &[u32], b: &[u32], out: &mut [u32]) -> usize {
    let (a, b) = if a.len() < b.len() { (b, a) } else { (a, b) };
    let mut carry = 0u32;
    for (i, &d) in a.iter().enumerate() {
        carry += d + b.get(i).copied().unwrap_or(0);
        out[i] = carry & MASK;
        carry >>= SHIFT;
    }
    out[a.len()] = carry;
    a.len() + (carry != 0) as usize
}

/// `a + b`.
pub fn add_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = vec![0u32; a.len().max(b.len()) + 1];
    let n = add_mag_into(a, b, &mut out);
    out.truncate(n);
    out
}

/// `a - b` for `a >= b` into `out` (at least `a.len()` digits); returns
/// the number of digits used (normalized).
pub fn sub_mag_into(a: &[u32], b: &[u32], out: &mut [u32]) -> usize {
    debug_assert!(cmp_mag(a, b) != Ordering::Less);
    let mut borrow = 0u32;
    for (i, &d) in a.iter().enumerate() {
        borrow = d
            .wrapping_sub(b.get(i).copied().unwrap_or(0))
            .wrapping_sub(borrow);
        out[i] = borrow & MASK;
        borrow = (borrow >> SHIFT) & 1;
    }
    out[..a.len()]
        .iter()
        .rposition(|&d| d != 0)
        .map_or(0, |p| p + 1)
}

/// `a - b` for `a >= b`.
pub fn sub_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = vec![0u32; a.len()];
    let n = sub_mag_into(a, b, &mut out);
    out.truncate(n);
    out
}

/// The signed sum `(-1)**aneg * a + (-1)**bneg * b` into `out` (at least
/// `max(len) + 1` digits): returns (negative, digits used).
pub fn signed_add_into(
    aneg: bool,
    a: &[u32],
    bneg: bool,
    b: &[u32],
    out: &mut [u32],
) -> (bool, usize) {
    if aneg == bneg {
        let n = add_mag_into(a, b, out);
        return (aneg && n != 0, n);
    }
    match cmp_mag(a, b) {
        Ordering::Equal => (false, 0),
        Ordering::Greater => (aneg, sub_mag_into(a, b, out)),
        Ordering::Less => (bneg, sub_mag_into(b, a, out)),
    }
}

/// `acc[..] += b` in place, carrying into the rest of `acc`.
fn add_into(acc: &mut [u32], b: &[u32]) {
    let mut carry = 0u32;
    let mut i = 0;
    while i < b.len() {
        carry += acc[i] + b[i];
        acc[i] = carry & MASK;
        carry >>= SHIFT;
        i += 1;
    }
    while carry != 0 && i < acc.len() {
        carry += acc[i];
        acc[i] = carry & MASK;
        carry >>= SHIFT;
        i += 1;
    }
}

/// `acc[..] -= b` in place; `acc >= b` as numbers.
fn sub_from(acc: &mut [u32], b: &[u32]) {
    let mut borrow = 0u32;
    let mut i = 0;
    while i < b.len() {
        borrow = acc[i].wrapping_sub(b[i]).wrapping_sub(borrow);
        acc[i] = borrow & MASK;
        borrow = (borrow >> SHIFT) & 1;
        i += 1;
    }
    while borrow != 0 && i < acc.len() {
        borrow = acc[i].wrapping_sub(borrow);
        acc[i] = borrow & MASK;
        borrow = (borrow >> SHIFT) & 1;
        i += 1;
    }
}

fn schoolbook_mul(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = vec![0u32; a.len() + b.len()];
    for (i, &ad) in a.iter().enumerate() {
        if ad == 0 {
            continue;
        }
        let mut carry = 0u64;
        for (j, &bd) in b.iter().enumerate() {
            carry += out[i + j] as u64 + ad as u64 * bd as u64;
            out[i + j] = (carry as u32) & MASK;
            carry >>= SHIFT;
        }
        let mut k = i + b.len();
        while carry != 0 {
            carry += out[k] as u64;
            out[k] = (carry as u32) & MASK;
            carry >>= SHIFT;
            k += 1;
        }
    }
    out
}

/// `a * b` (normalized inputs and output).
pub fn mul_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if a.is_empty() {
        return Vec::new();
    }
    let mut out = if a.len() < KARATSUBA_CUTOFF {
        schoolbook_mul(a, b)
    } else if 2 * a.len() <= b.len() {
        lopsided_mul(a, b)
    } else {
        karatsuba(a, b)
    };
    normalize(&mut out);
    out
}

/// `a * b` with `b` much longer than `a`: `b` in slices of `a`'s length.
fn lopsided_mul(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = vec![0u32; a.len() + b.len()];
    for (k, chunk) in b.chunks(a.len()).enumerate() {
        let p = mul_mag(a, trim(chunk));
        add_into(&mut out[k * a.len()..], &p);
    }
    out
}

fn trim(v: &[u32]) -> &[u32] {
    let n = v.iter().rposition(|&d| d != 0).map_or(0, |p| p + 1);
    &v[..n]
}

/// Karatsuba: `a = ah*B^s + al`, `b = bh*B^s + bl`.
fn karatsuba(a: &[u32], b: &[u32]) -> Vec<u32> {
    let s = b.len() / 2;
    let (al, ah) = a.split_at(s.min(a.len()));
    let (bl, bh) = b.split_at(s);
    let (al, ah, bl, bh) = (trim(al), trim(ah), trim(bl), trim(bh));
    let hh = mul_mag(ah, bh);
    let ll = mul_mag(al, bl);
    let sa = add_mag(al, ah);
    let sb = add_mag(bl, bh);
    let mut mid = mul_mag(trim(&sa), trim(&sb));
    sub_from(&mut mid, &hh);
    sub_from(&mut mid, &ll);
    normalize(&mut mid);
    let mut out = vec![0u32; a.len() + b.len() + 1];
    add_into(&mut out, &ll);
    add_into(&mut out[2 * s..], &hh);
    add_into(&mut out[s..], &mid);
    out
}

/// `(a // d, a % d)` for a single nonzero digit `d`.
pub fn divrem1(a: &[u32], d: u32) -> (Vec<u32>, u32) {
    let mut q = vec![0u32; a.len()];
    let mut rem = 0u64;
    for i in (0..a.len()).rev() {
        let cur = (rem << SHIFT) | a[i] as u64;
        q[i] = (cur / d as u64) as u32;
        rem = cur % d as u64;
    }
    normalize(&mut q);
    (q, rem as u32)
}

/// Shifts a digit slice left by `s < SHIFT` bits into `out` (same length),
/// returning the bits shifted out of the top.
fn shl_digits(out: &mut [u32], a: &[u32], s: u32) -> u32 {
    let mut carry = 0u32;
    for i in 0..a.len() {
        let acc = ((a[i] as u64) << s) | carry as u64;
        out[i] = (acc as u32) & MASK;
        carry = (acc >> SHIFT) as u32;
    }
    carry
}

/// `(a // b, a % b)` on magnitudes; `b` nonzero.
pub fn divrem_mag(a: &[u32], b: &[u32]) -> (Vec<u32>, Vec<u32>) {
    assert!(!b.is_empty(), "division by zero magnitude");
    if cmp_mag(a, b) == Ordering::Less {
        return (Vec::new(), a.to_vec());
    }
    if b.len() == 1 {
        let (q, r) = divrem1(a, b[0]);
        return (q, if r == 0 { Vec::new() } else { vec![r] });
    }
    // Knuth D: normalize so the divisor's top digit has its high bit set.
    let s = b[b.len() - 1].leading_zeros() - (32 - SHIFT);
    let size_w = b.len();
    let mut w = vec![0u32; size_w];
    shl_digits(&mut w, b, s);
    let mut v = vec![0u32; a.len() + 1];
    let top = shl_digits(&mut v[..a.len()], a, s);
    v[a.len()] = top;
    let k = v.len() - size_w;
    let mut q = vec![0u32; k];
    let (wm1, wm2) = (w[size_w - 1] as u64, w[size_w - 2] as u64);
    for j in (0..k).rev() {
        let vtop = v[j + size_w] as u64;
        let vv = (vtop << SHIFT) | v[j + size_w - 1] as u64;
        let mut qhat = vv / wm1;
        let mut rhat = vv - qhat * wm1;
        while qhat >= BASE || qhat * wm2 > ((rhat << SHIFT) | v[j + size_w - 2] as u64) {
            qhat -= 1;
            rhat += wm1;
            if rhat >= BASE {
                break;
            }
        }
        let mut zhi: i64 = 0;
        for i in 0..size_w {
            let z = v[j + i] as i64 + zhi - (qhat * w[i] as u64) as i64;
            v[j + i] = (z as u32) & MASK;
            zhi = z >> SHIFT;
        }
        if vtop as i64 + zhi < 0 {
            let mut carry = 0u32;
            for i in 0..size_w {
                carry += v[j + i] + w[i];
                v[j + i] = carry & MASK;
                carry >>= SHIFT;
            }
            qhat -= 1;
        }
        v[j + size_w] = 0;
        q[j] = qhat as u32;
    }
    normalize(&mut q);
    let mut r = vec![0u32; size_w];
    // Undo the normalization shift on the remainder.
    let mut carry = 0u32;
    for i in (0..size_w).rev() {
        let acc = ((carry as u64) << SHIFT) | v[i] as u64;
        r[i] = (acc >> s) as u32;
        carry = v[i] & ((1u32 << s) - 1);
    }
    normalize(&mut r);
    (q, r)
}

/// `a << bits`.
pub fn shl_mag(a: &[u32], bits: usize) -> Vec<u32> {
    if a.is_empty() {
        return Vec::new();
    }
    let (wd, rem) = (bits / SHIFT as usize, bits % SHIFT as usize);
    let mut out = vec![0u32; wd + a.len() + 1];
    let top = shl_digits(&mut out[wd..wd + a.len()], a, rem as u32);
    out[wd + a.len()] = top;
    normalize(&mut out);
    out
}

/// `a >> bits` (magnitude, truncating).
pub fn shr_mag(a: &[u32], bits: usize) -> Vec<u32> {
    let (wd, rem) = (bits / SHIFT as usize, (bits % SHIFT as usize) as u32);
    if wd >= a.len() {
        return Vec::new();
    }
    let src = &a[wd..];
    let mut out = vec![0u32; src.len()];
    for i in 0..src.len() {
        let hi = src.get(i + 1).copied().unwrap_or(0) as u64;
        out[i] = ((((hi << SHIFT) | src[i] as u64) >> rem) as u32) & MASK;
    }
    normalize(&mut out);
    out
}

/// Whether any of the low `bits` bits of `a` is set.
fn low_bits_nonzero(a: &[u32], bits: usize) -> bool {
    let (wd, rem) = (bits / SHIFT as usize, bits % SHIFT as usize);
    a.iter().take(wd).any(|&d| d != 0)
        || (rem != 0 && wd < a.len() && a[wd] & ((1u32 << rem) - 1) != 0)
}

/// Number of bits of a magnitude (`int.bit_length`).
pub fn bit_length(a: &[u32]) -> u64 {
    match a.last() {
        None => 0,
        Some(&top) => (a.len() as u64 - 1) * SHIFT as u64 + (32 - top.leading_zeros()) as u64,
    }
}

/// The value of a magnitude of at most 64 bits.
fn fold_u64(a: &[u32]) -> u64 {
    a.iter()
        .rev()
        .fold(0u64, |acc, &d| (acc << SHIFT) | d as u64)
}

/// A float result out of range.
#[derive(Debug, PartialEq, Eq)]
pub struct FloatOverflow;

/// `2**e` for `e` in the normal exponent range.
fn pow2(e: i32) -> f64 {
    f64::from_bits(((1023 + e) as u64) << 52)
}

/// `x * 2**e` (C `ldexp`): exact whenever the result is representable.
fn ldexp(mut x: f64, mut e: i64) -> f64 {
    while e > 1023 {
        x *= pow2(1023);
        e -= 1023;
        if x.is_infinite() {
            return x;
        }
    }
    while e < -1022 {
        x *= pow2(-1022);
        e += 1022;
        if x == 0.0 {
            return x;
        }
    }
    x * pow2(e as i32)
}

impl BigInt {
    /// Zero.
    pub const ZERO: BigInt = BigInt {
        neg: false,
        mag: Vec::new(),
    };

    /// A value from a sign and a magnitude (normalized here).
    pub fn new(neg: bool, mut mag: Vec<u32>) -> BigInt {
        normalize(&mut mag);
        let neg = neg && !mag.is_empty();
        BigInt { neg, mag }
    }

    /// From an `i128`.
    pub fn from_i128(v: i128) -> BigInt {
        let mut m = v.unsigned_abs();
        let mut mag = Vec::new();
        while m != 0 {
            mag.push((m as u32) & MASK);
            m >>= SHIFT;
        }
        BigInt { neg: v < 0, mag }
    }

    /// The value as an `i128` when it fits.
    pub fn to_i128(&self) -> Option<i128> {
        if bit_length(&self.mag) > 127 {
            return None;
        }
        let m = self
            .mag
            .iter()
            .rev()
            .fold(0u128, |acc, &d| (acc << SHIFT) | d as u128) as i128;
        Some(if self.neg { -m } else { m })
    }

    /// Whether zero.
    pub fn is_zero(&self) -> bool {
        self.mag.is_empty()
    }

    /// The sign: -1, 0 or 1.
    pub fn signum(&self) -> i32 {
        if self.mag.is_empty() {
            0
        } else if self.neg {
            -1
        } else {
            1
        }
    }

    /// `-self`.
    pub fn negate(mut self) -> BigInt {
        self.neg = !self.neg && !self.mag.is_empty();
        self
    }

    /// `abs(self)`.
    pub fn abs(mut self) -> BigInt {
        self.neg = false;
        self
    }

    /// A borrowed view of the value.
    pub fn view(&self) -> View<'_> {
        View {
            neg: self.neg,
            mag: &self.mag,
        }
    }

    /// `self + other`.
    pub fn add(&self, other: &BigInt) -> BigInt {
        self.view() + other.view()
    }

    /// `self - other`.
    pub fn sub(&self, other: &BigInt) -> BigInt {
        self.view() - other.view()
    }

    /// `self * other`.
    pub fn mul(&self, other: &BigInt) -> BigInt {
        self.view() * other.view()
    }

    /// Floor division and modulo (`divmod`); `None` when `other` is zero.
    pub fn divmod(&self, other: &BigInt) -> Option<(BigInt, BigInt)> {
        self.view().divmod(other.view())
    }

    /// Comparison.
    pub fn compare(&self, other: &BigInt) -> Ordering {
        self.view().compare(other.view())
    }

    /// A bitwise operator on the infinite two's complement forms.
    pub fn bitop(&self, other: &BigInt, op: fn(u32, u32) -> u32) -> BigInt {
        self.view().bitop(other.view(), op)
    }

    /// CPython's hash (see [`View::hash`]).
    pub fn hash(&self) -> i64 {
        self.view().hash()
    }

    /// `self ** e` for `e >= 0` (square and multiply).
    pub fn pow(&self, e: &BigInt) -> BigInt {
        let mut result = BigInt::from_i128(1);
        let bits = bit_length(&e.mag);
        for i in (0..bits).rev() {
            result = result.mul(&result);
            if e.bit(i) {
                result = result.mul(self);
            }
        }
        result
    }

    /// Bit `i` of the magnitude.
    fn bit(&self, i: u64) -> bool {
        let (wd, b) = ((i / SHIFT as u64) as usize, i % SHIFT as u64);
        self.mag.get(wd).is_some_and(|&d| (d >> b) & 1 != 0)
    }

    /// `self ** e % m` for `e >= 0` and `m > 0`, result in `[0, m)`.
    pub fn modpow(&self, e: &BigInt, m: &BigInt) -> BigInt {
        let reduce = |x: BigInt| x.divmod(m).expect("modulus is nonzero").1;
        let base = reduce(self.clone());
        let mut result = reduce(BigInt::from_i128(1));
        let bits = bit_length(&e.mag);
        for i in (0..bits).rev() {
            result = reduce(result.mul(&result));
            if e.bit(i) {
                result = reduce(result.mul(&base));
            }
        }
        result
    }

    /// The inverse of `self` modulo `m > 0`, or `None` when they are not
    /// coprime (extended Euclid).
    pub fn modinv(&self, m: &BigInt) -> Option<BigInt> {
        let (mut a, mut b) = (self.divmod(m)?.1, m.clone());
        let (mut x0, mut x1) = (BigInt::from_i128(1), BigInt::ZERO);
        while !b.is_zero() {
            let (q, r) = a.divmod(&b)?;
            a = std::mem::replace(&mut b, r);
            let next = x0.sub(&q.mul(&x1));
            x0 = std::mem::replace(&mut x1, next);
        }
        if a.mag != [1] {
            return None;
        }
        Some(x0.divmod(m)?.1)
    }

    /// The greatest common divisor of the absolute values (Euclid).
    pub fn gcd(&self, other: &BigInt) -> BigInt {
        let (mut a, mut b) = (self.clone().abs(), other.clone().abs());
        while !b.is_zero() {
            let r = match (a.to_i128(), b.to_i128()) {
                (Some(x), Some(y)) => BigInt::from_i128(x % y),
                _ => a.divmod(&b).expect("b is nonzero").1,
            };
            a = std::mem::replace(&mut b, r);
        }
        a
    }

    /// `self << n` (`n` bits; floor semantics do not matter for a left shift).
    pub fn shl(&self, n: usize) -> BigInt {
        BigInt::new(self.neg, shl_mag(&self.mag, n))
    }

    /// `self >> n`, rounding toward negative infinity.
    pub fn shr(&self, n: usize) -> BigInt {
        let q = shr_mag(&self.mag, n);
        if self.neg && low_bits_nonzero(&self.mag, n) {
            BigInt::new(true, add_mag(&q, &[1]))
        } else {
            BigInt::new(self.neg, q)
        }
    }

    /// `~self` = `-(self + 1)`.
    pub fn invert(&self) -> BigInt {
        self.add(&BigInt::from_i128(1)).negate()
    }

    /// The nearest float (see [`View::to_f64`]).
    pub fn to_f64(&self) -> Result<f64, FloatOverflow> {
        self.view().to_f64()
    }

    /// The integral part of a finite float.
    pub fn from_f64(x: f64) -> BigInt {
        let t = x.trunc();
        if t.abs() < 9.2e18 {
            return BigInt::from_i128(t as i64 as i128);
        }
        let bits = t.abs().to_bits();
        let exp = ((bits >> 52) & 0x7ff) as usize - 1075;
        let mant = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
        let v = BigInt::from_i128(mant as i128).shl(exp);
        if t < 0.0 {
            v.negate()
        } else {
            v
        }
    }

    /// `self / other` correctly rounded (see [`View::true_div`]).
    pub fn true_div(&self, other: &BigInt) -> Result<f64, FloatOverflow> {
        self.view().true_div(other.view())
    }

    /// Whether the value fits `n` bytes: two's complement when `signed`,
    /// else unsigned (a negative value never fits then).
    pub fn fits_bytes(&self, n: usize, signed: bool) -> bool {
        let bits = bit_length(&self.mag);
        let room = (n as u64).saturating_mul(8);
        if !signed {
            return !self.neg && bits <= room;
        }
        if bits < room {
            return true;
        }
        // -2**(room-1) is the one value of `room` bits that fits.
        self.neg
            && bits == room
            && self.mag[..self.mag.len() - 1].iter().all(|&d| d == 0)
            && self.mag[self.mag.len() - 1].is_power_of_two()
    }

    /// Writes the low `out.len()` bytes of the two's complement value,
    /// little- or big-endian.
    pub fn write_bytes(&self, out: &mut [u8], little: bool) {
        let n = out.len();
        out.fill(0);
        let (mut acc, mut bits, mut i) = (0u64, 0u32, 0usize);
        for &d in &self.mag {
            acc |= (d as u64) << bits;
            bits += SHIFT;
            while bits >= 8 && i < n {
                out[i] = acc as u8;
                acc >>= 8;
                bits -= 8;
                i += 1;
            }
            if i == n {
                break;
            }
        }
        if i < n {
            out[i] = acc as u8;
        }
        if self.neg {
            let mut carry = 1u16;
            for b in out.iter_mut() {
                let v = (!*b) as u16 + carry;
                *b = v as u8;
                carry = v >> 8;
            }
        }
        if !little {
            out.reverse();
        }
    }

    /// The value of little-endian bytes, two's complement when `signed`.
    pub fn from_le_bytes(bytes: &[u8], signed: bool) -> BigInt {
        let neg = signed && bytes.last().is_some_and(|b| b & 0x80 != 0);
        let mut mag = Vec::with_capacity(bytes.len() * 8 / SHIFT as usize + 1);
        let (mut acc, mut bits) = (0u64, 0u32);
        let mut carry = 1u16;
        for &b in bytes {
            let b = if neg {
                let v = (!b) as u16 + carry;
                carry = v >> 8;
                v as u8
            } else {
                b
            };
            acc |= (b as u64) << bits;
            bits += 8;
            if bits >= SHIFT {
                mag.push((acc as u32) & MASK);
                acc >>= SHIFT;
                bits -= SHIFT;
            }
        }
        if bits > 0 {
            mag.push(acc as u32);
        }
        BigInt::new(neg, mag)
    }
}

/// A borrowed signed value: the digits of an int object or a [`BigInt`],
/// so that operators read their operands without copying them.
#[derive(Clone, Copy, Debug)]
pub struct View<'a> {
    /// Negative.
    pub neg: bool,
    /// Normalized magnitude, least significant digit first.
    pub mag: &'a [u32],
}

/// Two's complement digits of a value over `len` digits (the sign extends
/// above).
fn twos(v: View, len: usize) -> Vec<u32> {
    let mut out = v.mag.to_vec();
    out.resize(len, 0);
    if v.neg {
        negate_twos(&mut out);
    }
    out
}

/// Negates digits in place in two's complement.
fn negate_twos(v: &mut [u32]) {
    let mut carry = 1u32;
    for d in v.iter_mut() {
        carry += !*d & MASK;
        *d = carry & MASK;
        carry >>= SHIFT;
    }
}

fn signed_add(aneg: bool, a: &[u32], bneg: bool, b: &[u32]) -> BigInt {
    let mut out = vec![0u32; a.len().max(b.len()) + 1];
    let (neg, n) = signed_add_into(aneg, a, bneg, b, &mut out);
    out.truncate(n);
    BigInt { neg, mag: out }
}

impl std::ops::Add for View<'_> {
    type Output = BigInt;
    fn add(self, other: Self) -> BigInt {
        signed_add(self.neg, self.mag, other.neg, other.mag)
    }
}

impl std::ops::Sub for View<'_> {
    type Output = BigInt;
    fn sub(self, other: Self) -> BigInt {
        signed_add(
            self.neg,
            self.mag,
            !other.neg && !other.mag.is_empty(),
            other.mag,
        )
    }
}

impl std::ops::Mul for View<'_> {
    type Output = BigInt;
    fn mul(self, other: Self) -> BigInt {
        BigInt::new(self.neg != other.neg, mul_mag(self.mag, other.mag))
    }
}

impl View<'_> {
    /// An owned copy.
    pub fn to_big(self) -> BigInt {
        BigInt {
            neg: self.neg,
            mag: self.mag.to_vec(),
        }
    }

    /// Floor division and modulo (`divmod`); `None` when `other` is zero.
    pub fn divmod(self, other: View) -> Option<(BigInt, BigInt)> {
        if other.mag.is_empty() {
            return None;
        }
        let (q, r) = divrem_mag(self.mag, other.mag);
        let mut q = BigInt::new(self.neg != other.neg, q);
        let mut r = BigInt::new(self.neg, r);
        // Truncated -> floor: adjust when the remainder's sign differs.
        if !r.is_zero() && r.neg != other.neg {
            r = r.view() + other;
            q = q.sub(&BigInt::from_i128(1));
        }
        Some((q, r))
    }

    /// `self / other` correctly rounded (CPython's `long_true_divide`).
    /// `Err` on overflow; `other` must be nonzero.
    pub fn true_div(self, other: View) -> Result<f64, FloatOverflow> {
        const MANT: i64 = 53;
        const MAX_EXP: i64 = 1024;
        const MIN_EXP: i64 = -1021;
        let negate = self.neg != other.neg;
        let sign = |x: f64| if negate { -x } else { x };
        let (a, b) = (&self.mag, &other.mag);
        let (abits, bbits) = (bit_length(a) as i64, bit_length(b) as i64);
        if a.is_empty() {
            return Ok(sign(0.0));
        }
        if abits <= MANT && bbits <= MANT {
            return Ok(sign(fold_u64(a) as f64 / fold_u64(b) as f64));
        }
        let diff = abits - bbits;
        if diff > MAX_EXP {
            return Err(FloatOverflow);
        }
        if diff < MIN_EXP - MANT - 1 {
            return Ok(sign(0.0));
        }
        let shift = diff.max(MIN_EXP) - MANT - 2;
        let mut inexact = false;
        let x = if shift <= 0 {
            shl_mag(a, (-shift) as usize)
        } else {
            inexact = low_bits_nonzero(a, shift as usize);
            shr_mag(a, shift as usize)
        };
        let (q, r) = divrem_mag(&x, b);
        inexact |= !r.is_empty();
        let mut qv = fold_u64(&q);
        let qbits = bit_length(&q) as i64;
        let extra = qbits.max(MIN_EXP - shift) - MANT;
        let mask = 1u64 << (extra - 1);
        // Half-way cases round to even: `3 * mask - 1` reaches the lowest
        // kept bit (2 * mask) as well as the bits below the half.
        let low = qv | inexact as u64;
        if low & mask != 0 && low & (3 * mask - 1) != 0 {
            qv += mask;
        }
        qv &= !(2 * mask - 1);
        let dx = qv as f64;
        if shift + qbits >= MAX_EXP && (shift + qbits > MAX_EXP || dx == ldexp(1.0, qbits)) {
            return Err(FloatOverflow);
        }
        Ok(sign(ldexp(dx, shift)))
    }

    /// The nearest float (round half to even); `FloatOverflow` beyond
    /// `DBL_MAX` (CPython's `PyLong_AsDouble`).
    pub fn to_f64(self) -> Result<f64, FloatOverflow> {
        let n = bit_length(self.mag);
        let m = if n <= 64 {
            fold_u64(self.mag) as f64
        } else {
            if n > 1024 {
                return Err(FloatOverflow);
            }
            // The top 64 bits plus a sticky bit for everything below: the
            // one rounding to 53 bits is then correct.
            let drop = (n - 64) as usize;
            let top = fold_u64(&shr_mag(self.mag, drop));
            let sticky = low_bits_nonzero(self.mag, drop) as u64;
            let x = ldexp((top | sticky) as f64, drop as i64);
            if x.is_infinite() {
                return Err(FloatOverflow);
            }
            x
        };
        Ok(if self.neg { -m } else { m })
    }

    /// Comparison.
    pub fn compare(self, other: View) -> Ordering {
        match (self.neg, other.neg) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => cmp_mag(self.mag, other.mag),
            (true, true) => cmp_mag(other.mag, self.mag),
        }
    }

    /// A bitwise operator on the infinite two's complement forms.
    pub fn bitop(self, other: View, op: fn(u32, u32) -> u32) -> BigInt {
        let len = self.mag.len().max(other.mag.len()) + 1;
        let (a, b) = (twos(self, len), twos(other, len));
        let ext = |neg: bool| if neg { MASK } else { 0 };
        let neg = op(ext(self.neg), ext(other.neg)) != 0;
        let mut v: Vec<u32> = a.iter().zip(&b).map(|(&x, &y)| op(x, y) & MASK).collect();
        if neg {
            negate_twos(&mut v);
        }
        BigInt::new(neg, v)
    }

    /// CPython's hash: the value modulo `2**61 - 1`, sign kept, -1 -> -2.
    pub fn hash(self) -> i64 {
        const BITS: u32 = 61;
        const MODULUS: u64 = (1 << BITS) - 1;
        let mut x: u64 = 0;
        for &d in self.mag.iter().rev() {
            x = ((x << SHIFT) & MODULUS) | (x >> (BITS - SHIFT));
            x += d as u64;
            if x >= MODULUS {
                x -= MODULUS;
            }
        }
        let h = if self.neg { -(x as i64) } else { x as i64 };
        if h == -1 {
            -2
        } else {
            h
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> BigInt {
        let (neg, mag) = crate::object::int_text::parse_int(s, 10).unwrap();
        BigInt::new(neg, mag)
    }

    fn text(v: &BigInt) -> String {
        let s = crate::object::int_text::to_decimal(&v.mag);
        if v.neg {
            format!("-{s}")
        } else {
            s
        }
    }

    fn big(i: i128) -> BigInt {
        BigInt::from_i128(i)
    }

    #[test]
    fn small_values_agree_with_i128() {
        let vals: [i128; 12] = [
            0,
            1,
            -1,
            7,
            -7,
            3,
            -3,
            (1 << 30) - 1,
            1 << 30,
            -(1 << 45) + 17,
            i64::MAX as i128,
            i64::MIN as i128,
        ];
        for &a in &vals {
            for &b in &vals {
                let (x, y) = (big(a), big(b));
                assert_eq!(x.add(&y).to_i128(), Some(a + b));
                assert_eq!(x.sub(&y).to_i128(), Some(a - b));
                assert_eq!(x.mul(&y).to_i128(), Some(a * b));
                assert_eq!(x.compare(&y), a.cmp(&b));
                assert_eq!(x.bitop(&y, |p, q| p & q).to_i128(), Some(a & b));
                assert_eq!(x.bitop(&y, |p, q| p | q).to_i128(), Some(a | b));
                assert_eq!(x.bitop(&y, |p, q| p ^ q).to_i128(), Some(a ^ b));
                if b != 0 {
                    let (q, r) = x.divmod(&y).unwrap();
                    assert_eq!(
                        q.to_i128(),
                        Some(a.div_euclid(b) - ((a.rem_euclid(b) != 0 && b < 0) as i128))
                    );
                    assert_eq!(r.to_i128(), Some(a - b * q.to_i128().unwrap()));
                }
            }
            assert_eq!(big(a).invert().to_i128(), Some(!a));
            assert_eq!(big(a).shr(3).to_i128(), Some(a >> 3));
            assert_eq!(big(a).shl(5).to_i128(), Some(a << 5));
        }
    }

    #[test]
    fn big_multiplication_and_division() {
        let three = big(3);
        let p = three.pow(&big(1000));
        let s = text(&p);
        assert_eq!(s.len(), 478);
        assert!(s.starts_with("1322070819480806636890455259752144365965422032752148167664920368226828597346704899540778313850608061963909777696872582355950954582100618911865342725257953674027620225198320803878014774228964841274390400117588618041128947815623094438061566173054086674490506178125480344405547054397038895817465368254916136220830268563778582290228416398307887896918556404084898937609373242171846359938695516765018940588109060426089671438864102814350385648747165832010614366132173102768902855220001"));
        // Division recovers the factors (Karatsuba-sized operands).
        let q = p.divmod(&three.pow(&big(400))).unwrap();
        assert_eq!(q.0, three.pow(&big(600)));
        assert!(q.1.is_zero());
        let a = big(1).shl(200).add(&big(1));
        let b = big(1).shl(100).sub(&big(3));
        let (q, r) = a.divmod(&b).unwrap();
        assert_eq!(text(&q), "1267650600228229401496703205379");
        assert_eq!(text(&r), "10");
        assert_eq!(q.mul(&b).add(&r), a);
        // Karatsuba against schoolbook.
        let x = parse(&"987654321".repeat(120));
        let y = parse(&"123456789".repeat(100));
        let k = mul_mag(&x.mag, &y.mag);
        let mut s = schoolbook_mul(&x.mag, &y.mag);
        normalize(&mut s);
        assert_eq!(k, s);
        let (q, r) = BigInt::new(false, k).divmod(&y).unwrap();
        assert_eq!(q, x);
        assert!(r.is_zero());
    }

    #[test]
    fn negative_floor_division() {
        let (q, r) = big(-7).divmod(&big(3)).unwrap();
        assert_eq!((q.to_i128(), r.to_i128()), (Some(-3), Some(2)));
        let (q, r) = big(7).divmod(&big(-2)).unwrap();
        assert_eq!((q.to_i128(), r.to_i128()), (Some(-4), Some(-1)));
        let a = big(-1).shl(150).sub(&big(5));
        let b = big(1).shl(70).add(&big(9));
        let (q, r) = a.divmod(&b).unwrap();
        assert!(!r.neg && r.compare(&b) == Ordering::Less);
        assert_eq!(q.mul(&b).add(&r), a);
    }

    #[test]
    fn shifts_and_bit_ops_of_big_negatives() {
        let a = big(-1).shl(100);
        assert_eq!(a.shr(99).to_i128(), Some(-2));
        assert_eq!(a.sub(&big(1)).shr(100).to_i128(), Some(-2));
        assert_eq!(a.bitop(&big(-1), |p, q| p & q), a);
        assert_eq!(text(&a.invert()), "1267650600228229401496703205375");
        assert_eq!(
            big(-5).bitop(&big(1).shl(80), |p, q| p ^ q),
            big(-5).sub(&big(1).shl(80))
        );
    }

    #[test]
    fn float_conversion_is_correctly_rounded() {
        assert_eq!(big((1 << 53) + 1).to_f64(), Ok(9007199254740992.0));
        assert_eq!(big((1 << 53) + 3).to_f64(), Ok(9007199254740996.0));
        let x = big(1).shl(64).add(&big(1 << 11)).add(&big(1));
        assert_eq!(x.to_f64(), Ok(18446744073709555712.0));
        assert_eq!(big(1).shl(1024).to_f64(), Err(FloatOverflow));
        let max = big(1).shl(1024).sub(&big(1).shl(970));
        assert_eq!(max.to_f64(), Err(FloatOverflow));
        assert_eq!(max.sub(&big(1)).to_f64(), Ok(f64::MAX));
        assert_eq!(BigInt::from_f64(1e20), parse("100000000000000000000"));
        assert_eq!(BigInt::from_f64(-3.99), big(-3));
        assert_eq!(BigInt::from_f64(-1e19), parse("-10000000000000000000"));
    }

    #[test]
    fn true_division() {
        assert_eq!(big(1).true_div(&big(3)), Ok(1.0 / 3.0));
        let a = big(1).shl(200).add(&big(1));
        let b = big(1).shl(100).sub(&big(3));
        assert_eq!(a.true_div(&b), Ok(1.2676506002282294e30));
        assert_eq!(big(1).true_div(&big(1).shl(1100)), Ok(0.0));
        assert_eq!(big(1).shl(1100).true_div(&big(1)), Err(FloatOverflow));
        assert_eq!(big(1).true_div(&big(1).shl(1074)), Ok(5e-324));
        assert_eq!(big(-1).shl(60).true_div(&big(3)), Ok(-3.843071682022823e17));
    }

    #[test]
    fn modular_arithmetic() {
        assert_eq!(
            big(3).modpow(&big(200), &big(1000007)).to_i128(),
            Some(modpow_ref(3, 200, 1000007))
        );
        assert_eq!(big(3).modinv(&big(7)).and_then(|v| v.to_i128()), Some(5));
        assert_eq!(big(-3).modinv(&big(7)).and_then(|v| v.to_i128()), Some(2));
        assert!(big(2).modinv(&big(4)).is_none());
    }

    fn modpow_ref(b: i128, mut e: u32, m: i128) -> i128 {
        let mut r = 1;
        while e > 0 {
            r = r * b % m;
            e -= 1;
        }
        r
    }

    #[test]
    fn bytes_round_trip() {
        for v in [
            0i128,
            1,
            -1,
            127,
            128,
            -128,
            -129,
            255,
            256,
            1 << 40,
            -(1 << 63),
            (1 << 64) - 1,
        ] {
            let b = big(v);
            for n in 1..12 {
                let fits = b.fits_bytes(n, true);
                let half = 1i128 << (8 * n - 1);
                assert_eq!(fits, (-half..half).contains(&v), "{v} in {n} bytes");
                if fits {
                    let mut bytes = vec![0u8; n];
                    b.write_bytes(&mut bytes, true);
                    assert_eq!(BigInt::from_le_bytes(&bytes, true), b);
                }
            }
        }
        let mut two = [0u8; 2];
        big(-129).write_bytes(&mut two, true);
        assert_eq!(two, [0x7f, 0xff]);
        big(-129).write_bytes(&mut two, false);
        assert_eq!(two, [0xff, 0x7f]);
        assert_eq!(BigInt::from_le_bytes(&[0xff, 0xff], true), big(-1));
        assert_eq!(BigInt::from_le_bytes(&[0xff, 0xff], false), big(65535));
        assert!(!big(256).fits_bytes(1, false));
        assert!(big(255).fits_bytes(1, false));
        assert!(!big(-1).fits_bytes(8, false));
    }

    #[test]
    fn gcd_of_signed_and_big_values() {
        assert_eq!(big(-12).gcd(&big(18)), big(6));
        assert_eq!(big(0).gcd(&big(-7)), big(7));
        assert_eq!(big(0).gcd(&big(0)), big(0));
        let p = big(3).pow(&big(200));
        let q = big(3).pow(&big(150)).mul(&big(2).pow(&big(90)));
        assert_eq!(p.gcd(&q), big(3).pow(&big(150)));
    }

    /// Random values with runs of all-ones and zero digits, which drive the
    /// rare branches of algorithm D (qhat corrections, add-back).
    fn random_big(state: &mut u64, max_digits: usize) -> BigInt {
        let mut next = || {
            *state ^= *state << 13;
            *state ^= *state >> 7;
            *state ^= *state << 17;
            *state
        };
        let n = (next() % max_digits as u64) as usize + 1;
        let mag = (0..n)
            .map(|_| match next() % 4 {
                0 => MASK,
                1 => 0,
                _ => (next() as u32) & MASK,
            })
            .collect();
        BigInt::new(next() & 1 == 1, mag)
    }

    #[test]
    fn random_identities() {
        let mut state = 0x2545f4914f6cdd1d;
        for round in 0..400 {
            let max = if round % 10 == 0 { 160 } else { 12 };
            let a = random_big(&mut state, max);
            let b = random_big(&mut state, max);
            if let Some((q, r)) = a.divmod(&b) {
                assert_eq!(q.mul(&b).add(&r), a);
                assert!(r.is_zero() || r.neg == b.neg);
                assert_eq!(cmp_mag(&r.mag, &b.mag), Ordering::Less);
                assert_eq!(a.mul(&b).divmod(&b).map(|x| x.0), Some(a.clone()));
            }
            let and = a.bitop(&b, |x, y| x & y);
            let or = a.bitop(&b, |x, y| x | y);
            assert_eq!(and.add(&or), a.add(&b));
            assert_eq!(a.bitop(&b, |x, y| x ^ y).bitop(&b, |x, y| x ^ y), a);
            assert_eq!(a.shl(77).shr(77), a);
            assert_eq!(a.sub(&b).add(&b), a);
            let mut school = schoolbook_mul(&a.mag, &b.mag);
            normalize(&mut school);
            assert_eq!(mul_mag(&a.mag, &b.mag), school);
        }
    }

    #[test]
    fn hashes_match_cpython() {
        assert_eq!(big(-1).hash(), -2);
        assert_eq!(big(1).shl(61).sub(&big(1)).hash(), 0);
        assert_eq!(big(1).shl(64).hash(), 8);
        assert_eq!(big(-1).shl(64).hash(), -8);
        assert_eq!(big(1).shl(61).hash(), 1);
    }
}
