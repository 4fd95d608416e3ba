//! Process functions of `posix`: ids, sessions, `kill`, `pidfd_open`,
//! `umask`, `fork`,
//! `forkpty`, the `exec` family, `_exit`, `waitpid` and the wait-status
//! helpers.
use super::int_arg;
use super::path;
use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::object::none;
use crate::object::{bool as pybool, bytes, int, list, protocol, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::fs_codec;
use crate::Owned;
use libc::c_int;
use std::ffi::CString;

macro_rules! id_getter {
    ($($name:ident => $call:ident;)*) => {$(
        builtin!(pub(super) $name, |args, kws| {
            bind(stringify!($call), args, &kws, [], 0, 0)?;
            int::from_i64(libc::$call() as i64)
        });
    )*};
}

id_getter! {
    posix_getpid => getpid;
    posix_getppid => getppid;
    posix_getuid => getuid;
    posix_geteuid => geteuid;
    posix_getgid => getgid;
    posix_getegid => getegid;
    posix_getpgrp => getpgrp;
}

builtin!(pub(super) posix_setsid, |args, kws| {
    bind("setsid", args, &kws, [], 0, 0)?;
    if libc::setsid() < 0 {
        return Err(errors::last_os_error());
    }
    Ok(none::owned())
});

builtin!(pub(super) posix_getsid, |args, kws| {
    let [pid] = bind("getsid", args, &kws, ["pid"], 1, 1)?;
    let sid = libc::getsid(int_arg(pid.unwrap())? as libc::pid_t);
    if sid < 0 {
        return Err(errors::last_os_error());
    }
    int::from_i64(sid as i64)
});

// `os.getpgid(pid)`.
builtin!(pub(super) posix_getpgid, |args, kws| {
    let [pid] = bind("getpgid", args, &kws, ["pid"], 1, 1)?;
    let pgid = libc::getpgid(int_arg(pid.unwrap())? as libc::pid_t);
    if pgid < 0 {
        return Err(errors::last_os_error());
    }
    int::from_i64(pgid as i64)
});

builtin!(pub(super) posix_getgroups, |args, kws| {
    bind("getgroups", args, &kws, [], 0, 0)?;
    let n = libc::getgroups(0, std::ptr::null_mut());
    if n < 0 {
        return Err(errors::last_os_error());
    }
    let mut v = vec![0 as libc::gid_t; n as usize];
    let n = libc::getgroups(n, v.as_mut_ptr());
    if n < 0 {
        return Err(errors::last_os_error());
    }
    list::from_vec(v[..n as usize].iter().map(|&g| int::from_i64(g as i64)).collect::<PyResult<_>>()?)
});

builtin!(pub(super) posix_getlogin, |args, kws| {
    bind("getlogin", args, &kws, [], 0, 0)?;
    let p = libc::getlogin();
    if p.is_null() {
        if errors::last_errno() == 0 {
            return Err(errors::runtime_error("unable to determine login name"));
        }
        return Err(errors::last_os_error());
    }
    fs_codec::decode(path::cstr_bytes(p))
});

builtin!(pub(super) posix_kill, |args, kws| {
    let [p, s] = bind("kill", args, &kws, ["pid", "signal"], 2, 2)?;
    let (pid, sig) = (int_arg(p.unwrap())?, int_arg(s.unwrap())?);
    super::audit(c"os.kill", &[], &[pid, sig])?;
    if libc::kill(pid as libc::pid_t, sig as c_int) != 0 {
        return Err(errors::last_os_error());
    }
    // A signal sent to this process is handled before kill() returns, as
    // in CPython (`os_kill_impl` checks at once).
    errors::check_signals()?;
    Ok(none::owned())
});

builtin!(pub(super) posix_killpg, |args, kws| {
    let [p, s] = bind("killpg", args, &kws, ["pgid", "signal"], 2, 2)?;
    let (pid, sig) = (int_arg(p.unwrap())?, int_arg(s.unwrap())?);
    super::audit(c"os.killpg", &[], &[pid, sig])?;
    if libc::killpg(pid as libc::pid_t, sig as c_int) != 0 {
        return Err(errors::last_os_error());
    }
    Ok(none::owned())
});

// `os.pidfd_open(pid, flags=0)`: a descriptor referring to the process
// (close-on-exec, as the kernel makes it).
builtin!(pub(super) posix_pidfd_open, |args, kws| {
    let [p, f] = bind("pidfd_open", args, &kws, ["pid", "flags"], 2, 1)?;
    let pid = int_arg(p.unwrap())? as libc::pid_t;
    let flags = match f {
        Some(f) => u32::try_from(int_arg(f)?)
            .map_err(|_| errors::overflow_error("Python int too large for C unsigned int"))?,
        None => 0,
    };
    let fd = libc::syscall(libc::SYS_pidfd_open, pid, flags);
    if fd < 0 {
        return Err(errors::last_os_error());
    }
    int::from_i64(fd)
});

builtin!(pub(super) posix_umask, |args, kws| {
    let [m] = bind("umask", args, &kws, ["mask"], 1, 1)?;
    int::from_i64(libc::umask(int_arg(m.unwrap())? as libc::mode_t) as i64)
});

builtin!(pub(super) posix_fork, |args, kws| {
    bind("fork", args, &kws, [], 0, 0)?;
    refuse_at_shutdown()?;
    super::audit(c"os.fork", &[], &[])?;
    // SAFETY: fork has no preconditions.
    let pid = fork_with("fork", || unsafe { libc::fork() })?;
    int::from_i64(pid as i64)
});

/// Once finalization has begun (after the atexit callbacks), forking is
/// refused with `PythonFinalizationError`, as in CPython: a child would
/// start from a half torn-down interpreter.
fn refuse_at_shutdown() -> PyResult<()> {
    if crate::runtime::lifecycle::is_finalizing() {
        // SAFETY: the exception class is static.
        return Err(unsafe {
            errors::set_string(
                crate::object::exceptions::PyExc_PythonFinalizationError,
                "can't fork at interpreter shutdown",
            )
        });
    }
    Ok(())
}

/// Runs `fork` (a call of `fork()` or one of its relatives) between the
/// `PyOS_BeforeFork` and `PyOS_AfterFork_*` hooks, as CPython's `os.fork`
/// does; the child's pid in the parent, 0 in the child, or the `OSError`.
/// In the parent, a process that has other threads gets CPython's
/// `DeprecationWarning` naming `name`, the function.
fn fork_with(name: &str, fork: impl FnOnce() -> libc::pid_t) -> PyResult<libc::pid_t> {
    crate::modules::posix::atfork::PyOS_BeforeFork();
    let pid = fork();
    if pid == 0 {
        crate::modules::posix::atfork::PyOS_AfterFork_Child();
        return Ok(0);
    }
    let err = (pid < 0).then(errors::last_os_error);
    warn_if_threaded(name);
    crate::modules::posix::atfork::PyOS_AfterFork_Parent();
    match err {
        Some(e) => Err(e),
        None => Ok(pid),
    }
}

/// CPython's `warn_about_fork_with_threads`: a `DeprecationWarning` when
/// the process runs more than one thread, as the OS counts them (Linux's
/// `/proc`). Errors from the warning are dropped.
fn warn_if_threaded(name: &str) {
    if os_thread_count().is_none_or(|n| n <= 1) {
        return;
    }
    let text = format!(
        "This process (pid={}) is multi-threaded, use of {name}() may lead to deadlocks in the child.",
        std::process::id()
    );
    if crate::modules::_warnings::deprecation(&text, 1).is_err() {
        errors::clear();
    }
}

/// The process's thread count from `/proc/self/stat` (field 20), if any.
fn os_thread_count() -> Option<usize> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesized command name start at field 3.
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(17)?.parse().ok()
}

// `os.forkpty()`: forks with the child's controlling terminal a new
// pseudo-terminal; returns `(pid, master fd)`, the fd being -1 in the
// child.
builtin!(pub(super) posix_forkpty, |args, kws| {
    // A METH_NOARGS function in CPython.
    if !kws.is_empty() {
        return Err(errors::type_error("posix.forkpty() takes no keyword arguments"));
    }
    if !args.is_empty() {
        return Err(errors::type_error(format!(
            "posix.forkpty() takes no arguments ({} given)",
            args.len()
        )));
    }
    refuse_at_shutdown()?;
    super::audit(c"os.forkpty", &[], &[])?;
    let mut master: c_int = -1;
    let (null_name, null_term, null_size) = (std::ptr::null_mut(), std::ptr::null(), std::ptr::null());
    // SAFETY: master is writable; NULL name, termios and window size are
    // allowed.
    let pid = fork_with("forkpty", || unsafe { libc::forkpty(&mut master, null_name, null_term, null_size) })?;
    tuple::from_vec(vec![int::from_i64(pid as i64)?, int::from_i64(master as i64)?])
});

builtin!(pub(super) posix__exit, |args, kws| {
    let [c] = bind("_exit", args, &kws, ["status"], 1, 1)?;
    libc::_exit(int_arg(c.unwrap())? as c_int)
});

/// An exec argument or environment item as a C string (str is
/// file-system encoded).
pub(super) unsafe fn exec_cstring(o: *mut PyObject) -> PyResult<CString> {
    // SAFETY: o valid.
    unsafe {
        let b = if pystr::check(o) {
            fs_codec::encode(o)?
        } else if bytes::check(o) {
            Owned::from_borrowed(o)
        } else if !typeobj::lookup_str((*o).ob_type, "__fspath__").is_null() {
            let p = path::path("execv", "path", o)?;
            return Ok(p.c);
        } else {
            return Err(errors::type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                typeobj::type_name(o)
            )));
        };
        CString::new(bytes::as_slice(b.as_ptr()))
            .map_err(|_| errors::value_error("embedded null byte"))
    }
}

/// An argument vector (`execv`'s, `posix_spawn`'s): a non-empty tuple or
/// list whose first item is not empty; `what` names the argument in the
/// messages ("execv() arg 2", "posix_spawn: argv").
pub(super) unsafe fn argv_vector(what: &str, o: *mut PyObject) -> PyResult<Vec<CString>> {
    // SAFETY: o valid.
    unsafe {
        let items = if tuple::check(o) {
            tuple::items(o)
        } else if list::check(o) {
            list::items(o)
        } else {
            return Err(errors::type_error(format!(
                "{what} must be a tuple or list"
            )));
        };
        if items.is_empty() {
            return Err(errors::value_error(format!("{what} must not be empty")));
        }
        let v = items
            .iter()
            .map(|&a| exec_cstring(a))
            .collect::<PyResult<Vec<_>>>()?;
        if v[0].as_bytes().is_empty() {
            return Err(errors::value_error(format!(
                "{what} first element cannot be empty"
            )));
        }
        Ok(v)
    }
}

/// `NAME=VALUE` strings from an environment mapping.
pub(super) unsafe fn exec_env(env: *mut PyObject) -> PyResult<Vec<CString>> {
    // SAFETY: env valid.
    unsafe {
        let keys = protocol::call_method_obj(env, "keys", &[])?;
        let it = protocol::get_iter(keys.as_ptr())?;
        let mut out = Vec::new();
        while let Some(k) = protocol::iter_next(it.as_ptr())? {
            let v = protocol::get_item(env, k.as_ptr())?;
            let k = exec_cstring(k.as_ptr())?;
            if k.as_bytes().is_empty() || k.as_bytes()[1..].contains(&b'=') {
                return Err(errors::value_error("illegal environment variable name"));
            }
            let v = exec_cstring(v.as_ptr())?;
            let mut s = k.into_bytes();
            s.push(b'=');
            s.extend_from_slice(v.as_bytes());
            out.push(CString::new(s).map_err(|_| errors::value_error("embedded null byte"))?);
        }
        Ok(out)
    }
}

/// A NULL-terminated pointer array over C strings.
pub(crate) fn ptrs(v: &[CString]) -> Vec<*const libc::c_char> {
    v.iter()
        .map(|c| c.as_ptr())
        .chain(std::iter::once(std::ptr::null()))
        .collect()
}

builtin!(pub(super) posix_execv, |args, kws| {
    let [p, a] = bind("execv", args, &kws, ["path", "argv"], 2, 2)?;
    let p = path::path("execv", "path", p.unwrap())?;
    let argv = argv_vector("execv() arg 2", a.unwrap())?;
    super::audit(c"os.exec", &[p.obj.as_ptr(), a.unwrap(), none::none()], &[])?;
    libc::execv(p.c.as_ptr(), ptrs(&argv).as_ptr());
    Err(errors::last_os_error())
});

builtin!(pub(super) posix_execve, |args, kws| {
    let [p, a, e] = bind("execve", args, &kws, ["path", "argv", "env"], 3, 3)?;
    let p = path::path("execve", "path", p.unwrap())?;
    let argv = argv_vector("execve: argv", a.unwrap())?;
    let env = exec_env(e.unwrap())?;
    super::audit(c"os.exec", &[p.obj.as_ptr(), a.unwrap(), e.unwrap()], &[])?;
    libc::execve(p.c.as_ptr(), ptrs(&argv).as_ptr(), ptrs(&env).as_ptr());
    Err(errors::last_os_error())
});

builtin!(pub(super) posix_waitpid, |args, kws| {
    let [p, o] = bind("waitpid", args, &kws, ["pid", "options"], 2, 2)?;
    let pid = int_arg(p.unwrap())? as libc::pid_t;
    let options = int_arg(o.unwrap())? as c_int;
    let mut status: c_int = 0;
    let r = super::fd::retry(|| libc::waitpid(pid, &mut status, options))?;
    tuple::from_vec(vec![int::from_i64(r as i64)?, int::from_i64(status as i64)?])
});

builtin!(pub(super) posix_wait, |args, kws| {
    bind("wait", args, &kws, [], 0, 0)?;
    let mut status: c_int = 0;
    let r = super::fd::retry(|| libc::wait(&mut status))?;
    tuple::from_vec(vec![int::from_i64(r as i64)?, int::from_i64(status as i64)?])
});

/// `(pid, status, rusage)` from a `wait3`/`wait4` call that reported `r`.
fn wait_result(r: libc::pid_t, status: c_int, ru: &libc::rusage) -> PyResult<Owned> {
    tuple::from_vec(vec![
        int::from_i64(r as i64)?,
        int::from_i64(status as i64)?,
        crate::modules::resource::rusage_to_py(ru)?,
    ])
}

// os.wait3(options) is wait4 for any child, as glibc defines wait3.
builtin!(pub(super) posix_wait3, |args, kws| {
    let [o] = bind("wait3", args, &kws, ["options"], 1, 1)?;
    let options = int_arg(o.unwrap())? as c_int;
    let (mut status, mut ru): (c_int, libc::rusage) = (0, std::mem::zeroed());
    let r = super::fd::retry(|| libc::wait4(-1, &mut status, options, &mut ru))?;
    wait_result(r, status, &ru)
});

builtin!(pub(super) posix_wait4, |args, kws| {
    let [p, o] = bind("wait4", args, &kws, ["pid", "options"], 2, 2)?;
    let pid = int_arg(p.unwrap())? as libc::pid_t;
    let options = int_arg(o.unwrap())? as c_int;
    let (mut status, mut ru): (c_int, libc::rusage) = (0, std::mem::zeroed());
    let r = super::fd::retry(|| libc::wait4(pid, &mut status, options, &mut ru))?;
    wait_result(r, status, &ru)
});

builtin!(pub(super) posix_waitstatus_to_exitcode, |args, kws| {
    let [s] = bind("waitstatus_to_exitcode", args, &kws, ["status"], 1, 1)?;
    let st = int_arg(s.unwrap())? as c_int;
    if libc::WIFEXITED(st) {
        return int::from_i64(libc::WEXITSTATUS(st) as i64);
    }
    if libc::WIFSIGNALED(st) {
        return int::from_i64(-(libc::WTERMSIG(st) as i64));
    }
    Err(errors::value_error(format!("invalid wait status: {st}")))
});

macro_rules! wait_pred {
    ($($name:ident => $f:ident;)*) => {$(
        builtin!(pub(super) $name, |args, kws| {
            let [s] = bind(stringify!($f), args, &kws, ["status"], 1, 1)?;
            let st = int_arg(s.unwrap())? as c_int;
            Ok(Owned::from_borrowed_static(pybool::from_bool(libc::$f(st))))
        });
    )*};
}

macro_rules! wait_field {
    ($($name:ident => $f:ident;)*) => {$(
        builtin!(pub(super) $name, |args, kws| {
            let [s] = bind(stringify!($f), args, &kws, ["status"], 1, 1)?;
            let st = int_arg(s.unwrap())? as c_int;
            int::from_i64(libc::$f(st) as i64)
        });
    )*};
}

wait_pred! {
    posix_wifexited => WIFEXITED;
    posix_wifsignaled => WIFSIGNALED;
    posix_wifstopped => WIFSTOPPED;
    posix_wifcontinued => WIFCONTINUED;
    posix_wcoredump => WCOREDUMP;
}

wait_field! {
    posix_wexitstatus => WEXITSTATUS;
    posix_wtermsig => WTERMSIG;
    posix_wstopsig => WSTOPSIG;
}

builtin!(pub(super) posix_system, |args, kws| {
    let [c] = bind("system", args, &kws, ["command"], 1, 1)?;
    let cmd = exec_cstring(c.unwrap())?;
    crate::runtime::audit::audit_with(c"os.system", || {
        Ok(vec![crate::object::bytes::from_slice(cmd.as_bytes())?])
    })?;
    int::from_i64(libc::system(cmd.as_ptr()) as i64)
});
