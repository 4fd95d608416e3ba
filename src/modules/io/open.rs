//! `_io.open` / `builtins.open` (`_io_open_impl`): mode validation, then
//! a `FileIO`, the buffered layer and the text layer as the mode asks.
use super::stringio::NewlineMode;
use super::*;

/// The doc of `open` (`io.open` and `builtins.open`).
pub const DOC: &std::ffi::CStr = c"open($module, /, file, mode='r', buffering=-1, encoding=None,\n     errors=None, newline=None, closefd=True, opener=None)\n--\n\nOpen a file and return a file object for it.\n\nmode combines 'r', 'w', 'x' or 'a' with 'b' (binary) or 't' (text, the\ndefault) and '+' (reading and writing). OSError is raised on failure.\n\nbuffering is 0 (unbuffered, binary only), 1 (line buffered, text only)\nor a buffer size; encoding, errors and newline apply to text mode;\nclosefd=False keeps a given file descriptor open when the file is\nclosed; opener(path, flags) may supply the file descriptor.";

crate::modules::args::builtin!(pub io_open, |args, kws| {
    let [file, mode, buffering, encoding, errs, newline, closefd, opener] = bind(
        "open",
        args,
        &kws,
        [
            "file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener",
        ],
        1,
    )?;
    let mode_default = pystr::from_str("r")?;
    let buffering = match buffering {
        Some(b) => {
            if crate::object::float::check(b) {
                return Err(errors::type_error(
                    "'float' object cannot be interpreted as an integer",
                ));
            }
            number::as_ssize(b, exc::PyExc_OverflowError)?
        }
        None => -1,
    };
    let closefd = match closefd {
        Some(c) => protocol::is_true(c)?,
        None => true,
    };
    open(
        file.unwrap_or(none::none()),
        mode.unwrap_or(mode_default.as_ptr()),
        buffering,
        opt_str("open", "encoding", encoding)?,
        opt_str("open", "errors", errs)?,
        newline.filter(|&n| n != none::none()),
        closefd,
        opener.unwrap_or(none::none()),
    )
});

/// `open(file, mode, buffering, encoding, errors, newline, closefd,
/// opener)`.
#[allow(clippy::too_many_arguments)]
pub unsafe fn open(
    file: *mut PyObject,
    mode: *mut PyObject,
    buffering: isize,
    encoding: Option<String>,
    errors_: Option<String>,
    newline: Option<*mut PyObject>,
    closefd: bool,
    opener: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: arguments valid.
    unsafe {
        if !pystr::check(mode) {
            return Err(errors::type_error(format!(
                "open() argument 'mode' must be str, not {}",
                typeobj::type_name(mode)
            )));
        }
        let m = pystr::as_str(mode)?;
        let (mut creating, mut reading, mut writing, mut appending, mut updating) =
            (false, false, false, false, false);
        let (mut text, mut binary) = (false, false);
        let mut seen = String::new();
        for c in m.chars() {
            if seen.contains(c) || !"xrwa+tb".contains(c) {
                return Err(errors::value_error(format!("invalid mode: '{m}'")));
            }
            seen.push(c);
            match c {
                'x' => creating = true,
                'r' => reading = true,
                'w' => writing = true,
                'a' => appending = true,
                '+' => updating = true,
                't' => text = true,
                _ => binary = true,
            }
        }
        let mut rawmode = String::new();
        for (f, c) in [
            (creating, 'x'),
            (reading, 'r'),
            (writing, 'w'),
            (appending, 'a'),
            (updating, '+'),
        ] {
            if f {
                rawmode.push(c);
            }
        }
        if text && binary {
            return Err(errors::value_error(
                "can't have text and binary mode at once",
            ));
        }
        if creating as u8 + reading as u8 + writing as u8 + appending as u8 > 1 {
            return Err(errors::value_error(
                "must have exactly one of create/read/write/append mode",
            ));
        }
        if binary && encoding.is_some() {
            return Err(errors::value_error(
                "binary mode doesn't take an encoding argument",
            ));
        }
        if binary && errors_.is_some() {
            return Err(errors::value_error(
                "binary mode doesn't take an errors argument",
            ));
        }
        if binary && newline.is_some() {
            return Err(errors::value_error(
                "binary mode doesn't take a newline argument",
            ));
        }
        let nl_mode = if binary {
            NewlineMode::Universal
        } else {
            NewlineMode::parse(newline, "open() ")?
        };
        // A path-like file is opened (and named) by its path, as
        // CPython's `_io.open` does with `PyOS_FSPath`.
        let path;
        let file = if !pystr::check(file)
            && !crate::object::bytes::check(file)
            && !number::index_check(file)
        {
            path = errors::check(crate::capi::osutil::PyOS_FSPath(file))?;
            path.as_ptr()
        } else {
            file
        };
        let raw = super::fileio::new(file, &rawmode, closefd, opener)?;
        // The outermost layer made so far: closed when a later step fails,
        // before the layers are dropped (an unclosed one would warn).
        let mut top = raw.clone();
        let result = (|| -> PyResult<Owned> {
            let mut buffering = buffering;
            let mut line_buffering = false;
            let isatty = {
                let r = protocol::call_method_obj(raw.as_ptr(), "isatty", &[])?;
                protocol::is_true(r.as_ptr())?
            };
            if buffering == 1 || (buffering < 0 && isatty) {
                buffering = -1;
                line_buffering = true;
            }
            if buffering < 0 {
                let b = protocol::getattr_str(raw.as_ptr(), "_blksize")?;
                buffering = number::as_ssize(b.as_ptr(), exc::PyExc_OverflowError)?;
                if buffering <= 1 {
                    buffering = DEFAULT_BUFFER_SIZE as isize;
                }
            }
            if buffering < 0 {
                return Err(errors::value_error("invalid buffering size"));
            }
            if buffering == 0 {
                if binary {
                    return Ok(raw.clone());
                }
                return Err(errors::value_error("can't have unbuffered text I/O"));
            }
            let tp = if updating {
                super::bufferedio::random_type()
            } else if creating || writing || appending {
                super::bufferedio::writer_type()
            } else {
                super::bufferedio::reader_type()
            };
            let buffer = super::bufferedio::new(tp, raw.as_ptr(), buffering as usize)?;
            top = buffer.clone();
            if binary {
                return Ok(buffer);
            }
            let wrapper = super::textio::new(
                buffer.as_ptr(),
                encoding.clone(),
                errors_.clone(),
                nl_mode,
                line_buffering,
                false,
            )?;
            top = wrapper.clone();
            protocol::setattr(wrapper.as_ptr(), crate::interned!("mode"), mode)?;
            Ok(wrapper)
        })();
        if result.is_err() {
            errors::keeping_raised(|| {
                let _ = protocol::call_method_obj(top.as_ptr(), "close", &[]);
                errors::clear();
            });
        }
        result
    }
}
