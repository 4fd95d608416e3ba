//! The bigger steps of the evaluation loop, one function each, so the loop
//! itself stays a readable dispatch (`eval.rs`).
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::{
    dict, exceptions as exc, int, list, none, number, protocol, str as pystr, tuple, typeobj,
};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::vm::code::CodeData;
use crate::vm::frame::PyFrameObject;
use crate::vm::function::PyFunctionObject;
use crate::Owned;
use ferrython_compiler::bytecode::fast_kind;
use std::ptr::null_mut;

/// `UnboundLocalError` for a local read before assignment.
pub unsafe fn unbound_local(name: *mut PyObject) -> Raised {
    // SAFETY: name is a str; the exception class is static. A name that
    // is not valid UTF-8 raises UnicodeEncodeError, as in CPython.
    unsafe {
        match pystr::as_str(name) {
            Ok(n) => errors::set_string(
                exc::PyExc_UnboundLocalError,
                &format!(
                    "cannot access local variable '{n}' where it is not associated with a value"
                ),
            ),
            Err(r) => r,
        }
    }
}

/// The error for reading an empty cell or free variable.
pub unsafe fn unbound_deref(cd: &CodeData, i: usize) -> Raised {
    // SAFETY: i indexes localsplus.
    unsafe {
        if cd.localspluskinds[i] & fast_kind::FREE != 0 {
            return match pystr::as_str(cd.localsplusnames[i]) {
                Ok(n) => errors::set_string(
                    exc::PyExc_NameError,
                    &format!("cannot access free variable '{n}' where it is not associated with a value in enclosing scope"),
                ),
                Err(r) => r,
            };
        }
        unbound_local(cd.localsplusnames[i])
    }
}

/// `NameError: name 'x' is not defined`.
pub unsafe fn name_error(name: *mut PyObject) -> Raised {
    // SAFETY: name is a str; the class is static, its instances laid out
    // as PyNameErrorObject.
    unsafe {
        let n = match pystr::as_str(name) {
            Ok(n) => n,
            Err(r) => return r,
        };
        let e = errors::set_string(exc::PyExc_NameError, &format!("name '{n}' is not defined"));
        // `NameError.name`, for the "Did you mean" hints.
        let Some(ne) = errors::take() else {
            return e;
        };
        let o = ne.as_ptr().cast::<PyNameErrorObject>();
        if (*o).name.is_null() {
            (*o).name = new_ref(name);
        }
        errors::restore(ne)
    }
}

/// `mapping[name]`, `None` when the key is missing (KeyError cleared).
pub unsafe fn mapping_lookup(
    mapping: *mut PyObject,
    name: *mut PyObject,
) -> PyResult<Option<Owned>> {
    // SAFETY: mapping valid; name a str.
    unsafe {
        if (*mapping).ob_type == &raw mut dict::PyDict_Type {
            let v = dict::get_item(mapping, name)?;
            return Ok((!v.is_null()).then(|| Owned::from_borrowed(v)));
        }
        match protocol::get_item(mapping, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                if errors::matches(exc::PyExc_KeyError) {
                    errors::clear();
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    }
}

/// `name` in the frame's builtins (`_PyEval_GetBuiltin`): read directly
/// from a dict, through `__getitem__` from any other mapping (as
/// `__builtins__` may be); `None` when it is missing.
#[inline]
pub unsafe fn builtin(fo: &PyFrameObject, name: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: builtins valid; name an interned str.
    unsafe {
        if (*fo.builtins).ob_type == &raw mut dict::PyDict_Type {
            let v = dict::get_item_known_hash_str(fo.builtins, name);
            return Ok((!v.is_null()).then(|| Owned::from_borrowed(v)));
        }
        mapping_lookup(fo.builtins, name)
    }
}

/// A global: the frame's globals, then its builtins.
#[inline]
pub unsafe fn load_global(fo: &PyFrameObject, name: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: globals is a dict; name an interned str.
    unsafe {
        let v = dict::get_item_known_hash_str(fo.globals, name);
        if !v.is_null() {
            return Ok(Owned::from_borrowed(v));
        }
        builtin(fo, name)?.ok_or_else(|| name_error(name))
    }
}

/// `LOAD_GLOBAL` through its four inline cache units: the globals' keys
/// version (two units), the builtins' keys version (0 when the name was
/// found in the globals) and the entry index. A hit reads the entry at the
/// index without hashing; anything else takes [`load_global`] and refills
/// the cache. Like [`load_global`], it reads the namespaces as plain dicts.
#[inline(always)]
pub unsafe fn load_global_cached(
    fo: &PyFrameObject,
    name: *mut PyObject,
    cache: *mut u16,
) -> PyResult<*mut PyObject> {
    use crate::object::dictkeys::Keys;
    // SAFETY: cache points at the instruction's four units; globals and
    // builtins are dicts; a cached index is checked against the table.
    unsafe {
        let gk = dict::keys(fo.globals);
        let gver = *cache as u32 | (*cache.add(1) as u32) << 16;
        if gver != 0 && (*gk).current_version() == gver {
            let bver = *cache.add(2) as u32;
            let k = if bver == 0 {
                gk
            } else {
                let bk = dict::keys(fo.builtins);
                if (*bk).current_version() == bver {
                    bk
                } else {
                    null_mut()
                }
            };
            let ix = *cache.add(3) as usize;
            if !k.is_null() && ix < (*k).nentries {
                let e = Keys::entry(k, ix);
                if e.key == name && !e.value.is_null() {
                    return Ok(new_ref(e.value));
                }
            }
        }
        let v = load_global(fo, name)?.into_raw();
        fill_global_cache(fo.globals, fo.builtins, name, cache);
        Ok(v)
    }
}

/// Records where `name` was found for [`load_global_cached`] (or clears
/// the cache when it cannot be described).
#[cold]
unsafe fn fill_global_cache(
    g: *mut PyObject,
    b: *mut PyObject,
    name: *mut PyObject,
    cache: *mut u16,
) {
    use crate::object::dictkeys::Keys;
    // SAFETY: g is a dict, b a mapping read as a dict only when it is
    // one, name an interned str, cache four writable units.
    unsafe {
        let found_in = |d: *mut PyObject| -> Option<usize> {
            let k = dict::keys(d);
            if !(*k).all_str || !pystr::check_exact(name) {
                return None;
            }
            Keys::lookup_str(k, name, pystr::hash(name)).map(|(_, ix)| ix)
        };
        let gk = dict::keys(g);
        let fill = match found_in(g) {
            Some(ix) => Some((Keys::version(gk), 0, ix)),
            // Absent from the globals: caching a builtin needs to know
            // that the globals' keys are still the ones that lacked it.
            None if (*gk).all_str && (*b).ob_type == &raw mut dict::PyDict_Type => {
                found_in(b).map(|ix| (Keys::version(gk), Keys::version(dict::keys(b)), ix))
            }
            None => None,
        };
        let units = match fill {
            Some((gv, bv, ix)) if gv != 0 && bv <= 0xffff && ix <= 0xffff => {
                [gv as u16, (gv >> 16) as u16, bv as u16, ix as u16]
            }
            _ => [0; 4],
        };
        std::ptr::copy_nonoverlapping(units.as_ptr(), cache, 4);
    }
}

/// `_PyObject_GetMethod`: `(function, true)` when `name` is a plain method
/// found on the type (so the caller passes `obj` as self), else
/// `(attribute, false)`.
pub unsafe fn get_method(obj: *mut PyObject, name: *mut PyObject) -> PyResult<(Owned, bool)> {
    // SAFETY: obj valid; name a str.
    unsafe {
        let tp = (*obj).ob_type;
        let generic = (*tp).tp_getattro.map(|f| f as usize)
            == Some(crate::object::object::PyObject_GenericGetAttr as *const () as usize);
        if generic {
            let descr = typeobj::lookup(tp, name);
            if !descr.is_null() && (*(*descr).ob_type).tp_flags & Py_TPFLAGS_METHOD_DESCRIPTOR != 0
            {
                let slot = crate::object::object::dict_slot(obj);
                let shadowed = !slot.is_null()
                    && !(*slot).is_null()
                    && !dict::get_item_known_hash_str(*slot, name).is_null();
                if !shadowed {
                    return Ok((Owned::from_borrowed(descr), true));
                }
            }
        }
        Ok((protocol::getattr(obj, name)?, false))
    }
}

/// `super(class, self).name` for `LOAD_SUPER_ATTR`: the attribute found on
/// the MRO of `self` after `class`, bound to `self`. With `method`, a plain
/// method comes back unbound with `self` as the second value.
pub unsafe fn super_attr(
    sup: *mut PyObject,
    class: *mut PyObject,
    self_: *mut PyObject,
    name: *mut PyObject,
    method: bool,
    two_args: bool,
    fo: &PyFrameObject,
) -> PyResult<(Owned, Option<Owned>)> {
    // SAFETY: the three objects are valid; name a str.
    unsafe {
        let builtin_super = builtin(fo, crate::interned!("super"))?;
        if builtin_super.is_none_or(|b| b.as_ptr() != sup) {
            let args: Vec<*mut PyObject> = if two_args { vec![class, self_] } else { vec![] };
            let s = protocol::call_args(sup, &args)?;
            return Ok((protocol::getattr(s.as_ptr(), name)?, None));
        }
        if !typeobj::instance_of(class, &raw mut typeobj::PyType_Type) {
            return Err(errors::type_error(format!(
                "super() argument 1 must be a type, not {}",
                typeobj::type_name(class)
            )));
        }
        // `__class__` is the super object's own; a real one answers it.
        if pystr::as_str_opt(name) == Some("__class__") {
            let s = protocol::call_args(sup, &[class, self_])?;
            return Ok((protocol::getattr(s.as_ptr(), name)?, None));
        }
        let start = crate::object::superobject::check_obj(class.cast(), self_)?;
        let starttype = start.as_ptr().cast::<PyTypeObject>();
        if let Some(v) = crate::object::superobject::lookup_after(starttype, class, name) {
            let vt = (*v.as_ptr()).ob_type;
            if method
                && (*vt).tp_flags & Py_TPFLAGS_METHOD_DESCRIPTOR != 0
                && !std::ptr::eq(starttype.cast(), self_)
            {
                return Ok((v, Some(Owned::from_borrowed(self_))));
            }
            if let Some(get) = (*vt).tp_descr_get {
                let obj = if std::ptr::eq(starttype.cast(), self_) {
                    null_mut()
                } else {
                    self_
                };
                return Ok((errors::check(get(v.as_ptr(), obj, starttype.cast()))?, None));
            }
            return Ok((v, None));
        }
        Err(errors::set_with_name(
            exc::PyExc_AttributeError,
            "'super' object has no attribute '",
            name,
            "'",
        ))
    }
}

/// `LOAD_COMMON_CONSTANT`.
pub unsafe fn common_constant(fo: &PyFrameObject, i: u32) -> PyResult<Owned> {
    // SAFETY: the exception pointers are static; builtins a dict.
    unsafe {
        Ok(match i {
            0 => Owned::from_borrowed(exc::PyExc_AssertionError),
            1 => Owned::from_borrowed(exc::PyExc_NotImplementedError),
            2 => Owned::from_borrowed((&raw mut tuple::PyTuple_Type).cast()),
            3 | 4 => {
                let name = pystr::intern(if i == 3 { "all" } else { "any" });
                builtin(fo, name)?.ok_or_else(|| errors::system_error("builtins lack all/any"))?
            }
            _ => return Err(errors::system_error("bad LOAD_COMMON_CONSTANT")),
        })
    }
}

/// `container[key]`, with a fast path for an exact list or tuple indexed
/// by a small int.
#[inline]
pub unsafe fn subscript(container: *mut PyObject, key: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: both valid; the index is checked against the length.
    unsafe {
        let ct = (*container).ob_type;
        if (*key).ob_type == &raw mut crate::object::int::PyLong_Type
            && (ct == &raw mut list::PyList_Type || ct == &raw mut tuple::PyTuple_Type)
        {
            if let Some(i) = crate::object::int::small_value(key) {
                let items = if ct == &raw mut list::PyList_Type {
                    list::items(container)
                } else {
                    tuple::items(container)
                };
                let n = items.len() as i64;
                let j = if i < 0 { i + n } else { i };
                if (0..n).contains(&j) {
                    return Ok(Owned::from_borrowed(items[j as usize]));
                }
            }
        }
        protocol::get_item(container, key)
    }
}

/// `container[key] = value`, with a fast path (inlined into the eval
/// loop) for an exact list indexed by an int within its bounds.
#[inline(always)]
pub unsafe fn store_subscript(
    container: *mut PyObject,
    key: *mut PyObject,
    value: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: all valid; the index is checked against the length, so the
    // slot holds an item (a list's items are never NULL).
    unsafe {
        if (*container).ob_type == &raw mut list::PyList_Type {
            if let Some(i) = int::compact_value(key) {
                let n = list::len(container) as i64;
                let j = if i < 0 { i + n } else { i };
                if (0..n).contains(&j) {
                    let slot = (*container.cast::<PyListObject>()).ob_item.add(j as usize);
                    decref(std::mem::replace(&mut *slot, new_ref(value)));
                    return Ok(());
                }
            }
        }
        protocol::set_item(container, key, value)
    }
}

/// Concatenates the strs of an f-string.
pub unsafe fn join_strings(items: &[Owned]) -> PyResult<Owned> {
    // SAFETY: the items are strs; the result has room for all of them.
    unsafe {
        if items.is_empty() {
            return pystr::empty();
        }
        let mut total: Py_ssize_t = 0;
        let mut maxc = 0;
        for it in items {
            total = total.saturating_add(pystr::len(it.as_ptr()));
            maxc = maxc.max(pystr::max_char(it.as_ptr()));
        }
        let res = Owned::from_raw_unchecked(pystr::new_uninit(total, maxc)?);
        let mut at = 0usize;
        for it in items {
            pystr::copy_chars(res.as_ptr(), at, it.as_ptr());
            at += pystr::len(it.as_ptr()) as usize;
        }
        Ok(res)
    }
}

/// `LIST_EXTEND`: CPython's message for a non-iterable after `*`.
pub unsafe fn list_extend(l: *mut PyObject, v: *mut PyObject) -> PyResult<()> {
    // SAFETY: l is a list.
    unsafe {
        list::extend(l, v).map_err(|e| {
            if errors::matches(exc::PyExc_TypeError)
                && (*(*v).ob_type).tp_iter.is_none()
                && ((*(*v).ob_type).tp_as_sequence.is_null()
                    || (*(*(*v).ob_type).tp_as_sequence).sq_item.is_none())
            {
                errors::clear();
                return errors::type_error(format!(
                    "Value after * must be an iterable, not {}",
                    typeobj::type_name(v)
                ));
            }
            e
        })
    }
}

/// `SET_UPDATE`.
pub unsafe fn set_update(s: *mut PyObject, v: *mut PyObject) -> PyResult<()> {
    // SAFETY: s is a set.
    unsafe { crate::object::set::update(s, v) }
}

/// `DICT_UPDATE`/`DICT_MERGE`: `merge` refuses duplicate keys (for `**` in
/// calls; `func` names the callee in the error).
pub unsafe fn dict_update(
    d: *mut PyObject,
    v: *mut PyObject,
    merge: bool,
    func: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: d is a dict.
    unsafe {
        if !dict::check(v) && protocol::getattr_opt(v, crate::interned!("keys"))?.is_none() {
            return Err(errors::type_error(if merge {
                format!(
                    "{} argument after ** must be a mapping, not {}",
                    callee_name(func),
                    typeobj::type_name(v)
                )
            } else {
                format!("'{}' object is not a mapping", typeobj::type_name(v))
            }));
        }
        match dict::merge(d, v, if merge { 2 } else { 1 }) {
            Err(_) if merge && errors::matches(exc::PyExc_KeyError) => {
                let ke = errors::take();
                let key = ke
                    .as_ref()
                    .map(|k| exc::args_of(k.as_ptr()))
                    .filter(|a| !a.is_null() && tuple::size(*a) > 0)
                    .map(|a| tuple::items(a)[0]);
                // Any repeated key, a str or not, is named by its str().
                match key {
                    Some(k) => Err(errors::type_error(format!(
                        "{} got multiple values for keyword argument '{}'",
                        callee_name(func),
                        pystr::as_str(protocol::str_(k)?.as_ptr())?
                    ))),
                    None => Err(errors::type_error("keywords must be strings")),
                }
            }
            r => r,
        }
    }
}

/// `module.qualname()` (or `qualname()` for builtins) for call-site
/// messages, as CPython's `_PyObject_FunctionStr`.
unsafe fn callee_name(func: *mut PyObject) -> String {
    // SAFETY: func NULL or valid.
    unsafe {
        if func.is_null() {
            return "function".into();
        }
        let Ok(q) = protocol::getattr_str(func, "__qualname__") else {
            errors::clear();
            // Without a qualified name, the object's str().
            let s = protocol::str_(func).and_then(|s| Ok(pystr::as_str(s.as_ptr())?.to_string()));
            return s.unwrap_or_else(|_| {
                errors::clear();
                format!("{} object", typeobj::type_name(func))
            });
        };
        let q = pystr::as_str(q.as_ptr()).unwrap_or("?").to_string();
        match protocol::getattr_opt(func, crate::interned!("__module__")) {
            Ok(Some(m))
                if pystr::check(m.as_ptr())
                    && pystr::as_str(m.as_ptr()).is_ok_and(|m| m != "builtins") =>
            {
                format!("{}.{q}()", pystr::as_str(m.as_ptr()).unwrap_or(""))
            }
            _ => {
                errors::clear();
                format!("{q}()")
            }
        }
    }
}

/// Unpacks `seq` into `n` values (`UNPACK_SEQUENCE`), or with a starred
/// target after `star` values (`UNPACK_EX`): then `n + 1` values result,
/// the starred list in position `star`.
pub unsafe fn unpack(seq: *mut PyObject, n: usize, star: Option<usize>) -> PyResult<Vec<Owned>> {
    // SAFETY: seq valid.
    unsafe {
        // Subclasses may define `__iter__`: only exact tuples and lists are
        // read directly, as CPython's unpack_iterable.
        let items: Vec<Owned> = if tuple::check_exact(seq) || list::check_exact(seq) {
            let src = if tuple::check_exact(seq) {
                tuple::items(seq)
            } else {
                list::items(seq)
            };
            src.iter().map(|&o| Owned::from_borrowed(o)).collect()
        } else {
            let it = protocol::get_iter(seq).map_err(|e| {
                if errors::matches(exc::PyExc_TypeError) {
                    errors::clear();
                    return errors::type_error(format!(
                        "cannot unpack non-iterable {} object",
                        typeobj::type_name(seq)
                    ));
                }
                e
            })?;
            let mut v = Vec::new();
            while let Some(x) = protocol::iter_next(it.as_ptr())? {
                v.push(x);
                if star.is_none() && v.len() > n {
                    return Err(errors::value_error(if dict::check_exact(seq) {
                        format!(
                            "too many values to unpack (expected {n}, got {})",
                            dict::len(seq)
                        )
                    } else {
                        format!("too many values to unpack (expected {n})")
                    }));
                }
            }
            v
        };
        match star {
            None => {
                if items.len() < n {
                    return Err(errors::value_error(format!(
                        "not enough values to unpack (expected {n}, got {})",
                        items.len()
                    )));
                }
                if items.len() > n {
                    return Err(errors::value_error(format!(
                        "too many values to unpack (expected {n}, got {})",
                        items.len()
                    )));
                }
                Ok(items)
            }
            Some(before) => {
                if items.len() < n {
                    return Err(errors::value_error(format!(
                        "not enough values to unpack (expected at least {n}, got {})",
                        items.len()
                    )));
                }
                let after = n - before;
                let mut items = items;
                let tail = items.split_off(items.len() - after);
                let middle = items.split_off(before);
                items.push(list::from_vec(middle)?);
                items.extend(tail);
                Ok(items)
            }
        }
    }
}

/// The eval breaker check at backward jumps and function entry: one load
/// of the eval-breaker word, which flags GIL drop requests, scheduled cycle
/// collections, signals and asynchronous exceptions (`runtime::gil`).
#[inline(always)]
pub fn eval_breaker() -> PyResult<()> {
    crate::runtime::gil::check_eval_breaker()
}

/// `CALL_FUNCTION_EX` in frame `f`; `TRACED` raises the call events
/// (`vm::tracing::call_start`/`call_end`) around the call.
pub unsafe fn call_ex<const TRACED: bool>(
    f: *mut PyObject,
    callable: *mut PyObject,
    self_or_null: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: callable valid; args an iterable; kwargs NULL or a mapping.
    unsafe {
        let (t, kw) = call_ex_args(callable, self_or_null, args, kwargs)?;
        if !TRACED {
            return protocol::call(callable, t.as_ptr(), kw);
        }
        let arg0 = tuple::items(t.as_ptr())
            .first()
            .copied()
            .unwrap_or_else(crate::vm::monitoring::missing);
        if !crate::vm::tracing::call_start(f, callable, arg0)? {
            return protocol::call(callable, t.as_ptr(), kw);
        }
        let r = protocol::call(callable, t.as_ptr(), kw).map_or(null_mut(), Owned::into_raw);
        errors::check(crate::vm::tracing::call_end(f, callable, arg0, r))
    }
}

/// The arguments of a `CALL_FUNCTION_EX`: the positional ones as a tuple
/// (`self_or_null` first unless NULL), and the keyword dict (NULL for
/// none), borrowed from `kwargs`.
pub unsafe fn call_ex_args(
    callable: *mut PyObject,
    self_or_null: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> PyResult<(Owned, *mut PyObject)> {
    // SAFETY: callable valid; args an iterable; kwargs NULL or a mapping.
    unsafe {
        // A tuple subclass may define `__iter__`: it is iterated.
        let t = if tuple::check_exact(args) {
            Owned::from_borrowed(args)
        } else {
            tuple::from_iterable(args).map_err(|e| {
                // CPython's `check_args_iterable`: only an object that is
                // neither iterable nor a sequence gets this message.
                let sq = (*(*args).ob_type).tp_as_sequence;
                if errors::matches(exc::PyExc_TypeError)
                    && (*(*args).ob_type).tp_iter.is_none()
                    && (sq.is_null() || (*sq).sq_item.is_none())
                {
                    errors::clear();
                    return errors::type_error(format!(
                        "{} argument after * must be an iterable, not {}",
                        callee_name(callable),
                        typeobj::type_name(args)
                    ));
                }
                e
            })?
        };
        let t = if self_or_null.is_null() {
            t
        } else {
            let mut v = vec![self_or_null];
            v.extend_from_slice(tuple::items(t.as_ptr()));
            tuple::from_slice(&v)?
        };
        if kwargs.is_null() || dict::check(kwargs) {
            Ok((t, kwargs))
        } else {
            Err(errors::type_error(format!(
                "{} argument after ** must be a mapping, not {}",
                callee_name(callable),
                typeobj::type_name(kwargs)
            )))
        }
    }
}

/// `CALL_INTRINSIC_1`.
pub unsafe fn intrinsic1(i: u32, v: *mut PyObject, fo: &PyFrameObject) -> PyResult<Owned> {
    // SAFETY: v valid.
    unsafe {
        match i {
            1 => {
                // INTRINSIC_PRINT (an expression statement in "single"
                // mode): hand the value to sys.displayhook.
                let hook = crate::modules::sys::get("displayhook");
                if hook.is_null() {
                    return Err(errors::runtime_error("lost sys.displayhook"));
                }
                let hook = Owned::from_borrowed(hook);
                protocol::call_args(hook.as_ptr(), &[v])
            }
            2 => {
                import_star(fo, v)?;
                Ok(Owned::from_borrowed_static(none::none()))
            }
            3 => {
                // A StopIteration escaping a generator body becomes a
                // RuntimeError (PEP 479), and so does a StopAsyncIteration
                // escaping an async generator (PEP 525); anything else is
                // re-raised as is.
                use ferrython_compiler::bytecode::co_flags;
                let flags = crate::vm::code::data(fo.code).flags;
                let async_gen = flags & co_flags::ASYNC_GENERATOR != 0;
                let kind = if async_gen {
                    "async generator"
                } else if flags & co_flags::COROUTINE != 0 {
                    "coroutine"
                } else {
                    "generator"
                };
                let what = if exc::given_matches(v, exc::PyExc_StopIteration) {
                    "StopIteration"
                } else if async_gen && exc::given_matches(v, exc::PyExc_StopAsyncIteration) {
                    "StopAsyncIteration"
                } else {
                    return Ok(Owned::from_borrowed(v));
                };
                let r = errors::runtime_error(format!("{kind} raised {what}"));
                exc::set_cause_of_current(Owned::from_borrowed(v));
                Err(r)
            }
            4 => crate::vm::asyncgen::wrap(v),
            7..=9 => {
                use crate::object::typevar::typeparam::*;
                let ty = match i {
                    7 => &raw mut _PyTypeVar_Type,
                    8 => &raw mut _PyParamSpec_Type,
                    _ => &raw mut _PyTypeVarTuple_Type,
                };
                from_syntax(ty, v, null_mut(), null_mut())
            }
            10 => crate::object::typevar::generic::subscript_generic(v),
            11 => crate::object::typevar::typealias::from_syntax(v),
            5 => number::unary_op(v, |nb| nb.nb_positive, "unary +"),
            6 => tuple::from_iterable(v),
            _ => Err(errors::system_error(format!(
                "ferrython cannot run intrinsic {i} yet"
            ))),
        }
    }
}

/// `CALL_INTRINSIC_2`.
pub unsafe fn intrinsic2(i: u32, a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: a and b valid; for PREP_RERAISE_STAR b is the compiler's list.
    unsafe {
        use crate::object::typevar::typeparam::{self, _PyTypeVar_Type};
        match i {
            1 => exc::group::prep_reraise_star(a, list::items(b)),
            2 => typeparam::from_syntax(&raw mut _PyTypeVar_Type, a, b, null_mut()),
            3 => typeparam::from_syntax(&raw mut _PyTypeVar_Type, a, null_mut(), b),
            4 => {
                let f = &mut *a.cast::<PyFunctionObject>();
                xdecref(std::mem::replace(&mut f.func_typeparams, new_ref(b)));
                Ok(Owned::from_borrowed(a))
            }
            5 => typeparam::set_default_evaluator(a, b),
            _ => Err(errors::system_error(format!(
                "ferrython cannot run intrinsic2 {i} yet"
            ))),
        }
    }
}

/// Whether `v` (maybe NULL: a stack slot) is exactly of type `tp`. The
/// eval loop checks the containers that building instructions reach
/// under the top of the stack: bytecode loaded by `marshal` may have
/// put something else there.
#[inline(always)]
pub unsafe fn is_exactly(v: *mut PyObject, tp: *mut PyTypeObject) -> bool {
    // SAFETY: v is NULL or a live object.
    !v.is_null() && unsafe { (*v).ob_type == tp }
}

/// The error for an instruction that finds the wrong kind of value on
/// the stack (only hand-made bytecode does that).
#[cold]
pub fn bad_stack(op: &str) -> Raised {
    errors::system_error(format!("{op}: unexpected value on the stack"))
}

/// `SET_FUNCTION_ATTRIBUTE`: stores (steals) `v` in the function.
pub unsafe fn set_function_attribute(
    func: *mut PyObject,
    flag: u32,
    v: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: func and v are owned references; func is read as a function
    // once checked, and a closure is checked before the frame trusts it.
    unsafe {
        if !is_exactly(func, &raw mut crate::vm::function::PyFunction_Type) {
            decref(v);
            return Err(errors::system_error(
                "SET_FUNCTION_ATTRIBUTE on a non-function",
            ));
        }
        let f = &mut *func.cast::<PyFunctionObject>();
        // What the function's callers read the attribute as.
        let fits = match flag {
            0x01 => tuple::check_exact(v),
            0x02 => dict::check_exact(v),
            0x04 => dict::check_exact(v) || tuple::check_exact(v),
            0x08 => {
                let nfrees = crate::vm::code::data(f.func_code).nfrees;
                let cell = &raw mut crate::vm::cell::PyCell_Type;
                tuple::check_exact(v)
                    && tuple::size(v) as usize == nfrees
                    && tuple::items(v).iter().all(|&c| (*c).ob_type == cell)
            }
            _ => true,
        };
        if !fits {
            decref(v);
            return Err(errors::system_error(
                "SET_FUNCTION_ATTRIBUTE: unexpected value on the stack",
            ));
        }
        let slot = match flag {
            0x01 => &mut f.func_defaults,
            0x02 => &mut f.func_kwdefaults,
            0x04 => &mut f.func_annotations,
            0x08 => &mut f.func_closure,
            _ => &mut f.func_annotate,
        };
        xdecref(std::mem::replace(slot, v));
        Ok(())
    }
}

/// `SETUP_ANNOTATIONS`.
pub unsafe fn setup_annotations(fo: &PyFrameObject) -> PyResult<()> {
    // SAFETY: the frame has locals (module or class body).
    unsafe {
        if fo.locals.is_null() {
            return Err(errors::system_error(
                "no locals found when setting up annotations",
            ));
        }
        let key = crate::interned!("__annotations__");
        if mapping_lookup(fo.locals, key)?.is_none() {
            let d = dict::new()?;
            protocol::set_item(fo.locals, key, d.as_ptr())?;
        }
        Ok(())
    }
}

/// `IMPORT_NAME`: `__import__(name, globals, locals, fromlist, level)`.
pub unsafe fn import_name(
    fo: &PyFrameObject,
    name: *mut PyObject,
    fromlist: *mut PyObject,
    level: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: builtins a dict; the arguments valid.
    unsafe {
        let Some(imp) = builtin(fo, crate::interned!("__import__"))? else {
            return Err(errors::set_string(
                exc::PyExc_ImportError,
                "__import__ not found",
            ));
        };
        let locals = if fo.locals.is_null() {
            none::none()
        } else {
            fo.locals
        };
        protocol::call_args(imp.as_ptr(), &[name, fo.globals, locals, fromlist, level])
    }
}

/// `IMPORT_FROM`: `module.name`, or the submodule `module.name` from
/// `sys.modules`.
pub unsafe fn import_from(module: *mut PyObject, name: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: module valid; name a str.
    unsafe {
        if let Some(v) = protocol::getattr_opt(module, name)? {
            return Ok(v);
        }
        let modname = protocol::getattr_opt(module, crate::interned!("__name__"))?;
        let modname = match &modname {
            Some(m) if pystr::check(m.as_ptr()) => pystr::as_str(m.as_ptr())?.to_string(),
            _ => "<unknown module name>".to_string(),
        };
        let full = pystr::from_str(&format!("{modname}.{}", pystr::as_str(name)?))?;
        let modules = crate::modules::sys_modules();
        if !modules.is_null() {
            let m = dict::get_item(modules, full.as_ptr())?;
            if !m.is_null() {
                return Ok(Owned::from_borrowed(m));
            }
        }
        Err(errors::set_string(
            exc::PyExc_ImportError,
            &format!(
                "cannot import name '{}' from '{modname}' (unknown location)",
                pystr::as_str(name)?
            ),
        ))
    }
}

/// `from module import *`.
unsafe fn import_star(fo: &PyFrameObject, module: *mut PyObject) -> PyResult<()> {
    // SAFETY: module valid; the frame has locals.
    unsafe {
        if fo.locals.is_null() {
            return Err(errors::system_error("no locals found during 'import *'"));
        }
        let all = protocol::getattr_opt(module, crate::interned!("__all__"))?;
        let names = match all {
            Some(a) => a,
            None => {
                let d = protocol::getattr_str(module, "__dict__")?;
                let keys = list::from_iterable(d.as_ptr())?;
                let public: Vec<Owned> = list::items(keys.as_ptr())
                    .iter()
                    .filter(|&&k| {
                        pystr::check(k) && !pystr::as_str(k).unwrap_or("_").starts_with('_')
                    })
                    .map(|&k| Owned::from_borrowed(k))
                    .collect();
                list::from_vec(public)?
            }
        };
        let it = protocol::get_iter(names.as_ptr())?;
        while let Some(n) = protocol::iter_next(it.as_ptr())? {
            let v = protocol::getattr(module, n.as_ptr())?;
            protocol::set_item(fo.locals, n.as_ptr(), v.as_ptr())?;
        }
        Ok(())
    }
}

/// `raise`, `raise e`, `raise e from cause`. Returns whether the exception
/// is re-raised as is (bare `raise`: no new traceback entry).
pub unsafe fn do_raise(e: *mut PyObject, cause: *mut PyObject) -> bool {
    // SAFETY: e and cause NULL or valid.
    unsafe {
        if e.is_null() {
            let ts = crate::runtime::tstate::get();
            let h = ts.topmost_handled();
            if h.is_null() {
                errors::runtime_error("No active exception to reraise");
                return false;
            }
            errors::restore(Owned::from_borrowed(h));
            return true;
        }
        let instance = if exc::is_class(e) {
            match instantiate(e) {
                Ok(v) => v,
                Err(_) => return false,
            }
        } else if exc::is_instance(e) {
            Owned::from_borrowed(e)
        } else {
            errors::type_error("exceptions must derive from BaseException");
            return false;
        };
        if !cause.is_null() {
            let c = if cause == none::none() {
                None
            } else if exc::is_class(cause) {
                match instantiate(cause) {
                    Ok(v) => Some(v),
                    Err(_) => return false,
                }
            } else if exc::is_instance(cause) {
                Some(Owned::from_borrowed(cause))
            } else {
                errors::type_error("exception causes must derive from BaseException");
                return false;
            };
            let b = instance.as_ptr().cast::<PyBaseExceptionObject>();
            xdecref(std::mem::replace(
                &mut (*b).cause,
                c.map_or(null_mut(), Owned::into_raw),
            ));
            (*b).suppress_context = 1;
        }
        exc::chain_context(
            instance.as_ptr(),
            crate::runtime::tstate::get().topmost_handled(),
        );
        errors::restore(instance);
        false
    }
}

/// `cls()` for an exception class given to `raise` (as the exception or
/// its cause), which must give an exception instance.
unsafe fn instantiate(cls: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: cls is an exception class.
    unsafe {
        let v = protocol::call_args(cls, &[])?;
        if !exc::is_instance(v.as_ptr()) {
            return Err(errors::type_error(format!(
                "calling {} should have returned an instance of BaseException, not {}",
                protocol::repr_string(cls)?,
                protocol::repr_string((*v.as_ptr()).ob_type.cast())?
            )));
        }
        Ok(v)
    }
}

/// `CHECK_EXC_MATCH`: validates the `except` target, then matches.
pub unsafe fn check_exc_match(e: *mut PyObject, t: *mut PyObject) -> PyResult<bool> {
    // SAFETY: e an exception instance; t valid.
    unsafe {
        let valid = |c: *mut PyObject| exc::is_class(c);
        let ok = if tuple::check(t) {
            tuple::items(t).iter().all(|&c| valid(c))
        } else {
            valid(t)
        };
        if !ok {
            return Err(errors::type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            ));
        }
        Ok(exc::given_matches(e, t))
    }
}

/// `CHECK_EG_MATCH`: `(rest, match)` for one `except* T` clause. The type
/// must be a valid `except` type other than an exception group; a matched
/// part becomes the handled exception, and a naked exception wrapped in a
/// group gets a traceback entry for this frame.
pub unsafe fn check_eg_match(
    f: *mut PyObject,
    e: *mut PyObject,
    t: *mut PyObject,
) -> PyResult<(Owned, Owned)> {
    // SAFETY: f the running frame; e an exception (or None); t valid.
    unsafe {
        let is_group = |c: *mut PyObject| {
            exc::is_class(c)
                && typeobj::is_subtype(c.cast(), &raw mut exc::_PyExc_BaseExceptionGroup)
        };
        let any_group = if tuple::check(t) {
            tuple::items(t).iter().any(|&c| is_group(c))
        } else {
            is_group(t)
        };
        check_exc_match(e, t)?;
        if any_group {
            return Err(errors::type_error(
                "catching ExceptionGroup with except* is not allowed. Use except instead.",
            ));
        }
        let (matched, rest) = exc::group::exception_group_match(e, t)?;
        let m = matched.as_ptr();
        if m != none::none() {
            if m != e {
                let b = m.cast::<PyBaseExceptionObject>();
                if (*b).traceback.is_null() {
                    (*b).traceback = crate::vm::traceback::new_entry(null_mut(), f)?;
                }
            }
            let ts = crate::runtime::tstate::get();
            xdecref(std::mem::replace(&mut ts.handled_exception, new_ref(m)));
        }
        Ok((rest, matched))
    }
}

/// `BEFORE_WITH`: `(bound __exit__, __enter__())`.
pub unsafe fn before_with(mgr: *mut PyObject) -> PyResult<(Owned, Owned)> {
    // SAFETY: mgr valid.
    unsafe {
        let tp = (*mgr).ob_type;
        let enter = typeobj::lookup_str(tp, "__enter__");
        let exit = typeobj::lookup_str(tp, "__exit__");
        if enter.is_null() || exit.is_null() {
            let missing = if enter.is_null() {
                ""
            } else {
                " (missed __exit__ method)"
            };
            return Err(errors::type_error(format!(
                "'{}' object does not support the context manager protocol{missing}",
                typeobj::type_name(mgr)
            )));
        }
        let bind = |d: *mut PyObject| -> PyResult<Owned> {
            match (*(*d).ob_type).tp_descr_get {
                Some(get) => errors::check(get(d, mgr, tp.cast())),
                None => Ok(Owned::from_borrowed(d)),
            }
        };
        let exit_bound = bind(exit)?;
        let entered = protocol::call_args(bind(enter)?.as_ptr(), &[])?;
        Ok((exit_bound, entered))
    }
}

/// `SEND`: drives a sub-iterator one step (`yield from`, `await`).
pub unsafe fn send(
    receiver: *mut PyObject,
    v: *mut PyObject,
) -> PyResult<crate::vm::genobject::Sent> {
    use crate::vm::genobject::{self, Sent};
    // SAFETY: receiver and v valid.
    unsafe {
        if genobject::check(receiver) {
            return genobject::send_ex(receiver, v, false);
        }
        let next = (*(*receiver).ob_type).tp_iternext;
        let r = match next {
            Some(next) if v == none::none() => {
                let x = next(receiver);
                if x.is_null() && errors::occurred().is_null() {
                    return Ok(Sent::Returned(Owned::from_borrowed_static(none::none())));
                }
                errors::check(x)
            }
            _ => protocol::call_method_obj(receiver, "send", &[v]),
        };
        match r {
            Ok(x) => Ok(Sent::Yielded(x)),
            Err(e) => {
                if errors::matches(exc::PyExc_StopIteration) {
                    let stop = errors::take().expect("StopIteration is set");
                    let val = protocol::getattr_str(stop.as_ptr(), "value")?;
                    return Ok(Sent::Returned(val));
                }
                Err(e)
            }
        }
    }
}

/// Whether `v` is a coroutine, or a generator made awaitable by
/// `types.coroutine` (`CO_ITERABLE_COROUTINE`).
pub unsafe fn is_coroutine(v: *mut PyObject) -> bool {
    use crate::vm::genobject::{PyCoro_Type, PyGenObject, PyGen_Type};
    // SAFETY: v valid; a generator keeps its code object.
    unsafe {
        let tp = (*v).ob_type;
        tp == &raw mut PyCoro_Type
            || (tp == &raw mut PyGen_Type
                && crate::vm::code::data((*v.cast::<PyGenObject>()).code).flags
                    & ferrython_compiler::bytecode::co_flags::ITERABLE_COROUTINE
                    != 0)
    }
}

/// The iterator an `await` drives (`_PyCoro_GetAwaitableIter`): a
/// coroutine itself, else what `__await__` returns, which must be an
/// iterator and not a coroutine.
pub unsafe fn get_awaitable(v: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: v valid.
    unsafe {
        if is_coroutine(v) {
            return Ok(Owned::from_borrowed(v));
        }
        let am = (*(*v).ob_type).tp_as_async;
        let f = if am.is_null() { None } else { (*am).am_await };
        let Some(f) = f else {
            return Err(errors::type_error(format!(
                "'{}' object can't be awaited",
                typeobj::type_name(v)
            )));
        };
        let it = errors::check(f(v))?;
        if is_coroutine(it.as_ptr()) {
            return Err(errors::type_error("__await__() returned a coroutine"));
        }
        if (*(*it.as_ptr()).ob_type).tp_iternext.is_none() {
            return Err(errors::type_error(format!(
                "__await__() returned non-iterator of type '{}'",
                typeobj::type_name(it.as_ptr())
            )));
        }
        Ok(it)
    }
}

/// `GET_AWAITABLE where`: `get_awaitable` with the messages of `async with`
/// (`where` 1 after `__aenter__`, 2 after `__aexit__`), refusing a
/// coroutine that another `await` is already driving.
pub unsafe fn await_iter(v: *mut PyObject, where_: u32) -> PyResult<Owned> {
    // SAFETY: v valid.
    unsafe {
        let it = match get_awaitable(v) {
            Ok(it) => it,
            Err(e) => {
                let am = (*(*v).ob_type).tp_as_async;
                if (where_ == 1 || where_ == 2) && (am.is_null() || (*am).am_await.is_none()) {
                    let which = if where_ == 1 {
                        "__aenter__"
                    } else {
                        "__aexit__"
                    };
                    errors::clear();
                    return Err(errors::type_error(format!(
                        "'async with' received an object from {which} that does not implement __await__: {}",
                        typeobj::type_name(v)
                    )));
                }
                return Err(e);
            }
        };
        if (*it.as_ptr()).ob_type == &raw mut crate::vm::genobject::PyCoro_Type
            && !crate::vm::genobject::delegate(it.as_ptr()).is_null()
        {
            return Err(errors::runtime_error("coroutine is being awaited already"));
        }
        Ok(it)
    }
}

/// `GET_AITER`: `obj.__aiter__()`, which must have `__anext__`.
pub unsafe fn get_aiter(v: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: v valid.
    unsafe {
        let am = (*(*v).ob_type).tp_as_async;
        let Some(f) = (if am.is_null() { None } else { (*am).am_aiter }) else {
            return Err(errors::type_error(format!(
                "'async for' requires an object with __aiter__ method, got {}",
                typeobj::type_name(v)
            )));
        };
        let it = errors::check(f(v))?;
        let am = (*(*it.as_ptr()).ob_type).tp_as_async;
        if am.is_null() || (*am).am_anext.is_none() {
            return Err(errors::type_error(format!(
                "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                typeobj::type_name(it.as_ptr())
            )));
        }
        Ok(it)
    }
}

/// `GET_ANEXT`: the awaitable of `aiter.__anext__()`.
pub unsafe fn get_anext(aiter: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: aiter valid.
    unsafe {
        let tp = (*aiter).ob_type;
        let am = (*tp).tp_as_async;
        let Some(f) = (if am.is_null() { None } else { (*am).am_anext }) else {
            return Err(errors::type_error(format!(
                "'async for' requires an iterator with __anext__ method, got {}",
                typeobj::type_name(aiter)
            )));
        };
        let next = errors::check(f(aiter))?;
        if tp == &raw mut crate::vm::asyncgen::PyAsyncGen_Type {
            return Ok(next);
        }
        get_awaitable(next.as_ptr()).map_err(|_| {
            let cause = errors::take();
            let r = errors::type_error(format!(
                "'async for' received an invalid object from __anext__: {}",
                typeobj::type_name(next.as_ptr())
            ));
            if let Some(c) = cause {
                exc::set_cause_of_current(c);
            }
            r
        })
    }
}

/// `BEFORE_ASYNC_WITH`: `(bound __aexit__, awaitable of __aenter__())`.
pub unsafe fn before_async_with(mgr: *mut PyObject) -> PyResult<(Owned, Owned)> {
    // SAFETY: mgr valid.
    unsafe {
        let tp = (*mgr).ob_type;
        let enter = typeobj::lookup_str(tp, "__aenter__");
        let exit = typeobj::lookup_str(tp, "__aexit__");
        if enter.is_null() || exit.is_null() {
            let missing = if enter.is_null() {
                ""
            } else {
                " (missed __aexit__ method)"
            };
            return Err(errors::type_error(format!(
                "'{}' object does not support the asynchronous context manager protocol{missing}",
                typeobj::type_name(mgr)
            )));
        }
        let bind = |d: *mut PyObject| -> PyResult<Owned> {
            match (*(*d).ob_type).tp_descr_get {
                Some(get) => errors::check(get(d, mgr, tp.cast())),
                None => Ok(Owned::from_borrowed(d)),
            }
        };
        let exit_bound = bind(exit)?;
        let entered = protocol::call_args(bind(enter)?.as_ptr(), &[])?;
        let awaitable = await_iter(entered.as_ptr(), 1)?;
        Ok((exit_bound, awaitable))
    }
}
