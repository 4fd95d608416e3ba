//! `sys.unraisablehook` and `sys.__unraisablehook__` (CPython's
//! `Python/errors.c` unraisable part): an exception that cannot be raised
//! (in `__del__`, a callback, at finalization) goes to the hook as an
//! `UnraisableHookArgs`; the default hook writes the report to stderr.
use crate::ffi::*;
use crate::modules::args::{builtin, no_kwargs};
use crate::object::exceptions::{self as exc, display};
use crate::object::structseq::{self, structseq_desc};
use crate::object::{none, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

structseq_desc!(
    ARGS_DESC,
    c"UnraisableHookArgs",
    5,
    [
        c"exc_type",
        c"exc_value",
        c"exc_traceback",
        c"err_msg",
        c"object"
    ]
);

static mut ARGS_TYPE: PyTypeObject = unsafe { std::mem::zeroed() };

fn args_type() -> PyResult<*mut PyTypeObject> {
    // SAFETY: a static type readied on first use from a static description.
    unsafe { structseq::static_type(&raw mut ARGS_TYPE, &raw const ARGS_DESC) }
}

/// Writes the default report for `e` (an exception instance), with the
/// message `msg` (a str or None) and the object `obj` (or None).
unsafe fn write_default(msg: *mut PyObject, obj: *mut PyObject, e: *mut PyObject) {
    // SAFETY: msg and obj valid or None; e valid.
    unsafe {
        let msg = if msg.is_null() || msg == none::none() {
            None
        } else {
            pystr::as_str(msg).ok()
        };
        // Without a sys.stderr (gone at shutdown, or None) the report is
        // dropped, as CPython's default hook drops it.
        let stderr = crate::modules::sys::get("stderr");
        if stderr.is_null() || stderr == none::none() {
            return;
        }
        let text = if exc::is_instance(e) {
            display::format_unraisable(msg, obj, e)
        } else {
            String::new()
        };
        crate::modules::io::stdio::write_stderr(&text);
    }
}

builtin!(pub(super) sys_unraisablehook, |args, kws| {
    no_kwargs("unraisablehook", &kws)?;
    if args.len() != 1 {
        return Err(errors::type_error(format!(
            "sys.unraisablehook() takes exactly one argument ({} given)",
            args.len()
        )));
    }
    let u = args[0];
    if (*u).ob_type != args_type()? {
        return Err(errors::type_error(
            "sys.unraisablehook argument type must be UnraisableHookArgs",
        ));
    }
    let item = |i| structseq::get_item(u, i);
    write_default(item(3), item(4), item(1));
    Ok(Owned::from_borrowed_static(none::none()))
});

/// Reports the exception `e` as unraisable: through `sys.unraisablehook`
/// when one is set (raising the `sys.unraisablehook` audit event first),
/// else as the default hook does. A failing hook is itself reported.
pub fn report(msg: Option<&str>, obj: *mut PyObject, e: Owned) {
    let hook = crate::modules::sys::get("unraisablehook");
    // SAFETY: e is an exception instance; obj NULL or valid.
    unsafe {
        let none = none::none();
        let obj = if obj.is_null() { none } else { obj };
        let msg_obj = match msg.map(pystr::from_str) {
            Some(Ok(m)) => m,
            _ => Owned::from_borrowed(none),
        };
        if hook.is_null() || hook == none {
            write_default(msg_obj.as_ptr(), obj, e.as_ptr());
            return;
        }
        let hook = Owned::from_borrowed(hook);
        let r = (|| -> PyResult<Owned> {
            let tb = protocol::getattr_opt(e.as_ptr(), crate::interned!("__traceback__"))?
                .unwrap_or_else(|| Owned::from_borrowed(none));
            let args = structseq::from_items(
                args_type()?,
                vec![
                    Owned::from_borrowed((*e.as_ptr()).ob_type.cast()),
                    e.clone(),
                    tb,
                    msg_obj.clone(),
                    Owned::from_borrowed(obj),
                ],
            )?;
            crate::runtime::audit::audit(c"sys.unraisablehook", &[hook.as_ptr(), args.as_ptr()])?;
            protocol::call_args(hook.as_ptr(), &[args.as_ptr()])
        })();
        if r.is_err() {
            if let Some(e2) = errors::take() {
                let m = pystr::from_str("Exception ignored in sys.unraisablehook");
                if let Ok(m) = m {
                    write_default(m.as_ptr(), hook.as_ptr(), e2.as_ptr());
                }
            }
        }
    }
}
