//! C `long double` on x86-64: the x87 80-bit extended format (64-bit
//! mantissa with an explicit integer bit, 15-bit exponent), converted
//! to and from `f64`, which is what a Python float holds.

/// The 10 significant bytes of `x` as a long double (exact: every f64 is
/// representable).
pub fn from_f64(x: f64) -> [u8; 10] {
    let bits = x.to_bits();
    let sign = ((bits >> 63) as u16) << 15;
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (e80, m80): (u16, u64) = if exp == 0 && frac == 0 {
        (0, 0)
    } else if exp == 0x7ff {
        (0x7fff, (1u64 << 63) | (frac << 11))
    } else if exp == 0 {
        // Subnormal double: normalize into the wider exponent range.
        let msb = 63 - frac.leading_zeros() as i32;
        let m = frac << (63 - msb);
        ((msb - 1074 + 16383) as u16, m)
    } else {
        ((exp - 1023 + 16383) as u16, (1u64 << 63) | (frac << 11))
    };
    let mut out = [0u8; 10];
    out[..8].copy_from_slice(&m80.to_le_bytes());
    out[8..].copy_from_slice(&(sign | e80).to_le_bytes());
    out
}

/// The nearest f64 to the long double in `b`.
pub fn to_f64(b: &[u8; 10]) -> f64 {
    let m = u64::from_le_bytes(b[..8].try_into().expect("8 bytes"));
    let se = u16::from_le_bytes([b[8], b[9]]);
    let negative = se & 0x8000 != 0;
    let e = (se & 0x7fff) as i32;
    let v = if e == 0x7fff {
        if m << 1 == 0 {
            f64::INFINITY
        } else {
            f64::NAN
        }
    } else if m == 0 {
        0.0
    } else {
        scale(m as f64, e - 16383 - 63)
    };
    if negative {
        -v
    } else {
        v
    }
}

/// `x * 2**k` in steps that stay within f64's exponent range.
fn scale(mut x: f64, mut k: i32) -> f64 {
    while k > 1000 {
        x *= 2f64.powi(1000);
        k -= 1000;
    }
    while k < -1000 {
        x *= 2f64.powi(-1000);
        k += 1000;
    }
    x * 2f64.powi(k)
}
