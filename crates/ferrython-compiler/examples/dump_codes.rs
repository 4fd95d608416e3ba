//! `cargo run --example dump_codes -- FILE...`: one line per code object
//! (`file|qualname|firstlineno|argcount|posonly|kwonly|flags|varnames|cellvars|freevars`),
//! for differential comparison with CPython (a development aid).
use ferrython_compiler::{compile_bytes, CodeObject, CompileMode, Constant};

fn dump(file: &str, c: &CodeObject) {
    println!(
        "{file}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}",
        c.qualname,
        c.firstlineno,
        c.argcount,
        c.posonlyargcount,
        c.kwonlyargcount,
        c.flags,
        c.varnames().join(","),
        c.cellvars().join(","),
        c.freevars().join(","),
        {
            let mut lines: Vec<u32> = c
                .linetable
                .iter()
                .map(|e| e.lineno)
                .filter(|&l| l > 0 && l != ferrython_compiler::bytecode::NO_LINE)
                .collect();
            lines.sort();
            lines.dedup();
            lines
                .iter()
                .map(|l| l.to_string())
                .collect::<Vec<_>>()
                .join(",")
        }
    );
    for k in &c.consts {
        if let Constant::Code(inner) = k {
            dump(file, inner);
        }
    }
}

fn main() {
    for f in std::env::args().skip(1) {
        let bytes = std::fs::read(&f).unwrap();
        if let Ok(code) = compile_bytes(&bytes, &f, CompileMode::Exec, 0, 0) {
            dump(&f, &code);
        }
    }
}
