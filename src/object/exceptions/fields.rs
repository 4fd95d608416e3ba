//! Exceptions whose extra state is a few object fields filled by
//! `__init__`: `StopIteration.value`, `SystemExit.code`, `ImportError`'s
//! msg/name/path/name_from, `NameError.name`, `AttributeError`'s name/obj;
//! and `KeyError.__str__`.
use super::{base, init_args, member, no_keywords, set_field, ExcLayout, MEMBER_END};
use crate::capi::boundary::{guard_obj, guard_status};
use crate::ffi::*;
use crate::object::{dict, none, protocol, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_int;
use std::mem::offset_of;
use std::ptr::null_mut;

impl ExcLayout for PyStopIterationObject {
    const FIELDS: &'static [usize] = &[offset_of!(PyStopIterationObject, value)];
}
impl ExcLayout for PySystemExitObject {
    const FIELDS: &'static [usize] = &[offset_of!(PySystemExitObject, code)];
}
impl ExcLayout for PyImportErrorObject {
    const FIELDS: &'static [usize] = &[
        offset_of!(PyImportErrorObject, msg),
        offset_of!(PyImportErrorObject, name),
        offset_of!(PyImportErrorObject, path),
        offset_of!(PyImportErrorObject, name_from),
    ];
}
impl ExcLayout for PyNameErrorObject {
    const FIELDS: &'static [usize] = &[offset_of!(PyNameErrorObject, name)];
}
impl ExcLayout for PyAttributeErrorObject {
    const FIELDS: &'static [usize] = &[
        offset_of!(PyAttributeErrorObject, obj),
        offset_of!(PyAttributeErrorObject, name),
    ];
}

pub(super) static STOP_ITERATION_MEMBERS: [PyMemberDef; 2] = [
    member(
        c"value",
        offset_of!(PyStopIterationObject, value),
        0,
        c"generator return value",
    ),
    MEMBER_END,
];
pub(super) static SYSTEM_EXIT_MEMBERS: [PyMemberDef; 2] = [
    member(
        c"code",
        offset_of!(PySystemExitObject, code),
        0,
        c"exception code",
    ),
    MEMBER_END,
];
pub(super) static IMPORT_ERROR_MEMBERS: [PyMemberDef; 5] = [
    member(
        c"msg",
        offset_of!(PyImportErrorObject, msg),
        0,
        c"exception message",
    ),
    member(
        c"name",
        offset_of!(PyImportErrorObject, name),
        0,
        c"module name",
    ),
    member(
        c"path",
        offset_of!(PyImportErrorObject, path),
        0,
        c"module path",
    ),
    member(
        c"name_from",
        offset_of!(PyImportErrorObject, name_from),
        0,
        c"name imported from module",
    ),
    MEMBER_END,
];
pub(super) static NAME_ERROR_MEMBERS: [PyMemberDef; 2] = [
    member(c"name", offset_of!(PyNameErrorObject, name), 0, c"name"),
    MEMBER_END,
];
pub(super) static ATTRIBUTE_ERROR_MEMBERS: [PyMemberDef; 3] = [
    member(
        c"name",
        offset_of!(PyAttributeErrorObject, name),
        0,
        c"attribute name",
    ),
    member(
        c"obj",
        offset_of!(PyAttributeErrorObject, obj),
        0,
        c"object",
    ),
    MEMBER_END,
];
pub(super) static IMPORT_ERROR_METHODS: [PyMethodDef; 2] = [
    crate::object::descr::method(
        c"__reduce__",
        import_error_reduce as *const libc::c_void,
        METH_NOARGS,
    ),
    crate::object::descr::METHOD_END,
];

pub(super) static ATTRIBUTE_ERROR_METHODS: [PyMethodDef; 3] = [
    crate::object::descr::method(
        c"__getstate__",
        attribute_error_getstate as *const libc::c_void,
        METH_NOARGS,
    ),
    crate::object::descr::method(
        c"__reduce__",
        attribute_error_reduce as *const libc::c_void,
        METH_NOARGS,
    ),
    crate::object::descr::METHOD_END,
];

/// The field at `off` of `op`.
#[inline]
unsafe fn field(op: *mut PyObject, off: usize) -> *mut *mut PyObject {
    // SAFETY: off is a field offset of op's layout.
    unsafe { op.cast::<u8>().add(off).cast() }
}

/// Parses keyword-only arguments out of `kw` into `out` (by name, in the
/// order of `names`); any other keyword is a TypeError naming `func`.
unsafe fn keyword_only(
    func: &str,
    kw: *mut PyObject,
    names: &[&str],
    out: &mut [*mut PyObject],
) -> PyResult<()> {
    if kw.is_null() {
        return Ok(());
    }
    // SAFETY: kw is a dict of str keys.
    unsafe {
        let mut pos = 0;
        while let Some((k, v)) = dict::next(kw, &mut pos) {
            let key = pystr::as_str(k)?;
            match names.iter().position(|n| *n == key) {
                Some(i) => out[i] = v,
                None => {
                    let hint = super::suggestions::suggest(key, names.iter().copied())
                        .map(|s| format!(". Did you mean '{s}'?"))
                        .unwrap_or_default();
                    return Err(errors::type_error(format!(
                        "{func}() got an unexpected keyword argument '{key}'{hint}"
                    )));
                }
            }
        }
        Ok(())
    }
}

/// `StopIteration.__init__`: `value` is the first argument or None.
pub(super) unsafe extern "C" fn stop_iteration_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op is a StopIteration, args a tuple.
        unsafe {
            no_keywords((*op).ob_type, kw)?;
            init_args(op, args);
            let v = tuple::items(args).first().copied().unwrap_or(none::none());
            set_field(field(op, offset_of!(PyStopIterationObject, value)), v);
            Ok(())
        }
    })
}

/// `SystemExit.__init__`: `code` is None, the single argument, or the
/// arguments tuple.
pub(super) unsafe extern "C" fn system_exit_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op is a SystemExit, args a tuple.
        unsafe {
            no_keywords((*op).ob_type, kw)?;
            init_args(op, args);
            let code = match tuple::items(args) {
                [] => none::none(),
                [a] => *a,
                _ => args,
            };
            set_field(field(op, offset_of!(PySystemExitObject, code)), code);
            Ok(())
        }
    })
}

/// `ImportError.__init__(*args, name=None, path=None, name_from=None)`.
pub(super) unsafe extern "C" fn import_error_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op is an ImportError, args a tuple, kw NULL or a dict.
        unsafe {
            let mut kws = [null_mut(); 3];
            keyword_only(
                typeobj::name_of((*op).ob_type),
                kw,
                &["name", "path", "name_from"],
                &mut kws,
            )?;
            init_args(op, args);
            set_field(field(op, offset_of!(PyImportErrorObject, name)), kws[0]);
            set_field(field(op, offset_of!(PyImportErrorObject, path)), kws[1]);
            set_field(
                field(op, offset_of!(PyImportErrorObject, name_from)),
                kws[2],
            );
            let msg = match tuple::items(args) {
                [m] => *m,
                _ => null_mut(),
            };
            set_field(field(op, offset_of!(PyImportErrorObject, msg)), msg);
            Ok(())
        }
    })
}

/// `ImportError.__str__`: the message when it is a str, else
/// `BaseException.__str__`.
pub(super) unsafe extern "C" fn import_error_str(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an ImportError.
        unsafe {
            let msg = *field(op, offset_of!(PyImportErrorObject, msg));
            if !msg.is_null() && pystr::check_exact(msg) {
                return Ok(Owned::from_borrowed(msg));
            }
            super::base_str(op)
        }
    })
}

/// `ImportError.__reduce__`: `(type, args[, state])`, the state holding the
/// instance dict plus name/path/name_from when set.
unsafe extern "C" fn import_error_reduce(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an ImportError.
        unsafe {
            let b = base(op);
            let tp: *mut PyObject = (*op).ob_type.cast();
            let named = [
                ("name", offset_of!(PyImportErrorObject, name)),
                ("path", offset_of!(PyImportErrorObject, path)),
                ("name_from", offset_of!(PyImportErrorObject, name_from)),
            ];
            let state = if named.iter().any(|&(_, off)| !(*field(op, off)).is_null()) {
                let d = dict::new()?;
                if !(*b).dict.is_null() {
                    let mut pos = 0;
                    while let Some((k, v)) = dict::next((*b).dict, &mut pos) {
                        dict::set_item(d.as_ptr(), k, v)?;
                    }
                }
                for (name, off) in named {
                    let v = *field(op, off);
                    if !v.is_null() {
                        dict::set_item(d.as_ptr(), pystr::intern(name), v)?;
                    }
                }
                Some(d)
            } else if !(*b).dict.is_null() {
                Some(Owned::from_borrowed((*b).dict))
            } else {
                None
            };
            match state {
                Some(st) => tuple::pack(&[tp, (*b).args, st.as_ptr()]),
                None => tuple::pack(&[tp, (*b).args]),
            }
        }
    })
}

/// `NameError.__init__(*args, name=None)`.
pub(super) unsafe extern "C" fn name_error_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op is a NameError, args a tuple.
        unsafe {
            let mut kws = [null_mut(); 1];
            keyword_only(typeobj::name_of((*op).ob_type), kw, &["name"], &mut kws)?;
            init_args(op, args);
            set_field(field(op, offset_of!(PyNameErrorObject, name)), kws[0]);
            Ok(())
        }
    })
}

/// `AttributeError.__init__(*args, name=None, obj=None)`.
pub(super) unsafe extern "C" fn attribute_error_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op is an AttributeError, args a tuple.
        unsafe {
            let mut kws = [null_mut(); 2];
            keyword_only(
                typeobj::name_of((*op).ob_type),
                kw,
                &["name", "obj"],
                &mut kws,
            )?;
            init_args(op, args);
            set_field(field(op, offset_of!(PyAttributeErrorObject, name)), kws[0]);
            set_field(field(op, offset_of!(PyAttributeErrorObject, obj)), kws[1]);
            Ok(())
        }
    })
}

/// `AttributeError.__getstate__`: the instance dict plus `name` (when
/// set) and `args`.
unsafe fn attribute_error_state(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: op is an AttributeError.
    unsafe {
        let b = base(op);
        let name = *field(op, offset_of!(PyAttributeErrorObject, name));
        if name.is_null() && (*b).args.is_null() {
            return Ok(Owned::from_borrowed(if (*b).dict.is_null() {
                none::none()
            } else {
                (*b).dict
            }));
        }
        let d = dict::new()?;
        if !(*b).dict.is_null() {
            let mut pos = 0;
            while let Some((k, v)) = dict::next((*b).dict, &mut pos) {
                dict::set_item(d.as_ptr(), k, v)?;
            }
        }
        if !name.is_null() {
            dict::set_item(d.as_ptr(), crate::interned!("name"), name)?;
        }
        if !(*b).args.is_null() {
            dict::set_item(d.as_ptr(), crate::interned!("args"), (*b).args)?;
        }
        Ok(d)
    }
}

unsafe extern "C" fn attribute_error_getstate(
    op: *mut PyObject,
    _a: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: op is an AttributeError.
    guard_obj(|| unsafe { attribute_error_state(op) })
}

/// `AttributeError.__reduce__`: `(type, args, state)`.
unsafe extern "C" fn attribute_error_reduce(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an AttributeError.
        unsafe {
            let state = attribute_error_state(op)?;
            let args = (*base(op)).args;
            tuple::pack(&[
                (*op).ob_type.cast(),
                if args.is_null() { none::none() } else { args },
                state.as_ptr(),
            ])
        }
    })
}

/// `KeyError.__str__`: the repr of a single argument (so `KeyError('')`
/// shows `''`), else `BaseException.__str__`.
pub(super) unsafe extern "C" fn key_error_str(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a KeyError.
        unsafe {
            let args = (*base(op)).args;
            if !args.is_null() && tuple::size(args) == 1 {
                return protocol::repr(tuple::items(args)[0]);
            }
            super::base_str(op)
        }
    })
}
