//! Tracebacks written without allocating or locking (`Python/traceback.c`'s
//! `_Py_DumpTraceback`, `_Py_DumpTracebackThreads`, `_Py_DumpASCII`), so
//! that a signal handler can call them: straight `write(2)` calls of
//! fixed texts, numbers formatted in stack buffers, and strings read from
//! their PEP 393 data.
use crate::ffi::PyObject;
use crate::object::str as pystr;
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
            .and_then(|d| crate::vm::code::line_of(d, f.lasti.max(0) as usize))
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
