//! `mappingproxy` (`PyDictProxy_Type`): a read-only view of a mapping, as
//! `Objects/descrobject.c` defines it. `type.__dict__` is one of these.
use crate::capi::boundary::{guard, guard_int, guard_obj};
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::{type_name, type_template};
use crate::object::{descr, dict, list, number, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// Layout of a mappingproxy.
#[repr(C)]
pub struct MappingProxyObject {
    pub ob_base: PyObject,
    pub mapping: *mut PyObject,
}

/// `PyDictProxy_Type`.
#[no_mangle]
pub static mut PyDictProxy_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_MAPPING,
    tp_dealloc: Some(proxy_dealloc),
    tp_repr: Some(proxy_repr),
    tp_str: Some(proxy_str),
    tp_as_number: &raw mut PROXY_AS_NUMBER,
    tp_as_sequence: &raw mut PROXY_AS_SEQUENCE,
    tp_as_mapping: &raw mut PROXY_AS_MAPPING,
    tp_traverse: Some(proxy_traverse),
    tp_richcompare: Some(proxy_richcompare),
    tp_iter: Some(proxy_iter),
    tp_methods: (&raw const PROXY_METHODS).cast_mut().cast(),
    tp_new: Some(proxy_new),
    tp_doc: c"A view of a mapping that cannot change it.".as_ptr(),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    ..type_template(
        c"mappingproxy",
        std::mem::size_of::<MappingProxyObject>(),
        0,
    )
};

static mut PROXY_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(proxy_len),
    mp_subscript: Some(proxy_getitem),
    mp_ass_subscript: None,
};

static mut PROXY_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_contains: Some(proxy_contains),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static mut PROXY_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_or: Some(proxy_or),
    nb_inplace_or: Some(proxy_ior),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

static PROXY_METHODS: [PyMethodDef; 7] = [
    descr::method(c"get", proxy_get as *const c_void, METH_FASTCALL),
    descr::method(c"keys", proxy_keys as *const c_void, METH_NOARGS),
    descr::method(c"values", proxy_values as *const c_void, METH_NOARGS),
    descr::method(c"items", proxy_items as *const c_void, METH_NOARGS),
    descr::method(c"copy", proxy_copy as *const c_void, METH_NOARGS),
    descr::method(
        c"__reversed__",
        proxy_reversed as *const c_void,
        METH_NOARGS,
    ),
    descr::METHOD_END,
];

#[inline(always)]
unsafe fn mapping(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a mappingproxy.
    unsafe { (*op.cast::<MappingProxyObject>()).mapping }
}

/// `mappingproxy_check_mapping`: a mapping that is not a list or tuple.
unsafe fn check_mapping(m: *mut PyObject) -> PyResult<()> {
    // SAFETY: m valid.
    unsafe {
        let mp = (*(*m).ob_type).tp_as_mapping;
        let is_mapping = !mp.is_null() && (*mp).mp_subscript.is_some();
        if !is_mapping || list::check(m) || tuple::check(m) {
            return Err(errors::type_error(format!(
                "mappingproxy() argument must be a mapping, not {}",
                type_name(m)
            )));
        }
        Ok(())
    }
}

/// `PyDictProxy_New`: a read-only proxy of `m`.
pub unsafe fn new(m: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: m valid; the type is static.
    unsafe {
        check_mapping(m)?;
        let op = crate::object::alloc::generic_alloc(&raw mut PyDictProxy_Type, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        (*op.cast::<MappingProxyObject>()).mapping = new_ref(m);
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

unsafe extern "C" fn proxy_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kw NULL or a dict.
        unsafe {
            let a = tuple::items(args);
            let nkw = if kw.is_null() {
                0
            } else {
                dict::len(kw) as usize
            };
            let mut m = a.first().copied().unwrap_or(null_mut());
            if nkw > 0 {
                let v = dict::get_item_known_hash_str(kw, crate::interned!("mapping"));
                if v.is_null() || nkw > 1 || !m.is_null() {
                    return Err(errors::type_error(
                        "mappingproxy() takes exactly one argument (mapping)",
                    ));
                }
                m = v;
            }
            if m.is_null() || a.len() > 1 {
                return Err(errors::type_error(
                    "mappingproxy() missing required argument 'mapping' (pos 1)",
                ));
            }
            new(m)
        }
    })
}

unsafe extern "C" fn proxy_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        xdecref(mapping(op));
        crate::capi::gc::PyObject_GC_Del(op.cast());
    }
}

unsafe extern "C" fn proxy_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: op is a mappingproxy.
    unsafe {
        match visit {
            Some(v) => v(mapping(op), arg),
            None => 0,
        }
    }
}

unsafe extern "C" fn proxy_len(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a mappingproxy.
    guard_int(|| unsafe { protocol::len(mapping(op)) })
}

unsafe extern "C" fn proxy_getitem(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a mappingproxy.
    guard_obj(|| unsafe { protocol::get_item(mapping(op), key) })
}

unsafe extern "C" fn proxy_contains(op: *mut PyObject, key: *mut PyObject) -> c_int {
    guard_int(|| {
        // SAFETY: op is a mappingproxy.
        unsafe {
            let m = mapping(op);
            if dict::check_exact(m) {
                return dict::contains(m, key).map(c_int::from);
            }
            protocol::contains(m, key).map(c_int::from)
        }
    })
}

unsafe extern "C" fn proxy_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a mappingproxy.
    guard_obj(|| unsafe { protocol::get_iter(mapping(op)) })
}

unsafe extern "C" fn proxy_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a mappingproxy.
        unsafe {
            let r = protocol::repr(mapping(op))?;
            pystr::from_str(&format!("mappingproxy({})", pystr::as_str(r.as_ptr())?))
        }
    })
}

unsafe extern "C" fn proxy_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a mappingproxy.
    guard_obj(|| unsafe { protocol::str_(mapping(op)) })
}

unsafe extern "C" fn proxy_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    // SAFETY: a is a mappingproxy.
    guard_obj(|| unsafe { protocol::rich_compare(mapping(a), b, op) })
}

unsafe extern "C" fn proxy_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a and b valid.
        unsafe {
            let tp = &raw mut PyDictProxy_Type;
            let a = if (*a).ob_type == tp { mapping(a) } else { a };
            let b = if (*b).ob_type == tp { mapping(b) } else { b };
            number::binary_op(a, b, |nb| nb.nb_or, "|")
        }
    })
}

unsafe extern "C" fn proxy_ior(a: *mut PyObject, _b: *mut PyObject) -> *mut PyObject {
    guard(|| {
        // SAFETY: a valid.
        let name = unsafe { type_name(a) };
        errors::type_error(format!("'|=' is not supported by {name}; use '|' instead"));
        null_mut()
    })
}

unsafe extern "C" fn proxy_get(
    op: *mut PyObject,
    args: *const *mut PyObject,
    n: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args holds n objects.
        unsafe {
            dict::check_nargs("get", n as usize, 1, 2)?;
            let args = std::slice::from_raw_parts(args, n as usize);
            protocol::call_method_obj(mapping(op), "get", args)
        }
    })
}

macro_rules! forward {
    ($($f:ident => $name:literal),*) => {$(
        unsafe extern "C" fn $f(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
            // SAFETY: op is a mappingproxy.
            guard_obj(|| unsafe { protocol::call_method_obj(mapping(op), $name, &[]) })
        }
    )*};
}

forward!(
    proxy_keys => "keys",
    proxy_values => "values",
    proxy_items => "items",
    proxy_copy => "copy",
    proxy_reversed => "__reversed__"
);
