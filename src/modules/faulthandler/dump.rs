//! Tracebacks written without allocating or locking (`Python/traceback.c`'s
//! `_Py_DumpTraceback`, `_Py_DumpTracebackThreads`, `_Py_DumpASCII`), so
//! that a signal handler can call them: straight `write(2)` calls of
//! fixed texts, numbers formatted in stack buffers, and strings read from
//! their PEP 393 data.
use crate::ffi::PyObject;
use crate::object::{dict, str as pystr};
use crate::runtime::tstate::PyThreadState;
use crate::vm::frame::PyFrameObject;
use libc::c_int;

/// Longer strings are cut, with `...`.
const MAX_STRING_LENGTH: usize = 500;
/// Deeper stacks are cut, with `  ...`.
const MAX_FRAME_DEPTH: usize = 100;
/// More threads are left out, with `...`.
const MAX_NTHREADS: usize = 100;

/// Writes all of `s` to `fd`, retrying after signals; errors are dropped.
pub fn puts(fd: c_int, s: &[u8]) {
    let mut rest = s;
    while !rest.is_empty() {
        // SAFETY: rest is a valid buffer of its length.
        let n = unsafe { libc::write(fd, rest.as_ptr().cast(), rest.len()) };
        if n < 0 {
            if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            return;
        }
        rest = &rest[n as usize..];
    }
}

/// Writes `v` in decimal.
pub fn put_decimal(fd: c_int, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    puts(fd, &buf[i..]);
}

/// Writes `v` in lower-case hexadecimal, zero-padded to `width` digits.
pub fn put_hex(fd: c_int, mut v: u64, width: usize) {
    let mut buf = [b'0'; 16];
    let mut i = buf.len();
    while v != 0 || buf.len() - i < width {
        i -= 1;
        buf[i] = b"0123456789abcdef"[(v & 15) as usize];
        v >>= 4;
        if i == 0 {
            break;
        }
    }
    puts(fd, &buf[i..]);
}

/// Writes a str as ASCII: other characters as `\xNN`, `\uNNNN` or
/// `\UNNNNNNNN`; cut after 500 characters (`_Py_DumpASCII`).
///
/// # Safety
/// `s` is a str.
unsafe fn put_ascii(fd: c_int, s: *mut PyObject) {
    // SAFETY: s is a str; its characters are read in place.
    unsafe {
        let n = pystr::len(s) as usize;
        for i in 0..n.min(MAX_STRING_LENGTH) {
            let c = pystr::read_char(s, i);
            if (0x20..0x7f).contains(&c) {
                puts(fd, &[c as u8]);
            } else if c <= 0xff {
                puts(fd, b"\\x");
                put_hex(fd, c as u64, 2);
            } else if c <= 0xffff {
                puts(fd, b"\\u");
                put_hex(fd, c as u64, 4);
            } else {
                puts(fd, b"\\U");
                put_hex(fd, c as u64, 8);
            }
        }
        if n > MAX_STRING_LENGTH {
            puts(fd, b"...");
        }
    }
}

/// One frame: `  File "name", line N in function`.
///
/// # Safety
/// `frame` is a live frame.
unsafe fn dump_frame(fd: c_int, frame: *mut PyObject) {
    // SAFETY: frame is a frame; its code object lives as long as it does.
    unsafe {
        let f = &*frame.cast::<PyFrameObject>();
        let code = (!f.code.is_null() && crate::vm::code::check(f.code))
            .then(|| crate::vm::code::data(f.code));
        puts(fd, b"  File ");
        match &code {
            Some(d) if pystr::check(d.filename.as_ptr()) => {
                puts(fd, b"\"");
                put_ascii(fd, d.filename.as_ptr());
                puts(fd, b"\"");
            }
            _ => puts(fd, b"???"),
        }
        puts(fd, b", line ");
        match code
            .as_ref()
            .and_then(|d| crate::vm::code::line_of(d, f.lasti().max(0) as usize))
        {
            Some(line) => put_decimal(fd, line.into()),
            None => puts(fd, b"???"),
        }
        puts(fd, b" in ");
        match &code {
            Some(d) if pystr::check(d.name.as_ptr()) => put_ascii(fd, d.name.as_ptr()),
            _ => puts(fd, b"???"),
        }
        puts(fd, b"\n");
    }
}

/// The frames of thread state `ts`, innermost first (`_Py_DumpTraceback`);
/// with `header`, after `Stack (most recent call first):`.
///
/// # Safety
/// `ts` is a live thread state.
pub unsafe fn dump_traceback(fd: c_int, ts: *mut PyThreadState, header: bool) {
    if header {
        puts(fd, b"Stack (most recent call first):\n");
    }
    // SAFETY: ts is live; frames link to their (owned) callers.
    unsafe {
        let mut frame = (*ts).frame;
        if frame.is_null() {
            puts(fd, b"  <no Python frame>\n");
            return;
        }
        let mut depth = 0;
        while !frame.is_null() {
            if depth >= MAX_FRAME_DEPTH {
                puts(fd, b"  ...\n");
                break;
            }
            dump_frame(fd, frame);
            frame = (*frame.cast::<PyFrameObject>()).f_back;
            depth += 1;
        }
    }
}

/// `Current thread 0x...` or `Thread 0x...`, then the frames.
///
/// # Safety
/// `ts` is a live thread state.
unsafe fn dump_thread(fd: c_int, ts: *mut PyThreadState, current: bool) {
    puts(
        fd,
        if current {
            b"Current thread 0x"
        } else {
            b"Thread 0x"
        },
    );
    // SAFETY: ts is live.
    unsafe {
        put_hex(fd, (*ts).thread_id, 16);
        puts(fd, b" (most recent call first):\n");
        if current && crate::object::gc::is_collecting() {
            puts(fd, b"  Garbage-collecting\n");
        }
        dump_traceback(fd, ts, false);
    }
}

/// Every thread of `current`'s interpreter (or of the main interpreter),
/// newest first, `current` marked (`_Py_DumpTracebackThreads`). When the
/// thread list is being changed just then, only `current` is shown.
/// Returns CPython's error text when there is no interpreter.
///
/// # Safety
/// `current` is NULL or a live thread state.
pub unsafe fn dump_threads(fd: c_int, current: *mut PyThreadState) -> Result<(), &'static str> {
    // SAFETY: current is NULL or live; the main interpreter outlives the
    // thread states it lists.
    unsafe {
        let interp = if current.is_null() {
            crate::runtime::lifecycle::main_interpreter()
        } else {
            (*current).interp
        };
        if interp.is_null() {
            return Err("unable to get the interpreter state");
        }
        let guard = match (*interp).threads.try_lock() {
            Ok(g) => g,
            Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => {
                if current.is_null() {
                    return Err("unable to get the thread head state");
                }
                dump_thread(fd, current, true);
                return Ok(());
            }
        };
        for (n, &ts) in guard.iter().enumerate() {
            if n != 0 {
                puts(fd, b"\n");
            }
            if n >= MAX_NTHREADS {
                puts(fd, b"...\n");
                break;
            }
            let ts = ts as *mut PyThreadState;
            dump_thread(fd, ts, ts == current);
        }
        Ok(())
    }
}

/// Whether `s` is a str equal to the ASCII text `text`, found without
/// allocating.
///
/// # Safety
/// `s` is a live object.
unsafe fn str_is(s: *mut PyObject, text: &[u8]) -> bool {
    // SAFETY: s is live; a str's characters are read in place.
    unsafe {
        pystr::check(s)
            && pystr::len(s) as usize == text.len()
            && text
                .iter()
                .enumerate()
                .all(|(i, &c)| pystr::read_char(s, i) == c as u32)
    }
}

/// Whether the frozenset `names` holds a str equal to `key`.
///
/// # Safety
/// `names` is a frozenset; `key` a str.
unsafe fn set_has_str(names: *mut PyObject, key: *mut PyObject) -> bool {
    // SAFETY: the set's table is read in place.
    unsafe {
        let mut pos = 0;
        while let Some(e) = crate::object::set::next_entry(names, &mut pos) {
            if pystr::check(e.key) && pystr::eq(e.key, key) {
                return true;
            }
        }
        false
    }
}

/// Whether `m` is an extension module (`_PyModule_IsExtension`): one made
/// from a `PyModuleDef`, or one of the builtin modules written in Rust
/// (named `key` in `sys.modules`), which CPython makes from definitions.
///
/// # Safety
/// `m` and `key` are live objects.
unsafe fn is_extension(key: *mut PyObject, m: *mut PyObject) -> bool {
    // SAFETY: m is checked to be a module before its fields are read.
    unsafe {
        if !crate::object::typeobj::instance_of(m, &raw mut crate::object::module::PyModule_Type) {
            return false;
        }
        if !(*m.cast::<crate::object::module::PyModuleObject>())
            .md_def
            .is_null()
        {
            return true;
        }
        pystr::ascii_str(key).is_some_and(|k| crate::modules::is_builtin(k.as_bytes()))
    }
}

/// `Extension modules: a, b (total: 2)`: the extension modules in
/// `sys.modules` that are not in `sys.stdlib_module_names` (when that is
/// a frozenset), written without allocating (`_Py_DumpExtensionModules`).
///
/// # Safety
/// `ts` is NULL or a live thread state.
pub unsafe fn dump_extension_modules(fd: c_int, ts: *mut PyThreadState) {
    // SAFETY: the interpreter's dicts are read in place.
    unsafe {
        let interp = if ts.is_null() {
            crate::runtime::lifecycle::main_interpreter()
        } else {
            (*ts).interp
        };
        if interp.is_null() {
            return;
        }
        let modules = (*interp).modules;
        if modules.is_null() || !dict::check(modules) {
            return;
        }
        let mut stdlib = std::ptr::null_mut();
        let sysdict = (*interp).sysdict;
        if !sysdict.is_null() {
            let mut pos = 0;
            while let Some((k, v)) = dict::next(sysdict, &mut pos) {
                if str_is(k, b"stdlib_module_names") {
                    if (*v).ob_type == &raw mut crate::object::set::PyFrozenSet_Type {
                        stdlib = v;
                    }
                    break;
                }
            }
        }
        let mut count = 0u64;
        let mut pos = 0;
        while let Some((k, v)) = dict::next(modules, &mut pos) {
            if !pystr::check(k) || !is_extension(k, v) {
                continue;
            }
            if !stdlib.is_null() && set_has_str(stdlib, k) {
                continue;
            }
            puts(
                fd,
                if count == 0 {
                    b"\nExtension modules: "
                } else {
                    b", "
                },
            );
            put_ascii(fd, k);
            count += 1;
        }
        if count > 0 {
            puts(fd, b" (total: ");
            put_decimal(fd, count);
            puts(fd, b")\n");
        }
    }
}
