//! `ast.AST`, the base class of every node class (`Python/Python-ast.c`'s
//! `AST_type`): instances keep their fields in `__dict__`; the constructor
//! fills `_fields` from positional and keyword arguments and gives missing
//! fields the defaults of Python 3.13 (optional: the class attribute
//! `None`, lists: `[]`, `expr_context`: `Load()`); `__reduce__` pickles.
use crate::ffi::*;
use crate::modules::objtype::{gc_type, meth_noargs, Obj, State, Visit};
use crate::object::descr::{method, METHOD_END};
use crate::object::refcount::xdecref;
use crate::object::typeobj::{name_of, short_name};
use crate::object::{dict, genericalias, list, none, protocol, str as pystr, tuple, union};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::c_int;
use std::ptr::null_mut;

/// The instance state of `ast.AST`: only the `__dict__` slot.
#[repr(C)]
pub struct AstState {
    dict: *mut PyObject,
}

impl State for AstState {
    fn traverse(&self, v: Visit) -> c_int {
        if self.dict.is_null() {
            0
        } else {
            v(self.dict)
        }
    }
    fn clear(&mut self) {
        // SAFETY: dict is NULL or a reference the object owns.
        unsafe { xdecref(std::mem::replace(&mut self.dict, null_mut())) }
    }
}

impl Drop for AstState {
    fn drop(&mut self) {
        // SAFETY: dict is NULL or a reference the object owns.
        unsafe { xdecref(self.dict) }
    }
}

static mut AST_METHODS: [PyMethodDef; 2] = [
    method(
        c"__reduce__",
        ast_reduce as *const libc::c_void,
        METH_NOARGS,
    ),
    METHOD_END,
];

/// `ast.AST`.
pub static mut AST_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    tp_new: Some(crate::capi::allocation::PyType_GenericNew),
    tp_init: Some(ast_init),
    tp_getattro: Some(crate::object::object::PyObject_GenericGetAttr),
    tp_setattro: Some(crate::object::object::PyObject_GenericSetAttr),
    tp_methods: (&raw const AST_METHODS).cast_mut().cast(),
    tp_getset: (&raw const crate::modules::objtype::DICT_GETSET)
        .cast_mut()
        .cast(),
    tp_dictoffset: std::mem::offset_of!(Obj<AstState>, state.dict) as Py_ssize_t,
    ..gc_type::<AstState>(c"ast.AST", 0)
};

/// A class attribute of `tp` as a tuple (`_fields`, `_attributes`), empty
/// when the class has none.
unsafe fn class_tuple(tp: *mut PyTypeObject, name: &str) -> PyResult<Owned> {
    // SAFETY: tp is a live type.
    unsafe {
        match protocol::getattr_opt(tp.cast(), pystr::intern(name))? {
            Some(v) => tuple::from_iterable(v.as_ptr()),
            None => Ok(tuple::empty()),
        }
    }
}

/// `DeprecationWarning` from a constructor call, attributed to its caller.
fn deprecation(msg: &str) -> PyResult<()> {
    let Ok(c) = std::ffi::CString::new(msg) else {
        return Ok(());
    };
    // SAFETY: the category is a live exception type; c is a C string.
    let r = unsafe {
        crate::capi::warnings::PyErr_WarnEx(
            crate::object::exceptions::PyExc_DeprecationWarning,
            c.as_ptr(),
            1,
        )
    };
    if r < 0 {
        Err(Raised::assume())
    } else {
        Ok(())
    }
}

/// `ast_type_init` as of Python 3.13.
unsafe fn init(slf: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> PyResult<()> {
    // SAFETY: slf is an AST instance; args a tuple; kwargs NULL or a dict.
    unsafe {
        let tp = (*slf).ob_type;
        let fields = class_tuple(tp, "_fields")?;
        let fields = tuple::items(fields.as_ptr());
        let pos = tuple::items(args);
        if pos.len() > fields.len() {
            return Err(errors::type_error(format!(
                "{} constructor takes at most {} positional argument{}",
                short_name(tp),
                fields.len(),
                if fields.len() == 1 { "" } else { "s" }
            )));
        }
        for (&name, &value) in fields.iter().zip(pos) {
            protocol::setattr(slf, name, value)?;
        }
        let mut given = vec![false; fields.len()];
        given[..pos.len()].fill(true);
        if !kwargs.is_null() && dict::len(kwargs) != 0 {
            let attributes = class_tuple(tp, "_attributes")?;
            let mut it = 0;
            while let Some((key, value)) = dict::next(kwargs, &mut it) {
                let mut at = None;
                for (i, &f) in fields.iter().enumerate() {
                    if protocol::rich_compare_bool(f, key, Py_EQ)? {
                        at = Some(i);
                        break;
                    }
                }
                match at {
                    Some(i) if i < pos.len() => {
                        return Err(errors::type_error(format!(
                            "{} got multiple values for argument {}",
                            short_name(tp),
                            protocol::repr_string(key)?
                        )));
                    }
                    Some(i) => given[i] = true,
                    None => {
                        if !protocol::contains(attributes.as_ptr(), key)? {
                            deprecation(&format!(
                                "{}.__init__ got an unexpected keyword argument {}. Support for \
                                 arbitrary keyword arguments is deprecated and will be removed \
                                 in Python 3.15.",
                                name_of(tp),
                                protocol::repr_string(key)?
                            ))?;
                        }
                    }
                }
                protocol::setattr(slf, key, value)?;
            }
        }
        if given.iter().all(|&g| g) {
            return Ok(());
        }
        let Some(field_types) = protocol::getattr_opt(tp.cast(), crate::interned!("_field_types"))?
        else {
            return Ok(());
        };
        for (&name, _) in fields.iter().zip(&given).filter(|(_, &g)| !g) {
            let ty = if dict::check(field_types.as_ptr()) {
                dict::get_item(field_types.as_ptr(), name)?
            } else {
                null_mut()
            };
            if ty.is_null() {
                deprecation(&format!(
                    "Field {} is missing from {}._field_types. This will become an error in \
                     Python 3.15.",
                    protocol::repr_string(name)?,
                    name_of(tp)
                ))?;
            } else if union::check(ty) {
                // Optional: the class attribute None is the default.
            } else if genericalias::check(ty) {
                protocol::setattr(slf, name, list::new(0)?.as_ptr())?;
            } else if ty == super::class("expr_context")?.as_ptr() {
                let load = protocol::call_args(super::class("Load")?.as_ptr(), &[])?;
                protocol::setattr(slf, name, load.as_ptr())?;
            } else {
                deprecation(&format!(
                    "{}.__init__ missing 1 required positional argument: {}. This will become \
                     an error in Python 3.15.",
                    name_of(tp),
                    protocol::repr_string(name)?
                ))?;
            }
        }
        Ok(())
    }
}

/// `tp_init` of `ast.AST`.
unsafe extern "C" fn ast_init(
    slf: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> c_int {
    // SAFETY: called by the type machinery with valid arguments.
    crate::capi::boundary::guard_status(|| unsafe { init(slf, args, kwargs) })
}

// `AST.__reduce__`: `(type, (None,) * len(_fields), __dict__)`, so that
// unpickling never warns about missing fields.
meth_noargs!(ast_reduce, |slf| {
    let tp = (*slf).ob_type;
    let nfields = tuple::size(class_tuple(tp, "_fields")?.as_ptr()) as usize;
    let nones: Vec<*mut PyObject> = vec![none::none(); nfields];
    let d = crate::object::object::PyObject_GenericGetDict(slf, null_mut());
    let d = errors::check(d)?;
    tuple::pack(&[tp.cast(), tuple::from_slice(&nones)?.as_ptr(), d.as_ptr()])
});
