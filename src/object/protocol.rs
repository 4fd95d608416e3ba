//! The object protocol in Rust (`Objects/object.c`, `Objects/abstract.c`):
//! repr, str, hash, rich comparison, truth, attributes, items, iteration and
//! calls, dispatched through the type slots.
use crate::ffi::*;
use crate::object::typeobj::{self, type_name};
use crate::object::{bool as pybool, none, str as pystr, tuple};
use crate::runtime::errors::{self, check, PyResult, Raised};
use crate::Owned;
use std::cell::RefCell;
use std::ptr::null_mut;

/// `Py_EnterRecursiveCall`: raises `RecursionError` past the limit, or
/// when the thread's native stack is nearly used up (as CPython 3.14
/// checks the C stack), so deep recursion never overflows the stack.
#[inline]
pub fn enter_recursive_call(where_: &str) -> PyResult<()> {
    let ts = crate::runtime::tstate::get();
    ts.recursion_depth += 1;
    if let Err(e) = check_recursion(ts, where_) {
        ts.recursion_depth -= 1;
        return Err(e);
    }
    Ok(())
}

/// `_Py_CheckRecursiveCall`: raises `RecursionError` when `ts` is past
/// its recursion limit or its native stack is nearly used up.
#[inline]
pub fn check_recursion(
    ts: &mut crate::runtime::tstate::PyThreadState,
    where_: &str,
) -> PyResult<()> {
    let marker = 0u8;
    let sp = std::hint::black_box(&marker) as *const u8 as usize;
    if ts.stack_limit == 0 {
        ts.stack_limit = crate::runtime::tstate::stack_limit_here();
    }
    if ts.recursion_depth > ts.recursion_limit || sp < ts.stack_limit {
        return Err(errors::recursion_error(format!(
            "maximum recursion depth exceeded{where_}"
        )));
    }
    Ok(())
}

/// `Py_LeaveRecursiveCall`.
#[inline]
pub fn leave_recursive_call() {
    crate::runtime::tstate::get().recursion_depth -= 1;
}

/// Scope guard for a recursive call.
pub struct RecursionGuard;

impl RecursionGuard {
    /// Enters; the guard leaves on drop.
    #[inline]
    pub fn enter(where_: &str) -> PyResult<RecursionGuard> {
        enter_recursive_call(where_)?;
        Ok(RecursionGuard)
    }
}

impl Drop for RecursionGuard {
    #[inline]
    fn drop(&mut self) {
        leave_recursive_call();
    }
}

thread_local! {
    static REPR_STACK: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// `Py_ReprEnter`/`Py_ReprLeave` as a guard: `None` when `op` is already
/// being represented on this thread (a recursive container).
pub struct ReprGuard(usize);

impl ReprGuard {
    /// Enters `op`; `Ok(None)` if it is already on the stack.
    pub fn enter(op: *mut PyObject) -> PyResult<Option<ReprGuard>> {
        let key = op as usize;
        Ok(REPR_STACK.with(|s| {
            let mut s = s.borrow_mut();
            if s.contains(&key) {
                None
            } else {
                s.push(key);
                Some(ReprGuard(key))
            }
        }))
    }

    /// Whether `op` is being represented (`Py_ReprEnter` returning 1).
    pub fn active(op: *mut PyObject) -> bool {
        REPR_STACK.with(|s| s.borrow().contains(&(op as usize)))
    }

    /// Removes `op` from the stack (`Py_ReprLeave`).
    pub fn leave(op: *mut PyObject) {
        REPR_STACK.with(|s| {
            let mut s = s.borrow_mut();
            if let Some(i) = s.iter().rposition(|&k| k == op as usize) {
                s.remove(i);
            }
        });
    }
}

impl Drop for ReprGuard {
    fn drop(&mut self) {
        ReprGuard::leave(self.0 as *mut PyObject);
    }
}

/// `PyObject_Repr`.
pub unsafe fn repr(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op valid.
    unsafe {
        let tp = (*op).ob_type;
        let Some(f) = (*tp).tp_repr else {
            return pystr::from_str(&format!("<{} object at {op:p}>", type_name(op)));
        };
        let _g = RecursionGuard::enter(" while getting the repr of an object")?;
        let r = check(f(op))?;
        if !pystr::check(r.as_ptr()) {
            return Err(errors::type_error(format!(
                "__repr__ returned non-string (type {})",
                type_name(r.as_ptr())
            )));
        }
        Ok(r)
    }
}

/// `PyObject_Str`.
pub unsafe fn str_(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op valid.
    unsafe {
        if pystr::check_exact(op) {
            return Ok(Owned::from_borrowed(op));
        }
        let tp = (*op).ob_type;
        let Some(f) = (*tp).tp_str else {
            return repr(op);
        };
        let _g = RecursionGuard::enter(" while getting the str of an object")?;
        let r = check(f(op))?;
        if !pystr::check(r.as_ptr()) {
            return Err(errors::type_error(format!(
                "__str__ returned non-string (type {})",
                type_name(r.as_ptr())
            )));
        }
        Ok(r)
    }
}

/// The repr as Rust text.
/// `ascii(op)` (`PyObject_ASCII`): the repr with non-ASCII characters
/// backslash-escaped.
pub unsafe fn ascii(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op valid.
    unsafe {
        let r = repr(op)?;
        // An ASCII repr is the result, even a str subclass instance.
        if pystr::is_ascii(r.as_ptr()) {
            return Ok(r);
        }
        pystr::from_str(&crate::capi::format::ascii_escape(pystr::as_str(
            r.as_ptr(),
        )?))
    }
}

pub unsafe fn repr_string(op: *mut PyObject) -> PyResult<String> {
    // SAFETY: op valid.
    unsafe { Ok(pystr::as_str(repr(op)?.as_ptr())?.to_string()) }
}

/// `PyObject_Hash`.
#[inline]
pub unsafe fn hash(op: *mut PyObject) -> PyResult<Py_hash_t> {
    // SAFETY: op valid.
    unsafe {
        if pystr::check_exact(op) {
            return Ok(pystr::hash(op));
        }
        let tp = (*op).ob_type;
        match (*tp).tp_hash {
            Some(f) => {
                let h = f(op);
                if h == -1 && !errors::occurred().is_null() {
                    return Err(Raised::assume());
                }
                Ok(h)
            }
            None => Err(unhashable(op)),
        }
    }
}

/// Raises `TypeError: unhashable type: 'X'`.
pub unsafe fn unhashable(op: *mut PyObject) -> Raised {
    // SAFETY: op valid.
    errors::type_error(format!("unhashable type: '{}'", unsafe { type_name(op) }))
}

const OP_SYMBOLS: [&str; 6] = ["<", "<=", "==", "!=", ">", ">="];
/// `_Py_SwappedOp`: the comparison a reflected `tp_richcompare` call
/// makes, indexed by the original one (`a < b` is `b > a`). Exported as
/// CPython's stable ABI lists it; its headers keep it internal.
#[no_mangle]
pub static _Py_SwappedOp: [i32; 6] = [Py_GT, Py_GE, Py_EQ, Py_NE, Py_LT, Py_LE];

/// `PyObject_RichCompare`: the reflected operation of a right operand
/// whose type is a subclass goes first; `==`/`!=` fall back to identity.
pub unsafe fn rich_compare(a: *mut PyObject, b: *mut PyObject, op: i32) -> PyResult<Owned> {
    // SAFETY: a and b valid; op in 0..6.
    unsafe {
        if let Some(r) = compare_fast(a, b, op) {
            return Ok(Owned::from_borrowed_static(pybool::from_bool(r)));
        }
        let _g = RecursionGuard::enter(" in comparison")?;
        let (ta, tb) = ((*a).ob_type, (*b).ob_type);
        let ni = none::not_implemented();
        let mut checked_reverse = false;
        if ta != tb && typeobj::is_subtype(tb, ta) {
            if let Some(f) = (*tb).tp_richcompare {
                checked_reverse = true;
                let r = check(f(b, a, _Py_SwappedOp[op as usize]))?;
                if r.as_ptr() != ni {
                    return Ok(r);
                }
            }
        }
        if let Some(f) = (*ta).tp_richcompare {
            let r = check(f(a, b, op))?;
            if r.as_ptr() != ni {
                return Ok(r);
            }
        }
        if !checked_reverse {
            if let Some(f) = (*tb).tp_richcompare {
                let r = check(f(b, a, _Py_SwappedOp[op as usize]))?;
                if r.as_ptr() != ni {
                    return Ok(r);
                }
            }
        }
        match op {
            Py_EQ => Ok(Owned::from_borrowed_static(pybool::from_bool(a == b))),
            Py_NE => Ok(Owned::from_borrowed_static(pybool::from_bool(a != b))),
            _ => Err(errors::type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                OP_SYMBOLS[op as usize],
                type_name(a),
                type_name(b)
            ))),
        }
    }
}

/// `PyObject_RichCompareBool`: identity implies equality.
#[inline]
pub unsafe fn rich_compare_bool(a: *mut PyObject, b: *mut PyObject, op: i32) -> PyResult<bool> {
    if a == b {
        if op == Py_EQ {
            return Ok(true);
        }
        if op == Py_NE {
            return Ok(false);
        }
    }
    // SAFETY: a and b valid.
    unsafe {
        if let Some(r) = compare_fast(a, b, op) {
            return Ok(r);
        }
        let r = rich_compare(a, b, op)?;
        is_true(r.as_ptr())
    }
}

/// The comparison of two exact compact ints, two exact floats, or (for
/// `==`/`!=`) two exact strs, done in place (what their `tp_richcompare`
/// slots would answer); `None` for any other pair.
#[inline(always)]
unsafe fn compare_fast(a: *mut PyObject, b: *mut PyObject, op: i32) -> Option<bool> {
    use crate::object::{float, int};
    // SAFETY: a and b valid; the reads match the checked exact types.
    unsafe {
        let t = (*a).ob_type;
        if t != (*b).ob_type {
            return None;
        }
        let ord = if t == &raw mut int::PyLong_Type {
            int::small_value(a)?.partial_cmp(&int::small_value(b)?)
        } else if t == &raw mut float::PyFloat_Type {
            float::value(a).partial_cmp(&float::value(b))
        } else if t == &raw mut pystr::PyUnicode_Type && (op == Py_EQ || op == Py_NE) {
            return Some(pystr::eq(a, b) == (op == Py_EQ));
        } else {
            return None;
        };
        use std::cmp::Ordering::*;
        Some(match (op, ord) {
            (Py_NE, None) => true,
            (_, None) => false,
            (Py_LT, Some(o)) => o == Less,
            (Py_LE, Some(o)) => o != Greater,
            (Py_EQ, Some(o)) => o == Equal,
            (Py_NE, Some(o)) => o != Equal,
            (Py_GT, Some(o)) => o == Greater,
            (_, Some(o)) => o != Less,
        })
    }
}

/// Lexicographic comparison of two item arrays (tuples, lists).
pub unsafe fn compare_sequences(
    a: &[*mut PyObject],
    b: &[*mut PyObject],
    op: i32,
) -> PyResult<Owned> {
    // SAFETY: items are valid objects kept alive by their containers.
    unsafe {
        let (la, lb) = (a.len(), b.len());
        if (op == Py_EQ || op == Py_NE) && la != lb {
            return Ok(Owned::from_borrowed_static(pybool::from_bool(op == Py_NE)));
        }
        let mut i = 0;
        while i < la && i < lb {
            let (x, y) = (Owned::from_borrowed(a[i]), Owned::from_borrowed(b[i]));
            if !rich_compare_bool(x.as_ptr(), y.as_ptr(), Py_EQ)? {
                break;
            }
            i += 1;
        }
        if i >= la || i >= lb {
            let r = match op {
                Py_LT => la < lb,
                Py_LE => la <= lb,
                Py_EQ => la == lb,
                Py_NE => la != lb,
                Py_GT => la > lb,
                _ => la >= lb,
            };
            return Ok(Owned::from_borrowed_static(pybool::from_bool(r)));
        }
        match op {
            Py_EQ => Ok(Owned::from_borrowed_static(pybool::py_false())),
            Py_NE => Ok(Owned::from_borrowed_static(pybool::py_true())),
            _ => rich_compare(a[i], b[i], op),
        }
    }
}

/// `PyObject_IsTrue`.
#[inline]
pub unsafe fn is_true(op: *mut PyObject) -> PyResult<bool> {
    // SAFETY: op valid.
    unsafe {
        if op == pybool::py_true() {
            return Ok(true);
        }
        if op == pybool::py_false() || op == none::none() {
            return Ok(false);
        }
        let tp = (*op).ob_type;
        if !(*tp).tp_as_number.is_null() {
            if let Some(f) = (*(*tp).tp_as_number).nb_bool {
                let r = f(op);
                if r < 0 {
                    return Err(Raised::assume());
                }
                return Ok(r != 0);
            }
        }
        if !(*tp).tp_as_mapping.is_null() {
            if let Some(f) = (*(*tp).tp_as_mapping).mp_length {
                let r = f(op);
                if r < 0 {
                    return Err(Raised::assume());
                }
                return Ok(r != 0);
            }
        }
        if !(*tp).tp_as_sequence.is_null() {
            if let Some(f) = (*(*tp).tp_as_sequence).sq_length {
                let r = f(op);
                if r < 0 {
                    return Err(Raised::assume());
                }
                return Ok(r != 0);
            }
        }
        Ok(true)
    }
}

/// `PyObject_GetAttr`.
#[inline]
pub unsafe fn getattr(op: *mut PyObject, name: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op valid; name checked to be a str.
    unsafe {
        if !pystr::check(name) {
            return Err(errors::type_error(format!(
                "attribute name must be string, not '{}'",
                type_name(name)
            )));
        }
        let tp = (*op).ob_type;
        if let Some(f) = (*tp).tp_getattro {
            return check(f(op, name)).map_err(|e| attribute_error_context(op, name, e));
        }
        if let Some(f) = (*tp).tp_getattr {
            let cname = std::ffi::CString::new(pystr::as_str(name)?)
                .map_err(|_| errors::value_error("embedded null character"))?;
            return check(f(op, cname.as_ptr() as *mut _));
        }
        Err(errors::set_with_name(
            crate::object::exceptions::PyExc_AttributeError,
            &format!("'{}' object has no attribute '", type_name(op)),
            name,
            "'",
        ))
    }
}

/// Records `name` and `obj` on a raised `AttributeError` that names
/// neither yet (`set_attribute_error_context`), for the tracebacks' "Did
/// you mean" hints. Returns the same error.
#[cold]
pub unsafe fn attribute_error_context(
    obj: *mut PyObject,
    name: *mut PyObject,
    e: Raised,
) -> Raised {
    // SAFETY: the indicator holds an exception; an AttributeError (or a
    // subclass) has PyAttributeErrorObject's layout.
    unsafe {
        if !errors::matches(crate::object::exceptions::PyExc_AttributeError) {
            return e;
        }
        let Some(exc) = errors::take() else {
            return e;
        };
        let a = exc.as_ptr().cast::<PyAttributeErrorObject>();
        if (*a).name.is_null() && (*a).obj.is_null() {
            (*a).name = crate::object::refcount::new_ref(name);
            (*a).obj = crate::object::refcount::new_ref(obj);
        }
        errors::restore(exc)
    }
}

/// `PyObject_GetAttrString` with a Rust name.
pub unsafe fn getattr_str(op: *mut PyObject, name: &str) -> PyResult<Owned> {
    // SAFETY: op valid; interned names are immortal.
    unsafe { getattr(op, pystr::intern(name)) }
}

/// A `tp_getattro` function.
type GetAttrFn = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;
/// `object.__getattribute__` as a `tp_getattro` slot.
const GENERIC_GETATTR: GetAttrFn = crate::object::object::PyObject_GenericGetAttr;
/// `type.__getattribute__` as a `tp_getattro` slot.
const TYPE_GETATTR: GetAttrFn = crate::object::typeobj::type_getattro;

/// `PyObject_GetOptionalAttr`: `Ok(None)` when the attribute is missing
/// (AttributeError cleared).
pub unsafe fn getattr_opt(op: *mut PyObject, name: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: op valid.
    unsafe {
        // The generic lookups say "missing" without making the
        // AttributeError that would be cleared at once.
        let found = match (*(*op).ob_type).tp_getattro {
            Some(f) if std::ptr::fn_addr_eq(f, GENERIC_GETATTR) => {
                crate::object::object::generic_getattr_opt(op, name)
            }
            Some(f) if std::ptr::fn_addr_eq(f, TYPE_GETATTR) => {
                crate::object::typeobj::type_getattr_opt(op, name)
            }
            _ => getattr(op, name).map(Some),
        };
        match found {
            Ok(v) => Ok(v),
            Err(e) => {
                if errors::matches(crate::object::exceptions::PyExc_AttributeError) {
                    errors::clear();
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    }
}

/// `PyObject_SetAttr` (value NULL deletes).
pub unsafe fn setattr(
    op: *mut PyObject,
    name: *mut PyObject,
    value: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: op valid.
    unsafe {
        if !pystr::check(name) {
            return Err(errors::type_error(format!(
                "attribute name must be string, not '{}'",
                type_name(name)
            )));
        }
        let tp = (*op).ob_type;
        if let Some(f) = (*tp).tp_setattro {
            if f(op, name, value) < 0 {
                return Err(Raised::assume());
            }
            return Ok(());
        }
        if let Some(f) = (*tp).tp_setattr {
            let cname = std::ffi::CString::new(pystr::as_str(name)?)
                .map_err(|_| errors::value_error("embedded null character"))?;
            if f(op, cname.as_ptr() as *mut _, value) < 0 {
                return Err(Raised::assume());
            }
            return Ok(());
        }
        let has_get = (*tp).tp_getattro.is_some() || (*tp).tp_getattr.is_some();
        let what = if value.is_null() { "del" } else { "assign to" };
        let n = pystr::as_str(name)?;
        Err(errors::type_error(if has_get {
            format!(
                "'{}' object has only read-only attributes ({what} .{n})",
                type_name(op)
            )
        } else {
            format!("'{}' object has no attributes ({what} .{n})", type_name(op))
        }))
    }
}

/// `PyObject_Length`.
pub unsafe fn len(op: *mut PyObject) -> PyResult<Py_ssize_t> {
    // SAFETY: op valid.
    unsafe {
        let tp = (*op).ob_type;
        let f = (!(*tp).tp_as_sequence.is_null())
            .then(|| (*(*tp).tp_as_sequence).sq_length)
            .flatten()
            .or_else(|| {
                (!(*tp).tp_as_mapping.is_null())
                    .then(|| (*(*tp).tp_as_mapping).mp_length)
                    .flatten()
            });
        let Some(f) = f else {
            return Err(errors::type_error(format!(
                "object of type '{}' has no len()",
                type_name(op)
            )));
        };
        let n = f(op);
        if n < 0 {
            return Err(Raised::assume());
        }
        Ok(n)
    }
}

/// `PyObject_GetItem`.
pub unsafe fn get_item(op: *mut PyObject, key: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op, key valid.
    unsafe {
        let tp = (*op).ob_type;
        if !(*tp).tp_as_mapping.is_null() {
            if let Some(f) = (*(*tp).tp_as_mapping).mp_subscript {
                return check(f(op, key));
            }
        }
        if !(*tp).tp_as_sequence.is_null() {
            if let Some(f) = (*(*tp).tp_as_sequence).sq_item {
                let i = sequence_index(key)?;
                let n = if i < 0 {
                    match (*(*tp).tp_as_sequence).sq_length {
                        Some(l) => {
                            let n = l(op);
                            if n < 0 {
                                return Err(Raised::assume());
                            }
                            i + n
                        }
                        None => i,
                    }
                } else {
                    i
                };
                return check(f(op, n));
            }
        }
        if typeobj::instance_of(op, &raw mut typeobj::PyType_Type) {
            // `type[X]` is a generic alias of `type` itself.
            if op == (&raw mut typeobj::PyType_Type).cast() {
                return crate::object::genericalias::new(op, key);
            }
            let cg = getattr_opt(op, crate::interned!("__class_getitem__"))?;
            if let Some(cg) = cg {
                return call(cg.as_ptr(), tuple::pack(&[key])?.as_ptr(), null_mut());
            }
            return Err(errors::type_error(format!(
                "type '{}' is not subscriptable",
                typeobj::short_name(op.cast())
            )));
        }
        Err(errors::type_error(format!(
            "'{}' object is not subscriptable",
            type_name(op)
        )))
    }
}

/// The index of `PySequence_GetItem`/`SetItem` called through
/// `PyObject_GetItem`/`SetItem`: an int-like key, else `TypeError`.
unsafe fn sequence_index(key: *mut PyObject) -> PyResult<Py_ssize_t> {
    // SAFETY: key valid.
    unsafe {
        if !crate::object::number::index_check(key) {
            return Err(errors::type_error(format!(
                "sequence index must be integer, not '{}'",
                type_name(key)
            )));
        }
        crate::object::number::index_as_ssize(key, "sequence index")
    }
}

/// `PyObject_SetItem` (value NULL deletes, as `PyObject_DelItem`).
pub unsafe fn set_item(
    op: *mut PyObject,
    key: *mut PyObject,
    value: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: op, key valid.
    unsafe {
        let tp = (*op).ob_type;
        if !(*tp).tp_as_mapping.is_null() {
            if let Some(f) = (*(*tp).tp_as_mapping).mp_ass_subscript {
                if f(op, key, value) < 0 {
                    return Err(Raised::assume());
                }
                return Ok(());
            }
        }
        if !(*tp).tp_as_sequence.is_null() {
            if let Some(f) = (*(*tp).tp_as_sequence).sq_ass_item {
                let mut i = sequence_index(key)?;
                if i < 0 {
                    if let Some(l) = (*(*tp).tp_as_sequence).sq_length {
                        let n = l(op);
                        if n < 0 {
                            return Err(Raised::assume());
                        }
                        i += n;
                    }
                }
                if f(op, i, value) < 0 {
                    return Err(Raised::assume());
                }
                return Ok(());
            }
        }
        Err(errors::type_error(if value.is_null() {
            format!("'{}' object does not support item deletion", type_name(op))
        } else {
            format!(
                "'{}' object does not support item assignment",
                type_name(op)
            )
        }))
    }
}

/// `PyObject_GetIter`.
pub unsafe fn get_iter(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op valid.
    unsafe {
        let tp = (*op).ob_type;
        if let Some(f) = (*tp).tp_iter {
            let it = check(f(op))?;
            let itp = (*it.as_ptr()).ob_type;
            if (*itp).tp_iternext.is_none() {
                return Err(errors::type_error(format!(
                    "iter() returned non-iterator of type '{}'",
                    type_name(it.as_ptr())
                )));
            }
            return Ok(it);
        }
        if !(*tp).tp_as_sequence.is_null() && (*(*tp).tp_as_sequence).sq_item.is_some() {
            return crate::object::iterobject::seq_iter_new(op);
        }
        Err(errors::type_error(format!(
            "'{}' object is not iterable",
            type_name(op)
        )))
    }
}

/// `PyAIter_Check`: whether the type of `op` has `__anext__`.
pub unsafe fn is_aiter(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe {
        let am = (*(*op).ob_type).tp_as_async;
        !am.is_null() && (*am).am_anext.is_some()
    }
}

/// `PyObject_GetAIter` / `aiter(op)`: `op.__aiter__()`, which must be an
/// async iterator.
pub unsafe fn get_aiter(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op valid.
    unsafe {
        let am = (*(*op).ob_type).tp_as_async;
        let Some(f) = (if am.is_null() { None } else { (*am).am_aiter }) else {
            return Err(errors::type_error(format!(
                "'{}' object is not an async iterable",
                type_name(op)
            )));
        };
        let it = check(f(op))?;
        if !is_aiter(it.as_ptr()) {
            return Err(errors::type_error(format!(
                "aiter() returned not an async iterator of type '{}'",
                type_name(it.as_ptr())
            )));
        }
        Ok(it)
    }
}

/// `PyIter_Next`: `Ok(None)` at exhaustion (StopIteration cleared).
#[inline]
pub unsafe fn iter_next(it: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: it is an iterator.
    unsafe {
        let Some(f) = (*(*it).ob_type).tp_iternext else {
            return Err(errors::type_error(format!(
                "'{}' object is not an iterator",
                type_name(it)
            )));
        };
        let r = f(it);
        if !r.is_null() {
            return Ok(Some(Owned::from_raw_unchecked(r)));
        }
        let e = errors::occurred();
        if e.is_null() {
            return Ok(None);
        }
        if errors::matches(crate::object::exceptions::PyExc_StopIteration) {
            errors::clear();
            return Ok(None);
        }
        Err(Raised::assume())
    }
}

/// `PyObject_Call`.
pub unsafe fn call(
    callable: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: callable valid; args a tuple; kwargs NULL or a dict.
    unsafe { check(crate::capi::call::call_raw(callable, args, kwargs)) }
}

/// Calls `callable(*args)`.
pub unsafe fn call_args(callable: *mut PyObject, args: &[*mut PyObject]) -> PyResult<Owned> {
    // SAFETY: callable and args valid.
    unsafe {
        check(crate::capi::call::vectorcall(
            callable,
            args.as_ptr(),
            args.len(),
            null_mut(),
        ))
    }
}

/// `type(obj).name` bound to `obj` (`_PyObject_LookupSpecial`), if the
/// type has it.
pub unsafe fn lookup_special(obj: *mut PyObject, name: &str) -> PyResult<Option<Owned>> {
    // SAFETY: obj is valid; the looked-up attribute is kept alive by the
    // type's dict while it is bound.
    unsafe {
        let tp = (*obj).ob_type;
        let f = typeobj::lookup(tp, pystr::intern(name));
        if f.is_null() {
            return Ok(None);
        }
        let f = Owned::from_borrowed(f);
        match (*(*f.as_ptr()).ob_type).tp_descr_get {
            Some(get) => errors::check(get(f.as_ptr(), obj, tp.cast())).map(Some),
            None => Ok(Some(f)),
        }
    }
}

/// Calls the special method `name` of `obj`: looked up on its type and
/// bound by its descriptor, never through `__getattribute__`
/// (`_PyObject_LookupSpecial`, then a call); None when the type lacks it.
pub unsafe fn call_special(
    obj: *mut PyObject,
    name: &str,
    args: &[*mut PyObject],
) -> PyResult<Option<Owned>> {
    // SAFETY: obj and args valid.
    unsafe {
        match lookup_special(obj, name)? {
            Some(m) => call_args(m.as_ptr(), args).map(Some),
            None => Ok(None),
        }
    }
}

/// Calls `op.name(*args)`.
pub unsafe fn call_method_obj(
    op: *mut PyObject,
    name: &str,
    args: &[*mut PyObject],
) -> PyResult<Owned> {
    // SAFETY: op and args valid.
    unsafe {
        let m = getattr_str(op, name)?;
        call_args(m.as_ptr(), args)
    }
}

/// `PySequence_Contains` / the `in` operator: `sq_contains`, else a search
/// by iteration with `==`.
pub unsafe fn contains(container: *mut PyObject, item: *mut PyObject) -> PyResult<bool> {
    // SAFETY: both valid.
    unsafe {
        let sq = (*(*container).ob_type).tp_as_sequence;
        if !sq.is_null() {
            if let Some(f) = (*sq).sq_contains {
                let r = f(container, item);
                if r < 0 {
                    return Err(Raised::assume());
                }
                return Ok(r != 0);
            }
        }
        let it = get_iter(container).map_err(|e| {
            if errors::matches(crate::object::exceptions::PyExc_TypeError) {
                errors::clear();
                return errors::type_error(format!(
                    "argument of type '{}' is not iterable",
                    type_name(container)
                ));
            }
            e
        })?;
        while let Some(x) = iter_next(it.as_ptr())? {
            if rich_compare_bool(x.as_ptr(), item, Py_EQ)? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}
