//! Tearing the modules down at finalization, in CPython's order
//! (`Python/pylifecycle.c`: `finalize_modules`, and `_PyModule_ClearDict`
//! in `Objects/moduleobject.c`). `sys.modules` lets go of every module
//! first, and a collection frees those nothing else holds, so their
//! objects' finalizers still see complete globals. The globals of modules
//! still alive after that are set to None (names with one leading
//! underscore first), the way code written for CPython expects: a
//! `__del__` or weak reference callback running then finds None, never a
//! missing name. `sys` and `builtins` are emptied last.
use crate::ffi::PyObject;
use crate::object::{dict, gc, module, none, str as pystr, typeobj, weakref};
use crate::runtime::errors;
use crate::Owned;

/// Tears down the modules in `modules` (`sys.modules`) and `builtins`.
///
/// # Safety
/// `modules` is NULL or a dict; `builtins` NULL or the builtins module.
pub unsafe fn finalize_modules(modules: *mut PyObject, builtins: *mut PyObject) {
    // SAFETY: per the contract; every object touched is kept alive by an
    // owned reference while used.
    unsafe {
        if modules.is_null() && builtins.is_null() {
            return;
        }
        let is_module = |o: *mut PyObject| {
            !o.is_null() && typeobj::instance_of(o, &raw mut module::PyModule_Type)
        };
        let mut sys = None;
        let mut alive = Vec::new();
        if !modules.is_null() {
            let s = dict::get_item_known_hash_str(modules, crate::interned!("sys"));
            if is_module(s) {
                sys = Some(Owned::from_borrowed(s));
            }
            let mut entries = Vec::new();
            let mut pos = 0;
            while let Some((k, v)) = dict::next(modules, &mut pos) {
                if is_module(v) {
                    entries.push((Owned::from_borrowed(k), Owned::from_borrowed(v)));
                }
            }
            // Weak references tell which modules survive; then sys.modules
            // lets go of them one by one, in import order.
            for (k, m) in entries {
                match weakref::new(
                    &raw mut weakref::_PyWeakref_RefType,
                    m.as_ptr(),
                    std::ptr::null_mut(),
                ) {
                    Ok(r) => alive.push(r),
                    Err(_) => errors::clear(),
                }
                drop(m);
                if dict::set_item(modules, k.as_ptr(), none::none()).is_err() {
                    errors::clear();
                }
            }
            dict::clear(modules);
        }
        gc::collect(gc::NUM_GENERATIONS - 1);
        let sys_ptr = sys.as_ref().map_or(std::ptr::null_mut(), |s| s.as_ptr());
        for r in alive.iter().rev() {
            let Some(m) = weakref::get_ref(r.as_ptr()) else {
                continue;
            };
            if m.as_ptr() == sys_ptr || m.as_ptr() == builtins {
                continue;
            }
            let d = module::dict_of(m.as_ptr());
            if !d.is_null() {
                clear_globals(d);
            }
        }
        drop(alive);
        // What the modules' finalizers printed is flushed while
        // sys.stdout and sys.stderr are still there (CPython flushes the
        // streams again after tearing the modules down).
        crate::modules::io::stdio::flush_std_streams();
        for m in [sys_ptr, builtins] {
            if is_module(m) {
                let d = module::dict_of(m);
                if !d.is_null() {
                    dict::clear(d);
                }
            }
        }
    }
}

/// Sets the values of a module's globals to None
/// (`_PyModule_ClearDict`): first the names with a single leading
/// underscore, then all others but `__builtins__`.
unsafe fn clear_globals(d: *mut PyObject) {
    // SAFETY: d is a dict; the keys are kept alive while values are
    // replaced (which may run arbitrary finalizers).
    unsafe {
        let none = none::none();
        for first_pass in [true, false] {
            let mut keys = Vec::new();
            let mut pos = 0;
            while let Some((k, v)) = dict::next(d, &mut pos) {
                if v != none && pystr::check(k) {
                    keys.push(Owned::from_borrowed(k));
                }
            }
            for k in keys {
                let name = pystr::as_str(k.as_ptr()).unwrap_or_else(|_| {
                    errors::clear();
                    ""
                });
                let take = if first_pass {
                    name.starts_with('_') && !name.starts_with("__")
                } else {
                    name != "__builtins__"
                };
                let current = dict::get_item(d, k.as_ptr()).unwrap_or_else(|_| {
                    errors::clear();
                    std::ptr::null_mut()
                });
                if take
                    && !current.is_null()
                    && current != none
                    && dict::set_item(d, k.as_ptr(), none).is_err()
                {
                    errors::clear();
                }
            }
        }
    }
}
