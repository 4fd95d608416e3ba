//! Calling a foreign function through libffi
//! (`Modules/_ctypes/callproc.c`): converting the Python arguments
//! (`ConvParam`), the call itself with the GIL released and ctypes'
//! private `errno` swapped in, and converting the result (`GetResult`).
use super::carg::{self, CArgObject};
use super::cdata::{self, Value};
use super::{fields, simple, stginfo};
use crate::ffi::*;
use crate::object::{bytes, int, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libffi_sys::{ffi_cif, ffi_type};
use std::cell::Cell;
use std::ptr::null_mut;

/// `FUNCFLAG_CDECL`.
pub const FUNCFLAG_CDECL: i64 = 0x1;
/// `FUNCFLAG_PYTHONAPI`: the function is part of the C API: call it with
/// the GIL held and check the error indicator afterwards.
pub const FUNCFLAG_PYTHONAPI: i64 = 0x4;
/// `FUNCFLAG_USE_ERRNO`.
pub const FUNCFLAG_USE_ERRNO: i64 = 0x8;
/// `FUNCFLAG_USE_LASTERROR`.
pub const FUNCFLAG_USE_LASTERROR: i64 = 0x10;

thread_local! {
    /// ctypes' private copy of `errno` (`get_errno` / `set_errno`).
    pub static CTYPES_ERRNO: Cell<libc::c_int> = const { Cell::new(0) };
}

/// Swaps the C `errno` with ctypes' private copy.
pub fn swap_errno() {
    // SAFETY: errno is this thread's.
    unsafe {
        let e = libc::__errno_location();
        let old = *e;
        *e = CTYPES_ERRNO.with(|c| c.replace(old));
    }
}

/// One converted argument: its libffi type, its value, and what keeps the
/// memory it points to alive.
pub struct Arg {
    pub ffi: *mut ffi_type,
    pub value: Value,
    /// For a structure passed by value: its memory.
    pub by_value: *mut u8,
    pub keep: Option<Owned>,
}

impl Arg {
    fn new() -> Arg {
        Arg {
            // SAFETY: address of libffi's static type.
            ffi: &raw mut libffi_sys::ffi_type_sint32,
            value: Value([0; 16]),
            by_value: null_mut(),
            keep: None,
        }
    }

    fn set_ptr(&mut self, p: *mut u8) {
        // SAFETY: value has room for a pointer.
        unsafe {
            self.ffi = &raw mut libffi_sys::ffi_type_pointer;
            std::ptr::write(self.value.0.as_mut_ptr().cast::<*mut u8>(), p);
        }
    }

    /// Takes the value of a CArgObject.
    unsafe fn take_carg(&mut self, a: &CArgObject, keep: Owned) {
        self.ffi = a.pffi_type;
        self.value.0 = a.value.0;
        if a.tag == b'V' {
            // SAFETY: a 'V' argument holds the structure's address.
            self.by_value = unsafe { std::ptr::read(a.value.0.as_ptr().cast::<*mut u8>()) };
        }
        self.keep = Some(keep);
    }
}

/// `ConvParam`: converts one argument.
pub unsafe fn conv_param(obj: *mut PyObject, index: usize, pa: &mut Arg) -> PyResult<()> {
    // SAFETY: obj is live.
    unsafe {
        if carg::check(obj) {
            pa.take_carg(carg::arg(obj), Owned::from_borrowed(obj));
            return Ok(());
        }
        if cdata::check(obj) {
            let info = cdata::info_of(obj)?;
            let Some(pf) = info.paramfunc else {
                return Err(errors::type_error(format!(
                    "Don't know how to convert parameter {index}"
                )));
            };
            let a = pf(obj.cast())?;
            pa.take_carg(carg::arg(a.as_ptr()), a.clone());
            return Ok(());
        }
        if int::check(obj) {
            pa.ffi = &raw mut libffi_sys::ffi_type_sint32;
            let v: i32 = match int::as_i128(obj) {
                Some(v) if v >= i64::MIN as i128 && v <= u64::MAX as i128 => v as i64 as i32,
                _ => return Err(errors::overflow_error("int too long to convert")),
            };
            std::ptr::write(pa.value.0.as_mut_ptr().cast::<i32>(), v);
            return Ok(());
        }
        if bytes::check(obj) {
            pa.set_ptr(bytes::as_mut_ptr(obj));
            pa.keep = Some(Owned::from_borrowed(obj));
            return Ok(());
        }
        if pystr::check(obj) {
            let buf = fields::wide_buffer(obj)?;
            pa.set_ptr(bytes::as_mut_ptr(buf.as_ptr()));
            pa.keep = Some(buf);
            return Ok(());
        }
        if obj == crate::object::none::none() {
            pa.set_ptr(null_mut());
            return Ok(());
        }
        if let Some(p) = protocol::getattr_opt(obj, crate::interned!("_as_parameter_"))? {
            protocol::enter_recursive_call(" while processing _as_parameter_")?;
            let r = conv_param(p.as_ptr(), index, pa);
            protocol::leave_recursive_call();
            return r;
        }
        Err(errors::type_error(format!(
            "Don't know how to convert parameter {index}"
        )))
    }
}

/// `_ctypes_extend_error`: replaces the raised exception with `exc_class`
/// whose message is `prefix`, the exception's class name and its text.
pub unsafe fn extend_error(exc_class: *mut PyObject, prefix: &str) -> errors::Raised {
    // SAFETY: an exception is set.
    unsafe {
        let Some(e) = errors::take() else {
            return errors::Raised::assume();
        };
        let cls = (*e.as_ptr()).ob_type;
        let text = match protocol::str_(e.as_ptr()) {
            Ok(s) => pystr::as_str(s.as_ptr()).unwrap_or("").to_owned(),
            Err(_) => {
                errors::clear();
                "???".to_owned()
            }
        };
        let msg = format!("{prefix}{}: {text}", crate::object::typeobj::name_of(cls));
        errors::set_string(exc_class, &msg)
    }
}

/// `_ctypes_get_ffi_type`: the libffi type of a ctypes type (void for
/// None, int for anything else without storage info).
pub unsafe fn ffi_type_of(tp: *mut PyObject) -> *mut ffi_type {
    // SAFETY: tp is live.
    unsafe {
        if tp == crate::object::none::none() {
            return &raw mut libffi_sys::ffi_type_void;
        }
        match stginfo::from_type(tp) {
            Some(info) => &raw mut info.ffi_type_pointer,
            None => &raw mut libffi_sys::ffi_type_sint32,
        }
    }
}

/// Performs the call: `ffi_prep_cif` (variadic past the declared
/// argument types) and `ffi_call`, without the GIL unless the function
/// belongs to the C API.
unsafe fn call_function_pointer(
    flags: i64,
    proc_: *mut libc::c_void,
    avalues: &mut [*mut libc::c_void],
    atypes: &mut [*mut ffi_type],
    rtype: *mut ffi_type,
    resmem: *mut libc::c_void,
    argtypecount: usize,
) -> PyResult<()> {
    // SAFETY: the types describe the values; proc_ is a function address
    // the user vouched for.
    unsafe {
        let mut cif: ffi_cif = std::mem::zeroed();
        let n = atypes.len() as libc::c_uint;
        let st = if argtypecount != 0 && atypes.len() > argtypecount {
            libffi_sys::ffi_prep_cif_var(
                &mut cif,
                libffi_sys::ffi_abi_FFI_DEFAULT_ABI,
                argtypecount as libc::c_uint,
                n,
                rtype,
                atypes.as_mut_ptr(),
            )
        } else {
            libffi_sys::ffi_prep_cif(
                &mut cif,
                libffi_sys::ffi_abi_FFI_DEFAULT_ABI,
                n,
                rtype,
                atypes.as_mut_ptr(),
            )
        };
        if st != libffi_sys::ffi_status_FFI_OK {
            return Err(errors::runtime_error("ffi_prep_cif failed"));
        }
        let f: unsafe extern "C" fn() = std::mem::transmute(proc_);
        let mut call = || {
            if flags & FUNCFLAG_USE_ERRNO != 0 {
                swap_errno();
            }
            libffi_sys::ffi_call(&mut cif, Some(f), resmem, avalues.as_mut_ptr());
            if flags & FUNCFLAG_USE_ERRNO != 0 {
                swap_errno();
            }
        };
        if flags & FUNCFLAG_PYTHONAPI != 0 {
            call();
            if !errors::occurred().is_null() {
                return Err(errors::Raised::assume());
            }
        } else {
            crate::runtime::gil::allow_threads(call);
        }
        Ok(())
    }
}

/// `GetResult`: the Python value of the result in `buf` (a C int when
/// there is no restype).
unsafe fn get_result(
    restype: *mut PyObject,
    buf: *mut u8,
    checker: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: buf holds a value of restype.
    unsafe {
        if restype.is_null() {
            return int::from_i64(std::ptr::read_unaligned(buf.cast::<i32>()) as i64);
        }
        if restype == crate::object::none::none() {
            return Ok(Owned::from_borrowed_static(restype));
        }
        let Some(info) = stginfo::from_type(restype) else {
            let v = int::from_i64(std::ptr::read_unaligned(buf.cast::<i32>()) as i64)?;
            return protocol::call_args(restype, &[v.as_ptr()]);
        };
        let retval = match info.getfunc {
            Some(g) if simple::is_direct_simple(restype) => {
                let r = g(buf, info.size)?;
                if fields::is_getfunc(info.getfunc, b'O') {
                    // The function returned a new reference, which the
                    // getter took another one to.
                    crate::object::refcount::decref(r.as_ptr());
                }
                r
            }
            _ => cdata::from_base_obj(restype, null_mut(), 0, buf)?,
        };
        if checker.is_null() {
            return Ok(retval);
        }
        protocol::call_args(checker, &[retval.as_ptr()])
    }
}

/// `_ctypes_callproc`: calls `proc_` with `args` converted by `converters`
/// (argtypes' `from_param`) or by `ConvParam`, returning the converted
/// result.
pub unsafe fn call(
    proc_: *mut libc::c_void,
    args: *mut PyObject,
    flags: i64,
    converters: *mut PyObject,
    restype: *mut PyObject,
    checker: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: args is a tuple; converters NULL or a tuple.
    unsafe {
        let items = tuple::items(args);
        let convs: &[*mut PyObject] = if converters.is_null() {
            &[]
        } else {
            tuple::items(converters)
        };
        let mut conv: Vec<Arg> = Vec::with_capacity(items.len());
        for (i, &a) in items.iter().enumerate() {
            let mut pa = Arg::new();
            let r = if let Some(&cv) = convs.get(i) {
                protocol::call_args(cv, &[a])
                    .and_then(|v| conv_param(v.as_ptr(), i + 1, &mut pa).map(|()| v))
            } else {
                conv_param(a, i + 1, &mut pa).map(|()| Owned::from_borrowed(a))
            };
            match r {
                Ok(v) => {
                    if pa.keep.is_none() {
                        pa.keep = Some(v);
                    }
                }
                Err(_) => {
                    return Err(extend_error(
                        super::ARGUMENT_ERROR,
                        &format!("argument {}: ", i + 1),
                    ))
                }
            }
            conv.push(pa);
        }
        let rtype = if restype.is_null() {
            &raw mut libffi_sys::ffi_type_sint32
        } else {
            ffi_type_of(restype)
        };
        let mut atypes: Vec<*mut ffi_type> = conv.iter().map(|a| a.ffi).collect();
        let mut avalues: Vec<*mut libc::c_void> = conv
            .iter_mut()
            .map(|a| {
                if (*a.ffi).type_ == libffi_sys::FFI_TYPE_STRUCT && !a.by_value.is_null() {
                    a.by_value.cast()
                } else {
                    a.value.0.as_mut_ptr().cast()
                }
            })
            .collect();
        let size = (*rtype).size.max(16);
        let mut resbuf = vec![0u64; size.div_ceil(8)];
        call_function_pointer(
            flags,
            proc_,
            &mut avalues,
            &mut atypes,
            rtype,
            resbuf.as_mut_ptr().cast(),
            convs.len(),
        )?;
        drop(conv);
        get_result(restype, resbuf.as_mut_ptr().cast(), checker)
    }
}
