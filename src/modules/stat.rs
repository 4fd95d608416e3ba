//! The `_stat` module (CPython's `Modules/_stat.c`), which `stat.py`
//! imports over its pure-Python definitions: the file-type and permission
//! constants, the `S_IS*` tests, `S_IMODE`, `S_IFMT` and `filemode`.
use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::object::descr::{method, METHOD_END};
use crate::object::{bool as pybool, dict, int, module, number, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};

/// The constants, with the Linux values (the BSD and Solaris-only ones
/// are 0 or their fixed flag values, as in CPython).
const CONSTANTS: &[(&str, i64)] = &[
    ("SF_APPEND", 262144),
    ("SF_ARCHIVED", 65536),
    ("SF_DATALESS", 1073741824),
    ("SF_FIRMLINK", 8388608),
    ("SF_IMMUTABLE", 131072),
    ("SF_NOUNLINK", 1048576),
    ("SF_SETTABLE", 4294901760),
    ("SF_SNAPSHOT", 2097152),
    ("ST_ATIME", 7),
    ("ST_CTIME", 9),
    ("ST_DEV", 2),
    ("ST_GID", 5),
    ("ST_INO", 1),
    ("ST_MODE", 0),
    ("ST_MTIME", 8),
    ("ST_NLINK", 3),
    ("ST_SIZE", 6),
    ("ST_UID", 4),
    ("S_ENFMT", 1024),
    ("S_IEXEC", 0o100),
    ("S_IFBLK", 0o60000),
    ("S_IFCHR", 0o20000),
    ("S_IFDIR", 0o40000),
    ("S_IFDOOR", 0o0),
    ("S_IFIFO", 0o10000),
    ("S_IFLNK", 0o120000),
    ("S_IFPORT", 0o0),
    ("S_IFREG", 0o100000),
    ("S_IFSOCK", 0o140000),
    ("S_IFWHT", 0o0),
    ("S_IREAD", 0o400),
    ("S_IRGRP", 0o40),
    ("S_IROTH", 0o4),
    ("S_IRUSR", 0o400),
    ("S_IRWXG", 0o70),
    ("S_IRWXO", 0o7),
    ("S_IRWXU", 0o700),
    ("S_ISGID", 0o2000),
    ("S_ISUID", 0o4000),
    ("S_ISVTX", 0o1000),
    ("S_IWGRP", 0o20),
    ("S_IWOTH", 0o2),
    ("S_IWRITE", 0o200),
    ("S_IWUSR", 0o200),
    ("S_IXGRP", 0o10),
    ("S_IXOTH", 0o1),
    ("S_IXUSR", 0o100),
    ("UF_APPEND", 4),
    ("UF_COMPRESSED", 32),
    ("UF_DATAVAULT", 128),
    ("UF_HIDDEN", 32768),
    ("UF_IMMUTABLE", 2),
    ("UF_NODUMP", 1),
    ("UF_NOUNLINK", 16),
    ("UF_OPAQUE", 8),
    ("UF_SETTABLE", 65535),
    ("UF_TRACKED", 64),
];

/// A mode argument: an int in `mode_t` range.
unsafe fn mode_arg(o: *mut PyObject) -> PyResult<u32> {
    // SAFETY: o valid.
    unsafe {
        if !int::check(o) && !number::index_check(o) {
            return Err(errors::type_error("an integer is required"));
        }
        let v = number::index(o)?;
        if int::sign(v.as_ptr()) < 0 {
            return Err(errors::overflow_error(
                "can't convert negative value to unsigned int",
            ));
        }
        int::as_u64(v.as_ptr())
            .and_then(|m| u32::try_from(m).ok())
            .ok_or_else(|| errors::overflow_error("mode out of range"))
    }
}

macro_rules! type_tests {
    ($($f:ident, $name:literal => $kind:expr;)*) => {$(
        builtin!($f, |args, kws| {
            let [m] = bind($name, args, &kws, ["mode"], 1, 1)?;
            let kind: u32 = $kind;
            let r = kind != 0 && mode_arg(m.unwrap())? & 0o170000 == kind;
            Ok(Owned::from_borrowed_static(pybool::from_bool(r)))
        });
    )*};
}

type_tests! {
    stat_isdir, "S_ISDIR" => 0o040000;
    stat_ischr, "S_ISCHR" => 0o020000;
    stat_isblk, "S_ISBLK" => 0o060000;
    stat_isreg, "S_ISREG" => 0o100000;
    stat_isfifo, "S_ISFIFO" => 0o010000;
    stat_islnk, "S_ISLNK" => 0o120000;
    stat_issock, "S_ISSOCK" => 0o140000;
    stat_isdoor, "S_ISDOOR" => 0;
    stat_isport, "S_ISPORT" => 0;
    stat_iswht, "S_ISWHT" => 0;
}

builtin!(stat_imode, |args, kws| {
    let [m] = bind("S_IMODE", args, &kws, ["mode"], 1, 1)?;
    int::from_i64((mode_arg(m.unwrap())? & 0o7777) as i64)
});

builtin!(stat_ifmt, |args, kws| {
    let [m] = bind("S_IFMT", args, &kws, ["mode"], 1, 1)?;
    int::from_i64((mode_arg(m.unwrap())? & 0o170000) as i64)
});

/// `ls -l`-style text of a mode: `-rwxr-xr-x`.
fn filemode_text(mode: u32) -> String {
    let kind = match mode & 0o170000 {
        0o140000 => 's',
        0o120000 => 'l',
        0o100000 => '-',
        0o060000 => 'b',
        0o040000 => 'd',
        0o020000 => 'c',
        0o010000 => 'p',
        _ => '?',
    };
    let mut s = String::with_capacity(10);
    s.push(kind);
    // (read bit, write bit, exec bit, special bit, special char with and
    // without exec) for user, group and other.
    for (shift, special, with_x, without_x) in [
        (6, 0o4000, 's', 'S'),
        (3, 0o2000, 's', 'S'),
        (0, 0o1000, 't', 'T'),
    ] {
        let bits = (mode >> shift) & 7;
        s.push(if bits & 4 != 0 { 'r' } else { '-' });
        s.push(if bits & 2 != 0 { 'w' } else { '-' });
        s.push(match (bits & 1 != 0, mode & special != 0) {
            (true, true) => with_x,
            (false, true) => without_x,
            (true, false) => 'x',
            (false, false) => '-',
        });
    }
    s
}

builtin!(stat_filemode, |args, kws| {
    let [m] = bind("filemode", args, &kws, ["mode"], 1, 1)?;
    pystr::from_str(&filemode_text(mode_arg(m.unwrap())?))
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 14] = [
    method(c"S_ISDIR", stat_isdir as *const c_void, FK),
    method(c"S_ISCHR", stat_ischr as *const c_void, FK),
    method(c"S_ISBLK", stat_isblk as *const c_void, FK),
    method(c"S_ISREG", stat_isreg as *const c_void, FK),
    method(c"S_ISFIFO", stat_isfifo as *const c_void, FK),
    method(c"S_ISLNK", stat_islnk as *const c_void, FK),
    method(c"S_ISSOCK", stat_issock as *const c_void, FK),
    method(c"S_ISDOOR", stat_isdoor as *const c_void, FK),
    method(c"S_ISPORT", stat_isport as *const c_void, FK),
    method(c"S_ISWHT", stat_iswht as *const c_void, FK),
    method(c"S_IMODE", stat_imode as *const c_void, FK),
    method(c"S_IFMT", stat_ifmt as *const c_void, FK),
    method(c"filemode", stat_filemode as *const c_void, FK),
    METHOD_END,
];

/// `PyInit__stat`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the method table is static; the module is new.
        unsafe {
            let m = crate::modules::new_module("_stat", (&raw mut METHODS).cast())?;
            let d = module::dict_of(m.as_ptr());
            for &(k, v) in CONSTANTS {
                dict::set_item(d, pystr::intern(k), int::from_i64(v)?.as_ptr())?;
            }
            Ok(m)
        }
    })
}
