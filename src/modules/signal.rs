//! The `_signal` module (CPython's `Modules/signalmodule.c`) under
//! `signal.py`: installing Python handlers (`signal`, `getsignal`), the
//! default SIGINT handler, `set_wakeup_fd`, `alarm`, `pause`,
//! `raise_signal`, `strsignal`, `valid_signals`, `pthread_sigmask`,
//! `pthread_kill`, `pidfd_send_signal`, `sigpending`, `siginterrupt` and
//! the `SIG*` constants;
//! the interval timers and signal waits are in `signal_wait`.
//! Delivery itself lives in `runtime::signals`.
use crate::ffi::*;
use crate::modules::args::{arity, bind, builtin, clinic_int, no_kwargs};
use crate::modules::posix::int_arg;
use crate::object::descr::{method, METHOD_END};
use crate::object::none;
use crate::object::{dict, int, module, protocol, set, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::signals::{self, NSIG};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

const SIG_DFL: i64 = 0;
const SIG_IGN: i64 = 1;

/// A signal number argument in `1..NSIG`.
unsafe fn signum_arg(o: *mut PyObject) -> PyResult<c_int> {
    // SAFETY: o valid.
    let n = unsafe { int_arg(o)? };
    if n < 1 || n >= NSIG as i64 {
        return Err(errors::value_error("signal number out of range"));
    }
    Ok(n as c_int)
}

fn main_thread_only(func: &str) -> PyResult<()> {
    if !signals::is_main_thread() {
        return Err(errors::value_error(format!(
            "{func} only works in main thread of the main interpreter"
        )));
    }
    Ok(())
}

/// The handler object `getsignal` reports (None when unknown).
fn handler_object(sig: c_int) -> PyResult<Owned> {
    let h = signals::handler(sig as usize);
    if h.is_null() {
        return Ok(none::owned());
    }
    // SAFETY: h is a live handler object.
    Ok(unsafe { Owned::from_borrowed(h) })
}

builtin!(signal_signal, |args, kws| {
    let [s, h] = bind("signal", args, &kws, ["signalnum", "handler"], 2, 2)?;
    let sig = signum_arg(s.unwrap())?;
    let h = h.unwrap();
    main_thread_only("signal")?;
    let disposition = if int::check(h) {
        match int::as_i64(h) {
            Ok(SIG_DFL) => libc::SIG_DFL,
            Ok(SIG_IGN) => libc::SIG_IGN,
            _ => {
                errors::clear();
                return Err(bad_handler());
            }
        }
    } else if (*(*h).ob_type).tp_call.is_some() {
        signals::c_handler as *const () as libc::sighandler_t
    } else {
        return Err(bad_handler());
    };
    errors::check_signals()?;
    if !signals::set_disposition(sig, disposition) {
        return Err(errors::last_os_error());
    }
    let old = signals::swap_handler(sig as usize, crate::object::refcount::new_ref(h));
    Ok(Owned::from_raw(old).unwrap_or_else(none::owned))
});

fn bad_handler() -> errors::Raised {
    errors::type_error(
        "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
    )
}

builtin!(signal_getsignal, |args, kws| {
    let [s] = bind("getsignal", args, &kws, ["signalnum"], 1, 1)?;
    handler_object(signum_arg(s.unwrap())?)
});

builtin!(signal_default_int_handler, |args, kws| {
    let _ = (args, kws);
    Err(errors::set_object(
        crate::object::exceptions::PyExc_KeyboardInterrupt,
        null_mut(),
    ))
});

builtin!(signal_raise_signal, |args, kws| {
    let [s] = bind("raise_signal", args, &kws, ["signalnum"], 1, 1)?;
    let sig = signum_arg(s.unwrap())?;
    if libc::raise(sig) != 0 {
        return Err(errors::last_os_error());
    }
    errors::check_signals()?;
    Ok(none::owned())
});

builtin!(signal_strsignal, |args, kws| {
    let [s] = bind("strsignal", args, &kws, ["signalnum"], 1, 1)?;
    let sig = signum_arg(s.unwrap())?;
    let p = libc::strsignal(sig);
    if p.is_null() {
        return Ok(none::owned());
    }
    crate::runtime::fs_codec::decode_locale(crate::modules::posix::path::cstr_bytes(p))
});

builtin!(signal_alarm, |args, kws| {
    let [s] = bind("alarm", args, &kws, ["seconds"], 1, 1)?;
    int::from_i64(libc::alarm(int_arg(s.unwrap())? as libc::c_uint) as i64)
});

builtin!(signal_pause, |args, kws| {
    bind("pause", args, &kws, [], 0, 0)?;
    libc::pause();
    errors::check_signals()?;
    Ok(none::owned())
});

builtin!(signal_siginterrupt, |args, kws| {
    let [s, f] = bind("siginterrupt", args, &kws, ["signalnum", "flag"], 2, 2)?;
    let sig = signum_arg(s.unwrap())?;
    let flag = protocol::is_true(f.unwrap())?;
    let mut act: libc::sigaction = std::mem::zeroed();
    if libc::sigaction(sig, null_mut(), &mut act) != 0 {
        return Err(errors::last_os_error());
    }
    if flag {
        act.sa_flags &= !libc::SA_RESTART;
    } else {
        act.sa_flags |= libc::SA_RESTART;
    }
    if libc::sigaction(sig, &act, null_mut()) != 0 {
        return Err(errors::last_os_error());
    }
    Ok(none::owned())
});

builtin!(signal_set_wakeup_fd, |args, kws| {
    let [f, warn] = bind(
        "set_wakeup_fd",
        args,
        &kws,
        ["fd", "warn_on_full_buffer"],
        1,
        1,
    )?;
    let fd = int_arg(f.unwrap())? as c_int;
    main_thread_only("set_wakeup_fd")?;
    if fd != -1 {
        let mut st: libc::stat = std::mem::zeroed();
        if libc::fstat(fd, &mut st) != 0 {
            return Err(errors::last_os_error());
        }
        let fl = libc::fcntl(fd, libc::F_GETFL);
        if fl >= 0 && fl & libc::O_NONBLOCK == 0 {
            return Err(errors::value_error(format!(
                "the fd {fd} must be in non-blocking mode"
            )));
        }
    }
    let warn = match warn {
        Some(w) => protocol::is_true(w)?,
        None => true,
    };
    int::from_i64(signals::swap_wakeup_fd(fd, warn) as i64)
});

/// A `sigset_t` as a Python set of signal numbers.
fn set_of(mask: &libc::sigset_t) -> PyResult<Owned> {
    // SAFETY: new set; sigismember reads the mask.
    unsafe {
        let s = set::new_set(null_mut())?;
        for sig in 1..NSIG as c_int {
            if libc::sigismember(mask, sig) == 1 {
                set::add(s.as_ptr(), int::from_i64(sig as i64)?.as_ptr())?;
            }
        }
        Ok(s)
    }
}

/// An iterable of signal numbers as a `sigset_t` (`_Py_Sigset_Converter`).
pub(crate) unsafe fn mask_of(o: *mut PyObject) -> PyResult<libc::sigset_t> {
    // SAFETY: o valid; mask initialized by sigemptyset.
    unsafe {
        let mut mask: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut mask);
        let it = protocol::get_iter(o)?;
        while let Some(x) = protocol::iter_next(it.as_ptr())? {
            // An int too large for a C long is out of range too (as -1).
            let sig = match int_arg(x.as_ptr()) {
                Err(_) if errors::matches(crate::object::exceptions::PyExc_OverflowError) => {
                    errors::clear();
                    -1
                }
                r => r?,
            };
            if sig < 1 || sig >= NSIG as i64 {
                return Err(errors::value_error(format!(
                    "signal number {sig} out of range [1; {}]",
                    NSIG - 1
                )));
            }
            libc::sigaddset(&mut mask, sig as c_int);
        }
        Ok(mask)
    }
}

builtin!(signal_valid_signals, |args, kws| {
    bind("valid_signals", args, &kws, [], 0, 0)?;
    let mut mask: libc::sigset_t = std::mem::zeroed();
    libc::sigfillset(&mut mask);
    set_of(&mask)
});

builtin!(signal_pthread_sigmask, |args, kws| {
    let [h, m] = bind("pthread_sigmask", args, &kws, ["how", "mask"], 2, 2)?;
    let how = int_arg(h.unwrap())? as c_int;
    let mask = mask_of(m.unwrap())?;
    let mut old: libc::sigset_t = std::mem::zeroed();
    let r = libc::pthread_sigmask(how, &mask, &mut old);
    if r != 0 {
        return Err(errors::os_error(r, null_mut(), null_mut()));
    }
    errors::check_signals()?;
    set_of(&old)
});

builtin!(signal_sigpending, |args, kws| {
    bind("sigpending", args, &kws, [], 0, 0)?;
    let mut mask: libc::sigset_t = std::mem::zeroed();
    if libc::sigpending(&mut mask) != 0 {
        return Err(errors::last_os_error());
    }
    set_of(&mask)
});

// `signal.pidfd_send_signal(pidfd, sig, siginfo=None, flags=0, /)`.
builtin!(signal_pidfd_send_signal, |args, kws| {
    no_kwargs("_signal.pidfd_send_signal", &kws)?;
    arity("pidfd_send_signal", args, 2, 4)?;
    let pidfd = clinic_int(args[0])?;
    let sig = clinic_int(args[1])?;
    if args.get(2).is_some_and(|&i| i != none::none()) {
        return Err(errors::type_error("siginfo must be None"));
    }
    let flags = match args.get(3) {
        Some(&f) => clinic_int(f)?,
        None => 0,
    };
    let r = libc::syscall(
        libc::SYS_pidfd_send_signal,
        pidfd,
        sig,
        null_mut::<libc::siginfo_t>(),
        flags,
    );
    if r < 0 {
        return Err(errors::last_os_error());
    }
    Ok(none::owned())
});

builtin!(signal_pthread_kill, |args, kws| {
    let [t, s] = bind("pthread_kill", args, &kws, ["thread_id", "signalnum"], 2, 2)?;
    let tid = int::as_u64(crate::object::number::index(t.unwrap())?.as_ptr())
        .ok_or_else(|| errors::overflow_error("thread id out of range"))?;
    let sig = int_arg(s.unwrap())? as c_int;
    crate::runtime::audit::audit_with(c"signal.pthread_kill", || {
        Ok(vec![int::from_u64(tid)?, int::from_i64(sig as i64)?])
    })?;
    let r = libc::pthread_kill(tid as libc::pthread_t, sig);
    if r != 0 {
        return Err(errors::os_error(r, null_mut(), null_mut()));
    }
    errors::check_signals()?;
    Ok(none::owned())
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

use super::signal_wait::{
    signal_getitimer, signal_setitimer, signal_sigtimedwait, signal_sigwait, signal_sigwaitinfo,
};

static mut METHODS: [PyMethodDef; 20] = [
    method(c"alarm", signal_alarm as *const c_void, FK),
    method(
        c"default_int_handler",
        signal_default_int_handler as *const c_void,
        FK,
    ),
    method(c"getitimer", signal_getitimer as *const c_void, FK),
    method(c"getsignal", signal_getsignal as *const c_void, FK),
    method(c"pause", signal_pause as *const c_void, FK),
    method(
        c"pidfd_send_signal",
        signal_pidfd_send_signal as *const c_void,
        FK,
    ),
    method(c"pthread_kill", signal_pthread_kill as *const c_void, FK),
    method(
        c"pthread_sigmask",
        signal_pthread_sigmask as *const c_void,
        FK,
    ),
    method(c"raise_signal", signal_raise_signal as *const c_void, FK),
    method(c"set_wakeup_fd", signal_set_wakeup_fd as *const c_void, FK),
    method(c"setitimer", signal_setitimer as *const c_void, FK),
    method(c"siginterrupt", signal_siginterrupt as *const c_void, FK),
    method(c"signal", signal_signal as *const c_void, FK),
    method(c"sigpending", signal_sigpending as *const c_void, FK),
    method(c"sigtimedwait", signal_sigtimedwait as *const c_void, FK),
    method(c"sigwait", signal_sigwait as *const c_void, FK),
    method(c"sigwaitinfo", signal_sigwaitinfo as *const c_void, FK),
    method(c"strsignal", signal_strsignal as *const c_void, FK),
    method(c"valid_signals", signal_valid_signals as *const c_void, FK),
    METHOD_END,
];

macro_rules! sig_consts {
    ($($n:ident)*) => { [$((stringify!($n), libc::$n as i64),)*] };
}

const CONSTANTS: [(&str, i64); 36] = sig_consts!(
    SIGABRT SIGALRM SIGBUS SIGCHLD SIGCONT SIGFPE SIGHUP SIGILL SIGINT SIGIO
    SIGIOT SIGKILL SIGPIPE SIGPOLL SIGPROF SIGPWR SIGQUIT SIGSEGV SIGSTKFLT
    SIGSTOP SIGSYS SIGTERM SIGTRAP SIGTSTP SIGTTIN SIGTTOU SIGURG SIGUSR1
    SIGUSR2 SIGVTALRM SIGWINCH SIGXCPU SIGXFSZ SIG_BLOCK SIG_UNBLOCK
    SIG_SETMASK
);

/// `PyInit__signal`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the method table is static; the module is new.
        unsafe {
            let m = crate::modules::new_module("_signal", (&raw mut METHODS).cast())?;
            let d = module::dict_of(m.as_ptr());
            let set_int = |k: &str, v: i64| -> PyResult<()> {
                dict::set_item(d, pystr::intern(k), int::from_i64(v)?.as_ptr())
            };
            for &(k, v) in CONSTANTS.iter() {
                set_int(k, v)?;
            }
            set_int("SIGCLD", libc::SIGCHLD as i64)?;
            set_int("SIGRTMIN", libc::SIGRTMIN() as i64)?;
            set_int("SIGRTMAX", libc::SIGRTMAX() as i64)?;
            set_int("SIG_DFL", SIG_DFL)?;
            set_int("SIG_IGN", SIG_IGN)?;
            set_int("NSIG", NSIG as i64)?;
            set_int("ITIMER_REAL", libc::ITIMER_REAL as i64)?;
            set_int("ITIMER_VIRTUAL", libc::ITIMER_VIRTUAL as i64)?;
            set_int("ITIMER_PROF", libc::ITIMER_PROF as i64)?;
            let itimer_error = super::signal_wait::itimer_error()?;
            dict::set_item(d, crate::interned!("ItimerError"), itimer_error)?;
            let siginfo = super::signal_wait::siginfo_type()?;
            dict::set_item(d, crate::interned!("struct_siginfo"), siginfo.cast())?;
            // Python handlers for what the process already does: the
            // default and ignored dispositions as their numbers, and the
            // SIGINT handler that raises KeyboardInterrupt, which is
            // installed now if SIGINT still has its default disposition
            // (an embedder's `install_signal_handlers=0`), as CPython's
            // `signal_get_set_handlers` does.
            let dfl = int::from_i64(SIG_DFL)?;
            let ign = int::from_i64(SIG_IGN)?;
            let ours = signals::c_handler as *const () as libc::sighandler_t;
            for sig in 1..NSIG as c_int {
                if !signals::handler(sig as usize).is_null() {
                    continue;
                }
                let mut cur = signals::disposition(sig);
                if sig == libc::SIGINT
                    && cur == libc::SIG_DFL
                    && signals::set_disposition(sig, ours)
                {
                    cur = ours;
                }
                let h = if sig == libc::SIGINT && cur == ours {
                    dict::get_item_known_hash_str(d, crate::interned!("default_int_handler"))
                } else if cur == libc::SIG_DFL {
                    dfl.as_ptr()
                } else if cur == libc::SIG_IGN {
                    ign.as_ptr()
                } else {
                    continue;
                };
                signals::swap_handler(sig as usize, crate::object::refcount::new_ref(h));
            }
            Ok(m)
        }
    })
}
