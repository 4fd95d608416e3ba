//! `groupby` and its `_grouper` sub-iterators. A grouper is live only
//! while it is its parent's current grouper; advancing the parent ends it.
use super::{iter_type, BASE};
use crate::capi::boundary::{guard_iter, guard_obj};
use crate::ffi::*;
use crate::modules::objtype::{new_obj, parse, ptr, some, state, state_refs};
use crate::object::{none, protocol, tuple};
use crate::runtime::errors::PyResult;
use crate::Owned;

/// `groupby`: the source, the key function, the key of the group being
/// given out, the key and value read last, and the current grouper
/// (compared by address only, never dereferenced).
pub struct GroupBy {
    it: Option<Owned>,
    keyfunc: Option<Owned>,
    tgtkey: Option<Owned>,
    currkey: Option<Owned>,
    currvalue: Option<Owned>,
    currgrouper: usize,
}
state_refs!(GroupBy, it, keyfunc, tgtkey, currkey, currvalue);

pub static mut GROUPBY_TYPE: PyTypeObject = iter_type::<GroupBy>(
    c"itertools.groupby",
    Some(groupby_new),
    Some(groupby_next),
    BASE,
);

/// `_grouper`: the parent `groupby` and the key of this group.
pub struct Grouper {
    parent: Option<Owned>,
    tgtkey: Option<Owned>,
}
state_refs!(Grouper, parent, tgtkey);

pub static mut GROUPER_TYPE: PyTypeObject =
    iter_type::<Grouper>(c"itertools._grouper", None, Some(grouper_next), 0);

unsafe extern "C" fn groupby_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            let [iterable, key] = parse("groupby", args, kwargs, ["iterable", "key"], 0, 1)?;
            let it = protocol::get_iter(iterable)?;
            new_obj(
                tp,
                GroupBy {
                    it: Some(it),
                    keyfunc: if key.is_null() || key == none::none() {
                        None
                    } else {
                        some(key)
                    },
                    tgtkey: None,
                    currkey: None,
                    currvalue: None,
                    currgrouper: 0,
                },
            )
        }
    })
}

/// Reads the next value and its key into `currvalue`/`currkey`;
/// `Ok(false)` when the source is exhausted.
unsafe fn step(op: *mut PyObject) -> PyResult<bool> {
    // SAFETY: op is a groupby.
    unsafe {
        let g = state::<GroupBy>(op);
        let Some(it) = g.it.clone() else {
            return Ok(false);
        };
        let Some(v) = protocol::iter_next(it.as_ptr())? else {
            return Ok(false);
        };
        let key = match state::<GroupBy>(op).keyfunc.clone() {
            None => v.clone(),
            Some(f) => protocol::call_args(f.as_ptr(), &[v.as_ptr()])?,
        };
        let g = state::<GroupBy>(op);
        g.currvalue = Some(v);
        g.currkey = Some(key);
        Ok(true)
    }
}

unsafe extern "C" fn groupby_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a groupby.
        unsafe {
            state::<GroupBy>(op).currgrouper = 0;
            loop {
                let g = state::<GroupBy>(op);
                match (g.currkey.clone(), g.tgtkey.clone()) {
                    (None, _) => {}
                    (Some(_), None) => break,
                    (Some(c), Some(t)) => {
                        if !protocol::rich_compare_bool(t.as_ptr(), c.as_ptr(), Py_EQ)? {
                            break;
                        }
                    }
                }
                if !step(op)? {
                    return Ok(None);
                }
            }
            let g = state::<GroupBy>(op);
            g.tgtkey = g.currkey.clone();
            let key = ptr(&g.tgtkey);
            let grouper = new_obj(
                &raw mut GROUPER_TYPE,
                Grouper {
                    parent: some(op),
                    tgtkey: some(key),
                },
            )?;
            state::<GroupBy>(op).currgrouper = grouper.as_ptr() as usize;
            tuple::pack(&[key, grouper.as_ptr()]).map(Some)
        }
    })
}

unsafe extern "C" fn grouper_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a _grouper; its parent a groupby.
        unsafe {
            let gr = state::<Grouper>(op);
            let (Some(parent), Some(tgt)) = (gr.parent.clone(), gr.tgtkey.clone()) else {
                return Ok(None);
            };
            let p = parent.as_ptr();
            if state::<GroupBy>(p).currgrouper != op as usize {
                return Ok(None);
            }
            if state::<GroupBy>(p).currvalue.is_none() && !step(p)? {
                return Ok(None);
            }
            let Some(curr) = state::<GroupBy>(p).currkey.clone() else {
                return Ok(None);
            };
            if !protocol::rich_compare_bool(tgt.as_ptr(), curr.as_ptr(), Py_EQ)? {
                return Ok(None);
            }
            Ok(state::<GroupBy>(p).currvalue.take())
        }
    })
}
