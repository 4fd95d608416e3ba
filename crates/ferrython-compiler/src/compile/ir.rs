//! The compiler's intermediate form: a flat list of instructions with
//! symbolic jump labels, per code object being built.

use std::collections::{HashMap, HashSet};

use crate::bytecode::{fast_kind, Constant, Opcode};
use crate::parse::Location;
use crate::symtable::{NameScope, ScopeKind, SymbolTable};

/// A jump target, bound to an instruction index with `Unit::bind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Label(pub u32);

/// One instruction before assembly.
#[derive(Clone, Debug)]
pub(crate) struct Instr {
    pub op: Opcode,
    pub arg: u32,
    pub target: Option<Label>,
    pub loc: Location,
    /// Innermost exception handler (index into `Unit::handlers`).
    pub handler: Option<u32>,
    /// This is a zero-size marker recording where handler `setup` starts
    /// (for stack depth analysis); dropped by the assembler.
    pub setup: Option<u32>,
}

/// An exception handler: where to go and what the eval loop pushes.
#[derive(Clone, Debug)]
pub(crate) struct Handler {
    pub target: Label,
    pub lasti: bool,
    pub depth_adjust: i32,
}

/// A frame block: the control structures `break`/`continue`/`return` must
/// unwind through (CPython's `fblockinfo`).
#[derive(Clone, Debug)]
pub(crate) enum FBlock<'a> {
    WhileLoop {
        start: Label,
        exit: Label,
    },
    ForLoop {
        start: Label,
        exit: Label,
    },
    TryExcept,
    FinallyTry {
        body: &'a [ruff_python_ast::Stmt],
    },
    FinallyEnd,
    With {
        is_async: bool,
        /// The `with` item, whose line the exit call on a jump out has.
        range: ruff_text_size::TextRange,
    },
    HandlerCleanup {
        name: Option<String>,
    },
    /// An `except*` handler body: no break/continue/return allowed.
    ExceptStar,
    PopValue,
}

/// A code object under construction.
pub(crate) struct Unit<'a> {
    pub table: usize,
    pub name: String,
    pub qualname: String,
    pub firstlineno: u32,
    pub private: Option<String>,
    pub instrs: Vec<Instr>,
    pub labels: Vec<Option<usize>>,
    pub consts: Vec<Constant>,
    consts_index: HashMap<String, u32>,
    pub names: Vec<String>,
    names_index: HashMap<String, u32>,
    pub localsplus: Vec<String>,
    pub kinds: Vec<u8>,
    localsplus_index: HashMap<String, u32>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub loc: Location,
    pub handlers: Vec<Handler>,
    pub handler_stack: Vec<u32>,
    pub fblocks: Vec<(FBlock<'a>, usize)>,
    /// Parameters that are never deleted: `LOAD_FAST` is safe for them.
    pub safe_fast: HashSet<String>,
    /// Unsafe (possibly unbound) locals: every non-parameter local.
    pub deleted: HashSet<String>,
    /// Number of parameters (the first slots of localsplus).
    pub nparams: usize,
    /// For each enclosing `finally` body being compiled, how many loops
    /// were open when it started (PEP 765 warnings).
    pub finally_loops: Vec<usize>,
    /// Index in `__conditional_annotations__` of each annotated assignment
    /// (by the statement's start offset) that `__annotate__` reports only
    /// once it has run.
    pub conditional_annotations: HashMap<u32, u32>,
    /// How many inlined comprehensions (PEP 709) are being compiled.
    pub inline_depth: u32,
    /// Names whose scope inside the inlined comprehension being compiled
    /// differs from the scope of this unit.
    pub comp_scopes: HashMap<String, NameScope>,
    /// Names of a module or class body that an inlined comprehension binds:
    /// fast locals while it runs.
    pub fast_hidden: HashSet<String>,
    /// Local slots of names that also have a free-variable slot (a
    /// comprehension binding a name the enclosing code gets from outside).
    shadow_locals: HashMap<String, u32>,
}

impl<'a> Unit<'a> {
    pub fn new(
        t: &SymbolTable,
        table: usize,
        name: &str,
        qualname: String,
        firstlineno: u32,
        private: Option<String>,
    ) -> Unit<'a> {
        let mut u = Unit {
            table,
            name: name.to_string(),
            qualname,
            firstlineno,
            private,
            instrs: Vec::new(),
            labels: Vec::new(),
            consts: Vec::new(),
            consts_index: HashMap::new(),
            names: Vec::new(),
            names_index: HashMap::new(),
            localsplus: Vec::new(),
            kinds: Vec::new(),
            localsplus_index: HashMap::new(),
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            flags: 0,
            loc: Location {
                lineno: firstlineno,
                end_lineno: firstlineno,
                col: 0,
                end_col: 0,
            },
            handlers: Vec::new(),
            handler_stack: Vec::new(),
            fblocks: Vec::new(),
            safe_fast: HashSet::new(),
            deleted: HashSet::new(),
            nparams: 0,
            finally_loops: Vec::new(),
            conditional_annotations: HashMap::new(),
            inline_depth: 0,
            comp_scopes: HashMap::new(),
            fast_hidden: HashSet::new(),
            shadow_locals: HashMap::new(),
        };
        // Register parameters, cells and free variables now; other locals
        // are registered at first use (CPython's `co_varnames` order) and
        // the assembler lays everything out (see `assemble::layout_locals`).
        if t.kind.is_function_like() {
            for p in &t.params {
                let is_cell = t.scope_of(p) == NameScope::Cell;
                u.push_local(
                    p,
                    fast_kind::LOCAL | if is_cell { fast_kind::CELL } else { 0 },
                );
                u.safe_fast.insert(p.clone());
            }
        }
        u.nparams = u.localsplus.len();
        // Cells that are not parameters come after the locals, sorted by
        // name as CPython orders `co_cellvars`.
        let mut cells: Vec<&str> = t
            .symbols
            .iter()
            .filter(|s| {
                !u.localsplus_index.contains_key(&s.name)
                    && (s.scope == NameScope::Cell
                        && (t.kind.is_function_like()
                            || s.name == "__class__"
                            || s.name == "__classdict__")
                        || s.flags & crate::symtable::DEF_COMP_CELL != 0)
            })
            .map(|s| s.name.as_str())
            .collect();
        cells.sort();
        for c in cells {
            u.push_local(c, fast_kind::CELL);
        }
        if t.kind == ScopeKind::Class {
            if t.needs_class_closure {
                u.push_local("__class__", fast_kind::CELL);
            }
            if t.needs_classdict {
                u.push_local("__classdict__", fast_kind::CELL);
            }
            if t.has_conditional_annotations {
                u.push_local("__conditional_annotations__", fast_kind::CELL);
            }
        }
        let mut free: Vec<&str> = t
            .symbols
            .iter()
            .filter(|s| {
                s.scope == NameScope::Free
                    || (t.kind == ScopeKind::Class
                        && s.flags & crate::symtable::DEF_FREE_CLASS != 0)
            })
            .map(|s| s.name.as_str())
            .collect();
        free.sort();
        for f in free {
            if !u.localsplus_index.contains_key(f) {
                u.push_local(f, fast_kind::FREE);
            }
        }
        u
    }

    fn push_local(&mut self, name: &str, kind: u8) -> u32 {
        let i = self.localsplus.len() as u32;
        self.localsplus.push(name.to_string());
        self.kinds.push(kind);
        self.localsplus_index.insert(name.to_string(), i);
        i
    }

    /// A local the symbol table did not know about.
    pub fn add_local(&mut self, name: &str) -> u32 {
        self.push_local(name, fast_kind::LOCAL)
    }

    /// The local (not free) slot of `name`: a name that is only a free
    /// variable here gets a second, plain local slot (as CPython keeps
    /// `co_varnames` and `co_freevars` apart).
    pub fn local_slot(&mut self, name: &str) -> u32 {
        match self.localsplus_index(name) {
            Some(i) if self.kinds[i as usize] & fast_kind::FREE == 0 => i,
            Some(_) => {
                if let Some(&i) = self.shadow_locals.get(name) {
                    return i;
                }
                let i = self.localsplus.len() as u32;
                self.localsplus.push(name.to_string());
                self.kinds.push(fast_kind::LOCAL);
                self.shadow_locals.insert(name.to_string(), i);
                i
            }
            None => self.add_local(name),
        }
    }

    pub fn localsplus_index(&self, name: &str) -> Option<u32> {
        self.localsplus_index.get(name).copied()
    }

    /// `LOAD_FAST` (no unbound check) is safe for `name`.
    pub fn fast_safe(&self, name: &str) -> bool {
        self.safe_fast.contains(name) && !self.deleted.contains(name)
    }

    pub fn emit(&mut self, op: Opcode, arg: u32, target: Option<Label>) {
        let handler = self.handler_stack.last().copied();
        self.instrs.push(Instr {
            op,
            arg,
            target,
            loc: self.loc,
            handler,
            setup: None,
        });
    }

    pub fn new_label(&mut self) -> Label {
        self.labels.push(None);
        Label(self.labels.len() as u32 - 1)
    }

    pub fn bind(&mut self, l: Label) {
        self.labels[l.0 as usize] = Some(self.instrs.len());
    }

    pub fn push_handler(&mut self, target: Label, lasti: bool, depth_adjust: i32) {
        let id = self.handlers.len() as u32;
        self.handlers.push(Handler {
            target,
            lasti,
            depth_adjust,
        });
        let handler = self.handler_stack.last().copied();
        self.instrs.push(Instr {
            op: Opcode::NOP,
            arg: 0,
            target: None,
            loc: self.loc,
            handler,
            setup: Some(id),
        });
        self.handler_stack.push(id);
    }

    pub fn add_const(&mut self, c: Constant) -> u32 {
        if matches!(c, Constant::Code(_)) {
            self.consts.push(c);
            return self.consts.len() as u32 - 1;
        }
        // The Debug form tells 1, 1.0, True and -0.0 apart, like CPython's
        // constant cache keys.
        let key = format!("{c:?}");
        if let Some(&i) = self.consts_index.get(&key) {
            return i;
        }
        let i = self.consts.len() as u32;
        self.consts.push(c);
        self.consts_index.insert(key, i);
        i
    }

    pub fn add_name(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.names_index.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.to_string());
        self.names_index.insert(name.to_string(), i);
        i
    }
}
