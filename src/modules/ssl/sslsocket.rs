//! `_ssl._SSLSocket` (CPython's `PySSLSocket`): one TLS connection, over
//! a socket (`ssl.SSLSocket`) or over two `MemoryBIO`s (`ssl.SSLObject`).
//! OpenSSL runs with the GIL released; in timeout mode the socket is
//! polled until it is ready or the deadline passes, as CPython's
//! `PySSL_select` does. Callbacks that OpenSSL makes during a call (the
//! SNI callback) take the GIL back through the saved thread state.
use super::bio::membio;
use super::certdecode;
use super::ciphers;
use super::context::{context, is_context};
use super::errors::{self, Exc, Verify};
use super::ffi;
use super::ossl;
use super::session;
use crate::ffi::*;
use crate::modules::args::{self, builtin};
use crate::modules::objtype::{self, meth_noargs, Refs, State, Visit};
use crate::object::buffer::Guard;
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::exceptions as exc;
use crate::object::{bool as pybool, bytes, int, list, none, protocol, str as pystr, weakref};
use crate::runtime::errors::{self as rterr, PyResult, Raised};
use crate::runtime::gil;
use crate::Owned;
use libc::{c_int, c_void};
use std::panic::Location;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicPtr, Ordering};

/// What the connection runs over.
pub enum Transport {
    /// A `_socket.socket` (or subclass) instance.
    Socket(*mut PyObject),
    /// The incoming and outgoing `MemoryBIO`s.
    Bio(*mut PyObject, *mut PyObject),
}

/// The last error seen from OpenSSL and the C library.
#[derive(Clone, Copy, Default)]
struct LastErr {
    ssl: c_int,
    c: c_int,
}

/// The state of an `_SSLSocket`.
pub struct SslSocket {
    ssl: *mut ossl::SSL,
    /// A weak reference to the socket; `None` over BIOs.
    pub(super) socket: Option<Owned>,
    /// The `_SSLContext`.
    pub(super) ctx: Option<Owned>,
    /// A weak reference to the owner (the `SSLSocket` or `SSLObject`).
    pub(super) owner: Option<Owned>,
    server_hostname: Option<Owned>,
    server_side: bool,
    shutdown_seen_zero: bool,
    err: LastErr,
    /// An exception a callback raised, chained onto the call's result.
    pub(super) pending: Option<Owned>,
    /// The thread state while OpenSSL runs without the GIL.
    pub(super) saved: AtomicPtr<crate::runtime::tstate::PyThreadState>,
}

impl State for SslSocket {
    fn traverse(&self, v: Visit) -> c_int {
        for r in [&self.ctx, &self.pending, &self.socket, &self.owner] {
            let x = r.visit(&mut *v);
            if x != 0 {
                return x;
            }
        }
        0
    }
    fn clear(&mut self) {
        self.pending.clear_refs();
        self.owner.clear_refs();
    }
}

impl Drop for SslSocket {
    fn drop(&mut self) {
        if !self.ssl.is_null() {
            // Freeing a connection that never sent its close_notify makes
            // OpenSSL mark its session not resumable; CPython 3.13's
            // PySSL_dealloc marks it shut down first so that a session
            // taken from it can still be resumed, and so do we.
            // SAFETY: our SSL; it holds its own references to the BIOs.
            unsafe {
                let done = ossl::SSL_get_shutdown(self.ssl);
                ossl::SSL_set_shutdown(self.ssl, done | ossl::SSL_SENT_SHUTDOWN);
                ossl::SSL_free(self.ssl);
            }
        }
    }
}

/// The state of `op`, an `_SSLSocket`.
///
/// # Safety
/// `op` is an `_SSLSocket`.
pub(super) unsafe fn sslsock<'a>(op: *mut PyObject) -> &'a mut SslSocket {
    // SAFETY: per the contract.
    unsafe { objtype::state::<SslSocket>(op) }
}

/// Where the socket is during a call.
enum Sock {
    /// Over BIOs.
    None,
    /// The socket was collected.
    Gone,
    /// The socket, its descriptor and timeout (ns).
    Alive(Owned, c_int, i64),
}

impl Sock {
    fn timeout(&self) -> i64 {
        match self {
            Sock::Alive(_, _, t) => *t,
            _ => 0,
        }
    }
}

/// How a wait for the socket ended (`timeout_state`).
#[derive(PartialEq)]
enum Ready {
    NonBlocking,
    Blocking,
    TimedOut,
    Closed,
    Ok,
}

/// `PySSL_select`: waits until the socket can be read (or written), up
/// to `timeout` ns.
fn select(sock: &Sock, writing: bool, timeout: i64) -> Ready {
    let Sock::Alive(_, fd, sock_timeout) = *sock else {
        return Ready::NonBlocking;
    };
    if timeout == 0 {
        return Ready::NonBlocking;
    }
    if timeout < 0 {
        return if sock_timeout > 0 {
            Ready::TimedOut
        } else {
            Ready::Blocking
        };
    }
    if fd < 0 {
        return Ready::Closed;
    }
    let mut p = libc::pollfd {
        fd,
        events: if writing { libc::POLLOUT } else { libc::POLLIN },
        revents: 0,
    };
    let ms = ((timeout as i128 + 999_999) / 1_000_000).min(c_int::MAX as i128) as c_int;
    // SAFETY: p is one valid pollfd.
    let rc = gil::allow_threads(|| unsafe { libc::poll(&mut p, 1, ms) });
    if rc == 0 {
        Ready::TimedOut
    } else {
        Ready::Ok
    }
}

/// The error of a wait that did not end ready, if any.
#[track_caller]
fn wait_error(r: &Ready, what: &str) -> Option<Raised> {
    let at = Location::caller();
    let place = format!(
        "{}:{}",
        at.file().rsplit('/').next().unwrap_or(""),
        at.line()
    );
    match r {
        // SAFETY: PyExc_TimeoutError is set before any code runs.
        Ready::TimedOut => Some(unsafe {
            rterr::set_string(
                exc::PyExc_TimeoutError,
                &format!("{place}: The {what} operation timed out"),
            )
        }),
        Ready::Closed => Some(errors::plain(&format!(
            "{place}: Underlying socket has been closed."
        ))),
        _ => None,
    }
}

impl SslSocket {
    /// The socket (strong, for the call's duration), `Gone` when it was
    /// collected.
    fn sock(&self) -> Sock {
        let Some(r) = &self.socket else {
            return Sock::None;
        };
        // SAFETY: r is a weak reference.
        match unsafe { weakref::get_ref(r.as_ptr()) } {
            Some(s) => {
                // SAFETY: s is the socket object given at creation.
                match unsafe { crate::modules::socket::fd_and_timeout(s.as_ptr()) } {
                    Some((fd, t)) => Sock::Alive(s, fd, t),
                    None => Sock::Gone,
                }
            }
            None => Sock::Gone,
        }
    }

    /// The socket, with its BIOs switched to the socket's blocking mode;
    /// `SSLError` when it is gone.
    #[track_caller]
    fn live_sock(&self) -> PyResult<Sock> {
        let s = self.sock();
        match &s {
            Sock::Gone => Err(errors::with_text("Underlying socket connection gone")),
            Sock::Alive(_, _, t) => {
                // SAFETY: ssl is live.
                unsafe {
                    ffi::bio_set_nbio(ossl::SSL_get_rbio(self.ssl), *t >= 0);
                    ffi::bio_set_nbio(ossl::SSL_get_wbio(self.ssl), *t >= 0);
                }
                Ok(s)
            }
            Sock::None => Ok(s),
        }
    }

    /// Runs `f` (an OpenSSL call on the connection `this` returning `ret`,
    /// a failure when `failed(ret)`) without the GIL and records the
    /// error. `this` is a raw pointer, not `&mut self`: the callbacks of
    /// the call read and write `saved` meanwhile.
    fn call<R: Copy>(
        this: *mut SslSocket,
        failed: impl Fn(R) -> bool,
        f: impl FnOnce(*mut ossl::SSL) -> R,
    ) -> R {
        // SAFETY: this is a live connection state; saved is atomic.
        unsafe {
            let ssl = (*this).ssl;
            let ts = gil::save_thread();
            (*this).saved.store(ts, Ordering::SeqCst);
            let r = f(ssl);
            let mut err = LastErr::default();
            if failed(r) {
                err.c = rterr::last_errno();
                err.ssl = ossl::SSL_get_error(ssl, ret_code(r));
            }
            (*this).saved.store(null_mut(), Ordering::SeqCst);
            gil::restore_thread(ts);
            (*this).err = err;
            r
        }
    }

    /// Chains an exception a callback raised onto the current one (or
    /// raises it): `PySSL_ChainExceptions`.
    fn chain_pending(&mut self) -> PyResult<()> {
        let Some(p) = self.pending.take() else {
            return Ok(());
        };
        if rterr::occurred().is_null() {
            return Err(rterr::restore(p));
        }
        // SAFETY: an exception is set; p is an owned exception.
        unsafe { crate::capi::exceptions::_PyErr_ChainExceptions1(p.into_raw()) };
        Err(Raised::assume())
    }

    /// `PySSL_SetError`: the exception for a failed call that returned
    /// `ret`.
    #[track_caller]
    fn set_error(&mut self, ret: c_int) -> Raised {
        let at = Location::caller();
        // SAFETY: reads this thread's error queue.
        let e = unsafe { ossl::ERR_peek_last_error() };
        let mut kind = Exc::Error;
        let mut errstr = None;
        let p;
        match self.err.ssl {
            ossl::SSL_ERROR_ZERO_RETURN => {
                errstr = Some("TLS/SSL connection has been closed (EOF)");
                kind = Exc::ZeroReturn;
                p = 6;
            }
            ossl::SSL_ERROR_WANT_READ => {
                errstr = Some("The operation did not complete (read)");
                kind = Exc::WantRead;
                p = 2;
            }
            ossl::SSL_ERROR_WANT_WRITE => {
                errstr = Some("The operation did not complete (write)");
                kind = Exc::WantWrite;
                p = 3;
            }
            ossl::SSL_ERROR_WANT_X509_LOOKUP => {
                errstr = Some("The operation did not complete (X509 lookup)");
                p = 4;
            }
            ossl::SSL_ERROR_WANT_CONNECT => {
                errstr = Some("The operation did not complete (connect)");
                p = 7;
            }
            ossl::SSL_ERROR_SYSCALL => {
                p = 5;
                if e == 0 {
                    let s = self.sock();
                    if ret == 0 || matches!(s, Sock::Gone) {
                        kind = Exc::Eof;
                        errstr = Some("EOF occurred in violation of protocol");
                        return self.finish(kind, 8, errstr, e, at);
                    }
                    if matches!(s, Sock::Alive(..)) && ret == -1 {
                        if self.err.c != 0 {
                            let r = errors::os_error(self.err.c);
                            return self.chain_pending().err().unwrap_or(r);
                        }
                        kind = Exc::Eof;
                        errstr = Some("EOF occurred in violation of protocol");
                        return self.finish(kind, 8, errstr, e, at);
                    }
                    kind = Exc::Syscall;
                    errstr = Some("Some I/O error occurred");
                }
            }
            ossl::SSL_ERROR_SSL => {
                p = 1;
                if e == 0 {
                    errstr = Some("A failure in the SSL library occurred");
                }
                if ossl::ERR_GET_LIB(e) == ossl::ERR_LIB_SYS {
                    // A system error; its reason is the errno.
                    let r = errors::os_error(ossl::ERR_GET_REASON(e));
                    return self.chain_pending().err().unwrap_or(r);
                }
                if ossl::ERR_GET_LIB(e) == ffi::ERR_LIB_SSL {
                    match ossl::ERR_GET_REASON(e) {
                        ffi::SSL_R_CERTIFICATE_VERIFY_FAILED => kind = Exc::CertVerification,
                        // An unexpected end of the stream is an EOF error.
                        ffi::SSL_R_UNEXPECTED_EOF_WHILE_READING => {
                            let text = Some("EOF occurred in violation of protocol");
                            return self.finish(Exc::Eof, 8, text, e, at);
                        }
                        _ => {}
                    }
                }
            }
            _ => {
                errstr = Some("Invalid error code");
                p = 10;
            }
        }
        self.finish(kind, p, errstr, e, at)
    }

    fn finish(
        &mut self,
        kind: Exc,
        p: c_int,
        errstr: Option<&str>,
        e: libc::c_ulong,
        at: &Location,
    ) -> Raised {
        let verify = (kind == Exc::CertVerification).then(|| {
            // SAFETY: ssl is live.
            let code = unsafe { ossl::SSL_get_verify_result(self.ssl) } as libc::c_long;
            let host = self
                .server_hostname
                .as_ref()
                // SAFETY: the hostname is a str.
                .and_then(|h| unsafe { pystr::as_str_opt(h.as_ptr()) });
            Verify {
                code,
                message: errors::verify_message(code, host),
            }
        });
        let r = errors::fill(kind, p, errstr, e, verify, at);
        // SAFETY: clears this thread's error queue.
        unsafe { ossl::ERR_clear_error() };
        self.chain_pending().err().unwrap_or(r)
    }
}

/// The `int` result of an OpenSSL call, for `SSL_get_error`.
fn ret_code<R: Copy>(r: R) -> c_int {
    // SAFETY: only called with c_int results.
    unsafe { std::mem::transmute_copy::<R, c_int>(&r) }
}

/// `newPySSLSocket` (and `_ssl_configure_hostname`).
pub unsafe fn new(
    ctx_obj: *mut PyObject,
    transport: Transport,
    server_side: bool,
    hostname: Option<String>,
    owner: Option<*mut PyObject>,
    sess: Option<*mut PyObject>,
) -> PyResult<Owned> {
    // SAFETY: ctx_obj is an _SSLContext; the transport objects valid.
    unsafe {
        let c = context(ctx_obj);
        use super::context::{PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER};
        if server_side && c.protocol == PROTOCOL_TLS_CLIENT {
            return Err(errors::with_text(
                "Cannot create a server socket with a PROTOCOL_TLS_CLIENT context",
            ));
        }
        if !server_side && c.protocol == PROTOCOL_TLS_SERVER {
            return Err(errors::with_text(
                "Cannot create a client socket with a PROTOCOL_TLS_SERVER context",
            ));
        }
        ossl::ERR_clear_error();
        let ssl = ossl::SSL_new(c.ctx);
        if ssl.is_null() {
            return Err(errors::from_queue());
        }
        let obj = objtype::new_obj(
            &raw mut SSLSOCKET_TYPE,
            SslSocket {
                ssl,
                socket: None,
                ctx: Some(Owned::from_borrowed(ctx_obj)),
                owner: None,
                server_hostname: None,
                server_side,
                shutdown_seen_zero: false,
                err: LastErr::default(),
                pending: None,
                saved: AtomicPtr::new(null_mut()),
            },
        );
        let obj = match obj {
            Ok(o) => o,
            Err(e) => {
                ossl::SSL_free(ssl);
                return Err(e);
            }
        };
        let s = sslsock(obj.as_ptr());
        ossl::SSL_set_ex_data(ssl, 0, obj.as_ptr().cast());
        let mut sock_timeout = None;
        match transport {
            Transport::Socket(sock) => {
                let (fd, t) = crate::modules::socket::fd_and_timeout(sock).unwrap_or((-1, -1));
                ossl::SSL_set_fd(ssl, fd);
                sock_timeout = Some(t);
                s.socket = Some(weakref::new(
                    &raw mut weakref::_PyWeakref_RefType,
                    sock,
                    null_mut(),
                )?);
            }
            Transport::Bio(inb, outb) => {
                // SSL_set_bio takes over one reference to each BIO.
                let (rb, wb) = (membio(inb).bio, membio(outb).bio);
                ossl::BIO_up_ref(rb);
                ossl::BIO_up_ref(wb);
                ossl::SSL_set_bio(ssl, rb, wb);
            }
        }
        ffi::ssl_set_mode(
            ssl,
            ossl::SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | ossl::SSL_MODE_AUTO_RETRY,
        );
        if c.post_handshake_auth {
            if server_side {
                // Only with peer verification does the server ask.
                let mode = ossl::SSL_get_verify_mode(ssl);
                if mode & ossl::SSL_VERIFY_PEER != 0 {
                    let cb = ossl::SSL_get_verify_callback(ssl);
                    ossl::SSL_set_verify(ssl, mode | ossl::SSL_VERIFY_POST_HANDSHAKE, cb);
                }
            } else {
                ossl::SSL_set_post_handshake_auth(ssl, 1);
            }
        }
        if let Some(h) = hostname {
            configure_hostname(s, &h, c.check_hostname)?;
        }
        if let Some(t) = sock_timeout {
            if t >= 0 {
                ffi::bio_set_nbio(ossl::SSL_get_rbio(ssl), true);
                ffi::bio_set_nbio(ossl::SSL_get_wbio(ssl), true);
            }
        }
        if server_side {
            ossl::SSL_set_accept_state(ssl);
        } else {
            ossl::SSL_set_connect_state(ssl);
        }
        if let Some(o) = owner.filter(|&o| o != none::none()) {
            set_owner(s, o)?;
        }
        if let Some(x) = sess.filter(|&x| x != none::none()) {
            set_session(s, x)?;
        }
        Ok(obj)
    }
}

/// `_ssl_configure_hostname`: SNI (for names, not addresses) and the
/// name or address the certificate must match when `check`.
unsafe fn configure_hostname(s: &mut SslSocket, h: &str, check: bool) -> PyResult<()> {
    // SAFETY: s.ssl is live; the C strings outlive the calls.
    unsafe {
        if h.is_empty() || h.starts_with('.') {
            return Err(rterr::value_error(
                "server_hostname cannot be an empty string or start with a leading dot.",
            ));
        }
        let ch = std::ffi::CString::new(h).map_err(|_| rterr::value_error("embedded null byte"))?;
        let ip = ossl::a2i_IPADDRESS(ch.as_ptr());
        if ip.is_null() {
            ossl::ERR_clear_error();
        }
        s.server_hostname = Some(pystr::from_str(h)?);
        let result = (|| {
            if ip.is_null() && ffi::ssl_set_host_name(s.ssl, ch.as_ptr()) == 0 {
                return Err(errors::from_queue());
            }
            if check {
                let param = ossl::SSL_get0_param(s.ssl);
                let ok = if ip.is_null() {
                    ossl::X509_VERIFY_PARAM_set1_host(param, ch.as_ptr(), h.len())
                } else {
                    ossl::X509_VERIFY_PARAM_set1_ip(
                        param,
                        ossl::ASN1_STRING_get0_data(ip.cast()),
                        ossl::ASN1_STRING_length(ip.cast()) as usize,
                    )
                };
                if ok == 0 {
                    return Err(errors::from_queue());
                }
            }
            Ok(())
        })();
        if !ip.is_null() {
            ossl::ASN1_OCTET_STRING_free(ip);
        }
        result
    }
}

/// `PySSL_set_owner`: keeps a weak reference to `o`.
unsafe fn set_owner(s: &mut SslSocket, o: *mut PyObject) -> PyResult<()> {
    // SAFETY: o valid.
    s.owner = Some(unsafe { weakref::new(&raw mut weakref::_PyWeakref_RefType, o, null_mut())? });
    Ok(())
}

/// `PySSL_set_session`.
unsafe fn set_session(s: &mut SslSocket, v: *mut PyObject) -> PyResult<()> {
    // SAFETY: v valid; the session and SSL are live.
    unsafe {
        if !session::is_session(v) {
            return Err(rterr::type_error("Value is not a SSLSession."));
        }
        let sess = session::session(v);
        let ours = context(objtype::ptr(&s.ctx)).ctx;
        let theirs = context(objtype::ptr(&sess.ctx)).ctx;
        if ours != theirs {
            return Err(rterr::value_error(
                "Session refers to a different SSLContext.",
            ));
        }
        if s.server_side {
            return Err(rterr::value_error(
                "Cannot set session for server-side SSLSocket.",
            ));
        }
        if ossl::SSL_is_init_finished(s.ssl) != 0 {
            return Err(rterr::value_error("Cannot set session after handshake."));
        }
        if ossl::SSL_set_session(s.ssl, sess.session) == 0 {
            return Err(errors::from_queue());
        }
        Ok(())
    }
}

/// The deadline machinery of the I/O methods.
struct Deadline {
    timeout: i64,
    deadline: Option<i64>,
}

impl Deadline {
    fn new(timeout: i64) -> Deadline {
        Deadline {
            timeout,
            deadline: (timeout > 0).then(|| crate::modules::socket::now_ns() + timeout),
        }
    }
    /// What is left of the timeout.
    fn left(&mut self) -> i64 {
        if let Some(d) = self.deadline {
            self.timeout = d - crate::modules::socket::now_ns();
        }
        self.timeout
    }
}

/// The readiness to wait for after error `e`, if any.
fn wait_for(sock: &Sock, e: c_int, timeout: i64) -> Ready {
    match e {
        ossl::SSL_ERROR_WANT_READ => select(sock, false, timeout),
        ossl::SSL_ERROR_WANT_WRITE => select(sock, true, timeout),
        _ => Ready::Ok,
    }
}

/// After one OpenSSL call of an I/O loop, waits (within `dl`) for the
/// readiness OpenSSL asked for: `Ok(true)` when the call is to be made
/// again, `Ok(false)` when the loop ends (a non-blocking socket, or an
/// outcome other than want-read/want-write); a timeout or a closed
/// socket raises, after chaining the pending exception.
#[track_caller]
fn wait_retry(s: &mut SslSocket, sock: &Sock, dl: &mut Deadline, what: &str) -> PyResult<bool> {
    let state = wait_for(sock, s.err.ssl, dl.left());
    if let Some(e) = wait_error(&state, what) {
        let _ = s.chain_pending();
        return Err(e);
    }
    Ok(state != Ready::NonBlocking
        && (s.err.ssl == ossl::SSL_ERROR_WANT_READ || s.err.ssl == ossl::SSL_ERROR_WANT_WRITE))
}

meth_noargs!(sock_do_handshake, |slf| {
    let s = sslsock(slf);
    let sock = s.live_sock()?;
    let mut dl = Deadline::new(sock.timeout());
    let mut ret;
    loop {
        // SAFETY: ssl is live.
        ret = SslSocket::call(
            s,
            |r: c_int| r < 1,
            |ssl| unsafe { ossl::SSL_do_handshake(ssl) },
        );
        if let Err(e) = rterr::check_signals() {
            let _ = s.chain_pending();
            return Err(e);
        }
        if !wait_retry(s, &sock, &mut dl, "handshake")? {
            break;
        }
    }
    drop(sock);
    if ret < 1 {
        return Err(s.set_error(ret));
    }
    s.chain_pending()?;
    Ok(none::owned())
});

builtin!(sock_read, |slf, args, kws| {
    args::no_kwargs("read", &kws)?;
    args::arity("read", args, 1, 2)?;
    let len = args::clinic_int(args[0])?;
    let buffer = args.get(1).copied();
    let s = sslsock(slf);
    let sock = s.live_sock()?;
    let mut guard = None;
    let (ptr, len) = match buffer {
        Some(b) => {
            let g = Guard::new(b, PyBUF_WRITABLE)?;
            let cap = g.len();
            let n = if len <= 0 || len as usize > cap {
                cap
            } else {
                len as usize
            };
            let p = g.as_slice().as_ptr() as *mut u8;
            guard = Some(g);
            (p, n)
        }
        None => {
            if len < 0 {
                return Err(rterr::value_error("size should not be negative"));
            }
            (null_mut(), len as usize)
        }
    };
    let mut out = vec![0u8; if guard.is_some() { 0 } else { len }];
    let dest = if guard.is_some() {
        ptr
    } else {
        out.as_mut_ptr()
    };
    if len == 0 {
        return match guard {
            Some(_) => int::from_i64(0),
            None => bytes::from_slice(&[]),
        };
    }
    let mut dl = Deadline::new(sock.timeout());
    let mut count: usize = 0;
    let mut ret;
    loop {
        let d = dest as usize;
        // SAFETY: dest has len writable bytes; ssl is live.
        ret = SslSocket::call(
            s,
            |r: c_int| r == 0,
            |ssl| unsafe { ossl::SSL_read_ex(ssl, d as *mut c_void, len, &mut count) },
        );
        if let Err(e) = rterr::check_signals() {
            let _ = s.chain_pending();
            return Err(e);
        }
        if s.err.ssl == ossl::SSL_ERROR_ZERO_RETURN
            && ossl::SSL_get_shutdown(s.ssl) == ossl::SSL_RECEIVED_SHUTDOWN
        {
            count = 0;
            ret = 1;
            break;
        }
        if !wait_retry(s, &sock, &mut dl, "read")? || ret != 0 {
            break;
        }
    }
    drop(sock);
    if ret == 0 {
        return Err(s.set_error(ret));
    }
    s.chain_pending()?;
    match guard {
        Some(_) => int::from_i64(count as i64),
        None => bytes::from_slice(&out[..count]),
    }
});

objtype::meth_o!(sock_write, |slf, arg| {
    let g = Guard::new(arg, PyBUF_SIMPLE)?;
    let data = g.as_slice();
    if data.len() > c_int::MAX as usize {
        return Err(rterr::overflow_error(format!(
            "string longer than {} bytes",
            c_int::MAX
        )));
    }
    let s = sslsock(slf);
    let sock = s.live_sock()?;
    let mut dl = Deadline::new(sock.timeout());
    let first = select(&sock, true, dl.timeout);
    if let Some(e) = wait_error(&first, "write") {
        return Err(e);
    }
    let mut count: usize = 0;
    let mut ret;
    loop {
        let (p, n) = (data.as_ptr() as usize, data.len());
        // SAFETY: data has n bytes; ssl is live.
        ret = SslSocket::call(
            s,
            |r: c_int| r == 0,
            |ssl| unsafe { ossl::SSL_write_ex(ssl, p as *const c_void, n, &mut count) },
        );
        if let Err(e) = rterr::check_signals() {
            let _ = s.chain_pending();
            return Err(e);
        }
        if !wait_retry(s, &sock, &mut dl, "write")? || ret != 0 {
            break;
        }
    }
    drop(sock);
    if ret == 0 {
        return Err(s.set_error(ret));
    }
    s.chain_pending()?;
    int::from_i64(count as i64)
});

meth_noargs!(sock_pending, |slf| {
    let s = sslsock(slf);
    let n = SslSocket::call(s, |r: c_int| r < 0, |ssl| unsafe { ossl::SSL_pending(ssl) });
    if n < 0 {
        return Err(s.set_error(n));
    }
    int::from_i64(n as i64)
});

meth_noargs!(sock_shutdown, |slf| {
    let s = sslsock(slf);
    let sock = s.sock();
    match &sock {
        Sock::Gone => return Err(errors::with_text("Underlying socket connection gone")),
        Sock::Alive(_, fd, _) if *fd < 0 => {
            return Err(errors::with_text("Underlying socket has been closed."))
        }
        _ => {}
    }
    let sock = s.live_sock()?;
    let mut dl = Deadline::new(sock.timeout());
    let mut zeros = 0;
    let mut ret;
    loop {
        // Having seen one zero, stop reading ahead so that the second
        // call sends close_notify without waiting for data.
        if s.shutdown_seen_zero {
            ffi::ssl_set_read_ahead(s.ssl, false);
        }
        // SAFETY: ssl is live.
        ret = SslSocket::call(
            s,
            |r: c_int| r < 0,
            |ssl| unsafe { ossl::SSL_shutdown(ssl) },
        );
        if ret > 0 {
            break;
        }
        if ret == 0 {
            zeros += 1;
            if zeros > 1 {
                break;
            }
            s.shutdown_seen_zero = true;
            continue;
        }
        let timeout = dl.left();
        let state = match s.err.ssl {
            ossl::SSL_ERROR_WANT_READ => select(&sock, false, timeout),
            ossl::SSL_ERROR_WANT_WRITE => select(&sock, true, timeout),
            _ => break,
        };
        if state == Ready::TimedOut {
            let what = if s.err.ssl == ossl::SSL_ERROR_WANT_READ {
                "read"
            } else {
                "write"
            };
            let _ = s.chain_pending();
            return Err(wait_error(&state, what).unwrap_or_else(Raised::assume));
        }
        if state != Ready::Ok {
            break;
        }
    }
    if ret < 0 {
        drop(sock);
        return Err(s.set_error(ret));
    }
    s.chain_pending()?;
    Ok(match sock {
        Sock::Alive(o, _, _) => o,
        _ => none::owned(),
    })
});

builtin!(sock_getpeercert, |slf, args, kws| {
    let [binary] = args::bind("getpeercert", args, &kws, ["binary_form"], 1, 0)?;
    let binary = match binary {
        Some(b) => protocol::is_true(b)?,
        None => false,
    };
    let s = sslsock(slf);
    if ossl::SSL_is_init_finished(s.ssl) == 0 {
        return Err(rterr::value_error("handshake not done yet"));
    }
    let cert = ossl::SSL_get1_peer_certificate(s.ssl);
    if cert.is_null() {
        return Ok(none::owned());
    }
    let r = if binary {
        certdecode::der(cert)
    } else if ossl::SSL_CTX_get_verify_mode(ossl::SSL_get_SSL_CTX(s.ssl)) & ossl::SSL_VERIFY_PEER
        == 0
    {
        crate::object::dict::new()
    } else {
        certdecode::decode(cert)
    };
    ossl::X509_free(cert);
    r
});

meth_noargs!(sock_cipher, |slf| {
    let c = ossl::SSL_get_current_cipher(sslsock(slf).ssl);
    if c.is_null() {
        return Ok(none::owned());
    }
    ciphers::cipher_tuple(c)
});

meth_noargs!(sock_shared_ciphers, |slf| {
    let s = sslsock(slf);
    let server = ossl::SSL_get_ciphers(s.ssl);
    let client = ossl::SSL_get_client_ciphers(s.ssl);
    if server.is_null() || client.is_null() {
        return Ok(none::owned());
    }
    let mut out = Vec::new();
    for i in 0..ossl::OPENSSL_sk_num(server.cast()) {
        let c = ossl::OPENSSL_sk_value(server.cast(), i) as *const ossl::SSL_CIPHER;
        if ossl::OPENSSL_sk_find(client as *mut _, c as *const c_void) >= 0 {
            out.push(ciphers::cipher_tuple(c)?);
        }
    }
    list::from_vec(out)
});

meth_noargs!(sock_version, |slf| {
    let s = sslsock(slf);
    if ossl::SSL_is_init_finished(s.ssl) == 0 {
        return Ok(none::owned());
    }
    ciphers::opt_str(ossl::SSL_get_version(s.ssl))
});

meth_noargs!(sock_selected_alpn_protocol, |slf| {
    let mut p: *const u8 = std::ptr::null();
    let mut n: libc::c_uint = 0;
    ossl::SSL_get0_alpn_selected(sslsock(slf).ssl, &mut p, &mut n);
    if p.is_null() || n == 0 {
        return Ok(none::owned());
    }
    pystr::from_utf8(std::slice::from_raw_parts(p, n as usize))
});

meth_noargs!(sock_compression, |slf| {
    let _ = slf;
    // OpenSSL 3 is built without TLS compression.
    Ok(none::owned())
});

builtin!(sock_get_channel_binding, |slf, args, kws| {
    let [cb_type] = args::bind("get_channel_binding", args, &kws, ["cb_type"], 1, 0)?;
    let kind = match cb_type {
        Some(t) => pystr::as_str(t)?.to_owned(),
        None => "tls-unique".to_owned(),
    };
    if kind != "tls-unique" {
        return Err(rterr::value_error(format!(
            "'{kind}' channel binding type not implemented"
        )));
    }
    let s = sslsock(slf);
    let mut buf = [0u8; 64];
    // The first Finished message of the handshake: ours when we resumed
    // as client or did a full handshake as server, else the peer's.
    let ours = (ossl::SSL_session_reused(s.ssl) != 0) ^ !s.server_side;
    let n = if ours {
        ossl::SSL_get_finished(s.ssl, buf.as_mut_ptr().cast(), buf.len())
    } else {
        ossl::SSL_get_peer_finished(s.ssl, buf.as_mut_ptr().cast(), buf.len())
    };
    if n == 0 {
        return Ok(none::owned());
    }
    bytes::from_slice(&buf[..n.min(buf.len())])
});

meth_noargs!(sock_verify_client_post_handshake, |slf| {
    if ossl::SSL_verify_client_post_handshake(sslsock(slf).ssl) == 0 {
        return Err(errors::from_queue());
    }
    Ok(none::owned())
});

/// A getter of `_SSLSocket`, seeing its state.
macro_rules! getter {
    ($name:ident, |$s:ident| $body:expr) => {
        state_getter!($name, sslsock, |$s| $body);
    };
}

/// A setter of `_SSLSocket`, seeing its state and the value.
macro_rules! setter {
    ($name:ident, |$s:ident, $v:ident| $body:expr) => {
        state_setter!($name, sslsock, |$s, $v| $body);
    };
}

getter!(sock_get_context, |s| Ok(s
    .ctx
    .clone()
    .unwrap_or_else(none::owned)));
setter!(sock_set_context, |s, v| {
    if !is_context(v) {
        return Err(rterr::type_error("The value must be a SSLContext"));
    }
    ossl::SSL_set_SSL_CTX(s.ssl, context(v).ctx);
    s.ctx = Some(Owned::from_borrowed(v));
    Ok(())
});

getter!(sock_get_server_side, |s| Ok(Owned::from_borrowed_static(
    pybool::from_bool(s.server_side)
)));
getter!(sock_get_server_hostname, |s| Ok(s
    .server_hostname
    .clone()
    .unwrap_or_else(none::owned)));

getter!(sock_get_owner, |s| Ok(match &s.owner {
    Some(r) => weakref::get_ref(r.as_ptr()).unwrap_or_else(none::owned),
    None => none::owned(),
}));
setter!(sock_set_owner, |s, v| set_owner(s, v));

getter!(sock_get_session, |s| {
    let sess = ossl::SSL_get1_session(s.ssl);
    if sess.is_null() {
        return Ok(none::owned());
    }
    session::new(sess, s.ctx.clone())
});
setter!(sock_set_session, |s, v| set_session(s, v));

getter!(sock_get_session_reused, |s| Ok(
    Owned::from_borrowed_static(pybool::from_bool(ossl::SSL_session_reused(s.ssl) != 0))
));

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut SSLSOCKET_METHODS: [PyMethodDef; 16] = [
    method(
        c"do_handshake",
        sock_do_handshake as *const c_void,
        METH_NOARGS,
    ),
    method(c"read", sock_read as *const c_void, FK),
    method(c"write", sock_write as *const c_void, METH_O),
    method(c"pending", sock_pending as *const c_void, METH_NOARGS),
    method(c"shutdown", sock_shutdown as *const c_void, METH_NOARGS),
    method(c"getpeercert", sock_getpeercert as *const c_void, FK),
    method(c"cipher", sock_cipher as *const c_void, METH_NOARGS),
    method(
        c"shared_ciphers",
        sock_shared_ciphers as *const c_void,
        METH_NOARGS,
    ),
    method(c"version", sock_version as *const c_void, METH_NOARGS),
    method(
        c"selected_alpn_protocol",
        sock_selected_alpn_protocol as *const c_void,
        METH_NOARGS,
    ),
    method(
        c"compression",
        sock_compression as *const c_void,
        METH_NOARGS,
    ),
    method(
        c"get_channel_binding",
        sock_get_channel_binding as *const c_void,
        FK,
    ),
    method(
        c"verify_client_post_handshake",
        sock_verify_client_post_handshake as *const c_void,
        METH_NOARGS,
    ),
    method(
        c"get_verified_chain",
        super::certificate::get_verified_chain as *const c_void,
        METH_NOARGS,
    ),
    method(
        c"get_unverified_chain",
        super::certificate::get_unverified_chain as *const c_void,
        METH_NOARGS,
    ),
    METHOD_END,
];

static mut SSLSOCKET_GETSET: [PyGetSetDef; 7] = [
    getset(c"context", Some(sock_get_context), Some(sock_set_context)),
    getset(c"server_side", Some(sock_get_server_side), None),
    getset(c"server_hostname", Some(sock_get_server_hostname), None),
    getset(c"owner", Some(sock_get_owner), Some(sock_set_owner)),
    getset(c"session", Some(sock_get_session), Some(sock_set_session)),
    getset(c"session_reused", Some(sock_get_session_reused), None),
    GETSET_END,
];

/// `_ssl._SSLSocket`.
pub static mut SSLSOCKET_TYPE: PyTypeObject = PyTypeObject {
    tp_methods: (&raw mut SSLSOCKET_METHODS).cast(),
    tp_getset: (&raw mut SSLSOCKET_GETSET).cast(),
    ..objtype::gc_type::<SslSocket>(
        c"_ssl._SSLSocket",
        Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    )
};

/// The SSL of `op`, an `_SSLSocket` (for the certificate chain methods).
pub unsafe fn ssl_of(op: *mut PyObject) -> *mut ossl::SSL {
    // SAFETY: op is an _SSLSocket.
    unsafe { sslsock(op).ssl }
}
