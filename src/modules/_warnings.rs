//! The `_warnings` module (CPython's `Python/_warnings.c`): `warn`,
//! `warn_explicit` and the filter state (`filters`, `_defaultaction`,
//! `_onceregistry`, `_filters_mutated`) that `warnings.py` takes over, and
//! the core the C API's `PyErr_WarnEx` family calls (src/capi/warnings.rs).
//!
//! As in CPython, a warning is matched against `warnings.filters` (the
//! `warnings` module's attributes win over this module's own once it is
//! imported), recorded in the caller's `__warningregistry__`, raised for
//! the "error" action, and shown through `warnings._showwarnmsg`, or
//! written to `sys.stderr` while `warnings` is not imported. The filters
//! start as CPython's defaults for a release build. With `-W` options or
//! `PYTHONWARNINGS` (`sys.warnoptions`) the `warnings` module is imported
//! before the first warning, so that its filters apply, as CPython does at
//! startup.
use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::object::descr::{method, METHOD_END};
use crate::object::exceptions::{self as exc, display};
use crate::object::{bool as pybool, dict, int, list, module, none, protocol, str as pystr, tuple};
use crate::object::{typeobj, typeobj::type_name};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};
use std::sync::atomic::{AtomicI64, Ordering};

/// Bumped whenever the filters change: registries older than it are
/// cleared before use.
static FILTERS_VERSION: AtomicI64 = AtomicI64::new(1);

/// This module (imported on first use), or an error.
fn warnings_state() -> PyResult<Owned> {
    // SAFETY: the current thread state's interpreter is live; its module
    // reference is owned.
    let kept = unsafe { (*crate::runtime::tstate::get().interp).warnings };
    if !kept.is_null() && crate::runtime::lifecycle::is_finalizing() {
        // SAFETY: as above.
        return Ok(unsafe { Owned::from_borrowed(kept) });
    }
    crate::runtime::import::import_absolute("_warnings")
}

/// An attribute of the `warnings` module if it is imported (`None`
/// otherwise, or when it lacks the attribute). With `sys.warnoptions` set
/// the module is imported first, unless finalization has begun.
unsafe fn warnings_attr(name: &str) -> PyResult<Option<Owned>> {
    // SAFETY: sys.modules is a dict.
    unsafe {
        let modules = crate::modules::sys_modules();
        if modules.is_null() {
            return Ok(None);
        }
        let mut m = dict::get_item_known_hash_str(modules, crate::interned!("warnings"));
        if m.is_null() {
            let opts = crate::modules::sys::get("warnoptions");
            if opts.is_null()
                || !list::check(opts)
                || list::len(opts) == 0
                || crate::runtime::lifecycle::is_finalizing()
            {
                return Ok(None);
            }
            crate::runtime::import::import_absolute("warnings")?;
            m = dict::get_item_known_hash_str(modules, crate::interned!("warnings"));
            if m.is_null() {
                return Ok(None);
            }
        }
        let m = Owned::from_borrowed(m);
        protocol::getattr_opt(m.as_ptr(), pystr::intern(name))
    }
}

/// Imports the `warnings` module at startup when `sys.warnoptions` is not
/// empty (`-W`, `PYTHONWARNINGS`, `-b`, `-X dev`), so that its filters
/// are in place and bad options are reported at once, as CPython's
/// `init_interp_main` does. A failure is printed, not raised.
pub fn import_for_warnoptions() {
    let opts = crate::modules::sys::get("warnoptions");
    // SAFETY: opts is NULL or a live object, checked to be a list.
    if opts.is_null() || unsafe { !list::check(opts) || list::len(opts) == 0 } {
        return;
    }
    if crate::runtime::import::import_absolute("warnings").is_err() {
        crate::modules::io::stdio::write_stderr("'import warnings' failed; traceback:\n");
        crate::capi::exceptions::PyErr_Print();
    }
}

/// A piece of state: `warnings.<attr>` if there, which then replaces
/// `_warnings.<own>` (as CPython's `get_filters`, `get_once_registry` and
/// `get_default_action` keep the last one seen), else `_warnings.<own>`.
unsafe fn state_item(attr: &str, own: &str) -> PyResult<Owned> {
    // SAFETY: the module objects are live.
    unsafe {
        let st = warnings_state()?;
        if let Some(v) = warnings_attr(attr)? {
            protocol::setattr(st.as_ptr(), pystr::intern(own), v.as_ptr())?;
            return Ok(v);
        }
        protocol::getattr_str(st.as_ptr(), own)
    }
}

/// `check_matched`: None matches everything, a str must be equal, any
/// other object is a regex whose `match` decides.
unsafe fn matched(filter: *mut PyObject, text: *mut PyObject) -> PyResult<bool> {
    // SAFETY: both valid.
    unsafe {
        if filter == none::none() {
            return Ok(true);
        }
        if pystr::check_exact(filter) {
            return protocol::rich_compare_bool(filter, text, Py_EQ);
        }
        let r = protocol::call_method_obj(filter, "match", &[text])?;
        protocol::is_true(r.as_ptr())
    }
}

/// `get_filter`: the action for a warning, and the filter that chose it.
unsafe fn find_action(
    category: *mut PyObject,
    text: *mut PyObject,
    lineno: i64,
    module: *mut PyObject,
) -> PyResult<(Owned, Option<Owned>)> {
    // SAFETY: arguments valid.
    unsafe {
        let filters = state_item("filters", "filters")?;
        if !list::check(filters.as_ptr()) {
            return Err(errors::value_error("_warnings.filters must be a list"));
        }
        let mut i = 0;
        while i < list::len(filters.as_ptr()) {
            let item = Owned::from_borrowed(list::get(filters.as_ptr(), i));
            if !tuple::check(item.as_ptr()) || tuple::size(item.as_ptr()) != 5 {
                return Err(errors::value_error(format!(
                    "_warnings.filters item {i} isn't a 5-tuple"
                )));
            }
            let f = tuple::items(item.as_ptr());
            let (action, msg, cat, module_re, ln) = (f[0], f[1], f[2], f[3], f[4]);
            let good_msg = matched(msg, text)?;
            let good_mod = matched(module_re, module)?;
            let is_sub = crate::object::instancecheck::is_subclass(category, cat)?;
            let ln = crate::object::number::index_as_ssize(ln, "line number")? as i64;
            if good_msg && is_sub && good_mod && (ln == 0 || ln == lineno) {
                return Ok((Owned::from_borrowed(action), Some(item)));
            }
            i += 1;
        }
        let action = state_item("defaultaction", "_defaultaction")?;
        if !pystr::check(action.as_ptr()) {
            return Err(errors::type_error(format!(
                "_warnings.defaultaction must be a string, not '{}'",
                type_name(action.as_ptr())
            )));
        }
        Ok((action, None))
    }
}

/// `already_warned`: whether `key` is recorded in `registry` (cleared
/// first when the filters changed since it was filled); records it when
/// `set`.
unsafe fn already_warned(registry: *mut PyObject, key: *mut PyObject, set: bool) -> PyResult<bool> {
    // SAFETY: registry is a dict; key valid.
    unsafe {
        let version = FILTERS_VERSION.load(Ordering::Relaxed);
        let vkey = crate::interned!("version");
        let v = dict::get_item(registry, vkey)?;
        let current = !v.is_null() && int::check(v) && int::as_i64(v).ok() == Some(version);
        if !current {
            errors::clear();
            crate::object::dict::clear(registry);
            dict::set_item(registry, vkey, int::from_i64(version)?.as_ptr())?;
        } else {
            let seen = dict::get_item(registry, key)?;
            if !seen.is_null() && protocol::is_true(seen)? {
                return Ok(true);
            }
        }
        if set {
            dict::set_item(registry, key, pybool::py_true())?;
        }
        Ok(false)
    }
}

/// The module name a filename gives (`normalize_module`).
unsafe fn module_of(filename: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: filename is a str (read by code point: it may hold lone
    // surrogates, from undecodable bytes).
    unsafe {
        let n = pystr::len(filename) as usize;
        if n == 0 {
            return pystr::from_str("<unknown>");
        }
        let py =
            n >= 3 && (0..3).all(|i| pystr::read_char(filename, n - 3 + i) == b".py"[i] as u32);
        if py {
            pystr::substring(filename, 0, n - 3)
        } else {
            Ok(Owned::from_borrowed(filename))
        }
    }
}

/// `warn_explicit`: filters, registries and display of one warning.
/// `message` is a str or a `Warning` instance; `module`, `registry`,
/// `sourceline` and `source` may be NULL.
#[allow(clippy::too_many_arguments)]
pub unsafe fn warn_explicit(
    category: *mut PyObject,
    message: *mut PyObject,
    filename: *mut PyObject,
    lineno: i64,
    module: *mut PyObject,
    registry: *mut PyObject,
    sourceline: *mut PyObject,
    source: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: arguments valid or NULL where allowed.
    unsafe {
        let registry = if registry.is_null() || registry == none::none() {
            None
        } else if dict::check(registry) {
            Some(registry)
        } else {
            return Err(errors::type_error("'registry' must be a dict or None"));
        };
        let module = if module.is_null() {
            module_of(filename)?
        } else {
            Owned::from_borrowed(module)
        };
        let warning = exc::PyExc_Warning;
        let (text, category, message) = if typeobj::instance_of(message, warning.cast()) {
            let text = protocol::str_(message)?;
            let cat = Owned::from_borrowed((*message).ob_type.cast());
            (text, cat, Owned::from_borrowed(message))
        } else {
            let m = protocol::call_args(category, &[message])?;
            (
                Owned::from_borrowed(message),
                Owned::from_borrowed(category),
                m,
            )
        };
        let lineno_obj = int::from_i64(lineno)?;
        let key = tuple::from_slice(&[text.as_ptr(), category.as_ptr(), lineno_obj.as_ptr()])?;
        if let Some(reg) = registry {
            if already_warned(reg, key.as_ptr(), false)? {
                return Ok(());
            }
        }
        let (action, item) =
            find_action(category.as_ptr(), text.as_ptr(), lineno, module.as_ptr())?;
        let action_s = pystr::as_str(action.as_ptr()).unwrap_or("");
        if action_s == "error" {
            return Err(errors::set_object(category.as_ptr(), message.as_ptr()));
        }
        if action_s == "ignore" {
            return Ok(());
        }
        let mut seen = false;
        if action_s != "always" {
            if let Some(reg) = registry {
                dict::set_item(reg, key.as_ptr(), pybool::py_true())?;
            }
            match action_s {
                "once" => {
                    let reg = match registry {
                        Some(r) => Owned::from_borrowed(r),
                        None => {
                            let r = state_item("onceregistry", "_onceregistry")?;
                            if !dict::check(r.as_ptr()) {
                                return Err(errors::type_error(format!(
                                    "_warnings.onceregistry must be a dict, not '{}'",
                                    type_name(r.as_ptr())
                                )));
                            }
                            r
                        }
                    };
                    let k = tuple::from_slice(&[text.as_ptr(), category.as_ptr()])?;
                    seen = already_warned(reg.as_ptr(), k.as_ptr(), true)?;
                }
                "module" => {
                    if let Some(reg) = registry {
                        let zero = int::from_i64(0)?;
                        let k =
                            tuple::from_slice(&[text.as_ptr(), category.as_ptr(), zero.as_ptr()])?;
                        seen = already_warned(reg, k.as_ptr(), true)?;
                    }
                }
                "default" => {}
                _ => {
                    let item = item.as_ref().map_or(none::none(), |i| i.as_ptr());
                    return Err(errors::runtime_error(format!(
                        "Unrecognized action ({}) in warnings.filters:\n {}",
                        protocol::repr_string(action.as_ptr())?,
                        protocol::repr_string(item)?
                    )));
                }
            }
        }
        if seen {
            return Ok(());
        }
        show(
            category.as_ptr(),
            text.as_ptr(),
            message.as_ptr(),
            filename,
            lineno_obj.as_ptr(),
            sourceline,
            source,
        )
    }
}

/// `call_show_warning`: through `warnings._showwarnmsg` and
/// `warnings.WarningMessage`, or straight to `sys.stderr` while the
/// `warnings` module is not imported.
unsafe fn show(
    category: *mut PyObject,
    text: *mut PyObject,
    message: *mut PyObject,
    filename: *mut PyObject,
    lineno: *mut PyObject,
    sourceline: *mut PyObject,
    source: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: arguments valid (sourceline/source may be NULL).
    unsafe {
        // With a source, `warnings` is imported to format it, except once
        // finalization has begun (as CPython's get_warnings_attr): then
        // only a `warnings` still in sys.modules is used. When the import
        // fails with ImportError the plain display serves.
        let has_source = !source.is_null() && source != none::none();
        if has_source && !crate::runtime::lifecycle::is_finalizing() {
            if let Err(e) = crate::runtime::import::import_absolute("warnings") {
                if !errors::matches(exc::PyExc_ImportError) {
                    return Err(e);
                }
                errors::clear();
            }
        }
        let show_fn = warnings_attr("_showwarnmsg")?;
        let Some(show_fn) = show_fn else {
            return show_plain(category, text, filename, lineno, sourceline);
        };
        if (*(*show_fn.as_ptr()).ob_type).tp_call.is_none() {
            return Err(errors::type_error(
                "warnings._showwarnmsg() must be set to a callable",
            ));
        }
        let Some(cls) = warnings_attr("WarningMessage")? else {
            return Err(errors::runtime_error(
                "unable to get warnings.WarningMessage",
            ));
        };
        let source = if source.is_null() {
            none::none()
        } else {
            source
        };
        let msg = protocol::call_args(
            cls.as_ptr(),
            &[
                message,
                category,
                filename,
                lineno,
                none::none(),
                none::none(),
                source,
            ],
        )?;
        protocol::call_args(show_fn.as_ptr(), &[msg.as_ptr()])?;
        Ok(())
    }
}

/// `show_warning`: `file:line: Category: text` and the source line on
/// `sys.stderr`.
unsafe fn show_plain(
    category: *mut PyObject,
    text: *mut PyObject,
    filename: *mut PyObject,
    lineno: *mut PyObject,
    sourceline: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: arguments valid (sourceline may be NULL).
    unsafe {
        let name = protocol::getattr_str(category, "__name__")?;
        let file = protocol::str_(filename)?;
        let ln = int::as_i64(lineno)?;
        let mut out = format!(
            "{}:{ln}: {}: {}\n",
            pystr::as_str(file.as_ptr())?,
            protocol::str_(name.as_ptr())
                .and_then(|s| Ok(pystr::as_str(s.as_ptr())?.to_string()))?,
            pystr::as_str(protocol::str_(text)?.as_ptr())?
        );
        let line = if !sourceline.is_null() && pystr::check(sourceline) {
            Some(pystr::as_str(sourceline)?.to_string())
        } else {
            display::source_line(pystr::as_str(file.as_ptr())?, ln)
        };
        if let Some(line) = line {
            let line = line.trim_start();
            let line = if sourceline.is_null() {
                line.trim_end()
            } else {
                line
            };
            if !line.is_empty() || !sourceline.is_null() {
                out.push_str("  ");
                out.push_str(line);
                out.push('\n');
            }
        }
        crate::modules::io::stdio::write_stderr(&out);
        Ok(())
    }
}

/// An attribute of a frame, None and errors counting as absent.
unsafe fn frame_attr(f: *mut PyObject, name: &str) -> PyResult<Option<Owned>> {
    // SAFETY: f valid.
    unsafe {
        Ok(protocol::getattr_opt(f, pystr::intern(name))?.filter(|v| v.as_ptr() != none::none()))
    }
}

/// The filename of a frame's code.
unsafe fn frame_filename(f: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: f is a frame.
    unsafe {
        // The code is read from the frame, not through `f_code`, which
        // would raise an audit event CPython's warnings do not.
        if crate::vm::frame::check(f) {
            return protocol::getattr_str(crate::vm::frame::fr(f).code, "co_filename");
        }
        let code = protocol::getattr_str(f, "f_code")?;
        protocol::getattr_str(code.as_ptr(), "co_filename")
    }
}

/// Frames of the import machinery are skipped (`is_internal_frame`).
unsafe fn is_internal(f: *mut PyObject) -> PyResult<bool> {
    // SAFETY: f is a frame.
    unsafe {
        let name = frame_filename(f)?;
        if !pystr::check(name.as_ptr()) {
            return Ok(false);
        }
        let n = pystr::as_str(name.as_ptr())?;
        Ok(n.contains("importlib") && n.contains("_bootstrap"))
    }
}

/// Whether a frame's file starts with one of the `skip` prefixes.
unsafe fn skipped(f: *mut PyObject, skip: *mut PyObject) -> PyResult<bool> {
    // SAFETY: f a frame, skip NULL or a tuple.
    unsafe {
        if skip.is_null() || tuple::size(skip) == 0 {
            return Ok(false);
        }
        let name = frame_filename(f)?;
        for &p in tuple::items(skip) {
            if !pystr::check(p) {
                return Err(errors::type_error(format!(
                    "Found non-str '{}' in skip_file_prefixes.",
                    type_name(p)
                )));
            }
            let r = protocol::call_method_obj(name.as_ptr(), "startswith", &[p])?;
            if protocol::is_true(r.as_ptr())? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// `setup_context`: the filename, line number, module name and registry
/// of the Python frame `stack_level` levels up (1 = the caller of `warn`),
/// skipping import machinery and `skip` prefixes; `sys` itself (`<sys>`,
/// line 0) when the stack is not that deep.
unsafe fn setup_context(
    mut stack_level: isize,
    skip: *mut PyObject,
) -> PyResult<(Owned, i64, Owned, Owned)> {
    // SAFETY: the thread state's frame is NULL or a live frame.
    unsafe {
        let mut f = {
            let fr = crate::runtime::tstate::get().frame;
            (!fr.is_null()).then(|| Owned::from_borrowed(fr))
        };
        let plain = match &f {
            Some(fr) => stack_level <= 0 || is_internal(fr.as_ptr())?,
            None => true,
        };
        loop {
            stack_level -= 1;
            if stack_level <= 0 {
                break;
            }
            let Some(fr) = f else { break };
            f = frame_attr(fr.as_ptr(), "f_back")?;
            if !plain {
                while let Some(fr) = &f {
                    if is_internal(fr.as_ptr())? || skipped(fr.as_ptr(), skip)? {
                        f = frame_attr(fr.as_ptr(), "f_back")?;
                    } else {
                        break;
                    }
                }
            }
        }
        let (globals, filename, lineno) = match &f {
            None => {
                let g = crate::modules::sys::namespace();
                if g.is_null() {
                    return Err(errors::runtime_error("sys is not available"));
                }
                (Owned::from_borrowed(g), pystr::from_str("<sys>")?, 0)
            }
            Some(fr) => {
                let g = protocol::getattr_str(fr.as_ptr(), "f_globals")?;
                let file = frame_filename(fr.as_ptr())?;
                let ln = frame_attr(fr.as_ptr(), "f_lineno")?
                    .map(|l| int::as_i64(l.as_ptr()))
                    .transpose()?
                    .unwrap_or(0);
                (g, file, ln)
            }
        };
        let g = globals.as_ptr();
        if !dict::check(g) {
            return Err(errors::type_error("the frame's globals are not a dict"));
        }
        let rkey = crate::interned!("__warningregistry__");
        let mut reg = dict::get_item(g, rkey)?;
        if reg.is_null() {
            let d = dict::new()?;
            dict::set_item(g, rkey, d.as_ptr())?;
            reg = d.as_ptr();
        }
        let registry = Owned::from_borrowed(reg);
        let name = dict::get_item(g, crate::interned!("__name__"))?;
        let module = if !name.is_null() && (name == none::none() || pystr::check(name)) {
            Owned::from_borrowed(name)
        } else {
            pystr::from_str("<string>")?
        };
        Ok((filename, lineno, module, registry))
    }
}

/// `get_category`: the class of a Warning message, else `category`
/// (default `UserWarning`), which must be a Warning subclass.
unsafe fn category_for(message: *mut PyObject, category: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: message valid; category NULL or valid.
    unsafe {
        let warning = exc::PyExc_Warning;
        let cat = if typeobj::instance_of(message, warning.cast()) {
            (*message).ob_type.cast()
        } else if category.is_null() || category == none::none() {
            exc::PyExc_UserWarning
        } else {
            category
        };
        let is_type = typeobj::instance_of(cat, &raw mut typeobj::PyType_Type);
        if !is_type || !typeobj::is_subtype(cat.cast(), warning.cast()) {
            return Err(errors::type_error(format!(
                "category must be a Warning subclass, not '{}'",
                type_name(cat)
            )));
        }
        Ok(Owned::from_borrowed(cat))
    }
}

/// A `DeprecationWarning` with message `msg`, located `stack_level`
/// frames up (`PyErr_WarnEx(PyExc_DeprecationWarning, msg, stack_level)`).
pub fn deprecation(msg: &str, stack_level: isize) -> PyResult<()> {
    let m = crate::object::str::from_str(msg)?;
    // SAFETY: the category is a warning class; m a str.
    unsafe {
        warn(
            crate::object::exceptions::PyExc_DeprecationWarning,
            m.as_ptr(),
            stack_level,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        )
    }
}

/// `do_warn`: a warning located `stack_level` frames up.
pub unsafe fn warn(
    category: *mut PyObject,
    message: *mut PyObject,
    stack_level: isize,
    source: *mut PyObject,
    skip: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: arguments valid or NULL where allowed.
    unsafe {
        let (filename, lineno, module, registry) = setup_context(stack_level, skip)?;
        warn_explicit(
            category,
            message,
            filename.as_ptr(),
            lineno,
            module.as_ptr(),
            registry.as_ptr(),
            std::ptr::null_mut(),
            source,
        )
    }
}

builtin!(w_warn, |args, kws| {
    const NAMES: [&str; 5] = [
        "message",
        "category",
        "stacklevel",
        "source",
        "skip_file_prefixes",
    ];
    if let Some((k, _)) = kws.iter().find(|(k, _)| !NAMES.contains(k)) {
        return Err(errors::type_error(format!(
            "warn() got an unexpected keyword argument '{k}'"
        )));
    }
    let [message, category, stacklevel, source, skip] = bind("warn", args, &kws, NAMES, 4, 1)?;
    let message = message.unwrap_or(none::none());
    let category = category_for(message, category.unwrap_or(none::none()))?;
    let mut level = match stacklevel {
        Some(l) => {
            let i = crate::object::number::index(l)?;
            int::as_i64(i.as_ptr())? as isize
        }
        None => 1,
    };
    let skip = skip.unwrap_or(std::ptr::null_mut());
    if !skip.is_null() {
        if !tuple::check(skip) {
            return Err(errors::type_error(format!(
                "warn() argument 'skip_file_prefixes' must be tuple, not {}",
                type_name(skip)
            )));
        }
        if tuple::size(skip) > 0 && level < 2 {
            level = 2;
        }
    }
    warn(
        category.as_ptr(),
        message,
        level,
        source.unwrap_or(std::ptr::null_mut()),
        skip,
    )?;
    Ok(Owned::from_borrowed_static(none::none()))
});

/// The source line `lineno` of the module whose globals are `g`, through
/// the `get_source` of its loader (`get_source_line`). The loader is what
/// `importlib._bootstrap_external._bless_my_loader` makes of `__loader__`
/// and `__spec__.loader` (`_PyImport_BlessMyLoader`): it warns when they
/// disagree or only `__loader__` is set, and raises when neither is.
unsafe fn loader_line(g: *mut PyObject, lineno: i64) -> PyResult<Option<Owned>> {
    // SAFETY: g is a dict.
    unsafe {
        let external = crate::runtime::import::import_absolute("importlib._bootstrap_external")?;
        let loader = protocol::call_method_obj(external.as_ptr(), "_bless_my_loader", &[g])?;
        let name = dict::get_item_known_hash_str(g, crate::interned!("__name__"));
        if name.is_null() {
            return Ok(None);
        }
        let name = Owned::from_borrowed(name);
        let Some(get) = protocol::getattr_opt(loader.as_ptr(), crate::interned!("get_source"))?
        else {
            return Ok(None);
        };
        let src = protocol::call_args(get.as_ptr(), &[name.as_ptr()])?;
        if src.as_ptr() == none::none() {
            return Ok(None);
        }
        let lines = protocol::call_method_obj(src.as_ptr(), "splitlines", &[])?;
        if lineno < 1 || !list::check(lines.as_ptr()) || lineno > list::len(lines.as_ptr()) as i64 {
            return Ok(None);
        }
        Ok(Some(Owned::from_borrowed(list::get(
            lines.as_ptr(),
            (lineno - 1) as Py_ssize_t,
        ))))
    }
}

builtin!(w_warn_explicit, |args, kws| {
    let [message, category, filename, lineno, module, registry, globals, source] = bind(
        "warn_explicit",
        args,
        &kws,
        [
            "message",
            "category",
            "filename",
            "lineno",
            "module",
            "registry",
            "module_globals",
            "source",
        ],
        8,
        4,
    )?;
    let filename = filename.unwrap_or(none::none());
    if !pystr::check(filename) {
        return Err(errors::type_error(format!(
            "warn_explicit() argument 'filename' must be str, not {}",
            type_name(filename)
        )));
    }
    let lineno = crate::object::number::index(lineno.unwrap_or(none::none()))?;
    let lineno = int::as_i64(lineno.as_ptr())?;
    let module = module
        .filter(|&m| m != none::none())
        .unwrap_or(std::ptr::null_mut());
    let mut sourceline = None;
    if let Some(g) = globals.filter(|&g| g != none::none()) {
        if !dict::check(g) {
            return Err(errors::type_error(format!(
                "module_globals must be a dict, not '{}'",
                type_name(g)
            )));
        }
        sourceline = loader_line(g, lineno)?;
    }
    warn_explicit(
        category.unwrap_or(none::none()),
        message.unwrap_or(none::none()),
        filename,
        lineno,
        module,
        registry.unwrap_or(std::ptr::null_mut()),
        sourceline
            .as_ref()
            .map_or(std::ptr::null_mut(), |s| s.as_ptr()),
        source.unwrap_or(std::ptr::null_mut()),
    )?;
    Ok(Owned::from_borrowed_static(none::none()))
});

builtin!(w_filters_mutated, |args, kws| {
    bind::<0>("_filters_mutated", args, &kws, [], 0, 0)?;
    FILTERS_VERSION.fetch_add(1, Ordering::Relaxed);
    Ok(Owned::from_borrowed_static(none::none()))
});

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static mut METHODS: [PyMethodDef; 5] = [
    method(c"warn", w_warn as *const c_void, FK),
    method(c"warn_explicit", w_warn_explicit as *const c_void, FK),
    method(c"_filters_mutated", w_filters_mutated as *const c_void, FK),
    method(
        c"_filters_mutated_lock_held",
        w_filters_mutated as *const c_void,
        FK,
    ),
    METHOD_END,
];

/// CPython's default filters in a release build: (action, category,
/// module).
unsafe fn default_filters() -> PyResult<Owned> {
    // SAFETY: the exception classes are set at load time.
    unsafe {
        let rows: [(&str, *mut PyObject, Option<&str>); 5] = [
            ("default", exc::PyExc_DeprecationWarning, Some("__main__")),
            ("ignore", exc::PyExc_DeprecationWarning, None),
            ("ignore", exc::PyExc_PendingDeprecationWarning, None),
            ("ignore", exc::PyExc_ImportWarning, None),
            ("ignore", exc::PyExc_ResourceWarning, None),
        ];
        let l = list::new(0)?;
        for (action, cat, module) in rows {
            let module = match module {
                Some(m) => pystr::from_str(m)?,
                None => Owned::from_borrowed_static(none::none()),
            };
            let t = tuple::from_vec(vec![
                pystr::from_str(action)?,
                Owned::from_borrowed_static(none::none()),
                Owned::from_borrowed(cat),
                module,
                int::from_i64(0)?,
            ])?;
            list::append(l.as_ptr(), t.as_ptr())?;
        }
        Ok(l)
    }
}

/// `PyInit__warnings`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the method table is static; the module is new.
        unsafe {
            let m = crate::modules::new_module("_warnings", (&raw mut METHODS).cast())?;
            let d = module::dict_of(m.as_ptr());
            dict::set_item(
                d,
                crate::interned!("__doc__"),
                pystr::from_str("_warnings provides basic warning filtering support.\nIt is a helper module to speed up interpreter warnings.")?
                    .as_ptr(),
            )?;
            dict::set_item(d, crate::interned!("filters"), default_filters()?.as_ptr())?;
            dict::set_item(
                d,
                crate::interned!("_defaultaction"),
                pystr::from_str("default")?.as_ptr(),
            )?;
            dict::set_item(d, crate::interned!("_onceregistry"), dict::new()?.as_ptr())?;
            let interp = &mut *crate::runtime::tstate::get().interp;
            let old = std::mem::replace(&mut interp.warnings, m.clone().into_raw());
            crate::object::refcount::xdecref(old);
            PyResult::Ok(m)
        }
    })
}
