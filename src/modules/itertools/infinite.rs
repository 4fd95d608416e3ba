//! `count`, `cycle` and `repeat`.
use super::{iter_type, BASE};
use crate::capi::boundary::{guard_iter, guard_obj};
use crate::ffi::*;
use crate::modules::objtype::{
    meth_noargs, new_obj, parse, ptr, some, state, state_refs, type_short_name,
};
use crate::object::descr::{method, METHOD_END};
use crate::object::{int, list, number, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// `count`: the next value as `i64` while it fits and the step is 1,
/// else as objects.
pub struct Count {
    fast: Option<i64>,
    cnt: Option<Owned>,
    step: Option<Owned>,
}
state_refs!(Count, cnt, step);

pub static mut COUNT_TYPE: PyTypeObject = PyTypeObject {
    tp_repr: Some(count_repr),
    ..iter_type::<Count>(c"itertools.count", Some(count_new), Some(count_next), BASE)
};

/// `PyNumber_Check`.
unsafe fn is_number(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe {
        let nb = (*(*op).ob_type).tp_as_number;
        (!nb.is_null()
            && ((*nb).nb_index.is_some() || (*nb).nb_int.is_some() || (*nb).nb_float.is_some()))
            || crate::object::complex::check(op)
    }
}

unsafe extern "C" fn count_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            let [start, step] = parse("count", args, kwargs, ["start", "step"], 0, 0)?;
            if (!start.is_null() && !is_number(start)) || (!step.is_null() && !is_number(step)) {
                return Err(errors::type_error("a number is required"));
            }
            let start = if start.is_null() {
                int::small(0)
            } else {
                start
            };
            let step = if step.is_null() { int::small(1) } else { step };
            let step_one = int::check(step) && int::small_value(step) == Some(1);
            let fast = if step_one && int::check(start) {
                int::small_value(start).or_else(|| {
                    let v = int::as_i64(start).ok();
                    errors::clear();
                    v
                })
            } else {
                None
            };
            new_obj(
                tp,
                Count {
                    fast,
                    cnt: some(start),
                    step: some(step),
                },
            )
        }
    })
}

unsafe extern "C" fn count_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a count.
        unsafe {
            let c = state::<Count>(op);
            if let Some(v) = c.fast {
                match v.checked_add(1) {
                    Some(n) => c.fast = Some(n),
                    None => {
                        c.fast = None;
                        c.cnt = Some(int::from_i128(v as i128 + 1)?);
                    }
                }
                return int::from_i64(v).map(Some);
            }
            let (Some(cnt), Some(step)) = (&c.cnt, &c.step) else {
                return Ok(None);
            };
            let next = number::add(cnt.as_ptr(), step.as_ptr())?;
            Ok(c.cnt.replace(next))
        }
    })
}

unsafe extern "C" fn count_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a count.
        unsafe {
            let c = state::<Count>(op);
            let name = type_short_name(op);
            let cnt = match c.fast {
                Some(v) => v.to_string(),
                None => protocol::repr_string(ptr(&c.cnt))?,
            };
            let step = ptr(&c.step);
            if int::check(step) && int::small_value(step) == Some(1) {
                return pystr::from_str(&format!("{name}({cnt})"));
            }
            pystr::from_str(&format!("{name}({cnt}, {})", protocol::repr_string(step)?))
        }
    })
}

/// `cycle`: the source iterator until it is exhausted, then the saved
/// items over and over.
pub struct Cycle {
    it: Option<Owned>,
    saved: Vec<Owned>,
    index: usize,
}
state_refs!(Cycle, it, saved);

pub static mut CYCLE_TYPE: PyTypeObject =
    iter_type::<Cycle>(c"itertools.cycle", Some(cycle_new), Some(cycle_next), BASE);

unsafe extern "C" fn cycle_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            let kwargs = crate::object::typeobj::positional_ctor_kwargs(tp, kwargs);
            let [iterable] = parse("cycle", args, kwargs, ["iterable"], 1, 1)?;
            let it = protocol::get_iter(iterable)?;
            new_obj(
                tp,
                Cycle {
                    it: Some(it),
                    saved: Vec::new(),
                    index: 0,
                },
            )
        }
    })
}

unsafe extern "C" fn cycle_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a cycle.
        unsafe {
            let c = state::<Cycle>(op);
            if let Some(it) = c.it.clone() {
                if let Some(v) = protocol::iter_next(it.as_ptr())? {
                    let c = state::<Cycle>(op);
                    c.saved.push(v.clone());
                    return Ok(Some(v));
                }
                state::<Cycle>(op).it = None;
            }
            let c = state::<Cycle>(op);
            if c.saved.is_empty() {
                return Ok(None);
            }
            let v = c.saved[c.index % c.saved.len()].clone();
            c.index = (c.index + 1) % c.saved.len();
            Ok(Some(v))
        }
    })
}

/// `repeat`: `elem`, `cnt` more times (forever when `None`).
pub struct Repeat {
    elem: Option<Owned>,
    cnt: Option<Py_ssize_t>,
}
state_refs!(Repeat, elem);

pub static mut REPEAT_TYPE: PyTypeObject = PyTypeObject {
    tp_repr: Some(repeat_repr),
    tp_methods: (&raw const REPEAT_METHODS).cast_mut().cast(),
    ..iter_type::<Repeat>(
        c"itertools.repeat",
        Some(repeat_new),
        Some(repeat_next),
        BASE,
    )
};

static REPEAT_METHODS: [PyMethodDef; 2] = [
    method(
        c"__length_hint__",
        repeat_length_hint as *const libc::c_void,
        METH_NOARGS,
    ),
    METHOD_END,
];

unsafe extern "C" fn repeat_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            let [elem, times] = parse("repeat", args, kwargs, ["object", "times"], 0, 1)?;
            let cnt = if times.is_null() {
                None
            } else {
                Some(
                    number::as_ssize(times, crate::object::exceptions::PyExc_OverflowError)?.max(0),
                )
            };
            new_obj(
                tp,
                Repeat {
                    elem: some(elem),
                    cnt,
                },
            )
        }
    })
}

unsafe extern "C" fn repeat_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a repeat.
        unsafe {
            let r = state::<Repeat>(op);
            match &mut r.cnt {
                Some(0) => return Ok(None),
                Some(n) => *n -= 1,
                None => {}
            }
            Ok(r.elem.clone())
        }
    })
}

unsafe extern "C" fn repeat_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a repeat.
        unsafe {
            let r = state::<Repeat>(op);
            let name = type_short_name(op);
            let e = protocol::repr_string(ptr(&r.elem))?;
            pystr::from_str(&match r.cnt {
                Some(n) => format!("{name}({e}, {n})"),
                None => format!("{name}({e})"),
            })
        }
    })
}

meth_noargs!(repeat_length_hint, |op| {
    match state::<Repeat>(op).cnt {
        Some(n) => int::from_i64(n as i64),
        None => Err(errors::type_error("len() of unsized object")),
    }
});

/// Collects an iterable into a list (used by the combinatoric types).
pub unsafe fn to_vec(iterable: *mut PyObject) -> PyResult<Vec<Owned>> {
    // SAFETY: iterable valid.
    unsafe {
        let l = list::from_iterable(iterable)?;
        Ok(list::items(l.as_ptr())
            .iter()
            .map(|&p| Owned::from_borrowed(p))
            .collect())
    }
}
