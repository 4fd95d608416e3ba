//! The `posix` module (CPython's `Modules/posixmodule.c`), the C layer
//! under `os` on Linux. Files: `path` (path and descriptor arguments),
//! `stat`, `fs` (file-system calls), `fd` (descriptor calls), `scandir`,
//! `environ`, `process`, `spawn` (`posix_spawn`), `sched` (scheduling
//! and CPU affinity), `sysinfo`, `xattr`
//! (extended attributes), `consts` (the integer constants), `ids`
//! (uid/gid conversions).
mod atfork;
pub(crate) use atfork::clear as clear_fork_hooks;
mod consts;
mod environ;
mod fd;
pub(crate) use fd::retry;
mod fs;
pub(crate) mod ids;
pub mod path;
mod process;
pub(crate) use process::ptrs as exec_ptrs;
mod scandir;
mod sched;
mod spawn;
mod stat;
mod statvfs;
mod sysinfo;
mod xattr;

use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::object::descr::{method, METHOD_END};
use crate::object::{dict, int, module, none as pynone, number, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};

/// An integer argument (any object with `__index__`; floats refused).
pub(crate) unsafe fn int_arg(o: *mut PyObject) -> PyResult<i64> {
    // SAFETY: o valid.
    unsafe {
        if crate::object::float::check(o) {
            return Err(errors::type_error(
                "'float' object cannot be interpreted as an integer",
            ));
        }
        int::as_i64(number::index(o)?.as_ptr())
    }
}

/// A `dir_fd` argument: absent or None means the current directory; what
/// is no integer is refused as CPython's `dir_fd_converter` does.
pub(crate) fn dir_fd_arg(o: Option<*mut PyObject>) -> PyResult<c_int> {
    match o {
        // SAFETY: d valid.
        Some(d) if d != pynone::none() => unsafe {
            if !number::index_check(d) {
                return Err(errors::type_error(format!(
                    "argument should be integer or None, not {}",
                    crate::object::typeobj::type_name(d)
                )));
            }
            crate::modules::select::warn_bool_fd(d)?;
            path::fd_value(d)
        },
        _ => Ok(libc::AT_FDCWD),
    }
}

/// Raises the audit event `event` (an `os.*` one) with the arguments
/// `objs` followed by `ints`; nothing is built when no hook is installed.
pub(crate) fn audit(event: &std::ffi::CStr, objs: &[*mut PyObject], ints: &[i64]) -> PyResult<()> {
    crate::runtime::audit::audit_with(event, || {
        // SAFETY: the callers pass valid objects.
        let mut v: Vec<Owned> = objs
            .iter()
            .map(|&o| unsafe { Owned::from_borrowed(o) })
            .collect();
        for &i in ints {
            v.push(int::from_i64(i)?);
        }
        Ok(v)
    })
}

/// A `dir_fd` as audit events show it: -1 for none.
pub(crate) fn audit_dir_fd(fd: c_int) -> i64 {
    if fd == libc::AT_FDCWD {
        -1
    } else {
        fd as i64
    }
}

/// A `follow_symlinks` argument (default true).
pub(crate) fn follow_arg(o: Option<*mut PyObject>) -> PyResult<bool> {
    match o {
        // SAFETY: f valid.
        Some(f) => unsafe { protocol::is_true(f) },
        None => Ok(true),
    }
}

builtin!(posix_fspath, |args, kws| {
    let [p] = bind("fspath", args, &kws, ["path"], 1, 1)?;
    errors::check(crate::capi::osutil::PyOS_FSPath(p.unwrap()))
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

macro_rules! table {
    ($($name:literal => $f:path,)*) => {
        [$(method($name, $f as *const c_void, FK),)* METHOD_END]
    };
}

static mut METHODS: [PyMethodDef; 125] = table! {
    c"WCOREDUMP" => process::posix_wcoredump,
    c"WEXITSTATUS" => process::posix_wexitstatus,
    c"WIFCONTINUED" => process::posix_wifcontinued,
    c"WIFEXITED" => process::posix_wifexited,
    c"WIFSIGNALED" => process::posix_wifsignaled,
    c"WIFSTOPPED" => process::posix_wifstopped,
    c"WSTOPSIG" => process::posix_wstopsig,
    c"WTERMSIG" => process::posix_wtermsig,
    c"_exit" => process::posix__exit,
    c"access" => fs::posix_access,
    c"chdir" => fs::posix_chdir,
    c"chmod" => fs::posix_chmod,
    c"chown" => fs::posix_chown,
    c"chroot" => fs::posix_chroot,
    c"close" => fd::posix_close,
    c"closerange" => fd::posix_closerange,
    c"confstr" => sysinfo::posix_confstr,
    c"cpu_count" => sysinfo::posix_cpu_count,
    c"device_encoding" => fd::posix_device_encoding,
    c"dup" => fd::posix_dup,
    c"dup2" => fd::posix_dup2,
    c"execv" => process::posix_execv,
    c"execve" => process::posix_execve,
    c"fchdir" => fs::posix_fchdir,
    c"fchmod" => fs::posix_fchmod,
    c"fchown" => fs::posix_fchown,
    c"fdatasync" => fd::posix_fdatasync,
    c"fork" => process::posix_fork,
    c"forkpty" => process::posix_forkpty,
    c"fpathconf" => sysinfo::posix_fpathconf,
    c"fspath" => posix_fspath,
    c"fstat" => stat::posix_fstat,
    c"fstatvfs" => statvfs::posix_fstatvfs,
    c"fsync" => fd::posix_fsync,
    c"ftruncate" => fd::posix_ftruncate,
    c"get_blocking" => fd::posix_get_blocking,
    c"get_inheritable" => fd::posix_get_inheritable,
    c"get_terminal_size" => fd::posix_get_terminal_size,
    c"getcwd" => fs::posix_getcwd,
    c"getcwdb" => fs::posix_getcwdb,
    c"getegid" => process::posix_getegid,
    c"geteuid" => process::posix_geteuid,
    c"getgid" => process::posix_getgid,
    c"getgroups" => process::posix_getgroups,
    c"getloadavg" => sysinfo::posix_getloadavg,
    c"getlogin" => process::posix_getlogin,
    c"getpgid" => process::posix_getpgid,
    c"getpgrp" => process::posix_getpgrp,
    c"getpid" => process::posix_getpid,
    c"getppid" => process::posix_getppid,
    c"getsid" => process::posix_getsid,
    c"getuid" => process::posix_getuid,
    c"getxattr" => xattr::posix_getxattr,
    c"isatty" => fd::posix_isatty,
    c"kill" => process::posix_kill,
    c"killpg" => process::posix_killpg,
    c"lchown" => fs::posix_lchown,
    c"link" => fs::posix_link,
    c"listdir" => fs::posix_listdir,
    c"listxattr" => xattr::posix_listxattr,
    c"lockf" => fd::posix_lockf,
    c"login_tty" => fd::posix_login_tty,
    c"lseek" => fd::posix_lseek,
    c"lstat" => stat::posix_lstat,
    c"major" => fs::posix_major,
    c"makedev" => fs::posix_makedev,
    c"minor" => fs::posix_minor,
    c"mkdir" => fs::posix_mkdir,
    c"mkfifo" => fs::posix_mkfifo,
    c"mknod" => fs::posix_mknod,
    c"open" => fd::posix_open,
    c"openpty" => fd::posix_openpty,
    c"pathconf" => sysinfo::posix_pathconf,
    c"pidfd_open" => process::posix_pidfd_open,
    c"pipe" => fd::posix_pipe,
    c"pipe2" => fd::posix_pipe2,
    c"posix_spawn" => spawn::posix_posix_spawn,
    c"posix_spawnp" => spawn::posix_posix_spawnp,
    c"pread" => fd::posix_pread,
    c"putenv" => environ::posix_putenv,
    c"pwrite" => fd::posix_pwrite,
    c"read" => fd::posix_read,
    c"readlink" => fs::posix_readlink,
    c"register_at_fork" => atfork::posix_register_at_fork,
    c"remove" => fs::posix_remove,
    c"removexattr" => xattr::posix_removexattr,
    c"rename" => fs::posix_rename,
    c"replace" => fs::posix_replace,
    c"rmdir" => fs::posix_rmdir,
    c"scandir" => scandir::posix_scandir,
    c"sched_get_priority_max" => sched::posix_sched_get_priority_max,
    c"sched_get_priority_min" => sched::posix_sched_get_priority_min,
    c"sched_getaffinity" => sched::posix_sched_getaffinity,
    c"sched_getparam" => sched::posix_sched_getparam,
    c"sched_getscheduler" => sched::posix_sched_getscheduler,
    c"sched_rr_get_interval" => sched::posix_sched_rr_get_interval,
    c"sched_setaffinity" => sched::posix_sched_setaffinity,
    c"sched_setparam" => sched::posix_sched_setparam,
    c"sched_setscheduler" => sched::posix_sched_setscheduler,
    c"sched_yield" => sched::posix_sched_yield,
    c"set_blocking" => fd::posix_set_blocking,
    c"set_inheritable" => fd::posix_set_inheritable,
    c"setsid" => process::posix_setsid,
    c"setxattr" => xattr::posix_setxattr,
    c"stat" => stat::posix_stat,
    c"statvfs" => statvfs::posix_statvfs,
    c"strerror" => environ::posix_strerror,
    c"symlink" => fs::posix_symlink,
    c"sysconf" => sysinfo::posix_sysconf,
    c"system" => process::posix_system,
    c"times" => sysinfo::posix_times,
    c"truncate" => fs::posix_truncate,
    c"umask" => process::posix_umask,
    c"uname" => sysinfo::posix_uname,
    c"unlink" => fs::posix_unlink,
    c"unsetenv" => environ::posix_unsetenv,
    c"urandom" => environ::posix_urandom,
    c"utime" => fs::posix_utime,
    c"wait" => process::posix_wait,
    c"wait3" => process::posix_wait3,
    c"wait4" => process::posix_wait4,
    c"waitpid" => process::posix_waitpid,
    c"waitstatus_to_exitcode" => process::posix_waitstatus_to_exitcode,
    c"write" => fd::posix_write,
};

/// What `os.py` reads to build its `supports_*` sets: the `*at` and
/// descriptor variants this module implements.
const HAVE_FUNCTIONS: &[&str] = &[
    "HAVE_FACCESSAT",
    "HAVE_FCHDIR",
    "HAVE_FCHMOD",
    "HAVE_FCHMODAT",
    "HAVE_FCHOWN",
    "HAVE_FCHOWNAT",
    "HAVE_FDOPENDIR",
    "HAVE_FPATHCONF",
    "HAVE_FSTATAT",
    "HAVE_FTRUNCATE",
    "HAVE_FUTIMENS",
    "HAVE_LCHOWN",
    "HAVE_LINKAT",
    "HAVE_LSTAT",
    "HAVE_MKDIRAT",
    "HAVE_MKFIFOAT",
    "HAVE_MKNODAT",
    "HAVE_OPENAT",
    "HAVE_READLINKAT",
    "HAVE_RENAMEAT",
    "HAVE_SYMLINKAT",
    "HAVE_UNLINKAT",
    "HAVE_UTIMENSAT",
];

/// Fills the module namespace: constants, types, `environ`, name tables.
unsafe fn fill(m: *mut PyObject) -> PyResult<()> {
    // SAFETY: m is the new module.
    unsafe {
        let d = module::dict_of(m);
        let set = |k: &str, v: *mut PyObject| dict::set_item(d, pystr::intern(k), v);
        for &(k, v) in consts::all() {
            set(k, int::from_i64(v)?.as_ptr())?;
        }
        set("error", crate::object::exceptions::PyExc_OSError)?;
        set("environ", environ::environ()?.as_ptr())?;
        set("stat_result", stat::result_type()?.cast())?;
        set("statvfs_result", statvfs::result_type()?.cast())?;
        let [un, tm, ts] = sysinfo::types()?;
        set("uname_result", un.cast())?;
        set("times_result", tm.cast())?;
        set("terminal_size", ts.cast())?;
        set("sched_param", sched::param_type()?.cast())?;
        let [entry, _] = scandir::types()?;
        set("DirEntry", entry.cast())?;
        set(
            "sysconf_names",
            sysinfo::names_dict(sysinfo::SYSCONF_NAMES)?.as_ptr(),
        )?;
        set(
            "confstr_names",
            sysinfo::names_dict(sysinfo::CONFSTR_NAMES)?.as_ptr(),
        )?;
        set(
            "pathconf_names",
            sysinfo::names_dict(sysinfo::PATHCONF_NAMES)?.as_ptr(),
        )?;
        let have = HAVE_FUNCTIONS
            .iter()
            .map(|s| pystr::from_str(s))
            .collect::<PyResult<Vec<_>>>()?;
        set(
            "_have_functions",
            crate::object::list::from_vec(have)?.as_ptr(),
        )?;
        Ok(())
    }
}

/// `PyInit_posix`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the module definition is static.
        unsafe {
            let m = crate::modules::new_module("posix", (&raw mut METHODS).cast())?;
            fill(m.as_ptr())?;
            Ok(m)
        }
    })
}
