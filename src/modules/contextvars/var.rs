//! `contextvars.ContextVar` (`PyContextVar_Type`), `contextvars.Token`
//! (`PyContextToken_Type`) and `Token.MISSING`, as CPython's
//! `Python/context.c`.
use super::context;
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::objtype::{
    max_positional, meth_noargs, new_obj, parse, ptr, some, state, state_refs, Obj, Refs, State,
    Visit,
};
use crate::object::descr::{getset, method, METHOD_END};
use crate::object::exceptions::{member, PyExc_LookupError, MEMBER_END};
use crate::object::refcount::static_head;
use crate::object::typeobj::type_template;
use crate::object::{dict, none, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::tstate;
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// A context variable: its name, its default (None when it has none), its
/// hash, and the value last seen in a context (borrowed from that context,
/// valid while the thread state's id and context version still match).
pub struct Var {
    name: Option<Owned>,
    default: Option<Owned>,
    hash: Py_hash_t,
    cached: *mut PyObject,
    cached_tsid: u64,
    cached_ver: u64,
}

impl State for Var {
    fn traverse(&self, v: Visit) -> c_int {
        match self.name.visit(v) {
            0 => self.default.visit(v),
            r => r,
        }
    }
    fn clear(&mut self) {
        self.name.clear_refs();
        self.default.clear_refs();
        self.cached = null_mut();
    }
}

/// A token: the context and variable of the `set` that made it, the value
/// the variable had before (None when it had none), and whether it has
/// been used by `reset`.
pub struct Tok {
    ctx: Option<Owned>,
    var: Option<Owned>,
    old: Option<Owned>,
    used: bool,
}
state_refs!(Tok, ctx, var, old);

/// `PyContextVar_Type`.
#[no_mangle]
pub static mut PyContextVar_Type: PyTypeObject = PyTypeObject {
    tp_new: Some(var_new),
    tp_hash: Some(var_hash),
    tp_repr: Some(var_repr),
    tp_getattro: Some(crate::object::object::PyObject_GenericGetAttr),
    tp_methods: (&raw const VAR_METHODS).cast_mut().cast(),
    tp_members: (&raw const VAR_MEMBERS).cast_mut().cast(),
    ..crate::modules::objtype::gc_type::<Var>(c"_contextvars.ContextVar", 0)
};

static VAR_METHODS: [PyMethodDef; 5] = [
    method(c"get", var_get as *const c_void, METH_FASTCALL),
    method(c"set", var_set as *const c_void, METH_O),
    method(c"reset", var_reset as *const c_void, METH_O),
    crate::object::genericalias::CLASS_GETITEM,
    METHOD_END,
];

static VAR_MEMBERS: [PyMemberDef; 2] = [
    member(
        c"name",
        std::mem::offset_of!(Obj<Var>, state.name),
        Py_READONLY,
        c"",
    ),
    MEMBER_END,
];

/// `PyContextToken_Type`.
#[no_mangle]
pub static mut PyContextToken_Type: PyTypeObject = PyTypeObject {
    tp_new: Some(token_new),
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    tp_repr: Some(token_repr),
    tp_getattro: Some(crate::object::object::PyObject_GenericGetAttr),
    tp_methods: (&raw const TOKEN_METHODS).cast_mut().cast(),
    tp_getset: (&raw const TOKEN_GETSET).cast_mut().cast(),
    ..crate::modules::objtype::gc_type::<Tok>(c"_contextvars.Token", 0)
};

static TOKEN_METHODS: [PyMethodDef; 4] = [
    crate::object::genericalias::CLASS_GETITEM,
    method(c"__enter__", token_enter as *const c_void, METH_NOARGS),
    method(c"__exit__", token_exit as *const c_void, METH_FASTCALL),
    METHOD_END,
];

static TOKEN_GETSET: [PyGetSetDef; 3] = [
    getset(c"var", Some(token_var), None),
    getset(c"old_value", Some(token_old_value), None),
    crate::object::descr::GETSET_END,
];

/// The type of `Token.MISSING` (CPython's `_PyContextTokenMissing_Type`).
pub static mut TOKEN_MISSING_TYPE: PyTypeObject = PyTypeObject {
    tp_repr: Some(missing_repr),
    ..type_template(c"Token.MISSING", std::mem::size_of::<PyObject>(), 0)
};

/// `Token.MISSING`: the `old_value` of a token whose variable had no
/// value.
pub static mut TOKEN_MISSING: PyObject = static_head(&raw mut TOKEN_MISSING_TYPE);

/// Whether `op` is exactly a `ContextVar` (`PyContextVar_CheckExact`).
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut PyContextVar_Type }
}

/// Raises `TypeError` unless `op` is a `ContextVar`.
pub unsafe fn ensure(op: *mut PyObject) -> PyResult<()> {
    // SAFETY: op valid.
    if unsafe { check(op) } {
        Ok(())
    } else {
        Err(errors::type_error("an instance of ContextVar was expected"))
    }
}

/// Whether `op` is exactly a `Token` (`PyContextToken_CheckExact`).
pub unsafe fn check_token(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut PyContextToken_Type }
}

/// A new context variable (CPython's `contextvar_new`); `default` may be
/// NULL.
pub unsafe fn new_var(name: *mut PyObject, default: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: name valid; default NULL or valid.
    unsafe {
        if !pystr::check(name) {
            return Err(errors::type_error("context variable name must be a str"));
        }
        let name_hash = protocol::hash(name)?;
        let v = new_obj(
            &raw mut PyContextVar_Type,
            Var {
                name: some(name),
                default: some(default),
                hash: 0,
                cached: null_mut(),
                cached_tsid: 0,
                cached_ver: 0,
            },
        )?;
        let h = crate::object::object::hash_pointer(v.as_ptr().cast()) ^ name_hash;
        state::<Var>(v.as_ptr()).hash = if h == -1 { -2 } else { h };
        Ok(v)
    }
}

/// The value of `var` in the current context, else `default`, else the
/// variable's default; None when there is none (`PyContextVar_Get`).
pub unsafe fn get(var: *mut PyObject, default: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: var valid; default NULL or valid.
    unsafe {
        ensure(var)?;
        let st = state::<Var>(var);
        let ts = tstate::get();
        if !ts.context.is_null() {
            if !st.cached.is_null() && st.cached_tsid == ts.id && st.cached_ver == ts.context_ver {
                return Ok(some(st.cached));
            }
            let v = dict::get_item(context::vars(ts.context), var)?;
            if !v.is_null() {
                st.cached = v;
                st.cached_tsid = ts.id;
                st.cached_ver = ts.context_ver;
                return Ok(some(v));
            }
        }
        Ok(some(if default.is_null() {
            ptr(&st.default)
        } else {
            default
        }))
    }
}

/// Gives `var` the value `val` in the current context.
unsafe fn assign(var: *mut PyObject, val: *mut PyObject) -> PyResult<()> {
    // SAFETY: var is a ContextVar, val valid.
    unsafe {
        let st = state::<Var>(var);
        st.cached = null_mut();
        let ctx = context::current()?;
        dict::set_item(context::vars_mut(ctx)?, var, val)?;
        let ts = tstate::get();
        st.cached = val;
        st.cached_tsid = ts.id;
        st.cached_ver = ts.context_ver;
        Ok(())
    }
}

/// Removes `var` from the current context; `LookupError` when absent.
unsafe fn remove(var: *mut PyObject) -> PyResult<()> {
    // SAFETY: var is a ContextVar.
    unsafe {
        state::<Var>(var).cached = null_mut();
        let ctx = context::current()?;
        if !dict::contains(context::vars(ctx), var)? {
            return Err(errors::set_object(PyExc_LookupError, var));
        }
        dict::del_item(context::vars_mut(ctx)?, var)
    }
}

/// Sets `var` to `val` in the current context and returns the token that
/// undoes it (`PyContextVar_Set`).
pub unsafe fn set(var: *mut PyObject, val: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: var, val valid.
    unsafe {
        ensure(var)?;
        let ctx = context::current()?;
        let old = dict::get_item(context::vars(ctx), var)?;
        let tok = new_obj(
            &raw mut PyContextToken_Type,
            Tok {
                ctx: some(ctx),
                var: some(var),
                old: some(old),
                used: false,
            },
        )?;
        assign(var, val)?;
        Ok(tok)
    }
}

/// Restores `var` to the value it had before the `set` that made `tok`
/// (`PyContextVar_Reset`).
pub unsafe fn reset(var: *mut PyObject, tok: *mut PyObject) -> PyResult<()> {
    // SAFETY: var, tok valid; checked types.
    unsafe {
        ensure(var)?;
        if !check_token(tok) {
            return Err(errors::type_error("an instance of Token was expected"));
        }
        let t = state::<Tok>(tok);
        if t.used {
            let r = protocol::repr_string(tok)?;
            return Err(errors::runtime_error(format!(
                "{r} has already been used once"
            )));
        }
        if ptr(&t.var) != var {
            let r = protocol::repr_string(tok)?;
            return Err(errors::value_error(format!(
                "{r} was created by a different ContextVar"
            )));
        }
        if context::current()? != ptr(&t.ctx) {
            let r = protocol::repr_string(tok)?;
            return Err(errors::value_error(format!(
                "{r} was created in a different Context"
            )));
        }
        t.used = true;
        match &t.old {
            None => remove(var),
            Some(o) => assign(var, o.as_ptr()),
        }
    }
}

unsafe extern "C" fn var_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple; kwargs NULL or a dict.
        unsafe {
            max_positional("ContextVar", args, 1)?;
            if crate::object::tuple::size(args) == 0 {
                return Err(errors::type_error(
                    "ContextVar() takes exactly 1 positional argument (0 given)",
                ));
            }
            let [name, default] = parse("ContextVar", args, kwargs, ["", "default"], 1, 1)?;
            new_var(name, default)
        }
    })
}

unsafe extern "C" fn var_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: op is a ContextVar.
    unsafe { state::<Var>(op).hash }
}

unsafe extern "C" fn var_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a ContextVar.
        unsafe {
            let st = state::<Var>(op);
            let mut s = String::from("<ContextVar name=");
            s.push_str(&protocol::repr_string(ptr(&st.name))?);
            if let Some(d) = &st.default {
                s.push_str(" default=");
                s.push_str(&protocol::repr_string(d.as_ptr())?);
            }
            s.push_str(&format!(" at {op:p}>"));
            pystr::from_str(&s)
        }
    })
}

crate::modules::objtype::meth_fast!(var_get, |slf, args| {
    crate::modules::args::arity("get", args, 0, 1)?;
    let d = args.first().copied().unwrap_or(null_mut());
    match get(slf, d)? {
        Some(v) => Ok(v),
        None => Err(errors::set_object(PyExc_LookupError, slf)),
    }
});

crate::modules::objtype::meth_o!(var_set, |slf, val| set(slf, val));

crate::modules::objtype::meth_o!(var_reset, |slf, tok| {
    if !check_token(tok) {
        let r = protocol::repr_string(tok)?;
        return Err(errors::type_error(format!(
            "expected an instance of Token, got {r}"
        )));
    }
    reset(slf, tok)?;
    Ok(Owned::from_borrowed_static(none::none()))
});

unsafe extern "C" fn token_new(
    _tp: *mut PyTypeObject,
    _args: *mut PyObject,
    _kwargs: *mut PyObject,
) -> *mut PyObject {
    errors::runtime_error("Tokens can only be created by ContextVars");
    null_mut()
}

unsafe extern "C" fn token_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a Token.
        unsafe {
            let t = state::<Tok>(op);
            let var = protocol::repr_string(ptr(&t.var))?;
            let used = if t.used { " used" } else { "" };
            pystr::from_str(&format!("<Token{used} var={var} at {op:p}>"))
        }
    })
}

unsafe extern "C" fn token_var(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a Token; its variable is set while it lives.
    unsafe { crate::object::refcount::new_ref(ptr(&state::<Tok>(op).var)) }
}

unsafe extern "C" fn token_old_value(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a Token.
    unsafe {
        let p = match &state::<Tok>(op).old {
            Some(o) => o.as_ptr(),
            None => &raw mut TOKEN_MISSING,
        };
        crate::object::refcount::new_ref(p)
    }
}

meth_noargs!(token_enter, |slf| Ok(Owned::from_borrowed(slf)));

crate::modules::objtype::meth_fast!(token_exit, |slf, args| {
    crate::modules::args::arity("__exit__", args, 3, 3)?;
    reset(ptr(&state::<Tok>(slf).var), slf)?;
    Ok(Owned::from_borrowed_static(none::none()))
});

unsafe extern "C" fn missing_repr(_op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| pystr::from_str("<Token.MISSING>"))
}
