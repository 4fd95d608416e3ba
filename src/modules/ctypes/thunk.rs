//! Callbacks: C function pointers that call a Python callable, made with
//! libffi closures (`Modules/_ctypes/callbacks.c`). A `CThunkObject`
//! owns the closure and its call interface; when C calls the closure the
//! GIL is taken, the C arguments are converted by the argument types,
//! the callable runs, and its result is stored as the result type.
//! Exceptions are reported as unraisable.
use super::cdata::cd;
use super::{callproc, fields, simple, stginfo};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::{self, type_template};
use crate::object::{none, protocol, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use libffi_sys::{ffi_cif, ffi_closure, ffi_type};
use std::ptr::null_mut;

/// What a thunk owns besides its object header.
pub struct Thunk {
    pub closure: *mut ffi_closure,
    /// The executable address of the closure: the C function pointer.
    pub code: *mut c_void,
    cif: ffi_cif,
    atypes: Vec<*mut ffi_type>,
    callable: *mut PyObject,
    /// The argument types (a tuple).
    converters: *mut PyObject,
    restype: *mut PyObject,
    setfunc: Option<stginfo::SetFunc>,
    flags: i64,
}

/// `CThunkObject`.
#[repr(C)]
pub struct ThunkObject {
    pub ob_base: PyObject,
    pub t: *mut Thunk,
}

/// `_ctypes.CThunkObject`.
pub static mut THUNK_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(thunk_dealloc),
    tp_traverse: Some(thunk_traverse),
    tp_clear: Some(thunk_clear),
    tp_doc: c"CThunkObject".as_ptr(),
    ..type_template(
        c"_ctypes.CThunkObject",
        std::mem::size_of::<ThunkObject>(),
        0,
    )
};

unsafe fn thunk<'a>(op: *mut PyObject) -> Option<&'a mut Thunk> {
    // SAFETY: op is a thunk object.
    unsafe { (*op.cast::<ThunkObject>()).t.as_mut() }
}

unsafe extern "C" fn thunk_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: op is a thunk object.
    unsafe {
        match thunk(op) {
            Some(t) => {
                crate::object::gc::visit_all(&[t.callable, t.converters, t.restype], visit, arg)
            }
            None => 0,
        }
    }
}

unsafe extern "C" fn thunk_clear(op: *mut PyObject) -> c_int {
    // SAFETY: op is a thunk object.
    unsafe {
        if let Some(t) = thunk(op) {
            for p in [&mut t.callable, &mut t.converters, &mut t.restype] {
                xdecref(std::mem::replace(p, null_mut()));
            }
        }
        0
    }
}

unsafe extern "C" fn thunk_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the closure is no longer called.
    unsafe {
        crate::object::gc::untrack(op);
        thunk_clear(op);
        let p = std::mem::replace(&mut (*op.cast::<ThunkObject>()).t, null_mut());
        if !p.is_null() {
            let t = Box::from_raw(p);
            if !t.closure.is_null() {
                libffi_sys::ffi_closure_free(t.closure.cast());
            }
        }
        crate::object::alloc::gc_free(op.cast());
    }
}

/// Reports the raised exception as unraisable with `msg` followed by the
/// callable's repr (`PyErr_FormatUnraisable("... %R", callable)`).
fn unraisable(msg: &str, callable: *mut PyObject) {
    if let Some(e) = errors::take() {
        // SAFETY: callable is live.
        let text = match unsafe { protocol::repr_string(callable) } {
            Ok(r) => format!("{msg} {r}"),
            Err(_) => {
                errors::clear();
                msg.to_owned()
            }
        };
        crate::modules::sys::unraisable::report(Some(&text), null_mut(), e);
    }
}

/// Converts the C arguments to Python objects by their types.
unsafe fn build_args(t: &Thunk, args: *mut *mut c_void) -> PyResult<Owned> {
    // SAFETY: args holds one pointer per argument type.
    unsafe {
        let convs = tuple::items(t.converters);
        let mut out = Vec::with_capacity(convs.len());
        for (i, &cnv) in convs.iter().enumerate() {
            let src = (*args.add(i)).cast::<u8>();
            let v = match stginfo::from_type(cnv) {
                Some(info) => match info.getfunc {
                    Some(g) if simple::is_direct_simple(cnv) => g(src, info.size)?,
                    _ => {
                        let size = info.size as usize;
                        let obj = stginfo::call_type(cnv)?;
                        std::ptr::copy_nonoverlapping(src, cd(obj.as_ptr()).b_ptr, size);
                        obj
                    }
                },
                None => return Err(errors::type_error("cannot build parameter")),
            };
            out.push(v);
        }
        tuple::from_vec(out)
    }
}

/// The closure's entry point (`closure_fcn`).
unsafe extern "C" fn closure_fcn(
    cif: *mut ffi_cif,
    resp: *mut c_void,
    args: *mut *mut c_void,
    user: *mut c_void,
) {
    let gil = crate::capi::gil::PyGILState_Ensure();
    // SAFETY: user is the thunk this closure was made for, alive while
    // the function pointer is in use; resp has room for the result.
    unsafe {
        let t = &*user.cast::<Thunk>();
        let rsize = (*(*cif).rtype).size;
        if rsize > 0 {
            std::ptr::write_bytes(resp.cast::<u8>(), 0, rsize.max(8));
        }
        match build_args(t, args) {
            Err(_) => unraisable(
                "Exception ignored on creating argument for callback function",
                t.callable,
            ),
            Ok(arglist) => {
                if t.flags & callproc::FUNCFLAG_USE_ERRNO != 0 {
                    callproc::swap_errno();
                }
                let r = protocol::call(t.callable, arglist.as_ptr(), null_mut());
                if t.flags & callproc::FUNCFLAG_USE_ERRNO != 0 {
                    callproc::swap_errno();
                }
                match r {
                    Err(_) => unraisable(
                        "Exception ignored on calling ctypes callback function",
                        t.callable,
                    ),
                    Ok(result) => {
                        if let Some(set) = t.setfunc {
                            store_result(t, set, resp.cast(), result.as_ptr());
                        }
                    }
                }
            }
        }
        crate::capi::gil::PyGILState_Release(gil);
    }
}

/// Stores the callback's result, widened to a full register as libffi
/// expects for small integer results.
unsafe fn store_result(t: &Thunk, set: stginfo::SetFunc, resp: *mut u8, result: *mut PyObject) {
    // SAFETY: resp has room for max(result size, 8) bytes.
    unsafe {
        match set(resp, result, 0) {
            Err(_) => unraisable(
                "Exception ignored on converting result of ctypes callback function",
                t.callable,
            ),
            Ok(keep) => {
                let is_object = stginfo::from_type(t.restype)
                    .is_some_and(|i| fields::is_getfunc(i.getfunc, b'O'));
                if is_object {
                    // The C caller owns the returned reference.
                    std::mem::forget(keep);
                } else if keep.as_ptr() != none::none() {
                    let warned = crate::object::str::from_str("memory leak in callback function.")
                        .and_then(|m| {
                            crate::modules::_warnings::warn(
                                crate::object::exceptions::PyExc_RuntimeWarning,
                                m.as_ptr(),
                                1,
                                null_mut(),
                                null_mut(),
                            )
                        });
                    if warned.is_err() {
                        unraisable(
                            "Exception ignored on converting result of ctypes callback function",
                            t.callable,
                        );
                    }
                }
                let rt = &*ffi_type_of_result(t);
                if rt.size < 8 {
                    let signed = matches!(
                        rt.type_ as u32,
                        x if x == libffi_sys::FFI_TYPE_SINT8 as u32
                            || x == libffi_sys::FFI_TYPE_SINT16 as u32
                            || x == libffi_sys::FFI_TYPE_SINT32 as u32
                    );
                    let v: i64 = match (rt.size, signed) {
                        (1, true) => *resp.cast::<i8>() as i64,
                        (2, true) => std::ptr::read_unaligned(resp.cast::<i16>()) as i64,
                        (4, true) => std::ptr::read_unaligned(resp.cast::<i32>()) as i64,
                        _ => return,
                    };
                    std::ptr::write_unaligned(resp.cast::<i64>(), v);
                }
            }
        }
    }
}

unsafe fn ffi_type_of_result(t: &Thunk) -> *mut ffi_type {
    // SAFETY: the cif was prepared.
    t.cif.rtype
}

/// `_ctypes_alloc_callback`: a thunk calling `callable` with C arguments
/// of `argtypes` and a result of `restype`.
pub unsafe fn alloc_callback(
    callable: *mut PyObject,
    argtypes: *mut PyObject,
    restype: *mut PyObject,
    flags: i64,
) -> PyResult<Owned> {
    // SAFETY: argtypes is a tuple of types (or NULL); restype NULL, None
    // or a type.
    unsafe {
        let argtypes = if argtypes.is_null() {
            tuple::empty()
        } else {
            Owned::from_borrowed(argtypes)
        };
        let mut atypes: Vec<*mut ffi_type> = tuple::items(argtypes.as_ptr())
            .iter()
            .map(|&a| callproc::ffi_type_of(a))
            .collect();
        atypes.push(null_mut());
        let restype = if restype.is_null() {
            Owned::from_borrowed_static(none::none())
        } else {
            Owned::from_borrowed(restype)
        };
        let (setfunc, rtype) = if restype.as_ptr() == none::none() {
            (None, &raw mut libffi_sys::ffi_type_void)
        } else {
            match stginfo::from_type(restype.as_ptr()) {
                Some(info) if info.setfunc.is_some() => {
                    (info.setfunc, &raw mut info.ffi_type_pointer)
                }
                _ => {
                    return Err(errors::type_error(
                        "invalid result type for callback function",
                    ))
                }
            }
        };
        let nargs = atypes.len() - 1;
        let mut t = Box::new(Thunk {
            closure: null_mut(),
            code: null_mut(),
            cif: std::mem::zeroed(),
            atypes,
            callable: new_ref(callable),
            converters: argtypes.into_raw(),
            restype: restype.into_raw(),
            setfunc,
            flags,
        });
        let st = libffi_sys::ffi_prep_cif(
            &mut t.cif,
            libffi_sys::ffi_abi_FFI_DEFAULT_ABI,
            nargs as libc::c_uint,
            rtype,
            t.atypes.as_mut_ptr(),
        );
        let op = errors::check(crate::capi::allocation::PyType_GenericAlloc(
            &raw mut THUNK_TYPE,
            0,
        ))?;
        let tp = Box::into_raw(t);
        (*op.as_ptr().cast::<ThunkObject>()).t = tp;
        crate::object::gc::track(op.as_ptr());
        if st != libffi_sys::ffi_status_FFI_OK {
            return Err(errors::runtime_error(format!(
                "ffi_prep_cif failed with {st}"
            )));
        }
        let mut code: *mut c_void = null_mut();
        let closure = libffi_sys::ffi_closure_alloc(std::mem::size_of::<ffi_closure>(), &mut code);
        if closure.is_null() {
            return Err(errors::no_memory());
        }
        (*tp).closure = closure.cast();
        (*tp).code = code;
        let st = libffi_sys::ffi_prep_closure_loc(
            closure.cast(),
            &mut (*tp).cif,
            Some(closure_fcn),
            tp.cast(),
            code,
        );
        if st != libffi_sys::ffi_status_FFI_OK {
            return Err(errors::runtime_error(format!(
                "ffi_prep_closure failed with {st}"
            )));
        }
        Ok(op)
    }
}

/// The C function address of a thunk object.
pub unsafe fn code_of(op: *mut PyObject) -> *mut c_void {
    // SAFETY: op is a thunk made by alloc_callback.
    unsafe { thunk(op).map_or(null_mut(), |t| t.code) }
}

/// Readies the type.
pub unsafe fn ready() -> PyResult<()> {
    // SAFETY: a static type.
    unsafe { typeobj::ready(&raw mut THUNK_TYPE) }
}
