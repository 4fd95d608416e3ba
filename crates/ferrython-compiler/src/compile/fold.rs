//! Constant folding (CPython's `ast_opt.c` in spirit): literals, `-x`/`+x`/`~x`,
//! arithmetic on small ints and floats, string/bytes concatenation and
//! repetition, and tuples of constants. Limits follow CPython: no result
//! string/bytes/tuple longer than 4096, no int wider than 128 bits (here:
//! only `i64` results are folded), no folding that would raise.

use ruff_python_ast::{self as ast, Expr, Number, Operator, UnaryOp};

use crate::bytecode::{BigInt, Constant};

const MAX_COLLECTION_SIZE: usize = 256;
const MAX_STR_SIZE: usize = 4096;

/// The constant value of an integer literal.
pub(crate) fn int_constant(i: &ast::Int) -> Constant {
    let text = i.to_string();
    if let Ok(v) = text.parse::<i64>() {
        return Constant::Int(BigInt::Small(v));
    }
    let clean: String = text.chars().filter(|c| *c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    let (digits, radix) = if let Some(r) = lower.strip_prefix("0x") {
        (r.to_string(), 16)
    } else if let Some(r) = lower.strip_prefix("0o") {
        (r.to_string(), 8)
    } else if let Some(r) = lower.strip_prefix("0b") {
        (r.to_string(), 2)
    } else {
        (lower.clone(), 10)
    };
    if let Ok(v) = i64::from_str_radix(&digits, radix) {
        return Constant::Int(BigInt::Small(v));
    }
    Constant::Int(BigInt::Big(to_decimal(&digits, radix)))
}

/// Convert digits in `radix` to a decimal string (schoolbook, base 10^9 limbs).
fn to_decimal(digits: &str, radix: u32) -> String {
    let mut limbs: Vec<u64> = vec![0]; // little-endian base 1e9
    for ch in digits.chars() {
        let d = ch.to_digit(radix).unwrap_or(0) as u64;
        let mut carry = d;
        for l in limbs.iter_mut() {
            let v = *l * radix as u64 + carry;
            *l = v % 1_000_000_000;
            carry = v / 1_000_000_000;
        }
        while carry > 0 {
            limbs.push(carry % 1_000_000_000);
            carry /= 1_000_000_000;
        }
    }
    let mut s = limbs.last().unwrap().to_string();
    for l in limbs.iter().rev().skip(1) {
        s.push_str(&format!("{l:09}"));
    }
    s
}

/// A literal expression's constant (no folding); `source` is the module's
/// text, for str literals with surrogate escapes.
pub(crate) fn literal(e: &Expr, source: &str) -> Option<Constant> {
    Some(match e {
        Expr::NoneLiteral(_) => Constant::None,
        Expr::BooleanLiteral(b) => {
            if b.value {
                Constant::True
            } else {
                Constant::False
            }
        }
        Expr::EllipsisLiteral(_) => Constant::Ellipsis,
        Expr::NumberLiteral(n) => match &n.value {
            Number::Int(i) => int_constant(i),
            Number::Float(f) => Constant::Float(*f),
            Number::Complex { real, imag } => Constant::Complex {
                real: *real,
                imag: *imag,
            },
        },
        Expr::StringLiteral(s) => super::strlit::string_literal(s, source),
        Expr::BytesLiteral(b) => {
            let mut v = Vec::new();
            for part in b.value.iter() {
                v.extend_from_slice(&part.value);
            }
            Constant::Bytes(v)
        }
        _ => return None,
    })
}

/// Fold `e` to a constant if it is one. `optimize` decides `__debug__`.
pub(crate) fn fold(e: &Expr, optimize: i32, source: &str) -> Option<Constant> {
    fold_depth(e, optimize, source, 0)
}

fn fold_depth(e: &Expr, optimize: i32, source: &str, depth: u32) -> Option<Constant> {
    if depth > 48 {
        return None;
    }
    if let Some(c) = literal(e, source) {
        return Some(c);
    }
    match e {
        Expr::Name(n) if &*n.id == "__debug__" && n.ctx.is_load() => Some(if optimize > 0 {
            Constant::False
        } else {
            Constant::True
        }),
        Expr::UnaryOp(u) => {
            let v = fold_depth(&u.operand, optimize, source, depth + 1)?;
            unary(u.op, v)
        }
        Expr::BinOp(b) => {
            let l = fold_depth(&b.left, optimize, source, depth + 1)?;
            let r = fold_depth(&b.right, optimize, source, depth + 1)?;
            binary(b.op, l, r)
        }
        Expr::Tuple(t) if t.ctx.is_load() => {
            if t.elts.len() > MAX_COLLECTION_SIZE * 16 {
                return None;
            }
            let mut items = Vec::with_capacity(t.elts.len());
            for x in &t.elts {
                if matches!(x, Expr::Starred(_)) {
                    return None;
                }
                items.push(fold_depth(x, optimize, source, depth + 1)?);
            }
            Some(Constant::Tuple(items))
        }
        _ => None,
    }
}

fn unary(op: UnaryOp, v: Constant) -> Option<Constant> {
    use Constant::*;
    match (op, v) {
        (UnaryOp::USub, Int(BigInt::Small(i))) => i.checked_neg().map(|x| Int(BigInt::Small(x))),
        (UnaryOp::USub, Int(BigInt::Big(s))) => Some(Int(BigInt::Big(match s.strip_prefix('-') {
            Some(p) => p.to_string(),
            Option::None => format!("-{s}"),
        }))),
        (UnaryOp::USub, Float(f)) => Some(Float(-f)),
        (UnaryOp::USub, Complex { real, imag }) => Some(Complex {
            real: -real,
            imag: -imag,
        }),
        (UnaryOp::UAdd, v @ (Int(_) | Float(_) | Complex { .. })) => Some(v),
        (UnaryOp::Invert, Int(BigInt::Small(i))) => Some(Int(BigInt::Small(!i))),
        _ => Option::None,
    }
}

fn as_f64(c: &Constant) -> Option<f64> {
    match c {
        Constant::Int(BigInt::Small(i)) => Some(*i as f64),
        Constant::Float(f) => Some(*f),
        Constant::True => Some(1.0),
        Constant::False => Some(0.0),
        _ => Option::None,
    }
}

fn as_i64(c: &Constant) -> Option<i64> {
    match c {
        Constant::Int(BigInt::Small(i)) => Some(*i),
        Constant::True => Some(1),
        Constant::False => Some(0),
        _ => None,
    }
}

fn binary(op: Operator, l: Constant, r: Constant) -> Option<Constant> {
    use Constant::*;
    // Sequences.
    match (&l, &r, op) {
        (Str(a), Str(b), Operator::Add) => {
            if a.chars().count() + b.chars().count() > MAX_STR_SIZE {
                return Option::None;
            }
            return Some(Str(format!("{a}{b}")));
        }
        (Bytes(a), Bytes(b), Operator::Add) => {
            if a.len() + b.len() > MAX_STR_SIZE {
                return Option::None;
            }
            let mut v = a.clone();
            v.extend_from_slice(b);
            return Some(Bytes(v));
        }
        (Str(a), n, Operator::Mult) | (n, Str(a), Operator::Mult)
            if as_i64(n).is_some() && !matches!(n, Str(_)) =>
        {
            let n = as_i64(n)?;
            let n = n.max(0) as usize;
            if a.chars().count().saturating_mul(n) > MAX_STR_SIZE {
                return Option::None;
            }
            return Some(Str(a.repeat(n)));
        }
        (Bytes(a), n, Operator::Mult) | (n, Bytes(a), Operator::Mult)
            if as_i64(n).is_some() && !matches!(n, Bytes(_)) =>
        {
            let n = as_i64(n)?.max(0) as usize;
            if a.len().saturating_mul(n) > MAX_STR_SIZE {
                return Option::None;
            }
            return Some(Bytes(a.repeat(n)));
        }
        (Tuple(a), Tuple(b), Operator::Add) => {
            if a.len() + b.len() > MAX_COLLECTION_SIZE {
                return Option::None;
            }
            let mut v = a.clone();
            v.extend(b.iter().cloned());
            return Some(Tuple(v));
        }
        _ => {}
    }
    // `&`, `|` and `^` of two bools give a bool (bool's own slots).
    let as_bool = |c: &Constant| match c {
        True => Some(true),
        False => Some(false),
        _ => Option::None,
    };
    if let (Some(a), Some(b)) = (as_bool(&l), as_bool(&r)) {
        let v = match op {
            Operator::BitAnd => Some(a & b),
            Operator::BitOr => Some(a | b),
            Operator::BitXor => Some(a ^ b),
            _ => Option::None,
        };
        if let Some(v) = v {
            return Some(if v { True } else { False });
        }
    }
    let int_like = |c: &Constant| matches!(c, Int(BigInt::Small(_)) | True | False);
    if int_like(&l) && int_like(&r) {
        let (a, b) = (as_i64(&l)?, as_i64(&r)?);
        let v = match op {
            Operator::Add => a.checked_add(b)?,
            Operator::Sub => a.checked_sub(b)?,
            Operator::Mult => a.checked_mul(b)?,
            Operator::FloorDiv => {
                if b == 0 {
                    return Option::None;
                }
                let q = a.checked_div(b)?;
                if (a % b != 0) && ((a < 0) != (b < 0)) {
                    q - 1
                } else {
                    q
                }
            }
            Operator::Mod => {
                if b == 0 {
                    return Option::None;
                }
                let m = a.checked_rem(b)?;
                if m != 0 && ((m < 0) != (b < 0)) {
                    m + b
                } else {
                    m
                }
            }
            Operator::Pow => {
                if b < 0 {
                    return Some(Float((a as f64).powf(b as f64))).filter(|_| a != 0);
                }
                if b > 128 {
                    return Option::None;
                }
                a.checked_pow(b as u32)?
            }
            Operator::LShift => {
                if !(0..64).contains(&b) {
                    return Option::None;
                }
                let v = a.checked_shl(b as u32)?;
                if v >> b != a {
                    return Option::None;
                }
                v
            }
            Operator::RShift => {
                if b < 0 {
                    return Option::None;
                }
                a >> b.min(63)
            }
            Operator::BitAnd => a & b,
            Operator::BitOr => a | b,
            Operator::BitXor => a ^ b,
            Operator::Div => {
                if b == 0 {
                    return Option::None;
                }
                return Some(Float(a as f64 / b as f64));
            }
            Operator::MatMult => return Option::None,
        };
        return Some(Int(BigInt::Small(v)));
    }
    let complex_parts = |c: &Constant| match c {
        Complex { real, imag } => Some((*real, *imag)),
        other => as_f64(other).map(|f| (f, 0.0)),
    };
    if matches!(l, Complex { .. }) || matches!(r, Complex { .. }) {
        let ((a, b), (c, d)) = (complex_parts(&l)?, complex_parts(&r)?);
        return match op {
            Operator::Add => Some(Complex {
                real: a + c,
                imag: b + d,
            }),
            Operator::Sub => Some(Complex {
                real: a - c,
                imag: b - d,
            }),
            Operator::Mult => Some(Complex {
                real: a * c - b * d,
                imag: a * d + b * c,
            }),
            _ => Option::None,
        };
    }
    let numeric = |c: &Constant| matches!(c, Int(BigInt::Small(_)) | Float(_) | True | False);
    if numeric(&l) && numeric(&r) {
        let (a, b) = (as_f64(&l)?, as_f64(&r)?);
        let v = match op {
            Operator::Add => a + b,
            Operator::Sub => a - b,
            Operator::Mult => a * b,
            Operator::Div => {
                if b == 0.0 {
                    return Option::None;
                }
                a / b
            }
            _ => return Option::None,
        };
        if v.is_finite() {
            return Some(Float(v));
        }
    }
    Option::None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_integers_convert_to_decimal() {
        assert_eq!(
            to_decimal("ffffffffffffffffffff", 16),
            "1208925819614629174706175"
        );
        assert_eq!(
            to_decimal("123456789012345678901234567890", 10),
            "123456789012345678901234567890"
        );
        assert_eq!(to_decimal("0", 2), "0");
    }
}
