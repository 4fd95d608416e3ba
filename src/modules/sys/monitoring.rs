//! The `sys.monitoring` namespace (PEP 669): tool ids, callbacks, global
//! and local (per code object) event sets, `DISABLE` and
//! `restart_events` over `vm::monitoring`.
use crate::ffi::*;
use crate::modules::args::{arity, builtin, no_kwargs};
use crate::object::descr::{method, METHOD_END};
use crate::object::{dict, int, none, number, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::vm::monitoring as mon;
use crate::Owned;
use libc::c_void;

const FK: libc::c_int = METH_FASTCALL | METH_KEYWORDS;

/// A tool id argument, checked to be in range.
unsafe fn tool_arg(o: *mut PyObject) -> PyResult<usize> {
    // SAFETY: o is a valid object.
    let id = unsafe { int::as_i64(number::index(o)?.as_ptr())? };
    if !(0..mon::TOOLS as i64).contains(&id) {
        return Err(errors::value_error(format!(
            "invalid tool {id} (must be between 0 and {})",
            mon::TOOLS - 1
        )));
    }
    Ok(id as usize)
}

builtin!(monitoring_use_tool_id, |args, kws| {
    no_kwargs("use_tool_id", &kws)?;
    arity("use_tool_id", args, 2, 2)?;
    let tool = tool_arg(args[0])?;
    if !pystr::check(args[1]) {
        return Err(errors::value_error("tool name must be a str"));
    }
    if !mon::use_tool(tool, args[1]) {
        return Err(errors::value_error(format!(
            "tool {tool} is already in use"
        )));
    }
    Ok(none::owned())
});

builtin!(monitoring_free_tool_id, |args, kws| {
    no_kwargs("free_tool_id", &kws)?;
    arity("sys.monitoring.free_tool_id", args, 1, 1)?;
    mon::free_tool(tool_arg(args[0])?);
    Ok(none::owned())
});

builtin!(monitoring_get_tool, |args, kws| {
    no_kwargs("get_tool", &kws)?;
    arity("sys.monitoring.get_tool", args, 1, 1)?;
    let name = mon::tool_name(tool_arg(args[0])?);
    Ok(Owned::from_borrowed(if name.is_null() {
        none::none()
    } else {
        name
    }))
});

builtin!(monitoring_register_callback, |args, kws| {
    no_kwargs("register_callback", &kws)?;
    arity("register_callback", args, 3, 3)?;
    let tool = tool_arg(args[0])?;
    let event = int::as_i64(number::index(args[1])?.as_ptr())?;
    if event <= 0 || event.count_ones() != 1 {
        return Err(errors::value_error(
            "The callback can only be set for one event at a time",
        ));
    }
    let index = event.trailing_zeros() as usize;
    if index >= mon::EVENT_NAMES.len() {
        return Err(errors::value_error(format!("invalid event {event}")));
    }
    crate::runtime::audit::audit(c"sys.monitoring.register_callback", &[args[2]])?;
    let func = if args[2] == none::none() {
        std::ptr::null_mut()
    } else {
        args[2]
    };
    let old = mon::register(tool, index, func);
    Ok(if old.is_null() {
        Owned::from_borrowed_static(none::none())
    } else {
        Owned::from_raw_unchecked(old)
    })
});

builtin!(monitoring_set_events, |args, kws| {
    no_kwargs("set_events", &kws)?;
    arity("set_events", args, 2, 2)?;
    let tool = tool_arg(args[0])?;
    let set = int::as_i64(number::index(args[1])?.as_ptr())?;
    if mon::tool_name(tool).is_null() {
        return Err(errors::value_error(format!("tool {tool} is not in use")));
    }
    if set < 0 || set >= 1 << mon::EVENT_NAMES.len() {
        return Err(errors::value_error(format!("invalid event set 0x{set:x}")));
    }
    let c_events = (mon::C_RETURN | mon::C_RAISE) as i64;
    let call_events = c_events | mon::CALL as i64;
    if set & c_events != 0 && set & call_events != call_events {
        return Err(errors::value_error(
            "cannot set C_RETURN or C_RAISE events independently",
        ));
    }
    mon::set_events(tool, (set & !c_events) as u32);
    Ok(none::owned())
});

builtin!(monitoring_get_events, |args, kws| {
    no_kwargs("get_events", &kws)?;
    arity("sys.monitoring.get_events", args, 1, 1)?;
    int::from_i64(mon::events(tool_arg(args[0])?) as i64)
});

builtin!(monitoring__all_events, |args, kws| {
    no_kwargs("_all_events", &kws)?;
    arity("sys.monitoring._all_events", args, 0, 0)?;
    let d = dict::new()?;
    for (i, name) in mon::EVENT_NAMES.iter().enumerate() {
        // C_RETURN and C_RAISE are not events of their own here.
        let tools = if 1 << i & (mon::C_RETURN | mon::C_RAISE) == 0 {
            mon::tools_for(i)
        } else {
            0
        };
        if tools != 0 {
            dict::set_item(d.as_ptr(), pystr::intern(name), int::small(tools as i64))?;
        }
    }
    Ok(d)
});

builtin!(monitoring_restart_events, |args, kws| {
    no_kwargs("restart_events", &kws)?;
    arity("sys.monitoring.restart_events", args, 0, 0)?;
    mon::restart();
    Ok(none::owned())
});

/// A code object argument of the local event functions.
unsafe fn code_arg(o: *mut PyObject) -> PyResult<*mut PyObject> {
    // SAFETY: o is a valid object.
    if unsafe { crate::vm::code::check(o) } {
        Ok(o)
    } else {
        Err(errors::type_error("code must be a code object"))
    }
}

builtin!(monitoring_get_local_events, |args, kws| {
    no_kwargs("get_local_events", &kws)?;
    arity("get_local_events", args, 2, 2)?;
    let tool = tool_arg(args[0])?;
    let code = code_arg(args[1])?;
    int::from_i64(mon::local_events(code, tool) as i64)
});

builtin!(monitoring_set_local_events, |args, kws| {
    no_kwargs("set_local_events", &kws)?;
    arity("set_local_events", args, 3, 3)?;
    let tool = tool_arg(args[0])?;
    let code = code_arg(args[1])?;
    let mut set = int::as_i64(number::index(args[2])?.as_ptr())?;
    let c_events = (mon::C_RETURN | mon::C_RAISE) as i64;
    let call_events = c_events | mon::CALL as i64;
    if set & c_events != 0 && set & call_events != call_events {
        return Err(errors::value_error(
            "cannot set C_RETURN or C_RAISE events independently",
        ));
    }
    set &= !c_events;
    if set < 0 || set >= mon::LOCAL_EVENTS as i64 {
        return Err(errors::value_error(format!(
            "invalid local event set 0x{set:x}"
        )));
    }
    if mon::tool_name(tool).is_null() {
        return Err(errors::value_error(format!("tool {tool} is not in use")));
    }
    mon::set_local_events(code, tool, set as u32);
    Ok(none::owned())
});

static mut METHODS: [PyMethodDef; 11] = [
    method(c"use_tool_id", monitoring_use_tool_id as *const c_void, FK),
    method(
        c"free_tool_id",
        monitoring_free_tool_id as *const c_void,
        FK,
    ),
    method(c"get_tool", monitoring_get_tool as *const c_void, FK),
    method(
        c"register_callback",
        monitoring_register_callback as *const c_void,
        FK,
    ),
    method(c"set_events", monitoring_set_events as *const c_void, FK),
    method(c"get_events", monitoring_get_events as *const c_void, FK),
    method(
        c"get_local_events",
        monitoring_get_local_events as *const c_void,
        FK,
    ),
    method(
        c"set_local_events",
        monitoring_set_local_events as *const c_void,
        FK,
    ),
    method(
        c"restart_events",
        monitoring_restart_events as *const c_void,
        FK,
    ),
    method(c"_all_events", monitoring__all_events as *const c_void, FK),
    METHOD_END,
];

/// A new `sys.monitoring` module.
pub fn create() -> PyResult<Owned> {
    // SAFETY: the method table is static; the module is fresh.
    unsafe {
        let m = crate::modules::new_module("sys.monitoring", (&raw mut METHODS).cast())?;
        let d = crate::object::module::dict_of(m.as_ptr());
        let set = |k: &str, v: *mut PyObject| dict::set_item(d, pystr::intern(k), v);
        for (k, v) in [
            ("DEBUGGER_ID", 0),
            ("COVERAGE_ID", 1),
            ("PROFILER_ID", 2),
            ("OPTIMIZER_ID", 5),
        ] {
            set(k, int::from_i64(v)?.as_ptr())?;
        }
        set("DISABLE", mon::disable())?;
        set("MISSING", mon::missing())?;
        let events = dict::new()?;
        for (i, name) in mon::EVENT_NAMES.iter().enumerate() {
            dict::set_item(
                events.as_ptr(),
                pystr::intern(name),
                int::from_i64(1 << i)?.as_ptr(),
            )?;
        }
        dict::set_item(
            events.as_ptr(),
            crate::interned!("NO_EVENTS"),
            int::small(0),
        )?;
        set(
            "events",
            crate::object::namespace::new(events.as_ptr())?.as_ptr(),
        )?;
        Ok(m)
    }
}
