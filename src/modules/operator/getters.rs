//! `operator.itemgetter`, `operator.attrgetter` and
//! `operator.methodcaller`: callables that fetch items, attributes, or
//! call a method of their argument.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::objtype::{
    meth_noargs, new_obj, no_keywords, state, state_refs, Refs, State, Visit,
};
use crate::object::descr::{method, METHOD_END};
use crate::object::protocol::ReprGuard;
use crate::object::{dict, int, list, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;

/// The items to fetch; `index` is the lone item when it is a small int
/// (indexing a tuple or list directly).
pub struct ItemGetter {
    items: Vec<Owned>,
    index: Option<isize>,
}
state_refs!(ItemGetter, items);

/// The attribute names as given, and each split at its dots.
pub struct AttrGetter {
    names: Vec<Owned>,
    parts: Vec<Vec<Owned>>,
}

impl State for AttrGetter {
    fn traverse(&self, v: Visit) -> libc::c_int {
        self.names.visit(v)
    }
    fn clear(&mut self) {
        self.names.clear();
        self.parts.clear();
    }
}

/// The method name and the arguments to pass.
pub struct MethodCaller {
    name: Option<Owned>,
    args: Option<Owned>,
    kwargs: Option<Owned>,
}
state_refs!(MethodCaller, name, args, kwargs);

const fn getter_type<T: State>(
    name: &'static std::ffi::CStr,
    doc: &'static std::ffi::CStr,
    new: newfunc,
    call: ternaryfunc,
    repr: reprfunc,
    methods: *mut PyMethodDef,
) -> PyTypeObject {
    PyTypeObject {
        tp_new: new,
        tp_call: call,
        tp_repr: repr,
        tp_methods: methods,
        tp_doc: doc.as_ptr(),
        tp_getset: (&raw const GETTER_GETSET).cast_mut().cast(),
        ..crate::modules::objtype::gc_type::<T>(name, 0)
    }
}

/// `__text_signature__` of an instance: it is called with one object.
unsafe extern "C" fn get_call_signature(
    _op: *mut PyObject,
    _c: *mut libc::c_void,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| crate::object::str::from_str("(obj, /)"))
}

static GETTER_GETSET: [PyGetSetDef; 2] = [
    crate::object::descr::getset(c"__text_signature__", Some(get_call_signature), None),
    crate::object::descr::GETSET_END,
];

/// `operator.itemgetter`.
pub static mut ITEMGETTER_TYPE: PyTypeObject = getter_type::<ItemGetter>(
    c"operator.itemgetter",
    c"itemgetter(item, /, *items)\n--\n\nA callable that fetches the given item, or a tuple of the given\nitems, from its operand: itemgetter(2)(r) is r[2].",
    Some(itemgetter_new),
    Some(itemgetter_call),
    Some(itemgetter_repr),
    (&raw const ITEMGETTER_METHODS).cast_mut().cast(),
);
/// `operator.attrgetter`.
pub static mut ATTRGETTER_TYPE: PyTypeObject = getter_type::<AttrGetter>(
    c"operator.attrgetter",
    c"attrgetter(attr, /, *attrs)\n--\n\nA callable that fetches the given attribute, or a tuple of the given\nattributes, from its operand: attrgetter('a.b')(r) is r.a.b.",
    Some(attrgetter_new),
    Some(attrgetter_call),
    Some(attrgetter_repr),
    (&raw const ATTRGETTER_METHODS).cast_mut().cast(),
);
/// `operator.methodcaller`.
pub static mut METHODCALLER_TYPE: PyTypeObject = getter_type::<MethodCaller>(
    c"operator.methodcaller",
    c"methodcaller(name, /, *args, **kwargs)\n--\n\nA callable that calls the named method of its operand with the given\narguments: methodcaller('f', 1)(r) is r.f(1).",
    Some(methodcaller_new),
    Some(methodcaller_call),
    Some(methodcaller_repr),
    (&raw const METHODCALLER_METHODS).cast_mut().cast(),
);

static ITEMGETTER_METHODS: [PyMethodDef; 2] = [
    method(
        c"__reduce__",
        itemgetter_reduce as *const c_void,
        METH_NOARGS,
    ),
    METHOD_END,
];
static ATTRGETTER_METHODS: [PyMethodDef; 2] = [
    method(
        c"__reduce__",
        attrgetter_reduce as *const c_void,
        METH_NOARGS,
    ),
    METHOD_END,
];
static METHODCALLER_METHODS: [PyMethodDef; 2] = [
    method(
        c"__reduce__",
        methodcaller_reduce as *const c_void,
        METH_NOARGS,
    ),
    METHOD_END,
];

/// The single argument of a getter call.
unsafe fn one_arg(
    fname: &str,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> PyResult<*mut PyObject> {
    // SAFETY: args a tuple; kwargs NULL or a dict.
    unsafe {
        no_keywords(fname, kwargs)?;
        match tuple::items(args) {
            [a] => Ok(*a),
            a => Err(errors::type_error(format!(
                "{fname} expected 1 argument, got {}",
                a.len()
            ))),
        }
    }
}

/// `Name(a, b, ...)` with the reprs of `parts`, or `Name(...)` when
/// `op` is being represented already.
unsafe fn repr_call(
    op: *mut PyObject,
    parts: impl FnOnce() -> PyResult<Vec<String>>,
) -> PyResult<Owned> {
    // SAFETY: op valid.
    unsafe {
        let name = crate::object::typeobj::name_of((*op).ob_type);
        let Some(_g) = ReprGuard::enter(op)? else {
            return pystr::from_str(&format!("{name}(...)"));
        };
        pystr::from_str(&format!("{name}({})", parts()?.join(", ")))
    }
}

unsafe extern "C" fn itemgetter_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple.
        unsafe {
            no_keywords("itemgetter", kwargs)?;
            let a = tuple::items(args);
            if a.is_empty() {
                return Err(errors::type_error("itemgetter expected 1 argument, got 0"));
            }
            let index = match a {
                [i] if int::check(*i) => int::small_value(*i).map(|v| v as isize),
                _ => None,
            };
            new_obj(
                tp,
                ItemGetter {
                    items: a.iter().map(|&p| Owned::from_borrowed(p)).collect(),
                    index,
                },
            )
        }
    })
}

unsafe extern "C" fn itemgetter_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an itemgetter.
        unsafe {
            let obj = one_arg("itemgetter", args, kwargs)?;
            let g = state::<ItemGetter>(op);
            if let Some(i) = g.index {
                if i >= 0 {
                    if tuple::check_exact(obj) {
                        if let Some(&v) = tuple::items(obj).get(i as usize) {
                            return Ok(Owned::from_borrowed(v));
                        }
                    } else if list::check_exact(obj) {
                        if let Some(&v) = list::items(obj).get(i as usize) {
                            return Ok(Owned::from_borrowed(v));
                        }
                    }
                }
            }
            let items: Vec<Owned> = g.items.clone();
            if let [one] = items.as_slice() {
                return protocol::get_item(obj, one.as_ptr());
            }
            let vals = items
                .iter()
                .map(|k| protocol::get_item(obj, k.as_ptr()))
                .collect::<PyResult<Vec<_>>>()?;
            tuple::from_vec(vals)
        }
    })
}

unsafe extern "C" fn itemgetter_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an itemgetter.
        unsafe {
            repr_call(op, || {
                state::<ItemGetter>(op)
                    .items
                    .clone()
                    .iter()
                    .map(|x| protocol::repr_string(x.as_ptr()))
                    .collect()
            })
        }
    })
}

meth_noargs!(itemgetter_reduce, |op| {
    let items: Vec<Owned> = state::<ItemGetter>(op).items.clone();
    let t = tuple::from_vec(items)?;
    tuple::pack(&[(*op).ob_type.cast(), t.as_ptr()])
});

unsafe extern "C" fn attrgetter_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple.
        unsafe {
            no_keywords("attrgetter", kwargs)?;
            let a = tuple::items(args);
            if a.is_empty() {
                return Err(errors::type_error("attrgetter expected 1 argument, got 0"));
            }
            let mut names = Vec::with_capacity(a.len());
            let mut parts = Vec::with_capacity(a.len());
            for &n in a {
                if !pystr::check(n) {
                    return Err(errors::type_error("attribute name must be a string"));
                }
                names.push(Owned::from_borrowed(n));
                let s = pystr::as_str(n)?;
                parts.push(
                    s.split('.')
                        .map(|p| Owned::from_borrowed_static(pystr::intern(p)))
                        .collect(),
                );
            }
            new_obj(tp, AttrGetter { names, parts })
        }
    })
}

unsafe extern "C" fn attrgetter_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an attrgetter.
        unsafe {
            let obj = one_arg("attrgetter", args, kwargs)?;
            let parts: Vec<Vec<Owned>> = state::<AttrGetter>(op).parts.clone();
            let fetch = |path: &Vec<Owned>| -> PyResult<Owned> {
                let mut cur = Owned::from_borrowed(obj);
                for name in path {
                    cur = protocol::getattr(cur.as_ptr(), name.as_ptr())?;
                }
                Ok(cur)
            };
            if let [one] = parts.as_slice() {
                return fetch(one);
            }
            let vals = parts.iter().map(fetch).collect::<PyResult<Vec<_>>>()?;
            tuple::from_vec(vals)
        }
    })
}

unsafe extern "C" fn attrgetter_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an attrgetter.
        unsafe {
            repr_call(op, || {
                state::<AttrGetter>(op)
                    .names
                    .clone()
                    .iter()
                    .map(|x| protocol::repr_string(x.as_ptr()))
                    .collect()
            })
        }
    })
}

meth_noargs!(attrgetter_reduce, |op| {
    let names: Vec<Owned> = state::<AttrGetter>(op).names.clone();
    let t = tuple::from_vec(names)?;
    tuple::pack(&[(*op).ob_type.cast(), t.as_ptr()])
});

unsafe extern "C" fn methodcaller_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple; kwargs NULL or a dict.
        unsafe {
            let a = tuple::items(args);
            let Some(&name) = a.first() else {
                return Err(errors::type_error(
                    "methodcaller needs at least one argument, the method name",
                ));
            };
            if !pystr::check(name) {
                return Err(errors::type_error("method name must be a string"));
            }
            let kw = if kwargs.is_null() {
                dict::new()?
            } else {
                dict::copy(kwargs)?
            };
            new_obj(
                tp,
                MethodCaller {
                    name: Some(Owned::from_borrowed(name)),
                    args: Some(tuple::from_slice(&a[1..])?),
                    kwargs: Some(kw),
                },
            )
        }
    })
}

/// The name, arguments and keywords of a methodcaller.
unsafe fn mc_parts(op: *mut PyObject) -> PyResult<(Owned, Owned, Owned)> {
    // SAFETY: op is a methodcaller.
    unsafe {
        let m = state::<MethodCaller>(op);
        match (m.name.clone(), m.args.clone(), m.kwargs.clone()) {
            (Some(n), Some(a), Some(k)) => Ok((n, a, k)),
            _ => Err(errors::type_error("methodcaller object is cleared")),
        }
    }
}

unsafe extern "C" fn methodcaller_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a methodcaller.
        unsafe {
            let obj = one_arg("methodcaller", args, kwargs)?;
            let (name, a, k) = mc_parts(op)?;
            let m = protocol::getattr(obj, name.as_ptr())?;
            let kw = if dict::len(k.as_ptr()) == 0 {
                std::ptr::null_mut()
            } else {
                k.as_ptr()
            };
            protocol::call(m.as_ptr(), a.as_ptr(), kw)
        }
    })
}

unsafe extern "C" fn methodcaller_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a methodcaller.
        unsafe {
            repr_call(op, || {
                let (name, a, k) = mc_parts(op)?;
                let mut parts = vec![protocol::repr_string(name.as_ptr())?];
                for &x in tuple::items(a.as_ptr()) {
                    parts.push(protocol::repr_string(x)?);
                }
                let mut pos = 0;
                while let Some((key, v)) = dict::next(k.as_ptr(), &mut pos) {
                    parts.push(format!(
                        "{}={}",
                        pystr::as_str(key)?,
                        protocol::repr_string(v)?
                    ));
                }
                Ok(parts)
            })
        }
    })
}

meth_noargs!(methodcaller_reduce, |op| {
    let (name, a, k) = mc_parts(op)?;
    let tp: *mut PyObject = (*op).ob_type.cast();
    if dict::len(k.as_ptr()) == 0 {
        let mut all = vec![name.as_ptr()];
        all.extend_from_slice(tuple::items(a.as_ptr()));
        let t = tuple::from_slice(&all)?;
        return tuple::pack(&[tp, t.as_ptr()]);
    }
    crate::object::typeobj::ready(&raw mut crate::modules::functools::PARTIAL_TYPE)?;
    let pargs = tuple::pack(&[tp, name.as_ptr()])?;
    let partial = protocol::call(
        (&raw mut crate::modules::functools::PARTIAL_TYPE).cast(),
        pargs.as_ptr(),
        k.as_ptr(),
    )?;
    tuple::pack(&[partial.as_ptr(), a.as_ptr()])
});
