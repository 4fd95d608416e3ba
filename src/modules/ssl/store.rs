//! What an `_SSLContext`'s certificate store holds:
//! `cert_store_stats()` and `get_ca_certs()`.
use super::certdecode;
use super::context::context;
use super::ossl;
use crate::modules::args::{self, builtin};
use crate::modules::objtype::meth_noargs;
use crate::object::{dict, int, list, protocol, str as pystr};
use crate::Owned;

const X509_LU_X509: libc::c_int = 1;
const X509_LU_CRL: libc::c_int = 2;

/// The certificates (and CRLs) of the store of `ctx`.
unsafe fn objects(ctx: *mut ossl::SSL_CTX) -> Vec<(libc::c_int, *mut ossl::X509_OBJECT)> {
    // SAFETY: ctx is live; the store's object list is read, not kept.
    unsafe {
        let store = ossl::SSL_CTX_get_cert_store(ctx);
        let objs = ossl::X509_STORE_get0_objects(store);
        (0..ossl::OPENSSL_sk_num(objs.cast()))
            .map(|i| {
                let o = ossl::OPENSSL_sk_value(objs.cast(), i) as *mut ossl::X509_OBJECT;
                (ossl::X509_OBJECT_get_type(o) as libc::c_int, o)
            })
            .collect()
    }
}

meth_noargs!(pub cert_store_stats, |slf| {
    let (mut x509, mut crl, mut ca) = (0, 0, 0);
    for (kind, o) in objects(context(slf).ctx) {
        match kind {
            X509_LU_X509 => {
                x509 += 1;
                if ossl::X509_check_ca(ossl::X509_OBJECT_get0_X509(o)) != 0 {
                    ca += 1;
                }
            }
            X509_LU_CRL => crl += 1,
            _ => {}
        }
    }
    let d = dict::new()?;
    for (k, v) in [("x509", x509), ("crl", crl), ("x509_ca", ca)] {
        dict::set_item(d.as_ptr(), pystr::intern(k), int::from_i64(v)?.as_ptr())?;
    }
    Ok(d)
});

builtin!(pub get_ca_certs, |slf, args, kws| {
    let [binary] = args::bind("get_ca_certs", args, &kws, ["binary_form"], 1, 0)?;
    let binary = match binary {
        Some(b) => protocol::is_true(b)?,
        None => false,
    };
    let mut out: Vec<Owned> = Vec::new();
    for (kind, o) in objects(context(slf).ctx) {
        if kind != X509_LU_X509 {
            continue;
        }
        let cert = ossl::X509_OBJECT_get0_X509(o);
        if ossl::X509_check_ca(cert) == 0 {
            continue;
        }
        out.push(if binary {
            certdecode::der(cert)?
        } else {
            certdecode::decode(cert)?
        });
    }
    list::from_vec(out)
});
