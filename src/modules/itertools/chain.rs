//! The iterators over several sources or a window of one: `chain`
//! (and `chain.from_iterable`), `zip_longest`, `islice`.
use super::{iter_type, BASE};
use crate::capi::boundary::{guard_iter, guard_obj};
use crate::ffi::*;
use crate::modules::args::arity;
use crate::modules::objtype::{meth_o, new_obj, no_keywords, some, state, state_refs};
use crate::object::descr::{method, METHOD_END};
use crate::object::exceptions::PyExc_OverflowError;
use crate::object::typeobj::positional_ctor_kwargs;
use crate::object::{dict, none, number, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// `chain`: the iterator over the iterables, and the one being drained.
pub struct Chain {
    source: Option<Owned>,
    active: Option<Owned>,
}
state_refs!(Chain, source, active);

pub static mut CHAIN_TYPE: PyTypeObject = PyTypeObject {
    tp_methods: (&raw const CHAIN_METHODS).cast_mut().cast(),
    ..iter_type::<Chain>(c"itertools.chain", Some(chain_new), Some(chain_next), BASE)
};

static CHAIN_METHODS: [PyMethodDef; 2] = [
    method(
        c"from_iterable",
        chain_from_iterable as *const libc::c_void,
        METH_O | METH_CLASS,
    ),
    METHOD_END,
];

unsafe extern "C" fn chain_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            no_keywords("chain", positional_ctor_kwargs(tp, kwargs))?;
            let source = protocol::get_iter(args)?;
            new_obj(
                tp,
                Chain {
                    source: Some(source),
                    active: None,
                },
            )
        }
    })
}

meth_o!(chain_from_iterable, |cls, iterable| {
    let source = protocol::get_iter(iterable)?;
    new_obj(
        cls.cast(),
        Chain {
            source: Some(source),
            active: None,
        },
    )
});

unsafe extern "C" fn chain_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a chain.
        unsafe {
            loop {
                if let Some(active) = state::<Chain>(op).active.clone() {
                    if let Some(v) = protocol::iter_next(active.as_ptr())? {
                        return Ok(Some(v));
                    }
                    state::<Chain>(op).active = None;
                }
                let Some(source) = state::<Chain>(op).source.clone() else {
                    return Ok(None);
                };
                let Some(iterable) = protocol::iter_next(source.as_ptr())? else {
                    state::<Chain>(op).source = None;
                    return Ok(None);
                };
                let it = protocol::get_iter(iterable.as_ptr())?;
                state::<Chain>(op).active = Some(it);
            }
        }
    })
}

/// `zip_longest`: the iterators, which of them are still running, and
/// the fill value.
pub struct ZipLongest {
    iters: Vec<Owned>,
    active: Vec<bool>,
    numactive: usize,
    fill: Option<Owned>,
}
state_refs!(ZipLongest, iters, fill);

pub static mut ZIP_LONGEST_TYPE: PyTypeObject = iter_type::<ZipLongest>(
    c"itertools.zip_longest",
    Some(zip_longest_new),
    Some(zip_longest_next),
    BASE,
);

unsafe extern "C" fn zip_longest_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            let mut fill = none::none();
            if !kwargs.is_null() {
                let mut pos = 0;
                while let Some((k, v)) = dict::next(kwargs, &mut pos) {
                    let key = pystr::as_str(k)?;
                    if key != "fillvalue" {
                        return Err(errors::type_error(format!(
                            "zip_longest() got an unexpected keyword argument '{key}'"
                        )));
                    }
                    fill = v;
                }
            }
            let iters = tuple::items(args)
                .iter()
                .map(|&a| protocol::get_iter(a))
                .collect::<PyResult<Vec<_>>>()?;
            let n = iters.len();
            new_obj(
                tp,
                ZipLongest {
                    iters,
                    active: vec![true; n],
                    numactive: n,
                    fill: some(fill),
                },
            )
        }
    })
}

unsafe extern "C" fn zip_longest_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a zip_longest.
        unsafe {
            let z = state::<ZipLongest>(op);
            if z.iters.is_empty() || z.numactive == 0 {
                return Ok(None);
            }
            let n = z.iters.len();
            let mut items = Vec::with_capacity(n);
            for i in 0..n {
                let z = state::<ZipLongest>(op);
                if i >= z.iters.len() {
                    return Ok(None);
                }
                let fill = z
                    .fill
                    .clone()
                    .unwrap_or_else(|| Owned::from_borrowed_static(none::none()));
                if !z.active[i] {
                    items.push(fill);
                    continue;
                }
                let it = z.iters[i].clone();
                match protocol::iter_next(it.as_ptr())? {
                    Some(v) => items.push(v),
                    None => {
                        let z = state::<ZipLongest>(op);
                        z.active[i] = false;
                        z.numactive -= 1;
                        if z.numactive == 0 {
                            return Ok(None);
                        }
                        items.push(fill);
                    }
                }
            }
            tuple::from_vec(items).map(Some)
        }
    })
}

/// `islice`: the source, the index of the next item to give, the stop
/// index (`None` for no limit), the step, and the count consumed.
pub struct Islice {
    it: Option<Owned>,
    next: isize,
    stop: Option<isize>,
    step: isize,
    cnt: isize,
}
state_refs!(Islice, it);

pub static mut ISLICE_TYPE: PyTypeObject = iter_type::<Islice>(
    c"itertools.islice",
    Some(islice_new),
    Some(islice_next),
    BASE,
);

/// An islice index: `None` or an int in `0..=sys.maxsize`.
unsafe fn islice_index(v: *mut PyObject, msg: &str) -> PyResult<Option<isize>> {
    // SAFETY: v valid.
    unsafe {
        if v == none::none() {
            return Ok(None);
        }
        match number::as_ssize(v, PyExc_OverflowError) {
            Ok(n) if n >= 0 => Ok(Some(n)),
            Ok(_) => Err(errors::value_error(msg)),
            Err(_) => {
                errors::clear();
                Err(errors::value_error(msg))
            }
        }
    }
}

unsafe extern "C" fn islice_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    const STOP: &str =
        "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    const INDICES: &str = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            no_keywords("islice", positional_ctor_kwargs(tp, kwargs))?;
            let a = tuple::items(args);
            arity("islice", a, 2, 4)?;
            let (start, stop, step) = if a.len() == 2 {
                (Some(0), islice_index(a[1], STOP)?, Some(1))
            } else {
                let start = islice_index(a[1], INDICES)?;
                let stop = islice_index(a[2], STOP)?;
                let step = match a.get(3) {
                    None => Some(1),
                    Some(&s) if s == none::none() => Some(1),
                    Some(&s) => match number::as_ssize(s, PyExc_OverflowError) {
                        Ok(v) => Some(v),
                        Err(_) => {
                            errors::clear();
                            None
                        }
                    },
                };
                (start.or(Some(0)), stop, step)
            };
            let step = match step {
                Some(s) if s >= 1 => s,
                _ => {
                    return Err(errors::value_error(
                        "Step for islice() must be a positive integer or None.",
                    ))
                }
            };
            let it = protocol::get_iter(a[0])?;
            new_obj(
                tp,
                Islice {
                    it: Some(it),
                    next: start.unwrap_or(0),
                    stop,
                    step,
                    cnt: 0,
                },
            )
        }
    })
}

unsafe extern "C" fn islice_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is an islice.
        unsafe {
            let Some(it) = state::<Islice>(op).it.clone() else {
                return Ok(None);
            };
            let finish = |op: *mut PyObject| {
                state::<Islice>(op).it = None;
                Ok(None)
            };
            loop {
                let s = state::<Islice>(op);
                if s.cnt >= s.next {
                    break;
                }
                if protocol::iter_next(it.as_ptr())?.is_none() {
                    return finish(op);
                }
                state::<Islice>(op).cnt += 1;
            }
            let s = state::<Islice>(op);
            if s.stop.is_some_and(|stop| s.cnt >= stop) {
                return finish(op);
            }
            let Some(v) = protocol::iter_next(it.as_ptr())? else {
                return finish(op);
            };
            let s = state::<Islice>(op);
            s.cnt += 1;
            s.next = match s.next.checked_add(s.step) {
                Some(n) if s.stop.is_none_or(|stop| n <= stop) => n,
                _ => s.stop.unwrap_or(isize::MAX),
            };
            Ok(Some(v))
        }
    })
}
