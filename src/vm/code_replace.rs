//! New code objects from fields: `code.replace(**changes)` /
//! `code.__replace__` (what `types.coroutine`, `copy.replace` and tools
//! that rename or relocate functions use) and the `types.CodeType(...)`
//! constructor (`code_new` in CPython's `Objects/codeobject.c`).
//!
//! `co_code`, `co_linetable` and `co_exceptiontable` are the byte forms
//! our code objects expose (Ferrython's own instructions, CPython's table
//! encodings), read back with `ferrython_compiler::cpython_tables`; CPython's
//! bytecode is not Ferrython's, so `co_code` taken from CPython runs into
//! the bytecode verifier's `ValueError`. Every result is verified before it
//! exists, since the eval loop trusts its code.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::{bytes, int, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::vm::code::{data, from_verified, shell};
use crate::Owned;
use ferrython_compiler::bytecode::{fast_kind, NO_LINE};
use ferrython_compiler::{cpython_tables, CodeObject};

/// A code object being assembled: the plain fields, then those that stay
/// objects, then the local-variable tuples and tables given as objects
/// (resolved once every field is known, since they depend on others).
struct Draft {
    code: CodeObject,
    consts: Vec<Owned>,
    filename: Owned,
    varnames: Option<Vec<String>>,
    cellvars: Option<Vec<String>>,
    freevars: Option<Vec<String>>,
    nlocals: Option<u32>,
    linetable: Option<Owned>,
    exceptiontable: Option<Owned>,
    /// The first line the current line table is relative to.
    old_firstlineno: u32,
}

/// How arguments are named in messages: `replace() argument 'co_name'`
/// or `code() argument 12`.
struct Label<'a>(&'a str, &'a str);

impl Label<'_> {
    unsafe fn wrong(&self, want: &str, v: *mut PyObject) -> errors::Raised {
        // SAFETY: v valid.
        let got = unsafe { typeobj::type_name(v) };
        errors::type_error(format!(
            "{} argument {} must be {want}, not {got}",
            self.0, self.1
        ))
    }
}

unsafe fn int_arg(l: &Label, v: *mut PyObject) -> PyResult<u32> {
    // SAFETY: v valid.
    unsafe {
        if !int::check(v) {
            return Err(l.wrong("int", v));
        }
        let n = int::as_i64(v)?;
        u32::try_from(n).map_err(|_| {
            errors::value_error(format!("{} argument {} must be a positive int", l.0, l.1))
        })
    }
}

unsafe fn str_arg(l: &Label, v: *mut PyObject) -> PyResult<String> {
    // SAFETY: v valid.
    unsafe {
        if !pystr::check(v) {
            return Err(l.wrong("str", v));
        }
        Ok(pystr::as_str(v)?.to_owned())
    }
}

unsafe fn tuple_arg<'a>(l: &Label, v: *mut PyObject) -> PyResult<&'a [*mut PyObject]> {
    // SAFETY: v valid.
    unsafe {
        if !tuple::check(v) {
            return Err(l.wrong("tuple", v));
        }
        Ok(tuple::items(v))
    }
}

/// A tuple of strs (names).
unsafe fn names_arg(l: &Label, v: *mut PyObject) -> PyResult<Vec<String>> {
    // SAFETY: v valid; the items are live objects.
    unsafe {
        let items = tuple_arg(l, v)?;
        let mut out = Vec::with_capacity(items.len());
        for &n in items {
            if !pystr::check_exact(n) {
                return Err(errors::type_error(format!(
                    "{} argument {}: name tuples must contain only strings, not '{}'",
                    l.0,
                    l.1,
                    typeobj::type_name(n)
                )));
            }
            out.push(pystr::as_str(n)?.to_owned());
        }
        Ok(out)
    }
}

unsafe fn bytes_arg(l: &Label, v: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: v valid.
    unsafe {
        if !bytes::check(v) {
            return Err(l.wrong("bytes", v));
        }
        Ok(Owned::from_borrowed(v))
    }
}

impl Draft {
    /// A draft that starts as a copy of code object `op`.
    unsafe fn of(op: *mut PyObject) -> PyResult<Draft> {
        // SAFETY: op is a code object.
        let d = unsafe { data(op) };
        Ok(Draft {
            code: shell(d)?,
            consts: d.consts.iter().map(|&c| Owned::from_borrowed(c)).collect(),
            filename: d.filename.clone(),
            varnames: None,
            cellvars: None,
            freevars: None,
            nlocals: None,
            linetable: None,
            exceptiontable: None,
            old_firstlineno: d.firstlineno,
        })
    }

    /// Sets field `key` (a `co_*` name) to `v`.
    unsafe fn set(&mut self, key: &str, l: &Label, v: *mut PyObject) -> PyResult<()> {
        // SAFETY: v valid.
        unsafe {
            let c = &mut self.code;
            match key {
                "co_argcount" => c.argcount = int_arg(l, v)?,
                "co_posonlyargcount" => c.posonlyargcount = int_arg(l, v)?,
                "co_kwonlyargcount" => c.kwonlyargcount = int_arg(l, v)?,
                "co_nlocals" => self.nlocals = Some(int_arg(l, v)?),
                "co_stacksize" => c.stacksize = int_arg(l, v)?,
                "co_flags" => c.flags = int_arg(l, v)?,
                "co_firstlineno" => c.firstlineno = int_arg(l, v)?,
                "co_name" => c.name = str_arg(l, v)?,
                "co_qualname" => c.qualname = str_arg(l, v)?,
                "co_filename" => {
                    str_arg(l, v)?;
                    self.filename = Owned::from_borrowed(v);
                }
                "co_consts" => {
                    self.consts = tuple_arg(l, v)?
                        .iter()
                        .map(|&c| Owned::from_borrowed(c))
                        .collect();
                }
                "co_names" => c.names = names_arg(l, v)?,
                "co_varnames" => self.varnames = Some(names_arg(l, v)?),
                "co_cellvars" => self.cellvars = Some(names_arg(l, v)?),
                "co_freevars" => self.freevars = Some(names_arg(l, v)?),
                "co_code" => {
                    let b = bytes_arg(l, v)?;
                    let raw = bytes::as_slice(b.as_ptr());
                    if raw.len() % 2 != 0 {
                        return Err(errors::value_error(
                            "code: co_code is malformed (odd length)",
                        ));
                    }
                    c.code = raw
                        .chunks_exact(2)
                        .map(|u| u16::from_le_bytes([u[0], u[1]]))
                        .collect();
                }
                "co_linetable" => self.linetable = Some(bytes_arg(l, v)?),
                "co_exceptiontable" => self.exceptiontable = Some(bytes_arg(l, v)?),
                _ => {
                    return Err(errors::type_error(format!(
                        "{} got an unexpected keyword argument '{key}'",
                        l.0
                    )))
                }
            }
            Ok(())
        }
    }

    /// The locals: `co_varnames`, then the cell variables that are not
    /// also arguments or locals, then `co_freevars` (CPython's order).
    fn locals(&mut self) {
        if self.varnames.is_none() && self.cellvars.is_none() && self.freevars.is_none() {
            return;
        }
        let c = &self.code;
        let of_kind = |kind: u8| -> Vec<String> {
            c.localsplusnames
                .iter()
                .zip(&c.localspluskinds)
                .filter(|(_, &k)| k & kind != 0)
                .map(|(n, _)| n.clone())
                .collect()
        };
        let varnames = self
            .varnames
            .take()
            .unwrap_or_else(|| of_kind(fast_kind::LOCAL));
        let cellvars = self
            .cellvars
            .take()
            .unwrap_or_else(|| of_kind(fast_kind::CELL));
        let freevars = self
            .freevars
            .take()
            .unwrap_or_else(|| of_kind(fast_kind::FREE));
        let mut names = Vec::new();
        let mut kinds = Vec::new();
        for v in varnames {
            let cell = if cellvars.contains(&v) {
                fast_kind::CELL
            } else {
                0
            };
            names.push(v);
            kinds.push(fast_kind::LOCAL | cell);
        }
        for v in cellvars {
            if !names.contains(&v) {
                names.push(v);
                kinds.push(fast_kind::CELL);
            }
        }
        for v in freevars {
            names.push(v);
            kinds.push(fast_kind::FREE);
        }
        // The same layout under new names keeps its kinds (hidden
        // comprehension locals stay hidden).
        let layout = |k: &u8| k & !fast_kind::HIDDEN;
        if !kinds
            .iter()
            .map(layout)
            .eq(self.code.localspluskinds.iter().map(layout))
        {
            self.code.localspluskinds = kinds;
        }
        self.code.localsplusnames = names;
    }

    /// The checked code object.
    unsafe fn finish(mut self) -> PyResult<Owned> {
        self.locals();
        let c = &mut self.code;
        let nvars = c
            .localspluskinds
            .iter()
            .filter(|&&k| k & fast_kind::LOCAL != 0)
            .count();
        if self.nlocals.is_some_and(|n| n as usize != nvars) {
            return Err(errors::value_error("code: co_nlocals != len(co_varnames)"));
        }
        // SAFETY: the tables are bytes objects.
        unsafe {
            match &self.linetable {
                Some(t) => {
                    c.linetable = cpython_tables::parse_location_table(
                        bytes::as_slice(t.as_ptr()),
                        c.firstlineno,
                    )
                    .ok_or_else(|| errors::value_error("code: co_linetable is malformed"))?;
                }
                // The table is relative to the first line (CPython keeps
                // deltas): moving the first line moves every line.
                None if c.firstlineno != self.old_firstlineno => {
                    let delta = i64::from(c.firstlineno) - i64::from(self.old_firstlineno);
                    let shift = |l: u32| u32::try_from(i64::from(l) + delta).ok();
                    for e in c.linetable.iter_mut().filter(|e| e.lineno != NO_LINE) {
                        e.lineno = shift(e.lineno).filter(|&l| l != NO_LINE).ok_or_else(|| {
                            errors::value_error("code: co_firstlineno moves a line below 0")
                        })?;
                        // End line 0 marks a line without columns.
                        if e.end_lineno != 0 {
                            e.end_lineno = shift(e.end_lineno).unwrap_or(0);
                        }
                    }
                }
                None => {}
            }
            if let Some(t) = &self.exceptiontable {
                c.exceptiontable = cpython_tables::parse_exception_table(bytes::as_slice(
                    t.as_ptr(),
                ))
                .ok_or_else(|| errors::value_error("code: co_exceptiontable is malformed"))?;
            }
        }
        audit_new(c, &self.filename)?;
        from_verified(c, self.consts, self.filename, |e| {
            errors::value_error(format!("code: invalid bytecode: {e}"))
        })
    }
}

/// Raises the `code.__new__` audit event for a code object about to be
/// made from `c`, with CPython's arguments: `(code, filename, name,
/// argcount, posonlyargcount, kwonlyargcount, nlocals, stacksize, flags)`.
fn audit_new(c: &CodeObject, filename: &Owned) -> PyResult<()> {
    crate::runtime::audit::audit_with(c"code.__new__", || {
        let nlocals = c
            .localspluskinds
            .iter()
            .filter(|&&k| k & fast_kind::LOCAL != 0)
            .count();
        Ok(vec![
            bytes::from_slice(&cpython_tables::code_bytes(&c.code))?,
            filename.clone(),
            pystr::from_str(&c.name)?,
            int::from_i64(c.argcount as i64)?,
            int::from_i64(c.posonlyargcount as i64)?,
            int::from_i64(c.kwonlyargcount as i64)?,
            int::from_i64(nlocals as i64)?,
            int::from_i64(c.stacksize as i64)?,
            int::from_i64(c.flags as i64)?,
        ])
    })
}

/// `code.replace(*, co_argcount=..., ...)` and `code.__replace__`
/// (METH_FASTCALL | METH_KEYWORDS).
pub unsafe extern "C" fn code_replace(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: fastcall arguments: nargs positional then the keywords.
        unsafe {
            if nargs != 0 {
                return Err(errors::type_error(format!(
                    "replace() takes no positional arguments ({nargs} given)"
                )));
            }
            let mut draft = Draft::of(op)?;
            if !kwnames.is_null() {
                let names = tuple::items(kwnames);
                let vals = crate::capi::call::arg_slice(args, names.len());
                for (&k, &v) in names.iter().zip(vals) {
                    let k = pystr::as_str(k)?;
                    let quoted = format!("'{k}'");
                    draft.set(k, &Label("replace()", &quoted), v)?;
                }
            }
            draft.finish()
        }
    })
}

/// The constructor's parameters, in order (the last two optional).
const NEW_FIELDS: [&str; 18] = [
    "co_argcount",
    "co_posonlyargcount",
    "co_kwonlyargcount",
    "co_nlocals",
    "co_stacksize",
    "co_flags",
    "co_code",
    "co_consts",
    "co_names",
    "co_varnames",
    "co_filename",
    "co_name",
    "co_qualname",
    "co_firstlineno",
    "co_linetable",
    "co_exceptiontable",
    "co_freevars",
    "co_cellvars",
];

/// `code.__new__(argcount, posonlyargcount, kwonlyargcount, nlocals,
/// stacksize, flags, codestring, constants, names, varnames, filename,
/// name, qualname, firstlineno, linetable, exceptiontable, freevars=(),
/// cellvars=(), /)`.
pub unsafe extern "C" fn code_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args is a tuple, kwargs NULL or a dict.
        unsafe {
            if !kwargs.is_null() && crate::object::dict::len(kwargs) != 0 {
                return Err(errors::type_error("code() takes no keyword arguments"));
            }
            let items = tuple::items(args);
            let n = items.len();
            if !(16..=18).contains(&n) {
                let bound = if n > 18 { "at most 18" } else { "at least 16" };
                return Err(errors::type_error(format!(
                    "code() takes {bound} positional arguments ({n} given)"
                )));
            }
            let mut draft = Draft {
                code: CodeObject {
                    argcount: 0,
                    posonlyargcount: 0,
                    kwonlyargcount: 0,
                    flags: 0,
                    name: String::new(),
                    qualname: String::new(),
                    filename: String::new(),
                    firstlineno: 0,
                    code: Vec::new(),
                    consts: Vec::new(),
                    names: Vec::new(),
                    localsplusnames: Vec::new(),
                    localspluskinds: Vec::new(),
                    stacksize: 0,
                    linetable: Vec::new(),
                    exceptiontable: Vec::new(),
                },
                consts: Vec::new(),
                filename: Owned::from_borrowed_static(crate::interned!("")),
                varnames: None,
                cellvars: Some(Vec::new()),
                freevars: Some(Vec::new()),
                nlocals: None,
                linetable: None,
                exceptiontable: None,
                old_firstlineno: 0,
            };
            for (i, (&v, key)) in items.iter().zip(NEW_FIELDS).enumerate() {
                let n = (i + 1).to_string();
                draft.set(key, &Label("code()", &n), v)?;
            }
            draft.old_firstlineno = draft.code.firstlineno;
            draft.finish()
        }
    })
}
