//! `builtin_function_or_method` (`PyCFunction_Type`, `PyCMethod_Type`): a C
//! function described by a `PyMethodDef`, optionally bound to `self`; the
//! call dispatch for every `METH_*` convention lives here.
use crate::capi::boundary::guard;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::{self, type_template};
use crate::object::{str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use std::ffi::CStr;
use std::ptr::null_mut;

/// `PyCFunction_Type`.
#[no_mangle]
pub static mut PyCFunction_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_VECTORCALL | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(cfunction_dealloc),
    tp_traverse: Some(cfunction_traverse),
    tp_repr: Some(cfunction_repr),
    tp_call: Some(crate::capi::call::PyVectorcall_Call),
    tp_vectorcall_offset: std::mem::offset_of!(PyCFunctionObject, vectorcall) as Py_ssize_t,
    tp_getset: (&raw const CFUNCTION_GETSET).cast_mut().cast(),
    tp_members: (&raw const CFUNCTION_MEMBERS).cast_mut().cast(),
    tp_methods: (&raw const CFUNCTION_METHODS).cast_mut().cast(),
    tp_hash: Some(cfunction_hash),
    tp_richcompare: Some(cfunction_richcompare),
    ..type_template(
        c"builtin_function_or_method",
        std::mem::size_of::<PyCFunctionObject>(),
        0,
    )
};

/// `PyCMethod_Type`: a builtin method that carries its defining class.
#[no_mangle]
pub static mut PyCMethod_Type: PyTypeObject = PyTypeObject {
    tp_base: &raw mut PyCFunction_Type,
    tp_flags: Py_TPFLAGS_HAVE_VECTORCALL | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(cfunction_dealloc),
    tp_traverse: Some(cfunction_traverse),
    tp_vectorcall_offset: std::mem::offset_of!(PyCFunctionObject, vectorcall) as Py_ssize_t,
    ..type_template(c"builtin_method", std::mem::size_of::<PyCMethodObject>(), 0)
};

/// `__module__`: the `m_module` a module function was made with (None for
/// methods), writable as in CPython; `inspect.getmodule` and `doctest` read it.
static CFUNCTION_MEMBERS: [PyMemberDef; 2] = [
    PyMemberDef {
        name: c"__module__".as_ptr(),
        r#type: _Py_T_OBJECT,
        offset: std::mem::offset_of!(PyCFunctionObject, m_module) as Py_ssize_t,
        flags: 0,
        doc: std::ptr::null(),
    },
    PyMemberDef {
        name: std::ptr::null(),
        r#type: 0,
        offset: 0,
        flags: 0,
        doc: std::ptr::null(),
    },
];

static CFUNCTION_GETSET: [PyGetSetDef; 6] = [
    crate::object::descr::getset(c"__name__", Some(cfunction_get_name), None),
    crate::object::descr::getset(c"__qualname__", Some(cfunction_get_qualname), None),
    crate::object::descr::getset(c"__self__", Some(cfunction_get_self), None),
    crate::object::descr::getset(c"__doc__", Some(cfunction_get_doc), None),
    crate::object::descr::getset(
        c"__text_signature__",
        Some(cfunction_get_text_signature),
        None,
    ),
    crate::object::descr::GETSET_END,
];

/// `meth_reduce`: a module function pickles by its name; a method as
/// `getattr(self, name)`.
unsafe extern "C" fn cfunction_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a builtin function.
        unsafe {
            let f = op.cast::<PyCFunctionObject>();
            let name = pystr::from_str(ml_name((*f).m_ml))?;
            let self_ = (*f).m_self;
            if self_.is_null()
                || typeobj::instance_of(self_, &raw mut crate::object::module::PyModule_Type)
            {
                return Ok(name);
            }
            let getattr = crate::capi::reflection::builtin("getattr")?;
            let args = tuple::pack(&[self_, name.as_ptr()])?;
            tuple::pack(&[getattr.as_ptr(), args.as_ptr()])
        }
    })
}

static CFUNCTION_METHODS: [PyMethodDef; 2] = [
    crate::object::descr::method(
        c"__reduce__",
        cfunction_reduce as *const std::ffi::c_void,
        METH_NOARGS,
    ),
    crate::object::descr::METHOD_END,
];

/// The name of a method definition.
pub unsafe fn ml_name(ml: *const PyMethodDef) -> &'static str {
    // SAFETY: ml_name is a static NUL-terminated string.
    unsafe { CStr::from_ptr((*ml).ml_name).to_str().unwrap_or("?") }
}

/// The name used in argument errors: `module.func` for module functions,
/// `Type.method` for methods, the bare name otherwise (CPython 3.13).
unsafe fn qualified_name(ml: *const PyMethodDef, self_: *mut PyObject) -> String {
    // SAFETY: ml valid; self_ NULL or valid.
    unsafe {
        let name = ml_name(ml);
        if self_.is_null() {
            return name.to_string();
        }
        if (*self_).ob_type == &raw mut crate::object::module::PyModule_Type {
            let d = crate::object::module::dict_of(self_);
            let m = crate::object::dict::get_item_known_hash_str(d, crate::interned!("__name__"));
            if !m.is_null() && pystr::check(m) {
                if let Ok(mn) = pystr::as_str(m) {
                    return format!("{mn}.{name}");
                }
            }
            return name.to_string();
        }
        let tp = if typeobj::instance_of(self_, &raw mut typeobj::PyType_Type) {
            self_.cast()
        } else {
            (*self_).ob_type
        };
        match typeobj::qualname(tp) {
            Ok(q) => format!("{q}.{name}"),
            Err(_) => {
                errors::clear();
                name.to_string()
            }
        }
    }
}

/// `PyCMethod_New`: a builtin function for `ml` bound to `self_` (NULL for a
/// plain function), recording `module` and, for `METH_METHOD`, `cls`.
pub unsafe fn new(
    ml: *mut PyMethodDef,
    self_: *mut PyObject,
    module: *mut PyObject,
    cls: *mut PyTypeObject,
) -> PyResult<Owned> {
    // SAFETY: ml lives as long as the function (static method tables).
    unsafe {
        let flags = (*ml).ml_flags;
        let vectorcall: vectorcallfunc = if flags & !(METH_CLASS | METH_STATIC | METH_COEXIST)
            == METH_FASTCALL
            && (*ml).ml_meth.is_some()
        {
            Some(cfunction_vectorcall_fastcall)
        } else {
            Some(cfunction_vectorcall)
        };
        let op = if flags & METH_METHOD != 0 {
            if cls.is_null() {
                return Err(errors::system_error(
                    "attempting to create PyCMethod with a METH_METHOD flag but no class",
                ));
            }
            let op = crate::object::alloc::generic_alloc(&raw mut PyCMethod_Type, 0);
            if op.is_null() {
                return Err(errors::Raised::assume());
            }
            (*op.cast::<PyCMethodObject>()).mm_class = new_ref(cls.cast()).cast();
            op
        } else {
            if !cls.is_null() {
                return Err(errors::system_error(
                    "attempting to create PyCFunction with class but no METH_METHOD flag",
                ));
            }
            let op = crate::object::alloc::generic_alloc(&raw mut PyCFunction_Type, 0);
            if op.is_null() {
                return Err(errors::Raised::assume());
            }
            op
        };
        let f = op.cast::<PyCFunctionObject>();
        (*f).m_ml = ml;
        xincref(self_);
        (*f).m_self = self_;
        xincref(module);
        (*f).m_module = module;
        (*f).vectorcall = vectorcall;
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

unsafe extern "C" fn cfunction_dealloc(op: *mut PyObject) {
    // SAFETY: op is a builtin function whose count reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        let f = op.cast::<PyCFunctionObject>();
        xdecref((*f).m_self);
        xdecref((*f).m_module);
        if (*op).ob_type == &raw mut PyCMethod_Type {
            xdecref((*op.cast::<PyCMethodObject>()).mm_class.cast());
        }
        crate::object::alloc::gc_free(op.cast());
    }
}

/// `meth_traverse`: the bound object, the module and the defining class.
unsafe extern "C" fn cfunction_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut libc::c_void,
) -> libc::c_int {
    // SAFETY: op is a builtin function; its fields are owned or NULL.
    unsafe {
        let f = op.cast::<PyCFunctionObject>();
        let class = if (*op).ob_type == &raw mut PyCMethod_Type {
            (*op.cast::<PyCMethodObject>()).mm_class.cast()
        } else {
            null_mut()
        };
        crate::object::gc::visit_all(&[(*f).m_self, (*f).m_module, class], visit, arg)
    }
}

unsafe extern "C" fn cfunction_repr(op: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a builtin function.
        unsafe {
            let f = op.cast::<PyCFunctionObject>();
            let name = ml_name((*f).m_ml);
            let s = (*f).m_self;
            if s.is_null() || (*s).ob_type == &raw mut crate::object::module::PyModule_Type {
                pystr::from_str(&format!("<built-in function {name}>"))
            } else {
                pystr::from_str(&format!(
                    "<built-in method {name} of {} object at {s:p}>",
                    typeobj::type_name(s)
                ))
            }
        }
    })
}

unsafe extern "C" fn cfunction_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: op is a builtin function.
    unsafe {
        let f = op.cast::<PyCFunctionObject>();
        let a = crate::object::object::hash_pointer((*f).m_self.cast());
        let b = crate::object::object::hash_pointer((*f).m_ml.cast());
        let h = a ^ b;
        if h == -1 {
            -2
        } else {
            h
        }
    }
}

unsafe extern "C" fn cfunction_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: libc::c_int,
) -> *mut PyObject {
    // SAFETY: a is a builtin function; b valid.
    unsafe {
        if (op != Py_EQ && op != Py_NE) || !typeobj::instance_of(b, &raw mut PyCFunction_Type) {
            return new_ref(crate::object::none::not_implemented());
        }
        let (fa, fb) = (a.cast::<PyCFunctionObject>(), b.cast::<PyCFunctionObject>());
        let eq = (*fa).m_self == (*fb).m_self && (*fa).m_ml == (*fb).m_ml;
        new_ref(crate::object::bool::from_bool(eq == (op == Py_EQ)))
    }
}

unsafe extern "C" fn cfunction_get_name(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
    // SAFETY: op is a builtin function.
    crate::capi::boundary::guard_obj(|| unsafe {
        pystr::from_str(ml_name((*op.cast::<PyCFunctionObject>()).m_ml))
    })
}

unsafe extern "C" fn cfunction_get_qualname(
    op: *mut PyObject,
    _c: *mut libc::c_void,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a builtin function.
        unsafe {
            let f = op.cast::<PyCFunctionObject>();
            let name = ml_name((*f).m_ml);
            let s = (*f).m_self;
            if s.is_null() || (*s).ob_type == &raw mut crate::object::module::PyModule_Type {
                return pystr::from_str(name);
            }
            let tp = if typeobj::instance_of(s, &raw mut typeobj::PyType_Type) {
                s.cast()
            } else {
                (*s).ob_type
            };
            pystr::from_str(&format!("{}.{}", typeobj::qualname(tp)?, name))
        }
    })
}

unsafe extern "C" fn cfunction_get_self(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
    // SAFETY: op is a builtin function.
    unsafe {
        let s = (*op.cast::<PyCFunctionObject>()).m_self;
        new_ref(if s.is_null() {
            crate::object::none::none()
        } else {
            s
        })
    }
}

/// `__doc__`: the method's doc without its signature line.
unsafe extern "C" fn cfunction_get_doc(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a builtin function; its method def is static.
        unsafe {
            let ml = (*op.cast::<PyCFunctionObject>()).m_ml;
            crate::object::textsig::doc((*ml).ml_name, (*ml).ml_doc)
        }
    })
}

/// `__text_signature__`: the signature line of the method's doc, or None.
unsafe extern "C" fn cfunction_get_text_signature(
    op: *mut PyObject,
    _c: *mut libc::c_void,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is a builtin function; its method def is static.
        unsafe {
            let ml = (*op.cast::<PyCFunctionObject>()).m_ml;
            crate::object::textsig::signature((*ml).ml_name, (*ml).ml_doc)
        }
    })
}

/// The vectorcall of builtin functions: dispatches on `ml_flags`.
unsafe extern "C" fn cfunction_vectorcall(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard(|| {
        // SAFETY: op is a builtin function; args holds nargs (+ kw) objects.
        unsafe {
            let f = op.cast::<PyCFunctionObject>();
            let cls = if (*op).ob_type == &raw mut PyCMethod_Type {
                (*op.cast::<PyCMethodObject>()).mm_class
            } else {
                null_mut()
            };
            call_method_def((*f).m_ml, (*f).m_self, cls, args, nargsf, kwnames)
        }
    })
}

/// The vectorcall of `METH_FASTCALL` builtin functions
/// (`cfunction_vectorcall_FASTCALL`): the arguments go through as they are.
unsafe extern "C" fn cfunction_vectorcall_fastcall(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard(|| {
        // SAFETY: op is a builtin function whose ml_meth is a non-NULL
        // PyCFunctionFast (checked when it was made).
        unsafe {
            let f = op.cast::<PyCFunctionObject>();
            let (ml, self_) = ((*f).m_ml, (*f).m_self);
            if !kwnames.is_null() && tuple::size(kwnames) != 0 {
                return no_keywords(ml, self_);
            }
            let meth: PyCFunctionFast = std::mem::transmute((*ml).ml_meth);
            meth.unwrap_unchecked()(self_, args, crate::capi::call::nargs(nargsf))
        }
    })
}

/// Raises `TypeError: F() takes no keyword arguments`; NULL.
#[cold]
#[inline(never)]
unsafe fn no_keywords(ml: *mut PyMethodDef, self_: *mut PyObject) -> *mut PyObject {
    // SAFETY: ml and self_ belong to a live builtin function.
    let name = unsafe { qualified_name(ml, self_) };
    errors::type_error(format!("{name}() takes no keyword arguments"));
    null_mut()
}

/// Calls the C function of `ml` with `self_` and vectorcall-style arguments,
/// following its `METH_*` convention. Returns a new reference or NULL.
pub unsafe fn call_method_def(
    ml: *mut PyMethodDef,
    self_: *mut PyObject,
    cls: *mut PyTypeObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: ml's function pointer matches its flags (the C API contract);
    // args holds nargs positional then len(kwnames) keyword values.
    unsafe {
        let nargs = crate::capi::call::nargs(nargsf);
        let nkw = if kwnames.is_null() {
            0
        } else {
            tuple::size(kwnames)
        };
        let flags = (*ml).ml_flags & !(METH_CLASS | METH_STATIC | METH_COEXIST);
        let meth = (*ml).ml_meth;
        let name = || qualified_name(ml, self_);
        let Some(meth) = meth else {
            errors::system_error(format!("{}() method: bad call flags", name()));
            return null_mut();
        };
        let no_kw = |nkw: isize| -> bool {
            if nkw != 0 {
                no_keywords(ml, self_);
                return false;
            }
            true
        };
        match flags {
            METH_NOARGS => {
                if !no_kw(nkw) {
                    return null_mut();
                }
                if nargs != 0 {
                    errors::type_error(format!(
                        "{}() takes no arguments ({} given)",
                        name(),
                        nargs
                    ));
                    return null_mut();
                }
                meth(self_, null_mut())
            }
            METH_O => {
                if !no_kw(nkw) {
                    return null_mut();
                }
                if nargs != 1 {
                    errors::type_error(format!(
                        "{}() takes exactly one argument ({} given)",
                        name(),
                        nargs
                    ));
                    return null_mut();
                }
                meth(self_, *args)
            }
            METH_VARARGS => {
                if !no_kw(nkw) {
                    return null_mut();
                }
                let t = match tuple::from_slice(crate::capi::call::arg_slice(args, nargs as usize))
                {
                    Ok(t) => t,
                    Err(_) => return null_mut(),
                };
                meth(self_, t.as_ptr())
            }
            x if x == METH_VARARGS | METH_KEYWORDS => {
                let all = crate::capi::call::arg_slice(args, (nargs + nkw) as usize);
                let t = match tuple::from_slice(&all[..nargs as usize]) {
                    Ok(t) => t,
                    Err(_) => return null_mut(),
                };
                let kw = if nkw == 0 {
                    None
                } else {
                    match crate::capi::call::kwnames_to_dict(kwnames, &all[nargs as usize..]) {
                        Ok(d) => Some(d),
                        Err(_) => return null_mut(),
                    }
                };
                let f: PyCFunctionWithKeywords = std::mem::transmute(meth);
                f.unwrap()(
                    self_,
                    t.as_ptr(),
                    kw.as_ref().map_or(null_mut(), |d| d.as_ptr()),
                )
            }
            METH_FASTCALL => {
                if !no_kw(nkw) {
                    return null_mut();
                }
                let f: PyCFunctionFast = std::mem::transmute(meth);
                f.unwrap()(self_, args, nargs)
            }
            x if x == METH_FASTCALL | METH_KEYWORDS => {
                let f: PyCFunctionFastWithKeywords = std::mem::transmute(meth);
                f.unwrap()(self_, args, nargs, kwnames)
            }
            x if x == METH_METHOD | METH_FASTCALL | METH_KEYWORDS => {
                let f: PyCMethod = std::mem::transmute(meth);
                f.unwrap()(self_, cls, args, nargs as usize, kwnames)
            }
            _ => {
                errors::system_error(format!("{}() method: bad call flags", name()));
                null_mut()
            }
        }
    }
}
