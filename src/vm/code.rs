//! Code objects (`PyCode_Type`): the compiler's [`CodeObject`] with its
//! constants and names turned into Python objects, plus the mutable copy of
//! the instructions that the eval loop may specialize.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::type_template;
use crate::object::{bool as pybool, bytes, complex, float, int, none, str as pystr, tuple};
use crate::runtime::errors::{PyResult, Raised};
use crate::vm::line_table::LineTable;
use crate::Owned;
use ferrython_compiler::bytecode::{BigInt, Constant, ExceptionEntry, NO_LINE};
use ferrython_compiler::cache::Leaf;
use ferrython_compiler::{cpython_tables, CodeObject};

/// A code object. C sees it as opaque; Python sees the `co_*` attributes.
#[repr(C)]
pub struct PyCodeObject {
    pub ob_base: PyObject,
    pub data: *mut CodeData,
}

/// The contents of a code object.
pub struct CodeData {
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub firstlineno: u32,
    pub stacksize: u32,
    /// Instructions (code units), specialized in place by the eval loop.
    pub code: Vec<u16>,
    /// `co_consts` as objects (owned).
    pub consts: Vec<*mut PyObject>,
    /// `co_names` as interned strs.
    pub names: Vec<*mut PyObject>,
    /// `co_localsplusnames` as interned strs, and their kind bits.
    pub localsplusnames: Vec<*mut PyObject>,
    pub localspluskinds: Vec<u8>,
    pub name: Owned,
    pub qualname: Owned,
    pub filename: Owned,
    pub linetable: LineTable,
    pub exceptiontable: Vec<ExceptionEntry>,
    /// Number of cell and free variables at the end of localsplus.
    pub ncells: usize,
    pub nfrees: usize,
    /// Which instructions start a line for line events, worked out when
    /// the code is first traced (`vm::trace_lines`).
    pub line_starts: std::cell::OnceCell<Box<[bool]>>,
}

impl Drop for CodeData {
    fn drop(&mut self) {
        for &c in &self.consts {
            // SAFETY: the code object owned its constants.
            unsafe { decref(c) };
        }
    }
}

/// `PyCode_Type`.
#[no_mangle]
pub static mut PyCode_Type: PyTypeObject = PyTypeObject {
    tp_dealloc: Some(code_dealloc),
    tp_repr: Some(code_repr),
    tp_new: Some(crate::vm::code_replace::code_new),
    tp_richcompare: Some(crate::vm::code_compare::code_richcompare),
    tp_hash: Some(crate::vm::code_compare::code_hash),
    tp_getset: (&raw const CODE_GETSET).cast_mut().cast(),
    tp_methods: (&raw const CODE_METHODS).cast_mut().cast(),
    ..type_template(c"code", std::mem::size_of::<PyCodeObject>(), 0)
};

/// The data of a code object.
#[inline(always)]
pub unsafe fn data<'a>(co: *mut PyObject) -> &'a mut CodeData {
    // SAFETY: co is a code object; its data lives as long as it does.
    unsafe { &mut *(*co.cast::<PyCodeObject>()).data }
}

/// Whether `op` is a code object.
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut PyCode_Type }
}

/// Sets `co_filename` of `co` and of the code objects nested in it to
/// `filename` (`update_code_filenames` of CPython's import).
///
/// # Safety
/// `co` is a code object; `filename` a live object.
pub unsafe fn set_filename(co: *mut PyObject, filename: *mut PyObject) {
    // SAFETY: co is a code object; its constants are live.
    unsafe {
        let d = data(co);
        d.filename = crate::Owned::from_borrowed(filename);
        for &c in &d.consts {
            if check(c) {
                set_filename(c, filename);
            }
        }
    }
}

/// The object for a scalar constant.
pub fn leaf(l: Leaf<'_>) -> PyResult<Owned> {
    Ok(match l {
        Leaf::None => Owned::from_borrowed_static(none::none()),
        Leaf::True => Owned::from_borrowed_static(pybool::py_true()),
        Leaf::False => Owned::from_borrowed_static(pybool::py_false()),
        Leaf::Ellipsis => Owned::from_borrowed_static(none::ellipsis()),
        Leaf::Int(i) => int::from_i64(i)?,
        Leaf::BigInt(text) => int::parse_text(text, 10)?,
        Leaf::Float(f) => float::from_f64(f)?,
        Leaf::Complex { real, imag } => complex::from_parts(real, imag)?,
        Leaf::Str(s) => {
            // Short identifier-like constants are interned, as CPython does.
            if s.len() <= 40 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                Owned::from_borrowed_static(pystr::intern(s))
            } else {
                pystr::from_str(s)?
            }
        }
        Leaf::StrCodePoints(v) => pystr::from_ucs4(v)?,
        Leaf::Bytes(b) => bytes::from_slice(b)?,
    })
}

/// The frozenset constant of `items`.
pub fn frozenset_constant(items: Vec<Owned>) -> PyResult<Owned> {
    let t = tuple::from_vec(items)?;
    // SAFETY: t is a tuple.
    unsafe { crate::object::set::new_frozenset(t.as_ptr()) }
}

/// The object for a constant.
pub fn constant(c: &Constant) -> PyResult<Owned> {
    match c {
        Constant::None => leaf(Leaf::None),
        Constant::True => leaf(Leaf::True),
        Constant::False => leaf(Leaf::False),
        Constant::Ellipsis => leaf(Leaf::Ellipsis),
        Constant::Int(BigInt::Small(i)) => leaf(Leaf::Int(*i)),
        Constant::Int(BigInt::Big(text)) => leaf(Leaf::BigInt(text)),
        Constant::Float(f) => leaf(Leaf::Float(*f)),
        Constant::Complex { real, imag } => leaf(Leaf::Complex {
            real: *real,
            imag: *imag,
        }),
        Constant::Str(s) => leaf(Leaf::Str(s)),
        Constant::StrCodePoints(v) => leaf(Leaf::StrCodePoints(v)),
        Constant::Bytes(b) => leaf(Leaf::Bytes(b)),
        Constant::Tuple(items) => {
            let v = items.iter().map(constant).collect::<PyResult<Vec<_>>>()?;
            tuple::from_vec(v)
        }
        Constant::FrozenSet(items) => {
            frozenset_constant(items.iter().map(constant).collect::<PyResult<Vec<_>>>()?)
        }
        Constant::Code(code) => from_compiled(code),
    }
}

/// A code object for the compiler's output.
pub fn from_compiled(c: &CodeObject) -> PyResult<Owned> {
    let consts = c
        .consts
        .iter()
        .map(constant)
        .collect::<PyResult<Vec<_>>>()?;
    build(c, consts, pystr::from_str(&c.filename)?)
}

/// A code object with `c`'s fields, except that its constants are
/// `consts` and its file name `filename`, for code that did not come from
/// the compiler (`marshal`, `types.CodeType`, `code.replace`): checked
/// first by the bytecode verifier, whose complaint `bad` turns into the
/// exception.
pub fn from_verified(
    c: &CodeObject,
    consts: Vec<Owned>,
    filename: Owned,
    bad: impl FnOnce(String) -> Raised,
) -> PyResult<Owned> {
    if let Err(e) = ferrython_compiler::verify::verify_code(c, consts.len()) {
        return Err(bad(e));
    }
    build(c, consts, filename)
}

/// The compiler's view of a code object: its fields as plain data,
/// except the constants (left empty) and the file name, which stay
/// objects for `marshal` and `code.replace`.
pub fn shell(d: &CodeData) -> PyResult<CodeObject> {
    let strs = |v: &[*mut PyObject]| -> PyResult<Vec<String>> {
        // SAFETY: the names are strs owned by the code object.
        v.iter()
            .map(|&n| unsafe { pystr::as_str(n).map(str::to_owned) })
            .collect()
    };
    // SAFETY: name and qualname are strs.
    let (name, qualname) = unsafe {
        (
            pystr::as_str(d.name.as_ptr())?.to_owned(),
            pystr::as_str(d.qualname.as_ptr())?.to_owned(),
        )
    };
    Ok(CodeObject {
        argcount: d.argcount,
        posonlyargcount: d.posonlyargcount,
        kwonlyargcount: d.kwonlyargcount,
        flags: d.flags,
        name,
        qualname,
        filename: String::new(),
        firstlineno: d.firstlineno,
        // The instructions as compiled, not what the eval loop cached.
        code: ferrython_compiler::bytecode::units_without_caches(&d.code).collect(),
        consts: Vec::new(),
        names: strs(&d.names)?,
        localsplusnames: strs(&d.localsplusnames)?,
        localspluskinds: d.localspluskinds.clone(),
        stacksize: d.stacksize,
        linetable: d.linetable.entries().to_vec(),
        exceptiontable: d.exceptiontable.clone(),
    })
}

/// A code object with `c`'s fields, `consts` and `filename`.
fn build(c: &CodeObject, consts: Vec<Owned>, filename: Owned) -> PyResult<Owned> {
    let qualname = pystr::from_str(&c.qualname)?;
    let (ncells, nfrees) = cell_counts(&c.localspluskinds);
    wrap(Box::new(CodeData {
        argcount: c.argcount,
        posonlyargcount: c.posonlyargcount,
        kwonlyargcount: c.kwonlyargcount,
        flags: c.flags,
        firstlineno: c.firstlineno,
        stacksize: c.stacksize,
        code: {
            // Caches in a marshal stream (none are written) would come from
            // another process.
            let mut units = c.code.clone();
            ferrython_compiler::bytecode::clear_caches(&mut units);
            units
        },
        consts: consts.into_iter().map(Owned::into_raw).collect(),
        names: c.names.iter().map(|n| pystr::intern(n)).collect(),
        localsplusnames: c.localsplusnames.iter().map(|n| pystr::intern(n)).collect(),
        localspluskinds: c.localspluskinds.clone(),
        name: Owned::from_borrowed_static(pystr::intern(&c.name)),
        qualname,
        filename,
        linetable: LineTable::new(c.linetable.clone()),
        exceptiontable: c.exceptiontable.clone(),
        ncells,
        nfrees,
        line_starts: std::cell::OnceCell::new(),
    }))
}

/// How many of the variables of kinds `kinds` are cell and free variables.
pub(crate) fn cell_counts(kinds: &[u8]) -> (usize, usize) {
    use ferrython_compiler::bytecode::fast_kind;
    let count = |bit: u8| kinds.iter().filter(|&&k| k & bit != 0).count();
    (count(fast_kind::CELL), count(fast_kind::FREE))
}

/// A code object holding `d`.
pub(crate) fn wrap(d: Box<CodeData>) -> PyResult<Owned> {
    // SAFETY: the type is static; data set below.
    unsafe {
        let op = crate::object::alloc::generic_alloc(&raw mut PyCode_Type, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        (*op.cast::<PyCodeObject>()).data = Box::into_raw(d);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// The source line of the instruction at code unit `lasti` (the first line
/// for code before the table's first entry); None for code without one
/// (CPython's `PyCode_Addr2Line` returning -1).
pub fn line_of(d: &CodeData, lasti: usize) -> Option<u32> {
    let lines = d.linetable.entries();
    let i = lines.partition_point(|e| e.start as usize <= lasti);
    let line = if i == 0 {
        d.firstlineno
    } else {
        lines[i - 1].lineno
    };
    (line != NO_LINE).then_some(line)
}

unsafe extern "C" fn code_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; data was boxed by from_compiled.
    unsafe {
        drop(Box::from_raw((*op.cast::<PyCodeObject>()).data));
        crate::object::alloc::raw_free(op.cast());
    }
}

unsafe extern "C" fn code_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a code object.
        unsafe {
            let d = data(op);
            pystr::from_str(&format!(
                "<code object {} at {op:p}, file \"{}\", line {}>",
                pystr::as_str(d.name.as_ptr())?,
                pystr::as_str(d.filename.as_ptr())?,
                d.firstlineno
            ))
        }
    })
}

macro_rules! code_getter {
    ($name:ident, |$d:ident| $e:expr) => {
        unsafe extern "C" fn $name(op: *mut PyObject, _c: *mut libc::c_void) -> *mut PyObject {
            // SAFETY: op is a code object.
            guard_obj(|| unsafe {
                let $d = data(op);
                $e
            })
        }
    };
}

code_getter!(get_name, |d| Ok(d.name.clone()));
code_getter!(get_qualname, |d| Ok(d.qualname.clone()));
code_getter!(get_filename, |d| Ok(d.filename.clone()));
code_getter!(get_firstlineno, |d| int::from_i64(d.firstlineno as i64));
code_getter!(get_argcount, |d| int::from_i64(d.argcount as i64));
code_getter!(get_posonlyargcount, |d| int::from_i64(
    d.posonlyargcount as i64
));
code_getter!(get_kwonlyargcount, |d| int::from_i64(
    d.kwonlyargcount as i64
));
code_getter!(get_flags, |d| int::from_i64(d.flags as i64));
code_getter!(get_stacksize, |d| int::from_i64(d.stacksize as i64));
code_getter!(get_consts, |d| tuple::from_slice(&d.consts));
code_getter!(get_names, |d| tuple::from_slice(&d.names));
code_getter!(get_varnames, |d| kind_names(
    d,
    ferrython_compiler::bytecode::fast_kind::LOCAL
));
code_getter!(get_cellvars, |d| kind_names(
    d,
    ferrython_compiler::bytecode::fast_kind::CELL
));
code_getter!(get_freevars, |d| kind_names(
    d,
    ferrython_compiler::bytecode::fast_kind::FREE
));
code_getter!(get_nlocals, |d| int::from_i64(
    d.localspluskinds
        .iter()
        .filter(|&&k| k & ferrython_compiler::bytecode::fast_kind::LOCAL != 0)
        .count() as i64
));

code_getter!(get_code, |d| {
    let units: Vec<u16> = ferrython_compiler::bytecode::units_without_caches(&d.code).collect();
    bytes::from_slice(&cpython_tables::code_bytes(&units))
});
code_getter!(get_adaptive_code, |d| bytes::from_slice(
    &cpython_tables::code_bytes(&d.code)
));
code_getter!(get_exceptiontable, |d| bytes::from_slice(
    &cpython_tables::exception_table(&d.exceptiontable)
));
code_getter!(get_linetable, |d| bytes::from_slice(
    &cpython_tables::location_table(d.linetable.entries(), d.code.len(), d.firstlineno)
));

/// `code._varname_from_oparg(i)`: the name of local-plus slot `i`, as
/// `dis` resolves the arguments of fast-local and cell instructions.
unsafe extern "C" fn varname_from_oparg(op: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a code object, arg a live object.
        unsafe {
            let d = data(op);
            let i = int::as_i64(crate::object::number::index(arg)?.as_ptr())?;
            match usize::try_from(i)
                .ok()
                .and_then(|i| d.localsplusnames.get(i))
            {
                Some(&n) => Ok(Owned::from_borrowed(n)),
                None => Err(crate::runtime::errors::index_error(
                    "tuple index out of range",
                )),
            }
        }
    })
}

fn kind_names(d: &CodeData, kind: u8) -> PyResult<Owned> {
    let v: Vec<*mut PyObject> = d
        .localsplusnames
        .iter()
        .zip(&d.localspluskinds)
        .filter(|(_, &k)| k & kind != 0)
        .map(|(&n, _)| n)
        .collect();
    tuple::from_slice(&v)
}

static CODE_GETSET: [PyGetSetDef; 20] = [
    crate::object::descr::getset(c"co_name", Some(get_name), None),
    crate::object::descr::getset(c"co_qualname", Some(get_qualname), None),
    crate::object::descr::getset(c"co_filename", Some(get_filename), None),
    crate::object::descr::getset(c"co_firstlineno", Some(get_firstlineno), None),
    crate::object::descr::getset(c"co_argcount", Some(get_argcount), None),
    crate::object::descr::getset(c"co_posonlyargcount", Some(get_posonlyargcount), None),
    crate::object::descr::getset(c"co_kwonlyargcount", Some(get_kwonlyargcount), None),
    crate::object::descr::getset(c"co_flags", Some(get_flags), None),
    crate::object::descr::getset(c"co_stacksize", Some(get_stacksize), None),
    crate::object::descr::getset(c"co_consts", Some(get_consts), None),
    crate::object::descr::getset(c"co_names", Some(get_names), None),
    crate::object::descr::getset(c"co_varnames", Some(get_varnames), None),
    crate::object::descr::getset(c"co_cellvars", Some(get_cellvars), None),
    crate::object::descr::getset(c"co_freevars", Some(get_freevars), None),
    crate::object::descr::getset(c"co_nlocals", Some(get_nlocals), None),
    crate::object::descr::getset(c"co_code", Some(get_code), None),
    // The instructions with what the eval loop keeps in their caches.
    crate::object::descr::getset(c"_co_code_adaptive", Some(get_adaptive_code), None),
    crate::object::descr::getset(c"co_exceptiontable", Some(get_exceptiontable), None),
    crate::object::descr::getset(c"co_linetable", Some(get_linetable), None),
    crate::object::descr::GETSET_END,
];

static CODE_METHODS: [PyMethodDef; 6] = [
    crate::object::descr::method(
        c"co_positions",
        crate::vm::code_lines::co_positions as *const libc::c_void,
        METH_NOARGS,
    ),
    crate::object::descr::method(
        c"co_lines",
        crate::vm::code_lines::co_lines as *const libc::c_void,
        METH_NOARGS,
    ),
    crate::object::descr::method(
        c"_varname_from_oparg",
        varname_from_oparg as *const libc::c_void,
        METH_O,
    ),
    crate::object::descr::method(
        c"replace",
        crate::vm::code_replace::code_replace as *const libc::c_void,
        METH_FASTCALL | METH_KEYWORDS,
    ),
    crate::object::descr::method(
        c"__replace__",
        crate::vm::code_replace::code_replace as *const libc::c_void,
        METH_FASTCALL | METH_KEYWORDS,
    ),
    crate::object::descr::METHOD_END,
];
