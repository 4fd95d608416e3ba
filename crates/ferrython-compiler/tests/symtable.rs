//! Symbol tables compared with CPython 3.13's `symtable` module.

#[path = "data/cpython_symtables.rs"]
mod cpython;

use ferrython_compiler::parse::{parse, ParseMode};
use ferrython_compiler::symtable::{symtable, SymbolTables};

/// Our tables in the `symtable`-module format. CPython 3.13 inlines list,
/// set and dict comprehensions (PEP 709) into the enclosing scope and its
/// `symtable` module reports them that way; Ferrython keeps them as nested
/// scopes, so for the comparison their names are merged into the parent
/// the way CPython's inlining does (iteration variables become locals of
/// the parent, `.0` disappears).
fn dump(t: &SymbolTables) -> String {
    let mut out = String::new();
    dump_table(t, 0, &mut out);
    out
}

fn merged_symbols(t: &SymbolTables, i: usize) -> Vec<(String, String)> {
    use ferrython_compiler::symtable::NameScope::*;
    let table = &t.tables[i];
    let mut syms: Vec<(String, String)> = table
        .symbols
        .iter()
        .map(|s| {
            let sc = match s.scope {
                Local => "local",
                GlobalExplicit => "global_explicit",
                GlobalImplicit => "global_implicit",
                Free => "free",
                Cell => "cell",
            };
            (s.name.clone(), sc.to_string())
        })
        .collect();
    for &c in &table.children {
        let ct = &t.tables[c];
        if is_inlined(&ct.name) {
            for (n, sc) in merged_symbols(t, c) {
                if n == ".0" || syms.iter().any(|(m, _)| *m == n) {
                    continue;
                }
                let sc = if sc == "free" && table.kind.is_function_like() {
                    "local".to_string()
                } else {
                    sc
                };
                syms.push((n, sc));
            }
        }
    }
    // A cell needed only by inlined comprehensions is a plain local in CPython.
    for (n, sc) in syms.iter_mut() {
        if sc == "cell" && !needed_by_nested(t, i, n) {
            *sc = "local".to_string();
        }
    }
    syms.sort();
    syms
}

/// Whether a non-inlined nested scope of table `i` uses `name` as free.
fn needed_by_nested(t: &SymbolTables, i: usize, name: &str) -> bool {
    t.tables[i].children.iter().any(|&c| {
        let ct = &t.tables[c];
        if is_inlined(&ct.name) {
            needed_by_nested(t, c, name)
        } else {
            ct.lookup(name).is_some()
        }
    })
}

fn is_inlined(name: &str) -> bool {
    matches!(name, "<listcomp>" | "<setcomp>" | "<dictcomp>")
}

fn dump_table(t: &SymbolTables, i: usize, out: &mut String) {
    let table = &t.tables[i];
    let name = table
        .name
        .strip_prefix("<generic parameters of ")
        .and_then(|n| n.strip_suffix('>'))
        .unwrap_or(&table.name)
        .trim_start_matches('<')
        .trim_end_matches('>');
    out.push_str(name);
    out.push(':');
    for (n, sc) in merged_symbols(t, i) {
        out.push_str(&format!(" {n}={sc}"));
    }
    out.push('\n');
    for &c in &table.children {
        // Comprehensions are merged above; `__annotate__` scopes are 3.14
        // (PEP 649) and do not exist in CPython 3.13.
        if !is_inlined(&t.tables[c].name) && t.tables[c].name != "__annotate__" {
            dump_table(t, c, out);
        }
    }
}

#[test]
fn symbol_tables_match_cpython() {
    let mut failures = Vec::new();
    for &(src, expected) in cpython::CASES {
        let ast = parse(src, ParseMode::Exec, "<s>").unwrap();
        let tables = symtable(&ast, "<s>").unwrap();
        let ours = dump(&tables);
        if ours != expected {
            failures.push(format!("{src}\n--- ours\n{ours}--- cpython\n{expected}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
