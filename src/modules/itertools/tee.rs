//! `tee`, its iterators (`_tee`) and the shared buffer they read
//! (`_tee_dataobject`): a linked list of blocks of up to `LINKCELLS`
//! values read from the source, which every `_tee` walks at its own pace.
use super::iter_type;
use crate::capi::boundary::{guard_iter, guard_obj};
use crate::ffi::*;
use crate::modules::args::{arity, builtin};
use crate::modules::objtype::{
    meth_noargs, new_obj, parse, ptr, some, state, Obj, Refs, State, Visit,
};
use crate::object::descr::{method, METHOD_END};
use crate::object::exceptions::PyExc_OverflowError;
use crate::object::{number, protocol, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// Values per data block.
const LINKCELLS: usize = 57;

/// `_tee_dataobject`: the source, the values read into this block, whether
/// a read is in progress, and the next block.
pub struct TeeData {
    it: Option<Owned>,
    values: Vec<Owned>,
    running: bool,
    nextlink: Option<Owned>,
}

impl State for TeeData {
    fn traverse(&self, v: Visit) -> libc::c_int {
        for r in [
            self.it.visit(v),
            self.values.visit(v),
            self.nextlink.visit(v),
        ] {
            if r != 0 {
                return r;
            }
        }
        0
    }
    fn clear(&mut self) {
        self.it = None;
        self.values.clear();
        unlink(self.nextlink.take());
    }
}

impl Drop for TeeData {
    fn drop(&mut self) {
        unlink(self.nextlink.take());
    }
}

/// Releases a chain of blocks one at a time, so that a long chain does
/// not recurse in deallocation.
fn unlink(mut next: Option<Owned>) {
    while let Some(n) = next {
        // SAFETY: n is a data block; when we hold its only reference nobody
        // else reads its link.
        next = unsafe {
            if (*n.as_ptr()).ob_refcnt == 1 {
                state::<TeeData>(n.as_ptr()).nextlink.take()
            } else {
                None
            }
        };
        drop(n);
    }
}

pub static mut TEEDATA_TYPE: PyTypeObject =
    crate::modules::objtype::gc_type::<TeeData>(c"itertools._tee_dataobject", 0);

/// `_tee`: the weak reference list, the block and the index in it.
#[repr(C)]
pub struct Tee {
    weakreflist: *mut PyObject,
    dataobj: Option<Owned>,
    index: usize,
}

impl State for Tee {
    fn traverse(&self, v: Visit) -> libc::c_int {
        self.dataobj.visit(v)
    }
    fn clear(&mut self) {
        self.dataobj = None;
    }
}

pub static mut TEE_TYPE: PyTypeObject = PyTypeObject {
    tp_methods: (&raw const TEE_METHODS).cast_mut().cast(),
    tp_weaklistoffset: std::mem::offset_of!(Obj<Tee>, state.weakreflist) as Py_ssize_t,
    ..iter_type::<Tee>(c"itertools._tee", Some(tee_new), Some(tee_next), 0)
};

static TEE_METHODS: [PyMethodDef; 2] = [
    method(c"__copy__", tee_copy as *const libc::c_void, METH_NOARGS),
    METHOD_END,
];

unsafe fn new_data(it: Owned) -> PyResult<Owned> {
    // SAFETY: the type is static.
    unsafe {
        new_obj(
            &raw mut TEEDATA_TYPE,
            TeeData {
                it: Some(it),
                values: Vec::new(),
                running: false,
                nextlink: None,
            },
        )
    }
}

unsafe fn new_tee(dataobj: *mut PyObject, index: usize) -> PyResult<Owned> {
    // SAFETY: dataobj is a data block.
    unsafe {
        new_obj(
            &raw mut TEE_TYPE,
            Tee {
                weakreflist: std::ptr::null_mut(),
                dataobj: some(dataobj),
                index,
            },
        )
    }
}

/// A `_tee` over `iterable`: a copy when its iterator is a `_tee` already.
unsafe fn from_iterable(iterable: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: iterable valid.
    unsafe {
        let it = protocol::get_iter(iterable)?;
        if (*it.as_ptr()).ob_type == &raw mut TEE_TYPE {
            let t = state::<Tee>(it.as_ptr());
            return new_tee(ptr(&t.dataobj), t.index);
        }
        let d = new_data(it)?;
        new_tee(d.as_ptr(), 0)
    }
}

unsafe extern "C" fn tee_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            let [iterable] = parse("_tee", args, kwargs, ["iterable"], 1, 1)?;
            from_iterable(iterable)
        }
    })
}

meth_noargs!(tee_copy, |op| {
    let t = state::<Tee>(op);
    new_tee(ptr(&t.dataobj), t.index)
});

/// The value at `i` of block `d`, reading it from the source when `i` is
/// the first unread slot.
unsafe fn data_item(d: *mut PyObject, i: usize) -> PyResult<Option<Owned>> {
    // SAFETY: d is a data block.
    unsafe {
        let s = state::<TeeData>(d);
        if i < s.values.len() {
            return Ok(Some(s.values[i].clone()));
        }
        if s.running {
            return Err(errors::runtime_error("cannot re-enter the tee iterator"));
        }
        let Some(it) = s.it.clone() else {
            return Ok(None);
        };
        s.running = true;
        let r = protocol::iter_next(it.as_ptr());
        let s = state::<TeeData>(d);
        s.running = false;
        let Some(v) = r? else {
            return Ok(None);
        };
        s.values.push(v.clone());
        Ok(Some(v))
    }
}

unsafe extern "C" fn tee_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a _tee; its dataobj a data block.
        unsafe {
            let t = state::<Tee>(op);
            let Some(mut d) = t.dataobj.clone() else {
                return Ok(None);
            };
            if t.index >= LINKCELLS {
                let ds = state::<TeeData>(d.as_ptr());
                let next = match ds.nextlink.clone() {
                    Some(n) => n,
                    None => {
                        let it = ds.it.clone();
                        let n = match it {
                            Some(it) => new_data(it)?,
                            None => return Ok(None),
                        };
                        state::<TeeData>(d.as_ptr()).nextlink = Some(n.clone());
                        n
                    }
                };
                let t = state::<Tee>(op);
                t.dataobj = Some(next.clone());
                t.index = 0;
                d = next;
            }
            let index = state::<Tee>(op).index;
            let v = data_item(d.as_ptr(), index)?;
            if v.is_some() {
                state::<Tee>(op).index += 1;
            }
            Ok(v)
        }
    })
}

builtin!(tee_function, |args, kws| {
    crate::modules::args::no_kwargs("tee", &kws)?;
    arity("tee", args, 1, 2)?;
    let n = match args.get(1) {
        Some(&n) => number::as_ssize(n, PyExc_OverflowError)?,
        None => 2,
    };
    if n < 0 {
        return Err(errors::value_error("n must be >= 0"));
    }
    if n == 0 {
        return Ok(tuple::empty());
    }
    let it = protocol::get_iter(args[0])?;
    let (first, copy) = match protocol::getattr_opt(it.as_ptr(), crate::interned!("__copy__"))? {
        Some(c) => (it, c),
        None => {
            let t = from_iterable(it.as_ptr())?;
            let c = protocol::getattr_str(t.as_ptr(), "__copy__")?;
            (t, c)
        }
    };
    let mut items = Vec::with_capacity(n as usize);
    items.push(first);
    for _ in 1..n {
        items.push(protocol::call_args(copy.as_ptr(), &[])?);
    }
    tuple::from_vec(items)
});

/// `itertools.tee` in the module's method table.
pub const TEE_FUNCTION: PyMethodDef = method(
    c"tee",
    tee_function as *const libc::c_void,
    METH_FASTCALL | METH_KEYWORDS,
);
