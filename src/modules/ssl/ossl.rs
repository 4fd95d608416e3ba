//! The OpenSSL 3 functions `_ssl` calls, found in `libssl.so.3` (and the
//! `libcrypto.so.3` it depends on) when `_ssl` is first imported, as
//! CPython's `_ssl` extension brings OpenSSL in only when it is loaded: a
//! process that never imports `ssl` does not pay for loading and
//! relocating the two libraries. Types and constants are `openssl-sys`'s;
//! each function here has that crate's (or OpenSSL's) prototype and calls
//! through the table `load` filled.
use super::ffi::{MsgCb, SslVerifyCb};
use libc::{c_char, c_double, c_int, c_long, c_uchar, c_uint, c_ulong, c_void, size_t};
pub use openssl_sys::*;
use std::sync::OnceLock;

/// The soname of OpenSSL 3's TLS library; libcrypto is its dependency.
const LIBSSL: &std::ffi::CStr = c"libssl.so.3";

/// Declares the table of function addresses, the loader that fills it, and
/// one calling function per entry with OpenSSL's name and prototype.
macro_rules! openssl_functions {
    ($(fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $(-> $ret:ty)?;)*) => {
        /// The address of every function `_ssl` calls.
        #[allow(non_snake_case)]
        struct Functions {
            $($name: unsafe extern "C" fn($($ty),*) $(-> $ret)?,)*
        }

        /// Looks up every function of the table in `lib`, a `dlopen` handle.
        fn bind(lib: *mut c_void) -> Result<Functions, String> {
            Ok(Functions {
                $($name: {
                    let address = symbol(lib, concat!(stringify!($name), "\0"))?;
                    // SAFETY: `address` is the function OpenSSL 3 exports
                    // under this name, whose C prototype is the one declared
                    // here.
                    unsafe {
                        std::mem::transmute::<
                            *mut c_void,
                            unsafe extern "C" fn($($ty),*) $(-> $ret)?,
                        >(address)
                    }
                },)*
            })
        }

        $(
            #[allow(non_snake_case, clippy::too_many_arguments)]
            pub unsafe fn $name($($arg: $ty),*) $(-> $ret)? {
                // SAFETY: the arguments satisfy the OpenSSL function's
                // contract (caller contract), and the table is filled.
                unsafe { (functions().$name)($($arg),*) }
            }
        )*
    };
}

static FUNCTIONS: OnceLock<Functions> = OnceLock::new();

/// Loads OpenSSL and binds the table, once per process; `_ssl`'s module
/// init calls this before anything else, and reports an error as an
/// ImportError.
pub fn load() -> Result<(), String> {
    if FUNCTIONS.get().is_some() {
        return Ok(());
    }
    // SAFETY: LIBSSL is NUL-terminated; the handle is kept for the life of
    // the process, since the table points into the library.
    let lib = unsafe { libc::dlopen(LIBSSL.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
    if lib.is_null() {
        return Err(dl_error());
    }
    let table = bind(lib)?;
    let _ = FUNCTIONS.set(table);
    Ok(())
}

/// The table; only reached through objects of `_ssl`, which exist after
/// `load` succeeded.
fn functions() -> &'static Functions {
    FUNCTIONS
        .get()
        .expect("_ssl: OpenSSL used before the module loaded it")
}

/// `dlsym` of a NUL-terminated name in `lib` and the libraries it loaded.
fn symbol(lib: *mut c_void, name: &'static str) -> Result<*mut c_void, String> {
    // SAFETY: lib is a live dlopen handle; name ends with NUL.
    let address = unsafe { libc::dlsym(lib, name.as_ptr().cast()) };
    if address.is_null() {
        return Err(dl_error());
    }
    Ok(address)
}

/// The message of the last `dlopen`/`dlsym` failure.
fn dl_error() -> String {
    // SAFETY: dlerror returns NULL or a NUL-terminated message that stays
    // valid until the next dl call on this thread.
    unsafe {
        let message = libc::dlerror();
        if message.is_null() {
            "cannot load OpenSSL".to_owned()
        } else {
            std::ffi::CStr::from_ptr(message)
                .to_string_lossy()
                .into_owned()
        }
    }
}

openssl_functions! {
    fn ASN1_OBJECT_free(x: *mut ASN1_OBJECT);
    fn ASN1_OCTET_STRING_free(x: *mut ASN1_OCTET_STRING);
    fn ASN1_STRING_get0_data(x: *const ASN1_STRING) -> *const c_uchar;
    fn ASN1_STRING_length(x: *const ASN1_STRING) -> c_int;
    fn ASN1_STRING_to_UTF8(out: *mut *mut c_uchar, s: *const ASN1_STRING) -> c_int;
    fn ASN1_TIME_print(b: *mut BIO, tm: *const ASN1_TIME) -> c_int;
    fn AUTHORITY_INFO_ACCESS_free(a: *mut stack_st_ACCESS_DESCRIPTION);
    fn BIO_clear_flags(b: *mut BIO, flags: c_int);
    fn BIO_ctrl(b: *mut BIO, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long;
    fn BIO_free(b: *mut BIO) -> c_int;
    fn BIO_new(type_: *const BIO_METHOD) -> *mut BIO;
    fn BIO_new_file(filename: *const c_char, mode: *const c_char) -> *mut BIO;
    fn BIO_new_mem_buf(buf: *const c_void, len: c_int) -> *mut BIO;
    fn BIO_read(b: *mut BIO, buf: *mut c_void, len: c_int) -> c_int;
    fn BIO_s_mem() -> *const BIO_METHOD;
    fn BIO_up_ref(b: *mut BIO) -> c_int;
    fn BIO_write(b: *mut BIO, buf: *const c_void, len: c_int) -> c_int;
    fn CRL_DIST_POINTS_free(a: *mut stack_st_DIST_POINT);
    fn CRYPTO_free(buf: *mut c_void, file: *const c_char, line: c_int);
    fn DH_free(dh: *mut DH);
    fn ERR_clear_error();
    fn ERR_peek_last_error() -> c_ulong;
    fn ERR_reason_error_string(err: c_ulong) -> *const c_char;
    fn GENERAL_NAMES_free(a: *mut stack_st_GENERAL_NAME);
    fn GENERAL_NAME_print(out: *mut BIO, gen: *mut GENERAL_NAME) -> c_int;
    fn OBJ_nid2ln(nid: c_int) -> *const c_char;
    fn OBJ_nid2obj(n: c_int) -> *mut ASN1_OBJECT;
    fn OBJ_nid2sn(nid: c_int) -> *const c_char;
    fn OBJ_obj2nid(o: *const ASN1_OBJECT) -> c_int;
    fn OBJ_obj2txt( buf: *mut c_char, buf_len: c_int, a: *const ASN1_OBJECT, no_name: c_int) -> c_int;
    fn OBJ_sn2nid(sn: *const c_char) -> c_int;
    fn OBJ_txt2obj(s: *const c_char, no_name: c_int) -> *mut ASN1_OBJECT;
    fn OPENSSL_sk_find(st: *mut OPENSSL_STACK, data: *const c_void) -> c_int;
    fn OPENSSL_sk_num(stack: *const OPENSSL_STACK) -> c_int;
    fn OPENSSL_sk_value(stack: *const OPENSSL_STACK, idx: c_int) -> *mut c_void;
    fn OpenSSL_version(key: c_int) -> *const c_char;
    fn OpenSSL_version_num() -> c_ulong;
    fn PEM_read_DHparams(fp: *mut libc::FILE, x: *mut *mut DH, cb: pem_password_cb, u: *mut c_void) -> *mut DH;
    fn PEM_read_bio_X509( bio: *mut BIO, out: *mut *mut X509, callback: pem_password_cb, user_data: *mut c_void) -> *mut X509;
    fn PEM_write_bio_X509(bio: *mut BIO, x509: *const X509) -> c_int;
    fn RAND_add(buf: *const c_void, num: c_int, randomness: c_double);
    fn RAND_bytes(buf: *mut u8, num: c_int) -> c_int;
    fn RAND_status() -> c_int;
    fn SSL_CIPHER_description( cipher: *const SSL_CIPHER, buf: *mut c_char, size: c_int) -> *mut c_char;
    fn SSL_CIPHER_get_auth_nid(c: *const SSL_CIPHER) -> c_int;
    fn SSL_CIPHER_get_bits(cipher: *const SSL_CIPHER, alg_bits: *mut c_int) -> c_int;
    fn SSL_CIPHER_get_cipher_nid(c: *const SSL_CIPHER) -> c_int;
    fn SSL_CIPHER_get_digest_nid(c: *const SSL_CIPHER) -> c_int;
    fn SSL_CIPHER_get_id(c: *const SSL_CIPHER) -> u32;
    fn SSL_CIPHER_get_kx_nid(c: *const SSL_CIPHER) -> c_int;
    fn SSL_CIPHER_get_name(cipher: *const SSL_CIPHER) -> *const c_char;
    fn SSL_CIPHER_get_version(cipher: *const SSL_CIPHER) -> *const c_char;
    fn SSL_CIPHER_is_aead(c: *const SSL_CIPHER) -> c_int;
    fn SSL_CTX_callback_ctrl(ctx: *mut SSL_CTX, cmd: c_int, fp: Option<unsafe extern "C" fn()>) -> c_long;
    fn SSL_CTX_check_private_key(ctx: *const SSL_CTX) -> c_int;
    fn SSL_CTX_clear_options(ctx: *mut SSL_CTX, op: u64) -> u64;
    fn SSL_CTX_ctrl(ctx: *mut SSL_CTX, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long;
    fn SSL_CTX_free(ctx: *mut SSL_CTX);
    fn SSL_CTX_get0_param(ctx: *mut SSL_CTX) -> *mut X509_VERIFY_PARAM;
    fn SSL_CTX_get_cert_store(ctx: *const SSL_CTX) -> *mut X509_STORE;
    fn SSL_CTX_get_default_passwd_cb(ctx: *mut SSL_CTX) -> pem_password_cb;
    fn SSL_CTX_get_default_passwd_cb_userdata(ctx: *mut SSL_CTX) -> *mut c_void;
    fn SSL_CTX_get_num_tickets(ctx: *const SSL_CTX) -> usize;
    fn SSL_CTX_get_options(ctx: *const SSL_CTX) -> u64;
    fn SSL_CTX_get_security_level(ctx: *const SSL_CTX) -> c_int;
    fn SSL_CTX_get_verify_callback(ctx: *const SSL_CTX) -> SslVerifyCb;
    fn SSL_CTX_get_verify_mode(ctx: *const SSL_CTX) -> c_int;
    fn SSL_CTX_load_verify_locations( ctx: *mut SSL_CTX, CAfile: *const c_char, CApath: *const c_char) -> c_int;
    fn SSL_CTX_new(method: *const SSL_METHOD) -> *mut SSL_CTX;
    fn SSL_CTX_set_alpn_protos(s: *mut SSL_CTX, data: *const c_uchar, len: c_uint) -> c_int;
    fn SSL_CTX_set_alpn_select_cb( ssl: *mut SSL_CTX, cb: Option< unsafe extern "C" fn( ssl: *mut SSL, out: *mut *const c_uchar, outlen: *mut c_uchar, inbuf: *const c_uchar, inlen: c_uint, arg: *mut c_void) -> c_int, >, arg: *mut c_void);
    fn SSL_CTX_set_cipher_list(ssl: *mut SSL_CTX, s: *const c_char) -> c_int;
    fn SSL_CTX_set_default_passwd_cb(ctx: *mut SSL_CTX, cb: pem_password_cb);
    fn SSL_CTX_set_default_passwd_cb_userdata(ctx: *mut SSL_CTX, u: *mut c_void);
    fn SSL_CTX_set_default_verify_paths(ctx: *mut SSL_CTX) -> c_int;
    fn SSL_CTX_set_keylog_callback(ctx: *mut SSL_CTX, cb: SSL_CTX_keylog_cb_func);
    fn SSL_CTX_set_msg_callback(ctx: *mut SSL_CTX, cb: MsgCb);
    fn SSL_CTX_set_num_tickets(ctx: *mut SSL_CTX, n: usize) -> c_int;
    fn SSL_CTX_set_options(ctx: *mut SSL_CTX, op: u64) -> u64;
    fn SSL_CTX_set_post_handshake_auth(ctx: *mut SSL_CTX, val: c_int);
    fn SSL_CTX_set_psk_client_callback( ssl: *mut SSL_CTX, psk_client_cb: Option< extern "C" fn( *mut SSL, *const c_char, *mut c_char, c_uint, *mut c_uchar, c_uint) -> c_uint, >);
    fn SSL_CTX_set_psk_server_callback( ssl: *mut SSL_CTX, psk_server_cb: Option< extern "C" fn(*mut SSL, *const c_char, *mut c_uchar, c_uint) -> c_uint, >);
    fn SSL_CTX_set_session_id_context( ssl: *mut SSL_CTX, sid_ctx: *const c_uchar, sid_ctx_len: c_uint) -> c_int;
    fn SSL_CTX_set_verify( ctx: *mut SSL_CTX, mode: c_int, verify_callback: Option<extern "C" fn(c_int, *mut X509_STORE_CTX) -> c_int>);
    fn SSL_CTX_use_PrivateKey_file( ctx: *mut SSL_CTX, key_file: *const c_char, file_type: c_int) -> c_int;
    fn SSL_CTX_use_certificate_chain_file( ctx: *mut SSL_CTX, cert_chain_file: *const c_char) -> c_int;
    fn SSL_CTX_use_psk_identity_hint(ctx: *mut SSL_CTX, hint: *const c_char) -> c_int;
    fn SSL_SESSION_free(s: *mut SSL_SESSION);
    fn SSL_SESSION_get_id(s: *const SSL_SESSION, len: *mut c_uint) -> *const c_uchar;
    fn SSL_SESSION_get_ticket_lifetime_hint(s: *const SSL_SESSION) -> libc::c_ulong;
    fn SSL_SESSION_get_time(s: *const SSL_SESSION) -> c_long;
    fn SSL_SESSION_get_timeout(s: *const SSL_SESSION) -> c_long;
    fn SSL_SESSION_has_ticket(s: *const SSL_SESSION) -> c_int;
    fn SSL_ctrl(ssl: *mut SSL, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long;
    fn SSL_do_handshake(ssl: *mut SSL) -> c_int;
    fn SSL_free(ssl: *mut SSL);
    fn SSL_get0_alpn_selected(s: *const SSL, data: *mut *const c_uchar, len: *mut c_uint);
    fn SSL_get0_param(ssl: *mut SSL) -> *mut X509_VERIFY_PARAM;
    fn SSL_get0_verified_chain(ssl: *const SSL) -> *mut stack_st_X509;
    fn SSL_get1_peer_certificate(ssl: *const SSL) -> *mut X509;
    fn SSL_get1_session(s: *mut SSL) -> *mut SSL_SESSION;
    fn SSL_get_SSL_CTX(ssl: *const SSL) -> *mut SSL_CTX;
    fn SSL_get_ciphers(s: *const SSL) -> *mut stack_st_SSL_CIPHER;
    fn SSL_get_client_ciphers(s: *const SSL) -> *mut stack_st_SSL_CIPHER;
    fn SSL_get_current_cipher(ssl: *const SSL) -> *const SSL_CIPHER;
    fn SSL_get_error(ssl: *const SSL, ret: c_int) -> c_int;
    fn SSL_get_ex_data(ssl: *const SSL, idx: c_int) -> *mut c_void;
    fn SSL_get_finished(s: *const SSL, buf: *mut c_void, count: size_t) -> size_t;
    fn SSL_get_peer_cert_chain(ssl: *const SSL) -> *mut stack_st_X509;
    fn SSL_get_peer_finished(s: *const SSL, buf: *mut c_void, count: size_t) -> size_t;
    fn SSL_get_rbio(ssl: *const SSL) -> *mut BIO;
    fn SSL_get_servername(ssl: *const SSL, name_type: c_int) -> *const c_char;
    fn SSL_get_shutdown(ssl: *const SSL) -> c_int;
    fn SSL_get_verify_callback(s: *const SSL) -> SslVerifyCb;
    fn SSL_get_verify_mode(s: *const SSL) -> c_int;
    fn SSL_get_verify_result(ssl: *const SSL) -> c_long;
    fn SSL_get_version(ssl: *const SSL) -> *const c_char;
    fn SSL_get_wbio(ssl: *const SSL) -> *mut BIO;
    fn SSL_is_init_finished(s: *const SSL) -> c_int;
    fn SSL_is_server(s: *const SSL) -> c_int;
    fn SSL_new(ctx: *mut SSL_CTX) -> *mut SSL;
    fn SSL_pending(ssl: *const SSL) -> c_int;
    fn SSL_read_ex(ssl: *mut SSL, buf: *mut c_void, num: usize, readbytes: *mut usize) -> c_int;
    fn SSL_select_next_proto( out: *mut *mut c_uchar, outlen: *mut c_uchar, inbuf: *const c_uchar, inlen: c_uint, client: *const c_uchar, client_len: c_uint) -> c_int;
    fn SSL_session_reused(ssl: *const SSL) -> c_int;
    fn SSL_set_SSL_CTX(ssl: *mut SSL, ctx: *mut SSL_CTX) -> *mut SSL_CTX;
    fn SSL_set_accept_state(s: *mut SSL);
    fn SSL_set_bio(ssl: *mut SSL, rbio: *mut BIO, wbio: *mut BIO);
    fn SSL_set_connect_state(s: *mut SSL);
    fn SSL_set_ex_data(ssl: *mut SSL, idx: c_int, data: *mut c_void) -> c_int;
    fn SSL_set_fd(s: *mut SSL, fd: c_int) -> c_int;
    fn SSL_set_post_handshake_auth(s: *mut SSL, val: c_int);
    fn SSL_set_session(ssl: *mut SSL, session: *mut SSL_SESSION) -> c_int;
    fn SSL_set_shutdown(ssl: *mut SSL, mode: c_int);
    fn SSL_set_verify( ssl: *mut SSL, mode: c_int, verify_callback: Option<extern "C" fn(c_int, *mut X509_STORE_CTX) -> c_int>);
    fn SSL_shutdown(ssl: *mut SSL) -> c_int;
    fn SSL_verify_client_post_handshake(s: *mut SSL) -> c_int;
    fn SSL_write_ex( ssl: *mut SSL, buf: *const c_void, num: size_t, written: *mut size_t) -> c_int;
    fn TLS_client_method() -> *const SSL_METHOD;
    fn TLS_method() -> *const SSL_METHOD;
    fn TLS_server_method() -> *const SSL_METHOD;
    fn TLSv1_1_method() -> *const SSL_METHOD;
    fn TLSv1_2_method() -> *const SSL_METHOD;
    fn TLSv1_method() -> *const SSL_METHOD;
    fn X509V3_EXT_d2i(ext: *mut X509_EXTENSION) -> *mut c_void;
    fn X509_NAME_ENTRY_get_data(ne: *const X509_NAME_ENTRY) -> *mut ASN1_STRING;
    fn X509_NAME_ENTRY_get_object(ne: *const X509_NAME_ENTRY) -> *mut ASN1_OBJECT;
    fn X509_NAME_ENTRY_set(ne: *const X509_NAME_ENTRY) -> c_int;
    fn X509_NAME_entry_count(n: *const X509_NAME) -> c_int;
    fn X509_NAME_get_entry(n: *const X509_NAME, loc: c_int) -> *mut X509_NAME_ENTRY;
    fn X509_NAME_print_ex(out: *mut BIO, nm: *const X509_NAME, indent: c_int, flags: libc::c_ulong) -> c_int;
    fn X509_OBJECT_get0_X509(x: *const X509_OBJECT) -> *mut X509;
    fn X509_OBJECT_get_type(a: *const X509_OBJECT) -> c_int;
    fn X509_STORE_add_cert(store: *mut X509_STORE, x: *mut X509) -> c_int;
    fn X509_STORE_get0_objects(ctx: *const X509_STORE) -> *mut stack_st_X509_OBJECT;
    fn X509_VERIFY_PARAM_clear_flags(param: *mut X509_VERIFY_PARAM, flags: libc::c_ulong) -> c_int;
    fn X509_VERIFY_PARAM_get_flags(param: *const X509_VERIFY_PARAM) -> libc::c_ulong;
    fn X509_VERIFY_PARAM_set1_host( param: *mut X509_VERIFY_PARAM, name: *const c_char, namelen: size_t) -> c_int;
    fn X509_VERIFY_PARAM_set1_ip( param: *mut X509_VERIFY_PARAM, ip: *const c_uchar, iplen: size_t) -> c_int;
    fn X509_VERIFY_PARAM_set_flags(param: *mut X509_VERIFY_PARAM, flags: c_ulong) -> c_int;
    fn X509_VERIFY_PARAM_set_hostflags(param: *mut X509_VERIFY_PARAM, flags: c_uint);
    fn X509_check_ca(x: *mut X509) -> c_int;
    fn X509_cmp(a: *const X509, b: *const X509) -> c_int;
    fn X509_free(x: *mut X509);
    fn X509_get_default_cert_dir() -> *const c_char;
    fn X509_get_default_cert_dir_env() -> *const c_char;
    fn X509_get_default_cert_file() -> *const c_char;
    fn X509_get_default_cert_file_env() -> *const c_char;
    fn X509_get_ext(x: *const X509, loc: c_int) -> *mut X509_EXTENSION;
    fn X509_get_ext_by_NID(x: *const X509, nid: c_int, lastpos: c_int) -> c_int;
    fn X509_get_ext_d2i( x: *const X509, nid: c_int, crit: *mut c_int, idx: *mut c_int) -> *mut c_void;
    fn X509_get_issuer_name(x: *const X509) -> *mut X509_NAME;
    fn X509_get_serialNumber(x: *mut X509) -> *mut ASN1_INTEGER;
    fn X509_get_subject_name(x: *const X509) -> *mut X509_NAME;
    fn X509_get_version(x: *const X509) -> c_long;
    fn X509_getm_notAfter(x: *const X509) -> *mut ASN1_TIME;
    fn X509_getm_notBefore(x: *const X509) -> *mut ASN1_TIME;
    fn X509_subject_name_hash(x: *mut X509) -> c_ulong;
    fn X509_up_ref(x: *mut X509) -> c_int;
    fn X509_verify_cert_error_string(n: c_long) -> *const c_char;
    fn a2i_IPADDRESS(ipasc: *const c_char) -> *mut ASN1_OCTET_STRING;
    fn d2i_X509_bio(b: *mut BIO, a: *mut *mut X509) -> *mut X509;
    fn i2a_ASN1_INTEGER(bp: *mut BIO, a: *const ASN1_INTEGER) -> c_int;
    fn i2d_X509(x: *const X509, buf: *mut *mut u8) -> c_int;
}
