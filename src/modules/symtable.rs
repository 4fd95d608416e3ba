//! The `_symtable` module (CPython's `Modules/symtablemodule.c` and the
//! entry type of `Python/symtable.c`): `symtable(source, filename, mode)`
//! returns the top-level "symtable entry" built from the compiler crate's
//! symbol tables, with CPython's flag and scope encoding.
//!
//! Ferrython compiles every comprehension as its own code object, while
//! CPython 3.12+ inlines list, set and dict comprehensions (PEP 709) and
//! reports them that way here: their names join the enclosing scope and
//! their nested scopes become its children. The view below does the same
//! merge so that `symtable` answers as CPython's does.
use crate::ffi::*;
use crate::modules::args::builtin;
use crate::object::descr::{method, readonly_member, METHOD_END};
use crate::object::refcount::{decref, xdecref};
use crate::object::typeobj::type_template;
use crate::object::{bytes, dict, int, list, module, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use ferrython_compiler::symtable::{self as st, NameScope, ScopeKind, SymbolTables};
use libc::c_void;
use std::collections::HashSet;
use std::mem::offset_of;

const SCOPE_OFF: i64 = 12;
const SCOPE_MASK: i64 = 0xf;
const LOCAL: i64 = 1;
const GLOBAL_EXPLICIT: i64 = 2;
const GLOBAL_IMPLICIT: i64 = 3;
const FREE: i64 = 4;
const CELL: i64 = 5;
/// CPython's flag for a name that is a cell of an inlined comprehension.
const DEF_COMP_CELL: i64 = 2048;
/// CPython's flag for a name free in a nested scope (not set by the
/// compiler crate, exposed for completeness).
const DEF_FREE: i64 = 32;

const TYPE_FUNCTION: i64 = 0;
const TYPE_CLASS: i64 = 1;
const TYPE_MODULE: i64 = 2;
const TYPE_ANNOTATION: i64 = 3;
const TYPE_TYPE_ALIAS: i64 = 4;
const TYPE_TYPE_PARAMETERS: i64 = 5;
const TYPE_TYPE_VARIABLE: i64 = 6;

/// One scope as `_symtable` shows it.
struct View {
    kind: i64,
    name: String,
    lineno: u32,
    nested: bool,
    varnames: Vec<String>,
    /// (name, flags without the scope, scope code), in first-use order.
    symbols: Vec<(String, i64, i64)>,
    children: Vec<View>,
}

impl View {
    fn find(&mut self, name: &str) -> Option<&mut (String, i64, i64)> {
        self.symbols.iter_mut().find(|s| s.0 == name)
    }
}

fn scope_code(s: NameScope) -> i64 {
    match s {
        NameScope::Local => LOCAL,
        NameScope::GlobalExplicit => GLOBAL_EXPLICIT,
        NameScope::GlobalImplicit => GLOBAL_IMPLICIT,
        NameScope::Free => FREE,
        NameScope::Cell => CELL,
    }
}

/// The entry type of table `i`.
fn type_code(tabs: &SymbolTables, i: usize) -> i64 {
    let t = &tabs.tables[i];
    match t.kind {
        ScopeKind::Module => TYPE_MODULE,
        ScopeKind::Class => TYPE_CLASS,
        ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension => TYPE_FUNCTION,
        ScopeKind::Annotation => TYPE_ANNOTATION,
        ScopeKind::TypeParams => TYPE_TYPE_PARAMETERS,
        // A bound or default of a type parameter hangs off the parameters'
        // scope and is named after that parameter; an alias value is not.
        ScopeKind::TypeAlias => match t.parent.map(|p| &tabs.tables[p]) {
            Some(p)
                if p.kind == ScopeKind::TypeParams
                    && p.lookup(&t.name)
                        .is_some_and(|s| s.flags & st::DEF_TYPE_PARAM != 0) =>
            {
                TYPE_TYPE_VARIABLE
            }
            _ => TYPE_TYPE_ALIAS,
        },
    }
}

/// The view of table `i` and its children, comprehensions inlined.
fn view(tabs: &SymbolTables, i: usize) -> View {
    let t = &tabs.tables[i];
    let mut v = View {
        kind: type_code(tabs, i),
        name: match t.kind {
            ScopeKind::Comprehension => t.name.trim_matches(['<', '>']).to_string(),
            // CPython names a type-parameter scope after its owner.
            ScopeKind::TypeParams => t
                .name
                .strip_prefix("<generic parameters of ")
                .and_then(|n| n.strip_suffix('>'))
                .unwrap_or(&t.name)
                .to_string(),
            _ => t.name.clone(),
        },
        lineno: if t.kind == ScopeKind::Module {
            0
        } else {
            t.lineno
        },
        nested: t.nested,
        varnames: t.params.clone(),
        symbols: t
            .symbols
            .iter()
            .map(|s| {
                let flags = (s.flags & !(st::DEF_COMP_WALRUS | st::DEF_COMP_CELL)) as i64;
                (s.name.clone(), flags, scope_code(s.scope))
            })
            .collect(),
        children: Vec::new(),
    };
    if t.kind == ScopeKind::TypeParams {
        // The defaults of a generic function come in as the scope's
        // parameters in CPython; the compiler crate binds them as locals.
        for s in v.symbols.iter_mut() {
            if (s.0 == ".defaults" || s.0 == ".kwdefaults") && s.1 & st::DEF_LOCAL as i64 != 0 {
                s.1 = (s.1 & !(st::DEF_LOCAL as i64)) | st::DEF_PARAM as i64;
                v.varnames.push(s.0.clone());
            }
        }
    }
    let mut inlined_cells: HashSet<String> = HashSet::new();
    let mut inlined = false;
    for &c in &t.children {
        let cv = view(tabs, c);
        let ct = &tabs.tables[c];
        if ct.kind == ScopeKind::Comprehension && !ct.is_generator && !t.can_see_class_scope {
            inlined = true;
            for (k, flags, scope) in &cv.symbols {
                if flags & st::DEF_PARAM as i64 != 0 {
                    continue;
                }
                if *scope == CELL || flags & DEF_COMP_CELL != 0 {
                    inlined_cells.insert(k.clone());
                }
                match v.find(k) {
                    None => v.symbols.push((k.clone(), *flags, *scope)),
                    // Only known here as free in the comprehension: CPython
                    // copies the comprehension's use before propagating.
                    Some(s) if s.1 == 0 => s.1 = *flags,
                    Some(_) => {}
                }
            }
            v.children.extend(cv.children);
        } else {
            v.children.push(cv);
        }
    }
    if inlined && t.kind.is_function_like() {
        // A local is a cell only if a remaining child needs it.
        let needed: HashSet<String> = v
            .children
            .iter()
            .flat_map(|c| c.symbols.iter())
            .filter(|s| s.2 == FREE)
            .map(|s| s.0.clone())
            .collect();
        for s in v.symbols.iter_mut() {
            if s.2 == LOCAL || s.2 == CELL {
                s.2 = if needed.contains(&s.0) || inlined_cells.contains(&s.0) {
                    CELL
                } else {
                    LOCAL
                };
            }
        }
    }
    for k in &inlined_cells {
        if let Some(s) = v.find(k) {
            s.1 |= DEF_COMP_CELL;
        }
    }
    v
}

/// A symbol table entry: the fields `symtable.py` reads.
#[repr(C)]
pub struct EntryObject {
    ob_base: PyObject,
    id: *mut PyObject,
    name: *mut PyObject,
    symbols: *mut PyObject,
    varnames: *mut PyObject,
    children: *mut PyObject,
    kind: *mut PyObject,
    lineno: *mut PyObject,
    nested: *mut PyObject,
}

/// `symtable entry`.
pub static mut ENTRY_TYPE: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(entry_dealloc),
    tp_repr: Some(entry_repr),
    tp_members: (&raw const MEMBERS).cast_mut().cast(),
    tp_free: Some(crate::capi::memory::PyObject_Free),
    ..type_template(c"symtable entry", std::mem::size_of::<EntryObject>(), 0)
};

static MEMBERS: [PyMemberDef; 9] = [
    readonly_member(c"id", _Py_T_OBJECT, offset_of!(EntryObject, id)),
    readonly_member(c"name", _Py_T_OBJECT, offset_of!(EntryObject, name)),
    readonly_member(c"symbols", _Py_T_OBJECT, offset_of!(EntryObject, symbols)),
    readonly_member(c"varnames", _Py_T_OBJECT, offset_of!(EntryObject, varnames)),
    readonly_member(c"children", _Py_T_OBJECT, offset_of!(EntryObject, children)),
    readonly_member(c"type", _Py_T_OBJECT, offset_of!(EntryObject, kind)),
    readonly_member(c"lineno", _Py_T_OBJECT, offset_of!(EntryObject, lineno)),
    readonly_member(c"nested", _Py_T_OBJECT, offset_of!(EntryObject, nested)),
    crate::object::exceptions::MEMBER_END,
];

unsafe extern "C" fn entry_dealloc(op: *mut PyObject) {
    // SAFETY: the refcount reached zero; the fields are owned.
    unsafe {
        let e = &mut *op.cast::<EntryObject>();
        for f in [
            e.id, e.name, e.symbols, e.varnames, e.children, e.kind, e.lineno, e.nested,
        ] {
            xdecref(f);
        }
        let tp = (*op).ob_type;
        if let Some(free) = (*tp).tp_free {
            free(op.cast());
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

unsafe extern "C" fn entry_repr(op: *mut PyObject) -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: op is an entry with all fields set.
        unsafe {
            let e = &*op.cast::<EntryObject>();
            pystr::from_str(&format!(
                "<symtable entry {}({}), line {}>",
                pystr::as_str(e.name)?,
                int::decimal_string(e.id)?,
                int::decimal_string(e.lineno)?
            ))
        }
    })
}

/// The entry object of `v` (and its children); ids count up from `next`.
fn to_entry(v: &View, next: &mut i64) -> PyResult<Owned> {
    let symbols = dict::new()?;
    for (k, flags, scope) in &v.symbols {
        let val = int::from_i64(flags | (scope << SCOPE_OFF))?;
        // SAFETY: symbols is a new dict.
        unsafe { dict::set_item(symbols.as_ptr(), pystr::from_str(k)?.as_ptr(), val.as_ptr())? };
    }
    let varnames = list::from_vec(
        v.varnames
            .iter()
            .map(|n| pystr::from_str(n))
            .collect::<PyResult<Vec<_>>>()?,
    )?;
    let id = int::from_i64(*next)?;
    *next += 1;
    let children = list::from_vec(
        v.children
            .iter()
            .map(|c| to_entry(c, next))
            .collect::<PyResult<Vec<_>>>()?,
    )?;
    // SAFETY: the type is static and ready; the new object is zeroed.
    unsafe {
        let tp = &raw mut ENTRY_TYPE;
        let op = crate::capi::allocation::PyType_GenericAlloc(tp, 0);
        if op.is_null() {
            return Err(errors::Raised::assume());
        }
        let e = &mut *op.cast::<EntryObject>();
        e.id = id.into_raw();
        e.name = pystr::from_str(&v.name)?.into_raw();
        e.symbols = symbols.into_raw();
        e.varnames = varnames.into_raw();
        e.children = children.into_raw();
        e.kind = int::from_i64(v.kind)?.into_raw();
        e.lineno = int::from_i64(v.lineno as i64)?.into_raw();
        e.nested = int::from_i64(v.nested as i64)?.into_raw();
        Ok(Owned::from_raw_unchecked(op))
    }
}

builtin!(symtable_symtable, |args, kws| {
    crate::modules::args::no_kwargs("symtable", &kws)?;
    crate::modules::args::arity("symtable", args, 3, 3)?;
    let (src, fname, mode) = (args[0], args[1], args[2]);
    let filename = crate::modules::posix::path::path("symtable", "filename", fname)?;
    let filename = String::from_utf8_lossy(filename.as_bytes()).into_owned();
    let raise =
        |e: &ferrython_compiler::SyntaxErrorInfo| crate::runtime::run::raise_syntax_error(e);
    let text = if pystr::check(src) {
        let text = pystr::as_str(src)?;
        crate::runtime::source_text::reject_nul(text.as_bytes())?;
        text.to_string()
    } else if bytes::check(src) {
        // Bytes are decoded as a source file is: BOM and coding cookie.
        crate::runtime::source_text::decode(
            bytes::as_slice(src),
            &filename,
            crate::runtime::source_text::Origin::String,
        )?
    } else {
        return Err(errors::type_error(
            "symtable() arg 1 must be a string or bytes object",
        ));
    };
    if !pystr::check(mode) {
        return Err(errors::type_error(format!(
            "symtable() argument 3 must be str, not {}",
            crate::object::typeobj::type_name(mode)
        )));
    }
    let cmode = match pystr::as_str(mode)? {
        "exec" => ferrython_compiler::CompileMode::Exec,
        "eval" => ferrython_compiler::CompileMode::Eval,
        "single" => ferrython_compiler::CompileMode::Single,
        _ => {
            return Err(errors::value_error(
                "symtable() arg 3 must be 'exec' or 'eval' or 'single'",
            ))
        }
    };
    let tree = ferrython_compiler::parse_only(&text, &filename, cmode).map_err(|e| raise(&e))?;
    let tabs = st::symtable(&tree, &filename).map_err(|e| raise(&e))?;
    let tp = &raw mut ENTRY_TYPE;
    if (*tp).tp_flags & Py_TPFLAGS_READY == 0 {
        crate::object::typeobj::ready(tp)?;
    }
    // Ids only need to be distinct within one result.
    let mut next = (&tabs as *const SymbolTables as i64) & 0xffff_ffff;
    to_entry(&view(&tabs, 0), &mut next)
});

static mut METHODS: [PyMethodDef; 2] = [
    method(
        c"symtable",
        symtable_symtable as *const c_void,
        METH_FASTCALL | METH_KEYWORDS,
    ),
    METHOD_END,
];

const CONSTANTS: [(&str, i64); 24] = [
    ("USE", st::USE as i64),
    ("DEF_GLOBAL", st::DEF_GLOBAL as i64),
    ("DEF_NONLOCAL", st::DEF_NONLOCAL as i64),
    ("DEF_LOCAL", st::DEF_LOCAL as i64),
    ("DEF_PARAM", st::DEF_PARAM as i64),
    ("DEF_FREE", DEF_FREE),
    ("DEF_FREE_CLASS", st::DEF_FREE_CLASS as i64),
    ("DEF_IMPORT", st::DEF_IMPORT as i64),
    (
        "DEF_BOUND",
        (st::DEF_LOCAL | st::DEF_PARAM | st::DEF_IMPORT) as i64,
    ),
    ("DEF_ANNOT", st::DEF_ANNOT as i64),
    ("TYPE_FUNCTION", TYPE_FUNCTION),
    ("TYPE_CLASS", TYPE_CLASS),
    ("TYPE_MODULE", TYPE_MODULE),
    ("TYPE_ANNOTATION", TYPE_ANNOTATION),
    ("TYPE_TYPE_ALIAS", TYPE_TYPE_ALIAS),
    ("TYPE_TYPE_PARAMETERS", TYPE_TYPE_PARAMETERS),
    ("TYPE_TYPE_VARIABLE", TYPE_TYPE_VARIABLE),
    ("LOCAL", LOCAL),
    ("GLOBAL_EXPLICIT", GLOBAL_EXPLICIT),
    ("GLOBAL_IMPLICIT", GLOBAL_IMPLICIT),
    ("FREE", FREE),
    ("CELL", CELL),
    ("SCOPE_OFF", SCOPE_OFF),
    ("SCOPE_MASK", SCOPE_MASK),
];

/// `PyInit__symtable`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    crate::capi::boundary::guard_obj(|| {
        // SAFETY: the method table is static; the module is new.
        unsafe {
            let m = crate::modules::new_module("_symtable", (&raw mut METHODS).cast())?;
            let d = module::dict_of(m.as_ptr());
            for &(k, v) in CONSTANTS.iter() {
                dict::set_item(d, pystr::intern(k), int::from_i64(v)?.as_ptr())?;
            }
            PyResult::Ok(m)
        }
    })
}
