//! Describing a cipher suite: the dicts of `get_ciphers()` and the
//! tuples of `cipher()` and `shared_ciphers()` (CPython's
//! `cipher_to_dict` and `cipher_to_tuple`).
use super::ossl;
use crate::object::{bool as pybool, dict, int, none, str as pystr, tuple};
use crate::runtime::errors::PyResult;
use crate::Owned;
use libc::{c_char, c_int};
use std::ffi::CStr;

/// A C string as a str, `None` for NULL.
pub unsafe fn opt_str(p: *const c_char) -> PyResult<Owned> {
    if p.is_null() {
        return Ok(none::owned());
    }
    // SAFETY: p is NUL-terminated (caller contract).
    pystr::from_str(&unsafe { CStr::from_ptr(p) }.to_string_lossy())
}

/// The long name of `nid`, `None` for `NID_undef`.
unsafe fn nid_name(nid: c_int) -> PyResult<Owned> {
    if nid == ossl::NID_undef {
        return Ok(none::owned());
    }
    // SAFETY: OBJ_nid2ln accepts any nid.
    unsafe { opt_str(ossl::OBJ_nid2ln(nid)) }
}

/// `cipher_to_tuple`: `(name, protocol, secret bits)`.
pub unsafe fn cipher_tuple(c: *const ossl::SSL_CIPHER) -> PyResult<Owned> {
    // SAFETY: c is a live cipher.
    unsafe {
        let bits = ossl::SSL_CIPHER_get_bits(c, std::ptr::null_mut());
        tuple::from_vec(vec![
            opt_str(ossl::SSL_CIPHER_get_name(c))?,
            opt_str(ossl::SSL_CIPHER_get_version(c))?,
            int::from_i64(bits as i64)?,
        ])
    }
}

/// `cipher_to_dict`.
pub unsafe fn cipher_dict(c: *const ossl::SSL_CIPHER) -> PyResult<Owned> {
    // SAFETY: c is a live cipher; the description buffer is large enough
    // for OpenSSL's fixed-width text.
    unsafe {
        let mut buf = [0 as c_char; 512];
        ossl::SSL_CIPHER_description(c, buf.as_mut_ptr(), buf.len() as c_int);
        let desc = CStr::from_ptr(buf.as_ptr()).to_string_lossy();
        let desc = desc.strip_suffix('\n').unwrap_or(&desc);
        let mut alg_bits = 0;
        let strength = ossl::SSL_CIPHER_get_bits(c, &mut alg_bits);
        let d = dict::new()?;
        let set = |k: &str, v: Owned| dict::set_item(d.as_ptr(), pystr::intern(k), v.as_ptr());
        set("id", int::from_i64(ossl::SSL_CIPHER_get_id(c) as i64)?)?;
        set("name", opt_str(ossl::SSL_CIPHER_get_name(c))?)?;
        set("protocol", opt_str(ossl::SSL_CIPHER_get_version(c))?)?;
        set("description", pystr::from_str(desc)?)?;
        set("strength_bits", int::from_i64(strength as i64)?)?;
        set("alg_bits", int::from_i64(alg_bits as i64)?)?;
        set(
            "aead",
            Owned::from_borrowed_static(pybool::from_bool(ossl::SSL_CIPHER_is_aead(c) != 0)),
        )?;
        set("symmetric", nid_name(ossl::SSL_CIPHER_get_cipher_nid(c))?)?;
        set("digest", nid_name(ossl::SSL_CIPHER_get_digest_nid(c))?)?;
        set("kea", nid_name(ossl::SSL_CIPHER_get_kx_nid(c))?)?;
        set("auth", nid_name(ossl::SSL_CIPHER_get_auth_nid(c))?)?;
        Ok(d)
    }
}
