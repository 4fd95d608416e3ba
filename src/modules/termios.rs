//! The `termios` module (CPython's `Modules/termios.c`): terminal
//! attributes (`tcgetattr`/`tcsetattr`), line control (`tcsendbreak`,
//! `tcdrain`, `tcflush`, `tcflow`), window size (`tcgetwinsize`,
//! `tcsetwinsize`), the constants CPython exposes on Linux, and
//! `termios.error`, raised as `error(errno, strerror)`.
use crate::ffi::*;
use crate::modules::args::clinic_int;
use crate::modules::args::{bind, builtin};
use crate::modules::posix::int_arg;
use crate::modules::select::as_fd;
use crate::object::descr::{method, METHOD_END};
use crate::object::none;
use crate::object::{bytes, dict, int, list, module, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use libc::{c_int, c_long, c_void};
use std::ptr::null_mut;
use std::sync::atomic::{AtomicPtr, Ordering};

static ERROR: AtomicPtr<PyObject> = AtomicPtr::new(null_mut());

/// Drops the module's exception class (interpreter finalization).
pub fn finalize() {
    crate::object::refcount::release_static(&ERROR);
}

/// Raises `termios.error(errno, strerror)` for the current `errno`.
fn termios_error() -> Raised {
    // SAFETY: the class is created when the module is, before any call.
    unsafe {
        errors::set_from_errno(
            ERROR.load(Ordering::Relaxed),
            errors::last_errno(),
            null_mut(),
            null_mut(),
        )
    }
}

/// Fails with `termios.error` when a call returned -1.
fn check(r: c_int) -> PyResult<()> {
    if r == -1 {
        Err(termios_error())
    } else {
        Ok(())
    }
}

/// A C `long` item of an attribute list.
unsafe fn long_item(o: *mut PyObject) -> PyResult<c_long> {
    // SAFETY: o valid (caller contract).
    unsafe { int_arg(o) }
}

builtin!(termios_tcgetattr, |args, kws| {
    let [f] = bind("tcgetattr", args, &kws, ["fd"], 1, 1)?;
    let fd = as_fd(f.unwrap())?;
    let mut mode: libc::termios = std::mem::zeroed();
    check(libc::tcgetattr(fd, &mut mode))?;
    let cc = list::new(0)?;
    for (i, &c) in mode.c_cc.iter().enumerate() {
        // Outside canonical mode VMIN and VTIME are counts, not characters.
        let v = if mode.c_lflag & libc::ICANON == 0 && (i == libc::VMIN || i == libc::VTIME) {
            int::from_i64(c as i64)?
        } else {
            bytes::from_slice(&[c])?
        };
        list::append(cc.as_ptr(), v.as_ptr())?;
    }
    list::from_vec(vec![
        int::from_i64(mode.c_iflag as i64)?,
        int::from_i64(mode.c_oflag as i64)?,
        int::from_i64(mode.c_cflag as i64)?,
        int::from_i64(mode.c_lflag as i64)?,
        int::from_i64(libc::cfgetispeed(&mode) as i64)?,
        int::from_i64(libc::cfgetospeed(&mode) as i64)?,
        cc,
    ])
});

builtin!(termios_tcsetattr, |args, kws| {
    let [f, w, a] = bind("tcsetattr", args, &kws, ["fd", "when", "attributes"], 3, 3)?;
    let fd = as_fd(f.unwrap())?;
    let when = clinic_int(w.unwrap())?;
    let term = a.unwrap();
    if !list::check(term) || list::len(term) != 7 {
        return Err(errors::type_error(
            "tcsetattr, arg 3: must be 7 element list",
        ));
    }
    // Start from the current mode so fields Python cannot see are kept.
    let mut mode: libc::termios = std::mem::zeroed();
    check(libc::tcgetattr(fd, &mut mode))?;
    let items = list::items(term);
    mode.c_iflag = long_item(items[0])? as libc::tcflag_t;
    mode.c_oflag = long_item(items[1])? as libc::tcflag_t;
    mode.c_cflag = long_item(items[2])? as libc::tcflag_t;
    mode.c_lflag = long_item(items[3])? as libc::tcflag_t;
    let ispeed = long_item(items[4])? as libc::speed_t;
    let ospeed = long_item(items[5])? as libc::speed_t;
    let cc = items[6];
    if !list::check(cc) || list::len(cc) != libc::NCCS as Py_ssize_t {
        return Err(errors::type_error(format!(
            "tcsetattr: attributes[6] must be {} element list",
            libc::NCCS
        )));
    }
    for (slot, &v) in mode.c_cc.iter_mut().zip(list::items(cc)) {
        *slot = if bytes::check(v) && bytes::as_slice(v).len() == 1 {
            bytes::as_slice(v)[0]
        } else if int::check(v) {
            int::as_i64_or(v, "Python int too large to convert to C long")? as libc::cc_t
        } else {
            return Err(errors::type_error(
                "tcsetattr: elements of attributes must be characters or integers",
            ));
        };
    }
    check(libc::cfsetispeed(&mut mode, ispeed))?;
    check(libc::cfsetospeed(&mut mode, ospeed))?;
    check(libc::tcsetattr(fd, when, &mode))?;
    Ok(none::owned())
});

builtin!(termios_tcsendbreak, |args, kws| {
    let [f, d] = bind("tcsendbreak", args, &kws, ["fd", "duration"], 2, 2)?;
    let fd = as_fd(f.unwrap())?;
    let duration = clinic_int(d.unwrap())?;
    check(libc::tcsendbreak(fd, duration))?;
    Ok(none::owned())
});

builtin!(termios_tcdrain, |args, kws| {
    let [f] = bind("tcdrain", args, &kws, ["fd"], 1, 1)?;
    let fd = as_fd(f.unwrap())?;
    check(crate::runtime::gil::allow_threads(|| libc::tcdrain(fd)))?;
    Ok(none::owned())
});

builtin!(termios_tcflush, |args, kws| {
    let [f, q] = bind("tcflush", args, &kws, ["fd", "queue"], 2, 2)?;
    let fd = as_fd(f.unwrap())?;
    let queue = clinic_int(q.unwrap())?;
    check(libc::tcflush(fd, queue))?;
    Ok(none::owned())
});

builtin!(termios_tcflow, |args, kws| {
    let [f, a] = bind("tcflow", args, &kws, ["fd", "action"], 2, 2)?;
    let fd = as_fd(f.unwrap())?;
    let action = clinic_int(a.unwrap())?;
    check(libc::tcflow(fd, action))?;
    Ok(none::owned())
});

builtin!(termios_tcgetwinsize, |args, kws| {
    let [f] = bind("tcgetwinsize", args, &kws, ["fd"], 1, 1)?;
    let fd = as_fd(f.unwrap())?;
    let mut w: libc::winsize = std::mem::zeroed();
    check(libc::ioctl(fd, libc::TIOCGWINSZ, &mut w))?;
    tuple::from_vec(vec![
        int::from_i64(w.ws_row as i64)?,
        int::from_i64(w.ws_col as i64)?,
    ])
});

/// `PySequence_Check`: the type has `sq_item` and is not a dict.
unsafe fn is_sequence(o: *mut PyObject) -> bool {
    // SAFETY: o valid; a type's sequence table outlives it.
    unsafe {
        let sq = (*(*o).ob_type).tp_as_sequence;
        !dict::check(o) && !sq.is_null() && (*sq).sq_item.is_some()
    }
}

builtin!(termios_tcsetwinsize, |args, kws| {
    let [f, s] = bind("tcsetwinsize", args, &kws, ["fd", "winsize"], 2, 2)?;
    let fd = as_fd(f.unwrap())?;
    let size = s.unwrap();
    if !is_sequence(size) || protocol::len(size)? != 2 {
        return Err(errors::type_error(
            "tcsetwinsize, arg 2: must be a two-item sequence",
        ));
    }
    let rows = long_item(protocol::get_item(size, int::small(0))?.as_ptr())?;
    let cols = long_item(protocol::get_item(size, int::small(1))?.as_ptr())?;
    // Read first so the pixel sizes are kept.
    let mut w: libc::winsize = std::mem::zeroed();
    check(libc::ioctl(fd, libc::TIOCGWINSZ, &mut w))?;
    let (Ok(r), Ok(c)) = (u16::try_from(rows), u16::try_from(cols)) else {
        return Err(errors::overflow_error("winsize value(s) out of range."));
    };
    w.ws_row = r;
    w.ws_col = c;
    check(libc::ioctl(fd, libc::TIOCSWINSZ, &w))?;
    Ok(none::owned())
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 9] = [
    method(c"tcgetattr", termios_tcgetattr as *const c_void, FK),
    method(c"tcsetattr", termios_tcsetattr as *const c_void, FK),
    method(c"tcsendbreak", termios_tcsendbreak as *const c_void, FK),
    method(c"tcdrain", termios_tcdrain as *const c_void, FK),
    method(c"tcflush", termios_tcflush as *const c_void, FK),
    method(c"tcflow", termios_tcflow as *const c_void, FK),
    method(c"tcgetwinsize", termios_tcgetwinsize as *const c_void, FK),
    method(c"tcsetwinsize", termios_tcsetwinsize as *const c_void, FK),
    METHOD_END,
];

macro_rules! consts {
    ($($n:ident)*) => { &[$((stringify!($n), libc::$n as i64),)*] };
}

/// The constants the libc crate names.
const LIBC_CONSTANTS: &[(&str, i64)] = consts!(
    B0 B50 B75 B110 B134 B150 B200 B300 B600 B1200 B1800 B2400 B4800 B9600
    B19200 B38400 B57600 B115200 B230400 B460800 B500000 B576000 B921600
    B1000000 B1152000 B1500000 B2000000 B2500000 B3000000 B3500000 B4000000
    TCSANOW TCSADRAIN TCSAFLUSH TCIFLUSH TCOFLUSH TCIOFLUSH TCOOFF TCOON
    TCIOFF TCION
    IGNBRK BRKINT IGNPAR PARMRK INPCK ISTRIP INLCR IGNCR ICRNL IUCLC IXON
    IXANY IXOFF IMAXBEL IUTF8
    OPOST OLCUC ONLCR OCRNL ONOCR ONLRET OFILL OFDEL NLDLY CRDLY TABDLY
    BSDLY VTDLY FFDLY NL0 NL1 CR0 CR1 CR2 CR3 TAB0 TAB1 TAB2 TAB3 XTABS BS0
    BS1 VT0 VT1 FF0 FF1
    CSIZE CSTOPB CREAD PARENB PARODD HUPCL CLOCAL CIBAUD CRTSCTS CBAUD
    CBAUDEX CS5 CS6 CS7 CS8
    ISIG ICANON XCASE ECHO ECHOE ECHOK ECHONL ECHOCTL ECHOPRT ECHOKE FLUSHO
    NOFLSH TOSTOP PENDIN IEXTEN EXTPROC EXTA EXTB
    VINTR VQUIT VERASE VKILL VEOF VTIME VMIN VSWTC VSTART VSTOP VSUSP VEOL
    VREPRINT VDISCARD VWERASE VLNEXT VEOL2 NCCS
    FIOASYNC FIOCLEX FIONBIO FIONCLEX FIONREAD TCFLSH TCGETA TCGETS TCSBRK
    TCSBRKP TCSETA TCSETAF TCSETAW TCSETS TCSETSF TCSETSW TCXONC TIOCCONS
    TIOCEXCL TIOCGETD TIOCGICOUNT TIOCGLCKTRMIOS TIOCGPGRP TIOCGSERIAL
    TIOCGSOFTCAR TIOCGWINSZ TIOCINQ TIOCLINUX TIOCMBIC TIOCMBIS TIOCMGET
    TIOCMIWAIT TIOCMSET TIOCM_CAR TIOCM_CD TIOCM_CTS TIOCM_DSR TIOCM_DTR
    TIOCM_LE TIOCM_RI TIOCM_RNG TIOCM_RTS TIOCM_SR TIOCM_ST TIOCNOTTY
    TIOCNXCL TIOCOUTQ TIOCPKT TIOCSCTTY TIOCSERCONFIG TIOCSERGETLSR
    TIOCSERGETMULTI TIOCSERGSTRUCT TIOCSERGWILD TIOCSERSETMULTI
    TIOCSERSWILD TIOCSETD TIOCSLCKTRMIOS TIOCSPGRP TIOCSSERIAL
    TIOCSSOFTCAR TIOCSTI TIOCSWINSZ _POSIX_VDISABLE
);

/// Constants the libc crate leaves out, from the Linux headers: the
/// default control characters of `<sys/ttydefaults.h>` (Ctrl-letter
/// codes), the old `struct termio`'s `NCC`, line disciplines, packet-mode
/// flags, `TIOCSER_TEMT`, ioctl size fields, and `VSWTCH` (an alias of `VSWTC`).
const OTHER_CONSTANTS: &[(&str, i64)] = &[
    ("CDSUSP", 0x19),
    ("CEOF", 0x04),
    ("CEOL", 0x00),
    ("CEOT", 0x04),
    ("CERASE", 0x7f),
    ("CFLUSH", 0x0f),
    ("CINTR", 0x03),
    ("CKILL", 0x15),
    ("CLNEXT", 0x16),
    ("CQUIT", 0x1c),
    ("CRPRNT", 0x12),
    ("CSTART", 0x11),
    ("CSTOP", 0x13),
    ("CSUSP", 0x1a),
    ("CWERASE", 0x17),
    ("IOCSIZE_MASK", 0x3fff_0000),
    ("IOCSIZE_SHIFT", 16),
    ("NCC", 8),
    ("N_TTY", 0),
    ("N_SLIP", 1),
    ("N_MOUSE", 2),
    ("N_PPP", 3),
    ("N_STRIP", 4),
    ("TIOCPKT_DATA", 0),
    ("TIOCPKT_FLUSHREAD", 1),
    ("TIOCPKT_FLUSHWRITE", 2),
    ("TIOCPKT_STOP", 4),
    ("TIOCPKT_START", 8),
    ("TIOCPKT_NOSTOP", 0x10),
    ("TIOCPKT_DOSTOP", 0x20),
    ("TIOCSER_TEMT", 1),
    ("VSWTCH", libc::VSWTC as i64),
];

/// `PyInit_termios`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the method table is static; the module is new.
        unsafe {
            let m = crate::modules::new_module("termios", (&raw mut METHODS).cast())?;
            let d = module::dict_of(m.as_ptr());
            for &(k, v) in LIBC_CONSTANTS.iter().chain(OTHER_CONSTANTS) {
                dict::set_item(d, pystr::intern(k), int::from_i64(v)?.as_ptr())?;
            }
            if ERROR.load(Ordering::Relaxed).is_null() {
                let e = crate::object::exceptions::new_exception_class(
                    c"termios.error".as_ptr(),
                    null_mut(),
                    null_mut(),
                    null_mut(),
                )?;
                ERROR.store(e.into_raw(), Ordering::Relaxed);
            }
            dict::set_item(d, crate::interned!("error"), ERROR.load(Ordering::Relaxed))?;
            PyResult::Ok(m)
        }
    })
}
