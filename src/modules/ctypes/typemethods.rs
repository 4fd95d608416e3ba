//! The class methods every ctypes metatype gives its types
//! (`CDataType_methods` of `Modules/_ctypes/_ctypes.c`): `from_address`,
//! `from_buffer`, `from_buffer_copy`, `in_dll`, and the generic
//! `from_param` of structures, unions, arrays and function pointers.
use super::{carg, cdata, stginfo};
use crate::ffi::*;
use crate::modules::args::{arity, bind, builtin};
use crate::object::typeobj::{self, type_name};
use crate::object::{int, number, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// An address from an int (`PyLong_AsVoidPtr`).
pub unsafe fn address_arg(v: *mut PyObject) -> PyResult<*mut u8> {
    // SAFETY: v is live.
    unsafe {
        if !int::check(v) {
            let i = number::index(v)?;
            return Ok(int::low_u64(i.as_ptr()) as usize as *mut u8);
        }
        if int::sign(v) < 0 {
            let x = int::as_i64(v)?;
            return Ok(x as usize as *mut u8);
        }
        match int::as_u64(v) {
            Some(x) => Ok(x as usize as *mut u8),
            None => Err(errors::overflow_error("int too big to convert")),
        }
    }
}

builtin!(pub from_address, |slf, args, kws| {
    arity("from_address", args, 1, 1)?;
    let addr = address_arg(args[0])?;
    cdata::at_address(slf, addr)
});

/// The offset argument of `from_buffer*`.
unsafe fn offset_arg(v: Option<*mut PyObject>) -> PyResult<usize> {
    // SAFETY: v is live.
    unsafe {
        let Some(v) = v else { return Ok(0) };
        let off = number::index_as_ssize(v, "offset")?;
        if off < 0 {
            return Err(errors::value_error("offset cannot be negative"));
        }
        Ok(off as usize)
    }
}

/// Checks that `len` bytes from `offset` hold an instance of `size`.
fn check_size(len: usize, size: Py_ssize_t, offset: usize) -> PyResult<()> {
    if len < size as usize + offset {
        return Err(errors::value_error(format!(
            "Buffer size too small ({len} instead of at least {} bytes)",
            size as usize + offset
        )));
    }
    Ok(())
}

/// Raises `ctypes.cdata/buffer` `(pointer, size, offset)` for an instance
/// made over (or copied from) a buffer.
fn audit_buffer(ptr: *const u8, len: usize, offset: usize) -> PyResult<()> {
    crate::runtime::audit::audit_with(c"ctypes.cdata/buffer", || {
        Ok(vec![
            int::from_i64(ptr as isize as i64)?,
            int::from_i64(len as i64)?,
            int::from_i64(offset as i64)?,
        ])
    })
}

builtin!(pub from_buffer, |slf, args, kws| {
    let [obj, off] = bind("from_buffer", args, &kws, ["source", "offset"], 2, 1)?;
    let info = stginfo::require(slf)?;
    let size = info.size;
    let mv = crate::object::memoryview::from_object(obj.unwrap_or(std::ptr::null_mut()))?;
    let view = crate::object::memoryview::view(mv.as_ptr());
    if view.readonly != 0 {
        return Err(errors::type_error("underlying buffer is not writable"));
    }
    if !crate::object::buffer::is_contiguous(view, b'C') {
        return Err(errors::type_error("underlying buffer is not C contiguous"));
    }
    let offset = offset_arg(off)?;
    check_size(view.len as usize, size, offset)?;
    audit_buffer(view.buf.cast(), view.len as usize, offset)?;
    let res = cdata::at_address(slf, view.buf.cast::<u8>().add(offset))?;
    cdata::keep_ref(res.as_ptr(), -1, mv)?;
    Ok(res)
});

builtin!(pub from_buffer_copy, |slf, args, kws| {
    let [obj, off] = bind("from_buffer_copy", args, &kws, ["buffer", "offset"], 2, 1)?;
    let info = stginfo::require(slf)?;
    let size = info.size;
    let g = crate::object::buffer::Guard::new(obj.unwrap_or(std::ptr::null_mut()), PyBUF_SIMPLE)?;
    let offset = offset_arg(off)?;
    check_size(g.len(), size, offset)?;
    audit_buffer(g.ptr(), g.len(), offset)?;
    let res = cdata::new_instance(slf)?;
    std::ptr::copy_nonoverlapping(g.ptr().add(offset), cdata::cd(res.as_ptr()).b_ptr, size as usize);
    Ok(res)
});

/// The `_handle` of a library object as a dlopen handle.
pub unsafe fn dll_handle(dll: *mut PyObject) -> PyResult<*mut libc::c_void> {
    // SAFETY: dll is live.
    unsafe {
        let h = protocol::getattr_str(dll, "_handle")?;
        if !int::check(h.as_ptr()) {
            return Err(errors::type_error(
                "the _handle attribute of the second argument must be an integer",
            ));
        }
        Ok(address_arg(h.as_ptr())?.cast())
    }
}

builtin!(pub in_dll, |slf, args, kws| {
    arity("in_dll", args, 2, 2)?;
    let handle = dll_handle(args[0])?;
    if !pystr::check(args[1]) {
        return Err(errors::type_error(format!(
            "in_dll() argument 2 must be str, not {}",
            type_name(args[1])
        )));
    }
    let name = std::ffi::CString::new(pystr::as_str(args[1])?)
        .map_err(|_| errors::value_error("embedded null character"))?;
    crate::runtime::audit::audit(c"ctypes.dlsym", &[args[0], args[1]])?;
    let addr = libc::dlsym(handle, name.as_ptr());
    if addr.is_null() {
        return Err(errors::value_error(super::functions::dl_error()));
    }
    cdata::at_address(slf, addr.cast())
});

/// `CDataType_from_param`: instances of the type pass as they are, and
/// `byref()` of an instance of its element type.
pub unsafe fn generic_from_param(tp: *mut PyObject, value: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: tp is a ctypes type; value is live.
    unsafe {
        if typeobj::instance_of(value, tp.cast()) {
            return Ok(Owned::from_borrowed(value));
        }
        if carg::check(value) {
            let ob = carg::arg(value).obj;
            if let Some(info) = stginfo::from_type(tp) {
                if !ob.is_null()
                    && !info.proto.is_null()
                    && typeobj::instance_of(info.proto, &raw mut typeobj::PyType_Type)
                    && typeobj::instance_of(ob, info.proto.cast())
                {
                    return Ok(Owned::from_borrowed(value));
                }
            }
            let ob_name = if ob.is_null() { "???" } else { type_name(ob) };
            return Err(errors::type_error(format!(
                "expected {} instance instead of pointer to {ob_name}",
                typeobj::name_of(tp.cast())
            )));
        }
        if let Some(p) = protocol::getattr_opt(value, crate::interned!("_as_parameter_"))? {
            protocol::enter_recursive_call(" while processing _as_parameter_")?;
            let r = generic_from_param(tp, p.as_ptr());
            protocol::leave_recursive_call();
            return r;
        }
        Err(errors::type_error(format!(
            "expected {} instance instead of {}",
            typeobj::name_of(tp.cast()),
            type_name(value)
        )))
    }
}

builtin!(pub generic_from_param_meth, |slf, args, kws| {
    arity("from_param", args, 1, 1)?;
    generic_from_param(slf, args[0])
});

/// A metatype's method table of `$n` entries: `from_param`, the shared
/// methods, then any extra ones.
macro_rules! ctype_methods {
    ($name:ident, $n:literal, $from_param:path $(, $extra:expr)*) => {
        static $name: [PyMethodDef; $n] = [
            crate::object::descr::method(
                c"from_param",
                $from_param as *const libc::c_void,
                METH_FASTCALL | METH_KEYWORDS,
            ),
            crate::object::descr::method(
                c"from_address",
                $crate::modules::ctypes::typemethods::from_address as *const libc::c_void,
                METH_FASTCALL | METH_KEYWORDS,
            ),
            crate::object::descr::method(
                c"from_buffer",
                $crate::modules::ctypes::typemethods::from_buffer as *const libc::c_void,
                METH_FASTCALL | METH_KEYWORDS,
            ),
            crate::object::descr::method(
                c"from_buffer_copy",
                $crate::modules::ctypes::typemethods::from_buffer_copy as *const libc::c_void,
                METH_FASTCALL | METH_KEYWORDS,
            ),
            crate::object::descr::method(
                c"in_dll",
                $crate::modules::ctypes::typemethods::in_dll as *const libc::c_void,
                METH_FASTCALL | METH_KEYWORDS,
            ),
            $($extra,)*
            crate::object::descr::METHOD_END,
        ];
    };
}
pub(crate) use ctype_methods;
