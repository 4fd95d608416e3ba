//! The `cmath` module (`Modules/cmathmodule.c`): complex functions with
//! C99 Annex G's results, CPython's special-value tables for infinite and
//! NaN parts, and its rescalings that avoid spurious overflow and
//! underflow; `ValueError("math domain error")` / `OverflowError("math
//! range error")` where C would signal.
use crate::ffi::*;
use crate::modules::args::{arity, bind, builtin, no_kwargs};
use crate::modules::math::libm;
use crate::modules::module_def::{self, add, exec_slot, SLOT_END};
use crate::object::complex::{self, as_c, c_abs, c_quot, CError};
use crate::object::descr::{method, METHOD_END};
use crate::object::{bool as pybool, float, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};
use std::f64::consts::{LN_10, LN_2, PI};

type C = Py_complex;

const INF: f64 = f64::INFINITY;
const N: f64 = f64::NAN;
/// A table entry for finite arguments, which never reach the tables.
const U: f64 = f64::NAN;
const P: f64 = PI;
const P14: f64 = 0.25 * PI;
const P12: f64 = 0.5 * PI;
const P34: f64 = 0.75 * PI;

const LARGE: f64 = f64::MAX / 4.0;
/// `CM_SCALE_UP`: turns a subnormal into a normal number.
const SCALE_UP: i32 = 2 * (f64::MANTISSA_DIGITS as i32 / 2) + 1;
const SCALE_DOWN: i32 = -(SCALE_UP + 1) / 2;

fn sqrt_large() -> f64 {
    LARGE.sqrt()
}

fn log_large() -> f64 {
    libm::log(LARGE)
}

/// Why a function's result is exceptional (C's `errno`).
type Res = Result<C, CError>;

fn c(real: f64, imag: f64) -> C {
    C { real, imag }
}

/// The class of a double as the special-value tables index it.
fn class(d: f64) -> usize {
    if d.is_finite() {
        match (d == 0.0, d.is_sign_positive()) {
            (false, true) => 4,
            (false, false) => 1,
            (true, true) => 3,
            (true, false) => 2,
        }
    } else if d.is_nan() {
        6
    } else if d > 0.0 {
        5
    } else {
        0
    }
}

type Table = [[(f64, f64); 7]; 7];

fn special(t: &Table, z: C) -> C {
    let (r, i) = t[class(z.real)][class(z.imag)];
    c(r, i)
}

fn non_finite(z: C) -> bool {
    !z.real.is_finite() || !z.imag.is_finite()
}

static ACOS: Table = [
    [
        (P34, INF),
        (P, INF),
        (P, INF),
        (P, -INF),
        (P, -INF),
        (P34, -INF),
        (N, INF),
    ],
    [
        (P12, INF),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (P12, -INF),
        (N, N),
    ],
    [
        (P12, INF),
        (U, U),
        (P12, 0.),
        (P12, -0.),
        (U, U),
        (P12, -INF),
        (P12, N),
    ],
    [
        (P12, INF),
        (U, U),
        (P12, 0.),
        (P12, -0.),
        (U, U),
        (P12, -INF),
        (P12, N),
    ],
    [
        (P12, INF),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (P12, -INF),
        (N, N),
    ],
    [
        (P14, INF),
        (0., INF),
        (0., INF),
        (0., -INF),
        (0., -INF),
        (P14, -INF),
        (N, INF),
    ],
    [(N, INF), (N, N), (N, N), (N, N), (N, N), (N, -INF), (N, N)],
];

static ACOSH: Table = [
    [
        (INF, -P34),
        (INF, -P),
        (INF, -P),
        (INF, P),
        (INF, P),
        (INF, P34),
        (INF, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (0., -P12),
        (0., P12),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (0., -P12),
        (0., P12),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P14),
        (INF, -0.),
        (INF, -0.),
        (INF, 0.),
        (INF, 0.),
        (INF, P14),
        (INF, N),
    ],
    [(INF, N), (N, N), (N, N), (N, N), (N, N), (INF, N), (N, N)],
];

static ASINH: Table = [
    [
        (-INF, -P14),
        (-INF, -0.),
        (-INF, -0.),
        (-INF, 0.),
        (-INF, 0.),
        (-INF, P14),
        (-INF, N),
    ],
    [
        (-INF, -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (-INF, P12),
        (N, N),
    ],
    [
        (-INF, -P12),
        (U, U),
        (-0., -0.),
        (-0., 0.),
        (U, U),
        (-INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (0., -0.),
        (0., 0.),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P14),
        (INF, -0.),
        (INF, -0.),
        (INF, 0.),
        (INF, 0.),
        (INF, P14),
        (INF, N),
    ],
    [
        (INF, N),
        (N, N),
        (N, -0.),
        (N, 0.),
        (N, N),
        (INF, N),
        (N, N),
    ],
];

static ATANH: Table = [
    [
        (-0., -P12),
        (-0., -P12),
        (-0., -P12),
        (-0., P12),
        (-0., P12),
        (-0., P12),
        (-0., N),
    ],
    [
        (-0., -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (-0., P12),
        (N, N),
    ],
    [
        (-0., -P12),
        (U, U),
        (-0., -0.),
        (-0., 0.),
        (U, U),
        (-0., P12),
        (-0., N),
    ],
    [
        (0., -P12),
        (U, U),
        (0., -0.),
        (0., 0.),
        (U, U),
        (0., P12),
        (0., N),
    ],
    [
        (0., -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (0., P12),
        (N, N),
    ],
    [
        (0., -P12),
        (0., -P12),
        (0., -P12),
        (0., P12),
        (0., P12),
        (0., P12),
        (0., N),
    ],
    [
        (0., -P12),
        (N, N),
        (N, N),
        (N, N),
        (N, N),
        (0., P12),
        (N, N),
    ],
];

static COSH: Table = [
    [
        (INF, N),
        (U, U),
        (INF, 0.),
        (INF, -0.),
        (U, U),
        (INF, N),
        (INF, N),
    ],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (N, 0.),
        (U, U),
        (1., 0.),
        (1., -0.),
        (U, U),
        (N, 0.),
        (N, 0.),
    ],
    [
        (N, 0.),
        (U, U),
        (1., -0.),
        (1., 0.),
        (U, U),
        (N, 0.),
        (N, 0.),
    ],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (INF, N),
        (U, U),
        (INF, -0.),
        (INF, 0.),
        (U, U),
        (INF, N),
        (INF, N),
    ],
    [(N, N), (N, N), (N, 0.), (N, 0.), (N, N), (N, N), (N, N)],
];

static EXP: Table = [
    [
        (0., 0.),
        (U, U),
        (0., -0.),
        (0., 0.),
        (U, U),
        (0., 0.),
        (0., 0.),
    ],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (1., -0.), (1., 0.), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (1., -0.), (1., 0.), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (INF, N),
        (U, U),
        (INF, -0.),
        (INF, 0.),
        (U, U),
        (INF, N),
        (INF, N),
    ],
    [(N, N), (N, N), (N, -0.), (N, 0.), (N, N), (N, N), (N, N)],
];

static LOG: Table = [
    [
        (INF, -P34),
        (INF, -P),
        (INF, -P),
        (INF, P),
        (INF, P),
        (INF, P34),
        (INF, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (-INF, -P),
        (-INF, P),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (-INF, -0.),
        (-INF, 0.),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P14),
        (INF, -0.),
        (INF, -0.),
        (INF, 0.),
        (INF, 0.),
        (INF, P14),
        (INF, N),
    ],
    [(INF, N), (N, N), (N, N), (N, N), (N, N), (INF, N), (N, N)],
];

static SINH: Table = [
    [
        (INF, N),
        (U, U),
        (-INF, -0.),
        (-INF, 0.),
        (U, U),
        (INF, N),
        (INF, N),
    ],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (0., N),
        (U, U),
        (-0., -0.),
        (-0., 0.),
        (U, U),
        (0., N),
        (0., N),
    ],
    [
        (0., N),
        (U, U),
        (0., -0.),
        (0., 0.),
        (U, U),
        (0., N),
        (0., N),
    ],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (INF, N),
        (U, U),
        (INF, -0.),
        (INF, 0.),
        (U, U),
        (INF, N),
        (INF, N),
    ],
    [(N, N), (N, N), (N, -0.), (N, 0.), (N, N), (N, N), (N, N)],
];

static SQRT: Table = [
    [
        (INF, -INF),
        (0., -INF),
        (0., -INF),
        (0., INF),
        (0., INF),
        (INF, INF),
        (N, INF),
    ],
    [
        (INF, -INF),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (INF, INF),
        (N, N),
    ],
    [
        (INF, -INF),
        (U, U),
        (0., -0.),
        (0., 0.),
        (U, U),
        (INF, INF),
        (N, N),
    ],
    [
        (INF, -INF),
        (U, U),
        (0., -0.),
        (0., 0.),
        (U, U),
        (INF, INF),
        (N, N),
    ],
    [
        (INF, -INF),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (INF, INF),
        (N, N),
    ],
    [
        (INF, -INF),
        (INF, -0.),
        (INF, -0.),
        (INF, 0.),
        (INF, 0.),
        (INF, INF),
        (INF, N),
    ],
    [
        (INF, -INF),
        (N, N),
        (N, N),
        (N, N),
        (N, N),
        (INF, INF),
        (N, N),
    ],
];

static TANH: Table = [
    [
        (-1., 0.),
        (U, U),
        (-1., -0.),
        (-1., 0.),
        (U, U),
        (-1., 0.),
        (-1., 0.),
    ],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (N, N),
        (U, U),
        (-0., -0.),
        (-0., 0.),
        (U, U),
        (N, N),
        (N, N),
    ],
    [(N, N), (U, U), (0., -0.), (0., 0.), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (1., 0.),
        (U, U),
        (1., -0.),
        (1., 0.),
        (U, U),
        (1., 0.),
        (1., 0.),
    ],
    [(N, N), (N, N), (N, -0.), (N, 0.), (N, N), (N, N), (N, N)],
];

static RECT: Table = [
    [
        (INF, N),
        (U, U),
        (-INF, 0.),
        (-INF, -0.),
        (U, U),
        (INF, N),
        (INF, N),
    ],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (0., 0.),
        (U, U),
        (-0., 0.),
        (-0., -0.),
        (U, U),
        (0., 0.),
        (0., 0.),
    ],
    [
        (0., 0.),
        (U, U),
        (0., -0.),
        (0., 0.),
        (U, U),
        (0., 0.),
        (0., 0.),
    ],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (INF, N),
        (U, U),
        (INF, -0.),
        (INF, 0.),
        (U, U),
        (INF, N),
        (INF, N),
    ],
    [(N, N), (N, N), (N, 0.), (N, 0.), (N, N), (N, N), (N, N)],
];

fn neg(z: C) -> C {
    c(-z.real, -z.imag)
}

fn sqrt(z: C) -> C {
    if non_finite(z) {
        return special(&SQRT, z);
    }
    if z.real == 0.0 && z.imag == 0.0 {
        return c(0.0, z.imag);
    }
    let (mut ax, ay) = (z.real.abs(), z.imag.abs());
    let s = if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        ax = libm::ldexp(ax, SCALE_UP);
        libm::ldexp(
            (ax + libm::hypot(ax, libm::ldexp(ay, SCALE_UP))).sqrt(),
            SCALE_DOWN,
        )
    } else {
        ax /= 8.0;
        2.0 * (ax + libm::hypot(ax, ay / 8.0)).sqrt()
    };
    let d = ay / (2.0 * s);
    if z.real >= 0.0 {
        c(s, d.copysign(z.imag))
    } else {
        c(d, s.copysign(z.imag))
    }
}

fn acos(z: C) -> C {
    if non_finite(z) {
        return special(&ACOS, z);
    }
    if z.real.abs() > LARGE || z.imag.abs() > LARGE {
        let real = libm::atan2(z.imag.abs(), z.real);
        let l = libm::log(libm::hypot(z.real / 2.0, z.imag / 2.0)) + LN_2 * 2.0;
        let imag = if z.real < 0.0 {
            -l.copysign(z.imag)
        } else {
            l.copysign(-z.imag)
        };
        return c(real, imag);
    }
    let s1 = sqrt(c(1.0 - z.real, -z.imag));
    let s2 = sqrt(c(1.0 + z.real, z.imag));
    c(
        2.0 * libm::atan2(s1.real, s2.real),
        libm::asinh(s2.real * s1.imag - s2.imag * s1.real),
    )
}

fn acosh(z: C) -> C {
    if non_finite(z) {
        return special(&ACOSH, z);
    }
    if z.real.abs() > LARGE || z.imag.abs() > LARGE {
        return c(
            libm::log(libm::hypot(z.real / 2.0, z.imag / 2.0)) + LN_2 * 2.0,
            libm::atan2(z.imag, z.real),
        );
    }
    let s1 = sqrt(c(z.real - 1.0, z.imag));
    let s2 = sqrt(c(z.real + 1.0, z.imag));
    c(
        libm::asinh(s1.real * s2.real + s1.imag * s2.imag),
        2.0 * libm::atan2(s1.imag, s2.real),
    )
}

fn asinh(z: C) -> C {
    if non_finite(z) {
        return special(&ASINH, z);
    }
    if z.real.abs() > LARGE || z.imag.abs() > LARGE {
        let l = libm::log(libm::hypot(z.real / 2.0, z.imag / 2.0)) + LN_2 * 2.0;
        let real = if z.imag >= 0.0 {
            l.copysign(z.real)
        } else {
            -l.copysign(-z.real)
        };
        return c(real, libm::atan2(z.imag, z.real.abs()));
    }
    let s1 = sqrt(c(1.0 + z.imag, -z.real));
    let s2 = sqrt(c(1.0 - z.imag, z.real));
    c(
        libm::asinh(s1.real * s2.imag - s2.real * s1.imag),
        libm::atan2(z.imag, s1.real * s2.real - s1.imag * s2.imag),
    )
}

/// `f(i z)` rotated back: `-i f(i z)`.
fn rotated(z: C, f: fn(C) -> Res) -> Res {
    let s = f(c(-z.imag, z.real))?;
    Ok(c(s.imag, -s.real))
}

fn atanh(z: C) -> Res {
    if non_finite(z) {
        return Ok(special(&ATANH, z));
    }
    if z.real < 0.0 {
        return atanh(neg(z)).map(neg);
    }
    let ay = z.imag.abs();
    if z.real > sqrt_large() || ay > sqrt_large() {
        let h = libm::hypot(z.real / 2.0, z.imag / 2.0);
        return Ok(c(z.real / 4.0 / h / h, -(PI / 2.0).copysign(-z.imag)));
    }
    if z.real == 1.0 && ay < f64::MIN_POSITIVE.sqrt() {
        if ay == 0.0 {
            return Err(CError::Domain);
        }
        return Ok(c(
            -libm::log(ay.sqrt() / libm::hypot(ay, 2.0).sqrt()),
            (libm::atan2(2.0, -ay) / 2.0).copysign(z.imag),
        ));
    }
    Ok(c(
        libm::log1p(4.0 * z.real / ((1.0 - z.real) * (1.0 - z.real) + ay * ay)) / 4.0,
        -libm::atan2(-2.0 * z.imag, (1.0 - z.real) * (1.0 + z.real) - ay * ay) / 2.0,
    ))
}

/// The overflow check shared by `exp`, `cosh` and `sinh`.
fn range_checked(r: C) -> Res {
    if r.real.is_infinite() || r.imag.is_infinite() {
        Err(CError::Range)
    } else {
        Ok(r)
    }
}

fn cosh(z: C) -> Res {
    if non_finite(z) {
        let r = if z.real.is_infinite() && z.imag.is_finite() && z.imag != 0.0 {
            let s = if z.real > 0.0 { 1.0 } else { -1.0 };
            c(
                INF.copysign(libm::cos(z.imag)),
                s * INF.copysign(libm::sin(z.imag)),
            )
        } else {
            special(&COSH, z)
        };
        if z.imag.is_infinite() && !z.real.is_nan() {
            return Err(CError::Domain);
        }
        return Ok(r);
    }
    let r = if z.real.abs() > log_large() {
        let x1 = z.real - 1.0f64.copysign(z.real);
        c(
            libm::cos(z.imag) * libm::cosh(x1) * std::f64::consts::E,
            libm::sin(z.imag) * libm::sinh(x1) * std::f64::consts::E,
        )
    } else {
        c(
            libm::cos(z.imag) * libm::cosh(z.real),
            libm::sin(z.imag) * libm::sinh(z.real),
        )
    };
    range_checked(r)
}

fn sinh(z: C) -> Res {
    if non_finite(z) {
        let r = if z.real.is_infinite() && z.imag.is_finite() && z.imag != 0.0 {
            let s = if z.real > 0.0 { 1.0 } else { -1.0 };
            c(
                s * INF.copysign(libm::cos(z.imag)),
                INF.copysign(libm::sin(z.imag)),
            )
        } else {
            special(&SINH, z)
        };
        if z.imag.is_infinite() && !z.real.is_nan() {
            return Err(CError::Domain);
        }
        return Ok(r);
    }
    let r = if z.real.abs() > log_large() {
        let x1 = z.real - 1.0f64.copysign(z.real);
        c(
            libm::cos(z.imag) * libm::sinh(x1) * std::f64::consts::E,
            libm::sin(z.imag) * libm::cosh(x1) * std::f64::consts::E,
        )
    } else {
        c(
            libm::cos(z.imag) * libm::sinh(z.real),
            libm::sin(z.imag) * libm::cosh(z.real),
        )
    };
    range_checked(r)
}

fn exp(z: C) -> Res {
    if non_finite(z) {
        let r = if z.real.is_infinite() && z.imag.is_finite() && z.imag != 0.0 {
            if z.real > 0.0 {
                c(
                    INF.copysign(libm::cos(z.imag)),
                    INF.copysign(libm::sin(z.imag)),
                )
            } else {
                c(
                    0.0f64.copysign(libm::cos(z.imag)),
                    0.0f64.copysign(libm::sin(z.imag)),
                )
            }
        } else {
            special(&EXP, z)
        };
        if z.imag.is_infinite() && (z.real.is_finite() || (z.real.is_infinite() && z.real > 0.0)) {
            return Err(CError::Domain);
        }
        return Ok(r);
    }
    let r = if z.real > log_large() {
        let l = libm::exp(z.real - 1.0);
        c(
            l * libm::cos(z.imag) * std::f64::consts::E,
            l * libm::sin(z.imag) * std::f64::consts::E,
        )
    } else {
        let l = libm::exp(z.real);
        c(l * libm::cos(z.imag), l * libm::sin(z.imag))
    };
    range_checked(r)
}

fn tanh(z: C) -> Res {
    if non_finite(z) {
        let r = if z.real.is_infinite() && z.imag.is_finite() && z.imag != 0.0 {
            let im = 0.0f64.copysign(2.0 * libm::sin(z.imag) * libm::cos(z.imag));
            c(if z.real > 0.0 { 1.0 } else { -1.0 }, im)
        } else {
            special(&TANH, z)
        };
        if z.imag.is_infinite() && z.real.is_finite() {
            return Err(CError::Domain);
        }
        return Ok(r);
    }
    if z.real.abs() > log_large() {
        return Ok(c(
            1.0f64.copysign(z.real),
            4.0 * libm::sin(z.imag) * libm::cos(z.imag) * libm::exp(-2.0 * z.real.abs()),
        ));
    }
    let tx = libm::tanh(z.real);
    let ty = libm::tan(z.imag);
    let cx = 1.0 / libm::cosh(z.real);
    let txty = tx * ty;
    let denom = 1.0 + txty * txty;
    Ok(c(tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx))
}

fn log(z: C) -> Res {
    if non_finite(z) {
        return Ok(special(&LOG, z));
    }
    let (ax, ay) = (z.real.abs(), z.imag.abs());
    let real = if ax > LARGE || ay > LARGE {
        libm::log(libm::hypot(ax / 2.0, ay / 2.0)) + LN_2
    } else if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        if ax > 0.0 || ay > 0.0 {
            let m = f64::MANTISSA_DIGITS as i32;
            libm::log(libm::hypot(libm::ldexp(ax, m), libm::ldexp(ay, m))) - m as f64 * LN_2
        } else {
            return Err(CError::Domain);
        }
    } else {
        let h = libm::hypot(ax, ay);
        if (0.71..=1.73).contains(&h) {
            let (am, an) = if ax > ay { (ax, ay) } else { (ay, ax) };
            libm::log1p((am - 1.0) * (am + 1.0) + an * an) / 2.0
        } else {
            libm::log(h)
        }
    };
    Ok(c(real, libm::atan2(z.imag, z.real)))
}

fn log10(z: C) -> Res {
    let r = log(z)?;
    Ok(c(r.real / LN_10, r.imag / LN_10))
}

/// `atan2(z.imag, z.real)` with C99's results for infinities and NaNs.
fn phase_of(z: C) -> f64 {
    if z.real.is_nan() || z.imag.is_nan() {
        return f64::NAN;
    }
    if z.imag.is_infinite() {
        if z.real.is_infinite() {
            return if z.real.is_sign_positive() {
                P14.copysign(z.imag)
            } else {
                P34.copysign(z.imag)
            };
        }
        return P12.copysign(z.imag);
    }
    if z.real.is_infinite() || z.imag == 0.0 {
        return if z.real.is_sign_positive() {
            0.0f64.copysign(z.imag)
        } else {
            P.copysign(z.imag)
        };
    }
    libm::atan2(z.imag, z.real)
}

fn raise(e: CError) -> Raised {
    match e {
        CError::Domain => errors::value_error("math domain error"),
        CError::Range => errors::overflow_error("math range error"),
    }
}

/// The complex argument of a one-argument function.
unsafe fn one(name: &str, args: &[*mut PyObject], kws: &[(&str, *mut PyObject)]) -> PyResult<C> {
    no_kwargs(name, kws)?;
    arity(name, args, 1, 1)?;
    // SAFETY: a valid argument.
    unsafe { as_c(args[0]) }
}

macro_rules! cfunc {
    ($($name:ident $py:literal = $f:expr;)*) => {$(
        builtin!($name, |args, kws| {
            let z = one(concat!("cmath.", $py), args, &kws)?;
            let r: Res = $f(z);
            complex::from_c(r.map_err(raise)?)
        });
    )*};
}

cfunc! {
    acos_fn "acos" = |z| Ok(acos(z));
    acosh_fn "acosh" = |z| Ok(acosh(z));
    asin_fn "asin" = |z| rotated(z, |w| Ok(asinh(w)));
    asinh_fn "asinh" = |z| Ok(asinh(z));
    atan_fn "atan" = |z| rotated(z, atanh);
    atanh_fn "atanh" = atanh;
    cos_fn "cos" = |z: C| cosh(c(-z.imag, z.real));
    cosh_fn "cosh" = cosh;
    exp_fn "exp" = exp;
    log10_fn "log10" = log10;
    sin_fn "sin" = |z| rotated(z, sinh);
    sinh_fn "sinh" = sinh;
    sqrt_fn "sqrt" = |z| Ok(sqrt(z));
    tan_fn "tan" = |z| rotated(z, tanh);
    tanh_fn "tanh" = tanh;
}

builtin!(log_fn, |args, kws| {
    no_kwargs("log", &kws)?;
    arity("log", args, 1, 2)?;
    let x = as_c(args[0])?;
    let base = match args.get(1) {
        Some(&b) => Some(as_c(b)?),
        None => None,
    };
    let mut r = log(x).map_err(raise)?;
    if let Some(b) = base {
        let lb = log(b).map_err(raise)?;
        r = c_quot(r, lb).map_err(raise)?;
    }
    complex::from_c(r)
});

builtin!(phase, |args, kws| {
    let z = one("cmath.phase", args, &kws)?;
    let phi = phase_of(z);
    // The C library's atan2 reports an underflow to zero (ERANGE), which
    // phase raises.
    if phi == 0.0 && z.imag != 0.0 && z.real.is_finite() && z.imag.is_finite() {
        return Err(raise(CError::Range));
    }
    float::from_f64(phi)
});

builtin!(polar, |args, kws| {
    let z = one("cmath.polar", args, &kws)?;
    let phi = phase_of(z);
    let r = c_abs(z).map_err(raise)?;
    let (r, phi) = (float::from_f64(r)?, float::from_f64(phi)?);
    tuple::pack(&[r.as_ptr(), phi.as_ptr()])
});

builtin!(rect, |args, kws| {
    no_kwargs("rect", &kws)?;
    arity("rect", args, 2, 2)?;
    let r = float::as_f64(args[0])?;
    let phi = float::as_f64(args[1])?;
    let z = if !r.is_finite() || !phi.is_finite() {
        let z = if r.is_infinite() && phi.is_finite() && phi != 0.0 {
            let s = if r > 0.0 { 1.0 } else { -1.0 };
            c(
                s * INF.copysign(libm::cos(phi)),
                s * INF.copysign(libm::sin(phi)),
            )
        } else {
            special(&RECT, c(r, phi))
        };
        if r != 0.0 && !r.is_nan() && phi.is_infinite() {
            return Err(raise(CError::Domain));
        }
        z
    } else if phi == 0.0 {
        c(r, r * phi)
    } else {
        c(r * libm::cos(phi), r * libm::sin(phi))
    };
    complex::from_c(z)
});

macro_rules! cpredicate {
    ($($name:ident = $f:expr;)*) => {$(
        builtin!($name, |args, kws| {
            let z = one(concat!("cmath.", stringify!($name)), args, &kws)?;
            let f: fn(C) -> bool = $f;
            Ok(Owned::from_borrowed_static(pybool::from_bool(f(z))))
        });
    )*};
}

cpredicate! {
    isfinite = |z| z.real.is_finite() && z.imag.is_finite();
    isnan = |z| z.real.is_nan() || z.imag.is_nan();
    isinf = |z| z.real.is_infinite() || z.imag.is_infinite();
}

builtin!(isclose, |args, kws| {
    let [a, b, rel, abs] = bind(
        "isclose",
        args,
        &kws,
        ["a", "b", "rel_tol", "abs_tol"],
        2,
        2,
    )?;
    let a = as_c(a.expect("required"))?;
    let b = as_c(b.expect("required"))?;
    let rel_tol = match rel {
        Some(v) => float::as_f64(v)?,
        None => 1e-9,
    };
    let abs_tol = match abs {
        Some(v) => float::as_f64(v)?,
        None => 0.0,
    };
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(errors::value_error("tolerances must be non-negative"));
    }
    let close = if a.real == b.real && a.imag == b.imag {
        true
    } else if a.real.is_infinite()
        || a.imag.is_infinite()
        || b.real.is_infinite()
        || b.imag.is_infinite()
    {
        false
    } else {
        let diff = c_abs(complex::c_diff(a, b)).unwrap_or(INF);
        let (ma, mb) = (c_abs(a).unwrap_or(INF), c_abs(b).unwrap_or(INF));
        diff <= rel_tol * mb || diff <= rel_tol * ma || diff <= abs_tol
    };
    Ok(Owned::from_borrowed_static(pybool::from_bool(close)))
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

macro_rules! m {
    ($name:literal, $f:ident) => {
        method($name, $f as *const c_void, FK)
    };
}

static mut METHODS: [PyMethodDef; 24] = [
    m!(c"acos", acos_fn),
    m!(c"acosh", acosh_fn),
    m!(c"asin", asin_fn),
    m!(c"asinh", asinh_fn),
    m!(c"atan", atan_fn),
    m!(c"atanh", atanh_fn),
    m!(c"cos", cos_fn),
    m!(c"cosh", cosh_fn),
    m!(c"exp", exp_fn),
    m!(c"isclose", isclose),
    m!(c"isfinite", isfinite),
    m!(c"isinf", isinf),
    m!(c"isnan", isnan),
    m!(c"log", log_fn),
    m!(c"log10", log10_fn),
    m!(c"phase", phase),
    m!(c"polar", polar),
    m!(c"rect", rect),
    m!(c"sin", sin_fn),
    m!(c"sinh", sinh_fn),
    m!(c"sqrt", sqrt_fn),
    m!(c"tan", tan_fn),
    m!(c"tanh", tanh_fn),
    METHOD_END,
];

unsafe extern "C" fn exec(m: *mut PyObject) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: the module being executed.
        unsafe {
            add(m, "pi", float::from_f64(PI))?;
            add(m, "e", float::from_f64(std::f64::consts::E))?;
            add(m, "tau", float::from_f64(std::f64::consts::TAU))?;
            add(m, "inf", float::from_f64(INF))?;
            add(m, "infj", complex::from_parts(0.0, INF))?;
            add(m, "nan", float::from_f64(f64::NAN))?;
            add(m, "nanj", complex::from_parts(0.0, f64::NAN))
        }
    })
}

static mut SLOTS: [PyModuleDef_Slot; 2] = [exec_slot(exec), SLOT_END];

static mut DEF: PyModuleDef = module_def::def(
    c"cmath",
    c"This module provides access to mathematical functions for complex\nnumbers.",
    (&raw mut METHODS).cast(),
    (&raw mut SLOTS).cast(),
);

/// `PyInit_cmath`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
