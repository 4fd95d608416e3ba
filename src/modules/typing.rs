//! The `_typing` module (`Modules/_typingmodule.c`): the C-implemented
//! pieces that `typing.py` imports: `TypeVar`, `ParamSpec`,
//! `TypeVarTuple`, `ParamSpecArgs`, `ParamSpecKwargs`, `TypeAliasType`,
//! `Generic`, `NoDefault` and `_idfunc`.
use crate::capi::boundary::guard_status;
use crate::ffi::*;
use crate::modules::module_def::{self, add, add_type, exec_slot, SLOT_END};
use crate::object::descr::{method, METHOD_END};
use crate::object::refcount::new_ref;
use crate::object::typevar::{generic, nodefault, paramspec_args, typealias, typeparam};
use crate::Owned;
use libc::{c_int, c_void};

/// `_idfunc(x)`: returns `x` (what `NewType` instances call).
unsafe extern "C" fn idfunc(_m: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    // SAFETY: x valid.
    unsafe { new_ref(x) }
}

unsafe extern "C" fn exec(m: *mut PyObject) -> c_int {
    guard_status(|| {
        // SAFETY: m is the module being executed; the types are static.
        unsafe {
            add_type(m, &raw mut typeparam::_PyTypeVar_Type)?;
            add_type(m, &raw mut typeparam::_PyParamSpec_Type)?;
            add_type(m, &raw mut typeparam::_PyTypeVarTuple_Type)?;
            add_type(m, &raw mut paramspec_args::_PyParamSpecArgs_Type)?;
            add_type(m, &raw mut paramspec_args::_PyParamSpecKwargs_Type)?;
            add_type(m, &raw mut typealias::_PyTypeAlias_Type)?;
            add_type(m, &raw mut generic::_PyGeneric_Type)?;
            add(
                m,
                "NoDefault",
                Ok(Owned::from_borrowed_static(nodefault::no_default())),
            )
        }
    })
}

static mut METHODS: [PyMethodDef; 2] = [
    method(c"_idfunc", idfunc as *const c_void, METH_O),
    METHOD_END,
];

static mut SLOTS: [PyModuleDef_Slot; 2] = [exec_slot(exec), SLOT_END];

static mut DEF: PyModuleDef = module_def::def(
    c"_typing",
    c"Primitives and accelerators for the typing module.\n",
    (&raw mut METHODS).cast(),
    (&raw mut SLOTS).cast(),
);

/// `PyInit__typing`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
