//! Constants and callback types `openssl-sys` does not declare, and the C
//! macros `_ssl` uses, written as the control calls they expand to.
use super::ossl::*;
use libc::{c_char, c_int, c_long, c_void};

/// Error libraries and reasons `_ssl` tests for (`ERR_LIB_*`, `*_R_*`).
pub const ERR_LIB_X509: c_int = 11;
pub const ERR_LIB_SSL: c_int = 20;
pub const X509_R_CERT_ALREADY_IN_HASH_TABLE: c_int = 101;
pub const PEM_R_NO_START_LINE: c_int = 108;
pub const SSL_R_CERTIFICATE_VERIFY_FAILED: c_int = 134;
pub const SSL_R_UNEXPECTED_EOF_WHILE_READING: c_int = 294;

/// The type of a protocol message callback.
pub type MsgCb =
    Option<unsafe extern "C" fn(c_int, c_int, c_int, *const c_void, usize, *mut SSL, *mut c_void)>;

/// The type of a certificate verification callback.
pub type SslVerifyCb = Option<extern "C" fn(c_int, *mut X509_STORE_CTX) -> c_int>;

const BIO_CTRL_EOF: c_int = 2;
const BIO_CTRL_PENDING: c_int = 10;
const BIO_C_SET_BUF_MEM_EOF_RETURN: c_int = 130;
const BIO_C_SET_NBIO: c_int = 102;
const SSL_CTRL_MODE: c_int = 33;
const SSL_CTRL_SET_READ_AHEAD: c_int = 41;
const SSL_CTRL_SET_GROUPS: c_int = 91;

/// `BIO_ctrl_pending`: the bytes buffered in `b`.
pub unsafe fn bio_pending(b: *mut BIO) -> usize {
    // SAFETY: b is a live BIO (caller contract).
    unsafe { BIO_ctrl(b, BIO_CTRL_PENDING, 0, std::ptr::null_mut()) as usize }
}

/// `BIO_eof`: whether everything `b` holds was read.
pub unsafe fn bio_eof(b: *mut BIO) -> bool {
    // SAFETY: b is a live BIO (caller contract).
    unsafe { BIO_ctrl(b, BIO_CTRL_EOF, 0, std::ptr::null_mut()) != 0 }
}

/// `BIO_set_mem_eof_return`: what a read of an empty memory BIO returns.
pub unsafe fn bio_set_mem_eof_return(b: *mut BIO, v: c_long) {
    // SAFETY: b is a live memory BIO (caller contract).
    unsafe { BIO_ctrl(b, BIO_C_SET_BUF_MEM_EOF_RETURN, v, std::ptr::null_mut()) };
}

/// `BIO_set_nbio`: the non-blocking mode of a socket BIO.
pub unsafe fn bio_set_nbio(b: *mut BIO, on: bool) {
    if b.is_null() {
        return;
    }
    // SAFETY: b is a live BIO (caller contract).
    unsafe { BIO_ctrl(b, BIO_C_SET_NBIO, on as c_long, std::ptr::null_mut()) };
}

/// `SSL_set_mode`.
pub unsafe fn ssl_set_mode(s: *mut SSL, mode: c_long) {
    // SAFETY: s is a live SSL (caller contract).
    unsafe { SSL_ctrl(s, SSL_CTRL_MODE, mode, std::ptr::null_mut()) };
}

/// `SSL_set_read_ahead`.
pub unsafe fn ssl_set_read_ahead(s: *mut SSL, on: bool) {
    // SAFETY: s is a live SSL (caller contract).
    unsafe {
        SSL_ctrl(
            s,
            SSL_CTRL_SET_READ_AHEAD,
            on as c_long,
            std::ptr::null_mut(),
        )
    };
}

/// `SSL_CTX_set1_groups`: the key exchange groups, by NID.
pub unsafe fn ssl_ctx_set1_groups(ctx: *mut SSL_CTX, nids: &[c_int]) -> c_long {
    // SAFETY: ctx is live; OpenSSL copies the list.
    unsafe {
        SSL_CTX_ctrl(
            ctx,
            SSL_CTRL_SET_GROUPS,
            nids.len() as c_long,
            nids.as_ptr() as *mut c_void,
        )
    }
}

/// `BIO_clear_retry_flags`: forgets why the last BIO call should be retried.
pub unsafe fn bio_clear_retry_flags(b: *mut BIO) {
    // SAFETY: b is a live BIO (caller contract).
    unsafe { BIO_clear_flags(b, BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY) };
}

/// `SSL_CTX_set_mode`.
pub unsafe fn ssl_ctx_set_mode(ctx: *mut SSL_CTX, mode: c_long) {
    // SAFETY: ctx is a live SSL_CTX (caller contract).
    unsafe { SSL_CTX_ctrl(ctx, SSL_CTRL_MODE, mode, std::ptr::null_mut()) };
}

/// `SSL_CTX_set_tmp_dh`: the Diffie-Hellman parameters (OpenSSL copies them).
pub unsafe fn ssl_ctx_set_tmp_dh(ctx: *mut SSL_CTX, dh: *mut DH) -> c_long {
    // SAFETY: ctx is live and dh a live DH (caller contract).
    unsafe { SSL_CTX_ctrl(ctx, SSL_CTRL_SET_TMP_DH, 0, dh.cast()) }
}

/// The type of a server name (SNI) callback.
pub type ServernameCb = Option<unsafe extern "C" fn(*mut SSL, *mut c_int, *mut c_void) -> c_int>;

/// `SSL_CTX_set_tlsext_servername_callback`.
pub unsafe fn ssl_ctx_set_servername_callback(ctx: *mut SSL_CTX, cb: ServernameCb) {
    // SAFETY: ctx is live; OpenSSL calls the function back with the
    // prototype of ServernameCb, passed as the generic callback type.
    unsafe {
        let cb = std::mem::transmute::<ServernameCb, Option<unsafe extern "C" fn()>>(cb);
        SSL_CTX_callback_ctrl(ctx, SSL_CTRL_SET_TLSEXT_SERVERNAME_CB, cb)
    };
}

/// `SSL_set_tlsext_host_name`: the server name sent in the client hello.
pub unsafe fn ssl_set_host_name(s: *mut SSL, name: *const c_char) -> c_long {
    // SAFETY: s is live; OpenSSL copies the NUL-terminated name.
    unsafe {
        SSL_ctrl(
            s,
            SSL_CTRL_SET_TLSEXT_HOSTNAME,
            TLSEXT_NAMETYPE_host_name as c_long,
            name as *mut c_void,
        )
    }
}

/// `SSL_CTX_get_min_proto_version` or, when `max`, `..._max_...`: 0 when
/// the bound is not set.
pub unsafe fn ssl_ctx_get_proto_version(ctx: *mut SSL_CTX, max: bool) -> c_int {
    let cmd = if max {
        SSL_CTRL_GET_MAX_PROTO_VERSION
    } else {
        SSL_CTRL_GET_MIN_PROTO_VERSION
    };
    // SAFETY: ctx is a live SSL_CTX (caller contract).
    unsafe { SSL_CTX_ctrl(ctx, cmd, 0, std::ptr::null_mut()) as c_int }
}

/// `SSL_CTX_set_min_proto_version` or, when `max`, `..._max_...`; 0 when
/// OpenSSL refuses the version.
pub unsafe fn ssl_ctx_set_proto_version(ctx: *mut SSL_CTX, max: bool, version: c_int) -> c_int {
    let cmd = if max {
        SSL_CTRL_SET_MAX_PROTO_VERSION
    } else {
        SSL_CTRL_SET_MIN_PROTO_VERSION
    };
    // SAFETY: ctx is a live SSL_CTX (caller contract).
    unsafe { SSL_CTX_ctrl(ctx, cmd, version as c_long, std::ptr::null_mut()) as c_int }
}
