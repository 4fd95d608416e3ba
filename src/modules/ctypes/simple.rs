//! `PyCSimpleType`, the metatype of the simple types (`c_int`, `c_char_p`
//! ...), and `_SimpleCData`, their base (`Modules/_ctypes/_ctypes.c`):
//! `_type_` selects the C type; instances hold one value read and
//! written through `.value`.
use super::cdata::{self, cd};
use super::stginfo::{self, CTYPE_TYPE};
use super::{carg, fields, typemethods};
use crate::ffi::*;
use crate::modules::args::{arity, builtin};
use crate::object::refcount::*;
use crate::object::typeobj::{self, name_of, type_name, type_template};
use crate::object::{dict, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::cell::Cell;
use std::ptr::null_mut;

/// `_ctypes.PyCSimpleType`.
pub static mut SIMPLE_TYPE_META: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE
        | Py_TPFLAGS_TYPE_SUBCLASS
        | Py_TPFLAGS_HAVE_GC
        | Py_TPFLAGS_IMMUTABLETYPE,
    tp_base: &raw mut CTYPE_TYPE,
    tp_init: Some(simple_type_init),
    tp_methods: (&raw const SIMPLE_TYPE_METHODS).cast_mut().cast(),
    tp_doc: c"metatype for the PyCSimpleType Objects".as_ptr(),
    ..type_template(c"_ctypes.PyCSimpleType", 0, 0)
};

typemethods::ctype_methods!(SIMPLE_TYPE_METHODS, 6, simple_from_param_meth);

/// The `_SimpleCData` type, made at module creation.
pub static mut SIMPLE_BASE: *mut PyTypeObject = null_mut();

thread_local! {
    /// Set while the byte-swapped twin of a simple type is being made, so
    /// that its initialization installs the swapped converters.
    static MAKING_SWAPPED: Cell<bool> = const { Cell::new(false) };
}

/// Whether `tp` derives directly from `_SimpleCData` (its instances
/// convert to Python values; `!_ctypes_simple_instance`).
pub unsafe fn is_direct_simple(tp: *mut PyObject) -> bool {
    // SAFETY: tp is a type.
    unsafe { (*tp.cast::<PyTypeObject>()).tp_base == SIMPLE_BASE }
}

/// `PyCSimpleTypeObject_Check`.
pub unsafe fn is_simple_type(tp: *mut PyObject) -> bool {
    // SAFETY: tp is live.
    unsafe { typeobj::instance_of(tp, &raw mut SIMPLE_TYPE_META) }
}

/// The `_type_` code of a simple type, if it is one.
pub unsafe fn code_of(tp: *mut PyObject) -> Option<u8> {
    // SAFETY: tp is live.
    unsafe {
        if !is_simple_type(tp) {
            return None;
        }
        let info = stginfo::from_type(tp)?;
        if info.proto.is_null() || !pystr::check(info.proto) {
            return None;
        }
        pystr::as_str(info.proto).ok()?.bytes().next()
    }
}

/// `PyCSimpleType.__init__`: reads `_type_` and fills the StgInfo.
unsafe extern "C" fn simple_type_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a new class made by this metatype.
        unsafe {
            stginfo::init_class(op, args, kwds)?;
            stginfo::fresh(op)?;
            init_simple(op)
        }
    })
}

unsafe fn init_simple(op: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a class made by PyCSimpleType.
    unsafe {
        let Some(proto) = protocol::getattr_opt(op, crate::interned!("_type_"))? else {
            return Err(errors::attribute_error(
                "class must define a '_type_' attribute",
            ));
        };
        if !pystr::check(proto.as_ptr()) {
            return Err(errors::type_error(
                "class must define a '_type_' string attribute",
            ));
        }
        let s = pystr::as_str(proto.as_ptr())?;
        if s.chars().count() != 1 {
            return Err(errors::value_error(
                "class must define a '_type_' attribute which must be a string of length 1",
            ));
        }
        if !fields::SIMPLE_TYPE_CHARS.contains(s) {
            return Err(errors::attribute_error(format!(
                "class must define a '_type_' attribute which must be\na single character string containing one of '{}'.",
                fields::SIMPLE_TYPE_CHARS
            )));
        }
        let code = s.as_bytes()[0];
        let Some(fd) = fields::get(code) else {
            return Err(errors::value_error(format!("_type_ '{s}' not supported")));
        };
        let swapped = MAKING_SWAPPED.with(|m| m.replace(false));
        let info = &mut *stginfo::info_ptr(op);
        info.ffi_type_pointer = *(fd.ffi)();
        info.align = fd.align as Py_ssize_t;
        info.size = fd.size as Py_ssize_t;
        info.length = 0;
        info.setfunc = Some(fd.setfunc);
        info.getfunc = Some(fd.getfunc);
        if swapped {
            if let Some((set, get)) = fd.swapped {
                info.setfunc = Some(set);
                info.getfunc = Some(get);
            }
        }
        let order = if swapped { '>' } else { '<' };
        info.set_format(&format!("{order}{}", fields::pep3118_code(code) as char))?;
        info.paramfunc = Some(simple_paramfunc);
        info.proto = proto.into_raw();
        if b"zZP".contains(&code) {
            info.flags |= stginfo::TYPEFLAG_ISPOINTER;
        }
        info.initialized = 1;
        if !swapped && is_direct_simple(op) {
            let meth: Option<&'static PyMethodDef> = match code {
                b'z' => Some(&CHAR_P_FROM_PARAM),
                b'Z' => Some(&WCHAR_P_FROM_PARAM),
                b'P' => Some(&VOID_P_FROM_PARAM),
                _ => None,
            };
            if let Some(ml) = meth {
                let d = crate::capi::structures::PyDescr_NewClassMethod(
                    op.cast(),
                    (ml as *const PyMethodDef).cast_mut(),
                );
                let d = errors::check(d)?;
                protocol::setattr(op, crate::interned!("from_param"), d.as_ptr())?;
            }
        }
        if !swapped {
            if b"bBc".contains(&code) {
                protocol::setattr(op, crate::interned!("__ctype_le__"), op)?;
                protocol::setattr(op, crate::interned!("__ctype_be__"), op)?;
            } else if fd.swapped.is_some() {
                let other = make_swapped(op)?;
                protocol::setattr(op, crate::interned!("__ctype_le__"), op)?;
                protocol::setattr(op, crate::interned!("__ctype_be__"), other.as_ptr())?;
                protocol::setattr(other.as_ptr(), crate::interned!("__ctype_le__"), op)?;
                protocol::setattr(
                    other.as_ptr(),
                    crate::interned!("__ctype_be__"),
                    other.as_ptr(),
                )?;
            }
        }
        Ok(())
    }
}

/// `create_other_endian_type`: the big-endian twin `<name>_be` of a
/// simple type, with a copy of its namespace.
unsafe fn make_swapped(tp: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: tp is a ready simple type.
    unsafe {
        let t: *mut PyTypeObject = tp.cast();
        let ns = dict::new()?;
        let mut pos = 0;
        while let Some((k, v)) = dict::next((*t).tp_dict, &mut pos) {
            if pystr::check(k) && matches!(pystr::as_str(k)?, "__dict__" | "__weakref__") {
                continue;
            }
            dict::set_item(ns.as_ptr(), k, v)?;
        }
        let ht: *mut PyHeapTypeObject = t.cast();
        dict::set_item(
            ns.as_ptr(),
            crate::interned!("__qualname__"),
            (*ht).ht_qualname,
        )?;
        let name = pystr::from_str(&format!("{}_be", name_of(t)))?;
        let bases = tuple::pack(&[(*t).tp_base.cast()])?;
        MAKING_SWAPPED.with(|m| m.set(true));
        let r = protocol::call_args(
            (*tp).ob_type.cast(),
            &[name.as_ptr(), bases.as_ptr(), ns.as_ptr()],
        );
        MAKING_SWAPPED.with(|m| m.set(false));
        r
    }
}

/// `PyCSimpleType_paramfunc`: the instance's value as a call argument.
unsafe fn simple_paramfunc(obj: *mut cdata::CDataObject) -> PyResult<Owned> {
    // SAFETY: obj is a simple instance.
    unsafe {
        let op: *mut PyObject = obj.cast();
        let info = cdata::info_of(op)?;
        let code = pystr::as_str(info.proto)?.as_bytes()[0];
        let a = carg::new(code, &raw mut info.ffi_type_pointer)?;
        let p = carg::arg(a.as_ptr());
        p.obj = new_ref(op);
        let n = (info.size as usize).min(16);
        std::ptr::copy_nonoverlapping((*obj).b_ptr, p.value.0.as_mut_ptr(), n);
        Ok(a)
    }
}

/// `PyCSimpleType_from_param`.
pub unsafe fn simple_from_param(tp: *mut PyObject, value: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: tp is a simple type; value is live.
    unsafe {
        if typeobj::instance_of(value, tp.cast()) {
            return Ok(Owned::from_borrowed(value));
        }
        let info = stginfo::require(tp)?;
        let code = pystr::as_str(info.proto)?.as_bytes()[0];
        let fd = fields::get(code).ok_or_else(|| errors::type_error("wrong type"))?;
        let a = carg::new(code, (fd.ffi)())?;
        let p = carg::arg(a.as_ptr());
        match (fd.setfunc)(p.value.0.as_mut_ptr(), value, 0) {
            Ok(keep) => {
                p.obj = keep.into_raw();
                Ok(a)
            }
            Err(e) => {
                let saved = errors::take();
                if let Some(ap) = protocol::getattr_opt(value, crate::interned!("_as_parameter_"))?
                {
                    protocol::enter_recursive_call(" while processing _as_parameter_")?;
                    let r = simple_from_param(tp, ap.as_ptr());
                    protocol::leave_recursive_call();
                    return r;
                }
                match saved {
                    Some(s) => Err(errors::restore(s)),
                    None => Err(e),
                }
            }
        }
    }
}

builtin!(simple_from_param_meth, |slf, args, kws| {
    arity("from_param", args, 1, 1)?;
    simple_from_param(slf, args[0])
});

/// Whether `value` is an array or pointer instance whose items are of the
/// simple code `code`.
unsafe fn items_of_code(value: *mut PyObject, code: u8) -> bool {
    // SAFETY: value is live.
    unsafe {
        if !super::array::is_array(value) && !super::pointer::is_pointer(value) {
            return false;
        }
        match stginfo::from_object(value) {
            Some(info) if !info.proto.is_null() => {
                stginfo::from_type(info.proto).is_some_and(|i| fields::is_getfunc(i.getfunc, code))
            }
            _ => false,
        }
    }
}

/// A `'z'`/`'Z'` argument over the string `value`.
unsafe fn string_arg(code: u8, value: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: value is a bytes or str object.
    unsafe {
        let fd = fields::get(code).expect("string code");
        let a = carg::new(code, (fd.ffi)())?;
        let p = carg::arg(a.as_ptr());
        p.obj = (fd.setfunc)(p.value.0.as_mut_ptr(), value, 0)?.into_raw();
        Ok(a)
    }
}

/// Tries `_as_parameter_` for a string/pointer `from_param`.
unsafe fn as_parameter(
    tp: *mut PyObject,
    value: *mut PyObject,
    f: unsafe fn(*mut PyObject, *mut PyObject) -> PyResult<Owned>,
    what: &str,
) -> PyResult<Owned> {
    // SAFETY: value is live.
    unsafe {
        if let Some(ap) = protocol::getattr_opt(value, crate::interned!("_as_parameter_"))? {
            protocol::enter_recursive_call(" while processing _as_parameter_")?;
            let r = f(tp, ap.as_ptr());
            protocol::leave_recursive_call();
            return r;
        }
        Err(errors::type_error(format!(
            "'{}' object cannot be interpreted as ctypes.{what}",
            type_name(value)
        )))
    }
}

unsafe fn char_p_from_param(tp: *mut PyObject, value: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: tp is c_char_p or a subclass; value is live.
    unsafe {
        if value == none::none() {
            return Ok(Owned::from_borrowed_static(value));
        }
        if crate::object::bytes::check(value) {
            return string_arg(b'z', value);
        }
        if typeobj::instance_of(value, tp.cast()) || items_of_code(value, b'c') {
            return Ok(Owned::from_borrowed(value));
        }
        if carg::check(value) && carg::arg(value).tag == b'z' {
            return Ok(Owned::from_borrowed(value));
        }
        as_parameter(tp, value, char_p_from_param, "c_char_p")
    }
}

unsafe fn wchar_p_from_param(tp: *mut PyObject, value: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: tp is c_wchar_p or a subclass; value is live.
    unsafe {
        if value == none::none() {
            return Ok(Owned::from_borrowed_static(value));
        }
        if pystr::check(value) {
            return string_arg(b'Z', value);
        }
        if typeobj::instance_of(value, tp.cast()) || items_of_code(value, b'u') {
            return Ok(Owned::from_borrowed(value));
        }
        if carg::check(value) && carg::arg(value).tag == b'Z' {
            return Ok(Owned::from_borrowed(value));
        }
        as_parameter(tp, value, wchar_p_from_param, "c_wchar_p")
    }
}

unsafe fn void_p_from_param(tp: *mut PyObject, value: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: tp is c_void_p or a subclass; value is live.
    unsafe {
        if value == none::none() {
            return Ok(Owned::from_borrowed_static(value));
        }
        if crate::object::int::check(value) {
            let fd = fields::get(b'P').expect("P");
            let a = carg::new(b'P', (fd.ffi)())?;
            (fd.setfunc)(carg::arg(a.as_ptr()).value.0.as_mut_ptr(), value, 0)?;
            return Ok(a);
        }
        if crate::object::bytes::check(value) {
            return string_arg(b'z', value);
        }
        if pystr::check(value) {
            return string_arg(b'Z', value);
        }
        if typeobj::instance_of(value, tp.cast())
            || super::array::is_array(value)
            || super::pointer::is_pointer(value)
        {
            return Ok(Owned::from_borrowed(value));
        }
        if carg::check(value) && carg::arg(value).tag == b'P' {
            return Ok(Owned::from_borrowed(value));
        }
        if super::funcptr::is_funcptr(value) {
            let p = std::ptr::read_unaligned(cd(value).b_ptr.cast::<*mut u8>());
            return carg::pointer(p, value);
        }
        if cdata::check(value) {
            if let Some(code @ (b'z' | b'Z')) = code_of((*value).ob_type.cast()) {
                let p = std::ptr::read_unaligned(cd(value).b_ptr.cast::<*mut u8>());
                let a = carg::pointer(p, value)?;
                carg::arg(a.as_ptr()).tag = code;
                return Ok(a);
            }
        }
        as_parameter(tp, value, void_p_from_param, "c_void_p")
    }
}

macro_rules! class_from_param {
    ($name:ident, $f:ident) => {
        unsafe extern "C" fn $name(
            tp: *mut PyObject,
            args: *const *mut PyObject,
            nargs: Py_ssize_t,
            kwnames: *mut PyObject,
        ) -> *mut PyObject {
            crate::capi::boundary::guard_obj(|| {
                // SAFETY: fastcall arguments; tp is the class.
                unsafe {
                    let (args, _kws) = crate::modules::args::split(args, nargs, kwnames);
                    arity("from_param", args, 1, 1)?;
                    $f(tp, args[0])
                }
            })
        }
    };
}
class_from_param!(char_p_from_param_meth, char_p_from_param);
class_from_param!(wchar_p_from_param_meth, wchar_p_from_param);
class_from_param!(void_p_from_param_meth, void_p_from_param);

static CHAR_P_FROM_PARAM: PyMethodDef = crate::object::descr::method(
    c"from_param",
    char_p_from_param_meth as *const c_void,
    METH_FASTCALL | METH_KEYWORDS | METH_CLASS,
);
static WCHAR_P_FROM_PARAM: PyMethodDef = crate::object::descr::method(
    c"from_param",
    wchar_p_from_param_meth as *const c_void,
    METH_FASTCALL | METH_KEYWORDS | METH_CLASS,
);
static VOID_P_FROM_PARAM: PyMethodDef = crate::object::descr::method(
    c"from_param",
    void_p_from_param_meth as *const c_void,
    METH_FASTCALL | METH_KEYWORDS | METH_CLASS,
);

/// `_SimpleCData.__new__` (`GenericPyCData_new`).
unsafe extern "C" fn simple_new(
    tp: *mut PyTypeObject,
    _args: *mut PyObject,
    _kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: tp is a simple type.
    crate::capi::boundary::guard_obj(|| unsafe { cdata::new_instance(tp.cast()) })
}

/// `_SimpleCData.__init__(value=<default>)`.
unsafe extern "C" fn simple_init(
    op: *mut PyObject,
    args: *mut PyObject,
    _kwds: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a simple instance; args a tuple.
        unsafe {
            let a = tuple::items(args);
            arity("__init__", a, 0, 1)?;
            if let Some(&v) = a.first() {
                set_value_impl(op, v)?;
            }
            Ok(())
        }
    })
}

unsafe fn set_value_impl(op: *mut PyObject, value: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a simple instance.
    unsafe {
        let info = cdata::info_of(op)?;
        let set = info
            .setfunc
            .ok_or_else(|| errors::type_error("abstract class"))?;
        let keep = set(cd(op).b_ptr, value, info.size)?;
        cdata::keep_ref(op, 0, keep)
    }
}

unsafe extern "C" fn get_value(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a simple instance.
        unsafe {
            let info = cdata::info_of(op)?;
            let get = info
                .getfunc
                .ok_or_else(|| errors::type_error("abstract class"))?;
            get(cd(op).b_ptr, info.size)
        }
    })
}

unsafe extern "C" fn set_value(op: *mut PyObject, value: *mut PyObject, _c: *mut c_void) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a simple instance.
        unsafe {
            if value.is_null() {
                return Err(errors::type_error("can't delete attribute"));
            }
            set_value_impl(op, value)
        }
    })
}

/// `Simple_repr`: `c_int(5)`, or the generic form for subclasses of a
/// simple type.
unsafe extern "C" fn simple_repr(op: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a simple instance.
        unsafe {
            let tp = (*op).ob_type;
            if !is_direct_simple(tp.cast()) {
                return pystr::from_str(&format!("<{} object at {op:p}>", name_of(tp)));
            }
            let v = errors::check(get_value(op, null_mut()))?;
            let r = protocol::repr(v.as_ptr())?;
            pystr::from_str(&format!("{}({})", name_of(tp), pystr::as_str(r.as_ptr())?))
        }
    })
}

unsafe extern "C" fn simple_bool(op: *mut PyObject) -> c_int {
    // SAFETY: op is a simple instance.
    unsafe {
        let c = cd(op);
        std::slice::from_raw_parts(c.b_ptr, c.b_size as usize)
            .iter()
            .any(|&b| b != 0) as c_int
    }
}

/// `__ctypes_from_outparam__`: the value for a direct simple type, else
/// the instance.
unsafe extern "C" fn from_outparam(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a simple instance.
    unsafe {
        if is_direct_simple((*op).ob_type.cast()) {
            return get_value(op, null_mut());
        }
        new_ref(op)
    }
}

static SIMPLE_METHODS: [PyMethodDef; 2] = [
    crate::object::descr::method(
        c"__ctypes_from_outparam__",
        from_outparam as *const c_void,
        METH_NOARGS,
    ),
    crate::object::descr::METHOD_END,
];

static SIMPLE_GETSET: [PyGetSetDef; 2] = [
    crate::object::descr::getset(c"value", Some(get_value), Some(set_value)),
    crate::object::descr::GETSET_END,
];

/// Makes `_SimpleCData`.
pub unsafe fn make_base() -> PyResult<Owned> {
    // SAFETY: the metatype is ready.
    unsafe {
        let t = super::basetype::make(
            &raw mut SIMPLE_TYPE_META,
            "_ctypes._SimpleCData",
            c"XXX to be provided",
            std::mem::size_of::<cdata::CDataObject>(),
            |tp| {
                (*tp).tp_new = Some(simple_new);
                (*tp).tp_init = Some(simple_init);
                (*tp).tp_repr = Some(simple_repr);
                (*(*tp).tp_as_number).nb_bool = Some(simple_bool);
                (*tp).tp_methods = (&raw const SIMPLE_METHODS).cast_mut().cast();
                (*tp).tp_getset = (&raw const SIMPLE_GETSET).cast_mut().cast();
            },
        )?;
        SIMPLE_BASE = t.as_ptr().cast();
        Ok(t)
    }
}

/// Readies the metatype.
pub unsafe fn ready() -> PyResult<()> {
    // SAFETY: a static type.
    unsafe { typeobj::ready(&raw mut SIMPLE_TYPE_META) }
}
