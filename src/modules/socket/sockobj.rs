//! `_socket.socket` (CPython's `PySocketSockObject`): creation from a
//! family/type/protocol or an existing descriptor, the finalizer that warns
//! about unclosed sockets, `repr`, the attributes, the blocking and timeout
//! modes, options, binding and naming. Data transfer is in `sockio`,
//! ancillary data in `msg`.
use super::addr::{self, SockAddr};
use super::{default_timeout, opt_int, parse_timeout, timeout_obj, varargs};
use crate::capi::boundary::{guard_obj, guard_status};
use crate::ffi::*;
use crate::modules::args::builtin;
use crate::modules::args::format_i;
use crate::modules::objtype::parse;
use crate::modules::posix::int_arg;
use crate::object::buffer::Guard;
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::refcount::*;
use crate::object::typeobj::{self, type_template};
use crate::object::{bool as pybool, bytes, int, none as pynone, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::runtime::gil::allow_threads;
use crate::Owned;
use libc::{c_int, c_void, socklen_t};
use std::mem::size_of;

/// The instance layout of `_socket.socket`.
#[repr(C)]
pub(super) struct SockObject {
    ob_base: PyObject,
    /// The descriptor, -1 once closed or detached.
    pub fd: c_int,
    pub family: c_int,
    pub ty: c_int,
    pub proto: c_int,
    /// Nanoseconds; negative blocks without limit, 0 never blocks.
    pub timeout: i64,
}

/// The socket state of `op`.
///
/// # Safety
/// `op` is an instance of `_socket.socket` (or a subclass).
pub(super) unsafe fn sock<'a>(op: *mut PyObject) -> &'a mut SockObject {
    // SAFETY: per the contract.
    unsafe { &mut *op.cast::<SockObject>() }
}

/// Defines a `METH_NOARGS` method whose body sees the socket state.
macro_rules! noargs {
    ($name:ident, |$s:ident, $slf:ident| $body:expr) => {
        pub(super) unsafe extern "C" fn $name(
            $slf: *mut $crate::ffi::PyObject,
            _: *mut $crate::ffi::PyObject,
        ) -> *mut $crate::ffi::PyObject {
            $crate::capi::boundary::guard_obj(|| {
                // SAFETY: METH_NOARGS on a socket: slf is a socket.
                #[allow(unused_variables, unused_unsafe)]
                unsafe {
                    let $s = $crate::modules::socket::sockobj::sock($slf);
                    $body
                }
            })
        }
    };
}
pub(super) use noargs;

/// Defines a `METH_O` method whose body sees the socket state and the
/// argument.
macro_rules! onearg {
    ($name:ident, |$s:ident, $slf:ident, $arg:ident| $body:expr) => {
        pub(super) unsafe extern "C" fn $name(
            $slf: *mut $crate::ffi::PyObject,
            $arg: *mut $crate::ffi::PyObject,
        ) -> *mut $crate::ffi::PyObject {
            $crate::capi::boundary::guard_obj(|| {
                // SAFETY: METH_O on a socket: slf is a socket, arg valid.
                #[allow(unused_variables, unused_unsafe)]
                unsafe {
                    let $s = $crate::modules::socket::sockobj::sock($slf);
                    $body
                }
            })
        }
    };
}
pub(super) use onearg;

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut SOCK_METHODS: [PyMethodDef; 28] = {
    use super::msg::*;
    use super::sockio::*;
    [
        method(c"_accept", sock_accept as *const c_void, METH_NOARGS),
        method(c"bind", sock_bind as *const c_void, METH_O),
        method(c"close", sock_close as *const c_void, METH_NOARGS),
        method(c"connect", sock_connect as *const c_void, METH_O),
        method(c"connect_ex", sock_connect_ex as *const c_void, METH_O),
        method(c"detach", sock_detach as *const c_void, METH_NOARGS),
        method(c"fileno", sock_fileno as *const c_void, METH_NOARGS),
        method(
            c"getpeername",
            sock_getpeername as *const c_void,
            METH_NOARGS,
        ),
        method(
            c"getsockname",
            sock_getsockname as *const c_void,
            METH_NOARGS,
        ),
        method(c"getsockopt", sock_getsockopt as *const c_void, FK),
        method(c"listen", sock_listen as *const c_void, FK),
        method(c"recv", sock_recv as *const c_void, FK),
        method(c"recv_into", sock_recv_into as *const c_void, FK),
        method(c"recvfrom", sock_recvfrom as *const c_void, FK),
        method(c"recvfrom_into", sock_recvfrom_into as *const c_void, FK),
        method(c"send", sock_send as *const c_void, FK),
        method(c"sendall", sock_sendall as *const c_void, FK),
        method(c"sendto", sock_sendto as *const c_void, FK),
        method(c"setblocking", sock_setblocking as *const c_void, METH_O),
        method(
            c"getblocking",
            sock_getblocking as *const c_void,
            METH_NOARGS,
        ),
        method(c"settimeout", sock_settimeout as *const c_void, METH_O),
        method(c"gettimeout", sock_gettimeout as *const c_void, METH_NOARGS),
        method(c"setsockopt", sock_setsockopt as *const c_void, FK),
        method(c"shutdown", sock_shutdown as *const c_void, METH_O),
        method(c"recvmsg", sock_recvmsg as *const c_void, FK),
        method(c"recvmsg_into", sock_recvmsg_into as *const c_void, FK),
        method(c"sendmsg", sock_sendmsg as *const c_void, FK),
        METHOD_END,
    ]
};

static SOCK_MEMBERS: [PyMemberDef; 4] = [
    int_member(
        c"family",
        std::mem::offset_of!(SockObject, family),
        c"the socket family",
    ),
    int_member(
        c"type",
        std::mem::offset_of!(SockObject, ty),
        c"the socket type",
    ),
    int_member(
        c"proto",
        std::mem::offset_of!(SockObject, proto),
        c"the socket protocol",
    ),
    PyMemberDef {
        name: std::ptr::null(),
        r#type: 0,
        offset: 0,
        flags: 0,
        doc: std::ptr::null(),
    },
];

const fn int_member(
    name: &'static std::ffi::CStr,
    offset: usize,
    doc: &'static std::ffi::CStr,
) -> PyMemberDef {
    PyMemberDef {
        name: name.as_ptr(),
        r#type: Py_T_INT,
        offset: offset as Py_ssize_t,
        flags: Py_READONLY,
        doc: doc.as_ptr(),
    }
}

static mut SOCK_GETSET: [PyGetSetDef; 2] =
    [getset(c"timeout", Some(sock_timeout_get), None), GETSET_END];

/// `_socket.socket`.
static mut SOCK_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    tp_dealloc: Some(sock_dealloc),
    tp_repr: Some(sock_repr),
    tp_methods: (&raw mut SOCK_METHODS).cast(),
    tp_members: (&raw const SOCK_MEMBERS).cast_mut().cast(),
    tp_getset: (&raw mut SOCK_GETSET).cast(),
    tp_init: Some(sock_init),
    tp_new: Some(sock_new),
    tp_alloc: Some(crate::capi::allocation::PyType_GenericAlloc),
    tp_free: Some(crate::capi::memory::PyObject_Free),
    tp_finalize: Some(sock_finalize),
    tp_doc: c"socket(family=AF_INET, type=SOCK_STREAM, proto=0) -> socket object\nsocket(family=-1, type=-1, proto=-1, fileno=None) -> socket object\n\nOpen a socket of the given type.  The family argument specifies the\naddress family; it defaults to AF_INET.  The type argument specifies\nwhether this is a stream (SOCK_STREAM, this is the default)\nor datagram (SOCK_DGRAM) socket.  The protocol argument defaults to 0,\nspecifying the default protocol.  Keyword arguments are accepted.\nThe socket is created as non-inheritable.\n\nWhen a fileno is passed in, family, type and proto are auto-detected,\nunless they are explicitly set.".as_ptr(),
    ..type_template(c"_socket.socket", size_of::<SockObject>(), 0)
};

/// The ready `_socket.socket` type (borrowed).
pub(super) fn sock_type() -> PyResult<*mut PyObject> {
    let tp = &raw mut SOCK_TYPE;
    // SAFETY: the static type is readied once, under the GIL.
    unsafe {
        if (*tp).tp_flags & Py_TPFLAGS_READY == 0 {
            typeobj::ready(tp)?;
        }
    }
    Ok(tp.cast())
}

unsafe extern "C" fn sock_new(
    tp: *mut PyTypeObject,
    _: *mut PyObject,
    _: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: tp is _socket.socket or a subclass.
    unsafe {
        let alloc = (*tp)
            .tp_alloc
            .unwrap_or(crate::capi::allocation::PyType_GenericAlloc);
        let op = alloc(tp, 0);
        if !op.is_null() {
            let s = sock(op);
            s.fd = -1;
            s.timeout = -1;
        }
        op
    }
}

/// Sets the descriptor's `O_NONBLOCK` flag (`internal_setblocking`).
pub(super) fn set_blocking(fd: c_int, block: bool) -> PyResult<()> {
    let mut arg = c_int::from(!block);
    // SAFETY: FIONBIO reads an int.
    if unsafe { libc::ioctl(fd, libc::FIONBIO, &mut arg) } == -1 {
        return Err(errors::last_os_error());
    }
    Ok(())
}

/// `init_sockobject`: fills in a socket for descriptor `fd`. The type
/// loses the SOCK_NONBLOCK and SOCK_CLOEXEC flags; a SOCK_NONBLOCK socket
/// starts non-blocking, any other gets the default timeout.
fn init_sock(
    s: &mut SockObject,
    fd: c_int,
    family: c_int,
    ty: c_int,
    proto: c_int,
) -> PyResult<()> {
    s.fd = fd;
    s.family = family;
    s.ty = ty & !(libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC);
    s.proto = proto;
    if ty & libc::SOCK_NONBLOCK != 0 {
        s.timeout = 0;
    } else {
        s.timeout = default_timeout();
        if s.timeout >= 0 {
            set_blocking(fd, false)?;
        }
    }
    Ok(())
}

/// An `int` socket option of `fd`.
fn int_option(fd: c_int, level: c_int, name: c_int) -> PyResult<c_int> {
    let mut v: c_int = 0;
    let mut len = size_of::<c_int>() as socklen_t;
    // SAFETY: v and len are writable and sized for an int option.
    if unsafe { libc::getsockopt(fd, level, name, (&raw mut v).cast(), &mut len) } != 0 {
        return Err(errors::last_os_error());
    }
    Ok(v)
}

unsafe extern "C" fn sock_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op is a socket under construction; args a tuple.
        unsafe {
            let [f, t, p, fileno] = parse(
                "socket",
                args,
                kwargs,
                ["family", "type", "proto", "fileno"],
                0,
                0,
            )?;
            let arg = |o: *mut PyObject| if o.is_null() { Ok(-1) } else { format_i(o) };
            let (mut family, mut ty, mut proto) = (arg(f)?, arg(t)?, arg(p)?);
            crate::runtime::audit::audit_with(c"socket.__new__", || {
                Ok(vec![
                    Owned::from_borrowed(op),
                    int::from_i64(family as i64)?,
                    int::from_i64(ty as i64)?,
                    int::from_i64(proto as i64)?,
                ])
            })?;
            let fd;
            if !fileno.is_null() && fileno != pynone::none() {
                let v = int_arg(fileno)?;
                if v < 0 {
                    return Err(errors::value_error("negative file descriptor"));
                }
                fd = c_int::try_from(v).map_err(|_| {
                    errors::overflow_error("Python int too large to convert to C int")
                })?;
                let mut a = SockAddr::zeroed(size_of::<libc::sockaddr_storage>() as socklen_t);
                if libc::getsockname(fd, a.as_mut_ptr(), &mut a.len) == 0 {
                    if family == -1 {
                        family = a.family();
                    }
                } else {
                    let e = errors::last_errno();
                    if family == -1 || e == libc::EBADF || e == libc::ENOTSOCK {
                        return Err(errors::last_os_error());
                    }
                }
                if ty == -1 {
                    ty = int_option(fd, libc::SOL_SOCKET, libc::SO_TYPE)?;
                }
                if proto == -1 {
                    proto = int_option(fd, libc::SOL_SOCKET, libc::SO_PROTOCOL)?;
                }
            } else {
                if family == -1 {
                    family = libc::AF_INET;
                }
                if ty == -1 {
                    ty = libc::SOCK_STREAM;
                }
                if proto == -1 {
                    proto = 0;
                }
                fd = allow_threads(|| libc::socket(family, ty | libc::SOCK_CLOEXEC, proto));
                if fd < 0 {
                    return Err(errors::last_os_error());
                }
            }
            if let Err(e) = init_sock(sock(op), fd, family, ty, proto) {
                libc::close(fd);
                sock(op).fd = -1;
                return Err(e);
            }
            Ok(())
        }
    })
}

/// `sock_finalize`: an open socket is reported with a `ResourceWarning`,
/// then closed.
unsafe extern "C" fn sock_finalize(op: *mut PyObject) {
    errors::keeping_raised(|| {
        // SAFETY: op is a live socket (resurrected by the caller).
        unsafe {
            if sock(op).fd == -1 {
                return;
            }
            let warned = protocol::repr(op).and_then(|r| {
                let msg = pystr::from_str(&format!("unclosed {}", pystr::as_str(r.as_ptr())?))?;
                crate::modules::_warnings::warn(
                    crate::object::exceptions::PyExc_ResourceWarning,
                    msg.as_ptr(),
                    1,
                    op,
                    std::ptr::null_mut(),
                )
            });
            if warned.is_err() {
                if errors::matches(crate::object::exceptions::PyExc_Warning) {
                    let what = protocol::repr(op)
                        .ok()
                        .and_then(|r| pystr::as_str(r.as_ptr()).ok().map(str::to_owned))
                        .unwrap_or_default();
                    crate::capi::exceptions::write_unraisable(
                        Some(&format!("Exception ignored while finalizing socket {what}")),
                        std::ptr::null_mut(),
                    );
                }
                errors::clear();
            }
            // Closed only after the warning, so that a logger can still
            // ask the socket for its name.
            let s = sock(op);
            let fd = std::mem::replace(&mut s.fd, -1);
            allow_threads(|| libc::close(fd));
        }
    })
}

unsafe extern "C" fn sock_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; a subclass's deallocator has run the
    // finalizer already.
    unsafe {
        let tp = (*op).ob_type;
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0
            && crate::object::subtype::call_finalizer_from_dealloc(op)
        {
            return;
        }
        match (*tp).tp_free {
            Some(free) => free(op.cast()),
            None => crate::capi::memory::PyObject_Free(op.cast()),
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

unsafe extern "C" fn sock_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a socket.
        let s = unsafe { sock(op) };
        pystr::from_str(&format!(
            "<socket object, fd={}, family={}, type={}, proto={}>",
            s.fd, s.family, s.ty, s.proto
        ))
    })
}

unsafe extern "C" fn sock_timeout_get(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a socket.
    guard_obj(|| timeout_obj(unsafe { sock(op) }.timeout))
}

noargs!(sock_gettimeout, |s, slf| timeout_obj(s.timeout));

onearg!(sock_settimeout, |s, slf, arg| {
    let t = parse_timeout(arg)?;
    s.timeout = t;
    set_blocking(s.fd, t < 0)?;
    Ok(pynone::owned())
});

onearg!(sock_setblocking, |s, slf, arg| {
    let block = protocol::is_true(arg)?;
    s.timeout = if block { -1 } else { 0 };
    set_blocking(s.fd, block)?;
    Ok(pynone::owned())
});

noargs!(sock_getblocking, |s, slf| Ok(Owned::from_borrowed(
    pybool::from_bool(s.timeout != 0)
)));

noargs!(sock_fileno, |s, slf| int::from_i64(s.fd as i64));

noargs!(sock_detach, |s, slf| {
    let fd = std::mem::replace(&mut s.fd, -1);
    int::from_i64(fd as i64)
});

noargs!(sock_close, |s, slf| {
    if s.fd != -1 {
        let fd = std::mem::replace(&mut s.fd, -1);
        // Never retried after EINTR: the descriptor is gone either way.
        let r = allow_threads(|| libc::close(fd));
        // The peer may have closed the connection already (bpo-30319).
        if r < 0 && errors::last_errno() != libc::ECONNRESET {
            return Err(errors::last_os_error());
        }
    }
    Ok(pynone::owned())
});

onearg!(sock_bind, |s, slf, arg| {
    let a = addr::parse(s.family, arg, "bind")?;
    crate::runtime::audit::audit(c"socket.bind", &[slf, arg])?;
    let fd = s.fd;
    if allow_threads(|| libc::bind(fd, a.as_ptr(), a.len)) < 0 {
        return Err(errors::last_os_error());
    }
    Ok(pynone::owned())
});

builtin!(sock_listen, |slf, args, kws| {
    varargs("listen", args, &kws, 0, 1)?;
    let backlog = opt_int(args.first().copied(), libc::SOMAXCONN.min(128))?.max(0);
    let fd = sock(slf).fd;
    if allow_threads(|| libc::listen(fd, backlog)) < 0 {
        return Err(errors::last_os_error());
    }
    Ok(pynone::owned())
});

/// `getsockname` / `getpeername`.
unsafe fn name_of(
    s: &SockObject,
    f: unsafe extern "C" fn(c_int, *mut libc::sockaddr, *mut socklen_t) -> c_int,
) -> PyResult<Owned> {
    let mut a = SockAddr::zeroed(addr::addr_len(s.family)?);
    let fd = s.fd;
    let (p, l) = (a.as_mut_ptr(), &raw mut a.len);
    // SAFETY: p has room for l bytes.
    if allow_threads(|| unsafe { f(fd, p, l) }) < 0 {
        return Err(errors::last_os_error());
    }
    // SAFETY: the call filled a.len bytes.
    unsafe { addr::make(a.as_ptr(), a.len) }
}

noargs!(sock_getsockname, |s, slf| name_of(s, libc::getsockname));

noargs!(sock_getpeername, |s, slf| name_of(s, libc::getpeername));

onearg!(sock_shutdown, |s, slf, arg| {
    let how = format_i(arg)?;
    let fd = s.fd;
    if allow_threads(|| libc::shutdown(fd, how)) < 0 {
        return Err(errors::last_os_error());
    }
    Ok(pynone::owned())
});

builtin!(sock_getsockopt, |slf, args, kws| {
    varargs("getsockopt", args, &kws, 2, 3)?;
    let (level, name) = (format_i(args[0])?, format_i(args[1])?);
    let buflen = opt_int(args.get(2).copied(), 0)?;
    let fd = sock(slf).fd;
    if buflen == 0 {
        return int::from_i64(int_option(fd, level, name)? as i64);
    }
    if !(1..=1024).contains(&buflen) {
        return Err(super::os_error_msg("getsockopt buflen out of range"));
    }
    let b = bytes::new_uninit(buflen as usize)?;
    let mut len = buflen as socklen_t;
    if libc::getsockopt(
        fd,
        level,
        name,
        bytes::as_mut_ptr(b.as_ptr()).cast(),
        &mut len,
    ) != 0
    {
        return Err(errors::last_os_error());
    }
    let mut p = b.into_raw();
    bytes::resize(&mut p, len as Py_ssize_t)?;
    Ok(Owned::from_raw_unchecked(p))
});

builtin!(sock_setsockopt, |slf, args, kws| {
    varargs("setsockopt", args, &kws, 3, 4)?;
    let (level, name) = (format_i(args[0])?, format_i(args[1])?);
    let fd = sock(slf).fd;
    let r = if args.len() == 4 {
        // (level, option, None, optlen): a NULL value of optlen bytes.
        if args[2] != pynone::none() {
            return Err(errors::type_error(format!(
                "setsockopt() argument 3 must be NoneType, not {}",
                typeobj::type_name(args[2])
            )));
        }
        let optlen = int::low_u64(crate::object::number::index(args[3])?.as_ptr()) as u32;
        libc::setsockopt(fd, level, name, std::ptr::null(), optlen as socklen_t)
    } else if crate::object::number::index_check(args[2]) && !crate::object::float::check(args[2]) {
        let flag = format_i(args[2])?;
        libc::setsockopt(
            fd,
            level,
            name,
            (&raw const flag).cast(),
            size_of::<c_int>() as socklen_t,
        )
    } else {
        let v = Guard::new(args[2], PyBUF_SIMPLE)?;
        libc::setsockopt(fd, level, name, v.ptr().cast(), v.len() as socklen_t)
    };
    if r < 0 {
        return Err(errors::last_os_error());
    }
    Ok(pynone::owned())
});

/// A new `_socket.socket` for descriptor `fd` (`new_sockobject`).
pub(super) fn new_sock(fd: c_int, family: c_int, ty: c_int, proto: c_int) -> PyResult<Owned> {
    let tp = sock_type()?.cast::<PyTypeObject>();
    // SAFETY: tp is the ready socket type.
    unsafe {
        let op = sock_new(tp, std::ptr::null_mut(), std::ptr::null_mut());
        if op.is_null() {
            return Err(Raised::assume());
        }
        let o = Owned::from_raw_unchecked(op);
        init_sock(sock(op), fd, family, ty, proto)?;
        Ok(o)
    }
}

builtin!(pub(super) socket_socketpair, |args, kws| {
    varargs("socketpair", args, &kws, 0, 3)?;
    let family = opt_int(args.first().copied(), libc::AF_UNIX)?;
    let ty = opt_int(args.get(1).copied(), libc::SOCK_STREAM)?;
    let proto = opt_int(args.get(2).copied(), 0)?;
    let mut sv = [-1 as c_int; 2];
    let sp = sv.as_mut_ptr();
    // SAFETY: sv has room for two descriptors.
    if allow_threads(|| unsafe { libc::socketpair(family, ty | libc::SOCK_CLOEXEC, proto, sp) }) < 0 {
        return Err(errors::last_os_error());
    }
    let a = match new_sock(sv[0], family, ty, proto) {
        Ok(a) => a,
        Err(e) => {
            libc::close(sv[1]);
            return Err(e);
        }
    };
    let b = new_sock(sv[1], family, ty, proto)?;
    tuple::from_vec(vec![a, b])
});

/// The descriptor (-1 once closed) and timeout (ns; negative blocks) of
/// `op` when it is a `_socket.socket` or a subclass's instance: what
/// `_ssl` reads through CPython's `PySocketModule_APIObject`.
///
/// # Safety
/// `op` is a valid object.
pub(crate) unsafe fn fd_and_timeout(op: *mut PyObject) -> Option<(c_int, i64)> {
    // SAFETY: op valid; the type check makes the layout SockObject.
    unsafe {
        if !typeobj::instance_of(op, &raw mut SOCK_TYPE) {
            return None;
        }
        let s = sock(op);
        Some((s.fd, s.timeout))
    }
}
