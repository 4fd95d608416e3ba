//! The `mmap` module (`Modules/mmapmodule.c`, its Unix half) over libc's
//! `mmap`/`mremap`/`msync`/`madvise`: the subclassable `mmap.mmap` type
//! (anonymous and file-backed maps, `ACCESS_*` modes, offsets, `trackfd`),
//! its file-like methods, indexing and slicing, and its buffer exports,
//! which keep it from being closed or resized while any is alive.
mod access;
mod methods;

use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::args::format_i;
use crate::modules::module_def::{self, add, exec_slot, SLOT_END};
use crate::modules::objtype::{gc_type, new_obj, state, state_refs, Obj};
use crate::object::{dict, int, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

const ACCESS_DEFAULT: c_int = 0;
const ACCESS_READ: c_int = 1;
const ACCESS_WRITE: c_int = 2;
const ACCESS_COPY: c_int = 3;

/// The state of an `mmap.mmap`.
pub struct Mmap {
    /// The mapping; NULL once closed.
    data: *mut u8,
    size: usize,
    /// The file position, which may lie past `size` after a shrink.
    pos: usize,
    offset: i64,
    /// Live buffer views of the mapping.
    exports: isize,
    /// The duplicated descriptor of the mapped file, -1 for anonymous
    /// maps and with `trackfd=False`.
    fd: c_int,
    access: c_int,
    trackfd: bool,
    weakreflist: *mut PyObject,
}
state_refs!(Mmap);

impl Mmap {
    /// Unmaps the memory and closes the descriptor (both at most once).
    fn release(&mut self) {
        if self.fd >= 0 {
            // SAFETY: our own duplicate of the descriptor.
            unsafe { libc::close(self.fd) };
            self.fd = -1;
        }
        if !self.data.is_null() {
            // SAFETY: a mapping of `size` bytes made by mmap/mremap.
            unsafe { libc::munmap(self.data.cast(), self.size) };
            self.data = null_mut();
        }
    }

    /// The mapped bytes.
    fn bytes(&self) -> &[u8] {
        // SAFETY: data maps size bytes while it is not NULL.
        unsafe { std::slice::from_raw_parts(self.data, self.size) }
    }

    /// The mapped bytes, writable (the caller checked `writable`).
    fn bytes_mut(&mut self) -> &mut [u8] {
        // SAFETY: as above; only writable maps are written.
        unsafe { std::slice::from_raw_parts_mut(self.data, self.size) }
    }
}

impl Drop for Mmap {
    fn drop(&mut self) {
        self.release();
    }
}

/// The state of `op`, raising `ValueError` when it is closed (CPython's
/// `CHECK_VALID`).
unsafe fn valid<'a>(op: *mut PyObject) -> PyResult<&'a mut Mmap> {
    // SAFETY: op is an mmap (or a subclass instance).
    let m = unsafe { state::<Mmap>(op) };
    if m.data.is_null() {
        return Err(errors::value_error("mmap closed or invalid"));
    }
    Ok(m)
}

/// `is_writable`: a read-only map cannot be changed.
fn writable(m: &Mmap) -> PyResult<()> {
    if m.access == ACCESS_READ {
        return Err(errors::type_error(
            "mmap can't modify a readonly memory map.",
        ));
    }
    Ok(())
}

/// The `OSError` for the current `errno`.
fn os_error() -> Raised {
    errors::last_os_error()
}

pub static mut MMAP_TYPE: PyTypeObject = PyTypeObject {
    tp_new: Some(mmap_new),
    tp_repr: Some(mmap_repr),
    tp_methods: (&raw const methods::METHODS).cast_mut().cast(),
    tp_getset: (&raw const methods::GETSET).cast_mut().cast(),
    tp_as_sequence: &raw mut access::AS_SEQUENCE,
    tp_as_mapping: &raw mut access::AS_MAPPING,
    tp_as_buffer: &raw mut access::AS_BUFFER,
    tp_weaklistoffset: std::mem::offset_of!(Obj<Mmap>, state.weakreflist) as Py_ssize_t,
    tp_doc: c"Windows: mmap(fileno, length[, tagname[, access[, offset]]])\n\nMaps length bytes from the file specified by the file handle fileno,\nand returns a mmap object.  If length is larger than the current size\nof the file, the file is extended to contain length bytes.  If length\nis 0, the maximum length of the map is the current size of the file,\nexcept that if the file is empty Windows raises an exception (you cannot\ncreate an empty mapping on Windows).\n\nUnix: mmap(fileno, length[, flags[, prot[, access[, offset[, trackfd]]]]])\n\nMaps length bytes from the file specified by the file descriptor fileno,\nand returns a mmap object.  If length is 0, the maximum length of the map\nwill be the current size of the file when mmap is called.\nflags specifies the nature of the mapping. MAP_PRIVATE creates a\nprivate copy-on-write mapping, so changes to the contents of the mmap\nobject will be private to this process, and MAP_SHARED creates a mapping\nthat's shared with all other processes mapping the same areas of the file.\nThe default value is MAP_SHARED.\n\nTo map anonymous memory, pass -1 as the fileno (both versions).".as_ptr(),
    ..gc_type::<Mmap>(c"mmap.mmap", Py_TPFLAGS_BASETYPE)
};

/// The constructor's parameters, in order (the last is keyword-only).
const PARAMS: [&str; 7] = [
    "fileno", "length", "flags", "prot", "access", "offset", "trackfd",
];

/// Matches the constructor's arguments as `PyArg_ParseTupleAndKeywords`
/// with `"in|iiiL$p"` does, with its messages.
unsafe fn bind_new(args: *mut PyObject, kwargs: *mut PyObject) -> PyResult<[*mut PyObject; 7]> {
    // SAFETY: args a tuple, kwargs NULL or a dict.
    unsafe {
        let pos = tuple::items(args);
        if pos.len() > 6 {
            return Err(errors::type_error(format!(
                "function takes at most 6 positional arguments ({} given)",
                pos.len()
            )));
        }
        let mut out = [null_mut(); 7];
        out[..pos.len()].copy_from_slice(pos);
        if !kwargs.is_null() {
            let mut it = 0;
            while let Some((k, v)) = dict::next(kwargs, &mut it) {
                let key = pystr::as_str(k)?;
                match PARAMS.iter().position(|&n| n == key) {
                    Some(i) if !out[i].is_null() => {
                        return Err(errors::type_error(format!(
                            "argument for function given by name ('{key}') and position ({})",
                            i + 1
                        )))
                    }
                    Some(i) => out[i] = v,
                    None => {
                        return Err(errors::type_error(format!(
                            "this function got an unexpected keyword argument '{key}'"
                        )))
                    }
                }
            }
        }
        if let Some(i) = out[..2].iter().position(|p| p.is_null()) {
            return Err(errors::type_error(format!(
                "function missing required argument '{}' (pos {})",
                PARAMS[i],
                i + 1
            )));
        }
        Ok(out)
    }
}

unsafe extern "C" fn mmap_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: constructor arguments; libc calls on checked values.
        unsafe {
            let a = bind_new(args, kwargs)?;
            let int_or = |o: *mut PyObject, d: c_int| if o.is_null() { Ok(d) } else { format_i(o) };
            let fd = format_i(a[0])?;
            let mut length = crate::modules::compression::ssize_arg(a[1])?;
            let mut flags = int_or(a[2], libc::MAP_SHARED)?;
            let mut prot = int_or(a[3], libc::PROT_WRITE | libc::PROT_READ)?;
            let mut access = int_or(a[4], ACCESS_DEFAULT)?;
            let offset = if a[5].is_null() {
                0
            } else {
                let v = crate::capi::long::PyLong_AsLongLong(a[5]);
                if v == -1 && !errors::occurred().is_null() {
                    return Err(Raised::assume());
                }
                v
            };
            let trackfd = a[6].is_null() || protocol::is_true(a[6])?;
            if length < 0 {
                return Err(errors::overflow_error(
                    "memory mapped length must be positive",
                ));
            }
            if offset < 0 {
                return Err(errors::overflow_error(
                    "memory mapped offset must be positive",
                ));
            }
            if access != ACCESS_DEFAULT
                && (flags != libc::MAP_SHARED || prot != (libc::PROT_WRITE | libc::PROT_READ))
            {
                return Err(errors::value_error(
                    "mmap can't specify both access and flags, prot.",
                ));
            }
            match access {
                ACCESS_READ => {
                    flags = libc::MAP_SHARED;
                    prot = libc::PROT_READ;
                }
                ACCESS_WRITE => {
                    flags = libc::MAP_SHARED;
                    prot = libc::PROT_READ | libc::PROT_WRITE;
                }
                ACCESS_COPY => {
                    flags = libc::MAP_PRIVATE;
                    prot = libc::PROT_READ | libc::PROT_WRITE;
                }
                ACCESS_DEFAULT => {
                    if prot & libc::PROT_READ != 0 && prot & libc::PROT_WRITE != 0 {
                    } else if prot & libc::PROT_WRITE != 0 {
                        access = ACCESS_WRITE;
                    } else {
                        access = ACCESS_READ;
                    }
                }
                _ => return Err(errors::value_error("mmap invalid access parameter.")),
            }
            {
                let f = int::from_i64(fd.into())?;
                let l = int::from_i64(length as i64)?;
                let ac = int::from_i64(access.into())?;
                let o = int::from_i64(offset)?;
                crate::runtime::audit::audit(
                    c"mmap.__new__",
                    &[f.as_ptr(), l.as_ptr(), ac.as_ptr(), o.as_ptr()],
                )?;
            }
            if fd != -1 {
                let mut st: libc::stat = std::mem::zeroed();
                if libc::fstat(fd, &mut st) == 0 && st.st_mode & libc::S_IFMT == libc::S_IFREG {
                    let file_size = st.st_size;
                    if length == 0 {
                        if file_size == 0 {
                            return Err(errors::value_error("cannot mmap an empty file"));
                        }
                        if offset >= file_size {
                            return Err(errors::value_error(
                                "mmap offset is greater than file size",
                            ));
                        }
                        length = (file_size - offset) as Py_ssize_t;
                    } else if offset > file_size || file_size - offset < length as i64 {
                        return Err(errors::value_error("mmap length is greater than file size"));
                    }
                }
            }
            let mut own_fd = -1;
            if fd == -1 {
                flags |= libc::MAP_ANONYMOUS;
            } else if trackfd {
                own_fd = libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0);
                if own_fd < 0 {
                    return Err(os_error());
                }
            }
            let data = libc::mmap(
                null_mut(),
                length as usize,
                prot,
                flags,
                fd,
                offset as libc::off_t,
            );
            if data == libc::MAP_FAILED {
                let e = os_error();
                if own_fd >= 0 {
                    libc::close(own_fd);
                }
                return Err(e);
            }
            new_obj(
                tp,
                Mmap {
                    data: data.cast(),
                    size: length as usize,
                    pos: 0,
                    offset,
                    exports: 0,
                    fd: own_fd,
                    access,
                    trackfd,
                    weakreflist: null_mut(),
                },
            )
        }
    })
}

unsafe extern "C" fn mmap_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an mmap.
        unsafe {
            let name = std::ffi::CStr::from_ptr((*(*op).ob_type).tp_name).to_string_lossy();
            let m = state::<Mmap>(op);
            if m.data.is_null() {
                return pystr::from_str(&format!("<{name} closed=True>"));
            }
            let access = match m.access {
                ACCESS_READ => "ACCESS_READ",
                ACCESS_WRITE => "ACCESS_WRITE",
                ACCESS_COPY => "ACCESS_COPY",
                _ => "ACCESS_DEFAULT",
            };
            pystr::from_str(&format!(
                "<{name} closed=False, access={access}, length={}, pos={}, offset={}>",
                m.size, m.pos, m.offset
            ))
        }
    })
}

// ---- the module --------------------------------------------------------------

static mut FUNCTIONS: [PyMethodDef; 1] = [crate::object::descr::METHOD_END];

unsafe extern "C" fn exec(m: *mut PyObject) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: the module being executed; a static type.
        unsafe {
            module_def::add_type(m, &raw mut MMAP_TYPE)?;
            add(
                m,
                "error",
                Ok(Owned::from_borrowed(
                    crate::object::exceptions::PyExc_OSError,
                )),
            )?;
            let page = libc::sysconf(libc::_SC_PAGESIZE) as i64;
            let consts: [(&str, i64); 35] = [
                ("PROT_EXEC", libc::PROT_EXEC.into()),
                ("PROT_READ", libc::PROT_READ.into()),
                ("PROT_WRITE", libc::PROT_WRITE.into()),
                ("MAP_SHARED", libc::MAP_SHARED.into()),
                ("MAP_PRIVATE", libc::MAP_PRIVATE.into()),
                ("MAP_DENYWRITE", libc::MAP_DENYWRITE.into()),
                ("MAP_EXECUTABLE", libc::MAP_EXECUTABLE.into()),
                ("MAP_ANON", libc::MAP_ANONYMOUS.into()),
                ("MAP_ANONYMOUS", libc::MAP_ANONYMOUS.into()),
                ("MAP_POPULATE", libc::MAP_POPULATE.into()),
                ("MAP_STACK", libc::MAP_STACK.into()),
                ("MAP_NORESERVE", libc::MAP_NORESERVE.into()),
                ("MAP_32BIT", libc::MAP_32BIT.into()),
                ("PAGESIZE", page),
                ("ALLOCATIONGRANULARITY", page),
                ("ACCESS_DEFAULT", ACCESS_DEFAULT.into()),
                ("ACCESS_READ", ACCESS_READ.into()),
                ("ACCESS_WRITE", ACCESS_WRITE.into()),
                ("ACCESS_COPY", ACCESS_COPY.into()),
                ("MADV_NORMAL", libc::MADV_NORMAL.into()),
                ("MADV_RANDOM", libc::MADV_RANDOM.into()),
                ("MADV_SEQUENTIAL", libc::MADV_SEQUENTIAL.into()),
                ("MADV_WILLNEED", libc::MADV_WILLNEED.into()),
                ("MADV_DONTNEED", libc::MADV_DONTNEED.into()),
                ("MADV_REMOVE", libc::MADV_REMOVE.into()),
                ("MADV_DONTFORK", libc::MADV_DONTFORK.into()),
                ("MADV_DOFORK", libc::MADV_DOFORK.into()),
                ("MADV_HWPOISON", libc::MADV_HWPOISON.into()),
                ("MADV_MERGEABLE", libc::MADV_MERGEABLE.into()),
                ("MADV_UNMERGEABLE", libc::MADV_UNMERGEABLE.into()),
                ("MADV_HUGEPAGE", libc::MADV_HUGEPAGE.into()),
                ("MADV_NOHUGEPAGE", libc::MADV_NOHUGEPAGE.into()),
                ("MADV_DONTDUMP", libc::MADV_DONTDUMP.into()),
                ("MADV_DODUMP", libc::MADV_DODUMP.into()),
                ("MADV_FREE", libc::MADV_FREE.into()),
            ];
            for (k, v) in consts {
                add(m, k, int::from_i64(v))?;
            }
            Ok(())
        }
    })
}

static mut SLOTS: [PyModuleDef_Slot; 2] = [exec_slot(exec), SLOT_END];

static mut DEF: PyModuleDef = module_def::def(
    c"mmap",
    c"",
    (&raw mut FUNCTIONS).cast(),
    (&raw mut SLOTS).cast(),
);

/// `PyInit_mmap`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}

/// A map's `c_void` start, for libc calls on a range of it.
fn at(m: &Mmap, offset: usize) -> *mut c_void {
    // SAFETY: offset lies within the mapping (callers check).
    unsafe { m.data.add(offset).cast() }
}
