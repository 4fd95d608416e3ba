//! `functools.partial`: a callable holding a function and leading
//! arguments, called through vectorcall when it holds no keywords.
use crate::capi::boundary::{guard, guard_obj};
use crate::ffi::*;
use crate::modules::objtype::{
    meth_noargs, meth_o, new_obj, ptr, some, state, Obj, Refs, State, Visit,
};
use crate::object::descr::{method, METHOD_END};
use crate::object::exceptions::{member, MEMBER_END};
use crate::object::protocol::ReprGuard;
use crate::object::{dict, none, protocol, str as pystr, tuple};
use crate::runtime::errors;
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// The state of a partial. `vectorcall` is set only while the type's
/// `__call__` is ours.
#[repr(C)]
pub struct Partial {
    vectorcall: vectorcallfunc,
    weakreflist: *mut PyObject,
    dict: *mut PyObject,
    func: Option<Owned>,
    args: Option<Owned>,
    kw: Option<Owned>,
}

impl State for Partial {
    fn traverse(&self, v: Visit) -> c_int {
        for r in [self.func.visit(v), self.args.visit(v), self.kw.visit(v)] {
            if r != 0 {
                return r;
            }
        }
        if self.dict.is_null() {
            0
        } else {
            v(self.dict)
        }
    }
    fn clear(&mut self) {
        self.func = None;
        self.args = None;
        self.kw = None;
        // SAFETY: dict is NULL or a reference the object owns.
        unsafe { crate::object::refcount::xdecref(std::mem::replace(&mut self.dict, null_mut())) }
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        // SAFETY: dict is NULL or a reference the object owns.
        unsafe { crate::object::refcount::xdecref(self.dict) }
    }
}

const READONLY: c_int = Py_READONLY;

/// `functools.partial`.
pub static mut PARTIAL_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE
        | Py_TPFLAGS_HAVE_GC
        | Py_TPFLAGS_HAVE_VECTORCALL
        | Py_TPFLAGS_METHOD_DESCRIPTOR,
    tp_new: Some(partial_new),
    tp_call: Some(partial_call),
    tp_repr: Some(partial_repr),
    tp_descr_get: Some(partial_descr_get),
    tp_getattro: Some(crate::object::object::PyObject_GenericGetAttr),
    tp_setattro: Some(crate::object::object::PyObject_GenericSetAttr),
    tp_methods: (&raw const PARTIAL_METHODS).cast_mut().cast(),
    tp_members: (&raw const PARTIAL_MEMBERS).cast_mut().cast(),
    tp_getset: (&raw const crate::modules::objtype::DICT_GETSET)
        .cast_mut()
        .cast(),
    tp_dictoffset: std::mem::offset_of!(Obj<Partial>, state.dict) as Py_ssize_t,
    tp_weaklistoffset: std::mem::offset_of!(Obj<Partial>, state.weakreflist) as Py_ssize_t,
    tp_vectorcall_offset: std::mem::offset_of!(Obj<Partial>, state.vectorcall) as Py_ssize_t,
    ..crate::modules::objtype::gc_type::<Partial>(c"functools.partial", 0)
};

static PARTIAL_METHODS: [PyMethodDef; 4] = [
    method(c"__reduce__", partial_reduce as *const c_void, METH_NOARGS),
    method(c"__setstate__", partial_setstate as *const c_void, METH_O),
    crate::object::genericalias::CLASS_GETITEM,
    METHOD_END,
];

static PARTIAL_MEMBERS: [PyMemberDef; 4] = [
    member(
        c"func",
        std::mem::offset_of!(Obj<Partial>, state.func),
        READONLY,
        c"function object to use in future partial calls",
    ),
    member(
        c"args",
        std::mem::offset_of!(Obj<Partial>, state.args),
        READONLY,
        c"tuple of arguments to future partial calls",
    ),
    member(
        c"keywords",
        std::mem::offset_of!(Obj<Partial>, state.kw),
        READONLY,
        c"dictionary of keyword arguments to future partial calls",
    ),
    MEMBER_END,
];

unsafe fn is_callable(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*(*op).ob_type).tp_call.is_some() }
}

/// Sets the vectorcall entry when the object's type calls through
/// `partial_call` (a subclass defining `__call__` does not).
unsafe fn set_vectorcall(op: *mut PyObject) {
    // SAFETY: op is a partial.
    unsafe {
        let ours = (*(*op).ob_type).tp_call.map(|f| f as usize)
            == Some(partial_call as *const () as usize);
        state::<Partial>(op).vectorcall = if ours { Some(partial_vectorcall) } else { None };
    }
}

unsafe extern "C" fn partial_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            let a = tuple::items(args);
            let Some(&first) = a.first() else {
                return Err(errors::type_error(
                    "type 'partial' takes at least one argument",
                ));
            };
            if !is_callable(first) {
                return Err(errors::type_error("the first argument must be callable"));
            }
            let mut func = first;
            let mut pargs: &[*mut PyObject] = &[];
            let mut pkw = null_mut();
            if crate::object::typeobj::instance_of(first, &raw mut PARTIAL_TYPE) {
                let inner = state::<Partial>(first);
                if inner.dict.is_null() || dict::len(inner.dict) == 0 {
                    func = ptr(&inner.func);
                    pargs = tuple::items(ptr(&inner.args));
                    pkw = ptr(&inner.kw);
                }
            }
            let mut all = Vec::with_capacity(pargs.len() + a.len() - 1);
            all.extend_from_slice(pargs);
            all.extend_from_slice(&a[1..]);
            let new_args = tuple::from_slice(&all)?;
            let kw = if pkw.is_null() {
                dict::new()?
            } else {
                dict::copy(pkw)?
            };
            if !kwargs.is_null() {
                dict::merge(kw.as_ptr(), kwargs, 1)?;
            }
            let op = new_obj(
                tp,
                Partial {
                    vectorcall: None,
                    weakreflist: null_mut(),
                    dict: null_mut(),
                    func: some(func),
                    args: Some(new_args),
                    kw: Some(kw),
                },
            )?;
            set_vectorcall(op.as_ptr());
            Ok(op)
        }
    })
}

unsafe extern "C" fn partial_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a partial; args a tuple; kwargs NULL or a dict.
        unsafe {
            let p = state::<Partial>(op);
            let (Some(func), Some(pargs), Some(pkw)) =
                (p.func.clone(), p.args.clone(), p.kw.clone())
            else {
                return Err(errors::type_error("partial object is cleared"));
            };
            let pa = tuple::items(pargs.as_ptr());
            let call_args = if pa.is_empty() {
                Owned::from_borrowed(args)
            } else {
                let mut all = pa.to_vec();
                all.extend_from_slice(tuple::items(args));
                tuple::from_slice(&all)?
            };
            let kw = if dict::len(pkw.as_ptr()) == 0 {
                if kwargs.is_null() {
                    None
                } else {
                    Some(Owned::from_borrowed(kwargs))
                }
            } else {
                let d = dict::copy(pkw.as_ptr())?;
                if !kwargs.is_null() {
                    dict::merge(d.as_ptr(), kwargs, 1)?;
                }
                Some(d)
            };
            protocol::call(
                func.as_ptr(),
                call_args.as_ptr(),
                kw.as_ref().map_or(null_mut(), Owned::as_ptr),
            )
        }
    })
}

unsafe extern "C" fn partial_vectorcall(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard(|| {
        // SAFETY: op is a partial; args holds nargs + len(kwnames) objects.
        unsafe {
            let p = state::<Partial>(op);
            let (Some(func), Some(pargs), Some(pkw)) =
                (p.func.clone(), p.args.clone(), p.kw.clone())
            else {
                errors::type_error("partial object is cleared");
                return null_mut();
            };
            let n = crate::capi::call::nargs(nargsf) as usize;
            let nkw = if kwnames.is_null() {
                0
            } else {
                tuple::size(kwnames) as usize
            };
            let given = crate::capi::call::arg_slice(args, n + nkw);
            if dict::len(pkw.as_ptr()) != 0 {
                let t = match tuple::from_slice(&given[..n]) {
                    Ok(t) => t,
                    Err(_) => return null_mut(),
                };
                let kw = if nkw == 0 {
                    null_mut()
                } else {
                    match crate::capi::call::kwnames_to_dict(kwnames, &given[n..]) {
                        Ok(d) => d.into_raw(),
                        Err(_) => return null_mut(),
                    }
                };
                let r = partial_call(op, t.as_ptr(), kw);
                crate::object::refcount::xdecref(kw);
                return r;
            }
            let pa = tuple::items(pargs.as_ptr());
            if pa.is_empty() {
                return crate::capi::call::vectorcall(func.as_ptr(), args, n, kwnames);
            }
            let mut stack = Vec::with_capacity(pa.len() + given.len());
            stack.extend_from_slice(pa);
            stack.extend_from_slice(given);
            crate::capi::call::vectorcall(func.as_ptr(), stack.as_ptr(), pa.len() + n, kwnames)
        }
    })
}

unsafe extern "C" fn partial_descr_get(
    op: *mut PyObject,
    obj: *mut PyObject,
    _tp: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a partial; obj NULL or valid.
        unsafe {
            if obj.is_null() || obj == none::none() {
                return Ok(Owned::from_borrowed(op));
            }
            crate::vm::function::new_method(op, obj)
        }
    })
}

unsafe extern "C" fn partial_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a partial.
        unsafe {
            let tp = (*op).ob_type;
            let name = crate::object::typeobj::qualname(tp)?;
            let name = match crate::object::typeobj::module_name(tp)? {
                Some(m) => format!("{m}.{name}"),
                None => name,
            };
            let Some(_g) = ReprGuard::enter(op)? else {
                return pystr::from_str("...");
            };
            let p = state::<Partial>(op);
            let (Some(func), Some(pargs), Some(pkw)) =
                (p.func.clone(), p.args.clone(), p.kw.clone())
            else {
                return pystr::from_str(&format!("{name}()"));
            };
            let mut parts = vec![protocol::repr_string(func.as_ptr())?];
            for &a in tuple::items(pargs.as_ptr()) {
                parts.push(protocol::repr_string(a)?);
            }
            let kw = dict::copy(pkw.as_ptr())?;
            let mut pos = 0;
            while let Some((k, v)) = dict::next(kw.as_ptr(), &mut pos) {
                let key = protocol::str_(k)?;
                parts.push(format!(
                    "{}={}",
                    pystr::as_str(key.as_ptr())?,
                    protocol::repr_string(v)?
                ));
            }
            pystr::from_str(&format!("{name}({})", parts.join(", ")))
        }
    })
}

meth_noargs!(partial_reduce, |op| {
    let p = state::<Partial>(op);
    let n = none::none();
    let func = ptr(&p.func);
    let func = if func.is_null() { n } else { func };
    let args = ptr(&p.args);
    let args = if args.is_null() {
        tuple::empty().into_raw()
    } else {
        crate::object::refcount::new_ref(args)
    };
    let args = Owned::from_raw_unchecked(args);
    let kw = ptr(&p.kw);
    let kw = if kw.is_null() || dict::len(kw) == 0 {
        n
    } else {
        kw
    };
    let d = if p.dict.is_null() || dict::len(p.dict) == 0 {
        n
    } else {
        p.dict
    };
    let st = tuple::pack(&[func, args.as_ptr(), kw, d])?;
    let fa = tuple::pack(&[func])?;
    tuple::pack(&[(*op).ob_type.cast(), fa.as_ptr(), st.as_ptr()])
});

meth_o!(partial_setstate, |op, st| {
    let bad = || Err(errors::type_error("invalid partial state"));
    if !tuple::check(st) {
        return bad();
    }
    let [func, fnargs, kw, d] = tuple::items(st) else {
        return bad();
    };
    let (func, fnargs, kw, d) = (*func, *fnargs, *kw, *d);
    if !is_callable(func) || !tuple::check(fnargs) || (kw != none::none() && !dict::check(kw)) {
        return bad();
    }
    let args = if tuple::check_exact(fnargs) {
        Owned::from_borrowed(fnargs)
    } else {
        tuple::from_slice(tuple::items(fnargs))?
    };
    let kw = if kw == none::none() {
        dict::new()?
    } else if dict::check_exact(kw) {
        Owned::from_borrowed(kw)
    } else {
        dict::copy(kw)?
    };
    let newdict = if d == none::none() {
        null_mut()
    } else {
        crate::object::refcount::new_ref(d)
    };
    let p = state::<Partial>(op);
    p.func = some(func);
    p.args = Some(args);
    p.kw = Some(kw);
    crate::object::refcount::xdecref(std::mem::replace(&mut p.dict, newdict));
    set_vectorcall(op);
    Ok(Owned::from_borrowed_static(none::none()))
});
