//! The `math` module (`Modules/mathmodule.c`): the libm functions with
//! CPython's error rules (a NaN from non-NaN input is `ValueError("math
//! domain error")`, an infinity from finite input `OverflowError("math
//! range error")` or a domain error at a singularity), the integer
//! functions on arbitrary-size ints, and the correctly rounded sums.
mod float_fns;
mod gamma;
mod integer;
pub mod libm;
mod sums;

use crate::ffi::*;
use crate::modules::module_def::{self, add, exec_slot, SLOT_END};
use crate::object::descr::{method, METHOD_END};
use crate::object::{float, int};
use crate::runtime::errors::{self, PyResult, Raised};
use libc::{c_int, c_void};

/// `ValueError("math domain error")`.
pub(crate) fn domain_error() -> Raised {
    errors::value_error("math domain error")
}

/// `OverflowError("math range error")`.
pub(crate) fn range_error() -> Raised {
    errors::overflow_error("math range error")
}

/// A float argument (`ASSIGN_DOUBLE`): exact floats and ints directly,
/// else `__float__` / `__index__`.
#[inline]
pub(crate) unsafe fn arg_f64(op: *mut PyObject) -> PyResult<f64> {
    // SAFETY: op is a valid argument.
    unsafe {
        if float::check_exact(op) {
            Ok(float::value(op))
        } else if int::check(op) && (*op).ob_type == &raw mut crate::object::int::PyLong_Type {
            int::to_f64(op)
        } else {
            float::as_f64(op)
        }
    }
}

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

macro_rules! m {
    ($name:literal, $f:path) => {
        method($name, $f as *const c_void, FK)
    };
}

static mut METHODS: [PyMethodDef; 58] = [
    m!(c"acos", float_fns::acos),
    m!(c"acosh", float_fns::acosh),
    m!(c"asin", float_fns::asin),
    m!(c"asinh", float_fns::asinh),
    m!(c"atan", float_fns::atan),
    m!(c"atan2", float_fns::atan2),
    m!(c"atanh", float_fns::atanh),
    m!(c"cbrt", float_fns::cbrt),
    m!(c"ceil", float_fns::ceil),
    m!(c"comb", integer::comb),
    m!(c"copysign", float_fns::copysign),
    m!(c"cos", float_fns::cos),
    m!(c"cosh", float_fns::cosh),
    m!(c"degrees", float_fns::degrees),
    m!(c"dist", sums::dist),
    m!(c"erf", gamma::erf),
    m!(c"erfc", gamma::erfc),
    m!(c"exp", float_fns::exp),
    m!(c"exp2", float_fns::exp2),
    m!(c"expm1", float_fns::expm1),
    m!(c"fabs", float_fns::fabs),
    m!(c"factorial", integer::factorial),
    m!(c"floor", float_fns::floor),
    m!(c"fma", float_fns::fma),
    m!(c"fmod", float_fns::fmod),
    m!(c"frexp", float_fns::frexp),
    m!(c"fsum", sums::fsum),
    m!(c"gamma", gamma::gamma),
    m!(c"gcd", integer::gcd),
    m!(c"hypot", sums::hypot),
    m!(c"isclose", float_fns::isclose),
    m!(c"isfinite", float_fns::isfinite),
    m!(c"isinf", float_fns::isinf),
    m!(c"isnan", float_fns::isnan),
    m!(c"isqrt", integer::isqrt),
    m!(c"lcm", integer::lcm),
    m!(c"ldexp", float_fns::ldexp),
    m!(c"lgamma", gamma::lgamma),
    m!(c"log", float_fns::log),
    m!(c"log10", float_fns::log10),
    m!(c"log1p", float_fns::log1p),
    m!(c"log2", float_fns::log2),
    m!(c"modf", float_fns::modf),
    m!(c"nextafter", float_fns::nextafter),
    m!(c"perm", integer::perm),
    m!(c"pow", float_fns::pow),
    m!(c"prod", sums::prod),
    m!(c"radians", float_fns::radians),
    m!(c"remainder", float_fns::remainder),
    m!(c"sin", float_fns::sin),
    m!(c"sinh", float_fns::sinh),
    m!(c"sqrt", float_fns::sqrt),
    m!(c"sumprod", sums::sumprod),
    m!(c"tan", float_fns::tan),
    m!(c"tanh", float_fns::tanh),
    m!(c"trunc", float_fns::trunc),
    m!(c"ulp", float_fns::ulp),
    METHOD_END,
];

unsafe extern "C" fn exec(m: *mut PyObject) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: m is the module being executed.
        unsafe {
            add(m, "pi", float::from_f64(std::f64::consts::PI))?;
            add(m, "e", float::from_f64(std::f64::consts::E))?;
            add(m, "tau", float::from_f64(std::f64::consts::TAU))?;
            add(m, "inf", float::from_f64(f64::INFINITY))?;
            add(m, "nan", float::from_f64(f64::NAN))
        }
    })
}

static mut SLOTS: [PyModuleDef_Slot; 2] = [exec_slot(exec), SLOT_END];

static mut DEF: PyModuleDef = module_def::def(
    c"math",
    c"This module provides access to the mathematical functions\ndefined by the C standard.",
    (&raw mut METHODS).cast(),
    (&raw mut SLOTS).cast(),
);

/// `PyInit_math`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
