//! `BaseException`'s methods: `with_traceback`, `add_note`, `__reduce__`,
//! `__setstate__`.
use super::*;

pub(super) static EXC_METHODS: [PyMethodDef; 5] = [
    crate::object::descr::method(c"with_traceback", with_traceback as *const c_void, METH_O).with_doc(c"with_traceback($self, object, /)\n--\n\nSet the traceback of the exception to object and return the exception."),
    crate::object::descr::method(c"add_note", add_note as *const c_void, METH_O).with_doc(c"add_note($self, object, /)\n--\n\nAppend the string object to the exception's notes (__notes__)."),
    crate::object::descr::method(c"__reduce__", reduce as *const c_void, METH_NOARGS).with_doc(c"__reduce__($self, /)\n--\n\nThe state of self for pickling."),
    crate::object::descr::method(c"__setstate__", setstate as *const c_void, METH_O).with_doc(c"__setstate__($self, object, /)\n--\n\nRestore the state of self when unpickling."),
    crate::object::descr::METHOD_END,
];

/// `e.with_traceback(tb)`: sets `__traceback__`, returns `e`.
unsafe extern "C" fn with_traceback(op: *mut PyObject, tb: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an exception, tb valid.
        unsafe {
            protocol::setattr(op, crate::interned!("__traceback__"), tb)?;
            Ok(Owned::from_borrowed(op))
        }
    })
}

/// `e.add_note(note)`: appends to the `__notes__` list, creating it.
unsafe extern "C" fn add_note(op: *mut PyObject, note: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an exception, note valid.
        unsafe {
            if !pystr::check(note) {
                return Err(errors::type_error(format!(
                    "note must be a str, not '{}'",
                    typeobj::type_name(note)
                )));
            }
            let name = crate::interned!("__notes__");
            let notes = match protocol::getattr_opt(op, name)? {
                Some(n) => n,
                None => {
                    let l = crate::object::list::new(0)?;
                    protocol::setattr(op, name, l.as_ptr())?;
                    l
                }
            };
            if !crate::object::list::check(notes.as_ptr()) {
                return Err(errors::type_error(
                    "Cannot add note: __notes__ is not a list",
                ));
            }
            crate::object::list::append(notes.as_ptr(), note)?;
            Ok(Owned::from_borrowed_static(none::none()))
        }
    })
}

/// `e.__reduce__()`: `(type, args)` or `(type, args, __dict__)`.
unsafe extern "C" fn reduce(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an exception.
        unsafe {
            let b = base(op);
            let tp: *mut PyObject = (*op).ob_type.cast();
            let args = if (*b).args.is_null() {
                tuple::empty().as_ptr()
            } else {
                (*b).args
            };
            if (*b).dict.is_null() {
                tuple::pack(&[tp, args])
            } else {
                tuple::pack(&[tp, args, (*b).dict])
            }
        }
    })
}

/// `e.__setstate__(state)`: sets each item of the state dict as an
/// attribute; None does nothing.
unsafe extern "C" fn setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an exception, state valid.
        unsafe {
            if state != none::none() {
                if !dict::check(state) {
                    return Err(errors::type_error("state is not a dictionary"));
                }
                let mut pos = 0;
                while let Some((k, v)) = dict::next(state, &mut pos) {
                    // Held: hashing the key may run code that empties the dict.
                    let (k, v) = (Owned::from_borrowed(k), Owned::from_borrowed(v));
                    protocol::setattr(op, k.as_ptr(), v.as_ptr())?;
                }
            }
            Ok(Owned::from_borrowed_static(none::none()))
        }
    })
}
