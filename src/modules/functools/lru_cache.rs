//! `functools._lru_cache_wrapper`: the callable that `functools.lru_cache`
//! and `functools.cache` return. The cache is a dict kept in recency
//! order (a hit moves its entry to the end; the first entry is the least
//! recently used).
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::objtype::{
    meth_noargs, meth_o, new_obj, parse, ptr, some, state, Obj, Refs, State, Visit,
};
use crate::object::descr::{method, METHOD_END};
use crate::object::exceptions::PyExc_OverflowError;
use crate::object::{dict, int, none, number, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// The state of a cache wrapper.
#[repr(C)]
pub struct LruCache {
    weakreflist: *mut PyObject,
    dict: *mut PyObject,
    func: Option<Owned>,
    cache: Option<Owned>,
    cache_info_type: Option<Owned>,
    /// `None`: unbounded.
    maxsize: Option<usize>,
    typed: bool,
    hits: u64,
    misses: u64,
}

impl State for LruCache {
    fn traverse(&self, v: Visit) -> c_int {
        for r in [
            self.func.visit(v),
            self.cache.visit(v),
            self.cache_info_type.visit(v),
        ] {
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
        self.cache = None;
        self.cache_info_type = None;
        // SAFETY: dict is NULL or a reference the object owns.
        unsafe { crate::object::refcount::xdecref(std::mem::replace(&mut self.dict, null_mut())) }
    }
}

impl Drop for LruCache {
    fn drop(&mut self) {
        // SAFETY: dict is NULL or a reference the object owns.
        unsafe { crate::object::refcount::xdecref(self.dict) }
    }
}

/// `functools._lru_cache_wrapper`.
pub static mut LRU_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_METHOD_DESCRIPTOR,
    tp_new: Some(lru_new),
    tp_call: Some(lru_call),
    tp_descr_get: Some(lru_descr_get),
    tp_methods: (&raw const LRU_METHODS).cast_mut().cast(),
    tp_getset: (&raw const crate::modules::objtype::DICT_GETSET)
        .cast_mut()
        .cast(),
    tp_dictoffset: std::mem::offset_of!(Obj<LruCache>, state.dict) as Py_ssize_t,
    tp_weaklistoffset: std::mem::offset_of!(Obj<LruCache>, state.weakreflist) as Py_ssize_t,
    ..crate::modules::objtype::gc_type::<LruCache>(c"functools._lru_cache_wrapper", 0)
};

static LRU_METHODS: [PyMethodDef; 6] = [
    PyMethodDef {
        ml_doc: c"cache_info($self, /)\n--\n\nThe hits, misses, maximum size and current size of the cache."
            .as_ptr(),
        ..method(c"cache_info", lru_cache_info as *const c_void, METH_NOARGS)
    },
    PyMethodDef {
        ml_doc: c"cache_clear($self, /)\n--\n\nEmpty the cache and reset its statistics.".as_ptr(),
        ..method(
            c"cache_clear",
            lru_cache_clear as *const c_void,
            METH_NOARGS,
        )
    },
    method(c"__reduce__", lru_reduce as *const c_void, METH_NOARGS),
    method(c"__copy__", lru_copy as *const c_void, METH_NOARGS),
    method(c"__deepcopy__", lru_deepcopy as *const c_void, METH_O),
    METHOD_END,
];

unsafe extern "C" fn lru_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            let [func, maxsize, typed, info] = parse(
                "lru_cache",
                args,
                kwargs,
                ["user_function", "maxsize", "typed", "cache_info_type"],
                0,
                4,
            )?;
            if (*(*func).ob_type).tp_call.is_none() {
                return Err(errors::type_error("the first argument must be callable"));
            }
            let maxsize = if maxsize == none::none() {
                None
            } else if number::index_check(maxsize) {
                Some(number::as_ssize(maxsize, PyExc_OverflowError)?.max(0) as usize)
            } else {
                return Err(errors::type_error("maxsize should be integer or None"));
            };
            let typed = protocol::is_true(typed)?;
            new_obj(
                tp,
                LruCache {
                    weakreflist: null_mut(),
                    dict: null_mut(),
                    func: some(func),
                    cache: Some(dict::new()?),
                    cache_info_type: some(info),
                    maxsize,
                    typed,
                    hits: 0,
                    misses: 0,
                },
            )
        }
    })
}

/// The cache key of a call: the lone argument itself when it is an exact
/// `str` or `int` (untyped, no keywords), else a tuple of the arguments,
/// a marker and the keyword pairs, then the types when `typed`.
unsafe fn make_key(args: *mut PyObject, kwargs: *mut PyObject, typed: bool) -> PyResult<Owned> {
    // SAFETY: args a tuple; kwargs NULL or a dict.
    unsafe {
        let a = tuple::items(args);
        let nkw = if kwargs.is_null() {
            0
        } else {
            dict::len(kwargs) as usize
        };
        if nkw == 0
            && !typed
            && a.len() == 1
            && (pystr::check_exact(a[0])
                || (*a[0]).ob_type == &raw mut crate::object::int::PyLong_Type)
        {
            return Ok(Owned::from_borrowed(a[0]));
        }
        if nkw == 0 && !typed {
            return Ok(Owned::from_borrowed(args));
        }
        let mut items: Vec<*mut PyObject> = a.to_vec();
        let mut kwvals = Vec::with_capacity(nkw);
        if nkw != 0 {
            items.push((&raw mut LRU_TYPE).cast());
            let mut pos = 0;
            while let Some((k, v)) = dict::next(kwargs, &mut pos) {
                items.push(k);
                items.push(v);
                kwvals.push(v);
            }
        }
        if typed {
            for &x in a.iter().chain(&kwvals) {
                items.push((*x).ob_type.cast());
            }
        }
        tuple::from_slice(&items)
    }
}

unsafe extern "C" fn lru_call(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a cache wrapper; args a tuple; kwargs NULL or a dict.
        unsafe {
            let c = state::<LruCache>(op);
            let (Some(func), Some(cache)) = (c.func.clone(), c.cache.clone()) else {
                return Err(errors::type_error("cache wrapper is cleared"));
            };
            if c.maxsize == Some(0) {
                c.misses += 1;
                return protocol::call(func.as_ptr(), args, kwargs);
            }
            let key = make_key(args, kwargs, c.typed)?;
            let cp = cache.as_ptr();
            let hit = dict::get_item(cp, key.as_ptr())?;
            if !hit.is_null() {
                let v = Owned::from_borrowed(hit);
                let c = state::<LruCache>(op);
                c.hits += 1;
                if c.maxsize.is_some() {
                    // Move the entry to the most recent end.
                    dict::del_item(cp, key.as_ptr())?;
                    dict::set_item(cp, key.as_ptr(), v.as_ptr())?;
                }
                return Ok(v);
            }
            state::<LruCache>(op).misses += 1;
            let r = protocol::call(func.as_ptr(), args, kwargs)?;
            if !dict::get_item(cp, key.as_ptr())?.is_null() {
                // A recursive call cached it meanwhile.
                return Ok(r);
            }
            dict::set_item(cp, key.as_ptr(), r.as_ptr())?;
            if let Some(m) = state::<LruCache>(op).maxsize {
                if dict::len(cp) as usize > m {
                    let mut pos = 0;
                    if let Some((k, _)) = dict::next(cp, &mut pos) {
                        let k = Owned::from_borrowed(k);
                        dict::del_item(cp, k.as_ptr())?;
                    }
                }
            }
            Ok(r)
        }
    })
}

unsafe extern "C" fn lru_descr_get(
    op: *mut PyObject,
    obj: *mut PyObject,
    _tp: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a cache wrapper; obj NULL or valid.
        unsafe {
            if obj.is_null() || obj == none::none() {
                return Ok(Owned::from_borrowed(op));
            }
            crate::vm::function::new_method(op, obj)
        }
    })
}

meth_noargs!(lru_cache_info, |op| {
    let c = state::<LruCache>(op);
    let cache = ptr(&c.cache);
    let size = if cache.is_null() {
        0
    } else {
        dict::len(cache) as i64
    };
    let hits = int::from_u64(c.hits)?;
    let misses = int::from_u64(c.misses)?;
    let maxsize = match c.maxsize {
        Some(m) => int::from_i64(m as i64)?,
        None => Owned::from_borrowed_static(none::none()),
    };
    let size = int::from_i64(size)?;
    let info = ptr(&c.cache_info_type);
    if info.is_null() {
        return Err(errors::type_error("cache wrapper is cleared"));
    }
    protocol::call_args(
        info,
        &[
            hits.as_ptr(),
            misses.as_ptr(),
            maxsize.as_ptr(),
            size.as_ptr(),
        ],
    )
});

meth_noargs!(lru_cache_clear, |op| {
    let c = state::<LruCache>(op);
    c.hits = 0;
    c.misses = 0;
    if let Some(cache) = c.cache.clone() {
        dict::clear(cache.as_ptr());
    }
    Ok(Owned::from_borrowed_static(none::none()))
});

meth_noargs!(lru_reduce, |op| protocol::getattr_str(op, "__qualname__"));

meth_noargs!(lru_copy, |op| Ok(Owned::from_borrowed(op)));

meth_o!(lru_deepcopy, |op, _memo| Ok(Owned::from_borrowed(op)));
