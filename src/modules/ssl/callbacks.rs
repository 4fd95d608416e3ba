//! The callbacks OpenSSL makes during a connection's calls: the SNI
//! callback (`_servername_callback`), the message callback
//! (`_PySSL_msg_callback`) and the key log (`_PySSL_keylog_callback`).
//! They run inside an OpenSSL call that released the GIL; the Python
//! ones take it back through the thread state the connection saved.
use super::context::context;
use super::ossl;
use super::sslsocket::{sslsock, SslSocket};
use crate::ffi::*;
use crate::modules::objtype;
use crate::object::{bytes, int, none, protocol, str as pystr, weakref};
use crate::runtime::gil;
use crate::Owned;
use libc::{c_char, c_int, c_uint, c_void};
use std::io::Write;
use std::ptr::null_mut;
use std::sync::atomic::Ordering;

/// Runs `f` with the connection of `ssl` (its `_SSLSocket` and the
/// object) and the GIL; `None` when the SSL has no connection object.
unsafe fn with_gil<R>(
    ssl: *const ossl::SSL,
    f: impl FnOnce(&mut SslSocket, *mut PyObject) -> R,
) -> Option<R> {
    // SAFETY: the SSL's ex data is its _SSLSocket (set at creation); the
    // saved thread state is this thread's, detached by the running call.
    unsafe {
        let obj: *mut PyObject = ossl::SSL_get_ex_data(ssl, 0).cast();
        if obj.is_null() {
            return None;
        }
        let s = sslsock(obj);
        let ts = s.saved.load(Ordering::SeqCst);
        if !ts.is_null() {
            gil::restore_thread(ts);
        }
        let r = f(s, obj);
        if !ts.is_null() {
            s.saved.store(gil::save_thread(), Ordering::SeqCst);
        }
        Some(r)
    }
}

/// The object a callback reports the connection as: its owner (the
/// `SSLSocket` or `SSLObject`), else its socket, else itself; `None` when
/// that was collected.
unsafe fn reported(s: &SslSocket, obj: *mut PyObject) -> Option<Owned> {
    // SAFETY: the references are weak references.
    unsafe {
        match s.owner.as_ref().or(s.socket.as_ref()) {
            Some(r) => weakref::get_ref(r.as_ptr()),
            None => Some(Owned::from_borrowed(obj)),
        }
    }
}

/// `_servername_callback`: calls the `sni_callback` of the connection's
/// context with the connection, the requested name (IDNA-decoded, or
/// `None`) and the context. An exception is reported as unraisable and
/// fails the handshake; an int result is the alert to send.
pub unsafe extern "C" fn servername(
    ssl: *mut ossl::SSL,
    al: *mut c_int,
    _arg: *mut c_void,
) -> c_int {
    // SAFETY: OpenSSL passes a live SSL and alert slot.
    unsafe { with_gil(ssl, |s, obj| sni_call(s, obj, ssl, al)).unwrap_or(ossl::SSL_TLSEXT_ERR_OK) }
}

/// The body of [`servername`], with the GIL held.
unsafe fn sni_call(
    s: &mut SslSocket,
    obj: *mut PyObject,
    ssl: *mut ossl::SSL,
    al: *mut c_int,
) -> c_int {
    // SAFETY: per servername.
    unsafe {
        let ctx_obj = objtype::ptr(&s.ctx);
        let Some(cb) = context(ctx_obj).sni_callback.clone() else {
            return ossl::SSL_TLSEXT_ERR_OK;
        };
        let fatal = |alert: c_int| {
            *al = alert;
            ossl::SSL_TLSEXT_ERR_ALERT_FATAL
        };
        let Some(target) = reported(s, obj) else {
            return fatal(ossl::SSL_AD_INTERNAL_ERROR);
        };
        let name = ossl::SSL_get_servername(ssl, ossl::TLSEXT_NAMETYPE_host_name);
        let name_obj = if name.is_null() {
            Ok(none::owned())
        } else {
            let raw = std::ffi::CStr::from_ptr(name).to_bytes();
            bytes::from_slice(raw).and_then(|b| {
                let enc = pystr::from_str("idna")?;
                protocol::call_method_obj(b.as_ptr(), "decode", &[enc.as_ptr()])
            })
        };
        let Ok(name_obj) = name_obj else {
            crate::capi::exceptions::PyErr_WriteUnraisable(null_mut());
            return fatal(ossl::SSL_AD_INTERNAL_ERROR);
        };
        match protocol::call_args(cb.as_ptr(), &[target.as_ptr(), name_obj.as_ptr(), ctx_obj]) {
            Err(_) => {
                crate::capi::exceptions::PyErr_WriteUnraisable(cb.as_ptr());
                fatal(ossl::SSL_AD_HANDSHAKE_FAILURE)
            }
            Ok(r) if r.as_ptr() == none::none() => ossl::SSL_TLSEXT_ERR_OK,
            // The alert number, converted as `PyLong_AsLong` does.
            Ok(r) => match crate::object::number::index(r.as_ptr())
                .and_then(|i| int::as_i64(i.as_ptr()))
            {
                Ok(v) => fatal(v as c_int),
                Err(_) => {
                    crate::capi::exceptions::PyErr_WriteUnraisable(r.as_ptr());
                    fatal(ossl::SSL_AD_INTERNAL_ERROR)
                }
            },
        }
    }
}

/// `_PySSL_msg_callback`: calls the context's `_msg_callback` with the
/// connection, "read" or "write", the version, content type, message type
/// and the raw message. An exception is kept on the connection and raised
/// when its call returns.
pub unsafe extern "C" fn message(
    write_p: c_int,
    version: c_int,
    content_type: c_int,
    buf: *const c_void,
    len: usize,
    ssl: *mut ossl::SSL,
    _arg: *mut c_void,
) {
    const SSL3_RT_CHANGE_CIPHER_SPEC: c_int = 20;
    const SSL3_RT_ALERT: c_int = 21;
    const SSL3_RT_HANDSHAKE: c_int = 22;
    const SSL3_RT_HEADER: c_int = 0x100;
    const SSL3_RT_INNER_CONTENT_TYPE: c_int = 0x101;
    const SSL3_MT_CHANGE_CIPHER_SPEC: c_int = 0x0101;
    // SAFETY: buf has len bytes; the connection object is live.
    unsafe {
        let data = if buf.is_null() {
            &[][..]
        } else {
            std::slice::from_raw_parts(buf.cast::<u8>(), len)
        };
        let at = |i: usize| data.get(i).map_or(-1, |&b| b as c_int);
        let mut version = version;
        let msg_type = match content_type {
            SSL3_RT_CHANGE_CIPHER_SPEC => SSL3_MT_CHANGE_CIPHER_SPEC,
            // An alert's second byte is its description.
            SSL3_RT_ALERT => at(1),
            SSL3_RT_HANDSHAKE | SSL3_RT_INNER_CONTENT_TYPE => at(0),
            // A record header carries the version in bytes 1 and 2.
            SSL3_RT_HEADER => {
                version = at(1) << 8 | at(2);
                at(0)
            }
            _ => -1,
        };
        with_gil(ssl, |s, obj| {
            let Some(cb) = context(objtype::ptr(&s.ctx)).msg_callback.clone() else {
                return;
            };
            let Some(target) = reported(s, obj) else {
                return;
            };
            let call = || -> crate::PyResult<Owned> {
                let args = [
                    target,
                    pystr::from_str(if write_p != 0 { "write" } else { "read" })?,
                    int::from_i64(version as i64)?,
                    int::from_i64(content_type as i64)?,
                    int::from_i64(msg_type as i64)?,
                    bytes::from_slice(data)?,
                ];
                let ptrs: Vec<*mut PyObject> = args.iter().map(Owned::as_ptr).collect();
                protocol::call_args(cb.as_ptr(), &ptrs)
            };
            if call().is_err() {
                // The first exception is the one raised after the call.
                let e = crate::runtime::errors::take();
                if s.pending.is_none() {
                    s.pending = e;
                }
            }
        });
    }
}

/// `_PySSL_keylog_callback`: appends a line of secrets to the context's
/// key log file. It needs no GIL: the file sits behind its own lock.
pub unsafe extern "C" fn keylog(ssl: *const ossl::SSL, line: *const c_char) {
    // SAFETY: the SSL's ex data is its _SSLSocket, whose context outlives
    // the call; line is NUL-terminated.
    unsafe {
        let obj: *mut PyObject = ossl::SSL_get_ex_data(ssl, 0).cast();
        if obj.is_null() {
            return;
        }
        let ctx = objtype::ptr(&sslsock(obj).ctx);
        if let Some(f) = &context(ctx).keylog {
            let mut text = std::ffi::CStr::from_ptr(line).to_bytes().to_vec();
            text.push(b'\n');
            let mut file = f.lock().unwrap_or_else(|e| e.into_inner());
            // A failed write only loses key material for debugging.
            let _ = file.write_all(&text);
        }
    }
}

/// Calls the PSK callback chosen by `pick` from the connection's context
/// with `arg` (a C string or NULL, as str or `None`), with the GIL; an
/// exception is reported as unraisable and gives `None`.
unsafe fn psk_call(
    ssl: *mut ossl::SSL,
    arg: *const c_char,
    pick: fn(&super::context::Context) -> Option<Owned>,
    check: impl FnOnce(*mut PyObject) -> crate::PyResult<c_uint>,
) -> c_uint {
    // SAFETY: per with_gil; arg NULL or NUL-terminated.
    unsafe {
        with_gil(ssl, |s, _| {
            let Some(cb) = pick(context(objtype::ptr(&s.ctx))) else {
                return 0;
            };
            let run = || -> crate::PyResult<c_uint> {
                let a = if arg.is_null() || *arg == 0 {
                    none::owned()
                } else {
                    pystr::from_utf8(std::ffi::CStr::from_ptr(arg).to_bytes())?
                };
                let r = protocol::call_args(cb.as_ptr(), &[a.as_ptr()])?;
                check(r.as_ptr())
            };
            run().unwrap_or_else(|_| {
                crate::capi::exceptions::PyErr_WriteUnraisable(cb.as_ptr());
                0
            })
        })
        .unwrap_or(0)
    }
}

/// The bytes of a `bytes`-like result (`y#`).
unsafe fn psk_bytes(o: *mut PyObject) -> crate::PyResult<Vec<u8>> {
    // SAFETY: o valid.
    unsafe {
        Ok(crate::object::buffer::Guard::new(o, PyBUF_SIMPLE)?
            .as_slice()
            .to_vec())
    }
}

/// `psk_client_callback`: the callback gets the server's identity hint and
/// returns `(identity, psk)`; the identity (str or `None`) and key are
/// copied into OpenSSL's buffers.
pub extern "C" fn psk_client(
    ssl: *mut ossl::SSL,
    hint: *const c_char,
    identity: *mut c_char,
    max_identity_len: c_uint,
    psk: *mut u8,
    max_psk_len: c_uint,
) -> c_uint {
    // SAFETY: OpenSSL's buffers have the given sizes.
    unsafe {
        psk_call(
            ssl,
            hint,
            |c| c.psk_client_callback.clone(),
            |r| {
                if !crate::object::tuple::check(r) || crate::object::tuple::size(r) != 2 {
                    return Err(crate::runtime::errors::type_error(
                        "psk_client_callback must return a tuple of (identity, psk)",
                    ));
                }
                let items = crate::object::tuple::items(r);
                let id = if items[0] == none::none() {
                    Vec::new()
                } else {
                    pystr::as_str(items[0])?.as_bytes().to_vec()
                };
                let key = psk_bytes(items[1])?;
                if id.len() + 1 > max_identity_len as usize || key.len() > max_psk_len as usize {
                    return Err(crate::runtime::errors::value_error(
                        "PSK or identity too long",
                    ));
                }
                std::ptr::copy_nonoverlapping(key.as_ptr(), psk, key.len());
                std::ptr::copy_nonoverlapping(id.as_ptr(), identity.cast(), id.len());
                *identity.add(id.len()) = 0;
                Ok(key.len() as c_uint)
            },
        )
    }
}

/// `psk_server_callback`: the callback gets the client's identity and
/// returns the key (empty: unknown identity).
pub extern "C" fn psk_server(
    ssl: *mut ossl::SSL,
    identity: *const c_char,
    psk: *mut u8,
    max_psk_len: c_uint,
) -> c_uint {
    // SAFETY: OpenSSL's buffer has max_psk_len bytes.
    unsafe {
        psk_call(
            ssl,
            identity,
            |c| c.psk_server_callback.clone(),
            |r| {
                let key = psk_bytes(r)?;
                if key.len() > max_psk_len as usize {
                    return Err(crate::runtime::errors::value_error("PSK too long"));
                }
                std::ptr::copy_nonoverlapping(key.as_ptr(), psk, key.len());
                Ok(key.len() as c_uint)
            },
        )
    }
}
