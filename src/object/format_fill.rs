//! Format specs whose fill character is a lone surrogate
//! (`format('x', '\ud800<5')`), which CPython accepts like any other
//! fill. The format-spec machinery works on Rust text, which cannot hold a
//! surrogate, so such a spec is formatted twice with two stand-in fills
//! from the private use area, and the positions where the two results
//! differ (the padding) take the surrogate.
use crate::ffi::PyObject;
use crate::object::str as pystr;
use crate::runtime::errors::PyResult;
use crate::Owned;

const STAND_INS: [char; 2] = ['\u{E000}', '\u{E001}'];

fn is_surrogate(c: u32) -> bool {
    (0xD800..0xE000).contains(&c)
}

/// `format(spec_text)` for the str `spec`: directly when the spec is
/// valid text, else (a lone surrogate as fill before an alignment
/// character, nothing else unencodable) as the module documentation says.
pub unsafe fn with_spec(
    spec: *mut PyObject,
    format: impl Fn(&str) -> PyResult<Owned>,
) -> PyResult<Owned> {
    // SAFETY: spec is a str.
    unsafe {
        if let Some(text) = pystr::ascii_str(spec) {
            return format(text);
        }
        let cps = pystr::to_ucs4(spec);
        let fill = match cps.as_slice() {
            [f, a, rest @ ..]
                if is_surrogate(*f)
                    && matches!(char::from_u32(*a), Some('<' | '>' | '=' | '^'))
                    && !rest.iter().copied().any(is_surrogate) =>
            {
                *f
            }
            _ => return format(pystr::as_str(spec)?),
        };
        let tail: String = cps[1..].iter().filter_map(|&c| char::from_u32(c)).collect();
        let [a, b] = STAND_INS.map(|c| format!("{c}{tail}"));
        let (ra, rb) = (format(&a)?, format(&b)?);
        let (ua, ub) = (pystr::to_ucs4(ra.as_ptr()), pystr::to_ucs4(rb.as_ptr()));
        let out: Vec<u32> = ua
            .iter()
            .zip(&ub)
            .map(|(&x, &y)| {
                if x == STAND_INS[0] as u32 && y == STAND_INS[1] as u32 {
                    fill
                } else {
                    x
                }
            })
            .collect();
        pystr::from_ucs4(&out)
    }
}
