//! `_io.BufferedReader`, `BufferedWriter`, `BufferedRandom` and
//! `BufferedRWPair` (`Modules/_io/bufferedio.c`): buffering over any raw
//! stream, which they reach through its Python-level methods. A read
//! buffer and a pending-write buffer are kept apart; `BufferedRandom`
//! writes pending bytes out before it reads, and puts the raw position
//! back under the unread bytes before it writes.
use super::*;
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::{bytes, int};
use crate::runtime::pythread::Lock;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    Reader,
    Writer,
    Random,
}

/// The lock of a buffered stream (`self->lock`, `ENTER_BUFFERED`): a
/// method holds it while it works on the buffers, across the calls into
/// the raw stream (which may release the GIL), so that another thread
/// waits instead of reading or writing the same bytes twice.
#[derive(Default)]
struct BufLock {
    lock: Lock,
    /// The thread holding the lock (0: none).
    owner: AtomicU64,
}

/// Holds a buffered stream's lock; releases it when dropped.
struct Entered(Arc<BufLock>);

impl Drop for Entered {
    fn drop(&mut self) {
        self.0.owner.store(0, Ordering::Relaxed);
        self.0.lock.release();
    }
}

/// Takes the lock of `op`, waiting for it with the GIL released; a
/// thread that already holds it gets `RuntimeError: reentrant call
/// inside <repr>`.
unsafe fn enter(op: *mut PyObject) -> PyResult<Entered> {
    // SAFETY: op is a buffered object.
    unsafe {
        let l = st(op)?.lock.clone();
        let me = crate::runtime::tstate::thread_ident();
        if !l.lock.try_acquire() {
            if l.owner.load(Ordering::Relaxed) == me {
                let r = protocol::repr_string(op)?;
                return Err(errors::runtime_error(format!("reentrant call inside {r}")));
            }
            crate::runtime::gil::allow_threads(|| l.lock.acquire(None));
        }
        l.owner.store(me, Ordering::Relaxed);
        Ok(Entered(l))
    }
}

/// The state of a buffered stream.
struct Buffered {
    lock: Arc<BufLock>,
    raw: Option<Owned>,
    which: Which,
    buffer_size: usize,
    rbuf: Vec<u8>,
    rpos: usize,
    wbuf: Vec<u8>,
}

impl IoState for Buffered {
    fn visit(&self, visit: visitproc, arg: *mut c_void) -> c_int {
        let raw = self.raw.as_ref().map_or(null_mut(), |r| r.as_ptr());
        // SAFETY: the state owns raw.
        unsafe { crate::object::gc::visit_all(&[raw], visit, arg) }
    }
}

impl Buffered {
    fn unread(&self) -> usize {
        self.rbuf.len() - self.rpos
    }
    fn writable(&self) -> bool {
        self.which != Which::Reader
    }
}

const fn buffered_type(
    name: &'static std::ffi::CStr,
    methods: *mut PyMethodDef,
    doc: &'static std::ffi::CStr,
) -> PyTypeObject {
    PyTypeObject {
        tp_methods: methods,
        tp_doc: doc.as_ptr(),
        tp_getset: (&raw const BUFFERED_GETSET).cast_mut().cast(),
        tp_init: Some(buffered_init),
        tp_repr: Some(buffered_repr),
        ..io_type(name, &raw mut super::iobase::BUFFEREDIOBASE_TYPE)
    }
}

/// `_io.BufferedReader`.
pub static mut READER_TYPE: PyTypeObject = buffered_type(
    c"_io.BufferedReader",
    (&raw const READER_METHODS).cast_mut().cast(),
    c"BufferedReader(raw, buffer_size=DEFAULT_BUFFER_SIZE)\n--\n\nA buffer in front of a readable raw stream (a RawIOBase).",
);
/// `_io.BufferedWriter`.
pub static mut WRITER_TYPE: PyTypeObject = buffered_type(
    c"_io.BufferedWriter",
    (&raw const WRITER_METHODS).cast_mut().cast(),
    c"BufferedWriter(raw, buffer_size=DEFAULT_BUFFER_SIZE)\n--\n\nA buffer in front of a writable raw stream; the data reaches the raw\nstream on flush() or when the buffer is full.",
);
/// `_io.BufferedRandom`.
pub static mut RANDOM_TYPE: PyTypeObject = buffered_type(
    c"_io.BufferedRandom",
    (&raw const RANDOM_METHODS).cast_mut().cast(),
    c"BufferedRandom(raw, buffer_size=DEFAULT_BUFFER_SIZE)\n--\n\nA buffer in front of a seekable raw stream, for reading and writing.",
);
/// `_io.BufferedRWPair`.
pub static mut RWPAIR_TYPE: PyTypeObject = PyTypeObject {
    tp_methods: (&raw const RWPAIR_METHODS).cast_mut().cast(),
    tp_getset: (&raw const RWPAIR_GETSET).cast_mut().cast(),
    tp_init: Some(rwpair_init),
    tp_doc: c"BufferedRWPair(reader, writer, buffer_size=DEFAULT_BUFFER_SIZE, /)\n--\n\nOne buffered stream made of a readable raw stream and a writable one,\nsuch as the two ends of a pipe."
        .as_ptr(),
    ..io_type(
        c"_io.BufferedRWPair",
        &raw mut super::iobase::BUFFEREDIOBASE_TYPE,
    )
};

/// The buffered types.
pub fn types() -> Vec<*mut PyTypeObject> {
    vec![
        &raw mut READER_TYPE,
        &raw mut WRITER_TYPE,
        &raw mut RANDOM_TYPE,
        &raw mut RWPAIR_TYPE,
    ]
}

unsafe fn st<'a>(op: *mut PyObject) -> PyResult<&'a mut Buffered> {
    // SAFETY: the kind tag guarantees the type.
    unsafe { state::<Buffered>(op, KIND_BUFFERED) }
}

/// The raw stream (a new reference), or `ValueError` once detached.
unsafe fn raw(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a buffered object.
    unsafe {
        match &st(op)?.raw {
            Some(r) => Ok(r.clone()),
            None => Err(errors::value_error("raw stream has been detached")),
        }
    }
}

unsafe fn raw_closed(raw: *mut PyObject) -> PyResult<bool> {
    // SAFETY: raw valid.
    unsafe {
        let c = protocol::getattr_str(raw, "closed")?;
        protocol::is_true(c.as_ptr())
    }
}

unsafe extern "C" fn buffered_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: args a tuple; kw NULL or a dict.
        unsafe {
            reset_state(op);
            let which = if is_a(op, &raw mut RANDOM_TYPE) {
                Which::Random
            } else if is_a(op, &raw mut WRITER_TYPE) {
                Which::Writer
            } else {
                Which::Reader
            };
            let fname = match which {
                Which::Reader => "BufferedReader",
                Which::Writer => "BufferedWriter",
                Which::Random => "BufferedRandom",
            };
            let kws = super::fileio::kw_pairs(kw)?;
            let kwr: Vec<(&str, *mut PyObject)> =
                kws.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            let [raw, size] = bind(fname, tuple::items(args), &kwr, ["raw", "buffer_size"], 1)?;
            let raw = raw.unwrap_or(none::none());
            let size = match size {
                Some(s) => number::as_ssize(s, exc::PyExc_OverflowError)?,
                None => DEFAULT_BUFFER_SIZE as isize,
            };
            if which == Which::Random {
                super::iobase::require_seekable(raw)?;
            }
            if which != Which::Writer {
                super::iobase::require_readable(raw)?;
            }
            if which != Which::Reader {
                super::iobase::require_writable(raw)?;
            }
            if size <= 0 {
                return Err(errors::value_error("buffer size must be strictly positive"));
            }
            set_state(
                op,
                KIND_BUFFERED,
                Buffered {
                    lock: Arc::default(),
                    raw: Some(Owned::from_borrowed(raw)),
                    which,
                    buffer_size: size as usize,
                    rbuf: Vec::new(),
                    rpos: 0,
                    wbuf: Vec::new(),
                },
            );
            Ok(())
        }
    })
}

/// Creates a buffered stream of `tp` over `raw` (for `open`).
pub unsafe fn new(tp: *mut PyTypeObject, raw: *mut PyObject, size: usize) -> PyResult<Owned> {
    // SAFETY: tp is one of the buffered types.
    unsafe {
        let n = int::from_i64(size as i64)?;
        protocol::call_args(tp.cast(), &[raw, n.as_ptr()])
    }
}

/// The reader, writer and random types for `open`.
pub fn reader_type() -> *mut PyTypeObject {
    &raw mut READER_TYPE
}
pub fn writer_type() -> *mut PyTypeObject {
    &raw mut WRITER_TYPE
}
pub fn random_type() -> *mut PyTypeObject {
    &raw mut RANDOM_TYPE
}

/// One `raw.readinto()` of up to `n` bytes (`_bufferedreader_raw_read`):
/// None when it would block. A result that is no integer, or out of
/// range, is an `OSError`.
unsafe fn raw_read(raw: *mut PyObject, n: usize) -> PyResult<Option<Vec<u8>>> {
    // SAFETY: raw valid; buf is a bytearray of n bytes.
    unsafe {
        let buf = crate::object::bytearray::from_slice(b"")?;
        crate::object::bytearray::resize(buf.as_ptr(), n as Py_ssize_t)?;
        let r = protocol::call_method_obj(raw, "readinto", &[buf.as_ptr()])?;
        if r.as_ptr() == none::none() {
            return Ok(None);
        }
        let got = match number::as_ssize(r.as_ptr(), exc::PyExc_ValueError) {
            Ok(k) => k,
            Err(_) => {
                let cause = errors::take();
                errors::set_string(exc::PyExc_OSError, "raw readinto() failed");
                if let Some(c) = cause {
                    exc::set_cause_of_current(c);
                }
                return Err(Raised::assume());
            }
        };
        let data = crate::object::bytearray::as_slice(buf.as_ptr());
        if got < 0 || got as usize > n || data.len() < got as usize {
            return Err(errors::set_string(
                exc::PyExc_OSError,
                &format!(
                    "raw readinto() returned invalid length {got} (should have been between 0 and {n})"
                ),
            ));
        }
        Ok(Some(data[..got as usize].to_vec()))
    }
}

/// `raw.tell()`, which must not be negative (`_buffered_raw_tell`).
unsafe fn raw_tell(raw: *mut PyObject) -> PyResult<i64> {
    // SAFETY: raw valid.
    unsafe {
        let r = protocol::call_method_obj(raw, "tell", &[])?;
        valid_position(number::as_ssize(r.as_ptr(), exc::PyExc_ValueError)? as i64)
    }
}

/// `raw.seek(off, whence)`, whose answer must not be negative
/// (`_buffered_raw_seek`).
unsafe fn raw_seek(raw: *mut PyObject, off: i64, whence: isize) -> PyResult<Owned> {
    // SAFETY: raw valid.
    unsafe {
        let o = int::from_i64(off)?;
        let w = int::from_i64(whence as i64)?;
        let r = protocol::call_method_obj(raw, "seek", &[o.as_ptr(), w.as_ptr()])?;
        valid_position(number::as_ssize(r.as_ptr(), exc::PyExc_ValueError)? as i64)?;
        Ok(r)
    }
}

fn valid_position(pos: i64) -> PyResult<i64> {
    if pos < 0 {
        // SAFETY: OSError is a live exception type.
        return Err(unsafe {
            errors::set_string(
                exc::PyExc_OSError,
                &format!("Raw stream returned invalid position {pos}"),
            )
        });
    }
    Ok(pos)
}

/// Writes the pending bytes to the raw stream.
unsafe fn flush_writes(op: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a buffered object.
    unsafe {
        let raw = raw(op)?;
        loop {
            let s = st(op)?;
            if s.wbuf.is_empty() {
                return Ok(());
            }
            let chunk = bytes::from_slice(&s.wbuf)?;
            let Some(n) = raw_write(raw.as_ptr(), chunk.as_ptr())? else {
                return Err(blocking_error(0));
            };
            st(op)?.wbuf.drain(..n);
            // A write interrupted by a signal can return a short count
            // instead of failing with EINTR: run the handlers before
            // blocking again, perhaps forever.
            errors::check_signals()?;
        }
    }
}

/// One `raw.write(data)` (`_bufferedwriter_raw_write`): the count
/// written, None when the raw stream would block.
unsafe fn raw_write(raw: *mut PyObject, data: *mut PyObject) -> PyResult<Option<usize>> {
    // SAFETY: raw valid; data a bytes object.
    unsafe {
        let r = protocol::call_method_obj(raw, "write", &[data])?;
        if r.as_ptr() == none::none() {
            return Ok(None);
        }
        let n = number::as_ssize(r.as_ptr(), exc::PyExc_ValueError)?;
        let len = bytes::as_slice(data).len();
        if n < 0 || n as usize > len {
            return Err(errors::set_string(
                exc::PyExc_OSError,
                &format!(
                    "raw write() returned invalid length {n} (should have been between 0 and {len})"
                ),
            ));
        }
        Ok(Some(n as usize))
    }
}

/// `BlockingIOError(EAGAIN, "write could not complete without blocking",
/// written)` (`_set_BlockingIOError`).
fn blocking_error(written: usize) -> Raised {
    // SAFETY: BlockingIOError is a live exception type; the arguments
    // are fresh objects.
    unsafe {
        let made = (|| {
            let e = int::from_i64(libc::EAGAIN as i64)?;
            let m = pystr::from_str("write could not complete without blocking")?;
            let w = int::from_i64(written as i64)?;
            protocol::call_args(
                exc::PyExc_BlockingIOError,
                &[e.as_ptr(), m.as_ptr(), w.as_ptr()],
            )
        })();
        match made {
            Ok(v) => errors::set_object(exc::PyExc_BlockingIOError, v.as_ptr()),
            Err(r) => r,
        }
    }
}

/// Moves the raw position back under the unread buffered bytes and drops
/// them (before writing, or when flushing a random-access stream).
unsafe fn rewind_reads(op: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a buffered object.
    unsafe {
        let s = st(op)?;
        let unread = s.unread();
        s.rbuf.clear();
        s.rpos = 0;
        if unread > 0 {
            let raw = raw(op)?;
            raw_seek(raw.as_ptr(), -(unread as i64), 1)?;
        }
        Ok(())
    }
}

/// Raises `ValueError(msg)` when the raw stream is closed.
unsafe fn check_open(op: *mut PyObject, msg: &str) -> PyResult<Owned> {
    // SAFETY: op is a buffered object.
    unsafe {
        let r = raw(op)?;
        if raw_closed(r.as_ptr())? {
            return Err(errors::value_error(msg));
        }
        Ok(r)
    }
}

/// `read(n)`: up to `n` bytes (all for n < 0), blocking until that many
/// arrive or the stream ends.
unsafe fn read(op: *mut PyObject, n: isize) -> PyResult<Owned> {
    // SAFETY: op is a buffered object.
    unsafe {
        if n < -1 {
            return Err(errors::value_error(
                "read length must be non-negative or -1",
            ));
        }
        let raw = raw(op)?;
        if st(op)?.unread() == 0 && raw_closed(raw.as_ptr())? {
            return Err(errors::value_error("read of closed file"));
        }
        flush_writes(op)?;
        let s = st(op)?;
        let mut out: Vec<u8> = s.rbuf[s.rpos..].to_vec();
        if n >= 0 && out.len() >= n as usize {
            s.rpos += n as usize;
            out.truncate(n as usize);
            return bytes::from_slice(&out);
        }
        s.rbuf.clear();
        s.rpos = 0;
        if n < 0 {
            let r = match protocol::getattr_opt(raw.as_ptr(), crate::interned!("readall"))? {
                Some(f) => protocol::call_args(f.as_ptr(), &[])?,
                None => protocol::call_method_obj(raw.as_ptr(), "read", &[])?,
            };
            if r.as_ptr() == none::none() {
                if out.is_empty() {
                    return Ok(r);
                }
            } else {
                out.extend_from_slice(&bytes_arg(r.as_ptr())?);
            }
            return bytes::from_slice(&out);
        }
        let n = n as usize;
        let size = st(op)?.buffer_size;
        while out.len() < n {
            let want = n - out.len();
            let chunk = raw_read(raw.as_ptr(), if want >= size { want } else { size })?;
            match chunk {
                None => {
                    if out.is_empty() {
                        return Ok(none::owned());
                    }
                    break;
                }
                Some(c) if c.is_empty() => break,
                Some(c) => {
                    if c.len() <= want {
                        out.extend_from_slice(&c);
                    } else {
                        out.extend_from_slice(&c[..want]);
                        let s = st(op)?;
                        s.rbuf = c;
                        s.rpos = want;
                    }
                }
            }
        }
        bytes::from_slice(&out)
    }
}

/// Fills the read buffer with one raw read when it is empty; false at
/// the end of the stream (or when the read would block).
unsafe fn fill_once(op: *mut PyObject) -> PyResult<bool> {
    // SAFETY: op is a buffered object.
    unsafe {
        if st(op)?.unread() > 0 {
            return Ok(true);
        }
        flush_writes(op)?;
        let raw = raw(op)?;
        let size = st(op)?.buffer_size;
        match raw_read(raw.as_ptr(), size)? {
            Some(c) if !c.is_empty() => {
                let s = st(op)?;
                s.rbuf = c;
                s.rpos = 0;
                Ok(true)
            }
            _ => Ok(false),
        }
    }
}

io_method!(buffered_read, |slf, args, kws| {
    let [size] = bind("read", args, &kws, ["size"], 0)?;
    let _held = enter(slf)?;
    read(slf, opt_size(size)?)
});

/// `read1(n)`: buffered bytes, or at most one raw read.
unsafe fn read1(slf: *mut PyObject, mut n: isize) -> PyResult<Owned> {
    // SAFETY: slf is a buffered object.
    unsafe {
        check_open(slf, "read of closed file")?;
        if n < 0 {
            n = st(slf)?.buffer_size as isize;
        }
        if n == 0 {
            return bytes::from_slice(b"");
        }
        if st(slf)?.unread() == 0 {
            let s = st(slf)?;
            if n as usize > s.buffer_size {
                flush_writes(slf)?;
                let raw = raw(slf)?;
                return match raw_read(raw.as_ptr(), n as usize)? {
                    Some(c) => bytes::from_slice(&c),
                    None => bytes::from_slice(b""),
                };
            }
            fill_once(slf)?;
        }
        let s = st(slf)?;
        let k = s.unread().min(n as usize);
        let r = bytes::from_slice(&s.rbuf[s.rpos..s.rpos + k]);
        s.rpos += k;
        r
    }
}

io_method!(buffered_read1, |slf, args, kws| {
    let [size] = bind("read1", args, &kws, ["size"], 0)?;
    let _held = enter(slf)?;
    read1(slf, opt_size(size)?)
});

io_method!(buffered_peek, |slf, args, kws| {
    let [_size] = bind("peek", args, &kws, ["size"], 0)?;
    let _held = enter(slf)?;
    check_open(slf, "peek of closed file")?;
    fill_once(slf)?;
    let s = st(slf)?;
    bytes::from_slice(&s.rbuf[s.rpos..])
});

/// `readinto`: `read` copied into the buffer.
unsafe fn readinto(slf: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: slf a buffered object; b valid.
    unsafe {
        let n = buffer_len(b)?;
        let data = read(slf, n as isize)?;
        if data.as_ptr() == none::none() {
            return Ok(data);
        }
        let k = copy_into_buffer(b, bytes::as_slice(data.as_ptr()))?;
        int::from_i64(k as i64)
    }
}

/// `readinto1`: the buffered bytes, then at most one raw read for the
/// rest, straight from the raw stream when the rest is larger than the
/// buffer, else through the buffer when nothing was buffered.
unsafe fn readinto1(slf: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: slf a buffered object; b valid.
    unsafe {
        let n = buffer_len(b)?;
        check_open(slf, "readinto of closed file")?;
        let s = st(slf)?;
        let take = s.unread().min(n);
        let mut out = s.rbuf[s.rpos..s.rpos + take].to_vec();
        s.rpos += take;
        let rest = n - out.len();
        if rest > 0 && rest > s.buffer_size {
            flush_writes(slf)?;
            let raw = raw(slf)?;
            match raw_read(raw.as_ptr(), rest)? {
                Some(c) => out.extend_from_slice(&c),
                None if out.is_empty() => return Ok(none::owned()),
                None => {}
            }
        } else if rest > 0 && out.is_empty() && fill_once(slf)? {
            let s = st(slf)?;
            let k = s.unread().min(rest);
            out.extend_from_slice(&s.rbuf[s.rpos..s.rpos + k]);
            s.rpos += k;
        }
        let k = copy_into_buffer(b, &out)?;
        int::from_i64(k as i64)
    }
}

io_method!(buffered_readinto, |slf, args, kws| {
    let [b] = bind("readinto", args, &kws, ["buffer"], 1)?;
    let _held = enter(slf)?;
    readinto(slf, b.unwrap_or(null_mut()))
});

io_method!(buffered_readinto1, |slf, args, kws| {
    let [b] = bind("readinto1", args, &kws, ["buffer"], 1)?;
    let _held = enter(slf)?;
    readinto1(slf, b.unwrap_or(null_mut()))
});

io_method!(buffered_readline, |slf, args, kws| {
    let [size] = bind("readline", args, &kws, ["size"], 0)?;
    let _held = enter(slf)?;
    let limit = opt_size(size)?;
    check_open(slf, "readline of closed file")?;
    let mut out: Vec<u8> = Vec::new();
    loop {
        if limit >= 0 && out.len() >= limit as usize {
            break;
        }
        if !fill_once(slf)? {
            break;
        }
        let s = st(slf)?;
        let avail = &s.rbuf[s.rpos..];
        let mut take = match avail.iter().position(|&c| c == b'\n') {
            Some(i) => i + 1,
            None => avail.len(),
        };
        if limit >= 0 {
            take = take.min(limit as usize - out.len());
        }
        out.extend_from_slice(&avail[..take]);
        s.rpos += take;
        if out.last() == Some(&b'\n') {
            break;
        }
    }
    bytes::from_slice(&out)
});

io_method!(buffered_write, |slf, args, kws| {
    let [b] = bind("write", args, &kws, ["buffer"], 1)?;
    let _held = enter(slf)?;
    check_open(slf, "write to closed file")?;
    let data = bytes_arg(b.unwrap_or(null_mut()))?.into_owned();
    if st(slf)?.which == Which::Random {
        rewind_reads(slf)?;
    }
    let s = st(slf)?;
    let len = data.len();
    if s.wbuf.len() + len <= s.buffer_size {
        s.wbuf.extend_from_slice(&data);
        return int::from_i64(len as i64);
    }
    // Full: write out what is pending first. When the raw stream would
    // block, buffer what fits and say how much was taken.
    if let Err(e) = flush_writes(slf) {
        if !errors::matches(exc::PyExc_BlockingIOError) {
            return Err(e);
        }
        errors::clear();
        let s = st(slf)?;
        let avail = s.buffer_size.saturating_sub(s.wbuf.len());
        if len <= avail {
            s.wbuf.extend_from_slice(&data);
            return int::from_i64(len as i64);
        }
        s.wbuf.extend_from_slice(&data[..avail]);
        return Err(blocking_error(avail));
    }
    // Then the data itself while more than a buffer of it is left; the
    // rest waits in the buffer.
    let raw = raw(slf)?;
    let size = st(slf)?.buffer_size;
    let mut written = 0;
    while len - written > size {
        let chunk = bytes::from_slice(&data[written..])?;
        match raw_write(raw.as_ptr(), chunk.as_ptr())? {
            Some(n) => written += n,
            None => {
                st(slf)?
                    .wbuf
                    .extend_from_slice(&data[written..written + size]);
                return Err(blocking_error(written + size));
            }
        }
        errors::check_signals()?;
    }
    st(slf)?.wbuf.extend_from_slice(&data[written..]);
    int::from_i64(len as i64)
});

io_method!(buffered_flush, |slf, args, kws| {
    let _held = enter(slf)?;
    let r = raw(slf)?;
    if !st(slf)?.writable() {
        return protocol::call_method_obj(r.as_ptr(), "flush", &[]);
    }
    if raw_closed(r.as_ptr())? {
        return Err(errors::value_error("flush of closed file"));
    }
    flush_writes(slf)?;
    if st(slf)?.which == Which::Random {
        rewind_reads(slf)?;
    }
    Ok(none::owned())
});

io_method!(buffered_seek, |slf, args, kws| {
    let [target, whence] = bind("seek", args, &kws, ["target", "whence"], 1)?;
    let _held = enter(slf)?;
    let target = target.unwrap_or(none::none());
    let whence = match whence {
        Some(w) => number::as_ssize(w, exc::PyExc_OverflowError)?,
        None => 0,
    };
    if !(0..=2).contains(&whence) {
        return Err(errors::value_error(format!(
            "whence value {whence} unsupported"
        )));
    }
    let raw = check_open(slf, "seek of closed file")?;
    super::iobase::require_seekable(raw.as_ptr())?;
    let off = int::as_i64(number::index(target)?.as_ptr())?;
    flush_writes(slf)?;
    let s = st(slf)?;
    if whence != 2 && s.unread() > 0 {
        // Inside the read buffer: move in it without touching the raw stream.
        let rel = if whence == 1 {
            Some(off)
        } else {
            let rawpos = raw_tell(raw.as_ptr())?;
            let s = st(slf)?;
            let cur = rawpos - s.unread() as i64;
            Some(off - cur).filter(|_| cur >= 0)
        };
        let s = st(slf)?;
        if let Some(rel) = rel {
            let np = s.rpos as i64 + rel;
            if np >= 0 && np <= s.rbuf.len() as i64 {
                s.rpos = np as usize;
                let rawpos = raw_tell(raw.as_ptr())?;
                let s = st(slf)?;
                // A character device's position stays 0 (GH-95782).
                return int::from_i64((rawpos - s.unread() as i64).max(0));
            }
        }
    }
    let s = st(slf)?;
    let mut off = off;
    if whence == 1 {
        off -= s.unread() as i64;
    }
    s.rbuf.clear();
    s.rpos = 0;
    raw_seek(raw.as_ptr(), off, whence)
});

io_method!(buffered_tell, |slf, args, kws| {
    let raw = raw(slf)?;
    let pos = raw_tell(raw.as_ptr())?;
    let s = st(slf)?;
    int::from_i64((pos - s.unread() as i64 + s.wbuf.len() as i64).max(0))
});

io_method!(buffered_truncate, |slf, args, kws| {
    let [pos] = bind("truncate", args, &kws, ["pos"], 0)?;
    let _held = enter(slf)?;
    let raw = check_open(slf, "truncate of closed file")?;
    if !st(slf)?.writable() {
        return Err(unsupported("truncate"));
    }
    flush_writes(slf)?;
    rewind_reads(slf)?;
    let pos = pos.unwrap_or(none::none());
    protocol::call_method_obj(raw.as_ptr(), "truncate", &[pos])
});

/// Asks the raw stream to warn that `source` is finalized unclosed
/// (`buffered_dealloc_warn`); errors are dropped.
unsafe fn dealloc_warn(raw: *mut PyObject, source: *mut PyObject) {
    // SAFETY: raw and source valid.
    unsafe {
        if protocol::call_method_obj(raw, "_dealloc_warn", &[source]).is_err() {
            errors::clear();
        }
    }
}

io_method!(buffered_dealloc_warn, |slf, args, kws| {
    let [source] = bind("_dealloc_warn", args, &kws, ["source"], 1)?;
    if let Some(Some(raw)) = try_state::<Buffered>(slf, KIND_BUFFERED).map(|s| s.raw.clone()) {
        dealloc_warn(raw.as_ptr(), source.unwrap_or(none::none()));
    }
    Ok(none::owned())
});

io_method!(buffered_close, |slf, args, kws| {
    let raw = raw(slf)?;
    {
        let _held = enter(slf)?;
        if raw_closed(raw.as_ptr())? {
            return Ok(none::owned());
        }
        if head(slf).finalizing != 0 {
            dealloc_warn(raw.as_ptr(), slf);
        }
    }
    // flush() takes the lock itself.
    let fl_err = match protocol::call_method_obj(slf, "flush", &[]) {
        Ok(_) => None,
        Err(_) => errors::take(),
    };
    let _held = enter(slf)?;
    let r = protocol::call_method_obj(raw.as_ptr(), "close", &[]);
    if let Some(s) = try_state::<Buffered>(slf, KIND_BUFFERED) {
        s.rbuf = Vec::new();
        s.rpos = 0;
        s.wbuf = Vec::new();
    }
    chain_errors(fl_err, r)?;
    Ok(none::owned())
});

io_method!(buffered_detach, |slf, args, kws| {
    raw(slf)?;
    protocol::call_method_obj(slf, "flush", &[])?;
    let _held = enter(slf)?;
    let s = st(slf)?;
    match s.raw.take() {
        Some(r) => Ok(r),
        None => Err(errors::value_error("raw stream has been detached")),
    }
});

/// Forwards a no-argument method to the raw stream.
macro_rules! forward {
    ($name:ident, $meth:literal) => {
        io_method!($name, |slf, args, kws| {
            let r = raw(slf)?;
            protocol::call_method_obj(r.as_ptr(), $meth, &[])
        });
    };
}
forward!(buffered_fileno, "fileno");
forward!(buffered_isatty, "isatty");
forward!(buffered_readable, "readable");
forward!(buffered_writable, "writable");
forward!(buffered_seekable, "seekable");

io_getter!(buffered_raw_get, |slf| raw(slf));
io_getter!(buffered_closed_get, |slf| {
    let r = raw(slf)?;
    protocol::getattr_str(r.as_ptr(), "closed")
});
io_getter!(buffered_name_get, |slf| {
    let r = raw(slf)?;
    protocol::getattr_str(r.as_ptr(), "name")
});
io_getter!(buffered_mode_get, |slf| {
    let r = raw(slf)?;
    protocol::getattr_str(r.as_ptr(), "mode")
});

unsafe extern "C" fn buffered_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a buffered object.
        unsafe {
            let tn = typeobj::cstr_or((*(*op).ob_type).tp_name, "Buffered");
            match protocol::getattr_str(op, "name") {
                Ok(n) => {
                    let r = protocol::repr_string(n.as_ptr())?;
                    pystr::from_str(&format!("<{tn} name={r}>"))
                }
                Err(e) => {
                    if errors::matches(exc::PyExc_ValueError)
                        || errors::matches(exc::PyExc_AttributeError)
                    {
                        errors::clear();
                        pystr::from_str(&format!("<{tn}>"))
                    } else {
                        Err(e)
                    }
                }
            }
        }
    })
}

static READER_METHODS: [PyMethodDef; 20] = [
    method(
        c"__reduce__",
        super::iobase::cannot_pickle as *const c_void,
        FK,
    ),
    method(
        c"__reduce_ex__",
        super::iobase::cannot_pickle as *const c_void,
        FK,
    ),
    method(c"read", buffered_read as *const c_void, FK),
    method(c"read1", buffered_read1 as *const c_void, FK),
    method(c"peek", buffered_peek as *const c_void, FK),
    method(c"readinto", buffered_readinto as *const c_void, FK),
    method(c"readinto1", buffered_readinto1 as *const c_void, FK),
    method(c"readline", buffered_readline as *const c_void, FK),
    method(c"seek", buffered_seek as *const c_void, FK),
    method(c"tell", buffered_tell as *const c_void, FK),
    method(c"flush", buffered_flush as *const c_void, FK),
    method(c"close", buffered_close as *const c_void, FK),
    method(c"_dealloc_warn", buffered_dealloc_warn as *const c_void, FK),
    method(c"detach", buffered_detach as *const c_void, FK),
    method(c"fileno", buffered_fileno as *const c_void, FK),
    method(c"isatty", buffered_isatty as *const c_void, FK),
    method(c"readable", buffered_readable as *const c_void, FK),
    method(c"seekable", buffered_seekable as *const c_void, FK),
    method(c"truncate", buffered_truncate as *const c_void, FK),
    METHOD_END,
];

static WRITER_METHODS: [PyMethodDef; 15] = [
    method(
        c"__reduce__",
        super::iobase::cannot_pickle as *const c_void,
        FK,
    ),
    method(
        c"__reduce_ex__",
        super::iobase::cannot_pickle as *const c_void,
        FK,
    ),
    method(c"write", buffered_write as *const c_void, FK),
    method(c"flush", buffered_flush as *const c_void, FK),
    method(c"seek", buffered_seek as *const c_void, FK),
    method(c"tell", buffered_tell as *const c_void, FK),
    method(c"truncate", buffered_truncate as *const c_void, FK),
    method(c"close", buffered_close as *const c_void, FK),
    method(c"_dealloc_warn", buffered_dealloc_warn as *const c_void, FK),
    method(c"detach", buffered_detach as *const c_void, FK),
    method(c"fileno", buffered_fileno as *const c_void, FK),
    method(c"isatty", buffered_isatty as *const c_void, FK),
    method(c"writable", buffered_writable as *const c_void, FK),
    method(c"seekable", buffered_seekable as *const c_void, FK),
    METHOD_END,
];

static RANDOM_METHODS: [PyMethodDef; 22] = [
    method(
        c"__reduce__",
        super::iobase::cannot_pickle as *const c_void,
        FK,
    ),
    method(
        c"__reduce_ex__",
        super::iobase::cannot_pickle as *const c_void,
        FK,
    ),
    method(c"read", buffered_read as *const c_void, FK),
    method(c"read1", buffered_read1 as *const c_void, FK),
    method(c"peek", buffered_peek as *const c_void, FK),
    method(c"readinto", buffered_readinto as *const c_void, FK),
    method(c"readinto1", buffered_readinto1 as *const c_void, FK),
    method(c"readline", buffered_readline as *const c_void, FK),
    method(c"write", buffered_write as *const c_void, FK),
    method(c"flush", buffered_flush as *const c_void, FK),
    method(c"seek", buffered_seek as *const c_void, FK),
    method(c"tell", buffered_tell as *const c_void, FK),
    method(c"truncate", buffered_truncate as *const c_void, FK),
    method(c"close", buffered_close as *const c_void, FK),
    method(c"_dealloc_warn", buffered_dealloc_warn as *const c_void, FK),
    method(c"detach", buffered_detach as *const c_void, FK),
    method(c"fileno", buffered_fileno as *const c_void, FK),
    method(c"isatty", buffered_isatty as *const c_void, FK),
    method(c"readable", buffered_readable as *const c_void, FK),
    method(c"writable", buffered_writable as *const c_void, FK),
    method(c"seekable", buffered_seekable as *const c_void, FK),
    METHOD_END,
];

static BUFFERED_GETSET: [PyGetSetDef; 5] = [
    getset(c"raw", Some(buffered_raw_get), None),
    getset(c"closed", Some(buffered_closed_get), None),
    getset(c"name", Some(buffered_name_get), None),
    getset(c"mode", Some(buffered_mode_get), None),
    GETSET_END,
];

// BufferedRWPair

struct RwPair {
    reader: Owned,
    writer: Owned,
}

impl IoState for RwPair {
    fn visit(&self, visit: visitproc, arg: *mut c_void) -> c_int {
        // SAFETY: the pair owns both streams.
        unsafe {
            crate::object::gc::visit_all(&[self.reader.as_ptr(), self.writer.as_ptr()], visit, arg)
        }
    }
}

unsafe fn pair<'a>(op: *mut PyObject) -> PyResult<&'a RwPair> {
    // SAFETY: the kind tag guarantees the type.
    unsafe { state::<RwPair>(op, KIND_RWPAIR).map(|p| &*p) }
}

unsafe extern "C" fn rwpair_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: args a tuple; kw NULL or a dict.
        unsafe {
            reset_state(op);
            let kws = super::fileio::kw_pairs(kw)?;
            if !kws.is_empty() {
                return Err(errors::type_error(
                    "BufferedRWPair() takes no keyword arguments",
                ));
            }
            let items = tuple::items(args);
            if items.len() < 2 || items.len() > 3 {
                return Err(errors::type_error(format!(
                    "BufferedRWPair expected {} arguments, got {}",
                    if items.len() < 2 {
                        "at least 2"
                    } else {
                        "at most 3"
                    },
                    items.len()
                )));
            }
            let size = match items.get(2) {
                Some(&s) => number::as_ssize(s, exc::PyExc_OverflowError)?,
                None => DEFAULT_BUFFER_SIZE as isize,
            };
            super::iobase::require_readable(items[0])?;
            super::iobase::require_writable(items[1])?;
            let n = int::from_i64(size as i64)?;
            let reader =
                protocol::call_args((&raw mut READER_TYPE).cast(), &[items[0], n.as_ptr()])?;
            let writer =
                protocol::call_args((&raw mut WRITER_TYPE).cast(), &[items[1], n.as_ptr()])?;
            set_state(op, KIND_RWPAIR, RwPair { reader, writer });
            Ok(())
        }
    })
}

/// Forwards a method with its arguments to the reader or the writer.
macro_rules! pair_forward {
    ($name:ident, $side:ident, $meth:literal) => {
        io_method!($name, |slf, args, kws| {
            crate::modules::args::no_kwargs($meth, &kws)?;
            let target = pair(slf)?.$side.clone();
            let m = protocol::getattr_str(target.as_ptr(), $meth)?;
            protocol::call_args(m.as_ptr(), args)
        });
    };
}
pair_forward!(rwpair_read, reader, "read");
pair_forward!(rwpair_peek, reader, "peek");
pair_forward!(rwpair_read1, reader, "read1");
pair_forward!(rwpair_readinto, reader, "readinto");
pair_forward!(rwpair_readinto1, reader, "readinto1");
pair_forward!(rwpair_readable, reader, "readable");
pair_forward!(rwpair_write, writer, "write");
pair_forward!(rwpair_flush, writer, "flush");
pair_forward!(rwpair_writable, writer, "writable");

io_method!(rwpair_isatty, |slf, args, kws| {
    let p = pair(slf)?;
    let (r, w) = (p.reader.clone(), p.writer.clone());
    let a = protocol::call_method_obj(w.as_ptr(), "isatty", &[])?;
    if protocol::is_true(a.as_ptr())? {
        return Ok(a);
    }
    protocol::call_method_obj(r.as_ptr(), "isatty", &[])
});

io_method!(rwpair_close, |slf, args, kws| {
    let p = pair(slf)?;
    let (r, w) = (p.reader.clone(), p.writer.clone());
    let a = protocol::call_method_obj(w.as_ptr(), "close", &[]);
    let e = match a {
        Ok(_) => None,
        Err(_) => errors::take(),
    };
    chain_errors(e, protocol::call_method_obj(r.as_ptr(), "close", &[]))?;
    Ok(none::owned())
});

io_getter!(rwpair_closed_get, |slf| {
    let w = pair(slf)?.writer.clone();
    protocol::getattr_str(w.as_ptr(), "closed")
});

static RWPAIR_METHODS: [PyMethodDef; 12] = [
    method(c"read", rwpair_read as *const c_void, FK),
    method(c"peek", rwpair_peek as *const c_void, FK),
    method(c"read1", rwpair_read1 as *const c_void, FK),
    method(c"readinto", rwpair_readinto as *const c_void, FK),
    method(c"readinto1", rwpair_readinto1 as *const c_void, FK),
    method(c"write", rwpair_write as *const c_void, FK),
    method(c"flush", rwpair_flush as *const c_void, FK),
    method(c"readable", rwpair_readable as *const c_void, FK),
    method(c"writable", rwpair_writable as *const c_void, FK),
    method(c"isatty", rwpair_isatty as *const c_void, FK),
    method(c"close", rwpair_close as *const c_void, FK),
    METHOD_END,
];

static RWPAIR_GETSET: [PyGetSetDef; 2] =
    [getset(c"closed", Some(rwpair_closed_get), None), GETSET_END];

/// Whether the buffered stream `buf` is closed, answered without calling
/// Python code when it is one of our buffered types over a `FileIO`
/// (None: ask `buf.closed`).
///
/// # Safety
/// `buf` is a valid object.
pub unsafe fn closed_fast(buf: *mut PyObject) -> Option<bool> {
    // SAFETY: the types are checked before their state is read.
    unsafe {
        let tp = (*buf).ob_type;
        if tp != &raw mut READER_TYPE && tp != &raw mut WRITER_TYPE && tp != &raw mut RANDOM_TYPE {
            return None;
        }
        let s = try_state::<Buffered>(buf, KIND_BUFFERED)?;
        let raw = s.raw.as_ref()?.as_ptr();
        super::fileio::closed_fast(raw)
    }
}
