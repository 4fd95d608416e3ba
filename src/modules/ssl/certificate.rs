//! `_ssl.Certificate` (CPython's `PySSLCertificate`): one certificate of a
//! connection's chain, as `get_verified_chain()` and
//! `get_unverified_chain()` return them.
use super::certdecode::{self, MemOut};
use super::errors;
use super::ossl;
use super::sslsocket::ssl_of;
use crate::capi::boundary::{guard, guard_obj};
use crate::ffi::*;
use crate::modules::args::{self, builtin};
use crate::modules::objtype::{self, meth_noargs, State, Visit};
use crate::object::descr::{method, METHOD_END};
use crate::object::{bool as pybool, list, none, str as pystr};
use crate::runtime::errors::{self as rterr, PyResult};
use crate::Owned;
use libc::{c_int, c_void};

/// `ENCODING_PEM` and `ENCODING_DER`.
const ENCODING_PEM: c_int = 1;
const ENCODING_DER: c_int = 2;

/// The state of a `Certificate`: one reference to the X509.
pub struct Cert(*mut ossl::X509);

impl State for Cert {
    fn traverse(&self, _: Visit) -> c_int {
        0
    }
    fn clear(&mut self) {}
}

impl Drop for Cert {
    fn drop(&mut self) {
        // SAFETY: our reference.
        unsafe { ossl::X509_free(self.0) };
    }
}

unsafe fn cert(op: *mut PyObject) -> *mut ossl::X509 {
    // SAFETY: op is a Certificate.
    unsafe { objtype::state::<Cert>(op).0 }
}

/// A new `Certificate` taking a new reference to `x`.
unsafe fn new(x: *mut ossl::X509) -> PyResult<Owned> {
    // SAFETY: x is live; the state owns the reference taken here.
    unsafe {
        ossl::X509_up_ref(x);
        objtype::new_obj(&raw mut CERTIFICATE_TYPE, Cert(x))
    }
}

/// The certificates of a stack as a list of `Certificate`s, `first`
/// (when given) in front.
unsafe fn chain_list(first: *mut ossl::X509, sk: *mut ossl::stack_st_X509) -> PyResult<Owned> {
    // SAFETY: sk is a live stack of certificates.
    unsafe {
        let mut out = Vec::new();
        if !first.is_null() {
            out.push(new(first)?);
        }
        for i in 0..ossl::OPENSSL_sk_num(sk.cast()) {
            out.push(new(ossl::OPENSSL_sk_value(sk.cast(), i).cast())?);
        }
        list::from_vec(out)
    }
}

meth_noargs!(pub get_verified_chain, |slf| {
    let sk = ossl::SSL_get0_verified_chain(ssl_of(slf));
    if sk.is_null() {
        return Ok(none::owned());
    }
    chain_list(std::ptr::null_mut(), sk)
});

meth_noargs!(pub get_unverified_chain, |slf| {
    let ssl = ssl_of(slf);
    let sk = ossl::SSL_get_peer_cert_chain(ssl);
    if sk.is_null() {
        return Ok(none::owned());
    }
    // A server's view of the chain lacks the client's own certificate.
    let mut first = std::ptr::null_mut();
    if ossl::SSL_is_server(ssl) != 0 {
        first = ossl::SSL_get1_peer_certificate(ssl);
    }
    let r = chain_list(first, sk);
    if !first.is_null() {
        ossl::X509_free(first);
    }
    r
});

builtin!(cert_public_bytes, |slf, args, kws| {
    let [format] = args::bind("public_bytes", args, &kws, ["format"], 1, 0)?;
    let format = match format {
        Some(f) => args::clinic_int(f)?,
        None => ENCODING_PEM,
    };
    let x = cert(slf);
    match format {
        ENCODING_DER => certdecode::der(x),
        ENCODING_PEM => {
            let out = MemOut::new()?;
            if ossl::PEM_write_bio_X509(out.ptr(), x) != 1 {
                return Err(errors::from_queue());
            }
            pystr::from_utf8(&out.take())
        }
        _ => Err(rterr::value_error("Unsupported format")),
    }
});

meth_noargs!(cert_get_info, |slf| certdecode::decode(cert(slf)));

/// `<_ssl.Certificate 'subject'>`, the subject in RFC 2253 form, most
/// significant part first.
unsafe extern "C" fn cert_repr(slf: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: slf is a Certificate.
        unsafe {
            // OpenSSL's XN_FLAG_RFC2253: escaped UTF-8, comma-separated,
            // most significant component first.
            const XN_FLAG_RFC2253: libc::c_ulong = 0x1110317;
            let out = MemOut::new()?;
            let name = ossl::X509_get_subject_name(cert(slf));
            if ossl::X509_NAME_print_ex(out.ptr(), name, 0, XN_FLAG_RFC2253) < 0 {
                return Err(errors::from_queue());
            }
            let subject = String::from_utf8_lossy(&out.take()).into_owned();
            let tp_name = std::ffi::CStr::from_ptr((*(*slf).ob_type).tp_name).to_string_lossy();
            pystr::from_str(&format!("<{tp_name} '{subject}'>"))
        }
    })
}

/// `certificate_hash`: the subject name hash.
unsafe extern "C" fn cert_hash(slf: *mut PyObject) -> Py_hash_t {
    guard(|| {
        // SAFETY: slf is a Certificate.
        let h = unsafe { ossl::X509_subject_name_hash(cert(slf)) } as Py_hash_t;
        if h == -1 {
            -2
        } else {
            h
        }
    })
}

/// Certificates compare equal when OpenSSL's `X509_cmp` says so; other
/// comparisons are not supported.
unsafe extern "C" fn cert_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a Certificate; b valid.
        unsafe {
            if !crate::object::typeobj::instance_of(b, &raw mut CERTIFICATE_TYPE)
                || (op != Py_EQ && op != Py_NE)
            {
                return Ok(Owned::from_borrowed_static(none::not_implemented()));
            }
            let eq = ossl::X509_cmp(cert(a), cert(b)) == 0;
            Ok(Owned::from_borrowed_static(pybool::from_bool(
                eq == (op == Py_EQ),
            )))
        }
    })
}

static mut CERT_METHODS: [PyMethodDef; 3] = [
    method(
        c"public_bytes",
        cert_public_bytes as *const c_void,
        METH_FASTCALL | METH_KEYWORDS,
    ),
    method(c"get_info", cert_get_info as *const c_void, METH_NOARGS),
    METHOD_END,
];

/// `_ssl.Certificate`.
pub static mut CERTIFICATE_TYPE: PyTypeObject = PyTypeObject {
    tp_methods: (&raw mut CERT_METHODS).cast(),
    tp_repr: Some(cert_repr),
    tp_hash: Some(cert_hash),
    tp_richcompare: Some(cert_richcompare),
    ..objtype::gc_type::<Cert>(
        c"_ssl.Certificate",
        Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    )
};
