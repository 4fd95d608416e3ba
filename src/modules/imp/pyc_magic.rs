//! The magic number that starts Ferrython's `.pyc` files
//! (`importlib.util.MAGIC_NUMBER`, 3.14's `_imp.pyc_magic_number_token`).
//! CPython changes its magic whenever its bytecode changes; ours is
//! derived from the compiler's fingerprint, so a `.pyc` written by another
//! build is refused as stale, and it always has the top bit set, which no
//! CPython magic number has, so a CPython `.pyc` is refused too
//! (`ImportError: bad magic number`) instead of being misread.
use crate::ffi::PyObject;
use crate::object::{bytes, dict, int};
use crate::runtime::errors::PyResult;

/// The two-byte magic value (little-endian in the file, before `\r\n`).
pub(crate) const MAGIC: u16 = 0x8000 | (ferrython_compiler::cache::FINGERPRINT & 0x7fff) as u16;

/// The four bytes of the magic number as a little-endian integer.
pub(crate) const TOKEN: u32 = MAGIC as u32 | (b'\r' as u32) << 16 | (b'\n' as u32) << 24;

/// Gives `importlib._bootstrap_external` (whose 3.13 source spells out
/// CPython 3.13's magic number; 3.14's reads `_imp.pyc_magic_number_token`)
/// our magic number, right after it ran and before anything copied it.
pub unsafe fn fix_bootstrap_external(globals: *mut PyObject) -> PyResult<()> {
    // SAFETY: globals is the module's dict.
    unsafe {
        let magic = bytes::from_slice(&TOKEN.to_le_bytes())?;
        dict::set_item(globals, crate::interned!("MAGIC_NUMBER"), magic.as_ptr())?;
        let raw = int::from_i64(i64::from(TOKEN))?;
        dict::set_item(globals, crate::interned!("_RAW_MAGIC_NUMBER"), raw.as_ptr())
    }
}
