//! `_ssl.SSLSession` (CPython's `PySSLSession`): a TLS session taken from
//! a connection, which a later client connection from the same context
//! may resume.
use super::ossl;
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::objtype::{self, Refs, State, Visit};
use crate::object::descr::{getset, GETSET_END};
use crate::object::{bool as pybool, bytes, int, none};
use crate::runtime::errors::PyResult;
use crate::Owned;
use libc::{c_int, c_void};

/// The state of an `SSLSession`.
pub struct Session {
    pub session: *mut ossl::SSL_SESSION,
    /// The `_SSLContext` the session came from.
    pub ctx: Option<Owned>,
}

impl State for Session {
    fn traverse(&self, v: Visit) -> c_int {
        self.ctx.visit(v)
    }
    fn clear(&mut self) {
        self.ctx.clear_refs();
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if !self.session.is_null() {
            // SAFETY: our reference to the session.
            unsafe { ossl::SSL_SESSION_free(self.session) };
        }
    }
}

/// The state of `op`, an `SSLSession`.
///
/// # Safety
/// `op` is an `SSLSession`.
pub unsafe fn session<'a>(op: *mut PyObject) -> &'a mut Session {
    // SAFETY: per the contract.
    unsafe { objtype::state::<Session>(op) }
}

/// Whether `op` is an `SSLSession`.
pub unsafe fn is_session(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { crate::object::typeobj::instance_of(op, &raw mut SESSION_TYPE) }
}

/// A new `SSLSession` owning `s` (a reference from `SSL_get1_session`).
pub fn new(s: *mut ossl::SSL_SESSION, ctx: Option<Owned>) -> PyResult<Owned> {
    // SAFETY: the type is static; the state takes the reference.
    unsafe { objtype::new_obj(&raw mut SESSION_TYPE, Session { session: s, ctx }) }
}

/// The session id's bytes.
unsafe fn id_of<'a>(s: *mut ossl::SSL_SESSION) -> &'a [u8] {
    // SAFETY: s is a live session; the id lives as long as it.
    unsafe {
        let mut n: libc::c_uint = 0;
        let p = ossl::SSL_SESSION_get_id(s, &mut n);
        if p.is_null() {
            return &[];
        }
        std::slice::from_raw_parts(p, n as usize)
    }
}

/// `PySSLSession_richcompare`: sessions are equal when their ids are;
/// other comparisons are not supported.
unsafe extern "C" fn session_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a session; b valid.
        unsafe {
            if !is_session(b) || (op != Py_EQ && op != Py_NE) {
                return Ok(Owned::from_borrowed_static(none::not_implemented()));
            }
            let eq = a == b || id_of(session(a).session) == id_of(session(b).session);
            Ok(Owned::from_borrowed_static(pybool::from_bool(
                eq == (op == Py_EQ),
            )))
        }
    })
}

/// A getter of `SSLSession`, seeing its OpenSSL session.
macro_rules! getter {
    ($name:ident, |$s:ident| $body:expr) => {
        state_getter!($name, |slf| session(slf).session, |$s| $body);
    };
}

getter!(session_time, |s| int::from_i64(
    ossl::SSL_SESSION_get_time(s) as i64
));
getter!(session_timeout, |s| int::from_i64(
    ossl::SSL_SESSION_get_timeout(s) as i64
));
getter!(session_ticket_lifetime_hint, |s| int::from_u64(
    ossl::SSL_SESSION_get_ticket_lifetime_hint(s) as u64
));
getter!(session_id, |s| bytes::from_slice(id_of(s)));
getter!(session_has_ticket, |s| Ok(Owned::from_borrowed_static(
    pybool::from_bool(ossl::SSL_SESSION_has_ticket(s) != 0)
)));

static mut SESSION_GETSET: [PyGetSetDef; 6] = [
    getset(c"time", Some(session_time), None),
    getset(c"timeout", Some(session_timeout), None),
    getset(
        c"ticket_lifetime_hint",
        Some(session_ticket_lifetime_hint),
        None,
    ),
    getset(c"id", Some(session_id), None),
    getset(c"has_ticket", Some(session_has_ticket), None),
    GETSET_END,
];

/// `_ssl.SSLSession`.
pub static mut SESSION_TYPE: PyTypeObject = PyTypeObject {
    tp_getset: (&raw mut SESSION_GETSET).cast(),
    tp_richcompare: Some(session_richcompare),
    ..objtype::gc_type::<Session>(
        c"_ssl.SSLSession",
        Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    )
};
