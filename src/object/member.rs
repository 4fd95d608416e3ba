//! Reading and writing `PyMemberDef` fields (`PyMember_GetOne`,
//! `PyMember_SetOne`) for every `Py_T_*` type.
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::{bool as pybool, float, int, none, str as pystr, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_char;

unsafe fn field(obj: *mut PyObject, m: *const PyMemberDef) -> *mut u8 {
    // SAFETY: the offset describes a field inside obj's layout.
    unsafe { obj.cast::<u8>().offset((*m).offset) }
}

/// `PyMember_GetOne`.
pub unsafe fn get(obj: *mut PyObject, m: *const PyMemberDef) -> PyResult<Owned> {
    // SAFETY: m describes a field of obj with the stated C type.
    unsafe {
        let p = field(obj, m);
        let name = typeobj::cstr_or((*m).name, "?");
        macro_rules! int_of {
            ($t:ty) => {
                int::from_i64(p.cast::<$t>().read_unaligned() as i64)
            };
        }
        match (*m).r#type {
            Py_T_SHORT => int_of!(i16),
            Py_T_INT => int_of!(i32),
            Py_T_LONG | Py_T_LONGLONG | Py_T_PYSSIZET => int_of!(i64),
            Py_T_BYTE => int_of!(i8),
            Py_T_UBYTE => int_of!(u8),
            Py_T_USHORT => int_of!(u16),
            Py_T_UINT => int_of!(u32),
            Py_T_ULONG | Py_T_ULONGLONG => {
                let v = p.cast::<u64>().read_unaligned();
                crate::object::int::from_u64(v)
            }
            Py_T_BOOL => Ok(Owned::from_borrowed_static(pybool::from_bool(*p != 0))),
            Py_T_FLOAT => float::from_f64(p.cast::<f32>().read_unaligned() as f64),
            Py_T_DOUBLE => float::from_f64(p.cast::<f64>().read_unaligned()),
            Py_T_STRING => {
                let s = *p.cast::<*const c_char>();
                if s.is_null() {
                    Ok(Owned::from_borrowed_static(none::none()))
                } else {
                    pystr::from_cstr(s)
                }
            }
            Py_T_STRING_INPLACE => pystr::from_cstr(p.cast()),
            Py_T_CHAR => pystr::from_code_points(std::iter::once(*p as u32), 1, *p as u32),
            _Py_T_OBJECT => {
                let o = *p.cast::<*mut PyObject>();
                Ok(Owned::from_borrowed(if o.is_null() {
                    none::none()
                } else {
                    o
                }))
            }
            Py_T_OBJECT_EX => {
                let o = *p.cast::<*mut PyObject>();
                if o.is_null() {
                    return Err(errors::attribute_error(format!(
                        "'{}' object has no attribute '{name}'",
                        typeobj::fully_qualified_name((*obj).ob_type, ".")?
                    )));
                }
                Ok(Owned::from_borrowed(o))
            }
            _Py_T_NONE => Ok(Owned::from_borrowed_static(none::none())),
            _ => Err(errors::system_error("bad memberdescr type")),
        }
    }
}

/// `PyMember_SetOne` (value NULL deletes, where allowed).
pub unsafe fn set(obj: *mut PyObject, m: *const PyMemberDef, value: *mut PyObject) -> PyResult<()> {
    // SAFETY: m describes a field of obj with the stated C type.
    unsafe {
        let p = field(obj, m);
        let name = typeobj::cstr_or((*m).name, "?");
        if (*m).flags & Py_READONLY != 0 {
            return Err(errors::attribute_error("readonly attribute"));
        }
        let tc = (*m).r#type;
        if value.is_null() {
            return match tc {
                Py_T_OBJECT_EX | _Py_T_OBJECT => {
                    let old = std::ptr::replace(p.cast::<*mut PyObject>(), std::ptr::null_mut());
                    if old.is_null() && tc == Py_T_OBJECT_EX {
                        return Err(errors::attribute_error(name));
                    }
                    xdecref(old);
                    Ok(())
                }
                _ => Err(errors::type_error("can't delete numeric/char attribute")),
            };
        }
        macro_rules! set_int {
            ($t:ty) => {{
                let i = crate::object::number::index(value)?;
                let v = int::as_i64(i.as_ptr())?;
                p.cast::<$t>().write_unaligned(v as $t);
                Ok(())
            }};
        }
        match tc {
            Py_T_BOOL => {
                if !typeobj::instance_of(value, &raw mut pybool::PyBool_Type) {
                    return Err(errors::type_error("attribute value type must be bool"));
                }
                *p = (value == pybool::py_true()) as u8;
                Ok(())
            }
            Py_T_SHORT => set_int!(i16),
            Py_T_INT => set_int!(i32),
            Py_T_LONG | Py_T_LONGLONG | Py_T_PYSSIZET => set_int!(i64),
            Py_T_BYTE => set_int!(i8),
            Py_T_UBYTE => set_int!(u8),
            Py_T_USHORT => set_int!(u16),
            Py_T_UINT => set_int!(u32),
            Py_T_ULONG | Py_T_ULONGLONG => set_int!(u64),
            Py_T_FLOAT | Py_T_DOUBLE => {
                let v = if float::check(value) {
                    float::value(value)
                } else if int::check(value) {
                    int::as_i64(value)? as f64
                } else {
                    return Err(errors::type_error("attribute value type must be float"));
                };
                if tc == Py_T_FLOAT {
                    p.cast::<f32>().write_unaligned(v as f32);
                } else {
                    p.cast::<f64>().write_unaligned(v);
                }
                Ok(())
            }
            _Py_T_OBJECT | Py_T_OBJECT_EX => {
                let old = std::ptr::replace(p.cast::<*mut PyObject>(), new_ref(value));
                xdecref(old);
                Ok(())
            }
            Py_T_CHAR => {
                if !pystr::check(value)
                    || pystr::len(value) != 1
                    || pystr::read_char(value, 0) > 0x7f
                {
                    return Err(errors::type_error(
                        "attribute value type must be a string of length 1",
                    ));
                }
                *p = pystr::read_char(value, 0) as u8;
                Ok(())
            }
            Py_T_STRING | Py_T_STRING_INPLACE => Err(errors::type_error("readonly attribute")),
            _ => Err(errors::system_error(format!(
                "bad memberdescr type for {name}"
            ))),
        }
    }
}
