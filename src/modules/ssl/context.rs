//! `_ssl._SSLContext` (CPython's `PySSLContext`): an OpenSSL `SSL_CTX`
//! with the protocol, options, verification settings, certificates,
//! ciphers and ALPN protocols that the connections made from it share.
//! `ssl.SSLContext` subclasses it.
use super::ciphers;
use super::errors;
use super::ffi;
use super::ossl;
use super::sslsocket;
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::args::{self, builtin};
use crate::modules::objtype::{self, meth_noargs, meth_o};
use crate::object::buffer::Guard;
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::exceptions as exc;
use crate::object::{bool as pybool, bytes, dict, int, list, none, protocol, str as pystr};
use crate::runtime::errors::{self as rterr, PyResult, Raised};
use crate::Owned;
use libc::{c_char, c_int, c_uint, c_void};
use std::ffi::CString;
use std::ptr::null_mut;

/// The module's `PROTOCOL_*` numbers.
pub const PROTOCOL_TLS: c_int = 2;
pub const PROTOCOL_TLSV1: c_int = 3;
pub const PROTOCOL_TLSV1_1: c_int = 4;
pub const PROTOCOL_TLSV1_2: c_int = 5;
pub const PROTOCOL_TLS_CLIENT: c_int = 16;
pub const PROTOCOL_TLS_SERVER: c_int = 17;

/// The default cipher list (`PY_SSL_DEFAULT_CIPHER_STRING`).
pub const DEFAULT_CIPHERS: &str =
    "@SECLEVEL=2:ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:!eNULL:!aDSS:!SHA1:!AESCCM";

/// `PROTO_MINIMUM_SUPPORTED` and `PROTO_MAXIMUM_SUPPORTED`.
const PROTO_MINIMUM_SUPPORTED: c_int = -2;
const PROTO_MAXIMUM_SUPPORTED: c_int = -1;

/// `CERT_NONE`, `CERT_OPTIONAL`, `CERT_REQUIRED`.
const CERT_NONE: c_int = 0;
const CERT_OPTIONAL: c_int = 1;
const CERT_REQUIRED: c_int = 2;

/// The state of an `_SSLContext`.
pub struct Context {
    pub ctx: *mut ossl::SSL_CTX,
    pub protocol: c_int,
    pub check_hostname: bool,
    pub post_handshake_auth: bool,
    hostflags: c_uint,
    /// The ALPN protocols in wire format (length-prefixed names).
    alpn: Vec<u8>,
    pub sni_callback: Option<Owned>,
    pub msg_callback: Option<Owned>,
    pub psk_client_callback: Option<Owned>,
    pub psk_server_callback: Option<Owned>,
    keylog_filename: Option<Owned>,
    /// The open key log file (`keylog_filename`), shared by the
    /// connections' key log callbacks.
    pub keylog: Option<std::sync::Mutex<std::fs::File>>,
}

crate::modules::objtype::state_refs!(
    Context,
    sni_callback,
    msg_callback,
    psk_client_callback,
    psk_server_callback,
    keylog_filename
);

impl Drop for Context {
    fn drop(&mut self) {
        if !self.ctx.is_null() {
            // SAFETY: our reference to the SSL_CTX.
            unsafe { ossl::SSL_CTX_free(self.ctx) };
        }
    }
}

/// The state of `op`, an `_SSLContext`.
///
/// # Safety
/// `op` is an `_SSLContext` (or a subclass's instance).
pub unsafe fn context<'a>(op: *mut PyObject) -> &'a mut Context {
    // SAFETY: per the contract.
    unsafe { objtype::state::<Context>(op) }
}

/// Whether `op` is an `_SSLContext`.
pub unsafe fn is_context(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { crate::object::typeobj::instance_of(op, &raw mut CONTEXT_TYPE) }
}

/// Emits `DeprecationWarning(msg)` as CPython's `_ssl` does (stack level 2).
pub fn deprecated(msg: &str) -> PyResult<()> {
    crate::modules::_warnings::deprecation(msg, 2)
}

/// `_ssl__SSLContext_impl`: a context for `protocol`.
unsafe extern "C" fn context_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict; tp this type.
        unsafe {
            objtype::no_keywords("_SSLContext", kwargs)?;
            let [p] = objtype::parse("_SSLContext", args, null_mut(), ["protocol"], 1, 1)?;
            let protocol = args::clinic_int(p)?;
            let method = match protocol {
                PROTOCOL_TLS => {
                    deprecated("ssl.PROTOCOL_TLS is deprecated")?;
                    ossl::TLS_method()
                }
                PROTOCOL_TLSV1 => {
                    deprecated("ssl.PROTOCOL_TLSv1 is deprecated")?;
                    ossl::TLSv1_method()
                }
                PROTOCOL_TLSV1_1 => {
                    deprecated("ssl.PROTOCOL_TLSv1_1 is deprecated")?;
                    ossl::TLSv1_1_method()
                }
                PROTOCOL_TLSV1_2 => {
                    deprecated("ssl.PROTOCOL_TLSv1_2 is deprecated")?;
                    ossl::TLSv1_2_method()
                }
                PROTOCOL_TLS_CLIENT => ossl::TLS_client_method(),
                PROTOCOL_TLS_SERVER => ossl::TLS_server_method(),
                _ => {
                    return Err(rterr::value_error(format!(
                        "invalid or unsupported protocol version {protocol}"
                    )))
                }
            };
            let ctx = ossl::SSL_CTX_new(method);
            if ctx.is_null() {
                return Err(errors::from_queue());
            }
            let obj = objtype::new_obj(
                tp,
                Context {
                    ctx,
                    protocol,
                    check_hostname: false,
                    post_handshake_auth: false,
                    hostflags: ossl::X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS,
                    alpn: Vec::new(),
                    sni_callback: None,
                    msg_callback: None,
                    psk_client_callback: None,
                    psk_server_callback: None,
                    keylog_filename: None,
                    keylog: None,
                },
            )?;
            let c = context(obj.as_ptr());
            if protocol == PROTOCOL_TLS_CLIENT {
                c.check_hostname = true;
                set_verify_mode(c, CERT_REQUIRED)?;
            } else {
                set_verify_mode(c, CERT_NONE)?;
            }
            let mut options = ossl::SSL_OP_ALL & !ossl::SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS;
            options |= ossl::SSL_OP_NO_SSLv2 | ossl::SSL_OP_NO_SSLv3 | ossl::SSL_OP_NO_COMPRESSION;
            options |= ossl::SSL_OP_CIPHER_SERVER_PREFERENCE
                | ossl::SSL_OP_SINGLE_DH_USE
                | ossl::SSL_OP_SINGLE_ECDH_USE;
            ossl::SSL_CTX_set_options(ctx, options);
            let list = CString::new(DEFAULT_CIPHERS).unwrap_or_default();
            if ossl::SSL_CTX_set_cipher_list(ctx, list.as_ptr()) == 0 {
                ossl::ERR_clear_error();
                return Err(errors::plain("No cipher can be selected."));
            }
            if matches!(
                protocol,
                PROTOCOL_TLS | PROTOCOL_TLS_CLIENT | PROTOCOL_TLS_SERVER
            ) && ffi::ssl_ctx_set_proto_version(ctx, false, ossl::TLS1_2_VERSION) == 0
            {
                return Err(errors::from_queue());
            }
            // Buffers are released when idle.
            ffi::ssl_ctx_set_mode(ctx, ossl::SSL_MODE_RELEASE_BUFFERS);
            // Servers name their session cache; a client's sessions (TLS 1.3
            // pre-shared keys among them) carry no context.
            if protocol != PROTOCOL_TLS_CLIENT {
                ossl::SSL_CTX_set_session_id_context(ctx, c"Python".as_ptr().cast(), 7);
            }
            let param = ossl::SSL_CTX_get0_param(ctx);
            ossl::X509_VERIFY_PARAM_set_flags(param, ossl::X509_V_FLAG_TRUSTED_FIRST);
            ossl::X509_VERIFY_PARAM_set_hostflags(param, c.hostflags);
            ossl::SSL_CTX_set_post_handshake_auth(ctx, 0);
            Ok(obj)
        }
    })
}

/// `_set_verify_mode`.
fn set_verify_mode(c: &mut Context, mode: c_int) -> PyResult<()> {
    let m = match mode {
        CERT_NONE => ossl::SSL_VERIFY_NONE,
        CERT_OPTIONAL => ossl::SSL_VERIFY_PEER,
        CERT_REQUIRED => ossl::SSL_VERIFY_PEER | ossl::SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
        _ => return Err(rterr::value_error("invalid value for verify_mode")),
    };
    // SAFETY: ctx is live; the verify callback is kept as it was.
    unsafe {
        let cb = ossl::SSL_CTX_get_verify_callback(c.ctx);
        ossl::SSL_CTX_set_verify(c.ctx, m, cb);
    }
    Ok(())
}

/// A getter of `_SSLContext`, seeing its state.
macro_rules! getter {
    ($name:ident, |$c:ident| $body:expr) => {
        state_getter!($name, context, |$c| $body);
    };
}

/// A setter of `_SSLContext`, seeing its state and the value.
macro_rules! setter {
    ($name:ident, |$c:ident, $v:ident| $body:expr) => {
        state_setter!($name, context, |$c, $v| $body);
    };
}

fn py_bool(b: bool) -> PyResult<Owned> {
    Ok(Owned::from_borrowed_static(pybool::from_bool(b)))
}

getter!(ctx_get_protocol, |c| int::from_i64(c.protocol as i64));

getter!(ctx_get_check_hostname, |c| py_bool(c.check_hostname));
setter!(ctx_set_check_hostname, |c, v| {
    let on = protocol::is_true(v)?;
    if on && ossl::SSL_CTX_get_verify_mode(c.ctx) == ossl::SSL_VERIFY_NONE {
        set_verify_mode(c, CERT_REQUIRED)?;
    }
    c.check_hostname = on;
    Ok(())
});

getter!(ctx_get_verify_mode, |c| {
    let m = ossl::SSL_CTX_get_verify_mode(c.ctx)
        & (ossl::SSL_VERIFY_PEER | ossl::SSL_VERIFY_FAIL_IF_NO_PEER_CERT);
    let v = if m == ossl::SSL_VERIFY_NONE {
        CERT_NONE
    } else if m == ossl::SSL_VERIFY_PEER {
        CERT_OPTIONAL
    } else if m == ossl::SSL_VERIFY_PEER | ossl::SSL_VERIFY_FAIL_IF_NO_PEER_CERT {
        CERT_REQUIRED
    } else {
        return Err(errors::plain(
            "invalid return value from SSL_CTX_get_verify_mode",
        ));
    };
    int::from_i64(v as i64)
});
setter!(ctx_set_verify_mode, |c, v| {
    let mode = args::format_i(v)?;
    if mode == CERT_NONE && c.check_hostname {
        return Err(rterr::value_error(
            "Cannot set verify_mode to CERT_NONE when check_hostname is enabled.",
        ));
    }
    set_verify_mode(c, mode)
});

/// An unsigned 64-bit value of an int argument (`options`, flags).
unsafe fn unsigned(v: *mut PyObject) -> PyResult<u64> {
    // SAFETY: v valid.
    unsafe {
        let i = crate::object::number::index(v)?;
        match int::as_i128(i.as_ptr()) {
            Some(x) if x < 0 => Err(rterr::overflow_error(
                "can't convert negative int to unsigned",
            )),
            Some(x) if x <= u64::MAX as i128 => Ok(x as u64),
            _ => Err(rterr::overflow_error(
                "Python int too large to convert to C unsigned long",
            )),
        }
    }
}

getter!(ctx_get_options, |c| int::from_u64(
    ossl::SSL_CTX_get_options(c.ctx)
));
setter!(ctx_set_options, |c, v| {
    let new = unsigned(v)?;
    let old = ossl::SSL_CTX_get_options(c.ctx);
    let no_versions = ossl::SSL_OP_NO_SSLv2
        | ossl::SSL_OP_NO_SSLv3
        | ossl::SSL_OP_NO_TLSv1
        | ossl::SSL_OP_NO_TLSv1_1
        | ossl::SSL_OP_NO_TLSv1_2
        | ossl::SSL_OP_NO_TLSv1_3;
    if new & !old & no_versions != 0 {
        deprecated("ssl.OP_NO_SSL*/ssl.OP_NO_TLS* options are deprecated")?;
    }
    let clear = old & !new;
    let set = !old & new;
    if clear != 0 {
        ossl::SSL_CTX_clear_options(c.ctx, clear);
    }
    if set != 0 {
        ossl::SSL_CTX_set_options(c.ctx, set);
    }
    Ok(())
});

getter!(ctx_get_verify_flags, |c| {
    let param = ossl::SSL_CTX_get0_param(c.ctx);
    int::from_u64(ossl::X509_VERIFY_PARAM_get_flags(param) as u64)
});
setter!(ctx_set_verify_flags, |c, v| {
    let new = unsigned(v)? as libc::c_ulong;
    let param = ossl::SSL_CTX_get0_param(c.ctx);
    let old = ossl::X509_VERIFY_PARAM_get_flags(param);
    let clear = old & !new;
    let set = !old & new;
    if clear != 0 && ossl::X509_VERIFY_PARAM_clear_flags(param, clear) == 0 {
        return Err(errors::from_queue());
    }
    if set != 0 && ossl::X509_VERIFY_PARAM_set_flags(param, set) == 0 {
        return Err(errors::from_queue());
    }
    Ok(())
});

/// `set_min_max_proto_version`.
unsafe fn set_version(c: &mut Context, v: *mut PyObject, max: bool) -> PyResult<()> {
    // SAFETY: v valid; ctx live.
    unsafe {
        let mut version = args::format_i(v)?;
        if !matches!(
            c.protocol,
            PROTOCOL_TLS | PROTOCOL_TLS_CLIENT | PROTOCOL_TLS_SERVER
        ) {
            return Err(rterr::value_error(
                "The context's protocol doesn't support modification of highest and lowest version.",
            ));
        }
        version = match (version, max) {
            (PROTO_MINIMUM_SUPPORTED, false) | (PROTO_MAXIMUM_SUPPORTED, true) => 0,
            (PROTO_MAXIMUM_SUPPORTED, false) => ossl::TLS1_3_VERSION,
            (PROTO_MINIMUM_SUPPORTED, true) => ossl::TLS1_VERSION,
            (0x300..=0x304, _) => version,
            _ => {
                return Err(rterr::value_error(format!(
                    "Unsupported TLS/SSL version 0x{version:x}"
                )))
            }
        };
        if ffi::ssl_ctx_set_proto_version(c.ctx, max, version) == 0 {
            return Err(rterr::value_error(format!(
                "Unsupported protocol version 0x{version:x}"
            )));
        }
        Ok(())
    }
}

getter!(ctx_get_minimum_version, |c| {
    let v = ffi::ssl_ctx_get_proto_version(c.ctx, false);
    int::from_i64(if v == 0 { PROTO_MINIMUM_SUPPORTED } else { v } as i64)
});
setter!(ctx_set_minimum_version, |c, v| set_version(c, v, false));
getter!(ctx_get_maximum_version, |c| {
    let v = ffi::ssl_ctx_get_proto_version(c.ctx, true);
    int::from_i64(if v == 0 { PROTO_MAXIMUM_SUPPORTED } else { v } as i64)
});
setter!(ctx_set_maximum_version, |c, v| set_version(c, v, true));

getter!(ctx_get_security_level, |c| int::from_i64(
    ossl::SSL_CTX_get_security_level(c.ctx) as i64
));

getter!(ctx_get_num_tickets, |c| int::from_i64(
    ossl::SSL_CTX_get_num_tickets(c.ctx) as i64
));
setter!(ctx_set_num_tickets, |c, v| {
    let n = int::as_i64(crate::object::number::index(v)?.as_ptr())?;
    if n < 0 {
        return Err(rterr::value_error("value must be non-negative"));
    }
    if c.protocol != PROTOCOL_TLS_SERVER {
        return Err(rterr::value_error("SSLContext is not a server context."));
    }
    if ossl::SSL_CTX_set_num_tickets(c.ctx, n as usize) != 1 {
        return Err(rterr::value_error("failed to set num tickets."));
    }
    Ok(())
});

getter!(ctx_get_post_handshake_auth, |c| py_bool(
    c.post_handshake_auth
));
setter!(ctx_set_post_handshake_auth, |c, v| {
    c.post_handshake_auth = protocol::is_true(v)?;
    Ok(())
});

getter!(ctx_get_host_flags, |c| int::from_i64(c.hostflags as i64));
setter!(ctx_set_host_flags, |c, v| {
    let flags = unsigned(v)? as c_uint;
    let param = ossl::SSL_CTX_get0_param(c.ctx);
    c.hostflags = flags;
    ossl::X509_VERIFY_PARAM_set_hostflags(param, flags);
    Ok(())
});

getter!(ctx_get_sni_callback, |c| Ok(c
    .sni_callback
    .clone()
    .unwrap_or_else(none::owned)));
setter!(ctx_set_sni_callback, |c, v| {
    if c.protocol == PROTOCOL_TLS_CLIENT {
        return Err(rterr::value_error(
            "sni_callback cannot be set on TLS_CLIENT context",
        ));
    }
    if v == none::none() {
        c.sni_callback = None;
        ffi::ssl_ctx_set_servername_callback(c.ctx, None);
        return Ok(());
    }
    if crate::capi::call::PyCallable_Check(v) == 0 {
        ffi::ssl_ctx_set_servername_callback(c.ctx, None);
        return Err(rterr::type_error("not a callable object"));
    }
    c.sni_callback = Some(Owned::from_borrowed(v));
    ffi::ssl_ctx_set_servername_callback(c.ctx, Some(super::callbacks::servername));
    Ok(())
});

getter!(ctx_get_msg_callback, |c| Ok(c
    .msg_callback
    .clone()
    .unwrap_or_else(none::owned)));
setter!(ctx_set_msg_callback, |c, v| {
    if v == none::none() {
        c.msg_callback = None;
        ossl::SSL_CTX_set_msg_callback(c.ctx, None);
        return Ok(());
    }
    if crate::capi::call::PyCallable_Check(v) == 0 {
        ossl::SSL_CTX_set_msg_callback(c.ctx, None);
        return Err(rterr::type_error("not a callable object"));
    }
    c.msg_callback = Some(Owned::from_borrowed(v));
    ossl::SSL_CTX_set_msg_callback(c.ctx, Some(super::callbacks::message));
    Ok(())
});

getter!(ctx_get_keylog_filename, |c| Ok(c
    .keylog_filename
    .clone()
    .unwrap_or_else(none::owned)));
setter!(ctx_set_keylog_filename, |c, v| {
    ossl::SSL_CTX_set_keylog_callback(c.ctx, None);
    c.keylog = None;
    c.keylog_filename = None;
    if v == none::none() {
        return Ok(());
    }
    let path = crate::modules::posix::path::path("", "", v)?;
    let mode = pystr::from_str("a")?;
    crate::runtime::audit::audit(
        c"open",
        &[path.obj.as_ptr(), mode.as_ptr(), int::from_i64(0)?.as_ptr()],
    )?;
    let fd = libc::open(
        path.c.as_ptr(),
        libc::O_WRONLY | libc::O_APPEND | libc::O_CREAT | libc::O_CLOEXEC,
        0o666,
    );
    if fd < 0 {
        return Err(path.error());
    }
    // SAFETY: fd was just opened and is owned by the File.
    let mut file = <std::fs::File as std::os::fd::FromRawFd>::from_raw_fd(fd);
    if file.metadata().map(|m| m.len()).unwrap_or(0) == 0 {
        use std::io::Write;
        let _ = file.write_all(b"# TLS secrets log file, generated by OpenSSL / Python\n");
    }
    c.keylog = Some(std::sync::Mutex::new(file));
    c.keylog_filename = Some(Owned::from_borrowed(v));
    ossl::SSL_CTX_set_keylog_callback(c.ctx, Some(super::callbacks::keylog));
    Ok(())
});

/// A path argument as a C string; `TypeError(msg)` when it is not one.
unsafe fn path_arg(o: *mut PyObject, msg: &str) -> PyResult<CString> {
    // SAFETY: o valid.
    match unsafe { crate::modules::posix::path::path("", "", o) } {
        Ok(p) => Ok(p.c),
        Err(r) => {
            // SAFETY: PyExc_TypeError is set before any code runs.
            if unsafe { rterr::matches(exc::PyExc_TypeError) } {
                rterr::clear();
                return Err(rterr::type_error(msg));
            }
            Err(r)
        }
    }
}

/// What the password callback of `load_cert_chain` uses: a callable or
/// the password's bytes, and whether it raised.
struct Password {
    callable: Option<*mut PyObject>,
    data: Vec<u8>,
    failed: bool,
}

/// The bytes of a str, bytes or bytearray password; `TypeError(msg)`
/// otherwise.
unsafe fn password_bytes(o: *mut PyObject, msg: &str) -> PyResult<Vec<u8>> {
    // SAFETY: o valid.
    unsafe {
        let v = if pystr::check(o) {
            pystr::as_str(o)?.as_bytes().to_vec()
        } else if bytes::check(o) {
            bytes::as_slice(o).to_vec()
        } else if crate::object::typeobj::instance_of(
            o,
            &raw mut crate::object::bytearray::PyByteArray_Type,
        ) {
            Guard::new(o, PyBUF_SIMPLE)?.as_slice().to_vec()
        } else {
            return Err(rterr::type_error(msg));
        };
        if v.len() > c_int::MAX as usize {
            return Err(rterr::value_error(format!(
                "password cannot be longer than {} bytes",
                c_int::MAX
            )));
        }
        Ok(v)
    }
}

/// `_password_callback`: copies the password (calling the callable
/// first) into OpenSSL's buffer; -1 with the exception kept on failure.
unsafe extern "C" fn password_callback(
    buf: *mut c_char,
    size: c_int,
    _rwflag: c_int,
    userdata: *mut c_void,
) -> c_int {
    // SAFETY: userdata is the Password of the running load_cert_chain,
    // called with the GIL held; buf has size bytes.
    unsafe {
        let pw = &mut *userdata.cast::<Password>();
        // OpenSSL may ask again after a failure: the first error stands.
        if pw.failed {
            return -1;
        }
        if let Some(f) = pw.callable {
            match protocol::call_args(f, &[])
                .and_then(|r| password_bytes(r.as_ptr(), "password callback must return a string"))
            {
                Ok(v) => pw.data = v,
                Err(_) => {
                    pw.failed = true;
                    return -1;
                }
            }
        }
        if pw.data.len() > size as usize {
            let _ = rterr::value_error(format!("password cannot be longer than {size} bytes"));
            pw.failed = true;
            return -1;
        }
        std::ptr::copy_nonoverlapping(pw.data.as_ptr(), buf.cast(), pw.data.len());
        pw.data.len() as c_int
    }
}

/// The error of a failed file load: the callback's exception, the
/// `OSError` of `errno`, or OpenSSL's error.
fn load_error(pw: &Password) -> Raised {
    if pw.failed {
        return Raised::assume();
    }
    let e = rterr::last_errno();
    if e != 0 {
        return errors::os_error(e);
    }
    errors::from_queue()
}

builtin!(ctx_load_cert_chain, |slf, args, kws| {
    let [certfile, keyfile, password] = args::bind(
        "load_cert_chain",
        args,
        &kws,
        ["certfile", "keyfile", "password"],
        3,
        1,
    )?;
    let c = context(slf);
    let certfile = path_arg(
        certfile.unwrap(),
        "certfile should be a valid filesystem path",
    )?;
    let keyfile = match keyfile {
        Some(k) if k != none::none() => {
            Some(path_arg(k, "keyfile should be a valid filesystem path")?)
        }
        _ => None,
    };
    let mut pw = Password {
        callable: None,
        data: Vec::new(),
        failed: false,
    };
    if let Some(p) = password.filter(|&p| p != none::none()) {
        if crate::capi::call::PyCallable_Check(p) != 0 {
            pw.callable = Some(p);
        } else {
            pw.data = password_bytes(p, "password should be a string or callable")?;
        }
    }
    let orig_cb = ossl::SSL_CTX_get_default_passwd_cb(c.ctx);
    let orig_data = ossl::SSL_CTX_get_default_passwd_cb_userdata(c.ctx);
    ossl::SSL_CTX_set_default_passwd_cb(c.ctx, Some(password_callback));
    ossl::SSL_CTX_set_default_passwd_cb_userdata(c.ctx, (&raw mut pw).cast());
    let result = (|| {
        *libc::__errno_location() = 0;
        if ossl::SSL_CTX_use_certificate_chain_file(c.ctx, certfile.as_ptr()) != 1 {
            return Err(load_error(&pw));
        }
        let key = keyfile.as_ref().unwrap_or(&certfile);
        *libc::__errno_location() = 0;
        if ossl::SSL_CTX_use_PrivateKey_file(c.ctx, key.as_ptr(), ossl::SSL_FILETYPE_PEM) != 1 {
            return Err(load_error(&pw));
        }
        if ossl::SSL_CTX_check_private_key(c.ctx) != 1 {
            return Err(errors::from_queue());
        }
        Ok(())
    })();
    ossl::SSL_CTX_set_default_passwd_cb(c.ctx, orig_cb);
    ossl::SSL_CTX_set_default_passwd_cb_userdata(c.ctx, orig_data);
    result?;
    Ok(none::owned())
});

/// `_add_ca_certs`: adds the certificates in `data` (PEM or DER) to the
/// context's store.
unsafe fn add_ca_certs(c: &Context, data: &[u8], pem: bool) -> PyResult<()> {
    // SAFETY: ctx live; the BIO reads data, which outlives it.
    unsafe {
        let bio = ossl::BIO_new_mem_buf(data.as_ptr().cast(), data.len() as _);
        if bio.is_null() {
            return Err(errors::from_queue());
        }
        let store = ossl::SSL_CTX_get_cert_store(c.ctx);
        let mut loaded = 0;
        loop {
            let cert = if pem {
                ossl::PEM_read_bio_X509(
                    bio,
                    null_mut(),
                    ossl::SSL_CTX_get_default_passwd_cb(c.ctx),
                    ossl::SSL_CTX_get_default_passwd_cb_userdata(c.ctx),
                )
            } else if ffi::bio_eof(bio) {
                // All the DER data is read: anything left over was not
                // a certificate, and is an error below.
                break;
            } else {
                ossl::d2i_X509_bio(bio, null_mut())
            };
            if cert.is_null() {
                break;
            }
            let r = ossl::X509_STORE_add_cert(store, cert);
            ossl::X509_free(cert);
            if r == 0 {
                let e = ossl::ERR_peek_last_error();
                if ossl::ERR_GET_LIB(e) == ffi::ERR_LIB_X509
                    && ossl::ERR_GET_REASON(e) == ffi::X509_R_CERT_ALREADY_IN_HASH_TABLE
                {
                    // A duplicate certificate is not an error.
                    ossl::ERR_clear_error();
                } else {
                    break;
                }
            }
            loaded += 1;
        }
        ossl::BIO_free(bio);
        let e = ossl::ERR_peek_last_error();
        let (lib, reason) = (ossl::ERR_GET_LIB(e), ossl::ERR_GET_REASON(e));
        if loaded == 0 {
            return Err(errors::with_text(if pem {
                "no start line: cadata does not contain a certificate"
            } else {
                "not enough data: cadata does not contain a certificate"
            }));
        }
        // Reading PEM past the last certificate leaves an end-of-data error.
        let at_end = pem && lib == ossl::ERR_LIB_PEM && reason == ffi::PEM_R_NO_START_LINE;
        if at_end || e == 0 {
            ossl::ERR_clear_error();
            return Ok(());
        }
        Err(errors::from_queue())
    }
}

builtin!(ctx_load_verify_locations, |slf, args, kws| {
    let [cafile, capath, cadata] = args::bind(
        "load_verify_locations",
        args,
        &kws,
        ["cafile", "capath", "cadata"],
        3,
        0,
    )?;
    let given = |o: Option<*mut PyObject>| o.filter(|&p| p != none::none());
    let (cafile, capath, cadata) = (given(cafile), given(capath), given(cadata));
    if cafile.is_none() && capath.is_none() && cadata.is_none() {
        return Err(rterr::type_error(
            "cafile, capath and cadata cannot be all omitted",
        ));
    }
    let c = context(slf);
    let cafile = match cafile {
        Some(f) => Some(path_arg(f, "cafile should be a valid filesystem path")?),
        None => None,
    };
    let capath = match capath {
        Some(f) => Some(path_arg(f, "capath should be a valid filesystem path")?),
        None => None,
    };
    if let Some(d) = cadata {
        const BAD: &str = "cadata should be an ASCII string or a bytes-like object";
        if pystr::check(d) {
            let s = pystr::as_str(d)?;
            if !s.is_ascii() {
                return Err(rterr::type_error(BAD));
            }
            add_ca_certs(c, s.as_bytes(), true)?;
        } else {
            let g = match Guard::new(d, PyBUF_SIMPLE) {
                Ok(g) => g,
                Err(_) => {
                    rterr::clear();
                    return Err(rterr::type_error(BAD));
                }
            };
            add_ca_certs(c, g.as_slice(), false)?;
        }
    }
    if cafile.is_some() || capath.is_some() {
        let p = |o: &Option<CString>| o.as_ref().map_or(std::ptr::null(), |s| s.as_ptr());
        *libc::__errno_location() = 0;
        if ossl::SSL_CTX_load_verify_locations(c.ctx, p(&cafile), p(&capath)) != 1 {
            let e = rterr::last_errno();
            if e != 0 {
                return Err(errors::os_error(e));
            }
            return Err(errors::from_queue());
        }
    }
    Ok(none::owned())
});

meth_noargs!(ctx_set_default_verify_paths, |slf| {
    if ossl::SSL_CTX_set_default_verify_paths(context(slf).ctx) != 1 {
        return Err(errors::from_queue());
    }
    Ok(none::owned())
});

meth_o!(ctx_set_ciphers, |slf, arg| {
    if !pystr::check(arg) {
        return Err(rterr::type_error(format!(
            "set_ciphers() argument must be str, not {}",
            crate::object::typeobj::type_name(arg)
        )));
    }
    let s = CString::new(pystr::as_str(arg)?)
        .map_err(|_| rterr::value_error("embedded null character"))?;
    if ossl::SSL_CTX_set_cipher_list(context(slf).ctx, s.as_ptr()) == 0 {
        ossl::ERR_clear_error();
        return Err(errors::plain("No cipher can be selected."));
    }
    Ok(none::owned())
});

meth_noargs!(ctx_get_ciphers, |slf| {
    let ssl = ossl::SSL_new(context(slf).ctx);
    if ssl.is_null() {
        return Err(errors::from_queue());
    }
    let sk = ossl::SSL_get_ciphers(ssl);
    let mut out = Vec::new();
    let mut result = Ok(());
    for i in 0..ossl::OPENSSL_sk_num(sk.cast()) {
        let cipher = ossl::OPENSSL_sk_value(sk.cast(), i) as *const ossl::SSL_CIPHER;
        match ciphers::cipher_dict(cipher) {
            Ok(d) => out.push(d),
            Err(e) => {
                result = Err(e);
                break;
            }
        }
    }
    ossl::SSL_free(ssl);
    result?;
    list::from_vec(out)
});

/// `_selectALPN_cb`: picks the first of our protocols that the client
/// offers; no acknowledgement when none matches.
unsafe extern "C" fn select_alpn(
    _ssl: *mut ossl::SSL,
    out: *mut *const u8,
    outlen: *mut u8,
    client: *const u8,
    client_len: c_uint,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: arg is the context object, alive while its SSL_CTX is;
    // OpenSSL passes valid buffers.
    unsafe {
        let c = context(arg.cast());
        let (client, client_len) = if client.is_null() {
            (b"".as_ptr(), 0)
        } else {
            (client, client_len)
        };
        let r = ossl::SSL_select_next_proto(
            out as *mut *mut u8,
            outlen,
            c.alpn.as_ptr(),
            c.alpn.len() as c_uint,
            client,
            client_len,
        );
        if r != ossl::OPENSSL_NPN_NEGOTIATED {
            return ossl::SSL_TLSEXT_ERR_NOACK;
        }
        ossl::SSL_TLSEXT_ERR_OK
    }
}

meth_o!(ctx_set_alpn_protocols, |slf, arg| {
    let g = Guard::new(arg, PyBUF_SIMPLE)?;
    let data = g.as_slice();
    if data.len() > c_uint::MAX as usize {
        return Err(rterr::overflow_error(format!(
            "protocols longer than {} bytes",
            c_uint::MAX
        )));
    }
    let c = context(slf);
    c.alpn = data.to_vec();
    // SSL_CTX_set_alpn_protos returns 0 on success.
    if ossl::SSL_CTX_set_alpn_protos(c.ctx, c.alpn.as_ptr(), c.alpn.len() as c_uint) != 0 {
        return Err(rterr::no_memory());
    }
    ossl::SSL_CTX_set_alpn_select_cb(c.ctx, Some(select_alpn), slf.cast());
    Ok(none::owned())
});

/// The `server_hostname` argument of the wrap methods: `None`, or a name
/// encoded with IDNA (CPython's `es` conversion with "idna").
unsafe fn hostname_arg(o: Option<*mut PyObject>) -> PyResult<Option<String>> {
    // SAFETY: o valid when given.
    unsafe {
        let Some(o) = o.filter(|&p| p != none::none()) else {
            return Ok(None);
        };
        let raw = if pystr::check(o) {
            let enc = pystr::from_str("idna")?;
            let b = protocol::call_method_obj(o, "encode", &[enc.as_ptr()])?;
            bytes::as_slice(b.as_ptr()).to_vec()
        } else if bytes::check(o) {
            bytes::as_slice(o).to_vec()
        } else {
            return Err(rterr::type_error(format!(
                "argument 'server_hostname' must be str or None, not {}",
                crate::object::typeobj::type_name(o)
            )));
        };
        if raw.contains(&0) {
            return Err(rterr::type_error(format!(
                "argument must be encoded string without null bytes, not {}",
                crate::object::typeobj::type_name(o)
            )));
        }
        Ok(Some(String::from_utf8_lossy(&raw).into_owned()))
    }
}

builtin!(ctx_wrap_socket, |slf, args, kws| {
    let [sock, server_side, hostname, owner, session] = args::bind(
        "_wrap_socket",
        args,
        &kws,
        ["sock", "server_side", "server_hostname", "owner", "session"],
        3,
        2,
    )?;
    let sock = sock.unwrap();
    if crate::modules::socket::fd_and_timeout(sock).is_none() {
        return Err(rterr::type_error(format!(
            "_wrap_socket() argument 'sock' must be _socket.socket, not {}",
            crate::object::typeobj::type_name(sock)
        )));
    }
    let server_side = protocol::is_true(server_side.unwrap())?;
    let hostname = hostname_arg(hostname)?;
    sslsocket::new(
        slf,
        sslsocket::Transport::Socket(sock),
        server_side,
        hostname,
        owner,
        session,
    )
});

builtin!(ctx_wrap_bio, |slf, args, kws| {
    let [incoming, outgoing, server_side, hostname, owner, session] = args::bind(
        "_wrap_bio",
        args,
        &kws,
        [
            "incoming",
            "outgoing",
            "server_side",
            "server_hostname",
            "owner",
            "session",
        ],
        4,
        3,
    )?;
    let (incoming, outgoing) = (incoming.unwrap(), outgoing.unwrap());
    super::bio::check(incoming, "_wrap_bio", "incoming")?;
    super::bio::check(outgoing, "_wrap_bio", "outgoing")?;
    let server_side = protocol::is_true(server_side.unwrap())?;
    let hostname = hostname_arg(hostname)?;
    sslsocket::new(
        slf,
        sslsocket::Transport::Bio(incoming, outgoing),
        server_side,
        hostname,
        owner,
        session,
    )
});

meth_o!(ctx_set_ecdh_curve, |slf, arg| {
    let name = if pystr::check(arg) {
        CString::new(pystr::as_str(arg)?).map_err(|_| rterr::value_error("embedded null byte"))?
    } else if bytes::check(arg) {
        CString::new(bytes::as_slice(arg)).map_err(|_| rterr::value_error("embedded null byte"))?
    } else {
        return Err(rterr::type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            crate::object::typeobj::type_name(arg)
        )));
    };
    let nid = ossl::OBJ_sn2nid(name.as_ptr());
    if nid == 0 {
        let r = protocol::repr(arg)?;
        return Err(rterr::value_error(format!(
            "unknown elliptic curve name {}",
            pystr::as_str(r.as_ptr())?
        )));
    }
    if ffi::ssl_ctx_set1_groups(context(slf).ctx, &[nid]) == 0 {
        return Err(errors::from_queue());
    }
    Ok(none::owned())
});

meth_o!(ctx_load_dh_params, |slf, arg| {
    let path = crate::modules::posix::path::path("load_dh_params", "path", arg)?;
    // CPython opens it with _Py_fopen_obj, which raises `open` (path, "rb", 0).
    crate::runtime::audit::audit_with(c"open", || {
        Ok(vec![
            Owned::from_borrowed(path.obj.as_ptr()),
            pystr::from_str("rb")?,
            int::from_i64(0)?,
        ])
    })?;
    let f = libc::fopen(path.c.as_ptr(), c"rb".as_ptr());
    if f.is_null() {
        return Err(path.error());
    }
    *libc::__errno_location() = 0;
    let dh = ossl::PEM_read_DHparams(f, null_mut(), None, null_mut());
    let e = rterr::last_errno();
    libc::fclose(f);
    if dh.is_null() {
        if e != 0 {
            return Err(errors::os_error(e));
        }
        return Err(errors::from_queue());
    }
    let ok = ffi::ssl_ctx_set_tmp_dh(context(slf).ctx, dh);
    ossl::DH_free(dh);
    if ok == 0 {
        return Err(errors::from_queue());
    }
    Ok(none::owned())
});

/// A PSK callback argument: `None` or a callable.
unsafe fn psk_callback_arg(cb: *mut PyObject) -> PyResult<Option<Owned>> {
    if cb == none::none() {
        return Ok(None);
    }
    // SAFETY: cb valid.
    if unsafe { crate::capi::call::PyCallable_Check(cb) } == 0 {
        return Err(rterr::type_error("callback must be callable"));
    }
    Ok(Some(Owned::from_borrowed(cb)))
}

builtin!(ctx_set_psk_client_callback, |slf, args, kws| {
    let [cb] = args::bind("set_psk_client_callback", args, &kws, ["callback"], 1, 1)?;
    let c = context(slf);
    if c.protocol == PROTOCOL_TLS_SERVER {
        return Err(errors::with_text(
            "Cannot add PSK client callback to a PROTOCOL_TLS_SERVER context",
        ));
    }
    c.psk_client_callback = psk_callback_arg(cb.unwrap())?;
    let f = c
        .psk_client_callback
        .as_ref()
        .map(|_| super::callbacks::psk_client as _);
    ossl::SSL_CTX_set_psk_client_callback(c.ctx, f);
    Ok(none::owned())
});

builtin!(ctx_set_psk_server_callback, |slf, args, kws| {
    let [cb, hint] = args::bind(
        "set_psk_server_callback",
        args,
        &kws,
        ["callback", "identity_hint"],
        2,
        1,
    )?;
    let c = context(slf);
    if c.protocol == PROTOCOL_TLS_CLIENT {
        return Err(errors::with_text(
            "Cannot add PSK server callback to a PROTOCOL_TLS_CLIENT context",
        ));
    }
    let hint = match hint.filter(|&h| h != none::none()) {
        Some(h) => Some(
            CString::new(pystr::as_str(h)?)
                .map_err(|_| rterr::value_error("embedded null character"))?,
        ),
        None => None,
    };
    let callback = psk_callback_arg(cb.unwrap())?;
    let p = hint.as_ref().map_or(std::ptr::null(), |h| h.as_ptr());
    if ossl::SSL_CTX_use_psk_identity_hint(c.ctx, p) != 1 {
        return Err(rterr::value_error("failed to set identity hint"));
    }
    c.psk_server_callback = callback;
    let f = c
        .psk_server_callback
        .as_ref()
        .map(|_| super::callbacks::psk_server as _);
    ossl::SSL_CTX_set_psk_server_callback(c.ctx, f);
    Ok(none::owned())
});

meth_noargs!(ctx_session_stats, |slf| {
    const NUMBER: c_int = 20;
    const CONNECT: c_int = 21;
    let ctx = context(slf).ctx;
    let d = dict::new()?;
    let names = [
        ("number", NUMBER),
        ("connect", CONNECT),
        ("connect_good", 22),
        ("connect_renegotiate", 23),
        ("accept", 24),
        ("accept_good", 25),
        ("accept_renegotiate", 26),
        ("hits", 27),
        ("misses", 29),
        ("timeouts", 30),
        ("cache_full", 31),
    ];
    for (k, cmd) in names {
        let v = ossl::SSL_CTX_ctrl(ctx, cmd, 0, null_mut());
        dict::set_item(
            d.as_ptr(),
            pystr::intern(k),
            int::from_i64(v as i64)?.as_ptr(),
        )?;
    }
    Ok(d)
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut CONTEXT_METHODS: [PyMethodDef; 16] = [
    method(
        c"set_psk_client_callback",
        ctx_set_psk_client_callback as *const c_void,
        FK,
    ),
    method(
        c"set_psk_server_callback",
        ctx_set_psk_server_callback as *const c_void,
        FK,
    ),
    method(
        c"set_ecdh_curve",
        ctx_set_ecdh_curve as *const c_void,
        METH_O,
    ),
    method(
        c"load_dh_params",
        ctx_load_dh_params as *const c_void,
        METH_O,
    ),
    method(c"_wrap_socket", ctx_wrap_socket as *const c_void, FK),
    method(c"_wrap_bio", ctx_wrap_bio as *const c_void, FK),
    method(c"set_ciphers", ctx_set_ciphers as *const c_void, METH_O),
    method(
        c"get_ciphers",
        ctx_get_ciphers as *const c_void,
        METH_NOARGS,
    ),
    method(
        c"_set_alpn_protocols",
        ctx_set_alpn_protocols as *const c_void,
        METH_O,
    ),
    method(c"load_cert_chain", ctx_load_cert_chain as *const c_void, FK),
    method(
        c"load_verify_locations",
        ctx_load_verify_locations as *const c_void,
        FK,
    ),
    method(
        c"set_default_verify_paths",
        ctx_set_default_verify_paths as *const c_void,
        METH_NOARGS,
    ),
    method(
        c"session_stats",
        ctx_session_stats as *const c_void,
        METH_NOARGS,
    ),
    method(
        c"cert_store_stats",
        super::store::cert_store_stats as *const c_void,
        METH_NOARGS,
    ),
    method(
        c"get_ca_certs",
        super::store::get_ca_certs as *const c_void,
        FK,
    ),
    METHOD_END,
];

static mut CONTEXT_GETSET: [PyGetSetDef; 15] = [
    getset(c"protocol", Some(ctx_get_protocol), None),
    getset(
        c"check_hostname",
        Some(ctx_get_check_hostname),
        Some(ctx_set_check_hostname),
    ),
    getset(c"options", Some(ctx_get_options), Some(ctx_set_options)),
    getset(
        c"verify_flags",
        Some(ctx_get_verify_flags),
        Some(ctx_set_verify_flags),
    ),
    getset(
        c"verify_mode",
        Some(ctx_get_verify_mode),
        Some(ctx_set_verify_mode),
    ),
    getset(
        c"minimum_version",
        Some(ctx_get_minimum_version),
        Some(ctx_set_minimum_version),
    ),
    getset(
        c"maximum_version",
        Some(ctx_get_maximum_version),
        Some(ctx_set_maximum_version),
    ),
    getset(c"security_level", Some(ctx_get_security_level), None),
    getset(
        c"num_tickets",
        Some(ctx_get_num_tickets),
        Some(ctx_set_num_tickets),
    ),
    getset(
        c"post_handshake_auth",
        Some(ctx_get_post_handshake_auth),
        Some(ctx_set_post_handshake_auth),
    ),
    getset(
        c"_host_flags",
        Some(ctx_get_host_flags),
        Some(ctx_set_host_flags),
    ),
    getset(
        c"sni_callback",
        Some(ctx_get_sni_callback),
        Some(ctx_set_sni_callback),
    ),
    getset(
        c"_msg_callback",
        Some(ctx_get_msg_callback),
        Some(ctx_set_msg_callback),
    ),
    getset(
        c"keylog_filename",
        Some(ctx_get_keylog_filename),
        Some(ctx_set_keylog_filename),
    ),
    GETSET_END,
];

/// `_ssl._SSLContext`.
pub static mut CONTEXT_TYPE: PyTypeObject = PyTypeObject {
    tp_methods: (&raw mut CONTEXT_METHODS).cast(),
    tp_getset: (&raw mut CONTEXT_GETSET).cast(),
    tp_new: Some(context_new),
    ..objtype::gc_type::<Context>(
        c"_ssl._SSLContext",
        Py_TPFLAGS_BASETYPE | Py_TPFLAGS_IMMUTABLETYPE,
    )
};
