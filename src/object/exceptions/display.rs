//! Exceptions as text, the way CPython 3.13's default `sys.excepthook` and
//! `sys.unraisablehook` print them: the chain of causes and contexts with
//! their separators, the traceback header when a traceback exists,
//! `SyntaxError`'s source line and caret, and `__notes__`.
use super::*;

/// The chain separators, as `traceback.py` words them.
const CAUSE_SEPARATOR: &str =
    "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_SEPARATOR: &str =
    "\nDuring handling of the above exception, another exception occurred:\n\n";

/// `str(o)` as Rust text, or `None` when `str()` raised (cleared).
unsafe fn str_text(o: *mut PyObject) -> Option<String> {
    // SAFETY: o valid.
    unsafe {
        match protocol::str_(o) {
            Ok(s) => match pystr::as_str(s.as_ptr()) {
                Ok(t) => Some(t.to_string()),
                Err(_) => {
                    errors::clear();
                    None
                }
            },
            Err(_) => {
                errors::clear();
                None
            }
        }
    }
}

/// The exception's type as it is printed: `Name`, or `module.Name` for
/// types outside `builtins` and `__main__`.
pub unsafe fn type_display_name(tp: *mut PyTypeObject) -> String {
    // SAFETY: tp is a type.
    unsafe {
        let qual = typeobj::qualname(tp).unwrap_or_else(|_| {
            errors::clear();
            typeobj::short_name(tp).into()
        });
        let module = typeobj::module_name(tp).unwrap_or_else(|_| {
            errors::clear();
            None
        });
        match module.as_deref() {
            None | Some("builtins") | Some("__main__") => qual,
            Some(m) => format!("{m}.{qual}"),
        }
    }
}

/// The last line of a traceback: `Name: message`, or `Name` when the
/// message is empty.
pub unsafe fn format_exception_only(e: *mut PyObject) -> String {
    // SAFETY: e is an exception instance.
    unsafe {
        let name = type_display_name((*e).ob_type);
        let msg = str_text(e).unwrap_or_else(|| "<exception str() failed>".to_string());
        if msg.is_empty() {
            name
        } else {
            format!("{name}: {msg}")
        }
    }
}

/// An attribute of `e`, None and errors counting as absent.
/// The code of a traceback entry's frame: read from the objects for ours
/// (CPython's printer does not raise the `object.__getattr__` audit events
/// that `tb_frame` and `f_code` raise), else through those attributes.
unsafe fn tb_code(t: *mut PyObject) -> Option<Owned> {
    // SAFETY: t valid; a traceback of ours holds a frame of ours.
    unsafe {
        if crate::vm::traceback::check(t) {
            let f = (*t.cast::<crate::vm::traceback::PyTracebackObject>()).tb_frame;
            if !f.is_null() && crate::vm::frame::check(f) {
                return Some(Owned::from_borrowed(crate::vm::frame::fr(f).code));
            }
        }
        opt_attr(t, "tb_frame").and_then(|f| opt_attr(f.as_ptr(), "f_code"))
    }
}

unsafe fn opt_attr(e: *mut PyObject, name: &str) -> Option<Owned> {
    // SAFETY: e valid.
    unsafe {
        match protocol::getattr_opt(e, pystr::intern(name)) {
            Ok(Some(v)) if v.as_ptr() != none::none() => Some(v),
            Ok(_) => None,
            Err(_) => {
                errors::clear();
                None
            }
        }
    }
}

/// An int attribute as i64.
unsafe fn int_attr(e: *mut PyObject, name: &str) -> Option<i64> {
    // SAFETY: e valid.
    unsafe {
        let v = opt_attr(e, name)?;
        if !int::check(v.as_ptr()) {
            return None;
        }
        int::as_i64(v.as_ptr()).ok()
    }
}

/// A `SyntaxError`'s block: `  File "f", line N`, the source line and its
/// carets, then `Name: msg`, as `traceback.TracebackException` does.
unsafe fn format_syntax_error(e: *mut PyObject, out: &mut String) {
    // SAFETY: e is a SyntaxError instance.
    unsafe {
        let filename = opt_attr(e, "filename").and_then(|f| str_text(f.as_ptr()));
        let lineno = opt_attr(e, "lineno").and_then(|l| str_text(l.as_ptr()));
        let mut suffix = String::new();
        if let Some(l) = &lineno {
            let f = filename.as_deref().unwrap_or("<string>");
            out.push_str(&format!("  File \"{f}\", line {l}\n"));
        } else if let Some(f) = &filename {
            suffix = format!(" ({f})");
        }
        let text = opt_attr(e, "text")
            .filter(|t| pystr::check(t.as_ptr()))
            .and_then(|t| str_text(t.as_ptr()));
        if let Some(text) = text {
            let rtext = text.trim_end_matches('\n');
            let ltext = rtext.trim_start_matches([' ', '\n', '\x0c']);
            let spaces = (rtext.chars().count() - ltext.chars().count()) as i64;
            out.push_str(&format!("    {ltext}\n"));
            if let Some(mut offset) = int_attr(e, "offset") {
                let len = text.chars().count() as i64;
                let rlen = rtext.chars().count() as i64;
                let mut end_offset = if int_attr(e, "lineno") == int_attr(e, "end_lineno") {
                    match int_attr(e, "end_offset") {
                        None | Some(0) => offset,
                        Some(v) => v,
                    }
                } else {
                    rlen + 1
                };
                if offset > len {
                    offset = rlen + 1;
                }
                if end_offset > len {
                    end_offset = rlen + 1;
                }
                if offset >= end_offset || end_offset < 0 {
                    end_offset = offset + 1;
                }
                let colno = offset - 1 - spaces;
                let end_colno = end_offset - 1 - spaces;
                if colno >= 0 {
                    let pad: String = ltext
                        .chars()
                        .take(colno as usize)
                        .map(|c| if c.is_whitespace() { c } else { ' ' })
                        .collect();
                    let carets = "^".repeat((end_colno - colno).max(0) as usize);
                    out.push_str(&format!("    {pad}{carets}\n"));
                }
            }
        }
        let msg = opt_attr(e, "msg")
            .and_then(|m| str_text(m.as_ptr()))
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "<no detail available>".to_string());
        out.push_str(&format!(
            "{}: {msg}{suffix}\n",
            type_display_name((*e).ob_type)
        ));
    }
}

/// A code object's file name as a traceback shows it, and the path it
/// names: a name holding undecodable bytes as surrogate escapes (a script
/// path that is not UTF-8) shows them as `\udcXX`, as the "backslashreplace"
/// of `sys.stderr` writes them, and names the file with those bytes.
unsafe fn file_text(o: *mut PyObject) -> Option<(String, std::path::PathBuf)> {
    use std::os::unix::ffi::OsStrExt;
    // SAFETY: o valid.
    unsafe {
        if !pystr::check(o) {
            return str_text(o).map(|t| (t.clone(), t.into()));
        }
        if let Ok(t) = pystr::as_str(o) {
            return Some((t.to_string(), t.into()));
        }
        errors::clear();
        let Ok(raw) = crate::runtime::fs_codec::encode(o) else {
            errors::clear();
            return None;
        };
        let bytes = crate::object::bytes::as_slice(raw.as_ptr());
        let mut shown = String::new();
        for chunk in bytes.utf8_chunks() {
            shown.push_str(chunk.valid());
            for b in chunk.invalid() {
                shown.push_str(&format!("\\udc{b:02x}"));
            }
        }
        Some((shown, std::ffi::OsStr::from_bytes(bytes).into()))
    }
}

/// Consecutive identical frames shown before "[Previous line repeated N
/// more times]" (`traceback._RECURSIVE_CUTOFF`).
const RECURSIVE_CUTOFF: usize = 3;

/// The frames of a traceback chain as `traceback.format_tb` prints them:
/// `  File "f", line N, in name` and the stripped source line, with runs
/// of the same frame collapsed. Read through the attributes `tb_frame`,
/// `tb_lineno`, `tb_next`, `f_code`, `co_filename` and `co_name`, so any
/// traceback type that has them is shown. (The column carets of 3.13
/// need the code positions and are not drawn.)
pub unsafe fn format_tb(tb: *mut PyObject) -> String {
    let mut frames: Vec<(String, i64, String, std::path::PathBuf)> = Vec::new();
    // SAFETY: tb is a traceback-like object; attributes are looked up
    // generically and failures end the walk.
    unsafe {
        let mut cur = Some(Owned::from_borrowed(tb));
        while let Some(t) = cur {
            let code = tb_code(t.as_ptr());
            let text = |name: &str| {
                code.as_ref()
                    .and_then(|c| opt_attr(c.as_ptr(), name))
                    .and_then(|v| str_text(v.as_ptr()))
                    .unwrap_or_else(|| "?".to_string())
            };
            let (file, path) = code
                .as_ref()
                .and_then(|c| opt_attr(c.as_ptr(), "co_filename"))
                .and_then(|f| file_text(f.as_ptr()))
                .unwrap_or_else(|| ("?".to_string(), "?".into()));
            frames.push((
                file,
                int_attr(t.as_ptr(), "tb_lineno").unwrap_or(-1),
                text("co_name"),
                path,
            ));
            cur = opt_attr(t.as_ptr(), "tb_next");
        }
    }
    let mut out = String::new();
    let repeated = |out: &mut String, count: usize| {
        let n = count - RECURSIVE_CUTOFF;
        let s = if n > 1 { "s" } else { "" };
        out.push_str(&format!("  [Previous line repeated {n} more time{s}]\n"));
    };
    let mut last: Option<&(String, i64, String, std::path::PathBuf)> = None;
    let mut count = 0;
    for f in &frames {
        if last != Some(f) {
            if count > RECURSIVE_CUTOFF {
                repeated(&mut out, count);
            }
            last = Some(f);
            count = 0;
        }
        count += 1;
        if count > RECURSIVE_CUTOFF {
            continue;
        }
        let (file, line, name, path) = f;
        // The prompt's statements are compiled as `<stdin>-N`.
        let shown = if file.starts_with("<stdin>-") {
            "<stdin>"
        } else {
            file
        };
        out.push_str(&format!("  File \"{shown}\", line {line}, in {name}\n"));
        // SAFETY: the GIL is held while printing.
        if let Some(src) = source_line(path, *line).or_else(|| unsafe { cached_line(file, *line) })
        {
            let src = src.trim();
            if !src.is_empty() {
                out.push_str(&format!("    {src}\n"));
            }
        }
    }
    if count > RECURSIVE_CUTOFF {
        repeated(&mut out, count);
    }
    out
}

/// `format_exception_only` of `traceback.py`: the last line (or the
/// `SyntaxError` block) followed by the `__notes__`.
unsafe fn exception_only_block(e: *mut PyObject) -> String {
    let mut out = String::new();
    // SAFETY: e is an exception instance.
    unsafe {
        if typeobj::instance_of(e, &raw mut _PyExc_SyntaxError) {
            format_syntax_error(e, &mut out);
        } else {
            out.push_str(&format_exception_only(e));
            out.push('\n');
        }
        let Some(notes) = opt_attr(e, "__notes__") else {
            return out;
        };
        let n = notes.as_ptr();
        if pystr::check(n) || !crate::object::list::check(n) && !tuple::check(n) {
            let r = protocol::repr_string(n).unwrap_or_else(|_| {
                errors::clear();
                "<__notes__ repr() failed>".into()
            });
            out.push_str(&r);
            out.push('\n');
            return out;
        }
        let items: Vec<*mut PyObject> = if tuple::check(n) {
            tuple::items(n).to_vec()
        } else {
            crate::object::list::items(n).to_vec()
        };
        for note in items {
            let t = if pystr::check(note) {
                str_text(note)
            } else {
                protocol::repr_string(note).ok()
            };
            out.push_str(&t.unwrap_or_else(|| {
                errors::clear();
                "<note str() failed>".into()
            }));
            out.push('\n');
        }
    }
    out
}

/// Sub-exceptions shown per group, and group nesting shown, as
/// `traceback.TracebackException`'s defaults.
const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

/// `traceback._ExceptionPrintContext`: the output, the group nesting
/// (which indents and adds a `|` margin), and the exceptions shown.
struct PrintContext {
    out: String,
    depth: usize,
    need_close: bool,
    seen: Vec<*mut PyObject>,
}

impl PrintContext {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// Writes `text` with every line (empty ones too) prefixed by the
    /// indentation and, inside a group, the margin.
    fn emit(&mut self, text: &str, margin: char) {
        let mut prefix = self.indent();
        if self.depth > 0 {
            prefix.push(margin);
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            self.out.push_str(&prefix);
            self.out.push_str(line);
        }
    }
}

/// The full report of `e` as `PyErr_Display` prints it: causes and
/// contexts first (each once), exception groups drawn as trees.
pub unsafe fn format_exception(e: *mut PyObject) -> String {
    let mut ctx = PrintContext {
        out: String::new(),
        depth: 0,
        need_close: false,
        seen: Vec::new(),
    };
    // SAFETY: e is an exception instance.
    unsafe { format_chain(e, &mut ctx) };
    ctx.out
}

/// `TracebackException.format` for `e` and its chain.
unsafe fn format_chain(e: *mut PyObject, ctx: &mut PrintContext) {
    // SAFETY: e is an exception instance; its cause/context are too.
    unsafe {
        let mut chain: Vec<(Option<&str>, *mut PyObject)> = Vec::new();
        let mut msg = None;
        let mut cur = e;
        loop {
            ctx.seen.push(cur);
            chain.push((msg, cur));
            let b = base(cur);
            let (cause, context) = ((*b).cause, (*b).context);
            let next = if !cause.is_null() && is_instance(cause) {
                msg = Some(CAUSE_SEPARATOR);
                cause
            } else if (*b).suppress_context == 0 && !context.is_null() && is_instance(context) {
                msg = Some(CONTEXT_SEPARATOR);
                context
            } else {
                break;
            };
            if ctx.seen.contains(&next) {
                break;
            }
            cur = next;
        }
        // Each link's message goes between it and the exception it explains.
        let n = chain.len();
        for i in (0..n).rev() {
            let (_, exc) = chain[i];
            if i + 1 < n {
                if let Some(m) = chain[i + 1].0 {
                    ctx.emit(m, '|');
                }
            }
            format_single(exc, ctx);
        }
    }
}

/// One exception of a chain: its block, or a group's tree.
unsafe fn format_single(e: *mut PyObject, ctx: &mut PrintContext) {
    // SAFETY: e is an exception instance.
    unsafe {
        let has_tb = !(*base(e)).traceback.is_null();
        if !typeobj::instance_of(e, &raw mut _PyExc_BaseExceptionGroup) {
            if has_tb {
                ctx.emit("Traceback (most recent call last):\n", '|');
                ctx.emit(&format_tb((*base(e)).traceback), '|');
            }
            ctx.emit(&exception_only_block(e), '|');
            return;
        }
        if ctx.depth > MAX_GROUP_DEPTH {
            ctx.emit(
                &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"),
                '|',
            );
            return;
        }
        let toplevel = ctx.depth == 0;
        if toplevel {
            ctx.depth += 1;
        }
        if has_tb {
            let margin = if toplevel { '+' } else { '|' };
            ctx.emit(
                "Exception Group Traceback (most recent call last):\n",
                margin,
            );
            ctx.emit(&format_tb((*base(e)).traceback), '|');
        }
        ctx.emit(&exception_only_block(e), '|');
        let items = super::group::sub_exceptions(e).to_vec();
        let n = items.len().min(MAX_GROUP_WIDTH + 1);
        ctx.need_close = false;
        for i in 0..n {
            let last = i + 1 == n;
            if last {
                // The closing line may be written by a nested group instead.
                ctx.need_close = true;
            }
            let truncated = i >= MAX_GROUP_WIDTH;
            let title = if truncated {
                "...".to_string()
            } else {
                (i + 1).to_string()
            };
            let lead = if i == 0 { "+-" } else { "  " };
            ctx.out.push_str(&format!(
                "{}{lead}+---------------- {title} ----------------\n",
                ctx.indent()
            ));
            ctx.depth += 1;
            if truncated {
                let remaining = items.len() - MAX_GROUP_WIDTH;
                let plural = if remaining > 1 { "s" } else { "" };
                ctx.emit(&format!("and {remaining} more exception{plural}\n"), '|');
            } else {
                format_chain(items[i], ctx);
            }
            if last && ctx.need_close {
                ctx.out.push_str(&format!(
                    "{}+------------------------------------\n",
                    ctx.indent()
                ));
                ctx.need_close = false;
            }
            ctx.depth -= 1;
        }
        if toplevel {
            ctx.depth = 0;
        }
    }
}

/// The report of an unraisable exception, as the default
/// `sys.unraisablehook` writes it: a header naming `obj` or the message,
/// the traceback header, then `Name: str(exc)`.
pub unsafe fn format_unraisable(msg: Option<&str>, obj: *mut PyObject, e: *mut PyObject) -> String {
    let mut out = String::new();
    // SAFETY: obj NULL or valid; e an exception instance.
    unsafe {
        if !obj.is_null() && obj != none::none() {
            match msg {
                Some(m) => {
                    out.push_str(m);
                    out.push_str(": ");
                }
                None => out.push_str("Exception ignored in: "),
            }
            let r = protocol::repr_string(obj).unwrap_or_else(|_| {
                errors::clear();
                "<object repr() failed>".into()
            });
            out.push_str(&r);
            out.push('\n');
        } else if let Some(m) = msg {
            out.push_str(m);
            out.push_str(":\n");
        }
        if !(*base(e)).traceback.is_null() {
            out.push_str("Traceback (most recent call last):\n");
            out.push_str(&format_tb((*base(e)).traceback));
        }
        out.push_str(&type_display_name((*e).ob_type));
        out.push_str(": ");
        out.push_str(&str_text(e).unwrap_or_else(|| "<exception str() failed>".into()));
        out.push('\n');
    }
    out
}

/// Line `lineno` of `filename` from `linecache.cache`, where the prompt
/// registers the statements it runs (`<stdin>`), when `linecache` is
/// loaded; lookups that fail count as no line.
unsafe fn cached_line(filename: &str, lineno: i64) -> Option<String> {
    if !filename.starts_with('<') || lineno < 1 {
        return None;
    }
    // SAFETY: sys.modules is a dict; the values looked at are checked.
    unsafe {
        let lc = dict::get_item_known_hash_str(
            crate::modules::sys_modules(),
            crate::interned!("linecache"),
        );
        if lc.is_null() {
            return None;
        }
        let cache = opt_attr(lc, "cache")?;
        if !dict::check(cache.as_ptr()) {
            return None;
        }
        let entry = dict::get_str(cache.as_ptr(), filename);
        if entry.is_null() || !tuple::check(entry) {
            return None;
        }
        let lines = *tuple::items(entry).get(2)?;
        if !crate::object::list::check(lines) {
            return None;
        }
        let line = *crate::object::list::items(lines).get(lineno as usize - 1)?;
        str_text(line)
    }
}

/// Line `lineno` (1-based, with its newline) of the file at `path`,
/// decoded as UTF-8 with replacement; None when it cannot be read.
pub fn source_line(path: impl AsRef<std::path::Path>, lineno: i64) -> Option<String> {
    if lineno < 1 {
        return None;
    }
    let data = std::fs::read(path).ok()?;
    let line = data
        .split_inclusive(|&b| b == b'\n')
        .nth(lineno as usize - 1)?;
    Some(String::from_utf8_lossy(line).into_owned())
}
