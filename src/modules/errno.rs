//! The `errno` module (CPython's `Modules/errnomodule.c`): the error
//! numbers of the platform as constants, and `errorcode` mapping each
//! number to its name.
use crate::ffi::*;
use crate::object::descr::METHOD_END;
use crate::object::{dict, int, module, str as pystr};
use crate::runtime::errors::PyResult;

macro_rules! codes {
    ($($n:ident)*) => { [$((stringify!($n), libc::$n),)*] };
}

/// Every error name with its number; where two names share a number
/// (`EAGAIN`/`EWOULDBLOCK`) the first one listed names it in `errorcode`,
/// as in CPython.
const CODES: [(&str, libc::c_int); 133] = codes!(
    E2BIG EACCES EADDRINUSE EADDRNOTAVAIL EADV EAFNOSUPPORT EAGAIN EALREADY
    EBADE EBADF EBADFD EBADMSG EBADR EBADRQC EBADSLT EBFONT EBUSY ECANCELED
    ECHILD ECHRNG ECOMM ECONNABORTED ECONNREFUSED ECONNRESET EDEADLOCK EDEADLK
    EDESTADDRREQ EDOM EDOTDOT EDQUOT EEXIST EFAULT EFBIG EHOSTDOWN EHOSTUNREACH
    EIDRM EILSEQ EINPROGRESS EINTR EINVAL EIO EISCONN EISDIR EISNAM EKEYEXPIRED
    EKEYREJECTED EKEYREVOKED EL2HLT EL2NSYNC EL3HLT EL3RST ELIBACC ELIBBAD
    ELIBEXEC ELIBMAX ELIBSCN ELNRNG ELOOP EMEDIUMTYPE EMFILE EMLINK EMSGSIZE
    EMULTIHOP ENAMETOOLONG ENAVAIL ENETDOWN ENETRESET ENETUNREACH ENFILE ENOANO
    ENOBUFS ENOCSI ENODATA ENODEV ENOENT ENOEXEC ENOKEY ENOLCK ENOLINK
    ENOMEDIUM ENOMEM ENOMSG ENONET ENOPKG ENOPROTOOPT ENOSPC ENOSR ENOSTR
    ENOSYS ENOTBLK ENOTCONN ENOTDIR ENOTEMPTY ENOTNAM ENOTRECOVERABLE ENOTSOCK
    ENOTSUP ENOTTY ENOTUNIQ ENXIO EOPNOTSUPP EOVERFLOW EOWNERDEAD EPERM
    EPFNOSUPPORT EPIPE EPROTO EPROTONOSUPPORT EPROTOTYPE ERANGE EREMCHG EREMOTE
    EREMOTEIO ERESTART ERFKILL EROFS ESHUTDOWN ESOCKTNOSUPPORT ESPIPE ESRCH
    ESRMNT ESTALE ESTRPIPE ETIME ETIMEDOUT ETOOMANYREFS ETXTBSY EUCLEAN EUNATCH
    EUSERS EWOULDBLOCK EXDEV EXFULL
);

static mut METHODS: [PyMethodDef; 1] = [METHOD_END];

/// `PyInit_errno`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the method table is static; the module is new.
        unsafe {
            let m = crate::modules::new_module("errno", (&raw mut METHODS).cast())?;
            let d = module::dict_of(m.as_ptr());
            let codes = dict::new()?;
            for &(name, v) in CODES.iter() {
                let n = pystr::intern(name);
                let v = int::from_i64(v as i64)?;
                dict::set_item(d, n, v.as_ptr())?;
                if !dict::contains(codes.as_ptr(), v.as_ptr())? {
                    dict::set_item(codes.as_ptr(), v.as_ptr(), n)?;
                }
            }
            dict::set_item(d, crate::interned!("errorcode"), codes.as_ptr())?;
            PyResult::Ok(m)
        }
    })
}
