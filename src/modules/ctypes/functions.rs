//! The functions of `_ctypes` (`Modules/_ctypes/callproc.c`'s module
//! methods): `sizeof`, `alignment`, `byref`, `addressof`, `resize`,
//! `get_errno`/`set_errno`, `dlopen`/`dlsym`/`dlclose`, the reference
//! helpers, `call_function`/`call_cdeclfunction`, and the C functions
//! whose addresses `ctypes` wraps in function pointers (`cast`,
//! `string_at`, `wstring_at`).
use super::cdata::{self, cd};
use super::{callproc, fields, pointer, simple, stginfo};
use crate::ffi::*;
use crate::modules::args::{arity, bind, builtin};
use crate::object::refcount::*;
use crate::object::typeobj::{self, type_name, PyType_Type};
use crate::object::{bytes, dict, int, none, number, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;

/// The text of `dlerror()`, or a generic message.
pub fn dl_error() -> String {
    // SAFETY: dlerror returns NULL or a NUL-terminated string.
    unsafe {
        let e = libc::dlerror();
        if e.is_null() {
            "dynamic linker error".to_owned()
        } else {
            std::ffi::CStr::from_ptr(e).to_string_lossy().into_owned()
        }
    }
}

builtin!(pub sizeof, |args, kws| {
    arity("sizeof", args, 1, 1)?;
    let o = args[0];
    if typeobj::instance_of(o, &raw mut PyType_Type) {
        if let Some(info) = stginfo::from_type(o) {
            return int::from_i64(info.size as i64);
        }
    } else if cdata::check(o) {
        return int::from_i64(cd(o).b_size as i64);
    }
    Err(errors::type_error("this type has no size"))
});

builtin!(pub alignment, |args, kws| {
    arity("alignment", args, 1, 1)?;
    let o = args[0];
    let info = if typeobj::instance_of(o, &raw mut PyType_Type) {
        stginfo::from_type(o)
    } else {
        stginfo::from_object(o)
    };
    match info {
        Some(i) => int::from_i64(i.align as i64),
        None => Err(errors::type_error("no alignment info")),
    }
});

builtin!(pub byref, |args, kws| {
    arity("byref", args, 1, 2)?;
    let o = args[0];
    if !cdata::check(o) {
        return Err(errors::type_error(format!(
            "byref() argument must be a ctypes instance, not '{}'",
            type_name(o)
        )));
    }
    let offset = match args.get(1) {
        Some(&v) => number::index_as_ssize(v, "offset")?,
        None => 0,
    };
    pointer::byref_impl(o, offset)
});

builtin!(pub addressof, |args, kws| {
    arity("addressof", args, 1, 1)?;
    let o = args[0];
    if !cdata::check(o) {
        return Err(errors::type_error("invalid type"));
    }
    crate::runtime::audit::audit(c"ctypes.addressof", &[o])?;
    int::from_u64(cd(o).b_ptr as usize as u64)
});

builtin!(pub resize, |args, kws| {
    arity("resize", args, 2, 2)?;
    let o = args[0];
    if !cdata::check(o) {
        return Err(errors::type_error("excepted ctypes instance"));
    }
    let size = number::index_as_ssize(args[1], "size")?;
    let info = cdata::info_of(o)?;
    if size < info.size {
        return Err(errors::value_error(format!("minimum size is {}", info.size)));
    }
    let c = cd(o);
    if c.b_needsfree == 0 {
        return Err(errors::value_error(
            "Memory cannot be resized because this object doesn't own it",
        ));
    }
    let inline = c.b_value.0.as_mut_ptr();
    if size as usize <= c.b_value.0.len() {
        c.b_size = size;
    } else if c.b_ptr == inline {
        let p = libc::calloc(size as usize, 1).cast::<u8>();
        if p.is_null() {
            return Err(errors::no_memory());
        }
        std::ptr::copy_nonoverlapping(inline, p, c.b_size as usize);
        c.b_ptr = p;
        c.b_size = size;
    } else {
        let p = libc::realloc(c.b_ptr.cast(), size as usize).cast::<u8>();
        if p.is_null() {
            return Err(errors::no_memory());
        }
        if size > c.b_size {
            std::ptr::write_bytes(p.offset(c.b_size), 0, (size - c.b_size) as usize);
        }
        c.b_ptr = p;
        c.b_size = size;
    }
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(pub get_errno, |args, kws| {
    arity("get_errno", args, 0, 0)?;
    crate::runtime::audit::audit(c"ctypes.get_errno", &[])?;
    int::from_i64(callproc::CTYPES_ERRNO.with(|c| c.get()) as i64)
});

builtin!(pub set_errno, |args, kws| {
    arity("set_errno", args, 1, 1)?;
    let v = number::index(args[0])?;
    let v = int::as_i64(v.as_ptr())? as libc::c_int;
    crate::runtime::audit::audit_with(c"ctypes.set_errno", || Ok(vec![int::from_i64(v as i64)?]))?;
    int::from_i64(callproc::CTYPES_ERRNO.with(|c| c.replace(v)) as i64)
});

builtin!(pub py_dlopen, |args, kws| {
    let [name, mode] = bind("dlopen", args, &kws, ["name", "mode"], 2, 0)?;
    let mode = match mode {
        Some(m) => int::as_i64(number::index(m)?.as_ptr())? as libc::c_int,
        None => libc::RTLD_LOCAL,
    } | libc::RTLD_NOW;
    let cname = match name {
        None => None,
        Some(n) if n == none::none() => None,
        Some(n) => Some(crate::modules::posix::path::path("dlopen", "name", n)?.c),
    };
    crate::runtime::audit::audit(c"ctypes.dlopen", &[name.unwrap_or(none::none())])?;
    let h = libc::dlopen(cname.as_ref().map_or(std::ptr::null(), |c| c.as_ptr()), mode);
    if h.is_null() {
        return Err(errors::set_string(
            crate::object::exceptions::PyExc_OSError,
            &dl_error(),
        ));
    }
    int::from_u64(h as usize as u64)
});

builtin!(pub py_dlclose, |args, kws| {
    arity("dlclose", args, 1, 1)?;
    let h = super::typemethods::address_arg(args[0])?;
    if libc::dlclose(h.cast()) != 0 {
        return Err(errors::set_string(
            crate::object::exceptions::PyExc_OSError,
            &dl_error(),
        ));
    }
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(pub py_dlsym, |args, kws| {
    arity("dlsym", args, 2, 2)?;
    let h = super::typemethods::address_arg(args[0])?;
    let name = std::ffi::CString::new(pystr::as_str(args[1])?)
        .map_err(|_| errors::value_error("embedded null character"))?;
    crate::runtime::audit::audit_with(c"ctypes.dlsym/handle", || {
        Ok(vec![int::from_u64(h as usize as u64)?, Owned::from_borrowed(args[1])])
    })?;
    libc::dlerror();
    let p = libc::dlsym(h.cast(), name.as_ptr());
    if p.is_null() {
        return Err(errors::set_string(
            crate::object::exceptions::PyExc_OSError,
            &dl_error(),
        ));
    }
    int::from_u64(p as usize as u64)
});

builtin!(pub obj_from_ptr, |args, kws| {
    arity("PyObj_FromPtr", args, 1, 1)?;
    let p = super::typemethods::address_arg(args[0])?.cast::<PyObject>();
    if p.is_null() {
        return Err(errors::value_error("PyObj_FromPtr(NULL)"));
    }
    crate::runtime::audit::audit(c"ctypes.PyObj_FromPtr", &[p])?;
    Ok(Owned::from_borrowed(p))
});

/// `call_function(address, arguments)` and `call_cdeclfunction`: calls
/// the C function at `address` with the tuple `arguments` (converted as
/// foreign function arguments without `argtypes`), returning its C int
/// result; raises the `ctypes.call_function` audit event first.
unsafe fn call_at(args: &[*mut PyObject], flags: i64) -> PyResult<Owned> {
    // `PyArg_ParseTuple` messages, which name no function.
    if args.len() != 2 {
        return Err(errors::type_error(format!(
            "function takes exactly 2 arguments ({} given)",
            args.len()
        )));
    }
    // SAFETY: the arguments are live objects.
    unsafe {
        let addr = super::typemethods::address_arg(args[0])?.cast::<c_void>();
        if !tuple::check(args[1]) {
            return Err(errors::type_error(format!(
                "argument 2 must be tuple, not {}",
                type_name(args[1])
            )));
        }
        crate::runtime::audit::audit_with(c"ctypes.call_function", || {
            Ok(vec![
                int::from_i64(addr as isize as i64)?,
                Owned::from_borrowed(args[1]),
            ])
        })?;
        let null = std::ptr::null_mut();
        callproc::call(addr, args[1], flags, null, null, null)
    }
}

builtin!(pub call_function, |args, kws| {
    crate::modules::args::no_kwargs("call_function", &kws)?;
    call_at(args, 0)
});

builtin!(pub call_cdeclfunction, |args, kws| {
    crate::modules::args::no_kwargs("call_cdeclfunction", &kws)?;
    call_at(args, callproc::FUNCFLAG_CDECL)
});

builtin!(pub py_incref, |args, kws| {
    arity("Py_INCREF", args, 1, 1)?;
    incref(args[0]);
    Ok(Owned::from_borrowed(args[0]))
});

builtin!(pub py_decref, |args, kws| {
    arity("Py_DECREF", args, 1, 1)?;
    let o = Owned::from_borrowed(args[0]);
    decref(args[0]);
    Ok(o)
});

builtin!(pub buffer_info, |args, kws| {
    arity("buffer_info", args, 1, 1)?;
    let o = args[0];
    let info = if typeobj::instance_of(o, &raw mut PyType_Type) {
        stginfo::from_type(o)
    } else {
        stginfo::from_object(o)
    }
    .ok_or_else(|| errors::type_error("not a ctypes type or object"))?;
    let fmt = pystr::from_str(stginfo::format_of(info))?;
    let dims: Vec<Owned> = info
        .shape()
        .iter()
        .map(|&d| int::from_i64(d as i64))
        .collect::<PyResult<_>>()?;
    let shape = tuple::from_vec(dims)?;
    let ndim = int::from_i64(info.ndim as i64)?;
    tuple::pack(&[fmt.as_ptr(), ndim.as_ptr(), shape.as_ptr()])
});

/// Whether `tp` may be the target type of `cast()`: a pointer, function
/// pointer, or pointer-like simple type.
unsafe fn cast_target_ok(tp: *mut PyObject) -> bool {
    // SAFETY: tp is live.
    unsafe {
        pointer::is_pointer_type(tp)
            || typeobj::instance_of(tp, &raw mut super::funcptr::FUNCPTR_TYPE_META)
            || simple::code_of(tp).is_some_and(|c| b"sPzUZXO".contains(&c))
    }
}

/// `cast(ptr, src, ctype)`, called through a function pointer with the
/// GIL held: an instance of `ctype` holding `ptr`, keeping `src` alive.
unsafe extern "C" fn cast(
    ptr: *mut c_void,
    src: *mut PyObject,
    ctype: *mut PyObject,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: src and ctype are live objects passed by ctypes.
        unsafe {
            if !cast_target_ok(ctype) {
                return Err(errors::type_error(format!(
                    "cast() argument 2 must be a pointer type, not {}",
                    if typeobj::instance_of(ctype, &raw mut PyType_Type) {
                        typeobj::name_of(ctype.cast())
                    } else {
                        type_name(ctype)
                    }
                )));
            }
            let result = crate::object::protocol::call_args(ctype, &[])?;
            if cdata::check(src) {
                // The result shares the source's kept objects (made a
                // dict) and keeps the source itself, under its address.
                let s = cd(src);
                cdata::get_container(s)?;
                if s.b_objects.is_null() || s.b_objects == none::none() {
                    xdecref(std::mem::replace(&mut s.b_objects, dict::new()?.into_raw()));
                }
                let r = cd(result.as_ptr());
                xdecref(std::mem::replace(&mut r.b_objects, xnew_ref(s.b_objects)));
                if !r.b_objects.is_null() && dict::check_exact(r.b_objects) {
                    let k = int::from_u64(src as usize as u64)?;
                    dict::set_item(r.b_objects, k.as_ptr(), src)?;
                }
            }
            std::ptr::write_unaligned(cd(result.as_ptr()).b_ptr.cast::<*mut c_void>(), ptr);
            Ok(result)
        }
    })
}

/// `string_at(ptr, size)`: `size` bytes at `ptr`, or up to its NUL when
/// `size` is -1.
unsafe extern "C" fn string_at(ptr: *const u8, size: libc::c_int) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the caller vouches for ptr.
        unsafe {
            crate::runtime::audit::audit_with(c"ctypes.string_at", || {
                Ok(vec![
                    int::from_i64(ptr as isize as i64)?,
                    int::from_i64(size as i64)?,
                ])
            })?;
            if size == -1 {
                return bytes::from_slice(std::ffi::CStr::from_ptr(ptr.cast()).to_bytes());
            }
            if size < 0 {
                return Err(errors::system_error(
                    "Negative size passed to PyBytes_FromStringAndSize",
                ));
            }
            bytes::from_slice(std::slice::from_raw_parts(ptr, size as usize))
        }
    })
}

/// `wstring_at(ptr, size)`: the wide string at `ptr`.
unsafe extern "C" fn wstring_at(ptr: *const u32, size: libc::c_int) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the caller vouches for ptr.
        unsafe {
            crate::runtime::audit::audit_with(c"ctypes.wstring_at", || {
                Ok(vec![
                    int::from_i64(ptr as isize as i64)?,
                    int::from_i64(size as i64)?,
                ])
            })?;
            if size == -1 {
                return fields::wide_to_str(ptr, None);
            }
            if size < 0 {
                return Err(errors::system_error(
                    "Negative size passed to PyUnicode_FromWideChar",
                ));
            }
            let v: Vec<u32> = (0..size as usize)
                .map(|i| std::ptr::read_unaligned(ptr.add(i)))
                .collect();
            pystr::from_ucs4(&v)
        }
    })
}

/// The addresses `ctypes` wraps: (`_memmove_addr`, `_memset_addr`,
/// `_string_at_addr`, `_cast_addr`, `_wstring_at_addr`).
pub fn addresses() -> [(&'static std::ffi::CStr, usize); 5] {
    [
        (c"_memmove_addr", libc::memmove as *const () as usize),
        (c"_memset_addr", libc::memset as *const () as usize),
        (c"_string_at_addr", string_at as *const () as usize),
        (c"_cast_addr", cast as *const () as usize),
        (c"_wstring_at_addr", wstring_at as *const () as usize),
    ]
}
