//! PEP 669's C API for raising `sys.monitoring` events from code that is
//! not Python bytecode (CPython 3.13's `Include/cpython/monitoring.h`,
//! `Python/instrumentation.c`): `PyMonitoring_EnterScope` /
//! `PyMonitoring_ExitScope` and the `_PyMonitoring_Fire*Event` functions
//! behind the header's inline `PyMonitoring_Fire*Event`. A
//! `PyMonitoringState` holds, per event, the tools that want it; a tool's
//! callback returning `DISABLE` takes its bit out of that state only.
use crate::capi::boundary::guard_status;
use crate::ffi::PyObject;
use crate::object::int;
use crate::runtime::errors::{self, PyResult};
use crate::vm::monitoring as mon;
use libc::c_int;

/// The event numbers (`PY_MONITORING_EVENT_*`), as `sys.monitoring.events`
/// numbers its bits.
pub const PY_MONITORING_EVENT_PY_START: c_int = 0;
pub const PY_MONITORING_EVENT_PY_RESUME: c_int = 1;
pub const PY_MONITORING_EVENT_PY_RETURN: c_int = 2;
pub const PY_MONITORING_EVENT_PY_YIELD: c_int = 3;
pub const PY_MONITORING_EVENT_CALL: c_int = 4;
pub const PY_MONITORING_EVENT_LINE: c_int = 5;
pub const PY_MONITORING_EVENT_INSTRUCTION: c_int = 6;
pub const PY_MONITORING_EVENT_JUMP: c_int = 7;
pub const PY_MONITORING_EVENT_BRANCH: c_int = 8;
pub const PY_MONITORING_EVENT_STOP_ITERATION: c_int = 9;
pub const PY_MONITORING_EVENT_RAISE: c_int = 10;
pub const PY_MONITORING_EVENT_EXCEPTION_HANDLED: c_int = 11;
pub const PY_MONITORING_EVENT_PY_UNWIND: c_int = 12;
pub const PY_MONITORING_EVENT_PY_THROW: c_int = 13;
pub const PY_MONITORING_EVENT_RERAISE: c_int = 14;
pub const PY_MONITORING_EVENT_C_RETURN: c_int = 15;
pub const PY_MONITORING_EVENT_C_RAISE: c_int = 16;

/// `PyMonitoringState`: the tools (a bit each) that want one event in one
/// scope; `opaque` is reserved.
#[repr(C)]
pub struct PyMonitoringState {
    pub active: u8,
    pub opaque: u8,
}

/// `PyMonitoring_EnterScope`: unless `*version` is the current version of
/// the tools' global events, sets `state_array[i]` to the tools that want
/// `event_types[i]` and records the version.
#[no_mangle]
pub unsafe extern "C" fn PyMonitoring_EnterScope(
    state_array: *mut PyMonitoringState,
    version: *mut u64,
    event_types: *const u8,
    length: isize,
) -> c_int {
    let now = mon::version();
    // SAFETY: the caller passes a version, and `length` states and events.
    unsafe {
        if *version == now {
            return 0;
        }
        for i in 0..length.max(0) as usize {
            let event = *event_types.add(i) as usize;
            let active = if event < mon::EVENT_NAMES.len() {
                mon::tools_for(event)
            } else {
                0
            };
            (*state_array.add(i)).active = active;
        }
        *version = now;
    }
    0
}

/// `PyMonitoring_ExitScope`: ends the scope; nothing to undo.
#[no_mangle]
pub extern "C" fn PyMonitoring_ExitScope() -> c_int {
    0
}

/// Calls the callbacks of the tools in `state` for `event` with
/// `(codelike, offset, *rest)` (`(codelike, lineno)` for `LINE`), the
/// highest tool id first; a tool whose callback returns `DISABLE` leaves
/// `state`, or, for an event that cannot be disabled, loses its callback
/// with a `ValueError` (CPython's `capi_call_instrumentation`).
unsafe fn call_tools(
    state: *mut PyMonitoringState,
    codelike: *mut PyObject,
    offset: i32,
    event: c_int,
    rest: &[*mut PyObject],
) -> PyResult<()> {
    if offset < 0 {
        return Err(errors::value_error("offset must be non-negative"));
    }
    let index = event as usize;
    let offset_obj;
    let mut args = [codelike; 5];
    let mut n = 1;
    if event != PY_MONITORING_EVENT_LINE {
        offset_obj = int::from_i64(offset as i64)?;
        args[1] = offset_obj.as_ptr();
        n = 2;
    }
    args[n..n + rest.len()].copy_from_slice(rest);
    let args = &args[..n + rest.len()];
    // SAFETY: the caller passes a valid state.
    let mut tools = unsafe { (*state).active };
    while tools != 0 {
        let tool = 7 - tools.leading_zeros() as usize;
        tools &= !(1 << tool);
        if tool >= mon::TOOLS || !mon::call_tool(tool, index, args)? {
            continue;
        }
        if 1 << index >= mon::LOCAL_EVENTS {
            return Err(mon::cannot_disable(tool, index));
        }
        // SAFETY: as above.
        unsafe { (*state).active &= !(1 << tool) };
    }
    Ok(())
}

/// The events that report the exception being raised: it is taken from
/// the error indicator (`ValueError` when none is set) for the callbacks
/// and put back unless one of them raised.
unsafe fn fire_exception_event(
    state: *mut PyMonitoringState,
    codelike: *mut PyObject,
    offset: i32,
    event: c_int,
) -> c_int {
    guard_status(|| {
        let Some(exc) = errors::take() else {
            return Err(errors::value_error(format!(
                "Firing event {event} with no exception set"
            )));
        };
        // SAFETY: forwarded contract; exc is a valid exception.
        unsafe { call_tools(state, codelike, offset, event, &[exc.as_ptr()])? };
        errors::restore(exc);
        Ok(())
    })
}

/// An event with the arguments `rest` after `(codelike, offset)`.
unsafe fn fire(
    state: *mut PyMonitoringState,
    codelike: *mut PyObject,
    offset: i32,
    event: c_int,
    rest: &[*mut PyObject],
) -> c_int {
    // SAFETY: forwarded contract.
    guard_status(|| unsafe { call_tools(state, codelike, offset, event, rest) })
}

/// `_PyMonitoring_FirePyStartEvent`: `PY_START` for `codelike` at `offset`.
#[no_mangle]
pub unsafe extern "C" fn _PyMonitoring_FirePyStartEvent(
    state: *mut PyMonitoringState,
    codelike: *mut PyObject,
    offset: i32,
) -> c_int {
    // SAFETY: forwarded contract.
    unsafe { fire(state, codelike, offset, PY_MONITORING_EVENT_PY_START, &[]) }
}

/// `_PyMonitoring_FirePyResumeEvent`: `PY_RESUME`.
#[no_mangle]
pub unsafe extern "C" fn _PyMonitoring_FirePyResumeEvent(
    state: *mut PyMonitoringState,
    codelike: *mut PyObject,
    offset: i32,
) -> c_int {
    // SAFETY: forwarded contract.
    unsafe { fire(state, codelike, offset, PY_MONITORING_EVENT_PY_RESUME, &[]) }
}

/// `_PyMonitoring_FirePyReturnEvent`: `PY_RETURN` with the value returned.
#[no_mangle]
pub unsafe extern "C" fn _PyMonitoring_FirePyReturnEvent(
    state: *mut PyMonitoringState,
    codelike: *mut PyObject,
    offset: i32,
    retval: *mut PyObject,
) -> c_int {
    // SAFETY: forwarded contract.
    unsafe {
        fire(
            state,
            codelike,
            offset,
            PY_MONITORING_EVENT_PY_RETURN,
            &[retval],
        )
    }
}

/// `_PyMonitoring_FirePyYieldEvent`: `PY_YIELD` with the value yielded.
#[no_mangle]
pub unsafe extern "C" fn _PyMonitoring_FirePyYieldEvent(
    state: *mut PyMonitoringState,
    codelike: *mut PyObject,
    offset: i32,
    retval: *mut PyObject,
) -> c_int {
    // SAFETY: forwarded contract.
    unsafe {
        fire(
            state,
            codelike,
            offset,
            PY_MONITORING_EVENT_PY_YIELD,
            &[retval],
        )
    }
}

/// `_PyMonitoring_FireCallEvent`: `CALL` of `callable` with first argument
/// `arg0`.
#[no_mangle]
pub unsafe extern "C" fn _PyMonitoring_FireCallEvent(
    state: *mut PyMonitoringState,
    codelike: *mut PyObject,
    offset: i32,
    callable: *mut PyObject,
    arg0: *mut PyObject,
) -> c_int {
    // SAFETY: forwarded contract.
    unsafe {
        fire(
            state,
            codelike,
            offset,
            PY_MONITORING_EVENT_CALL,
            &[callable, arg0],
        )
    }
}

/// `_PyMonitoring_FireLineEvent`: `LINE`; its callbacks get the code-like
/// object and `lineno` (no offset).
#[no_mangle]
pub unsafe extern "C" fn _PyMonitoring_FireLineEvent(
    state: *mut PyMonitoringState,
    codelike: *mut PyObject,
    offset: i32,
    lineno: c_int,
) -> c_int {
    guard_status(|| {
        let line = int::from_i64(lineno as i64)?;
        // SAFETY: forwarded contract.
        unsafe {
            call_tools(
                state,
                codelike,
                offset,
                PY_MONITORING_EVENT_LINE,
                &[line.as_ptr()],
            )
        }
    })
}

/// `_PyMonitoring_FireJumpEvent`: `JUMP` to `target_offset`.
#[no_mangle]
pub unsafe extern "C" fn _PyMonitoring_FireJumpEvent(
    state: *mut PyMonitoringState,
    codelike: *mut PyObject,
    offset: i32,
    target_offset: *mut PyObject,
) -> c_int {
    // SAFETY: forwarded contract.
    unsafe {
        fire(
            state,
            codelike,
            offset,
            PY_MONITORING_EVENT_JUMP,
            &[target_offset],
        )
    }
}

/// `_PyMonitoring_FireBranchEvent`: `BRANCH` to `target_offset`.
#[no_mangle]
pub unsafe extern "C" fn _PyMonitoring_FireBranchEvent(
    state: *mut PyMonitoringState,
    codelike: *mut PyObject,
    offset: i32,
    target_offset: *mut PyObject,
) -> c_int {
    // SAFETY: forwarded contract.
    unsafe {
        fire(
            state,
            codelike,
            offset,
            PY_MONITORING_EVENT_BRANCH,
            &[target_offset],
        )
    }
}

/// `_PyMonitoring_FireCReturnEvent`: `C_RETURN` with the value returned.
#[no_mangle]
pub unsafe extern "C" fn _PyMonitoring_FireCReturnEvent(
    state: *mut PyMonitoringState,
    codelike: *mut PyObject,
    offset: i32,
    retval: *mut PyObject,
) -> c_int {
    // SAFETY: forwarded contract.
    unsafe {
        fire(
            state,
            codelike,
            offset,
            PY_MONITORING_EVENT_C_RETURN,
            &[retval],
        )
    }
}

/// `_PyMonitoring_FirePyThrowEvent`: `PY_THROW` with the exception set.
#[no_mangle]
pub unsafe extern "C" fn _PyMonitoring_FirePyThrowEvent(
    state: *mut PyMonitoringState,
    codelike: *mut PyObject,
    offset: i32,
) -> c_int {
    // SAFETY: forwarded contract.
    unsafe { fire_exception_event(state, codelike, offset, PY_MONITORING_EVENT_PY_THROW) }
}

/// `_PyMonitoring_FireRaiseEvent`: `RAISE` with the exception set.
#[no_mangle]
pub unsafe extern "C" fn _PyMonitoring_FireRaiseEvent(
    state: *mut PyMonitoringState,
    codelike: *mut PyObject,
    offset: i32,
) -> c_int {
    // SAFETY: forwarded contract.
    unsafe { fire_exception_event(state, codelike, offset, PY_MONITORING_EVENT_RAISE) }
}

/// `_PyMonitoring_FireReraiseEvent`: `RERAISE` with the exception set.
#[no_mangle]
pub unsafe extern "C" fn _PyMonitoring_FireReraiseEvent(
    state: *mut PyMonitoringState,
    codelike: *mut PyObject,
    offset: i32,
) -> c_int {
    // SAFETY: forwarded contract.
    unsafe { fire_exception_event(state, codelike, offset, PY_MONITORING_EVENT_RERAISE) }
}

/// `_PyMonitoring_FireExceptionHandledEvent`: `EXCEPTION_HANDLED` with the
/// exception set.
#[no_mangle]
pub unsafe extern "C" fn _PyMonitoring_FireExceptionHandledEvent(
    state: *mut PyMonitoringState,
    codelike: *mut PyObject,
    offset: i32,
) -> c_int {
    // SAFETY: forwarded contract.
    unsafe {
        fire_exception_event(
            state,
            codelike,
            offset,
            PY_MONITORING_EVENT_EXCEPTION_HANDLED,
        )
    }
}

/// `_PyMonitoring_FireCRaiseEvent`: `C_RAISE` with the exception set.
#[no_mangle]
pub unsafe extern "C" fn _PyMonitoring_FireCRaiseEvent(
    state: *mut PyMonitoringState,
    codelike: *mut PyObject,
    offset: i32,
) -> c_int {
    // SAFETY: forwarded contract.
    unsafe { fire_exception_event(state, codelike, offset, PY_MONITORING_EVENT_C_RAISE) }
}

/// `_PyMonitoring_FirePyUnwindEvent`: `PY_UNWIND` with the exception set.
#[no_mangle]
pub unsafe extern "C" fn _PyMonitoring_FirePyUnwindEvent(
    state: *mut PyMonitoringState,
    codelike: *mut PyObject,
    offset: i32,
) -> c_int {
    // SAFETY: forwarded contract.
    unsafe { fire_exception_event(state, codelike, offset, PY_MONITORING_EVENT_PY_UNWIND) }
}

/// `_PyMonitoring_FireStopIterationEvent`: `STOP_ITERATION` with
/// `StopIteration(value)` (or `value` itself when it is one); no exception
/// is left set.
#[no_mangle]
pub unsafe extern "C" fn _PyMonitoring_FireStopIterationEvent(
    state: *mut PyMonitoringState,
    codelike: *mut PyObject,
    offset: i32,
    value: *mut PyObject,
) -> c_int {
    guard_status(|| {
        use crate::object::exceptions as exc;
        // SAFETY: value is a valid object; StopIteration a live type.
        let exc = unsafe { exc::instantiate(exc::PyExc_StopIteration, value)? };
        // SAFETY: forwarded contract; exc is a valid exception.
        unsafe {
            call_tools(
                state,
                codelike,
                offset,
                PY_MONITORING_EVENT_STOP_ITERATION,
                &[exc.as_ptr()],
            )
        }
    })
}
