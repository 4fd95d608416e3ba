//! `PyCFuncPtrType`, the metatype of function pointer types
//! (`CFUNCTYPE(...)`), and `CFuncPtr`, their base
//! (`Modules/_ctypes/_ctypes.c`): a function pointer is made from an
//! address, from `(name, library)`, or from a Python callable (a
//! callback); calling it goes through `callproc`.
use super::cdata::{self, cd, CDataObject};
use super::stginfo::{self, CTYPE_TYPE};
use super::{callproc, carg, thunk, typemethods};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::{self, name_of, type_template};
use crate::object::{dict, int, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// `PyCFuncPtrObject`.
#[repr(C)]
pub struct FuncPtrObject {
    pub base: CDataObject,
    pub thunk: *mut PyObject,
    pub callable: *mut PyObject,
    pub converters: *mut PyObject,
    pub argtypes: *mut PyObject,
    pub restype: *mut PyObject,
    pub checker: *mut PyObject,
    pub errcheck: *mut PyObject,
    pub paramflags: *mut PyObject,
}

/// `_ctypes.PyCFuncPtrType`.
pub static mut FUNCPTR_TYPE_META: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE
        | Py_TPFLAGS_TYPE_SUBCLASS
        | Py_TPFLAGS_HAVE_GC
        | Py_TPFLAGS_IMMUTABLETYPE,
    tp_base: &raw mut CTYPE_TYPE,
    tp_init: Some(funcptr_type_init),
    tp_methods: (&raw const FUNCPTR_TYPE_METHODS).cast_mut().cast(),
    tp_doc: c"metatype for C function pointers".as_ptr(),
    ..type_template(c"_ctypes.PyCFuncPtrType", 0, 0)
};

typemethods::ctype_methods!(
    FUNCPTR_TYPE_METHODS,
    6,
    typemethods::generic_from_param_meth
);

/// The `CFuncPtr` type, made at module creation.
pub static mut FUNCPTR_BASE: *mut PyTypeObject = null_mut();

/// Whether `op` is a function pointer instance.
pub unsafe fn is_funcptr(op: *mut PyObject) -> bool {
    // SAFETY: op is live.
    unsafe { typeobj::instance_of((*op).ob_type.cast(), &raw mut FUNCPTR_TYPE_META) }
}

unsafe fn fp<'a>(op: *mut PyObject) -> &'a mut FuncPtrObject {
    // SAFETY: op is a function pointer instance.
    unsafe { &mut *op.cast() }
}

/// `converters_from_argtypes`: the `from_param` of each argument type.
unsafe fn converters_from_argtypes(ob: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: ob is live.
    unsafe {
        let Ok(seq) = tuple::from_iterable(ob) else {
            errors::clear();
            return Err(errors::type_error("_argtypes_ must be a sequence of types"));
        };
        let items = tuple::items(seq.as_ptr());
        if items.len() > 1024 {
            return Err(errors::type_error(format!(
                "_argtypes_ has too many arguments ({}), maximum is 1024",
                items.len()
            )));
        }
        let mut out = Vec::with_capacity(items.len());
        for (i, &t) in items.iter().enumerate() {
            match protocol::getattr_opt(t, crate::interned!("from_param"))? {
                Some(f) => out.push(f),
                None => {
                    return Err(errors::type_error(format!(
                        "item {} in _argtypes_ has no from_param method",
                        i + 1
                    )))
                }
            }
        }
        tuple::from_vec(out)
    }
}

/// Checks a restype and finds its `_check_retval_`.
unsafe fn check_restype(ob: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: ob is live.
    unsafe {
        if ob == none::none() {
            return Ok(None);
        }
        if stginfo::from_type(ob).is_none() && super::is_callable(ob) {
            return Ok(None);
        }
        if stginfo::from_type(ob).is_none() {
            return Err(errors::type_error(
                "restype must be a type, a callable, or None",
            ));
        }
        protocol::getattr_opt(ob, crate::interned!("_check_retval_"))
    }
}

/// `PyCFuncPtrType.__init__`: `_flags_`, `_argtypes_`, `_restype_`.
unsafe extern "C" fn funcptr_type_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a new class made by this metatype.
        unsafe {
            stginfo::init_class(op, args, kwds)?;
            let info = stginfo::fresh(op)?;
            info.set_pointer_layout(funcptr_paramfunc);
            info.set_format("X{}")?;
            let d = (*op.cast::<PyTypeObject>()).tp_dict;
            let flags = dict::get_item_known_hash_str(d, crate::interned!("_flags_"));
            if !flags.is_null() {
                if !int::check(flags) {
                    return Err(errors::type_error(
                        "class must define _flags_ which must be an integer",
                    ));
                }
                info.flags = (info.flags & !0xff) | (int::as_i64(flags)? as c_int & 0xff);
            }
            let argtypes = dict::get_item_known_hash_str(d, crate::interned!("_argtypes_"));
            if !argtypes.is_null() {
                let conv = converters_from_argtypes(argtypes)?;
                let at = tuple::from_iterable(argtypes)?;
                info.argtypes = at.into_raw();
                info.converters = conv.into_raw();
            }
            let restype = dict::get_item_known_hash_str(d, crate::interned!("_restype_"));
            if !restype.is_null() {
                let checker = check_restype(restype)?;
                info.restype = new_ref(restype);
                info.checker = checker.map_or(null_mut(), Owned::into_raw);
            }
            info.initialized = 1;
            Ok(())
        }
    })
}

/// `PyCFuncPtrType_paramfunc`: the function address.
unsafe fn funcptr_paramfunc(obj: *mut CDataObject) -> PyResult<Owned> {
    // SAFETY: obj is a function pointer instance.
    unsafe {
        let p = std::ptr::read_unaligned((*obj).b_ptr.cast::<*mut u8>());
        carg::pointer(p, obj.cast())
    }
}

/// The symbol `name` of the library object `dll`.
unsafe fn symbol(dll: *mut PyObject, name: *mut PyObject) -> PyResult<*mut c_void> {
    // SAFETY: dll, name live.
    unsafe {
        let handle = typemethods::dll_handle(dll)?;
        if int::check(name) {
            return Err(errors::type_error(
                "function ordinal must be a string on this platform",
            ));
        }
        if !pystr::check(name) {
            return Err(errors::type_error(
                "function name must be string, bytes object or integer",
            ));
        }
        let cname = std::ffi::CString::new(pystr::as_str(name)?)
            .map_err(|_| errors::value_error("embedded null character"))?;
        crate::runtime::audit::audit(c"ctypes.dlsym", &[dll, name])?;
        libc::dlerror();
        let p = libc::dlsym(handle, cname.as_ptr());
        if p.is_null() {
            return Err(errors::attribute_error(super::functions::dl_error()));
        }
        Ok(p)
    }
}

/// `PyCFuncPtr.__new__`.
unsafe extern "C" fn funcptr_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    _k: *mut PyObject,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: tp is a function pointer type; args a tuple.
        unsafe {
            let items = tuple::items(args);
            let obj = cdata::new_instance(tp.cast())?;
            let op = obj.as_ptr();
            match items {
                [] => Ok(obj),
                [t] if tuple::check(*t) && tuple::size(*t) >= 2 => {
                    let parts = tuple::items(*t);
                    let addr = symbol(parts[1], parts[0])?;
                    std::ptr::write_unaligned(cd(op).b_ptr.cast::<*mut c_void>(), addr);
                    if let Some(&pf) = parts.get(2) {
                        if pf != none::none() {
                            fp(op).paramflags = new_ref(pf);
                        }
                    }
                    cdata::keep_ref(op, 0, Owned::from_borrowed(parts[1]))?;
                    Ok(obj)
                }
                [a] if int::check(*a) => {
                    let addr = typemethods::address_arg(*a)?;
                    std::ptr::write_unaligned(cd(op).b_ptr.cast::<*mut u8>(), addr);
                    Ok(obj)
                }
                [c] if super::is_callable(*c) => {
                    let info = stginfo::require(tp.cast())?;
                    if info.argtypes.is_null() && !info.converters.is_null() {
                        return Err(errors::type_error(
                            "cannot construct instance of this class: no argtypes",
                        ));
                    }
                    let th =
                        thunk::alloc_callback(*c, info.argtypes, info.restype, info.flags as i64)?;
                    std::ptr::write_unaligned(
                        cd(op).b_ptr.cast::<*mut c_void>(),
                        thunk::code_of(th.as_ptr()),
                    );
                    let f = fp(op);
                    f.callable = new_ref(*c);
                    f.thunk = new_ref(th.as_ptr());
                    cdata::keep_ref(op, 0, th)?;
                    Ok(obj)
                }
                _ => Err(errors::type_error(
                    "argument must be callable or integer function address",
                )),
            }
        }
    })
}

/// `PyCFuncPtr.__call__`.
unsafe extern "C" fn funcptr_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a function pointer instance; args a tuple.
        unsafe {
            let info = cdata::info_of(op)?;
            let f = fp(op);
            let pick =
                |own: *mut PyObject, cls: *mut PyObject| if own.is_null() { cls } else { own };
            let restype = pick(f.restype, info.restype);
            let converters = pick(f.converters, info.converters);
            let checker = pick(f.checker, info.checker);
            let flags = info.flags as i64;
            if !kwds.is_null() && dict::len(kwds) != 0 {
                return Err(errors::type_error("call takes no keyword arguments"));
            }
            let addr = std::ptr::read_unaligned(f.base.b_ptr.cast::<*mut c_void>());
            if addr.is_null() {
                return Err(errors::value_error(
                    "attempt to call a NULL function pointer",
                ));
            }
            if !converters.is_null() {
                let required = tuple::size(converters);
                let actual = tuple::size(args);
                if required > actual {
                    return Err(errors::type_error(format!(
                        "this function takes at least {required} argument{} ({actual} given)",
                        if required == 1 { "" } else { "s" }
                    )));
                }
            }
            let result = callproc::call(addr, args, flags, converters, restype, checker)?;
            if !f.errcheck.is_null() {
                return protocol::call_args(f.errcheck, &[result.as_ptr(), op, args]);
            }
            Ok(result)
        }
    })
}

unsafe extern "C" fn get_restype(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a function pointer instance.
        unsafe {
            let f = fp(op);
            if !f.restype.is_null() {
                return Ok(Owned::from_borrowed(f.restype));
            }
            let info = cdata::info_of(op)?;
            Ok(Owned::from_borrowed(if info.restype.is_null() {
                none::none()
            } else {
                info.restype
            }))
        }
    })
}

unsafe extern "C" fn set_restype(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a function pointer instance.
        unsafe {
            let f = fp(op);
            if v.is_null() {
                xdecref(std::mem::replace(&mut f.restype, null_mut()));
                xdecref(std::mem::replace(&mut f.checker, null_mut()));
                return Ok(());
            }
            let checker = check_restype(v)?;
            xdecref(std::mem::replace(&mut f.restype, new_ref(v)));
            xdecref(std::mem::replace(
                &mut f.checker,
                checker.map_or(null_mut(), Owned::into_raw),
            ));
            Ok(())
        }
    })
}

unsafe extern "C" fn get_argtypes(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a function pointer instance.
        unsafe {
            let f = fp(op);
            if !f.argtypes.is_null() {
                return Ok(Owned::from_borrowed(f.argtypes));
            }
            let info = cdata::info_of(op)?;
            Ok(Owned::from_borrowed(if info.argtypes.is_null() {
                none::none()
            } else {
                info.argtypes
            }))
        }
    })
}

unsafe extern "C" fn set_argtypes(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a function pointer instance.
        unsafe {
            let f = fp(op);
            if v.is_null() || v == none::none() {
                xdecref(std::mem::replace(&mut f.converters, null_mut()));
                xdecref(std::mem::replace(&mut f.argtypes, null_mut()));
                return Ok(());
            }
            let conv = converters_from_argtypes(v)?;
            xdecref(std::mem::replace(&mut f.converters, conv.into_raw()));
            xdecref(std::mem::replace(&mut f.argtypes, new_ref(v)));
            Ok(())
        }
    })
}

unsafe extern "C" fn get_errcheck(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a function pointer instance.
    unsafe {
        let e = fp(op).errcheck;
        new_ref(if e.is_null() { none::none() } else { e })
    }
}

unsafe extern "C" fn set_errcheck(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a function pointer instance.
        unsafe {
            let f = fp(op);
            if !v.is_null() && v != none::none() && !super::is_callable(v) {
                return Err(errors::type_error(
                    "the errcheck attribute must be callable",
                ));
            }
            let new = if v.is_null() || v == none::none() {
                null_mut()
            } else {
                new_ref(v)
            };
            xdecref(std::mem::replace(&mut f.errcheck, new));
            Ok(())
        }
    })
}

unsafe extern "C" fn funcptr_repr(op: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a function pointer instance.
        unsafe { pystr::from_str(&format!("<{} object at {op:p}>", name_of((*op).ob_type))) }
    })
}

unsafe extern "C" fn funcptr_bool(op: *mut PyObject) -> c_int {
    // SAFETY: op is a function pointer instance.
    unsafe { (!std::ptr::read_unaligned(cd(op).b_ptr.cast::<*mut c_void>()).is_null()) as c_int }
}

/// The object fields of a function pointer.
unsafe fn refs<'a>(op: *mut PyObject) -> [&'a mut *mut PyObject; 8] {
    // SAFETY: op is a function pointer instance.
    unsafe {
        let f = fp(op);
        [
            &mut f.thunk,
            &mut f.callable,
            &mut f.converters,
            &mut f.argtypes,
            &mut f.restype,
            &mut f.checker,
            &mut f.errcheck,
            &mut f.paramflags,
        ]
    }
}

unsafe extern "C" fn funcptr_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: op is a function pointer instance.
    unsafe {
        let objs: Vec<*mut PyObject> = refs(op).iter().map(|r| **r).collect();
        let r = crate::object::gc::visit_all(&objs, visit, arg);
        if r != 0 {
            return r;
        }
        cdata::cdata_traverse(op, visit, arg)
    }
}

unsafe extern "C" fn funcptr_clear(op: *mut PyObject) -> c_int {
    // SAFETY: op is a function pointer instance.
    unsafe {
        for r in refs(op) {
            xdecref(std::mem::replace(r, null_mut()));
        }
        cdata::cdata_clear(op)
    }
}

unsafe extern "C" fn funcptr_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; untracked before its references go.
    unsafe {
        crate::object::gc::untrack(op);
        for r in refs(op) {
            xdecref(std::mem::replace(r, null_mut()));
        }
        cdata::cdata_dealloc(op)
    }
}

static FUNCPTR_GETSET: [PyGetSetDef; 4] = [
    crate::object::descr::getset(c"errcheck", Some(get_errcheck), Some(set_errcheck)),
    crate::object::descr::getset(c"restype", Some(get_restype), Some(set_restype)),
    crate::object::descr::getset(c"argtypes", Some(get_argtypes), Some(set_argtypes)),
    crate::object::descr::GETSET_END,
];

/// Makes `CFuncPtr`.
pub unsafe fn make_base() -> PyResult<Owned> {
    // SAFETY: the metatype is ready.
    unsafe {
        let t = super::basetype::make(
            &raw mut FUNCPTR_TYPE_META,
            "_ctypes.CFuncPtr",
            c"Function Pointer",
            std::mem::size_of::<FuncPtrObject>(),
            |tp| {
                (*tp).tp_new = Some(funcptr_new);
                (*tp).tp_call = Some(funcptr_call);
                (*tp).tp_repr = Some(funcptr_repr);
                (*tp).tp_dealloc = Some(funcptr_dealloc);
                (*tp).tp_traverse = Some(funcptr_traverse);
                (*tp).tp_clear = Some(funcptr_clear);
                (*(*tp).tp_as_number).nb_bool = Some(funcptr_bool);
                (*tp).tp_getset = (&raw const FUNCPTR_GETSET).cast_mut().cast();
            },
        )?;
        FUNCPTR_BASE = t.as_ptr().cast();
        Ok(t)
    }
}

/// Readies the metatype.
pub unsafe fn ready() -> PyResult<()> {
    // SAFETY: a static type.
    unsafe { typeobj::ready(&raw mut FUNCPTR_TYPE_META) }
}
