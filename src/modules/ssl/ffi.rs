//! OpenSSL 3 functions that the `openssl-sys` crate does not declare, and
//! the C macros `_ssl` uses, written as the control calls they expand to.
use libc::{c_char, c_int, c_long, c_void};
use openssl_sys::*;

/// Error libraries and reasons `_ssl` tests for (`ERR_LIB_*`, `*_R_*`).
pub const ERR_LIB_X509: c_int = 11;
pub const ERR_LIB_SSL: c_int = 20;
pub const X509_R_CERT_ALREADY_IN_HASH_TABLE: c_int = 101;
pub const PEM_R_NO_START_LINE: c_int = 108;
pub const ASN1_R_HEADER_TOO_LONG: c_int = 123;
pub const SSL_R_CERTIFICATE_VERIFY_FAILED: c_int = 134;
pub const SSL_R_UNEXPECTED_EOF_WHILE_READING: c_int = 294;

extern "C" {
    pub fn BIO_free(b: *mut BIO) -> c_int;
    pub fn BIO_up_ref(b: *mut BIO) -> c_int;
    pub fn X509_NAME_print_ex(
        out: *mut BIO,
        nm: *const X509_NAME,
        indent: c_int,
        flags: libc::c_ulong,
    ) -> c_int;
    pub fn SSL_CIPHER_get_id(c: *const SSL_CIPHER) -> u32;
    pub fn SSL_get_ciphers(s: *const SSL) -> *mut stack_st_SSL_CIPHER;
    pub fn SSL_SESSION_get_ticket_lifetime_hint(s: *const SSL_SESSION) -> libc::c_ulong;
    pub fn SSL_SESSION_has_ticket(s: *const SSL_SESSION) -> c_int;
    pub fn SSL_set_fd(s: *mut SSL, fd: c_int) -> c_int;
    pub fn SSL_CTX_use_psk_identity_hint(ctx: *mut SSL_CTX, hint: *const c_char) -> c_int;
    pub fn SSL_CTX_set_msg_callback(ctx: *mut SSL_CTX, cb: MsgCb);
    pub fn PEM_read_DHparams(
        fp: *mut libc::FILE,
        x: *mut *mut DH,
        cb: pem_password_cb,
        u: *mut c_void,
    ) -> *mut DH;
    pub fn SSL_get_client_ciphers(s: *const SSL) -> *mut stack_st_SSL_CIPHER;
    pub fn OPENSSL_sk_find(st: *mut OPENSSL_STACK, data: *const c_void) -> c_int;
    pub fn SSL_get1_session(s: *mut SSL) -> *mut SSL_SESSION;
    pub fn X509_OBJECT_get_type(a: *const X509_OBJECT) -> c_int;
    pub fn X509_check_ca(x: *mut X509) -> c_int;
    pub fn BIO_new_file(filename: *const c_char, mode: *const c_char) -> *mut BIO;
    pub fn TLSv1_method() -> *const SSL_METHOD;
    pub fn TLSv1_1_method() -> *const SSL_METHOD;
    pub fn TLSv1_2_method() -> *const SSL_METHOD;
    pub fn a2i_IPADDRESS(ipasc: *const c_char) -> *mut ASN1_OCTET_STRING;
    pub fn X509_NAME_ENTRY_set(ne: *const X509_NAME_ENTRY) -> c_int;
    pub fn i2a_ASN1_INTEGER(bp: *mut BIO, a: *const ASN1_INTEGER) -> c_int;
    pub fn SSL_CIPHER_get_kx_nid(c: *const SSL_CIPHER) -> c_int;
    pub fn SSL_CIPHER_get_auth_nid(c: *const SSL_CIPHER) -> c_int;
    pub fn SSL_CIPHER_get_digest_nid(c: *const SSL_CIPHER) -> c_int;
    pub fn SSL_CIPHER_get_cipher_nid(c: *const SSL_CIPHER) -> c_int;
    pub fn SSL_CIPHER_is_aead(c: *const SSL_CIPHER) -> c_int;
    pub fn SSL_CTX_set_default_passwd_cb_userdata(ctx: *mut SSL_CTX, u: *mut c_void);
    pub fn SSL_CTX_set_default_passwd_cb(ctx: *mut SSL_CTX, cb: pem_password_cb);
    pub fn SSL_CTX_get_default_passwd_cb(ctx: *mut SSL_CTX) -> pem_password_cb;
    pub fn SSL_CTX_get_default_passwd_cb_userdata(ctx: *mut SSL_CTX) -> *mut c_void;
    pub fn SSL_set_post_handshake_auth(s: *mut SSL, val: c_int);
    pub fn SSL_verify_client_post_handshake(s: *mut SSL) -> c_int;
    pub fn AUTHORITY_INFO_ACCESS_free(a: *mut stack_st_ACCESS_DESCRIPTION);
    pub fn CRL_DIST_POINTS_free(a: *mut stack_st_DIST_POINT);
    pub fn GENERAL_NAMES_free(a: *mut stack_st_GENERAL_NAME);
    pub fn GENERAL_NAME_print(out: *mut BIO, gen: *mut GENERAL_NAME) -> c_int;
    pub fn X509_get_ext_by_NID(x: *const X509, nid: c_int, lastpos: c_int) -> c_int;
    pub fn X509V3_EXT_d2i(ext: *mut X509_EXTENSION) -> *mut c_void;
    pub fn X509_get_default_cert_file_env() -> *const c_char;
    pub fn X509_get_default_cert_file() -> *const c_char;
    pub fn X509_get_default_cert_dir_env() -> *const c_char;
    pub fn X509_get_default_cert_dir() -> *const c_char;
    pub fn SSL_CTX_get_verify_callback(ctx: *const SSL_CTX) -> SslVerifyCb;
    pub fn SSL_get_verify_callback(s: *const SSL) -> SslVerifyCb;
    pub fn X509_VERIFY_PARAM_get_flags(param: *const X509_VERIFY_PARAM) -> libc::c_ulong;
    pub fn X509_VERIFY_PARAM_clear_flags(
        param: *mut X509_VERIFY_PARAM,
        flags: libc::c_ulong,
    ) -> c_int;
    pub fn SSL_CTX_get_security_level(ctx: *const SSL_CTX) -> c_int;
    pub fn SSL_CTX_get_num_tickets(ctx: *const SSL_CTX) -> usize;
    pub fn SSL_CTX_set_num_tickets(ctx: *mut SSL_CTX, n: usize) -> c_int;
}

/// The type of a protocol message callback.
pub type MsgCb =
    Option<unsafe extern "C" fn(c_int, c_int, c_int, *const c_void, usize, *mut SSL, *mut c_void)>;

/// The type of a certificate verification callback.
pub type SslVerifyCb = Option<extern "C" fn(c_int, *mut X509_STORE_CTX) -> c_int>;

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
