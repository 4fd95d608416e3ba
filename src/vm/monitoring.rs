//! PEP 669 (`sys.monitoring`, CPython's `Python/instrumentation.c`): the
//! tools' names, callbacks and global event sets, and the raising of the
//! events the evaluation loop reports: `PY_START`, `PY_RESUME`,
//! `PY_RETURN`, `PY_YIELD`, `PY_THROW`, `CALL`, `C_RETURN`, `C_RAISE`,
//! `LINE`, `INSTRUCTION`, `JUMP`, `BRANCH`, `STOP_ITERATION`, `RAISE`,
//! `EXCEPTION_HANDLED`,
//! `RERAISE` and `PY_UNWIND`, set globally or (the local events) for one
//! code object. Frames run the traced loop (`vm::tracing`) while any
//! event is set anywhere. Callbacks run with events off on their thread;
//! one that raises makes the event raise. A callback returning `DISABLE`
//! turns its event off at that code location for its tool until
//! `restart_events()`. Code objects with local events or disabled
//! locations are kept alive by this table until those are cleared.
use crate::ffi::PyObject;
use crate::object::refcount::{new_ref, xdecref};
use crate::object::{int, protocol};
use crate::runtime::errors::PyResult;
use crate::Owned;
use std::collections::{HashMap, HashSet};
use std::ptr::null_mut;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

/// Tool ids run from 0 to `TOOLS - 1`.
pub const TOOLS: usize = 6;
/// The events below this bit can be set per code object and disabled.
pub const LOCAL_EVENTS: u32 = 1 << 10;
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
pub const INSTRUCTION: u32 = 1 << 6;
pub const JUMP: u32 = 1 << 7;
pub const BRANCH: u32 = 1 << 8;
pub const STOP_ITERATION: u32 = 1 << 9;
pub const RAISE: u32 = 1 << 10;
pub const EXCEPTION_HANDLED: u32 = 1 << 11;
pub const PY_UNWIND: u32 = 1 << 12;
pub const PY_THROW: u32 = 1 << 13;
pub const RERAISE: u32 = 1 << 14;
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

/// `sys.monitoring.DISABLE` (CPython's `_PyInstrumentation_DISABLE`).
static mut DISABLE: PyObject =
    crate::object::refcount::static_head(&raw mut crate::object::object::PyBaseObject_Type);

/// `sys.monitoring.DISABLE` (borrowed; immortal).
pub fn disable() -> *mut PyObject {
    &raw mut DISABLE
}

/// A code location where a tool's event is off: (code object, offset in
/// bytes, event index, tool).
type Location = (usize, usize, u8, u8);

/// Per tool: its name (owned, NULL when the id is free), its global event
/// set and a callback per event (owned or NULL); per code object (owned,
/// keyed by address) each tool's local events; the disabled locations,
/// whose code objects are held in `held`. Only touched with the GIL.
struct State {
    names: [*mut PyObject; TOOLS],
    events: [u32; TOOLS],
    callbacks: [[*mut PyObject; EVENT_NAMES.len()]; TOOLS],
    local: Option<HashMap<usize, [u32; TOOLS]>>,
    disabled: Option<HashSet<Location>>,
    held: Vec<Owned>,
}

static mut STATE: State = State {
    names: [null_mut(); TOOLS],
    events: [0; TOOLS],
    callbacks: [[null_mut(); EVENT_NAMES.len()]; TOOLS],
    local: None,
    disabled: None,
    held: Vec::new(),
};

/// The union of every tool's events: the loop's quick check.
static ACTIVE: AtomicU32 = AtomicU32::new(0);

/// Bumped whenever a tool's global events change, and by
/// `restart_events()`: what `PyMonitoring_EnterScope` compares a scope's
/// version with (CPython's global monitoring version).
static VERSION: AtomicU64 = AtomicU64::new(0);

/// The global events' version.
pub fn version() -> u64 {
    VERSION.load(Ordering::Relaxed)
}

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
    let mut all = s.events.iter().fold(0, |a, &e| a | e);
    for sets in s.local.iter().flat_map(|m| m.values()) {
        all |= sets.iter().fold(0, |a, &e| a | e);
    }
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

/// Frees `tool`: its name, global and local events, disabled locations
/// and callbacks go.
pub fn free_tool(tool: usize) {
    let s = state();
    let mut old = vec![std::mem::replace(&mut s.names[tool], null_mut())];
    set_events(tool, 0);
    for cb in s.callbacks[tool].iter_mut() {
        old.push(std::mem::replace(cb, null_mut()));
    }
    let codes: Vec<usize> = s.local.iter().flat_map(|m| m.keys().copied()).collect();
    for code in codes {
        // SAFETY: a key of `local` is a code object that table owns.
        unsafe { set_local_events(code as *mut PyObject, tool, 0) };
    }
    if let Some(d) = s.disabled.as_mut() {
        d.retain(|l| l.3 as usize != tool);
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
    if std::mem::replace(&mut state().events[tool], events) != events {
        VERSION.fetch_add(1, Ordering::Relaxed);
    }
    refresh_active();
}

/// The tools (a bit each) that want the event numbered `event` globally;
/// `C_RETURN` and `C_RAISE` go with `CALL` (CPython's `monitors.tools`).
pub fn tools_for(event: usize) -> u8 {
    let bit = match 1 << event {
        C_RETURN | C_RAISE => CALL,
        b => b,
    };
    let s = state();
    (0..TOOLS).fold(0, |m, t| m | (((s.events[t] & bit != 0) as u8) << t))
}

/// The tool's local events for `code` (0 when none).
pub fn local_events(code: *mut PyObject, tool: usize) -> u32 {
    state()
        .local
        .as_ref()
        .and_then(|m| m.get(&(code as usize)))
        .map_or(0, |sets| sets[tool])
}

/// Sets the tool's local events for `code` (a code object); the table
/// keeps the code object while some tool has local events for it.
pub unsafe fn set_local_events(code: *mut PyObject, tool: usize, events: u32) {
    let s = state();
    let map = s.local.get_or_insert_with(HashMap::new);
    let key = code as usize;
    match map.get_mut(&key) {
        Some(sets) => {
            sets[tool] = events;
            if sets.iter().all(|&e| e == 0) {
                map.remove(&key);
                // SAFETY: the table owned a reference to the code object.
                unsafe { crate::object::refcount::decref(code) };
            }
        }
        None if events != 0 => {
            let mut sets = [0; TOOLS];
            sets[tool] = events;
            // SAFETY: code is a valid object; the table owns this reference.
            unsafe { new_ref(code) };
            map.insert(key, sets);
        }
        None => {}
    }
    refresh_active();
}

/// `restart_events()`: every disabled location is on again.
pub fn restart() {
    VERSION.fetch_add(1, Ordering::Relaxed);
    let s = state();
    s.disabled = None;
    let held = std::mem::take(&mut s.held);
    drop(held);
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
    restart();
}

/// Raises `event` (one bit) at byte `offset` of `code` with `args` (the
/// callbacks' arguments) for every tool that wants it there, the highest
/// tool id first as in CPython.
pub fn fire(
    event: u32,
    code: *mut PyObject,
    offset: usize,
    args: &[*mut PyObject],
) -> PyResult<()> {
    if crate::runtime::tstate::get().tracing != 0 {
        return Ok(());
    }
    let index = event.trailing_zeros() as usize;
    // A tool's CALL event brings its C_RETURN and C_RAISE events.
    let wanted = if event & (C_RETURN | C_RAISE) != 0 {
        CALL
    } else {
        event
    };
    for tool in (0..TOOLS).rev() {
        let s = state();
        let events = s.events[tool] | local_events(code, tool);
        if events & wanted == 0 {
            continue;
        }
        let at = (code as usize, offset, index as u8, tool as u8);
        if s.disabled.as_ref().is_some_and(|d| d.contains(&at)) {
            continue;
        }
        if call_tool(tool, index, args)? {
            disable_at(at)?;
        }
    }
    Ok(())
}

/// Calls `tool`'s callback for the event numbered `index` (if it has one)
/// with `args`, events off on this thread meanwhile; true when it
/// returned `DISABLE` (CPython's `call_one_instrument`).
pub fn call_tool(tool: usize, index: usize, args: &[*mut PyObject]) -> PyResult<bool> {
    let cb = state().callbacks[tool][index];
    if cb.is_null() {
        return Ok(false);
    }
    // SAFETY: the callback is owned by the state; held for the call.
    let cb = unsafe { Owned::from_borrowed(cb) };
    let ts = crate::runtime::tstate::get();
    ts.tracing += 1;
    // SAFETY: cb and args are valid objects.
    let r = unsafe { protocol::call_args(cb.as_ptr(), args) };
    crate::runtime::tstate::get().tracing -= 1;
    Ok(r?.as_ptr() == disable())
}

/// The error of a callback that returned `DISABLE` for an event that
/// cannot be disabled (numbered `index`): its callback is removed.
pub fn cannot_disable(tool: usize, index: usize) -> crate::runtime::errors::Raised {
    let old = std::mem::replace(&mut state().callbacks[tool][index], null_mut());
    // SAFETY: the state owned the callback (or it is NULL).
    unsafe { xdecref(old) };
    crate::runtime::errors::value_error(format!(
        "Cannot disable {} events. Callback removed.",
        EVENT_NAMES[index]
    ))
}

/// A callback returned `DISABLE` for the location `at`: the event is off
/// there for its tool; events that cannot be disabled lose the callback
/// and raise `ValueError`.
fn disable_at(at: Location) -> PyResult<()> {
    let s = state();
    let (code, _, index, tool) = at;
    if 1 << index >= LOCAL_EVENTS {
        return Err(cannot_disable(tool as usize, index as usize));
    }
    if s.disabled.get_or_insert_with(HashSet::new).insert(at) {
        // SAFETY: code is the valid code object the event was raised for.
        s.held
            .push(unsafe { Owned::from_borrowed(code as *mut PyObject) });
    }
    Ok(())
}

/// The code object of frame `f` (a frame), its current offset in bytes,
/// and that offset as an int, as the events' first arguments.
pub unsafe fn code_and_offset(f: *mut PyObject) -> PyResult<(*mut PyObject, usize, Owned)> {
    // SAFETY: f is a frame.
    let fo = unsafe { crate::vm::frame::fr(f) };
    let offset = fo.lasti().max(0) as usize * 2;
    Ok((fo.code, offset, int::from_i64(offset as i64)?))
}
