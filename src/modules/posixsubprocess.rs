//! The `_posixsubprocess` module (CPython's `Modules/_posixsubprocess.c`):
//! `fork_exec`, which `subprocess.Popen` calls to start a child. Everything
//! the child needs is converted before `fork`; the child only makes
//! async-signal-safe calls (apart from an optional `preexec_fn`) and
//! reports a failure through `errpipe_write` as
//! `OSError:<hex errno>:[noexec]`, which `subprocess` decodes.
use crate::ffi::*;
use crate::modules::args::builtin;
use crate::modules::posix::int_arg;
use crate::modules::posix::path;
use crate::object::descr::{method, METHOD_END};
use crate::object::{bytes, list, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::fs_codec;
use libc::{c_int, c_void};
use std::ffi::CString;

/// A str, bytes or path-like argument item as a C string.
unsafe fn c_item(o: *mut PyObject) -> PyResult<CString> {
    // SAFETY: o valid.
    unsafe {
        if pystr::check(o) {
            let b = fs_codec::encode(o)?;
            return CString::new(bytes::as_slice(b.as_ptr()))
                .map_err(|_| errors::value_error("embedded null byte"));
        }
        if bytes::check(o) {
            return CString::new(bytes::as_slice(o))
                .map_err(|_| errors::value_error("embedded null byte"));
        }
        Ok(path::path("fork_exec", "args", o)?.c)
    }
}

/// The items of a sequence (None gives `None`) as C strings.
unsafe fn c_items(o: *mut PyObject) -> PyResult<Option<Vec<CString>>> {
    // SAFETY: o valid.
    unsafe {
        if o == none::none() {
            return Ok(None);
        }
        let seq = list::from_iterable(o)?;
        list::items(seq.as_ptr())
            .iter()
            .map(|&x| c_item(x))
            .collect::<PyResult<_>>()
            .map(Some)
    }
}

/// Writes `errno` to the error pipe in the format `subprocess` reads, in
/// one `write`. Async-signal-safe (no allocation).
fn report(fd: c_int, errno: c_int, what: &[u8]) {
    let mut hex = [0u8; 16];
    let mut i = hex.len();
    let mut e = errno as u32;
    loop {
        i -= 1;
        hex[i] = b"0123456789abcdef"[(e % 16) as usize];
        e /= 16;
        if e == 0 || i == 0 {
            break;
        }
    }
    let mut msg = [0u8; 64];
    let mut n = 0;
    for part in [&b"OSError:"[..], &hex[i..], b":", what] {
        let take = part.len().min(msg.len() - n);
        msg[n..n + take].copy_from_slice(&part[..take]);
        n += take;
    }
    // SAFETY: msg holds n initialized bytes.
    unsafe { libc::write(fd, msg.as_ptr().cast(), n) };
}

/// What the child does once forked.
struct Child<'a> {
    argv: Vec<*const libc::c_char>,
    envp: Option<Vec<*const libc::c_char>>,
    executables: &'a [CString],
    cwd: Option<&'a CString>,
    keep: &'a [c_int],
    close_fds: bool,
    fds: [c_int; 8],
    restore_signals: bool,
    new_session: bool,
    pgid: i64,
    gid: Option<u32>,
    gids: Option<Vec<libc::gid_t>>,
    uid: Option<u32>,
    umask: i64,
    preexec: Option<*mut PyObject>,
}

impl Child<'_> {
    /// Runs in the child after `fork`; never returns.
    unsafe fn run(&self) -> ! {
        let [p2cread, p2cwrite, c2pread, mut c2pwrite, errread, mut errwrite, errpipe_read, errpipe_write] =
            self.fds;
        macro_rules! fail {
            ($what:expr) => {{
                report(errpipe_write, errors::last_errno(), $what);
                libc::_exit(255)
            }};
        }
        // SAFETY: only async-signal-safe calls until exec (preexec_fn aside).
        unsafe {
            for &fd in self.keep {
                if fd != errpipe_write {
                    let fl = libc::fcntl(fd, libc::F_GETFD);
                    if fl >= 0 {
                        libc::fcntl(fd, libc::F_SETFD, fl & !libc::FD_CLOEXEC);
                    }
                }
            }
            for fd in [p2cwrite, c2pread, errread, errpipe_read] {
                if fd != -1 {
                    libc::close(fd);
                }
            }
            // Move the child's ends out of 0-2 before they are put there.
            if c2pwrite == 0 {
                c2pwrite = libc::dup(c2pwrite);
                if c2pwrite < 0 {
                    fail!(b"noexec");
                }
            }
            while errwrite == 0 || errwrite == 1 {
                errwrite = libc::dup(errwrite);
                if errwrite < 0 {
                    fail!(b"noexec");
                }
            }
            for (fd, target) in [(p2cread, 0), (c2pwrite, 1), (errwrite, 2)] {
                if fd == target {
                    let fl = libc::fcntl(fd, libc::F_GETFD);
                    libc::fcntl(fd, libc::F_SETFD, fl & !libc::FD_CLOEXEC);
                } else if fd != -1 && libc::dup2(fd, target) < 0 {
                    fail!(b"noexec");
                }
            }
            if let Some(cwd) = self.cwd {
                if libc::chdir(cwd.as_ptr()) != 0 {
                    fail!(b"noexec:chdir");
                }
            }
            if self.umask >= 0 {
                libc::umask(self.umask as libc::mode_t);
            }
            if self.restore_signals {
                libc::signal(libc::SIGPIPE, libc::SIG_DFL);
                libc::signal(libc::SIGXFSZ, libc::SIG_DFL);
            }
            if self.new_session && libc::setsid() < 0 {
                fail!(b"noexec");
            }
            if self.pgid >= 0 && libc::setpgid(0, self.pgid as libc::pid_t) < 0 {
                fail!(b"noexec");
            }
            if let Some(g) = &self.gids {
                if libc::setgroups(g.len(), g.as_ptr()) < 0 {
                    fail!(b"noexec");
                }
            }
            if let Some(g) = self.gid {
                if libc::setregid(g, g) < 0 {
                    fail!(b"noexec");
                }
            }
            if let Some(u) = self.uid {
                if libc::setreuid(u, u) < 0 {
                    fail!(b"noexec");
                }
            }
            if let Some(f) = self.preexec {
                if protocol::call_args(f, &[]).is_err() {
                    let msg = b"SubprocessError:0:Exception occurred in preexec_fn.";
                    libc::write(errpipe_write, msg.as_ptr().cast(), msg.len());
                    libc::_exit(255);
                }
            }
            if self.close_fds {
                close_other_fds(self.keep);
            }
            let mut saved = 0;
            for exe in self.executables {
                match &self.envp {
                    Some(env) => libc::execve(exe.as_ptr(), self.argv.as_ptr(), env.as_ptr()),
                    None => libc::execv(exe.as_ptr(), self.argv.as_ptr()),
                };
                let e = errors::last_errno();
                if e != libc::ENOENT && e != libc::ENOTDIR && saved == 0 {
                    saved = e;
                }
            }
            if saved != 0 {
                *libc::__errno_location() = saved;
            }
            fail!(b"")
        }
    }
}

/// Closes every descriptor from 3 up except those in `keep` (sorted).
unsafe fn close_other_fds(keep: &[c_int]) {
    let mut lo: c_int = 3;
    // SAFETY: closing descriptors in the child.
    unsafe {
        for &k in keep.iter().filter(|&&k| k >= 3) {
            if k > lo {
                close_range(lo, k - 1);
            }
            lo = lo.max(k + 1);
        }
        close_range(lo, c_int::MAX);
    }
}

/// `close_range(2)`, with a loop up to the descriptor limit where the
/// kernel lacks it.
unsafe fn close_range(lo: c_int, hi: c_int) {
    // SAFETY: plain system calls.
    unsafe {
        if libc::syscall(libc::SYS_close_range, lo as u32, hi as u32, 0u32) == 0 {
            return;
        }
        let max = libc::sysconf(libc::_SC_OPEN_MAX).clamp(256, 65536) as c_int;
        for fd in lo..=hi.min(max) {
            libc::close(fd);
        }
    }
}

builtin!(posixsubprocess_fork_exec, |args, kws| {
    if !kws.is_empty() {
        return Err(errors::type_error("fork_exec() takes no keyword arguments"));
    }
    if args.len() != 22 && args.len() != 23 {
        return Err(errors::type_error(format!(
            "fork_exec() takes exactly 23 arguments ({} given)",
            args.len()
        )));
    }
    let a = args;
    let argv = c_items(a[0])?.unwrap_or_default();
    let executables = c_items(a[1])?.unwrap_or_default();
    let close_fds = protocol::is_true(a[2])?;
    if !tuple::check(a[3]) {
        return Err(errors::type_error("fds_to_keep must be a tuple"));
    }
    let keep = tuple::items(a[3])
        .iter()
        .map(|&x| Ok(int_arg(x)? as c_int))
        .collect::<PyResult<Vec<_>>>()?;
    if keep.windows(2).any(|w| w[0] >= w[1]) || keep.iter().any(|&k| k < 0) {
        return Err(errors::value_error("bad value(s) in fds_to_keep"));
    }
    let cwd = if a[4] == none::none() {
        None
    } else {
        Some(c_item(a[4])?)
    };
    let env = c_items(a[5])?;
    let mut fds = [0 as c_int; 8];
    for (slot, &x) in fds.iter_mut().zip(&a[6..14]) {
        *slot = int_arg(x)? as c_int;
    }
    let restore_signals = protocol::is_true(a[14])?;
    let new_session = protocol::is_true(a[15])?;
    let pgid = int_arg(a[16])?;
    let id = |o: *mut PyObject| -> PyResult<Option<u32>> {
        if o == none::none() {
            return Ok(None);
        }
        Ok(Some(int_arg(o)? as u32))
    };
    let gid = id(a[17])?;
    let gids = if a[18] == none::none() {
        None
    } else {
        let seq = list::from_iterable(a[18])?;
        Some(
            list::items(seq.as_ptr())
                .iter()
                .map(|&g| Ok(int_arg(g)? as libc::gid_t))
                .collect::<PyResult<Vec<_>>>()?,
        )
    };
    let uid = id(a[19])?;
    let umask = int_arg(a[20])?;
    let preexec = if a[21] == none::none() {
        None
    } else {
        Some(a[21])
    };
    let child = Child {
        argv: crate::modules::posix::exec_ptrs(&argv),
        envp: env.as_ref().map(|e| crate::modules::posix::exec_ptrs(e)),
        executables: &executables,
        cwd: cwd.as_ref(),
        keep: &keep,
        close_fds,
        fds,
        restore_signals,
        new_session,
        pgid,
        gid,
        gids,
        uid,
        umask,
        preexec,
    };
    let pid = libc::fork();
    if pid == 0 {
        child.run();
    }
    if pid < 0 {
        return Err(errors::last_os_error());
    }
    crate::object::int::from_i64(pid as i64)
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 2] = [
    method(c"fork_exec", posixsubprocess_fork_exec as *const c_void, FK),
    METHOD_END,
];

/// `PyInit__posixsubprocess`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the method table is static.
        unsafe { crate::modules::new_module("_posixsubprocess", (&raw mut METHODS).cast()) }
    })
}
