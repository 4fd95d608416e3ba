//! Code objects made straight from a bytecode cache file: the objects are
//! built from the file's bytes as `ferrython_compiler::cache::read_with`
//! decodes them (the role of CPython's `marshal` reader for `.pyc`
//! files), with no intermediate compiler `CodeObject`: each name of the
//! file interned once, and one file name object shared by every code
//! object of the module.
use crate::ffi::PyObject;
use crate::object::{str as pystr, tuple};
use crate::runtime::errors::{PyResult, Raised};
use crate::vm::code::{self, CodeData};
use crate::vm::line_table::LineTable;
use crate::Owned;
use ferrython_compiler::cache::{self, Build, CodeParts, Leaf, SourceStamp};

/// Builds code objects for [`load`]; remembers a raised exception.
struct Loader {
    filename: Owned,
    raised: Option<Raised>,
}

impl Loader {
    fn ok(&mut self, r: PyResult<Owned>) -> Option<Owned> {
        r.map_err(|e| self.raised = Some(e)).ok()
    }
}

impl Build for Loader {
    type Const = Owned;
    /// Interned, so immortal.
    type Name = *mut PyObject;

    fn name(&mut self, name: &str) -> Option<*mut PyObject> {
        Some(pystr::intern(name))
    }

    fn leaf(&mut self, leaf: Leaf<'_>) -> Option<Owned> {
        self.ok(code::leaf(leaf))
    }

    fn tuple(&mut self, items: Vec<Owned>) -> Option<Owned> {
        self.ok(tuple::from_vec(items))
    }

    fn frozenset(&mut self, items: Vec<Owned>) -> Option<Owned> {
        self.ok(code::frozenset_constant(items))
    }

    fn code(&mut self, p: CodeParts<'_, Owned, *mut PyObject>) -> Option<Owned> {
        let qualname = match pystr::from_str(p.qualname) {
            Ok(q) => q,
            Err(e) => {
                self.raised = Some(e);
                return None;
            }
        };
        let (ncells, nfrees) = code::cell_counts(p.localspluskinds);
        let mut units = p.code;
        ferrython_compiler::bytecode::clear_caches(&mut units);
        let d = Box::new(CodeData {
            argcount: p.argcount,
            posonlyargcount: p.posonlyargcount,
            kwonlyargcount: p.kwonlyargcount,
            flags: p.flags,
            firstlineno: p.firstlineno,
            stacksize: p.stacksize,
            code: units,
            consts: p.consts.into_iter().map(Owned::into_raw).collect(),
            names: p.names,
            localsplusnames: p.localsplusnames,
            localspluskinds: p.localspluskinds.to_vec(),
            name: Owned::from_borrowed_static(p.name),
            qualname,
            filename: self.filename.clone(),
            linetable: LineTable::packed(p.linetable),
            exceptiontable: p.exceptiontable,
            ncells,
            nfrees,
            line_starts: std::cell::OnceCell::new(),
        });
        self.ok(code::wrap(d))
    }
}

/// The module code object in the cache file `bytes`, if it was written
/// by this compiler for the source `stamp` describes and is intact;
/// `filename` becomes every code object's `co_filename`. An exception
/// raised while building the objects is returned as the error.
pub fn load(bytes: &[u8], stamp: SourceStamp, filename: &str) -> PyResult<Option<Owned>> {
    let mut loader = Loader {
        filename: pystr::from_str(filename)?,
        raised: None,
    };
    let code = cache::read_with(bytes, stamp, &mut loader);
    match loader.raised {
        Some(e) => Err(e),
        None => Ok(code),
    }
}
