//! PEP 669 (`sys.monitoring`, CPython's `Python/instrumentation.c`): the
//! tools' names, callbacks and global event sets, and the raising of the
//! events the evaluation loop reports: `PY_START`, `PY_RESUME`,
//! `PY_RETURN`, `PY_YIELD`, `CALL`, `C_RETURN`, `C_RAISE`, `LINE`,
//! `RAISE` and `PY_UNWIND`. Frames run
//! the traced loop (`vm::tracing`) while any event is set. Callbacks run
//! with events off on their thread; one that raises makes the event raise.
//! `DISABLE` returned by a callback is accepted but not acted on (events
//! stay on at that location).
use crate::ffi::PyObject;
use crate::object::refcount::{new_ref, xdecref};
use crate::object::{int, protocol};
use crate::runtime::errors::PyResult;
use crate::Owned;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicU32, Ordering};

/// Tool ids run from 0 to `TOOLS - 1`.
pub const TOOLS: usize = 6;
/// The events, one bit each, in CPython's numbering.
pub const EVENT_NAMES: [&str; 17] = [
    "PY_START",
    "PY_RESUME",
    "PY_RETURN",
    "PY_YIELD",
    "CALL",
    "LINE",
    "INSTRUCTION",
    "JUMP",
    "BRANCH",
    "STOP_ITERATION",
    "RAISE",
    "EXCEPTION_HANDLED",
    "PY_UNWIND",
    "PY_THROW",
    "RERAISE",
    "C_RETURN",
    "C_RAISE",
];
pub const PY_START: u32 = 1 << 0;
pub const PY_RESUME: u32 = 1 << 1;
pub const PY_RETURN: u32 = 1 << 2;
pub const PY_YIELD: u32 = 1 << 3;
pub const CALL: u32 = 1 << 4;
pub const LINE: u32 = 1 << 5;
pub const RAISE: u32 = 1 << 10;
pub const PY_UNWIND: u32 = 1 << 12;
pub const C_RETURN: u32 = 1 << 15;
pub const C_RAISE: u32 = 1 << 16;

/// `sys.monitoring.MISSING` (CPython's `_PyInstrumentation_MISSING`): the
/// `arg0` of call events for a call without arguments.
static mut MISSING: PyObject =
    crate::object::refcount::static_head(&raw mut crate::object::object::PyBaseObject_Type);

/// `sys.monitoring.MISSING` (borrowed; immortal).
pub fn missing() -> *mut PyObject {
    &raw mut MISSING
}

/// Per tool: its name (owned, NULL when the id is free), its global event
/// set and a callback per event (owned or NULL). Only touched with the GIL.
struct State {
    names: [*mut PyObject; TOOLS],
    events: [u32; TOOLS],
    callbacks: [[*mut PyObject; EVENT_NAMES.len()]; TOOLS],
}

static mut STATE: State = State {
    names: [null_mut(); TOOLS],
    events: [0; TOOLS],
    callbacks: [[null_mut(); EVENT_NAMES.len()]; TOOLS],
};

/// The union of every tool's events: the loop's quick check.
static ACTIVE: AtomicU32 = AtomicU32::new(0);

fn state() -> &'static mut State {
    let s = &raw mut STATE;
    // SAFETY: only used with the GIL held, one borrow at a time.
    unsafe { &mut *s }
}

/// The events some tool wants.
#[inline(always)]
pub fn active() -> u32 {
    ACTIVE.load(Ordering::Relaxed)
}

fn refresh_active() {
    let s = state();
    let all = s.events.iter().fold(0, |a, &e| a | e);
    ACTIVE.store(all, Ordering::Relaxed);
}

/// A tool's name (borrowed), NULL when the id is free.
pub fn tool_name(tool: usize) -> *mut PyObject {
    state().names[tool]
}

/// Claims `tool` under `name` (a valid object); false when it is taken.
pub unsafe fn use_tool(tool: usize, name: *mut PyObject) -> bool {
    let s = state();
    if !s.names[tool].is_null() {
        return false;
    }
    // SAFETY: name is a valid object.
    s.names[tool] = unsafe { new_ref(name) };
    true
}

/// Frees `tool`: its name, events and callbacks go.
pub fn free_tool(tool: usize) {
    let s = state();
    let mut old = vec![std::mem::replace(&mut s.names[tool], null_mut())];
    s.events[tool] = 0;
    for cb in s.callbacks[tool].iter_mut() {
        old.push(std::mem::replace(cb, null_mut()));
    }
    refresh_active();
    for p in old {
        // SAFETY: owned references or NULL.
        unsafe { xdecref(p) };
    }
}

/// The tool's global event set.
pub fn events(tool: usize) -> u32 {
    state().events[tool]
}

/// Sets the tool's global event set.
pub fn set_events(tool: usize, events: u32) {
    state().events[tool] = events;
    refresh_active();
}

/// Replaces the callback of `tool` for the event numbered `event` with
/// `func` (NULL or a valid object); returns the old one (owned, NULL when
/// none).
pub unsafe fn register(tool: usize, event: usize, func: *mut PyObject) -> *mut PyObject {
    // SAFETY: func is NULL or a valid object.
    let new = if func.is_null() {
        func
    } else {
        unsafe { new_ref(func) }
    };
    std::mem::replace(&mut state().callbacks[tool][event], new)
}

/// Forgets every tool (`Py_FinalizeEx`).
pub fn clear() {
    for tool in 0..TOOLS {
        free_tool(tool);
    }
}

/// Raises `event` (one bit) with `args` for every tool that wants it.
pub fn fire(event: u32, args: &[*mut PyObject]) -> PyResult<()> {
    let ts = crate::runtime::tstate::get();
    if ts.tracing != 0 {
        return Ok(());
    }
    let index = event.trailing_zeros() as usize;
    // A tool's CALL event brings its C_RETURN and C_RAISE events.
    let wanted = if event & (C_RETURN | C_RAISE) != 0 {
        CALL
    } else {
        event
    };
    for tool in 0..TOOLS {
        let s = state();
        if s.events[tool] & wanted == 0 || s.callbacks[tool][index].is_null() {
            continue;
        }
        // SAFETY: the callback is owned by the state; held for the call.
        let cb = unsafe { Owned::from_borrowed(s.callbacks[tool][index]) };
        ts.tracing += 1;
        // SAFETY: cb and args are valid objects.
        let r = unsafe { protocol::call_args(cb.as_ptr(), args) };
        crate::runtime::tstate::get().tracing -= 1;
        r?;
    }
    Ok(())
}

/// The code object of frame `f` (a frame) and its current offset in
/// bytes, as the events' first arguments.
pub unsafe fn code_and_offset(f: *mut PyObject) -> PyResult<(*mut PyObject, Owned)> {
    // SAFETY: f is a frame.
    let fo = unsafe { crate::vm::frame::fr(f) };
    Ok((fo.code, int::from_i64(fo.lasti.max(0) as i64 * 2)?))
}
