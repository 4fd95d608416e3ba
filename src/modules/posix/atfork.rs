//! `os.register_at_fork` and the hooks around `fork()`: `PyOS_BeforeFork`,
//! `PyOS_AfterFork_Parent` and `PyOS_AfterFork_Child` run the callables
//! registered from Python (before: last registered first; after: first
//! registered first), reporting their errors as unraisable.
use crate::ffi::*;
use crate::modules::args::builtin;
use crate::object::none;
use crate::object::{protocol, typeobj};
use crate::runtime::errors;
use crate::Owned;
use std::sync::Mutex;

/// The registered callables (owned references, kept as addresses).
struct Hooks {
    before: Vec<usize>,
    after_in_parent: Vec<usize>,
    after_in_child: Vec<usize>,
}

static HOOKS: Mutex<Hooks> = Mutex::new(Hooks {
    before: Vec::new(),
    after_in_parent: Vec::new(),
    after_in_child: Vec::new(),
});

fn hooks() -> std::sync::MutexGuard<'static, Hooks> {
    HOOKS.lock().unwrap_or_else(|e| e.into_inner())
}

builtin!(pub(super) posix_register_at_fork, |args, kws| {
    if !args.is_empty() {
        return Err(errors::type_error(format!(
            "register_at_fork() takes 0 positional arguments but {} were given",
            args.len()
        )));
    }
    let mut found: [Option<*mut PyObject>; 3] = [None; 3];
    for &(k, v) in &kws {
        let i = match k {
            "before" => 0,
            "after_in_child" => 1,
            "after_in_parent" => 2,
            _ => {
                return Err(errors::type_error(format!(
                    "register_at_fork() got an unexpected keyword argument '{k}'"
                )))
            }
        };
        found[i] = Some(v);
    }
    if found.iter().all(Option::is_none) {
        return Err(errors::type_error("At least one argument is required."));
    }
    for (name, v) in ["before", "after_in_child", "after_in_parent"]
        .iter()
        .zip(found)
    {
        if let Some(v) = v {
            if crate::capi::call::PyCallable_Check(v) == 0 {
                return Err(errors::type_error(format!(
                    "'{name}' must be callable, not {}",
                    typeobj::type_name(v)
                )));
            }
        }
    }
    let own = |v: *mut PyObject| Owned::from_borrowed(v).into_raw() as usize;
    let mut guard = hooks();
    let h = &mut *guard;
    let [before, child, parent] = found;
    h.before.extend(before.map(own));
    h.after_in_child.extend(child.map(own));
    h.after_in_parent.extend(parent.map(own));
    Ok(none::owned())
});

/// Calls each of `list` in order, errors reported as unraisable.
fn run(list: Vec<usize>) {
    errors::keeping_raised(|| {
        for f in list {
            let f = f as *mut PyObject;
            // SAFETY: f is a registered callable kept alive by the table.
            unsafe {
                if protocol::call_args(f, &[]).is_err() {
                    crate::capi::exceptions::PyErr_WriteUnraisable(f);
                }
            }
        }
    })
}

/// `PyOS_BeforeFork`: runs the `before` callables, last registered first.
#[no_mangle]
pub extern "C" fn PyOS_BeforeFork() {
    let list: Vec<usize> = hooks().before.iter().rev().copied().collect();
    run(list);
}

/// `PyOS_AfterFork_Parent`: runs the `after_in_parent` callables.
#[no_mangle]
pub extern "C" fn PyOS_AfterFork_Parent() {
    let list = hooks().after_in_parent.clone();
    run(list);
}

/// `PyOS_AfterFork_Child`: forgets the other threads (their states, and
/// their handles marked done), then runs the `after_in_child` callables.
#[no_mangle]
pub extern "C" fn PyOS_AfterFork_Child() {
    crate::runtime::tstate::after_fork_child();
    crate::modules::thread::handle::after_fork_child();
    let list = hooks().after_in_child.clone();
    run(list);
}

/// `PyOS_AfterFork` (deprecated since 3.7): `PyOS_AfterFork_Child`.
#[no_mangle]
#[deprecated = "3.7"]
pub extern "C" fn PyOS_AfterFork() {
    PyOS_AfterFork_Child()
}

/// Drops every registered callable (interpreter finalization).
pub fn clear() {
    let mut guard = hooks();
    let h = &mut *guard;
    let mut all = std::mem::take(&mut h.before);
    all.append(&mut h.after_in_parent);
    all.append(&mut h.after_in_child);
    drop(guard);
    for f in all {
        // SAFETY: each entry is an owned reference.
        unsafe { crate::object::refcount::decref(f as *mut PyObject) };
    }
}
