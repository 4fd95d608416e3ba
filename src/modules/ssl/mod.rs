//! The `_ssl` module (CPython's `Modules/_ssl.c`): TLS for the standard
//! library's `ssl` module, written over the system's OpenSSL 3 through
//! the `openssl-sys` declarations. This file holds the module functions
//! (random bytes, object identifiers, default paths, certificate
//! decoding for tests) and the constants; the types are in `context`,
//! `sslsocket`, `bio`, `session` and `certificate`.
/// Defines a getter of one of the module's types: `$state` (a function of
/// `slf`) gives what the body sees as `$x`.
macro_rules! state_getter {
    ($name:ident, $state:expr, |$x:ident| $body:expr) => {
        unsafe extern "C" fn $name(slf: *mut PyObject, _: *mut c_void) -> *mut PyObject {
            crate::capi::boundary::guard_obj(|| {
                // SAFETY: a getter of the type `$state` reads: slf is one
                // of its instances.
                #[allow(unused_unsafe)]
                unsafe {
                    let $x = $state(slf);
                    $body
                }
            })
        }
    };
}

/// Defines a setter of one of the module's types, seeing `$state(slf)` as
/// `$x` and the value as `$v`; deleting the attribute is refused.
macro_rules! state_setter {
    ($name:ident, $state:expr, |$x:ident, $v:ident| $body:expr) => {
        unsafe extern "C" fn $name(slf: *mut PyObject, $v: *mut PyObject, _: *mut c_void) -> c_int {
            crate::capi::boundary::guard_status(|| {
                if $v.is_null() {
                    return Err(crate::runtime::errors::type_error(
                        "cannot delete attribute",
                    ));
                }
                // SAFETY: a setter of the type `$state` reads: slf is one
                // of its instances; v is a live object.
                #[allow(unused_unsafe)]
                unsafe {
                    let $x = $state(slf);
                    $body
                }
            })
        }
    };
}

mod bio;
mod callbacks;
mod certdecode;
mod certificate;
mod ciphers;
mod consts;
mod context;
mod errcodes;
mod errors;
/// cbindgen:ignore
mod ffi;
mod ossl;
mod session;
mod sslsocket;
mod store;

use crate::ffi::*;
use crate::modules::args::{self, builtin};
use crate::object::buffer::Guard;
use crate::object::descr::{method, METHOD_END};
use crate::object::{bool as pybool, bytes, dict, float, int, module, none, str as pystr, tuple};
use crate::runtime::errors::{self as rterr, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::ffi::{CStr, CString};

/// Drops the exception classes (interpreter finalization).
pub fn finalize() {
    errors::finalize();
}

builtin!(ssl_rand_bytes, |args, kws| {
    args::no_kwargs("RAND_bytes", &kws)?;
    args::arity("RAND_bytes", args, 1, 1)?;
    let n = args::clinic_int(args[0])?;
    if n < 0 {
        return Err(rterr::value_error("num must be positive"));
    }
    let mut buf = vec![0u8; n as usize];
    if ossl::RAND_bytes(buf.as_mut_ptr(), n) != 1 {
        return Err(errors::from_queue());
    }
    bytes::from_slice(&buf)
});

builtin!(ssl_rand_status, |args, kws| {
    args::no_kwargs("RAND_status", &kws)?;
    args::arity("RAND_status", args, 0, 0)?;
    Ok(Owned::from_borrowed_static(pybool::from_bool(
        ossl::RAND_status() == 1,
    )))
});

builtin!(ssl_rand_add, |args, kws| {
    args::no_kwargs("RAND_add", &kws)?;
    args::arity("RAND_add", args, 2, 2)?;
    let data = if pystr::check(args[0]) {
        pystr::as_str(args[0])?.as_bytes().to_vec()
    } else {
        Guard::new(args[0], PyBUF_SIMPLE)?.as_slice().to_vec()
    };
    let entropy = float::as_f64(args[1])?;
    // OpenSSL takes at most INT_MAX bytes at a time.
    for chunk in data.chunks(c_int::MAX as usize) {
        ossl::RAND_add(chunk.as_ptr().cast(), chunk.len() as c_int, entropy);
    }
    Ok(none::owned())
});

builtin!(ssl_get_default_verify_paths, |args, kws| {
    args::no_kwargs("get_default_verify_paths", &kws)?;
    args::arity("get_default_verify_paths", args, 0, 0)?;
    tuple::from_vec(vec![
        ciphers::opt_str(ossl::X509_get_default_cert_file_env())?,
        ciphers::opt_str(ossl::X509_get_default_cert_file())?,
        ciphers::opt_str(ossl::X509_get_default_cert_dir_env())?,
        ciphers::opt_str(ossl::X509_get_default_cert_dir())?,
    ])
});

/// `asn1obj2py`: `(nid, short name, long name, dotted OID)`.
unsafe fn obj_tuple(obj: *const ossl::ASN1_OBJECT) -> PyResult<Owned> {
    // SAFETY: obj is a live object.
    unsafe {
        let nid = ossl::OBJ_obj2nid(obj);
        if nid == ossl::NID_undef {
            return Err(rterr::value_error("Unknown object"));
        }
        let oid = certdecode::obj_text(obj, true)?;
        tuple::from_vec(vec![
            int::from_i64(nid as i64)?,
            ciphers::opt_str(ossl::OBJ_nid2sn(nid))?,
            ciphers::opt_str(ossl::OBJ_nid2ln(nid))?,
            match oid {
                Some(s) => pystr::from_str(&s)?,
                None => none::owned(),
            },
        ])
    }
}

builtin!(ssl_txt2obj, |args, kws| {
    let [txt, name] = args::bind("txt2obj", args, &kws, ["txt", "name"], 2, 1)?;
    let txt = txt.unwrap();
    if !pystr::check(txt) {
        return Err(rterr::type_error(format!(
            "txt2obj() argument 'txt' must be str, not {}",
            crate::object::typeobj::type_name(txt)
        )));
    }
    let text = pystr::as_str(txt)?;
    let c = CString::new(text).map_err(|_| rterr::value_error("embedded null character"))?;
    let by_name = match name {
        Some(n) => crate::object::protocol::is_true(n)?,
        None => false,
    };
    let obj = ossl::OBJ_txt2obj(c.as_ptr(), !by_name as c_int);
    if obj.is_null() {
        return Err(rterr::value_error(format!("unknown object '{text:.100}'")));
    }
    let r = obj_tuple(obj);
    ossl::ASN1_OBJECT_free(obj);
    r
});

builtin!(ssl_nid2obj, |args, kws| {
    args::no_kwargs("nid2obj", &kws)?;
    args::arity("nid2obj", args, 1, 1)?;
    let nid = args::clinic_int(args[0])?;
    if nid < ossl::NID_undef {
        return Err(rterr::value_error("NID must be positive."));
    }
    let obj = ossl::OBJ_nid2obj(nid);
    if obj.is_null() {
        return Err(rterr::value_error(format!("unknown NID {nid}")));
    }
    obj_tuple(obj)
});

builtin!(ssl_test_decode_cert, |args, kws| {
    args::no_kwargs("_test_decode_cert", &kws)?;
    args::arity("_test_decode_cert", args, 1, 1)?;
    let path = crate::modules::posix::path::path("_test_decode_cert", "path", args[0])?;
    let bio = ossl::BIO_new_file(path.c.as_ptr(), c"r".as_ptr());
    if bio.is_null() {
        ossl::ERR_clear_error();
        return Err(errors::plain("Can't open file"));
    }
    let x = ossl::PEM_read_bio_X509(bio, std::ptr::null_mut(), None, std::ptr::null_mut());
    ossl::BIO_free(bio);
    if x.is_null() {
        ossl::ERR_clear_error();
        return Err(errors::plain("Error decoding PEM-encoded file"));
    }
    let r = certdecode::decode(x);
    ossl::X509_free(x);
    r
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 8] = [
    method(c"RAND_bytes", ssl_rand_bytes as *const c_void, FK),
    method(c"RAND_status", ssl_rand_status as *const c_void, FK),
    method(c"RAND_add", ssl_rand_add as *const c_void, FK),
    method(
        c"get_default_verify_paths",
        ssl_get_default_verify_paths as *const c_void,
        FK,
    ),
    method(c"txt2obj", ssl_txt2obj as *const c_void, FK),
    method(c"nid2obj", ssl_nid2obj as *const c_void, FK),
    method(
        c"_test_decode_cert",
        ssl_test_decode_cert as *const c_void,
        FK,
    ),
    METHOD_END,
];

/// A version number as `(major, minor, fix, patch, status)`
/// (`parse_openssl_version`).
fn version_tuple(v: u64) -> PyResult<Owned> {
    let status = v & 0xf;
    let patch = (v >> 4) & 0xff;
    let fix = (v >> 12) & 0xff;
    let minor = (v >> 20) & 0xff;
    let major = v >> 28;
    tuple::from_vec(
        [major, minor, fix, patch, status]
            .into_iter()
            .map(|x| int::from_i64(x as i64))
            .collect::<PyResult<Vec<_>>>()?,
    )
}

/// `PyInit__ssl`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the tables and types are static; the module is new.
        unsafe {
            ossl::load()
                .map_err(|e| rterr::set_string(crate::object::exceptions::PyExc_ImportError, &e))?;
            errors::create_classes()?;
            let m = crate::modules::objtype::new_module(
                "_ssl",
                (&raw mut METHODS).cast(),
                &[
                    &raw mut context::CONTEXT_TYPE,
                    &raw mut sslsocket::SSLSOCKET_TYPE,
                    &raw mut bio::MEMORY_BIO_TYPE,
                    &raw mut session::SESSION_TYPE,
                    &raw mut certificate::CERTIFICATE_TYPE,
                ],
            )?;
            let d = module::dict_of(m.as_ptr());
            let set = |k: &str, v: &Owned| dict::set_item(d, pystr::intern(k), v.as_ptr());
            for (i, name) in errors::NAMES.iter().enumerate() {
                let short = &name.to_str().unwrap_or("")["ssl.".len()..];
                set(short, &Owned::from_borrowed(errors::class_at(i)))?;
            }
            for &(k, v) in consts::INTS.iter() {
                set(k, &int::from_i64(v)?)?;
            }
            for &(k, v) in consts::FLAGS.iter() {
                set(k, &Owned::from_borrowed_static(pybool::from_bool(v)))?;
            }
            let num = ossl::OpenSSL_version_num() as u64;
            set("OPENSSL_VERSION_NUMBER", &int::from_u64(num)?)?;
            set("OPENSSL_VERSION_INFO", &version_tuple(num)?)?;
            set("_OPENSSL_API_VERSION", &version_tuple(num)?)?;
            let text = CStr::from_ptr(ossl::OpenSSL_version(ossl::OPENSSL_VERSION));
            set(
                "OPENSSL_VERSION",
                &pystr::from_str(&text.to_string_lossy())?,
            )?;
            set(
                "_DEFAULT_CIPHERS",
                &pystr::from_str(context::DEFAULT_CIPHERS)?,
            )?;
            Ok(m)
        }
    })
}
