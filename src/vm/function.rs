//! Python functions (`PyFunction_Type`) and bound methods
//! (`PyMethod_Type`), laid out as CPython 3.14's `PyFunctionObject` and
//! `PyMethodObject`.
use crate::capi::boundary::{guard, guard_obj};
use crate::ffi::*;
use crate::object::exceptions::{member, MEMBER_END};
use crate::object::refcount::*;
use crate::object::typeobj::{self, type_template};
use crate::object::{dict, none, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::vm::code;
use crate::Owned;
use libc::c_void;
use std::ptr::null_mut;

/// `PyFunctionObject` (3.14 field order).
#[repr(C)]
pub struct PyFunctionObject {
    pub ob_base: PyObject,
    pub func_globals: *mut PyObject,
    pub func_builtins: *mut PyObject,
    pub func_name: *mut PyObject,
    pub func_qualname: *mut PyObject,
    pub func_code: *mut PyObject,
    pub func_defaults: *mut PyObject,
    pub func_kwdefaults: *mut PyObject,
    pub func_closure: *mut PyObject,
    pub func_doc: *mut PyObject,
    pub func_dict: *mut PyObject,
    pub func_weakreflist: *mut PyObject,
    pub func_module: *mut PyObject,
    pub func_annotations: *mut PyObject,
    pub func_annotate: *mut PyObject,
    pub func_typeparams: *mut PyObject,
    pub vectorcall: vectorcallfunc,
    pub func_version: u32,
}

/// `PyMethodObject`: a function bound to an instance.
#[repr(C)]
pub struct PyMethodObject {
    pub ob_base: PyObject,
    pub im_func: *mut PyObject,
    pub im_self: *mut PyObject,
    pub im_weakreflist: *mut PyObject,
    pub vectorcall: vectorcallfunc,
}

/// `PyFunction_Type`.
#[no_mangle]
pub static mut PyFunction_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL | Py_TPFLAGS_METHOD_DESCRIPTOR,
    tp_dealloc: Some(function_dealloc),
    tp_repr: Some(function_repr),
    tp_call: Some(crate::capi::call::PyVectorcall_Call),
    tp_vectorcall_offset: std::mem::offset_of!(PyFunctionObject, vectorcall) as Py_ssize_t,
    tp_descr_get: Some(function_get),
    tp_new: Some(crate::vm::function_new::function_new),
    tp_traverse: Some(function_traverse),
    tp_clear: Some(function_clear),
    tp_dictoffset: std::mem::offset_of!(PyFunctionObject, func_dict) as Py_ssize_t,
    tp_weaklistoffset: std::mem::offset_of!(PyFunctionObject, func_weakreflist) as Py_ssize_t,
    tp_getset: (&raw const FUNCTION_GETSET).cast_mut().cast(),
    tp_members: (&raw const FUNCTION_MEMBERS).cast_mut().cast(),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    ..type_template(c"function", std::mem::size_of::<PyFunctionObject>(), 0)
};

/// `PyMethod_Type`.
#[no_mangle]
pub static mut PyMethod_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    tp_dealloc: Some(method_dealloc),
    tp_repr: Some(method_repr),
    tp_call: Some(crate::capi::call::PyVectorcall_Call),
    tp_vectorcall_offset: std::mem::offset_of!(PyMethodObject, vectorcall) as Py_ssize_t,
    tp_getattro: Some(method_getattro),
    tp_traverse: Some(method_traverse),
    tp_getset: (&raw const METHOD_GETSET).cast_mut().cast(),
    tp_methods: (&raw const METHOD_METHODS).cast_mut().cast(),
    tp_richcompare: Some(method_richcompare),
    tp_hash: Some(method_hash),
    tp_descr_get: Some(method_descr_get),
    tp_new: Some(method_new),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_weaklistoffset: std::mem::offset_of!(PyMethodObject, im_weakreflist) as Py_ssize_t,
    ..type_template(c"method", std::mem::size_of::<PyMethodObject>(), 0)
};

#[inline(always)]
unsafe fn f<'a>(op: *mut PyObject) -> &'a mut PyFunctionObject {
    // SAFETY: op is a function.
    unsafe { &mut *op.cast::<PyFunctionObject>() }
}

/// Whether `op` is exactly a Python function.
#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut PyFunction_Type }
}

/// Whether `op` is exactly a method bound to a Python function.
#[inline(always)]
pub unsafe fn is_python_method(op: *mut PyObject) -> bool {
    // SAFETY: op valid; a method's im_func is valid.
    unsafe {
        (*op).ob_type == &raw mut PyMethod_Type && check((*op.cast::<PyMethodObject>()).im_func)
    }
}

/// `PyFunction_NewWithQualName`: a function for `code` with `globals`.
pub unsafe fn new(
    code_obj: *mut PyObject,
    globals: *mut PyObject,
    qualname: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: code_obj is a code object, globals a dict.
    unsafe {
        let op = crate::object::alloc::generic_alloc(&raw mut PyFunction_Type, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        let func = Owned::from_raw_unchecked(op);
        let fo = f(op);
        let d = code::data(code_obj);
        fo.func_globals = new_ref(globals);
        let builtins = dict::get_item_known_hash_str(globals, crate::interned!("__builtins__"));
        let builtins = if builtins.is_null() {
            crate::modules::builtins::dict()
        } else if typeobj::instance_of(builtins, &raw mut crate::object::module::PyModule_Type) {
            crate::object::module::dict_of(builtins)
        } else {
            builtins
        };
        fo.func_builtins = new_ref(builtins);
        fo.func_name = d.name.clone().into_raw();
        fo.func_qualname = if qualname.is_null() {
            d.qualname.clone().into_raw()
        } else {
            new_ref(qualname)
        };
        fo.func_code = new_ref(code_obj);
        // The docstring is the first constant of a function that has one.
        let doc = match d.consts.first() {
            Some(&c)
                if d.flags & ferrython_compiler::bytecode::co_flags::HAS_DOCSTRING != 0
                    && pystr::check(c) =>
            {
                c
            }
            _ => none::none(),
        };
        fo.func_doc = new_ref(doc);
        let module = dict::get_item_known_hash_str(globals, crate::interned!("__name__"));
        fo.func_module = if module.is_null() {
            null_mut()
        } else {
            new_ref(module)
        };
        fo.vectorcall = Some(crate::vm::call::function_vectorcall);
        crate::object::gc::track(op);
        Ok(func)
    }
}

unsafe extern "C" fn function_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        let fo = f(op);
        if !fo.func_weakreflist.is_null() {
            crate::object::weakref::clear_weakrefs(op);
        }
        for p in [
            fo.func_globals,
            fo.func_builtins,
            fo.func_name,
            fo.func_qualname,
            fo.func_code,
            fo.func_defaults,
            fo.func_kwdefaults,
            fo.func_closure,
            fo.func_doc,
            fo.func_dict,
            fo.func_module,
            fo.func_annotations,
            fo.func_annotate,
            fo.func_typeparams,
        ] {
            xdecref(p);
        }
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn function_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> libc::c_int {
    // SAFETY: op is a function.
    unsafe {
        let fo = f(op);
        crate::object::gc::visit_all(
            &[
                fo.func_code,
                fo.func_globals,
                fo.func_builtins,
                fo.func_module,
                fo.func_defaults,
                fo.func_kwdefaults,
                fo.func_doc,
                fo.func_name,
                fo.func_qualname,
                fo.func_closure,
                fo.func_dict,
                fo.func_annotations,
                fo.func_annotate,
                fo.func_typeparams,
            ],
            visit,
            arg,
        )
    }
}

/// `func_clear`: drops what can lead back to the function (its code,
/// name and globals stay, so the object remains printable).
unsafe extern "C" fn function_clear(op: *mut PyObject) -> libc::c_int {
    // SAFETY: op is a function owning these fields.
    unsafe {
        let fo = f(op);
        for p in [
            &mut fo.func_defaults,
            &mut fo.func_kwdefaults,
            &mut fo.func_closure,
            &mut fo.func_dict,
            &mut fo.func_annotations,
            &mut fo.func_annotate,
            &mut fo.func_typeparams,
            &mut fo.func_module,
            &mut fo.func_doc,
        ] {
            xdecref(std::mem::replace(p, null_mut()));
        }
    }
    0
}

unsafe extern "C" fn function_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a function.
    guard_obj(|| unsafe {
        pystr::from_str(&format!(
            "<function {} at {op:p}>",
            pystr::as_str(f(op).func_qualname)?
        ))
    })
}

/// `function.__get__`: binds to an instance.
unsafe extern "C" fn function_get(
    op: *mut PyObject,
    obj: *mut PyObject,
    _tp: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: op is a function.
    guard_obj(|| unsafe {
        if obj.is_null() || obj == none::none() && _tp != (*none::none()).ob_type.cast() {
            return Ok(Owned::from_borrowed(op));
        }
        new_method(op, obj)
    })
}

/// `PyMethod_New`: `func` bound to `self_`.
pub unsafe fn new_method(func: *mut PyObject, self_: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: the type is static; references taken below.
    unsafe {
        let op = crate::object::alloc::generic_alloc(&raw mut PyMethod_Type, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        let m = op.cast::<PyMethodObject>();
        (*m).im_func = new_ref(func);
        (*m).im_self = new_ref(self_);
        (*m).vectorcall = Some(method_vectorcall);
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// Calls a bound method: `self` goes in front of the arguments, using the
/// slot before them when the caller allows it (`PY_VECTORCALL_ARGUMENTS_OFFSET`).
unsafe extern "C" fn method_vectorcall(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard(|| {
        // SAFETY: op is a bound method; args per the vectorcall contract.
        unsafe {
            let m = op.cast::<PyMethodObject>();
            let (func, self_) = ((*m).im_func, (*m).im_self);
            let n = crate::capi::call::nargs(nargsf) as usize;
            let nkw = if kwnames.is_null() {
                0
            } else {
                tuple::size(kwnames) as usize
            };
            if nargsf & crate::capi::call::PY_VECTORCALL_ARGUMENTS_OFFSET != 0 {
                // The caller lends the slot before the arguments.
                let slot = args.cast_mut().sub(1);
                let saved = std::mem::replace(&mut *slot, self_);
                let r = crate::capi::call::vectorcall(func, slot, n + 1, kwnames);
                *slot = saved;
                return r;
            }
            const ON_STACK: usize = 8;
            let total = 1 + n + nkw;
            let rest = crate::capi::call::arg_slice(args, n + nkw);
            if total <= ON_STACK {
                let mut v = [null_mut(); ON_STACK];
                v[0] = self_;
                v[1..total].copy_from_slice(rest);
                return crate::capi::call::vectorcall(func, v.as_ptr(), n + 1, kwnames);
            }
            let mut v: Vec<*mut PyObject> = Vec::with_capacity(total);
            v.push(self_);
            v.extend_from_slice(rest);
            crate::capi::call::vectorcall(func, v.as_ptr(), n + 1, kwnames)
        }
    })
}

unsafe extern "C" fn method_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        let m = op.cast::<PyMethodObject>();
        if !(*m).im_weakreflist.is_null() {
            crate::object::weakref::clear_weakrefs(op);
        }
        decref((*m).im_func);
        decref((*m).im_self);
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn method_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> libc::c_int {
    // SAFETY: op is a method.
    unsafe {
        let m = op.cast::<PyMethodObject>();
        crate::object::gc::visit_all(&[(*m).im_func, (*m).im_self], visit, arg)
    }
}

/// `method(function, instance, /)` (`method_new`).
unsafe extern "C" fn method_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args is a tuple; kwargs NULL or a dict.
        unsafe {
            if !kwargs.is_null() && crate::object::dict::len(kwargs) != 0 {
                return Err(errors::type_error("method() takes no keyword arguments"));
            }
            let [func, self_] = *tuple::items(args) else {
                return Err(errors::type_error(format!(
                    "method expected 2 arguments, got {}",
                    tuple::size(args)
                )));
            };
            if crate::capi::call::PyCallable_Check(func) == 0 {
                return Err(errors::type_error("first argument must be callable"));
            }
            if self_ == none::none() {
                return Err(errors::type_error("instance must not be None"));
            }
            new_method(func, self_)
        }
    })
}

/// `method_richcompare`: bound methods are equal when their functions
/// are equal and they are bound to the same object.
unsafe extern "C" fn method_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: libc::c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a method; b valid.
        unsafe {
            if (*b).ob_type != &raw mut PyMethod_Type || (op != Py_EQ && op != Py_NE) {
                return Ok(Owned::from_borrowed(none::not_implemented()));
            }
            let (a, b) = (a.cast::<PyMethodObject>(), b.cast::<PyMethodObject>());
            let eq = (*a).im_self == (*b).im_self
                && crate::object::protocol::rich_compare_bool((*a).im_func, (*b).im_func, Py_EQ)?;
            Ok(Owned::from_borrowed(crate::object::bool::from_bool(
                eq == (op == Py_EQ),
            )))
        }
    })
}

/// `method_hash`: the bound object's identity and the function's hash.
unsafe extern "C" fn method_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: op is a method.
    unsafe {
        let m = op.cast::<PyMethodObject>();
        let x = crate::object::object::hash_pointer((*m).im_self.cast());
        match crate::object::protocol::hash((*m).im_func) {
            Ok(y) => {
                let h = x ^ y;
                if h == -1 {
                    -2
                } else {
                    h
                }
            }
            Err(_) => -1,
        }
    }
}

/// `method.__reduce__`: `getattr(self, name)`.
unsafe extern "C" fn method_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a method.
        unsafe {
            let m = op.cast::<PyMethodObject>();
            let name = crate::object::protocol::getattr_str((*m).im_func, "__name__")?;
            let getattr = crate::capi::reflection::builtin("getattr")?;
            let args = tuple::pack(&[(*m).im_self, name.as_ptr()])?;
            tuple::pack(&[getattr.as_ptr(), args.as_ptr()])
        }
    })
}

static METHOD_METHODS: [PyMethodDef; 2] = [
    crate::object::descr::method(c"__reduce__", method_reduce as *const c_void, METH_NOARGS),
    crate::object::descr::METHOD_END,
];

/// `method.__get__`: a bound method stays bound to its object
/// (`method_descr_get`).
unsafe extern "C" fn method_descr_get(
    op: *mut PyObject,
    _obj: *mut PyObject,
    _tp: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: op is a method.
    unsafe { new_ref(op) }
}

/// `<bound method C.f of obj>`: the function's `__qualname__`, else its
/// `__name__`, else `?`.
unsafe extern "C" fn method_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a method.
        unsafe {
            use crate::object::protocol::{getattr_opt, repr_string};
            let m = op.cast::<PyMethodObject>();
            let func = (*m).im_func;
            let name = match getattr_opt(func, crate::interned!("__qualname__"))? {
                Some(n) => Some(n),
                None => getattr_opt(func, crate::interned!("__name__"))?,
            };
            let name = name.filter(|n| pystr::check(n.as_ptr()));
            let self_repr = repr_string((*m).im_self)?;
            let name = match &name {
                Some(n) => pystr::as_str(n.as_ptr())?,
                None => "?",
            };
            pystr::from_str(&format!("<bound method {name} of {self_repr}>"))
        }
    })
}

/// Attributes of a bound method: its own, then the function's.
unsafe extern "C" fn method_getattro(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a method.
        unsafe {
            let tp = (*op).ob_type;
            let descr = typeobj::lookup(tp, name);
            if !descr.is_null() {
                if let Some(get) = (*(*descr).ob_type).tp_descr_get {
                    return errors::check(get(descr, op, tp.cast()));
                }
                return Ok(Owned::from_borrowed(descr));
            }
            crate::object::protocol::getattr((*op.cast::<PyMethodObject>()).im_func, name)
        }
    })
}

/// A getter and setter of a function's object field; `$audit` names the
/// attribute when setting or deleting it raises `object.__setattr__` /
/// `object.__delattr__` (as `__defaults__` and `__kwdefaults__` do).
macro_rules! member_getset {
    ($get:ident, $set:ident, $field:ident, $check:expr, $msg:literal, $audit:expr) => {
        unsafe extern "C" fn $get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
            // SAFETY: op is a function.
            unsafe {
                let v = f(op).$field;
                new_ref(if v.is_null() { none::none() } else { v })
            }
        }
        unsafe extern "C" fn $set(
            op: *mut PyObject,
            v: *mut PyObject,
            _c: *mut c_void,
        ) -> libc::c_int {
            // SAFETY: op is a function; v NULL or valid.
            unsafe {
                let v = if v.is_null() || v == none::none() {
                    null_mut()
                } else {
                    v
                };
                #[allow(clippy::redundant_closure_call)]
                if !v.is_null() && !($check)(v) {
                    errors::type_error($msg);
                    return -1;
                }
                let audit: Option<&str> = $audit;
                if let Some(name) = audit {
                    if audit_set(op, name, v).is_err() {
                        return -1;
                    }
                }
                xincref(v);
                let old = std::mem::replace(&mut f(op).$field, v);
                xdecref(old);
                0
            }
        }
    };
}

member_getset!(
    get_defaults,
    set_defaults,
    func_defaults,
    |v| tuple::check(v),
    "__defaults__ must be set to a tuple object",
    Some("__defaults__")
);
member_getset!(
    get_kwdefaults,
    set_kwdefaults,
    func_kwdefaults,
    |v| dict::check(v),
    "__kwdefaults__ must be set to a dict object",
    Some("__kwdefaults__")
);
member_getset!(get_doc, set_doc, func_doc, |_v| true, "", None);
member_getset!(get_module, set_module, func_module, |_v| true, "", None);

/// Raises `object.__setattr__` `(func, name, value)` for a new value, or
/// `object.__delattr__` `(func, name)` when `v` is NULL (deleted or None).
unsafe fn audit_set(op: *mut PyObject, name: &str, v: *mut PyObject) -> PyResult<()> {
    let name = pystr::intern(name);
    match v.is_null() {
        true => crate::runtime::audit::audit(c"object.__delattr__", &[op, name]),
        false => crate::runtime::audit::audit(c"object.__setattr__", &[op, name, v]),
    }
}

unsafe extern "C" fn get_name(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a function.
    unsafe { new_ref(f(op).func_name) }
}

unsafe extern "C" fn set_name(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> libc::c_int {
    // SAFETY: op is a function.
    unsafe {
        if v.is_null() || !pystr::check(v) {
            errors::type_error("__name__ must be set to a string object");
            return -1;
        }
        let old = std::mem::replace(&mut f(op).func_name, new_ref(v));
        decref(old);
        0
    }
}

unsafe extern "C" fn get_qualname(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a function.
    unsafe { new_ref(f(op).func_qualname) }
}

unsafe extern "C" fn set_qualname(
    op: *mut PyObject,
    v: *mut PyObject,
    _c: *mut c_void,
) -> libc::c_int {
    // SAFETY: op is a function.
    unsafe {
        if v.is_null() || !pystr::check(v) {
            errors::type_error("__qualname__ must be set to a string object");
            return -1;
        }
        let old = std::mem::replace(&mut f(op).func_qualname, new_ref(v));
        decref(old);
        0
    }
}

unsafe extern "C" fn get_code(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a function.
    unsafe {
        let name = crate::interned!("__code__");
        if crate::runtime::audit::audit(c"object.__getattr__", &[op, name]).is_err() {
            return null_mut();
        }
        new_ref(f(op).func_code)
    }
}

/// `func.__code__ = code`: the code's free variables must match the
/// closure.
unsafe extern "C" fn set_code(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> libc::c_int {
    // SAFETY: op is a function; v NULL or valid.
    unsafe {
        if v.is_null() || !crate::vm::code::check(v) {
            errors::type_error("__code__ must be set to a code object");
            return -1;
        }
        let name = crate::interned!("__code__");
        if crate::runtime::audit::audit(c"object.__setattr__", &[op, name, v]).is_err() {
            return -1;
        }
        let fo = f(op);
        let nfree = crate::vm::code::data(v).nfrees;
        let nclosure = if fo.func_closure.is_null() {
            0
        } else {
            tuple::size(fo.func_closure) as usize
        };
        if nfree != nclosure {
            let name = pystr::as_str(fo.func_name).unwrap_or("?");
            errors::value_error(format!(
                "{name}() requires a code object with {nclosure} free vars, not {nfree}"
            ));
            return -1;
        }
        let kind = |c: *mut PyObject| {
            use ferrython_compiler::bytecode::co_flags;
            crate::vm::code::data(c).flags
                & (co_flags::GENERATOR | co_flags::COROUTINE | co_flags::ASYNC_GENERATOR)
        };
        if kind(fo.func_code) != kind(v)
            && crate::modules::_warnings::deprecation(
                "Assigning a code object of non-matching type is deprecated (e.g., from a generator to a plain function)",
                1,
            )
            .is_err()
        {
            return -1;
        }
        decref(std::mem::replace(&mut fo.func_code, new_ref(v)));
        0
    }
}

unsafe extern "C" fn get_type_params(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a function.
    unsafe {
        let t = f(op).func_typeparams;
        if t.is_null() {
            tuple::empty().into_raw()
        } else {
            new_ref(t)
        }
    }
}

unsafe extern "C" fn set_type_params(
    op: *mut PyObject,
    v: *mut PyObject,
    _c: *mut c_void,
) -> libc::c_int {
    // SAFETY: op is a function; v NULL or valid.
    unsafe {
        if v.is_null() || !tuple::check(v) {
            errors::type_error("__type_params__ must be set to a tuple");
            return -1;
        }
        xdecref(std::mem::replace(&mut f(op).func_typeparams, new_ref(v)));
        0
    }
}

unsafe extern "C" fn get_annotate(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a function.
    unsafe {
        let a = f(op).func_annotate;
        new_ref(if a.is_null() { none::none() } else { a })
    }
}

/// `func.__annotate__ = fn`: a callable or None; replaces the cached
/// annotations.
unsafe extern "C" fn set_annotate(
    op: *mut PyObject,
    v: *mut PyObject,
    _c: *mut c_void,
) -> libc::c_int {
    // SAFETY: op is a function; v NULL or valid.
    unsafe {
        if v.is_null() {
            errors::type_error("__annotate__ cannot be deleted");
            return -1;
        }
        let fo = f(op);
        if v == none::none() {
            xdecref(std::mem::replace(&mut fo.func_annotate, null_mut()));
            return 0;
        }
        if (*(*v).ob_type).tp_call.is_none() {
            errors::type_error("__annotate__ must be callable or None");
            return -1;
        }
        xdecref(std::mem::replace(&mut fo.func_annotate, new_ref(v)));
        xdecref(std::mem::replace(&mut fo.func_annotations, null_mut()));
        0
    }
}

/// The annotations dict (`func_get_annotation_dict`): made on first use
/// by calling `__annotate__(1)` (PEP 649), or from the name/string pairs
/// `from __future__ import annotations` stores; empty when neither.
unsafe fn annotations(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is a function.
    unsafe {
        let fo = f(op);
        let a = fo.func_annotations;
        if !a.is_null() && !tuple::check(a) {
            return Ok(Owned::from_borrowed(a));
        }
        let d = if !a.is_null() {
            let d = dict::new()?;
            for pair in tuple::items(a).chunks(2) {
                if let [k, v] = pair {
                    dict::set_item(d.as_ptr(), *k, *v)?;
                }
            }
            d
        } else if !fo.func_annotate.is_null() {
            let one = crate::object::int::small(1);
            let d = crate::object::protocol::call_args(fo.func_annotate, &[one])?;
            if !dict::check(d.as_ptr()) {
                return Err(errors::type_error(format!(
                    "__annotate__ returned non-dict of type '{}'",
                    crate::object::typeobj::type_name(d.as_ptr())
                )));
            }
            d
        } else {
            dict::new()?
        };
        xdecref(std::mem::replace(
            &mut fo.func_annotations,
            new_ref(d.as_ptr()),
        ));
        Ok(d)
    }
}

unsafe extern "C" fn get_annotations(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a function.
    guard_obj(|| unsafe { annotations(op) })
}

unsafe extern "C" fn set_annotations(
    op: *mut PyObject,
    v: *mut PyObject,
    _c: *mut c_void,
) -> libc::c_int {
    // SAFETY: op is a function; v NULL or valid.
    unsafe {
        let v = if v == none::none() { null_mut() } else { v };
        if !v.is_null() && !dict::check(v) {
            errors::type_error("__annotations__ must be set to a dict object");
            return -1;
        }
        let fo = f(op);
        xincref(v);
        xdecref(std::mem::replace(&mut fo.func_annotations, v));
        xdecref(std::mem::replace(&mut fo.func_annotate, null_mut()));
        0
    }
}

/// The read-only fields, members as in CPython (so
/// `types.MemberDescriptorType` is `type(FunctionType.__globals__)`).
static FUNCTION_MEMBERS: [PyMemberDef; 4] = [
    member(
        c"__globals__",
        std::mem::offset_of!(PyFunctionObject, func_globals),
        Py_READONLY,
        c"",
    ),
    member(
        c"__builtins__",
        std::mem::offset_of!(PyFunctionObject, func_builtins),
        Py_READONLY,
        c"",
    ),
    member(
        c"__closure__",
        std::mem::offset_of!(PyFunctionObject, func_closure),
        Py_READONLY,
        c"",
    ),
    MEMBER_END,
];

static FUNCTION_GETSET: [PyGetSetDef; 12] = [
    crate::object::descr::getset(c"__name__", Some(get_name), Some(set_name)),
    crate::object::descr::getset(c"__qualname__", Some(get_qualname), Some(set_qualname)),
    crate::object::descr::getset(c"__code__", Some(get_code), Some(set_code)),
    crate::object::descr::getset(
        c"__type_params__",
        Some(get_type_params),
        Some(set_type_params),
    ),
    crate::object::descr::getset(c"__annotate__", Some(get_annotate), Some(set_annotate)),
    crate::object::descr::getset(
        c"__annotations__",
        Some(get_annotations),
        Some(set_annotations),
    ),
    crate::object::descr::getset(c"__defaults__", Some(get_defaults), Some(set_defaults)),
    crate::object::descr::getset(
        c"__kwdefaults__",
        Some(get_kwdefaults),
        Some(set_kwdefaults),
    ),
    crate::object::descr::getset(c"__doc__", Some(get_doc), Some(set_doc)),
    crate::object::descr::getset(c"__module__", Some(get_module), Some(set_module)),
    crate::object::descr::getset(
        c"__dict__",
        Some(crate::object::object::PyObject_GenericGetDict),
        Some(crate::object::object::PyObject_GenericSetDict),
    ),
    crate::object::descr::GETSET_END,
];

unsafe extern "C" fn method_get_func(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a method.
    unsafe { new_ref((*op.cast::<PyMethodObject>()).im_func) }
}

unsafe extern "C" fn method_get_self(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a method.
    unsafe { new_ref((*op.cast::<PyMethodObject>()).im_self) }
}

/// `__doc__` of a bound method: its function's (`method_get_doc`).
unsafe extern "C" fn method_get_doc(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a method; its function is live.
        unsafe {
            crate::object::protocol::getattr(
                (*op.cast::<PyMethodObject>()).im_func,
                crate::interned!("__doc__"),
            )
        }
    })
}

static METHOD_GETSET: [PyGetSetDef; 4] = [
    crate::object::descr::getset(c"__func__", Some(method_get_func), None),
    crate::object::descr::getset(c"__self__", Some(method_get_self), None),
    crate::object::descr::getset(c"__doc__", Some(method_get_doc), None),
    crate::object::descr::GETSET_END,
];
