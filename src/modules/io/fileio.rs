//! `_io.FileIO` (`Modules/_io/fileio.c`): raw, unbuffered I/O on a file
//! descriptor.
use super::*;
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::{bytes, int};

/// `_io.FileIO`.
pub static mut FILEIO_TYPE: PyTypeObject = PyTypeObject {
    tp_methods: (&raw const FILEIO_METHODS).cast_mut().cast(),
    tp_getset: (&raw const FILEIO_GETSET).cast_mut().cast(),
    tp_init: Some(fileio_init),
    tp_repr: Some(fileio_repr),
    tp_doc: c"FileIO(file, mode='r', closefd=True, opener=None)\n--\n\nA raw binary stream over an operating system file, given by path or by\nfile descriptor. mode is 'r', 'w', 'x' or 'a', with '+' to both read\nand write."
        .as_ptr(),
    ..io_type(c"_io.FileIO", &raw mut super::iobase::RAWIOBASE_TYPE)
};

/// The state of a `FileIO`.
pub struct FileIo {
    pub fd: c_int,
    pub created: bool,
    pub readable: bool,
    pub writable: bool,
    pub appending: bool,
    /// -1 unknown, else 0/1.
    pub seekable: i8,
    pub closefd: bool,
    pub blksize: i64,
}

impl IoState for FileIo {}

unsafe fn st<'a>(op: *mut PyObject) -> PyResult<&'a mut FileIo> {
    // SAFETY: the kind tag guarantees the type.
    unsafe { state::<FileIo>(op, KIND_FILEIO) }
}

/// The open state, or `ValueError: I/O operation on closed file`.
unsafe fn open_st<'a>(op: *mut PyObject) -> PyResult<&'a mut FileIo> {
    // SAFETY: as above.
    unsafe {
        let s = st(op)?;
        if s.fd < 0 {
            // FileIO's message has no final period.
            return Err(errors::value_error("I/O operation on closed file"));
        }
        Ok(s)
    }
}

/// Raises `OSError` from `errno` (with `filename` when given).
///
/// # Safety
/// `filename` is NULL or a valid object.
pub unsafe fn os_error(filename: *mut PyObject) -> Raised {
    // SAFETY: PyExc_OSError is set; filename NULL or valid.
    unsafe {
        crate::capi::exceptions::PyErr_SetFromErrnoWithFilenameObject(exc::PyExc_OSError, filename);
    }
    Raised::assume()
}

fn errno() -> c_int {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// The parsed mode of `FileIO` (and the raw part of `open`'s).
struct Mode {
    created: bool,
    readable: bool,
    writable: bool,
    appending: bool,
    flags: c_int,
}

fn parse_mode(mode: &str) -> PyResult<Mode> {
    let mut m = Mode {
        created: false,
        readable: false,
        writable: false,
        appending: false,
        flags: 0,
    };
    let (mut rwa, mut plus) = (false, false);
    let bad = || errors::value_error(format!("invalid mode: {mode}"));
    let only_one = || {
        errors::value_error(
            "Must have exactly one of create/read/write/append mode and at most one plus",
        )
    };
    for c in mode.chars() {
        match c {
            'x' | 'r' | 'w' | 'a' => {
                if rwa {
                    return Err(only_one());
                }
                rwa = true;
                match c {
                    'x' => {
                        m.created = true;
                        m.writable = true;
                        m.flags |= libc::O_EXCL | libc::O_CREAT;
                    }
                    'r' => m.readable = true,
                    'w' => {
                        m.writable = true;
                        m.flags |= libc::O_CREAT | libc::O_TRUNC;
                    }
                    _ => {
                        m.writable = true;
                        m.appending = true;
                        m.flags |= libc::O_APPEND | libc::O_CREAT;
                    }
                }
            }
            'b' => {}
            '+' => {
                if plus {
                    return Err(only_one());
                }
                m.readable = true;
                m.writable = true;
                plus = true;
            }
            _ => return Err(bad()),
        }
    }
    if !rwa {
        return Err(only_one());
    }
    m.flags |= if m.readable && m.writable {
        libc::O_RDWR
    } else if m.readable {
        libc::O_RDONLY
    } else {
        libc::O_WRONLY
    };
    m.flags |= libc::O_CLOEXEC;
    Ok(m)
}

/// The file-system path of `file` as bytes (`PyUnicode_FSConverter`).
unsafe fn path_bytes(file: *mut PyObject) -> PyResult<Vec<u8>> {
    // SAFETY: file valid.
    unsafe {
        let b = crate::runtime::fs_codec::fs_converter(file)?;
        Ok(bytes::as_slice(b.as_ptr()).to_vec())
    }
}

unsafe extern "C" fn fileio_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: args a tuple, kw NULL or a dict.
        unsafe {
            let kws = kw_pairs(kw)?;
            let kwr: Vec<(&str, *mut PyObject)> =
                kws.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            let [file, mode, closefd, opener] = bind(
                "FileIO",
                tuple::items(args),
                &kwr,
                ["file", "mode", "closefd", "opener"],
                1,
            )?;
            let mode = match mode {
                None => "r".to_string(),
                Some(m) if pystr::check(m) => pystr::as_str(m)?.to_string(),
                Some(m) => {
                    return Err(errors::type_error(format!(
                        "FileIO() argument 'mode' must be str, not {}",
                        typeobj::type_name(m)
                    )))
                }
            };
            let closefd = match closefd {
                None => true,
                Some(c) => protocol::is_true(c)?,
            };
            let opener = opener.unwrap_or(none::none());
            init(op, file.unwrap_or(none::none()), &mode, closefd, opener)
        }
    })
}

/// The keyword arguments of a `tp_init` call as (name, value) pairs.
pub unsafe fn kw_pairs(kw: *mut PyObject) -> PyResult<Vec<(String, *mut PyObject)>> {
    // SAFETY: kw NULL or a dict.
    unsafe {
        let mut out = Vec::new();
        if kw.is_null() {
            return Ok(out);
        }
        let mut pos = 0;
        while let Some((k, v)) = dict::next(kw, &mut pos) {
            out.push((pystr::as_str(k)?.to_string(), v));
        }
        Ok(out)
    }
}

/// `FileIO.__init__(file, mode, closefd, opener)`.
pub unsafe fn init(
    op: *mut PyObject,
    file: *mut PyObject,
    mode: &str,
    closefd: bool,
    opener: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: op is a FileIO; arguments valid.
    unsafe {
        if let Some(s) = try_state::<FileIo>(op, KIND_FILEIO) {
            if s.fd >= 0 && s.closefd {
                libc::close(s.fd);
            }
            s.fd = -1;
        }
        let mut fd: c_int = -1;
        let mut path = None;
        if number::index_check(file) && !pystr::check(file) && !bytes::check(file) {
            crate::modules::select::warn_bool_fd(file)?;
            let v = int::as_i64(number::index(file)?.as_ptr())?;
            if v < 0 {
                return Err(errors::value_error("negative file descriptor"));
            }
            fd = c_int::try_from(v)
                .map_err(|_| errors::overflow_error("fd is greater than maximum"))?;
        } else {
            path = Some(path_bytes(file)?);
        }
        let m = parse_mode(mode)?;
        crate::runtime::audit::audit_with(c"open", || {
            Ok(vec![
                Owned::from_borrowed(file),
                pystr::from_str(mode)?,
                int::from_i64(m.flags as i64)?,
            ])
        })?;
        let mut opened_here = false;
        if let Some(p) = &path {
            if !closefd {
                return Err(errors::value_error(
                    "Cannot use closefd=False with file name",
                ));
            }
            if opener == none::none() {
                let c = std::ffi::CString::new(p.clone())
                    .map_err(|_| errors::value_error("embedded null byte"))?;
                loop {
                    fd = libc::open(c.as_ptr(), m.flags, 0o666);
                    if fd >= 0 {
                        break;
                    }
                    if errno() != libc::EINTR {
                        return Err(os_error(file));
                    }
                    errors::check_signals()?;
                }
            } else {
                let flags = int::from_i64(m.flags as i64)?;
                let r = protocol::call_args(opener, &[file, flags.as_ptr()])?;
                if !int::check(r.as_ptr()) {
                    return Err(errors::type_error("expected integer from opener"));
                }
                let v = int::as_i64(r.as_ptr())?;
                if v < 0 {
                    return Err(errors::value_error(format!("opener returned {v}")));
                }
                fd = v as c_int;
            }
            opened_here = true;
        }
        let fail = |fd: c_int| {
            if opened_here {
                libc::close(fd);
            }
        };
        let mut sb: libc::stat = std::mem::zeroed();
        let mut blksize = DEFAULT_BUFFER_SIZE as i64;
        if libc::fstat(fd, &mut sb) < 0 {
            let r = os_error(null_mut());
            fail(fd);
            return Err(r);
        }
        if sb.st_mode & libc::S_IFMT == libc::S_IFDIR {
            fail(fd);
            *libc::__errno_location() = libc::EISDIR;
            return Err(os_error(file));
        }
        if sb.st_blksize > 1 {
            blksize = sb.st_blksize as i64;
        }
        set_state(
            op,
            KIND_FILEIO,
            FileIo {
                fd,
                created: m.created,
                readable: m.readable,
                writable: m.writable,
                appending: m.appending,
                seekable: -1,
                closefd,
                blksize,
            },
        );
        if let Err(e) = protocol::setattr(op, crate::interned!("name"), file) {
            fail(fd);
            st(op)?.fd = -1;
            return Err(e);
        }
        if m.appending {
            libc::lseek(fd, 0, libc::SEEK_END);
        }
        Ok(())
    }
}

/// Creates a `FileIO` (for `open`).
pub unsafe fn new(
    file: *mut PyObject,
    mode: &str,
    closefd: bool,
    opener: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: the type is ready.
    unsafe {
        let tp = &raw mut FILEIO_TYPE;
        let op = errors::check(crate::capi::allocation::PyType_GenericAlloc(tp, 0))?;
        init(op.as_ptr(), file, mode, closefd, opener)?;
        Ok(op)
    }
}

unsafe extern "C" fn fileio_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a FileIO.
        unsafe {
            let tn = typeobj::cstr_or((*(*op).ob_type).tp_name, "FileIO");
            let s = st(op)?;
            if s.fd < 0 {
                return pystr::from_str(&format!("<{tn} [closed]>"));
            }
            let (fd, closefd) = (s.fd, s.closefd);
            let mode = mode_string(s);
            let cf = if closefd { "True" } else { "False" };
            match protocol::getattr_opt(op, crate::interned!("name"))? {
                Some(n) => {
                    let r = protocol::repr_string(n.as_ptr())?;
                    pystr::from_str(&format!("<{tn} name={r} mode='{mode}' closefd={cf}>"))
                }
                None => pystr::from_str(&format!("<{tn} fd={fd} mode='{mode}' closefd={cf}>")),
            }
        }
    })
}

fn mode_string(s: &FileIo) -> &'static str {
    if s.created {
        if s.readable {
            "xb+"
        } else {
            "xb"
        }
    } else if s.appending {
        if s.readable {
            "ab+"
        } else {
            "ab"
        }
    } else if s.readable {
        if s.writable {
            "rb+"
        } else {
            "rb"
        }
    } else {
        "wb"
    }
}

/// Reads up to `n` bytes from `fd`: None when it would block.
pub unsafe fn read_fd(fd: c_int, n: usize) -> PyResult<Option<Vec<u8>>> {
    let mut buf = vec![0u8; n];
    loop {
        // SAFETY: buf has n writable bytes.
        let r = crate::runtime::gil::allow_threads(|| unsafe {
            libc::read(fd, buf.as_mut_ptr().cast(), n)
        });
        if r >= 0 {
            buf.truncate(r as usize);
            return Ok(Some(buf));
        }
        match errno() {
            libc::EINTR => errors::check_signals()?,
            libc::EAGAIN => return Ok(None),
            _ => return Err(os_error(null_mut())),
        }
    }
}

/// Writes `data` to `fd` once: the count written, None when it would block.
pub unsafe fn write_fd(fd: c_int, data: &[u8]) -> PyResult<Option<usize>> {
    loop {
        // SAFETY: data is readable.
        let r = crate::runtime::gil::allow_threads(|| unsafe {
            libc::write(fd, data.as_ptr().cast(), data.len())
        });
        if r >= 0 {
            // A signal can cut a write short instead of failing it with
            // EINTR: its handler runs now (CPython's eval loop would run
            // it as soon as write() returns).
            if (r as usize) < data.len() {
                errors::check_signals()?;
            }
            return Ok(Some(r as usize));
        }
        match errno() {
            libc::EINTR => errors::check_signals()?,
            libc::EAGAIN => return Ok(None),
            _ => return Err(os_error(null_mut())),
        }
    }
}

io_method!(fileio_read, |slf, args, kws| {
    let [size] = bind("read", args, &kws, ["size"], 0)?;
    let s = open_st(slf)?;
    if !s.readable {
        return Err(unsupported("File not open for reading"));
    }
    let n = opt_size(size)?;
    if n < 0 {
        return readall(slf);
    }
    match read_fd(s.fd, n as usize)? {
        Some(d) => bytes::from_slice(&d),
        None => Ok(none::owned()),
    }
});

unsafe fn readall(slf: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: slf is a FileIO.
    unsafe {
        let s = open_st(slf)?;
        let fd = s.fd;
        let mut out: Vec<u8> = Vec::new();
        let mut sb: libc::stat = std::mem::zeroed();
        if libc::fstat(fd, &mut sb) == 0 {
            let pos = libc::lseek(fd, 0, libc::SEEK_CUR);
            if pos >= 0 && sb.st_size >= pos {
                out.reserve((sb.st_size - pos) as usize + 1);
            }
        }
        loop {
            let want = (out.capacity() - out.len()).max(DEFAULT_BUFFER_SIZE.min(8192));
            match read_fd(fd, want)? {
                None => {
                    if out.is_empty() {
                        return Ok(none::owned());
                    }
                    break;
                }
                Some(d) if d.is_empty() => break,
                Some(d) => out.extend_from_slice(&d),
            }
        }
        bytes::from_slice(&out)
    }
}

io_method!(fileio_readall, |slf, args, kws| {
    let s = open_st(slf)?;
    if !s.readable {
        return Err(unsupported("File not open for reading"));
    }
    readall(slf)
});

io_method!(fileio_readinto, |slf, args, kws| {
    let [b] = bind("readinto", args, &kws, ["buffer"], 1)?;
    let b = b.unwrap_or(null_mut());
    let s = open_st(slf)?;
    if !s.readable {
        return Err(unsupported("File not open for reading"));
    }
    let fd = s.fd;
    let mut view: Py_buffer = std::mem::zeroed();
    crate::object::buffer::get(b, &mut view, PyBUF_WRITABLE).map_err(|_| {
        errors::clear();
        errors::type_error(format!(
            "readinto() argument 1 must be read-write bytes-like object, not {}",
            crate::object::typeobj::type_name(b)
        ))
    })?;
    let r = loop {
        let r = crate::runtime::gil::allow_threads(|| libc::read(fd, view.buf, view.len as usize));
        if r >= 0 {
            break Ok(Some(r as usize));
        }
        match errno() {
            libc::EINTR => {
                if let Err(e) = errors::check_signals() {
                    break Err(e);
                }
            }
            libc::EAGAIN => break Ok(None),
            _ => break Err(os_error(null_mut())),
        }
    };
    crate::object::buffer::release(&mut view);
    match r? {
        Some(n) => int::from_i64(n as i64),
        None => Ok(none::owned()),
    }
});

io_method!(fileio_write, |slf, args, kws| {
    let [b] = bind("write", args, &kws, ["b"], 1)?;
    let s = open_st(slf)?;
    if !s.writable {
        return Err(unsupported("File not open for writing"));
    }
    let fd = s.fd;
    let data = bytes_arg(b.unwrap_or(null_mut()))?;
    match write_fd(fd, &data)? {
        Some(n) => int::from_i64(n as i64),
        None => Ok(none::owned()),
    }
});

/// Converts a seek position argument.
unsafe fn pos_arg(o: *mut PyObject) -> PyResult<i64> {
    // SAFETY: o valid.
    unsafe {
        if crate::object::float::check(o) {
            return Err(errors::type_error("an integer is required"));
        }
        int::as_i64(number::index(o)?.as_ptr())
    }
}

io_method!(fileio_seek, |slf, args, kws| {
    let [pos, whence] = bind("seek", args, &kws, ["pos", "whence"], 1)?;
    let fd = open_st(slf)?.fd;
    let pos = pos_arg(pos.unwrap_or(null_mut()))?;
    let whence = match whence {
        Some(w) => int::as_i64(number::index(w)?.as_ptr())? as c_int,
        None => 0,
    };
    let r = libc::lseek(fd, pos as libc::off_t, whence);
    if r < 0 {
        return Err(os_error(null_mut()));
    }
    st(slf)?.seekable = 1;
    int::from_i64(r)
});

io_method!(fileio_tell, |slf, args, kws| {
    let fd = open_st(slf)?.fd;
    let r = libc::lseek(fd, 0, libc::SEEK_CUR);
    if r < 0 {
        return Err(os_error(null_mut()));
    }
    int::from_i64(r)
});

io_method!(fileio_truncate, |slf, args, kws| {
    let [size] = bind("truncate", args, &kws, ["size"], 0)?;
    let s = open_st(slf)?;
    if !s.writable {
        return Err(unsupported("File not open for writing"));
    }
    let fd = s.fd;
    let size = match size {
        Some(o) if o != none::none() => pos_arg(o)?,
        _ => {
            let r = libc::lseek(fd, 0, libc::SEEK_CUR);
            if r < 0 {
                return Err(os_error(null_mut()));
            }
            r
        }
    };
    if libc::ftruncate(fd, size as libc::off_t) != 0 {
        return Err(os_error(null_mut()));
    }
    int::from_i64(size)
});

/// Warns that `source` is being finalized while `op`'s descriptor is
/// open (`fileio_dealloc_warn`); never raises: a failing warning is
/// reported as unraisable.
unsafe fn dealloc_warn(op: *mut PyObject, source: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a FileIO, source valid.
    unsafe {
        let s = st(op)?;
        if s.fd >= 0 && s.closefd {
            errors::keeping_raised(|| {
                if warn_unclosed(source).is_err() {
                    if errors::matches(exc::PyExc_Warning) {
                        crate::capi::exceptions::PyErr_WriteUnraisable(op);
                    } else {
                        errors::clear();
                    }
                }
            });
        }
        Ok(())
    }
}

io_method!(fileio_dealloc_warn, |slf, args, kws| {
    let [source] = bind("_dealloc_warn", args, &kws, ["source"], 1)?;
    dealloc_warn(slf, source.unwrap_or(none::none()))?;
    Ok(none::owned())
});

io_method!(fileio_close, |slf, args, kws| {
    // _RawIOBase.close (flush, closed flag), then the descriptor.
    let base = protocol::getattr_str((&raw mut super::iobase::RAWIOBASE_TYPE).cast(), "close")?;
    let r = protocol::call_args(base.as_ptr(), &[slf]);
    if head(slf).finalizing != 0 {
        dealloc_warn(slf, slf)?;
    }
    let s = st(slf)?;
    let fd = std::mem::replace(&mut s.fd, -1);
    if fd >= 0 && s.closefd && libc::close(fd) < 0 {
        let e = os_error(null_mut());
        r?;
        return Err(e);
    }
    r?;
    Ok(none::owned())
});

io_method!(fileio_seekable, |slf, args, kws| {
    let s = open_st(slf)?;
    if s.seekable < 0 {
        s.seekable = (libc::lseek(s.fd, 0, libc::SEEK_CUR) >= 0) as i8;
    }
    bool_obj(s.seekable == 1)
});

io_method!(fileio_readable, |slf, args, kws| bool_obj(
    open_st(slf)?.readable
));
io_method!(fileio_writable, |slf, args, kws| bool_obj(
    open_st(slf)?.writable
));
io_method!(fileio_fileno, |slf, args, kws| int::from_i64(
    open_st(slf)?.fd as i64
));
io_method!(fileio_isatty, |slf, args, kws| {
    let fd = open_st(slf)?.fd;
    bool_obj(libc::isatty(fd) == 1)
});

io_getter!(fileio_closed_get, |slf| bool_obj(st(slf)?.fd < 0));
io_getter!(fileio_closefd_get, |slf| bool_obj(st(slf)?.closefd));
io_getter!(fileio_mode_get, |slf| pystr::from_str(mode_string(st(
    slf
)?)));
io_getter!(fileio_blksize_get, |slf| int::from_i64(st(slf)?.blksize));

static FILEIO_METHODS: [PyMethodDef; 17] = [
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
    method(c"read", fileio_read as *const c_void, FK),
    method(c"readall", fileio_readall as *const c_void, FK),
    method(c"readinto", fileio_readinto as *const c_void, FK),
    method(c"write", fileio_write as *const c_void, FK),
    method(c"seek", fileio_seek as *const c_void, FK),
    method(c"tell", fileio_tell as *const c_void, FK),
    method(c"truncate", fileio_truncate as *const c_void, FK),
    method(c"close", fileio_close as *const c_void, FK),
    method(c"seekable", fileio_seekable as *const c_void, FK),
    method(c"readable", fileio_readable as *const c_void, FK),
    method(c"writable", fileio_writable as *const c_void, FK),
    method(c"fileno", fileio_fileno as *const c_void, FK),
    method(c"isatty", fileio_isatty as *const c_void, FK),
    method(c"_dealloc_warn", fileio_dealloc_warn as *const c_void, FK),
    METHOD_END,
];

static FILEIO_GETSET: [PyGetSetDef; 5] = [
    getset(c"closed", Some(fileio_closed_get), None),
    getset(c"closefd", Some(fileio_closefd_get), None),
    getset(c"mode", Some(fileio_mode_get), None),
    getset(c"_blksize", Some(fileio_blksize_get), None),
    GETSET_END,
];

/// Whether `op` is a closed `FileIO` (None: not exactly a `FileIO`).
///
/// # Safety
/// `op` is a valid object.
pub unsafe fn closed_fast(op: *mut PyObject) -> Option<bool> {
    // SAFETY: the type is checked before the state is read.
    unsafe {
        if (*op).ob_type != &raw mut FILEIO_TYPE {
            return None;
        }
        try_state::<FileIo>(op, KIND_FILEIO).map(|s| s.fd < 0)
    }
}
