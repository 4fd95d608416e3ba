//! `cargo run --example dis -- FILE [exec|eval|single]`: print our disassembly.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("usage: dis FILE [mode]");
    let mode = match args.get(2).map(|s| s.as_str()) {
        Some("eval") => ferrython_compiler::CompileMode::Eval,
        Some("single") => ferrython_compiler::CompileMode::Single,
        _ => ferrython_compiler::CompileMode::Exec,
    };
    let bytes = std::fs::read(path).expect("read");
    match ferrython_compiler::compile_bytes(&bytes, path, mode, 0, 0) {
        Ok(code) => print!("{}", ferrython_compiler::disassemble(&code)),
        Err(e) => {
            println!(
                "{}: {} (line {}, offset {}, end {} {})",
                e.kind.name(),
                e.msg,
                e.lineno,
                e.offset,
                e.end_lineno,
                e.end_offset
            );
            std::process::exit(1);
        }
    }
}
