//! The C math library functions that `math` and `cmath` wrap, called
//! directly so the results are the platform libm's, as CPython's are
//! (Rust's own `asinh`/`acosh`/`atanh` and friends use other formulas).
use libc::c_int;

mod sys {
    use libc::c_int;
    extern "C" {
        pub fn acos(x: f64) -> f64;
        pub fn asin(x: f64) -> f64;
        pub fn atan(x: f64) -> f64;
        pub fn atan2(y: f64, x: f64) -> f64;
        pub fn cos(x: f64) -> f64;
        pub fn sin(x: f64) -> f64;
        pub fn tan(x: f64) -> f64;
        pub fn cosh(x: f64) -> f64;
        pub fn sinh(x: f64) -> f64;
        pub fn tanh(x: f64) -> f64;
        pub fn acosh(x: f64) -> f64;
        pub fn asinh(x: f64) -> f64;
        pub fn atanh(x: f64) -> f64;
        pub fn exp(x: f64) -> f64;
        pub fn exp2(x: f64) -> f64;
        pub fn expm1(x: f64) -> f64;
        pub fn log(x: f64) -> f64;
        pub fn log2(x: f64) -> f64;
        pub fn log10(x: f64) -> f64;
        pub fn log1p(x: f64) -> f64;
        // The runtime's compiler-builtins define a local `cbrt`; glibc's
        // _Float64 alias reaches the C library's, which CPython uses.
        #[link_name = "cbrtf64"]
        pub fn cbrt(x: f64) -> f64;
        pub fn erf(x: f64) -> f64;
        pub fn erfc(x: f64) -> f64;
        pub fn pow(x: f64, y: f64) -> f64;
        pub fn fmod(x: f64, y: f64) -> f64;
        pub fn remainder(x: f64, y: f64) -> f64;
        pub fn nextafter(x: f64, y: f64) -> f64;
        pub fn ldexp(x: f64, e: c_int) -> f64;
        pub fn frexp(x: f64, e: *mut c_int) -> f64;
        pub fn hypot(x: f64, y: f64) -> f64;
    }
}

macro_rules! safe1 {
    ($($name:ident),*) => {$(
        #[doc = concat!("libm `", stringify!($name), "`.")]
        #[inline]
        pub fn $name(x: f64) -> f64 {
            // SAFETY: a pure libm function of one double.
            unsafe { sys::$name(x) }
        }
    )*};
}
macro_rules! safe2 {
    ($($name:ident),*) => {$(
        #[doc = concat!("libm `", stringify!($name), "`.")]
        #[inline]
        pub fn $name(x: f64, y: f64) -> f64 {
            // SAFETY: a pure libm function of two doubles.
            unsafe { sys::$name(x, y) }
        }
    )*};
}

safe1!(
    acos, asin, atan, cos, sin, tan, cosh, sinh, tanh, acosh, asinh, atanh, exp, exp2, expm1, log,
    log2, log10, log1p, cbrt, erf, erfc
);
safe2!(atan2, pow, fmod, remainder, nextafter, hypot);

/// libm `ldexp`.
#[inline]
pub fn ldexp(x: f64, e: c_int) -> f64 {
    // SAFETY: a pure libm function.
    unsafe { sys::ldexp(x, e) }
}

/// libm `frexp`: (mantissa, exponent).
#[inline]
pub fn frexp(x: f64) -> (f64, c_int) {
    let mut e: c_int = 0;
    // SAFETY: e is a valid out pointer.
    let m = unsafe { sys::frexp(x, &mut e) };
    (m, e)
}
