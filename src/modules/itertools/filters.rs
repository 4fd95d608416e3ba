//! The iterators that map, filter or regroup one source: `accumulate`,
//! `batched`, `compress`, `dropwhile`, `takewhile`, `filterfalse`,
//! `starmap`, `pairwise`.
use super::{iter_type, BASE};
use crate::capi::boundary::{guard_iter, guard_obj};
use crate::ffi::*;
use crate::modules::objtype::{max_positional, new_obj, parse, some, state, state_refs};
use crate::object::{none, number, protocol, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// Declares a constructor: parses the arguments with `parse`, then builds
/// the state from the parsed array.
macro_rules! ctor {
    ($name:ident, $fname:literal, $names:expr, $npos:expr, $req:expr, |$tp:ident, $args:ident, $kwargs:ident, $a:ident| $body:expr) => {
        unsafe extern "C" fn $name(
            $tp: *mut PyTypeObject,
            $args: *mut PyObject,
            $kwargs: *mut PyObject,
        ) -> *mut PyObject {
            guard_obj(|| {
                // SAFETY: args a tuple, kwargs NULL or a dict.
                unsafe {
                    #[allow(unused_variables)]
                    let kw = if $npos == $names.len() {
                        crate::object::typeobj::positional_ctor_kwargs($tp, $kwargs)
                    } else {
                        $kwargs
                    };
                    let $a = parse($fname, $args, kw, $names, $npos, $req)?;
                    $body
                }
            })
        }
    };
}
pub(super) use ctor;

/// `func` and the source iterator, plus a flag (`dropwhile`'s "started",
/// `takewhile`'s "stopped").
pub struct Pred {
    func: Option<Owned>,
    it: Option<Owned>,
    flag: bool,
}
state_refs!(Pred, func, it);

pub static mut DROPWHILE_TYPE: PyTypeObject = iter_type::<Pred>(
    c"itertools.dropwhile",
    Some(dropwhile_new),
    Some(dropwhile_next),
    BASE,
);
pub static mut TAKEWHILE_TYPE: PyTypeObject = iter_type::<Pred>(
    c"itertools.takewhile",
    Some(takewhile_new),
    Some(takewhile_next),
    BASE,
);
pub static mut FILTERFALSE_TYPE: PyTypeObject = iter_type::<Pred>(
    c"itertools.filterfalse",
    Some(filterfalse_new),
    Some(filterfalse_next),
    BASE,
);
pub static mut STARMAP_TYPE: PyTypeObject = iter_type::<Pred>(
    c"itertools.starmap",
    Some(starmap_new),
    Some(starmap_next),
    BASE,
);

unsafe fn pred(tp: *mut PyTypeObject, func: *mut PyObject, seq: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: both valid.
    unsafe {
        let it = protocol::get_iter(seq)?;
        new_obj(
            tp,
            Pred {
                func: some(func),
                it: Some(it),
                flag: false,
            },
        )
    }
}

ctor!(
    dropwhile_new,
    "dropwhile",
    ["predicate", "iterable"],
    2,
    2,
    |tp, args, kwargs, a| pred(tp, a[0], a[1])
);
ctor!(
    takewhile_new,
    "takewhile",
    ["predicate", "iterable"],
    2,
    2,
    |tp, args, kwargs, a| pred(tp, a[0], a[1])
);
ctor!(
    filterfalse_new,
    "filterfalse",
    ["function", "iterable"],
    2,
    2,
    |tp, args, kwargs, a| pred(tp, a[0], a[1])
);
ctor!(
    starmap_new,
    "starmap",
    ["function", "iterable"],
    2,
    2,
    |tp, args, kwargs, a| pred(tp, a[0], a[1])
);

/// The next item of `op`'s source iterator (a `Pred`), `None` at the end.
unsafe fn pred_item(op: *mut PyObject) -> PyResult<Option<(Owned, Owned)>> {
    // SAFETY: op is a Pred object.
    unsafe {
        let p = state::<Pred>(op);
        let (Some(func), Some(it)) = (p.func.clone(), p.it.clone()) else {
            return Ok(None);
        };
        Ok(protocol::iter_next(it.as_ptr())?.map(|v| (func, v)))
    }
}

unsafe extern "C" fn dropwhile_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a dropwhile.
        unsafe {
            loop {
                let Some((func, v)) = pred_item(op)? else {
                    return Ok(None);
                };
                if state::<Pred>(op).flag {
                    return Ok(Some(v));
                }
                let r = protocol::call_args(func.as_ptr(), &[v.as_ptr()])?;
                if !protocol::is_true(r.as_ptr())? {
                    state::<Pred>(op).flag = true;
                    return Ok(Some(v));
                }
            }
        }
    })
}

unsafe extern "C" fn takewhile_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a takewhile.
        unsafe {
            if state::<Pred>(op).flag {
                return Ok(None);
            }
            let Some((func, v)) = pred_item(op)? else {
                return Ok(None);
            };
            let r = protocol::call_args(func.as_ptr(), &[v.as_ptr()])?;
            if protocol::is_true(r.as_ptr())? {
                return Ok(Some(v));
            }
            state::<Pred>(op).flag = true;
            Ok(None)
        }
    })
}

unsafe extern "C" fn filterfalse_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a filterfalse.
        unsafe {
            loop {
                let Some((func, v)) = pred_item(op)? else {
                    return Ok(None);
                };
                let keep = if func.as_ptr() == none::none()
                    || func.as_ptr() == (&raw mut crate::object::bool::PyBool_Type).cast()
                {
                    !protocol::is_true(v.as_ptr())?
                } else {
                    let r = protocol::call_args(func.as_ptr(), &[v.as_ptr()])?;
                    !protocol::is_true(r.as_ptr())?
                };
                if keep {
                    return Ok(Some(v));
                }
            }
        }
    })
}

unsafe extern "C" fn starmap_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a starmap.
        unsafe {
            let Some((func, v)) = pred_item(op)? else {
                return Ok(None);
            };
            let args = if tuple::check_exact(v.as_ptr()) {
                v
            } else {
                tuple::from_iterable(v.as_ptr())?
            };
            protocol::call(func.as_ptr(), args.as_ptr(), std::ptr::null_mut()).map(Some)
        }
    })
}

/// `compress`: `data` items whose `selectors` item is true.
pub struct Compress {
    data: Option<Owned>,
    selectors: Option<Owned>,
}
state_refs!(Compress, data, selectors);

pub static mut COMPRESS_TYPE: PyTypeObject = iter_type::<Compress>(
    c"itertools.compress",
    Some(compress_new),
    Some(compress_next),
    BASE,
);

ctor!(
    compress_new,
    "compress",
    ["data", "selectors"],
    0,
    2,
    |tp, args, kwargs, a| {
        let data = protocol::get_iter(a[0])?;
        let selectors = protocol::get_iter(a[1])?;
        new_obj(
            tp,
            Compress {
                data: Some(data),
                selectors: Some(selectors),
            },
        )
    }
);

unsafe extern "C" fn compress_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a compress.
        unsafe {
            let c = state::<Compress>(op);
            let (Some(data), Some(sel)) = (c.data.clone(), c.selectors.clone()) else {
                return Ok(None);
            };
            loop {
                let Some(d) = protocol::iter_next(data.as_ptr())? else {
                    return Ok(None);
                };
                let Some(s) = protocol::iter_next(sel.as_ptr())? else {
                    return Ok(None);
                };
                if protocol::is_true(s.as_ptr())? {
                    return Ok(Some(d));
                }
            }
        }
    })
}

/// `accumulate`: running totals with `+` or `func`, optionally starting
/// with `initial`.
pub struct Accumulate {
    it: Option<Owned>,
    func: Option<Owned>,
    total: Option<Owned>,
    initial: Option<Owned>,
}
state_refs!(Accumulate, it, func, total, initial);

pub static mut ACCUMULATE_TYPE: PyTypeObject = iter_type::<Accumulate>(
    c"itertools.accumulate",
    Some(accumulate_new),
    Some(accumulate_next),
    BASE,
);

ctor!(
    accumulate_new,
    "accumulate",
    ["iterable", "func", "initial"],
    0,
    1,
    |tp, args, kwargs, a| {
        max_positional("accumulate", args, 2)?;
        let it = protocol::get_iter(a[0])?;
        let opt = |p: *mut PyObject| {
            if p.is_null() || p == none::none() {
                None
            } else {
                some(p)
            }
        };
        new_obj(
            tp,
            Accumulate {
                it: Some(it),
                func: opt(a[1]),
                total: None,
                initial: opt(a[2]),
            },
        )
    }
);

unsafe extern "C" fn accumulate_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is an accumulate.
        unsafe {
            let s = state::<Accumulate>(op);
            if let Some(init) = s.initial.take() {
                s.total = Some(init.clone());
                return Ok(Some(init));
            }
            let Some(it) = s.it.clone() else {
                return Ok(None);
            };
            let Some(v) = protocol::iter_next(it.as_ptr())? else {
                return Ok(None);
            };
            let s = state::<Accumulate>(op);
            let new = match (s.total.clone(), s.func.clone()) {
                (None, _) => v,
                (Some(t), None) => number::add(t.as_ptr(), v.as_ptr())?,
                (Some(t), Some(f)) => protocol::call_args(f.as_ptr(), &[t.as_ptr(), v.as_ptr()])?,
            };
            state::<Accumulate>(op).total = Some(new.clone());
            Ok(Some(new))
        }
    })
}

/// `batched`: tuples of `n` items (the last may be shorter unless
/// `strict`).
pub struct Batched {
    it: Option<Owned>,
    n: usize,
    strict: bool,
}
state_refs!(Batched, it);

pub static mut BATCHED_TYPE: PyTypeObject = iter_type::<Batched>(
    c"itertools.batched",
    Some(batched_new),
    Some(batched_next),
    BASE,
);

ctor!(
    batched_new,
    "batched",
    ["iterable", "n", "strict"],
    0,
    2,
    |tp, args, kwargs, a| {
        max_positional("batched", args, 2)?;
        let n = number::as_ssize(a[1], crate::object::exceptions::PyExc_OverflowError)?;
        if n < 1 {
            return Err(errors::value_error("n must be at least one"));
        }
        let strict = !a[2].is_null() && protocol::is_true(a[2])?;
        let it = protocol::get_iter(a[0])?;
        new_obj(
            tp,
            Batched {
                it: Some(it),
                n: n as usize,
                strict,
            },
        )
    }
);

unsafe extern "C" fn batched_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a batched.
        unsafe {
            let b = state::<Batched>(op);
            let (Some(it), n, strict) = (b.it.clone(), b.n, b.strict) else {
                return Ok(None);
            };
            let mut items = Vec::with_capacity(n.min(1024));
            while items.len() < n {
                match protocol::iter_next(it.as_ptr()) {
                    Ok(Some(v)) => items.push(v),
                    Ok(None) => break,
                    Err(e) => {
                        state::<Batched>(op).it = None;
                        return Err(e);
                    }
                }
            }
            if items.len() < n {
                state::<Batched>(op).it = None;
                if items.is_empty() {
                    return Ok(None);
                }
                if strict {
                    return Err(errors::value_error("batched(): incomplete batch"));
                }
            }
            tuple::from_vec(items).map(Some)
        }
    })
}

/// `pairwise`: overlapping pairs of consecutive items.
pub struct Pairwise {
    it: Option<Owned>,
    old: Option<Owned>,
}
state_refs!(Pairwise, it, old);

pub static mut PAIRWISE_TYPE: PyTypeObject = iter_type::<Pairwise>(
    c"itertools.pairwise",
    Some(pairwise_new),
    Some(pairwise_next),
    BASE,
);

ctor!(
    pairwise_new,
    "pairwise",
    ["iterable"],
    1,
    1,
    |tp, args, kwargs, a| {
        let it = protocol::get_iter(a[0])?;
        new_obj(
            tp,
            Pairwise {
                it: Some(it),
                old: None,
            },
        )
    }
);

unsafe extern "C" fn pairwise_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a pairwise.
        unsafe {
            let Some(it) = state::<Pairwise>(op).it.clone() else {
                return Ok(None);
            };
            let old = match state::<Pairwise>(op).old.clone() {
                Some(o) => o,
                None => match protocol::iter_next(it.as_ptr())? {
                    Some(o) => {
                        state::<Pairwise>(op).old = Some(o.clone());
                        o
                    }
                    None => {
                        state::<Pairwise>(op).it = None;
                        return Ok(None);
                    }
                },
            };
            let Some(new) = protocol::iter_next(it.as_ptr())? else {
                let p = state::<Pairwise>(op);
                p.it = None;
                p.old = None;
                return Ok(None);
            };
            let r = tuple::pack(&[old.as_ptr(), new.as_ptr()])?;
            state::<Pairwise>(op).old = Some(new);
            Ok(Some(r))
        }
    })
}
