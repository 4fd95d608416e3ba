//! `BaseExceptionGroup` and `ExceptionGroup` (PEP 654): construction
//! checks, `message`, `exceptions`, `derive`, `split`, `subgroup`.
use super::*;
use crate::object::alloc::StaticGc;
use crate::object::refcount::static_var_head;
use std::collections::HashSet;
use std::mem::offset_of;

impl ExcLayout for PyBaseExceptionGroupObject {
    const FIELDS: &'static [usize] = &[
        offset_of!(PyBaseExceptionGroupObject, msg),
        offset_of!(PyBaseExceptionGroupObject, excs),
    ];
}

/// A statically allocated, immortal 2-tuple.
#[repr(C)]
pub struct StaticTuple2 {
    ob_base: PyVarObject,
    ob_hash: Py_hash_t,
    ob_item: [*mut PyObject; 2],
}

/// `ExceptionGroup.__bases__`: `(BaseExceptionGroup, Exception)`.
pub static mut EXCEPTION_GROUP_BASES: StaticGc<StaticTuple2> = StaticGc::new(StaticTuple2 {
    ob_base: static_var_head(&raw mut tuple::PyTuple_Type, 2),
    ob_hash: -1,
    ob_item: [
        (&raw mut _PyExc_BaseExceptionGroup).cast(),
        (&raw mut _PyExc_Exception).cast(),
    ],
});

pub(super) static MEMBERS: [PyMemberDef; 3] = [
    member(
        c"message",
        offset_of!(PyBaseExceptionGroupObject, msg),
        Py_READONLY,
        c"exception message",
    ),
    member(
        c"exceptions",
        offset_of!(PyBaseExceptionGroupObject, excs),
        Py_READONLY,
        c"nested exceptions",
    ),
    MEMBER_END,
];

pub(super) static METHODS: [PyMethodDef; 4] = [
    crate::object::descr::method(c"derive", derive as *const c_void, METH_O),
    crate::object::descr::method(c"split", split as *const c_void, METH_O),
    crate::object::descr::method(c"subgroup", subgroup as *const c_void, METH_O),
    crate::object::descr::METHOD_END,
];

#[inline]
unsafe fn grp(op: *mut PyObject) -> *mut PyBaseExceptionGroupObject {
    op.cast()
}

/// A group's exceptions; none when `__new__` was bypassed.
pub(super) unsafe fn sub_exceptions<'a>(op: *mut PyObject) -> &'a [*mut PyObject] {
    // SAFETY: op is an exception group; excs NULL or a tuple.
    unsafe {
        let excs = (*grp(op)).excs;
        if excs.is_null() {
            &[]
        } else {
            tuple::items(excs)
        }
    }
}

/// Whether `op` is a `BaseExceptionGroup` instance.
unsafe fn is_group(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { typeobj::instance_of(op, &raw mut _PyExc_BaseExceptionGroup) }
}

/// `BaseExceptionGroup.__new__(cls, message, exceptions)`.
pub(super) unsafe extern "C" fn new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: tp is BaseExceptionGroup or a subclass; args a tuple.
        unsafe {
            no_keywords(tp, kw)?;
            let items = tuple::items(args);
            if items.len() != 2 {
                return Err(errors::type_error(format!(
                    "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
                    items.len()
                )));
            }
            let (message, excs) = (items[0], items[1]);
            if !pystr::check(message) {
                return Err(errors::type_error(format!(
                    "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
                    typeobj::type_name(message)
                )));
            }
            let sq = (*(*excs).ob_type).tp_as_sequence;
            if dict::check(excs) || sq.is_null() || (*sq).sq_item.is_none() {
                return Err(errors::type_error(
                    "second argument (exceptions) must be a sequence",
                ));
            }
            let excs = tuple::from_iterable(excs)?;
            let list = tuple::items(excs.as_ptr());
            if list.is_empty() {
                return Err(errors::value_error(
                    "second argument (exceptions) must be a non-empty sequence",
                ));
            }
            let mut nested_base = false;
            for (i, &e) in list.iter().enumerate() {
                if !is_instance(e) {
                    return Err(errors::value_error(format!(
                        "Item {i} of second argument (exceptions) is not an exception"
                    )));
                }
                if !typeobj::instance_of(e, &raw mut _PyExc_Exception) {
                    nested_base = true;
                }
            }
            let mut cls = tp;
            if cls == &raw mut _PyExc_BaseExceptionGroup {
                if !nested_base {
                    cls = &raw mut _PyExc_ExceptionGroup;
                }
            } else if cls == &raw mut _PyExc_ExceptionGroup {
                if nested_base {
                    return Err(errors::type_error(
                        "Cannot nest BaseExceptions in an ExceptionGroup",
                    ));
                }
            } else if nested_base && typeobj::is_subtype(cls, &raw mut _PyExc_Exception) {
                return Err(errors::type_error(format!(
                    "Cannot nest BaseExceptions in '{}'",
                    typeobj::name_of(cls)
                )));
            }
            let op = alloc_exc(cls, args)?;
            let g = grp(op.as_ptr());
            set_field(&raw mut (*g).msg, message);
            set_field(&raw mut (*g).excs, excs.as_ptr());
            Ok(op)
        }
    })
}

/// `str(eg)`: `message (N sub-exceptions)`.
pub(super) unsafe extern "C" fn str(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an exception group (fields set by __new__).
        unsafe {
            let g = grp(op);
            let m = protocol::str_(if (*g).msg.is_null() {
                none::none()
            } else {
                (*g).msg
            })?;
            let n = if (*g).excs.is_null() {
                0
            } else {
                tuple::size((*g).excs)
            };
            let s = format!(
                "{} ({n} sub-exception{})",
                pystr::as_str(m.as_ptr())?,
                if n > 1 { "s" } else { "" }
            );
            pystr::from_str(&s)
        }
    })
}

/// `eg.derive(excs)`: `BaseExceptionGroup(eg.message, excs)`.
unsafe extern "C" fn derive(op: *mut PyObject, excs: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an exception group.
        unsafe { protocol::call_args(PyExc_BaseExceptionGroup, &[(*grp(op)).msg, excs]) }
    })
}

/// What `split`/`subgroup` match against.
enum Matcher {
    /// An exception class or a tuple of them.
    Type(*mut PyObject),
    /// A predicate called with each exception.
    Predicate(*mut PyObject),
    /// The exceptions themselves, by identity (for `except*`).
    Ids(HashSet<usize>),
}

unsafe fn matcher(value: *mut PyObject) -> PyResult<Matcher> {
    // SAFETY: value valid.
    unsafe {
        let callable = (*(*value).ob_type).tp_call.is_some();
        if callable && !typeobj::instance_of(value, &raw mut typeobj::PyType_Type) {
            return Ok(Matcher::Predicate(value));
        }
        if is_class(value) {
            return Ok(Matcher::Type(value));
        }
        if tuple::check(value) && tuple::items(value).iter().all(|&c| is_class(c)) {
            return Ok(Matcher::Type(value));
        }
        Err(errors::type_error(
            "expected an exception type, a tuple of exception types, or a callable (other than a class)",
        ))
    }
}

unsafe fn matches(exc: *mut PyObject, m: &Matcher) -> PyResult<bool> {
    // SAFETY: exc is an exception.
    unsafe {
        match m {
            Matcher::Type(t) => Ok(given_matches(exc, *t)),
            Matcher::Predicate(f) => {
                let r = protocol::call_args(*f, &[exc])?;
                protocol::is_true(r.as_ptr())
            }
            Matcher::Ids(ids) => Ok(ids.contains(&(exc as usize))),
        }
    }
}

/// A group like `orig` holding `excs` (None when empty): `orig.derive`,
/// then the traceback, cause, context and notes are copied over.
unsafe fn subset(orig: *mut PyObject, excs: Vec<Owned>) -> PyResult<Option<Owned>> {
    if excs.is_empty() {
        return Ok(None);
    }
    // SAFETY: orig is an exception group.
    unsafe {
        let seq = crate::object::list::from_vec(excs)?;
        let eg = protocol::call_method_obj(orig, "derive", &[seq.as_ptr()])?;
        if !is_group(eg.as_ptr()) {
            return Err(errors::type_error(
                "derive must return an instance of BaseExceptionGroup",
            ));
        }
        let (o, e) = (base(orig), base(eg.as_ptr()));
        set_field(&raw mut (*e).traceback, (*o).traceback);
        set_field(&raw mut (*e).cause, (*o).cause);
        set_field(&raw mut (*e).context, (*o).context);
        let notes_name = crate::interned!("__notes__");
        if let Some(notes) = protocol::getattr_opt(orig, notes_name)? {
            let sq = (*(*notes.as_ptr()).ob_type).tp_as_sequence;
            if !sq.is_null() && (*sq).sq_item.is_some() && !pystr::check(notes.as_ptr()) {
                let copy = crate::object::list::from_iterable(notes.as_ptr())?;
                protocol::setattr(eg.as_ptr(), notes_name, copy.as_ptr())?;
            }
        }
        Ok(Some(eg))
    }
}

/// Splits `exc` into (matching part, rest); the rest is only built when
/// `with_rest`.
unsafe fn split_rec(
    exc: *mut PyObject,
    m: &Matcher,
    with_rest: bool,
) -> PyResult<(Option<Owned>, Option<Owned>)> {
    // SAFETY: exc is an exception.
    unsafe {
        if matches(exc, m)? {
            return Ok((Some(Owned::from_borrowed(exc)), None));
        }
        if !is_group(exc) {
            let rest = with_rest.then(|| Owned::from_borrowed(exc));
            return Ok((None, rest));
        }
        let mut matched = Vec::new();
        let mut rest = Vec::new();
        for &e in sub_exceptions(exc) {
            let (a, b) = split_rec(e, m, with_rest)?;
            matched.extend(a);
            rest.extend(b);
        }
        let matched = subset(exc, matched)?;
        let rest = if with_rest { subset(exc, rest)? } else { None };
        Ok((matched, rest))
    }
}

fn or_none(o: Option<Owned>) -> Owned {
    o.unwrap_or_else(|| Owned::from_borrowed_static(none::none()))
}

/// `eg.split(condition)`: `(match, rest)`.
unsafe extern "C" fn split(op: *mut PyObject, cond: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an exception group.
        unsafe {
            let m = matcher(cond)?;
            let (a, b) = split_rec(op, &m, true)?;
            tuple::from_vec(vec![or_none(a), or_none(b)])
        }
    })
}

/// `eg.subgroup(condition)`: the matching part or None.
unsafe extern "C" fn subgroup(op: *mut PyObject, cond: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an exception group.
        unsafe {
            let m = matcher(cond)?;
            let (a, _) = split_rec(op, &m, false)?;
            Ok(or_none(a))
        }
    })
}

/// The matching of one `except* T` clause (`CHECK_EG_MATCH`, CPython's
/// `_PyEval_ExceptionGroupMatch`): `(match, rest)` for the exception
/// being handled (`exc`, or None). A group is split by `match_type`; a
/// naked exception that matches is wrapped in `ExceptionGroup("", [exc])`,
/// to which the caller gives its frame's traceback.
pub unsafe fn exception_group_match(
    exc: *mut PyObject,
    match_type: *mut PyObject,
) -> PyResult<(Owned, Owned)> {
    let none = || Owned::from_borrowed_static(none::none());
    // SAFETY: exc is None or an exception; match_type valid.
    unsafe {
        if exc == none::none() {
            return Ok((none(), none()));
        }
        if given_matches(exc, match_type) {
            let matched = if is_group(exc) {
                Owned::from_borrowed(exc)
            } else {
                let excs = tuple::pack(&[exc])?;
                let empty = pystr::from_str("")?;
                protocol::call_args(PyExc_BaseExceptionGroup, &[empty.as_ptr(), excs.as_ptr()])?
            };
            return Ok((matched, none()));
        }
        if is_group(exc) {
            let (m, r) = split_rec(exc, &Matcher::Type(match_type), true)?;
            return Ok((or_none(m), or_none(r)));
        }
        Ok((none(), Owned::from_borrowed(exc)))
    }
}

/// Adds the leaves of `exc` (itself when it is not a group) to `ids`.
unsafe fn leaf_ids(exc: *mut PyObject, ids: &mut HashSet<usize>) {
    // SAFETY: exc is an exception; a group's excs is a tuple.
    unsafe {
        if !is_group(exc) {
            ids.insert(exc as usize);
            return;
        }
        for &e in sub_exceptions(exc) {
            leaf_ids(e, ids);
        }
    }
}

/// Whether `a` and `b` share the head's notes, traceback, cause and
/// context fields (by identity): `a` is `b` or a split of it re-raised by `except*`.
unsafe fn same_metadata(a: *mut PyObject, b: *mut PyObject) -> bool {
    // SAFETY: both are exceptions.
    unsafe {
        let (x, y) = (base(a), base(b));
        (*x).notes == (*y).notes
            && (*x).traceback == (*y).traceback
            && (*x).cause == (*y).cause
            && (*x).context == (*y).context
    }
}

/// `_PyExc_PrepReraiseStar`: what an `except*` block raises at its end.
/// `orig` is the exception caught; `excs` what each clause raised or
/// re-raised (None for clauses that raised nothing). Re-raised parts are
/// merged back into the shape of `orig`; new exceptions are grouped with
/// them in `ExceptionGroup("", [...])`. None when nothing is raised.
pub unsafe fn prep_reraise_star(orig: *mut PyObject, excs: &[*mut PyObject]) -> PyResult<Owned> {
    // SAFETY: orig is an exception; excs exceptions or None.
    unsafe {
        if excs.is_empty() {
            return Ok(Owned::from_borrowed_static(none::none()));
        }
        if !is_group(orig) {
            // A naked exception was wrapped: at most one clause ran.
            return Ok(Owned::from_borrowed(excs[0]));
        }
        let mut raised: Vec<Owned> = Vec::new();
        let mut reraised_ids = HashSet::new();
        for &e in excs {
            if e == none::none() {
                continue;
            }
            if same_metadata(e, orig) {
                leaf_ids(e, &mut reraised_ids);
            } else {
                raised.push(Owned::from_borrowed(e));
            }
        }
        let reraised = if reraised_ids.is_empty() {
            None
        } else {
            split_rec(orig, &Matcher::Ids(reraised_ids), false)?.0
        };
        if raised.is_empty() {
            return Ok(or_none(reraised));
        }
        raised.extend(reraised);
        if raised.len() == 1 {
            return Ok(raised.pop().unwrap());
        }
        let list = crate::object::list::from_vec(raised)?;
        let empty = pystr::from_str("")?;
        protocol::call_args(PyExc_BaseExceptionGroup, &[empty.as_ptr(), list.as_ptr()])
    }
}
