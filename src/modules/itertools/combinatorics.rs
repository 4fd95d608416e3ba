//! The combinatoric iterators: `product`, `permutations`, `combinations`,
//! `combinations_with_replacement`. Each keeps its pools as tuples and
//! its position as a vector of indices.
use super::filters::ctor;
use super::infinite::to_vec;
use super::{iter_type, BASE};
use crate::capi::boundary::{guard_iter, guard_obj};
use crate::ffi::*;
use crate::modules::objtype::{new_obj, parse, state, state_refs};
use crate::object::exceptions::PyExc_OverflowError;
use crate::object::{dict, int, none, number, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// The state shared by the four types: the pool(s), the indices, the
/// cycle counts (`permutations` only), the tuple size, and progress.
pub struct Combo {
    pools: Vec<Owned>,
    indices: Vec<usize>,
    cycles: Vec<usize>,
    r: usize,
    product: bool,
    first: bool,
    stopped: bool,
}
state_refs!(Combo, pools);

pub static mut PRODUCT_TYPE: PyTypeObject = iter_type::<Combo>(
    c"itertools.product",
    Some(product_new),
    Some(product_next),
    BASE,
);
pub static mut COMBINATIONS_TYPE: PyTypeObject = iter_type::<Combo>(
    c"itertools.combinations",
    Some(combinations_new),
    Some(combinations_next),
    BASE,
);
pub static mut CWR_TYPE: PyTypeObject = iter_type::<Combo>(
    c"itertools.combinations_with_replacement",
    Some(cwr_new),
    Some(cwr_next),
    BASE,
);
pub static mut PERMUTATIONS_TYPE: PyTypeObject = iter_type::<Combo>(
    c"itertools.permutations",
    Some(permutations_new),
    Some(permutations_next),
    BASE,
);

/// The number of items of the tuple `op`.
unsafe fn tlen(op: &Owned) -> usize {
    // SAFETY: op is a tuple.
    unsafe { tuple::size(op.as_ptr()) as usize }
}

/// The tuple of `pools[k][indices[k]]` for `product`, of
/// `pool[indices[k]]` for `k < r` for the others.
unsafe fn result(c: &Combo) -> PyResult<Option<Owned>> {
    // SAFETY: the pools are tuples and the indices in range.
    unsafe {
        let items: Vec<*mut PyObject> = if c.product {
            c.pools
                .iter()
                .zip(&c.indices)
                .map(|(p, &i)| tuple::items(p.as_ptr())[i])
                .collect()
        } else {
            let p = tuple::items(c.pools[0].as_ptr());
            c.indices[..c.r].iter().map(|&i| p[i]).collect()
        };
        tuple::from_slice(&items).map(Some)
    }
}

unsafe fn new_combo(
    tp: *mut PyTypeObject,
    pools: Vec<Owned>,
    indices: Vec<usize>,
    cycles: Vec<usize>,
    r: usize,
    stopped: bool,
) -> PyResult<Owned> {
    // SAFETY: tp is one of this file's types or a subclass.
    unsafe {
        new_obj(
            tp,
            Combo {
                pools,
                indices,
                cycles,
                r,
                product: tp_is_product(tp),
                first: true,
                stopped,
            },
        )
    }
}

unsafe extern "C" fn product_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            let mut repeat = 1;
            if !kwargs.is_null() {
                let mut pos = 0;
                while let Some((k, v)) = dict::next(kwargs, &mut pos) {
                    let key = pystr::as_str(k)?;
                    if key != "repeat" {
                        return Err(errors::type_error(format!(
                            "product() got an unexpected keyword argument '{key}'"
                        )));
                    }
                    repeat = number::as_ssize(v, PyExc_OverflowError)?;
                }
            }
            if repeat < 0 {
                return Err(errors::value_error("repeat argument cannot be negative"));
            }
            let a = tuple::items(args);
            if repeat > 0
                && a.len()
                    .checked_mul(repeat as usize)
                    .is_none_or(|n| n > isize::MAX as usize / 8)
            {
                return Err(errors::overflow_error("repeat argument too large"));
            }
            let mut base = Vec::with_capacity(a.len());
            for &x in a {
                base.push(tuple::from_iterable(x)?);
            }
            let mut pools = Vec::with_capacity(base.len() * repeat as usize);
            for _ in 0..repeat {
                pools.extend(base.iter().cloned());
            }
            let n = pools.len();
            let stopped = pools.iter().any(|p| tlen(p) == 0);
            new_combo(tp, pools, vec![0; n], Vec::new(), n, stopped)
        }
    })
}

/// Whether `tp` is `product` or a subclass of it.
unsafe fn tp_is_product(tp: *mut PyTypeObject) -> bool {
    // SAFETY: tp is a ready type.
    unsafe { crate::object::typeobj::is_subtype(tp, &raw mut PRODUCT_TYPE) }
}

unsafe extern "C" fn product_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a product.
        unsafe {
            let c = state::<Combo>(op);
            if c.stopped {
                return Ok(None);
            }
            if c.first {
                c.first = false;
                return result(c);
            }
            let mut i = c.pools.len();
            loop {
                if i == 0 {
                    c.stopped = true;
                    return Ok(None);
                }
                i -= 1;
                c.indices[i] += 1;
                if c.indices[i] < tlen(&c.pools[i]) {
                    break;
                }
                c.indices[i] = 0;
            }
            result(c)
        }
    })
}

/// Parses `(iterable, r)` into the pool and `r` (`r` must be an int).
unsafe fn pool_and_r(
    fname: &str,
    args: *mut PyObject,
    kwargs: *mut PyObject,
    r_optional: bool,
) -> PyResult<(Owned, usize)> {
    // SAFETY: args a tuple, kwargs NULL or a dict.
    unsafe {
        let [iterable, r] = parse(
            fname,
            args,
            kwargs,
            ["iterable", "r"],
            0,
            if r_optional { 1 } else { 2 },
        )?;
        let pool = tuple::from_vec(to_vec(iterable)?)?;
        let r = if r.is_null() || (r_optional && r == none::none()) {
            tlen(&pool) as isize
        } else if r_optional && !int::check(r) {
            return Err(errors::type_error("Expected int as r"));
        } else {
            number::as_ssize(r, PyExc_OverflowError)?
        };
        if r < 0 {
            return Err(errors::value_error("r must be non-negative"));
        }
        Ok((pool, r as usize))
    }
}

ctor!(
    combinations_new,
    "combinations",
    ["iterable", "r"],
    0,
    0,
    |tp, args, kwargs, _a| {
        let (pool, r) = pool_and_r("combinations", args, kwargs, false)?;
        let n = tlen(&pool);
        new_combo(tp, vec![pool], (0..r).collect(), Vec::new(), r, r > n)
    }
);

unsafe extern "C" fn combinations_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a combinations.
        unsafe {
            let c = state::<Combo>(op);
            if c.stopped {
                return Ok(None);
            }
            if c.first {
                c.first = false;
                return result(c);
            }
            let (n, r) = (tlen(&c.pools[0]), c.r);
            let Some(i) = (0..r).rev().find(|&i| c.indices[i] != i + n - r) else {
                c.stopped = true;
                return Ok(None);
            };
            c.indices[i] += 1;
            for j in i + 1..r {
                c.indices[j] = c.indices[j - 1] + 1;
            }
            result(c)
        }
    })
}

ctor!(
    cwr_new,
    "combinations_with_replacement",
    ["iterable", "r"],
    0,
    0,
    |tp, args, kwargs, _a| {
        let (pool, r) = pool_and_r("combinations_with_replacement", args, kwargs, false)?;
        let n = tlen(&pool);
        new_combo(tp, vec![pool], vec![0; r], Vec::new(), r, n == 0 && r > 0)
    }
);

unsafe extern "C" fn cwr_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a combinations_with_replacement.
        unsafe {
            let c = state::<Combo>(op);
            if c.stopped {
                return Ok(None);
            }
            if c.first {
                c.first = false;
                return result(c);
            }
            let (n, r) = (tlen(&c.pools[0]), c.r);
            let Some(i) = (0..r).rev().find(|&i| c.indices[i] != n - 1) else {
                c.stopped = true;
                return Ok(None);
            };
            let v = c.indices[i] + 1;
            for j in i..r {
                c.indices[j] = v;
            }
            result(c)
        }
    })
}

ctor!(
    permutations_new,
    "permutations",
    ["iterable", "r"],
    0,
    0,
    |tp, args, kwargs, _a| {
        let (pool, r) = pool_and_r("permutations", args, kwargs, true)?;
        let n = tlen(&pool);
        let cycles = if r > n {
            Vec::new()
        } else {
            (0..r).map(|i| n - i).collect()
        };
        new_combo(tp, vec![pool], (0..n).collect(), cycles, r, r > n)
    }
);

unsafe extern "C" fn permutations_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a permutations.
        unsafe {
            let c = state::<Combo>(op);
            if c.stopped {
                return Ok(None);
            }
            if c.first {
                c.first = false;
                return result(c);
            }
            let (n, r) = (tlen(&c.pools[0]), c.r);
            for i in (0..r).rev() {
                c.cycles[i] -= 1;
                if c.cycles[i] == 0 {
                    c.indices[i..].rotate_left(1);
                    c.cycles[i] = n - i;
                } else {
                    let j = c.cycles[i];
                    c.indices.swap(i, n - j);
                    return result(c);
                }
            }
            c.stopped = true;
            Ok(None)
        }
    })
}
