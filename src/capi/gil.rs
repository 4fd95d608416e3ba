//! The Initialization, Finalization, and Threads chapter (the thread part):
//! thread states (`PyThreadState_*`), releasing and taking the GIL
//! (`PyEval_SaveThread` ... , the `Py_BEGIN_ALLOW_THREADS` macros call
//! these), the simplified `PyGILState_*` API for native threads, and the
//! interpreter lookups (`PyInterpreterState_*`).
//!
//! A native thread that calls `PyGILState_Ensure` while the runtime is not
//! initialized, or while another thread finalizes it, blocks forever (as
//! CPython 3.14 does for threads that try to attach during finalization):
//! there is no interpreter it could safely run in, and `PyGILState_Ensure`
//! has no way to report an error.
use crate::ffi::PyObject;
use crate::runtime::tstate::{self, PyInterpreterState, PyThreadState};
use crate::runtime::{gil, lifecycle};
use crate::vm::frame::PyFrameObject;
use libc::{c_int, c_ulong};
use std::ptr::null_mut;

/// `PyGILState_STATE`: whether `PyGILState_Ensure` found the GIL held.
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PyGILState_STATE {
    PyGILState_LOCKED,
    PyGILState_UNLOCKED,
}

/// `PyThreadState_New`: a new thread state for `interp`, not current.
#[no_mangle]
pub unsafe extern "C" fn PyThreadState_New(interp: *mut PyInterpreterState) -> *mut PyThreadState {
    if interp.is_null() {
        lifecycle::fatal_error("PyThreadState_New: NULL interpreter");
    }
    // SAFETY: the caller passes a live interpreter.
    let ts = unsafe { PyThreadState::new(interp) };
    if tstate::gilstate().is_null() {
        tstate::set_gilstate(ts);
    }
    ts
}

/// `PyThreadState_Clear`: releases what `ts` holds; needs the GIL.
#[no_mangle]
pub unsafe extern "C" fn PyThreadState_Clear(ts: *mut PyThreadState) {
    if ts.is_null() {
        return;
    }
    // SAFETY: the caller passes a live thread state and holds the GIL.
    unsafe { (*ts).clear() }
}

/// `PyThreadState_Delete`: frees a cleared thread state that is not
/// current.
#[no_mangle]
pub unsafe extern "C" fn PyThreadState_Delete(ts: *mut PyThreadState) {
    if ts.is_null() {
        lifecycle::fatal_error("PyThreadState_Delete: NULL tstate");
    }
    if ts == tstate::current() {
        lifecycle::fatal_error("PyThreadState_Delete: tstate is still current");
    }
    tstate::forget_gilstate(ts);
    // SAFETY: a live thread state the caller no longer uses.
    unsafe { tstate::delete(ts) }
}

/// `PyThreadState_DeleteCurrent`: frees the current (cleared) thread state
/// and releases the GIL.
#[no_mangle]
pub extern "C" fn PyThreadState_DeleteCurrent() {
    let ts = tstate::current();
    if ts.is_null() {
        lifecycle::fatal_error("PyThreadState_DeleteCurrent: no current tstate");
    }
    // SAFETY: ts is the current thread state.
    unsafe { tstate::delete_current(ts) }
}

/// `PyThreadState_Get`: the current thread state; a fatal error without one.
#[no_mangle]
pub extern "C" fn PyThreadState_Get() -> *mut PyThreadState {
    tstate::get()
}

/// `PyThreadState_GetUnchecked`: the current thread state or NULL.
#[no_mangle]
pub extern "C" fn PyThreadState_GetUnchecked() -> *mut PyThreadState {
    tstate::current()
}

/// `_PyThreadState_UncheckedGet`: the pre-3.13 name of
/// `PyThreadState_GetUnchecked`.
#[no_mangle]
pub extern "C" fn _PyThreadState_UncheckedGet() -> *mut PyThreadState {
    tstate::current()
}

/// `PyThreadState_Swap`: makes `new` current (taking the GIL for it) after
/// detaching the current one (releasing the GIL); returns the old one.
#[no_mangle]
pub unsafe extern "C" fn PyThreadState_Swap(new: *mut PyThreadState) -> *mut PyThreadState {
    let old = tstate::current();
    if old == new {
        return old;
    }
    gil::save_thread();
    // SAFETY: the caller passes NULL or a live thread state for this thread.
    unsafe { gil::restore_thread(new) };
    old
}

/// `PyThreadState_GetInterpreter`.
#[no_mangle]
pub unsafe extern "C" fn PyThreadState_GetInterpreter(
    ts: *mut PyThreadState,
) -> *mut PyInterpreterState {
    if ts.is_null() {
        lifecycle::fatal_error("PyThreadState_GetInterpreter: NULL tstate");
    }
    // SAFETY: a live thread state.
    unsafe { (*ts).interp }
}

/// `PyThreadState_GetFrame`: the frame `ts` runs (a new reference), NULL
/// when it runs none.
#[no_mangle]
pub unsafe extern "C" fn PyThreadState_GetFrame(ts: *mut PyThreadState) -> *mut PyFrameObject {
    if ts.is_null() {
        lifecycle::fatal_error("PyThreadState_GetFrame: NULL tstate");
    }
    // SAFETY: a live thread state; its frame is NULL or live.
    unsafe {
        let f = (*ts).frame;
        crate::object::refcount::xincref(f);
        f.cast()
    }
}

/// `PyThreadState_GetID`: unique among the process's thread states.
#[no_mangle]
pub unsafe extern "C" fn PyThreadState_GetID(ts: *mut PyThreadState) -> u64 {
    if ts.is_null() {
        lifecycle::fatal_error("PyThreadState_GetID: NULL tstate");
    }
    // SAFETY: a live thread state.
    unsafe { (*ts).id }
}

/// `PyThreadState_GetDict`: a dict private to the current thread state
/// (borrowed), NULL without a thread state (no exception set then).
#[no_mangle]
pub extern "C" fn PyThreadState_GetDict() -> *mut PyObject {
    let ts = tstate::current();
    if ts.is_null() {
        return null_mut();
    }
    // SAFETY: the current thread state is live and we hold the GIL.
    unsafe {
        if (*ts).dict.is_null() {
            match crate::object::dict::new() {
                Ok(d) => (*ts).dict = d.into_raw(),
                Err(_) => {
                    crate::runtime::errors::clear();
                    return null_mut();
                }
            }
        }
        (*ts).dict
    }
}

/// `PyThreadState_SetAsyncExc`: asks the thread whose `get_ident()` is `id`
/// to raise `exc` (a class; NULL withdraws a pending request) when it next
/// runs Python code. Returns how many thread states were changed (0 or 1).
#[no_mangle]
pub unsafe extern "C" fn PyThreadState_SetAsyncExc(id: c_ulong, exc: *mut PyObject) -> c_int {
    let interp = tstate::get().interp;
    // SAFETY: the current interpreter is live; its thread states too, and
    // we hold the GIL while touching their fields.
    unsafe {
        for ts in (*interp).thread_states() {
            if (*ts).thread_id != id {
                continue;
            }
            crate::object::refcount::xincref(exc);
            let old = std::mem::replace(&mut (*ts).async_exc, exc);
            match (old.is_null(), exc.is_null()) {
                (true, false) => gil::note_async_exc(true),
                (false, true) => gil::note_async_exc(false),
                _ => {}
            }
            crate::object::refcount::xdecref(old);
            return 1;
        }
    }
    0
}

/// `PyThreadState_Next`: the thread state after `ts` in its interpreter's
/// list, NULL at the end.
#[no_mangle]
pub unsafe extern "C" fn PyThreadState_Next(ts: *mut PyThreadState) -> *mut PyThreadState {
    if ts.is_null() {
        return null_mut();
    }
    // SAFETY: a live thread state of a live interpreter.
    let all = unsafe { (*(*ts).interp).thread_states() };
    all.iter()
        .position(|&t| t == ts)
        .and_then(|i| all.get(i + 1).copied())
        .unwrap_or(null_mut())
}

/// `PyInterpreterState_ThreadHead`: the newest thread state of `interp`.
#[no_mangle]
pub unsafe extern "C" fn PyInterpreterState_ThreadHead(
    interp: *mut PyInterpreterState,
) -> *mut PyThreadState {
    if interp.is_null() {
        return null_mut();
    }
    // SAFETY: a live interpreter.
    let all = unsafe { (*interp).thread_states() };
    all.first().copied().unwrap_or(null_mut())
}

/// `PyInterpreterState_Get`: the current interpreter; a fatal error
/// without a thread state.
#[no_mangle]
pub extern "C" fn PyInterpreterState_Get() -> *mut PyInterpreterState {
    tstate::get().interp
}

/// `PyInterpreterState_Main`: the main interpreter, NULL when the runtime
/// is not initialized.
#[no_mangle]
pub extern "C" fn PyInterpreterState_Main() -> *mut PyInterpreterState {
    lifecycle::main_interpreter()
}

/// `PyInterpreterState_GetID`: 0 for the main (and only) interpreter.
#[no_mangle]
pub unsafe extern "C" fn PyInterpreterState_GetID(interp: *mut PyInterpreterState) -> i64 {
    if interp.is_null() {
        crate::runtime::errors::system_error("no interpreter provided");
        return -1;
    }
    0
}

/// `PyEval_SaveThread`: detaches the current thread state and releases the
/// GIL; returns the thread state for `PyEval_RestoreThread`.
#[no_mangle]
pub extern "C" fn PyEval_SaveThread() -> *mut PyThreadState {
    let ts = gil::save_thread();
    if ts.is_null() {
        lifecycle::fatal_error("PyEval_SaveThread: the function must be called with the GIL held, but the GIL is released (the current Python thread state is NULL)");
    }
    ts
}

/// `PyEval_RestoreThread`: takes the GIL and makes `ts` current. A thread
/// that arrives during or after finalization blocks forever.
#[no_mangle]
pub unsafe extern "C" fn PyEval_RestoreThread(ts: *mut PyThreadState) {
    if ts.is_null() {
        lifecycle::fatal_error("PyEval_RestoreThread: NULL tstate");
    }
    // SAFETY: the caller passes its own live thread state.
    unsafe { gil::restore_thread(ts) }
}

/// `PyEval_AcquireThread`: `PyEval_RestoreThread` for a thread state that
/// may be new.
#[no_mangle]
pub unsafe extern "C" fn PyEval_AcquireThread(ts: *mut PyThreadState) {
    if ts.is_null() {
        lifecycle::fatal_error("PyEval_AcquireThread: NULL new thread state");
    }
    // SAFETY: the caller passes a live thread state for this thread.
    unsafe { gil::restore_thread(ts) }
}

/// `PyEval_ReleaseThread`: detaches `ts`, which must be current, and
/// releases the GIL.
#[no_mangle]
pub unsafe extern "C" fn PyEval_ReleaseThread(ts: *mut PyThreadState) {
    if ts.is_null() {
        lifecycle::fatal_error("PyEval_ReleaseThread: NULL thread state");
    }
    if tstate::current() != ts {
        lifecycle::fatal_error("PyEval_ReleaseThread: wrong thread state");
    }
    gil::save_thread();
}

/// `PyEval_InitThreads`: the GIL always exists; does nothing (deprecated).
#[no_mangle]
pub extern "C" fn PyEval_InitThreads() {}

/// `PyEval_ThreadsInitialized` (removed from the 3.13 headers, kept in the
/// stable ABI): 1 once the runtime is initialized (the GIL then exists).
#[no_mangle]
pub extern "C" fn PyEval_ThreadsInitialized() -> c_int {
    lifecycle::is_initialized() as c_int
}

/// `PyEval_AcquireLock` (removed from the 3.13 headers, kept in the
/// stable ABI): takes the GIL for the current thread state without
/// changing which thread state is current (the counterpart of
/// `PyEval_ReleaseLock`). A fatal error without a thread state.
#[no_mangle]
pub extern "C" fn PyEval_AcquireLock() {
    let ts = tstate::current();
    if ts.is_null() {
        lifecycle::fatal_error(
            "PyEval_AcquireLock: the function must be called with the GIL held, after Python initialization and before Python finalization, but the GIL is released (the current Python thread state is NULL)",
        );
    }
    // SAFETY: ts is this thread's live thread state.
    unsafe { gil::take(ts) }
}

/// `PyEval_ReleaseLock` (removed from the 3.13 headers, kept in the
/// stable ABI): releases the GIL, leaving the thread state current.
#[no_mangle]
pub extern "C" fn PyEval_ReleaseLock() {
    gil::release(tstate::current(), false);
}

/// `_PyThreadState_Prealloc` (stable ABI only): a new thread state for
/// `interp` that no OS thread is bound to yet (as `PyThreadState_New`,
/// without becoming the `PyGILState` thread state).
#[no_mangle]
pub unsafe extern "C" fn _PyThreadState_Prealloc(
    interp: *mut PyInterpreterState,
) -> *mut PyThreadState {
    if interp.is_null() {
        lifecycle::fatal_error("_PyThreadState_Prealloc: NULL interpreter");
    }
    // SAFETY: the caller passes a live interpreter.
    unsafe { PyThreadState::new(interp) }
}

/// `_PyThreadState_Init` (stable ABI only): internal to the runtime; as in
/// CPython, calling it is a fatal error.
#[no_mangle]
pub extern "C" fn _PyThreadState_Init(_ts: *mut PyThreadState) {
    lifecycle::fatal_error("_PyThreadState_Init() is for internal use only")
}

/// `PyInterpreterState_GetDict`: a dict private to `interp` for
/// extensions to keep state in (borrowed), created on first use; NULL,
/// with no exception raised, when it cannot be created.
#[no_mangle]
pub unsafe extern "C" fn PyInterpreterState_GetDict(
    interp: *mut PyInterpreterState,
) -> *mut PyObject {
    if interp.is_null() {
        return null_mut();
    }
    // SAFETY: the caller passes a live interpreter and holds the GIL.
    let interp = unsafe { &mut *interp };
    if interp.dict.is_null() {
        match crate::object::dict::new() {
            Ok(d) => interp.dict = d.into_raw(),
            Err(_) => crate::runtime::errors::clear(),
        }
    }
    interp.dict
}

/// `Py_AddPendingCall`: asks the main thread to call `func(arg)` soon (at
/// its next eval-breaker check or `Py_MakePendingCalls`); callable from
/// any thread, with or without the GIL. 0, or -1 when the queue is full.
#[no_mangle]
pub extern "C" fn Py_AddPendingCall(
    func: Option<unsafe extern "C" fn(*mut libc::c_void) -> c_int>,
    arg: *mut libc::c_void,
) -> c_int {
    match func {
        Some(f) if crate::runtime::pending::add(f, arg as usize) => 0,
        _ => -1,
    }
}

/// `Py_MakePendingCalls`: in the main thread, runs the handlers of
/// pending signals, then the pending calls; -1 with the exception of the
/// first that fails. Other threads do nothing and get 0.
#[no_mangle]
pub extern "C" fn Py_MakePendingCalls() -> c_int {
    if !crate::runtime::signals::is_main_thread() {
        return 0;
    }
    crate::capi::boundary::guard_status(|| {
        crate::runtime::errors::check_signals()?;
        crate::runtime::pending::run()
    })
}

/// `PyGILState_Ensure`: makes sure the calling thread holds the GIL with
/// its own thread state, creating one for a thread never seen before.
/// Returns whether the GIL was already held. Without an initialized runtime
/// (and during finalization) the thread blocks forever (see the module doc).
#[no_mangle]
pub extern "C" fn PyGILState_Ensure() -> PyGILState_STATE {
    let ts = tstate::gilstate();
    if ts.is_null() {
        let interp = lifecycle::main_interpreter();
        if interp.is_null() || lifecycle::is_finalizing() {
            gil::hang();
        }
        // SAFETY: the main interpreter lives until finalization.
        let ts = unsafe { PyThreadState::new(interp) };
        tstate::set_gilstate(ts);
        // SAFETY: ts was just made for this thread.
        unsafe { gil::restore_thread(ts) };
        // SAFETY: ts is current and live.
        unsafe { (*ts).gilstate_counter = 1 };
        return PyGILState_STATE::PyGILState_UNLOCKED;
    }
    let held = tstate::current() == ts;
    if !held {
        // SAFETY: this thread's PyGILState thread state is live.
        unsafe { gil::restore_thread(ts) };
    }
    // SAFETY: ts is current and live.
    unsafe { (*ts).gilstate_counter += 1 };
    if held {
        PyGILState_STATE::PyGILState_LOCKED
    } else {
        PyGILState_STATE::PyGILState_UNLOCKED
    }
}

/// `PyGILState_Release`: undoes one `PyGILState_Ensure`; the last one
/// deletes a thread state that `Ensure` created.
#[no_mangle]
pub extern "C" fn PyGILState_Release(old: PyGILState_STATE) {
    let ts = tstate::gilstate();
    if ts.is_null() {
        lifecycle::fatal_error(
            "PyGILState_Release: auto-releasing thread-state, but no thread-state for this thread",
        );
    }
    if tstate::current() != ts {
        lifecycle::fatal_error("PyGILState_Release: thread state must be current when releasing");
    }
    // SAFETY: ts is current and live; we hold the GIL.
    unsafe {
        (*ts).gilstate_counter -= 1;
        if (*ts).gilstate_counter == 0 {
            (*ts).clear();
            tstate::delete_current(ts);
            return;
        }
    }
    if old == PyGILState_STATE::PyGILState_UNLOCKED {
        gil::save_thread();
    }
}

/// `PyGILState_GetThisThreadState`: the thread state `PyGILState_*` uses
/// for the calling thread, NULL when it has none.
#[no_mangle]
pub extern "C" fn PyGILState_GetThisThreadState() -> *mut PyThreadState {
    tstate::gilstate()
}

/// `PyGILState_Check`: 1 if the calling thread holds the GIL with its
/// `PyGILState` thread state.
#[no_mangle]
pub extern "C" fn PyGILState_Check() -> c_int {
    let ts = tstate::current();
    (!ts.is_null() && ts == tstate::gilstate()) as c_int
}
