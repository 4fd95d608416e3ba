//! A zlib `z_stream` owned from Rust: initialization for deflate or
//! inflate, running it over input into a growing output buffer, copying,
//! and CPython's error text for zlib's return codes.
use libc::{c_int, c_uint, c_void};
use libz_sys as z;

unsafe extern "C" fn zalloc(_: *mut c_void, items: c_uint, size: c_uint) -> *mut c_void {
    // SAFETY: plain C allocation for zlib's state.
    unsafe { libc::calloc(items as usize, size as usize) }
}

unsafe extern "C" fn zfree(_: *mut c_void, p: *mut c_void) {
    // SAFETY: p came from zalloc.
    unsafe { libc::free(p) }
}

fn blank() -> Box<z::z_stream> {
    Box::new(z::z_stream {
        next_in: std::ptr::null_mut(),
        avail_in: 0,
        total_in: 0,
        next_out: std::ptr::null_mut(),
        avail_out: 0,
        total_out: 0,
        msg: std::ptr::null_mut(),
        state: std::ptr::null_mut(),
        zalloc,
        zfree,
        opaque: std::ptr::null_mut(),
        data_type: 0,
        adler: 0,
        reserved: 0,
    })
}

/// A deflate or inflate stream. `active` is false once it has been ended
/// (zlib's state freed).
pub struct Stream {
    z: Box<z::z_stream>,
    inflate: bool,
    pub active: bool,
}

/// The size of the output chunks a run adds at a time.
const CHUNK: usize = 16 * 1024;

impl Stream {
    /// `deflateInit2`; the zlib code on failure.
    pub fn deflate(
        level: c_int,
        method: c_int,
        wbits: c_int,
        mem: c_int,
        strategy: c_int,
    ) -> Result<Stream, c_int> {
        let mut z = blank();
        // SAFETY: z is a blank stream with our allocators.
        let err = unsafe {
            z::deflateInit2_(
                &mut *z,
                level,
                method,
                wbits,
                mem,
                strategy,
                z::zlibVersion(),
                std::mem::size_of::<z::z_stream>() as c_int,
            )
        };
        if err != z::Z_OK {
            return Err(err);
        }
        Ok(Stream {
            z,
            inflate: false,
            active: true,
        })
    }

    /// `inflateInit2`; the zlib code on failure.
    pub fn inflate(wbits: c_int) -> Result<Stream, c_int> {
        let mut z = blank();
        // SAFETY: as above.
        let err = unsafe {
            z::inflateInit2_(
                &mut *z,
                wbits,
                z::zlibVersion(),
                std::mem::size_of::<z::z_stream>() as c_int,
            )
        };
        if err != z::Z_OK {
            return Err(err);
        }
        Ok(Stream {
            z,
            inflate: true,
            active: true,
        })
    }

    /// The text of zlib's last message, if any.
    pub fn msg(&self) -> Option<String> {
        if self.z.msg.is_null() {
            return None;
        }
        // SAFETY: zlib's messages are static C strings.
        Some(
            unsafe { std::ffi::CStr::from_ptr(self.z.msg) }
                .to_string_lossy()
                .into_owned(),
        )
    }

    /// Sets the preset dictionary (`deflateSetDictionary` /
    /// `inflateSetDictionary`).
    pub fn set_dictionary(&mut self, dict: &[u8]) -> c_int {
        // SAFETY: an initialized stream; dict outlives the call.
        unsafe {
            if self.inflate {
                z::inflateSetDictionary(&mut *self.z, dict.as_ptr(), dict.len() as c_uint)
            } else {
                z::deflateSetDictionary(&mut *self.z, dict.as_ptr(), dict.len() as c_uint)
            }
        }
    }

    /// Runs the stream over `input` with `flush`, appending output to
    /// `out` until the input is used up and zlib has no more output, the
    /// stream ends, or `out` holds `max` bytes. Returns zlib's last code
    /// and how many input bytes were consumed. `need_dict` is called on
    /// `Z_NEED_DICT` and may set a dictionary to continue.
    pub fn run(
        &mut self,
        input: &[u8],
        flush: c_int,
        out: &mut Vec<u8>,
        max: Option<usize>,
        mut need_dict: impl FnMut(&mut Stream) -> bool,
    ) -> (c_int, usize) {
        if !self.active {
            return (z::Z_STREAM_ERROR, 0);
        }
        let mut consumed = 0usize;
        let mut err = z::Z_OK;
        loop {
            let room = match max {
                Some(m) if out.len() >= m => break,
                Some(m) => (m - out.len()).min(CHUNK.max(out.len())),
                None => CHUNK.max(out.len()),
            };
            let feed = (input.len() - consumed).min(c_uint::MAX as usize);
            let start = out.len();
            out.reserve(room);
            self.z.next_in = input[consumed..].as_ptr().cast_mut();
            self.z.avail_in = feed as c_uint;
            // SAFETY: `room` bytes are reserved past `start`.
            self.z.next_out = unsafe { out.as_mut_ptr().add(start) };
            self.z.avail_out = room as c_uint;
            // SAFETY: an initialized stream with valid buffers.
            err = unsafe {
                if self.inflate {
                    z::inflate(&mut *self.z, flush)
                } else {
                    z::deflate(&mut *self.z, flush)
                }
            };
            let produced = room - self.z.avail_out as usize;
            // SAFETY: zlib wrote `produced` bytes.
            unsafe { out.set_len(start + produced) };
            consumed += feed - self.z.avail_in as usize;
            if err == z::Z_NEED_DICT && need_dict(self) {
                continue;
            }
            if err != z::Z_OK && err != z::Z_BUF_ERROR {
                break;
            }
            if self.z.avail_out != 0 && consumed == input.len() {
                break;
            }
            if err == z::Z_BUF_ERROR && produced == 0 && consumed == input.len() {
                break;
            }
        }
        (err, consumed)
    }

    /// A copy of the stream (`deflateCopy` / `inflateCopy`).
    pub fn copy(&self) -> Result<Stream, c_int> {
        let mut z = blank();
        // SAFETY: self is an initialized stream; z a blank one.
        let err = unsafe {
            let src = (&*self.z as *const z::z_stream).cast_mut();
            if self.inflate {
                z::inflateCopy(&mut *z, src)
            } else {
                z::deflateCopy(&mut *z, src)
            }
        };
        if err != z::Z_OK {
            return Err(err);
        }
        Ok(Stream {
            z,
            inflate: self.inflate,
            active: true,
        })
    }

    /// Frees zlib's state (`deflateEnd` / `inflateEnd`).
    pub fn end(&mut self) {
        if self.active {
            // SAFETY: an initialized stream, ended once.
            unsafe {
                if self.inflate {
                    z::inflateEnd(&mut *self.z);
                } else {
                    z::deflateEnd(&mut *self.z);
                }
            }
            self.active = false;
        }
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        self.end();
    }
}

/// CPython's `zlib_error` text: "Error N <action>: <message>".
pub fn error_text(code: c_int, msg: Option<String>, action: &str) -> String {
    let msg = if code == z::Z_VERSION_ERROR {
        Some("library version mismatch".to_string())
    } else {
        msg.or_else(|| {
            match code {
                z::Z_BUF_ERROR => Some("incomplete or truncated stream"),
                z::Z_STREAM_ERROR => Some("inconsistent stream state"),
                z::Z_DATA_ERROR => Some("invalid input data"),
                _ => None,
            }
            .map(str::to_string)
        })
    };
    match msg {
        Some(m) => format!("Error {code} {action}: {m}"),
        None => format!("Error {code} {action}"),
    }
}
