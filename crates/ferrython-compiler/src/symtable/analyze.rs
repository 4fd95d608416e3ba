//! Pass 2 of the symbol table: resolve every name to its scope and turn
//! locals needed by inner scopes into cells.

use std::collections::HashSet;

use super::*;

/// Resolve names of table `i` given the names bound in enclosing function
/// scopes (`bound`) and the explicit globals visible (`global`). Returns the
/// set of names free in this scope or its children (to be provided by an
/// enclosing scope).
pub(super) fn analyze(
    st: &mut SymbolTables,
    i: usize,
    bound: &HashSet<String>,
    global: &HashSet<String>,
    err: &mut Option<(String, (u32, u32))>,
) -> HashSet<String> {
    let kind = st.tables[i].kind;
    let mut local: HashSet<String> = HashSet::new();
    let mut new_global = global.clone();
    let mut free: HashSet<String> = HashSet::new();
    let n = st.tables[i].symbols.len();
    for si in 0..n {
        let (name, flags) = {
            let s = &st.tables[i].symbols[si];
            (s.name.clone(), s.flags)
        };
        let scope = if flags & DEF_GLOBAL != 0 {
            new_global.insert(name.clone());
            NameScope::GlobalExplicit
        } else if flags & DEF_NONLOCAL != 0 {
            if !bound.contains(&name) && err.is_none() && flags & DEF_COMP_WALRUS == 0 {
                let at = st.tables[i].symbols[si].decl_at.unwrap_or((0, 0));
                *err = Some((format!("no binding for nonlocal '{name}' found"), at));
            }
            free.insert(name.clone());
            NameScope::Free
        } else if flags & DEF_BOUND != 0 {
            local.insert(name.clone());
            new_global.remove(&name);
            NameScope::Local
        } else if bound.contains(&name) {
            free.insert(name.clone());
            NameScope::Free
        } else {
            NameScope::GlobalImplicit
        };
        st.tables[i].symbols[si].scope = scope;
    }
    // What children see as bound in enclosing function scopes.
    let mut new_bound = bound.clone();
    match kind {
        ScopeKind::Class => {
            new_bound.insert("__class__".into());
            new_bound.insert("__classdict__".into());
            if st.tables[i].has_conditional_annotations {
                new_bound.insert("__conditional_annotations__".into());
            }
        }
        ScopeKind::Module => {}
        _ => {
            for l in &local {
                new_bound.insert(l.clone());
            }
        }
    }
    // A class's own declarations do not reach the functions in it: they
    // see the names as they are around the class.
    let child_global = if kind == ScopeKind::Class {
        global
    } else {
        for s in &st.tables[i].symbols {
            if s.scope == NameScope::GlobalExplicit {
                new_bound.remove(&s.name);
            }
        }
        &new_global
    };
    let children = st.tables[i].children.clone();
    let mut child_free: HashSet<String> = HashSet::new();
    let mut inlined_cells: HashSet<String> = HashSet::new();
    for c in children {
        let mut f = analyze(st, c, &new_bound, child_global, err);
        let ct = &st.tables[c];
        if ct.kind == ScopeKind::Comprehension
            && !ct.is_generator
            && !st.tables[i].can_see_class_scope
        {
            inline_comprehension(st, i, c, &mut f, &mut inlined_cells);
        }
        child_free.extend(f);
    }
    // Locals needed by children become cells; other needs pass through.
    let t = &mut st.tables[i];
    if kind == ScopeKind::Class {
        if child_free.remove("__class__") {
            t.needs_class_closure = true;
        }
        if child_free.remove("__classdict__") {
            t.needs_classdict = true;
        }
        child_free.remove("__conditional_annotations__");
    }
    for name in child_free {
        match t.index.get(&name).copied() {
            Some(si) => {
                let s = &mut t.symbols[si];
                match s.scope {
                    NameScope::Local if kind.is_function_like() => s.scope = NameScope::Cell,
                    NameScope::Local | NameScope::GlobalExplicit | NameScope::GlobalImplicit
                        if kind == ScopeKind::Class =>
                    {
                        s.flags |= DEF_FREE_CLASS;
                        free.insert(name);
                    }
                    NameScope::Free => {
                        free.insert(name);
                    }
                    NameScope::GlobalImplicit if kind.is_function_like() => {
                        // A child found it in `bound` through us: free here too.
                        s.scope = NameScope::Free;
                        free.insert(name);
                    }
                    _ => {}
                }
            }
            None => {
                if kind != ScopeKind::Module {
                    t.add(&name, 0);
                    let si = t.index[&name];
                    t.symbols[si].scope = NameScope::Free;
                    if kind == ScopeKind::Class {
                        t.symbols[si].flags |= DEF_FREE_CLASS;
                    }
                    free.insert(name);
                }
            }
        }
    }
    // Cells of inlined comprehensions are cells of this scope too.
    for name in inlined_cells {
        if let Some(&si) = t.index.get(&name) {
            let s = &mut t.symbols[si];
            if kind.is_function_like() {
                if s.scope == NameScope::Local {
                    s.scope = NameScope::Cell;
                }
            } else {
                s.flags |= DEF_COMP_CELL;
            }
        }
    }
    free
}

/// Merge the names of comprehension `comp` (already analyzed) into its
/// parent `parent`, as CPython's `inline_comprehension` does: names the
/// parent lacks are copied with the comprehension's scope; a name free in
/// the comprehension that the parent function binds stops being free
/// unless a scope nested in the comprehension needs it.
fn inline_comprehension(
    st: &mut SymbolTables,
    parent: usize,
    comp: usize,
    comp_free: &mut HashSet<String>,
    inlined_cells: &mut HashSet<String>,
) {
    let pkind = st.tables[parent].kind;
    let symbols = st.tables[comp].symbols.clone();
    for s in symbols {
        if s.flags & DEF_PARAM != 0 {
            continue;
        }
        if s.scope == NameScope::Cell || s.flags & DEF_COMP_CELL != 0 {
            inlined_cells.insert(s.name.clone());
        }
        let existing = st.tables[parent].lookup(&s.name).map(|p| p.flags);
        match existing {
            None => {
                let p = &mut st.tables[parent];
                p.add(&s.name, s.flags & !DEF_COMP_CELL);
                let si = p.index[&s.name];
                p.symbols[si].scope = s.scope;
            }
            Some(flags) => {
                if flags & DEF_BOUND != 0
                    && pkind != ScopeKind::Class
                    && !is_free_in_any_child(st, comp, &s.name)
                {
                    comp_free.remove(&s.name);
                }
            }
        }
    }
    let ct = &st.tables[comp];
    let awaits = ct.is_coroutine || ct.has_await;
    st.tables[comp].comp_inlined = true;
    if awaits {
        st.tables[parent].has_await = true;
    }
}

/// Whether a scope directly inside `table` has `name` free.
fn is_free_in_any_child(st: &SymbolTables, table: usize, name: &str) -> bool {
    st.tables[table]
        .children
        .iter()
        .any(|&c| st.tables[c].scope_of(name) == NameScope::Free)
}
