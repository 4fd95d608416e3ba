//! `sqlite3.Row` (CPython's `Modules/_sqlite/row.c`): a row factory whose
//! rows index by position or by column name (ASCII case-insensitively),
//! with `keys()`, equality and hashing over the description and values.
use crate::ffi::*;
use crate::modules::objtype::{self, meth_noargs, state_refs};
use crate::object::descr::{method, METHOD_END};
use crate::object::{int, list, none, protocol, str as pystr, tuple, typeobj};
use crate::runtime::errors as rterr;
use crate::Owned;
use libc::{c_int, c_void};

/// A row: the cursor's description and the values.
pub struct Row {
    description: Option<Owned>,
    data: Option<Owned>,
}

state_refs!(Row, description, data);

unsafe fn row<'a>(op: *mut PyObject) -> &'a mut Row {
    // SAFETY: op is a Row.
    unsafe { objtype::state::<Row>(op) }
}

fn data(r: &Row) -> *mut PyObject {
    objtype::ptr(&r.data)
}

/// The column names (the description's first items); empty without one.
unsafe fn names(r: &Row) -> Vec<*mut PyObject> {
    let d = objtype::ptr(&r.description);
    // SAFETY: a description is None or a tuple of tuples.
    unsafe {
        if d.is_null() || !tuple::check(d) {
            return Vec::new();
        }
        tuple::items(d)
            .iter()
            .map(|&c| tuple::items(c)[0])
            .collect()
    }
}

/// Checks that a constructor got exactly `n` positional arguments
/// (`_PyArg_CheckPositional`'s message).
///
/// # Safety
/// `args` is a tuple.
pub unsafe fn positional(
    name: &str,
    args: *mut PyObject,
    n: usize,
) -> crate::runtime::errors::PyResult<()> {
    // SAFETY: args is a tuple.
    let got = unsafe { tuple::size(args) } as usize;
    if got == n {
        return Ok(());
    }
    Err(rterr::type_error(format!(
        "{name} expected {n} argument{}, got {got}",
        if n == 1 { "" } else { "s" }
    )))
}

unsafe extern "C" fn row_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict; tp is Row or a subclass.
        unsafe {
            objtype::no_keywords("Row", kwargs)?;
            positional("Row", args, 2)?;
            let (cur, values) = (tuple::items(args)[0], tuple::items(args)[1]);
            if !super::cursor::is_cursor(cur) {
                return Err(rterr::type_error(format!(
                    "Row() argument 1 must be sqlite3.Cursor, not {}",
                    typeobj::type_name(cur)
                )));
            }
            if !tuple::check(values) {
                return Err(rterr::type_error(format!(
                    "Row() argument 2 must be tuple, not {}",
                    typeobj::type_name(values)
                )));
            }
            let desc = super::cursor::cur(cur).description.clone();
            objtype::new_obj(
                tp,
                Row {
                    description: desc,
                    data: Some(Owned::from_borrowed(values)),
                },
            )
        }
    })
}

/// Compares a column name with a key, folding ASCII case only.
unsafe fn same_name(a: *mut PyObject, b: *mut PyObject) -> bool {
    // SAFETY: both are strs.
    unsafe {
        let n = pystr::len(a);
        if n != pystr::len(b) {
            return false;
        }
        (0..n as usize).all(|i| {
            let (x, y) = (pystr::read_char(a, i), pystr::read_char(b, i));
            let low = |c: u32| {
                if (b'A' as u32..=b'Z' as u32).contains(&c) {
                    c + 32
                } else {
                    c
                }
            };
            low(x) == low(y)
        })
    }
}

unsafe extern "C" fn row_subscript(slf: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: slf is a Row; key valid.
        unsafe {
            let r = row(slf);
            let items = tuple::items(data(r));
            if int::check(key) {
                let mut i = crate::object::number::index_as_ssize(key, "Row index")?;
                if i < 0 {
                    i += items.len() as Py_ssize_t;
                }
                return items
                    .get(i as usize)
                    .filter(|_| i >= 0)
                    .map(|&v| Owned::from_borrowed(v))
                    .ok_or_else(|| rterr::index_error("tuple index out of range"));
            }
            if pystr::check(key) {
                for (i, n) in names(r).into_iter().enumerate() {
                    if pystr::check(n) && same_name(n, key) {
                        return Ok(Owned::from_borrowed(items[i]));
                    }
                }
                return Err(rterr::index_error("No item with that key"));
            }
            if crate::object::slice::check(key) {
                return protocol::get_item(data(r), key);
            }
            Err(rterr::index_error("Index must be int or string"))
        }
    })
}

unsafe extern "C" fn row_item(slf: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: slf is a Row.
        let items = unsafe { tuple::items(data(row(slf))) };
        if i < 0 || i as usize >= items.len() {
            return Err(rterr::index_error("tuple index out of range"));
        }
        // SAFETY: the item is live.
        Ok(unsafe { Owned::from_borrowed(items[i as usize]) })
    })
}

unsafe extern "C" fn row_length(slf: *mut PyObject) -> Py_ssize_t {
    // SAFETY: slf is a Row.
    unsafe { tuple::size(data(row(slf))) }
}

unsafe extern "C" fn row_iter(slf: *mut PyObject) -> *mut PyObject {
    // SAFETY: slf is a Row.
    crate::capi::boundary::guard_obj(|| unsafe { protocol::get_iter(data(row(slf))) })
}

unsafe extern "C" fn row_hash(slf: *mut PyObject) -> Py_hash_t {
    crate::capi::boundary::guard(|| {
        // SAFETY: slf is a Row.
        unsafe {
            let r = row(slf);
            let d = objtype::ptr(&r.description);
            let d = if d.is_null() { none::none() } else { d };
            match (protocol::hash(d), protocol::hash(data(r))) {
                (Ok(a), Ok(b)) => {
                    let h = a ^ b;
                    if h == -1 {
                        -2
                    } else {
                        h
                    }
                }
                _ => -1,
            }
        }
    })
}

unsafe extern "C" fn row_richcompare(
    slf: *mut PyObject,
    other: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: slf is a Row; other valid.
        unsafe {
            if (op != Py_EQ && op != Py_NE) || !typeobj::instance_of(other, &raw mut ROW_TYPE) {
                return Ok(Owned::from_borrowed(none::not_implemented()));
            }
            let (a, b) = (row(slf), row(other));
            let desc = |r: &Row| {
                let d = objtype::ptr(&r.description);
                if d.is_null() {
                    none::none()
                } else {
                    d
                }
            };
            if protocol::rich_compare_bool(desc(a), desc(b), Py_EQ)? {
                protocol::rich_compare(data(a), data(b), op)
            } else {
                Ok(Owned::from_borrowed_static(crate::object::bool::from_bool(
                    op != Py_EQ,
                )))
            }
        }
    })
}

meth_noargs!(row_keys, |slf| {
    let out = list::new(0)?;
    for n in names(row(slf)) {
        list::append(out.as_ptr(), n)?;
    }
    Ok(out)
});

static mut ROW_METHODS: [PyMethodDef; 2] = [
    method(c"keys", row_keys as *const c_void, METH_NOARGS),
    METHOD_END,
];

static mut ROW_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(row_length),
    mp_subscript: Some(row_subscript),
    mp_ass_subscript: None,
};

static mut ROW_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(row_length),
    sq_item: Some(row_item),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

/// `sqlite3.Row`.
pub static mut ROW_TYPE: PyTypeObject = PyTypeObject {
    tp_new: Some(row_new),
    tp_hash: Some(row_hash),
    tp_richcompare: Some(row_richcompare),
    tp_iter: Some(row_iter),
    tp_as_mapping: &raw mut ROW_AS_MAPPING,
    tp_as_sequence: &raw mut ROW_AS_SEQUENCE,
    tp_methods: (&raw mut ROW_METHODS).cast(),
    ..objtype::gc_type::<Row>(c"sqlite3.Row", Py_TPFLAGS_BASETYPE)
};
