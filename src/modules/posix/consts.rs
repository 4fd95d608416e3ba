//! The integer constants of `posix`: access modes, open flags and wait
//! options from libc, and the values glibc fixes for Linux (sysexits
//! `EX_*`, `waitid` id types and `CLD_*` codes, scheduler policies,
//! `dlopen` flags, `lockf` commands, `getrandom` flags, extended
//! attribute flags, `posix_spawn` file actions).

macro_rules! from_libc {
    ($($n:ident)*) => { [$((stringify!($n), libc::$n as i64),)*] };
}

const FROM_LIBC: [(&str, i64); 36] = from_libc!(
    F_OK R_OK W_OK X_OK
    O_ACCMODE O_APPEND O_ASYNC O_CLOEXEC O_CREAT O_DIRECT O_DIRECTORY O_DSYNC
    O_EXCL O_FSYNC O_LARGEFILE O_NDELAY O_NOATIME O_NOCTTY O_NOFOLLOW O_NONBLOCK
    O_PATH O_RDONLY O_RDWR O_RSYNC O_SYNC O_TMPFILE O_TRUNC O_WRONLY
    WNOHANG WUNTRACED WCONTINUED WEXITED WSTOPPED WNOWAIT SEEK_DATA SEEK_HOLE
);

/// Values fixed by glibc on Linux.
const FIXED: &[(&str, i64)] = &[
    ("EX_CANTCREAT", 73),
    ("EX_CONFIG", 78),
    ("EX_DATAERR", 65),
    ("EX_IOERR", 74),
    ("EX_NOHOST", 68),
    ("EX_NOINPUT", 66),
    ("EX_NOPERM", 77),
    ("EX_NOUSER", 67),
    ("EX_OK", 0),
    ("EX_OSERR", 71),
    ("EX_OSFILE", 72),
    ("EX_PROTOCOL", 76),
    ("EX_SOFTWARE", 70),
    ("EX_TEMPFAIL", 75),
    ("EX_UNAVAILABLE", 69),
    ("EX_USAGE", 64),
    ("CLD_CONTINUED", 6),
    ("CLD_DUMPED", 3),
    ("CLD_EXITED", 1),
    ("CLD_KILLED", 2),
    ("CLD_STOPPED", 5),
    ("CLD_TRAPPED", 4),
    ("P_ALL", 0),
    ("P_PGID", 2),
    ("P_PID", 1),
    ("P_PIDFD", 3),
    ("PRIO_PGRP", 1),
    ("PRIO_PROCESS", 0),
    ("PRIO_USER", 2),
    ("SCHED_BATCH", 3),
    ("SCHED_FIFO", 1),
    ("SCHED_IDLE", 5),
    ("SCHED_OTHER", 0),
    ("SCHED_RESET_ON_FORK", 1073741824),
    ("SCHED_RR", 2),
    ("RTLD_DEEPBIND", 8),
    ("RTLD_GLOBAL", 256),
    ("RTLD_LAZY", 1),
    ("RTLD_LOCAL", 0),
    ("RTLD_NODELETE", 4096),
    ("RTLD_NOLOAD", 4),
    ("RTLD_NOW", 2),
    ("GRND_NONBLOCK", 1),
    ("GRND_RANDOM", 2),
    ("F_LOCK", 1),
    ("F_TLOCK", 2),
    ("F_ULOCK", 0),
    ("F_TEST", 3),
    ("NGROUPS_MAX", 65536),
    ("TMP_MAX", 238328),
    ("ST_APPEND", 256),
    ("ST_MANDLOCK", 64),
    ("ST_NOATIME", 1024),
    ("ST_NODEV", 4),
    ("ST_NODIRATIME", 2048),
    ("ST_NOEXEC", 8),
    ("ST_NOSUID", 2),
    ("ST_RDONLY", 1),
    ("ST_RELATIME", 4096),
    ("ST_SYNCHRONOUS", 16),
    ("ST_WRITE", 128),
    ("POSIX_FADV_DONTNEED", 4),
    ("POSIX_FADV_NOREUSE", 5),
    ("POSIX_FADV_NORMAL", 0),
    ("POSIX_FADV_RANDOM", 1),
    ("POSIX_FADV_SEQUENTIAL", 2),
    ("POSIX_FADV_WILLNEED", 3),
    ("XATTR_CREATE", 1),
    ("XATTR_REPLACE", 2),
    ("XATTR_SIZE_MAX", 65536),
    ("POSIX_SPAWN_OPEN", 0),
    ("POSIX_SPAWN_CLOSE", 1),
    ("POSIX_SPAWN_DUP2", 2),
    ("POSIX_SPAWN_CLOSEFROM", 3),
];

/// Every integer constant of the module.
pub(super) fn all() -> impl Iterator<Item = &'static (&'static str, i64)> {
    FROM_LIBC.iter().chain(FIXED)
}
