//! The `_ast` module (`Python/Python-ast.c`): the node classes of the `ast`
//! module and the `PyCF_*` flags of `compile()`. The classes are built when
//! the module is created, from the grammar table in `grammar.rs`: `AST` is
//! a static type (`node.rs`); the abstract classes (`expr`, `stmt` ...) and
//! every node class are heap types made with `type()`, with CPython 3.13's
//! `_fields`, `_attributes`, `__match_args__`, `_field_types` and class
//! defaults.
mod from_py;
mod grammar;
mod node;
pub mod to_py;

use crate::ffi::*;
use crate::object::{dict, int, none, protocol, str as pystr, tuple};
use crate::runtime::errors::PyResult;
use crate::Owned;
use grammar::{parse_signature, Attrs, Card, Field, PRODUCTS, SUMS};
use std::ptr::null_mut;

/// `compile()` flag: return the AST instead of a code object.
pub const PYCF_ONLY_AST: i64 = 0x400;
/// `compile()` flag: keep `# type:` comments in the AST.
pub const PYCF_TYPE_COMMENTS: i64 = 0x1000;
/// `compile()` flag: allow `await` and friends at the top level.
pub const PYCF_ALLOW_TOP_LEVEL_AWAIT: i64 = 0x2000;
/// `compile()` flag: return an optimized AST (with `PyCF_ONLY_AST`).
pub const PYCF_OPTIMIZED_AST: i64 = 0x8000 | PYCF_ONLY_AST;

/// The position attributes of located nodes.
const ATTRIBUTES: [&str; 4] = ["lineno", "col_offset", "end_lineno", "end_col_offset"];

/// The node class `name` of the current interpreter's `_ast` module.
pub fn class(name: &str) -> PyResult<Owned> {
    let m = crate::runtime::import::import_absolute("_ast")?;
    // SAFETY: m is a live module.
    unsafe { protocol::getattr_str(m.as_ptr(), name) }
}

/// Whether `o` is an AST node (an instance of `ast.AST`).
///
/// # Safety
/// `o` is a live object.
pub unsafe fn is_ast(o: *mut PyObject) -> bool {
    // SAFETY: o is live; the AST type is static.
    unsafe { crate::object::typeobj::instance_of(o, &raw mut node::AST_TYPE) }
}

/// A tuple of interned strs.
fn str_tuple<'a>(names: impl Iterator<Item = &'a str>) -> PyResult<Owned> {
    let v: Vec<*mut PyObject> = names.map(pystr::intern).collect();
    tuple::from_slice(&v)
}

/// Sets `ns[key] = value`.
unsafe fn put(ns: *mut PyObject, key: &str, value: *mut PyObject) -> PyResult<()> {
    // SAFETY: ns is a dict; value valid.
    unsafe { dict::set_item(ns, pystr::intern(key), value) }
}

/// The annotation of a field: `str`, `int`, `object` or a node class,
/// wrapped as `X | None` (optional) or `list[X]` (list).
unsafe fn field_type(f: &Field, module: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: module is the module being built; the builtin types are ready.
    unsafe {
        let base: *mut PyObject = match f.ty {
            "identifier" | "string" => (&raw mut crate::object::str::PyUnicode_Type).cast(),
            "int" => (&raw mut crate::object::int::PyLong_Type).cast(),
            "constant" => (&raw mut crate::object::object::PyBaseObject_Type).cast(),
            node => dict::get_str(crate::object::module::dict_of(module), node),
        };
        match f.card {
            Card::One => Ok(Owned::from_borrowed(base)),
            Card::Opt => {
                crate::runtime::errors::check(crate::capi::number::PyNumber_Or(base, none::none()))
            }
            Card::Seq => crate::object::genericalias::new(
                (&raw mut crate::object::list::PyList_Type).cast(),
                base,
            ),
        }
    }
}

/// Creates class `name(base)` with namespace `ns` and adds it to `module`.
unsafe fn make_class(
    module: *mut PyObject,
    name: &str,
    base: *mut PyObject,
    ns: &Owned,
) -> PyResult<()> {
    // SAFETY: all arguments are live objects.
    unsafe {
        put(ns.as_ptr(), "__module__", crate::interned!("ast"))?;
        let args = tuple::pack(&[
            pystr::from_str(name)?.as_ptr(),
            tuple::pack(&[base])?.as_ptr(),
            ns.as_ptr(),
        ])?;
        let cls = protocol::call(
            (&raw mut crate::object::typeobj::PyType_Type).cast(),
            args.as_ptr(),
            null_mut(),
        )?;
        put(crate::object::module::dict_of(module), name, cls.as_ptr())
    }
}

/// Adds the position attributes' class defaults (`end_lineno` and
/// `end_col_offset` are optional) and `_attributes` to `ns`.
unsafe fn add_attributes(ns: &Owned, attrs: Attrs) -> PyResult<()> {
    // SAFETY: ns is a dict.
    unsafe {
        let names = if attrs == Attrs::None {
            &[][..]
        } else {
            &ATTRIBUTES[..]
        };
        put(
            ns.as_ptr(),
            "_attributes",
            str_tuple(names.iter().copied())?.as_ptr(),
        )?;
        if attrs == Attrs::LocatedOptionalEnd {
            put(ns.as_ptr(), "end_lineno", none::none())?;
            put(ns.as_ptr(), "end_col_offset", none::none())?;
        }
        Ok(())
    }
}

/// Creates the concrete node class of signature `sig` under `base`.
unsafe fn make_node(
    module: *mut PyObject,
    sig: &'static str,
    base: *mut PyObject,
    attributes: Option<Attrs>,
) -> PyResult<()> {
    // SAFETY: module is being built; base is a node class.
    unsafe {
        let (name, fields) = parse_signature(sig);
        let ns = dict::new()?;
        put(ns.as_ptr(), "__doc__", pystr::from_str(sig)?.as_ptr())?;
        let names = str_tuple(fields.iter().map(|f| f.name))?;
        put(ns.as_ptr(), "_fields", names.as_ptr())?;
        put(ns.as_ptr(), "__match_args__", names.as_ptr())?;
        let types = dict::new()?;
        for f in &fields {
            put(types.as_ptr(), f.name, field_type(f, module)?.as_ptr())?;
            if f.card == Card::Opt {
                put(ns.as_ptr(), f.name, none::none())?;
            }
        }
        put(ns.as_ptr(), "_field_types", types.as_ptr())?;
        put(ns.as_ptr(), "__annotations__", types.as_ptr())?;
        if let Some(attrs) = attributes {
            add_attributes(&ns, attrs)?;
        }
        make_class(module, name, base, &ns)
    }
}

/// The `__doc__` of a sum type: `expr = BoolOp(...)` with one constructor
/// per line, or all on one line when none has fields.
fn sum_doc(name: &str, ctors: &[&str]) -> String {
    let sep = if ctors.iter().any(|c| c.contains('(')) {
        format!("\n{}| ", " ".repeat(name.len() + 1))
    } else {
        " | ".to_string()
    };
    format!("{name} = {}", ctors.join(&sep))
}

/// Builds the `_ast` module.
unsafe fn create() -> PyResult<Owned> {
    // SAFETY: the AST type is static; everything else is created here.
    unsafe {
        let m = crate::modules::new_module("_ast", (&raw mut METHODS).cast())?;
        let ast = &raw mut node::AST_TYPE;
        crate::object::typeobj::ready(ast)?;
        let ast_dict = (*ast).tp_dict;
        let empty = tuple::empty();
        put(ast_dict, "_fields", empty.as_ptr())?;
        put(ast_dict, "_attributes", empty.as_ptr())?;
        put(ast_dict, "__match_args__", empty.as_ptr())?;
        put(ast_dict, "__module__", crate::interned!("ast"))?;
        crate::object::typeobj::modified(ast);
        let md = crate::object::module::dict_of(m.as_ptr());
        put(md, "AST", ast.cast())?;
        // Abstract classes first: fields refer to them.
        for &(name, attrs, ctors) in SUMS {
            let ns = dict::new()?;
            put(
                ns.as_ptr(),
                "__doc__",
                pystr::from_str(&sum_doc(name, ctors))?.as_ptr(),
            )?;
            put(ns.as_ptr(), "_fields", empty.as_ptr())?;
            put(ns.as_ptr(), "__match_args__", empty.as_ptr())?;
            add_attributes(&ns, attrs)?;
            make_class(m.as_ptr(), name, ast.cast(), &ns)?;
        }
        for &(sig, attrs) in PRODUCTS {
            make_node(m.as_ptr(), sig, ast.cast(), Some(attrs))?;
        }
        for &(name, _, ctors) in SUMS {
            let base = dict::get_str(md, name);
            for &sig in ctors {
                make_node(m.as_ptr(), sig, base, None)?;
            }
        }
        for (name, value) in [
            ("PyCF_ONLY_AST", PYCF_ONLY_AST),
            ("PyCF_TYPE_COMMENTS", PYCF_TYPE_COMMENTS),
            ("PyCF_ALLOW_TOP_LEVEL_AWAIT", PYCF_ALLOW_TOP_LEVEL_AWAIT),
            ("PyCF_OPTIMIZED_AST", PYCF_OPTIMIZED_AST),
        ] {
            put(md, name, int::from_i64(value)?.as_ptr())?;
        }
        Ok(m)
    }
}

static mut METHODS: [PyMethodDef; 1] = [crate::object::descr::METHOD_END];

/// `PyInit__ast`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: called once per interpreter by the import system.
    match unsafe { create() } {
        Ok(m) => m.into_raw(),
        Err(_) => null_mut(),
    }
}

/// The flags `compile()` accepts: the `__future__` features and the
/// `PyCF_*` bits (`PyCF_MASK | PyCF_MASK_OBSOLETE | PyCF_COMPILE_MASK`).
const VALID_FLAGS: i64 = 0x1fe_0000
    | 0x10
    | 0x200
    | 0x800
    | 0x4000
    | PYCF_TYPE_COMMENTS
    | PYCF_ALLOW_TOP_LEVEL_AWAIT
    | PYCF_OPTIMIZED_AST;

/// `compile(source, filename, mode, flags)` once the arguments are bound:
/// source text or bytes to a code object or (with `PyCF_ONLY_AST`) to an
/// AST; an AST object to a code object. `optimize` as `compile()`'s:
/// -1 is the interpreter's level, 0 keeps asserts, 1 drops them, 2 also
/// docstrings.
///
/// # Safety
/// `source` is a live object.
pub unsafe fn compile(
    source: *mut PyObject,
    filename: &str,
    mode: &str,
    flags: i64,
    optimize: i32,
) -> PyResult<Owned> {
    use ferrython_compiler::CompileMode;
    if flags & !VALID_FLAGS != 0 {
        return Err(crate::runtime::errors::value_error(
            "compile(): unrecognised flags",
        ));
    }
    let only_ast = flags & PYCF_ONLY_AST != 0;
    let cmode = match mode {
        "exec" => Some(CompileMode::Exec),
        "eval" => Some(CompileMode::Eval),
        "single" => Some(CompileMode::Single),
        "func_type" if only_ast => None,
        "func_type" => {
            return Err(crate::runtime::errors::value_error(
                "compile() mode 'func_type' requires flag PyCF_ONLY_AST",
            ))
        }
        _ => {
            return Err(crate::runtime::errors::value_error(
                "compile() mode must be 'exec', 'eval' or 'single'",
            ))
        }
    };
    // SAFETY: source is a live object.
    unsafe {
        if is_ast(source) {
            return from_py::compile(source, filename, mode, flags, optimize);
        }
        let text = if pystr::check(source) {
            let text = pystr::as_str(source)?;
            crate::runtime::source_text::reject_nul(text.as_bytes())?;
            std::borrow::Cow::Borrowed(text)
        } else if crate::object::bytes::check(source) {
            std::borrow::Cow::Owned(crate::runtime::source_text::decode(
                crate::object::bytes::as_slice(source),
                filename,
                crate::runtime::source_text::Origin::String,
            )?)
        } else if crate::object::buffer::check(source) {
            // Any other bytes-like object (bytearray, memoryview).
            let view = crate::object::buffer::Guard::new(source, 0)?;
            std::borrow::Cow::Owned(crate::runtime::source_text::decode(
                view.as_slice(),
                filename,
                crate::runtime::source_text::Origin::String,
            )?)
        } else {
            return Err(crate::runtime::errors::type_error(
                "compile() arg 1 must be a string, bytes or AST object",
            ));
        };
        if flags & PYCF_OPTIMIZED_AST == PYCF_OPTIMIZED_AST {
            return Err(crate::runtime::errors::not_implemented_error(
                "compile(): PyCF_OPTIMIZED_AST (a constant-folded AST) is not supported",
            ));
        }
        if flags & PYCF_TYPE_COMMENTS != 0 {
            return Err(crate::runtime::errors::not_implemented_error(
                "compile(): PyCF_TYPE_COMMENTS (type comments in the AST) is not supported",
            ));
        }
        match cmode {
            Some(m) if only_ast => to_py::parse(&text, filename, m),
            Some(m) => {
                // The future features, top-level await, and the parser's
                // PyCF_DONT_IMPLY_DEDENT / PyCF_ALLOW_INCOMPLETE_INPUT.
                let code_flags =
                    (flags & (0x1fe_0000 | PYCF_ALLOW_TOP_LEVEL_AWAIT | 0x200 | 0x4000)) as u32;
                crate::runtime::run::compile_with(&text, filename, m, code_flags, optimize)
            }
            None => to_py::parse_func_type(&text, filename),
        }
    }
}
