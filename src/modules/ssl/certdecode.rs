//! A certificate as the dict that `getpeercert()` and `_test_decode_cert`
//! return (CPython's `_decode_certificate` and its helpers): subject and
//! issuer as tuples of relative distinguished names, validity, serial
//! number, subject alternative names, OCSP and CA issuer URIs and CRL
//! distribution points.
use super::errors;
use super::ffi;
use super::ossl;
use crate::object::{dict, int, str as pystr, tuple};
use crate::runtime::errors::PyResult;
use crate::Owned;
use libc::c_int;
use std::ptr::null_mut;

/// A memory BIO freed on drop, for OpenSSL's printing functions.
pub struct MemOut(*mut ossl::BIO);

impl MemOut {
    pub fn new() -> PyResult<MemOut> {
        // SAFETY: a new memory BIO.
        let b = unsafe { ossl::BIO_new(ossl::BIO_s_mem()) };
        if b.is_null() {
            return Err(errors::from_queue());
        }
        Ok(MemOut(b))
    }

    pub fn ptr(&self) -> *mut ossl::BIO {
        self.0
    }

    /// Everything written so far, emptying the BIO.
    pub fn take(&self) -> Vec<u8> {
        let n = {
            // SAFETY: a live memory BIO.
            unsafe { ffi::bio_pending(self.0) }
        };
        let mut buf = vec![0u8; n];
        if n > 0 {
            // SAFETY: buf has n bytes.
            let got = unsafe { ossl::BIO_read(self.0, buf.as_mut_ptr().cast(), n as c_int) };
            buf.truncate(got.max(0) as usize);
        }
        buf
    }
}

impl Drop for MemOut {
    fn drop(&mut self) {
        // SAFETY: ours.
        unsafe { ossl::BIO_free(self.0) };
    }
}

/// `_asn1obj2py`: an object identifier's long name, or its dotted form
/// when `no_name` or it has none.
pub unsafe fn obj_text(o: *const ossl::ASN1_OBJECT, no_name: bool) -> PyResult<Option<String>> {
    // SAFETY: o is a live object; the buffer is sized by the first call.
    unsafe {
        let mut buf = [0 as libc::c_char; 256];
        let n = ossl::OBJ_obj2txt(buf.as_mut_ptr(), buf.len() as c_int, o, no_name as c_int);
        if n < 0 {
            return Err(errors::from_queue());
        }
        let text = if n as usize > buf.len() - 1 {
            let mut big = vec![0 as libc::c_char; n as usize + 1];
            ossl::OBJ_obj2txt(big.as_mut_ptr(), big.len() as c_int, o, no_name as c_int);
            std::ffi::CStr::from_ptr(big.as_ptr())
                .to_string_lossy()
                .into_owned()
        } else {
            std::ffi::CStr::from_ptr(buf.as_ptr())
                .to_string_lossy()
                .into_owned()
        };
        if n == 0 && no_name {
            return Ok(None);
        }
        Ok(Some(text))
    }
}

/// The bytes of an ASN.1 string.
unsafe fn asn1_bytes<'a>(s: *const ossl::ASN1_STRING) -> &'a [u8] {
    // SAFETY: s is a live string.
    unsafe {
        let n = ossl::ASN1_STRING_length(s);
        let p = ossl::ASN1_STRING_get0_data(s);
        if p.is_null() || n <= 0 {
            return &[];
        }
        std::slice::from_raw_parts(p, n as usize)
    }
}

/// `_create_tuple_for_attribute`: `(name, value)` of one name entry.
unsafe fn attribute(
    name: *const ossl::ASN1_OBJECT,
    value: *mut ossl::ASN1_STRING,
) -> PyResult<Owned> {
    // SAFETY: name and value are live parts of a certificate name.
    unsafe {
        let n = obj_text(name, false)?.unwrap_or_default();
        let mut out: *mut u8 = null_mut();
        let len = ossl::ASN1_STRING_to_UTF8(&mut out, value);
        if len < 0 {
            return Err(errors::from_queue());
        }
        let v = pystr::from_utf8(std::slice::from_raw_parts(out, len as usize));
        ossl::CRYPTO_free(out.cast(), c"certdecode".as_ptr(), 0);
        tuple::from_vec(vec![pystr::from_str(&n)?, v?])
    }
}

/// `_create_tuple_for_X509_NAME`: the entries grouped into relative
/// distinguished names, each a tuple of `(name, value)` pairs.
pub unsafe fn name_tuple(name: *mut ossl::X509_NAME) -> PyResult<Owned> {
    // SAFETY: name is a live X509_NAME.
    unsafe {
        let mut rdns: Vec<Owned> = Vec::new();
        let mut current: Vec<Owned> = Vec::new();
        let mut set = -1;
        for i in 0..ossl::X509_NAME_entry_count(name) {
            let entry = ossl::X509_NAME_get_entry(name, i);
            let entry_set = ossl::X509_NAME_ENTRY_set(entry);
            if entry_set != set && !current.is_empty() {
                rdns.push(tuple::from_vec(std::mem::take(&mut current))?);
            }
            set = entry_set;
            let obj = ossl::X509_NAME_ENTRY_get_object(entry);
            let data = ossl::X509_NAME_ENTRY_get_data(entry);
            current.push(attribute(obj, data)?);
        }
        if !current.is_empty() {
            rdns.push(tuple::from_vec(current)?);
        }
        tuple::from_vec(rdns)
    }
}

/// The text of an IP address entry (`"1.2.3.4"`, or eight uppercase hex
/// groups for IPv6).
fn ip_text(b: &[u8]) -> String {
    match b.len() {
        4 => format!("{}.{}.{}.{}", b[0], b[1], b[2], b[3]),
        16 => b
            .chunks(2)
            .map(|p| format!("{:X}", (p[0] as u16) << 8 | p[1] as u16))
            .collect::<Vec<_>>()
            .join(":"),
        _ => "<invalid>".to_owned(),
    }
}

/// A pair of strings as a tuple.
fn pair(a: &str, b: PyResult<Owned>) -> PyResult<Owned> {
    tuple::from_vec(vec![pystr::from_str(a)?, b?])
}

/// One subject alternative name as `(kind, value)`.
unsafe fn general_name(gn: *mut ossl::GENERAL_NAME) -> PyResult<Owned> {
    const GEN_EMAIL: c_int = 1;
    const GEN_DNS: c_int = 2;
    const GEN_DIRNAME: c_int = 4;
    const GEN_URI: c_int = 6;
    const GEN_IPADD: c_int = 7;
    const GEN_RID: c_int = 8;
    // SAFETY: gn is a live GENERAL_NAME; its union member matches type_.
    unsafe {
        let d = (*gn).d;
        let text = |label: &str| {
            let s = asn1_bytes(d as *const ossl::ASN1_STRING);
            pair(label, pystr::from_utf8(s))
        };
        match (*gn).type_ {
            GEN_DIRNAME => pair("DirName", name_tuple(d.cast())),
            GEN_EMAIL => text("email"),
            GEN_DNS => text("DNS"),
            GEN_URI => text("URI"),
            GEN_RID => pair(
                "Registered ID",
                pystr::from_str(
                    &obj_text(d as *const ossl::ASN1_OBJECT, false)?.unwrap_or_default(),
                ),
            ),
            GEN_IPADD => pair(
                "IP Address",
                pystr::from_str(&ip_text(asn1_bytes(d as *const ossl::ASN1_STRING))),
            ),
            _ => {
                // Other kinds as OpenSSL prints them: "kind:value".
                let out = MemOut::new()?;
                if ossl::GENERAL_NAME_print(out.ptr(), gn) <= 0 {
                    return Err(errors::from_queue());
                }
                let s = String::from_utf8_lossy(&out.take()).into_owned();
                let (k, v) = s.split_once(':').unwrap_or((&s, ""));
                pair(k, pystr::from_str(v))
            }
        }
    }
}

/// `_get_peer_alt_names`: the subject alternative names, or `None`.
unsafe fn alt_names(cert: *mut ossl::X509) -> PyResult<Option<Owned>> {
    // SAFETY: cert is live; each extension decodes to a GENERAL_NAMES.
    unsafe {
        let mut out = Vec::new();
        let mut i = -1;
        loop {
            i = ossl::X509_get_ext_by_NID(cert, ossl::NID_subject_alt_name, i);
            if i < 0 {
                break;
            }
            let ext = ossl::X509_get_ext(cert, i);
            let names = ossl::X509V3_EXT_d2i(ext) as *mut ossl::stack_st_GENERAL_NAME;
            if names.is_null() {
                return Err(errors::from_queue());
            }
            let n = ossl::OPENSSL_sk_num(names.cast());
            let mut result = Ok(());
            for j in 0..n {
                let gn = ossl::OPENSSL_sk_value(names.cast(), j) as *mut ossl::GENERAL_NAME;
                match general_name(gn) {
                    Ok(t) => out.push(t),
                    Err(e) => {
                        result = Err(e);
                        break;
                    }
                }
            }
            ossl::GENERAL_NAMES_free(names);
            result?;
        }
        if out.is_empty() {
            return Ok(None);
        }
        Ok(Some(tuple::from_vec(out)?))
    }
}

/// `_get_aia_uri`: the URIs of access method `nid` in the authority
/// information access extension, or `None`.
unsafe fn aia_uris(cert: *mut ossl::X509, nid: c_int) -> PyResult<Option<Owned>> {
    const GEN_URI: c_int = 6;
    // SAFETY: cert is live; the extension decodes to ACCESS_DESCRIPTIONs.
    unsafe {
        let info = ossl::X509_get_ext_d2i(cert, ossl::NID_info_access, null_mut(), null_mut())
            as *mut ossl::stack_st_ACCESS_DESCRIPTION;
        if info.is_null() {
            return Ok(None);
        }
        let mut out = Vec::new();
        let mut result = Ok(());
        for i in 0..ossl::OPENSSL_sk_num(info.cast()) {
            let ad = ossl::OPENSSL_sk_value(info.cast(), i) as *mut ossl::ACCESS_DESCRIPTION;
            let loc = (*ad).location;
            if ossl::OBJ_obj2nid((*ad).method) != nid || (*loc).type_ != GEN_URI {
                continue;
            }
            match pystr::from_utf8(asn1_bytes((*loc).d as *const ossl::ASN1_STRING)) {
                Ok(s) => out.push(s),
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        ossl::AUTHORITY_INFO_ACCESS_free(info);
        result?;
        if out.is_empty() {
            return Ok(None);
        }
        Ok(Some(tuple::from_vec(out)?))
    }
}

/// `_get_crl_dp`: the URIs of the CRL distribution points, or `None`.
unsafe fn crl_points(cert: *mut ossl::X509) -> PyResult<Option<Owned>> {
    const GEN_URI: c_int = 6;
    // SAFETY: cert is live; the extension decodes to DIST_POINTs.
    unsafe {
        let dps = ossl::X509_get_ext_d2i(
            cert,
            ossl::NID_crl_distribution_points,
            null_mut(),
            null_mut(),
        ) as *mut ossl::stack_st_DIST_POINT;
        if dps.is_null() {
            return Ok(None);
        }
        let mut out = Vec::new();
        let mut result = Ok(());
        'points: for i in 0..ossl::OPENSSL_sk_num(dps.cast()) {
            let dp = ossl::OPENSSL_sk_value(dps.cast(), i) as *mut ossl::DIST_POINT;
            // An empty point is skipped (CVE-2019-5010).
            if (*dp).distpoint.is_null() || (*(*dp).distpoint).type_ != 0 {
                continue;
            }
            let gns = (*(*dp).distpoint).name.fullname;
            for j in 0..ossl::OPENSSL_sk_num(gns.cast()) {
                let gn = ossl::OPENSSL_sk_value(gns.cast(), j) as *mut ossl::GENERAL_NAME;
                if (*gn).type_ != GEN_URI {
                    continue;
                }
                match pystr::from_utf8(asn1_bytes((*gn).d as *const ossl::ASN1_STRING)) {
                    Ok(s) => out.push(s),
                    Err(e) => {
                        result = Err(e);
                        break 'points;
                    }
                }
            }
        }
        ossl::CRL_DIST_POINTS_free(dps);
        result?;
        if out.is_empty() {
            return Ok(None);
        }
        Ok(Some(tuple::from_vec(out)?))
    }
}

/// What OpenSSL prints into a memory BIO, as a str.
fn printed(f: impl FnOnce(*mut ossl::BIO) -> c_int) -> PyResult<Owned> {
    let out = MemOut::new()?;
    if f(out.ptr()) <= 0 {
        return Err(errors::from_queue());
    }
    pystr::from_utf8(&out.take())
}

/// `_decode_certificate`.
pub unsafe fn decode(cert: *mut ossl::X509) -> PyResult<Owned> {
    // SAFETY: cert is a live certificate.
    unsafe {
        let d = dict::new()?;
        let set = |k: &str, v: &Owned| dict::set_item(d.as_ptr(), pystr::intern(k), v.as_ptr());
        set("subject", &name_tuple(ossl::X509_get_subject_name(cert))?)?;
        set("issuer", &name_tuple(ossl::X509_get_issuer_name(cert))?)?;
        set(
            "version",
            &int::from_i64(ossl::X509_get_version(cert) as i64 + 1)?,
        )?;
        set(
            "serialNumber",
            &printed(|b| ossl::i2a_ASN1_INTEGER(b, ossl::X509_get_serialNumber(cert)))?,
        )?;
        set(
            "notBefore",
            &printed(|b| ossl::ASN1_TIME_print(b, ossl::X509_getm_notBefore(cert)))?,
        )?;
        set(
            "notAfter",
            &printed(|b| ossl::ASN1_TIME_print(b, ossl::X509_getm_notAfter(cert)))?,
        )?;
        if let Some(v) = alt_names(cert)? {
            set("subjectAltName", &v)?;
        }
        if let Some(v) = aia_uris(cert, ossl::NID_ad_OCSP)? {
            set("OCSP", &v)?;
        }
        if let Some(v) = aia_uris(cert, ossl::NID_ad_ca_issuers)? {
            set("caIssuers", &v)?;
        }
        if let Some(v) = crl_points(cert)? {
            set("crlDistributionPoints", &v)?;
        }
        Ok(d)
    }
}

/// The DER encoding of `cert` as bytes.
pub unsafe fn der(cert: *mut ossl::X509) -> PyResult<Owned> {
    // SAFETY: cert is live; i2d allocates the output, freed here.
    unsafe {
        let mut p: *mut u8 = null_mut();
        let n = ossl::i2d_X509(cert, &mut p);
        if n < 0 {
            return Err(errors::from_queue());
        }
        let b = crate::object::bytes::from_slice(std::slice::from_raw_parts(p, n as usize));
        ossl::CRYPTO_free(p.cast(), c"certdecode".as_ptr(), 0);
        b
    }
}
